import json
import shutil

import pytest

from conftest import FIXTURES


@pytest.fixture
def project(tmp_path):
    """A folder with the Chinese fixture (one copy at 51, one near-duplicate at 27, and at 63 a heading numbered as if the copy stayed)."""
    shutil.copyfile(FIXTURES / "zh-notes.md", tmp_path / "notes.md")
    return tmp_path


def rules_found(stdout):
    return [line.split(" ")[2] for line in stdout.splitlines() if ": DL" in line]


def test_doclint_toml_ignore(run_cli, project):
    (project / ".doclint.toml").write_text('ignore = ["near-duplicate-section"]\n')
    _, stdout, _ = run_cli("check", str(project / "notes.md"))
    assert rules_found(stdout) == ["duplicate-section", "heading-numbering"]


def test_pyproject_select_by_code(run_cli, project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.doclint]\nselect = ["DL102"]\n')
    _, stdout, _ = run_cli("check", str(project / "notes.md"))
    assert rules_found(stdout) == ["near-duplicate-section"]


def test_pyproject_without_table_is_skipped(run_cli, project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n')
    _, stdout, _ = run_cli("check", str(project / "notes.md"))
    assert rules_found(stdout) == ["near-duplicate-section", "duplicate-section", "heading-numbering"]


def test_config_found_walking_up(run_cli, project):
    sub = project / "docs" / "zh"
    sub.mkdir(parents=True)
    shutil.move(project / "notes.md", sub / "notes.md")
    (project / ".doclint.toml").write_text('select = ["duplicate-section"]\n')
    _, stdout, _ = run_cli("check", str(sub / "notes.md"))
    assert rules_found(stdout) == ["duplicate-section"]


def test_per_file_ignores(run_cli, project):
    (project / "keep.md").write_bytes((project / "notes.md").read_bytes())
    (project / ".doclint.toml").write_text('[per-file-ignores]\n"notes.md" = ["DL1"]\n')
    _, stdout, _ = run_cli("check", str(project / "notes.md"), str(project / "keep.md"))
    findings = [line for line in stdout.splitlines() if ": DL" in line]
    assert findings
    assert all(line.startswith(str(project / "keep.md")) for line in findings)


@pytest.mark.parametrize("glob", ["docs", "docs/", "./docs", "./docs/*", "./docs/"])
def test_per_file_ignores_glob_spellings(run_cli, project, glob):
    # A folder covers its files. A leading ./ and a trailing / are how paths and .gitignore patterns are often written.
    (project / "docs").mkdir()
    shutil.copy(project / "notes.md", project / "docs" / "notes.md")
    (project / ".doclint.toml").write_text(f'[per-file-ignores]\n"{glob}" = ["DL1"]\n')
    _, stdout, _ = run_cli("check", str(project / "docs" / "notes.md"), str(project / "notes.md"))
    findings = [line for line in stdout.splitlines() if ": DL1" in line]
    assert findings
    assert not any(line.startswith(str(project / "docs")) for line in findings)


@pytest.mark.parametrize("glob", [".", "./", ".//", "*"])
def test_per_file_ignores_glob_of_config_folder(run_cli, project, glob):
    # "." names the configuration's folder, so it covers every file below it, as "docs" covers the files under docs.
    (project / "docs").mkdir()
    shutil.copy(project / "notes.md", project / "docs" / "notes.md")
    (project / ".doclint.toml").write_text(f'[per-file-ignores]\n"{glob}" = ["DL101"]\n')
    _, stdout, _ = run_cli("check", str(project))
    # Without the glob, both copies of the notes get a duplicate-section finding and a heading-numbering one.
    findings = [line.split(" ")[0:3] for line in stdout.splitlines() if ": DL" in line]
    assert findings == [[f"{project / 'docs' / 'notes.md'}:27:1:", "DL102", "near-duplicate-section"]]


@pytest.mark.parametrize("glob", ["docs//zh", "./docs//zh/", "docs/./zh/", "././docs/zh"])
def test_glob_parts_read_as_path(run_cli, project, glob):
    (project / "docs" / "zh").mkdir(parents=True)
    shutil.move(project / "notes.md", project / "docs" / "zh" / "notes.md")
    (project / ".doclint.toml").write_text(f'[per-file-ignores]\n"{glob}" = ["DL1"]\n')
    code, stdout, _ = run_cli("check", str(project))
    # Without the glob, the notes get a near-duplicate-section, a duplicate-section and a heading-numbering finding.
    assert code == 0
    assert stdout == "No problems found in 1 file.\n"


def test_glob_with_trailing_slash_matches_folders_only(run_cli, project):
    (project / ".doclint.toml").write_text('[per-file-ignores]\n"notes.md/" = ["DL1"]\n')
    _, stdout, _ = run_cli("check", str(project / "notes.md"))
    assert rules_found(stdout) == ["near-duplicate-section", "duplicate-section", "heading-numbering"]


def test_exclude_glob_with_dot_slash(run_cli, project):
    (project / "drafts").mkdir()
    shutil.copyfile(FIXTURES / "zh-notes.md", project / "drafts" / "old.md")
    (project / ".doclint.toml").write_text('exclude = ["./drafts/"]\nselect = ["DL101"]\n')
    _, stdout, _ = run_cli("check", str(project))
    assert "old.md" not in stdout
    assert "No problems" not in stdout


def test_severity_override(run_cli, project):
    (project / ".doclint.toml").write_text('[severity]\nduplicate-section = "info"\nnear-duplicate-section = "info"\n')
    code, stdout, _ = run_cli("check", str(project / "notes.md"))
    assert code == 1
    assert "Found 3 problems (0 errors, 1 warning, 2 info) in 1 file." in stdout


def test_threshold_from_file_and_cli_override(run_cli, project):
    (project / ".doclint.toml").write_text('near-duplicate-threshold = 95\nselect = ["DL1"]\n')
    _, stdout, _ = run_cli("check", str(project / "notes.md"))
    assert rules_found(stdout) == ["duplicate-section"]
    _, stdout, _ = run_cli("check", "--near-duplicate-threshold", "75", str(project / "notes.md"))
    assert rules_found(stdout) == ["near-duplicate-section", "duplicate-section"]


def test_cli_select_overrides_file(run_cli, project):
    (project / ".doclint.toml").write_text('select = ["DL101"]\n')
    _, stdout, _ = run_cli("check", "--select", "near-duplicate-section", str(project / "notes.md"))
    assert rules_found(stdout) == ["near-duplicate-section"]


def test_exclude_globs(run_cli, project):
    drafts = project / "drafts"
    drafts.mkdir()
    shutil.copyfile(FIXTURES / "zh-notes.md", drafts / "old.md")
    (project / ".doclint.toml").write_text('exclude = ["drafts"]\nselect = ["DL101"]\n')
    _, stdout, _ = run_cli("check", str(project))
    assert "old.md" not in stdout
    assert "No problems" not in stdout


def test_labels_extend_synonyms(run_cli, tmp_path):
    text = "# Q\n\n## 1. A\n\n**Frage:** Wie?\n\n**Antwort:** TODO\n"
    (tmp_path / "de.md").write_text(text, encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('[labels]\nquestion = ["Frage"]\nanswer = ["Antwort"]\n', encoding="utf-8")
    _, stdout, _ = run_cli("check", str(tmp_path / "de.md"))
    assert "missing-answer" in rules_found(stdout)


GERMAN_ITEM = "# FAQ\n\n## Frage eins?\n\nAntwort: Ja.\n"
"""A document whose "Antwort:" label becomes an answer field only through a configured [labels] entry."""


def ast_fields(run_cli, *arguments):
    """Run ``doclint ast`` and return (exit code, the labels of the first subsection's fields by key, stderr).

    The labels show which fields a configured label made, because a
    question heading's question field has no label.
    """
    code, stdout, stderr = run_cli("ast", *arguments)
    fields = json.loads(stdout)["sections"][0]["children"][0]["fields"] if stdout else {}
    return code, {key: field["label"] for key, field in fields.items()}, stderr


def test_ast_reads_found_config(run_cli, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "de.md").write_text(GERMAN_ITEM, encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('[labels]\nanswer = ["Antwort"]\n', encoding="utf-8")

    assert ast_fields(run_cli, str(tmp_path / "docs" / "de.md")) == (0, {"question": "", "answer": "Antwort"}, "")
    assert ast_fields(run_cli, "--no-config", str(tmp_path / "docs" / "de.md")) == (0, {}, "")


def test_ast_config_option(run_cli, tmp_path):
    (tmp_path / "de.md").write_text(GERMAN_ITEM, encoding="utf-8")
    (tmp_path / "labels.toml").write_text('[labels]\nanswer = ["Antwort"]\n', encoding="utf-8")

    assert ast_fields(run_cli, "--config", str(tmp_path / "labels.toml"), str(tmp_path / "de.md")) == (
        0, {"question": "", "answer": "Antwort"}, ""
    )
    assert ast_fields(run_cli, "--config", str(tmp_path / "nope.toml"), str(tmp_path / "de.md")) == (
        2,
        {},
        f"doclint: error: {tmp_path / 'nope.toml'}: no such configuration file; check the --config path\n",
    )


def test_ast_reads_config_encoding(run_cli, tmp_path):
    (tmp_path / "gbk.md").write_bytes("# 标题\n\n正文。\n".encode("gb18030"))
    (tmp_path / ".doclint.toml").write_text('encoding = "gb18030"\n')

    code, stdout, stderr = run_cli("ast", str(tmp_path / "gbk.md"))

    assert (code, stderr) == (0, "")
    assert json.loads(stdout)["sections"][0]["heading"] == "标题"


def test_encoding_key(run_cli, tmp_path):
    (tmp_path / "gbk.md").write_bytes("# 标题\n\n正文。\n".encode("gb18030"))
    (tmp_path / ".doclint.toml").write_text('encoding = "gb18030"\n')
    code, _, stderr = run_cli("check", str(tmp_path / "gbk.md"))
    assert (code, stderr) == (0, "")


def test_explicit_config_option(run_cli, project, tmp_path_factory):
    other = tmp_path_factory.mktemp("config") / "strict.toml"
    other.write_text('select = ["DL102"]\n')
    _, stdout, _ = run_cli("check", "--config", str(other), str(project / "notes.md"))
    assert rules_found(stdout) == ["near-duplicate-section"]


def test_no_config_option(run_cli, project):
    (project / ".doclint.toml").write_text('select = ["DL102"]\n')
    _, stdout, _ = run_cli("check", "--no-config", str(project / "notes.md"))
    assert rules_found(stdout) == ["near-duplicate-section", "duplicate-section", "heading-numbering"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("colour = 1\n", "unknown key 'colour'; allowed keys: cache-dir, code-scope, encoding, exclude, ignore"),
        ('select = "DL101"\n', "invalid value for 'select': expected a list of strings, got 'DL101'"),
        ('select = ["no-such-rule"]\n', "unknown rule 'no-such-rule' in 'select'"),
        ("near-duplicate-threshold = 150\n", "invalid value for 'near-duplicate-threshold': expected a number from 0 to 100, got 150"),
        ('[severity]\nduplicate-section = "fatal"\n', "invalid value for 'severity': expected one of error, warning, info"),
        ('[per-file-ignores]\n"*.md" = "DL101"\n', "invalid value for 'per-file-ignores': expected a list of strings"),
        ("labels = 3\n", "invalid value for 'labels': expected a table of key"),
        ('[labels]\nanswer = ["题目"]\n', "invalid value for 'labels': label '题目' maps to both"),
        ("select = [\n", "invalid TOML"),
        ('encoding = "nope-enc"\n', "invalid value for 'encoding': expected a Python codec name such as utf-8 or gb18030, got 'nope-enc'"),
        ('encoding = "rot13"\n', "invalid value for 'encoding': expected a Python codec name such as utf-8 or gb18030, got 'rot13'"),
        ('cache-dir = ""\n', "invalid value for 'cache-dir': expected a non-empty string, got ''"),
        ("cache-dir = 1\n", "invalid value for 'cache-dir': expected a non-empty string, got 1"),
        ('exclude = [""]\n', """invalid value for 'exclude': expected a non-empty glob, such as "docs/zh/", or "." for every file, got ''"""),
        ('[per-file-ignores]\n" " = ["DL1"]\n', """invalid value for 'per-file-ignores': expected a non-empty glob, such as "docs/zh/", or "." for every file, got ' '"""),
        ('[per-file-encoding]\n"" = "cp1252"\n', """invalid value for 'per-file-encoding': expected a non-empty glob, such as "docs/zh/", or "." for every file, got ''"""),
    ],
)
def test_bad_config_is_usage_error(run_cli, project, content, message):
    config = project / ".doclint.toml"
    config.write_text(content, encoding="utf-8")
    code, stdout, stderr = run_cli("check", str(project / "notes.md"))
    assert code == 2
    assert stdout == ""
    assert stderr.startswith(f"doclint: error: {config}: ")
    assert message in stderr
    assert stderr.count("\n") == 1


@pytest.mark.parametrize("name", [".doclint.toml", "pyproject.toml"])
def test_config_not_utf8_is_usage_error(run_cli, project, name):
    config = project / name
    config.write_bytes('[tool.doclint]\n# 检查\n'.encode("gb18030"))

    code, stdout, stderr = run_cli("check", str(project / "notes.md"))

    assert code == 2
    assert stdout == ""
    assert stderr == f"doclint: error: {config}: invalid UTF-8 at byte 17; TOML files must be UTF-8, so save the file as UTF-8\n"


def test_missing_config_file(run_cli, project):
    code, _, stderr = run_cli("check", "--config", str(project / "nope.toml"), str(project / "notes.md"))
    assert code == 2
    assert stderr == f"doclint: error: {project / 'nope.toml'}: no such configuration file; check the --config path\n"


def test_cli_select_unknown_rule(run_cli, project):
    code, _, stderr = run_cli("check", "--select", "DL101,nope", str(project / "notes.md"))
    assert code == 2
    assert stderr == (
        "doclint: error: Invalid value for '--select': unknown rule 'nope'; `doclint rules` lists them "
        "(see 'doclint check --help')\n"
    )


def test_empty_select_in_file_is_error(run_cli, project):
    (project / ".doclint.toml").write_text("select = []\n")
    code, stdout, stderr = run_cli("check", str(project / "notes.md"))
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"doclint: error: no rule is left to run after select (none from {project / '.doclint.toml'}) and ignore "
        "(none), so nothing would be checked; select a rule that ignore does not name\n"
    )


def test_ignore_of_every_selected_rule_is_error(run_cli, project):
    code, stdout, stderr = run_cli("check", "--no-config", "--select", "DL101", "--ignore", "dl1", str(project / "notes.md"))
    assert (code, stdout) == (2, "")
    assert stderr == (
        "doclint: error: no rule is left to run after select (DL101 from --select) and ignore (dl1 from --ignore), "
        "so nothing would be checked; select a rule that ignore does not name\n"
    )


@pytest.mark.parametrize("name", [".doclint.toml", "pyproject.toml"])
def test_ignore_all_in_file_names_the_file(run_cli, project, name):
    table = "[tool.doclint]\n" if name == "pyproject.toml" else ""
    (project / name).write_text(f'{table}ignore = ["ALL"]\n')
    code, stdout, stderr = run_cli("check", "--select", "DL101", str(project / "notes.md"))
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"doclint: error: no rule is left to run after select (DL101 from --select) and ignore (ALL from "
        f"{project / name}), so nothing would be checked; select a rule that ignore does not name\n"
    )


