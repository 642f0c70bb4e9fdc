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


def test_seed_has_no_numbering_findings():
    result = run([str(SEED)], Settings())
    assert [d for d in result.diagnostics if d.rule == "heading-numbering"] == []


def test_fixture_skip_then_repeat():
    result = run([str(FIXTURES / "numbering.md")], Settings())
    findings = [d for d in result.diagnostics if d.rule == "heading-numbering"]
    assert [(d.code, d.severity.value) for d in findings] == [("DL402", "warning")] * 2
    assert positions(findings) == [(11, 4, 5), (15, 4, 5)]
    assert findings[0].message == 'heading "4. 配置服务" skips from 2 (line 7) to 4; expected 3'
    assert findings[1].message == 'heading "4. 启动服务" repeats number 4 of the heading at line 11; expected 5'


def test_fixture_related_previous_heading():
    result = run([str(FIXTURES / "numbering.md")], Settings())
    first = [d for d in result.diagnostics if d.rule == "heading-numbering"][0]
    assert [(r.line, r.column, r.message) for r in first.related] == [(7, 1, "previous numbered heading")]


def test_backwards():
    findings = numbering_findings("## 1. a\n\n## 2. b\n\n## 3. c\n\n## 2. d\n")
    assert positions(findings) == [(7, 4, 5)]
    assert findings[0].message == 'heading "2. d" goes back from 3 (line 5) to 2; expected 4'


def test_chinese_number_forms():
    text = "# 题库\n\n## 第1题 甲\n\n## 第2题 乙\n\n## 第5题 丙\n\n## 6、丁\n"
    findings = numbering_findings(text)
    assert positions(findings) == [(7, 5, 6)]
    assert findings[0].message == 'heading "第5题 丙" skips from 2 (line 5) to 5; expected 3'


def test_sequence_may_start_anywhere():
    assert numbering_findings("## 31. a\n\n## 32. b\n\n## 33. c\n") == []


def test_unnumbered_siblings_are_skipped():
    assert numbering_findings("## 1. a\n\n## Notes\n\n## 2. b\n\n## Summary\n") == []


def test_each_parent_has_its_own_sequence():
    text = "## 1. a\n\n### 1. x\n\n### 2. y\n\n## 2. b\n\n### 1. x\n\n### 3. z\n"
    findings = numbering_findings(text)
    assert positions(findings) == [(11, 5, 6)]
    assert findings[0].message == 'heading "3. z" skips from 1 (line 9) to 3; expected 2'


def test_dotted_numbers_compare_last_part():
    text = "## 2. a\n\n### 2.1 x\n\n### 2.2 y\n\n### 2.2 z\n"
    findings = numbering_findings(text)
    assert positions(findings) == [(7, 5, 8)]
    assert findings[0].message == 'heading "2.2 z" repeats number 2.2 of the heading at line 5; expected 2.3'


def test_change_of_number_form_restarts():
    assert numbering_findings("## 3. a\n\n## 3.1 b\n\n## 3.2 c\n") == []


def test_zero_padding_kept_in_expected_number():
    findings = numbering_findings("## 08. a\n\n## 09. b\n\n## 11. c\n")
    assert findings[0].message == 'heading "11. c" skips from 09 (line 3) to 11; expected 10'


def test_setext_heading_number_span():
    findings = numbering_findings("第1题 a\n====\n\n第3题 b\n====\n")
    assert positions(findings) == [(4, 2, 3)]


def test_number_inside_emphasis():
    findings = numbering_findings("## **1.** a\n\n## **3.** b\n")
    assert positions(findings) == [(3, 6, 7)]


def test_number_written_as_entity_spans_line():
    findings = numbering_findings("## 1. a\n\n## &#51;. b\n")
    assert positions(findings) == [(3, 1, len("## &#51;. b") + 1)]
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


def test_run_with_chinese_numeral_gets_no_fix():
    findings = numbering_findings("# Q\n\n## 第1题 a\n\n## 第3题 b\n\n## 第十一章 c\n")
    assert positions(findings) == [(5, 5, 6), (7, 1, 10)]
    assert [found.fix for found in findings] == [None, None]


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


def test_numbered_entries_with_dates_are_release_notes():
    # The number before a date is read ("1、2024年1月"), but such a list is release notes and left alone.
    document = parse_document(Source.from_text("doc.md", "## 1、2024年1月\n\n## 2、2024年3月\n\n## 4、2024年5月\n"))
    assert [section.number for section in document.sections] == ["1", "2", "4"]
    assert numbering_findings("# 记录\n\n## 1、2024年1月\n\n## 2、2024年3月\n\n## 4、2024年5月\n") == []
    assert numbering_findings("# R\n\n## 9: 2023-12-01\n\n## 10: 2024-03-01\n\n## 12: 2024-06-01\n") == []


def test_years_and_codes_get_no_safe_renumbering():
    from doclint.diagnostics import Applicability

    assert numbering_findings("# History\n\n## 1. Founding\n\n## 2. Growth\n\n## 2020: pandemic\n\n## 3. Today\n") == []
    assert numbering_findings("# Plans\n\n## 2021. Start\n\n## 2022. Growth\n\n## 2024. Now\n") == []
    [code] = numbering_findings("# Status\n\n## 400: Bad Request\n\n## 401: Unauthorized\n\n## 403: Forbidden\n")
    assert code.fix.applicability == Applicability.UNSAFE
