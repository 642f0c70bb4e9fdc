import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, SEED


def test_text_output_lines(run_cli):
    code, stdout, stderr = run_cli("check", str(SEED))
    lines = stdout.splitlines()
    assert code == 1
    assert stderr == ""
    assert (
        f"{SEED}:187:1: DL102 near-duplicate-section section \"15. 医疗机器人运动规划\" is 82% similar to "
        'section "8. 医疗机器人" (line 96) after removing the text most sections share; '
        "merge the two or rewrite one so that each says something of its own"
    ) in lines
    assert (
        f'{SEED}:265:1: DL101 duplicate-section [*] section "21. 医疗知识图谱构建与推理" repeats section '
        '"14. 医疗知识图谱构建与推理" (line 174) word for word; remove this copy'
    ) in lines
    assert lines[-2] == "Found 20 problems (14 errors, 6 warnings, 0 info) in 1 file."
    assert lines[-1] == "[*] 10 fixable with --fix. [~] 1 more fixable with --fix --unsafe-fixes."


def test_text_output_sorted_by_line(run_cli):
    _, stdout, _ = run_cli("check", str(SEED))
    findings = [line for line in stdout.splitlines() if line.startswith(str(SEED))]
    positions = [tuple(map(int, line.split(":")[1:3])) for line in findings]
    assert len(positions) == 20
    assert positions == sorted(positions)


def test_clean_file_exits_zero(run_cli):
    code, stdout, _ = run_cli("check", str(FIXTURES / "clean-qa.md"))
    assert code == 0
    assert stdout == "No problems found in 1 file.\n"


def test_json_output_shape(run_cli):
    code, stdout, _ = run_cli("check", "--format", "json", str(SEED))
    report = json.loads(stdout)
    assert code == 1
    assert report["version"] == 1
    assert report["summary"] == {"files": 1, "errors": 14, "warnings": 6, "info": 0, "fixed": 0}
    first_copy = [d for d in report["diagnostics"] if d["rule"] == "duplicate-section"][0]
    assert first_copy == {
        "path": str(SEED),
        "line": 265,
        "column": 1,
        "end_line": 276,
        "end_column": len("**解析：** 医疗知识图谱构建与推理模型的应用可以帮助医生更好地理解和分析医疗信息，提高诊断和治疗的准确性。") + 1,
        "code": "DL101",
        "rule": "duplicate-section",
        "severity": "error",
        "message": first_copy["message"],
        "related": [{"path": str(SEED), "line": 174, "column": 1, "message": "first copy"}],
        "fix": {
            "applicability": "safe",
            "message": "remove this copy (lines 265-277)",
            "edits": [
                {
                    "line": 265,
                    "column": 1,
                    "end_line": 278,
                    "end_column": 1,
                    "start": first_copy["fix"]["edits"][0]["start"],
                    "end": first_copy["fix"]["edits"][0]["end"],
                    "replacement": "",
                }
            ],
        },
    }
    text = SEED.read_text(encoding="utf-8")
    edit = first_copy["fix"]["edits"][0]
    assert text[edit["start"]:edit["end"]].startswith("#### 21. 医疗知识图谱构建与推理\n")
    assert text[edit["end"]:].startswith("#### 22. 医疗机器人运动规划\n")


def test_threshold_option(run_json):
    _, diagnostics = run_json("--near-duplicate-threshold", "83", str(SEED))
    assert [d["line"] for d in diagnostics if d["rule"] == "near-duplicate-section"] == [200]


def test_threshold_out_of_range(run_cli):
    code, _, stderr = run_cli("check", "--near-duplicate-threshold", "150", str(SEED))
    assert code == 2
    assert "150" in stderr


def test_missing_path(run_cli):
    code, stdout, stderr = run_cli("check", "no/such.md")
    assert code == 2
    assert stderr == "doclint: error: no/such.md: no such file or directory; check the path\n"
    assert stdout == ""


def test_folder_without_documents(run_cli, tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "requirements.txt").write_text("click>=8.1\n", encoding="utf-8")
    code, _, stderr = run_cli("check", str(tmp_path))
    assert code == 2
    assert stderr == (
        f"doclint: error: {tmp_path}: no *.md, *.markdown, *.mdown or *.mkd files found in this folder "
        "outside hidden, git-ignored, package and build folders; name a folder or files that contain documents\n"
    )


def test_folder_without_documents_in_chinese(run_cli, tmp_path):
    code, _, stderr = run_cli("check", "--lang", "zh-CN", str(tmp_path))

    assert code == 2
    assert stderr == (
        f"doclint: 错误：{tmp_path}：这个文件夹里（隐藏文件夹、被 git 忽略的文件夹以及软件包和构建输出文件夹除外）"
        "没有 *.md、*.markdown、*.mdown 或 *.mkd 文件；请指定包含文档的文件夹或文件\n"
    )


def test_binary_file(run_cli, tmp_path):
    path = tmp_path / "data.md"
    path.write_bytes(b"\x00\x01\x02binary")
    code, _, stderr = run_cli("check", str(path))
    assert code == 2
    assert stderr == f"doclint: error: {path}: binary file (it contains NUL bytes); pass only text documents\n"


