"""Replaying a run whose documents, settings and schemas have not changed."""

import json
import logging
import os
import pickle
import shutil
import threading
import time

import pytest

from doclint import loader
from doclint.cachefiles import SIGNATURE_SIZE
from doclint.engine import run
from doclint.fields import LabelTable, default_labels
from doclint.i18n import set_language
from doclint.settings import Settings

from conftest import SEED


def findings(result):
    return [(d.path, d.line, d.column, d.rule, d.message) for d in result.diagnostics]


def forbid_parsing(monkeypatch):
    def parse(job):
        raise AssertionError(f"{job.path} was parsed although the run was replayed")

    monkeypatch.setattr(loader, "_parse", parse)


def test_unchanged_run_replayed_without_parsing(folder, monkeypatch):
    settings = Settings(jobs=1)
    first = run(["docs"], settings, replay=True)
    assert first.documents
    assert first.checked is None

    forbid_parsing(monkeypatch)
    monkeypatch.setattr(loader.DocumentCache, "get", lambda *args: pytest.fail("the document cache was read"))
    second = run(["docs"], settings, replay=True)
    assert findings(second) == findings(first)
    assert second.documents == []
    assert second.checked == ["docs/faq.md", "docs/seed.md"]
    assert second.file_count == 2
    assert second.exit_status == first.exit_status == 1


def test_replayed_source_decoded(folder):
    settings = Settings(jobs=1)
    first = run(["docs"], settings, replay=True)
    second = run(["docs"], settings, replay=True)
    copy = next(d for d in second.diagnostics if d.rule == "duplicate-section" and d.path == "docs/seed.md")
    assert second.source_of("docs/seed.md").text == first.source_of("docs/seed.md").text
    assert copy.to_json(second.source_of(copy.path))["fix"]["edits"][0]["line"] == 265


def test_changed_document_checked_again(folder):
    settings = Settings(jobs=1)
    first = run(["docs"], settings, replay=True)
    seed = folder / "seed.md"
    lines = seed.read_text(encoding="utf-8").splitlines(keepends=True)
    seed.write_text("".join(lines[:264]), encoding="utf-8")  # drop items 21-30, the exact copies

    second = run(["docs"], settings, replay=True)
    assert second.documents, "a changed document must be parsed, not replayed"
    copies = [(d.path, d.line) for d in first.diagnostics if d.rule == "duplicate-section" and d.path == "docs/seed.md"]
    assert copies[0] == ("docs/seed.md", 265)
    assert not any(d.rule == "duplicate-section" and d.path == "docs/seed.md" for d in second.diagnostics)


def labels_with(answer_label):
    table = default_labels().synonyms
    return LabelTable({**table, "answer": [*table["answer"], answer_label]})


def test_run_with_configured_labels_replayed(folder, monkeypatch):
    # Each run reads the configuration again, so each has its own table with the same labels.
    first_labels, second_labels = labels_with("参考答案"), labels_with("参考答案")
    first = run(["docs"], Settings(jobs=1, labels=first_labels), replay=True)

    forbid_parsing(monkeypatch)
    second = run(["docs"], Settings(jobs=1, labels=second_labels), replay=True)
    assert second.documents == []
    assert findings(second) == findings(first)


def test_run_with_other_labels_not_replayed(folder):
    run(["docs"], Settings(jobs=1, labels=labels_with("参考答案")), replay=True)
    other = run(["docs"], Settings(jobs=1, labels=labels_with("标准答案")), replay=True)
    assert other.documents


def test_changed_settings_not_replayed(folder):
    run(["docs"], Settings(jobs=1), replay=True)
    stricter = run(["docs"], Settings(jobs=1, near_duplicate_threshold=90.0), replay=True)
    assert stricter.documents
    assert not any(d.rule == "near-duplicate-section" and d.path == "docs/seed.md" for d in stricter.diagnostics)


def test_jobs_do_not_change_the_key(folder):
    run(["docs"], Settings(jobs=1), replay=True)
    assert run(["docs"], Settings(jobs=2), replay=True).checked is not None


def test_language_in_key(folder):
    run(["docs"], Settings(jobs=1), replay=True)
    set_language("zh-CN")
    try:
        chinese = run(["docs"], Settings(jobs=1), replay=True)
    finally:
        set_language("en")
    assert chinese.documents, "messages of another language must be computed, not replayed"
    assert "逐字重复" in next(d.message for d in chinese.diagnostics if d.rule == "duplicate-section")


