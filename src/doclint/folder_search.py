"""Finding the documents in a folder named on the command line.

The search walks the folder and keeps the files with a Markdown suffix. It
does not enter or read:

- hidden files and folders (a name that starts with ``.``, such as ``.git``
  or ``.venv``);
- the folders in ``SKIPPED_FOLDERS``, which hold installed packages or build
  output, even when no ``.gitignore`` lists them;
- with ``respect-gitignore`` on (the default), the files and folders that
  git ignores and does not track. The patterns come from the
  ``.gitignore`` in each folder walked, from the ``.gitignore`` files
  above the named folder up to the repository root (the nearest folder at
  or above it that contains ``.git``), and from the repository's
  ``info/exclude`` file. The excludes file that ``core.excludesFile``
  names (by default ``~/.config/git/ignore``) adds the least binding
  ones, and one ``git config`` per repository reads that setting. Outside a repository
  only the ``.gitignore`` files inside the named folder apply, because no
  root bounds the search upwards.

Build copies and installed packages repeat the real documents, so reading
them gives each source file a duplicate finding against its own copy, and a
fix could then delete the source text. The patterns are compiled by the
``pathspec`` library's ``GitIgnoreSpec``, which follows git's rules for
negation (``!``), anchoring (``/x``), folder-only patterns (``x/``) and
``**``.

As in git, a file in the index (tracked, for example added with ``git add
--force``) is found even when a pattern matches it. The tracked paths come
from one ``git ls-files`` per repository and search, run only when a
pattern first matches an entry or, with ``tracked_only``, at the first
entry. If git is missing or fails, the search
logs a debug message and skips every matched entry, tracked or not. A
matched folder is walked only when it contains tracked files, and then
only those files are found: as in git, no ``!`` pattern includes again an
untracked file below an ignored folder. Hidden entries and the folders in
``SKIPPED_FOLDERS`` are skipped even when git tracks them.

A folder below the named one that contains ``.git`` (a folder, or a file
as in submodules and linked worktrees) is the root of a nested
repository. As in git, the patterns from the folders above it stop
applying there, its own ``info/exclude`` and excludes file apply, and its tracked files
are listed by git in that repository. Whether the walk enters such a
folder is still decided by the outer repository's patterns and index.

The folder named on the command line is always walked, and only the paths
below it are skipped: a user who names ``docs/_build`` wants it checked.

A search with ``tracked_only`` (the one for ``--compare-with``) also
leaves out the files that git does not track, and does not enter a
folder that contains no tracked file, such as a nested repository that
is no submodule. Compared documents are read only for what they repeat,
and an untracked file is a draft or a scratch copy that no commit contains
and no CI run sees: comparing with it would fail a pre-commit hook on a
change that is fine everywhere else. A file counts as tracked when it is
in the index of the repository it belongs to, so a staged new file
counts. This uses the same ``git ls-files`` as the ignore rules. Outside
a repository, and when git is missing or fails, nothing is left out for
being untracked, because then doclint cannot find out which files a
commit contains.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import subprocess
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Sequence

from doclint.i18n import _

if TYPE_CHECKING:
    # Imported where patterns are compiled: a search that meets no ignore file never loads pathspec (about 4 ms).
    import pathspec

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

GITDIR_PREFIX = "gitdir: "
"""The start of the line in a ``.git`` file that names the git folder of a submodule or linked worktree."""

GIT_REPOSITORY_VARIABLES = frozenset(
    {
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
        "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE",
        "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX",
        "GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE", "GIT_COMMON_DIR",
    }
)
"""The environment variables that bind git to one repository, as ``git rev-parse --local-env-vars`` lists them (git 2.39).

