"""Running the rules over the files of one run.

The engine finds the documents named on the command line, parses each one,
runs every rule over all of them (so that duplicates are found across
files), and returns the findings in a stable order. It never prints: the CLI
and the reporters do.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, NamedTuple, Sequence

from doclint.diagnostics import Diagnostic, RelatedLocation, Severity
from doclint.i18n import _, ngettext
from doclint.path_errors import path_error_message
from doclint.settings import Settings, matches_glob, relative_path
from doclint.source import Source, SourceError, UndecodableError, decode, read_source, read_standard_input

if TYPE_CHECKING:
    # Imported where they are used, so that a replayed run loads neither the section tree nor the rules.
    from doclint.loader import DocumentBug
    from doclint.model import Document, Section
    from doclint.registry import Rule
    from doclint.runcache import RunCache, RunRecord

logger = logging.getLogger(__name__)

STDIN_PATH = "-"
STDIN_DISPLAY = "<stdin>"


@dataclass
class RunResult:
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """One line per input that could not be read or written, naming it and the fix."""
    internal_errors: list[str] = field(default_factory=list)
    """One line per document that tripped a bug in doclint, naming it; the run checked the others."""
    warnings: list[str] = field(default_factory=list)
    """One line per problem that is not a finding but still goes to the user, such as a suppression
    comment that names no rule. ``run`` logs them. Before reporting, ``doclint check`` replaces them with
    every warning logged during the command, these among them, for the formats that carry warnings."""
    silenced: list[Diagnostic] = field(default_factory=list)
    """The findings that suppression comments silenced, which ``--fix`` never fixes."""
    fixed: int = 0
    """How many fixes ``--fix`` applied before these findings were computed."""
    unsafe_fixes_applied: bool = False
    """Whether ``--fix --unsafe-fixes`` ran before these findings were computed. Its unsafe fixes apply only to
    findings that the check before them showed, so an unsafe fix left is for a finding that they brought up."""
    _sources: dict[str, Source] = field(default_factory=dict, repr=False)
    _sources_for: list[Document] | None = field(default=None, repr=False)
    compared: list[Document] = field(default_factory=list)
    """Documents read only for the cross-file rules (``--compare-with``): never reported on or fixed."""
    checked: list[str] | None = None
    """The paths of the checked documents of a replayed run, which has no parsed ``documents``."""
    raw_sources: dict[str, tuple[bytes, str | None]] = field(default_factory=dict, repr=False)
    """Bytes and encoding of each checked file of a replayed run, decoded when a reporter requests the source."""
    settings: Settings | None = field(default=None, repr=False)
    """The settings of the run, for a format that describes which rules ran at which level (SARIF)."""

    @property
    def file_count(self) -> int:
        """How many documents the run checked."""
        return len(self.checked) if self.checked is not None else len(self.documents)

    def source_of(self, path: str) -> Source | None:
        """Return the source of the checked document with this path, if any.

        Reporters call this once per finding, so the sources are indexed by
        path on first use and the index is rebuilt when the documents change.
        A replayed run decodes a file's bytes the first time its source is
        asked for.
        """
        if self._sources_for is not self.documents or len(self._sources) < len(self.documents):
            self._sources = {document.path: document.source for document in self.documents}
            self._sources_for = self.documents
        if path not in self._sources and path in self.raw_sources:
            data, encoding = self.raw_sources.pop(path)
            try:
                self._sources[path] = decode(path, data, encoding)
            except SourceError:
                return None
        return self._sources.get(path)

    def count(self, severity: Severity) -> int:
        return sum(1 for diagnostic in self.diagnostics if diagnostic.severity is severity)

    @property
    def exit_status(self) -> int:
        """0 clean, 1 findings at warning level or above, 2 when an input could not be read, 3 after a bug in doclint."""
        if self.internal_errors:
            return 3
        if self.errors:
            return 2
        if any(diagnostic.severity.rank >= Severity.WARNING.rank for diagnostic in self.diagnostics):
            return 1
        return 0


def is_excluded(path: str, settings: Settings) -> bool:
    """Return whether a path, or a folder above it, matches an ``exclude`` glob of the configuration."""
    relative = relative_path(path, settings.root)
    return any(matches_glob(relative, glob) for glob in settings.exclude)


class Discovery(NamedTuple):
    """The document paths of a command line, and the errors found on the way."""

    paths: list[str]
    errors: list[str]
    found: frozenset[str]
    """The paths found by searching a folder whose file was not also named directly."""


def discover(
    arguments: Sequence[str], settings: Settings | None = None, tracked_only: bool = False, quiet_exclude: bool = False
) -> Discovery:
    """Expand the command-line paths into document paths.

    A folder is searched recursively for Markdown files, skipping hidden,
    git-ignored, package and build folders (``doclint.folder_search``),
    and with ``tracked_only`` the files that git does not track. A
    file named directly is checked whatever its suffix, even when git
    ignores it. Paths that match an ``exclude`` glob of the settings are
    dropped, named or found, with a warning for a named one unless
    ``quiet_exclude`` is set, as it is for a tool that names every file,
    such as pre-commit. A named file is
    shown as ``pathlib`` spells it, as the files found in a folder are:
    without ``./``, ``//`` or a trailing slash. Each path appears once, and
    the paths are sorted by absolute path. So the file that contains the
    first copy of a shared section does not depend on the order in which
    the files were named, nor on how their paths were spelt.
    Names of one file (a symbolic or hard link beside its target, or two
    spellings of one path) count once, preferably under the first name
    given on the command line: a file is not a copy of itself. A named
    device such as /dev/zero, or a named pipe, is an error, because reading
    it may never end. A path that cannot be looked up or a named folder
    that cannot be read is an error of its own, and the other paths are
    still expanded.
    """
    paths: list[str] = []
    errors: list[str] = []
    found_in_folders: list[str] = []
    for argument in arguments:
        if argument == STDIN_PATH:
            paths.append(argument)
            continue
        problem = named_path_error(argument)
        if problem is not None:
            errors.append(problem)
            continue
        path = Path(argument)
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError as error:
            errors.append(path_error_message(argument, error))
            continue
        if is_folder:
            # Imported here: a run that names only files never loads the folder search.
            from doclint.folder_search import search_folder

            try:
                found, untracked = search_folder(path, settings is None or settings.respect_gitignore, tracked_only)
            except OSError as error:
                errors.append(path_error_message(argument, error))
                continue
            if not found:
                errors.append(_empty_folder_error(argument, bool(untracked)))
            paths.extend(found)
            found_in_folders.extend(found)
        else:
            paths.append(_shown_name(argument))
    if settings is not None and settings.exclude:
        found_set = set(found_in_folders)
        included = []
        for path in paths:
            if path == STDIN_PATH or not is_excluded(path, settings):
                included.append(path)
            elif path not in found_set and quiet_exclude:
                logger.debug("%s: matches the exclude setting of the configuration, so it is not checked", path)
            elif path not in found_set:
                # Named on purpose, so skipping it silently would look like a clean check.
                logger.warning(_("%s: matches the exclude setting of the configuration, so it is not checked"), path)
        paths = included
    named = [_shown_name(argument) for argument in arguments if argument != STDIN_PATH and not os.path.isdir(argument)]
    paths = sorted(_one_name_per_file(list(dict.fromkeys(paths)), named), key=_path_order)
    return Discovery(paths, errors, _found_only(found_in_folders, paths, _file_identities(named)))


def _empty_folder_error(argument: str, untracked: bool) -> str:
    """Return the error for a named folder in which the search found no document; ``untracked`` when it left some out as untracked."""
    if untracked:
        return _(
            "{path}: no *.md, *.markdown, *.mdown or *.mkd files that git tracks found in this folder, and only "
            "those are compared; add them with git add, or name the files to compare with"
        ).format(path=argument)
    return _(
        "{path}: no *.md, *.markdown, *.mdown or *.mkd files found in this folder "
        "outside hidden, git-ignored, package and build folders; name a folder or files that contain documents"
    ).format(path=argument)


def _shown_name(argument: str) -> str:
    """Return the name under which a named file is checked and shown: the argument as ``pathlib`` normalises it.

    ``pathlib`` drops ``.`` parts, repeated slashes and a trailing slash,
    but keeps ``..``, which may lead elsewhere after a symbolic link. A
    file named ``./-`` keeps its ``./``, because ``-`` alone is standard input.
    """
    name = str(Path(argument))
    return os.path.join(os.curdir, name) if name == STDIN_PATH else name


def _path_order(path: str) -> tuple[str, str]:
    """Return the sort key of a document path: its real path (symbolic links resolved), then the path as shown.

    The cross-file rules run with ``--compare-with`` order their documents
    by real path too, so both runs agree on which copy comes first, also
    when a file is named through a symbolic link. Standard input comes
    last, whatever the working folder: it is often an editor's unsaved
    buffer, so its copy of a section is the one reported and fixed, and it
    never makes a fix delete text from a file.
    """
    if path in (STDIN_PATH, STDIN_DISPLAY):
        return chr(0x10FFFF), path
    return os.path.realpath(path), path


def _file_identity(path: str) -> tuple[int, int] | None:
    """Return the (device, inode) of the file at ``path``, or None when it cannot be read.

    ``Path.stat`` is used because it drops a trailing slash, which
    ``os.stat`` rejects for a file ("docs/a.md/" names docs/a.md here).
    """
    try:
        status = Path(path).stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _file_identities(paths: Iterable[str]) -> frozenset[tuple[int, int]]:
    """Return the (device, inode) of each path that names a readable file."""
    identities = (_file_identity(path) for path in paths)
    return frozenset(identity for identity in identities if identity is not None)


def _found_only(found: Sequence[str], paths: Sequence[str], named: frozenset[tuple[int, int]]) -> frozenset[str]:
    """Return the paths that were found in a folder and whose file no argument names directly (by any name or link)."""
    kept = set(paths)
    return frozenset(path for path in found if path in kept and _file_identity(path) not in named)


def _one_name_per_file(paths: list[str], named: Sequence[str] = ()) -> list[str]:
    """Keep one of the paths that name the same file (same device and inode).

    The path kept is one that is not a symbolic link and, among those, the
    first of the ``named`` paths (the command-line order), because an error
    for a named file should show the name the user gave. A file that no
    argument names keeps its first path in document order that is not a link.
    """
    positions: dict[str, int] = {}
    for position, name in enumerate(named):
        positions.setdefault(name, position)
    chosen: dict[tuple[int, int], str] = {}
    identities: dict[str, tuple[int, int]] = {}
    for path in paths:
        if path == STDIN_PATH:
            continue
        identity = _file_identity(path)
        if identity is None:
            continue
        identities[path] = identity
        if identity not in chosen or _name_rank(path, positions) < _name_rank(chosen[identity], positions):
            chosen[identity] = path

    unique = []
    for path in paths:
        identity = identities.get(path)
        if identity is not None and chosen[identity] != path:
            logger.debug("%s names the file %s; checking it once", path, chosen[identity])
            continue
        unique.append(path)
    return unique


def _name_rank(path: str, positions: Mapping[str, int]) -> tuple[bool, int, tuple[str, str]]:
    """Return the sort key of one name of a file.

    A path that is not a symbolic link comes first, then the path named
    first on the command line (``positions`` maps a named path to its
    place), then the path first in document order.
    """
    return os.path.islink(path), positions.get(path, len(positions)), _path_order(path)


def named_path_error(argument: str) -> str | None:
    """Return the error of a named path that cannot be read as documents (empty, or a device or pipe), else None."""
    if not argument.strip():
        return _("an empty path was named; name a file or a folder, or - for standard input")
    if argument != STDIN_PATH and _never_ends(Path(argument)):
        return _("{path}: not a regular file; name a file or a folder of documents, or - for standard input").format(
            path=argument
        )
    return None


def _never_ends(path: Path) -> bool:
    """Return whether ``path`` is a device, a named pipe or a socket, whose reading may never end.

    Standard input is read with ``-`` instead.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def load(path: str, settings: Settings) -> Document:
    """Read and parse one document; ``-`` reads standard input. Raises SourceError."""
    if path == STDIN_PATH:
        source = decode(STDIN_DISPLAY, read_standard_input(), settings.encoding)
    else:
        source = read_source(Path(path), path, settings.encoding_for(path))

    from doclint.parse import parse_document

    return parse_document(source, settings.label_table)


