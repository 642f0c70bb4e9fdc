"""Time doclint against peer tools on one generated corpus, and check doclint's duplicate recall.

Usage: python bench/compare.py [--files N] [--runs N] [--corpus DIR] [--skip TOOL ...]

Run it with the Python of the environment where doclint is installed
(``.venv/bin/python bench/compare.py``), preferably one made with ``pip
install .`` alone, because the test dependencies slow down every start.
It generates a corpus with bench/corpus.py (1,000 documents by default;
an existing corpus folder with ground_truth.json is reused), installs the
peer tools into bench/.peers/
(pymarkdownlnt in a virtual environment there, markdownlint-cli2 and jscpd
with ``npm install --prefix``), and times each tool the same way: the wall
clock of the whole command, median of ``--runs`` runs. A peer that cannot
be installed or does not run is reported as missing with the reason.

Tools timed on the corpus folder:

- ``doclint check`` (all rules, cold: a new process each run, without the
  cache; with the default number of jobs and with one job);
- ``doclint check`` again after a run that filled the cache;
- markdown-it-py parse-only: one Python process that parses every file
  with the parser doclint uses; its own loop time is printed too;
- markdownlint-cli2, pymarkdown (pymarkdownlnt) and jscpd;
- start-up: ``doclint check`` on one small file (after a run that filled
  the cache, and without the cache) against ``python -c "import markdown_it"``.

It then prints each time, the ratio doclint / tool, the targets, and the
recall of the injected exact and near duplicates in doclint's findings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (bench/corpus.py, next to this script)

REPO = Path(__file__).resolve().parent.parent
PEERS = REPO / "bench" / ".peers"
SMALL_FILE = REPO / "fixtures" / "clean-qa.md"
PIP_PEERS = ("pymarkdownlnt",)
NPM_PEERS = ("markdownlint-cli2", "jscpd")

PARSE_ONLY = """
import sys, time
from pathlib import Path
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
start = time.perf_counter()
parser = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
for path in sorted(Path(sys.argv[1]).glob("*.md")):
    parser.parse(path.read_text(encoding="utf-8"))
print(f"{time.perf_counter() - start:.3f}")
"""

# Rules whose findings count as finding an injected pair: an exact copy is
# duplicate-section's; a near copy that keeps its question and changes its
# answer is reported by inconsistent-answer, which near-duplicate-section defers to.
FINDING_RULES = {"exact": {"duplicate-section"}, "near": {"near-duplicate-section", "inconsistent-answer"}}


@dataclass
class Timing:
    name: str
    command: list[str]
    seconds: list[float] = field(default_factory=list)
    missing: str | None = None
    statuses: list[int] = field(default_factory=list)
    note: str = ""
    warm_up: bool = False
    """Run once untimed first, to fill doclint's cache."""

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


def run_quietly(command: list[str], **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, **options)  # type: ignore[call-overload]


def install_peers() -> dict[str, str]:
    """Install the peer tools into bench/.peers/; return the reason for each peer that is missing."""
    missing: dict[str, str] = {}
    venv = PEERS / "venv"
    if not (venv / "bin" / "pip").exists():
        created = run_quietly([sys.executable, "-m", "venv", str(venv)])
        if created.returncode:
            return {name: f"python -m venv failed: {created.stderr.strip()[-300:]}" for name in PIP_PEERS}
    for name in PIP_PEERS:
        installed = run_quietly([str(venv / "bin" / "pip"), "install", "--quiet", name])
        if installed.returncode:
            missing[name] = f"pip install {name} failed: {installed.stderr.strip()[-300:]}"

    npm = shutil.which("npm")
    for name in NPM_PEERS:
        if npm is None:
            missing[name] = "npm is not installed"
            continue
        if not (PEERS / "node" / "node_modules" / ".bin" / name).exists():
            installed = run_quietly([npm, "install", "--prefix", str(PEERS / "node"), "--no-audit", "--no-fund", name])
            if installed.returncode:
                missing[name] = f"npm install {name} failed: {installed.stderr.strip()[-300:]}"
    return missing


