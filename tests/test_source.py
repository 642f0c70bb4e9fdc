import codecs
import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doclint.source import Source, SourceError, UndecodableError, decode, read_source
from doclint.writer import encode


def test_position_counts_code_points():
    source = Source.from_text("x.md", "ab\n中文字\nz")
    assert source.position(0) == (1, 1)
    assert source.position(3) == (2, 1)
    assert source.position(5) == (2, 3)
    assert source.position(7) == (3, 1)


def test_offset_inverts_position():
    text = "# 标题\r\n\r\n正文，第二行\r\n"
    source = Source.from_text("x.md", text)
    for offset in range(len(text) + 1):
        line, column = source.position(offset)
        assert source.offset(line, column) == offset


def test_crlf_lines_and_newline_kept():
    source = decode("x.md", b"one\r\ntwo\r\nthree")
    assert source.newline == "\r\n"
    assert source.line_count == 3
    assert source.line_text(2) == "two"
    assert source.text == "one\r\ntwo\r\nthree"


def test_utf8_bom_removed_and_remembered():
    source = decode("x.md", codecs.BOM_UTF8 + "# 标题\n".encode())
    assert source.bom is True
    assert source.text == "# 标题\n"


def test_invalid_utf8_names_file_and_option():
    with pytest.raises(SourceError) as raised:
        decode("notes.md", "第一行\n第二行".encode("gb18030"))
    message = str(raised.value)
    assert message.startswith("notes.md: invalid utf-8 at byte 0 (line 1)")
    assert "--encoding" in message


@pytest.mark.parametrize(
    ("data", "suggested"),
    [
        pytest.param("# Notes\n\nLe problème.\n".encode("latin-1"), "cp1252", id="french-latin-1"),
        pytest.param(b"MIT License\n\nCopyright (c) 2024 J\xf6rg\n", "cp1252", id="german-name-latin-1"),
        pytest.param("Zażółć gęślą jaźń.\n".encode("cp1250"), "cp1250", id="polish-cp1250"),
        pytest.param("第一行\n第二行".encode("gb18030"), "gb18030", id="chinese-gb18030"),
    ],
)
def test_undetected_error_suggests_fitting_encoding(data, suggested):
    with pytest.raises(UndecodableError) as raised:
        decode("notes.md", data)

    assert str(raised.value).endswith(f"; pass --encoding with the file's encoding, for example --encoding {suggested}")


def test_undetected_error_suggestion_in_chinese():
    from doclint.i18n import set_language

    set_language("zh-CN")
    try:
        with pytest.raises(UndecodableError) as raised:
            decode("notes.md", "# Notes\n\nLe problème.\n".encode("latin-1"))
    finally:
        set_language(None)

    assert str(raised.value).endswith("不是有效的 utf-8；请用 --encoding 指定文件的编码，例如 --encoding cp1252")


def test_named_encoding_decodes_gb18030():
    source = decode("notes.md", "第一行\n".encode("gb18030"), encoding="gb18030")
    assert source.text == "第一行\n"
    assert source.encoding == "gb18030"


def test_unknown_encoding_rejected():
    with pytest.raises(SourceError, match="unknown encoding 'klingon'"):
        decode("notes.md", b"text", encoding="klingon")


def test_binary_file_rejected():
    with pytest.raises(SourceError, match=r"^image.md: binary file"):
        decode("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_missing_file_names_path(tmp_path):
    with pytest.raises(SourceError, match="missing.md: no such file or directory"):
        read_source(tmp_path / "missing.md", "missing.md")


@given(st.lists(st.sampled_from(["a", "中", " ", "\n", "\r", "\r\n"])).map("".join))
def test_line_starts_every_ending(text):
    source = Source.from_text("doc.md", text)
    expected = [0, *(match.end() for match in re.finditer(r"\r\n|\r|\n", text))]
    assert list(source.line_starts) == expected
    first = re.search(r"\r\n|\r|\n", text)
    assert source.newline == (first.group() if first else "\n")


@pytest.mark.parametrize("name", ["base64", "rot13", "zlib"])
def test_non_text_codec_rejected(name):
    with pytest.raises(SourceError, match=f"unknown encoding '{name}'"):
        decode("notes.md", b"text", name)


def test_named_encoding_that_fails_says_so():
    from doclint.source import SourceError, decode

    with pytest.raises(SourceError) as raised:
        decode("notes.md", "# Café\n".encode("latin-1"), "utf-8")
    assert str(raised.value) == (
        "notes.md: invalid utf-8 at byte 5 (line 1), although that encoding was named for it; name the file's own "
        "encoding (for example cp1252) with --encoding, or in the configuration's encoding or per-file-encoding"
    )


UTF16_TEXT = "# UTF16 doc\n\nSome text here.\n"


@pytest.mark.parametrize("name", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_named_utf16_or_utf32_without_bom(name):
    source = decode("u.md", UTF16_TEXT.encode(name), name)

    assert source.text == UTF16_TEXT
    assert source.encoding == name
    assert source.bom is False
    assert encode(source) == UTF16_TEXT.encode(name)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("utf-16", f"utf-16-{sys.byteorder[0]}e"), ("UTF16", f"utf-16-{sys.byteorder[0]}e"), ("utf-32", f"utf-32-{sys.byteorder[0]}e")],
)
def test_named_utf16_without_bom_reads_native_order(name, expected):
    data = UTF16_TEXT.encode(expected)

    source = decode("u.md", data, name)

    assert source.text == UTF16_TEXT
    assert source.encoding == expected
    assert source.bom is False
    assert encode(source) == data, "writing back must not add a byte order mark"


