"""Loading the JSON Schemas that describe a kind of document's section tree.

A schema is named by a built-in name (a file ``rules/schemas/NAME.schema.json``
shipped with doclint) or by a path to a JSON file. Its draft comes from
``$schema``: Draft 2020-12 and Draft 7, and the other drafts that jsonschema
implements (3, 4, 6 and 2019-09). Without ``$schema`` a schema is Draft
2020-12, and a referenced file without ``$schema`` has the draft of the file
that refers to it.

A ``$ref`` to another file resolves against the location of the file that
contains it, and the file is read from disk. An ``$id`` in the root schema
or inside a schema changes that base URI as JSON Schema defines, but the
top-level ``$id`` of a referenced file does not (see ``_check_references``).
A reference to an ``http`` or ``https`` address is never fetched, so that a
check gives the same result on a machine without network access and cannot
be changed from outside: it raises SchemaError naming the reference. Every
reference is resolved when the schema is loaded, so a broken or remote
reference is reported before any document is checked.

Any problem with a schema (a missing or empty file, invalid JSON, a schema
that its draft's meta-schema rejects, an unresolvable reference, a ``$ref``
that leads back to itself for the same value, an invalid
``x-doclint-message``) raises SchemaError, which the CLI reports as a usage
error. The built-in schemas skip the meta-schema and reference loop
checks, which the tests make instead.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import referencing.exceptions
from jsonschema import FormatChecker
from jsonschema.protocols import Validator
from jsonschema.validators import Draft202012Validator, validator_for
from jsonschema_specifications import REGISTRY as META_SCHEMAS
from referencing import Registry, Resource

from doclint.data import rules_dir
from doclint.cachefiles import content_digest
from doclint.data_syntax import translated_problem
from doclint.schema_closest import reporting_class
from doclint.schema_duplicate_keys import duplicate_key_warning, parse_json
from doclint.schema_errors import SchemaError
from doclint.schema_meta_check import check_against_meta_schemas
from doclint.schema_message_forms import check_messages, unused_message_keywords
from doclint.schema_specifications import dialect_id, specification_for
from doclint.schema_validity import ValidityCheck, compile_validity_check
from doclint.suggestions import close_match
from doclint.i18n import _

logger = logging.getLogger(__name__)

SCHEMA_SUFFIX = ".schema.json"
DEFAULT_VALIDATOR: type[Validator] = Draft202012Validator

MAX_DEPTH = 100
"""The deepest nesting of JSON objects and arrays that a schema file may have.

