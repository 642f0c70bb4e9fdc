"""The Python source inside a code block, split into the pieces that parse on their own.

A plain block is one piece. A doctest block (``>>>`` and ``...`` prompts) is
one piece per example, found by the standard library's
``doctest.DocTestParser``: the expected output lines are not code. An
IPython session (``In [1]:`` prompts) is one piece per input in the same way.

IPython magics and shell escapes (lines that start with ``%``, ``%%`` or
``!``) are not Python. In IPython blocks each such line becomes Python at
the same indentation, which keeps every other line where it is and keeps a
loop whose body is a single magic valid: ``pass``, or the Python code it
contains (the code that ``%timeit`` times, the ``{expressions}`` of a shell
escape), so that their names count as used. An assignment from a magic or
a shell escape (``files = !ls``) keeps its targets, and a help request
(``os?``, ``len(items)?``) becomes the expression it is about. A cell
magic other than the timing and capture magics (``%%bash``, ``%%html``,
``%%writefile``) makes its whole cell something other than Python, so that
cell has no pieces. A block tagged ``python`` that does not parse is read
the same way when it contains such lines, as the cells of a notebook
exported to Markdown do (``notebook_cell_pieces``).

Every line of a piece keeps its file line and the columns before it, so a
problem found by the parser or by pyflakes is reported where it is in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from doclint.codeblocks import CodeLine

if TYPE_CHECKING:
    import doctest

# Language tags of Python code. Blocks with the IPython tags may contain magics and shell escapes.
PYTHON_LANGUAGES = ("python", "py", "python3", "py3", "pycon", "ipython", "ipython3")
IPYTHON_LANGUAGES = ("ipython", "ipython3")

# Names that a doctest or IPython session defines without any code in the document.
SESSION_BUILTINS = frozenset({"_"})
IPYTHON_BUILTINS = frozenset({"_", "In", "Out", "get_ipython", "display"})

# Cell magics whose body is Python code, run under a timer or with output captured.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})

DOCTEST_PROMPT = ">>>"
DOCTEST_PROMPT_WIDTH = 4
"""``>>> `` and ``... ``: doctest removes the prompt and one space from every source line."""

_IPYTHON_INPUT_RE = re.compile(r"^(?P<indent>\s*)In \[\d*\]: ?")
_IPYTHON_CONTINUATION_RE = re.compile(r"^(?P<indent>\s*)\.\.\.+: ?")
# A magic or a shell escape, alone or assigned: "%time f()", "!ls", "files = !ls", "a, b = %timeit -o f()".
_MAGIC_RE = re.compile(
    r"^(?P<indent>\s*)(?P<target>[^\W\d][\w.]*(?:\s*,\s*[^\W\d][\w.]*)*\s*=\s*)?"
    r"(?P<magic>%%?(?P<name>\w*)(?P<options>(?:\s+-\w+(?:\s+\d+)?)*)\s*|!!?)(?P<rest>.*)$"
)
# Line magics whose argument is Python code, timed or profiled.
_PYTHON_MAGICS = frozenset({"time", "timeit", "prun"})
# Line magics whose argument is one object to describe, as a help request.
_OBJECT_MAGICS = frozenset({"pinfo", "pinfo2", "pdef", "pdoc", "psource", "pfile"})
# A help request: "os?", "os.path??", "?os", "df['a']?" or "len(items)?".
_HELP_RE = re.compile(r"^(?P<indent>\s*)(?:\?{1,2}(?P<before>[^?\s].*?)|(?P<after>[^?\s].*?)\?{1,2})\s*$")
# A string literal on one line, whose brackets do not count.
_STRING_RE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
# A wildcard search of names, which IPython runs for "np.*load*?".
_WILDCARD_SEARCH_RE = re.compile(r"^[\w.*]*\*[\w.*]*$")
# A Python expression that a shell escape fills in: "!echo {sys.version}".
_SHELL_EXPRESSION_RE = re.compile(r"\{([^{}]+)\}")
_CELL_MAGIC_RE = re.compile(r"^\s*%%(?P<name>\w*)")


@dataclass(frozen=True)
class Snippet:
    """Python source that parses as a unit, one ``CodeLine`` per source line.

    The lines are consecutive lines of the file, so a parse tree of
    ``source`` moved down by ``first_line - 1`` carries file line numbers.
    """

    lines: tuple[CodeLine, ...]

    @property
    def first_line(self) -> int:
        return self.lines[0].line

    @property
    def source(self) -> str:
        return "".join(line.text + "\n" for line in self.lines)


@dataclass(frozen=True)
class PromptError:
    """A malformed doctest prompt, which stops the whole block from being read."""

    line: CodeLine
    kind: str
    """``missing-space`` (``>>>x``), ``inconsistent-indent`` or ``malformed``."""


@dataclass
class PythonPieces:
    """The snippets of a Python code block, or the reason it has none."""

    snippets: list[Snippet] = field(default_factory=list)
    prompt_error: PromptError | None = None
    cell_magic: str | None = None
    """The name of a cell magic that makes the block something other than Python."""
    builtins: frozenset[str] = frozenset()
    """Names the session defines without code: ``_`` in a doctest, ``display`` in IPython."""


def is_python_language(language: str | None) -> bool:
    return language in PYTHON_LANGUAGES


def python_pieces(lines: list[CodeLine], language: str | None) -> PythonPieces:
    """Split a Python block's lines into snippets, by its language and the form of its first line.

    A ``pycon`` block is a console session whatever its first line, so a
    banner or a traceback without prompts contains no code.
    """
    first = next((line.text for line in lines if line.text.strip()), "")
    if not first:
        return PythonPieces()
    if language == "pycon" or first.lstrip().startswith(DOCTEST_PROMPT):
        return _doctest_pieces(lines)
    if _IPYTHON_INPUT_RE.match(first):
        return _ipython_session_pieces(lines)

    ipython = language in IPYTHON_LANGUAGES
    magic = _foreign_cell_magic(first) if ipython else None
    if magic is not None:
        return PythonPieces(cell_magic=magic)
    cell = _dedent(lines)
    if ipython:
        return PythonPieces([Snippet(tuple(_without_magics(cell)))], builtins=IPYTHON_BUILTINS)
    return PythonPieces([Snippet(tuple(cell))])


def notebook_cell_pieces(lines: list[CodeLine]) -> PythonPieces | None:
    """Read a plain Python block as an IPython cell, or return None when no line of it is IPython syntax.

    Notebooks exported to Markdown (nbconvert, jupytext) tag every code
    cell ``python``, magics and shell escapes included, so a reader of
    such notes expects ``%matplotlib inline`` or ``!pip install`` to be
    read as IPython does. The caller asks for this reading only of a
    block that does not parse as Python. A doctest or an IPython session
    is read by its prompts already, so it gets None too.
    """
    first = next((line.text for line in lines if line.text.strip()), "")
    if not first or first.lstrip().startswith(DOCTEST_PROMPT) or _IPYTHON_INPUT_RE.match(first):
        return None
    magic = _foreign_cell_magic(first)
    if magic is not None:
        return PythonPieces(cell_magic=magic)
    cell = _dedent(lines)
    converted = _without_magics(cell)
    if converted == cell:
        return None
    return PythonPieces([Snippet(tuple(converted))], builtins=IPYTHON_BUILTINS)


def _dedent(lines: list[CodeLine]) -> list[CodeLine]:
    """Remove the indentation that every non-blank line shares, moving it into ``shift``.

    A fence inside a list item is often indented deeper than the item's
    text, and then every code line starts with the same spaces.
    """
    indents = [line.text[: len(line.text) - len(line.text.lstrip(" \t"))] for line in lines if line.text.strip()]
    common = indents[0] if indents else ""
    for indent in indents[1:]:
        while not indent.startswith(common):
            common = common[:-1]
    if not common:
        return lines
    width = len(common)
    return [CodeLine(line.line, line.shift + width, line.text[width:]) for line in lines]


def _doctest_pieces(lines: list[CodeLine]) -> PythonPieces:
    """Read a doctest block with ``doctest.DocTestParser``: one snippet per example."""
    try:
        examples = _doctest_examples(lines)
    except ValueError as error:
        return PythonPieces(prompt_error=_prompt_error(lines, str(error)))

    snippets = []
    for example in examples:
        source_lines = example.source.rstrip("\n").split("\n")
        offset = example.indent + DOCTEST_PROMPT_WIDTH
        snippet = [
            CodeLine(lines[example.lineno + index].line, lines[example.lineno + index].shift + offset, source)
            for index, source in enumerate(source_lines)
        ]
        snippets.append(Snippet(tuple(snippet)))
    return PythonPieces(snippets, builtins=SESSION_BUILTINS)


def _doctest_examples(lines: list[CodeLine]) -> list[doctest.Example]:
    # Imported here: doctest brings in unittest, 8 ms of a start-up that seldom meets a doctest block.
    import doctest

    text = "".join(line.text + "\n" for line in lines)
    return doctest.DocTestParser().get_examples(text, name="code block")


def _prompt_error(lines: list[CodeLine], message: str) -> PromptError:
    """Find the line that makes doctest reject the block, and the kind of mistake.

    The line number in doctest's message is off by one for continuation
    lines, so doctest itself is asked instead. The shortest run of leading
    lines that it rejects ends at the mistake, and bisection finds that run
    in a few parses even for a long block.
    """
    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        try:
            _doctest_examples(lines[:middle])
        except ValueError:
            high = middle
        else:
            low = middle + 1
    if "lacks blank" in message:
        kind = "missing-space"
    elif "inconsistent leading whitespace" in message:
        kind = "inconsistent-indent"
    else:
        kind = "malformed"
    return PromptError(lines[low - 1], kind)


def _ipython_session_pieces(lines: list[CodeLine]) -> PythonPieces:
    """Split an IPython session into snippets, one per ``In [n]:`` input with its ``...:`` lines.

    Lines without a prompt are output. Magics inside an input are skipped
    as in an IPython cell, and an input that starts with a cell magic whose
    body is not Python is left out.
    """
    snippets: list[Snippet] = []
    current: list[CodeLine] | None = None
    for line in lines:
        prompt = _IPYTHON_INPUT_RE.match(line.text)
        continuation = _IPYTHON_CONTINUATION_RE.match(line.text) if current is not None else None
        if prompt is not None:
            _close_input(current, snippets)
            current = [CodeLine(line.line, line.shift + prompt.end(), line.text[prompt.end():])]
        elif continuation is not None and current is not None:
            current.append(CodeLine(line.line, line.shift + continuation.end(), line.text[continuation.end():]))
        else:
            _close_input(current, snippets)
            current = None
    _close_input(current, snippets)
    return PythonPieces(snippets, builtins=IPYTHON_BUILTINS)


def _close_input(current: list[CodeLine] | None, snippets: list[Snippet]) -> None:
    """Add a finished session input to ``snippets``, without its trailing blank ``...:`` lines."""
    if not current:
        return
    while current and not current[-1].text.strip():
        current.pop()
    if current and _foreign_cell_magic(current[0].text) is None:
        snippets.append(Snippet(tuple(_without_magics(current))))


def _foreign_cell_magic(first_line: str) -> str | None:
    """Return the name of a cell magic whose body is not Python (``bash``), else None."""
    found = _CELL_MAGIC_RE.match(first_line)
    if found is None or found.group("name") in PYTHON_CELL_MAGICS:
        return None
    return found.group("name") or "%%"


def _without_magics(lines: list[CodeLine]) -> list[CodeLine]:
    """Replace the IPython syntax of each line with Python that uses the same names.

    A magic or shell-escape line becomes ``pass`` at its indentation, and
    an assignment from one (``files = !ls``) assigns ``None``, so that later
    uses of ``files`` are defined. The Python code of ``%time``, ``%timeit``
    and ``%prun`` stays in place, at its columns. So do the expressions that
    a shell escape fills in (``!echo {sys.version}``) and the object of a
    help request (``os?``, ``%pinfo os``), so that their names count as used.
    """
    result = []
    depth = 0
    continued = False
    open_quote: str | None = None
    for line in lines:
        # A line inside brackets, after a backslash or inside a triple-quoted string continues
        # a statement, where IPython reads "% 3" and "!= b" as Python, not as a magic.
        inside = depth > 0 or continued or open_quote is not None
        text = None if inside else _ipython_line(line.text)
        result.append(CodeLine(line.line, line.shift, text) if text is not None else line)
        source = line.text if text is None else text
        open_quote = _open_triple_quote(source, open_quote)
        if open_quote is None and '"""' not in source and "'''" not in source:
            code = _STRING_RE.sub('""', source).split("#", 1)[0]
            depth = max(0, depth + sum(code.count(opening) for opening in "([{") - sum(code.count(closing) for closing in ")]}"))
            continued = code.rstrip().endswith("\\")
        else:
            continued = False
    return result