def run(
    arguments: Sequence[str],
    settings: Settings,
    rules: Sequence[Rule] | None = None,
    compare_with: Sequence[str] = (),
    replay: bool = False,
    quiet_exclude: bool = False,
) -> RunResult:
    """Check the named files and folders with the given rules (all rules by default).

    The documents found in ``compare_with`` take part in the cross-file
    rules but are never reported on, so that a pre-commit batch that names
    only some files still finds their copies in the others. With ``replay``
    and a cache folder in the settings, a run whose files, settings and
    schemas are unchanged since the last such run returns its findings
    from the cache (``doclint.runcache``); its result then has no parsed
    documents, only their sources, so callers that fix files leave it off.
    ``quiet_exclude`` skips named files that the ``exclude`` setting
    matches without a warning (``discover``).
    The result's warnings are logged here, for a replayed run too, and so
    is one warning when the cache folder could not be written.
    """
    settings = _with_usable_cache(settings)
    paths, errors, found = discover(arguments, settings, quiet_exclude=quiet_exclude)
    compared_paths = _compared_paths(compare_with, paths, settings, errors)
    cache = _run_cache(settings, rules, paths, compared_paths, errors, found) if replay else None
    if cache is not None:
        record = cache.replay()
        if record is not None:
            return _logged(_replayed(record, cache, settings), settings)

    from doclint.collector import run_thresholds
    from doclint.registry import select_rules

    if rules is None:
        rules = select_rules(settings.select, settings.ignore)
    findings: dict[str, list[Diagnostic]] = {}
    warnings: list[str] = []
    bugs: list[DocumentBug] = []
    with run_thresholds():
        documents = _load_all(paths, settings, errors, rules, findings, found, warnings, bugs)
        compared = _load_compared(compared_paths, settings, warnings, bugs)
        result = check_documents(documents, settings, rules, errors, compared, findings)
    result.warnings = [*warnings, *result.warnings]
    result.internal_errors = [bug.message() for bug in bugs]
    if cache is not None and not result.errors and not result.internal_errors:
        cache.store_run([document.path for document in result.documents], result.diagnostics, result.warnings)
    return _logged(result, settings)


