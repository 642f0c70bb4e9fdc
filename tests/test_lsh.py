"""MinHash LSH candidate search: identical and near-duplicate texts are found, unrelated ones rarely."""

from __future__ import annotations

import itertools
import random

import numpy
import pytest

from doclint import lsh, pair_codes
from doclint.lsh import (
    DEFAULT_PARAMETERS,
    LshParameters,
    agreeing_codes,
    band_codes,
    band_pairs,
    closest_partners,
    candidate_pairs,
    shingle_hashes,
    signatures,
)

ZH_ITEM = (
    "收集医疗图像文本和实验室检测结果等数据 包括数据清洗归一化和特征提取 选择合适的深度学习模型 "
    "如卷积神经网络或循环神经网络 进行模型训练 将训练好的模型部署到医疗设备或在线诊断平台 为医生提供辅助诊断建议"
)
EN_ITEM = (
    "export the click logs and the order history from the data warehouse then apply deduplication and "
    "schema checks fit gradient boosted trees so that it can flag the risky cases early and limit the tree depth to 6"
)


def random_text(generator: random.Random, length: int, alphabet: str) -> str:
    return "".join(generator.choice(alphabet) for _ in range(length))


def pair_set(pairs: numpy.ndarray) -> set[tuple[int, int]]:
    return {(int(first), int(second)) for first, second in pairs.tolist()}


def test_identical_texts_always_candidates() -> None:
    generator = random.Random(3)
    texts = [random_text(generator, 120, "abcdefghij klmnop") for _ in range(20)]
    texts += [texts[4], texts[4], texts[11]]

    pairs = pair_set(candidate_pairs(texts))

    assert {(4, 20), (4, 21), (20, 21), (11, 22)} <= pairs


def test_identical_short_texts_candidates() -> None:
    pairs = pair_set(candidate_pairs(["abc", "xyz", "abc", ""]))

    assert (0, 2) in pairs
    assert (0, 1) not in pairs


def test_near_duplicates_found() -> None:
    near = [
        (ZH_ITEM, ZH_ITEM.replace("收集", "采集").replace("为医生", "向医生")),
        (ZH_ITEM, ZH_ITEM + " 此外定期复盘准确率的变化有助于提升处理效率"),
        (EN_ITEM, EN_ITEM.replace("export", "gather").replace("fit", "train")),
        (EN_ITEM, EN_ITEM + " start with a small pilot in the support console"),
    ]
    texts = [text for pair in near for text in pair]

    pairs = pair_set(candidate_pairs(texts))

    for index in range(len(near)):
        assert (2 * index, 2 * index + 1) in pairs


def test_unrelated_texts_rarely_candidates() -> None:
    generator = random.Random(5)
    texts = [random_text(generator, 200, "abcdefghijklmnopqrstuvwxyz ") for _ in range(300)]

    pairs = candidate_pairs(texts)

    assert len(pairs) <= 5


def test_same_input_same_candidates() -> None:
    generator = random.Random(7)
    base = [random_text(generator, 150, "abcdefgh ") for _ in range(40)]
    texts = base + [text[:100] + random_text(generator, 50, "abcdefgh ") for text in base[:10]]

    first = candidate_pairs(texts)
    second = candidate_pairs(list(texts))

    assert numpy.array_equal(first, second)
    assert numpy.array_equal(signatures(texts), signatures(texts))


def test_threaded_chunks_match_single_texts(monkeypatch) -> None:
    from doclint import lsh

    generator = random.Random(5)
    texts = [random_text(generator, generator.randrange(0, 120), "abc中文 ") for _ in range(60)]
    monkeypatch.setattr(lsh, "_CHUNK_SHINGLES", 200)
    monkeypatch.setattr(lsh.os, "cpu_count", lambda: 4)

    assert len(lsh._text_chunks([len(text) for text in texts])) > 4
    one_by_one = numpy.vstack([signatures([text]) for text in texts])
    assert numpy.array_equal(signatures(texts), one_by_one)


def test_pairs_ordered_and_unique() -> None:
    texts = [ZH_ITEM, EN_ITEM, ZH_ITEM, EN_ITEM + " and more", ZH_ITEM]

    pairs = candidate_pairs(texts)

    assert pairs.dtype == numpy.int64
    assert all(first < second for first, second in pairs.tolist())
    assert len(pair_set(pairs)) == len(pairs)
    assert pairs.tolist() == sorted(pairs.tolist())


