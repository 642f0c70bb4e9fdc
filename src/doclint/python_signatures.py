"""Python blocks that list call signatures, as API reference pages show them, rather than code to run.

A reference page writes ``Cache(backend="memory", *, url=None, ttl=300)``
or ``make_key(prefix, *args, **kwargs)`` in a ``python`` block to show how
a function is called. The first is no valid Python, because a call takes
no bare ``*``, and the names of the second are parameters, not variables
that some earlier code defines. Checking such a block reports a syntax
error or each parameter as an undefined name, so the code rules leave it
out.

A block is a signature listing when two things hold. Each of its lines,
comments and blank lines aside, reads as the head of a function
definition: ``name(params)``, optionally with ``def``, a dotted name, a
return annotation and a final colon. And one of them has a parameter list
that no call statement would write: a bare ``*`` or ``/``, an annotated
parameter, a return annotation, an ellipsis in place of parameters, or
``*args``-style parameters. A line of plain calls such as ``load_data(path)`` is code, so
a block of such calls is still checked.

Type stubs list signatures the same way: ``def dumps(value: JSONValue)
-> str: ...``, each head with ``...`` for its body, and ``@overload``
above each of two signatures of one function. Such a body, a decorator
line without arguments and the head of a class whose methods the
listing shows (``class Client:``) are part of a listing too.
"""

from __future__ import annotations

import ast
import re
import warnings

# A line that opens like a signature: an optional def, a dotted name and an opening parenthesis.
_HEAD_RE = re.compile(r"^\s*(?:async\s+)?(?:def\s+)?(?P<name>[^\W\d]\w*(?:\.[^\W\d]\w*)*)\s*\((?P<rest>.*)$")
# An ellipsis that stands for more parameters: "…" or "...", alone or after a comma.
_ELLIPSIS_RE = re.compile(r"(?:(?<=\()|,)\s*(?:…|\.\.\.)\s*(?=[,)])")
# Parameter syntax that a call statement does not write.
_SIGNATURE_ONLY_RE = re.compile(r"\(\s*\*\s*[,)]|,\s*\*\s*[,)]|,\s*/\s*[,)]|\*\*?[^\W\d]\w*|\)\s*->|…|\.\.\.")

# A decorator line of a stub listing, such as "@overload" or "@typing.overload", without arguments.
_DECORATOR_RE = re.compile(r"^\s*@[^\W\d]\w*(?:\.[^\W\d]\w*)*\s*$")
# The head of a class whose methods a stub listing shows: "class Client:" or "class Client(Base, Generic[T]):".
_CLASS_RE = re.compile(r"^\s*class\s+[^\W\d]\w*\s*(?:\([^()]*(?:\([^()]*\)[^()]*)*\))?\s*:\s*$")
# The body of a stub written on its head's line: ": ..." or ": pass", as type stubs end each definition.
_STUB_BODY_RE = re.compile(r":\s*(?:\.\.\.|…|pass)\s*$")

MAX_SIGNATURE_LINES = 20
"""The maximum number of lines of a signature listing. A longer block is code, whatever its lines look like."""


def is_signature_listing(text: str) -> bool:
    """Return whether a Python block's text lists call signatures, as the module docstring defines it."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines or len(lines) > MAX_SIGNATURE_LINES:
        return False

    if all(_DECORATOR_RE.match(line) or _CLASS_RE.match(line) for line in lines):
        return False
    signature_only = False
    for line in lines:
        if _DECORATOR_RE.match(line) or _CLASS_RE.match(line):
            continue
        head = _as_definition(line)
        if head is None:
            return False
        signature_only = signature_only or bool(_SIGNATURE_ONLY_RE.search(line)) or _annotated(head)
    return signature_only


def _as_definition(line: str) -> ast.FunctionDef | None:
    """Parse a line as the head of a function definition, or return None when it is not one."""
    found = _HEAD_RE.match(line)
    if found is None:
        return None
    rest = _STUB_BODY_RE.sub("", found.group("rest")).rstrip().removesuffix(":").rstrip()
    name = found.group("name").rpartition(".")[2]
    source = f"def {name}({_ELLIPSIS_RE.sub('', rest)}: pass"

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    definition = tree.body[0] if len(tree.body) == 1 else None
    return definition if isinstance(definition, ast.FunctionDef) else None


def _annotated(definition: ast.FunctionDef) -> bool:
    """Return whether a definition has a return annotation or an annotated parameter."""
    arguments = definition.args
    parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
    return definition.returns is not None or any(parameter is not None and parameter.annotation is not None for parameter in parameters)