def _logged(result: RunResult, settings: Settings) -> RunResult:
    """Log the warnings of a run's result, then the cache warning, and return the result.

    The cache warning is not one of the result's warnings, so a stored run
    never replays it: a later run that can write the folder does not warn.
    """
    for warning in result.warnings:
        logger.warning(warning)
    _warn_if_cache_unwritable(settings)
    return result


def _warn_if_cache_unwritable(settings: Settings) -> None:
    """Warn once when a cache entry or the prune marker could not be written during this run.

    Each failed write is only logged at debug level where it happens,
    because a run writes hundreds of entries. Without this warning, a CI
    job whose restored cache is read-only would get no faster, and nothing
    would tell the user why. Like every warning, it leaves the exit status
    as it is.
    """
    if settings.cache_dir is None:
        return
    from doclint.cachefiles import take_write_failure

    failure = take_write_failure()
    if failure is None:
        return
    logger.warning(
        _(
            "{folder}: cannot write the cache ({reason}), so later runs cannot reuse this run's work; "
            "name a writable folder with --cache-dir, DOCLINT_CACHE_DIR or the cache-dir setting, or pass --no-cache"
        ).format(folder=failure.folder, reason=failure.error.strerror or failure.error)
    )


def _with_usable_cache(settings: Settings) -> Settings:
    """Return the settings without the cache folder, with a warning, when the cache signing key cannot be read.

    Entries can be neither checked nor signed without the key, so the run
    goes on as with ``--no-cache`` instead of failing. A failed cache write
    that an earlier run in this process left is dropped, because this run's
    warning must be about this run's writes only.
    """
    if settings.cache_dir is None:
        return settings
    from doclint.cachefiles import CacheKeyError, signing_key, take_write_failure

    take_write_failure()
    try:
        signing_key()
    except CacheKeyError as error:
        logger.warning("%s", error)
        return dataclasses.replace(settings, cache_dir=None)
    return settings


