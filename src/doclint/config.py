"""The configuration file: ``[tool.doclint]`` in pyproject.toml, or ``.doclint.toml``.

The file is found by walking up from the checked paths (their common
folder) to the file system root. In each folder ``.doclint.toml`` wins over
``pyproject.toml``, and a pyproject.toml without a ``[tool.doclint]`` table
is passed over. In ``.doclint.toml`` the keys are at the top level.
Command-line options override the file. Every key is checked: an unknown
key, a wrong type or an unknown rule is a ConfigError that names the key,
the file and what is allowed.
"""

from __future__ import annotations

import dataclasses
import difflib
import keyword
import logging
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from doclint.data import DataError, load_json
from doclint.fields import LabelTable
from doclint.settings import CODE_SCOPES, Settings
from doclint.source import text_codec
from doclint.i18n import _
from doclint.suggestions import CUTOFF as SUGGESTION_CUTOFF

logger = logging.getLogger(__name__)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILE = ".doclint.toml"
PYPROJECT = "pyproject.toml"
SEVERITIES = ("error", "warning", "info")


class ConfigError(Exception):
    """An invalid configuration file. The message names the file, the key and the fix."""


def find_config(paths: Sequence[str]) -> Path | None:
    """Return the configuration file that applies to the checked paths, or None.

    A run reads one configuration: the nearest one above the folder that
    contains every named path.
    """
    existing = [Path(path).resolve() for path in paths if path != "-" and _is_kind(Path(path), stat.S_ISDIR, stat.S_ISREG)]
    start = Path(os.path.commonpath(existing)) if existing else Path.cwd()
    if _is_kind(start, stat.S_ISREG):
        start = start.parent
    return _nearest_config(start, {})


