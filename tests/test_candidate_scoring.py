"""Scoring of LSH candidates: many identical or near-identical texts keep their best earlier matches, within bounds."""

from __future__ import annotations

import random

from doclint import lsh
from doclint.similarity import SECTION_SEARCH, score_candidates

ANSWER = (
    "export the click logs and the order history from the data warehouse then apply deduplication and "
    "schema checks fit gradient boosted trees so that it can flag the risky cases early"
)
OTHER = (
    "收集医疗图像文本和实验室检测结果等数据 包括数据清洗归一化和特征提取 选择合适的深度学习模型 "
    "如卷积神经网络或循环神经网络 进行模型训练 将训练好的模型部署到医疗设备或在线诊断平台"
)


def test_many_identical_texts_match_first_copies() -> None:
    copies = 3 * lsh.DEFAULT_LEADERS
    strings = [ANSWER] * copies + [OTHER] * 3

    found = {index: scores for index, _earlier, scores in score_candidates(strings, 75.0, SECTION_SEARCH)}

    assert sorted(found) == list(range(1, copies)) + [copies + 1, copies + 2]
    assert SECTION_SEARCH.max_matches is not None
    for index in range(1, copies):
        expected = list(range(min(index, SECTION_SEARCH.max_matches)))
        assert sorted(found[index]) == expected
        assert set(found[index].values()) == {100.0}
    assert found[copies + 2] == {copies: 100.0, copies + 1: 100.0}


def test_small_vocabulary_candidates_bounded() -> None:
    generator = random.Random(1)
    words = ["alpha", "beta", "gamma", "delta", "词语", "测试"]
    strings = [" ".join(generator.choice(words) for _ in range(30)) for _ in range(600)]
    parameters = lsh.LshParameters(scheme=SECTION_SEARCH.scheme, min_agreement=SECTION_SEARCH.min_agreement)

    pairs = lsh.candidate_pairs(strings, parameters)

    partners = {}
    for _earlier, later in pairs.tolist():
        partners[later] = partners.get(later, 0) + 1
    assert max(partners.values()) == lsh.DEFAULT_MAX_PARTNERS
    assert len(pairs) <= lsh.DEFAULT_MAX_PARTNERS * len(strings)