def _run_cache(
    settings: Settings,
    rules: Sequence[Rule] | None,
    paths: Sequence[str],
    compared: Sequence[str],
    errors: Sequence[str],
    found: frozenset[str],
) -> RunCache | None:
    """Return the stored-run cache for this run, or None when the run cannot be stored (no cache, errors, stdin).

    The paths ``found`` in a folder are part of the key: an undecodable
    file is an error when named and a warning when found.
    """
    if settings.cache_dir is None or errors or STDIN_PATH in paths:
        return None
    from doclint.runcache import RunCache

    codes = None if rules is None else [rule.code for rule in rules]
    return RunCache(settings, codes, paths, compared, found)


def _replayed(record: RunRecord, cache: RunCache, settings: Settings) -> RunResult:
    """Build the result of a stored run, with sources decoded from the bytes the cache read."""
    result = RunResult(diagnostics=list(record.diagnostics), warnings=list(record.warnings), checked=list(record.checked))
    result.raw_sources = {path: (cache.contents[path], settings.encoding_for(path)) for path in record.checked}
    return result


def _load_all(
    paths: Sequence[str],
    settings: Settings,
    errors: list[str],
    rules: Sequence[Rule],
    findings: dict[str, list[Diagnostic]],
    found: frozenset[str],
    warnings: list[str],
    bugs: list[DocumentBug],
) -> list[Document]:
    """Load the named documents: standard input directly, files through the cache and process pool.

    The document-scope rules run in the pool on the files it parses; their
    findings go to ``findings`` (see ``doclint.loader.load_documents``).
    A file whose bytes are not text is an error when it was named. A file
    ``found`` in a folder is skipped with a warning instead, because a
    folder may contain a binary or Latin-1 file with a Markdown suffix,
    and that file must not fail the check of the others.
    """
    from doclint.loader import load_documents

    documents = []
    for path in paths:
        if path == STDIN_PATH:
            try:
                documents.append(load(path, settings))
            except SourceError as error:
                errors.append(str(error))
    files = [path for path in paths if path != STDIN_PATH]
    undecodable: list[UndecodableError] = []
    documents.extend(load_documents(files, settings, errors, rules, findings, undecodable, bugs))
    for error in undecodable:
        if error.path in found:
            warnings.append(_skipped_warning(error))
        else:
            errors.append(str(error))
    if undecodable and not documents and not errors and len(undecodable) == len(paths):
        # Every file was skipped: a pass over nothing would read as a clean check.
        message = ngettext(
            "the only document found could not be read as text, so nothing was checked; see the warning above",
            "none of the {count} documents found could be read as text, so nothing was checked; see the warnings above",
            len(undecodable),
        )
        errors.append(message.format(count=len(undecodable)))

    order = {path: index for index, path in enumerate(paths)}
    return sorted(documents, key=lambda document: order.get(document.path, order.get(STDIN_PATH, 0)))


