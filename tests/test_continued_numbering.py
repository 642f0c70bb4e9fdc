"""heading-numbering across parts: exercises numbered on from the part before, or from 1 in each part."""

import shutil

from doclint.parse import parse_document
from doclint.rules.numbering import check_numbering
from doclint.settings import Settings
from doclint.source import Source

from conftest import FIXTURES

ENGLISH_FIXTURE = FIXTURES / "exercises-continued.md"
CHINESE_FIXTURE = FIXTURES / "exercises-continued-zh.md"


def findings_of(text: str):
    document = parse_document(Source.from_text("doc.md", text))
    return [(found.code, found.line, found.column, found.message) for found in check_numbering(document, Settings())]


NUMBER_WORDS = dict(enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split()
))


def exercises(*parts: tuple[str, list[int]]) -> str:
    """Build a workbook with one ``##`` heading per part and one ``###`` exercise per number."""
    text = "# Workbook\n\n"
    for title, numbers in parts:
        text += f"## {title}\n\n"
        for number in numbers:
            # The titles name their exercise in words: a title that wrote its own number in digits would make the fix
            # unsafe, because the fix leaves the title as it is.
            text += f"### {number}. Exercise {NUMBER_WORDS[number]} of {title}\n\nSolve it on paper first.\n\n"
    return text


def check(run_cli, *arguments: str) -> tuple[int, str, str]:
    return run_cli("check", "--no-config", "--no-cache", *arguments)


def changed_headings(diff: str) -> list[str]:
    return [line for line in diff.splitlines() if line.startswith(("-###", "+###"))]


def headings(path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("### ")]


def test_english_fixture_findings():
    assert findings_of(ENGLISH_FIXTURE.read_text(encoding="utf-8")) == [
        (
            "DL402",
            26,
            5,
            'heading "5. Borrowing" continues the numbering under "Part A: addition" but skips from 3 (line 16) to 5; '
            "the fix renumbers it to 4",
        ),
        (
            "DL402",
            36,
            5,
            'heading "6. Order of operations" continues the numbering under "Part B: subtraction" but repeats number 6 '
            "of the heading at line 30; the fix leaves it at 6 and renumbers the previous heading to 5",
        ),
    ]


def test_chinese_fixture_findings():
    assert findings_of(CHINESE_FIXTURE.read_text(encoding="utf-8")) == [
        (
            "DL402",
            21,
            5,
            'heading "5、一个数加上 7 等于 15，这个数是____。" continues the numbering under "一、选择题" '
            "but skips from 3 (line 15) to 5; the fix renumbers it to 4",
        ),
        (
            "DL402",
            35,
            5,
            'heading "3、一本书 96 页，每天看 8 页，几天看完？" repeats number 3 of the heading at line 33; the fix renumbers it to 4',
        ),
    ]


