"""Measure MinHash LSH candidate search against exact all-pairs scoring.

Usage: python bench/lsh_recall.py [--sections N] [--large N] [--engine numpy|datasketch]
                                  [--scheme minhash|one-permutation] [--min-agreement A] [--threshold T]

Small run (``--sections``, default 5,000): generates a corpus with
bench/corpus.py, takes the section texts that ``near-duplicate-section``
compares (template removed, exact copies left out, at least 16 characters),
and finds the pairs at or above the threshold twice: by scoring all pairs
with ``process.cdist`` and by scoring only the LSH candidates. It prints
both times, the candidate count and the recall of the LSH path, and the
relation between ``fuzz.ratio`` and the Jaccard similarity of character
n-grams on those texts, which is what the index threshold is chosen from.

Large run (``--large``, e.g. 100,000 sections): times the LSH search alone
in a child process, whose peak resident memory (VmHWM) is reported
with the memory it had before the search, then scores the candidates and
prints the recall of the injected near-duplicates that reach the threshold.
``--engine datasketch`` runs the same banding with the datasketch package
instead (install it first: it is not a doclint dependency).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

import numpy
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (bench/corpus.py, next to this script)

from doclint.engine import discover, load  # noqa: E402
from doclint.lsh import DEFAULT_PARAMETERS, LshParameters, candidate_pairs  # noqa: E402
from doclint.settings import Settings  # noqa: E402
from doclint.similarity import (  # noqa: E402
    is_long_enough,
    SECTION_LSH_SCHEME,
    SECTION_MIN_AGREEMENT,
    comparison_texts,
    exact_copies,
    index_sections,
)
from doclint.text import CJK_CHAR  # noqa: E402

SECTIONS_PER_FILE = 13.0
"""Average sections per generated document, to turn a section count into a file count."""

CALIBRATION_SAMPLE = 5000
"""Pairs per ratio band whose exact Jaccard similarity the calibration computes."""

_CJK_RE = re.compile(f"[{CJK_CHAR}]")


def corpus_texts(folder: Path) -> tuple[list[str], list[tuple[str, int]]]:
    """Parse a generated corpus and return the texts near-duplicate-section compares, with (path, line) of each."""
    settings = Settings()
    paths, _errors, _found = discover([str(folder)])
    documents = tuple(load(path, settings) for path in paths)
    entries = index_sections(documents)
    copies = exact_copies(documents)
    texts = comparison_texts(entries)
    kept = [
        entry for entry in entries if not copies.excludes(entry) and is_long_enough(texts[entry.order])
    ]
    places = [(str(Path(entry.document.path).relative_to(folder)), entry.section.line) for entry in kept]
    return [texts[entry.order] for entry in kept], places


def make_corpus(folder: Path, sections: int) -> dict[str, object]:
    files = max(1, round(sections / SECTIONS_PER_FILE))
    return corpus.generate(folder, files, corpus.DEFAULT_SEED, 0.02, 0.04)


def all_pairs(texts: Sequence[str], threshold: float) -> dict[tuple[int, int], float]:
    """Score every pair with process.cdist (all cores) in row chunks; return the pairs at or above the threshold."""
    found: dict[tuple[int, int], float] = {}
    for start in range(0, len(texts), 512):
        stop = min(start + 512, len(texts))
        scores = process.cdist(texts[start:stop], texts[:stop], scorer=fuzz.ratio, score_cutoff=threshold, workers=-1)
        for offset in range(stop - start):
            row = start + offset
            for column in numpy.flatnonzero(scores[offset, :row] >= threshold).tolist():
                found[(column, row)] = float(scores[offset, column])
    return found


def score_candidates(texts: Sequence[str], pairs: numpy.ndarray, threshold: float) -> dict[tuple[int, int], float]:
    """Score candidate pairs with process.cpdist (all cores); return those at or above the threshold."""
    if len(pairs) == 0:
        return {}
    left = [texts[index] for index in pairs[:, 0].tolist()]
    right = [texts[index] for index in pairs[:, 1].tolist()]
    scores = process.cpdist(left, right, scorer=fuzz.ratio, workers=-1)
    keep = numpy.flatnonzero(scores >= threshold)
    return {(int(pairs[index, 0]), int(pairs[index, 1])): float(scores[index]) for index in keep.tolist()}


def shingles(text: str, size: int) -> set[str]:
    if len(text) < size:
        return {text}
    return {text[index : index + size] for index in range(len(text) - size + 1)}


def jaccard(first: str, second: str, size: int) -> float:
    a, b = shingles(first, size), shingles(second, size)
    return len(a & b) / len(a | b)


def print_calibration(texts: Sequence[str], scored: dict[tuple[int, int], float], size: int) -> None:
    """Print, per fuzz.ratio band and script, the Jaccard of n-gram shingles of the pairs in it.

    A band with more than CALIBRATION_SAMPLE pairs is sampled (every k-th pair), because exact
    Jaccard in Python costs about 0.3 ms a pair.
    """
    print(f"\nfuzz.ratio against Jaccard of {size}-gram shingles (pairs with ratio >= 50):")
    print("  script  ratio     pairs  min J  1st pct J  median J")
    bands = ((50, 60), (60, 70), (70, 75), (75, 80), (80, 90), (90, 100.1))
    for script in ("CJK", "Latin"):
        for low, high in bands:
            members = [
                pair
                for pair, score in scored.items()
                if low <= score < high and bool(_CJK_RE.search(texts[pair[0]])) == (script == "CJK")
            ]
            step = max(1, len(members) // CALIBRATION_SAMPLE)
            values = [jaccard(texts[i], texts[j], size) for i, j in members[::step]]
            if values:
                values.sort()
                first_percentile = values[int(0.01 * (len(values) - 1))]
                print(
                    f"  {script:6}  {low:>3}-{min(high, 100):<3.0f}  {len(members):>6}  {values[0]:.3f}  "
                    f"{first_percentile:9.3f}  {statistics.median(values):8.3f}"
                )


def injected_near_pairs(truth: dict[str, object], places: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """Map the injected near-duplicate pairs to text indexes; pairs with a side left out are dropped."""
    index_of = {place: index for index, place in enumerate(places)}
    found = []
    pairs = truth["pairs"]
    assert isinstance(pairs, list)
    for pair in pairs:
        if pair["kind"] != "near":
            continue
        source = index_of.get((pair["source"]["path"], pair["source"]["line"]))
        copy = index_of.get((pair["copy"]["path"], pair["copy"]["line"]))
        if source is not None and copy is not None:
            found.append((min(source, copy), max(source, copy)))
    return found


def small_run(sections: int, threshold: float, parameters: LshParameters) -> None:
    with tempfile.TemporaryDirectory(prefix="doclint-lsh-") as name:
        folder = Path(name)
        truth = make_corpus(folder, sections)
        texts, places = corpus_texts(folder)
    print(f"{len(texts)} section texts compared (of {truth['sections']} sections in {truth['files']} documents)")

    start = time.perf_counter()
    exact = all_pairs(texts, threshold)
    exact_seconds = time.perf_counter() - start

    start = time.perf_counter()
    candidates = candidate_pairs(texts, parameters)
    lsh_seconds = time.perf_counter() - start
    start = time.perf_counter()
    found = score_candidates(texts, candidates, threshold)
    scoring_seconds = time.perf_counter() - start

    total = len(texts) * (len(texts) - 1) // 2
    recall = len(found.keys() & exact.keys()) / len(exact) if exact else 1.0
    print(f"all pairs ({total} pairs, process.cdist, all cores): {exact_seconds:.2f} s, {len(exact)} pairs >= {threshold:g}")
    print(
        f"LSH ({parameters.scheme}, {parameters.bands} bands x {parameters.rows} rows, {parameters.shingle_size}-grams, "
        f"min agreement {parameters.min_agreement:g}): "
        f"{lsh_seconds:.2f} s for {len(candidates)} candidates ({len(candidates) / total:.4%} of all pairs), "
        f"scoring them {scoring_seconds:.2f} s; recall {recall:.2%} ({len(found)} of {len(exact)})"
    )
    report_injected(texts, places, truth, found, candidates, threshold)

    below = {pair: score for pair, score in all_pairs(texts, 50).items()}
    for size in (3, parameters.shingle_size):
        print_calibration(texts, below, size)


def report_injected(
    texts: Sequence[str],
    places: list[tuple[str, int]],
    truth: dict[str, object],
    found: dict[tuple[int, int], float],
    candidates: numpy.ndarray,
    threshold: float,
) -> None:
    """Print the recall of the injected near-duplicates: as candidates, and among those reaching the threshold."""
    injected = injected_near_pairs(truth, places)
    candidate_set = set(map(tuple, candidates.tolist()))
    reaching = [pair for pair in injected if fuzz.ratio(texts[pair[0]], texts[pair[1]]) >= threshold]
    as_candidates = sum(1 for pair in injected if pair in candidate_set)
    reported = sum(1 for pair in reaching if pair in found)
    print(
        f"injected near-duplicates: {len(injected)} compared, {as_candidates} are candidates "
        f"({as_candidates / max(len(injected), 1):.2%}); {len(reaching)} reach {threshold:g}, of which LSH finds "
        f"{reported} ({reported / max(len(reaching), 1):.2%})"
    )


def datasketch_pairs(texts: Sequence[str], parameters: LshParameters) -> numpy.ndarray:
    """Run the same banding with datasketch's MinHash and MinHashLSH; return the candidate pairs."""
    from datasketch import MinHash, MinHashLSH

    index = MinHashLSH(num_perm=parameters.permutations, params=(parameters.bands, parameters.rows))
    hashes = []
    for position, text in enumerate(texts):
        minhash = MinHash(num_perm=parameters.permutations, seed=parameters.seed)
        minhash.update_batch([shingle.encode() for shingle in shingles(text, parameters.shingle_size)])
        index.insert(position, minhash)
        hashes.append(minhash)
    pairs = {
        (min(position, other), max(position, other))
        for position, minhash in enumerate(hashes)
        for other in index.query(minhash)
        if other != position
    }
    return numpy.array(sorted(pairs), dtype=numpy.int64).reshape(-1, 2)


