import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st

from doclint.shingles import MAX_PAIRS_AT_ONCE, earlier_overlaps, run_starts, text_windows

# Few distinct characters make repeated n-grams likely. The last two are the
# largest code point and one outside the BMP, where packing could overflow.
ALPHABET = "ab模型\U0010ffff\U00020000"
texts = st.lists(st.text(alphabet=ALPHABET, max_size=12), max_size=6)


def direct_windows(texts, size):
    """Return (text, start, n-gram) for every window inside one text, in text order."""
    return [(index, start, text[start:start + size]) for index, text in enumerate(texts) for start in range(len(text) - size + 1)]


@given(texts, st.integers(min_value=1, max_value=6))
def test_windows_stay_inside_texts(group, size):
    windows = text_windows(group, size)
    offsets = numpy.concatenate(([0], numpy.cumsum([len(text) for text in group])))
    found = [(int(text), int(start - offsets[text])) for text, start in zip(windows.text_of_window, windows.starts)]
    assert found == [(text, start) for text, start, _gram in direct_windows(group, size)]


@given(texts, st.integers(min_value=1, max_value=6))
def test_window_ids_equal_when_ngrams_equal(group, size):
    windows = text_windows(group, size)
    grams = [gram for _text, _start, gram in direct_windows(group, size)]
    ids = windows.ids.tolist()
    for first in range(len(grams)):
        for second in range(len(grams)):
            assert (ids[first] == ids[second]) == (grams[first] == grams[second])
    assert windows.count == len(set(grams))
    assert sorted(set(ids)) == list(range(windows.count))


@given(texts, st.integers(min_value=1, max_value=6))
def test_window_order_sorts_by_id_then_window(group, size):
    windows = text_windows(group, size)
    ids = windows.ids.tolist()
    assert windows.order.tolist() == sorted(range(len(ids)), key=lambda window: (ids[window], window))


def test_window_ids_follow_code_point_order():
    windows = text_windows(["ba", "ab"], 2)
    assert windows.ids.tolist() == [1, 0]


def test_short_and_empty_texts_have_no_windows():
    windows = text_windows(["", "abcd", "xy"], 5)
    assert windows.starts.size == 0
    assert windows.count == 0
    assert windows.text_of_char.tolist() == [1, 1, 1, 1, 2, 2]


@pytest.mark.parametrize("size", [0, 7])
def test_window_size_out_of_range_rejected(size):
    with pytest.raises(ValueError, match=f"invalid shingle size {size}"):
        text_windows(["abcdefgh"], size)


owner_sets = st.lists(st.frozensets(st.integers(min_value=0, max_value=9), max_size=8), max_size=8)


@given(owner_sets, st.data(), st.integers(min_value=1, max_value=4), st.sampled_from([1, 3, MAX_PAIRS_AT_ONCE]))
def test_earlier_overlaps_match_set_intersections(sets, data, minimum, max_pairs):
    steps = data.draw(st.lists(st.booleans(), min_size=len(sets), max_size=len(sets)))
    group_of_owner = numpy.cumsum(numpy.array(steps, dtype=numpy.int64))
    entries = sorted((shingle, owner) for owner, shingles in enumerate(sets) for shingle in shingles)
    ids = numpy.array([shingle for shingle, _owner in entries], dtype=numpy.int64)
    owners = numpy.array([owner for _shingle, owner in entries], dtype=numpy.int64)

    later, earlier = earlier_overlaps(ids, owners, group_of_owner, minimum, max_pairs)

    expected = [
        (second, first)
        for second in range(len(sets))
        for first in range(len(sets))
        if group_of_owner[first] < group_of_owner[second] and len(sets[first] & sets[second]) >= minimum
    ]
    assert list(zip(later.tolist(), earlier.tolist())) == expected


def test_earlier_overlaps_without_entries():
    later, earlier = earlier_overlaps(numpy.zeros(0, numpy.int64), numpy.zeros(0, numpy.int64), numpy.zeros(3, numpy.int64), 1)
    assert later.size == 0
    assert earlier.size == 0


def test_run_starts_mark_changes_of_any_key():
    first = numpy.array([1, 1, 1, 2, 2])
    second = numpy.array([0, 0, 1, 1, 1])
    assert run_starts(first, second).tolist() == [True, False, True, True, False]
    assert run_starts(numpy.zeros(0)).tolist() == []