LATIN1_LICENSE = b"MIT License\n\nCopyright (c) 2024 J\xf6rg\n"
"""A short Latin-1 text that is not UTF-8 and whose encoding charset-normalizer does not detect with confidence."""


LICENSE_WARNING = (
    "doclint: warning: docs/LICENSE.md: invalid utf-8 at byte 33 (line 3), so the file was skipped; "
    "to check it, name it with its encoding: doclint check --encoding NAME docs/LICENSE.md"
)
BLOB_WARNING = (
    "doclint: warning: docs/blob.md: binary file (it contains NUL bytes), so the file was skipped; "
    "add it to the exclude setting to skip it without this warning"
)


@pytest.fixture
def mixed_folder(tmp_path):
    """A folder ``docs`` with a Markdown guide, a Latin-1 licence and a binary file, both named ``*.md``."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text("# Guide\n\nRun the installer.\n", encoding="utf-8")
    (docs / "LICENSE.md").write_bytes(LATIN1_LICENSE)
    (docs / "blob.md").write_bytes(b"ab\x00cd")
    return docs


def test_undecodable_found_files_skipped(run_process, mixed_folder):
    code, stdout, stderr = run_process("check", "--no-config", "docs")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr.splitlines() == [
        LICENSE_WARNING,
        BLOB_WARNING,
    ]


def test_detected_encoding_found_file_checked(run_process, mixed_folder):
    shutil.copyfile(FIXTURES / "gb18030-crlf.md", mixed_folder / "notes.md")

    code, stdout, stderr = run_process("check", "--no-config", "--select", "detected-encoding", "docs")

    assert code == 0
    assert stdout.splitlines() == [
        "docs/notes.md:1:1: DL901 detected-encoding the file is not UTF-8; doclint read it as gb18030, "
        "and --fix writes it back in gb18030; pass --encoding NAME if that is wrong",
        "Found 1 problem (0 errors, 0 warnings, 1 info) in 2 files.",
    ]
    assert stderr.splitlines() == [LICENSE_WARNING, BLOB_WARNING]


def test_undecodable_found_files_skipped_in_chinese(run_process, mixed_folder):
    code, _stdout, stderr = run_process("--lang", "zh-CN", "check", "--no-config", "docs")

    assert code == 0
    assert stderr.splitlines() == [
        "doclint: 警告：docs/LICENSE.md：字节偏移 33 处（第 3 行）不是有效的 utf-8，已跳过该文件；"
        "要检查它，请指定它的编码：doclint check --encoding NAME docs/LICENSE.md",
        "doclint: 警告：docs/blob.md：是二进制文件（含有 NUL 字节），已跳过该文件；"
        "把它加入 exclude 设置即可跳过它而不再警告",
    ]


def test_undecodable_named_file_still_an_error(run_process, mixed_folder):
    code, stdout, stderr = run_process("check", "--no-config", "docs", "docs/LICENSE.md")

    assert code == 2
    assert stdout == "No problems found in 1 file.\n"
    assert stderr == (
        f"{BLOB_WARNING}\n"
        "doclint: error: docs/LICENSE.md: invalid utf-8 at byte 33 (line 3); "
        "pass --encoding with the file's encoding, for example --encoding cp1252\n"
    )


BLOB_ERROR = "doclint: error: docs/blob.md: binary file (it contains NUL bytes); pass only text documents"
LICENSE_ERROR = (
    "doclint: error: docs/LICENSE.md: invalid utf-8 at byte 33 (line 3); "
    "pass --encoding with the file's encoding, for example --encoding cp1252"
)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["docs", "docs/blob.md"], [LICENSE_WARNING, BLOB_ERROR]),
        (["docs/blob.md", "docs"], [LICENSE_WARNING, BLOB_ERROR]),
        (["docs/", "docs/blob.md"], [LICENSE_WARNING, BLOB_ERROR]),
        (["docs", "docs/LICENSE.md"], [BLOB_WARNING, LICENSE_ERROR]),
    ],
    ids=["folder-first", "file-first", "trailing-slash", "latin-1"],
)
def test_named_file_error_not_replayed_as_skipped(run_process, mixed_folder, arguments, expected):
    first = run_process("check", "--no-config", "docs")
    assert first == (0, "No problems found in 1 file.\n", f"{LICENSE_WARNING}\n{BLOB_WARNING}\n")

    code, stdout, stderr = run_process("check", "--no-config", *arguments)

    assert code == 2
    assert stdout == "No problems found in 1 file.\n"
    assert stderr.splitlines() == expected


def test_file_named_with_trailing_slash_reported_once(run_process, mixed_folder):
    code, stdout, stderr = run_process("check", "--no-config", "--no-cache", "docs", "docs/blob.md/")

    assert code == 2
    assert stdout == "No problems found in 1 file.\n"
    assert stderr.splitlines() == [
        LICENSE_WARNING,
        "doclint: error: docs/blob.md: binary file (it contains NUL bytes); pass only text documents",
    ]


def test_trailing_slash_file_not_own_copy(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nRun the installer, then open the settings page.\n", encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-config", "--no-cache", "docs", "docs/guide.md/")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr == ""


COPIED_SECTION = "## 1. Alpha\n\nRun the installer, then open the settings page.\n"


@pytest.mark.parametrize(
    ("arguments", "shown"),
    [
        (["docs"], ["docs/b.md", "docs/a.md"]),
        (["docs", "./docs/b.md"], ["docs/b.md", "docs/a.md"]),
        (["docs/a.md", "./docs/b.md"], ["docs/b.md", "docs/a.md"]),
        (["./docs/b.md", "docs/a.md"], ["docs/b.md", "docs/a.md"]),
        (["docs/./a.md", "docs/../docs/b.md"], ["docs/../docs/b.md", "docs/a.md"]),
        (["docs/b.md", "ABSOLUTE/docs/a.md"], ["docs/b.md", "ABSOLUTE/docs/a.md"]),
    ],
    ids=["folder", "folder-and-dot", "dot-second", "dot-first", "dot-parts", "absolute"],
)
def test_copy_order_ignores_path_spelling(run_cli, tmp_path, monkeypatch, arguments, shown):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\n" + COPIED_SECTION, encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text("# B\n\n" + COPIED_SECTION, encoding="utf-8")
    arguments = [argument.replace("ABSOLUTE", str(tmp_path)) for argument in arguments]
    copy, original = (name.replace("ABSOLUTE", str(tmp_path)) for name in shown)

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", *arguments)

    assert code == 1
    assert stdout.splitlines()[0] == (
        f'{copy}:3:1: DL101 duplicate-section [~] section "1. Alpha" repeats section "1. Alpha" '
        f"(line 3 of {original}) word for word; remove this copy"
    )


@pytest.mark.parametrize(
    ("arguments", "shown"),
    [
        (["docs/c.md/"], "docs/c.md"),
        (["./docs/c.md"], "docs/c.md"),
        (["docs//c.md"], "docs/c.md"),
        (["docs/c.md", "./docs/c.md", "docs//c.md"], "docs/c.md"),
        (["./docs/c.md", "docs/c.md/"], "docs/c.md"),
        (["docs/../docs/c.md", "docs/c.md"], "docs/../docs/c.md"),
        (["docs/c.md", "docs/../docs/c.md"], "docs/c.md"),
        (["docs", "docs/../docs/c.md"], "docs/../docs/c.md"),
    ],
    ids=["trailing-slash", "dot", "double-slash", "three-spellings", "dot-first", "parent-first", "parent-second", "folder-first"],
)
def test_named_file_shown_normalised(run_cli, tmp_path, monkeypatch, arguments, shown):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "c.md").write_text("# C\n\n## 1. One\n\nx\n\n## 3. Three\n\ny\n", encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-config", "--no-cache", *arguments)

    assert code == 1
    assert stdout.splitlines() == [
        f'{shown}:7:4: DL402 heading-numbering [*] heading "3. Three" skips from 1 (line 3) to 3; the fix renumbers it to 2',
        "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file.",
        "[*] 1 fixable with --fix.",
    ]
    assert stderr == ""


def test_dot_dash_file_not_stdin(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text("# C\n\n## 1. One\n\nx\n\n## 3. Three\n\ny\n", encoding="utf-8")

    code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "./-", stdin=b"# Clean\n")

    assert code == 1
    assert stdout.splitlines()[0].startswith("./-:7:4: DL402 heading-numbering")


def test_hard_link_named_is_error(run_process, mixed_folder):
    other = mixed_folder.parent / "other"
    other.mkdir()
    os.link(mixed_folder / "blob.md", other / "blob.md")

    code, stdout, stderr = run_process("check", "--no-config", "--no-cache", "docs", "other/blob.md")

    assert code == 2
    assert stdout == "No problems found in 1 file.\n"
    assert stderr.splitlines() == [
        LICENSE_WARNING,
        "doclint: error: other/blob.md: binary file (it contains NUL bytes); pass only text documents",
    ]


def test_skipped_file_checked_with_encoding(run_process, mixed_folder):
    code, stdout, stderr = run_process("check", "--no-config", "--encoding", "latin-1", "docs/LICENSE.md")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr == ""


def test_excluded_binary_file_not_warned(run_process, mixed_folder):
    (mixed_folder.parent / ".doclint.toml").write_text('exclude = ["docs/blob.md", "docs/LICENSE.md"]\n', encoding="utf-8")

    code, stdout, stderr = run_process("check", "docs")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr == ""


def test_unknown_encoding_option_one_error(run_process, mixed_folder):
    code, stdout, stderr = run_process("check", "--no-config", "--encoding", "no-such-codec", "docs")

    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [
        "doclint: error: Invalid value for '--encoding': unknown encoding 'no-such-codec'; pass a Python codec "
        "name such as utf-8 or gb18030 (see 'python -m doclint check --help')",
    ]


def test_non_utf8_file_names_encoding_option(run_cli, tmp_path):
    path = tmp_path / "gbk.md"
    path.write_bytes("# 标题\n\n正文。\n".encode("gb18030"))
    code, _, stderr = run_cli("check", str(path))
    assert code == 2
    assert stderr.count("\n") == 1
    assert stderr.startswith(f"doclint: error: {path}: invalid utf-8 at byte 2 (line 1);")
    assert "--encoding" in stderr
    assert "Traceback" not in stderr


def test_encoding_option_reads_gb18030(run_cli, tmp_path):
    path = tmp_path / "gbk.md"
    path.write_bytes((FIXTURES / "zh-notes.md").read_text(encoding="utf-8").encode("gb18030"))
    code, stdout, _ = run_cli("check", "--encoding", "gb18030", str(path))
    assert code == 1
    assert f"{path}:51:1: DL101 duplicate-section" in stdout


def test_encoding_option_reads_utf16_without_bom(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "u.md").write_bytes("# UTF16 doc\n\nSome text here.\n".encode("utf-16-le"))

    code, stdout, stderr = run_cli("check", "--no-config", "--no-cache", "--encoding", "utf-16-le", "u.md")

    assert code == 0
    assert stdout == "No problems found in 1 file.\n"
    assert stderr == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "doclint: error: u.md: binary file (it contains NUL bytes, which latin-1 text does not); "
            "pass only text documents, or name the file's encoding with --encoding, such as utf-16-le\n",
        ),
        (
            "zh-CN",
            "doclint: 错误：u.md：是二进制文件（含有 NUL 字节，而 latin-1 文本中没有 NUL 字节）；请只传入文本文档，"
            "或用 --encoding 指定文件的编码，例如 utf-16-le\n",
        ),
    ],
)
def test_encoding_option_without_nul_rejects_utf16(run_cli, tmp_path, monkeypatch, language, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "u.md").write_bytes("# UTF16 doc\n\nSome text here.\n".encode("utf-16"))

    code, stdout, stderr = run_cli("--lang", language, "check", "--no-config", "--no-cache", "--encoding", "latin-1", "u.md")

    assert code == 2
    assert stderr == expected


def test_bad_input_does_not_stop_other_files(run_cli, tmp_path):
    code, stdout, stderr = run_cli("check", str(tmp_path / "missing.md"), str(FIXTURES / "zh-notes.md"))
    assert code == 2
    assert "missing.md: no such file or directory" in stderr
    assert "zh-notes.md:51:1: DL101" in stdout


def test_crlf_file_line_numbers(run_cli, tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes((FIXTURES / "zh-notes.md").read_bytes().replace(b"\n", b"\r\n"))
    code, stdout, _ = run_cli("check", str(path))
    assert code == 1
    assert f"{path}:27:1: DL102 near-duplicate-section" in stdout
    assert f"{path}:51:1: DL101 duplicate-section" in stdout


def test_bom_file_line_numbers(run_cli, tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "zh-notes.md").read_bytes())
    code, stdout, _ = run_cli("check", str(path))
    assert f"{path}:51:1: DL101 duplicate-section" in stdout


def test_stdin(run_cli):
    code, stdout, _ = run_cli("check", "-", stdin=(FIXTURES / "zh-notes.md").read_bytes())
    assert code == 1
    assert "<stdin>:51:1: DL101 duplicate-section" in stdout


def test_ast_prints_tree(run_cli):
    code, stdout, _ = run_cli("ast", str(SEED))
    tree = json.loads(stdout)
    assert code == 0
    item_1 = tree["sections"][0]["children"][0]
    assert (item_1["line"], item_1["number"], item_1["title"]) == (5, "1", "自动化诊断系统")
    assert item_1["fields"]["answer"]["steps"][0]["label"] == "数据收集与预处理"


def test_ast_missing_file(run_cli):
    code, stdout, stderr = run_cli("ast", "nope.md")
    assert code == 2
    assert stdout == ""
    assert stderr == "doclint: error: nope.md: no such file or directory; check the path\n"


def test_rules_lists_every_rule(run_cli):
    code, stdout, _ = run_cli("rules")
    lines = stdout.splitlines()
    assert code == 0
    assert lines[0].split()[:3] == ["DL101", "duplicate-section", "error"]
    assert lines[1].split()[:3] == ["DL102", "near-duplicate-section", "warning"]


def test_rules_marks_rules_off_by_default(run_cli):
    _, stdout, _ = run_cli("rules")
    off = [line.split()[0] for line in stdout.splitlines() if "Off by default" in line]
    assert off == ["DL902"]
    assert stdout.splitlines()[-1].endswith(
        "silences no finding. Off by default: run it with --select ALL. It reports an unused comment only when every "
        "rule that the comment names ran, so --select unused-suppression alone reports only unknown rule names and directives."
    )


def test_rules_fix_column_names_unsafe_fixes(run_cli):
    _, stdout, _ = run_cli("rules")
    columns = {line.split()[0]: line.split("  ") for line in stdout.splitlines()}
    fixes = {code: [part.strip() for part in parts if part.strip()][3] for code, parts in columns.items()}
    assert fixes["DL302"] == "unsafe fix"
    assert fixes["DL101"] == "fix"
    assert fixes["DL402"] == "fix"
    assert fixes["DL403"] == "fix"
    assert fixes["DL301"] == "-"


def test_rules_fix_column_chinese(run_cli):
    _, stdout, _ = run_cli("rules", "--lang", "zh-CN")
    by_code = {line.split()[0]: line for line in stdout.splitlines()}
    assert by_code["DL302"].split()[3] == "不安全修复"
    assert by_code["DL402"].split()[3] == "可修复"
    assert by_code["DL902"].endswith(
        "默认不运行：用 --select ALL 运行它。只有注释列出的规则都运行了，它才会报告未使用的注释，"
        "所以单独用 --select unused-suppression 时只会报告未知的规则名称和指令。"
    )


def test_no_paths_is_usage_error(run_cli):
    code, _, stderr = run_cli("check")
    assert code == 2
    assert "PATH" in stderr


@pytest.mark.parametrize("command", [["doclint"], [sys.executable, "-m", "doclint"]])
def test_installed_entry_points(command):
    if command == ["doclint"]:
        executable = shutil.which("doclint", path=os.path.dirname(sys.executable)) or shutil.which("doclint")
        assert executable, "the doclint console script is not installed"
        command = [executable]
    completed = subprocess.run([*command, "check", str(SEED)], capture_output=True, text=True, encoding="utf-8")
    assert completed.returncode == 1
    assert completed.stdout.splitlines()[-2] == "Found 20 problems (14 errors, 6 warnings, 0 info) in 1 file."


def test_entry_point_usage_error_status():
    completed = subprocess.run(
        [sys.executable, "-m", "doclint", "check", str(FIXTURES / "missing.md")], capture_output=True, text=True, encoding="utf-8"
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.splitlines() == [f"doclint: error: {FIXTURES / 'missing.md'}: no such file or directory; check the path"]


def test_entry_point_closed_pipe(tmp_path):
    # 80 copies give about 135 KB of findings, more than a pipe's 64 KB buffer holds.
    for index in range(80):
        shutil.copyfile(SEED, tmp_path / f"copy{index:02d}.md")
    process = subprocess.Popen(
        [sys.executable, "-m", "doclint", "check", "--no-cache", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait() == 141, "the status a shell shows for a process that SIGPIPE ended"
    assert first.startswith(str(tmp_path / "copy00.md").encode())
    assert stderr == b""


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX only")
def test_ctrl_c_stops_process_group(tmp_path):
    import signal

    for index in range(300):
        shutil.copyfile(SEED, tmp_path / f"copy{index:03d}.md")
    process = subprocess.Popen(
        [sys.executable, "-m", "doclint", "check", "--no-cache", "--jobs", "3", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    _wait_for_workers(process.pid)
    # A terminal sends Ctrl-C to the whole foreground process group.
    os.killpg(process.pid, signal.SIGINT)
    status = process.wait(timeout=20)
    stderr = process.stderr.read().decode()

    assert status == 130, stderr
    assert "Traceback" not in stderr
    assert _group_ends(process.pid)


def _wait_for_workers(pid: int, timeout: float = 20.0) -> None:
    """Wait until a process has started child processes, so that Ctrl-C reaches a run that is parsing.

    On a busy machine a fixed sleep can send Ctrl-C during the imports,
    before doclint handles it. Without ``/proc`` (not Linux), the
    wait is a fixed second.
    """
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if not children.parent.exists():
        time.sleep(1.0)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if children.read_text().split():
                return
        except OSError:
            return
        time.sleep(0.05)


def _group_ends(group: int, timeout: float = 10.0) -> bool:
    """Return whether every process of a process group has ended within ``timeout`` seconds.

    Workers end when doclint's process does, but on a busy machine the
    kernel may take a moment to remove them, so the group is polled.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_verbose_logs_doclint_debug_only():
    completed = subprocess.run(
        [sys.executable, "-m", "doclint", "check", "-v", "--no-cache", str(FIXTURES / "clean-qa.md")],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    lines = completed.stderr.splitlines()
    assert completed.returncode == 0
    assert any(line.startswith("doclint: DEBUG: doclint.") for line in lines)
    assert [line for line in lines if not line.startswith("doclint: DEBUG: doclint.")] == []


def test_entry_point_keeps_run_thresholds():
    from doclint.collector import RUN_THRESHOLDS

    program = "import gc, doclint.cli as cli; cli.main = lambda: print(gc.get_threshold()); cli.entry_point()"
    completed = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert completed.returncode == 0
    assert completed.stdout.strip() == str(RUN_THRESHOLDS)


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (2, 2), ("doclint: stopped", 1)])
def test_exit_status_of_system_exit(code, status, capsys):
    from doclint.cli import _exit_status

    assert _exit_status(code) == status
    assert capsys.readouterr().err == ("doclint: stopped\n" if isinstance(code, str) else "")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--jobs", "abc", "'abc' is not a whole number; pass a number of processes such as 2"),
        ("--jobs", "0", "0 is less than 1; pass a number of processes such as 2"),
        ("--near-duplicate-threshold", "abc", "'abc' is not a number; pass a percentage from 0 to 100, such as 75"),
        ("--same-question-threshold", "150", "150 is not from 0 to 100; pass a percentage such as 75"),
    ],
)
def test_bad_number_option_message(run_cli, option, value, message):
    code, stdout, stderr = run_cli("check", option, value, str(SEED))
    assert code == 2
    assert stdout == ""
    assert stderr == f"doclint: error: Invalid value for '{option}': {message} (see 'doclint check --help')\n"