def test_select_in_file_and_ignore_option_named(run_cli, project):
    (project / ".doclint.toml").write_text('select = ["DL101"]\n')
    code, _, stderr = run_cli("check", "--ignore", "ALL", "--lang", "zh-CN", str(project / "notes.md"))
    assert code == 2
    assert stderr == (
        f"doclint: 错误：select（DL101，来自 {project / '.doclint.toml'}）和 ignore（ALL，来自 --ignore）之后没有剩下"
        "要运行的规则，所以什么也不会检查；请选择至少一条 ignore 没有列出的规则\n"
    )


def test_ignore_all_rules_zh(run_cli, project):
    (project / ".doclint.toml").write_text('ignore = ["DL1", "DL2", "DL3", "DL4", "DL9"]\n')
    code, _, stderr = run_cli("check", "--lang", "zh-CN", str(project / "notes.md"))
    assert code == 2
    assert stderr == (
        f"doclint: 错误：select（默认启用的规则）和 ignore（DL1, DL2, DL3, DL4, DL9，来自 {project / '.doclint.toml'}）"
        "之后没有剩下要运行的规则，"
        "所以什么也不会检查；请选择至少一条 ignore 没有列出的规则\n"
    )


def test_cli_ignore_prefix(run_cli, project):
    _, stdout, _ = run_cli("check", "--no-config", "--ignore", "DL1", str(project / "notes.md"))
    assert rules_found(stdout) == []


