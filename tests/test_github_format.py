"""``--format github``: workflow commands that GitHub Actions turns into annotations."""

import pytest

from doclint.reporters.github import escape_data, escape_property

from conftest import FIXTURES

DUPLICATED = "## 3. 50% off:: now, {suffix}\n\nThe sale ends on Friday.\n"


@pytest.fixture
def in_fixtures(monkeypatch):
    """Run from the fixtures folder, as a CI job runs from the repository root."""
    monkeypatch.chdir(FIXTURES)


def test_one_command_per_finding_errors_first(run_cli, in_fixtures):
    code, stdout, stderr = run_cli("check", "--ignore", "DL4", "--format", "github", str(FIXTURES / "ci-formats.md"))
    assert code == 1
    assert stderr == ""
    assert stdout.splitlines() == [
        "::error file=ci-formats.md,line=21,endLine=28,title=doclint DL101 duplicate-section::"
        'section "3. 准备环境" repeats section "1. 准备环境" (line 3) word for word; remove this copy',
        "::warning file=ci-formats.md,line=19,endLine=19,col=11,endColumn=52,title=doclint DL202 borrowed-passage::"
        'step 2 of item "2. 升级服务" repeats step 1 of item "1. 准备环境" (line 9): '
        '"确认服务器已经安装 Python 3.10 和 Gi…，并且开放了 8443 端口"; '
        "the passage answers the other question, so rewrite it for this one",
        "::warning file=ci-formats.md,line=34,endLine=34,col=1,endColumn=12,title=doclint DL203 missing-answer::"
        'item "4. 回滚服务" has no answer, only the placeholder "待补充"; write the answer or remove the item',
    ]


def test_levels_ordered_across_files(run_cli, in_fixtures):
    code, stdout, _ = run_cli("check", "--ignore", "DL4", "--format", "github", "ci-formats.md", "gb18030-crlf.md")
    assert code == 1
    assert [line.split(",title=")[0] for line in stdout.splitlines()] == [
        "::error file=ci-formats.md,line=21,endLine=28",
        "::error file=gb18030-crlf.md,line=51,endLine=61",
        "::warning file=ci-formats.md,line=19,endLine=19,col=11,endColumn=52",
        "::warning file=ci-formats.md,line=34,endLine=34,col=1,endColumn=12",
        "::warning file=gb18030-crlf.md,line=27,endLine=37",
        "::notice file=gb18030-crlf.md,line=1,endLine=1,col=1,endColumn=10",
    ]


def test_percent_in_message_escaped(run_cli, in_fixtures):
    _, stdout, _ = run_cli("check", "--ignore", "DL4", "--format", "github", "gb18030-crlf.md")
    near_duplicate = [line for line in stdout.splitlines() if "DL102" in line]
    assert near_duplicate == [
        "::warning file=gb18030-crlf.md,line=27,endLine=37,title=doclint DL102 near-duplicate-section::"
        'section "3. 联合索引" is 88%25 similar to section "1. 索引的作用" (line 3) after removing the text most '
        "sections share; merge the two or rewrite one so that each says something of its own"
    ]


