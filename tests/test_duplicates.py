import re
from pathlib import Path

import pytest

from doclint.engine import run
from doclint.parse import parse_document
from doclint.rules.duplicates import check_near_duplicates
from doclint.settings import Settings
from doclint.similarity import near_duplicate_matches
from doclint.source import Source

from conftest import FIXTURES, SEED

SEED_COPIES = {
    265: 174,
    278: 187,
    291: 200,
    304: 213,
    317: 226,
    330: 239,
    343: 252,
    356: 174,
    369: 187,
    382: 200,
}


def findings(*paths, rule=None, **settings):
    result = run([str(path) for path in paths], Settings(**settings))
    assert result.errors == []
    return [diagnostic for diagnostic in result.diagnostics if rule is None or diagnostic.rule == rule]


def test_seed_exact_copies_at_their_lines():
    duplicates = findings(SEED, rule="duplicate-section")
    assert [(d.line, d.related[0].line) for d in duplicates] == list(SEED_COPIES.items())


def test_seed_duplicate_message_and_span():
    first = findings(SEED, rule="duplicate-section")[0]
    assert first.code == "DL101"
    assert first.severity.value == "error"
    assert (first.line, first.column, first.end_line) == (265, 1, 276)
    assert first.message == (
        'section "21. 医疗知识图谱构建与推理" repeats section "14. 医疗知识图谱构建与推理" (line 174) '
        "word for word; remove this copy"
    )
    assert first.related[0].message == "first copy"


def test_seed_copy_before_thematic_break():
    last = findings(SEED, rule="duplicate-section")[-1]
    assert (last.line, last.end_line) == (382, 393)


def test_seed_near_duplicates():
    near = findings(SEED, rule="near-duplicate-section")
    pairs = [(d.line, d.related[0].line) for d in near]
    assert (187, 96) in pairs
    assert (200, 122) in pairs


def test_seed_near_duplicate_message():
    near = {d.line: d for d in findings(SEED, rule="near-duplicate-section")}
    assert near[187].message == (
        'section "15. 医疗机器人运动规划" is 82% similar to section "8. 医疗机器人" (line 96) after removing '
        "the text most sections share; merge the two or rewrite one so that each says something of its own"
    )
    assert near[187].severity.value == "warning"


def test_seed_no_unrelated_near_duplicates():
    near = findings(SEED, rule="near-duplicate-section")
    related_lines = {d.line: [r.line for r in d.related] for d in near}
    assert related_lines == {187: [96], 200: [122]}


def test_seed_copies_not_near_duplicates():
    near_lines = {d.line for d in findings(SEED, rule="near-duplicate-section")}
    assert near_lines.isdisjoint(SEED_COPIES)


def test_same_question_left_to_inconsistent_answer():
    # "完整答案示例" (397) is 98% similar to item 10 but asks its question again.
    near_lines = {d.line for d in findings(SEED, rule="near-duplicate-section")}
    assert 397 not in near_lines


def test_threshold_option_changes_findings():
    strict = findings(SEED, rule="near-duplicate-section", near_duplicate_threshold=83)
    assert [d.line for d in strict] == [200]
    loose = findings(SEED, rule="near-duplicate-section", near_duplicate_threshold=65)
    assert (174, 83) in [(d.line, d.related[0].line) for d in loose]


def test_english_fixture():
    result = findings(FIXTURES / "en-faq.md")
    assert [(d.rule, d.line, d.related[0].line) for d in result] == [
        ("near-duplicate-section", 42, 3),
        ("duplicate-section", 68, 29),
        ("heading-numbering", 81, 55),
    ]


def test_chinese_fixture():
    result = findings(FIXTURES / "zh-notes.md")
    assert [(d.rule, d.line, d.related[0].line) for d in result] == [
        ("near-duplicate-section", 27, 3),
        ("duplicate-section", 51, 15),
        ("heading-numbering", 63, 39),
    ]


def test_different_questions_rewrite_advice():
    near = {d.line: d for d in findings(FIXTURES / "differing-questions.md", rule="near-duplicate-section")}
    assert sorted(near) == [9, 21]
    assert near[9].message == (
        'section "2. Empty sequences again" is 92% similar to section "1. Empty sequences" (line 3) after removing '
        "the text most sections share, but the two ask different questions; rewrite this answer so that it "
        "answers its own question"
    )


def test_reworded_question_merge_advice():
    near = {d.line: d for d in findings(FIXTURES / "differing-questions.md", rule="near-duplicate-section")}
    assert near[21].message.endswith("; merge the two or rewrite one so that each says something of its own")


def test_different_headings_rewrite_advice():
    near = {d.line: d for d in findings(FIXTURES / "zh-differing-headings.md", rule="near-duplicate-section")}
    assert sorted(near) == [7, 15]
    assert near[7].message == (
        'section "2. 列出前十个步骤" is 98% similar to section "1. 列出前五个步骤" (line 3) after removing '
        "the text most sections share, but their headings name different things; rewrite this section so that "
        "it covers its own heading"
    )
    assert near[15].message.endswith("; merge the two or rewrite one so that each says something of its own")


