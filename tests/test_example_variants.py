import pytest

from doclint.example_variants import show_other_variants
from doclint.rules.duplicates import ParentSections

from test_duplicates import findings
from test_heading_templates import entries

SETUP = (
    "Create a mock agent, make it the global dispatcher and set up an intercept on the pool of the origin. "
    "The request then gets the mocked reply instead of going to the network.\n\n"
)


def example(heading, matcher):
    return (
        f"## {heading}\n\n{SETUP}```js\nconst agent = new MockAgent()\nsetGlobalDispatcher(agent)\n"
        f"agent.get({matcher}).intercept({{ path: '/foo' }}).reply(200, 'foo')\n"
        "const { statusCode } = await request('http://localhost:3000/foo')\n```\n\n"
    )


def test_variants_of_one_example_not_reported(tmp_path):
    page = tmp_path / "MockAgent.md"
    page.write_text(
        "# MockAgent\n\n"
        + example("Example - Mocked request with origin regex", "new RegExp('http://localhost:3000')")
        + example("Example - Mocked request with origin function", "(origin) => origin === 'http://localhost:3000'"),
        encoding="utf-8",
    )
    assert findings(page, rule="near-duplicate-section") == []


def test_example_pasted_unchanged_reported(tmp_path):
    page = tmp_path / "MockAgent.md"
    matcher = "new RegExp('http://localhost:3000')"
    page.write_text(
        "# MockAgent\n\n"
        + example("Example - Mocked request with origin regex", matcher)
        + example("Example - Mocked request with origin function", matcher),
        encoding="utf-8",
    )
    result = findings(page, rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(14, 3)]
    assert result[0].message.startswith(
        'section "Example - Mocked request with origin function" is 100% similar to section '
        '"Example - Mocked request with origin regex" (line 3)'
    )



@pytest.mark.parametrize(
    ("heading", "other", "expected"),
    [
        ("Example 2 - Array", "Example 1 - Object", True),
        ("示例二：数组", "示例一：对象", True),
        ("Basic example", "Examples with a proxy", True),
        ("Example", "Example", False),
        ("Reading values", "Example - reading values", False),
        ("Counterexample", "Example 1", False),
    ],
)
def test_example_headings(heading, other, expected):
    _top, earlier, later = entries(f"# Usage\n\n## {other}\n\n`read(1)`\n\n## {heading}\n\n`read(2)`\n")
    assert show_other_variants(later, earlier, ParentSections().parent_of) is expected


def variant(heading, call):
    return (
        f"### {heading}\n\nOpen a connection through the proxy to the destination host and print the socket "
        f"that the proxy server established.\n\n```js\nconst options = {{ proxy: {{ host: '10.0.0.2', port: 1081 }} }}\n{call}\n```\n\n"
    )


@pytest.mark.parametrize(
    ("parent", "expected"),
    [("Example for the connect command", []), ("The connect command", [14])],
    ids=["example-parent", "other-parent"],
)
def test_variants_under_parent_heading(tmp_path, parent, expected):
    page = tmp_path / "connect.md"
    page.write_text(
        f"# socks\n\n## {parent}\n\n"
        + variant("Using createConnection with Promises", "SocksClient.createConnection(options).then(info => console.log(info.socket))")
        + variant("Using createConnection with callbacks", "SocksClient.createConnection(options, (err, info) => console.log(info.socket))"),
        encoding="utf-8",
    )
    assert [d.line for d in findings(page, rule="near-duplicate-section")] == expected