def test_signature_estimates_jaccard() -> None:
    generator = random.Random(11)
    first = random_text(generator, 400, "abcdefghijklmnopqrstuvwxyz ")
    second = first[:300] + random_text(generator, 100, "abcdefghijklmnopqrstuvwxyz ")
    shingles = [{text[index : index + 5] for index in range(len(text) - 4)} for text in (first, second)]
    expected = len(shingles[0] & shingles[1]) / len(shingles[0] | shingles[1])

    matrix = signatures([first, second])

    assert matrix.shape == (2, DEFAULT_PARAMETERS.permutations)
    assert matrix.dtype == numpy.uint32
    assert abs(float((matrix[0] == matrix[1]).mean()) - expected) < 0.15


def test_shingle_counts_per_text() -> None:
    hashes, counts = shingle_hashes(["abcdefg", "abc", "", "中文文本的比较"], 5)

    assert counts.tolist() == [3, 1, 0, 3]
    assert hashes.size == 7


def test_same_shingle_same_hash_across_texts() -> None:
    hashes, _counts = shingle_hashes(["xxabcde", "abcdeyy"], 5)

    assert hashes[2] == hashes[3]


def test_band_pairs_rows_that_share_a_band() -> None:
    matrix = numpy.array([[1, 2, 3, 4], [1, 2, 9, 9], [7, 7, 3, 4], [5, 6, 7, 8]], dtype=numpy.uint32)

    pairs = pair_set(band_pairs(matrix, bands=2, rows=2))

    assert pairs == {(0, 1), (0, 2)}


def test_band_pairs_match_every_pair_check() -> None:
    generator = numpy.random.default_rng(4)
    matrix = generator.integers(0, 3, size=(60, 6), dtype=numpy.uint32)
    expected = {
        (first, second)
        for first in range(60)
        for second in range(first + 1, 60)
        if any((matrix[first, band * 2 : band * 2 + 2] == matrix[second, band * 2 : band * 2 + 2]).all() for band in range(3))
    }

    pairs = band_pairs(matrix, bands=3, rows=2)

    assert pair_set(pairs) == expected
    assert pairs.tolist() == sorted(pairs.tolist())


