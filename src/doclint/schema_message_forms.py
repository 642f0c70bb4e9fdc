"""The forms of ``x-doclint-message``, their check when a schema loads, and the template each gives for an error.

A schema gives its own message for a failed constraint with
``x-doclint-message`` in the schema object that contains the constraint, in
one of these forms:

- a template string, for every keyword of that object;
- an object that maps keywords to templates, such as
  ``{"required": "...", "minItems": "..."}``;
- an object that maps languages to templates, such as
  ``{"en": "...", "zh-CN": "..."}``, for every keyword of that object.

A value of the object by keyword may itself be an object by language.
An object is by language when a key names a language as ``--lang`` takes
it (``en``, ``zh-CN``, ``zh``, ``zh_CN``, see ``i18n.language_named``). No
JSON Schema keyword does, so the two objects cannot be confused. Such an
object needs an ``en`` message, which is shown in every language that it
leaves out.

A plain template is looked up in doclint's catalog before it is filled
in, so that the messages of the built-in schemas follow ``--lang``. A
template chosen from an object by language is used as written.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, Mapping

from doclint.i18n import LANGUAGES, N_, _, current_language, language_named
from doclint.schema_errors import SchemaError
from doclint.suggestions import close_match

MESSAGE_KEYWORD = "x-doclint-message"
"""The keyword by which a schema gives its own message for a failed constraint."""
MESSAGE_PLACEHOLDERS = frozenset({"heading", "section", "field", "label", "property", "value", "limit"})

FALLBACK_LANGUAGE = "en"

_FORMAT_ERRORS = {
    "expected '}' before end of string": (N_("expected {brace} before end of string"), "'}'"),
    "Single '}' encountered in format string": (N_("Single {brace} encountered in format string"), "'}'"),
    "Single '{' encountered in format string": (N_("Single {brace} encountered in format string"), "'{'"),
}
"""The messages of Python's ``string.Formatter`` for a stray brace, as catalog templates with the brace as a value."""

_NAME_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"})
"""Keywords whose values map names to subschemas, where a property may be named ``x-doclint-message``."""


@dataclass(frozen=True)
class Template:
    """The template of a schema's own message for one error."""

    text: str
    from_catalog: bool
    """Whether the text is looked up in doclint's catalog: true for a plain template, false for one chosen by language."""


def message_template(message: Any, keyword: str) -> Template | None:
    """Return the template that an ``x-doclint-message`` value gives for a failed ``keyword``, in the current language.

    Returns None when the value has no message for that keyword.
    """
    if isinstance(message, dict) and not is_by_language(message):
        message = message.get(keyword)
    if isinstance(message, str):
        return Template(message, from_catalog=True)
    if isinstance(message, dict) and is_by_language(message):
        return Template(_in_current_language(message), from_catalog=False)
    return None


def is_by_language(message: Mapping[str, Any]) -> bool:
    """Return whether an ``x-doclint-message`` object maps languages to templates: a key of it names a language."""
    return any(language_named(key) is not None for key in message)


def _in_current_language(message: Mapping[str, str]) -> str:
    """Return the template of a checked object by language for the current language, else its English one."""
    by_language = {language_named(key): text for key, text in message.items()}
    return by_language.get(current_language(), by_language[FALLBACK_LANGUAGE])