def peer_version(command: list[str]) -> str:
    try:
        completed = run_quietly(command, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    return (completed.stdout or completed.stderr).strip().splitlines()[0] if (completed.stdout or completed.stderr) else "unknown"


def tool_commands(folder: Path, doclint: str) -> list[Timing]:
    node_bin = PEERS / "node" / "node_modules" / ".bin"
    return [
        Timing("doclint check (cold, all rules)", [doclint, "check", "--no-cache", "--format", "json", str(folder)]),
        Timing("doclint check (cached, all rules)", [doclint, "check", "--format", "json", str(folder)], warm_up=True),
        Timing("doclint check (cold, one job)", [doclint, "check", "--no-cache", "--jobs", "1", "--format", "json", str(folder)]),
        Timing("markdown-it-py parse-only", [sys.executable, "-c", PARSE_ONLY, str(folder)]),
        Timing("markdownlint-cli2", [str(node_bin / "markdownlint-cli2"), f"{folder}/*.md"]),
        Timing("pymarkdown scan", [str(PEERS / "venv" / "bin" / "pymarkdown"), "scan", str(folder)]),
        Timing("jscpd", [str(node_bin / "jscpd"), "--silent", "--format", "markdown", str(folder)]),
        Timing("doclint check, one small file", [doclint, "check", str(SMALL_FILE)], warm_up=True),
        Timing("doclint check, one small file, no cache", [doclint, "check", "--no-cache", str(SMALL_FILE)]),
        Timing("python -c 'import markdown_it'", [sys.executable, "-c", "import markdown_it"]),
    ]


def time_tool(timing: Timing, runs: int, missing: dict[str, str]) -> str | None:
    """Run a tool ``runs`` times and record wall-clock seconds; return the last standard output."""
    executable = Path(timing.command[0])
    for name, reason in missing.items():
        if name in timing.name or name.removesuffix("lnt") in timing.name:
            timing.missing = reason
            return None
    if not executable.exists():
        timing.missing = f"{executable} not found"
        return None

    output = None
    if timing.warm_up:
        run_quietly(timing.command, env={**os.environ, "NO_COLOR": "1"})
    for _ in range(runs):
        start = time.perf_counter()
        completed = run_quietly(timing.command, env={**os.environ, "NO_COLOR": "1"})
        timing.seconds.append(time.perf_counter() - start)
        timing.statuses.append(completed.returncode)
        output = completed.stdout
        if completed.returncode not in (0, 1):
            timing.note = f"exit status {completed.returncode}: {completed.stderr.strip()[-200:]}"
    return output


def recall(findings: dict[str, object], truth: dict[str, object], folder: Path) -> tuple[dict[str, tuple[int, int]], int]:
    """Return, per kind and edit, (found, injected); and the duplicate findings outside the ground truth."""
    found_by: dict[frozenset[tuple[str, int]], set[str]] = {}
    diagnostics = findings["diagnostics"]
    assert isinstance(diagnostics, list)
    for diagnostic in diagnostics:
        here = (str(Path(diagnostic["path"]).relative_to(folder)), diagnostic["line"])
        for related in diagnostic["related"]:
            there = (str(Path(related["path"]).relative_to(folder)), related["line"])
            found_by.setdefault(frozenset((here, there)), set()).add(diagnostic["rule"])

    table: dict[str, tuple[int, int]] = {}
    injected = set()
    pairs = truth["pairs"]
    assert isinstance(pairs, list)
    for pair in pairs:
        key = frozenset(((pair["source"]["path"], pair["source"]["line"]), (pair["copy"]["path"], pair["copy"]["line"])))
        injected.add(key)
        hit = bool(found_by.get(key, set()) & FINDING_RULES[pair["kind"]])
        for label in (pair["kind"], f"{pair['kind']}: {pair['edit']}" if pair["edit"] else None):
            if label:
                found, total = table.get(label, (0, 0))
                table[label] = (found + hit, total + 1)

    outside = 0
    for diagnostic in diagnostics:
        if diagnostic["rule"] not in ("duplicate-section", "near-duplicate-section"):
            continue
        here = (str(Path(diagnostic["path"]).relative_to(folder)), diagnostic["line"])
        keys = {frozenset((here, (str(Path(r["path"]).relative_to(folder)), r["line"]))) for r in diagnostic["related"]}
        outside += not (keys & injected)
    return table, outside


def machine() -> str:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def print_report(timings: list[Timing], parse_inner: str | None, files: int) -> None:
    by_name = {timing.name: timing for timing in timings}
    doclint = by_name["doclint check (cold, all rules)"].median
    for name in ("doclint check (cold, all rules)", "doclint check (cached, all rules)"):
        seconds = by_name[name].median
        if seconds:
            print(f"{name}: {files / seconds:.0f} files per second")
    print("\ntool                               median s  runs  doclint / tool  exit")
    for timing in timings:
        if timing.missing:
            print(f"{timing.name:34} MISSING: {timing.missing}")
            continue
        median = timing.median
        assert median is not None
        ratio = f"{doclint / median:12.2f}x" if doclint and "small file" not in timing.name and "import" not in timing.name else " " * 13
        statuses = ",".join(str(status) for status in sorted(set(timing.statuses)))
        print(f"{timing.name:34} {median:8.2f}  {len(timing.seconds):4}  {ratio}   {statuses} {timing.note}")
    if parse_inner:
        print(f"  (markdown-it-py loop inside its process: {parse_inner} s)")

    def ratio(numerator: str, denominator: str) -> float | None:
        if numerator not in by_name or denominator not in by_name:
            return None
        first, second = by_name[numerator].median, by_name[denominator].median
        return first / second if first and second else None

    targets = [
        ("cold doclint <= 0.5x markdownlint-cli2", ratio("doclint check (cold, all rules)", "markdownlint-cli2"), 0.5),
        ("cold doclint <= 2x jscpd", ratio("doclint check (cold, all rules)", "jscpd"), 2.0),
        ("cached doclint <= 0.5x jscpd", ratio("doclint check (cached, all rules)", "jscpd"), 0.5),
        ("cold doclint, one job <= 1.3x markdown-it-py parse-only", ratio("doclint check (cold, one job)", "markdown-it-py parse-only"), 1.3),
        (
            "start-up on one small file <= 2x import markdown_it",
            ratio("doclint check, one small file", "python -c 'import markdown_it'"),
            2.0,
        ),
        (
            "(same, without the cache)",
            ratio("doclint check, one small file, no cache", "python -c 'import markdown_it'"),
            2.0,
        ),
    ]
    print("\ntarget                                                  measured   verdict")
    for name, measured, limit in targets:
        if measured is None:
            print(f"{name:55} {'n/a':>8}   not measured")
        else:
            verdict = "met" if measured <= limit else f"missed by {measured / limit:.1f}x"
            print(f"{name:55} {measured:7.2f}x   {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="documents to generate (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each tool; the median is reported (default 3)")
    parser.add_argument("--corpus", type=Path, default=REPO / "bench" / "corpus", help="corpus folder (default bench/corpus)")
    parser.add_argument("--skip", nargs="*", default=[], help="tools to leave out, by a word of their name (e.g. pymarkdown)")
    options = parser.parse_args()

    folder = options.corpus.resolve()
    truth_file = folder / corpus.GROUND_TRUTH
    if truth_file.exists() and json.loads(truth_file.read_text(encoding="utf-8"))["files"] == options.files:
        print(f"reusing {folder}")
    else:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        corpus.generate(folder, options.files, corpus.DEFAULT_SEED, 0.02, 0.04)
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    size = sum(path.stat().st_size for path in folder.glob("*.md"))
    print(f"corpus: {truth['files']} documents, {truth['sections']} sections, {size / 1e6:.1f} MB, {len(truth['pairs'])} injected pairs")
    print(f"machine: {machine()}; {time.strftime('%Y-%m-%d')}")

    missing = install_peers()
    doclint = shutil.which("doclint", path=str(Path(sys.executable).parent))
    if doclint is None:
        sys.exit("doclint is not installed next to this Python: run pip install -e . in this environment first")
    node_bin = PEERS / "node" / "node_modules" / ".bin"
    for name, command in (
        ("markdownlint-cli2", [str(node_bin / "markdownlint-cli2"), "--help"]),
        ("jscpd", [str(node_bin / "jscpd"), "--version"]),
        ("pymarkdownlnt", [str(PEERS / "venv" / "bin" / "pymarkdown"), "version"]),
    ):
        print(f"{name}: {missing.get(name) or peer_version(command)}")

    timings = [
        timing for timing in tool_commands(folder, doclint) if not any(word in timing.name for word in options.skip)
    ]
    findings_text, parse_inner = None, None
    for timing in timings:
        print(f"timing {timing.name} ...", flush=True)
        output = time_tool(timing, options.runs, missing)
        if timing.name.startswith("doclint check (cold"):
            findings_text = output
        elif timing.name.startswith("markdown-it-py") and output:
            parse_inner = output.strip()
    print_report(timings, parse_inner, truth['files'])

    if findings_text:
        table, outside = recall(json.loads(findings_text), truth, folder)
        print("\nrecall of injected duplicates by doclint (duplicate-section; near-duplicate-section or inconsistent-answer):")
        for label, (found, total) in sorted(table.items()):
            print(f"  {label:28} {found:5} of {total:5}  {found / total:.1%}")
        print(f"  duplicate findings outside the ground truth: {outside}")


if __name__ == "__main__":
    main()