def test_changed_schema_checked_again(folder, tmp_path):
    schema = tmp_path / "item.schema.json"
    schema.write_text(json.dumps({"type": "object"}), encoding="utf-8")
    page = folder / "page.md"
    page.write_text("---\ndoclint-schema: ../item.schema.json\n---\n# Title\n\nText.\n", encoding="utf-8")
    settings = Settings(jobs=1, select=("schema-violation",))
    assert run(["docs/page.md"], settings, replay=True).diagnostics == []
    assert run(["docs/page.md"], settings, replay=True).checked is not None

    schema.write_text(json.dumps({"type": "object", "required": ["nothing-has-this"]}), encoding="utf-8")
    third = run(["docs/page.md"], settings, replay=True)
    assert third.documents, "a run whose schema changed must be checked again"
    assert [d.rule for d in third.diagnostics] == ["schema-violation"]


def test_unsigned_run_entry_ignored(folder):
    settings = Settings(jobs=1)
    first = run(["docs"], settings, replay=True)
    entries = list((folder.parent / ".doclint_cache").glob("v*/runs/*.pickle"))
    assert len(entries) == 1
    entries[0].write_bytes(b"\0" * 32 + pickle.dumps("planted"))
    second = run(["docs"], settings, replay=True)
    assert second.documents
    assert findings(second) == findings(first)


def test_one_entry_per_invocation(folder):
    settings = Settings(jobs=1)
    run(["docs"], settings, replay=True)
    (folder / "faq.md").write_text("# Only\n\nOne section.\n", encoding="utf-8")
    run(["docs"], settings, replay=True)
    assert len(list((folder.parent / ".doclint_cache").glob("v*/runs/*.pickle"))) == 1


def run_twice(caplog, monkeypatch, arguments, settings, **options):
    """Run a check twice with replay, parsing nothing the second time; return both results and the warnings logged."""
    with caplog.at_level(logging.WARNING, logger="doclint"):
        first = run(arguments, settings, replay=True, **options)
        with monkeypatch.context() as patched:
            forbid_parsing(patched)
            second = run(arguments, settings, replay=True, **options)
    return first, second, [record.getMessage() for record in caplog.records]


def test_replayed_run_logs_warnings(folder, caplog, monkeypatch):
    (folder / "faq.md").write_text("# Only\n\nOne section.\n\n<!-- doclint-disable-file DL999 -->\n", encoding="utf-8")
    settings = Settings(jobs=1)
    warning = (
        "docs/faq.md:5: this doclint-disable-file comment names 'DL999', which is not a rule name or code, "
        "so the comment ignores it; correct the name (`doclint rules` lists the rules)"
    )

    first, second, logged = run_twice(caplog, monkeypatch, ["docs"], settings)

    assert second.checked is not None, "the second run was not replayed"
    assert first.warnings == second.warnings == [warning]
    assert logged == [warning, warning]


def test_skipped_file_warned_on_replay(folder, caplog, monkeypatch):
    (folder / "LICENSE.md").write_bytes(b"MIT License\n\nCopyright (c) 2024 J\xf6rg\n")
    settings = Settings(jobs=1)
    warning = (
        "docs/LICENSE.md: invalid utf-8 at byte 33 (line 3), so the file was skipped; "
        "to check it, name it with its encoding: doclint check --encoding NAME docs/LICENSE.md"
    )

    first, second, logged = run_twice(caplog, monkeypatch, ["docs"], settings)

    assert [document.path for document in first.documents] == ["docs/faq.md", "docs/seed.md"]
    assert second.checked == ["docs/faq.md", "docs/seed.md"]
    assert second.file_count == 2
    assert findings(second) == findings(first)
    assert second.exit_status == first.exit_status == 1
    assert logged == [warning, warning]

    (folder / "LICENSE.md").write_text("MIT License\n\nCopyright (c) 2024 Jörg\n", encoding="utf-8")
    third = run(["docs"], settings, replay=True)
    assert third.file_count == 3, "a file that became readable must be checked, not replayed as skipped"
    assert third.warnings == []