def test_document_text_cannot_inject_commands(run_cli, tmp_path, monkeypatch):
    name = "a,b:c%\n::error file=x.md::injected\r.md"
    heading_copy = DUPLICATED.format(suffix="x")
    (tmp_path / name).write_text("# Sale\n\n" + heading_copy + "\n" + heading_copy, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    code, stdout, _ = run_cli("check", "--ignore", "DL4", "--format", "github", name)
    assert code == 1
    assert stdout == (
        "::error file=a%2Cb%3Ac%25%0A%3A%3Aerror file=x.md%3A%3Ainjected%0D.md,line=7,endLine=9,"
        "title=doclint DL101 duplicate-section::"
        'section "3. 50%25 off:: now, x" repeats section "3. 50%25 off:: now, x" (line 3) word for word; '
        "remove this copy\n"
    )


def test_unreadable_input_is_an_error_command(run_cli, in_fixtures):
    code, stdout, stderr = run_cli("check", "--ignore", "DL4", "--format", "github", "no/such.md")
    assert code == 2
    assert stdout == "::error title=doclint::no/such.md: no such file or directory; check the path\n"
    assert stderr == "doclint: error: no/such.md: no such file or directory; check the path\n"


def test_path_outside_working_directory_stays_absolute(run_cli, tmp_path, monkeypatch):
    document = tmp_path / "notes.md"
    document.write_text("# Notes\n\n" + DUPLICATED.format(suffix="y") + "\n" + DUPLICATED.format(suffix="y"), encoding="utf-8")
    monkeypatch.chdir(FIXTURES)
    _, stdout, _ = run_cli("check", "--ignore", "DL4", "--format", "github", str(document))
    assert stdout.startswith(f"::error file={escape_property(str(document))},line=7,endLine=9,")


@pytest.mark.parametrize(
    ("text", "data", "property_value"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a::b,c", "a::b,c", "a%3A%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_escaping_rules(text, data, property_value):
    assert escape_data(text) == data
    assert escape_property(text) == property_value


@pytest.fixture
def step_in_subfolder(tmp_path, monkeypatch):
    """A repository whose check step runs in its docs folder, as a step with working-directory: docs does."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\n## 1. One\n\ntext\n\n## 3. Three\n\ntext\n", encoding="utf-8")
    monkeypatch.chdir(docs)
    return tmp_path


def test_paths_from_github_workspace(run_cli, step_in_subfolder, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(step_in_subfolder))
    _, stdout, _ = run_cli("check", "--no-cache", "--format", "github", "a.md")
    assert stdout.startswith("::warning file=docs/a.md,line=7,")


def test_paths_from_working_folder_without_workspace(run_cli, step_in_subfolder, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    _, stdout, _ = run_cli("check", "--no-cache", "--format", "github", "a.md")
    assert stdout.startswith("::warning file=a.md,line=7,")


OPS_ITEM = """# {title}

{suppression}## 1. {heading}

**Question:** How do you restart the billing service after a config change?

**Answer:**

1. **Drain:** Move traffic away from the node.
2. **{label}:** {step}
3. **Check:** Watch the error rate for five minutes.
"""


@pytest.fixture
def two_files_in_subfolder(tmp_path, monkeypatch):
    """A workspace whose step runs in docs/, with an item in docs/sub/c.md that answers the question of docs/b.md again."""
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "b.md").write_text(
        OPS_ITEM.format(
            title="Ops", suppression="", heading="Restart the service", label="Restart", step="Run systemctl restart billing on the node."
        ),
        encoding="utf-8",
    )
    (docs / "sub" / "c.md").write_text(
        OPS_ITEM.format(
            title="More ops",
            suppression="<!-- doclint-disable-next-line DL999 -->\n",
            heading="Restart again",
            label="Reboot",
            step="Power cycle the whole host from the console.",
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(docs)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    return tmp_path


def test_message_paths_from_github_workspace(run_cli, two_files_in_subfolder):
    code, stdout, _ = run_cli("check", "--no-cache", "--format", "github", ".")
    assert code == 1
    assert stdout.splitlines() == [
        "::warning file=docs/sub/c.md,line=3,title=doclint::docs/sub/c.md:3: this doclint-disable-next-line comment "
        "names 'DL999', which is not a rule name or code, so the comment ignores it; correct the name "
        "(`doclint rules` lists the rules)",
        "::error file=docs/sub/c.md,line=4,endLine=12,title=doclint DL201 inconsistent-answer::"
        'item "1. Restart again" asks the question of item "1. Restart the service" (line 3 of docs/b.md) again '
        'but answers it differently: step 2 is labelled "Reboot" here and "Restart" at line 10 of docs/b.md; '
        'step 2 reads "Power cycle the whole host…" here and "Run systemctl restart billing…" at line 10 of '
        "docs/b.md; keep one answer and correct or remove the other",
    ]


def test_message_paths_in_chinese(run_cli, two_files_in_subfolder):
    _, stdout, _ = run_cli("check", "--no-cache", "--lang", "zh-CN", "--format", "github", ".")
    finding = stdout.splitlines()[-1]
    assert finding.startswith("::error file=docs/sub/c.md,line=4,endLine=12,")
    assert "（docs/b.md 第 3 行）" in finding
    assert finding.count("docs/b.md 第 10 行") == 2


def test_message_paths_from_working_folder_without_workspace(run_cli, two_files_in_subfolder, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE")
    _, stdout, _ = run_cli("check", "--no-cache", "--format", "github", ".")
    finding = stdout.splitlines()[-1]
    assert finding.startswith("::error file=sub/c.md,line=4,endLine=12,")
    assert '"1. Restart the service" (line 3 of b.md)' in finding
    assert finding.count("at line 10 of b.md") == 2


def test_text_format_keeps_working_folder_paths(run_cli, two_files_in_subfolder):
    _, stdout, _ = run_cli("check", "--no-cache", ".")
    finding = stdout.splitlines()[0]
    assert finding.startswith("sub/c.md:4:1: DL201 inconsistent-answer ")
    assert '"1. Restart the service" (line 3 of b.md)' in finding


def test_path_through_symbolic_link_relative(run_cli, step_in_subfolder, monkeypatch, tmp_path_factory):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    link = tmp_path_factory.mktemp("links") / "docs-link"
    link.symlink_to(step_in_subfolder / "docs")
    monkeypatch.chdir(link)
    _, stdout, _ = run_cli("check", "--no-cache", "--format", "github", str(link / "a.md"))
    assert stdout.startswith("::warning file=a.md,line=7,")


def test_warning_about_a_place_annotates_it(run_process, tmp_path):
    (tmp_path / "w.md").write_text("# T\n\n<!-- doclint-disable-next-line DL999 -->\n## 1. A\n\ntext\n", encoding="utf-8")
    _, stdout, _ = run_process("check", "--no-cache", "--format", "github", "w.md")
    assert stdout.splitlines()[0].startswith("::warning file=w.md,line=3,title=doclint::w.md:3: this doclint-disable-next-line comment")


def test_warning_about_the_run_has_no_place(run_process, tmp_path):
    (tmp_path / "a.md").write_text("# A\n\ntext\n", encoding="utf-8")
    _, stdout, _ = run_process("check", "--no-cache", "--unsafe-fixes", "--format", "github", "a.md")
    assert stdout.splitlines()[0] == (
        "::warning title=doclint::--unsafe-fixes does nothing without --fix or --diff; add one of them to apply the fixes"
    )


def test_warning_about_a_file_annotates_it(run_process, tmp_path, monkeypatch):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "a.md").write_text("# A\n\ntext\n", encoding="utf-8")
    (tmp_path / "docs" / "sub" / "bin.md").write_bytes(b"\x00\x01bin")
    (tmp_path / "pyproject.toml").write_text('[tool.doclnt]\nselect = ["ALL"]\n')
    # The workspace is the folder above the one the check runs in, so the names start with that folder's name.
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path.parent))
    _, stdout, _ = run_process("check", "--no-cache", "--format", "github", "docs")
    top = tmp_path.name
    assert stdout.splitlines()[:2] == [
        f"::warning file={top}/pyproject.toml,title=doclint::{top}/pyproject.toml: the table [tool.doclnt] is not read; "
        "did you mean [tool.doclint]?",
        f"::warning file={top}/docs/sub/bin.md,title=doclint::{top}/docs/sub/bin.md: binary file (it contains NUL "
        "bytes), so the file was skipped; add it to the exclude setting to skip it without this warning",
    ]


def test_warning_about_file_with_colon_annotates_it(run_process, tmp_path):
    # A name may contain ":" and ",", which the file property escapes.
    (tmp_path / "notes: 2025, draft.md").write_bytes(b"\x00\x01bin")
    (tmp_path / "a.md").write_text("# A\n\ntext\n", encoding="utf-8")
    _, stdout, _ = run_process("check", "--no-cache", "--format", "github", ".")
    assert stdout.splitlines()[0] == (
        "::warning file=notes%3A 2025%2C draft.md,title=doclint::notes: 2025, draft.md: binary file (it contains NUL "
        "bytes), so the file was skipped; add it to the exclude setting to skip it without this warning"
    )
