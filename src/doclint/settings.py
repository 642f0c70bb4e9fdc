"""Run settings that change what the rules report."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from doclint.fields import LabelTable, default_labels

DEFAULT_CACHE_DIR = ".doclint_cache"
"""The cache folder, in the working folder, when neither the command line, the environment nor the configuration names one."""

CodeScope = Literal["document", "block"]
CODE_SCOPES: tuple[CodeScope, ...] = ("document", "block")


@dataclass(frozen=True)
class Settings:
    near_duplicate_threshold: float = 75.0
    """Minimum similarity, 0-100, for near-duplicate-section (rapidfuzz ratio after template removal)."""
    same_question_threshold: float = 95.0
    """Minimum similarity, 0-100, of two normalised questions for them to count as the same question."""
    encoding: str | None = None
    """The encoding of every input that no ``per_file_encoding`` glob matches; None means UTF-8 with or without a BOM, or detected."""
    per_file_encoding: tuple[tuple[str, str], ...] = ()
    """(glob, encoding) pairs: a file that matches a glob is read in its encoding, the last matching glob winning."""
    labels: LabelTable | None = None
    """Field label table; None means the shipped table."""
    select: tuple[str, ...] | None = None
    """Rule names, codes or code prefixes to run; None means every rule enabled by default."""
    ignore: tuple[str, ...] = ()
    """Rule names, codes or code prefixes never to run."""
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(glob, rules) pairs: findings of those rules are dropped in files that match the glob."""
    severity: tuple[tuple[str, str], ...] = ()
    """(rule, severity) pairs that override a rule's default severity."""
    exclude: tuple[str, ...] = ()
    """Globs of paths never checked, whether named or found in a folder."""
    respect_gitignore: bool = True
    """Leave out of folder searches the files and folders that git ignores: ``.gitignore``, ``.git/info/exclude`` and ``core.excludesFile``."""
    root: str | None = None
    """The folder of the configuration file; globs match paths relative to it."""
    code_scope: CodeScope = "document"
    """Scope of Python names: ``document`` (names carry over from earlier Python blocks) or ``block``."""
    untagged_python: bool = False
    """Also check code blocks without a language tag as Python, when they parse as Python."""
    python_builtins: tuple[str, ...] = ()
    """Names that Python code blocks may use without defining them, such as an object that the prose of a page introduces."""
    jobs: int | None = None
    """Processes that parse documents, this one included; None means one per CPU."""
    progress: bool = False
    """Show a progress bar on stderr while documents are parsed (the CLI sets it for a terminal and text output)."""
    cache_dir: str | None = DEFAULT_CACHE_DIR
    """Folder of the parse and run cache, absolute or relative to the working folder; None turns the cache off."""
    schema: str | None = None
    """JSON Schema for documents whose front matter names none: a built-in name such as ``qa-article``
    or a path relative to the working folder. None gives ``qa-article`` to documents whose numbered
    items mostly have the shape of qa-article, and no schema check to the others."""

    def __post_init__(self) -> None:
        if self.code_scope not in CODE_SCOPES:
            raise ValueError(f"invalid code scope {self.code_scope!r}; use one of: {', '.join(CODE_SCOPES)}")

    @property
    def label_table(self) -> LabelTable:
        return self.labels or default_labels()

    def encoding_for(self, path: str) -> str | None:
        """Return the encoding to read ``path`` in: that of the last ``per_file_encoding`` glob it matches, else ``encoding``."""
        if not self.per_file_encoding:
            return self.encoding
        relative = relative_path(path, self.root)
        for glob, encoding in reversed(self.per_file_encoding):
            if matches_glob(relative, glob):
                return encoding
        return self.encoding

    def file_ignores(self, path: str) -> list[str]:
        """Return the selectors that ``per_file_ignores`` lists for the file at ``path``, from every glob that matches it."""
        if not self.per_file_ignores:
            return []
        relative = relative_path(path, self.root)
        return [token for glob, tokens in self.per_file_ignores if matches_glob(relative, glob) for token in tokens]


def matches_glob(relative: str, glob: str) -> bool:
    """Return whether a relative path, or a folder above it, matches a glob of the configuration.

    ``exclude``, ``per-file-ignores`` and ``per-file-encoding`` match alike:
    ``"docs"`` covers every file under docs, as ``"docs/*"`` does, and
    ``*`` also matches ``/``, as in ``fnmatch``. A glob may start with
    ``./`` and may end with ``/``, as paths and ``.gitignore`` patterns are
    often written: ``"./docs/zh/"`` covers every file under docs/zh, and a
    glob that ends with ``/`` matches folders only. Repeated slashes and
    ``.`` parts are dropped as in a path, so ``"."`` and ``"./"`` name the
    configuration's folder and cover every file below it.
    """
    folders_only = glob.endswith("/")
    glob = _normalise_glob(glob)
    if glob == ".":
        return not relative.startswith(("/", "../"))

    path = PurePosixPath(relative)
    folders = [parent.as_posix() for parent in path.parents if parent.name]
    candidates = folders if folders_only else [path.as_posix(), *folders]
    return any(fnmatch.fnmatch(candidate, glob) for candidate in candidates)


def _normalise_glob(glob: str) -> str:
    """Return a glob without empty and ``.`` parts, keeping a leading ``/``. A glob of the folder itself becomes ``"."``."""
    parts = [part for part in glob.split("/") if part not in ("", ".")]
    if glob.startswith("/"):
        return "/" + "/".join(parts)
    return "/".join(parts) or "."


def relative_path(path: str, root: str | None) -> str:
    """Return a path relative to the configuration's folder, with forward slashes, for glob matching."""
    resolved = Path(path).resolve()
    if root is not None:
        try:
            return resolved.relative_to(Path(root)).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()
