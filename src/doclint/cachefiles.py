"""Signed cache files, and the fingerprint of the code that wrote them.

Both caches of doclint (parsed documents in ``doclint.loader`` and whole
runs in ``doclint.runcache``) store pickles in the cache folder
(``.doclint_cache/`` unless ``--cache-dir`` names another, see
``doclint.cache_location``).
Pickle runs code when it loads, so every entry is signed with HMAC-SHA256
under a key kept in the user's cache folder, never in the repository. An
entry that a checkout or another user planted fails the signature check
and is ignored. Entries are written to a temporary file and renamed, so
concurrent runs never read half an entry, and an unreadable, foreign or
corrupt entry only costs the work it would have saved.

Reading an entry sets its modification time, so that time is when the
entry was last used. Entries of parsed documents and per-file findings that no run
has used for ``MAX_ENTRY_AGE`` are deleted, at most once per
``PRUNE_INTERVAL`` (``SignedStore.prune``); every edit of a file adds
entries, which would otherwise pile up.

A write that fails (a read-only or full disk) costs only the work it would
have saved, but the first failure of a process is kept, so that the run
warns once that the cache folder cannot be written (``take_write_failure``).

This module imports nothing heavy, so that a run replayed from the cache
does not pay for the parser or the rules.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import logging
import os
import pickle
import secrets
import stat
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from doclint import __version__
from doclint.i18n import _
from doclint.settings import DEFAULT_CACHE_DIR

logger = logging.getLogger(__name__)

CACHE_FORMAT = 2

# The libraries that parse documents or decide findings.
FINDING_LIBRARIES = (
    "markdown_it",
    "mdit_py_plugins",
    "rapidfuzz",
    "pyflakes",
    "jsonschema",
    "referencing",
    "numpy",
    "yaml",
    "charset_normalizer",
)
SIGNATURE_SIZE = hashlib.sha256().digest_size

# Seconds that an unused entry is kept, and that pass between two prunes of a store.
MAX_ENTRY_AGE = 30 * 24 * 3600
PRUNE_INTERVAL = 24 * 3600
# A temporary file this old was left by a run that stopped while writing.
MAX_TEMPORARY_AGE = 3600

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """Return a digest of doclint's version, the Python version and the size and time of each of doclint's files.

    A cache key that includes it goes stale when doclint changes, also in an
    editable install whose version number stays the same, and when one of
    the libraries it relies on is upgraded (see ``_dependency_files``).
    Stat calls on these files cost about a millisecond; hashing their
    contents would cost more than most cached runs.
    """
    files = [
        path
        for folder in (_PACKAGE, *_checkout_data())
        for path in sorted(folder.rglob("*"))
        if "__pycache__" not in path.parts and path.is_file()
    ]
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}\0{sys.version}\0".encode())
    for path in [*files, *_dependency_files()]:
        status = path.stat()
        digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _dependency_files() -> list[Path]:
    """Return the main file of each library whose behaviour the findings depend on, without importing it.

    Installing another version of a library rewrites its files, so their
    size and time change the fingerprint too: an upgraded pyflakes or
    markdown-it-py never replays findings computed with the old one.
    """
    files = []
    for name in FINDING_LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.origin and os.path.isfile(spec.origin):
            files.append(Path(spec.origin))
    return files


def _checkout_data() -> list[Path]:
    """Return the rule data folder of a source checkout that doclint runs in place, if that is where it reads it.

    A wheel carries the data inside the package, where ``code_fingerprint``
    already looks (see ``doclint.data``).
    """
    if (_PACKAGE / "_data").is_dir():
        return []
    checkout = _PACKAGE.parents[1] / "rules"
    return [checkout] if checkout.is_dir() else []


def content_digest(data: bytes) -> str:
    """Return the digest that identifies a file's bytes in cache keys and entries."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """Return the content digest of a file, or None when it cannot be read, which no stored digest equals."""
    try:
        return content_digest(path.read_bytes())
    except OSError:
        return None