They are removed before git runs on a repository that the search found itself.
"""


class IgnoreFile(NamedTuple):
    """The compiled patterns of one ignore file, and the folder its patterns are relative to."""

    prefix: str
    """The absolute path of that folder, ending with a path separator."""
    spec: pathspec.GitIgnoreSpec


class TrackedPaths:
    """The paths that git tracks below one folder of a repository, listed by ``git ls-files`` when first requested.

    The walk requests them only for entries that a pattern ignores, so a
    search in which no pattern matches runs no ``git ls-files``. When git is
    missing or fails, no path counts as tracked, and the walk skips every
    entry that a pattern ignores.
    """

    def __init__(self, root: str, folder: str) -> None:
        """Prepare to list the tracked paths below the absolute ``folder`` of the work tree that starts at ``root``."""
        self._root = root
        self._folder = folder
        self._files: frozenset[str] | None = None
        self._folders: frozenset[str] = frozenset()
        self._listed = False

    def listed(self) -> bool:
        """Return whether git listed the tracked paths: False when git is missing or failed, and nothing counts as tracked."""
        self._tracked_files()
        return self._listed

    def contains_file(self, path: str) -> bool:
        """Return whether git tracks the file (or submodule) at the absolute ``path``."""
        return path in self._tracked_files()

    def contains_folder(self, path: str) -> bool:
        """Return whether the absolute folder ``path`` contains a tracked file, or is itself a tracked submodule."""
        files = self._tracked_files()
        return path in self._folders or path in files

    def _tracked_files(self) -> frozenset[str]:
        if self._files is None:
            listed = _git_ls_files(self._root, self._folder)
            self._listed = listed is not None
            self._files = frozenset(os.path.join(self._root, *name.split("/")) for name in listed or [])
            self._folders = _folders_of(self._files, self._root)
        return self._files


def _folders_of(paths: frozenset[str], root: str) -> frozenset[str]:
    """Return the folders from ``root`` down that contain the absolute ``paths``, all of which are below ``root``."""
    folders = set()
    for path in paths:
        folder = os.path.dirname(path)
        while folder not in folders and len(folder) > len(root):
            folders.add(folder)
            folder = os.path.dirname(folder)
    folders.add(root)
    return frozenset(folders)


# The behaviour of a folder search when git cannot list the tracked files, for the debug messages.
_WITHOUT_GIT = "files that a pattern matches are skipped even when tracked, and a compared folder gives its untracked documents too"


def _git_ls_files(root: str, folder: str) -> list[str] | None:
    """Return the paths, relative to ``root`` with ``/`` separators, that git tracks below the absolute ``folder``.

    Returns None, with a debug message, when git is missing or fails, for
    example because the ``.git`` found is not a repository. A debug message
    and not a warning, because most users without git have no repository
    either.
    """
    command = ["git", "--literal-pathspecs", "ls-files", "-z"]
    relative = os.path.relpath(folder, root)
    if relative != os.curdir:
        command += ["--", relative.replace(os.sep, "/")]
    try:
        completed = _run_git(command, root)
    except OSError as error:
        logger.debug("cannot run git in %s (%s): %s", root, error, _WITHOUT_GIT)
        return None
    if completed.returncode != 0:
        reason = os.fsdecode(completed.stderr).strip()
        logger.debug("git ls-files failed in %s (%s): %s", root, reason, _WITHOUT_GIT)
        return None
    return [os.fsdecode(name) for name in completed.stdout.split(b"\0") if name]


def _run_git(command: list[str], root: str) -> subprocess.CompletedProcess[bytes]:
    """Run a git ``command`` on the repository whose work tree starts at ``root``; raise ``OSError`` when git cannot start."""
    # GIT_DIR and GIT_WORK_TREE name the repository, so that git neither searches the folders above root
    # nor follows a GIT_DIR or GIT_INDEX_FILE that a git hook set for the outer repository.
    environment = {name: value for name, value in os.environ.items() if name not in GIT_REPOSITORY_VARIABLES}
    environment.update(GIT_DIR=os.path.join(root, ".git"), GIT_WORK_TREE=root)
    return subprocess.run(command, cwd=root, env=environment, stdin=subprocess.DEVNULL, capture_output=True, check=False)


class FolderRules(NamedTuple):
    """What decides which entries of one walked folder the search skips."""

    ignore_files: list[IgnoreFile]
    """The ignore files that apply, least binding first."""
    tracked: TrackedPaths | None
    """The paths tracked by the repository that the folder belongs to, or None outside a repository."""
    ignored: bool
    """Whether the folder is git-ignored and walked only for the tracked paths inside it."""


NO_RULES = FolderRules([], None, False)


class FolderDocuments(NamedTuple):
    """The result of a search of one folder: the documents found and the untracked paths left out."""

    found: list[str]
    """The sorted paths of the documents found."""
    untracked: list[str]
    """The files and folders left out because git does not track them (only with ``tracked_only``)."""


def documents_in(folder: str | os.PathLike[str], respect_gitignore: bool = True) -> list[str]:
    """Return the sorted paths of the documents found in ``folder`` and the folders below it (see ``search_folder``)."""
    return search_folder(folder, respect_gitignore).found


def search_folder(folder: str | os.PathLike[str], respect_gitignore: bool = True, tracked_only: bool = False) -> FolderDocuments:
    """Find the documents in ``folder`` and the folders below it.

    Each path starts with ``folder`` as ``pathlib`` spells it, such as
    ``docs/guide.md`` for ``./docs/``, and ``guide.md`` for ``.``. A
    folder below ``folder`` that cannot be read is passed over with a
    warning, and symbolic links to folders are passed over without one, so
    that a link cycle cannot make the walk endless. Raises ``OSError`` when
    ``folder`` itself cannot be read. With ``tracked_only`` and
    ``respect_gitignore``, the files in a git work tree that git does not
    track are left out too, and the folders that contain no tracked file
    are not entered.
    """
    top = os.fspath(folder)
    # The rules apply to where the files are: a named folder that is a symbolic link to a folder of the
    # repository gets that folder's ignore files and tracked paths, as git would give them.
    real_top = os.path.realpath(top)
    found: list[str] = []
    untracked: list[str] = []
    inherited = {top: _rules_of_named_folder(real_top) if respect_gitignore else NO_RULES}
    for directory, subfolders, files in os.walk(top, onerror=partial(_unreadable_folder, top)):
        rules = inherited.pop(directory)
        absolute = os.path.normpath(os.path.join(real_top, os.path.relpath(directory, top)))
        if respect_gitignore:
            if directory != top and (".git" in subfolders or ".git" in files):
                rules = _rules_of_nested_work_tree(absolute)
            own_ignore_file = _read_ignore_file(Path(directory, GITIGNORE), directory)
            rules = rules._replace(ignore_files=rules.ignore_files + own_ignore_file)
        walked_subfolders = []
        for name in sorted(subfolders):
            subfolder_rules = _subfolder_rules(absolute, name, rules)
            if subfolder_rules is None:
                continue
            if tracked_only and _untracked(os.path.join(absolute, name), True, rules):
                untracked.append(str(Path(directory, name)))
                continue
            walked_subfolders.append(name)
            inherited[os.path.join(directory, name)] = subfolder_rules
        subfolders[:] = walked_subfolders
        for name in sorted(files):
            if not name.lower().endswith(DOCUMENT_SUFFIXES) or _file_skipped(absolute, name, rules):
                continue
            if tracked_only and _untracked(os.path.join(absolute, name), False, rules):
                untracked.append(str(Path(directory, name)))
            elif _is_file(os.path.join(directory, name)):
                found.append(str(Path(directory, name)))
    return FolderDocuments(sorted(found), untracked)


def _untracked(path: str, is_folder: bool, rules: FolderRules) -> bool:
    """Return whether git, which listed the tracked paths of the repository, does not track the file or folder at ``path``.

    A folder counts as tracked when it contains a tracked file or is a
    submodule. Outside a repository, or when git could not list the paths,
    nothing counts as untracked.
    """
    tracked = rules.tracked
    if tracked is None or not tracked.listed():
        return False
    if tracked.contains_folder(path) if is_folder else tracked.contains_file(path):
        return False
    if is_folder:
        logger.debug("skipping %s: git tracks no file in it, and only tracked documents are compared", path)
    else:
        logger.debug("skipping %s: git does not track it, and only tracked documents are compared", path)
    return True


def _unreadable_folder(top: str, error: OSError) -> None:
    """Raise the error of the named folder ``top`` for the caller to report, and warn about a folder below it.

    The documents of a folder that cannot be read are not checked, so the
    run must not look clean without a word.
    """
    if error.filename is None or os.path.normpath(error.filename) == os.path.normpath(top):
        raise error
    logger.warning(
        _("{path}: cannot be read ({reason}), so the documents in this folder are not checked; make it readable").format(
            path=str(Path(error.filename)), reason=error.strerror or error
        )
    )


def _is_file(path: str) -> bool:
    """Return whether ``path`` is a regular file, or a link to one; warn about a path that cannot be looked up.

    A missing file (a dangling link, or a file deleted during the search)
    is passed over without a word. A link loop or a file in a folder that
    cannot be searched gets a warning, because it is a document that the
    run would skip.
    """
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return False
    except OSError as error:
        shown = str(Path(path))
        if error.errno == errno.ELOOP:
            message = _("{path}: symbolic link loop, so the file is not checked; point the link at a document or remove it")
        else:
            message = _("{path}: cannot be read ({reason}), so the file is not checked; make it and its folder readable")
        logger.warning(message.format(path=shown, reason=error.strerror or error))
        return False


def _rules_of_named_folder(top: str) -> FolderRules:
    """Return the rules that apply to the named folder ``top`` from outside it.

    The repository is the one whose root is the nearest folder at or above
    ``top`` that contains ``.git``, so the patterns of an outer repository
    do not reach into a nested one.
    """
    absolute = os.path.abspath(top)
    root = work_tree_root(absolute)
    if root is None:
        return NO_RULES
    ignore_files = _ignore_files_above(absolute, root)
    if ignore_files and _is_ignored(absolute, True, ignore_files):
        logger.debug("%s is git-ignored but was named, so only the ignore files inside it apply", top)
        ignore_files = []
    return FolderRules(ignore_files, TrackedPaths(root, absolute), False)


def _rules_of_nested_work_tree(root: str) -> FolderRules:
    """Return the rules at the root of a repository met below the named folder: a nested repository or a submodule.

    As in git, the patterns of the outer repository stop applying there,
    and the nested repository's own ``info/exclude`` and excludes file start.
    """
    logger.debug("%s contains .git, so the ignore files of the folders above it no longer apply", root)
    return FolderRules(_read_repository_excludes(root), TrackedPaths(root, root), False)


def _subfolder_rules(directory: str, name: str, rules: FolderRules) -> FolderRules | None:
    """Return the rules for walking the subfolder ``name`` of the absolute ``directory``, or None to skip it.

    A git-ignored folder is still walked when git tracks paths inside it,
    but then only for those paths, as git lists no untracked file below an
    ignored folder.
    """
    path = os.path.join(directory, name)
    if _skipped_by_name(path, name, True):
        return None
    ignored = rules.ignored or _is_ignored(path, True, rules.ignore_files)
    if not ignored:
        return rules
    if rules.tracked is not None and rules.tracked.contains_folder(path):
        return rules._replace(ignored=True)
    logger.debug("skipping %s: git-ignored", path)
    return None


def _file_skipped(directory: str, name: str, rules: FolderRules) -> bool:
    """Return whether the walk leaves out the file ``name`` of the absolute folder ``directory``.

    A file that git tracks is never git-ignored.
    """
    path = os.path.join(directory, name)
    if _skipped_by_name(path, name, False):
        return True
    if not rules.ignored and not _is_ignored(path, False, rules.ignore_files):
        return False
    if rules.tracked is not None and rules.tracked.contains_file(path):
        return False
    logger.debug("skipping %s: git-ignored", path)
    return True


def _skipped_by_name(path: str, name: str, is_folder: bool) -> bool:
    """Return whether the entry at ``path`` is left out for its name alone: hidden, or a package or build folder."""
    if name.startswith("."):
        return True
    if is_folder and name in SKIPPED_FOLDERS:
        logger.debug("skipping %s: a folder of installed packages or build output", path)
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


def work_tree_root(folder: str) -> str | None:
    """Return the nearest folder at or above the absolute ``folder`` that contains ``.git``, or None outside a repository."""
    for candidate in (Path(folder), *Path(folder).parents):
        if _exists(candidate / ".git"):
            return str(candidate)
    return None


def _exists(path: Path) -> bool:
    """Return whether ``path`` exists; a path in a folder that cannot be searched counts as missing."""
    try:
        path.stat()
    except OSError:
        return False
    return True


def _ignore_files_above(folder: str, root: str) -> list[IgnoreFile]:
    """Return the ignore files that apply to the absolute ``folder`` from outside it, least binding first.

    They are the excludes file and the ``info/exclude`` file of the
    repository whose work tree starts at ``root``, and the ``.gitignore``
    files of ``root`` and of each folder between it and ``folder``.
    """
    rules = _read_repository_excludes(root)
    candidates = [Path(folder), *Path(folder).parents]
    # The folder's own .gitignore is read by the walk.
    for parent in reversed(candidates[1 : candidates.index(Path(root)) + 1]):
        rules += _read_ignore_file(parent / GITIGNORE, str(parent))
    return rules


def _read_repository_excludes(root: str) -> list[IgnoreFile]:
    """Compile the ignore files that apply to the whole work tree at ``root``, least binding first.

    As in git, they are the excludes file that ``core.excludesFile`` names
    (usually the user's global one) and then the repository's
    ``info/exclude``. The patterns of both are relative to ``root``.
    """
    excludes_file = _excludes_file(root)
    rules = [] if excludes_file is None else _read_ignore_file(excludes_file, root)
    return rules + _read_info_exclude(root)


def _excludes_file(root: str) -> Path | None:
    """Return the excludes file of the repository at ``root``: the value of ``core.excludesFile``, or git's default.

    git reads the setting from every configuration file that applies to the
    repository (system, global, local), so git itself is asked. When it is
    not set, the default is ``$XDG_CONFIG_HOME/git/ignore``, or
    ``~/.config/git/ignore`` when ``XDG_CONFIG_HOME`` is unset or empty
    (git-config(1), git 2.39). An empty value names no file. When git
    cannot run or fails, the default applies, with a debug message.
    """
    command = ["git", "config", "--null", "--path", "--get", "core.excludesFile"]
    try:
        completed = _run_git(command, root)
    except OSError as error:
        logger.debug("cannot run git in %s (%s), so the default excludes file applies", root, error)
        return _default_excludes_file()
    if completed.returncode == 0:
        value = os.fsdecode(completed.stdout).rstrip("\0")
        # git opens a relative path from the top of the work tree, where it runs.
        return Path(root, value) if value else None
    if completed.returncode != 1:
        reason = os.fsdecode(completed.stderr).strip()
        logger.debug("git config failed in %s (%s), so the default excludes file applies", root, reason)
    return _default_excludes_file()


def _default_excludes_file() -> Path | None:
    """Return git's default excludes file, or None when neither ``XDG_CONFIG_HOME`` nor ``HOME`` is set."""
    config_home = os.environ.get("XDG_CONFIG_HOME")
    if config_home:
        return Path(config_home, "git", "ignore")
    home = os.environ.get("HOME")
    if home:
        return Path(home, ".config", "git", "ignore")
    return None


def _read_info_exclude(root: str) -> list[IgnoreFile]:
    """Compile the ``info/exclude`` file of the repository whose work tree starts at ``root``."""
    git_folder = _common_git_folder(Path(root))
    if git_folder is None:
        return []
    return _read_ignore_file(git_folder / "info" / "exclude", root)


def _common_git_folder(root: Path) -> Path | None:
    """Return the git folder that contains ``info/exclude`` for the work tree ``root``, or None if it cannot be found.

    Usually it is ``root/.git``. In a submodule or a linked worktree
    ``.git`` is a file whose ``gitdir:`` line names the git folder. A
    linked worktree's git folder has a ``commondir`` file naming the main
    git folder, which contains the ``info`` folder shared by all worktrees.
    """
    dot_git = root / ".git"
    try:
        if not stat.S_ISREG(dot_git.stat().st_mode):
            return dot_git
    except OSError:
        return dot_git
    try:
        first_line = dot_git.read_text(encoding="utf-8", errors="surrogateescape").partition("\n")[0]
    except OSError as error:
        logger.debug("%s: cannot be read (%s), so its info/exclude is not applied", dot_git, error.strerror)
        return None
    if not first_line.startswith(GITDIR_PREFIX):
        logger.debug("%s: no gitdir: line, so its info/exclude is not applied", dot_git)
        return None
    git_folder = root / first_line[len(GITDIR_PREFIX):].strip()
    try:
        common = (git_folder / "commondir").read_text(encoding="utf-8", errors="surrogateescape").strip()
    except OSError:
        return git_folder
    return git_folder / common


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
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    if not spec.patterns:
        return []
    return [IgnoreFile(os.path.join(os.path.abspath(folder), ""), spec)]