def _is_kind(path: Path, *tests: Callable[[int], bool]) -> bool:
    """Return whether ``path`` exists with a mode that passes one of ``tests``.

    A path that cannot be looked up (a name too long, a folder that cannot
    be searched) counts as missing here: the run reports it when it reads
    the documents.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        logger.debug("%s cannot be looked up (%s); taking it as missing", path, error.strerror)
        return False
    return any(test(mode) for test in tests)


def _nearest_config(start: Path, known: dict[Path, Path | None]) -> Path | None:
    """Return the nearest configuration file in ``start`` or a folder above it; ``known`` caches folders already searched."""
    searched = []
    found = None
    for folder in (start, *start.parents):
        if folder in known:
            found = known[folder]
            break
        searched.append(folder)
        found = _config_in(folder)
        if found is not None:
            break
    for folder in searched:
        known[folder] = found
    return found


def _config_in(folder: Path) -> Path | None:
    candidate = folder / CONFIG_FILE
    if _is_kind(candidate, stat.S_ISREG):
        return candidate
    candidate = folder / PYPROJECT
    if not _is_kind(candidate, stat.S_ISREG):
        return None
    tools = _read_toml(candidate).get("tool", {})
    if "doclint" in tools:
        return candidate
    _warn_if_misspelt_table(candidate, tools)
    return None


# The pyproject.toml files already warned about, because a search can pass a folder twice.
_warned_tables: set[Path] = set()


def _warn_if_misspelt_table(path: Path, tools: Any) -> None:
    """Warn about a ``[tool.X]`` table whose name is a letter or two from ``doclint``: otherwise it is ignored in silence."""
    if not isinstance(tools, dict) or path in _warned_tables:
        return
    close = difflib.get_close_matches("doclint", [str(name) for name in tools], n=1, cutoff=SUGGESTION_CUTOFF)
    if close:
        _warned_tables.add(path)
        logger.warning(_("%s: the table [tool.%s] is not read; did you mean [tool.doclint]?"), path, close[0])


def passed_over_configs(paths: Sequence[str], used: Path | None) -> dict[Path, str]:
    """Return each configuration file nearer to a document's path than ``used``, with the first such path.

    ``find_config`` starts from the folder of all named paths, so a
    configuration in a subfolder applies only when every named path is
    inside it: the same file is checked with it alone and without it
    beside a file elsewhere. The caller warns about each one, so that a
    pre-commit hook whose result depends on which files are staged shows why.
    """
    # Documents share folders, so each folder is resolved and searched once, with the first path found in it.
    first_in_folder: dict[str, str] = {}
    for path in paths:
        if path in ("-", "<stdin>"):
            continue
        first_in_folder.setdefault(os.path.dirname(os.path.abspath(path)), path)

    known: dict[Path, Path | None] = {}
    passed_over: dict[Path, str] = {}
    failed: set[str] = set()
    for folder, path in first_in_folder.items():
        if not os.path.isdir(folder):
            continue
        try:
            nearest = _nearest_config(Path(folder).resolve(), known)
        except ConfigError as error:
            # A pyproject.toml that this run does not read cannot fail it, but it would fail a run of its own folder.
            if str(error) not in failed:
                failed.add(str(error))
                logger.warning("%s", error)
            continue
        if nearest is not None and nearest != used:
            passed_over.setdefault(nearest, path)
    return passed_over


def load_config(path: Path) -> dict[str, Any]:
    """Read the doclint table of a configuration file."""
    data = _read_toml(path)
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("doclint", {})
        if not isinstance(table, dict):
            raise ConfigError(_("{path}: [tool.doclint] must be a table").format(path=path))
        return table
    return data


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            text = handle.read().decode("utf-8")
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        from doclint.data_syntax import toml_problem

        reason = toml_problem(text) or str(error)
        raise ConfigError(_("{path}: invalid TOML ({reason}); fix the syntax").format(path=path, reason=reason)) from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            _("{path}: invalid UTF-8 at byte {offset}; TOML files must be UTF-8, so save the file as UTF-8").format(
                path=path, offset=error.start
            )
        ) from None
    except OSError as error:
        raise ConfigError(_("{path}: cannot be read ({reason})").format(path=path, reason=error.strerror)) from None


def apply_config(
    settings: Settings,
    table: dict[str, Any],
    path: Path,
    is_rule: Callable[[str], bool],
    given: frozenset[str] = frozenset(),
) -> Settings:
    """Return settings with the file's values, except for the fields set on the command line.

    ``given`` names the Settings fields that command-line options set.
    ``is_rule`` returns whether a string names a rule (name, code, code
    prefix or ``ALL``). Every key is validated, even one the command line
    overrides.
    """
    changes: dict[str, Any] = {"root": str(path.parent.resolve())}
    for key, value in table.items():
        if key == "tool" and path.name != PYPROJECT:
            raise ConfigError(
                _("{path}: unknown key 'tool'; outside pyproject.toml the keys stand at the top level, "
                  "so remove the [tool.doclint] header").format(path=path)
            )
        if key not in KEYS:
            raise ConfigError(_unknown_key_message(path, key))
        field_name, convert = KEYS[key]
        converted = convert(value, _Context(path, key, is_rule))
        if field_name not in given:
            changes[field_name] = converted
    return dataclasses.replace(settings, **changes)


def _unknown_key_message(path: Path, key: str) -> str:
    allowed = ", ".join(sorted(KEYS))
    close = difflib.get_close_matches(key, list(KEYS), n=1, cutoff=SUGGESTION_CUTOFF)
    if close:
        return _("{path}: unknown key {key!r}; did you mean {close!r}? Allowed keys: {allowed}").format(
            path=path, key=key, close=close[0], allowed=allowed
        )
    return _("{path}: unknown key {key!r}; allowed keys: {allowed}").format(path=path, key=key, allowed=allowed)


@dataclasses.dataclass(frozen=True)
class _Context:
    path: Path
    key: str
    is_rule: Callable[[str], bool]

    def fail(self, expected: str, value: Any) -> ConfigError:
        return ConfigError(
            _("{path}: invalid value for {key!r}: expected {expected}, got {value!r}").format(
                path=self.path, key=self.key, expected=expected, value=value
            )
        )


def _number(value: Any, context: _Context) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise context.fail(_("a number from 0 to 100"), value)
    return float(value)


def _string(value: Any, context: _Context) -> str:
    if not isinstance(value, str) or not value:
        raise context.fail(_("a non-empty string"), value)
    return value


def _encoding(value: Any, context: _Context) -> str:
    """Take the name of a Python text codec, so that a misspelt name is reported with its file and key."""
    name = _string(value, context)
    try:
        text_codec(name)
    except LookupError:
        raise context.fail(_("a Python codec name such as utf-8 or gb18030"), value) from None
    return name


def _per_file_encoding(value: Any, context: _Context) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise context.fail(_('a table of glob = "encoding", such as "legacy/*.md" = "cp1252"'), value)
    return tuple((_glob(glob, context), _encoding(encoding, context)) for glob, encoding in value.items())


def _glob(glob: str, context: _Context) -> str:
    """Reject an empty glob, which would otherwise name the configuration's folder and so cover every file."""
    if not glob.strip():
        raise context.fail(_('a non-empty glob, such as "docs/zh/", or "." for every file'), glob)
    return glob


