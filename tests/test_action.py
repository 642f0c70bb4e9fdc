"""The composite GitHub Action in action.yml: its steps, and its check script run the way a runner runs it."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, SEED

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def check_step():
    [step] = [step for step in ACTION["runs"]["steps"] if step.get("name") == "Check documents"]
    return step


def run_check_step(tmp_path, cwd, paths, options="", output_format="github", output="", fail_on_findings="true"):
    """Run the check step's script with bash as GitHub's ``shell: bash`` does, with the inputs' defaults unless given."""
    script = tmp_path / "check.sh"
    script.write_text(check_step()["run"], encoding="utf-8")
    environment = dict(
        os.environ,
        DOCLINT_BIN=str(Path(sys.executable).parent / "doclint"),
        DOCLINT_PATHS=paths,
        DOCLINT_ARGS=options,
        DOCLINT_FORMAT=output_format,
        DOCLINT_OUTPUT=output,
        DOCLINT_FAIL_ON_FINDINGS=fail_on_findings,
    )
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_action_matches_metadata_schema():
    """Validate action.yml with the SchemaStore schema of action metadata that check-jsonschema ships."""
    completed = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions", str(ROOT / "action.yml")],
        capture_output=True,
        text=True,
    )
    assert (completed.returncode, completed.stdout.strip()) == (0, "ok -- validation done")


def test_action_steps():
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    assert steps[0]["uses"].startswith("actions/setup-python@v")
    # The job's own Python stays on PATH for later steps.
    assert steps[0]["with"] == {"python-version": "${{ inputs.python-version }}", "update-environment": False}
    assert steps[1]["env"]["DOCLINT_PYTHON"] == "${{ steps.python.outputs.python-path }}"
    assert [step.get("shell") for step in steps[1:]] == ["bash", "bash"]
    assert check_step()["env"] == {
        "DOCLINT_BIN": "${{ steps.install.outputs.doclint }}",
        "DOCLINT_PATHS": "${{ inputs.paths }}",
        "DOCLINT_ARGS": "${{ inputs.args }}",
        "DOCLINT_FORMAT": "${{ inputs.format }}",
        "DOCLINT_OUTPUT": "${{ inputs.output }}",
        "DOCLINT_FAIL_ON_FINDINGS": "${{ inputs.fail-on-findings }}",
    }
    assert all("${{" not in step["run"] for step in steps[1:])


def test_action_inputs():
    assert {name: spec["default"] for name, spec in ACTION["inputs"].items()} == {
        "paths": ".",
        "args": "",
        "format": "github",
        "output": "",
        "fail-on-findings": "true",
        "python-version": "3.12",
    }