Loading, checking and validating walk a schema recursively, a few Python
frames per level, so a schema nested thousands of levels deep would
exhaust the interpreter's stack. The built-in schemas nest 9 levels deep,
so the limit leaves ample room for hand-written ones.
"""

REFERENCE_KEYWORDS = ("$ref", "$dynamicRef", "$recursiveRef")
REMOTE_SCHEMES = ("http", "https")


class _RemoteReference(Exception):
    """Raised inside reference resolution for an http(s) address, which is never fetched."""


@dataclass(frozen=True)
class LoadedSchema:
    """A checked schema, with every reference it makes resolved."""

    name: str
    """The schema as named: a built-in name or the path as given."""
    path: Path
    validator: Validator
    """Validator of section trees, whose ``$ref`` lookups never leave the loaded files."""
    validity_check: ValidityCheck | None
    """Fast function that returns ``validator.is_valid(tree)``, compiled by ``schema_validity``,
    or None for a schema with a keyword that it does not compile."""
    reporting_validator: Validator
    """The same validator, with ``contains`` errors that carry the errors of the closest element (``schema_closest``).
    It collects the errors of an invalid tree."""
    warnings: tuple[str, ...] = ()
    """A warning for each key that a file repeats in an object (``schema_duplicate_keys``), each keyword that the
    draft of a file does not define (``schema_keywords``) and one for keywords next to ``$ref`` that the draft
    ignores (``schema_ref_siblings``), which ``schema_cache`` logs."""


@dataclass(frozen=True)
class _SchemaFile:
    uri: str
    display: str
    resource: Resource[Any]
    validator_class: type[Validator]
    warnings: tuple[str, ...] = ()


def builtin_schemas_dir() -> Path:
    """Return the folder of the built-in schemas, in a checkout or inside the installed wheel."""
    return rules_dir() / "schemas"


def builtin_schema_names() -> list[str]:
    """Return the names of the built-in schemas, sorted."""
    return sorted(path.name[: -len(SCHEMA_SUFFIX)] for path in builtin_schemas_dir().glob(f"*{SCHEMA_SUFFIX}"))


SCHEMA_FILE_SUFFIXES = (".json", ".yaml", ".yml")
"""Endings that make a schema value a path. A YAML file is taken as a path, so that reading it names the real problem."""


def is_schema_path(value: str) -> bool:
    """Return whether a schema value is a path (it has a folder separator or ends in ``SCHEMA_FILE_SUFFIXES``) rather than a name."""
    return "/" in value or os.sep in value or value.lower().endswith(SCHEMA_FILE_SUFFIXES)


def schema_file(value: str, base: Path) -> Path:
    """Return the file of a schema value: a built-in's file, or a path resolved against ``base``.

    Raises SchemaError for a name that is not a built-in schema.
    """
    if is_schema_path(value):
        return base / Path(value).expanduser()

    path = builtin_schemas_dir() / f"{value}{SCHEMA_SUFFIX}"
    if _is_file(path):
        return path
    close = close_match(value, builtin_schema_names())
    if close is not None:
        raise SchemaError(
            _('unknown schema "{name}"; did you mean "{close}"? Use a built-in schema ({names}) or the path of a '
              ".json schema file").format(name=value, close=close, names=", ".join(builtin_schema_names()))
        )
    raise SchemaError(
        _('unknown schema "{name}"; use a built-in schema ({names}) or the path of a .json schema file').format(
            name=value, names=", ".join(builtin_schema_names())
        )
    )


CHECKED_FORMATS = ("date", "email", "idn-email", "ipv4", "ipv6", "regex", "uuid")
"""The values of ``format`` that doclint checks; other formats are accepted unchecked.

jsonschema checks these with Python's standard library alone. It checks
more formats (``uri``, ``idn-hostname``, ``date-time``) only when other
packages are installed, so using all of its checkers would make a
document pass or fail depending on what else is installed beside doclint.
"""


def format_checker_for(validator_class: type[Validator]) -> FormatChecker:
    """Return a format checker with the draft's checks of ``CHECKED_FORMATS`` and no others."""
    draft_checker = validator_class.FORMAT_CHECKER
    checker = FormatChecker(formats=())
    checker.checkers = {name: draft_checker.checkers[name] for name in CHECKED_FORMATS if name in draft_checker.checkers}
    return checker


