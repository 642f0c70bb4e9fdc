"""``--format gitlab``: a GitLab Code Quality report."""

import json
import shutil

import pytest

from conftest import FIXTURES, SEED


@pytest.fixture
def gitlab(run_cli, monkeypatch):
    """Run ``check --format gitlab`` from the fixtures folder and return (exit code, issues)."""
    monkeypatch.chdir(FIXTURES)

    def invoke(*arguments, output_format="gitlab"):
        code, stdout, _ = run_cli("check", "--ignore", "DL4", "--format", output_format, *arguments)
        return code, json.loads(stdout)

    return invoke


def test_issues_on_cjk_fixture(gitlab):
    code, issues = gitlab("ci-formats.md")
    assert code == 1
    assert issues == [
        {
            "description": 'step 2 of item "2. 升级服务" repeats step 1 of item "1. 准备环境" (line 9): '
            '"确认服务器已经安装 Python 3.10 和 Gi…，并且开放了 8443 端口"; '
            "the passage answers the other question, so rewrite it for this one",
            "check_name": "borrowed-passage",
            "fingerprint": "48608df1f55f3d3fd67c148874c054cac4e0c6130b355b0f67f41998e37f4385",
            "severity": "minor",
            "location": {"path": "ci-formats.md", "lines": {"begin": 19, "end": 19}},
        },
        {
            "description": 'section "3. 准备环境" repeats section "1. 准备环境" (line 3) word for word; remove this copy',
            "check_name": "duplicate-section",
            "fingerprint": "b0b9391f7fabce71ec027d33ed22b0b5dd7e687c1be32a0ab26cabd99e086b66",
            "severity": "major",
            "location": {"path": "ci-formats.md", "lines": {"begin": 21, "end": 28}},
        },
        {
            "description": 'item "4. 回滚服务" has no answer, only the placeholder "待补充"; write the answer or remove the item',
            "check_name": "missing-answer",
            "fingerprint": "35735ef54c3e909f9f8808e173e2b8c5d2e03bc19ea5ef4b0e9c9f6b4ffa11c8",
            "severity": "minor",
            "location": {"path": "ci-formats.md", "lines": {"begin": 34, "end": 34}},
        },
    ]


def test_info_severity(gitlab):
    _, issues = gitlab("gb18030-crlf.md")
    assert [(issue["check_name"], issue["severity"]) for issue in issues] == [
        ("detected-encoding", "info"),
        ("near-duplicate-section", "minor"),
        ("duplicate-section", "major"),
    ]


def test_fingerprints_unique_on_seed(gitlab):
    _, issues = gitlab(str(SEED))
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    assert {(issue["location"]["path"], issue["location"]["lines"]["begin"]) for issue in issues} >= {
        ("000.txt", 265),
        ("000.txt", 187),
        ("000.txt", 397),
    }


def test_fingerprints_match_sarif(gitlab):
    _, issues = gitlab("ci-formats.md", "cross-file")
    _, log = gitlab("ci-formats.md", "cross-file", output_format="sarif")
    sarif_fingerprints = [result["partialFingerprints"]["contentHash/v1"] for result in log["runs"][0]["results"]]
    assert [issue["fingerprint"] for issue in issues] == sarif_fingerprints


def test_clean_file_is_empty_array(gitlab):
    assert gitlab("clean-qa.md") == (0, [])


def test_message_paths_from_ci_project_dir(run_cli, tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    shutil.copy(FIXTURES / "cross-file" / "install.md", tmp_path / "docs" / "install.md")
    shutil.copy(FIXTURES / "cross-file" / "upgrade.md", tmp_path / "docs" / "upgrade.md")
    monkeypatch.chdir(tmp_path / "docs")
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    _code, stdout, _stderr = run_cli("check", "--no-cache", "--format", "gitlab", ".")
    issue = json.loads(stdout)[0]
    assert issue["location"]["path"] == "docs/upgrade.md"
    assert "(line 3 of docs/install.md)" in issue["description"]
