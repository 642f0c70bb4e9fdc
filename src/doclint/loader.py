"""Loading many documents: a content-keyed cache and a process pool.

Parsing is most of the cost of a cold run (a few milliseconds for a 10 KB
Q&A document on one core), so documents are parsed in several processes:
this one and a pool of workers. The parsed tree is cached with the
per-document forms that the cross-file rules need: ``similarity.section_forms``,
``similarity.document_own_clauses``,
``qa.item_keys`` and ``passages.document_passages``. The rules that look at
one document at a time run right after the parse, in the process that
parsed it.

The cache is keyed by the file's bytes, the fingerprint of doclint's code
and the settings that change parsing (the encoding and the label table).
Entries are signed pickles (``doclint.cachefiles``): a foreign, corrupt or
unreadable entry only means that the file is parsed again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import sys
import traceback
from pathlib import Path
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

from doclint.background import end_with_parent, interrupts_blocked
from doclint.cachefiles import CACHE_FORMAT, SignedStore, code_fingerprint, file_digest
from doclint.collector import use_run_thresholds
from doclint.diagnostics import Diagnostic
from doclint.i18n import _, current_language, set_language
from doclint.model import Document
from doclint.parse import parse_document
from doclint.qa import item_keys
from doclint.registry import Rule, rules_by_code, settings_for_rules
from doclint.schema_errors import SchemaError
from doclint.runcache import record_cache_entries, record_dependencies, settings_key, take_dependencies
from doclint.settings import Settings
from doclint.similarity import document_own_clauses, section_forms
from doclint.file_state import FileState
from doclint.source import Source, SourceError, UndecodableError, decode, read_bytes_with_state
from doclint.warning_log import LOGGER_NAME, WarningCollector, warn_once

logger = logging.getLogger(__name__)

# Below this many documents to parse, starting worker processes costs more than it saves.
MIN_PARALLEL_DOCUMENTS = 16
# Runs that parse fewer documents finish before a progress bar would help.
MIN_PROGRESS_DOCUMENTS = 200
# Chunks of documents per process: small enough that the processes finish
# close together, large enough that a chunk's pickling overhead is small.
CHUNKS_PER_PROCESS = 16


@dataclasses.dataclass(frozen=True)
class _Job:
    path: str
    data: bytes


@dataclasses.dataclass(frozen=True)
class _Context:
    """The part of a job that every job of one load shares: settings, document-scope rules and message language."""

    settings: Settings
    rule_codes: tuple[str, ...]
    language: str
    passages: bool = False
    """Whether the run checks borrowed passages, whose per-document part is computed at the parse."""


@dataclasses.dataclass(frozen=True)
class _Parsed:
    document: Document
    findings: list[Diagnostic]
    """Findings of the context's document-scope rules."""
    dependencies: dict[str, str]
    """Files other than the document that those findings depend on (see ``doclint.runcache``)."""


@dataclasses.dataclass(frozen=True)
class _Chunk:
    """The results of a chunk of jobs that a worker process parsed, with the warnings logged meanwhile."""

    results: list[_Parsed | SourceError]
    warnings: list[str]
    """The warnings logged while the worker ran the chunk, which doclint's own process logs again."""


# The context of the jobs that this process runs: set once per worker process, so that it is not pickled with every job.
_context: _Context | None = None

# The warnings logged in a worker process, collected there instead of written to its stderr; None in doclint's own process.
_worker_warnings: WarningCollector | None = None


def _use_context(context: _Context) -> None:
    global _context
    _context = context
    set_language(context.language)


def _start_worker(context: _Context, parent: int) -> None:
    """Set up a pool worker: the jobs' shared context, the run's collector thresholds, no Ctrl-C, and an end with ``parent``.

    A terminal sends Ctrl-C to every process of the group. A worker that
    stopped on it would break the pool halfway through handing back a
    result, and could hang writing to a pipe that no process reads any more.
    So workers ignore it: doclint's own process stops, cancels the queued
    chunks and waits for the running ones, a fraction of a second. A
    doclint process killed by SIGTERM or SIGHUP stops nothing, so a worker
    also ends when doclint's process does (``background.end_with_parent``).
    """
    end_with_parent(parent)
    _use_context(context)
    use_run_thresholds()
    _collect_worker_warnings()


def _collect_worker_warnings() -> None:
    """Collect the warnings logged in this worker, for doclint's process to log, and keep them off this worker's stderr.

    The output formats that carry warnings get them from doclint's own
    process, which never receives a record logged in a worker. Debug messages
    still go to stderr from here.
    """
    global _worker_warnings
    _worker_warnings = WarningCollector().attach()
    for handler in logging.getLogger().handlers:
        handler.addFilter(_not_collected)


