"""The step alignment behind inconsistent-answer: every step is accounted for once, and equal steps always pair."""

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from doclint.step_alignment import StepEdit, align_steps

KEYS = st.lists(st.sampled_from(["build", "build it", "push", "push it", "restart", "check"]), max_size=7)


@given(KEYS, KEYS)
def test_alignment_uses_every_step_once(earlier, later):
    edits = align_steps(earlier, later)
    assert sorted(edit.earlier for edit in edits if edit.earlier is not None) == list(range(len(earlier)))
    assert [edit.later for edit in edits if edit.later is not None] == list(range(len(later)))


@given(KEYS, KEYS)
def test_alignment_pairs_equal_keys_only(earlier, later):
    edits = align_steps(earlier, later)
    for edit in edits:
        if edit.kind in ("equal", "move"):
            assert earlier[edit.earlier] == later[edit.later]
        if edit.kind == "replace":
            assert earlier[edit.earlier] != later[edit.later]


@given(KEYS, KEYS)
def test_alignment_keeps_common_subsequence(earlier, later):
    edits = align_steps(earlier, later)
    equal = sum(1 for edit in edits if edit.kind == "equal")
    assert equal == (len(earlier) + len(later) - Indel.distance(earlier, later)) // 2


@given(KEYS, KEYS)
def test_alignment_leaves_no_equal_pair_apart(earlier, later):
    edits = align_steps(earlier, later)
    removed = {earlier[edit.earlier] for edit in edits if edit.kind == "delete"}
    added = {later[edit.later] for edit in edits if edit.kind == "insert"}
    assert removed.isdisjoint(added)


def test_changed_step_pairs_with_most_similar():
    edits = align_steps(["build", "push", "restart"], ["build", "check", "push it", "restart"])
    assert edits == [
        StepEdit("equal", 0, 0),
        StepEdit("insert", None, 1),
        StepEdit("replace", 1, 2),
        StepEdit("equal", 2, 3),
    ]


def test_dissimilar_steps_in_place_pair():
    edits = align_steps(["build", "push"], ["build", "check"])
    assert edits == [StepEdit("equal", 0, 0), StepEdit("replace", 1, 1)]


def test_moved_step_reported_once():
    edits = align_steps(["build", "push", "restart"], ["build", "restart", "push"])
    assert edits == [StepEdit("equal", 0, 0), StepEdit("move", 2, 1), StepEdit("equal", 1, 2)]


def test_moved_and_changed_step_pairs():
    edits = align_steps(
        ["build the image", "run the tests", "push the image", "restart"],
        ["build the image", "push the image", "restart", "run all the tests"],
    )
    assert edits == [
        StepEdit("equal", 0, 0),
        StepEdit("equal", 2, 1),
        StepEdit("equal", 3, 2),
        StepEdit("replace", 1, 3),
    ]


def test_unrelated_removed_and_added_steps_stay_apart():
    edits = align_steps(["build", "tag the release", "push"], ["build", "push", "notify the team"])
    assert edits == [StepEdit("equal", 0, 0), StepEdit("delete", 1, None), StepEdit("equal", 2, 1), StepEdit("insert", None, 2)]
