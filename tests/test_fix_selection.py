"""Choosing non-overlapping fixes and applying their edits, on a few edits and on thousands."""

from hypothesis import given, settings
from hypothesis import strategies as st

import doclint.fixer
from doclint.diagnostics import Applicability, Edit, Fix
from doclint.fixer import apply_edits, select_fixes


def select_pairwise(fixes):
    """Return the fixes that select_fixes must choose, by comparing each edit with every edit taken before."""
    chosen, taken = [], []
    for fix in sorted(fixes, key=lambda fix: min(edit.start for edit in fix.edits)):
        if any(fix is other for other in chosen):
            continue
        if any(doclint.fixer._overlaps(edit, other) for edit in fix.edits for other in taken):
            continue
        chosen.append(fix)
        taken.extend(fix.edits)
    return chosen


def splice_from_end(text, edits):
    """Return the text after splicing each edit in, from the last to the first.

    Insertions at one position end up in the order of ``edits``, as
    ``apply_edits`` writes them, because the later one is spliced first.
    """
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[1].end, pair[0]), reverse=True)
    for _index, edit in ordered:
        text = text[: edit.start] + edit.replacement + text[edit.end:]
    return text


@st.composite
def disjoint_edits(draw, size=60, max_count=6):
    """Edits over ``range(size)`` that do not overlap each other: cut points drawn in order, some spans left out."""
    cuts = sorted(draw(st.lists(st.integers(0, size), max_size=2 * max_count)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        if draw(st.booleans()):
            edits.append(Edit(start, end, draw(st.sampled_from(["", "x", "yz"]))))
    return edits


@st.composite
def fix_lists(draw):
    fixes = [
        Fix(tuple(edits), Applicability.SAFE, "fix")
        for edits in draw(st.lists(disjoint_edits(max_count=3), max_size=12))
        if edits
    ]
    # A fix shared by several findings comes more than once.
    return fixes + draw(st.lists(st.sampled_from(fixes), max_size=3)) if fixes else fixes


@settings(max_examples=300, deadline=None)
@given(fix_lists())
def test_select_fixes_matches_pairwise(fixes):
    assert select_fixes(fixes) == select_pairwise(fixes)


@settings(max_examples=300, deadline=None)
@given(disjoint_edits())
def test_apply_edits_matches_splicing(edits):
    text = "".join(chr(ord("a") + index % 26) for index in range(60))
    assert apply_edits(text, edits) == splice_from_end(text, edits)


def test_apply_edits_insertion_before_replacement():
    assert apply_edits("abc", [Edit(1, 2, "X"), Edit(1, 1, "+")]) == "a+Xc"


def test_shared_fix_chosen_once():
    shared = Fix((Edit(0, 1, "a"), Edit(5, 6, "b")), Applicability.SAFE, "renumber")
    assert select_fixes([shared, shared, shared]) == [shared]


def test_select_fixes_checks_neighbours_only(monkeypatch):
    """Each fix is compared with the few edits beside it, not with every edit taken before."""
    calls = 0
    original = doclint.fixer._overlaps

    def counted(first, second):
        nonlocal calls
        calls += 1
        return original(first, second)

    monkeypatch.setattr(doclint.fixer, "_overlaps", counted)
    count = 3000
    # Touching removals, as of copies that follow each other, and one insertion at each of their starts.
    removals = [Fix((Edit(10 * index, 10 * index + 10, ""),), Applicability.SAFE, "remove") for index in range(count)]
    insertions = [Fix((Edit(10 * index, 10 * index, "+"),), Applicability.SAFE, "insert") for index in range(count)]

    chosen = select_fixes(removals + insertions)

    assert len(chosen) == 2 * count
    assert calls <= 4 * len(chosen)


def test_thousands_of_copies_fixed(run_cli, tmp_path):
    path = tmp_path / "copies.md"
    path.write_text("# Same\n\nsame body\n\n" * 2000, encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-cache", "--fix", str(path))

    assert code == 0
    assert stderr == ""
    assert path.read_text(encoding="utf-8") == "# Same\n\nsame body\n"
    assert "Fixed 1999 problems." in stdout
