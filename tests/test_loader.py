import os
import pickle
import signal
import sys
import shutil

import pytest

from doclint import loader
from doclint.engine import run
from doclint.settings import Settings

from conftest import FIXTURES, SEED, run_parent, wait_until_ended



@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for index in range(20):
        shutil.copyfile(FIXTURES / ("zh-notes.md" if index % 2 else "en-faq.md"), folder / f"doc{index:02d}.md")
    return folder


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return tmp_path / "cache"


def keys(result):
    return [(d.path, d.line, d.rule, d.message) for d in result.diagnostics]


def test_parallel_equals_serial(corpus, cache_home):
    serial = run([str(corpus)], Settings(jobs=1, cache_dir=None))
    parallel = run([str(corpus)], Settings(jobs=2, cache_dir=None))
    assert keys(parallel) == keys(serial)
    assert len(serial.documents) == 20


def test_second_run_reads_cache(corpus, cache_home, monkeypatch):
    settings = Settings(jobs=1, cache_dir=str(cache_home))
    first = run([str(corpus)], settings)
    assert len(list(cache_home.glob("v2/documents/*/*.pickle"))) == 2  # two distinct contents

    def refuse(job):
        raise AssertionError(f"{job.path} was parsed although it is cached")

    monkeypatch.setattr(loader, "_parse", refuse)
    second = run([str(corpus)], settings)
    assert keys(second) == keys(first)
    assert [document.path for document in second.documents] == [document.path for document in first.documents]