def test_no_command_shows_help(run_cli):
    code, stdout, stderr = run_cli()
    assert code == 2
    assert stdout == ""
    assert stderr.startswith("Usage: doclint [OPTIONS] COMMAND [ARGS]...\n")
    assert "doclint: error:" not in stderr
    assert "  check    Check documents and report or fix what is wrong.\n" in stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--select="], "Invalid value for '--select': the value is empty; pass RULES or leave the option out"),
        (["--select", " , "], "Invalid value for '--select': the list names no rule; pass rule names, codes or code prefixes"),
        (["--ignore="], "Invalid value for '--ignore': the value is empty; pass RULES or leave the option out"),
        (["--config="], "Invalid value for '--config': the value is empty; pass FILE or leave the option out"),
        (["--schema", ""], "Invalid value for '--schema': the value is empty; pass NAME|PATH or leave the option out"),
        (["--compare-with="], "Invalid value for '--compare-with': the value is empty; pass PATH or leave the option out"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else None,
)
def test_empty_option_value_is_usage_error(run_cli, arguments, message):
    # An empty --select used to select no rule at all, so a check found nothing and passed.
    code, stdout, stderr = run_cli("check", *arguments, str(SEED))
    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [f"doclint: error: {message} (see 'doclint check --help')"]


def test_last_lang_option_wins_for_errors_and_output(run_cli):
    _code, _stdout, stderr = run_cli("--lang", "en", "check", "--bogus", "--lang", "zh-CN", str(SEED))
    assert stderr.startswith("doclint: 错误：没有选项 '--bogus'。")
    _code, stdout, _stderr = run_cli("--lang", "zh-CN", "check", "--lang", "en", str(SEED))
    assert stdout.splitlines()[-2] == "Found 20 problems (14 errors, 6 warnings, 0 info) in 1 file."