def test_tool_table_in_doclint_toml_explained(run_cli, project):
    config = project / ".doclint.toml"
    config.write_text('[tool.doclint]\nselect = ["DL101"]\n', encoding="utf-8")
    code, _, stderr = run_cli("check", str(project / "notes.md"))
    assert code == 2
    assert stderr == (
        f"doclint: error: {config}: unknown key 'tool'; outside pyproject.toml the keys stand at the top level, "
        "so remove the [tool.doclint] header\n"
    )


def test_tool_table_in_named_config_explained(run_cli, project):
    config = project / "ci.toml"
    config.write_text('[tool.doclint]\nselect = ["DL101"]\n', encoding="utf-8")
    code, _, stderr = run_cli("check", "--config", str(config), str(project / "notes.md"))
    assert code == 2
    assert "unknown key 'tool'; outside pyproject.toml the keys stand at the top level" in stderr


def test_misspelt_key_suggested(run_cli, project):
    config = project / ".doclint.toml"
    config.write_text('selct = ["DL101"]\n', encoding="utf-8")
    _, _, stderr = run_cli("check", str(project / "notes.md"))
    assert stderr.startswith(f"doclint: error: {config}: unknown key 'selct'; did you mean 'select'? Allowed keys: ")


def test_misspelt_rule_suggested(run_cli, project):
    config = project / ".doclint.toml"
    config.write_text('ignore = ["dupliate-section"]\n', encoding="utf-8")
    _, _, stderr = run_cli("check", str(project / "notes.md"))
    assert stderr == (
        f"doclint: error: {config}: unknown rule 'dupliate-section' in 'ignore'; did you mean 'duplicate-section'? "
        "`doclint rules` lists them\n"
    )