def check_messages(node: Any, location: str, display: str) -> None:
    """Check every ``x-doclint-message`` inside a parsed schema file, raising SchemaError for the first invalid one."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            check_messages(item, f"{location}[{index}]", display)
        return
    if not isinstance(node, dict):
        return

    for key, value in node.items():
        child = f"{location}.{key}"
        if key != MESSAGE_KEYWORD:
            check_messages(value, child, display)
        else:
            _check_message(value, child, display)


def _check_message(value: Any, location: str, display: str) -> None:
    """Check one ``x-doclint-message`` value in each of its forms."""
    if isinstance(value, str):
        _check_template(value, location, display)
        return
    if isinstance(value, dict) and is_by_language(value):
        _check_by_language(value, location, display)
        return

    if isinstance(value, dict) and all(isinstance(text, (str, dict)) for text in value.values()):
        for keyword, text in value.items():
            if isinstance(text, dict) and is_by_language(text):
                _check_by_language(text, f"{location}.{keyword}", display)
            elif isinstance(text, str):
                _check_template(text, f"{location}.{keyword}", display)
            else:
                raise _form_error(f"{location}.{keyword}", display)
        return
    raise _form_error(location, display)


def _form_error(location: str, display: str) -> SchemaError:
    return SchemaError(
        _("{path}: invalid {keyword} at {location}: it must be a string, an object that maps keywords such as "
          "required to strings, or an object that maps languages ({languages}) to strings").format(
            path=display, keyword=MESSAGE_KEYWORD, location=location, languages=", ".join(LANGUAGES)
        )
    )


def _check_by_language(value: Mapping[str, Any], location: str, display: str) -> None:
    """Check an object of templates by language: only languages, each once, with an English template among them."""
    seen: dict[str, str] = {}
    for key, text in value.items():
        language = language_named(key)
        if language is None:
            raise SchemaError(
                _('{path}: invalid {keyword} at {location}: "{key}" is not a language that doclint shows messages in, '
                  "and an object of messages by language has only languages as keys; use {languages}").format(
                    path=display, keyword=MESSAGE_KEYWORD, location=location, key=key, languages=", ".join(LANGUAGES)
                )
            )
        if language in seen:
            raise SchemaError(
                _('{path}: invalid {keyword} at {location}: "{key}" and "{other}" both name the language {language}; '
                  "keep one of them").format(
                    path=display, keyword=MESSAGE_KEYWORD, location=location, key=key, other=seen[language], language=language
                )
            )
        seen[language] = key
        if not isinstance(text, str):
            raise SchemaError(
                _('{path}: invalid {keyword} at {location}: the message for "{key}" must be a string').format(
                    path=display, keyword=MESSAGE_KEYWORD, location=location, key=key
                )
            )
        _check_template(text, f"{location}.{key}", display)

    if FALLBACK_LANGUAGE not in seen:
        raise SchemaError(
            _('{path}: invalid {keyword} at {location}: an object of messages by language needs an "{fallback}" message, '
              "which is shown in the languages that it leaves out; add one").format(
                path=display, keyword=MESSAGE_KEYWORD, location=location, fallback=FALLBACK_LANGUAGE
            )
        )


def _check_template(template: str, location: str, display: str) -> None:
    """Check that a message template uses only the known placeholders."""
    try:
        names = [name for _text, name, _spec, _conversion in string.Formatter().parse(template) if name is not None]
    except ValueError as error:
        reason = str(error)
        if reason in _FORMAT_ERRORS:
            template, brace = _FORMAT_ERRORS[reason]
            reason = _(template).format(brace=brace)
        raise SchemaError(
            _("{path}: invalid {keyword} at {location}: {reason}; write a literal brace as {{{{ or }}}}").format(
                path=display, keyword=MESSAGE_KEYWORD, location=location, reason=reason
            )
        ) from None

    unknown = [name for name in names if name not in MESSAGE_PLACEHOLDERS]
    close = close_match(unknown[0], sorted(MESSAGE_PLACEHOLDERS)) if unknown else None
    if close is not None:
        raise SchemaError(
            _("{path}: invalid {keyword} at {location}: unknown placeholder {{{name}}}; did you mean {{{close}}}? "
              "The placeholders are {allowed}").format(
                path=display,
                keyword=MESSAGE_KEYWORD,
                location=location,
                name=unknown[0],
                close=close,
                allowed=", ".join(f"{{{name}}}" for name in sorted(MESSAGE_PLACEHOLDERS)),
            )
        )
    if unknown:
        raise SchemaError(
            _("{path}: invalid {keyword} at {location}: unknown placeholder {{{name}}}; use {allowed}").format(
                path=display,
                keyword=MESSAGE_KEYWORD,
                location=location,
                name=unknown[0],
                allowed=", ".join(f"{{{name}}}" for name in sorted(MESSAGE_PLACEHOLDERS)),
            )
        )

    # Every placeholder is filled with a string, so a conversion or format
    # spec that a string rejects ("{limit:d}") fails here and not mid-run.
    try:
        template.format(**{name: "" for name in MESSAGE_PLACEHOLDERS})
    except ValueError as error:
        raise SchemaError(
            _("{path}: invalid {keyword} at {location}: {reason}; placeholders are strings, "
              "so write them without a format such as :d").format(
                path=display, keyword=MESSAGE_KEYWORD, location=location, reason=error
            )
        ) from None


def unused_message_keywords(node: Any, location: str, display: str) -> list[str]:
    """Return a warning for each keyword of an ``x-doclint-message`` object that its schema object does not have.

    doclint takes a message for a failed keyword from the object that contains
    that keyword, so a message for a keyword that the object lacks, such as
    a misspelled ``"requird"``, is never shown, and nothing else says so.
    """
    warnings: list[str] = []
    pending = [(node, location, False)]
    while pending:
        value, path, is_name_map = pending.pop()
        if isinstance(value, list):
            pending.extend((item, f"{path}[{index}]", False) for index, item in reversed(list(enumerate(value))))
            continue
        if not isinstance(value, dict):
            continue

        message = None if is_name_map else value.get(MESSAGE_KEYWORD)
        if isinstance(message, dict) and not is_by_language(message):
            keywords = sorted(key for key in value if key != MESSAGE_KEYWORD)
            for name in message:
                if name not in value:
                    warnings.append(_unused_message_warning(display, f"{path}.{MESSAGE_KEYWORD}", name, keywords))
        pending.extend(
            (child, f"{path}.{key}", not is_name_map and key in _NAME_MAPS)
            for key, child in reversed(list(value.items()))
            if is_name_map or key != MESSAGE_KEYWORD
        )
    return warnings



def _unused_message_warning(display: str, location: str, name: str, keywords: list[str]) -> str:
    close = close_match(name, keywords)
    if close is not None:
        template = _('{path}: {keyword} at {location} has a message for "{name}", a keyword that its schema object '
                     'does not have, so the message is never shown; did you mean "{close}"?')
    else:
        template = _('{path}: {keyword} at {location} has a message for "{name}", a keyword that its schema object '
                     'does not have, so the message is never shown; add "{name}" to the object or remove its message')
    return template.format(path=display, keyword=MESSAGE_KEYWORD, location=location, name=name, close=close)