def _open_triple_quote(line: str, open_quote: str | None) -> str | None:
    """Return the triple quote still open after a line, given the one open before it (None for none)."""
    position = 0
    while True:
        if open_quote is None:
            starts = [(line.find(quote, position), quote) for quote in ('"""', "'''")]
            found = [(index, quote) for index, quote in starts if index >= 0]
            if not found:
                return None
            position, open_quote = min(found)
            position += 3
        else:
            end = line.find(open_quote, position)
            if end < 0:
                return open_quote
            position, open_quote = end + 3, None


def _ipython_line(text: str) -> str | None:
    """Return the Python that stands for one line of IPython syntax, or None for a line of plain Python."""
    magic = _MAGIC_RE.match(text)
    if magic is not None:
        indent, target, rest = magic.group("indent"), magic.group("target") or "", magic.group("rest")
        name = magic.group("name")
        if name in _PYTHON_MAGICS and rest.strip():
            # Padding keeps the code at its columns: "%timeit f()" becomes "pass;   f()".
            width = len(magic.group("magic"))
            if target:
                return f"{indent}{target}({' ' * (width - 1)}{rest})"
            return f"{indent}pass;{' ' * max(width - len('pass;'), 1)}{rest}"
        start = magic.start("magic")
        words = rest.split()
        if name == "capture" and words and words[-1].isidentifier():
            # "%%capture --no-stderr output" stores the cell's output in output.
            return f"{indent}{words[-1]} = None"
        if name in _OBJECT_MAGICS and _is_expression(rest):
            spans = [(magic.start("rest"), len(text))]
        else:
            spans = [
                (magic.start("rest") + found.start(1), magic.start("rest") + found.end(1))
                for found in _SHELL_EXPRESSION_RE.finditer(rest)
                if _is_expression(found.group(1))
            ]
        if spans:
            return _tuple_in_place(text, start, spans)
        return f"{indent}{target}None" if target else f"{indent}pass"

    if "?" in text:
        help_request = _HELP_RE.match(text)
        if help_request is not None:
            subject = help_request.group("before") or help_request.group("after")
            if _is_expression(subject):
                return help_request.group("indent") + subject
            if _WILDCARD_SEARCH_RE.match(subject):
                # "np.*load*" searches the names of np, so it uses np.
                searched = subject.split("*")[0].rstrip(".")
                return help_request.group("indent") + (searched if searched and _is_expression(searched) else "pass")
    return None


def _tuple_in_place(text: str, start: int, spans: list[tuple[int, int]]) -> str:
    """Return the line with ``text[start:]`` turned into a tuple of the text in ``spans``, each at its own columns.

    "!cp {source} /tmp" becomes "(   source,)" with ``source`` where it was,
    so that a finding in it is reported at its column.
    """
    characters = [" "] * (len(text) - start)
    characters[0] = "("
    for begin, end in spans:
        characters[begin - start:end - start] = text[begin:end]
        if end - start < len(characters):
            characters[end - start] = ","
    joined = "".join(characters).rstrip()
    return text[:start] + joined + ("" if joined.endswith(",") else ",") + ")"


def _is_expression(text: str) -> bool:
    """Return whether a text is one Python expression."""
    import ast

    try:
        ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return False
    return True
