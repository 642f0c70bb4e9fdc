"""Finding the documents in a folder named on the command line.

The search walks the folder and keeps the files with a Markdown suffix. It
does not enter or read:

- hidden files and folders (a name that starts with ``.``, such as ``.git``
  or ``.venv``);
- the folders in ``SKIPPED_FOLDERS``, which hold installed packages or build
  output, even when no ``.gitignore`` lists them;
- with ``respect-gitignore`` on (the default), the files and folders that
  git ignores. The patterns come from the ``.gitignore`` in each folder
  walked, from the ``.gitignore`` files above the named folder up to the
  repository root (the nearest folder that contains ``.git``), and from
  ``.git/info/exclude``. Outside a repository only the ``.gitignore``
  files inside the named folder apply, because no root bounds the search
  upwards. git's global excludes file (``core.excludesFile``) is not read.

Build copies and installed packages repeat the real documents, so reading
them gives each source file a duplicate finding against its own copy, and a
fix could then delete the source text. The patterns are compiled by the
``pathspec`` library's ``GitIgnoreSpec``, which follows git's rules for
negation (``!``), anchoring (``/x``), folder-only patterns (``x/``) and
``**``. An ignored folder is not walked, so, as in git, a file inside it
cannot be included again by a ``!`` pattern.

The folder named on the command line is always walked, and only the paths
below it are skipped: a user who names ``docs/_build`` wants it checked.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import NamedTuple, Sequence

import pathspec

from doclint.i18n import _

logger = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
"""The suffixes, in any letter case, of the files a folder search finds. A file named directly may have any suffix."""

SKIPPED_FOLDERS = frozenset({"node_modules", "site-packages", "__pycache__", "_build", "venv"})
"""Folder names skipped below the named folder: installed packages (npm, pip, virtual environments), bytecode, Sphinx output.

