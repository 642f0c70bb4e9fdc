"""The CI examples in docs/ci.md: each YAML file validates against its service's schema."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]


def example_files():
    """Return {file name: text} of the YAML code blocks of docs/ci.md, whose info string names the file."""
    tokens = MarkdownIt("commonmark").parse((ROOT / "docs" / "ci.md").read_text(encoding="utf-8"))
    examples = {}
    for token in tokens:
        language, _, name = token.info.partition(" ")
        if token.type == "fence" and language == "yaml":
            examples[name.strip()] = token.content
    return examples


EXAMPLES = example_files()


def test_every_yaml_example_is_named():
    assert sorted(EXAMPLES) == [
        ".github/workflows/doclint-cache.yml",
        ".github/workflows/doclint-review.yml",
        ".github/workflows/doclint-sarif-action.yml",
        ".github/workflows/doclint-sarif.yml",
        ".github/workflows/doclint.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
    ]


@pytest.mark.parametrize(
    ("name", "schema"),
    [
        (".github/workflows/doclint.yml", "vendor.github-workflows"),
        (".github/workflows/doclint-cache.yml", "vendor.github-workflows"),
        (".github/workflows/doclint-sarif.yml", "vendor.github-workflows"),
        (".github/workflows/doclint-sarif-action.yml", "vendor.github-workflows"),
        (".github/workflows/doclint-review.yml", "vendor.github-workflows"),
        (".gitlab-ci.yml", "vendor.gitlab-ci"),
    ],
)
def test_example_matches_service_schema(tmp_path, name, schema):
    """Validate with the SchemaStore schemas that check-jsonschema ships."""
    path = tmp_path / Path(name).name
    path.write_text(EXAMPLES[name], encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)], capture_output=True, text=True
    )
    assert (completed.returncode, completed.stdout.strip()) == (0, "ok -- validation done")


def test_pre_commit_example_is_valid(tmp_path):
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(EXAMPLES[".pre-commit-config.yaml"], encoding="utf-8")
    completed = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(path)], capture_output=True, text=True)
    assert (completed.returncode, completed.stdout) == (0, "")


def test_pre_commit_example_names_a_provided_hook():
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load(EXAMPLES[".pre-commit-config.yaml"])
    assert [hook["id"] for hook in config["repos"][0]["hooks"]] == [hook["id"] for hook in manifest]


def test_action_example_uses_declared_inputs():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    workflow = yaml.safe_load(EXAMPLES[".github/workflows/doclint.yml"])
    [step] = [step for step in workflow["jobs"]["doclint"]["steps"] if step["uses"].startswith("OWNER/doclint@")]
    assert sorted(step["with"]) == sorted(action["inputs"])