class SchemaLoader:
    """Loader of schemas and of the local files they refer to, which reads each file once.

    A loader never reads a file again, so ``schema_cache`` loads each schema
    with a loader of its own, and a schema edited on disk with a new one.
    """

    def __init__(self, confine_to: Path | None = None) -> None:
        """``confine_to``, when given, is the folder that every schema file read must be inside (see ``_check_inside``)."""
        self._confine_to = confine_to.resolve() if confine_to is not None else None
        self._files: dict[str, _SchemaFile] = {}
        self._checked: set[str] = set()
        self._schemas: dict[Path, LoadedSchema] = {}
        self._digests: dict[str, str] = {}

    def load(self, value: str, base: Path = Path()) -> LoadedSchema:
        """Load the schema named by ``value`` (a built-in name or a path relative to ``base``)."""
        path = schema_file(value, base)
        key = path.resolve()
        if key not in self._schemas:
            try:
                self._schemas[key] = self._load_root(value, path)
            except RecursionError:
                # Each file is at most MAX_DEPTH deep, so only a long chain of $ref through subschemas gets here.
                raise SchemaError(
                    _("{path}: its $ref chain is too long to follow; shorten the chain of references").format(
                        path=display_path(path)
                    )
                ) from None
        return self._schemas[key]

    def read_files(self) -> list[Path]:
        """Return the absolute paths of the schema files read so far."""
        return [Path(url2pathname(urlsplit(uri).path)) for uri in self._files]

    def digests(self) -> dict[str, str]:
        """Return the content digest of each schema file read so far, by absolute path (see ``doclint.runcache``)."""
        return dict(self._digests)

    def _load_root(self, name: str, path: Path) -> LoadedSchema:
        root = self._read(path, DEFAULT_VALIDATOR, display=display_path(path))
        base = urljoin(root.uri, root.resource.id() or "")
        self._check_references(root, base)

        # Validating through a reference to the root keeps every relative
        # reference resolved against the file's location (or its own $id),
        # not against the working folder.
        wrapper = {"$ref": base}
        registry = self._registry()
        # "format" is an assertion here, as a writer of "format": "date" expects, not only an annotation.
        format_checker = format_checker_for(root.validator_class)
        validator = root.validator_class(wrapper, registry=registry, format_checker=format_checker)
        if not _is_builtin_file(path):
            self._check_ref_loops(root, registry, base)
        compiled = compile_validity_check(validator)
        logger.debug(
            "loaded schema %s (%s, %d files, %s validity check)",
            name,
            root.validator_class.__name__,
            len(self._files),
            "compiled" if compiled is not None else "jsonschema's",
        )
        reporting = reporting_class(root.validator_class)(wrapper, registry=registry, format_checker=format_checker)
        # NOTE: these are the warnings of every file that this loader has read, which for the one loader per
        # schema of schema_cache are the files of this schema.
        warnings = tuple(warning for read in self._files.values() for warning in read.warnings)
        return LoadedSchema(name, path, validator, compiled, reporting, warnings)

    def _read(self, path: Path, default: type[Validator], display: str) -> _SchemaFile:
        """Read, parse and check one schema file, or return it if it was read before."""
        uri = path.resolve().as_uri()
        if uri in self._files:
            return self._files[uri]

        self._check_inside(path, display)
        contents, digest, repeated = _read_json(path, display)
        self._digests[str(path.resolve())] = digest
        validator_class = _validator_class(contents, display, default)
        warnings: tuple[str, ...] = ()
        if not _is_builtin_file(path):
            check_against_meta_schemas(contents, validator_class, display)
            warnings = tuple(duplicate_key_warning(display, pointer) for pointer in repeated)
            warnings += _unknown_keyword_warnings(contents, validator_class, display)
            warnings += _ref_sibling_warnings(contents, validator_class, display)
        check_messages(contents, "$", display)
        if not _is_builtin_file(path):
            warnings += tuple(unused_message_keywords(contents, "$", display))

        resource = specification_for(validator_class).create_resource(contents)
        schema = _SchemaFile(uri, display, resource, validator_class, warnings)
        self._files[uri] = schema
        return schema

    def _check_inside(self, path: Path, display: str, reference: str | None = None, keyword: str = "$ref") -> None:
        """Raise SchemaError when ``path`` is outside the confining folder, before anything reads it.

        A document names its own schema in front matter. Without this check,
        a document in a pull request could make a CI run read a JSON file
        elsewhere on the runner, such as a credentials file. A message about
        an invalid schema would then print parts of it. The check runs before the
        file is read or tested for existence, so the message reveals nothing
        about the file. Built-in schemas are allowed everywhere.
        """
        if self._confine_to is None or _is_builtin_file(path) or path.resolve().is_relative_to(self._confine_to):
            return
        if reference is None:
            message = _("{path}: outside the document's repository {root}, which a schema named in front matter must be "
                        "in; move the schema into the repository or name it with --schema").format(
                path=display, root=self._confine_to
            )
        else:
            message = _('{path}: {keyword} "{reference}" names {target}, outside the document\'s repository {root}, '
                        "which a schema named in front matter must be in; move that file into the repository").format(
                path=display, keyword=keyword, reference=reference, target=display_path(path), root=self._confine_to
            )
        raise SchemaError(message)

    def _registry(self) -> Registry[Any]:
        """Return a registry of the files read so far, with the drafts' meta-schemas and no network access."""
        local = Registry(retrieve=self._retrieve).with_resources(
            (uri, schema.resource) for uri, schema in self._files.items()
        )
        return META_SCHEMAS.combine(local)

    def _retrieve(self, uri: str) -> Resource[Any]:
        """Return the resource for a URI that no loaded file declares: a local file, never a download."""
        parts = urlsplit(uri)
        if parts.scheme in REMOTE_SCHEMES:
            raise _RemoteReference(uri)
        if parts.scheme != "file":
            raise referencing.exceptions.NoSuchResource(ref=uri)

        path = Path(url2pathname(parts.path))
        return self._read(path, DEFAULT_VALIDATOR, display=display_path(path)).resource

    def _check_references(self, schema: _SchemaFile, base: str) -> None:
        """Resolve every reference in a file and in the local files it refers to, raising SchemaError.

        ``base`` is the URI that the file's own references resolve against.
        For the root file that is its ``$id``, if any. A file reached through
        a reference resolves against its location, because referencing (read
        in version 0.37) ignores the top-level ``$id`` of a resource that it
        looked up by another URI, and this check must resolve as validation
        does.
        """
        if schema.uri in self._checked:
            return
        self._checked.add(schema.uri)
        self._check_node(schema.resource, base, schema)

    def _check_node(self, resource: Resource[Any], base: str, schema: _SchemaFile) -> None:
        contents = resource.contents
        if isinstance(contents, Mapping):
            for keyword in REFERENCE_KEYWORDS:
                reference = contents.get(keyword)
                if isinstance(reference, str):
                    self._resolve(keyword, reference, base, schema)

        for subresource in resource.subresources():
            identifier = subresource.id()
            self._check_node(subresource, urljoin(base, identifier) if identifier else base, schema)

    def _resolve(self, keyword: str, reference: str, base: str, schema: _SchemaFile) -> None:
        """Resolve one reference made with ``keyword`` (``$ref`` or another of REFERENCE_KEYWORDS) in ``schema``.

        A local file that the reference names is read and checked.
        """
        target, _fragment = urldefrag(urljoin(base, reference))
        if urlsplit(target).scheme == "file" and target not in self._files and not self._is_embedded(target):
            path = Path(url2pathname(urlsplit(target).path))
            self._check_inside(path, schema.display, reference, keyword)
            if not _is_file(path):
                if "\\" in reference:
                    template = _('{path}: {keyword} "{reference}" names {target}, which is not a file; a reference '
                                 "separates folders with /, so write it with / in place of \\")
                else:
                    template = _('{path}: {keyword} "{reference}" names {target}, which is not a file; check the file name')
                raise SchemaError(
                    template.format(path=schema.display, keyword=keyword, reference=reference, target=display_path(path))
                )
            referenced = self._read(path, schema.validator_class, display=display_path(path))
            self._check_references(referenced, referenced.uri)

        try:
            self._registry().resolver(base_uri=base).lookup(reference)
        except referencing.exceptions.Unresolvable as error:
            raise _reference_error(error, keyword, reference, schema, urldefrag(urljoin(base, reference)).url) from None

    def _check_ref_loops(self, root: _SchemaFile, registry: Registry[Any], base: str) -> None:
        """Raise SchemaError for a ``$ref`` that leads back to itself for the same value (``schema_ref_loops``)."""
        from doclint.schema_keywords import object_pointers
        from doclint.schema_ref_loops import find_ref_loop

        loop = find_ref_loop(root.resource.contents, registry.resolver(base_uri=base), root.validator_class)
        if loop is None:
            return
        for schema in self._files.values():
            pointer = object_pointers(schema.resource.contents).get(id(loop.schema))
            if pointer is not None:
                raise SchemaError(
                    _('{path}: $ref "{reference}" at {pointer} leads back to itself without moving into a property or '
                      "an item of the value, so validation would never end; point it at another subschema").format(
                        path=schema.display, reference=loop.reference, pointer=f"{pointer}/$ref"
                    )
                )

    def _is_embedded(self, uri: str) -> bool:
        """Return whether a subschema of a file read so far declares ``uri`` as its ``$id``, so that no file is read for it."""
        return uri in self._registry().crawl()


