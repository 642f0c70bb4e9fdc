"""Signed cache files, and the fingerprint of the code that wrote them.

Both caches of doclint (parsed documents in ``doclint.loader`` and whole
runs in ``doclint.runcache``) store pickles under ``.doclint_cache/``.
Pickle runs code when it loads, so every entry is signed with HMAC-SHA256
under a key kept in the user's cache folder, never in the repository. An
entry that a checkout or another user planted fails the signature check
and is ignored. Entries are written to a temporary file and renamed, so
concurrent runs never read half an entry, and an unreadable, foreign or
corrupt entry only costs the work it would have saved.

This module imports nothing heavy, so that a run answered from the cache
does not pay for the parser or the rules.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import pickle
import secrets
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from doclint import __version__

logger = logging.getLogger(__name__)

CACHE_FORMAT = 2
SIGNATURE_SIZE = hashlib.sha256().digest_size

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """Return a digest of doclint's version and of the size and time of each of its files.

    A cache key that includes it goes stale when doclint changes, also in an
    editable install whose version number stays the same. Stat calls on the
    package's files cost about a millisecond; hashing their contents would
    cost more than most cached runs.
    """
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}\0".encode())
    for folder in (_PACKAGE, *_checkout_data()):
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            status = path.stat()
            digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()


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


class SignedStore:
    """Pickled objects in files under ``folder``, signed with this user's key."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.key = _secret_key()

    def read(self, entry: Path) -> Any | None:
        """Return the object stored in ``entry``, or None when it is missing, unsigned or unreadable."""
        try:
            blob = entry.read_bytes()
        except OSError:
            return None

        signature, payload = blob[:SIGNATURE_SIZE], blob[SIGNATURE_SIZE:]
        if not hmac.compare_digest(signature, hmac.new(self.key, payload, hashlib.sha256).digest()):
            logger.debug("cache entry %s is not signed by this user's key; ignoring it", entry)
            return None

        try:
            return pickle.loads(payload)
        except Exception as error:  # a signed entry from an older doclint may not load
            logger.debug("cache entry %s cannot be loaded (%s); ignoring it", entry, error)
            return None

    def write(self, entry: Path, value: Any) -> None:
        """Store ``value`` in ``entry`` atomically; a cache that cannot be written is logged and skipped."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
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
