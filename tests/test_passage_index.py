"""Both passage indexes, numpy and Python sets, against a direct computation over 5-gram strings, as the module docstring of ``doclint.passages`` defines it."""

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doclint import passage_index, passage_sets
from doclint.passage_sets import LATIN_WEIGHT, MIN_SHARED_SHINGLES, SHINGLE
from doclint.text import is_cjk

INDEXES = pytest.mark.parametrize("index_units", [passage_index.index_units, passage_sets.index_units], ids=["numpy", "sets"])

# Phrases that repeat across items, so that some 5-grams become template
# and some units share passages. The single characters vary the rest.
PIECES = ["模型训练与评估", "收集医学数据并预处理", "deploy the service", "abcde", "x", "模", "7", "\U00020000"]
unit_texts = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
documents = st.lists(st.lists(unit_texts, max_size=4), max_size=8)


def direct_shingles(text):
    return {text[start:start + SHINGLE] for start in range(len(text) - SHINGLE + 1)}


def direct_template(texts_by_item):
    distinct = {frozenset().union(*(direct_shingles(text) for text in item)) for item in texts_by_item}
    minimum = direct_template_minimum(len(distinct))
    counts = {}
    for shingles in distinct:
        for shingle in shingles:
            counts[shingle] = counts.get(shingle, 0) + 1
    return {shingle for shingle, count in counts.items() if count >= minimum}


def direct_template_minimum(items):
    """Return max(3, a quarter of the items, min(5, half of the items)), rounding each share up."""
    return max(3, math.ceil(items / 4), min(5, math.ceil(items / 2)))


def direct_weights(text, template):
    covered = [False] * len(text)
    for start in range(len(text) - SHINGLE + 1):
        if text[start:start + SHINGLE] in template:
            covered[start:start + SHINGLE] = [True] * SHINGLE

    weights = []
    for char, hidden in zip(text, covered):
        if hidden:
            weights.append(0.0)
        elif is_cjk(char):
            weights.append(1.0)
        else:
            weights.append(LATIN_WEIGHT)
    return weights


def direct_candidates(texts_by_item, template, min_weight):
    """Return the candidate pairs, with each borrower's own weight summed exactly, because float sums of 1/3 fall short of whole numbers."""
    units = [(item, text) for item, texts in enumerate(texts_by_item) for text in texts]
    candidates = {}
    for number, (item, text) in enumerate(units):
        own = sum(Fraction(1) if weight == 1.0 else Fraction(1, 3) for weight in direct_weights(text, template) if weight)
        if own < Fraction(min_weight):
            continue
        for source_number, (source_item, source_text) in enumerate(units):
            shared = (direct_shingles(text) & direct_shingles(source_text)) - template
            if source_item < item and len(shared) >= MIN_SHARED_SHINGLES:
                candidates.setdefault(number, []).append(source_number)
    return candidates


@INDEXES
@given(documents)
def test_index_weights_match_direct_coverage(index_units, texts_by_item):
    index = index_units(texts_by_item, 16.0)
    template = direct_template(texts_by_item)
    texts = [text for item in texts_by_item for text in item]
    for number, text in enumerate(texts):
        assert index.unit_weights(number) == direct_weights(text, template)


@INDEXES
@given(documents, st.sampled_from([1.0, 5.0, 16.0]))
def test_index_candidates_match_direct_overlaps(index_units, texts_by_item, min_weight):
    index = index_units(texts_by_item, min_weight)
    template = direct_template(texts_by_item)
    assert index.candidates == direct_candidates(texts_by_item, template, min_weight)


@INDEXES
def test_phrase_in_three_distinct_items_is_template(index_units):
    texts_by_item = [["模型训练与评估"], ["模型训练与评估甲"], ["模型训练与评估乙"], ["其他内容"]]
    index = index_units(texts_by_item, 16.0)
    assert index.unit_weights(0) == [0.0] * 7
    assert index.unit_weights(1) == [0.0] * 7 + [1.0]


@pytest.mark.parametrize(
    ("items", "minimum"),
    [(1, 3), (3, 3), (4, 3), (6, 3), (7, 4), (8, 4), (9, 5), (10, 5), (19, 5), (20, 5), (21, 6), (30, 8)],
)
def test_template_min_items_by_bank_size(items, minimum):
    assert passage_sets.template_min_items(items) == minimum
    assert direct_template_minimum(items) == minimum


@INDEXES
def test_sentence_in_four_of_ten_items_is_not_template(index_units):
    pasted = "浅拷贝只复制最外层容器"
    texts_by_item = [[pasted + "甲"], [pasted + "乙"], [pasted + "丙"], [pasted + "丁"]] + [[f"其他内容{n}"] for n in range(6)]
    index = index_units(texts_by_item, 16.0)
    assert index.unit_weights(0) == [1.0] * 12


@INDEXES
def test_sentence_in_five_of_ten_items_is_template(index_units):
    pasted = "浅拷贝只复制最外层容器"
    texts_by_item = [[pasted + suffix] for suffix in "甲乙丙丁戊"] + [[f"其他内容{n}"] for n in range(5)]
    index = index_units(texts_by_item, 16.0)
    assert index.unit_weights(0) == [0.0] * 11 + [1.0]


@INDEXES
def test_identical_items_count_once_for_template(index_units):
    texts_by_item = [["模型训练与评估"], ["模型训练与评估"], ["模型训练与评估乙"], ["其他内容"]]
    index = index_units(texts_by_item, 16.0)
    assert index.unit_weights(0) == [1.0] * 7


@INDEXES
def test_index_borrower_needs_min_weight(index_units):
    passage = "收集医学数据并预处理训练模"
    assert len(passage) == 13
    light = index_units([[passage + "甲乙ab"], [passage + "丙丁ab"]], 16.0)
    assert light.candidates == {}
    heavy = index_units([[passage + "甲乙ab"], [passage + "丙丁abc"]], 16.0)
    assert heavy.candidates == {1: [0]}


@INDEXES
def test_borrower_weight_counted_exactly(index_units):
    # 18 Latin characters and 10 CJK weigh exactly 16, although the float sum is 15.999999999999998.
    texts_by_item = [["收集医学数据并预处理"], ["deploy the service收集医学数据并预处理"]]
    assert sum(index_units(texts_by_item, 16.0).unit_weights(1)) < 16.0
    assert index_units(texts_by_item, 16.0).candidates == {1: [0]}