def url2pathname(path: str) -> str:
    """Return the file system path of a ``file:`` URI's path part.

    The same as ``urllib.request.url2pathname``, without importing
    urllib.request, which brings in http.client, email and ssl (12 ms of a
    start-up that needs none of them).
    """
    if os.name == "nt":
        from nturl2path import url2pathname as windows_path

        return windows_path(path)
    return unquote(path)


def _read_json(path: Path, display: str) -> tuple[Any, str, list[str]]:
    """Return the parsed JSON of a schema file, the digest of its bytes and the JSON pointers of its repeated keys.

    Raises SchemaError for a file that cannot be read or parsed.

    Only a regular file is read: a device such as /dev/zero, named in a
    document's front matter, would be read without end.
    """
    if _exists(path) and not _is_file(path):
        raise SchemaError(_("{path}: not a regular file; name a schema file").format(path=display))
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise SchemaError(_("{path}: schema file not found; check the path").format(path=display)) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise SchemaError(
            _("{path}: cannot read the schema file ({reason}); make it a readable UTF-8 file").format(
                path=display, reason=reason
            )
        ) from None

    too_deep = SchemaError(
        _("{path}: the schema is nested more than {limit} levels deep; flatten it with $defs and $ref").format(
            path=display, limit=MAX_DEPTH
        )
    )
    if not text.strip():
        raise SchemaError(_("{path}: the schema file is empty; write the schema as a JSON object").format(path=display))
    try:
        contents, repeated = parse_json(text)
    except json.JSONDecodeError as error:
        if path.suffix.lower() in (".yaml", ".yml"):
            raise SchemaError(
                _("{path}: not valid JSON, and doclint reads schema files only as JSON; convert this YAML schema to "
                  "JSON").format(path=display)
            ) from None
        raise SchemaError(
            _("{path}: invalid JSON at line {line}, column {column}: {reason}; fix the schema file").format(
                path=display, line=error.lineno, column=error.colno, reason=translated_problem(error.msg)
            )
        ) from None
    except RecursionError:
        raise too_deep from None
    if _depth_exceeds(contents, MAX_DEPTH):
        raise too_deep
    return contents, content_digest(data), repeated