class WriteFailure(NamedTuple):
    """The first cache write of a process that failed: the cache folder and the error."""

    folder: Path
    error: OSError


_write_failure: WriteFailure | None = None


def take_write_failure() -> WriteFailure | None:
    """Return the first cache write that failed since the last call, and forget it."""
    global _write_failure
    failure, _write_failure = _write_failure, None
    return failure


def _record_write_failure(folder: Path, error: OSError) -> None:
    global _write_failure
    if _write_failure is None:
        _write_failure = WriteFailure(folder, error)


class SignedStore:
    """Pickled objects in files under ``folder``, signed with this user's key.

    ``folder`` is a subfolder of the cache folder (one per ``CACHE_FORMAT``),
    so ``root``, the folder that the user chose or the default, is its parent.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.root = folder.parent
        self.key = signing_key()
        self._root_ready = False

    def read(self, entry: Path) -> Any | None:
        """Return the object stored in ``entry``, or None when it is missing, unsigned or unreadable."""
        blob = _read_regular_file(entry)
        if blob is None:
            return None

        signature, payload = blob[:SIGNATURE_SIZE], blob[SIGNATURE_SIZE:]
        if not hmac.compare_digest(signature, self._sign(entry, payload)):
            logger.debug("cache entry %s is not signed by this user's key for this name; ignoring it", entry)
            return None

        try:
            value = pickle.loads(payload)
        except Exception as error:  # a signed entry from an older doclint may not load
            logger.debug("cache entry %s cannot be loaded (%s); ignoring it", entry, error)
            return None
        _touch(entry)
        return value

    def write(self, entry: Path, value: Any) -> None:
        """Store ``value`` in ``entry`` atomically. A cache that cannot be written is logged and skipped."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        blob = self._sign(entry, payload) + payload
        try:
            self._prepare_root()
            entry.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        except OSError as error:
            self._write_failed(entry, error)
            return
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(blob)
            os.replace(temporary, entry)
        except OSError as error:
            # A full disk fails the write or the close. The partial file is removed, so that it takes no space.
            self._write_failed(entry, error)
            _remove(temporary)

    def _write_failed(self, path: Path, error: OSError) -> None:
        logger.debug("cannot write the cache file %s (%s)", path, error.strerror)
        _record_write_failure(self.root, error)

    def _prepare_root(self) -> None:
        """Create the cache folder, with a ``.gitignore`` that ignores it, once per store.

        Only a folder that doclint creates, or one named ``.doclint_cache``
        as the default folder is, gets the ``.gitignore``. A chosen folder
        that exists, such as ``--cache-dir .`` or a build folder, may be part
        of the repository, and a ``*`` there would make git ignore its files.
        A new folder whose ``.gitignore`` cannot be written is removed again,
        so that the next run creates both.
        """
        if self._root_ready:
            return
        try:
            self.root.mkdir(parents=True)
        except FileExistsError:
            if self.root.name == DEFAULT_CACHE_DIR:
                _ignore_in_git(self.root)
        else:
            try:
                _ignore_in_git(self.root)
            except OSError:
                _remove_folder(self.root)
                raise
        self._root_ready = True

    def prune(self, subfolders: tuple[str, ...]) -> None:
        """Delete the entries under ``subfolders`` unused for MAX_ENTRY_AGE, if the last prune is PRUNE_INTERVAL old.

        A marker file records the last prune, so most runs only read its
        time. A marker time in the future counts as due, and the prune sets
        it to now. Files that a concurrent run deletes or replaces first are
        skipped. A run replayed from the run cache reads no document entry,
        so it marks the entries behind it as used itself (``doclint.runcache``).
        """
        marker = self.folder / "last-prune"
        now = time.time()
        try:
            since_last = now - marker.stat().st_mtime
        except FileNotFoundError:
            since_last = PRUNE_INTERVAL
        except OSError as error:
            logger.debug("failed to read the prune marker %s (%s); not pruning", marker, error.strerror)
            return
        if 0 <= since_last < PRUNE_INTERVAL:
            return
        if since_last < 0:
            # A cache restored from a machine whose clock runs ahead would otherwise postpone every prune until that time.
            logger.debug("the prune marker %s is %d s in the future; pruning now", marker, -since_last)
        try:
            self._prepare_root()
            self.folder.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError as error:
            logger.debug("failed to write the prune marker %s (%s); not pruning", marker, error.strerror)
            _record_write_failure(self.root, error)
            return

        deleted = 0
        for subfolder in subfolders:
            for pattern, max_age in (("*/*.pickle", MAX_ENTRY_AGE), ("*/*.tmp", MAX_TEMPORARY_AGE)):
                for path in (self.folder / subfolder).glob(pattern):
                    deleted += _delete_if_older(path, now - max_age)
        logger.debug("pruned %d cache entries unused for %d days from %s", deleted, MAX_ENTRY_AGE // (24 * 3600), self.folder)

    def mark_used(self, entries: Iterable[str]) -> None:
        """Mark entries, named relative to the store's folder, as used now, as reading them would."""
        for name in entries:
            _touch(self.folder / name)

    def _sign(self, entry: Path, payload: bytes) -> bytes:
        """Sign the payload together with the entry's place in the store.

        An entry's name is the digest of what it stands for (a document's
        bytes, a run's key), so a signed entry copied or moved to another
        name must not be taken for that other file or run.
        """
        name = entry.relative_to(self.folder).as_posix().encode()
        return hmac.new(self.key, name + b"\0" + payload, hashlib.sha256).digest()


def _read_regular_file(entry: Path) -> bytes | None:
    """Return the bytes of ``entry``, or None when it cannot be read or is not a regular file.

    A cache folder restored from an archive may contain a named pipe, or a
    link to a device, where an entry was. Reading a pipe blocks until a
    writer opens it and reading ``/dev/zero`` never ends, so the file is
    opened without blocking and read only when it is a regular file.
    """
    try:
        descriptor = os.open(entry, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                logger.debug("cache entry %s is not a regular file, so it is ignored", entry)
                return None
            return handle.read()
    except OSError:
        return None


def _remove(path: str) -> None:
    """Delete a file that this run created, if it still exists."""
    try:
        os.unlink(path)
    except OSError as error:
        logger.debug("failed to delete the temporary cache file %s (%s)", path, error.strerror)


def _remove_folder(folder: Path) -> None:
    """Delete an empty folder that this run created, if it is still empty."""
    try:
        folder.rmdir()
    except OSError as error:
        logger.debug("failed to delete the cache folder %s (%s)", folder, error.strerror)


def _touch(entry: Path) -> None:
    """Set an entry's modification time to now, which marks it as used. A read-only cache keeps its times."""
    try:
        os.utime(entry)
    except OSError as error:
        logger.debug("failed to mark the cache entry %s as used (%s)", entry, error.strerror)


def _delete_if_older(path: Path, cutoff: float) -> int:
    """Delete a file last modified before ``cutoff``; return 1 if it was deleted."""
    try:
        if path.stat().st_mtime >= cutoff:
            return 0
        path.unlink()
    except OSError:
        # A concurrent run deleted, replaced or used it first.
        return 0
    return 1


class CacheKeyError(Exception):
    """The cache signing key cannot be read or stored, so no cache entry can be checked or signed for later runs."""


# The signing key of each key file read or created in this process.
_keys: dict[Path, bytes] = {}


def key_path() -> Path:
    """Return the file that contains this user's cache signing key: ``doclint/cache-key`` in the user's cache folder."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "doclint" / "cache-key"


def signing_key() -> bytes:
    """Return this user's cache signing key, creating it on first use.

    Raises ``CacheKeyError`` when the key cannot be read or stored: a key
    file that only root may read (left by ``sudo doclint check``), or a
    read-only or missing home folder. Entries signed with a key that is not
    stored would be ignored by every later run, so the caller runs without
    the cache and warns how to repair it.
    """
    try:
        path = key_path()
    except RuntimeError as error:  # no HOME and no entry in the password database
        raise CacheKeyError(
            _(
                "cannot find the user's cache folder for the cache key ({reason}), so this run does not use the cache; "
                "set XDG_CACHE_HOME to a writable folder or pass --no-cache"
            ).format(reason=error)
        ) from error
    if path in _keys:
        return _keys[path]
    key = _read_key(path)
    if key is None:
        key = _create_key(path)
    _keys[path] = key
    return key


def _read_key(path: Path) -> bytes | None:
    """Return the stored key, or None when there is none yet. Raises ``CacheKeyError`` when the file exists but cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CacheKeyError(_key_error_message(path, error)) from error


def _create_key(path: Path) -> bytes:
    """Create and store a new key, or read the one that a concurrent run created first.

    A key that cannot be stored in full is removed again, because a
    truncated key would be easy to guess and would sign later entries.
    Raises ``CacheKeyError`` when the key cannot be stored.
    """
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # A concurrent run created the key first, or a file is where the folder should be.
        return _read_key(path) or key
    except OSError as error:
        raise CacheKeyError(_unstorable_key_message(path, error)) from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
    except OSError as error:
        path.unlink(missing_ok=True)
        raise CacheKeyError(_unstorable_key_message(path, error)) from error
    return key


def _unstorable_key_message(path: Path, error: OSError) -> str:
    """Return the warning for a key that cannot be stored: the file, the reason and the ways out."""
    return _(
        "{path}: cannot store the cache key ({reason}), so this run does not use the cache; "
        "make that folder writable, set XDG_CACHE_HOME to a writable folder, or pass --no-cache"
    ).format(path=path, reason=error.strerror or error)


def _key_error_message(path: Path, error: OSError) -> str:
    """Return the warning for a key that cannot be read: the file in the way, the reason and the two ways out.

    When a file is where one of the key's folders should be, that file
    is the one to remove. A key that cannot be read for lack of permission
    is usually one that ``sudo doclint`` created for root.
    """
    if isinstance(error, NotADirectoryError):
        path = next((folder for folder in path.parents if folder.exists()), path)
        template = _(
            "{path}: cannot read the cache key ({reason}), so this run does not use the cache; "
            "remove this file, which is where a folder of the key should be, or pass --no-cache"
        )
    elif isinstance(error, IsADirectoryError):
        template = _(
            "{path}: cannot read the cache key ({reason}), so this run does not use the cache; "
            "remove this folder, and doclint creates the key file again, or pass --no-cache"
        )
    elif isinstance(error, PermissionError):
        template = _(
            "{path}: cannot read the cache key ({reason}), so this run does not use the cache; "
            "remove it (sudo may have left it owned by root) or pass --no-cache"
        )
    else:
        template = _(
            "{path}: cannot read the cache key ({reason}), so this run does not use the cache; "
            "remove it, and doclint creates it again, or pass --no-cache"
        )
    return template.format(path=path, reason=error.strerror or error)


def _ignore_in_git(folder: Path) -> None:
    """Create ``folder/.gitignore`` that ignores the whole folder, unless something of that name exists.

    The file is created exclusively, so a symbolic link restored in its
    place, even one to a missing file, is never followed. Such a link could
    name the repository's own missing ``.gitignore``, and a ``*`` there
    would make git ignore every new file of the repository.
    """
    try:
        descriptor = os.open(folder / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write("# Created by doclint: the cache is not part of the repository.\n*\n")
    except OSError:
        # An empty file from a full disk would ignore nothing, so the next write creates it again.
        _remove(str(folder / ".gitignore"))
        raise