def test_misspelt_rule_option_suggested(run_cli, project):
    _, _, stderr = run_cli("check", "--select", "near-duplicat", str(project / "notes.md"))
    assert stderr == (
        "doclint: error: Invalid value for '--select': unknown rule 'near-duplicat'; did you mean "
        "'near-duplicate-section'? `doclint rules` lists them (see 'doclint check --help')\n"
    )


def test_misspelt_tool_table_warned(run_process, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.doclnt]\nselect = ["ALL"]\n')
    (tmp_path / "notes.md").write_text("# Notes\n\ntext\n", encoding="utf-8")
    code, _, stderr = run_process("check", "--no-cache", "notes.md")
    assert code == 0
    assert stderr == f"doclint: warning: {tmp_path / 'pyproject.toml'}: the table [tool.doclnt] is not read; did you mean [tool.doclint]?\n"


def check_with_config(run_process, tmp_path, config: str) -> tuple[int, str, str]:
    """Check a small document under a .doclint.toml with ``config``, in a process of its own."""
    (tmp_path / ".doclint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "a.md").write_text("# T\n\nx\n", encoding="utf-8")
    return run_process("check", "--no-cache", "a.md")


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            '[labels]\nanwser = ["Antwortx"]\nhint = ["提示"]\n',
            (
                0,
                "No problems found in 1 file.\n",
                "doclint: warning: {config}: [labels] key 'anwser' is not a built-in field, "
                "so its labels make fields of their own; did you mean 'answer'?\n",
            ),
        ),
        (
            'schema = "qa"\n',
            (
                2,
                "",
                "doclint: error: {config}: invalid value for 'schema': expected a built-in schema name "
                "(generic, qa-article) or the path of a .json file, got 'qa'\n",
            ),
        ),
    ],
    ids=["misspelt-label-key", "unknown-schema-name"],
)
def test_config_value_messages_name_file(run_process, tmp_path, config, expected):
    code, stdout, stderr = check_with_config(run_process, tmp_path, config)

    assert (code, stdout) == expected[:2]
    assert stderr == expected[2].format(config=tmp_path / ".doclint.toml")