@pytest.mark.parametrize(("language", "expected"), [("en", "doclint, version {version}"), ("zh-CN", "doclint，版本 {version}")])
def test_version_in_selected_language(run_cli, language, expected):
    from doclint import __version__

    code, stdout, _stderr = run_cli("--lang", language, "--version")
    assert code == 0
    assert stdout == expected.format(version=__version__) + "\n"


def test_unsafe_fixes_alone_warns():
    # In a process of its own: the log handler writes to the stderr of the first run in a process.
    completed = subprocess.run(
        [sys.executable, "-m", "doclint", "check", "--unsafe-fixes", str(SEED)], capture_output=True, text=True, encoding="utf-8"
    )
    assert completed.returncode == 1
    assert completed.stdout.splitlines()[-2] == "Found 20 problems (14 errors, 6 warnings, 0 info) in 1 file."
    assert completed.stderr.splitlines() == [
        "doclint: warning: --unsafe-fixes does nothing without --fix or --diff; add one of them to apply the fixes"
    ]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_device_named_is_usage_error(run_cli, tmp_path):
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    code, _stdout, stderr = run_cli("check", str(link))
    assert code == 2
    assert stderr == f"doclint: error: {link}: not a regular file; name a file or a folder of documents, or - for standard input\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("command", ["check", "ast"])