@pytest.mark.parametrize(
    ("name", "mark", "variant"),
    [
        ("utf-16", codecs.BOM_UTF16_BE, "utf-16-be"),
        ("utf-16", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-32", codecs.BOM_UTF32_BE, "utf-32-be"),
        ("utf-32", codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_named_utf16_with_bom_keeps_its_order(name, mark, variant):
    data = mark + UTF16_TEXT.encode(variant)

    source = decode("u.md", data, name)

    assert source.text == UTF16_TEXT
    assert source.encoding == variant
    assert source.bom is True
    assert encode(source) == data


@pytest.mark.parametrize(
    ("mark", "variant"),
    [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")],
)
def test_utf32_bom_detected(mark, variant):
    data = mark + UTF16_TEXT.encode(variant)

    source = decode("u.md", data)

    assert source.text == UTF16_TEXT
    assert source.encoding == variant
    assert source.bom is True
    assert source.detected is False
    assert encode(source) == data


def test_named_encoding_without_nul_rejects_nul_bytes():
    data = codecs.BOM_UTF16_LE + UTF16_TEXT.encode("utf-16-le")

    with pytest.raises(UndecodableError) as raised:
        decode("u.md", data, "latin-1")

    assert str(raised.value) == (
        "u.md: binary file (it contains NUL bytes, which latin-1 text does not); "
        "pass only text documents, or name the file's encoding with --encoding, such as utf-16-le"
    )
    assert raised.value.reason == "binary file (it contains NUL bytes, which latin-1 text does not)"
    assert raised.value.binary is True


CHINESE_NOTES = "# 笔记\n\n一二三，这是第一行。\n第二行：hello 世界。\n"


@pytest.mark.parametrize("variant", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [UTF16_TEXT, CHINESE_NOTES], ids=["latin", "chinese"])
def test_utf16_without_bom_names_byte_order(variant, text):
    with pytest.raises(UndecodableError) as raised:
        decode("u.md", text.encode(variant))

    assert str(raised.value) == (
        f"u.md: NUL bytes on every other byte, as in {variant} text without a byte order mark; "
        f"if it is text, pass --encoding {variant}"
    )
    assert raised.value.binary is False
    assert decode("u.md", text.encode(variant), variant).text == text


@pytest.mark.parametrize(
    "data",
    [b"# T\n\nhello\x00world\n", bytes(range(256)) * 4, b"\x00\x01\x02binary"],
    ids=["one-nul", "all-bytes", "header"],
)
def test_binary_not_taken_for_utf16(data):
    with pytest.raises(UndecodableError) as raised:
        decode("b.md", data)

    assert str(raised.value) == "b.md: binary file (it contains NUL bytes); pass only text documents"
    assert raised.value.binary is True


def test_named_ascii_on_utf8_suggests_utf8():
    with pytest.raises(UndecodableError) as raised:
        decode("e.md", "# Café\n\nMenu.\n".encode("utf-8"), "ascii")

    assert str(raised.value) == (
        "e.md: invalid ascii at byte 5 (line 1), although that encoding was named for it; name the file's own "
        "encoding (for example utf-8) with --encoding, or in the configuration's encoding or per-file-encoding"
    )


def test_named_ascii_on_utf16_names_byte_order():
    with pytest.raises(UndecodableError) as raised:
        decode("u.md", CHINESE_NOTES.encode("utf-16-be"), "ascii")

    assert str(raised.value).endswith("name the file's encoding with --encoding, such as utf-16-be")