def _not_collected(record: logging.LogRecord) -> bool:
    """Return whether a handler of a worker writes a record: any but a warning of doclint's, which is collected."""
    return not (record.levelno == logging.WARNING and record.name.split(".")[0] == LOGGER_NAME)


@dataclasses.dataclass(frozen=True)
class DocumentBug:
    """An unexpected exception while one document was parsed or checked: a bug in doclint, reported for that file.

    The other documents are still checked, so that one file that trips a
    bug does not take the findings of a whole folder with it.
    """

    path: str
    error: str
    """The exception's type and message."""
    trace: str
    """The formatted traceback, logged with ``--verbose``."""

    def message(self) -> str:
        return _(
            "internal error while checking {path}: {error}; this is a bug in doclint, please report it with this file "
            "(rerun with --verbose for the traceback)"
        ).format(path=self.path, error=self.error)


class DocumentBugError(Exception):
    """Raised by ``load_documents`` for a ``DocumentBug`` when its caller collects none."""


def _parse(job: _Job) -> _Parsed | SourceError | DocumentBug:
    """Decode and parse one document, run the document-scope rules on it, and return the result or the error.

    This runs in a worker process when there are enough documents, so that
    the rules that look at one document at a time use every core. An
    unexpected exception becomes a ``DocumentBug``; the errors a user can
    fix (an unreadable file, a bad schema) are returned or raised as such.
    """
    assert _context is not None
    settings = _context.settings
    try:
        source = decode(job.path, job.data, settings.encoding_for(job.path))
    except SourceError as error:
        return error
    try:
        return _parse_source(source, settings)
    except (SourceError, SchemaError):
        raise
    except Exception as error:
        return DocumentBug(job.path, f"{type(error).__name__}: {error}", traceback.format_exc())


def _parse_source(source: Source, settings: Settings) -> _Parsed:
    """Parse a decoded document, compute its per-document forms and run the document-scope rules on it."""
    assert _context is not None
    document = parse_document(source, settings.label_table)
    document.forms = section_forms(document)
    document.own_clauses = document_own_clauses(document)
    document.item_keys = item_keys(document)
    if _context.passages and len(document.item_keys) >= 2:
        # Imported here: it needs numpy, which documents without items never load.
        from doclint.passages import document_passages

        document.passages = document_passages(document)

    # Set aside what this process recorded before, so that only this document's dependencies are returned.
    earlier = take_dependencies()
    findings = []
    for rule in rules_by_code(_context.rule_codes):
        findings.extend(rule.check(document, settings))  # type: ignore[arg-type]
    dependencies = take_dependencies()
    record_dependencies({**earlier, **dependencies})
    return _Parsed(document, findings, dependencies)


class DocumentCache:
    """Parsed documents in signed pickles under ``folder``, keyed by content, the encoding they are read in, and settings."""

    def __init__(self, folder: Path, settings: Settings):
        self.store = SignedStore(folder / f"v{CACHE_FORMAT}")
        self.settings = settings
        self.salt = _settings_salt(settings)

    def entry_path(self, data: bytes, path: str) -> Path:
        """Return the entry of a file's bytes; the file's path counts only through the encoding it is read in."""
        encoding = repr(self.settings.encoding_for(path)).encode()
        digest = hashlib.sha256(self.salt + encoding + b"\0" + data).hexdigest()
        return self.store.folder / "documents" / digest[:2] / f"{digest}.pickle"

    def get(self, data: bytes, path: str) -> Document | None:
        """Return the cached document for these bytes, renamed to ``path``, or None.

        The entry of a document found is recorded for the run cache, like
        every entry that ``put`` writes (``runcache.record_cache_entries``).
        """
        entry = self.entry_path(data, path)
        document = self.store.read(entry)
        if not isinstance(document, Document):
            return None
        document.source = dataclasses.replace(document.source, path=path)
        self._record(entry)
        return document

    def put(self, data: bytes, document: Document) -> None:
        """Store a document; a cache that cannot be written is logged and skipped."""
        entry = self.entry_path(data, document.path)
        self.store.write(entry, document)
        self._record(entry)

    def _record(self, entry: Path) -> None:
        record_cache_entries([entry.relative_to(self.store.folder).as_posix()])


