"""Python blocks that list call signatures are left out of the code rules; blocks of code are still checked."""

import pytest

from doclint.engine import run
from doclint.python_signatures import is_signature_listing
from doclint.settings import Settings

from conftest import FIXTURES

SIGNATURES = {
    "bare star": 'Cache(backend="memory", *, url=None, ttl=300)',
    "ellipsis": 'Cache(backend="memory", …)',
    "star args": "make_key(prefix, *args, **kwargs)",
    "annotations": "Cache.get(key: str, default: Any = None) -> Any",
    "def and colon": "def fetch(url, /, timeout=10):",
    "async def": "async def fetch(url: str) -> bytes:",
    "several lines": "# the two forms\nopen(path, mode='r', *, encoding=None)\nopen(fd, *, closefd=True)",
    "stub": "def dumps(value: JSONValue, *, strict: bool = True) -> str: ...",
    "class of stubs": (
        "class Client(Generic[T]):\n    @overload\n    def get(self, key: str) -> Item: ...\n"
        "    @overload\n    def get(self, key: str, default: T) -> Item | T: ...\n"
    ),
    "overloads": (
        "@overload\ndef dumps(value: JSONValue) -> str: ...\n"
        "@typing.overload\ndef dumps(value: object, *, strict: Literal[False]) -> str: …"
    ),
}
CODE = {
    "plain call": "load_data(path)",
    "two plain calls": "encrypt_data(data)\ndecrypt_data(data)",
    "assignment": "value = fetch_user_from_db(42)",
    "call and assignment": "make_key(prefix, *args)\nkey = 1",
    "literal argument": "Cache(300, *, url=None)",
    "class": "class Cache(Base):",
    "empty": "# nothing here\n",
    "decorator alone": "@overload",
    "class alone": "class Client:",
    "class with a method body": "class Client:\n    def get(self, key: str) -> Item:\n        return self.items[key]",
    "stub without signature syntax": "def close(handle): pass",
    "decorator with arguments": "@lru_cache(maxsize=None)\ndef dumps(value: JSONValue) -> str: ...",
    "definition with body": "def dumps(value: JSONValue) -> str:\n    return encode(value)",
}


@pytest.mark.parametrize("name", SIGNATURES)
def test_signature_listing(name):
    assert is_signature_listing(SIGNATURES[name])


@pytest.mark.parametrize("name", CODE)
def test_code_is_no_signature_listing(name):
    assert not is_signature_listing(CODE[name])


def test_long_block_is_code():
    assert not is_signature_listing("\n".join(f"step_{number}(*args)" for number in range(21)))


def test_api_page_findings():
    path = FIXTURES / "api-signatures.md"
    result = run([str(path)], Settings(cache_dir=None))
    assert result.errors == []
    assert [(found.code, found.line, found.column, found.message) for found in result.diagnostics] == [
        (
            "DL301", 24, 9,
            "name 'fetch_user_from_db' is used but not defined or imported in this code block or an earlier Python "
            "block of the document; define or import it before this line",
        ),
        (
            "DL301", 31, 1,
            "name 'load_data' is used but not defined or imported in this code block or an earlier Python block of "
            "the document; define or import it before this line",
        ),
        (
            "DL301", 31, 11,
            "name 'path' is used but not defined or imported in this code block or an earlier Python block of the "
            "document; define or import it before this line",
        ),
    ]