def test_compared_file_warned_on_replay(folder, caplog, monkeypatch):
    (folder / "image.md").write_bytes(b"\x00\x01binary")
    settings = Settings(jobs=1)
    warning = "docs/image.md: binary file (it contains NUL bytes), so it is left out of the comparison"

    _first, second, logged = run_twice(caplog, monkeypatch, ["docs/faq.md"], settings, compare_with=["docs"])

    assert second.checked == ["docs/faq.md"]
    assert logged == [warning, warning]


def test_no_replay_without_cache_or_request(folder):
    run(["docs"], Settings(jobs=1), replay=True)
    assert run(["docs"], Settings(jobs=1, cache_dir=None), replay=True).documents
    assert run(["docs"], Settings(jobs=1)).documents


def test_cli_output_same_when_replayed(run_cli, folder):
    cold = run_cli("check", "--format", "json", "docs")
    warm = run_cli("check", "--format", "json", "docs")
    assert warm == cold
    assert json.loads(warm[1])["summary"]["files"] == 2
    text_cold = run_cli("check", "docs")
    text_warm = run_cli("check", "docs")
    assert text_warm == text_cold
    assert " in 2 files." in text_warm[1]


def test_fix_after_replayed_run(run_cli, folder):
    run_cli("check", "docs")
    run_cli("check", "docs")
    code, _stdout, _stderr = run_cli("check", "--fix", "--select", "duplicate-section", "docs/seed.md")
    assert code == 0
    assert len((folder / "seed.md").read_text(encoding="utf-8").splitlines()) == len(SEED.read_text(encoding="utf-8").splitlines()) - 130


def test_worker_schema_is_dependency(tmp_path, monkeypatch):
    from doclint.loader import MIN_PARALLEL_DOCUMENTS

    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    schema = tmp_path / "page.schema.json"
    schema.write_text(json.dumps({"type": "object"}), encoding="utf-8")
    for index in range(MIN_PARALLEL_DOCUMENTS):
        page = "---\ndoclint-schema: ../page.schema.json\n---\n# Title\n\nText.\n"
        (tmp_path / "docs" / f"page{index:02d}.md").write_text(page, encoding="utf-8")
    settings = Settings(jobs=2, select=("schema-violation",))
    assert run(["docs"], settings, replay=True).diagnostics == []
    assert run(["docs"], settings, replay=True).checked is not None

    schema.write_text(json.dumps({"type": "object", "required": ["nothing-has-this"]}), encoding="utf-8")
    third = run(["docs"], settings, replay=True)
    assert third.documents, "the schema changed, so the run must not be replayed"
    assert len(third.diagnostics) == MIN_PARALLEL_DOCUMENTS


def test_document_findings_cached(folder, caplog):
    import logging

    settings = Settings(jobs=1)
    first = run(["docs"], settings)
    (folder / "faq.md").write_text("# Only\n\nOne section.\n", encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="doclint.engine"):
        second = run(["docs"], settings)
    assert "undefined-name: ran on 0 documents here, 2 where they were parsed" in caplog.text
    seed_findings = [(d.line, d.rule) for d in second.diagnostics if d.path == "docs/seed.md" and d.rule == "undefined-name"]
    assert seed_findings == [(422, "undefined-name"), (425, "undefined-name"), (449, "undefined-name")]
    assert seed_findings == [(d.line, d.rule) for d in first.diagnostics if d.path == "docs/seed.md" and d.rule == "undefined-name"]


