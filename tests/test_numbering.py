import shutil

import pytest

from doclint.engine import run
from doclint.parse import parse_document
from doclint.rules.numbering import check_numbering
from doclint.settings import Settings
from doclint.source import Source

from conftest import FIXTURES, SEED


def numbering_findings(text: str):
    document = parse_document(Source.from_text("doc.md", text))
    return list(check_numbering(document, Settings()))


def positions(findings):
    return [(d.line, d.column, d.end_column) for d in findings]


def fixed_text(text: str) -> str:
    from doclint.fixer import apply_edits

    first = numbering_findings(text)[0]
    return apply_edits(text, list(first.fix.edits))


def test_seed_has_no_numbering_findings():
    result = run([str(SEED)], Settings())
    assert [d for d in result.diagnostics if d.rule == "heading-numbering"] == []


def test_fixture_skip_then_repeat():
    result = run([str(FIXTURES / "numbering.md")], Settings())
    findings = [d for d in result.diagnostics if d.rule == "heading-numbering"]
    # The second 4 repeats the first only because the first should be 3, so the fix of the first mends both.
    assert [(d.code, d.severity.value) for d in findings] == [("DL402", "warning")]
    assert positions(findings) == [(11, 4, 5)]
    assert findings[0].message == 'heading "4. 配置服务" skips from 2 (line 7) to 4; the fix renumbers it to 3'


def test_fixture_related_previous_heading():
    result = run([str(FIXTURES / "numbering.md")], Settings())
    first = [d for d in result.diagnostics if d.rule == "heading-numbering"][0]
    assert [(r.line, r.column, r.message) for r in first.related] == [(7, 1, "previous numbered heading")]


def test_backwards():
    findings = numbering_findings("## 1. a\n\n## 2. b\n\n## 3. c\n\n## 2. d\n")
    assert positions(findings) == [(7, 4, 5)]
    assert findings[0].message == 'heading "2. d" goes back from 3 (line 5) to 2; the fix renumbers it to 4'


def test_chinese_number_forms():
    text = "# 题库\n\n## 第1题 甲\n\n## 第2题 乙\n\n## 第5题 丙\n\n## 6、丁\n"
    findings = numbering_findings(text)
    assert positions(findings) == [(7, 5, 6)]
    assert findings[0].message == 'heading "第5题 丙" skips from 2 (line 5) to 5; the fix renumbers it to 3'


def test_sequence_may_start_anywhere():
    assert numbering_findings("## 31. a\n\n## 32. b\n\n## 33. c\n") == []


def test_unnumbered_siblings_are_skipped():
    assert numbering_findings("## 1. a\n\n## Notes\n\n## 2. b\n\n## Summary\n") == []


def test_each_parent_has_its_own_sequence():
    text = "## 1. a\n\n### 1. x\n\n### 2. y\n\n## 2. b\n\n### 1. x\n\n### 3. z\n"
    findings = numbering_findings(text)
    assert positions(findings) == [(11, 5, 6)]
    assert findings[0].message == 'heading "3. z" skips from 1 (line 9) to 3; the fix renumbers it to 2'


def test_dotted_numbers_compare_last_part():
    text = "## 2. a\n\n### 2.1 x\n\n### 2.2 y\n\n### 2.2 z\n"
    findings = numbering_findings(text)
    assert positions(findings) == [(7, 5, 8)]
    assert findings[0].message == 'heading "2.2 z" repeats number 2.2 of the heading at line 5; the fix renumbers it to 2.3'


def test_change_of_number_form_restarts():
    assert numbering_findings("## 3. a\n\n## 3.1 b\n\n## 3.2 c\n") == []


def test_zero_padding_kept_in_expected_number():
    findings = numbering_findings("## 08. a\n\n## 09. b\n\n## 11. c\n")
    assert findings[0].message == 'heading "11. c" skips from 09 (line 3) to 11; the fix renumbers it to 10'
    [padded] = numbering_findings("## 第01章 a\n\n## 第03章 b\n\n## 第五章 c\n")
    assert padded.message == 'heading "第03章 b" skips from 01 (line 1) to 03; the fix renumbers it to 02'


def test_setext_heading_number_span():
    findings = numbering_findings("第1题 a\n====\n\n第3题 b\n====\n")
    assert positions(findings) == [(4, 2, 3)]


def test_number_inside_emphasis():
    findings = numbering_findings("## **1.** a\n\n## **3.** b\n")
    assert positions(findings) == [(3, 6, 7)]


def test_number_written_as_entity_spans_line():
    findings = numbering_findings("## 1. a\n\n## &#51;. b\n")
    assert positions(findings) == [(3, 1, len("## &#51;. b") + 1)]
    assert findings[0].fix is None
    assert findings[0].message == 'heading "3. b" skips from 1 (line 1) to 3; expected 2'


def test_version_headings_are_not_numbers():
    changelog = "# Changelog\n\n## 3.0.0\n\n- x\n\n## 2.1.0\n\n- y\n\n## 2.0.0\n\n- z\n\n## 1.0.0\n\n- w\n"
    assert numbering_findings(changelog) == []
    assert numbering_findings("# Notes\n\n## 1.0\n\nx\n\n## 1.1\n\ny\n\n## 1.3\n\nz\n\n## 2.0\n\nw\n") == []
    assert numbering_findings("# Releases\n\n## 2.0 Release\n\n## 1.1 Release\n\n## 1.0 Release\n") == []