def _is_file(path: Path) -> bool:
    """Return whether ``path`` is a regular file, and False for a path that the system rejects, such as a name too long."""
    try:
        return path.is_file()
    except OSError:
        return False


def _exists(path: Path) -> bool:
    """Return whether something exists at ``path``, and False for a path that the system rejects, such as a name too long."""
    try:
        return path.exists()
    except OSError:
        return False


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Return whether JSON objects and arrays nest more than ``limit`` levels deep in ``value``, without recursion."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children)
    return False


def _validator_class(contents: Any, display: str, default: type[Validator]) -> type[Validator]:
    """Return the validator for the draft named by ``$schema``, or ``default`` when there is none."""
    if not isinstance(contents, (dict, bool)):
        raise SchemaError(
            _("{path}: a schema must be a JSON object or a boolean, not {kind}; fix the schema file").format(
                path=display, kind=_json_type(contents)
            )
        )
    if not isinstance(contents, dict) or "$schema" not in contents:
        return default

    dialect = contents["$schema"]
    found = validator_for(contents, default=None) if isinstance(dialect, str) else None
    known = _dialect_like(dialect) if found is None and isinstance(dialect, str) else None
    if known is not None:
        raise SchemaError(
            _('{path}: unknown $schema {dialect}; did you mean "{known}"?').format(
                path=display, dialect=json.dumps(dialect), known=known
            )
        )
    if found is None:
        raise SchemaError(
            _('{path}: unknown $schema {dialect}; use "https://json-schema.org/draft/2020-12/schema" '
              'or "http://json-schema.org/draft-07/schema#"').format(path=display, dialect=json.dumps(dialect))
        )
    return found


def _dialect_like(dialect: str) -> str | None:
    """Return the URI of the draft that ``dialect`` names with another scheme, case or ending ``#`` or ``/``, or None.

    ``https://json-schema.org/draft-07/schema#`` names Draft 7 for a
    reader, but jsonschema recognises that draft only by its ``http`` URI.
    """
    from doclint.schema_keywords import ALL_DRAFTS

    def normalised(uri: str) -> str:
        parts = urlsplit(uri.strip().lower())
        return f"{parts.netloc}{parts.path}".rstrip("/#")

    for draft in ALL_DRAFTS:
        if normalised(dialect_id(draft)) == normalised(dialect):
            return dialect_id(draft)
    return None


