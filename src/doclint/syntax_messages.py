"""The syntax error messages of Python's compiler and of PyYAML, in the user's language.

Both write their messages in English only. The frequent ones are matched
here by pattern and given as catalog messages with the same values, so a
Chinese finding reads ``Python 代码无法解析：缺少 ':'`` rather than mixing
in ``expected ':'``. A message that no pattern matches is kept as the
parser wrote it. The patterns follow the messages of Python 3.10 to 3.13
and of PyYAML 6.0.
"""

from __future__ import annotations

import re
from functools import lru_cache

from doclint.i18n import N_, _, current_language

# (pattern over the whole message, the same message for the catalogs with the pattern's groups as fields).
# The catalog messages repeat the parsers' English, so an English run prints what the parser wrote.
PYTHON_MESSAGES = (
    (r"invalid syntax", N_("invalid syntax")),
    (r"invalid syntax\. Perhaps you forgot a comma\?", N_("invalid syntax. Perhaps you forgot a comma?")),
    (
        r"invalid syntax\. Maybe you meant '==' or ':=' instead of '='\?",
        N_("invalid syntax. Maybe you meant '==' or ':=' instead of '='?"),
    ),
    (r"expected (?P<token>'[^']*')", N_("expected {token}")),
    (r"expected an indented block", N_("expected an indented block")),
    (
        r"expected an indented block after (?P<keyword>'\w+') statement on line (?P<line>\d+)",
        N_("expected an indented block after {keyword} statement on line {line}"),
    ),
    (
        r"expected an indented block after (?P<definition>function|class) definition on line (?P<line>\d+)",
        N_("expected an indented block after {definition} definition on line {line}"),
    ),
    (r"unexpected indent", N_("unexpected indent")),
    (r"unindent does not match any outer indentation level", N_("unindent does not match any outer indentation level")),
    (r"inconsistent use of tabs and spaces in indentation", N_("inconsistent use of tabs and spaces in indentation")),
    (r"unterminated string literal \(detected at line (?P<line>\d+)\)", N_("unterminated string literal (detected at line {line})")),
    (
        r"unterminated triple-quoted string literal \(detected at line (?P<line>\d+)\)",
        N_("unterminated triple-quoted string literal (detected at line {line})"),
    ),
    (r"(?P<bracket>'.') was never closed", N_("{bracket} was never closed")),
    (r"unmatched (?P<bracket>'.')", N_("unmatched {bracket}")),
    (
        r"closing parenthesis (?P<closing>'.') does not match opening parenthesis (?P<opening>'.')",
        N_("closing parenthesis {closing} does not match opening parenthesis {opening}"),
    ),
    (
        r"closing parenthesis (?P<closing>'.') does not match opening parenthesis (?P<opening>'.') on line (?P<line>\d+)",
        N_("closing parenthesis {closing} does not match opening parenthesis {opening} on line {line}"),
    ),
    (r"invalid character (?P<character>'.') \((?P<code>U\+[0-9A-F]+)\)", N_("invalid character {character} ({code})")),
    (r"invalid non-printable character (?P<code>U\+[0-9A-F]+)", N_("invalid non-printable character {code}")),
    (r"invalid (?P<base>decimal|hexadecimal|octal|binary) literal", N_("invalid {base} literal")),
    (r"unexpected character after line continuation character", N_("unexpected character after line continuation character")),
    (r"unexpected EOF while parsing", N_("unexpected EOF while parsing")),
    (
        r"Missing parentheses in call to 'print'\. Did you mean print\(\.\.\.\)\?",
        N_("Missing parentheses in call to 'print'. Did you mean print(...)?"),
    ),
    (
        r"cannot assign to (?P<target>function call|literal|expression) here\. Maybe you meant '==' instead of '='\?",
        N_("cannot assign to {target} here. Maybe you meant '==' instead of '='?"),
    ),
    (r"(?P<statement>'return'|'yield'|'await') outside function", N_("{statement} outside function")),
    (r"'break' outside loop", N_("'break' outside loop")),
    (r"'continue' not properly in loop", N_("'continue' not properly in loop")),
    (r"':' expected after dictionary key", N_("':' expected after dictionary key")),
    (r"Generator expression must be parenthesized", N_("Generator expression must be parenthesized")),
    (
        r"leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        N_("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
    ),
)

YAML_MESSAGES = (
    (r"mapping values are not allowed here", N_("mapping values are not allowed here")),
    (r"could not find expected ':'", N_("could not find expected ':'")),
    (r"found character (?P<character>'.+') that cannot start any token", N_("found character {character} that cannot start any token")),
    (r"expected (?P<first>'.') or (?P<second>'.'), but got (?P<found>'.*')", N_("expected {first} or {second}, but got {found}")),
    (r"expected (?P<expected>.+), but found (?P<found>'.*')", N_("expected {expected}, but found {found}")),
    (r"expected (?P<expected>.+), but got (?P<found>'.*')", N_("expected {expected}, but got {found}")),
    (r"found undefined alias (?P<name>'.*')", N_("found undefined alias {name}")),
    (r"found unexpected end of stream", N_("found unexpected end of stream")),
    (r"found unknown escape character (?P<character>'.*')", N_("found unknown escape character {character}")),
    (r"found duplicate anchor (?P<name>'.*'); first occurrence", N_("found duplicate anchor {name}; first occurrence")),
    (r"second occurrence", N_("second occurrence")),
    (r"while scanning for the next token", N_("while scanning for the next token")),
    (r"while scanning a simple key", N_("while scanning a simple key")),
    (r"while scanning a (?P<style>quoted|double-quoted|single-quoted|plain|block) scalar", N_("while scanning a {style} scalar")),
    (r"while parsing a (?P<style>block|flow) (?P<node>mapping|sequence|collection|node)", N_("while parsing a {style} {node}")),
    (r"while parsing a tag", N_("while parsing a tag")),
    (r"unacceptable character (?P<code>#x[0-9a-f]+)", N_("unacceptable character {code}")),
)

TERMS = frozenset(
    {
        N_("function"), N_("class"), N_("function call"), N_("literal"), N_("expression"),
        N_("decimal"), N_("hexadecimal"), N_("octal"), N_("binary"),
        N_("quoted"), N_("double-quoted"), N_("single-quoted"), N_("plain"), N_("block"), N_("flow"),
        N_("mapping"), N_("sequence"), N_("collection"), N_("node"),
    }
)
"""The words that a pattern's groups capture and that the catalogs translate, such as the ``block`` of ``while parsing a block mapping``."""


def translated_python_message(message: str) -> str:
    """Return a message of Python's compiler in the user's language, or as it is when no pattern matches it."""
    return _translated(message, _compiled(PYTHON_MESSAGES))


def translated_yaml_message(message: str) -> str:
    """Return a problem or context message of PyYAML in the user's language, or as it is when no pattern matches it."""
    return _translated(message, _compiled(YAML_MESSAGES))


def _translated(message: str, patterns: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    if current_language() == "en":
        return message

    for pattern, template in patterns:
        found = pattern.fullmatch(message)
        if found:
            values = {name: _(value) if value in TERMS else value for name, value in found.groupdict().items()}
            return _(template).format(**values)
    return message


@lru_cache(maxsize=2)
def _compiled(messages: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), template) for pattern, template in messages)