def test_sarif_written_to_output_file(tmp_path):
    output = tmp_path / "doclint.sarif"
    completed = run_check_step(tmp_path, FIXTURES, SEED.name, output_format="sarif", output=str(output), fail_on_findings="false")
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")
    log = json.loads(output.read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == 20


def test_findings_fail_step_by_default(tmp_path):
    completed = run_check_step(tmp_path, FIXTURES, SEED.name, output_format="json", output=str(tmp_path / "out.json"))
    assert completed.returncode == 1


def test_usage_error_fails_even_without_fail_on_findings(tmp_path):
    completed = run_check_step(tmp_path, FIXTURES, SEED.name, "--bogus", fail_on_findings="false")
    assert completed.returncode == 2
    assert completed.stderr.startswith("doclint: error: No such option '--bogus'.")


def test_quoted_args_keep_spaces(tmp_path):
    # The configuration's name holds a space, so it is quoted as in a shell; the comment line is left out.
    folder = tmp_path / "repository"
    folder.mkdir()
    shutil.copy(SEED, folder / "000.md")
    (folder / "ci settings.toml").write_text('select = ["heading-numbering"]\n', encoding="utf-8")
    completed = run_check_step(tmp_path, folder, "000.md", '# only numbering\n--config "ci settings.toml"\n')
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")


def test_folded_args_end_in_line_break(tmp_path):
    # YAML's folded style (args: >) ends the value with a line break.
    completed = run_check_step(tmp_path, FIXTURES, SEED.name, "--near-duplicate-threshold 83\n")
    assert completed.returncode == 1
    assert [line.split(",")[1] for line in completed.stdout.splitlines() if "near-duplicate-section" in line] == ["line=200"]


def test_quoted_path_with_space(tmp_path):
    folder = tmp_path / "repository"
    (folder / "old notes").mkdir(parents=True)
    shutil.copy(FIXTURES / "clean-qa.md", folder / "old notes" / "clean qa.md")
    completed = run_check_step(tmp_path, folder, "'old notes/clean qa.md'")
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")


def test_unclosed_quote_is_input_error(tmp_path):
    completed = run_check_step(tmp_path, FIXTURES, SEED.name, '--config "ci settings.toml')
    assert completed.returncode == 2
    assert completed.stderr == "doclint: error: the args input cannot be split into words (No closing quotation); close its quotes\n"


def test_unwritable_output_is_error(tmp_path):
    output = tmp_path / "missing" / "doclint.sarif"
    completed = run_check_step(tmp_path, FIXTURES, SEED.name, output_format="sarif", output=str(output), fail_on_findings="false")
    assert completed.returncode == 2
    assert completed.stderr == f"doclint: error: cannot write the output file {output}; create its folder or name another file\n"


@pytest.mark.parametrize("value", ["False", "no", "OFF", "0"])
def test_fail_on_findings_spellings(tmp_path, value):
    completed = run_check_step(tmp_path, FIXTURES, SEED.name, output_format="json", output=str(tmp_path / "out.json"), fail_on_findings=value)
    assert completed.returncode == 0


def test_check_step_annotates_findings(tmp_path):
    completed = run_check_step(tmp_path, FIXTURES, f"{SEED.name}\n  clean-qa.md  ", "--near-duplicate-threshold 83")
    lines = completed.stdout.splitlines()
    assert completed.returncode == 1
    assert completed.stderr == ""
    assert {line.split(" ", 1)[0] for line in lines} == {"::error", "::warning"}
    assert {line.split(",", 1)[0] for line in lines} == {"::error file=000.txt", "::warning file=000.txt"}
    assert [line.split(",")[1] for line in lines if "near-duplicate-section" in line] == ["line=200"]
    assert (
        "::error file=000.txt,line=265,endLine=276,title=doclint DL101 duplicate-section::"
        'section "21. 医疗知识图谱构建与推理" repeats section "14. 医疗知识图谱构建与推理" (line 174) word for word; '
        "remove this copy"
    ) in lines


def test_check_step_default_path_clean(tmp_path):
    folder = tmp_path / "repository"
    folder.mkdir()
    shutil.copy(FIXTURES / "clean-qa.md", folder)
    completed = run_check_step(tmp_path, folder, ACTION["inputs"]["paths"]["default"])
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")


def test_check_step_input_runs_no_shell_code(tmp_path):
    folder = tmp_path / "repository"
    folder.mkdir()
    shutil.copy(FIXTURES / "clean-qa.md", folder)
    completed = run_check_step(tmp_path, folder, ".", "$(touch injected) `touch injected`")
    assert completed.returncode == 2
    assert completed.stderr.splitlines() == [
        f"doclint: error: {word}: no such file or directory; check the path"
        for word in ("$(touch", "injected)", "`touch", "injected`")
    ]
    assert not (folder / "injected").exists()


@pytest.mark.parametrize("paths", ["", "  \n  "])
def test_empty_paths_pass_with_notice(tmp_path, paths):
    completed = run_check_step(tmp_path, tmp_path, paths)
    assert completed.returncode == 0
    assert completed.stdout == "::notice title=doclint::no paths to check (the paths input is empty), so nothing was checked\n"