LEGACY_TEXT = "# Legacy\n\n## 1. Café\n\nÉté à Paris.\n\n## 3. Fin\n\nDone.\n"


@pytest.fixture
def legacy_project(tmp_path, monkeypatch):
    """A folder with a UTF-8 document and a UTF-16-LE one without a BOM, which only its named encoding reads."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.md").write_bytes(LEGACY_TEXT.encode("utf-16-le"))
    (tmp_path / "new.md").write_text("# New\n\n## 1. One\n\ntext\n", encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('[per-file-encoding]\n"legacy/*.md" = "utf-16-le"\n')
    return tmp_path


def test_per_file_encoding_reads_matching_files(run_cli, legacy_project):
    code, stdout, _ = run_cli("check", "--no-cache", ".")
    assert code == 1
    assert stdout.splitlines()[0] == (
        'legacy/old.md:7:4: DL402 heading-numbering [*] heading "3. Fin" skips from 1 (line 3) to 3; '
        "the fix renumbers it to 2"
    )
    assert "in 2 files." in stdout


def test_per_file_encoding_fix_keeps_encoding(run_cli, legacy_project):
    code, _, _ = run_cli("check", "--no-cache", "--fix", ".")
    assert code == 0
    fixed = (legacy_project / "legacy" / "old.md").read_bytes()
    assert fixed == LEGACY_TEXT.replace("## 3. Fin", "## 2. Fin").encode("utf-16-le")


def test_encoding_option_overrides_per_file_encoding(run_cli, legacy_project):
    code, stdout, _ = run_cli("check", "--no-cache", "--encoding", "utf-8", "legacy/old.md")
    assert code == 2
    assert "DL402" not in stdout


def test_per_file_encoding_last_glob_wins(run_cli, legacy_project):
    (legacy_project / ".doclint.toml").write_text('[per-file-encoding]\n"*.md" = "utf-8"\n"legacy/*.md" = "utf-16-le"\n')
    _, stdout, _ = run_cli("check", "--no-cache", ".")
    assert "legacy/old.md:7:4: DL402" in stdout


def test_per_file_encoding_cache_keyed_by_encoding(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = "# Título\n\n## 1. Señal\n\ntexto\n".encode("latin-1")
    (tmp_path / "a.md").write_bytes(data)
    (tmp_path / "b.md").write_bytes(data)
    (tmp_path / ".doclint.toml").write_text('[per-file-encoding]\n"a.md" = "latin-1"\n"b.md" = "cp1251"\n')
    run_cli("check", ".")
    code, stdout, _ = run_cli("check", "--format", "json", "--select", "duplicate-section", ".")
    assert code == 0
    assert '"diagnostics": []' in stdout


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            '[per-file-encoding]\n"legacy/*.md" = "utf-16-lee"\n',
            "invalid value for 'per-file-encoding': expected a Python codec name such as utf-8 or gb18030, got 'utf-16-lee'",
        ),
        (
            'per-file-encoding = ["legacy/*.md"]\n',
            "invalid value for 'per-file-encoding': expected a table of glob = \"encoding\", such as "
            "\"legacy/*.md\" = \"cp1252\", got ['legacy/*.md']",
        ),
    ],
)
def test_per_file_encoding_invalid(run_cli, legacy_project, table, message):
    (legacy_project / ".doclint.toml").write_text(table)
    code, _, stderr = run_cli("check", ".")
    assert code == 2
    assert stderr == f"doclint: error: {legacy_project / '.doclint.toml'}: {message}\n"


def nested_project(tmp_path):
    """A root README and a subfolder with its own configuration, which ignores the subfolder's numbering finding."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text("# T\n\n## 1. One\n\ntext a\n\n## 3. Three\n\ntext c\n", encoding="utf-8")
    (tmp_path / "a" / ".doclint.toml").write_text('ignore = ["DL402"]\n')
    (tmp_path / "README.md").write_text("# R\n\nreadme\n", encoding="utf-8")