def test_version_heading_keeps_its_number():
    document = parse_document(Source.from_text("doc.md", "## 3.0.0\n\n## 1.0\n\n## 3.5x faster\n"))
    assert [(section.number, section.title) for section in document.sections] == [("3.0.0", ""), ("1.0", ""), (None, "3.5x faster")]


def test_dotted_number_counts_under_its_parent_only():
    # 2.1 and 2.3 extend their parent's number; 5.1 and 5.3 under "2." do not, so they are left alone.
    findings = numbering_findings("## 2. a\n\n### 2.1 x\n\n### 2.3 y\n\n## 3. b\n\n### 5.1 x\n\n### 5.3 y\n")
    assert positions(findings) == [(5, 5, 8)]


def test_renumbering_carries_down_to_dotted_children():
    from doclint.fixer import apply_edits

    text = "# 手册\n\n## 1) 甲\n\n## 2) 乙\n\n## 7) 丁\n\n### 7.1 子一\n\n### 7.3 子三\n\n#### 7.3.2 孙\n"
    [first, *_rest] = numbering_findings(text)
    fixed = apply_edits(text, first.fix.edits)
    assert fixed.splitlines()[6:] == ["## 3) 丁", "", "### 3.1 子一", "", "### 3.3 子三", "", "#### 3.3.2 孙"]


def test_dates_and_countdowns_are_not_checked():
    dates = "# Log\n\n## 2023.12\n\n### 2023.12.31\n\n### 2023.12.02\n"
    versions = "# Log\n\n## 2.1\n\n### 2.1.3\n\n### 2.1.1\n\n### 2.1.0\n\n## 1. Versions\n\n### 1.2 Release\n\n### 1.0 Release\n"
    assert numbering_findings(dates) == []
    assert numbering_findings(versions) == []


def test_dotted_run_not_from_one_gets_unsafe_fix():
    from doclint.diagnostics import Applicability

    [found] = numbering_findings("# Guide\n\n## 2. Setup\n\n### 2.2 Install\n\n### 2.4 Run\n")
    assert found.fix.applicability == Applicability.UNSAFE
    [section] = numbering_findings("## 2. a\n\n### 2.1 x\n\n### 2.3 y\n")
    assert section.fix.applicability == Applicability.SAFE


def test_version_children_not_checked():
    text = (
        "# R\n\n## 1.0 Release\n\n### 1.0.1\n\n### 1.0.3\n\n## 2.1\n\n### 2.1.1\n\n### 2.1.3\n\n"
        "## 2. Releases\n\n### 2.0\n\n### 2.1\n\n### 2.3\n\n## 3. Sections\n\n### 3.1 a\n\n### 3.3 b\n"
    )
    assert positions(numbering_findings(text)) == [(27, 5, 8)]


def test_chinese_numerals_fixed_in_chinese():
    text = "# Q\n\n## 第一章 a\n\n## 第三章 b\n\n## 第十一章 c\n"
    findings = numbering_findings(text)
    assert positions(findings) == [(5, 5, 6), (7, 5, 7)]
    assert [found.message for found in findings] == [
        'heading "第三章 b" skips from 一 (line 3) to 三; the fix renumbers it to 二',
        'heading "第十一章 c" skips from 三 (line 5) to 十一; the fix renumbers it to 三',
    ]
    assert findings[0].fix.message == "renumber the headings from line 3 so that they run from 一 to 三"
    assert fixed_text(text) == "# Q\n\n## 第一章 a\n\n## 第二章 b\n\n## 第三章 c\n"


def test_chinese_numerals_consistent_advice():
    text = (
        "# 手册\n\n## 一、概述\n\n## 二、安装\n\n## 二、配置\n\n## 四、运行\n\n"
        "## 九、总结\n\n## 十、附录\n\n## 十二、参考文献\n"
    )
    messages = [found.message for found in numbering_findings(text)]
    assert messages == [
        'heading "二、配置" repeats number 二 of the heading at line 5; the fix renumbers it to 三',
        'heading "九、总结" skips from 四 (line 9) to 九; the fix renumbers it to 五',
        'heading "十二、参考文献" skips from 十 (line 13) to 十二; the fix renumbers it to 七',
    ]
    assert fixed_text(text) == (
        "# 手册\n\n## 一、概述\n\n## 二、安装\n\n## 三、配置\n\n## 四、运行\n\n"
        "## 五、总结\n\n## 六、附录\n\n## 七、参考文献\n"
    )


def test_chinese_numeral_above_limit_gets_no_fix():
    findings = numbering_findings("# Q\n\n## 九十八、a\n\n## 九十九、b\n\n## 一百零一、c\n")
    assert [(found.line, found.fix) for found in findings] == [(7, None)]
    assert findings[0].message == 'heading "一百零一、c" skips from 九十九 (line 5) to 一百零一; expected 一百'
    [(found)] = numbering_findings("# Q\n\n## 九十八、a\n\n## 一百、b\n")
    assert found.fix is None


def test_renumbering_keeps_first_number_padding():
    from doclint.fixer import apply_edits

    text = "# P\n\n## 09. a\n\n## 11. b\n\n## 13. c\n"
    [first, _second] = numbering_findings(text)
    assert apply_edits(text, first.fix.edits).splitlines()[4:] == ["## 10. b", "", "## 11. c"]