``build`` and ``dist`` are not in the list, because projects also use
those names for hand-written documents, such as the guide to a build
system. Their generated copies are usually git-ignored, which skips them.
"""

GITIGNORE = ".gitignore"


class IgnoreFile(NamedTuple):
    """The compiled patterns of one ignore file, and the folder its patterns are relative to."""

    prefix: str
    """The absolute path of that folder, ending with a path separator."""
    spec: pathspec.GitIgnoreSpec


def documents_in(folder: str | os.PathLike[str], respect_gitignore: bool = True) -> list[str]:
    """Return the sorted paths of the documents found in ``folder`` and the folders below it.

    Each path starts with ``folder`` as ``pathlib`` spells it, such as
    ``docs/guide.md`` for ``./docs/``, and ``guide.md`` for ``.``. Folders
    that cannot be read are passed over, as are symbolic links to folders,
    so that a link cycle cannot make the walk endless.
    """
    top = os.fspath(folder)
    ignore_files = _ignore_files_above(top) if respect_gitignore else []
    if ignore_files and _is_ignored(os.path.abspath(top), True, ignore_files):
        logger.debug("%s is git-ignored but was named, so only the ignore files inside it apply", top)
        ignore_files = []

    found = []
    inherited = {top: ignore_files}
    for directory, subfolders, files in os.walk(top):
        rules = inherited.pop(directory)
        if respect_gitignore:
            rules = rules + _read_ignore_file(Path(directory, GITIGNORE), directory)
        absolute = os.path.abspath(directory)
        subfolders[:] = sorted(name for name in subfolders if not _skipped(absolute, name, True, rules))
        for name in subfolders:
            inherited[os.path.join(directory, name)] = rules
        found.extend(
            str(Path(directory, name))
            for name in files
            if name.lower().endswith(DOCUMENT_SUFFIXES)
            and not _skipped(absolute, name, False, rules)
            and os.path.isfile(os.path.join(directory, name))
        )
    return sorted(found)


def _skipped(directory: str, name: str, is_folder: bool, rules: Sequence[IgnoreFile]) -> bool:
    """Return whether the walk leaves out the entry ``name`` of the absolute folder ``directory``."""
    if name.startswith("."):
        return True
    if is_folder and name in SKIPPED_FOLDERS:
        logger.debug("skipping %s: a folder of installed packages or build output", os.path.join(directory, name))
        return True
    if _is_ignored(os.path.join(directory, name), is_folder, rules):
        logger.debug("skipping %s: git-ignored", os.path.join(directory, name))
        return True
    return False


def _is_ignored(path: str, is_folder: bool, rules: Sequence[IgnoreFile]) -> bool:
    """Return whether git ignores the absolute ``path`` under these ignore files (least binding first).

    As in git, the last pattern that matches the path itself in the deepest
    ignore file that has one decides, and a path that no pattern matches is
    not ignored. A folder is matched without and with a trailing slash,
    which patterns such as ``_build/`` require.
    """
    for ignore_file in reversed(rules):
        if not path.startswith(ignore_file.prefix):
            continue
        relative = path[len(ignore_file.prefix):].replace(os.sep, "/")
        for pattern in reversed(ignore_file.spec.patterns):
            if pattern.include is None:
                continue
            if _matches_itself(pattern, relative) or (is_folder and _matches_itself(pattern, relative + "/")):
                return pattern.include
    return False


def _matches_itself(pattern: pathspec.RegexPattern, relative: str) -> bool:
    """Return whether a compiled gitignore pattern matches the path ``relative`` itself, not a folder above it.

    A pathspec pattern also matches every path inside a folder that it
    matches, and marks the slash after that folder with the ``ps_d``
    group. The walk has already kept each folder above ``relative``, so a
    match through one of them is passed over, as git passes it over. With
    ``GitIgnoreSpec.check_file`` instead, ``*`` followed by ``!*/`` would
    still ignore every folder, because it ranks a match through a folder
    below a match of the whole path.

    A ``relative`` that ends with a slash names a folder, and only a match
    whose ``ps_d`` slash is that last one counts. So ``a/**``, which
    pathspec also matches against ``a/``, does not ignore the folder ``a``
    itself, and ``!a/keep.md`` can include that file again, as in git.
    """
    # NOTE: ps_d is the group name in pathspec 0.12 to 1.1, but not part of its documented interface.
    # If a later version renames it, every match counts as a match of the path itself.
    result = pattern.match_file(relative)
    if result is None:
        return False
    match = result.match
    if match.groupdict().get("ps_d") is None:
        return not relative.endswith("/")
    return match.start("ps_d") == len(relative) - 1


def _ignore_files_above(folder: str) -> list[IgnoreFile]:
    """Return the ignore files that apply to ``folder`` from outside it, least binding first.

    They are ``.git/info/exclude`` and the ``.gitignore`` files of the
    repository root and of each folder between it and ``folder``. Outside a
    repository there are none, because git reads none there either.
    """
    absolute = Path(os.path.abspath(folder))
    candidates = [absolute, *absolute.parents]
    root = next((candidate for candidate in candidates if (candidate / ".git").exists()), None)
    if root is None:
        return []

    # NOTE: .git/info/exclude is read only where .git is a folder. In a worktree or submodule
    # .git is a file that points to the real git folder, which is not followed.
    rules = _read_ignore_file(root / ".git" / "info" / "exclude", str(root))
    # The folder's own .gitignore is read by the walk.
    for parent in reversed(candidates[1 : candidates.index(root) + 1]):
        rules += _read_ignore_file(parent / GITIGNORE, str(parent))
    return rules


def _read_ignore_file(path: Path, folder: str) -> list[IgnoreFile]:
    """Compile an ignore file whose patterns are relative to ``folder``.

    A missing file gives no patterns. An unreadable one gives none either,
    with a warning, because the files it would have ignored are then checked.
    """
    try:
        lines = path.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return []
    except OSError as error:
        logger.warning(
            _("{path}: cannot be read ({reason}), so the files it lists are not ignored; make the file readable").format(
                path=path, reason=error.strerror
            )
        )
        return []
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    if not spec.patterns:
        return []
    return [IgnoreFile(os.path.join(os.path.abspath(folder), ""), spec)]