def _globs(value: Any, context: _Context) -> tuple[str, ...]:
    return tuple(_glob(glob, context) for glob in _strings(value, context))


def _boolean(value: Any, context: _Context) -> bool:
    if not isinstance(value, bool):
        raise context.fail(_("true or false"), value)
    return value


def _code_scope(value: Any, context: _Context) -> str:
    if value not in CODE_SCOPES:
        raise context.fail(_("one of {choices}").format(choices=", ".join(CODE_SCOPES)), value)
    return value


def _schema(value: Any, context: _Context) -> str:
    """Take a built-in schema name as it is, and a schema path relative to the configuration file's folder.

    A name that is no built-in schema is an error here, where it can name the file and the key.
    """
    from doclint.schemas import builtin_schema_names, is_schema_path

    name = _string(value, context)
    if is_schema_path(name):
        return str((context.path.parent / name).resolve())
    if name not in builtin_schema_names():
        raise context.fail(
            _("a built-in schema name ({names}) or the path of a .json file").format(names=", ".join(builtin_schema_names())),
            value,
        )
    return name


def _cache_dir(value: Any, context: _Context) -> str:
    """Take a cache folder path relative to the configuration file's folder, as an absolute path.

    Relative to the file, like ``schema`` and the globs, so that the same
    configuration names the same folder from whichever folder doclint runs in.
    """
    from doclint.cache_location import expand, folder_problem

    path = str(context.path.parent.resolve() / expand(_string(value, context)))
    problem = folder_problem(path)
    if problem is not None:
        raise ConfigError(_("{path}: invalid value for {key!r}: {reason}").format(path=context.path, key=context.key, reason=problem))
    return path


def _strings(value: Any, context: _Context) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise context.fail(_("a list of strings"), value)
    return tuple(value)


def _python_names(value: Any, context: _Context) -> tuple[str, ...]:
    """Take a list of Python identifiers, so that a name with a typo such as "cache()" is reported, not ignored.

    A keyword such as "class" is rejected too, because code can never use it as a name.
    """
    names = _strings(value, context)
    for name in names:
        if not name.isidentifier() or keyword.iskeyword(name):
            raise context.fail(_('a list of Python names, such as ["cache", "client"]'), name)
    return names


def _rules(value: Any, context: _Context) -> tuple[str, ...]:
    rules = _strings(value, context)
    for rule in rules:
        if not context.is_rule(rule):
            from doclint.registry import unknown_rule_hint

            raise ConfigError(
                _("{path}: unknown rule {rule!r} in {key!r}; {hint}").format(
                    path=context.path, rule=rule, key=context.key, hint=unknown_rule_hint(rule)
                )
            )
    return rules


def _per_file_ignores(value: Any, context: _Context) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise context.fail(_('a table of glob = ["rule", ...]'), value)
    return tuple((_glob(glob, context), _rules(rules, context)) for glob, rules in value.items())


def _severity(value: Any, context: _Context) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise context.fail(_('a table of rule = "error" | "warning" | "info"'), value)
    pairs = []
    for rule, severity in value.items():
        _rules([rule], context)
        if severity not in SEVERITIES:
            raise context.fail(_("one of {choices} for rule {rule!r}").format(choices=", ".join(SEVERITIES), rule=rule), severity)
        pairs.append((rule, severity))
    return tuple(pairs)


