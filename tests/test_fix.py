import os
import re
import shutil
import stat
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.engine import check_documents
from doclint.fixer import apply_edits, fix_documents, is_applicable, select_fixes
from doclint.diagnostics import Applicability, Edit, Fix
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.source import Source

from conftest import FIXTURES, SEED


@pytest.fixture
def seed_copy(tmp_path):
    path = tmp_path / "000.txt"
    shutil.copyfile(SEED, path)
    path.chmod(0o644)
    return path


def seed_without_copies() -> bytes:
    lines = SEED.read_bytes().split(b"\n")
    # Lines 265-394 are sections 21-30 and the blank line after them.
    return b"\n".join(lines[:264] + lines[394:])


def without_copy(lines: list[str]) -> list[str]:
    """Return the Chinese fixture's lines after --fix: item 5 (lines 51-62) removed, item 6 renumbered 5."""
    kept = lines[:50] + lines[62:]
    return [line.replace("## 6. 分库分表", "## 5. 分库分表") for line in kept]


def test_fix_removes_exactly_the_copies(run_cli, seed_copy):
    code, stdout, stderr = run_cli("check", "--fix", str(seed_copy))
    assert seed_copy.read_bytes() == seed_without_copies()
    assert code == 1
    assert stderr == ""
    assert "Fixed 10 problems." in stdout.splitlines()
    assert "DL101" not in stdout


def test_second_fix_changes_nothing(run_cli, seed_copy):
    run_cli("check", "--fix", str(seed_copy))
    before = seed_copy.stat().st_mtime_ns
    fixed = seed_copy.read_bytes()
    code, stdout, _ = run_cli("check", "--fix", str(seed_copy))
    assert seed_copy.read_bytes() == fixed
    assert seed_copy.stat().st_mtime_ns == before
    assert "Fixed" not in stdout
    assert code == 1


def test_diff_shows_removal_and_writes_nothing(run_cli, seed_copy):
    before = seed_copy.stat().st_mtime_ns
    code, stdout, _ = run_cli("check", "--diff", str(seed_copy))
    assert code == 1
    assert seed_copy.read_bytes() == SEED.read_bytes()
    assert seed_copy.stat().st_mtime_ns == before
    lines = stdout.splitlines()
    assert lines[0] == f"--- {seed_copy}"
    assert lines[1] == f"+++ {seed_copy}"
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    seed_lines = SEED.read_text(encoding="utf-8").split("\n")
    # Lines 264 and 394 are both blank, so removing 264-393 is the same change
    # as removing 265-394; difflib reports the first.
    assert seed_lines[263] == seed_lines[393] == ""
    assert removed == seed_lines[263:393]
    assert added == []


def test_diff_clean_file_exits_zero(run_cli):
    code, stdout, stderr = run_cli("check", "--diff", str(FIXTURES / "clean-qa.md"))
    assert (code, stdout, stderr) == (0, "", "")