def _compared_paths(arguments: Sequence[str], named: Sequence[str], settings: Settings, errors: list[str]) -> list[str]:
    """Find the ``--compare-with`` documents that are not also named for checking.

    A missing path is an error, as for a named one. A folder's search
    leaves out the files that git does not track (``tracked_only``): a
    draft or scratch copy that no commit contains must not fail the check of
    a named file. A file named here is compared whether git tracks it or not.
    """
    if not arguments:
        return []
    paths, discover_errors, _found = discover(arguments, settings, tracked_only=True)
    errors.extend(discover_errors)
    named_files = {os.path.realpath(path) for path in named if path != STDIN_PATH}
    return [path for path in paths if os.path.realpath(path) not in named_files]


def _skipped_warning(error: UndecodableError) -> str:
    """Return the warning for a file found in a folder and skipped because it is not text, with how to check or exclude it."""
    if error.binary:
        template = _("{path}: {reason}, so the file was skipped; add it to the exclude setting to skip it without this warning")
    else:
        template = _(
            "{path}: {reason}, so the file was skipped; to check it, name it with its encoding: "
            "doclint check --encoding NAME {path}"
        )
    return template.format(path=error.path, reason=error.reason)


def _load_compared(paths: Sequence[str], settings: Settings, warnings: list[str], bugs: list[DocumentBug]) -> list[Document]:
    """Load the ``--compare-with`` documents.

    A document that cannot be read is left out with a line in ``warnings``,
    because it is not being checked, and one unreadable file elsewhere in a
    repository must not fail every check. One that trips a bug in doclint
    goes to ``bugs``.
    """
    if not paths:
        return []
    from doclint.loader import load_documents

    unreadable: list[str] = []
    undecodable: list[UndecodableError] = []
    compared = load_documents(paths, settings, unreadable, undecodable=undecodable, bugs=bugs)
    for error in unreadable:
        warnings.append(_("{error}; it is left out of the comparison").format(error=error))
    for undecoded in undecodable:
        warnings.append(_undecodable_compared_warning(undecoded))
    return compared