class FindingsCache:
    """Findings of the document-scope rules, per document, in signed pickles under ``folder``.

    An entry is keyed by the document's path and bytes, the settings, the
    rules, the language and the working folder, and records the files
    other than the document that the findings depend on (the schema
    files), with their digests. An entry whose dependencies changed is not
    used, so a document whose schema was edited is checked again.
    """

    def __init__(self, folder: Path, settings: Settings, rule_codes: Sequence[str], language: str):
        self.store = SignedStore(folder / f"v{CACHE_FORMAT}")
        self.salt = repr((code_fingerprint(), language, settings_key(settings), tuple(rule_codes), os.getcwd())).encode()
        self._current: dict[str, str | None] = {}

    def entry_path(self, path: str, data: bytes) -> Path:
        digest = hashlib.sha256(self.salt + b"\0" + path.encode() + b"\0" + data).hexdigest()
        return self.store.folder / "findings" / digest[:2] / f"{digest}.pickle"

    def get(self, path: str, data: bytes) -> tuple[list[Diagnostic], dict[str, str]] | None:
        """Return the cached (findings, dependencies) of a document, or None. An entry used is recorded as in ``DocumentCache``."""
        entry = self.entry_path(path, data)
        stored = self.store.read(entry)
        if not isinstance(stored, tuple) or len(stored) != 2:
            return None
        found, dependencies = stored
        if not all(self._digest(dependency) == digest for dependency, digest in dependencies.items()):
            logger.debug("%s: a file its findings depend on changed; running the rules again", path)
            return None
        record_cache_entries([entry.relative_to(self.store.folder).as_posix()])
        return found, dependencies

    def put(self, path: str, data: bytes, found: list[Diagnostic], dependencies: dict[str, str]) -> None:
        entry = self.entry_path(path, data)
        self.store.write(entry, (found, dependencies))
        record_cache_entries([entry.relative_to(self.store.folder).as_posix()])

    def _digest(self, path: str) -> str | None:
        """Return a dependency's current digest, reading each file once per load."""
        if path not in self._current:
            self._current[path] = file_digest(Path(path))
        return self._current[path]


def _settings_salt(settings: Settings) -> bytes:
    labels = sorted((key, sorted(values)) for key, values in settings.label_table.synonyms.items())
    return repr((code_fingerprint(), labels)).encode() + b"\0"