def run_diff(path):
    """Run ``doclint check --diff`` in a process of its own, whose log handler writes to the stderr captured here."""
    return subprocess.run(
        [sys.executable, "-m", "doclint", "check", "--no-cache", "--diff", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_diff_names_problems_it_leaves(seed_copy):
    completed = run_diff(seed_copy)
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        "doclint: warning: 10 problems remain after the fixes this diff shows; run doclint check without --diff to "
        "list them",
        "doclint: warning: 1 of them has a fix that only --unsafe-fixes applies; add it to --diff to see that fix",
    ]


def test_empty_diff_says_problems_remain(tmp_path):
    page = tmp_path / "doc.md"
    page.write_text("# Usage\n\n```python\nprint(total)\n```\n", encoding="utf-8")
    completed = run_diff(page)
    assert (completed.returncode, completed.stdout) == (0, "")
    assert completed.stderr == (
        "doclint: warning: the diff is empty, but 1 problem remains; run doclint check without --diff to list it\n"
    )


def test_fix_and_diff_together_rejected(run_cli, seed_copy):
    code, _, stderr = run_cli("check", "--fix", "--diff", str(seed_copy))
    assert code == 2
    assert "--fix and --diff cannot be combined" in stderr


def test_gb18030_crlf_round_trip(run_cli, tmp_path):
    path = tmp_path / "notes.md"
    original = (FIXTURES / "gb18030-crlf.md").read_bytes()
    path.write_bytes(original)

    code, stdout, _ = run_cli("check", str(path))
    assert code == 1
    assert f"{path}:1:1: DL901 detected-encoding the file is not UTF-8; doclint read it as gb18030" in stdout
    assert f"{path}:51:1: DL101 duplicate-section" in stdout

    run_cli("check", "--fix", str(path))
    text = original.decode("gb18030")
    lines = text.split("\r\n")
    expected = "\r\n".join(without_copy(lines)).encode("gb18030")
    assert path.read_bytes() == expected
    assert b"\r\n" in path.read_bytes()
    assert b"\n" not in path.read_bytes().replace(b"\r\n", b"")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_named_utf16_without_bom_round_trip(run_cli, tmp_path, encoding):
    path = tmp_path / "notes.md"
    original = (FIXTURES / "zh-notes.md").read_text(encoding="utf-8")
    path.write_bytes(original.encode(encoding))

    code, stdout, stderr = run_cli("check", "--no-cache", "--encoding", encoding, str(path))
    assert code == 1
    assert stderr == ""
    assert f"{path}:51:1: DL101 duplicate-section" in stdout

    run_cli("check", "--fix", "--encoding", encoding, str(path))
    expected = "\n".join(without_copy(original.split("\n"))).encode(encoding)
    assert path.read_bytes() == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_newlines_and_bom_kept(run_cli, tmp_path, newline, bom):
    text = (FIXTURES / "zh-notes.md").read_text(encoding="utf-8").replace("\n", newline)
    path = tmp_path / "notes.md"
    path.write_bytes(bom + text.encode())
    run_cli("check", "--fix", str(path))
    lines = text.split(newline)
    assert path.read_bytes() == bom + newline.join(without_copy(lines)).encode()


def test_permission_bits_kept(run_cli, tmp_path):
    path = tmp_path / "notes.md"
    shutil.copyfile(FIXTURES / "zh-notes.md", path)
    path.chmod(0o640)
    run_cli("check", "--fix", str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "5. 事务的隔离级别" not in path.read_text(encoding="utf-8")
    assert [name for name in os.listdir(tmp_path)] == ["notes.md"]


def test_read_only_file_unchanged(run_cli, seed_copy):
    seed_copy.chmod(0o444)
    code, _, stderr = run_cli("check", "--fix", str(seed_copy))
    assert code == 2
    assert stderr == (
        f"doclint: error: {seed_copy}: the file is read-only; make it writable or use --diff to see the fixes\n"
    )
    assert seed_copy.read_bytes() == SEED.read_bytes()
    assert sorted(os.listdir(seed_copy.parent)) == ["000.txt"]


def test_unwritable_folder_reported_in_one_line(run_cli, seed_copy, monkeypatch):
    import tempfile

    def no_temporary_file(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Root may write anywhere, so the folder's refusal is simulated where the temporary file is made.
    monkeypatch.setattr(tempfile, "mkstemp", no_temporary_file)

    code, stdout, stderr = run_cli("check", "--no-cache", "--fix", str(seed_copy))

    assert code == 2
    assert stderr == (
        f"doclint: error: {seed_copy}: cannot be written (Permission denied); "
        "make its folder writable or use --diff to see the fixes\n"
    )
    assert "Found 20 problems" in stdout
    assert seed_copy.read_bytes() == SEED.read_bytes()


def test_read_only_file_reported_as_on_disk(run_cli, seed_copy):
    notes = seed_copy.parent / "notes.md"
    shutil.copyfile(FIXTURES / "zh-notes.md", notes)
    notes.chmod(0o644)
    seed_copy.chmod(0o444)

    code, stdout, _ = run_cli("check", "--no-cache", "--fix", str(seed_copy), str(notes))

    # The seed keeps its ten copies at their lines on disk; only the notes' fixable findings count.
    assert code == 2
    assert "Fixed 2 problems." in stdout
    copies = [line for line in stdout.splitlines() if "DL101" in line]
    assert [line.split(":")[1] for line in copies] == ["265", "278", "291", "304", "317", "330", "343", "356", "369", "382"]
    assert "5. 事务的隔离级别" not in notes.read_text(encoding="utf-8")


def test_stdin_fix_writes_stdout(run_cli):
    code, stdout, stderr = run_cli("check", "--fix", "-", stdin=(FIXTURES / "zh-notes.md").read_bytes())
    lines = (FIXTURES / "zh-notes.md").read_text(encoding="utf-8").split("\n")
    assert stdout == "\n".join(without_copy(lines))
    # The check reports two fixable findings: the copy, and item 6, which counts on from item 4 without it.
    assert "Fixed 2 problems." in stderr
    assert "<stdin>:27:1: DL102 near-duplicate-section" in stderr
    assert code == 1


def test_cross_file_copy_fix_is_unsafe(run_cli, tmp_path):
    for name in ("install.md", "upgrade.md"):
        shutil.copyfile(FIXTURES / "cross-file" / name, tmp_path / name)
    upgrade = tmp_path / "upgrade.md"
    original = upgrade.read_bytes()

    _, stdout, _ = run_cli("check", "--fix", str(tmp_path))
    assert upgrade.read_bytes() == original
    assert "[~] 1 more fixable with --fix --unsafe-fixes." in stdout

    run_cli("check", "--fix", "--unsafe-fixes", str(tmp_path))
    assert b"## Requirements" not in upgrade.read_bytes()
    assert upgrade.read_bytes().startswith(b"# Upgrading the service\n\n## Before you start\n")


def test_select_fixes_defers_overlaps():
    first = Fix((Edit(0, 5, ""),), Applicability.SAFE, "a")
    overlapping = Fix((Edit(3, 8, "x"),), Applicability.SAFE, "b")
    touching = Fix((Edit(5, 7, "y"),), Applicability.SAFE, "c")
    assert select_fixes([overlapping, touching, first]) == [first, touching]


def test_apply_edits_from_the_end():
    assert apply_edits("abcdef", [Edit(0, 1, "X"), Edit(4, 6, "")]) == "Xbcd"


SECTION_BODIES = [
    "**题目：** 如何排序？\n\n**答案：** 使用 sorted。",
    "**Question:** How do you undo a commit?\n\n**Answer:** Run git reset --soft HEAD~1.",
    "Plain paragraph about caching and eviction.",
    "1. **步骤**：安装依赖。\n2. **验证**：运行测试。",
]


@st.composite
def markdown_documents(draw):
    """Draw numbered sections, which may skip or repeat a number, and which may stand in parts as course notes' exercises do.

    In parts (``# Part B`` above ``### 3.``), each part after the first
    starts again at exactly 1 or counts on from the part before, maybe
    skipping or repeating a number but never starting at 1. The parts are
    named by letters, because ``# Part 2`` would number the parts themselves.
    """
    count = draw(st.integers(min_value=1, max_value=8))
    in_parts = draw(st.booleans())
    part_starts = draw(st.sets(st.integers(min_value=2, max_value=max(count, 2)), max_size=3)) if in_parts else set()
    pieces = ["# Part A\n\n"] if in_parts else []
    number = 0
    for index in range(1, count + 1):
        mistake = draw(st.sampled_from([0, 0, 0, 1, -1]))
        if index in part_starts:
            pieces.append(f"# Part {chr(ord('A') + index - 1)}\n\n")
            restarts = draw(st.booleans())
            number = 1 if restarts else max(2, number + 1 + mistake)
        else:
            number = max(1, number + 1 + mistake)
        title = draw(st.sampled_from(["排序", "Undo", "Caching", "安装"]))
        body = draw(st.sampled_from(SECTION_BODIES))
        separator = draw(st.sampled_from(["\n\n", "\n\n---\n\n", "\n\n\n"]))
        marker = "###" if in_parts else "##"
        pieces.append(f"{marker} {number}. {title}\n\n{body}{separator}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return "".join(pieces).replace("\n", newline)


def part_numbers(text: str) -> list[list[int]]:
    """Return the numbers of the numbered headings of each part (``# Part B``) of a drawn document, in order."""
    parts: list[list[int]] = [[]]
    for line in text.splitlines():
        if line.startswith("# Part"):
            parts.append([])
        found = re.match(r"#{2,3} (\d+)\. ", line)
        if found:
            parts[-1].append(int(found.group(1)))
    return [numbers for numbers in parts if numbers]


def fix_text(text: str) -> str:
    document = parse_document(Source.from_text("doc.md", text))
    result = check_documents([document], Settings())
    return fix_documents(result, Settings()).result.documents[0].source.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_documents())
def test_fixing_twice_equals_once(text):
    once = fix_text(text)
    assert fix_text(once) == once


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_documents())
def test_fixed_document_has_no_safe_fix(text):
    document = parse_document(Source.from_text("doc.md", fix_text(text)))
    result = check_documents([document], Settings())
    assert [d for d in result.diagnostics if is_applicable(d.fix, unsafe=False)] == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_documents())
def test_fixed_parts_restart_or_count_on(text):
    parts = part_numbers(fix_text(text))

    for numbers in parts:
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    for previous, numbers in zip(parts, parts[1:]):
        assert numbers[0] in (1, previous[-1] + 1)


def test_numbering_fixture_renumbered(run_cli, tmp_path):
    path = tmp_path / "numbering.md"
    shutil.copyfile(FIXTURES / "numbering.md", path)
    code, stdout, _ = run_cli("check", "--fix", str(path))
    headings = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert headings == ["## 1. 准备环境", "## 2. 安装依赖", "## 3. 配置服务", "## 4. 启动服务", "## 5. 检查日志"]
    assert "Fixed 1 problem." in stdout
    assert code == 0


def test_copy_removal_and_renumbering_in_one_run(run_cli, tmp_path):
    text = (
        "# Guide\n\n## 1. Install\n\nRun the installer and accept the licence.\n\n"
        "## 2. Configure\n\nEdit the configuration file and set the server address.\n\n"
        "## 3. Start\n\nStart the service with the system service manager.\n\n"
        "## 2. Configure\n\nEdit the configuration file and set the server address.\n\n"
        "## 4. Verify\n\nOpen the status page and check that every check is green.\n"
    )
    path = tmp_path / "guide.md"
    path.write_text(text, encoding="utf-8")
    code, stdout, _ = run_cli("check", "--fix", str(path))
    headings = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert headings == ["## 1. Install", "## 2. Configure", "## 3. Start", "## 4. Verify"]
    assert code == 0
    assert stdout.splitlines()[-1] == "No problems found in 1 file."


def test_unused_import_fix_is_unsafe(run_cli, tmp_path):
    text = "# T\n\n```python\nimport os, sys\nfrom a import b, c\nimport json\nprint(sys, c)\n```\n"
    path = tmp_path / "imports.md"
    path.write_text(text, encoding="utf-8")

    _, stdout, _ = run_cli("check", "--no-config", "--select", "unused-import", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == text
    assert "[~] 3 more fixable with --fix --unsafe-fixes." in stdout

    run_cli("check", "--no-config", "--select", "unused-import", "--fix", "--unsafe-fixes", str(path))
    assert path.read_text(encoding="utf-8") == "# T\n\n```python\nimport sys\nfrom a import c\nprint(sys, c)\n```\n"


def test_unused_import_in_list_item_fixed(run_cli, tmp_path):
    text = "# T\n\n1. Step\n\n   ```python\n   import re\n   x = 1\n   ```\n"
    path = tmp_path / "nested.md"
    path.write_text(text, encoding="utf-8")
    run_cli("check", "--no-config", "--select", "unused-import", "--fix", "--unsafe-fixes", str(path))
    assert path.read_text(encoding="utf-8") == "# T\n\n1. Step\n\n   ```python\n   x = 1\n   ```\n"


def test_seed_unsafe_fix_removes_numpy_import(run_cli, seed_copy):
    run_cli("check", "--fix", "--unsafe-fixes", str(seed_copy))
    text = seed_copy.read_text(encoding="utf-8")
    assert "import numpy as np\n" not in text
    assert "import tensorflow as tf\nfrom sklearn.model_selection import train_test_split\n\n# 加载数据集" in text


def test_copy_at_end_of_file_leaves_one_newline(run_cli, tmp_path):
    path = tmp_path / "tail.md"
    path.write_text("# T\n\n## A\n\nSame text here.\n\n## B\n\nOther text.\n\n## A\n\nSame text here.\n", encoding="utf-8")
    run_cli("check", "--no-config", "--select", "DL101", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == "# T\n\n## A\n\nSame text here.\n\n## B\n\nOther text.\n"


def test_end_copy_fix_message(run_json, tmp_path):
    path = tmp_path / "tail.md"
    path.write_text("# T\n\n## A\n\nSame text here.\n\n## B\n\nOther text.\n\n## A\n\nSame text here.\n", encoding="utf-8")
    _, diagnostics = run_json("--no-config", "--select", "DL101", str(path))
    assert [d["fix"]["message"] for d in diagnostics] == ["remove this copy (lines 10-13)"]


def test_detected_encoding_reported_after_fix(run_cli, tmp_path):
    path = tmp_path / "notes.md"
    path.write_bytes((FIXTURES / "gb18030-crlf.md").read_bytes())
    _, stdout, _ = run_cli("check", "--fix", str(path))
    assert f"{path}:1:1: DL901 detected-encoding" in stdout


def test_ast_end_line_is_last_line(run_cli):
    import json

    _, stdout, _ = run_cli("ast", str(SEED))
    assert json.loads(stdout)["end_line"] == len(SEED.read_text(encoding="utf-8").splitlines())


def test_renumbered_parent_and_children_in_one_run(run_cli, tmp_path):
    path = tmp_path / "manual.md"
    path.write_text("# 手册\n\n## 1) 甲\n\n## 2) 乙\n\n## 7) 丁\n\n### 7.1 子一\n\n### 7.3 子三\n\n#### 7.3.2 孙\n", encoding="utf-8")
    code, _stdout, _ = run_cli("check", "--fix", str(path))
    headings = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert headings == ["# 手册", "## 1) 甲", "## 2) 乙", "## 3) 丁", "### 3.1 子一", "### 3.2 子三", "#### 3.2.2 孙"]
    assert code == 0


def test_changelog_versions_untouched_by_fix(run_cli, tmp_path):
    path = tmp_path / "CHANGELOG.md"
    text = "# Changelog\n\n## 3.0.0\n\n- Drop Python 3.8.\n\n## 2.1.0\n\n- Add a flag.\n\n## 2.0.0\n\n- Rename the tool.\n\n## 1.0.0\n\n- First release.\n"
    path.write_text(text, encoding="utf-8")
    code, stdout, _ = run_cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == text
    assert stdout == "No problems found in 1 file.\n"
    assert code == 0


NUMBERING_GAP = "# Doc\n\n## 1. Install\n\nRun the installer.\n\n## 3. Start\n\nStart the service.\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_fix_through_symlink_rewrites_target(run_cli, tmp_path):
    target = tmp_path / "real.md"
    target.write_text(NUMBERING_GAP, encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to("real.md")

    code, _stdout, _ = run_cli("check", "--no-cache", "--fix", str(link))

    assert code == 0
    assert link.is_symlink()
    assert "## 2. Start" in target.read_text(encoding="utf-8")


def test_fix_keeps_hard_links(run_cli, tmp_path):
    first = tmp_path / "first.md"
    first.write_text(NUMBERING_GAP, encoding="utf-8")
    second = tmp_path / "second.md"
    os.link(first, second)

    run_cli("check", "--no-cache", "--fix", str(second))

    assert os.path.samefile(first, second)
    assert "## 2. Start" in first.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_beside_target_is_one_document(run_cli, tmp_path):
    (tmp_path / "a.md").write_text(NUMBERING_GAP, encoding="utf-8")
    (tmp_path / "b.md").symlink_to("a.md")

    code, stdout, _ = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", str(tmp_path))

    # No copy of a.md is reported in b.md, so nothing is removed from the file both names share.
    assert code == 0
    assert stdout == "Fixed 1 problem.\nNo problems found in 1 file.\n"
    assert (tmp_path / "b.md").is_symlink()
    assert "Run the installer." in (tmp_path / "a.md").read_text(encoding="utf-8")


def test_unused_import_fix_never_empties_a_block(run_cli, tmp_path):
    path = tmp_path / "imports.md"
    path.write_text(
        "# Imports\n\n```python\ndef setup():\n    import shutil\n\nif True:\n    import fancy\n    import json\nelse:\n    pass\n\n"
        "import os  # for paths\nimport sys\nprint(sys.argv)\n```\n",
        encoding="utf-8",
    )
    code, stdout, _ = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", str(path))

    text = path.read_text(encoding="utf-8")
    assert "import os" not in text
    assert "    import shutil\n" in text
    assert "    import fancy\n    import json\n" in text
    assert "code-syntax-error" not in stdout
    assert "Fixed 1 problem." in stdout.splitlines()
    # The three imports in blocks of nothing but imports remain, with no fix.
    assert stdout.count("DL302 unused-import '") == 3
    assert code == 1


def diff_bytes(*arguments: str) -> bytes:
    """Run ``doclint check --no-cache --diff`` in a process of its own and return its standard output as bytes."""
    completed = subprocess.run(
        [sys.executable, "-m", "doclint", "check", "--no-cache", "--diff", *arguments], capture_output=True, check=False
    )
    assert completed.returncode == 1, completed.stderr
    return completed.stdout


def test_diff_marks_missing_final_newline(tmp_path):
    path = tmp_path / "notes.md"
    path.write_bytes(b"# Notes\n\n## 1. a\n\nx\n\n## 3. b\n\ny")

    lines = diff_bytes(str(path)).split(b"\n")

    assert lines[-4:] == [b" ", b" y", b"\\ No newline at end of file", b""]
    assert b"-## 3. b" in lines
    assert b"+## 2. b" in lines


def test_diff_keeps_encoding_bom_and_line_endings(tmp_path):
    chinese = tmp_path / "gb.md"
    chinese.write_bytes("# 文档\r\n\r\n## 1. 甲\r\n\r\n## 3. 乙\r\n".encode("gb18030"))
    marked = tmp_path / "bom.md"
    marked.write_bytes(b"\xef\xbb\xbf## 1. a\n\n## 3. b\n")

    gb_diff = diff_bytes("--encoding", "gb18030", str(chinese))
    bom_diff = diff_bytes(str(marked))

    assert "-## 3. 乙\r\n+## 2. 乙\r\n".encode("gb18030") in gb_diff
    assert b"\n \xef\xbb\xbf## 1. a\n" in bom_diff


@pytest.mark.parametrize(
    "text",
    [
        b"# T\r\r## Setup\r\rRun it.\r\r## Setup\r\rRun it.\r",
        b"# T\r\n\r\n## Setup\r\n\r\nRun it.\r\n\r\n## Setup\r\n\r\nRun it.\r\n## A\rx\r\n",
    ],
    ids=["cr-only", "stray-cr"],
)
def test_diff_of_cr_line_ends_applies(tmp_path, monkeypatch, text):
    # diff and patch split lines after LF only, so a CR-only file is one line for them.
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "doc.md"
    path.write_bytes(text)
    patch = diff_bytes("doc.md")
    subprocess.run([sys.executable, "-m", "doclint", "check", "--no-cache", "--fix", "doc.md"], capture_output=True, check=False)
    fixed_text = path.read_bytes()
    path.write_bytes(text)

    applied = subprocess.run(["git", "apply", "-"], input=patch, capture_output=True, check=False)

    assert applied.returncode == 0, applied.stderr
    assert path.read_bytes() == fixed_text
    assert fixed_text != text


RENUMBERED = b"# C\n\n## 1. One\n\nx\n\n## 3. Three\n\ny\n"
APPLY_COMMANDS = {"git": ["git", "apply", "-"], "patch": ["patch", "--silent", "-p1"]}


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
@pytest.mark.parametrize("tool", ["git", "patch"])
@pytest.mark.parametrize(
    ("file", "argument", "header"),
    [
        ("work/sub dir/sp ace.md", "sub dir/sp ace.md", b"--- a/sub dir/sp ace.md\t\n+++ b/sub dir/sp ace.md\t\n"),
        ("work/x.md", "./x.md", b"--- a/x.md\n+++ b/x.md\n"),
        ("work/x.md", "ROOT/work/x.md", b"--- a/x.md\n+++ b/x.md\n"),
        ("work/x.md", "../work/x.md", b"--- a/x.md\n+++ b/x.md\n"),
        ("out.md", "../out.md", b"--- ROOT/out.md\n+++ ROOT/out.md\n"),
        ("out.md", "ROOT/out.md", b"--- ROOT/out.md\n+++ ROOT/out.md\n"),
        ("work/q\"t\\b.md", "q\"t\\b.md", b'--- "a/q\\"t\\\\b.md"\n+++ "b/q\\"t\\\\b.md"\n'),
        ("work/tab\there.md", "tab\there.md", b'--- "a/tab\\there.md"\n+++ "b/tab\\there.md"\n'),
    ],
    ids=["space", "dot", "absolute-inside", "parent-inside", "parent-outside", "absolute-outside", "quote", "tab"],
)
def test_diff_applies_whatever_path(tmp_path, monkeypatch, file, argument, header, tool):
    # A file outside the working folder is named by its absolute path, and the diff is applied from /.
    root = tmp_path.resolve()
    path = root / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(RENUMBERED)
    (root / "work").mkdir(exist_ok=True)
    monkeypatch.chdir(root / "work")
    argument = argument.replace("ROOT", str(root))
    patch = diff_bytes(argument)
    subprocess.run([sys.executable, "-m", "doclint", "check", "--no-cache", "--fix", argument], capture_output=True, check=False)
    fixed_text = path.read_bytes()
    path.write_bytes(RENUMBERED)
    header = header.replace(b"ROOT", os.fsencode(root))
    folder = "/" if header.startswith(b"--- /") else root / "work"

    applied = subprocess.run(APPLY_COMMANDS[tool], input=patch, cwd=folder, capture_output=True, check=False)

    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert patch.startswith(header)
    assert path.read_bytes() == fixed_text
    assert fixed_text != RENUMBERED


def test_fixed_count_leaves_out_findings_still_reported(run_cli, tmp_path):
    path = tmp_path / "imports.md"
    path.write_text('# U\n\n```python\nwith open("x") as fh:\n    import math, cmath\n\nimport os, sys\n```\n', encoding="utf-8")

    code, stdout, _ = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", str(path))

    # Four imports were fixable; 'cmath' is left alone in its block, with no fix, and is not counted.
    assert "Fixed 3 problems." in stdout.splitlines()
    assert "import cmath" in path.read_text(encoding="utf-8")
    assert code == 1


UNUSED_OS = "'os' is imported but not used in this or a later Python block of the document; remove the import"


@pytest.mark.parametrize(
    "imports",
    ["import os\nimport os.path\n", "import os\nimport os\n"],
    ids=["submodule", "repeated"],
)
def test_unsafe_fix_does_not_cascade(run_cli, tmp_path, imports):
    # pyflakes reports only the second import, which binds 'os' again. Once it is removed, pyflakes reports
    # the first one, which the check before the fix never showed, so the fix must leave it.
    path = tmp_path / "paths.md"
    path.write_text(f'# Paths\n\n```python\n{imports}print("ready")\n```\n', encoding="utf-8")
    _, before, _ = run_cli("check", "--no-config", "--no-cache", "--select", "unused-import", str(path))

    code, stdout, stderr = run_cli("check", "--no-config", "--no-cache", "--select", "unused-import", "--fix", "--unsafe-fixes", str(path))

    assert [line.split(" ")[0] for line in before.splitlines()[:-2]] == [f"{path}:5:8:"]
    assert path.read_text(encoding="utf-8") == '# Paths\n\n```python\nimport os\nprint("ready")\n```\n'
    assert stdout.splitlines() == [
        f"{path}:4:8: DL302 unused-import [~] {UNUSED_OS}",
        "Fixed 1 problem.",
        "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file.",
        "[~] 1 more fixable with --fix --unsafe-fixes. The fixes of this run brought it up, and an unsafe fix "
        "applies only to a finding that a check showed first; run the command again to fix it.",
    ]
    assert stderr == ""
    assert code == 1


def test_unsafe_fix_after_deferred_overlap_still_applies(run_cli, tmp_path):
    # Both names of 'import json, csv' are reported; their removals overlap, so the second waits for the next pass.
    path = tmp_path / "data.md"
    path.write_text('# Data\n\n```python\nimport json, csv\nprint("ready")\n```\n', encoding="utf-8")

    code, stdout, _ = run_cli("check", "--no-config", "--no-cache", "--select", "unused-import", "--fix", "--unsafe-fixes", str(path))

    assert path.read_text(encoding="utf-8") == '# Data\n\n```python\nprint("ready")\n```\n'
    assert stdout.splitlines() == ["Fixed 2 problems.", "No problems found in 1 file."]
    assert code == 0


def test_fix_leaves_silenced_copy_after_comment_removed(run_cli, tmp_path):
    # The comment shares its line with the second copy's text, so removing that copy removes the comment too, and
    # the next pass reports the third copy. It must stay, because the check before the fix silenced it.
    path = tmp_path / "setup.md"
    copy = "## Setup\n\nInstall the tool.\n"
    path.write_text(f"# Doc\n\n{copy}\n## Setup\n\nInstall the tool. <!-- doclint-disable duplicate-section -->\n\n{copy}", encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-config", "--no-cache", "--fix", str(path))

    assert path.read_text(encoding="utf-8") == f"# Doc\n\n{copy}\n{copy}"
    assert stdout.splitlines() == [
        f'{path}:7:1: DL101 duplicate-section [*] section "Setup" repeats section "Setup" (line 3) word for word; remove this copy',
        "Fixed 1 problem.",
        "Found 1 problem (1 error, 0 warnings, 0 info) in 1 file.",
        "[*] 1 fixable with --fix.",
    ]
    assert stderr == ""
    assert code == 1


SETUP = "## Setup\n\nInstall the package with pip and run the tool once.\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            f"# Doc\n\n{SETUP}\n{SETUP}\n<!-- doclint-disable-next-line duplicate-section -->\n{SETUP}",
            f"# Doc\n\n{SETUP}\n<!-- doclint-disable-next-line duplicate-section -->\n{SETUP}",
        ),
        (
            f"# Doc\n\n{SETUP}\n{SETUP}\n<!-- doclint-disable duplicate-section -->\n{SETUP}<!-- doclint-enable duplicate-section -->\n",
            f"# Doc\n\n{SETUP}\n<!-- doclint-disable duplicate-section -->\n{SETUP}<!-- doclint-enable duplicate-section -->\n",
        ),
    ],
    ids=["next-line", "range"],
)
def test_copy_removal_keeps_suppression_of_next_copy(run_cli, tmp_path, before, after):
    # Each comment is at the end of the second copy, which is reported, and silences the third copy after it.
    path = tmp_path / "setup.md"
    path.write_text(before, encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-config", "--no-cache", "--fix", str(path))

    assert path.read_text(encoding="utf-8") == after
    assert stdout.splitlines() == ["Fixed 1 problem.", "No problems found in 1 file."]
    assert stderr == ""
    assert code == 0


def test_copy_removal_renumbers_after_kept_comment(run_cli, tmp_path):
    configure = "Edit the configuration file and set the server address.\n"
    path = tmp_path / "guide.md"
    path.write_text(
        "# Guide\n\n## 1. Install\n\nRun the installer.\n\n"
        f"## 2. Configure\n\n{configure}\n## 3. Configure\n\n{configure}\n"
        f"<!-- doclint-disable-next-line duplicate-section -->\n## 4. Configure\n\n{configure}\n"
        "## 5. Verify\n\nOpen the status page.\n",
        encoding="utf-8",
    )

    code, stdout, _ = run_cli("check", "--no-config", "--no-cache", "--fix", str(path))

    assert path.read_text(encoding="utf-8") == (
        "# Guide\n\n## 1. Install\n\nRun the installer.\n\n"
        f"## 2. Configure\n\n{configure}\n"
        f"<!-- doclint-disable-next-line duplicate-section -->\n## 3. Configure\n\n{configure}\n"
        "## 4. Verify\n\nOpen the status page.\n"
    )
    # The copy, and the kept copy's heading, which skips from 2 to 4 without the removed copy.
    assert stdout.splitlines() == ["Fixed 2 problems.", "No problems found in 1 file."]
    assert code == 0


def test_unsafe_fix_left_line_in_chinese(run_cli, tmp_path):
    path = tmp_path / "paths.md"
    path.write_text('# Paths\n\n```python\nimport os\nimport os\nprint("ready")\n```\n', encoding="utf-8")

    _, stdout, _ = run_cli("check", "--lang", "zh-CN", "--no-config", "--no-cache", "--select", "unused-import", "--fix", "--unsafe-fixes", str(path))

    assert stdout.splitlines()[-1] == (
        "[~] 另有 1 个可用 --fix --unsafe-fixes 修复。这是本次修复之后才出现的问题，而不安全的修复只用于检查先显示过的问题；请再运行一次该命令来修复。"
    )


def test_unsafe_fix_left_after_safe_fix(run_cli, tmp_path):
    path = tmp_path / "paths.md"
    path.write_text('# Paths\n\n```python\nimport os\nimport os\nprint("ready")\n```\n', encoding="utf-8")

    _, stdout, _ = run_cli("check", "--no-config", "--no-cache", "--select", "unused-import", "--fix", str(path))

    assert stdout.splitlines()[-1] == "[~] 1 more fixable with --fix --unsafe-fixes."