def peak_memory_mb() -> float:
    """Return this process's peak resident memory in MB.

    VmHWM from /proc/self/status is used where it exists, because Linux
    keeps ru_maxrss across fork and exec, so a child started by a large
    parent would report the parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_child(texts_file: Path, engine: str, parameters: LshParameters, out: Path) -> None:
    """In a child process: load texts, time the LSH search alone, save candidates and print times and memory."""
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    before = peak_memory_mb()
    start = time.perf_counter()
    if engine == "datasketch":
        pairs = datasketch_pairs(texts, DEFAULT_PARAMETERS)
    else:
        pairs = candidate_pairs(texts, parameters)
    seconds = time.perf_counter() - start
    peak = peak_memory_mb()
    numpy.save(out, pairs)
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "before_mb": before, "candidates": len(pairs)}))


def large_run(sections: int, threshold: float, engine: str, parameters: LshParameters) -> None:
    with tempfile.TemporaryDirectory(prefix="doclint-lsh-") as name:
        folder = Path(name)
        start = time.perf_counter()
        (folder / "corpus").mkdir()
        truth = make_corpus(folder / "corpus", sections)
        texts, places = corpus_texts(folder / "corpus")
        print(f"{len(texts)} section texts from {truth['files']} documents (generated and parsed in {time.perf_counter() - start:.0f} s)")

        texts_file, out = folder / "texts.json", folder / "pairs.npy"
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        command = [
            sys.executable, __file__, "--child", str(texts_file), "--engine", engine, "--scheme", parameters.scheme,
            "--min-agreement", str(parameters.min_agreement), "--out", str(out),
        ]
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        candidates = numpy.load(out)

    start = time.perf_counter()
    found = score_candidates(texts, candidates, threshold)
    scoring_seconds = time.perf_counter() - start
    print(
        f"LSH ({engine}, {parameters.scheme if engine == 'numpy' else 'minhash'}, min agreement {parameters.min_agreement:g}) on {len(texts)} texts: {result['seconds']:.1f} s, peak RSS {result['peak_mb']:.0f} MB "
        f"({result['before_mb']:.0f} MB before the search, texts loaded); {result['candidates']} candidates, "
        f"scored in {scoring_seconds:.1f} s (process.cpdist, all cores), {len(found)} pairs >= {threshold:g}"
    )
    report_injected(texts, places, truth, found, candidates, threshold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=5000, help="sections of the small run (default 5000)")
    parser.add_argument("--large", type=int, help="also time LSH alone on a corpus of this many sections")
    parser.add_argument("--engine", choices=("numpy", "datasketch"), default="numpy", help="LSH implementation of the large run")
    parser.add_argument("--threshold", type=float, default=75.0, help="fuzz.ratio threshold (default 75)")
    parser.add_argument(
        "--scheme",
        choices=("minhash", "one-permutation"),
        default=SECTION_LSH_SCHEME,
        help=f"signature scheme of the numpy engine (default {SECTION_LSH_SCHEME}, the one near-duplicate-section uses)",
    )
    parser.add_argument(
        "--min-agreement",
        type=float,
        default=SECTION_MIN_AGREEMENT,
        help=f"minimum share of equal signature columns of a candidate (default {SECTION_MIN_AGREEMENT:g}, as near-duplicate-section)",
    )
    parser.add_argument("--skip-small", action="store_true", help="run only the large run")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()

    parameters = LshParameters(scheme=options.scheme, min_agreement=options.min_agreement)
    if options.child:
        time_child(options.child, options.engine, parameters, options.out)
        return
    if not options.skip_small:
        small_run(options.sections, options.threshold, parameters)
    if options.large:
        large_run(options.large, options.threshold, options.engine, parameters)


if __name__ == "__main__":
    main()
