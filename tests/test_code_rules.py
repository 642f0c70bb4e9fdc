"""The code-block rules on real documents: rule, line, column and message of every finding."""

from __future__ import annotations

import sys
import textwrap

import pytest

from conftest import FIXTURES, SEED

CODE_RULES = ("undefined-name", "unused-import", "code-syntax-error", "code-not-checked")


@pytest.fixture
def check_markdown(tmp_path, run_json):
    """Write a Markdown document and return (exit code, [(rule, line, column)]) of the code rules."""

    def invoke(markdown: str, *options: str) -> tuple[int, list[tuple[str, int, int]]]:
        path = tmp_path / "doc.md"
        path.write_text(textwrap.dedent(markdown), encoding="utf-8")
        code, diagnostics = run_json(*options, str(path))
        return code, [(d["rule"], d["line"], d["column"]) for d in diagnostics if d["rule"] in CODE_RULES]

    return invoke


@pytest.fixture
def messages(tmp_path, run_json):
    """Write a Markdown document and return the messages of the code rules' findings."""

    def invoke(markdown: str, *options: str) -> list[str]:
        path = tmp_path / "doc.md"
        path.write_text(textwrap.dedent(markdown), encoding="utf-8")
        _code, diagnostics = run_json(*options, str(path))
        return [d["message"] for d in diagnostics if d["rule"] in CODE_RULES]

    return invoke


def test_seed_code_block_findings(run_json):
    _, diagnostics = run_json(str(SEED))
    found = [
        (d["code"], d["rule"], d["severity"], d["line"], d["column"], d["end_column"])
        for d in diagnostics
        if 416 <= d["line"] <= 453
    ]
    assert found == [
        ("DL302", "unused-import", "warning", 419, 8, 19),
        ("DL301", "undefined-name", "error", 422, 8, 17),
        ("DL301", "undefined-name", "error", 425, 15, 27),
        ("DL301", "undefined-name", "error", 449, 25, 37),
    ]


def test_seed_code_block_messages(run_cli):
    _, stdout, _ = run_cli("check", str(SEED))
    lines = [line for line in stdout.splitlines() if " DL30" in line]
    assert lines == [
        f"{SEED}:419:8: DL302 unused-import [~] 'numpy as np' is imported but not used in this or a later "
        "Python block of the document; remove the import",
        f"{SEED}:422:8: DL301 undefined-name name 'load_data' is used but not defined or imported in this "
        "code block or an earlier Python block of the document; define or import it before this line",
        f"{SEED}:425:15: DL301 undefined-name name 'encrypt_data' is used but not defined or imported in this "
        "code block or an earlier Python block of the document; define or import it before this line",
        f"{SEED}:449:25: DL301 undefined-name name 'decrypt_data' is used but not defined or imported in this "
        "code block or an earlier Python block of the document; define or import it before this line",
    ]


def test_document_scope_carries_names(run_json):
    code, diagnostics = run_json(str(FIXTURES / "code" / "tutorial.md"))
    assert code == 0
    assert diagnostics == []


