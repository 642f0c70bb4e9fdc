"""Time each stage of one cold doclint run: loading (parse and document-scope rules) and every cross-file rule.

Usage: python bench/stages.py [--jobs N] FOLDER

Run it with the Python of the environment where doclint is installed. The
stages run in the order ``doclint check`` runs them, in one process, with
the cache off. Rules share some work (the exact copies, the near-duplicate
matches and the same-question pairs are computed once per run and cached),
so that work is counted in the first rule that needs it. The numbers are
wall clock seconds from ``time.perf_counter``.
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from doclint.collector import use_run_thresholds
from doclint.engine import discover
from doclint.loader import load_documents
from doclint.registry import select_rules
from doclint.reporters import get_reporter
from doclint.settings import Settings
from doclint.suppressions import apply_suppressions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for loading (default: one per CPU)")
    options = parser.parse_args()

    settings = Settings(jobs=options.jobs, cache_dir=None)
    rules = select_rules(None, ())
    paths, errors, _found = discover([str(options.folder)], settings)
    if errors:
        raise SystemExit("; ".join(errors))

    # The same collector thresholds as ``doclint check`` (doclint.collector).
    use_run_thresholds()
    timings: list[tuple[str, float]] = []
    start = time.perf_counter()
    findings: dict = {}
    documents = load_documents(paths, settings, [], rules, findings)
    timings.append((f"load: read, parse, document-scope rules ({settings.jobs or 'all'} jobs)", time.perf_counter() - start))

    diagnostics = []
    for rule in rules:
        if rule.scope == "document":
            diagnostics.extend(d for found in findings.values() for d in found if d.code == rule.code)
            continue
        start = time.perf_counter()
        diagnostics.extend(rule.run(documents, settings))
        timings.append((f"{rule.code} {rule.name}", time.perf_counter() - start))

    start = time.perf_counter()
    applied = apply_suppressions(documents, diagnostics, [rule.name for rule in rules])
    reported = [*applied.kept, *applied.reports]
    timings.append(("suppressions", time.perf_counter() - start))

    from doclint.engine import RunResult

    start = time.perf_counter()
    get_reporter("json").write(RunResult(documents, reported), io.StringIO())
    timings.append(("JSON output", time.perf_counter() - start))

    sections = sum(1 for document in documents for _section in document.walk())
    print(f"{len(documents)} documents, {sections} sections, {len(reported)} findings")
    for name, seconds in timings:
        print(f"{seconds:8.2f} s  {name}")
    print(f"{sum(seconds for _name, seconds in timings):8.2f} s  total")


if __name__ == "__main__":
    main()