def test_nested_config_alone_applies(run_process, tmp_path):
    nested_project(tmp_path)
    code, stdout, stderr = run_process("check", "--no-cache", "a/x.md")
    assert (code, stdout, stderr) == (0, "No problems found in 1 file.\n", "")


def test_nested_config_passed_over_warns(run_process, tmp_path):
    nested_project(tmp_path)
    code, stdout, stderr = run_process("check", "--no-cache", "a/x.md", "README.md")
    assert code == 1
    assert "a/x.md:7:4: DL402" in stdout
    assert stderr == (
        f"doclint: warning: {tmp_path / 'a' / '.doclint.toml'} is not used for a/x.md: a run reads one configuration, "
        "found from the folder that holds all named paths, and there is none there; check the files under "
        f"{tmp_path / 'a'} in a run of their own to use it\n"
    )


def test_nested_config_names_used_config(run_process, tmp_path):
    nested_project(tmp_path)
    (tmp_path / ".doclint.toml").write_text('select = ["ALL"]\n')
    _, _, stderr = run_process("check", "--no-cache", "a/x.md", "README.md")
    assert stderr == (
        f"doclint: warning: {tmp_path / 'a' / '.doclint.toml'} is not used for a/x.md: a run reads one configuration, "
        f"{tmp_path / '.doclint.toml'}, found from the folder that holds all named paths; move its settings into that "
        f"file (per-file-ignores and exclude take paths), or check the files under {tmp_path / 'a'} in a run of their own\n"
    )


def test_explicit_config_no_nested_warning(run_process, tmp_path):
    nested_project(tmp_path)
    (tmp_path / "ci.toml").write_text('select = ["ALL"]\n')
    _, _, stderr = run_process("check", "--no-cache", "--config", "ci.toml", "a/x.md", "README.md")
    assert stderr == ""