def usable_cpus() -> int:
    """Return the number of CPUs this process may run on (its affinity mask where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def parse_processes(requested: int | None) -> int:
    """Return how many processes parse documents: ``requested`` (``--jobs``), at most the usable CPUs.

    Parsing is CPU-bound, so processes beyond the number of CPUs only add
    start-up time and memory. Without a request, one process per CPU.
    """
    limit = usable_cpus()
    if requested is None:
        return limit
    if requested > limit:
        logger.debug("--jobs %d is more than the %d usable CPUs: using %d processes", requested, limit, limit)
        return limit
    return requested


def load_documents(
    paths: Sequence[str],
    settings: Settings,
    errors: list[str],
    rules: Sequence[Rule] = (),
    findings: dict[str, list[Diagnostic]] | None = None,
    undecodable: list[UndecodableError] | None = None,
    bugs: list[DocumentBug] | None = None,
) -> list[Document]:
    """Read, decode and parse documents, from the cache when possible and in parallel otherwise.

    Each path that cannot be read or decoded adds its message to ``errors``
    and is left out. With ``undecodable``, a file whose bytes are not text
    goes there instead, so that the caller decides whether it is an error.
    With ``bugs``, a document that trips a bug in doclint goes there and the
    others are still loaded; without it, that raises ``DocumentBugError``.
    The documents come back in the order of ``paths``.
    The document-scope ``rules`` run where a document is parsed, and their
    findings are added to ``findings`` under the document's path, or come
    from the findings cache for a document read from the parse cache. A
    document with no entry there (its findings were not cached) needs
    those rules run by the caller.
    """
    settings = settings_for_rules(settings, rules)
    context = _Context(
        settings,
        tuple(rule.code for rule in rules if rule.scope == "document"),
        current_language(),
        passages=any(rule.name == "borrowed-passage" for rule in rules),
    )
    cache = DocumentCache(Path(settings.cache_dir), settings) if settings.cache_dir else None
    findings_cache = None
    if settings.cache_dir and context.rule_codes and findings is not None:
        findings_cache = FindingsCache(Path(settings.cache_dir), settings, context.rule_codes, context.language)
    processes = parse_processes(settings.jobs)
    documents: dict[int, Document] = {}
    jobs: dict[int, _Job] = {}
    states: dict[int, FileState] = {}
    for index, path in enumerate(paths):
        try:
            data, states[index] = read_bytes_with_state(Path(path), path)
        except SourceError as error:
            errors.append(str(error))
            continue
        cached = cache.get(data, path) if cache else None
        if cached is None:
            jobs[index] = _Job(path, data)
            continue
        documents[index] = cached
        cached_findings = findings_cache.get(path, data) if findings_cache else None
        if cached_findings is not None and findings is not None:
            found, dependencies = cached_findings
            findings[path] = found
            record_dependencies(dependencies)

    for index, parsed in zip(jobs, _parse_all(list(jobs.values()), context, processes, settings.progress)):
        if isinstance(parsed, UndecodableError) and undecodable is not None:
            undecodable.append(parsed)
            continue
        if isinstance(parsed, SourceError):
            errors.append(str(parsed))
            continue
        if isinstance(parsed, DocumentBug):
            logger.debug("%s: %s", parsed.path, parsed.trace)
            if bugs is None:
                raise DocumentBugError(parsed.message())
            bugs.append(parsed)
            continue
        documents[index] = parsed.document
        record_dependencies(parsed.dependencies)
        if findings is not None:
            findings[parsed.document.path] = parsed.findings
        if cache:
            cache.put(jobs[index].data, parsed.document)
        if findings_cache:
            findings_cache.put(jobs[index].path, jobs[index].data, parsed.findings, parsed.dependencies)

    if cache and jobs:
        # Only a run that added entries can make the cache grow.
        cache.store.prune(("documents", "findings"))
    logger.debug("%d documents from the cache, %d parsed", len(paths) - len(jobs), len(jobs))
    # Recorded after the cache stored the documents, because the state belongs to this read of the file.
    for index, document in documents.items():
        document.source = dataclasses.replace(document.source, state=states[index])
    return [documents[index] for index in sorted(documents)]


def _parse_all(jobs: list[_Job], context: _Context, processes: int, progress: bool = False) -> list[_Parsed | SourceError]:
    """Parse the jobs in order, in ``processes`` processes (this one and a pool) when there are enough of them.

    No more processes start than there are documents, whatever ``--jobs`` requests.
    """
    processes = min(processes, len(jobs))
    with _progress_bar(len(jobs), progress) as advance:
        if processes <= 1 or len(jobs) < MIN_PARALLEL_DOCUMENTS:
            _use_context(context)
            parsed = []
            for job in jobs:
                parsed.append(_parse(job))
                advance(1)
            return parsed
        return _parse_shared(jobs, context, processes - 1, advance)


def _parse_shared(jobs: list[_Job], context: _Context, workers: int, advance: Callable[[int], None]) -> list[_Parsed | SourceError]:
    """Parse chunks of jobs in a pool of ``workers`` processes and in this process, which takes chunks from the end.

    This process would otherwise only wait for the pool and unpickle its
    results, so it parses too: the chunks that no worker has started yet,
    last first, until the workers reach them. A chunk still waiting in the
    pool's queue can be cancelled, which decides who parses it.
    """
    # Imported here: a run with few documents to parse never starts a pool.
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, len(jobs) // ((workers + 1) * CHUNKS_PER_PROCESS))
    chunks = [jobs[start:start + size] for start in range(0, len(jobs), size)]
    results: list[list[_Parsed | SourceError] | None] = [None] * len(chunks)
    _use_context(context)
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(context, os.getpid())) as pool:
        # The first submit forks the workers, which must not see a Ctrl-C before they ignore it.
        with interrupts_blocked():
            futures = [pool.submit(_parse_worker_chunk, chunk) for chunk in chunks]
        counted = [False] * len(chunks)

        def count_finished() -> None:
            """Advance the progress bar by the chunks finished since the last call, in this process or the pool."""
            for index, future in enumerate(futures):
                if not counted[index] and (results[index] is not None or future.done()):
                    counted[index] = True
                    advance(len(chunks[index]))

        try:
            for index in reversed(range(len(chunks))):
                if not futures[index].cancel():
                    break
                results[index] = _parse_chunk(chunks[index])
                count_finished()
            for index, future in enumerate(futures):
                if results[index] is None:
                    results[index] = _logged_chunk(future.result())
                    count_finished()
        except BaseException:
            # Interrupted or failed: leaving the pool waits for its running chunks only, not for the queued ones.
            for future in futures:
                future.cancel()
            raise
    return [parsed for chunk in results if chunk is not None for parsed in chunk]


def _parse_chunk(jobs: list[_Job]) -> list[_Parsed | SourceError]:
    return [_parse(job) for job in jobs]


def _parse_worker_chunk(jobs: list[_Job]) -> _Chunk:
    """Parse a chunk in a worker process, and return its results with the warnings logged meanwhile."""
    assert _worker_warnings is not None
    results = _parse_chunk(jobs)
    return _Chunk(results, _worker_warnings.take())


def _logged_chunk(chunk: _Chunk) -> list[_Parsed | SourceError]:
    """Log again the warnings of a chunk that a worker parsed, and return its results."""
    # Several workers that read the same schema send the same warning, which the command shows once.
    for warning in chunk.warnings:
        warn_once(logger, warning)
    return chunk.results


@contextmanager
def _progress_bar(total: int, progress: bool) -> Iterator[Callable[[int], None]]:
    """Yield a function that advances a progress bar on stderr, drawn for long runs when ``progress`` is set."""
    if not progress or total < MIN_PROGRESS_DOCUMENTS:
        yield lambda count: None
        return
    import click

    from doclint.i18n import _

    with click.progressbar(length=total, label=_("Parsing"), file=sys.stderr) as bar:
        yield bar.update
