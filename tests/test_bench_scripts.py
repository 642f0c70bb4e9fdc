"""The benchmark scripts run against the current code on a small corpus.

They import doclint's internals, so a change there can break them without
any other test noticing. bench/compare.py is not run: it installs peer
tools with pip and npm.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def run_script(name: str, *arguments: str) -> str:
    completed = subprocess.run(
        [sys.executable, str(BENCH / name), *arguments], capture_output=True, text=True, timeout=300, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    run_script("corpus.py", "--files", "6", "--out", str(folder))
    return folder


def test_corpus_script_writes_documents_and_truth(corpus):
    truth = json.loads((corpus / "ground_truth.json").read_text(encoding="utf-8"))

    assert len(list(corpus.glob("*.md"))) == 6
    assert truth


def test_stages_script_times_every_stage(corpus):
    lines = run_script("stages.py", "--jobs", "1", str(corpus)).splitlines()

    assert lines[0].startswith("6 documents, ")
    assert [line.split(" s  ", 1)[1] for line in lines[1:]] == [
        "load: read, parse, document-scope rules (1 jobs)",
        "DL101 duplicate-section",
        "DL102 near-duplicate-section",
        "DL201 inconsistent-answer",
        "DL202 borrowed-passage",
        "DL203 missing-answer",
        "suppressions",
        "JSON output",
        "total",
    ]


def test_lsh_recall_script_compares_lsh_with_all_pairs():
    lines = run_script("lsh_recall.py", "--sections", "200").splitlines()

    assert lines[0].endswith("section texts compared (of 219 sections in 15 documents)")
    assert lines[1].startswith("all pairs (")
    assert lines[2].startswith("LSH (one-permutation, 32 bands x 4 rows, 5-grams, min agreement 0.25): ")
    assert "recall 100.00%" in lines[2]


def test_steps_script_times_every_step(corpus):
    lines = run_script("steps.py", str(corpus)).splitlines()

    assert lines[0] == "6 documents"
    steps = {line.split(" s  ", 1)[1] for line in lines[1:]}
    assert {
        "markdown-it-py block parse",
        "section tree, with the plain inline text",
        "copy keys and clauses (similarity.section_forms)",
        "rule undefined-name",
        "pickling the document for doclint's process",
        "total",
    } <= steps