def test_cached_findings_follow_schema(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    schema = tmp_path / "page.schema.json"
    schema.write_text(json.dumps({"type": "object"}), encoding="utf-8")
    (tmp_path / "page.md").write_text("---\ndoclint-schema: ./page.schema.json\n---\n# Title\n\nText.\n", encoding="utf-8")
    settings = Settings(jobs=1, select=("schema-violation",))
    assert run(["page.md"], settings).diagnostics == []

    schema.write_text(json.dumps({"type": "object", "required": ["nothing-has-this"]}), encoding="utf-8")
    assert [d.rule for d in run(["page.md"], settings).diagnostics] == ["schema-violation"]


def test_oldest_runs_pruned(folder, monkeypatch):
    from doclint import runcache

    monkeypatch.setattr(runcache, "MAX_RUNS", 2)
    settings = Settings(jobs=1)
    for name in ("seed.md", "faq.md", "."):
        run([f"docs/{name}" if name != "." else "docs"], settings, replay=True)
    entries = list((folder.parent / ".doclint_cache").glob("v*/runs/*.pickle"))
    assert len(entries) == 2
    assert run(["docs"], settings, replay=True).checked is not None
    assert run(["docs/seed.md"], settings, replay=True).checked is None


def test_moved_entry_ignored(tmp_path, monkeypatch):
    """An entry copied over another one must not be taken for the other file: --fix would write the wrong text."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("# Notes\n\n## One\n\nHello world.\n", encoding="utf-8")
    shutil.copyfile(SEED, tmp_path / "b.md")
    settings = Settings(jobs=1)
    run(["a.md"], settings, replay=True)
    documents = tmp_path / ".doclint_cache" / "v2" / "documents"
    entry_a = next(documents.glob("*/*.pickle"))
    run(["b.md"], settings, replay=True)
    entry_b = next(entry for entry in documents.glob("*/*.pickle") if entry != entry_a)
    shutil.copyfile(entry_b, entry_a)
    runs = sorted((tmp_path / ".doclint_cache" / "v2" / "runs").glob("*.pickle"))
    shutil.copyfile(runs[0], runs[1])

    result = run(["a.md"], settings)
    assert [section.title for section in result.documents[0].sections] == ["Notes"]
    assert result.diagnostics == []
    assert run(["a.md"], settings, replay=True).diagnostics == []
    assert run(["b.md"], settings, replay=True).diagnostics


def test_fingerprint_covers_libraries():
    from doclint.cachefiles import _dependency_files

    names = {path.parent.name for path in _dependency_files()}
    assert {"markdown_it", "pyflakes", "rapidfuzz", "jsonschema"} <= names


def cache_entry_times(folder):
    """Return the modification time of every document and findings entry, by path."""
    cache = folder.parent / ".doclint_cache"
    return {entry: entry.stat().st_mtime for entry in cache.glob("v*/*/*/*.pickle") if entry.parent.parent.name != "runs"}


def age_entries(entries, days):
    for entry in entries:
        past = entry.stat().st_mtime - days * 24 * 3600
        os.utime(entry, (past, past))


def test_replay_keeps_document_entries(folder):
    from doclint.cachefiles import MAX_ENTRY_AGE

    settings = Settings(jobs=1)
    run(["docs"], settings, replay=True)
    entries = cache_entry_times(folder)
    # Two documents, each with a parsed document and its findings.
    assert len(entries) == 4
    age_entries(entries, 29)

    assert run(["docs"], settings, replay=True).checked is not None
    cutoff = time.time() - 60
    assert all(mtime > cutoff for mtime in cache_entry_times(folder).values())
    assert all(mtime > time.time() - MAX_ENTRY_AGE for mtime in cache_entry_times(folder).values())


def test_replay_marks_entries_once_a_day(folder):
    settings = Settings(jobs=1)
    run(["docs"], settings, replay=True)
    [run_entry] = (folder.parent / ".doclint_cache").glob("v*/runs/*.pickle")
    record = pickle.loads(run_entry.read_bytes()[SIGNATURE_SIZE:])
    first = run_entry.parent.parent / record.cache_entries[0]
    # Only the other entries are old: the first one, which stands for all, was marked today.
    age_entries([entry for entry in cache_entry_times(folder) if entry != first], 3)
    before = cache_entry_times(folder)

    assert run(["docs"], settings, replay=True).checked is not None
    assert cache_entry_times(folder) == before


def test_named_pipe_entries_ignored(folder):
    """Check that a run does not block on named pipes where cache entries were, as in a cache restored from an archive."""
    settings = Settings(jobs=1)
    first = run(["docs"], settings, replay=True)
    entries = sorted((folder.parent / ".doclint_cache").glob("v*/*/**/*.pickle"))
    assert {entry.relative_to(folder.parent / ".doclint_cache").parts[1] for entry in entries} == {"documents", "findings", "runs"}
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry)

    results = []
    checker = threading.Thread(target=lambda: results.append(run(["docs"], settings, replay=True)), daemon=True)
    checker.start()
    checker.join(60)
    assert not checker.is_alive(), "the run waits for a writer on a named pipe in the cache"
    assert results[0].documents, "no entry was readable, so the documents are parsed again"
    assert findings(results[0]) == findings(first)