def _undecodable_compared_warning(error: UndecodableError) -> str:
    """Return the warning for a compared file that is not text in its encoding, with the setting that reads it.

    ``--encoding`` reads every input, the named files too, so the fix for
    one compared file is its own line in per-file-encoding.
    """
    if error.binary:
        return _("{path}: {reason}, so it is left out of the comparison").format(path=error.path, reason=error.reason)
    return _(
        "{path}: {reason}, so it is left out of the comparison; to compare it, name its encoding in the "
        "configuration's per-file-encoding table"
    ).format(path=error.path, reason=error.reason)


def check_documents(
    documents: Sequence[Document],
    settings: Settings,
    rules: Sequence[Rule] | None = None,
    errors: Sequence[str] = (),
    compared: Sequence[Document] = (),
    findings: Mapping[str, list[Diagnostic]] | None = None,
) -> RunResult:
    """Run the rules over parsed documents, apply the configuration and suppressions, and sort the findings.

    The cross-file rules read ``documents`` and ``compared`` together,
    ordered by real path. So the later copy of a shared section is the
    same one whichever files were named. Only findings in ``documents`` are
    kept, and a finding whose first copy is only in ``compared`` keeps no
    fix. Document-scope rules run on ``documents`` only, except for a
    document that ``findings`` already has their findings for (the loader
    runs them where it parses). Without ``rules`` the run uses the rules
    that ``settings.select`` and ``settings.ignore`` choose.
    """
    from doclint.registry import select_rules, settings_for_rules

    if rules is None:
        rules = select_rules(settings.select, settings.ignore)
    settings = settings_for_rules(settings, rules)
    result = RunResult(list(documents), [], list(errors), compared=list(compared))
    corpus = _corpus(result)
    reported = {document.path for document in result.documents}
    for rule in rules:
        if rule.scope == "document":
            result.diagnostics.extend(_document_findings(rule, result.documents, settings, findings or {}))
            continue
        logger.debug("running %s on %d documents", rule.name, len(corpus))
        dropped = []
        # The first copies, in compared documents, of which a named file already has a copy without a fix.
        unfixed_copies: set[tuple[str, int]] = set()
        for diagnostic in rule.run(_accepted_copies_last(corpus, rule, settings), settings):
            if diagnostic.path not in reported:
                dropped.append(diagnostic)
            elif _fix_against_unnamed(diagnostic, reported, unfixed_copies):
                result.diagnostics.append(dataclasses.replace(diagnostic, fix=None))
            else:
                result.diagnostics.append(diagnostic)
        if dropped and rule.counterpart_message:
            result.diagnostics.extend(_counterpart_findings(rule, dropped, corpus, reported, settings))

    from doclint.suppressions import apply_suppressions

    # Suppressions come first, so that a comment over a finding that per-file-ignores also drops still counts as used.
    applied = apply_suppressions(
        result.documents, result.diagnostics, [rule.name for rule in rules], _ignored_rules(result.documents, rules, settings)
    )
    result.diagnostics = _configured([*applied.kept, *applied.reports], settings)
    from doclint.unsafe_renumbering import with_unsafe_outcome

    result.diagnostics = with_unsafe_outcome(result.documents, result.diagnostics, settings)
    result.silenced = applied.silenced
    result.warnings = applied.warnings

    order = {document.path: index for index, document in enumerate(result.documents)}
    result.diagnostics.sort(key=lambda diagnostic: (order[diagnostic.path], *diagnostic.sort_key()))
    return result