def test_agreeing_codes_match_every_pair_check(monkeypatch) -> None:
    # Small chunks, so that kept codes of later chunks move forward over earlier ones.
    monkeypatch.setattr(lsh, "_CHUNK_PAIRS", 7)
    generator = numpy.random.default_rng(5)
    matrix = generator.integers(0, 2, size=(40, 10), dtype=numpy.uint32)
    codes = pair_codes.sorted_unique(generator.integers(0, 40 * 40, size=300).astype(numpy.int64))
    codes = codes[codes // 40 < codes % 40]
    expected = [int(code) for code in codes if (matrix[code // 40] == matrix[code % 40]).sum() >= 7]

    filtered = agreeing_codes(codes.copy(), matrix, 0.65)

    assert filtered.tolist() == expected
    assert 0 < len(expected) < len(codes)


def test_min_agreement_drops_only_weak_candidates() -> None:
    generator = random.Random(11)
    bases = [random_text(generator, 200, "abcdefghijklmnop") for _ in range(30)]
    near = [base[:180] + random_text(generator, 20, "qrstuvwxyz") for base in bases]
    # Sharing a fifth of the text gives a Jaccard similarity of about 0.1.
    far = [base[:40] + random_text(generator, 160, "qrstuvwxyz") for base in bases]
    everything = pair_set(candidate_pairs(bases + near + far, LshParameters(bands=32, rows=2)))

    strong = pair_set(candidate_pairs(bases + near + far, LshParameters(bands=32, rows=2, min_agreement=0.5)))

    assert {(index, index + 30) for index in range(30)} <= strong
    assert not {(index, index + 60) for index in range(30)} & strong
    assert {(index, index + 60) for index in range(30)} & everything
    assert strong <= everything


def test_band_pairs_fewer_than_two_rows() -> None:
    for count in range(2):
        pairs = band_pairs(numpy.zeros((count, 8), dtype=numpy.uint32), bands=2, rows=4)

        assert pairs.shape == (0, 2)


def test_copies_of_candidates_all_paired() -> None:
    near = EN_ITEM.replace("export", "gather")
    texts = [EN_ITEM, ZH_ITEM, near, EN_ITEM, near, ZH_ITEM, EN_ITEM]
    english = [0, 2, 3, 4, 6]

    pairs = candidate_pairs(texts)

    assert set(itertools.combinations(english, 2)) <= pair_set(pairs)
    assert (1, 5) in pair_set(pairs)
    assert not pair_set(pairs) & {(first, second) for first in english for second in (1, 5)}
    assert pairs.tolist() == sorted(pairs.tolist())


def test_candidates_with_copies_match_distinct() -> None:
    generator = random.Random(9)
    bases = [random_text(generator, 100, "abcdefghij ") for _ in range(10)]
    variants = [base[:95] + random_text(generator, 5, "klmno") for base in bases]
    texts = [generator.choice(bases + variants) for _ in range(60)]
    unique = list(dict.fromkeys(texts))
    group = [unique.index(text) for text in texts]
    distinct_pairs = pair_set(candidate_pairs(unique))
    expected = {
        (first, second)
        for first in range(len(texts))
        for second in range(first + 1, len(texts))
        if group[first] == group[second] or (min(group[first], group[second]), max(group[first], group[second])) in distinct_pairs
    }

    pairs = candidate_pairs(texts)

    assert pair_set(pairs) == expected
    assert len(pairs) == len(expected)
    assert pairs.tolist() == sorted(pairs.tolist())


def test_candidate_pairs_empty_input() -> None:
    pairs = candidate_pairs([])

    assert pairs.shape == (0, 2)
    assert pairs.dtype == numpy.int64


@pytest.mark.parametrize(("jaccard", "minimum"), [(0.6, 0.98), (0.55, 0.95)])
def test_default_banding_catches_low_jaccard(jaccard: float, minimum: float) -> None:
    assert DEFAULT_PARAMETERS.probability(jaccard) >= minimum


def test_parameters_threshold() -> None:
    parameters = LshParameters(bands=16, rows=8)

    assert parameters.permutations == 128
    assert parameters.threshold == pytest.approx((1 / 16) ** (1 / 8))


ONE_PERMUTATION = LshParameters(scheme="one-permutation")


def test_one_permutation_estimates_jaccard() -> None:
    generator = random.Random(11)
    errors = []
    for _ in range(40):
        first = random_text(generator, generator.randrange(150, 500), "abcdefghijklmnopqrstuvwxyz ")
        cut = generator.randrange(len(first) // 2, len(first))
        second = first[:cut] + random_text(generator, len(first) - cut, "abcdefghijklmnopqrstuvwxyz ")
        shingles = [{text[index : index + 5] for index in range(len(text) - 4)} for text in (first, second)]
        expected = len(shingles[0] & shingles[1]) / len(shingles[0] | shingles[1])
        matrix = signatures([first, second], ONE_PERMUTATION)
        errors.append(abs(float((matrix[0] == matrix[1]).mean()) - expected))

    assert matrix.shape == (2, ONE_PERMUTATION.permutations)
    assert matrix.dtype == numpy.uint32
    assert max(errors) < 0.2
    assert sum(errors) / len(errors) < 0.06


def test_one_permutation_fills_every_bin() -> None:
    matrix = signatures(["收集数据并进行预处理", "abc", "", "x" * 400], ONE_PERMUTATION)

    assert (matrix[[0, 1, 3]] != 0xFFFFFFFF).all()
    assert (matrix[2] == 0xFFFFFFFF).all()


def test_one_permutation_rows_batch_independent(monkeypatch) -> None:
    from doclint import lsh

    generator = random.Random(5)
    texts = [random_text(generator, generator.randrange(0, 120), "abc中文 ") for _ in range(60)]
    monkeypatch.setattr(lsh, "_CHUNK_SHINGLES", 200)

    one_by_one = numpy.vstack([signatures([text], ONE_PERMUTATION) for text in texts])
    assert numpy.array_equal(signatures(texts, ONE_PERMUTATION), one_by_one)


def test_one_permutation_finds_near_duplicates() -> None:
    generator = random.Random(21)
    texts = [random_text(generator, 300, "abcdefghij 模型训练数据") for _ in range(50)]
    texts += [text[:280] + random_text(generator, 20, "klmnop") for text in texts[:10]]

    pairs = pair_set(candidate_pairs(texts, ONE_PERMUTATION))

    assert {(index, 50 + index) for index in range(10)} <= pairs
    assert len(pairs) < 40


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        (LshParameters(scheme="bottom-k"), "unknown LSH scheme 'bottom-k'"),
        (LshParameters(bands=20, rows=5, scheme="one-permutation"), "invalid signature length 100"),
    ],
)
def test_invalid_scheme_parameters(parameters, message) -> None:
    with pytest.raises(ValueError, match=message):
        signatures(["some text here"], parameters)


def small_vocabulary_matrix(count: int, seed: int) -> numpy.ndarray:
    """Signatures with values from a 3-value alphabet, so that most bands put many rows into one bucket."""
    generator = numpy.random.default_rng(seed)
    return generator.integers(0, 3, size=(count, 16)).astype(numpy.uint32)


def test_band_codes_batched_same_as_one_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    matrix = small_vocabulary_matrix(300, seed=5)
    whole = band_codes(matrix, bands=8, rows=2, leaders=10)

    monkeypatch.setattr(lsh, "_CHUNK_BAND_CODES", 50)
    batched = band_codes(matrix, bands=8, rows=2, leaders=10)

    assert batched.tolist() == whole.tolist()
    assert whole.size > 50


def test_band_codes_leaders_of_large_buckets() -> None:
    # Every row has the same signature: one bucket per band, whose first three rows pair with all the others.
    matrix = numpy.zeros((40, 8), dtype=numpy.uint32)

    pairs = pair_set(band_pairs(matrix, bands=2, rows=4, leaders=3))

    assert pairs == {(first, second) for first in range(3) for second in range(first + 1, 40)}


def test_band_codes_without_leaders_all_pairs() -> None:
    matrix = numpy.zeros((40, 8), dtype=numpy.uint32)

    pairs = pair_set(band_pairs(matrix, bands=2, rows=4))

    assert pairs == set(itertools.combinations(range(40), 2))


def test_closest_partners_matches_ranking() -> None:
    matrix = small_vocabulary_matrix(200, seed=3)
    count = matrix.shape[0]
    codes = band_codes(matrix, bands=8, rows=2)
    by_later: dict[int, list[tuple[int, int]]] = {}
    for code in codes.tolist():
        earlier, later = divmod(code, count)
        agreement = int(numpy.count_nonzero(matrix[earlier] == matrix[later]))
        by_later.setdefault(later, []).append((-agreement, earlier))

    for limit in (1, 5, 30):
        expected = sorted(earlier * count + later for later, ranked in by_later.items() for _, earlier in sorted(ranked)[:limit])

        assert closest_partners(codes.copy(), matrix, limit).tolist() == expected


def test_closest_partners_uncrowded_unchanged() -> None:
    matrix = small_vocabulary_matrix(50, seed=4)
    codes = band_codes(matrix, bands=8, rows=2)

    # A later row has at most 49 earlier partners.
    assert closest_partners(codes.copy(), matrix, 49).tolist() == codes.tolist()


def test_band_codes_max_partners_per_later_row() -> None:
    matrix = small_vocabulary_matrix(300, seed=6)
    count = matrix.shape[0]

    codes = band_codes(matrix, bands=8, rows=2, leaders=20, max_partners=7)

    partners = numpy.bincount(codes % count, minlength=count)
    assert partners.max() == 7
    assert codes.tolist() == closest_partners(band_codes(matrix, bands=8, rows=2, leaders=20), matrix, 7).tolist()


def test_many_identical_texts_pair_with_first_copies() -> None:
    texts = [EN_ITEM] * 30 + [ZH_ITEM] * 3
    parameters = LshParameters(leaders=4)

    pairs = pair_set(candidate_pairs(texts, parameters))

    copies = {(first, second) for first in range(4) for second in range(first + 1, 30)}
    assert copies <= pairs
    assert not {(first, second) for first in range(4, 30) for second in range(first + 1, 30)} & pairs
    assert {(30, 31), (30, 32), (31, 32)} <= pairs
    assert not {(first, second) for first in range(30) for second in (30, 31, 32)} & pairs


def test_identical_groups_paired_through_first_copies() -> None:
    near = EN_ITEM.replace("export", "gather")
    texts = [EN_ITEM] * 6 + [near] * 6
    parameters = LshParameters(leaders=2)

    pairs = pair_set(candidate_pairs(texts, parameters))

    assert {(first, second) for first in range(2) for second in range(6, 8)} <= pairs
    assert not {(first, second) for first in range(2, 6) for second in range(6, 12)} & pairs
    assert not {(first, second) for first in range(6) for second in range(8, 12)} & pairs