def test_release_notes_under_numbered_parents_are_not_checked():
    text = (
        "# C\n\n## 2. Releases\n\n### 2.1 (2024-01-01)\n\n### 2.3 (2024-06-01)\n\n## 3. Version 3\n\n### 3.1\n\n### 3.3\n\n"
        "## 4. 发布记录\n\n### 4.1\n\n### 4.3\n\n## 5. Setup\n\n### 5.1 Install\n\n### 5.3 Run\n"
    )
    assert positions(numbering_findings(text)) == [(25, 5, 8)]


def test_numbered_entries_with_dates_are_checked():
    from doclint.diagnostics import Applicability
    from doclint.fixer import apply_edits

    text = "# 记录\n\n## 1、2024年1月 上线\n\n## 2、2024年3月 扩容\n\n## 4、2024年6月 迁移\n"
    [found] = numbering_findings(text)
    assert positions([found]) == [(7, 4, 5)]
    assert found.message == 'heading "4、2024年6月 迁移" skips from 2 (line 5) to 4; the fix renumbers it to 3'
    assert found.fix.applicability == Applicability.UNSAFE
    assert apply_edits(text, found.fix.edits).splitlines()[6] == "## 3、2024年6月 迁移"


def test_numbers_before_dates_get_no_safe_fix():
    # "9: 2023-12-01" may be release 9, so renumbering needs --unsafe-fixes.
    from doclint.diagnostics import Applicability

    [release] = numbering_findings("# R\n\n## 9: 2023-12-01\n\n## 10: 2024-03-01\n\n## 12: 2024-06-01\n")
    assert positions([release]) == [(7, 4, 6)]
    assert release.message == 'heading "12: 2024-06-01" skips from 10 (line 5) to 12; the fix renumbers it to 11'
    assert release.fix.applicability == Applicability.UNSAFE
    [section] = numbering_findings("# Guide\n\n## 1. Intro\n\n## 2. Changes since 2023-05\n\n## 4. Outlook\n")
    assert positions([section]) == [(7, 4, 5)]
    assert section.fix.applicability == Applicability.UNSAFE


def test_dotted_numbers_before_dates_are_versions():
    # A dotted number before a date is a version with its release date, but the plain numbers beside it are still checked.
    text = "# Guide\n\n## 2. Setup\n\n### 2.1 (2024-01-01)\n\n### 2.3 (2024-06-01)\n\n### 1. a\n\n### 3. b\n"
    [found] = numbering_findings(text)
    assert positions([found]) == [(11, 5, 6)]
    assert found.message == 'heading "3. b" skips from 1 (line 9) to 3; the fix renumbers it to 2'


def test_years_and_codes_get_no_safe_renumbering():
    from doclint.diagnostics import Applicability

    assert numbering_findings("# History\n\n## 1. Founding\n\n## 2. Growth\n\n## 2020: pandemic\n\n## 3. Today\n") == []
    assert numbering_findings("# Plans\n\n## 2021. Start\n\n## 2022. Growth\n\n## 2024. Now\n") == []
    [reaching] = numbering_findings("# List\n\n## 98. a\n\n## 99. b\n\n## 101. c\n")
    assert reaching.fix.applicability == Applicability.UNSAFE


def test_codes_after_small_numbers_get_unsafe_fix():
    from doclint.diagnostics import Applicability

    [exit_status] = numbering_findings("# Exit\n\n## 0: ok\n\n## 1: error\n\n## 2: usage\n\n## 130: interrupted\n")
    [errno] = numbering_findings("# Errno\n\n## 1: EPERM\n\n## 2: ENOENT\n\n## 13: EACCES\n")
    [lost] = numbering_findings("# L\n\n## 1. a\n\n## 2. b\n\n## 12. c\n")

    assert exit_status.fix.applicability == Applicability.UNSAFE
    assert errno.fix.applicability == Applicability.UNSAFE
    assert lost.fix.applicability == Applicability.SAFE


@pytest.mark.parametrize(
    "text",
    [
        "# Exit codes\n\n## 0: ok\n\n## 1: findings\n\n## 2: usage\n\n## 4: internal error\n",
        "# Errors\n\n## 1: EPERM\n\n## 2: ENOENT\n\n## 5: EIO\n\n## 9: EBADF\n",
        "# Signals\n\n## 1: hang up\n\n## 2: interrupt\n\n## 9: kill\n",
        "# 错误码\n\n## 1：权限不足\n\n## 2：文件不存在\n\n## 5：输入输出错误\n",
    ],
    ids=["starts-at-zero", "code-names", "signals-heading", "chinese-heading"],
)
def test_code_lists_get_unsafe_fix(text):
    from doclint.diagnostics import Applicability

    findings = numbering_findings(text)

    assert findings
    assert {found.fix.applicability for found in findings} == {Applicability.UNSAFE}


def test_acronym_titles_keep_safe_fix():
    from doclint.diagnostics import Applicability

    [found] = numbering_findings("# API\n\n## 1. API overview\n\n## 2. FAQ\n\n## 4. Usage\n")

    assert found.fix.applicability == Applicability.SAFE


def test_runs_of_codes_not_checked():
    assert numbering_findings("# Status\n\n## 400: Bad Request\n\n## 401: Unauthorized\n\n## 403: Forbidden\n") == []
    assert numbering_findings("# Codes\n\n## 200: OK\n\n## 201: Created\n\n## 204: No Content\n\n## 400: Bad Request\n") == []


