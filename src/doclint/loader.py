"""Loading many documents: a content-keyed cache and a process pool.

Parsing is most of the cost of a cold run (about 7 ms for a 10 KB Q&A
document with markdown-it-py on one core), so documents are parsed in a
process pool, and the parsed tree, with the comparison forms that the
cross-file rules need (``similarity.section_forms``), is cached.

The cache is keyed by the file's bytes, doclint's version and the settings
that change parsing (the encoding and the label table). An entry is a
pickled document signed with HMAC-SHA256 under a key kept in the user's
cache folder, never in the repository: pickle runs code when it loads, so an
entry that a checkout or another user planted fails the signature check and
is ignored. Entries are written to a temporary file and renamed, so
concurrent runs never read half an entry, and an unreadable, foreign or
corrupt entry only means that the file is parsed again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import logging
import os
import pickle
import secrets
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from doclint import __version__
from doclint.fields import LabelTable
from doclint.model import Document
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.similarity import section_forms
from doclint.source import SourceError, decode, read_bytes

logger = logging.getLogger(__name__)

CACHE_FORMAT = 1
# Below this many documents to parse, starting worker processes costs more than it saves.
MIN_PARALLEL_DOCUMENTS = 16
# Runs that parse fewer documents finish before a progress bar would help.
MIN_PROGRESS_DOCUMENTS = 200
SIGNATURE_SIZE = hashlib.sha256().digest_size


@dataclasses.dataclass(frozen=True)
class _Job:
    path: str
    data: bytes
    encoding: str | None
    labels: LabelTable


def _parse(job: _Job) -> Document | str:
    """Decode and parse one document (in a worker process); return the document, or the error message."""
    try:
        source = decode(job.path, job.data, job.encoding)
    except SourceError as error:
        return str(error)
    document = parse_document(source, job.labels)
    document.forms = section_forms(document)
    return document


class DocumentCache:
    """Signed pickles of parsed documents under ``folder``, keyed by content and settings."""

    def __init__(self, folder: Path, settings: Settings):
        self.folder = folder / f"v{CACHE_FORMAT}"
        self.salt = _settings_salt(settings)
        self.key = _secret_key()

    def entry_path(self, data: bytes) -> Path:
        digest = hashlib.sha256(self.salt + data).hexdigest()
        return self.folder / digest[:2] / f"{digest}.pickle"

    def get(self, data: bytes, path: str) -> Document | None:
        """Return the cached document for these bytes, renamed to ``path``, or None."""
        entry = self.entry_path(data)
        try:
            blob = entry.read_bytes()
        except OSError:
            return None
        signature, payload = blob[:SIGNATURE_SIZE], blob[SIGNATURE_SIZE:]
        if not hmac.compare_digest(signature, hmac.new(self.key, payload, hashlib.sha256).digest()):
            logger.debug("cache entry %s is not signed by this user's key; parsing %s again", entry, path)
            return None
        try:
            document = pickle.loads(payload)
        except Exception as error:  # a signed entry from an older doclint may not load
            logger.debug("cache entry %s cannot be loaded (%s); parsing %s again", entry, error, path)
            return None
        document.source = dataclasses.replace(document.source, path=path)
        return document

    def put(self, data: bytes, document: Document) -> None:
        """Store a document; a cache that cannot be written is logged and skipped."""
        entry = self.entry_path(data)
        payload = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
        blob = hmac.new(self.key, payload, hashlib.sha256).digest() + payload
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            _ignore_in_git(self.folder.parent)
            descriptor, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(blob)
            os.replace(temporary, entry)
        except OSError as error:
            logger.debug("cannot write the cache entry %s (%s)", entry, error.strerror)


def _settings_salt(settings: Settings) -> bytes:
    labels = sorted((key, sorted(values)) for key, values in settings.label_table.synonyms.items())
    return repr((CACHE_FORMAT, __version__, settings.encoding, labels)).encode() + b"\0"


def _secret_key() -> bytes:
    """Return this user's cache signing key, creating it on first use (a fresh key if that fails)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = base / "doclint" / "cache-key"
    try:
        return path.read_bytes()
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
    except FileExistsError:
        return path.read_bytes()
    except OSError as error:
        logger.debug("cannot store the cache key in %s (%s); this run's cache entries will not be reused", path, error.strerror)
    return key


def _ignore_in_git(folder: Path) -> None:
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("# Created by doclint: the cache is not part of the repository.\n*\n", encoding="utf-8")


def load_documents(paths: Sequence[str], settings: Settings, errors: list[str]) -> list[Document]:
    """Read, decode and parse documents, from the cache when possible and in parallel otherwise.

    Each path that cannot be read or decoded adds its message to ``errors``
    and is left out. The documents come back in the order of ``paths``.
    """
    cache = DocumentCache(Path(settings.cache_dir), settings) if settings.cache_dir else None
    workers = settings.jobs or os.cpu_count() or 1
    documents: dict[int, Document] = {}
    jobs: dict[int, _Job] = {}
    for index, path in enumerate(paths):
        try:
            data = read_bytes(Path(path), path)
        except SourceError as error:
            errors.append(str(error))
            continue
        cached = cache.get(data, path) if cache else None
        if cached is not None:
            documents[index] = cached
        else:
            jobs[index] = _Job(path, data, settings.encoding, settings.label_table)

    for index, parsed in zip(jobs, _parse_all(list(jobs.values()), workers, settings.progress)):
        if isinstance(parsed, str):
            errors.append(parsed)
            continue
        documents[index] = parsed
        if cache:
            cache.put(jobs[index].data, parsed)

    logger.debug("%d documents from the cache, %d parsed", len(paths) - len(jobs), len(jobs))
    return [documents[index] for index in sorted(documents)]


def _parse_all(jobs: list[_Job], workers: int, progress: bool = False) -> list[Document | str]:
    """Parse the jobs in order, in a process pool when there are enough of them."""
    if workers <= 1 or len(jobs) < MIN_PARALLEL_DOCUMENTS:
        return list(_with_progress((_parse(job) for job in jobs), len(jobs), progress))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parsed = pool.map(_parse, jobs, chunksize=max(1, len(jobs) // (workers * 8)))
        return list(_with_progress(parsed, len(jobs), progress))


def _with_progress(items: Iterable[Document | str], total: int, progress: bool) -> Iterator[Document | str]:
    """Pass items through, drawing a progress bar on stderr for long runs when ``progress`` is set."""
    if not progress or total < MIN_PROGRESS_DOCUMENTS:
        yield from items
        return
    import click

    from doclint.i18n import _

    with click.progressbar(items, length=total, label=_("Parsing"), file=sys.stderr) as bar:
        yield from bar
