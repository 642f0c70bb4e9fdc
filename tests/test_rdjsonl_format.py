"""``--format rdjsonl``: reviewdog's diagnostic format, whose columns count UTF-8 bytes."""

import json

import pytest

from doclint.reporters.rdjsonl import byte_column
from doclint.source import Source

from conftest import FIXTURES

FIXTURE = FIXTURES / "ci-formats.md"


@pytest.fixture
def rdjsonl(run_cli, monkeypatch):
    """Run ``check --format rdjsonl`` from the fixtures folder and return (exit code, records, stdout)."""
    monkeypatch.chdir(FIXTURES)

    def invoke(*arguments):
        code, stdout, _ = run_cli("check", "--ignore", "DL4", "--format", "rdjsonl", *arguments)
        return code, [json.loads(line) for line in stdout.splitlines()], stdout

    return invoke


def byte_offset(data, position):
    """Return the offset in ``data`` of a reviewdog position (1-based line, 1-based UTF-8 byte column)."""
    lines = data.splitlines(keepends=True)
    return sum(len(line) for line in lines[: position["line"] - 1]) + position["column"] - 1


def test_records_on_cjk_fixture(rdjsonl):
    code, records, stdout = rdjsonl("ci-formats.md")
    assert code == 1
    assert len(stdout.splitlines()) == 3
    assert records == [
        {
            "message": 'step 2 of item "2. 升级服务" repeats step 1 of item "1. 准备环境" (line 9): '
            '"确认服务器已经安装 Python 3.10 和 Gi…，并且开放了 8443 端口"; '
            "the passage answers the other question, so rewrite it for this one",
            "location": {
                "path": "ci-formats.md",
                "range": {"start": {"line": 19, "column": 17}, "end": {"line": 19, "column": 94}},
            },
            "severity": "WARNING",
            "source": {"name": "doclint"},
            "code": {"value": "DL202"},
        },
        {
            "message": 'section "3. 准备环境" repeats section "1. 准备环境" (line 3) word for word; remove this copy',
            "location": {
                "path": "ci-formats.md",
                "range": {"start": {"line": 21, "column": 1}, "end": {"line": 28, "column": 95}},
            },
            "severity": "ERROR",
            "source": {"name": "doclint"},
            "code": {"value": "DL101"},
            "suggestions": [{"range": {"start": {"line": 21, "column": 1}, "end": {"line": 30, "column": 1}}, "text": ""}],
        },
        {
            "message": 'item "4. 回滚服务" has no answer, only the placeholder "待补充"; write the answer or remove the item',
            "location": {
                "path": "ci-formats.md",
                "range": {"start": {"line": 34, "column": 1}, "end": {"line": 34, "column": 24}},
            },
            "severity": "WARNING",
            "source": {"name": "doclint"},
            "code": {"value": "DL203"},
        },
    ]


def test_byte_range_covers_the_passage(rdjsonl):
    _, records, _ = rdjsonl("ci-formats.md")
    data = FIXTURE.read_bytes()
    span = records[0]["location"]["range"]
    passage = data[byte_offset(data, span["start"]) : byte_offset(data, span["end"])]
    assert passage.decode("utf-8") == "确认服务器已经安装 Python 3.10 和 Git，并且开放了 8443 端口"


def test_suggestion_applied_in_bytes_matches_fix(rdjsonl, run_cli, tmp_path):
    _, records, _ = rdjsonl("ci-formats.md")
    data = FIXTURE.read_bytes()
    suggestion = records[1]["suggestions"][0]
    start, end = byte_offset(data, suggestion["range"]["start"]), byte_offset(data, suggestion["range"]["end"])
    suggested = data[:start] + suggestion["text"].encode("utf-8") + data[end:]

    copy = tmp_path / "ci-formats.md"
    copy.write_bytes(data)
    run_cli("check", "--ignore", "DL4", "--fix", str(copy))
    assert suggested == copy.read_bytes()


def test_info_severity_and_decoded_columns(rdjsonl):
    _, records, _ = rdjsonl("gb18030-crlf.md")
    encoding = records[0]
    assert (encoding["severity"], encoding["code"], encoding["location"]["range"]) == (
        "INFO",
        {"value": "DL901"},
        {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": len("# 数据库课程笔记".encode("utf-8")) + 1}},
    )


@pytest.mark.parametrize(("column", "expected"), [(1, 1), (2, 2), (3, 6), (4, 7)])
def test_byte_column_counts_utf8_bytes(column, expected):
    source = Source.from_text("doc.md", "a\U00010400b\nnext\n")
    assert byte_column(source, 1, column) == expected


def test_byte_column_on_later_line():
    source = Source.from_text("doc.md", "第一行\r\n第二行\r\n")
    assert byte_column(source, 2, 3) == 7


def test_clean_file_writes_nothing(rdjsonl):
    code, records, stdout = rdjsonl("clean-qa.md")
    assert (code, records, stdout) == (0, [], "")