def test_named_pipe_is_usage_error(run_cli, tmp_path, command):
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    code, _stdout, stderr = run_cli(command, str(pipe))
    assert code == 2
    assert stderr == f"doclint: error: {pipe}: not a regular file; name a file or a folder of documents, or - for standard input\n"


@pytest.mark.parametrize("command", ["check", "ast"])
def test_empty_path_is_usage_error(run_cli, command):
    code, stdout, stderr = run_cli(command, "")
    assert (code, stdout) == (2, "")
    assert stderr == "doclint: error: an empty path was named; name a file or a folder, or - for standard input\n"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_schema_or_config_device_is_usage_error(run_cli, tmp_path):
    document = tmp_path / "doc.md"
    document.write_text("---\ndoclint-schema: /dev/zero\n---\n# Title\n", encoding="utf-8")
    code, stdout, _stderr = run_cli("check", "--no-cache", str(document))
    assert code == 1
    assert stdout.splitlines()[0] == (
        f"{document}:2:1: DL401 schema-violation front matter key doclint-schema: /dev/zero: not a regular file; "
        "name a schema file"
    )
    code, _stdout, stderr = run_cli("check", "--no-cache", "--config", "/dev/zero", str(document))
    assert code == 2
    assert stderr == "doclint: error: /dev/zero: not a regular file; pass a configuration file such as .doclint.toml to --config\n"


