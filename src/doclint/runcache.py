"""Replaying the findings of a run whose inputs have not changed.

A run's findings depend on what it reads: the documents, the settings, the
language of the messages, doclint's own code and rule data, and the schema
files that the schema rule loads. The findings of a run are stored under a
key made of everything but the contents of files: the paths checked and
which of them were only found in a folder, the settings, the language,
the working folder and ``code_fingerprint``. The
entry records the digest of every document and of every schema file read.
A later run
with the same key whose files all still have those digests gets the stored
findings back without parsing a document or importing a rule: on 1,000
unchanged documents that is the difference between seconds and a few
hundred milliseconds.

A replayed run reads no parsed document, so the record also lists the
document and findings entries the run used, and a replay marks them as
used again once they are a day old. The document cache then keeps them
for as long as the run is replayed.

One entry is kept per key, and a run whose files changed replaces it, so
the folder does not grow with every edit. Beyond ``MAX_RUNS`` entries, the
least recently used (written or replayed) are deleted. Entries are signed pickles
(``doclint.cachefiles``). The engine uses this cache only for runs that
report: a fix needs the parsed documents.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Collection, Sequence

from doclint.cachefiles import CACHE_FORMAT, PRUNE_INTERVAL, SignedStore, code_fingerprint, content_digest, file_digest
from doclint.diagnostics import Diagnostic
from doclint.i18n import current_language
from doclint.settings import Settings
from doclint.source import SourceError, read_bytes

logger = logging.getLogger(__name__)

MAX_RUNS = 64
"""The number of stored runs the cache keeps. The least recently written are deleted first."""

_dependencies: dict[str, str] = {}
_cache_entries: list[str] = []


def take_dependencies() -> dict[str, str]:
    """Return the dependencies recorded so far in this process and forget them.

    A worker process that runs rules sends them back with its results, and
    the main process adds them with ``record_dependencies``.
    """
    recorded = dict(_dependencies)
    _dependencies.clear()
    return recorded


def record_dependencies(dependencies: dict[str, str]) -> None:
    """Record that this run's findings depend on these files (absolute path -> content digest).

    The schema cache calls this each time it returns a schema, and the
    loader for what worker processes recorded, so that a replayed run
    checks that no schema changed either.
    """
    _dependencies.update(dependencies)


def record_cache_entries(entries: Sequence[str]) -> None:
    """Record that this run used these document cache entries (names relative to the cache's versioned folder)."""
    _cache_entries.extend(entries)


@dataclass(frozen=True)
class RunRecord:
    """A stored run: the digests of the files it read, and its findings."""

    documents: tuple[tuple[str, str], ...]
    """(path, content digest) of each document read, checked ones first."""
    dependencies: tuple[tuple[str, str], ...]
    """(absolute path, content digest) of each other file the findings depend on."""
    checked: tuple[str, ...]
    """The paths of the checked documents, in report order."""
    diagnostics: tuple[Diagnostic, ...]
    cache_entries: tuple[str, ...] = ()
    """The document and findings cache entries the run used, relative to the cache's versioned folder."""
    warnings: tuple[str, ...] = ()
    """The warning lines of the run, which a replay logs again."""


class RunCache:
    """The stored run for one set of named files and settings.

    ``contents`` keeps the bytes of each file read while computing the
    digests, so that a replayed run can show the sources of its findings
    without reading them again. A run that is not replayed drops them.
    Creating a cache starts recording this run's dependencies afresh.

    ``found`` lists the checked paths that were found in a folder rather
    than named. It is part of the key, because a file that cannot be
    decoded is skipped with a warning when found but is an error when
    named, so the same paths can give different results.
    """

    def __init__(
        self,
        settings: Settings,
        rule_codes: Sequence[str] | None,
        checked: Sequence[str],
        compared: Sequence[str],
        found: Collection[str] = (),
    ):
        assert settings.cache_dir is not None
        self.store = SignedStore(Path(settings.cache_dir) / f"v{CACHE_FORMAT}")
        self.checked = tuple(checked)
        self.compared = tuple(compared)
        key = repr((
            code_fingerprint(),
            current_language(),
            os.getcwd(),
            settings_key(settings),
            None if rule_codes is None else sorted(rule_codes),
            self.checked,
            self.compared,
            sorted(found),
        ))
        digest = hashlib.sha256(key.encode()).hexdigest()
        self.entry = self.store.folder / "runs" / f"{digest}.pickle"
        self.contents: dict[str, bytes] = {}
        self._digests: tuple[tuple[str, str], ...] | None = None
        _dependencies.clear()
        _cache_entries.clear()

    def replay(self) -> RunRecord | None:
        """Return the stored run if every file it read is unchanged, else None."""
        record = self.store.read(self.entry)
        if not isinstance(record, RunRecord):
            return None

        digests = self._document_digests()
        if digests is None or digests != record.documents:
            logger.debug("documents changed since the stored run; checking them again")
            # The loader reads the files again, so a large run would otherwise hold them twice.
            self.contents.clear()
            return None
        if not all(file_digest(Path(path)) == digest for path, digest in record.dependencies):
            logger.debug("a schema file changed since the stored run; checking the documents again")
            self.contents.clear()
            return None

        logger.debug("no input changed since the stored run; replaying its %d findings", len(record.diagnostics))
        self._keep_cache_entries(record)
        return record

    def _keep_cache_entries(self, record: RunRecord) -> None:
        """Mark the cache entries behind a replayed run as used, when the first of them is a day old.

        All of them were marked together, so the first one's time stands
        for the rest, and a replay costs one ``stat`` on other days.
        """
        if not record.cache_entries:
            return
        try:
            age = time.time() - (self.store.folder / record.cache_entries[0]).stat().st_mtime
        except OSError:
            age = PRUNE_INTERVAL
        if age >= PRUNE_INTERVAL:
            self.store.mark_used(record.cache_entries)

    def store_run(self, checked: Sequence[str], diagnostics: Sequence[Diagnostic], warnings: Sequence[str] = ()) -> None:
        """Store a run's findings and warnings with the digests of the files it read."""
        digests = self._document_digests()
        if digests is None:
            return
        record = RunRecord(
            digests,
            tuple(sorted(_dependencies.items())),
            tuple(checked),
            tuple(diagnostics),
            tuple(_cache_entries),
            tuple(warnings),
        )
        self.store.write(self.entry, record)
        _prune(self.entry.parent)

    def _document_digests(self) -> tuple[tuple[str, str], ...] | None:
        """Return (path, digest) of each document, computed once, or None when one cannot be read.

        The digests are those of the bytes before the run, so a file edited
        while the run reads it is stored with its old digest and checked
        again next time.
        """
        if self._digests is None:
            digests = []
            for path in (*self.checked, *self.compared):
                try:
                    self.contents[path] = read_bytes(Path(path), path)
                except SourceError:
                    return None
                digests.append((path, content_digest(self.contents[path])))
            self._digests = tuple(digests)
        return self._digests


def _prune(folder: Path) -> None:
    """Delete the least recently used run entries beyond MAX_RUNS.

    A pre-commit hook names a different set of files at almost every
    commit, and each set gets its own entry, so without a limit the folder
    would grow for ever. Replaying an entry marks it as used
    (``SignedStore.read``), so a run that keeps being replayed keeps its entry.
    """
    try:
        entries = sorted(folder.glob("*.pickle"), key=lambda entry: entry.stat().st_mtime_ns)
        for entry in entries[:-MAX_RUNS]:
            entry.unlink()
    except OSError as error:  # a concurrent run may have pruned the same entry
        logger.debug("cannot prune the run cache in %s (%s)", folder, error)


def settings_key(settings: Settings) -> str:
    """Return the settings that change findings, as text.

    The number of jobs, the progress bar and the cache folder are left out,
    because they do not change what a run finds.
    """
    return repr(dataclasses.replace(settings, jobs=None, progress=False, cache_dir=None))

