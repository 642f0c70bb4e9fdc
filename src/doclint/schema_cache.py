"""A per-process cache of loaded schemas, so that a process loads and compiles each schema once.

The schema rule runs document by document, possibly in worker processes,
and needs the schema of every document it checks. Loading one reads and
checks every file of the schema and compiles its validity check, which
is worth doing once per process, not once per document.

Every request, cached or not, records the digests of the schema's files
as dependencies of the run (``doclint.runcache``), so that a replayed
run notices an edited schema.

A schema is cached under the value that names it (a built-in name, or a
path and the absolute folder that it is relative to), and stored with
the ``os.stat`` of every file it was read from. A later request whose
files changed on disk loads the schema again, so that a long-lived
process, such as a test session, uses the edited schema.

NOTE: an edit that keeps a file's size, modification time and inode is
not seen: two writes of the same size within the timestamp granularity
of the file system (on Linux often a clock tick of a few milliseconds).

A schema with keywords that its draft does not define (``schema_keywords``)
gets its warnings logged with every request, once per command, and records
``UNKNOWN_KEYWORDS`` as a dependency. The run cache and the findings cache
then never replay the findings of a document checked with it, because a
replay would check no schema and so drop the warnings.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from doclint.i18n import _
from doclint.runcache import record_dependencies
from doclint.schema_errors import SchemaError
from doclint.schemas import LoadedSchema, SchemaLoader, is_schema_path
from doclint.warning_log import warn_once

logger = logging.getLogger(__name__)

UNKNOWN_KEYWORDS = "<schema with unknown keywords>"
"""A dependency that no file satisfies, recorded for the findings of a schema with unknown keywords."""

FileSignature = tuple[int, int, int]
"""The modification time in nanoseconds, the size and the inode of a file."""


@dataclass(frozen=True)
class _Entry:
    schema: LoadedSchema
    signatures: tuple[tuple[Path, FileSignature], ...]
    """Every file that the schema was read from, with its signature after loading."""
    digests: dict[str, str]
    """The content digest of each of those files, recorded with every use for the run cache."""

    def is_current(self) -> bool:
        """Return whether every file of the schema is unchanged on disk."""
        return all(_signature(path) == signature for path, signature in self.signatures)


_entries: dict[tuple[str, str | None, str | None], _Entry] = {}


# A URL such as https://example.com/schema.json: a scheme of two letters or more, so that C:/ stays a path.
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def load_schema(value: str, base: Path = Path(), confine_to: Path | None = None) -> LoadedSchema:
    """Return the schema named by ``value`` (a built-in name or a path relative to ``base``), loading it if needed.

    Raises SchemaError, as ``SchemaLoader.load`` does, for a schema that
    cannot be used, and for one with a file outside ``confine_to`` when
    that is given. Such a schema is not cached, so every request reports
    the error.
    """
    if _URL_RE.match(value):
        raise SchemaError(
            _("{value}: doclint does not download schemas; save the schema to a file and name its path").format(value=value)
        )
    confined = os.path.abspath(confine_to) if confine_to is not None else None
    key = (value, os.path.abspath(base) if is_schema_path(value) else None, confined)
    entry = _entries.get(key)
    if entry is not None and entry.is_current():
        record_dependencies(entry.digests)
        return _warned(entry.schema)

    if entry is not None:
        logger.debug("schema %s changed on disk; loading it again", value)
    loader = SchemaLoader(confine_to)
    schema = loader.load(value, base)

    signatures = tuple((path, _signature(path)) for path in loader.read_files())
    if all(signature is not None for _path, signature in signatures):
        _entries[key] = _Entry(schema, signatures, loader.digests())  # type: ignore[arg-type]
    record_dependencies(loader.digests())
    return _warned(schema)


def _warned(schema: LoadedSchema) -> LoadedSchema:
    """Log the schema's warnings, each once per command, and keep its findings out of the caches if it has any."""
    for warning in schema.warnings:
        warn_once(logger, warning)
    if schema.warnings:
        record_dependencies({UNKNOWN_KEYWORDS: UNKNOWN_KEYWORDS})
    return schema


def _signature(path: Path) -> FileSignature | None:
    """Return the signature of a file, or None when it cannot be read, which no cached signature equals."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)