@pytest.fixture
def bug_in_bad_md(monkeypatch):
    """Make computing the section forms of any file named bad.md raise, as a bug in doclint would."""
    from doclint import loader

    real_forms = loader.section_forms

    def failing_forms(document):
        if document.path.endswith("bad.md"):
            raise IndexError("list index out of range")
        return real_forms(document)

    monkeypatch.setattr(loader, "section_forms", failing_forms)


def test_document_bug_other_files_checked(run_cli, tmp_path, monkeypatch, bug_in_bad_md):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad.md").write_text("# Bad\n\nText.\n", encoding="utf-8")
    (tmp_path / "docs" / "good.md").write_text("# Good\n\n## 1. a\n\n## 3. b\n", encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--no-cache", "--jobs", "1", "docs")

    assert code == 3
    assert stdout.splitlines()[0] == (
        "docs/good.md:5:4: DL402 heading-numbering [*] heading \"3. b\" skips from 1 (line 3) to 3; the fix renumbers it to 2"
    )
    assert stderr == (
        "doclint: error: internal error while checking docs/bad.md: IndexError: list index out of range; this is a bug in "
        "doclint, please report it with this file (rerun with --verbose for the traceback)\n"
    )


def test_document_bug_other_files_fixed(run_cli, tmp_path, monkeypatch, bug_in_bad_md):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_text("# Bad\n\n## 1. a\n\n## 3. b\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("# Good\n\n## 1. a\n\n## 3. b\n", encoding="utf-8")

    code, _stdout, stderr = run_cli("check", "--no-cache", "--jobs", "1", "--fix", "bad.md", "good.md")

    assert code == 3
    assert "internal error while checking bad.md" in stderr
    assert (tmp_path / "good.md").read_text(encoding="utf-8") == "# Good\n\n## 1. a\n\n## 2. b\n"
    assert (tmp_path / "bad.md").read_text(encoding="utf-8") == "# Bad\n\n## 1. a\n\n## 3. b\n"


def test_document_bug_message_chinese():
    from doclint.i18n import set_language
    from doclint.loader import DocumentBug

    set_language("zh-CN")
    try:
        message = DocumentBug("docs/bad.md", "IndexError: list index out of range", "").message()
    finally:
        set_language(None)

    assert message == (
        "检查 docs/bad.md 时发生内部错误：IndexError: list index out of range；这是 doclint 的缺陷，"
        "请连同这个文件一起报告（加 --verbose 重新运行可查看堆栈跟踪）"
    )


def test_text_output_escapes_control_characters(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e.md").write_text("# T\n\n## 1. a\n\n## 3. \x1b]0;title\x07b\x1b[2J\n", encoding="utf-8")

    _code, stdout, _stderr = run_cli("check", "--no-cache", "e.md")

    assert stdout.splitlines()[0] == (
        'e.md:5:4: DL402 heading-numbering [*] heading "3. \\x1b]0;title\\x07b\\x1b[2J" skips from 1 (line 3) to 3; '
        "the fix renumbers it to 2"
    )


def test_control_characters_escaped_on_stderr_and_github(run_process, tmp_path):
    (tmp_path / "esc.md").write_text("<!-- doclint-\x1b[2Jdisable -->\n\nx\n", encoding="utf-8")
    (tmp_path / "bidi.md").write_text("# T\n\n## 1. a\n\n## 3. \u202eevil\u202c\n", encoding="utf-8")

    _code, _stdout, stderr = run_process("check", "--no-cache", "--no-config", "esc.md")
    _code, github, _stderr = run_process("check", "--no-cache", "--no-config", "--format", "github", "bidi.md")

    assert stderr.startswith("doclint: warning: esc.md:1: 'doclint-\\x1b[2Jdisable' is not a doclint directive")
    assert github == (
        "::warning file=bidi.md,line=5,endLine=5,col=4,endColumn=5,title=doclint DL402 heading-numbering::"
        'heading "3. \\u202eevil\\u202c" skips from 1 (line 3) to 3; the fix renumbers it to 2\n'
    )


def test_verbose_traceback_keeps_its_lines(run_process, tmp_path):
    # An internal error after the documents were loaded, made in a child process by a sitecustomize module.
    (tmp_path / "doc.md").write_text("# T\n\nText.\n", encoding="utf-8")
    (tmp_path / "sitecustomize.py").write_text(
        "import doclint.suppressions as s\n"
        "def broken(*arguments):\n"
        "    raise IndexError('boom')\n"
        "s.apply_suppressions = broken\n",
        encoding="utf-8",
    )

    import os

    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    completed = subprocess.run(
        [sys.executable, "-m", "doclint", "check", "-v", "--no-cache", "doc.md"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
    )

    assert completed.returncode == 3
    assert "doclint: error: internal error\nTraceback (most recent call last):\n" in completed.stderr
    assert "\\x0a" not in completed.stderr


def test_non_text_codec_option_explained(run_cli):
    code, stdout, stderr = run_cli("check", "--encoding", "rot13", str(SEED))
    assert (code, stdout) == (2, "")
    assert stderr == (
        "doclint: error: Invalid value for '--encoding': 'rot13' is not a text encoding; pass a Python codec name "
        "such as utf-8 or gb18030 (see 'doclint check --help')\n"
    )


def test_one_file_loads_no_unused_modules(tmp_path):
    # A check of one small file that is no Q&A document needs no folder search, LSH, numpy or other reporters.
    (tmp_path / "note.md").write_text("# Note\n\nSome text.\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from doclint.cli import main\n"
        "try:\n"
        "    main(['check', '--no-cache', 'note.md'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "unused = ['pathspec', 'doclint.folder_search', 'doclint.lsh', 'numpy', 'doclint.reporters.sarif', 'jsonschema']\n"
        "print(sorted(name for name in unused if name in sys.modules), file=sys.stderr)\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert completed.stderr.splitlines()[-1] == "[]"


@pytest.mark.parametrize("name", ["zh_CN", "zh", "zh-cn", "zh_CN.UTF-8", "zh-Hans"])
def test_lang_takes_locale_names(run_cli, name):
    code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", name, str(SEED))
    assert code == 1
    assert stdout.splitlines()[-2] == "在 1 个文件中发现 20 个问题（14 个错误，6 个警告，0 个提示）。"


def test_lang_en_us_selects_english(run_cli):
    _code, stdout, _stderr = run_cli("check", "--no-cache", "--lang", "zh-CN", "--lang", "en_US.UTF-8", str(SEED))
    assert stdout.splitlines()[-2] == "Found 20 problems (14 errors, 6 warnings, 0 info) in 1 file."


def test_unknown_lang_is_usage_error(run_cli):
    code, stdout, stderr = run_cli("check", "--lang", "fr", str(SEED))
    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [
        "doclint: error: Invalid value for '--lang': 'fr' is not a language of doclint;"
        " use en or zh-CN (zh_CN and zh also select Chinese) (see 'doclint check --help')"
    ]


def test_folder_of_unreadable_files_is_error(run_process, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.md").write_bytes(b"abc\x00\x00\x00\x89PNG\x00\x01\x02")
    (folder / "b.md").write_bytes(b"\x00\x01\x02\x03 binary")
    code, stdout, stderr = run_process("check", "--no-cache", "d")
    assert (code, stdout) == (2, "")
    assert stderr.splitlines()[-1] == (
        "doclint: error: none of the 2 documents found could be read as text, so nothing was checked; see the warnings above"
    )


def test_folder_with_one_readable_file_passes(run_process, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.md").write_bytes(b"abc\x00\x00\x00\x89PNG\x00\x01\x02")
    (folder / "b.md").write_text("# Notes\n\nText.\n", encoding="utf-8")
    code, stdout, _stderr = run_process("check", "--no-cache", "d")
    assert (code, stdout) == (0, "No problems found in 1 file.\n")


INTERRUPTED_IMPORT = (
    "import builtins\n"
    "real_import = builtins.__import__\n"
    "def interrupted_import(name, *args, **kwargs):\n"
    "    if name == 'doclint.cli':\n"
    "        raise KeyboardInterrupt\n"
    "    return real_import(name, *args, **kwargs)\n"
    "builtins.__import__ = interrupted_import\n"
)
"""Raises KeyboardInterrupt where Python would on a Ctrl-C that comes while doclint.cli is imported."""

INTERRUPTED_LOCALE = (
    "import doclint.cli\n"
    "def interrupted(arguments):\n"
    "    raise KeyboardInterrupt\n"
    "doclint.cli.apply_locale = interrupted\n"
)
"""Raises KeyboardInterrupt where a Ctrl-C came in a real run: while the language of the messages is set up."""


INTERRUPTED_CALLBACK = (
    "import doclint.cli\n"
    "class Dropped:\n"
    "    def __del__(self):\n"
    "        raise KeyboardInterrupt\n"
    "real_apply_locale = doclint.cli.apply_locale\n"
    "def interrupted(arguments):\n"
    "    Dropped()\n"
    "    import time\n"
    "    time.sleep(30)\n"
    "    real_apply_locale(arguments)\n"
    "doclint.cli.apply_locale = interrupted\n"
)
"""Raises KeyboardInterrupt where Python cannot raise it, as a Ctrl-C that comes while an import lock is freed."""


@pytest.mark.parametrize(
    "setup", [INTERRUPTED_IMPORT, INTERRUPTED_LOCALE, INTERRUPTED_CALLBACK], ids=["loading", "starting", "callback"]
)
def test_ctrl_c_before_command_exits_130(setup):
    program = setup + "import sys\nsys.argv = ['doclint', 'rules']\nfrom doclint.launcher import entry_point\nentry_point()\n"
    completed = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)

    assert completed.returncode == 130
    assert completed.stderr == ""
    assert completed.stdout == ""


def test_wrapped_interrupt_not_reported_as_bug(capsys):
    from doclint.cli import _guard

    def interrupted_class_creation():
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as interrupt:
            raise RuntimeError("Error calling __set_name__ on 'Field' instance 'silenced'") from interrupt

    with pytest.raises(KeyboardInterrupt):
        _guard(interrupted_class_creation, verbose=False)
    assert capsys.readouterr().err == ""


def test_runtime_error_reported_as_bug(capsys):
    from doclint.cli import _guard

    def failing():
        raise RuntimeError("broken")

    with pytest.raises(SystemExit) as stop:
        _guard(failing, verbose=False)
    assert stop.value.code == 3
    assert capsys.readouterr().err.startswith("doclint: error: internal error: RuntimeError: broken; this is a bug")


def test_ctrl_c_while_fixing_writes_whole_file(tmp_path):
    # The Ctrl-C comes after the fixed text went to the temporary file and before the rename.
    section = "## Install\n\nRun the installer from the release page, then add the folder to your PATH.\n"
    (tmp_path / "guide.md").write_text(f"# Guide\n\n{section}\n{section}", encoding="utf-8")
    program = (
        "import os, signal, sys\n"
        "import doclint.writer\n"
        "real_write = doclint.writer._write_temporary\n"
        "def interrupted_write(*args):\n"
        "    temporary = real_write(*args)\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    return temporary\n"
        "doclint.writer._write_temporary = interrupted_write\n"
        "sys.argv = ['doclint', 'check', '--no-cache', '--fix', 'guide.md']\n"
        "from doclint.launcher import entry_point\n"
        "entry_point()\n"
    )
    completed = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True)

    assert completed.returncode == 130
    # click ends the line of the terminal's ^C.
    assert completed.stderr == "\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["guide.md"]
    assert (tmp_path / "guide.md").read_text(encoding="utf-8") == f"# Guide\n\n{section}"