def test_suppressed_heading_keeps_number():
    from doclint.fixer import apply_edits

    text = (
        "# Doc\n\n## 1. A\n\n## 2. B\n\n<!-- doclint-disable-next-line heading-numbering -->\n"
        "## 4. D\n\n## 5. E\n\n## 7. G\n"
    )
    accepted, found = numbering_findings(text)

    assert positions([accepted, found]) == [(8, 4, 5), (12, 4, 5)]
    assert accepted.fix is None
    assert found.message == 'heading "7. G" skips from 5 (line 10) to 7; the fix renumbers it to 6'
    assert apply_edits(text, found.fix.edits).splitlines()[7:] == ["## 4. D", "", "## 5. E", "", "## 6. G"]


def test_suppressed_heading_reported_without_unused_comment(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.md").write_text(
        "# Doc\n\n## 1. A\n\n## 2. B\n\n<!-- doclint-disable heading-numbering -->\n## 4. D\n<!-- doclint-enable -->\n\n## 5. E\n",
        encoding="utf-8",
    )

    code, stdout, _stderr = run_cli("check", "--no-cache", "--select", "heading-numbering,unused-suppression", "s.md")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"


PROTECTED_WITHOUT_BREAK = (
    "# Doc\n\n## 1. A\n\n## 3. B\n\n<!-- doclint-disable-next-line heading-numbering -->\n## 4. C\n\n## 6. D\n"
)