def _labels(value: Any, context: _Context) -> LabelTable:
    """Extend the shipped label table with the file's labels, key by key."""
    if not isinstance(value, dict):
        raise context.fail(_('a table of key = ["label", ...], such as answer = ["参考答案"]'), value)
    for key, labels in value.items():
        if not isinstance(labels, list):
            # Name the key, because the whole table would hide which entry is wrong.
            entry = dataclasses.replace(context, key=f"{context.key}.{key}")
            raise entry.fail(_('a list of labels, such as {key} = ["参考答案"]').format(key=key), labels)
    shipped = {key: list(labels) for key, labels in load_json("labels.json").items() if not key.startswith("$")}
    for key, labels in value.items():
        _warn_if_misspelt(key, shipped, context)
        shipped.setdefault(key, [])
        for label in _strings(labels, context):
            word = _label_word(label, key, context)
            if word is not None and word not in shipped[key]:
                shipped[key].append(word)
    try:
        return LabelTable(shipped)
    except DataError as error:
        raise ConfigError(_("{path}: invalid value for {key!r}: {reason}").format(path=context.path, key=context.key, reason=error)) from None


# The markup a label may be written with in the configuration: bold markers, lenticular brackets, a colon.
_LABEL_MARKUP_RE = re.compile(
    r"^\s*(?:\*\*|__)?\s*【?\s*(?P<word>.*?)\s*】?\s*(?:\*\*|__)?\s*[:：]?\s*(?:\*\*|__)?\s*$", re.DOTALL
)


def _label_word(label: str, key: str, context: _Context) -> str | None:
    """Return the word of a configured label without its markup, or None, with a warning, when no label can match it.

    The label table matches bold markers, brackets and the colon around
    every label word itself, so ``【题目】`` or ``题目：`` in the
    configuration means the word ``题目``. Kept as written, such a label
    would make the table look for ``【题目】：`` or ``题目：：``, which no
    document writes.
    """
    word = _LABEL_MARKUP_RE.match(label).group("word")  # type: ignore[union-attr]
    if not word:
        logger.warning(
            _("%s: [labels] label %r of %r is only markup and is ignored; write the label word, such as %r"),
            context.path,
            label,
            key,
            "参考答案",
        )
        return None
    if "\n" in word:
        logger.warning(
            _("%s: [labels] label %r of %r is ignored because it has a line break, and a label stands on one line; "
              "write it on one line"),
            context.path,
            label,
            key,
        )
        return None
    return word


def _warn_if_misspelt(key: str, shipped: dict[str, list[str]], context: _Context) -> None:
    """Warn when a new field key is one letter or two away from a shipped key, such as ``anwser`` for ``answer``.

    A new key makes a new kind of field, which a schema may require, so it
    is accepted. A misspelt key, though, adds its labels to a field that no
    rule reads, and nothing else would tell the author.
    """
    if key in shipped:
        return
    close = difflib.get_close_matches(key, list(shipped), n=1, cutoff=SUGGESTION_CUTOFF)
    if close:
        logger.warning(
            _("%s: [labels] key %r is not a built-in field, so its labels make fields of their own; did you mean %r?"),
            context.path,
            key,
            close[0],
        )


# TOML key -> (Settings field, converter). Keys use kebab-case like the command-line options.
KEYS: dict[str, tuple[str, Callable[[Any, _Context], Any]]] = {
    "select": ("select", _rules),
    "ignore": ("ignore", _rules),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "severity": ("severity", _severity),
    "near-duplicate-threshold": ("near_duplicate_threshold", _number),
    "same-question-threshold": ("same_question_threshold", _number),
    "labels": ("labels", _labels),
    "exclude": ("exclude", _globs),
    "respect-gitignore": ("respect_gitignore", _boolean),
    "encoding": ("encoding", _encoding),
    "per-file-encoding": ("per_file_encoding", _per_file_encoding),
    "code-scope": ("code_scope", _code_scope),
    "untagged-python": ("untagged_python", _boolean),
    "python-builtins": ("python_builtins", _python_names),
    "schema": ("schema", _schema),
    "cache-dir": ("cache_dir", _cache_dir),
}