def test_cache_folder_ignored_by_git(corpus, cache_home):
    run([str(corpus)], Settings(jobs=1, cache_dir=str(cache_home)))
    assert (cache_home / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_unsigned_entry_ignored(corpus, cache_home):
    settings = Settings(jobs=1, cache_dir=str(cache_home))
    first = run([str(corpus)], settings)
    for entry in cache_home.glob("v2/documents/*/*.pickle"):
        # A planted entry: a valid pickle without this user's signature.
        entry.write_bytes(b"\0" * 32 + pickle.dumps("planted"))
    second = run([str(corpus)], settings)
    assert keys(second) == keys(first)


def test_corrupt_entry_reparsed(corpus, cache_home):
    settings = Settings(jobs=1, cache_dir=str(cache_home))
    first = run([str(corpus)], settings)
    for entry in cache_home.glob("v2/documents/*/*.pickle"):
        entry.write_bytes(entry.read_bytes()[:50])
    assert keys(run([str(corpus)], settings)) == keys(first)


def test_changed_file_not_served_from_cache(corpus, cache_home):
    settings = Settings(jobs=1, cache_dir=str(cache_home))
    run([str(corpus)], settings)
    (corpus / "doc00.md").write_text("# Only\n\nOne short section.\n", encoding="utf-8")
    result = run([str(corpus / "doc00.md")], settings)
    assert result.documents[0].sections[0].title == "Only"


def test_no_cache_option_writes_nothing(run_cli, corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_cli("check", "--no-cache", str(corpus))
    assert not (tmp_path / ".doclint_cache").exists()
    run_cli("check", str(corpus))
    assert (tmp_path / ".doclint_cache" / ".gitignore").exists()


def test_jobs_option_rejects_zero(run_cli, corpus):
    code, _, stderr = run_cli("check", "--jobs", "0", str(corpus))
    assert code == 2
    assert "--jobs" in stderr


def test_huge_jobs_value_starts_one_process_per_document(corpus, cache_home, monkeypatch):
    started = []
    real_parse_shared = loader._parse_shared

    def parse_shared(jobs, context, workers, advance):
        started.append(workers)
        return real_parse_shared(jobs, context, workers, advance)

    monkeypatch.setattr(loader, "_parse_shared", parse_shared)
    # With more CPUs than documents, the documents bound the processes.
    monkeypatch.setattr(loader, "usable_cpus", lambda: 64)
    huge = run([str(corpus)], Settings(jobs=10**20, cache_dir=None))
    serial = run([str(corpus)], Settings(jobs=1, cache_dir=None))

    # 20 documents: this process and 19 workers.
    assert started == [19]
    assert keys(huge) == keys(serial)


def test_progress_bar_only_when_asked(corpus, cache_home, capsys, monkeypatch):
    monkeypatch.setattr(loader, "MIN_PROGRESS_DOCUMENTS", 5)
    run([str(corpus)], Settings(jobs=1, cache_dir=None))
    assert capsys.readouterr().err == ""
    run([str(corpus)], Settings(jobs=1, cache_dir=None, progress=True))
    assert "Parsing" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_every_document(corpus, cache_home, monkeypatch, jobs):
    from contextlib import contextmanager

    counted = []

    @contextmanager
    def record_progress(total, progress):
        yield counted.append

    monkeypatch.setattr(loader, "_progress_bar", record_progress)
    result = run([str(corpus)], Settings(jobs=jobs, cache_dir=None, progress=True))
    assert len(result.documents) == 20
    assert sum(counted) == 20


def test_main_process_parses_last_chunks(corpus, cache_home, monkeypatch):
    parsed_here = []
    real_parse = loader._parse

    def record_parse(job):
        # A forked worker appends to its own copy of the list, so only this process's parses are seen here.
        parsed_here.append(job.path)
        return real_parse(job)

    serial = run([str(corpus)], Settings(jobs=1, cache_dir=None))
    monkeypatch.setattr(loader, "_parse", record_parse)
    shared = run([str(corpus)], Settings(jobs=3, cache_dir=None))
    paths = [document.path for document in serial.documents]
    assert [document.path for document in shared.documents] == paths
    assert keys(shared) == keys(serial)
    assert parsed_here
    assert sorted(parsed_here) == paths[len(paths) - len(parsed_here):]


def test_undecodable_files_returned_from_workers(corpus, cache_home):
    (corpus / "doc05.md").write_bytes(b"MIT License\n\nCopyright (c) 2024 J\xf6rg\n")
    (corpus / "doc06.md").write_bytes(b"ab\x00cd")
    paths = sorted(str(path) for path in corpus.iterdir())
    errors = []
    undecodable = []

    documents = loader.load_documents(paths, Settings(jobs=2, cache_dir=None), errors, undecodable=undecodable)

    assert errors == []
    assert len(documents) == 18
    assert [(error.path, error.reason, error.binary) for error in undecodable] == [
        (str(corpus / "doc05.md"), "invalid utf-8 at byte 33 (line 3)", False),
        (str(corpus / "doc06.md"), "binary file (it contains NUL bytes)", True),
    ]
    # A worker process sends the error back pickled, whichever process parsed these two here.
    for error in undecodable:
        copy = pickle.loads(pickle.dumps(error))
        assert (copy.path, copy.reason, copy.binary, str(copy)) == (error.path, error.reason, error.binary, str(error))


def test_cli_no_progress_when_piped(run_cli, corpus, monkeypatch):
    monkeypatch.setattr(loader, "MIN_PROGRESS_DOCUMENTS", 5)
    _, _, stderr = run_cli("check", "--no-cache", str(corpus))
    assert stderr == ""



@pytest.fixture
def seed_corpus(tmp_path):
    """Enough documents for the process pool, with findings of document-scope rules (the seed's code block)."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for index in range(loader.MIN_PARALLEL_DOCUMENTS):
        shutil.copyfile(SEED if index % 2 else FIXTURES / "en-faq.md", folder / f"doc{index:02d}.md")
    return folder


DOCUMENT_RULES = ("undefined-name", "heading-numbering")


def test_document_rules_run_in_workers(seed_corpus, cache_home):
    from doclint.registry import select_rules

    findings = {}
    errors = []
    paths = sorted(str(path) for path in seed_corpus.iterdir())
    documents = loader.load_documents(paths, Settings(jobs=2, cache_dir=None), errors, select_rules(DOCUMENT_RULES, ()), findings)
    assert errors == []
    assert sorted(findings) == sorted(document.path for document in documents)

    found = sorted((d.path, d.line, d.code) for found in findings.values() for d in found)
    assert found[:3] == [(paths[1], 422, "DL301"), (paths[1], 425, "DL301"), (paths[1], 449, "DL301")]
    serial = run([str(seed_corpus)], Settings(jobs=1, cache_dir=None, select=DOCUMENT_RULES))
    assert found == sorted((d.path, d.line, d.code) for d in serial.diagnostics)


def test_workers_use_run_language(seed_corpus, cache_home):
    from doclint.i18n import set_language

    set_language("zh-CN")
    try:
        result = run([str(seed_corpus)], Settings(jobs=2, cache_dir=None, select=DOCUMENT_RULES))
    finally:
        set_language("en")
    assert result.diagnostics[0].message.startswith("名称 'load_data'")


def test_run_restores_collector_thresholds(corpus, cache_home, monkeypatch):
    import gc

    from doclint.collector import RUN_THRESHOLDS

    seen = []
    real_load = loader.load_documents

    def load_and_record(*arguments, **options):
        seen.append(gc.get_threshold())
        return real_load(*arguments, **options)

    monkeypatch.setattr(loader, "load_documents", load_and_record)
    before = gc.get_threshold()
    run([str(corpus)], Settings(jobs=1, cache_dir=None))
    assert seen == [RUN_THRESHOLDS]
    assert gc.get_threshold() == before


def test_pool_workers_use_run_thresholds(cache_home):
    import gc
    from concurrent.futures import ProcessPoolExecutor

    from doclint.collector import RUN_THRESHOLDS
    from doclint.i18n import current_language

    context = loader._Context(Settings(), (), current_language())
    with ProcessPoolExecutor(max_workers=1, initializer=loader._start_worker, initargs=(context, os.getpid())) as pool:
        assert pool.submit(gc.get_threshold).result() == RUN_THRESHOLDS


def test_workers_compute_item_forms(seed_corpus, cache_home):
    from doclint.passages import document_passages
    from doclint.qa import item_keys
    from doclint.registry import select_rules

    paths = sorted(str(path) for path in seed_corpus.iterdir())
    documents = loader.load_documents(paths, Settings(jobs=2, cache_dir=None), [], select_rules(("borrowed-passage",), ()), {})
    seed = documents[1]
    assert seed.item_keys == item_keys(seed)
    assert seed.passages == document_passages(seed)
    # Before the run's filters: later matches are near-duplicates that near-duplicate-section reports instead.
    lines = [seed.passages.units[matches[0].unit][3] for matches in seed.passages.matches]
    assert lines[:3] == [180, 183, 185]


def test_workers_skip_unchecked_passages(seed_corpus, cache_home):
    from doclint.registry import select_rules

    paths = sorted(str(path) for path in seed_corpus.iterdir())
    documents = loader.load_documents(paths, Settings(jobs=2, cache_dir=None), [], select_rules(("undefined-name",), ()), {})
    assert documents[1].passages is None


def test_failure_cancels_queued_chunks(corpus, cache_home, monkeypatch):
    import concurrent.futures

    cancelled = []
    real_cancel = concurrent.futures.Future.cancel

    def record_cancel(future):
        result = real_cancel(future)
        cancelled.append(result)
        return result

    def fail(job):
        raise RuntimeError(f"cannot parse {job.path}")

    monkeypatch.setattr(concurrent.futures.Future, "cancel", record_cancel)
    monkeypatch.setattr(loader, "_parse", fail)
    jobs = [loader._Job(str(path), path.read_bytes()) for path in sorted(corpus.iterdir())]
    context = loader._Context(Settings(), (), "en")
    with pytest.raises(RuntimeError, match="cannot parse"):
        loader._parse_all(jobs, context, 2)
    # The first cancel takes the last chunk for this process, which fails. The cleanup then cancels every chunk once.
    assert len(cancelled) == 1 + len(jobs)
    assert any(cancelled[1:]), "queued chunks were cancelled instead of parsed"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ending with the parent needs Linux")
def test_worker_ends_when_doclint_is_killed():
    # A parent that starts a parsing worker busy for a minute, then is killed by SIGTERM.
    parent = (
        "import os, signal, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from doclint import loader\n"
        "from doclint.i18n import current_language\n"
        "from doclint.settings import Settings\n"
        "context = loader._Context(Settings(), (), current_language())\n"
        "pool = ProcessPoolExecutor(1, initializer=loader._start_worker, initargs=(context, os.getpid()))\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "pool.submit(time.sleep, 60)\n"
        "time.sleep(0.5)\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n"
    )
    status, worker = run_parent(parent)

    assert status == -signal.SIGTERM
    assert wait_until_ended(worker)


def test_parse_processes_capped_at_cpus(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(loader, "usable_cpus", lambda: 4)

    with caplog.at_level("DEBUG", logger="doclint.loader"):
        assert loader.parse_processes(1000) == 4

    assert "--jobs 1000 is more than the 4 usable CPUs: using 4 processes" in caplog.text


def test_parse_processes_within_cpus(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(loader, "usable_cpus", lambda: 4)

    with caplog.at_level("DEBUG", logger="doclint.loader"):
        assert loader.parse_processes(3) == 3
        assert loader.parse_processes(4) == 4
        assert loader.parse_processes(None) == 4

    assert "usable CPUs" not in caplog.text


def test_jobs_beyond_cpus_start_capped_pool(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(loader, "usable_cpus", lambda: 2)
    started: list[int] = []
    real_shared = loader._parse_shared

    def record(jobs, context, workers, advance):
        started.append(workers)
        return real_shared(jobs, context, workers, advance)

    monkeypatch.setattr(loader, "_parse_shared", record)
    for index in range(loader.MIN_PARALLEL_DOCUMENTS + 4):
        (tmp_path / f"doc{index}.md").write_text(f"# Title {index}\n\nText {index}.\n", encoding="utf-8")

    result = run([str(tmp_path)], Settings(jobs=1000, cache_dir=None))

    assert started == [1]
    assert not result.errors