def test_clean_document_has_no_findings():
    assert findings(FIXTURES / "clean-qa.md") == []


def test_sections_shared_across_files():
    install = FIXTURES / "cross-file" / "install.md"
    upgrade = FIXTURES / "cross-file" / "upgrade.md"
    result = findings(upgrade, install)
    assert [(d.path, d.rule, d.line) for d in result] == [
        (str(upgrade), "duplicate-section", 8),
        (str(upgrade), "near-duplicate-section", 13),
    ]
    assert result[0].related[0].path == str(install)
    assert result[0].related[0].line == 3
    assert f"(line 3 of {install})" in result[0].message


def test_folder_is_searched():
    result = findings(FIXTURES / "cross-file")
    assert [d.line for d in result] == [8, 13]


def test_copied_chapter_reported_once():
    text = "# A\n\nIntro text here.\n\n## A1\n\nDetail one.\n\n# B\n\nOther.\n\n# A\n\nIntro text here.\n\n## A1\n\nDetail one.\n"
    document = parse_document(Source.from_text("doc.md", text))
    from doclint.rules.duplicates import check_duplicates

    result = list(check_duplicates([document], Settings()))
    assert [(d.line, d.related[0].line) for d in result] == [(13, 1)]


def test_copy_under_other_parent_names_parents():
    # The changelog lists its newest release first, so the copy under 1.2.0 is the one pasted.
    result = findings(FIXTURES / "changelog-fixed.md", rule="duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(9, 15)]
    assert result[0].message == (
        'section "Fixed" under "1.2.0" repeats section "Fixed" under "1.1.0" (line 15) word for word; '
        'remove this copy unless "1.2.0" needs it as well'
    )
    assert result[0].fix.applicability.value == "unsafe"


def test_projects_page_parameters_not_copies():
    # get and delete take the same id: each method's Parameters table is its own reference text.
    assert findings(FIXTURES / "api" / "projects.md", rule="duplicate-section") == []


def test_boilerplate_sections_not_copies():
    result = findings(FIXTURES / "boilerplate", rule="duplicate-section")
    assert [(d.path, d.line) for d in result] == [(str(FIXTURES / "boilerplate" / "store.md"), 15)]
    assert result[0].message == (
        f'section "Shared notes" repeats section "Shared notes" (line 11 of {FIXTURES / "boilerplate" / "queue.md"}) '
        "word for word; remove this copy"
    )


def test_boilerplate_repeated_under_one_parent_reported():
    text = "# API\n\n## get\n\nFetch.\n\n### Raises\n\nNothing.\n\n## delete\n\nRemove.\n\n### Raises\n\nNothing.\n\n### Raises\n\nNothing.\n"
    document = parse_document(Source.from_text("doc.md", text))
    from doclint.rules.duplicates import check_duplicates

    result = list(check_duplicates([document], Settings()))
    assert [(d.line, d.related[0].line) for d in result] == [(19, 15)]
    assert result[0].message == 'section "Raises" repeats section "Raises" (line 15) word for word; remove this copy'
    assert result[0].fix.applicability.value == "safe"


def test_short_item_copy_across_files_reported(tmp_path):
    item = "## 什么是栈？\n\n**答案：** 后进先出。\n"
    (tmp_path / "a.md").write_text("# A\n\n" + item, encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n" + item, encoding="utf-8")
    result = findings(tmp_path, rule="duplicate-section")
    assert [(d.path, d.line, d.related[0].line) for d in result] == [(str(tmp_path / "b.md"), 3, 3)]


def test_copy_under_same_parent_fix_is_safe():
    text = "# API\n\n## get\n\n### Notes\n\nCached.\n\n### Notes\n\nCached.\n"
    document = parse_document(Source.from_text("doc.md", text))
    from doclint.rules.duplicates import check_duplicates

    result = list(check_duplicates([document], Settings()))
    assert [(d.line, d.related[0].line) for d in result] == [(9, 5)]
    assert result[0].message == 'section "Notes" repeats section "Notes" (line 5) word for word; remove this copy'
    assert result[0].fix.applicability.value == "safe"


def test_fix_keeps_copy_under_other_parent(run_cli, tmp_path):
    page = tmp_path / "changelog.md"
    original = (FIXTURES / "changelog-fixed.md").read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    run_cli("check", "--no-cache", "--no-config", "--fix", str(page))
    assert page.read_text(encoding="utf-8") == original


def test_heading_only_sections_are_not_duplicates():
    document = parse_document(Source.from_text("doc.md", "# Notes\n\n# Notes\n"))
    assert findings_for(document) == []


def test_whitespace_and_emphasis_do_not_hide_copy():
    text = "# 1. 排序\n\n**题目：** 如何排序？\n\n# 2. 排序\n\n题目：如何\n排序?\n"
    document = parse_document(Source.from_text("doc.md", text))
    result = findings_for(document)
    assert [(d.rule, d.line) for d in result] == [("duplicate-section", 5)]


def findings_for(document):
    from doclint.rules.duplicates import check_duplicates

    return list(check_duplicates([document], Settings())) + list(check_near_duplicates([document], Settings()))


@pytest.mark.parametrize("threshold", [75.0])
def test_template_alone_is_not_similarity(threshold):
    items = []
    for number, topic in enumerate(["排序算法", "哈希表", "二叉树", "动态规划", "图的遍历"], start=1):
        items.append(
            f"## {number}. {topic}\n\n**题目：** 如何理解{topic}？\n\n**答案：** 要点如下：\n\n"
            f"1. **基本概念**：{topic}的定义和{number * 7}个性质。\n"
            "2. **复杂度分析**：分析时间复杂度和空间复杂度，并与其他方法比较。\n"
            "3. **注意事项**：结合具体题目练习，总结常见错误。\n"
        )
    document = parse_document(Source.from_text("doc.md", "\n".join(items)))
    assert list(check_near_duplicates([document], Settings(near_duplicate_threshold=threshold))) == []


def test_heading_template_removed_from_its_sections():
    result = findings(FIXTURES / "release-history.md", rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(82, 40)]
    assert result[0].message == (
        'section "Internal Changes" is 84% similar to section "Internal Changes" (line 40) after removing the text '
        "most sections share; merge the two or rewrite one so that each says something of its own"
    )


def test_releases_with_same_date_not_copies():
    result = findings(FIXTURES / "release-dates.md")
    # The notes of the newer release 1.4.2 repeat those of 1.4.1 below them, so 1.4.2 is the one reported.
    assert [(d.rule, d.line, d.related[0].line) for d in result] == [
        ("near-duplicate-section", 3, 10),
        ("duplicate-section", 24, 17),
    ]
    assert result[0].message == (
        'section "1.4.2 (2024-03-11)" is 100% similar to section "1.4.1 (2024-03-11)" (line 10) after removing the '
        "text most sections share, but their headings name different things; rewrite this section so that it covers "
        "its own heading"
    )
    assert result[1].message == (
        'section "1.4.0 (2024-02-20)" repeats section "1.4.0 (2024-02-20)" (line 17) word for word; remove this copy'
    )


def heading_template_text(notes_bodies):
    """Return the comparison text of the first "Notes" section of a page with eight other sections."""
    from doclint.similarity import comparison_texts, document_entries

    notes = "".join(f"## Notes\n\n{body} Item {number}.\n\n" for number, body in enumerate(notes_bodies))
    others = "".join(f"## Topic {number}\n\nText of topic {number}.\n\n" for number in range(8))
    entries = document_entries(parse_document(Source.from_text("doc.md", notes + others)))
    return comparison_texts(entries)[entries[0].order]


def test_heading_template_needs_half_the_bodies():
    intro = "Shared opening sentence of every notes section."
    assert heading_template_text([intro, intro, intro, "Other.", "More.", "Last."]) == "item 0"
    assert heading_template_text([intro, intro, intro, "Other.", "More.", "Last.", "Final."]) == (
        "shared opening sentence of every notes section item 0"
    )


def test_run_template_removed_after_own_clauses():
    from doclint.similarity import comparison_texts, index_sections

    shared = "Every page repeats this opening sentence."
    texts = [f"## Page {number}\n\n{shared} Topic {number} has its own words.\n" for number in range(3)]
    texts.append("## Other\n\nNothing in common with the pages.\n")
    documents = [parse_document(Source.from_text(f"p{number}.md", text)) for number, text in enumerate(texts)]
    entries = index_sections(documents)

    before = [document.own_clauses for document in documents]
    compared = comparison_texts(entries)

    # One section per document is no document template, but three of four bodies make it the run's.
    assert documents[0].own_clauses == [("every page repeats this opening sentence", "topic 0 has its own words")]
    assert compared[entries[0].order] == "topic 0 has its own words"
    assert compared[entries[3].order] == "nothing in common with the pages"
    assert before == [None, None, None, None]


def test_loaded_documents_carry_own_clauses(tmp_path):
    from doclint.loader import load_documents
    from doclint.similarity import document_own_clauses

    (tmp_path / "a.md").write_text("## Notes\n\nShared line. First.\n\n## Notes\n\nShared line. Second.\n", encoding="utf-8")

    [document] = load_documents([str(tmp_path / "a.md")], Settings(cache_dir=None), [])

    assert document.own_clauses == document_own_clauses(parse_document(Source.from_text("a.md", document.source.text)))
    assert document.own_clauses == [("shared line", "first"), ("shared line", "second")]


def test_section_forms_nested_keys():
    from doclint.similarity import copy_key, section_forms

    document = parse_document(Source.from_text("nested.md",
        "# A\n\nIntro.\n\n## B\n\nBody of B.\n\n### C\n\nBody of C.\n\n## D\n\nBody of D.\n\n# E\n\nOther.\n"
    ))
    forms = section_forms(document)
    assert [(key, content) for key, content, _clauses, _navigation in forms] == [copy_key(section) for section in document.walk()]
    assert len({key for key, _content, _clauses, _navigation in forms}) == 5


def test_seed_findings_with_question_process(monkeypatch):
    from doclint import qa

    expected = [(d.code, d.line, d.message) for d in run([str(SEED)], Settings(jobs=1)).diagnostics]
    monkeypatch.setattr(qa, "BACKGROUND_MIN_ITEMS", 2)

    found = [(d.code, d.line, d.message) for d in run([str(SEED)], Settings(jobs=2)).diagnostics]

    assert found == expected
    assert [line for code, line, _message in found if code in ("DL102", "DL201")] == [187, 200, 397]


def test_seed_findings_with_lsh_search(monkeypatch):
    from doclint import similarity

    expected = [(d.code, d.line, d.message) for d in run([str(SEED)], Settings(cache_dir=None)).diagnostics]
    monkeypatch.setattr(similarity, "LSH_MIN_TEXTS", 1)

    found = [(d.code, d.line, d.message) for d in run([str(SEED)], Settings(cache_dir=None)).diagnostics]

    assert found == expected


def test_near_duplicate_names_ten_most_similar(tmp_path):
    # Twelve sections that differ only in their numbers all match each other; a finding names the ten best.
    # Their bodies are longer than short entries (MAX_ENTRY_CHARS), which differ when a number does.
    items = [
        f"## {n}. Caching question {n}\n\nFirst understand what caching does in system {n * 7} and size it to "
        f"{n * 3} nodes, then roll it out in service {n * 11} and watch the latency of every request. Record "
        f"the sizes and the latency in the capacity sheet of system {n * 7} before the next review.\n"
        for n in range(1, 13)
    ]
    path = tmp_path / "bank.md"
    path.write_text("# Bank\n\n" + "\n".join(items), encoding="utf-8")

    near = findings(path, rule="near-duplicate-section")
    assert max(len(d.related) for d in near) == 10
    last = near[-1]
    scores = [int(r.message.split("%")[0]) for r in last.related]
    assert scores == sorted(scores, reverse=True)


def test_best_matches_keeps_highest_then_earliest():
    import numpy

    from doclint.similarity import _best_matches

    later = numpy.array([5, 5, 5, 5, 7, 7], dtype=numpy.int64)
    earlier = numpy.array([1, 2, 3, 4, 0, 6], dtype=numpy.int64)
    score = numpy.array([80, 90, 90, 85, 75, 99], dtype=numpy.float32)
    kept_later, kept_earlier, kept_score = _best_matches(later, earlier, score, 2)
    assert kept_later.tolist() == [5, 5, 7, 7]
    assert kept_earlier.tolist() == [2, 3, 6, 0]
    assert kept_score.tolist() == [90.0, 90.0, 99.0, 75.0]


def test_short_answers_are_not_near_duplicates(tmp_path):
    page = tmp_path / "billing.md"
    page.write_text(
        "# Billing FAQ\n\n## 1. How do I pay?\n\nBy card or by bank transfer, in any currency we list on the pricing page.\n\n"
        "## 2. Can I get an invoice?\n\nYes, from the dashboard.\n\n## 3. How do I cancel?\n\nFrom the dashboard.\n",
        encoding="utf-8",
    )
    assert findings(page) == []


def test_short_chinese_answers_still_compared(tmp_path):
    # Sixteen Chinese characters weigh enough, where sixteen Latin letters do not.
    page = tmp_path / "notes.md"
    body = "在控制台的账单页面下载每个月的发票文件"
    page.write_text(f"# 账单\n\n## 1. 怎样下载发票\n\n{body}。\n\n## 2. 发票在哪里\n\n请{body}。\n", encoding="utf-8")
    assert [(d.rule, d.line) for d in findings(page)] == [("near-duplicate-section", 7)]


DISTINCT_ITEMS = FIXTURES / "distinct-items-zh.md"

STACK_AND_QUEUE = """\
# 题库

## 1. 栈

**题目：** 什么是栈？

**答案：** {stack}

## 2. 队列

**题目：** 什么是队列？

**答案：** {queue}
"""


def near_duplicate_pairs(path):
    document = parse_document(Source.from_text(str(path), path.read_text(encoding="utf-8")))
    matches = near_duplicate_matches([document], 75.0)
    return {(later.section.line, earlier.section.line) for later, found in matches.items() for _score, earlier in found}


def test_opposite_and_version_items_not_reported():
    pairs = near_duplicate_pairs(DISTINCT_ITEMS)
    assert (29, 3) in pairs
    assert (48, 42) in pairs
    assert findings(DISTINCT_ITEMS, rule="near-duplicate-section") == []


def test_subject_swap_with_opposite_answers_not_reported(tmp_path):
    path = tmp_path / "bank.md"
    path.write_text(STACK_AND_QUEUE.format(stack="后进先出的线性表。", queue="先进先出的线性表。"), encoding="utf-8")
    assert (9, 3) in near_duplicate_pairs(path)
    assert findings(path, rule="near-duplicate-section") == []


def test_subject_swap_with_same_answer_advises_rewrite(tmp_path):
    path = tmp_path / "bank.md"
    answer = "一种只能在端点插入和删除元素的线性表。"
    path.write_text(STACK_AND_QUEUE.format(stack=answer, queue=answer), encoding="utf-8")
    [finding] = findings(path, rule="near-duplicate-section")
    assert finding.line == 9
    assert finding.message.startswith('section "2. 队列" is ')
    assert finding.message.endswith(
        'similar to section "1. 栈" (line 3) after removing the text most sections share, but the two ask different '
        "questions; rewrite this answer so that it answers its own question"
    )


def test_opposite_question_with_pasted_answer_advises_rewrite(tmp_path):
    # The fixture's items 1 and 3 with item 1's answer and explanation pasted into item 3.
    lines = DISTINCT_ITEMS.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "bank.md"
    path.write_text("".join(lines[:37] + lines[11:14] + lines[40:]), encoding="utf-8")
    assert path.read_text(encoding="utf-8").splitlines()[37:40] == ["**答案：** C", "", "**解析：** 元组创建后不能修改。"]
    [finding] = findings(path, rule="near-duplicate-section")
    assert finding.line == 29
    assert finding.related[0].line == 3
    assert "but the two ask different questions; rewrite this answer so that it answers its own question" in finding.message


def test_distinct_items_still_compared_for_borrowing(tmp_path):
    lines = DISTINCT_ITEMS.read_text(encoding="utf-8").splitlines(keepends=True)
    pasted = "**解析：** 判断可变性时要看对象创建以后能否在原处修改它的内容。\n"
    path = tmp_path / "bank.md"
    path.write_text("".join(lines[:13] + [pasted] + lines[14:39] + [pasted] + lines[40:]), encoding="utf-8")
    assert findings(path, rule="near-duplicate-section") == []
    [finding] = findings(path, rule="borrowed-passage")
    assert finding.line == 40
    assert finding.related[0].line == 14
    assert finding.message.startswith('the explanation of item "3. 单选题" repeats the explanation of item "1. 单选题" (line 14)')


def test_items_with_other_options_and_answers_are_distinct():
    # The questions score below the threshold because their options differ; the answers differ too.
    page = FIXTURES / "distinct-options-zh.md"
    assert [d.rule for d in findings(page) if d.rule == "near-duplicate-section"] == []


def test_changelog_entries_differing_in_key_terms():
    result = findings(FIXTURES / "changelog-entries.md", rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(25, 15)]
    assert result[0].message == (
        'section "Fixed" is 100% similar to section "Changed" (line 15) after removing the text most sections '
        "share; merge the two or rewrite one so that each says something of its own"
    )


UPGRADE = (
    "## Upgrade instructions\n\nRun `pip install --upgrade acme-cli` on every machine, then restart the "
    "service with `acme service restart`; no configuration change is needed.\n"
)


def write_releases(folder, count, upgrade=UPGRADE):
    """Write ``count`` release notes into ``folder``, each with its own highlights and the same upgrade section."""
    folder.mkdir(parents=True, exist_ok=True)
    for minor in range(count):
        text = f"# Release 1.{minor}.0\n\n## Highlights\n\nAdd feature number {minor} to the sync command.\n\n{upgrade}"
        (folder / f"v1.{minor}.0.md").write_text(text, encoding="utf-8")


def copy_places(root):
    """Return the file, relative to ``root``, and line of each duplicate-section finding of a run on ``root``."""
    return [(Path(d.path).relative_to(root).as_posix(), d.line) for d in findings(root, rule="duplicate-section")]


def test_upgrade_section_of_every_release_is_template(tmp_path):
    write_releases(tmp_path / "releases", 3)
    assert findings(tmp_path, rule="duplicate-section") == []


def test_upgrade_section_of_two_releases_is_copy(tmp_path):
    write_releases(tmp_path / "releases", 2)
    copies = findings(tmp_path, rule="duplicate-section")
    assert [(d.path, d.line, d.related[0].path) for d in copies] == [
        (str(tmp_path / "releases" / "v1.1.0.md"), 7, str(tmp_path / "releases" / "v1.0.0.md"))
    ]


METHOD = """## Client.{name}

{summary}

### Parameters

| name | type | meaning |
| --- | --- | --- |
| `project` | `str` | The project name, as shown by `acme list`. |
| `timeout` | `float` | Seconds to wait for the server before raising `TimeoutError`. |

"""


def api_page(*methods):
    """Return an API page with one section per (name, summary), each with the same Parameters table."""
    return "# Client\n\n" + "".join(METHOD.format(name=name, summary=summary) for name, summary in methods)


def test_parameters_of_three_methods_are_template(tmp_path):
    page = api_page(("push", "Upload the files."), ("pull", "Download the files."), ("status", "List the files."))
    (tmp_path / "client.md").write_text(page, encoding="utf-8")
    assert findings(tmp_path / "client.md", rule="duplicate-section") == []


def test_parameters_of_two_methods_are_their_own(tmp_path):
    page = api_page(("push", "Upload the files."), ("pull", "Download the files."))
    (tmp_path / "client.md").write_text(page, encoding="utf-8")
    assert findings(tmp_path / "client.md", rule="duplicate-section") == []


def test_parameters_of_pasted_method_are_copy(tmp_path):
    # upload keeps the summary of push: the method was pasted under a new name.
    page = api_page(("push", "Upload the files."), ("upload", "Upload the files."))
    (tmp_path / "client.md").write_text(page, encoding="utf-8")
    copies = findings(tmp_path / "client.md", rule="duplicate-section")
    assert [(d.line, d.related[0].line) for d in copies] == [(18, 7)]
    assert copies[0].message.startswith('section "Parameters" under "Client.upload" repeats section "Parameters" under "Client.push"')
    assert copies[0].fix.applicability.value == "unsafe"


def test_copies_in_three_folders_are_not_template(tmp_path):
    for name in ("install", "sync", "push"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.md").write_text(f"# {name}\n\n{UPGRADE}", encoding="utf-8")
    assert copy_places(tmp_path) == [
        ("push/index.md", 3),
        ("sync/index.md", 3),
    ]


def test_template_needs_half_the_same_headings(tmp_path):
    # Three pages share the section, but four others write their own upgrade steps: 3 of 7 is no norm.
    # The pages are no release notes (their titles name no version), which doclint.release_notes treats apart.
    write_releases(tmp_path / "releases", 3)
    for path in (tmp_path / "releases").iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"# Release 1\.(\d)\.0", r"# Service part \1", text), encoding="utf-8")
    for minor in range(3, 7):
        own = f"## Upgrade instructions\n\nRun the migration script number {minor} before you restart the service.\n"
        (tmp_path / "releases" / f"v1.{minor}.0.md").write_text(f"# Service part {minor}\n\n{own}", encoding="utf-8")
    assert copy_places(tmp_path) == [
        ("releases/v1.1.0.md", 7),
        ("releases/v1.2.0.md", 7),
    ]


def test_template_section_twice_under_one_parent_is_copy(tmp_path):
    write_releases(tmp_path / "releases", 3)
    path = tmp_path / "releases" / "v1.2.0.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + UPGRADE, encoding="utf-8")
    copies = findings(tmp_path, rule="duplicate-section")
    # Only the second copy in v1.2.0 is reported, against the first one in that file, and removing it is safe.
    assert [(d.path, d.line, d.related[0].path, d.related[0].line) for d in copies] == [(str(path), 11, str(path), 7)]
    assert copies[0].message == (
        'section "Upgrade instructions" repeats section "Upgrade instructions" (line 7) word for word; remove this copy'
    )
    assert copies[0].fix.applicability.value == "safe"


def test_section_doubled_in_two_pages_is_copy(tmp_path):
    write_releases(tmp_path / "releases", 2)
    path = tmp_path / "releases" / "v1.1.0.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + UPGRADE, encoding="utf-8")
    # Three copies under two parents are no template, however many copies there are.
    assert copy_places(tmp_path) == [
        ("releases/v1.1.0.md", 7),
        ("releases/v1.1.0.md", 11),
    ]


def write_year(folder, year, count):
    """Write ``count`` release notes of ``year`` into ``folder``, each with its own highlights and the same upgrade section."""
    folder.mkdir(parents=True, exist_ok=True)
    for minor in range(count):
        text = f"# Release {year}.{minor}\n\n## Highlights\n\nAdd feature {minor} of {year} to the sync command.\n\n{UPGRADE}"
        (folder / f"{year}.{minor}.md").write_text(text, encoding="utf-8")


def test_template_of_earlier_year_covers_new_year(tmp_path):
    # A new year's folder starts with two notes: they belong to the template of the folders before it.
    write_year(tmp_path / "releases" / "2024", 2024, 5)
    write_year(tmp_path / "releases" / "2025", 2025, 2)
    assert findings(tmp_path, rule="duplicate-section") == []


def test_one_note_per_year_is_copy(tmp_path):
    write_year(tmp_path / "releases" / "2024", 2024, 1)
    write_year(tmp_path / "releases" / "2025", 2025, 1)
    assert copy_places(tmp_path) == [("releases/2025/2025.0.md", 7)]


def test_copy_in_other_named_folder(tmp_path):
    write_year(tmp_path / "releases" / "2024", 2024, 3)
    write_year(tmp_path / "archive" / "2025", 2025, 1)
    assert copy_places(tmp_path) == [("archive/2025/2025.0.md", 7)]


GUIDE = "# Install\n\nInstall the tool with pip.\n\n" + UPGRADE


@pytest.mark.parametrize("folder", ["guide", "tutorial"])
def test_template_copy_outside_its_folder_is_copy(tmp_path, folder):
    # "guide" sorts before "releases" and "tutorial" after it: either way only the pasted copy is reported.
    write_releases(tmp_path / "releases", 4)
    (tmp_path / folder).mkdir()
    pasted = tmp_path / folder / "install.md"
    pasted.write_text(GUIDE, encoding="utf-8")

    copies = findings(tmp_path, rule="duplicate-section")
    first = tmp_path / "releases" / "v1.0.0.md"
    assert [(d.path, d.line, d.related[0].path, d.related[0].line) for d in copies] == [(str(pasted), 5, str(first), 7)]
    assert copies[0].code == "DL101"
    assert copies[0].message == (
        f'section "Upgrade instructions" repeats section "Upgrade instructions" (line 7 of {first}) word for word; '
        "remove this copy"
    )
    assert copies[0].fix.applicability.value == "unsafe"


def test_template_copies_in_two_outside_pages(tmp_path):
    write_releases(tmp_path / "releases", 3)
    (tmp_path / "guide").mkdir()
    for name in ("install", "upgrade"):
        page = f"# {name}\n\nHow to {name} the tool.\n\n{UPGRADE}"
        (tmp_path / "guide" / f"{name}.md").write_text(page, encoding="utf-8")
    # Two pages of one folder are no template there, so each copy is reported against the release notes.
    copies = findings(tmp_path, rule="duplicate-section")
    assert [(Path(d.path).name, d.line, d.related[0].path) for d in copies] == [
        ("install.md", 5, str(tmp_path / "releases" / "v1.0.0.md")),
        ("upgrade.md", 5, str(tmp_path / "releases" / "v1.0.0.md")),
    ]


def test_template_in_two_folders_keeps_both(tmp_path):
    write_releases(tmp_path / "releases", 3)
    (tmp_path / "archive").mkdir()
    for major in range(3):
        text = f"# Release 0.{major}\n\n## Notes\n\nAn early release number {major} of the sync command.\n\n{UPGRADE}"
        (tmp_path / "archive" / f"v0.{major}.md").write_text(text, encoding="utf-8")
    assert findings(tmp_path, rule="duplicate-section") == []


def test_unsafe_fix_removes_only_outside_copy(run_cli, tmp_path):
    write_releases(tmp_path / "releases", 4)
    notes = {path: path.read_bytes() for path in (tmp_path / "releases").iterdir()}
    (tmp_path / "guide").mkdir()
    pasted = tmp_path / "guide" / "install.md"
    pasted.write_text(GUIDE, encoding="utf-8")

    code, stdout, _ = run_cli("check", "--no-cache", "--fix", str(tmp_path))
    assert code == 1
    assert pasted.read_text(encoding="utf-8") == GUIDE

    code, stdout, _ = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", str(tmp_path))
    assert code == 0
    assert stdout == "Fixed 1 problem.\nNo problems found in 5 files.\n"
    assert pasted.read_text(encoding="utf-8") == "# Install\n\nInstall the tool with pip.\n"
    assert {path: path.read_bytes() for path in (tmp_path / "releases").iterdir()} == notes


def test_template_copy_checked_with_compare_with(run_cli, tmp_path):
    write_releases(tmp_path / "releases", 4)
    (tmp_path / "guide").mkdir()
    pasted = tmp_path / "guide" / "install.md"
    pasted.write_text(GUIDE, encoding="utf-8")
    first = tmp_path / "releases" / "v1.0.0.md"

    code, stdout, _ = run_cli("check", "--no-cache", str(pasted), "--compare-with", str(tmp_path / "releases"))
    assert code == 1
    assert stdout.splitlines()[0] == (
        f'{pasted}:5:1: DL101 duplicate-section section "Upgrade instructions" repeats section '
        f'"Upgrade instructions" (line 7 of {first}) word for word; remove this copy'
    )

    # A new release note is no copy, whatever else the run compares it with.
    code, stdout, _ = run_cli("check", "--no-cache", str(tmp_path / "releases" / "v1.3.0.md"), "--compare-with", str(tmp_path))
    assert (code, stdout) == (0, "No problems found in 1 file.\n")

    # The first release note is the copy that the pasted one repeats, so a check of it alone learns of the paste.
    code, stdout, _ = run_cli("check", "--no-cache", str(first), "--compare-with", str(tmp_path))
    assert code == 1
    assert stdout.splitlines()[0] == (
        f'{first}:7:1: DL101 duplicate-section section "Upgrade instructions" is repeated word for word by section '
        f'"Upgrade instructions" (line 5 of {pasted}); remove one of the two copies'
    )


def test_item_repeated_in_three_pages_is_copy(tmp_path):
    # A Q&A item has labelled fields, so its copies are never a template.
    item = "## Backup\n\n**Q:** How do I back up a project?\n\n**A:** Run `acme backup website` and keep the archive.\n"
    write_releases(tmp_path / "faq", 3, upgrade=item)
    assert copy_places(tmp_path) == [
        ("faq/v1.1.0.md", 7),
        ("faq/v1.2.0.md", 7),
    ]


CONFIG_BLOCK = """```toml
[project]
name = "website"
remote = "https://acme.example/website"
cache = "~/.cache/acme"
retries = 3
```
"""


def write_pages(root, pages):
    """Write each page of ``pages``, a mapping of relative paths to texts, under ``root``."""
    for relative, text in pages.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_configure_pages(root, english_caption, chinese_caption):
    """Write an English page and its translation whose Configure sections share one TOML block."""
    (root / "en").mkdir()
    (root / "zh").mkdir()
    (root / "en" / "install.md").write_text(f"# Install\n\n## Configure\n\n{english_caption}\n\n{CONFIG_BLOCK}", encoding="utf-8")
    (root / "zh" / "install.md").write_text(f"# 安装\n\n## 配置\n\n{chinese_caption}\n\n{CONFIG_BLOCK}", encoding="utf-8")


def test_translated_section_with_same_code_not_near_duplicate(tmp_path):
    write_configure_pages(tmp_path, "Create `acme.toml` in the project folder:", "在项目文件夹中创建 `acme.toml`：")
    assert findings(tmp_path, rule="near-duplicate-section") == []


def test_translation_naming_products_not_near_duplicate(tmp_path):
    # With its heading, the Chinese prose has 10 CJK characters and marks against 14 Latin letters (tidepool,
    # Python), so neither system dominates, but against English prose it is Chinese.
    write_configure_pages(tmp_path, "tidepool needs Python 3.9 or newer.", "tidepool 需要 Python 3.9 或更高版本。")
    assert findings(tmp_path, rule="near-duplicate-section") == []


def test_english_caption_naming_chinese_term_still_near_duplicate(tmp_path):
    # One Chinese term in an English caption does not make the translation Chinese.
    write_configure_pages(tmp_path, "Create `acme.toml` in the project folder:", "Create `acme.toml` in the 项目 folder of the project:")
    near = findings(tmp_path, rule="near-duplicate-section")
    assert [(d.path, d.line) for d in near] == [(str(tmp_path / "zh" / "install.md"), 3)]


def test_untranslated_caption_still_near_duplicate(tmp_path):
    # The translation kept a reworded English caption, so both sides are in Latin letters.
    write_configure_pages(tmp_path, "Create `acme.toml` in the project folder:", "Create `acme.toml` in the folder of the project:")
    near = findings(tmp_path, rule="near-duplicate-section")
    assert [(d.path, d.line, d.related[0].path) for d in near] == [
        (str(tmp_path / "zh" / "install.md"), 3, str(tmp_path / "en" / "install.md"))
    ]


def test_short_captions_in_one_script_not_near_duplicate(tmp_path):
    # Heading and caption are short, but all of "配置 示例" is CJK and all of "Configure Example" Latin.
    write_configure_pages(tmp_path, "Example:", "示例：")
    assert findings(tmp_path, rule="near-duplicate-section") == []


def test_code_only_translation_not_near_duplicate(tmp_path):
    write_pages(
        tmp_path,
        {"en/usage.md": f"# Usage\n\n## Example\n\n{CONFIG_BLOCK}", "zh/usage.md": f"# 用法\n\n## 示例\n\n{CONFIG_BLOCK}"},
    )
    assert findings(tmp_path, rule="near-duplicate-section") == []


def test_mixed_short_prose_keeps_near_duplicate(tmp_path):
    # "Configure 示例" mixes both scripts and is too short for either to dominate, so the shared code decides.
    write_pages(
        tmp_path,
        {
            "en/install.md": f"# Install\n\n## Configure\n\nExample:\n\n{CONFIG_BLOCK}",
            "zh/install.md": f"# 安装\n\n## Configure\n\n示例：\n\n{CONFIG_BLOCK}",
        },
    )
    near = findings(tmp_path, rule="near-duplicate-section")
    assert [(d.path, d.line) for d in near] == [(str(tmp_path / "zh" / "install.md"), 3)]


def test_code_only_sections_same_script_near_duplicate(tmp_path):
    write_pages(
        tmp_path,
        {"en/usage.md": f"# Usage\n\n## Example\n\n{CONFIG_BLOCK}", "guide/usage.md": f"# Guide\n\n## Sample\n\n{CONFIG_BLOCK}"},
    )
    near = findings(tmp_path, rule="near-duplicate-section")
    assert [(d.path, d.line) for d in near] == [(str(tmp_path / "guide" / "usage.md"), 3)]


def test_untranslated_section_advice(tmp_path):
    # The Chinese page kept the English text of one section; the rest of the page is Chinese.
    english = "Submit one job and return at once; the job runs on the server, and its result waits in the queue."
    write_pages(
        tmp_path,
        {
            "en/client.md": f"# Client\n\n## Connecting\n\nOpen a connection to the server first.\n\n## Submitting\n\n{english}\n",
            "zh/client.md": (
                "# 客户端\n\n## 连接\n\n先打开到服务器的连接，然后再提交任务，连接会一直保持到程序结束。\n\n"
                f"## Submit\n\n{english}\n"
            ),
        },
    )
    near = findings(tmp_path, rule="near-duplicate-section")
    assert [(d.path, d.line) for d in near] == [(str(tmp_path / "zh" / "client.md"), 7)]
    assert near[0].message.endswith(
        "after removing the text most sections share, but the rest of its page is in another writing system; "
        "translate this section"
    )


def test_same_language_copy_not_translated(tmp_path):
    english = "Submit one job and return at once; the job runs on the server, and its result waits in the queue."
    write_pages(
        tmp_path,
        {
            "guide/client.md": f"# Client\n\n## Connecting\n\nOpen a connection to the server first.\n\n## Submitting\n\n{english}\n",
            "guide/jobs.md": f"# Jobs\n\n## Queues\n\nEach queue keeps its jobs in order.\n\n## Sending\n\n{english}\n",
        },
    )
    near = findings(tmp_path, rule="near-duplicate-section")
    assert [d.message.endswith("merge the two or rewrite one so that each says something of its own") for d in near] == [True]