def _accepted_copies_last(corpus: list[Document], rule: Rule, settings: Settings) -> list[Document]:
    """Order the documents whose file per-file-ignores ``rule`` after all others, each group in run order.

    A cross-file rule reports the later of two sections. A file that
    per-file-ignores the rule, such as a translation that keeps some
    sections of its original untranslated, contains accepted copies. By path
    alone, such a file that sorts first (``content/de/`` before
    ``content/en/``) would be taken for the original, and the rule would
    report the original in the other file, with a fix that deletes it.
    Taken last, the ignored file contains the later copy, whose finding
    per-file-ignores drops, so a copy between it and another file is
    accepted whichever path sorts first.
    """
    ignored = {document.path for document in corpus if _rule_ignored_in(document.path, rule, settings)}
    if not ignored:
        return corpus
    return [
        *(document for document in corpus if document.path not in ignored),
        *(document for document in corpus if document.path in ignored),
    ]


def _rule_ignored_in(path: str, rule: Rule, settings: Settings) -> bool:
    from doclint.registry import matches

    return any(matches(rule, token) for token in settings.file_ignores(path))


def _fix_against_unnamed(diagnostic: Diagnostic, reported: set[str], unfixed_copies: set[tuple[str, int]]) -> bool:
    """Return whether a finding's fix must go: it removes a copy whose first copy is only in a compared document.

    A compared document may be an untracked draft, so it never decides
    which text a fix deletes from a named file. The first named copy of
    such a section gets no fix, so its text stays. A later named copy of it
    may still be removed, because the first one stays. Findings come in
    document order, so the first named copy is the first finding that
    names that earlier copy.
    """
    if diagnostic.fix is None or not diagnostic.related:
        return False
    earlier = diagnostic.related[0]
    if earlier.path in reported:
        return False
    key = (earlier.path, earlier.line)
    if key in unfixed_copies:
        return False
    unfixed_copies.add(key)
    return True


def _counterpart_findings(
    rule: Rule, dropped: Sequence[Diagnostic], corpus: Sequence[Document], reported: set[str], settings: Settings
) -> Iterator[Diagnostic]:
    """Report, in a checked document, each section that a later section of a compared document repeats.

    The cross-file rules report the later of two sections, by path. With
    ``--compare-with``, the later one may be in a compared document, whose
    findings are dropped, so a checked file that adds a copy under a path
    that sorts first would pass: a pre-commit hook would let the copy in.
    So the earlier section gets a finding of its own, with the rule's
    ``counterpart_message`` and the later sections as related locations,
    and no fix: which copy to keep is for the author to decide. A later
    section counts only when a check of its own document would report it
    (``_reported_in_own_document``): a copy the user accepted there must
    not block every change to the original.
    """
    by_path = {document.path: document for document in corpus}
    mirrored = [diagnostic for diagnostic in dropped if diagnostic.related and diagnostic.related[0].path in reported]
    later_by_earlier: dict[tuple[str, int], list[Diagnostic]] = {}
    for diagnostic in _reported_in_own_document(mirrored, by_path, settings):
        earlier = diagnostic.related[0]
        later_by_earlier.setdefault((earlier.path, earlier.line), []).append(diagnostic)

    assert rule.counterpart_message is not None
    for (path, line), laters in later_by_earlier.items():
        document, section = by_path[path], _section_at(by_path[path], line)
        first = laters[0]
        later_document = by_path[first.path]
        message = rule.counterpart_message(document, section, later_document, _section_at(later_document, first.line), settings)
        related = [RelatedLocation(found.path, found.line, found.column, _("the other section")) for found in laters]
        yield rule.section_diagnostic(document, section, message, related)