def test_python_builtins_accept_prose_names(run_cli, tmp_path):
    page = tmp_path / "expiry.md"
    page.write_text((FIXTURES / "mkdocs-snippets.md").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('python-builtins = ["cache"]\n', encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-cache", str(page))

    assert (code, stderr) == (1, "")
    assert stdout.splitlines()[:-1] == [
        f"{page}:24:12: DL301 undefined-name name 'fetch_user_from_db' is used but not defined or imported in "
        "this code block or an earlier Python block of the document; define or import it before this line",
    ]


def test_prose_names_undefined_by_default(run_json):
    code, diagnostics = run_json("--no-config", str(FIXTURES / "mkdocs-snippets.md"))

    assert code == 1
    assert [(d["rule"], d["line"], d["column"]) for d in diagnostics] == [
        ("undefined-name", 13, 1),
        ("undefined-name", 22, 9),
        ("undefined-name", 24, 12),
    ]


def test_block_scope_isolates_blocks(run_json):
    code, diagnostics = run_json("--code-scope", "block", str(FIXTURES / "code" / "tutorial.md"))
    assert code == 1
    assert [(d["rule"], d["line"], d["column"], d["message"]) for d in diagnostics] == [
        (
            "undefined-name",
            20,
            8,
            "name 'load_rows' is used but not defined or imported in this code block; define or import it in the block",
        ),
        (
            "undefined-name",
            27,
            45,
            "name 'rows' is used but not defined or imported in this code block; define or import it in the block",
        ),
    ]


def test_use_before_definition_block(check_markdown):
    _, found = check_markdown(
        """\
        ```python
        print(later)
        ```

        ```python
        later = 1
        ```
        """
    )
    assert found == [("undefined-name", 2, 7)]


REPEATED_HELPER = """\
    ```python
    rows = load_rows("a.csv")
    more = load_rows("b.csv") + load_rows("c.csv")
    print(summarise(rows), more)
    ```

    ```python
    last = load_rows("d.csv")
    ```
    """


def test_repeated_undefined_name_once_per_block(run_json, tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(textwrap.dedent(REPEATED_HELPER), encoding="utf-8")
    _code, diagnostics = run_json(str(path))
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in diagnostics]
    assert found == [
        (
            "DL301",
            2,
            8,
            "name 'load_rows' is used 3 times in this code block but not defined or imported in it or in an "
            "earlier Python block of the document; define or import it before this line, its first use",
        ),
        (
            "DL301",
            4,
            7,
            "name 'summarise' is used but not defined or imported in this code block or an earlier Python "
            "block of the document; define or import it before this line",
        ),
        (
            "DL301",
            8,
            8,
            "name 'load_rows' is used but not defined or imported in this code block or an earlier Python "
            "block of the document; define or import it before this line",
        ),
    ]


def test_repeated_undefined_name_related_uses(run_json, tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(textwrap.dedent(REPEATED_HELPER), encoding="utf-8")
    _code, diagnostics = run_json(str(path))
    related = [(r["line"], r["column"], r["message"]) for r in diagnostics[0]["related"]]
    assert related == [(3, 8, "another use of the name"), (3, 29, "another use of the name")]
    assert diagnostics[1]["related"] == []


def test_repeated_undefined_name_block_scope(messages):
    found = messages(REPEATED_HELPER, "--code-scope", "block")
    assert found == [
        "name 'load_rows' is used 3 times in this code block but not defined or imported in it; define or "
        "import it in the block before this line, its first use",
        "name 'summarise' is used but not defined or imported in this code block; define or import it in the block",
        "name 'load_rows' is used but not defined or imported in this code block; define or import it in the block",
    ]


def test_repeated_undefined_name_in_chinese(messages):
    found = messages(REPEATED_HELPER, "--lang", "zh-CN")
    assert found[0] == (
        "名称 'load_rows' 在本代码块中使用了 3 次，但本代码块和文档中前面的 Python 代码块都没有定义或导入它；"
        "请在这一行（它第一次使用的位置）之前定义或导入"
    )


def test_import_used_in_later_block(check_markdown):
    markdown = """\
        ```python
        import os
        ```

        ```python
        print(os.sep)
        ```
        """
    assert check_markdown(markdown)[1] == []
    assert check_markdown(markdown, "--code-scope", "block")[1] == [("unused-import", 2, 8), ("undefined-name", 6, 7)]


def test_import_example_not_reported(check_markdown):
    markdown = """\
        Upgrade with one line:

        ```python
        from charset_normalizer import detect
        ```
        """
    assert check_markdown(markdown) == (0, [])
    assert check_markdown(markdown, "--code-scope", "block") == (0, [])


def test_alternative_import_examples_not_reported(check_markdown):
    markdown = """\
        ```python
        from foo import detect
        ```

        Or:

        ```python
        import foo
        ```
        """
    assert check_markdown(markdown) == (0, [])
    assert check_markdown(markdown, "--code-scope", "block") == (0, [])


def test_import_example_before_full_example(check_markdown):
    markdown = """\
        ```python
        from foo import detect
        ```

        ```python
        from foo import detect
        print(detect(b"x"))
        ```
        """
    assert check_markdown(markdown, "--code-scope", "block") == (0, [])


def test_setup_block_unused_import_reported(check_markdown):
    markdown = """\
        ```python
        import os
        import sys
        ```

        ```python
        print(os.sep)
        ```
        """
    assert check_markdown(markdown)[1] == [("unused-import", 3, 8)]


def test_doctest_block(check_markdown):
    code, found = check_markdown(
        """\
        # Doctest

        ```pycon
        >>> import math
        >>> radius = 2
        >>> math.pi * radius ** 2
        12.566370614359172
        >>> area(radius,
        ...      unit)
        Traceback (most recent call last):
        NameError: name 'area' is not defined
        >>> _
        12.566370614359172
        ```
        """
    )
    assert code == 1
    assert found == [("undefined-name", 8, 5), ("undefined-name", 9, 10)]


def test_doctest_in_a_python_block(check_markdown):
    _, found = check_markdown(
        """\
        ```python
        >>> import os, sys
        >>> sys.version_info >= (3,)
        True
        ```
        """
    )
    assert found == [("unused-import", 2, 12)]


def test_doctest_prompt_without_space(check_markdown, messages):
    markdown = """\
        ```pycon
        >>> a = 1
        >>>print(a)
        ```
        """
    assert check_markdown(markdown)[1] == [("code-syntax-error", 3, 1)]
    assert messages(markdown) == ["doctest prompt without a space after it; write '>>> ' or '... ' before the code"]


def test_ipython_magics_skipped(check_markdown):
    code, found = check_markdown(
        """\
        ```ipython
        import numpy as np
        %timeit np.arange(10)
        !pip install requests
        for name in ["a", "b"]:
            !echo {name}
        %%capture is not a cell magic here
        print(missing_name)
        display(np)
        ```
        """
    )
    assert code == 1
    assert found == [("undefined-name", 8, 7)]


def test_ipython_assignments_and_help_requests(check_markdown):
    code, found = check_markdown(
        """\
        ```ipython
        import os
        import json
        files = !ls
        result = %timeit -o sum(range(10))
        print(files, result)
        os.path?
        ??json
        print(unknown)
        ```
        """
    )
    # Only the name that nothing defines is reported: no syntax error, and os and json count as used.
    assert code == 1
    assert found == [("undefined-name", 9, 7)]


def test_ipython_magic_arguments_use_names(check_markdown):
    code, found = check_markdown(
        """\
        ```ipython
        import re
        import sys
        import bisect
        import json
        结果 = !ls
        %timeit re.compile("a")
        !echo {sys.version}
        %pinfo bisect
        timing = %timeit -o json.dumps(结果)
        df = {"a": 1}
        df["a"]?
        %timeit missing_function()
        !find . -exec rm {} \\;
        ```
        """
    )
    # Every import is used by a magic, and the one undefined name is placed at its own column.
    assert code == 1
    assert found == [("undefined-name", 13, 9)]


def test_ipython_shell_expressions_at_their_columns(check_markdown):
    code, found = check_markdown(
        """\
        ```ipython
        import numpy as np
        out = !echo {missing_q} $HOME
        !cp {src_x} /tmp
        %pinfo nothere
        np.*load*?
        ```
        """
    )
    assert code == 1
    assert found == [("undefined-name", 3, 14), ("undefined-name", 4, 6), ("undefined-name", 5, 8)]


def test_ipython_wrapped_lines_are_python(check_markdown):
    code, found = check_markdown(
        """\
        ```ipython
        msg = ("%s items"
               % 3)
        ok = (msg
              != "b")
        total = 10 \\
            % 3
        print(msg, ok, total, missing)
        ```
        """
    )
    # A line that continues a statement is Python even when it starts with % or !.
    assert code == 1
    assert found == [("undefined-name", 8, 23)]


def test_ipython_strings_and_cell_magic_arguments(check_markdown):
    code, found = check_markdown(
        """\
        ```ipython
        tmpl = \"\"\"%(a)s
        %(b)s\"\"\" % {"a": 1, "b": 2}
        doc = \"\"\"
        !ls -l\"\"\"
        print(tmpl, doc)
        ```

        ```ipython
        %%capture --no-stderr captured
        print("hi")
        ```

        ```ipython
        %%timeit data = list(range(5))
        sorted(data, key=missing_key)
        ```
        """
    )
    # Lines inside a triple-quoted string are text, %%capture defines its name, %%timeit's setup defines data.
    assert code == 1
    assert found == [("undefined-name", 16, 18)]


def test_ipython_cell_magics(check_markdown):
    _, found = check_markdown(
        """\
        ```ipython
        %%timeit
        total = sum(range(n))
        ```

        ```ipython
        %%bash
        echo $undefined_in_bash
        ```
        """
    )
    assert found == [("undefined-name", 3, 19)]


def test_ipython_session_prompts(check_markdown):
    _, found = check_markdown(
        """\
        ```ipython
        In [1]: %timeit sorted(data)
        10 loops, best of 5: 1 ms per loop

        In [2]: def f(x):
           ...:     return x + offset
           ...:

        In [3]: f(1)
        Out[3]: 2
        ```
        """
    )
    # The code that %timeit times is checked too: data is never defined.
    assert found == [("undefined-name", 2, 24), ("undefined-name", 6, 24)]


def test_notebook_python_cell_magics(check_markdown):
    # nbconvert and jupytext tag every cell of an exported notebook "python", magics included.
    code, found = check_markdown(
        """\
        ```python
        !pip install numpy
        %matplotlib inline
        import numpy as np
        ```

        ```python
        %timeit np.arange(10)
        display(np.zeros(2))
        ```

        ```python
        %%bash
        echo $not_python
        ```

        ```python
        summary = describe_scores(np)
        ```
        """
    )
    assert code == 1
    assert found == [("undefined-name", 18, 11)]


def test_myst_code_cells_checked(check_markdown):
    # Jupyter Book writes code cells as MyST directives, with options before the code.
    code, found = check_markdown(
        """\
        ```{code-cell} ipython3
        :tags: [hide-input]

        import numpy as np
        %matplotlib inline
        ```

        ```{code-cell} ipython3
        ---
        tags: [hide-output]
        ---
        depth = max_depth(np)
        ```
        """
    )
    assert code == 1
    assert found == [("undefined-name", 12, 9)]


def test_notebook_cell_syntax_error_line(messages, check_markdown):
    markdown = """\
        ```python
        %matplotlib inline
        def f(x:
            return x
        ```
        """
    _, found = check_markdown(markdown)
    # The error is in the Python of the cell, not at the magic on line 2.
    assert found == [("code-syntax-error", 3, 6)]
    assert messages(markdown) == [
        "Python code does not parse: '(' was never closed; correct the code, or tag the block with the language it is written in"
    ]


def test_container_fixture_positions(run_json):
    _, diagnostics = run_json(str(FIXTURES / "code" / "containers.md"))
    assert [(d["rule"], d["line"], d["column"], d["end_column"]) for d in diagnostics] == [
        ("undefined-name", 7, 13, 20),
        ("undefined-name", 15, 9, 21),
        ("undefined-name", 23, 12, 22),
    ]


@pytest.mark.parametrize(
    ("markdown", "line", "column"),
    [
        ("```python\nprint(gone)\n```\n", 2, 7),
        ("    print(gone)\n", 1, 11),
        ("1. Item\n\n   ```python\n   print(gone)\n   ```\n", 4, 10),
        ("- Item\n\n  ```python\n      print(gone)\n  ```\n", 4, 13),
        ("> ```python\n> print(gone)\n> ```\n", 2, 9),
        (">   1. Item\n>\n>      ```python\n>      print(gone)\n>      ```\n", 4, 14),
        ("1. Item\n\n   ```pycon\n   >>> print(gone)\n   ```\n", 4, 14),
    ],
    ids=["fence", "indented", "list-item", "indented-code-in-list", "quote", "list-in-quote", "doctest-in-list"],
)
def test_code_in_every_container(tmp_path, run_json, markdown, line, column):
    path = tmp_path / "doc.md"
    path.write_text(markdown, encoding="utf-8")
    options = ("--untagged-python",) if markdown.startswith("    ") else ()
    _, diagnostics = run_json(*options, str(path))
    assert [(d["rule"], d["line"], d["column"]) for d in diagnostics] == [("undefined-name", line, column)]


def test_columns_count_code_points(check_markdown):
    _, found = check_markdown(
        """\
        ```python
        print("中文", 未定义, y)
        ```
        """
    )
    assert found == [("undefined-name", 2, 13), ("undefined-name", 2, 18)]


def test_python_syntax_error_line(check_markdown, messages):
    markdown = """\
        # Broken

        Some text.

        ```python
        def ok():
            return 1

        def broken(:
            pass
        ```
        """
    code, found = check_markdown(markdown)
    assert code == 1
    assert found == [("code-syntax-error", 9, 12)]
    assert messages(markdown) == [
        "Python code does not parse: invalid syntax; correct the code, or tag the block with the language it is written in"
    ]


def test_unclosed_bracket_position(check_markdown):
    _, found = check_markdown(
        """\
        ```python
        values = [1, 2,
        print(values)
        ```
        """
    )
    assert found == [("code-syntax-error", 2, 10)]


def test_broken_block_no_cascade(check_markdown):
    _, found = check_markdown(
        """\
        ```python
        import json
        config = load(
        ```

        ```python
        print(config, json)
        ```
        """
    )
    assert found == [("code-syntax-error", 3, 14)]


def test_invalid_json(check_markdown, messages):
    markdown = """\
        # Settings

        ```json
        {
          "name": "demo",
          "tags": ["a" "b"]
        }
        ```
        """
    code, found = check_markdown(markdown)
    assert code == 1
    assert found == [("code-syntax-error", 6, 16)]
    assert messages(markdown) == ["JSON does not parse: Expecting ',' delimiter; correct the JSON, or tag the block with the language it is written in"]


JSON_COMMENT_MESSAGE = "JSON does not parse: JSON has no comments; remove the comment, or tag the block jsonc, which is not checked"
JSON_COMMA_MESSAGE = (
    "JSON does not parse: JSON has no comma after the last item; remove that comma, or tag the block jsonc, "
    "which is not checked"
)
JSON_ELLIPSIS_MESSAGE = (
    "JSON does not parse: JSON has no '...' for a left-out part; write the part out, or tag the block jsonc, "
    "which is not checked"
)


@pytest.mark.parametrize(
    ("block", "line", "column", "message"),
    [
        ('// package.json\n{"name": "demo"}', 4, 1, JSON_COMMENT_MESSAGE),
        ('{\n  "name": "demo", // the package name\n  "private": true\n}', 5, 19, JSON_COMMENT_MESSAGE),
        ('{\n  /* the package name */\n  "name": "demo"\n}', 5, 3, JSON_COMMENT_MESSAGE),
        ('{\n  "name": "demo",\n  ...\n}', 6, 3, JSON_ELLIPSIS_MESSAGE),
        ('{\n  "name": "demo",\n  …\n}', 6, 3, JSON_ELLIPSIS_MESSAGE),
        ('"scripts": {\n  "test": "pytest",\n  ...\n}', 6, 3, JSON_ELLIPSIS_MESSAGE),
        # The finding is at the comma, not at the bracket where the parser stopped.
        ('{"max_size": 10000,}', 4, 19, JSON_COMMA_MESSAGE),
        ('{\n  "tags": ["a", "b",\n  ]\n}', 5, 20, JSON_COMMA_MESSAGE),
        ('{\n  "url": "https://example.com/a//b",\n  "tags": ["a" "b"]\n}', 6, 16, None),
    ],
)
def test_json_comment_or_ellipsis_named(check_markdown, messages, block, line, column, message):
    markdown = f"# Package\n\n```json\n{block}\n```\n"
    assert check_markdown(markdown)[1] == [("code-syntax-error", line, column)]
    expected = message or "JSON does not parse: Expecting ',' delimiter; correct the JSON, or tag the block with the language it is written in"
    assert messages(markdown) == [expected]


def test_json_comment_named_in_chinese(messages):
    assert messages("```json\n// package.json\n{}\n```\n", "--lang", "zh-CN") == [
        "JSON 无法解析：JSON 不支持注释；请删除注释，或把代码块标注为 jsonc（不检查）"
    ]


def test_jsonc_block_not_checked(check_markdown):
    assert check_markdown("```jsonc\n// package.json\n{\"name\": \"demo\", ...}\n```\n") == (0, [])


def test_json_member_excerpt_parses(check_markdown):
    markdown = """\
        ```json
        "dependencies": {
          "dep1": "^1.1.1"
        },
        ```

        ```json
        "keywords": ["node", "npm"]
        ```
        """
    assert check_markdown(markdown) == (0, [])


def test_json_excerpt_with_error_reported(check_markdown, messages):
    markdown = """\
        ```json
        "dependencies": {
          "dep1": "^1.1.1"
        }}
        ```
        """
    assert check_markdown(markdown)[1] == [("code-syntax-error", 4, 2)]
    assert messages(markdown) == ["JSON does not parse: Extra data; correct the JSON, or tag the block with the language it is written in"]


def test_json_excerpt_stray_brace_column(check_markdown):
    markdown = """\
        ```json
        "a": 1
        }
        ```

        ```json
        "a": {"b": 1}},
        ```
        """
    assert check_markdown(markdown)[1] == [("code-syntax-error", 3, 1), ("code-syntax-error", 7, 14)]


def test_json_byte_order_mark_in_chinese(messages):
    markdown = "```json\n\ufeff{\"a\": 1}\n```\n"
    assert messages(markdown, "--lang", "zh-CN") == ["JSON 无法解析：开头有多余的 UTF-8 字节顺序标记（BOM）；请修正 JSON，或给代码块标注它实际使用的语言"]


def test_invalid_yaml(check_markdown, messages):
    markdown = """\
        > ```yaml
        > services:
        >   web:
        >     image: nginx
        >    ports: [80
        > ```
        """
    code, found = check_markdown(markdown)
    assert code == 1
    assert found == [("code-syntax-error", 5, 6)]
    assert messages(markdown) == [
        "YAML does not parse: expected <block end>, but found '<block mapping start>' "
        "(while parsing a block mapping at line 3); correct the YAML, or tag the block with the language it is written in"
    ]


def test_invalid_toml(check_markdown, messages):
    markdown = """\
        ```toml
        [tool.demo]
        name = "demo
        ```
        """
    code, found = check_markdown(markdown)
    assert code == 1
    assert found == [("code-syntax-error", 3, 13)]
    assert messages(markdown) == ["TOML does not parse: Illegal character '\\n'; correct the TOML, or tag the block with the language it is written in"]


def test_valid_data_blocks(check_markdown):
    code, found = check_markdown(
        """\
        ```json
        {"size": 123456789012345678901234567890, "ok": true}
        ```

        ```yml
        Resources:
          Bucket:
            Name: !Ref BucketName
        ---
        second: document
        ```

        ```toml
        [server]
        port = 8080
        ```

        ```json
        ```
        """
    )
    assert code == 0
    assert found == []


def test_other_languages_skipped(check_markdown):
    code, found = check_markdown(
        """\
        ```bash
        for f in *.md; do echo "$f"; done
        ```

        ```javascript
        console.log(notDefined)
        ```

        ```
        print(untagged)
        ```
        """
    )
    assert code == 0
    assert found == []


def test_untagged_python_option(check_markdown):
    markdown = """\
        ```
        print(untagged)
        ```

        ```
        $ pip install doclint
        ```
        """
    assert check_markdown(markdown)[1] == []
    assert check_markdown(markdown, "--untagged-python")[1] == [("undefined-name", 2, 7)]


@pytest.mark.parametrize("info", ['python title="x.py"', "{.python .numberLines}", "Python3", "py", "ipython3"])
def test_language_from_info_string(check_markdown, info):
    _, found = check_markdown(f"```{info}\nprint(missing)\n```\n")
    assert found == [("undefined-name", 2, 7)]


NEWER_SYNTAX = [
    ((3, 12), "type parameters", "def first[T](items: list[T]) -> T:\n    return items[0]\n", 2, 10),
    ((3, 14), "a template string (t-string)", 'name = "x"\ngreeting = t"hello {name}"\n', 3, 13),
]


@pytest.mark.parametrize(("version", "feature", "code", "line", "column"), NEWER_SYNTAX, ids=["3.12", "3.14"])
def test_newer_python_not_checked(check_markdown, messages, version, feature, code, line, column):
    if sys.version_info[:2] >= version:
        pytest.skip(f"Python {version[0]}.{version[1]} parses this code")
    markdown = f"```python\n{code}```\n"
    code, found = check_markdown(markdown)
    assert code == 0
    assert found == [("code-not-checked", line, column)]
    running = ".".join(map(str, sys.version_info[:3]))
    required = f"{version[0]}.{version[1]}"
    assert messages(markdown) == [
        f"this Python code uses {feature}, which needs Python {required} or newer, and doclint runs on "
        f"Python {running}: the block was not checked; run doclint with Python {required} or newer to check it"
    ]


def test_code_never_run(check_markdown, tmp_path, monkeypatch):
    written = tmp_path / "written-by-the-block.txt"
    module_dir = tmp_path / "modules"
    module_dir.mkdir()
    imported = tmp_path / "written-by-an-import.txt"
    (module_dir / "doclint_probe.py").write_text(f"open({str(imported)!r}, 'w').write('imported')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(module_dir))

    code, found = check_markdown(
        f"""\
        ```python
        import doclint_probe
        open({str(written)!r}, "w").write("ran")
        ```

        ```pycon
        >>> open({str(written)!r}, "w").write("ran")
        3
        ```

        ```yaml
        run: !!python/object/apply:os.system ["touch {written}"]
        ```
        """
    )
    assert found == [("unused-import", 2, 8)]
    assert not written.exists()
    assert not imported.exists()
    assert "doclint_probe" not in sys.modules


def test_info_only_exits_zero(run_cli, tmp_path):
    if sys.version_info[:2] >= (3, 12):
        pytest.skip("needs a Python older than 3.12")
    path = tmp_path / "doc.md"
    path.write_text("```python\ntype Pair = tuple[int, int]\n```\n", encoding="utf-8")
    code, stdout, _ = run_cli("check", str(path))
    assert code == 0
    assert stdout.splitlines()[-1] == "Found 1 problem (0 errors, 0 warnings, 1 info) in 1 file."


def test_rules_lists_languages(run_cli):
    _, stdout, _ = run_cli("rules")
    lines = {line.split()[1]: line for line in stdout.splitlines()}
    assert lines["undefined-name"].endswith("Languages: python, py, python3, py3, pycon, ipython, ipython3.")
    assert lines["code-syntax-error"].endswith(
        "Languages: python, py, python3, py3, pycon, ipython, ipython3, json, toml, yaml, yml."
    )
    assert lines["code-not-checked"].split()[:3] == ["DL304", "code-not-checked", "info"]


def test_unknown_code_scope(run_cli):
    code, _, stderr = run_cli("check", "--code-scope", "chapter", str(SEED))
    assert code == 2
    assert "'chapter' is not one of 'document', 'block'" in stderr


TOO_DEEP = (
    "DL303 code-syntax-error Python code does not parse: the code is nested too deeply for Python's parser; "
    "correct the code, or tag the block with the language it is written in"
)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("x = 1" + "+1" * 3000, f"doc.md:4:1: {TOO_DEEP}"),
        ("x = " + "-" * 10000 + "1", f"doc.md:4:1: {TOO_DEEP}"),
        ("x = a" + ".b" * 20000, f"doc.md:4:1: {TOO_DEEP}"),
        (
            "x = " + "(" * 1500 + ")" * 1500,
            "doc.md:4:205: DL303 code-syntax-error Python code does not parse: too many nested parentheses; "
            "correct the code, or tag the block with the language it is written in",
        ),
    ],
    ids=["chained-plus", "unary-minus", "attributes", "brackets"],
)
def test_deeply_nested_python_syntax_finding(run_process, tmp_path, code, expected):
    # In a process of its own: LibCST's native parser, which looks for syntax of newer Pythons, crashed on such code.
    (tmp_path / "doc.md").write_text(f"# T\n\n```python\n{code}\n```\n", encoding="utf-8")

    status, stdout, stderr = run_process("check", "--no-cache", "--no-config", "doc.md")

    assert (status, stderr) == (1, "")
    assert stdout.splitlines()[0] == expected


def test_pyflakes_recursion_not_checked_finding(run_process, tmp_path):
    (tmp_path / "a.md").write_text("# T\n\n```python\nimport os\ny = 1" + "+1" * 600 + "\nprint(undefined_a)\n```\n", encoding="utf-8")

    status, stdout, stderr = run_process("check", "--no-cache", "--no-config", "a.md")

    assert (status, stderr) == (0, "")
    assert stdout.splitlines() == [
        "a.md:4:1: DL304 code-not-checked this Python code is nested too deeply for pyflakes, so its names were not "
        "checked; split the expression to have them checked",
        "Found 1 problem (0 errors, 0 warnings, 1 info) in 1 file.",
    ]


def test_deep_data_block_not_checked_finding(run_cli, tmp_path):
    path = tmp_path / "deep.md"
    path.write_text("# Deep\n\n```json\n" + "[" * 100_000 + "]" * 100_000 + "\n```\n", encoding="utf-8")

    status, stdout, stderr = run_cli("check", "--no-cache", "--no-config", str(path))

    assert (status, stderr) == (0, "")
    assert stdout.splitlines()[0] == (
        f"{path}:4:1: DL304 code-not-checked this JSON block is nested too deeply to parse, so it was not checked"
    )


def test_syntax_message_names_file_line(run_json):
    _code, diagnostics = run_json(str(FIXTURES / "code" / "elided-bodies.md"))
    found = [(d["rule"], d["line"], d["column"], d["message"]) for d in diagnostics]
    assert found == [
        (
            "code-syntax-error",
            8,
            1,
            "Python code does not parse: expected an indented block after 'if' statement on line 6; correct the "
            "code, or tag the block with the language it is written in",
        ),
        (
            "code-syntax-error",
            17,
            37,
            "Python code does not parse: expected an indented block after 'except' statement on line 16; correct "
            "the code, or tag the block with the language it is written in",
        ),
    ]
