"""paragraph-numbering: numbered lines of prose (1、, （1）, ①) outside any Q&A item."""

from __future__ import annotations

import pytest

from doclint.diagnostics import Applicability
from doclint.fixer import apply_edits
from doclint.parse import parse_document
from doclint.rules.paragraph_numbering import check_paragraph_numbering
from doclint.settings import Settings
from doclint.source import Source

POINTS = "# 部署说明\n\n部署分三步完成。\n\n1、安装依赖。\n\n2、修改配置文件。\n\n4、启动服务。\n"


def findings_of(text: str):
    document = parse_document(Source.from_text("doc.md", text))
    return list(check_paragraph_numbering(document, Settings()))


def summary(text: str) -> list[tuple[str, int, int, str]]:
    return [(found.code, found.line, found.column, found.message) for found in findings_of(text)]


def test_skip_between_paragraphs():
    [found] = findings_of(POINTS)

    assert (found.code, found.line, found.column, found.end_column) == ("DL404", 9, 1, 2)
    assert found.message == 'numbered line "4、启动服务。" skips from 2 (line 7) to 4; the fix renumbers it to 3'
    assert [(related.line, related.message) for related in found.related] == [(7, "previous numbered line")]


def test_skip_fix_is_safe():
    [found] = findings_of(POINTS)

    assert found.fix is not None
    assert found.fix.applicability is Applicability.SAFE
    assert apply_edits(POINTS, list(found.fix.edits)) == POINTS.replace("4、启动", "3、启动")


def test_lines_of_one_paragraph():
    text = "# 学习\n\n1、先学语法。\n2、多写程序。\n4、读开源代码。\n"

    assert summary(text) == [
        ("DL404", 5, 1, 'numbered line "4、读开源代码。" skips from 2 (line 4) to 4; the fix renumbers it to 3')
    ]


def test_text_before_first_heading():
    text = "1、甲。\n\n2、乙。\n\n2、丙。\n\n# 后文\n"

    assert summary(text) == [
        ("DL404", 5, 1, 'numbered line "2、丙。" repeats number 2 from line 3; the fix renumbers it to 3')
    ]


def test_one_finding_per_mistake():
    text = "# 要点\n\n1、甲。\n\n2、乙。\n\n2、丙。\n\n4、丁。\n"

    assert [line for _code, line, _column, _message in summary(text)] == [7]


def test_each_form_counts_alone():
    text = "# 要点\n\n1、总述。\n\n（1）甲。\n\n（2）乙。\n\n（4）丁。\n\n2、分述。\n\n①一\n②二\n②三\n"

    assert summary(text) == [
        ("DL404", 9, 2, 'numbered line "（4）丁。" skips from 2 (line 7) to 4; the fix renumbers it to 3'),
        ("DL404", 15, 1, 'numbered line "②三" repeats number ② from line 14; the fix renumbers it to ③'),
    ]


def test_second_list_after_text_starts_again():
    text = "# 评价\n\n优点：\n1、速度快。\n2、内存少。\n缺点：\n1、文档少。\n2、社区小。\n\n另一组：\n\n1、甲。\n\n2、乙。\n"

    assert findings_of(text) == []


def test_first_number_again_right_after_is_break():
    text = "# 要点\n\n1、甲。\n2、乙。\n1、丙。\n"

    assert summary(text) == [
        ("DL404", 5, 1, 'numbered line "1、丙。" goes back from 2 (line 4) to 1; the fix renumbers it to 3')
    ]


def test_sequence_not_from_one_left_alone():
    assert findings_of("# 续\n\n3、甲。\n\n4、乙。\n\n6、丙。\n") == []


def test_codes_left_alone():
    assert findings_of("# 代码\n\n1、成功。\n\n2、重试。\n\n404、未找到。\n") == []