def _reported_in_own_document(
    diagnostics: Sequence[Diagnostic], by_path: Mapping[str, Document], settings: Settings
) -> list[Diagnostic]:
    """Return the findings in compared documents that a check of those documents would report.

    That drops the findings that per-file-ignores drops for their file and
    those that a suppression comment of their document silences. The
    comments there are read but not judged, because a compared document is
    never reported on. A document that ``exclude`` matches is never
    compared (``discover`` leaves it out), so it has no findings here.
    """
    from doclint.suppressions import unsilenced

    configured = [diagnostic for diagnostic in diagnostics if not _ignored_in_file(diagnostic, settings)]
    documents = [by_path[path] for path in dict.fromkeys(diagnostic.path for diagnostic in configured)]
    return unsilenced(documents, configured)


def _section_at(document: Document, line: int) -> Section:
    """Return the section of a document whose heading is at ``line``."""
    return next(section for section in document.walk() if section.line == line)


def _document_findings(
    rule: Rule, documents: Sequence[Document], settings: Settings, findings: Mapping[str, list[Diagnostic]]
) -> Iterator[Diagnostic]:
    """Yield a document-scope rule's findings: those the loader computed, else from running the rule."""
    computed = 0
    for document in documents:
        if document.path in findings:
            yield from (diagnostic for diagnostic in findings[document.path] if diagnostic.code == rule.code)
        else:
            computed += 1
            yield from rule.check(document, settings)  # type: ignore[arg-type]
    logger.debug("%s: ran on %d documents here, %d where they were parsed", rule.name, computed, len(documents) - computed)


def _configured(diagnostics: Sequence[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """Apply the configuration's severity overrides and per-file ignores to findings.

    It runs after the suppressions, on the findings they keep and on the
    unused-suppression findings they make.
    """
    diagnostics = [_with_severity(diagnostic, settings) for diagnostic in diagnostics]
    return [diagnostic for diagnostic in diagnostics if not _ignored_in_file(diagnostic, settings)]


def _with_severity(diagnostic: Diagnostic, settings: Settings) -> Diagnostic:
    """Apply a severity override from the configuration."""
    severity = configured_severity(diagnostic.rule, diagnostic.code, diagnostic.severity, settings)
    if severity is diagnostic.severity:
        return diagnostic
    return dataclasses.replace(diagnostic, severity=severity)


def configured_severity(name: str, code: str, default: Severity, settings: Settings) -> Severity:
    """Return the severity that the configuration's ``severity`` table gives a rule; the most specific selector wins (last listed)."""
    from doclint.registry import selector_matches

    severity = default
    for token, configured in settings.severity:
        if selector_matches(token, name, code):
            severity = Severity(configured)
    return severity


def _ignored_in_file(diagnostic: Diagnostic, settings: Settings) -> bool:
    from doclint.registry import selector_matches

    tokens = settings.file_ignores(diagnostic.path)
    return any(selector_matches(token, diagnostic.rule, diagnostic.code) for token in tokens)


def _ignored_rules(documents: Sequence[Document], rules: Sequence[Rule], settings: Settings) -> dict[str, frozenset[str]]:
    """Map each document's path to the names of the rules in ``rules`` whose findings per-file-ignores drops there.

    None of such a rule's findings in that file is reported, so a
    suppression comment there for it cannot be judged unused, as when
    ``ignore`` leaves the rule out of the whole run.
    """
    from doclint.registry import matches

    ignored = {}
    for document in documents:
        tokens = settings.file_ignores(document.path)
        names = frozenset(rule.name for rule in rules if any(matches(rule, token) for token in tokens))
        if names:
            ignored[document.path] = names
    return ignored


def _corpus(result: RunResult) -> list[Document]:
    """Return the documents the rules compare: the checked ones, and the compared ones in path order."""
    if not result.compared:
        return result.documents
    return sorted([*result.documents, *result.compared], key=lambda document: _path_order(document.path))