def test_chinese_fixture_messages_in_chinese(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(CHINESE_FIXTURE, tmp_path / "unit.md")

    _code, stdout, _stderr = check(run_cli, "--lang", "zh-CN", "unit.md")

    assert stdout.splitlines()[0] == (
        "unit.md:21:5: DL402 heading-numbering [*] 标题“5、一个数加上 7 等于 15，这个数是____。”接续“一、选择题”下的编号，"
        "但从 3（第 15 行）跳到 5；修复后改为 4"
    )


def test_repeat_message_in_chinese(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "book.md").write_text(exercises(("Part A", [1, 2]), ("Part B", [2, 3])), encoding="utf-8")

    _code, stdout, _stderr = check(run_cli, "--lang", "zh-CN", "book.md")

    assert stdout.splitlines()[0] == (
        "book.md:15:5: DL402 heading-numbering [*] 标题“2. Exercise two of Part B”接续“Part A”下的编号，"
        "但重复了第 9 行标题的编号 2；修复后改为 3"
    )


def test_fix_renumbers_continuing_parts(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(ENGLISH_FIXTURE, tmp_path / "workbook.md")

    code, stdout, _stderr = check(run_cli, "--fix", "workbook.md")

    assert headings(tmp_path / "workbook.md") == [
        "### 1. Two digits",
        "### 2. Three digits",
        "### 3. Carrying twice",
        "### 4. Borrowing",
        "### 5. Zero in the middle",
        "### 6. Order of operations",
        "### 7. Brackets",
        "### 1. Mental sum",
        "### 2. Mental difference",
        "### 3. Estimate",
        "### 4. Check",
    ]
    assert stdout.splitlines() == ["Fixed 2 problems.", "No problems found in 1 file."]
    assert code == 0


def test_fix_renumbers_chinese_parts(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(CHINESE_FIXTURE, tmp_path / "unit.md")

    code, _stdout, _stderr = check(run_cli, "--fix", "unit.md")

    numbers = [line.split(" ")[1][:2] for line in headings(tmp_path / "unit.md")]
    assert numbers == ["1．", "2．", "3、", "4、", "5、", "1、", "2、", "3、", "4、"]
    assert code == 0


def test_diff_shows_later_part_renumbered(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "book.md").write_text(exercises(("Part A", [1, 2, 4]), ("Part B", [5, 6])), encoding="utf-8")

    code, stdout, _stderr = check(run_cli, "--diff", "book.md")

    assert changed_headings(stdout) == [
        "-### 4. Exercise four of Part A",
        "+### 3. Exercise four of Part A",
        "-### 5. Exercise five of Part B",
        "+### 4. Exercise five of Part B",
        "-### 6. Exercise six of Part B",
        "+### 5. Exercise six of Part B",
    ]
    assert (tmp_path / "book.md").read_text(encoding="utf-8").count("### 4.") == 1
    assert code == 1


def test_break_in_earlier_part_one_finding():
    assert findings_of(exercises(("Part A", [1, 2, 4]), ("Part B", [5, 6]))) == [
        ("DL402", 13, 5, 'heading "4. Exercise four of Part A" skips from 2 (line 9) to 4; the fix renumbers it to 3')
    ]


def test_parts_from_one_not_reported():
    assert findings_of(exercises(("Part A", [1, 2, 3]), ("Part B", [1, 2]), ("Part C", [1]))) == []


def test_parts_counting_on_not_reported():
    assert findings_of(exercises(("Part A", [1, 2, 3]), ("Part B", [4, 5]), ("Part C", [6]))) == []


def test_part_starting_below_previous_end_not_continued():
    assert findings_of(exercises(("Part A", [1, 2, 3, 4, 5]), ("Part B", [3, 4]))) == []


def test_part_starting_far_above_previous_end_not_continued():
    assert findings_of(exercises(("Part A", [1, 2, 3]), ("Part B", [14, 15]))) == []


def test_largest_gap_still_continues():
    found = findings_of(exercises(("Part A", [1, 2, 3]), ("Part B", [13, 14])))

    assert [(code, line) for code, line, _column, _message in found] == [("DL402", 19)]
    assert found[0][3].endswith("skips from 3 (line 13) to 13; the fix renumbers it to 4")


def test_part_continuing_fixed_number_reported():
    text = exercises(("Part A", [1, 2, 3]), ("Part B", [5, 6]), ("Part C", [5, 6]))

    assert findings_of(text) == [
        (
            "DL402", 19, 5,
            'heading "5. Exercise five of Part B" continues the numbering under "Part A" but skips from 3 (line 13) '
            "to 5; the fix renumbers it to 4",
        ),
        (
            "DL402", 29, 5,
            'heading "5. Exercise five of Part C" continues the numbering under "Part B" but goes back from 6 '
            "(line 23) to 5; the fix renumbers it to 6",
        ),
    ]


def test_part_below_fixed_number_not_continued():
    found = findings_of(exercises(("Part A", [1, 2, 3]), ("Part B", [5, 6]), ("Part C", [4, 5])))
    assert [(code, line) for code, line, _column, _message in found] == [("DL402", 19)]


def test_fix_writes_numbers_of_messages(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = exercises(("Part A", [1, 2, 3]), ("Part B", [5, 6]), ("Part C", [5, 6]))
    (tmp_path / "book.md").write_text(text, encoding="utf-8")

    code, stdout, _stderr = check(run_cli, "--fix", "book.md")

    assert [line.split(" Exercise")[0] for line in headings(tmp_path / "book.md")] == [
        "### 1.", "### 2.", "### 3.", "### 4.", "### 5.", "### 6.", "### 7.",
    ]
    assert stdout.splitlines() == ["Fixed 2 problems.", "No problems found in 1 file."]
    assert code == 0


def test_part_without_exercises_between_parts():
    text = exercises(("Part A", [1, 2]), ("Summary", []), ("Part B", [4]))

    assert findings_of(text) == [
        (
            "DL402",
            17,
            5,
            'heading "4. Exercise four of Part B" continues the numbering under "Part A" but skips from 2 (line 9) to 4; '
            "the fix renumbers it to 3",
        )
    ]


def test_other_style_does_not_continue():
    text = "## 一、选择题\n\n### 1. 甲\n\n### 2. 乙\n\n## 二、填空题\n\n### 第4题 丙\n\n### 第5题 丁\n"

    assert findings_of(text) == []


def test_parts_under_other_chapters_not_continued():
    text = exercises(("Part A", [1, 2])) + exercises(("Part B", [4, 5])).replace("# Workbook", "# Second workbook")

    assert findings_of(text) == []


def test_bold_question_items_continue():
    text = (
        "# 练习册\n\n## 一、选择题\n\n**1. 下列哪个数是质数？**\n\n**答案：** 7\n\n"
        "**2. 下列哪个数是偶数？**\n\n**答案：** 8\n\n## 二、填空题\n\n"
        "**4. 一加一等于几？**\n\n**答案：** 二\n"
    )

    assert findings_of(text) == [
        (
            "DL402",
            15,
            3,
            'item "4. 一加一等于几？" continues the numbering under "一、选择题" but skips from 2 (line 9) to 4; '
            "the fix renumbers it to 3",
        )
    ]


def test_copy_in_earlier_part_not_counted(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "## Part A\n\n### 1. Add\n\nCompute 1 + 1 and write the sum.\n\n"
        "### 2. Subtract\n\nCompute 3 - 1 and write the difference.\n\n"
        "### 3. Add\n\nCompute 1 + 1 and write the sum.\n\n"
        "## Part B\n\n### 4. Divide\n\nCompute 4 / 2 and write the quotient.\n"
    )
    (tmp_path / "book.md").write_text(text, encoding="utf-8")

    _code, stdout, _stderr = check(run_cli, "book.md")
    code, _stdout, _stderr = check(run_cli, "--fix", "book.md")

    assert stdout.splitlines()[1] == (
        'book.md:17:5: DL402 heading-numbering [*] heading "4. Divide" continues the numbering under "Part A" but skips '
        "from 2 (line 7) to 4, not counting the copy at line 11 that duplicate-section reports; the fix renumbers it to 3"
    )
    assert headings(tmp_path / "book.md") == ["### 1. Add", "### 2. Subtract", "### 3. Divide"]
    assert code == 0


UNSAFE_COPY = (
    "## Part A\n\n### 1. Add\n\nCompute 1 + 1 and write the sum.\n\n"
    "### 2. Subtract\n\nCompute three minus one, then write the difference in words on the answer sheet.\n\n"
    "### 3. Multiply\n\nCompute 2 * 2 and write the product.\n\n"
    "## Part B\n\n### 4. Subtract\n\nCompute three minus one, then write the difference in words on the answer sheet.\n\n"
    "### 5. Divide\n\nCompute 4 / 2 and write the quotient.\n\n"
    "### 6. Power\n\nCompute 2 ** 3 and write the power.\n"
)
"""A workbook whose exercise 4 in part B copies exercise 2 of part A, a copy that only ``--unsafe-fixes`` removes."""


def test_unsafe_copy_removal_renumbers_later_part(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "book.md").write_text(UNSAFE_COPY, encoding="utf-8")

    code, stdout, _stderr = check(run_cli, "--fix", "--unsafe-fixes", "book.md")

    assert headings(tmp_path / "book.md") == [
        "### 1. Add",
        "### 2. Subtract",
        "### 3. Multiply",
        "### 4. Divide",
        "### 5. Power",
    ]
    assert stdout.splitlines() == ["Fixed 1 problem.", "No problems found in 1 file."]
    assert code == 0


def test_safe_fix_keeps_unsafe_copy_counted(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "book.md").write_text(UNSAFE_COPY, encoding="utf-8")

    code, _stdout, _stderr = check(run_cli, "--fix", "book.md")

    assert (tmp_path / "book.md").read_text(encoding="utf-8") == UNSAFE_COPY
    assert code == 1


def test_unsafe_outcome_names_copy_in_earlier_part(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "## Intro\n\n### Setup\n\nInstall the calculator app and sign in with the class account before the lesson.\n\n"
        "### Subtract\n\nCompute three minus one, then write the difference in words on the answer sheet.\n\n"
        "## Part A\n\n### 1. Add\n\nCompute 1 + 1 and write the sum.\n\n"
        "#### Setup\n\nInstall the calculator app and sign in with the class account before the lesson.\n\n"
        "### 2. Subtract\n\nCompute three minus one, then write the difference in words on the answer sheet.\n\n"
        "### 3. Multiply\n\nCompute 2 * 2 and write the product.\n\n"
        "## Part B\n\n### 4. Divide\n\nCompute 4 / 2 and write the quotient.\n\n"
        "### 6. Power\n\nCompute 2 ** 3 and write the power.\n"
    )
    (tmp_path / "book.md").write_text(text, encoding="utf-8")

    _code, stdout, _stderr = check(run_cli, "book.md")
    code, _stdout, _stderr = check(run_cli, "--fix", "--unsafe-fixes", "book.md")

    numbering = [line for line in stdout.splitlines() if "DL402" in line]
    assert numbering == [
        'book.md:35:5: DL402 heading-numbering [*] heading "6. Power" skips from 4 (line 31) to 6; the fix renumbers it to 5 '
        "(the fixes renumber it to 4 instead when --unsafe-fixes also removes the copy at line 21)"
    ]
    assert headings(tmp_path / "book.md") == ["### Setup", "### Subtract", "### 1. Add", "### 2. Multiply", "### 3. Divide", "### 4. Power"]
    assert code == 0


def test_unsafe_diff_shows_later_part_renumbered(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "book.md").write_text(UNSAFE_COPY, encoding="utf-8")

    code, stdout, _stderr = check(run_cli, "--diff", "--unsafe-fixes", "book.md")

    assert changed_headings(stdout) == [
        "-### 4. Subtract",
        "-### 5. Divide",
        "+### 4. Divide",
        "-### 6. Power",
        "+### 5. Power",
    ]
    assert (tmp_path / "book.md").read_text(encoding="utf-8") == UNSAFE_COPY
    assert code == 1


def test_title_naming_its_number_makes_fix_unsafe(run_cli, tmp_path, monkeypatch):
    # The fix would write "### 3. Exercise 4" and leave the title naming the old number.
    monkeypatch.chdir(tmp_path)
    text = "# Workbook\n\n" + "".join(f"### {number}. Exercise {number}\n\nSolve it on paper first.\n\n" for number in (1, 2, 4))
    (tmp_path / "book.md").write_text(text, encoding="utf-8")

    _code, stdout, _stderr = check(run_cli, "book.md")

    assert stdout.splitlines()[0] == 'book.md:11:5: DL402 heading-numbering [~] heading "4. Exercise 4" skips from 2 (line 7) to 4; the fix renumbers it to 3'