@pytest.mark.parametrize(
    "lines",
    [
        ("1.txt 保存配置。", "2.txt 保存日志。", "4.txt 保存缓存。"),
        ("1.x only supports Linux.", "2.x adds Windows.", "4.x drops Python 2."),
        ("1.X版本只支持 Linux。", "2.X版本支持 Windows。", "4.X版本不再支持 Python 2。"),
        ("①号线经过市中心。", "②号线经过机场。", "④号线经过大学城。"),
    ],
    ids=["file-names", "versions", "versions-zh", "metro-lines"],
)
def test_names_of_files_versions_and_places_left_alone(lines):
    # A full stop before a Latin letter names a file or a version, and 号线 after ① names a place: no numbered points.
    assert summary("# 说明\n\n" + "\n\n".join(lines) + "\n") == []


def test_full_stop_before_chinese_still_numbers():
    text = "# 步骤\n\n1.安装依赖。\n\n2.修改配置。\n\n4.启动服务。\n"

    assert summary(text) == [("DL404", 7, 1, 'numbered line "4.启动服务。" skips from 2 (line 5) to 4; the fix renumbers it to 3')]


def test_markdown_list_left_alone():
    assert findings_of("# 要点\n\n1. 甲。\n2. 乙。\n4. 丙。\n") == []


def test_two_numbers_open_no_numbered_line():
    assert findings_of("# 数据\n\n1、一月。\n\n2、3 月份的数据见下表。\n\n2、二月。\n") == []


def test_qa_item_left_to_step_numbering():
    text = "## 1. 安装\n\n**题目：** 如何安装？\n\n**答案：** 照做即可。\n\n**解析：**\n\n1、甲说法正确。\n\n3、丙说法正确。\n"

    assert findings_of(text) == []


def test_cited_number_makes_fix_unsafe():
    text = POINTS + "\n启动失败时，回到第4点检查日志。\n"
    [found] = findings_of(text)

    assert found.fix is not None
    assert found.fix.applicability is Applicability.UNSAFE


def test_own_text_naming_number_makes_fix_unsafe():
    text = POINTS.replace("4、启动服务。", "4、第四点：启动服务。")
    [found] = findings_of(text)

    assert found.fix is not None
    assert found.fix.applicability is Applicability.UNSAFE


def test_own_number_is_no_citation():
    text = POINTS.replace("4、启动服务。", "4、启动服务，共 2 题。")
    [found] = findings_of(text)

    assert found.fix.applicability is Applicability.SAFE


def test_suppressed_line_has_no_fix():
    text = POINTS.replace("4、启动", "<!-- doclint-disable-next-line paragraph-numbering -->\n4、启动")
    document = parse_document(Source.from_text("doc.md", text))
    [found] = check_paragraph_numbering(document, Settings())

    assert found.fix is None
    assert found.message == 'numbered line "4、启动服务。" skips from 2 (line 7) to 4; expected 3'


def test_message_in_chinese(tmp_path, run_cli):
    path = tmp_path / "points.md"
    path.write_text(POINTS, encoding="utf-8")
    _code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", "zh-CN", str(path))

    assert stdout.splitlines()[0] == (
        f"{path}:9:1: DL404 paragraph-numbering [*] 编号行“4、启动服务。”的编号从 2（第 7 行）跳到 4；修复后改为 3"
    )


def test_fix_writes_file(tmp_path, run_cli):
    path = tmp_path / "points.md"
    path.write_text(POINTS, encoding="utf-8")
    run_cli("check", "--no-cache", "--fix", str(path))

    assert path.read_text(encoding="utf-8") == POINTS.replace("4、启动", "3、启动")


@pytest.mark.parametrize("citation", ["详见步骤4", "see point 4"])
def test_step_or_point_citation_makes_fix_unsafe(citation):
    text = f"# 部署\n\n1、安装依赖。\n\n2、修改配置（{citation}）。\n\n4、启动服务。\n\n5、检查日志。\n"
    found = findings_of(text)

    assert [finding.line for finding in found] == [7]
    assert found[0].fix is not None
    assert found[0].fix.applicability is Applicability.UNSAFE