def test_nested_config_in_folder_search_warns(run_process, tmp_path):
    nested_project(tmp_path)
    code, stdout, stderr = run_process("check", "--no-cache", ".")
    assert code == 1
    assert "a/x.md:7:4: DL402" in stdout
    assert stderr.startswith(f"doclint: warning: {tmp_path / 'a' / '.doclint.toml'} is not used for a/x.md: ")


def test_nested_config_of_compared_files_warns(run_process, tmp_path):
    nested_project(tmp_path)
    code, _, stderr = run_process("check", "--no-cache", "README.md", "--compare-with", ".")
    assert code == 0
    assert stderr.startswith(f"doclint: warning: {tmp_path / 'a' / '.doclint.toml'} is not used for a/x.md: ")


def test_excluded_named_file_warned(run_process, tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.md").write_text("# D\n\ntext\n", encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('exclude = ["drafts"]\n')
    code, stdout, stderr = run_process("check", "--no-cache", "drafts/d.md")
    assert (code, stdout) == (0, "No problems found in 0 files.\n")
    assert stderr == "doclint: warning: drafts/d.md: matches the exclude setting of the configuration, so it is not checked\n"


def test_quiet_exclude_skips_without_warning(run_process, tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.md").write_text("# D\n\n## A\n\ntext\n\n## A\n\ntext\n", encoding="utf-8")
    (tmp_path / "guide.md").write_text("# Guide\n\n## 1. Install\n\ntext\n\n## 3. Run\n\ntext\n", encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('exclude = ["drafts"]\n')

    code, stdout, stderr = run_process("check", "--no-cache", "--quiet-exclude", "drafts/d.md", "guide.md")

    assert code == 1
    assert stdout.splitlines()[0] == "guide.md:7:4: DL402 heading-numbering [*] heading \"3. Run\" skips from 1 (line 3) to 3; the fix renumbers it to 2"
    assert "drafts/d.md" not in stdout
    assert stderr == ""


def test_quiet_exclude_logs_skip_verbose(run_process, tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.md").write_text("# D\n\ntext\n", encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('exclude = ["drafts"]\n')

    code, stdout, stderr = run_process("check", "--no-cache", "--quiet-exclude", "-v", "drafts/d.md")

    assert (code, stdout) == (0, "No problems found in 0 files.\n")
    assert "drafts/d.md: matches the exclude setting of the configuration, so it is not checked" in stderr
    assert "warning" not in stderr


@pytest.mark.parametrize("name", ["cache()", "class"])
def test_python_builtins_reject_non_name(run_cli, project, name):
    (project / ".doclint.toml").write_text(f'python-builtins = ["cache", "{name}"]\n', encoding="utf-8")

    code, stdout, stderr = run_cli("check", str(project / "notes.md"))

    assert (code, stdout) == (2, "")
    assert stderr == (
        f"doclint: error: {project / '.doclint.toml'}: invalid value for 'python-builtins': "
        f"expected a list of Python names, such as [\"cache\", \"client\"], got '{name}'\n"
    )


def test_python_builtins_error_in_chinese(run_cli, project):
    (project / ".doclint.toml").write_text('python-builtins = ["1cache"]\n', encoding="utf-8")

    code, stdout, stderr = run_cli("check", "--lang", "zh-CN", str(project / "notes.md"))

    assert (code, stdout) == (2, "")
    assert stderr == (
        f"doclint: 错误：{project / '.doclint.toml'}：'python-builtins' 的值无效："
        "应为由 Python 名称组成的列表，例如 [\"cache\", \"client\"]，实际为 '1cache'\n"
    )


def test_invalid_toml_names_line_and_column(run_cli, project):
    config = project / ".doclint.toml"
    config.write_text("select = 1 2\n", encoding="utf-8")
    code, _stdout, stderr = run_cli("check", str(project / "notes.md"))
    assert code == 2
    assert stderr == (
        f"doclint: error: {config}: invalid TOML (Expected newline or end of document after a statement at line 1, "
        "column 12); fix the syntax\n"
    )


def test_invalid_toml_in_chinese(run_cli, project):
    config = project / ".doclint.toml"
    config.write_text('select = ["DL101"\n', encoding="utf-8")
    code, _stdout, stderr = run_cli("check", "--lang", "zh-CN", str(project / "notes.md"))
    assert code == 2
    assert stderr == f"doclint: 错误：{config}：TOML 无效（文件末尾：数组没有闭合）；请修正语法\n"


BRACKET_ITEM = "# 题库\n\n## 1. 哈希\n\n【考题】哈希表如何解决冲突？\n\n【答案】链地址法。\n"


def test_bracketed_configured_label(run_cli, tmp_path):
    (tmp_path / "题库.md").write_text(BRACKET_ITEM, encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('[labels]\nquestion = ["【考题】"]\n', encoding="utf-8")

    assert ast_fields(run_cli, str(tmp_path / "题库.md")) == (0, {"question": "考题", "answer": "答案"}, "")


def test_configured_label_with_colon(run_cli, tmp_path):
    (tmp_path / "题库.md").write_text(BRACKET_ITEM.replace("【考题】", "考题："), encoding="utf-8")
    (tmp_path / ".doclint.toml").write_text('[labels]\nquestion = ["**考题：**"]\n', encoding="utf-8")

    assert ast_fields(run_cli, str(tmp_path / "题库.md")) == (0, {"question": "考题", "answer": "答案"}, "")


@pytest.mark.parametrize(
    ("label", "warning"),
    [
        (
            "【】",
            "doclint: warning: {config}: [labels] label '【】' of 'question' is only markup and is ignored; "
            "write the label word, such as '参考答案'\n",
        ),
        (
            "考\\n题",
            "doclint: warning: {config}: [labels] label '考\\n题' of 'question' is ignored because it has a "
            "line break, and a label stands on one line; write it on one line\n",
        ),
    ],
    ids=["only-markup", "line-break"],
)
def test_configured_label_that_cannot_match(run_process, tmp_path, label, warning):
    (tmp_path / "题库.md").write_text(BRACKET_ITEM, encoding="utf-8")
    config = tmp_path / ".doclint.toml"
    config.write_text(f'[labels]\nquestion = ["{label}"]\n', encoding="utf-8")

    code, stdout, stderr = run_process("ast", "题库.md")

    assert code == 0
    assert sorted(json.loads(stdout)["sections"][0]["children"][0]["fields"]) == ["answer"]
    assert stderr == warning.format(config=config)


def test_missing_config_schema_names_config(run_cli, project):
    config = project / ".doclint.toml"
    config.write_text('schema = "nope.json"\n', encoding="utf-8")
    code, stdout, stderr = run_cli("check", str(project / "notes.md"))
    assert (code, stdout) == (2, "")
    assert stderr == f"doclint: error: {config}: key schema: {project / 'nope.json'}: schema file not found; check the path\n"


def test_broken_nested_pyproject_warns(run_process, tmp_path):
    for folder in ("sub/a", "sub/b"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "x.md").write_text(f"# Notes on {folder}\n\nText about {folder}.\n", encoding="utf-8")
    (tmp_path / "sub" / "pyproject.toml").write_text("[tool.doclint\n", encoding="utf-8")
    (tmp_path / "top.md").write_text("# Top\n\nOther text.\n", encoding="utf-8")

    code, stdout, stderr = run_process("check", "--no-cache", ".")

    assert code == 0
    assert stdout == "No problems found in 3 files.\n"
    assert stderr == (
        f"doclint: warning: {tmp_path / 'sub' / 'pyproject.toml'}: invalid TOML (Expected ']' at the end of a table "
        "declaration at line 1, column 14); fix the syntax\n"
    )


def test_labels_entry_not_a_list_names_key(run_cli, project):
    config = project / ".doclint.toml"
    config.write_text('[labels]\nquestion = ["【问题】"]\nbogus = 1\n', encoding="utf-8")
    code, stdout, stderr = run_cli("check", str(project / "notes.md"))
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"doclint: error: {config}: invalid value for 'labels.bogus': expected a list of labels, such as "
        'bogus = ["参考答案"], got 1\n'
    )


def test_cli_rules_in_any_letter_case(run_cli, project):
    _, stdout, _ = run_cli("check", "--no-config", "--select", "dl1", "--ignore", "Near-Duplicate-Section", str(project / "notes.md"))
    assert rules_found(stdout) == ["duplicate-section"]


def test_config_rules_in_any_letter_case(run_cli, project):
    (project / ".doclint.toml").write_text(
        'select = ["all"]\nignore = ["dl9"]\n[severity]\ndl101 = "info"\n[per-file-ignores]\n"notes.md" = ["NEAR-duplicate-section"]\n'
    )
    code, stdout, _ = run_cli("check", str(project / "notes.md"))
    assert code == 1
    assert rules_found(stdout) == ["duplicate-section", "heading-numbering"]
    assert "Found 2 problems (0 errors, 1 warning, 1 info) in 1 file." in stdout