def test_protected_heading_without_break_keeps_number():
    from doclint.fixer import apply_edits

    skipped, kept, later = numbering_findings(PROTECTED_WITHOUT_BREAK)

    assert positions([skipped, kept, later]) == [(5, 4, 5), (8, 4, 5), (10, 4, 5)]
    assert kept.fix is None
    assert kept.message == (
        'heading "4. C" keeps number 4 because a suppression comment protects it; '
        "without the comment, the fix would renumber it to 3"
    )
    assert later.message == 'heading "6. D" skips from 4 (line 8) to 6; the fix renumbers it to 5'
    assert apply_edits(PROTECTED_WITHOUT_BREAK, skipped.fix.edits).splitlines()[4] == "## 2. B"
    assert apply_edits(PROTECTED_WITHOUT_BREAK, later.fix.edits).splitlines()[9] == "## 5. D"


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("# Doc\n\n## 1. A\n\n## 3. B\n\n<!-- doclint-disable-next-line DL402 -->\n## 4. C\n", ["1", "2", "4"]),
        (PROTECTED_WITHOUT_BREAK, ["1", "2", "4", "5"]),
        (
            "# Doc\n\n## 1. A\n\n## 3. B\n\n<!-- doclint-disable heading-numbering -->\n## 4. C\n\n## 5. D\n"
            "<!-- doclint-enable heading-numbering -->\n\n## 7. E\n",
            ["1", "2", "4", "5", "6"],
        ),
    ],
    ids=["next-line-last", "next-line-middle", "range"],
)
def test_fix_keeps_protected_heading_number(run_cli, tmp_path, text, numbers):
    path = tmp_path / "s.md"
    path.write_text(text, encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-config", "--no-cache", "--select", "ALL", "--fix", str(path))

    headings = [line.split()[1] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert headings == [f"{number}." for number in numbers]
    assert stdout.splitlines()[-1] == "No problems found in 1 file."
    assert stderr == ""
    assert code == 0


def test_protected_heading_comment_used_before_fix(run_cli, tmp_path):
    path = tmp_path / "s.md"
    path.write_text(PROTECTED_WITHOUT_BREAK, encoding="utf-8")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--select", "ALL", str(path))

    assert [line.split()[1] for line in stdout.splitlines()[:-2]] == ["DL402", "DL402"]
    assert [line.split(":")[1] for line in stdout.splitlines()[:-2]] == ["5", "10"]
    assert code == 1


def test_unneeded_protection_still_unused(run_cli, tmp_path):
    # The fix leaves the first heading of a run at its number anyway, so the comment stops no change.
    path = tmp_path / "s.md"
    path.write_text("# Doc\n\n<!-- doclint-disable-next-line heading-numbering -->\n## 3. A\n\n## 5. B\n", encoding="utf-8")

    _code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--select", "ALL", str(path))

    assert stdout.splitlines()[0] == (
        f"{path}:3:1: DL902 unused-suppression this doclint-disable-next-line comment for heading-numbering "
        "silences no finding; remove it"
    )


def test_number_after_html_comment_with_angle_bracket():
    from doclint.fixer import apply_edits

    text = "# D\n\n## <!-- a > 4 --> 1. One\n\n## <!-- b > 4 --> 2. Two\n\n## <!-- c > 4 --> 4. Four\n"
    [found] = numbering_findings(text)

    assert positions([found]) == [(7, 19, 20)]
    assert apply_edits(text, found.fix.edits).splitlines()[6] == "## <!-- c > 4 --> 3. Four"


def test_message_names_number_fix_writes():
    from doclint.fixer import apply_edits

    text = "# G\n\n## 1. a\n\n## 2. b\n\n## 4. c\n\n## 5. d\n\n## 7. e\n"
    findings = numbering_findings(text)
    assert positions(findings) == [(7, 4, 5), (11, 4, 5)]
    assert findings[0].message == 'heading "4. c" skips from 2 (line 5) to 4; the fix renumbers it to 3'
    assert findings[1].message == 'heading "7. e" skips from 5 (line 9) to 7; the fix renumbers it to 5'
    assert apply_edits(text, findings[1].fix.edits).splitlines()[6:] == ["## 3. c", "", "## 4. d", "", "## 5. e"]


def test_repeat_then_continuation_one_finding():
    from doclint.fixer import apply_edits

    text = "# G\n\n## 1. a\n\n## 2. b\n\n## 2. c\n\n## 4. d\n"
    findings = numbering_findings(text)
    assert positions(findings) == [(7, 4, 5)]
    assert findings[0].message == 'heading "2. c" repeats number 2 of the heading at line 5; the fix renumbers it to 3'
    assert apply_edits(text, findings[0].fix.edits).splitlines()[6:] == ["## 3. c", "", "## 4. d"]


def test_message_names_dotted_number_of_unsafe_fix():
    from doclint.diagnostics import Applicability
    from doclint.fixer import apply_edits

    text = "# G\n\n## 2. a\n\n### 2.2 x\n\n### 2.4 y\n\n### 2.5 z\n\n### 2.7 w\n"
    findings = numbering_findings(text)
    assert [found.fix.applicability for found in findings] == [Applicability.UNSAFE] * 2
    assert findings[1].message == 'heading "2.7 w" skips from 2.5 (line 9) to 2.7; the fix renumbers it to 2.5'
    assert apply_edits(text, findings[1].fix.edits).splitlines()[6:] == ["### 2.3 y", "", "### 2.4 z", "", "### 2.5 w"]


def test_message_names_fixed_number_chinese(run_cli, tmp_path, monkeypatch):
    from doclint.i18n import set_language

    monkeypatch.chdir(tmp_path)
    (tmp_path / "ch.md").write_text("# 书\n\n## 第1章 甲\n\n## 第2章 乙\n\n## 第2章 丙\n\n## 第6章 丁\n\n## 第5章 戊\n", encoding="utf-8")
    try:
        _code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", "zh-CN", "ch.md")
    finally:
        set_language(None)
    assert stdout.splitlines()[:3] == [
        "ch.md:7:5: DL402 heading-numbering [*] 标题“第2章 丙”重复了第 5 行标题的编号 2；修复后改为 3",
        "ch.md:9:5: DL402 heading-numbering [*] 标题“第6章 丁”的编号从 2（第 7 行）跳到 6；修复后改为 4",
        "在 1 个文件中发现 2 个问题（0 个错误，2 个警告，0 个提示）。",
    ]


def test_number_found_after_markup_with_digits():
    # The digits of an anchor, a link or an image before the number are not the number, so the fix leaves them alone.
    from doclint.fixer import apply_edits

    cases = [
        ('## <a id="s1"></a>1. a\n\n## <a id="s3"></a>3. b\n', 19, '## <a id="s3"></a>2. b'),
        ("## 1. a\n\n## [](#s3)3. b\n", 11, "## [](#s3)2. b"),
        ("## 1. a\n\n## ![](a3.png)3. b\n", 15, "## ![](a3.png)2. b"),
    ]
    for text, column, fixed in cases:
        [found] = numbering_findings(text)
        assert positions([found]) == [(3, column, column + 1)]
        assert apply_edits(text, found.fix.edits).splitlines()[2] == fixed


def test_number_written_as_hex_reference_gets_no_fix():
    findings = numbering_findings("## 1. a\n\n## &#x33;. b\n")
    assert positions(findings) == [(3, 1, len("## &#x33;. b") + 1)]
    assert findings[0].fix is None
    assert findings[0].message == 'heading "3. b" skips from 1 (line 1) to 3; expected 2'


def test_renumbering_keeps_full_width_digits():
    from doclint.fixer import apply_edits

    text = "# 书\n\n## 第１章 甲\n\n## 第２章 乙\n\n## 第４章 丙\n\n### ４.１ 子\n"
    [found] = numbering_findings(text)
    assert found.message == 'heading "第４章 丙" skips from ２ (line 5) to ４; the fix renumbers it to ３'
    assert apply_edits(text, found.fix.edits).splitlines()[6:] == ["## 第３章 丙", "", "### ３.１ 子"]
    [padded] = numbering_findings("## ０１、甲\n\n## ０３、乙\n")
    assert padded.message == 'heading "０３、乙" skips from ０１ (line 1) to ０３; the fix renumbers it to ０２'


def test_agenda_times_are_not_numbers():
    assert numbering_findings("# 议程\n\n## 09:00 开场\n\n## 09:30 主题演讲\n\n## 10:15 茶歇\n\n## 14:00 午后\n") == []


def test_countdown_with_repeat_is_not_checked():
    # A top-five list counts down; renumbering it upwards (5, 6, 7, 8, 9) would destroy it.
    assert numbering_findings("# Top 5\n\n## 5. a\n\n## 4. b\n\n## 3. c\n\n## 3. d\n\n## 1. e\n") == []
    repeats = numbering_findings("## 3. a\n\n## 3. b\n\n## 3. c\n")
    assert positions(repeats) == [(3, 4, 5), (5, 4, 5)]
    assert repeats[1].message == 'heading "3. c" repeats number 3 of the heading at line 3; the fix renumbers it to 5'


def test_dotted_message_names_number_after_parent_fix(run_cli, tmp_path):
    text = "# T\n\n## 1. A\n\n### 1.1 x\n\n## 3. B\n\n### 3.1 y\n\n### 3.3 z\n"
    findings = numbering_findings(text)
    assert [d.message for d in findings] == [
        'heading "3. B" skips from 1 (line 3) to 3; the fix renumbers it to 2',
        'heading "3.3 z" skips from 3.1 (line 9) to 3.3; the fix renumbers it to 2.2',
    ]

    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    run_cli("check", "--no-cache", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == "# T\n\n## 1. A\n\n### 1.1 x\n\n## 2. B\n\n### 2.1 y\n\n### 2.2 z\n"


def test_dotted_message_below_moved_grandparent():
    text = "# T\n\n## 1. A\n\n## 3. B\n\n### 3.1 y\n\n#### 3.1.1 p\n\n#### 3.1.3 q\n"
    messages = [d.message for d in numbering_findings(text)]
    assert messages[-1] == 'heading "3.1.3 q" skips from 3.1.1 (line 9) to 3.1.3; the fix renumbers it to 2.1.2'


def test_change_of_style_starts_new_sequence():
    text = (
        "# 编号\n\n## 一、概述\n\n## 二、环境\n\n## 第1题 填空\n\n## 第2题 选择\n\n"
        "## （1）小节\n\n## （2）小节\n\n## 1) 步骤\n\n## 2) 步骤\n\n## Step 1: 结尾\n"
    )
    assert numbering_findings(text) == []


def test_separator_slip_stays_in_sequence():
    findings = numbering_findings("# 混合\n\n## 1. 甲\n\n## 2. 乙\n\n## 3、丙\n\n## 5. 丁\n\n## 6．戊\n")
    assert positions(findings) == [(9, 4, 5)]
    assert findings[0].message == 'heading "5. 丁" skips from 3 (line 7) to 5; the fix renumbers it to 4'
    assert fixed_text("# 混合\n\n## 1) 甲\n\n## 2：乙\n\n## 4）丙\n") == "# 混合\n\n## 1) 甲\n\n## 2：乙\n\n## 3）丙\n"


def test_chinese_separator_slip_stays_in_sequence():
    findings = numbering_findings("# 章\n\n## 一、甲\n\n## 二．乙\n\n## 四、丙\n")
    assert [finding.line for finding in findings] == [7]


def test_full_width_separator_is_same_style():
    findings = numbering_findings("## 1. a\n\n## 2． b\n\n## 4. c\n")
    assert positions(findings) == [(5, 4, 5)]
    assert findings[0].message == 'heading "4. c" skips from 2 (line 3) to 4; the fix renumbers it to 3'


def test_mixed_styles_chinese_messages(run_cli, tmp_path, monkeypatch):
    (tmp_path / "编号.md").write_text(
        "# 编号测试\n\n## 一、概述\n\n## 二、环境\n\n## 四、部署\n\n## 四、监控\n\n"
        "## 第1题 填空\n\n## 第3题 选择\n\n## 1) 步骤\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    _code, stdout, _stderr = run_cli("check", "--lang", "zh-CN", "--select", "DL402", "编号.md")
    assert stdout.splitlines()[:3] == [
        "编号.md:7:4: DL402 heading-numbering [*] 标题“四、部署”的编号从 二（第 5 行）跳到 四；修复后改为 三",
        "编号.md:13:5: DL402 heading-numbering [*] 标题“第3题 选择”的编号从 1（第 11 行）跳到 3；修复后改为 2",
        "在 1 个文件中发现 2 个问题（0 个错误，2 个警告，0 个提示）。",
    ]
    assert len(stdout.splitlines()) == 4


@pytest.mark.parametrize(
    "heading, number, title",
    [
        ("Step 1: Install", "1", "Install"),
        ("STEP 2. Configure", "2", "Configure"),
        ("Part 3：部署", "3", "部署"),
        ("Chapter 12", "12", ""),
        ("Q4: Why?", "4", "Why?"),
        ("Lesson 5 - Loops", "5", "Loops"),
        ("Step 3 (optional):", "3", "(optional):"),
        ("Q3 2024 results", None, "Q3 2024 results"),
        ("Q3", None, "Q3"),
        ("Steps 1: x", None, "Steps 1: x"),
    ],
)
def test_english_word_prefixes(heading, number, title):
    from doclint.heading_numbers import split_number

    assert split_number(heading) == (number, title)


def test_step_headings_are_checked():
    findings = numbering_findings("# Tutorial\n\n## Step 1: Install\n\n## Step 2: Configure\n\n## Step 4: Run\n\n## 1. Notes\n")
    assert positions(findings) == [(7, 9, 10)]
    assert findings[0].message == 'heading "Step 4: Run" skips from 2 (line 5) to 4; the fix renumbers it to 3'


def test_word_prefix_change_starts_new_sequence():
    text = "# T\n\n## Part 1: Basics\n\n## Step 1: a\n\n## Step 2: b\n\n## Part 2: More\n"
    assert numbering_findings(text) == []


def test_bracketed_numbers_are_numbered():
    findings = numbering_findings("# 方案\n\n## （一）背景\n\n## （三）目标\n\n## (1) a\n\n## (3) b\n")
    assert [finding.message for finding in findings] == [
        'heading "（三）目标" skips from 一 (line 3) to 三; the fix renumbers it to 二',
        'heading "(3) b" skips from 1 (line 7) to 3; the fix renumbers it to 2',
    ]


def test_chinese_numeral_written_back():
    from doclint.text import chinese_numeral, chinese_numeral_value

    assert [chinese_numeral(value) for value in (1, 10, 12, 20, 105, 110)] == ["一", "十", "十二", "二十", "一百零五", "一百一十"]
    assert all(chinese_numeral_value(chinese_numeral(value)) == value for value in range(1, 10000))


STEPS = "# Tutorial\n\n## Step 1: Install\n\n## Step 2: Configure\n\n## Step 3 (optional): Tune\n\n## Step 5 - Verify\n"


def test_step_heading_fix_is_safe_when_not_cited():
    findings = numbering_findings(STEPS)
    assert [(f.line, f.message) for f in findings] == [
        (9, 'heading "Step 5 - Verify" skips from 3 (line 7) to 5; the fix renumbers it to 4'),
    ]
    assert findings[0].fix.applicability.value == "safe"


def test_step_heading_fix_is_unsafe_when_cited():
    text = STEPS.replace("## Step 2: Configure\n", "## Step 2: Configure\n\nSkip this step if Step 5 passes.\n")
    findings = numbering_findings(text)
    assert [(f.line, f.message) for f in findings] == [
        (11, 'heading "Step 5 - Verify" skips from 3 (line 9) to 5; the fix renumbers it to 4'),
    ]
    assert findings[0].fix.applicability.value == "unsafe"


def test_numbering_again_from_one_starts_new_run():
    text = "# Install\n\n## 1. Download\n\n## 2. Unpack\n\n## 1. Build\n\n## 2. Test\n\n## 4. Ship\n"
    findings = numbering_findings(text)
    assert [(f.line, f.message) for f in findings] == [
        (11, 'heading "4. Ship" skips from 2 (line 9) to 4; the fix renumbers it to 3'),
    ]


def test_quarters_are_not_numbered():
    assert numbering_findings("# Roadmap\n\n## Q3\n\n## Q4\n\n## Q1\n") == []


COPY_FIXTURE = FIXTURES / "numbering-copy.md"
"""Items 1, 2, 3, an exact copy of item 2 at line 15, then 5 at line 19 and 6 at line 23."""


def copy_fixture_findings(**settings):
    document = parse_document(Source.from_text("doc.md", COPY_FIXTURE.read_text(encoding="utf-8")))
    return list(check_numbering(document, Settings(**settings)))


def test_copy_left_out_of_numbering(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(COPY_FIXTURE, tmp_path / "guide.md")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "guide.md")

    assert stdout.splitlines()[:2] == [
        'guide.md:15:1: DL101 duplicate-section [*] section "2. Install the package" repeats section '
        '"2. Install the package" (line 7) word for word; remove this copy',
        'guide.md:19:4: DL402 heading-numbering [*] heading "5. Start the service" skips from 3 (line 11) to 5, '
        "not counting the copy at line 15 that duplicate-section reports; the fix renumbers it to 4",
    ]
    assert stdout.splitlines()[2] == "Found 2 problems (1 error, 1 warning, 0 info) in 1 file."
    assert code == 1


def test_copy_fix_writes_message_number(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(COPY_FIXTURE, tmp_path / "guide.md")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--fix", "guide.md")

    headings = [line for line in (tmp_path / "guide.md").read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert headings == [
        "## 1. Prepare the host",
        "## 2. Install the package",
        "## 3. Write the configuration",
        "## 4. Start the service",
        "## 5. Check the logs",
    ]
    assert stdout.splitlines() == ["Fixed 2 problems.", "No problems found in 1 file."]
    assert code == 0


def test_copy_message_chinese(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(COPY_FIXTURE, tmp_path / "guide.md")

    _code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--lang", "zh-CN", "guide.md")

    assert stdout.splitlines()[1] == (
        "guide.md:19:4: DL402 heading-numbering [*] 标题“5. Start the service”的编号从 3（第 11 行）跳到 5"
        "（不计 duplicate-section 报告的第 15 行的副本）；修复后改为 4"
    )


def test_copy_counted_without_duplicate_rule():
    findings = copy_fixture_findings(select=("heading-numbering",))

    assert findings[0].line == 15
    assert findings[0].message == (
        'heading "2. Install the package" goes back from 3 (line 11) to 2; the fix renumbers it to 4'
    )


def test_copy_counted_when_duplicate_rule_ignored():
    assert [found.line for found in copy_fixture_findings(ignore=("DL1",))][:1] == [15]
    assert [found.line for found in copy_fixture_findings(per_file_ignores=(("doc.md", ("duplicate-section",)),))][:1] == [15]


def test_copy_counted_when_duplicate_finding_suppressed():
    text = COPY_FIXTURE.read_text(encoding="utf-8").replace(
        "## 3. Write the configuration\n\nCopy the sample settings file and fill in the database address.\n\n",
        "## 3. Write the configuration\n\nCopy the sample settings file and fill in the database address.\n\n"
        "<!-- doclint-disable-next-line DL101 -->\n",
    )

    findings = numbering_findings(text)

    assert findings[0].line == 16
    assert findings[0].message.startswith('heading "2. Install the package" goes back from 3 (line 11) to 2;')


def test_copies_between_listed_in_message():
    body = "\n\nInstall the wheel into a new virtual environment.\n\n"
    text = f"## 1. Install{body}## 2. Install{body}## 1. Install{body}## 2. Install{body}## 5. Run{body}"

    [found] = numbering_findings(text)

    assert found.line == 17
    assert found.message == (
        'heading "5. Run" skips from 1 (line 1) to 5, not counting the copies at lines 5, 9, 13 that '
        "duplicate-section reports; the fix renumbers it to 2"
    )


def test_numbers_inside_copy_not_checked():
    chapter = "\n\nSet up the host.\n\n### 1. Account\n\nCreate the account.\n\n### 3. Firewall\n\nOpen the port.\n\n"
    text = f"## 1. Setup{chapter}## 2. Usage\n\nRun it.\n\n## 1. Setup{chapter}"

    findings = numbering_findings(text)

    assert [(found.line, found.message) for found in findings] == [
        (9, 'heading "3. Firewall" skips from 1 (line 5) to 3; the fix renumbers it to 2'),
    ]


REPEAT_FIXTURE = FIXTURES / "numbering-repeat.md"
"""Items numbered 1, 2, 2, 4 at lines 3, 7, 11 and 15."""


def test_repeat_fixture_one_finding(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(REPEAT_FIXTURE, tmp_path / "checklist.md")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "checklist.md")

    assert stdout.splitlines() == [
        'checklist.md:11:4: DL402 heading-numbering [*] heading "2. Update the changelog" repeats number 2 of the '
        "heading at line 7; the fix renumbers it to 3",
        "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file.",
        "[*] 1 fixable with --fix.",
    ]
    assert code == 1


def test_repeat_fixture_fix(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(REPEAT_FIXTURE, tmp_path / "checklist.md")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--fix", "checklist.md")

    headings = [line for line in (tmp_path / "checklist.md").read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert headings == ["## 1. Freeze the branch", "## 2. Run the test suite", "## 3. Update the changelog", "## 4. Tag the commit"]
    assert stdout.splitlines() == ["Fixed 1 problem.", "No problems found in 1 file."]
    assert code == 0


def test_repeat_without_fix_keeps_both_breaks():
    # A character reference writes the repeated 2, so the run gets no fix, and the 4 may stay wrong.
    findings = numbering_findings("## 1. a\n\n## 2. b\n\n## &#50;. c\n\n## 4. d\n")

    assert [found.line for found in findings] == [5, 7]
    assert findings[0].fix is None
    assert findings[0].message == 'heading "2. c" repeats number 2 of the heading at line 3; expected 3'
    assert findings[1].message == 'heading "4. d" skips from 2 (line 5) to 4; expected 3'


def test_repeated_number_then_two_more():
    # 1, 2, 2, 2, 5 has two wrong numbers, and the 5 follows only from the second of them.
    findings = numbering_findings("## 1. a\n\n## 2. b\n\n## 2. c\n\n## 2. d\n\n## 5. e\n")

    assert [(found.line, found.message) for found in findings] == [
        (5, 'heading "2. c" repeats number 2 of the heading at line 3; the fix renumbers it to 3'),
        (7, 'heading "2. d" repeats number 2 of the heading at line 5; the fix renumbers it to 4'),
    ]


def test_dotted_repeat_below_moved_parent():
    text = "## 1. a\n\n## 3. b\n\n### 3.1 x\n\n### 3.2 y\n\n### 3.2 z\n\n### 3.4 w\n"

    findings = numbering_findings(text)

    assert [(found.line, found.message) for found in findings] == [
        (3, 'heading "3. b" skips from 1 (line 1) to 3; the fix renumbers it to 2'),
        (9, 'heading "3.2 z" repeats number 3.2 of the heading at line 7; the fix renumbers it to 2.3'),
    ]


def test_repeat_after_unbroken_heading_names_the_previous_fix(tmp_path):
    numbers = [1, 2, 3, 5, 6, 6, 8]
    text = "# Topics\n\n" + "".join(f"## {number}. Topic {index}\n\nText {index}.\n\n" for index, number in enumerate(numbers))
    path = tmp_path / "topics.md"
    path.write_text(text, encoding="utf-8")
    result = run([str(path)], Settings(cache_dir=None, select=("heading-numbering",)))
    assert [(d.line, d.message) for d in result.diagnostics] == [
        (15, 'heading "5. Topic 3" skips from 3 (line 11) to 5; the fix renumbers it to 4'),
        (23, 'heading "6. Topic 5" repeats number 6 of the heading at line 19; the fix leaves it at 6 and renumbers '
             "the previous heading to 5"),
        (27, 'heading "8. Topic 6" skips from 6 (line 23) to 8; the fix renumbers it to 7'),
    ]


def test_sibling_copy_of_copy_under_other_parent_counted(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    body = "Sort the list with the sorted function and print the result.\n\n"
    text = f"## A\n\n### 1. X\n\n{body}## C\n\n### 2. X\n\n{body}### 3. X\n\n{body}### 5. Y\n\nReverse the list in place and print it.\n"
    (tmp_path / "guide.md").write_text(text, encoding="utf-8")

    _code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "guide.md")
    code, _stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--fix", "guide.md")

    assert stdout.splitlines()[2] == (
        'guide.md:17:5: DL402 heading-numbering [*] heading "5. Y" skips from 3 (line 13) to 5; the fix renumbers it to 4 '
        "(the fixes renumber it to 2 instead when --unsafe-fixes also removes the copies at lines 9, 13)"
    )
    headings = [line for line in (tmp_path / "guide.md").read_text(encoding="utf-8").splitlines() if line.startswith("### ")]
    assert headings == ["### 1. X", "### 2. X", "### 3. X", "### 4. Y"]
    assert code == 1


def test_plain_child_with_parent_number_keeps_message():
    text = "## 1. A\n\ntext\n\n## 3. B\n\n### 1. x\n\ntext\n\n### 2. y\n\ntext\n\n### 4. z\n\ntext\n\n### 5. w\n\ntext\n"
    findings = numbering_findings(text)

    assert positions(findings) == [(5, 4, 5), (15, 5, 6)]
    assert findings[1].message == 'heading "4. z" skips from 2 (line 11) to 4; the fix renumbers it to 3'
    assert [edit.replacement for edit in findings[1].fix.edits] == ["3", "4"]
