import os
import time

import pytest

from doclint.cachefiles import MAX_ENTRY_AGE, PRUNE_INTERVAL, SignedStore
from doclint.engine import run
from doclint.settings import Settings

DAY = 24 * 3600


def age(path, seconds):
    """Set a file's access and modification times ``seconds`` into the past."""
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.fixture
def store(tmp_path):
    return SignedStore(tmp_path / "v2")


def test_read_marks_entry_used(store):
    entry = store.folder / "documents" / "ab" / "ab12.pickle"
    store.write(entry, {"value": 1})
    age(entry, 40 * DAY)

    assert store.read(entry) == {"value": 1}
    assert time.time() - entry.stat().st_mtime < 60


def test_prune_deletes_only_stale_files(store):
    fresh = store.folder / "documents" / "aa" / "fresh.pickle"
    stale = store.folder / "documents" / "bb" / "stale.pickle"
    stale_findings = store.folder / "findings" / "cc" / "stale.pickle"
    run_entry = store.folder / "runs" / "stale.pickle"
    for entry in (fresh, stale, stale_findings, run_entry):
        store.write(entry, "x")
    for entry in (stale, stale_findings, run_entry):
        age(entry, MAX_ENTRY_AGE + DAY)
    left_over = stale.parent / "half-written.tmp"
    left_over.write_bytes(b"")
    age(left_over, 2 * 3600)

    store.prune(("documents", "findings"))

    assert fresh.exists()
    assert not stale.exists()
    assert not stale_findings.exists()
    assert not left_over.exists()
    assert run_entry.exists(), "run entries are pruned by count in doclint.runcache"


def test_prune_at_most_once_per_interval(store):
    stale = store.folder / "documents" / "aa" / "stale.pickle"
    store.write(stale, "x")
    store.prune(("documents",))
    age(stale, MAX_ENTRY_AGE + DAY)

    store.prune(("documents",))
    assert stale.exists()

    age(store.folder / "last-prune", PRUNE_INTERVAL + 60)
    store.prune(("documents",))
    assert not stale.exists()


def test_run_prunes_old_versions_of_edited_file(folder, tmp_path):
    docs = folder
    settings = Settings(jobs=1)
    documents = tmp_path / ".doclint_cache" / "v2" / "documents"

    run([str(docs)], settings)
    first = set(documents.glob("*/*.pickle"))
    assert len(first) == 2

    with open(docs / "faq.md", "a", encoding="utf-8") as handle:
        handle.write("\nOne more line.\n")
    for entry in first:
        age(entry, MAX_ENTRY_AGE + DAY)
    (tmp_path / ".doclint_cache" / "v2" / "last-prune").unlink()
    run([str(docs)], settings)

    second = set(documents.glob("*/*.pickle"))
    assert len(second) == 2
    still_cached = first & second
    assert len(still_cached) == 1, "the seed's entry was used by the second run and is kept"
    assert all(time.time() - entry.stat().st_mtime < 60 for entry in second)