def _is_builtin_file(path: Path) -> bool:
    """Return whether ``path`` is one of the schema files shipped with doclint.

    The tests check every built-in schema against its meta-schema, so a
    run skips that check for them. The check takes about 10 ms, which is
    about a tenth of the start-up of a run on one small file. Every worker
    process would pay it again.
    """
    return path.resolve().parent == builtin_schemas_dir().resolve()


def _unknown_keyword_warnings(contents: Any, validator_class: type[Validator], display: str) -> tuple[str, ...]:
    """Return a warning for each keyword of a schema file that its draft does not define, such as ``"minLenght"``."""
    from doclint.schema_keywords import unknown_keyword_message, unknown_keywords

    return tuple(unknown_keyword_message(display, unknown) for unknown in unknown_keywords(contents, validator_class))


def _ref_sibling_warnings(contents: Any, validator_class: type[Validator], display: str) -> tuple[str, ...]:
    """Return the warning for keywords next to ``$ref`` that the file's draft ignores, or nothing when there are none."""
    from doclint.schema_ref_siblings import ignored_ref_siblings, ignored_ref_siblings_message

    pointers = ignored_ref_siblings(contents, validator_class)
    return (ignored_ref_siblings_message(display, pointers),) if pointers else ()


def _reference_error(
    error: referencing.exceptions.Unresolvable, keyword: str, reference: str, schema: _SchemaFile, target: str
) -> SchemaError:
    """Turn a failed lookup into a SchemaError that names the referring file and the reference.

    ``target`` is the absolute URI of the resource that the reference names, without its fragment.
    """
    # referencing 0.28 chains the retrieval error implicitly (__context__),
    # later versions explicitly (__cause__).
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, (SchemaError, _RemoteReference)):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, SchemaError):
        return cause
    if isinstance(cause, _RemoteReference):
        address = cause.args[0]
        if urldefrag(reference).url == address:
            message = _('{path}: {keyword} "{reference}" is a remote address, which doclint never downloads; '
                        "save that schema as a local file and refer to it by a relative path")
        else:
            message = _('{path}: {keyword} "{reference}" resolves to the remote address {address} because the $id '
                        "it is resolved against is remote, and doclint never downloads schemas; remove the $id "
                        "or refer to a local file by an absolute file: address")
        return SchemaError(message.format(path=schema.display, keyword=keyword, reference=reference, address=address))
    return SchemaError(
        _('{path}: {keyword} "{reference}" cannot be resolved ({reason}); check the file name and the part after '
          '"#"').format(
            path=schema.display, keyword=keyword, reference=reference, reason=_describe_unresolvable(error, schema, target)
        )
    )


def _describe_unresolvable(error: referencing.exceptions.Unresolvable, schema: _SchemaFile, target: str) -> str:
    """Return why a lookup failed, naming the file searched when it is another file than the referring one."""
    if isinstance(error, referencing.exceptions.PointerToNowhere):
        if target != schema.uri and urlsplit(target).scheme == "file":
            return _("nothing at {pointer} in {file}").format(
                pointer=error.ref, file=display_path(Path(url2pathname(urlsplit(target).path)))
            )
        return _("nothing at {pointer}").format(pointer=error.ref)
    if isinstance(error, referencing.exceptions.NoSuchAnchor):
        return _("no anchor {anchor}").format(anchor=error.anchor)
    return _("no schema with this address")


def _json_type(value: Any) -> str:
    """Return the JSON type of a parsed value that is not an object or a boolean, for messages."""
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, str):
        return _("a string")
    if value is None:
        return _("null")
    return _("a number")


def display_path(path: Path) -> str:
    """Return a schema file's path for messages: relative to the working folder when inside it, else absolute.

    The path is normalised as text, so ``docs/../schemas/faq.json`` is
    shown as ``schemas/faq.json``, and it has ``/`` separators on every
    system, as a ``$ref`` has. Symbolic links are not followed, because a
    message about a file outside the document's repository must not
    reveal where a link there points.

    NOTE: a ``..`` after a symbolic link to a folder is removed as text,
    so the path shown can differ from the file read in that case.
    """
    absolute = Path(os.path.normpath(os.path.abspath(path)))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()
