"""MinHash LSH: candidate pairs of near-duplicate texts without scoring every pair.

Scoring all pairs with ``fuzz.ratio`` costs about 2 µs a pair on one core,
so 100,000 sections (5 * 10^9 pairs) would take hours. MinHash LSH finds the
pairs worth scoring in close to linear time. Each text becomes the set of
its character n-grams (shingles). A signature of ``permutations`` minimum
hash values estimates the Jaccard similarity of two sets. Two texts are
candidates when all ``rows`` values of at least one of ``bands`` bands
agree. A pair with Jaccard similarity J becomes a candidate with
probability ``1 - (1 - J**rows)**bands``.

Shingles are character n-grams over the normalised text, which keeps
letters, digits and single spaces between Latin words and no spaces next to
CJK characters. One CJK character carries about as much as a short Latin
word, so a 5-gram spans a phrase in Chinese and about one word in English;
a single edit changes at most ``shingle_size`` shingles in either script.

The index is meant to be followed by exact scoring of the candidates, so it
is tuned for recall, not precision: the default banding (32 bands of 4
rows) catches a pair at Jaccard 0.55 with probability 0.95 and at 0.6 with
0.99, well below the Jaccard of the pairs that reach ``fuzz.ratio`` 75 (see
docs/benchmarks.md for the measurement behind that choice).

Signatures come in two schemes (``LshParameters.scheme``):

- ``minhash``: ``permutations`` hash functions, each giving the minimum
  over a text's shingles. The cost is one multiply and add per shingle and
  function.
- ``one-permutation``: one hash per shingle, whose top bits choose one of
  ``permutations`` bins and whose next 32 bits are its value; each bin
  keeps its minimum (known as one-permutation hashing). A bin that no
  shingle reaches takes the value of the first filled bin in a fixed
  random order of the other bins, plus a constant times the number of
  bins it looked at (known as densification). Empty bins of two texts
  then agree only as often as their filled bins do. The cost is one hash
  per shingle, whatever the signature length.

A band catches some pairs far below the intended Jaccard similarity: at
0.25, about one pair in eight. Such pairs seldom reach the reported
score, and long texts are slow to score, so ``LshParameters.min_agreement``
can drop the candidates whose signatures agree in less than that share of
their columns (the share estimates their Jaccard similarity). Section
texts use 0.25: on the benchmark corpus it keeps every candidate that
reaches ``fuzz.ratio`` 75 and scores 65 % fewer pairs.

Both schemes estimate the Jaccard similarity. Measured on the benchmark corpus
(docs/benchmarks.md), one-permutation signatures of section texts take a
fifth of the time for about the same candidates and recall. Short texts
fill few bins, and their densified bins give about twice as many
candidates, so the same-question search over short questions keeps
``minhash``.

A bucket of thousands of texts would give millions of pairs, so two
limits bound the candidates (``LshParameters.leaders`` and
``max_partners``): in a large bucket each text pairs only with the first
texts of the bucket, and each text keeps at most a fixed number of
candidates with earlier texts, those whose signatures agree most. Memory
and time then grow linearly with the number of texts.

Everything is deterministic: hash functions come from a fixed seed, and
the shingle hash does not depend on Python's per-process string hashing.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

import numpy

from doclint import pair_codes

logger = logging.getLogger(__name__)

_SHIFT32 = numpy.uint64(32)
# The value of an empty bin, and an odd 32-bit constant that spreads densified values.
_EMPTY = 0xFFFFFFFF
_GOLDEN_32 = 0x9E3779B1

# Shingles hashed at once when signatures are computed: 16 permutations of
# 2**18 shingles use 32 MB of uint64, which keeps peak memory flat however
# many texts there are.
_CHUNK_SHINGLES = 1 << 18
_CHUNK_PERMUTATIONS = 16

# Candidate pairs whose signatures are compared at once: the two rows of 2**15
# pairs, 128 uint16 columns each, take 16 MB.
_CHUNK_PAIRS = 1 << 15

# Pair codes written at once by ``band_codes`` before repeats are removed:
# 2**22 int64 codes take 32 MB. The bands of a run usually write fewer, and
# then one buffer contains them all.
_CHUNK_BAND_CODES = 1 << 22

# Multiplier of the polynomial hash of a shingle's code points (odd, 64 bits).
_POLYNOMIAL = 0x9E3779B97F4A7C15


def _power(exponent: int) -> int:
    """Return _POLYNOMIAL ** exponent modulo 2**64."""
    return pow(_POLYNOMIAL, exponent, 2**64)


# The texts of a bucket, or of a group of identical texts, that every later
# member pairs with (``LshParameters.leaders``). The largest buckets of the
# 1,000-file benchmark corpus have 336 section texts and 432 questions, and
# its findings are the same with this limit. A bucket of thousands of texts
# comes from a template or a small vocabulary. Every pair of such a bucket
# is about as similar as any other.
DEFAULT_LEADERS = 100

# The candidate pairs kept for each text with earlier texts
# (``LshParameters.max_partners``). Texts of a small vocabulary fall into a
# large bucket in most bands, a different bucket in each, so the leaders of
# all bands gave each of 15,000 such texts 1,400 candidates.
DEFAULT_MAX_PARTNERS = 100

# ``band_codes`` ranks the candidates of crowded texts again whenever the
# merged codes outnumber this many times ``max_partners`` per text. Each
# ranking compares the signatures of every crowded pair, so ranking after
# every merge took most of the search.
_CROWDED_FACTOR = 4


@dataclass(frozen=True)
class LshParameters:
    """Shingle size, signature length and scheme, banding and seed of a MinHash LSH index."""

    shingle_size: int = 5
    bands: int = 32
    rows: int = 4
    seed: int = 1
    """Seed of the hash functions; the same seed gives the same candidates."""
    scheme: str = "minhash"
    """``minhash`` or ``one-permutation`` (see the module docs); the latter needs ``bands * rows`` to be a power of two."""
    min_agreement: float = 0.0
    """Minimum share of equal signature columns for a candidate pair to be kept. With 0.0, every pair that shares a band is kept."""
    leaders: int | None = DEFAULT_LEADERS
    """In a bucket of more texts, or a group of more identical texts, each text pairs only with the first ``leaders`` of them; None pairs them all."""
    max_partners: int | None = DEFAULT_MAX_PARTNERS
    """Keep at most this many candidate pairs of each text with earlier texts, those whose signatures agree in the most columns; None keeps them all."""

    @property
    def permutations(self) -> int:
        """Length of a signature: one minimum hash value per band row."""
        return self.bands * self.rows

    @property
    def threshold(self) -> float:
        """Jaccard similarity where the candidate probability rises fastest, about (1/bands)**(1/rows)."""
        return float((1 / self.bands) ** (1 / self.rows))

    def probability(self, jaccard: float) -> float:
        """Return the probability that a pair with this Jaccard similarity becomes a candidate."""
        return float(1 - (1 - jaccard**self.rows) ** self.bands)


DEFAULT_PARAMETERS = LshParameters()
ONE_PERMUTATION = LshParameters(scheme="one-permutation")


def code_points(texts: Sequence[str]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Return the code points of all texts end to end (uint64) and each text's length."""
    joined = "".join(texts).encode("utf-32-le")
    points = numpy.frombuffer(joined, dtype=numpy.uint32).astype(numpy.uint64)
    lengths = numpy.fromiter((len(text) for text in texts), dtype=numpy.int64, count=len(texts))
    return points, lengths


def shingle_hashes(texts: Sequence[str], size: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Hash every character n-gram of every text; return (hashes, counts per text).

    The hashes of text ``i`` are the ``counts[i]`` values after those of
    the texts before it. A text shorter than ``size`` is one shingle, the
    whole text; an empty text has none. The hash is a polynomial over the
    code points, finished with a multiply and xor-shift so that its high
    bits depend on every character.
    """
    points, lengths = code_points(texts)
    starts = numpy.concatenate(([0], numpy.cumsum(lengths)[:-1])).astype(numpy.int64)
    windows = max(points.size - size + 1, 0)

    rolling = numpy.zeros(windows, dtype=numpy.uint64)
    for offset in range(size):
        rolling += points[offset : offset + windows] * numpy.uint64(_power(offset))

    counts = numpy.maximum(lengths - size + 1, 0)
    pieces = []
    for index in numpy.flatnonzero(counts).tolist():
        pieces.append(slice(int(starts[index]), int(starts[index]) + int(counts[index])))
    selected = numpy.concatenate([rolling[piece] for piece in pieces]) if pieces else rolling[:0]

    short = numpy.flatnonzero((lengths > 0) & (lengths < size))
    if short.size:
        selected, counts = _add_short_texts(selected, counts, points, starts, lengths, short)
    return _finish(selected), counts


def _add_short_texts(
    selected: numpy.ndarray,
    counts: numpy.ndarray,
    points: numpy.ndarray,
    starts: numpy.ndarray,
    lengths: numpy.ndarray,
    short: numpy.ndarray,
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Insert one whole-text shingle for each text shorter than the shingle size."""
    boundaries = numpy.concatenate(([0], numpy.cumsum(counts))).astype(numpy.int64)
    values = numpy.empty(short.size, dtype=numpy.uint64)
    for position, index in enumerate(short.tolist()):
        text_points = points[starts[index] : starts[index] + lengths[index]].tolist()
        values[position] = sum(point * _power(offset) for offset, point in enumerate(text_points)) % 2**64
    selected = numpy.insert(selected, boundaries[short], values)
    counts = counts.copy()
    counts[short] = 1
    return selected, counts


def _finish(values: numpy.ndarray) -> numpy.ndarray:
    """Mix hash values so that every input bit reaches the high bits (a splitmix64-style finaliser)."""
    values = values ^ (values >> numpy.uint64(31))
    values *= numpy.uint64(0xBF58476D1CE4E5B9)
    values ^= values >> numpy.uint64(27)
    values *= numpy.uint64(0x94D049BB133111EB)
    values ^= values >> numpy.uint64(31)
    return values


def hash_functions(permutations: int, seed: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Return the multipliers (odd) and increments of ``permutations`` hash functions ``a*x + b mod 2**64``."""
    generator = numpy.random.default_rng(seed)
    multipliers = generator.integers(0, 2**64, size=permutations, dtype=numpy.uint64) | numpy.uint64(1)
    increments = generator.integers(0, 2**64, size=permutations, dtype=numpy.uint64)
    return multipliers, increments


def signatures(texts: Sequence[str], parameters: LshParameters = DEFAULT_PARAMETERS) -> numpy.ndarray:
    """Return the signature of each text in the parameters' scheme: a (len(texts), permutations) uint32 matrix.

    The share of equal columns of two rows estimates the Jaccard similarity
    of their shingle sets. An empty text's row is all 0xFFFFFFFF.
    """
    if parameters.scheme == "minhash":
        return _minhash_signatures(list(texts), parameters)
    if parameters.scheme == "one-permutation":
        return _one_permutation_signatures(list(texts), parameters)
    raise ValueError(f"unknown LSH scheme {parameters.scheme!r}: expected 'minhash' or 'one-permutation'")


def _minhash_signatures(texts: list[str], parameters: LshParameters) -> numpy.ndarray:
    """Return the ``minhash`` signature of each text: a (len(texts), permutations) uint32 matrix.

    Row ``i`` holds, for each hash function, the high 32 bits of the
    smallest hash of text ``i``'s shingles; the share of equal columns of
    two rows estimates the Jaccard similarity of their shingle sets. An
    empty text's row is all 0xFFFFFFFF. Texts are hashed in chunks of about
    _CHUNK_SHINGLES characters, so memory beyond the result stays flat.
    Several chunks are hashed in threads, one per CPU: numpy releases the
    GIL for the arithmetic, which is most of the time.
    """
    multipliers, increments = hash_functions(parameters.permutations, parameters.seed)
    result = numpy.full((len(texts), parameters.permutations), 0xFFFFFFFF, dtype=numpy.uint32)

    def fill(chunk: tuple[int, int]) -> None:
        first, last = chunk
        hashes, counts = shingle_hashes(texts[first:last], parameters.shingle_size)
        filled = numpy.flatnonzero(counts)
        if filled.size == 0:
            return
        offsets = (numpy.cumsum(counts) - counts)[filled]
        for start in range(0, parameters.permutations, _CHUNK_PERMUTATIONS):
            stop = min(start + _CHUNK_PERMUTATIONS, parameters.permutations)
            values = hashes[None, :] * multipliers[start:stop, None]
            values += increments[start:stop, None]
            minimums = numpy.minimum.reduceat(values, offsets, axis=1)
            result[first + filled, start:stop] = (minimums >> _SHIFT32).T.astype(numpy.uint32)

    chunks = _text_chunks([len(text) for text in texts])
    threads = min(len(chunks), os.cpu_count() or 1)
    if threads < 2:
        for chunk in chunks:
            fill(chunk)
        return result
    # Imported here: a run with one chunk never starts a thread.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=threads) as pool:
        # Each chunk writes its own rows of ``result``, and list() re-raises any error.
        list(pool.map(fill, chunks))
    return result


def _one_permutation_signatures(texts: list[str], parameters: LshParameters) -> numpy.ndarray:
    """Return the ``one-permutation`` signature of each text, chunk by chunk like ``_minhash_signatures``.

    Filled bins contain values below 0xFFFFFFFF, so that only an empty text
    keeps the empty value in every column.
    """
    width = parameters.permutations
    bits = width.bit_length() - 1
    if width != 1 << bits:
        raise ValueError(f"invalid signature length {width} for one-permutation hashing: expected a power of two")
    salt = numpy.uint64(_power(parameters.seed))
    result = numpy.full((len(texts), width), _EMPTY, dtype=numpy.uint32)

    for first, last in _text_chunks([len(text) for text in texts]):
        hashes, counts = shingle_hashes(texts[first:last], parameters.shingle_size)
        mixed = _finish(hashes ^ salt)
        owners = numpy.repeat(numpy.arange(last - first, dtype=numpy.int64), counts)
        cells = owners * width + (mixed >> numpy.uint64(64 - bits)).astype(numpy.int64)
        values = ((mixed >> numpy.uint64(32 - bits)) & numpy.uint64(_EMPTY)).astype(numpy.uint32)
        numpy.minimum(values, numpy.uint32(_EMPTY - 1), out=values)

        block = numpy.full((last - first) * width, _EMPTY, dtype=numpy.uint32)
        numpy.minimum.at(block, cells, values)
        result[first:last] = _densify(block.reshape(last - first, width), parameters.seed)
    return result


def _densify(block: numpy.ndarray, seed: int) -> numpy.ndarray:
    """Fill the empty bins of each row that has filled ones, in place, and return the block.

    Bin ``j`` looks at the other bins in the order ``_probe_orders[j]``
    and takes the value of the first filled one, plus the number of bins
    it looked at times an odd constant, all modulo 2**32. Every row uses
    the same orders, so two texts with the same filled bins and values get
    the same densified values.
    """
    width = block.shape[1]
    filled = block != _EMPTY
    partial = numpy.flatnonzero(filled.any(axis=1) & ~filled.all(axis=1))
    if partial.size == 0:
        return block
    rows_filled = filled[partial]
    values = block[partial]
    densified = values.copy()
    orders = _probe_orders(width, seed)

    rows, columns = numpy.nonzero(~rows_filled)
    for step in range(width):
        source = orders[columns, step]
        found = rows_filled[rows, source]
        offset = numpy.uint32((step + 1) * _GOLDEN_32 % 2**32)
        densified[rows[found], columns[found]] = values[rows[found], source[found]] + offset
        rows, columns = rows[~found], columns[~found]
        if rows.size == 0:
            break
    numpy.minimum(densified, numpy.uint32(_EMPTY - 1), out=densified)
    block[partial] = densified
    return block


@lru_cache(maxsize=4)
def _probe_orders(width: int, seed: int) -> numpy.ndarray:
    """Return, for each bin, a fixed random order of all bins: a (width, width) array."""
    generator = numpy.random.default_rng(seed)
    return numpy.argsort(generator.random((width, width)), axis=1)


def _text_chunks(lengths: list[int]) -> list[tuple[int, int]]:
    """Split texts into runs of consecutive texts with about _CHUNK_SHINGLES characters each."""
    chunks = []
    first, total = 0, 0
    for index, length in enumerate(lengths):
        total += length
        if total >= _CHUNK_SHINGLES:
            chunks.append((first, index + 1))
            first, total = index + 1, 0
    if first < len(lengths):
        chunks.append((first, len(lengths)))
    return chunks


def band_pairs(matrix: numpy.ndarray, bands: int, rows: int, seed: int = 0, leaders: int | None = None) -> numpy.ndarray:
    """Return the pairs (i, j), i < j, of rows that agree on all columns of at least one band.

    ``leaders`` limits the pairs of large buckets as in ``band_codes``.
    Returns an int64 array of shape (pairs, 2), sorted and without repeats.
    """
    return pair_codes.decode(band_codes(matrix, bands, rows, seed, leaders), matrix.shape[0])


def band_codes(
    matrix: numpy.ndarray,
    bands: int,
    rows: int,
    seed: int = 0,
    leaders: int | None = None,
    max_partners: int | None = None,
) -> numpy.ndarray:
    """Return the sorted, distinct codes ``i * len(matrix) + j`` of the pairs of rows that share a band.

    Each band's columns are folded into one 64-bit key with random odd
    multipliers, and the rows with equal keys form a bucket. A bucket of k
    rows has k * (k - 1) / 2 pairs. With ``leaders``, a row of a larger
    bucket pairs only with the first ``leaders`` rows of that bucket, so a
    band gives fewer than ``leaders * len(matrix)`` pairs. Texts that share
    a template, or that draw on a few words, put thousands of rows into one
    bucket, and all their pairs did not fit in memory: 48,725 such texts
    wrote 4 * 10**9 pairs.

    The bands are bucketed first. Then the pairs of as many bands as fit
    in ``_CHUNK_BAND_CODES`` codes (or of one band, if it alone has more)
    are written into one buffer of the exact size, sorted in place to
    remove the pairs that several bands share, and merged into the result.
    In most runs every band fits into one buffer. With ``max_partners``,
    the result keeps at most that many pairs for each later row
    (``closest_partners``). That limit is also applied whenever the merged
    codes outnumber ``_CROWDED_FACTOR * max_partners * len(matrix)``, which
    bounds them to that number plus one buffer.
    """
    count = matrix.shape[0]
    buckets = [_buckets(keys) for keys in _band_keys(matrix, bands, rows, seed)]
    totals = [pair_codes.run_pair_count(sizes, leaders) for _members, sizes in buckets]

    unique = numpy.empty(0, dtype=numpy.int64)
    for first, last in _band_batches(totals):
        codes = numpy.empty(sum(totals[first:last]), dtype=numpy.int64)
        position = 0
        for (members, sizes), total in zip(buckets[first:last], totals[first:last]):
            pair_codes.write_run_pairs(members, sizes, count, codes[position : position + total], leaders)
            position += total
        unique = pair_codes.union(unique, pair_codes.sorted_unique(codes))
        del codes
        if max_partners is not None and unique.size > _CROWDED_FACTOR * max_partners * count:
            unique = closest_partners(unique, matrix, max_partners)
    if max_partners is not None:
        unique = closest_partners(unique, matrix, max_partners)

    _log_buckets(buckets, sum(totals), unique.size, leaders)
    return unique


def closest_partners(codes: numpy.ndarray, matrix: numpy.ndarray, limit: int) -> numpy.ndarray:
    """Keep at most ``limit`` of the sorted pair codes for each later row: those whose signatures agree in the most columns.

    Of pairs that agree equally, the earlier rows are kept. Only the pairs
    of rows with more than ``limit`` partners are ranked, so a run where no
    row has that many gets ``codes`` back as it is. The result is sorted.
    """
    count = matrix.shape[0]
    later = codes % count
    partners = numpy.bincount(later, minlength=count)
    crowded = (partners > limit)[later]
    if not crowded.any():
        return codes
    ranked = codes[crowded]
    del later
    # One int64 key orders the pairs by later row, then most equal columns, then earlier row:
    # ((later * 2**bits + unequal columns) * count + earlier). It fits while count**2 * 2**bits < 2**63.
    bits = matrix.shape[1].bit_length()
    earlier, key = numpy.divmod(ranked, count)
    key <<= bits
    key += matrix.shape[1] - _agreements(ranked, matrix)
    key *= count
    key += earlier
    del earlier, ranked
    key.sort()

    later_sorted = key // (count << bits)
    first = numpy.flatnonzero(numpy.r_[True, later_sorted[1:] != later_sorted[:-1]])
    rank = numpy.arange(key.size) - numpy.repeat(first, numpy.diff(numpy.r_[first, key.size]))
    closest = rank < limit
    kept = (key[closest] % count) * count + later_sorted[closest]
    logger.debug("%d texts have more than %d candidates: kept the %d closest of each", first.size, limit, limit)
    return pair_codes.merge_disjoint(codes[~crowded], kept)


def _band_batches(totals: list[int]) -> list[tuple[int, int]]:
    """Split the bands into runs [first, last) whose pairs add up to at most _CHUNK_BAND_CODES, or one band each."""
    batches = []
    first, pending = 0, 0
    for band, total in enumerate(totals):
        if band > first and pending + total > _CHUNK_BAND_CODES:
            batches.append((first, band))
            first, pending = band, 0
        pending += total
    if first < len(totals):
        batches.append((first, len(totals)))
    return batches


def _band_keys(matrix: numpy.ndarray, bands: int, rows: int, seed: int) -> Iterator[numpy.ndarray]:
    """Yield, band by band, one 64-bit key per row that is equal for rows agreeing on all the band's columns."""
    generator = numpy.random.default_rng(seed)
    multipliers = generator.integers(0, 2**64, size=rows, dtype=numpy.uint64) | numpy.uint64(1)
    for band in range(bands):
        columns = matrix[:, band * rows : (band + 1) * rows].astype(numpy.uint64)
        yield _finish(columns @ multipliers if rows > 1 else columns[:, 0] * multipliers[0])


def _buckets(keys: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Return (members, sizes) of the buckets of two or more rows with equal keys.

    ``members`` lists the rows of each bucket one bucket after another, in
    ascending row order within a bucket (the sort is stable), and
    ``sizes`` gives the bucket sizes.
    """
    if keys.size < 2:
        return numpy.empty(0, dtype=numpy.int64), numpy.empty(0, dtype=numpy.int64)
    order = numpy.argsort(keys, kind="stable")
    sorted_keys = keys[order]

    starts_bucket = numpy.empty(keys.size, dtype=bool)
    starts_bucket[0] = True
    numpy.not_equal(sorted_keys[1:], sorted_keys[:-1], out=starts_bucket[1:])
    sizes = numpy.diff(numpy.append(numpy.flatnonzero(starts_bucket), keys.size))

    shared = sizes > 1
    return order[numpy.repeat(shared, sizes)], sizes[shared]


def _log_buckets(
    buckets: list[tuple[numpy.ndarray, numpy.ndarray]], written: int, unique: int, leaders: int | None
) -> None:
    """Log how many buckets the bands have, the largest one, and the pairs before and after removing repeats."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    shared = sum(sizes.size for _members, sizes in buckets)
    largest = max((int(sizes.max()) for _members, sizes in buckets if sizes.size), default=0)
    logger.debug(
        "%d bands have %d buckets of two or more texts, the largest with %d texts. They give %d pairs, %d distinct",
        len(buckets),
        shared,
        largest,
        written,
        unique,
    )
    if leaders is not None and largest > leaders:
        limited = sum(int(numpy.count_nonzero(sizes > leaders)) for _members, sizes in buckets)
        logger.debug(
            "In %d buckets of more than %d texts, each text was paired only with the first %d texts of its bucket",
            limited,
            leaders,
            leaders,
        )


def candidate_pairs(texts: Sequence[str], parameters: LshParameters = DEFAULT_PARAMETERS) -> numpy.ndarray:
    """Return the candidate near-duplicate pairs (i, j), i < j, of a list of texts.

    Identical texts are always candidates of each other. The others are
    candidates when their MinHash signatures share a band, so a pair is
    found with the probability ``parameters.probability(jaccard)`` of its
    shingle sets' Jaccard similarity; score the candidates exactly to decide.
    Both hold up to ``parameters.leaders``: in a larger bucket or group of
    identical texts, each text pairs only with the first ``leaders``.
    Returns an int64 array of shape (pairs, 2), sorted by i, then j.
    """
    distinct: dict[str, int] = {}
    group_of = numpy.fromiter((distinct.setdefault(text, len(distinct)) for text in texts), dtype=numpy.int64, count=len(texts))
    unique_texts = list(distinct)
    logger.debug("%d texts, %d distinct", len(texts), len(unique_texts))

    matrix = signatures(unique_texts, parameters)
    codes = band_codes(
        matrix, parameters.bands, parameters.rows, parameters.seed, parameters.leaders, parameters.max_partners
    )
    logger.debug("%d candidate pairs among distinct texts", codes.size)
    if parameters.min_agreement > 0:
        codes = agreeing_codes(codes, matrix, parameters.min_agreement)
        logger.debug("%d of them agree in %.0f %% of their signatures or more", codes.size, 100 * parameters.min_agreement)

    # The signature matrix is freed before the pairs are expanded and decoded.
    del matrix
    return pair_codes.decode(_expand(codes, group_of, len(unique_texts), parameters.leaders), len(texts))


def agreeing_codes(codes: numpy.ndarray, matrix: numpy.ndarray, min_agreement: float) -> numpy.ndarray:
    """Keep the pair codes whose two signature rows are equal in at least ``min_agreement`` of their columns.

    Kept codes are moved to the front of ``codes`` in their order, and the
    returned view of that front keeps them sorted. Pairs are compared in
    chunks, so the memory needed does not grow with the number of pairs.
    """
    needed = math.ceil(min_agreement * matrix.shape[1])
    narrow = matrix.astype(numpy.uint16)
    kept_count = 0
    for start in range(0, codes.size, _CHUNK_PAIRS):
        chunk = codes[start:start + _CHUNK_PAIRS]
        agreeing = chunk[_agreements(chunk, matrix, narrow) >= needed]
        codes[kept_count:kept_count + agreeing.size] = agreeing
        kept_count += agreeing.size
    return codes[:kept_count]


def _agreements(codes: numpy.ndarray, matrix: numpy.ndarray, narrow: numpy.ndarray | None = None) -> numpy.ndarray:
    """Return, for each pair code, the number of columns where its two signature rows are equal (int64).

    Only the low 16 bits of each value are compared, from ``narrow``
    (``matrix`` as uint16, made here when not given), which moves half the
    bytes: equal values stay equal, so no pair that agrees in full is
    counted lower, and two unequal values agree by chance once in 65,536.
    Pairs are compared in chunks of ``_CHUNK_PAIRS``.
    """
    count = matrix.shape[0]
    if narrow is None:
        narrow = matrix.astype(numpy.uint16)
    counts = numpy.empty(codes.size, dtype=numpy.int64)
    for start in range(0, codes.size, _CHUNK_PAIRS):
        first, second = numpy.divmod(codes[start:start + _CHUNK_PAIRS], count)
        counts[start:start + first.size] = numpy.count_nonzero(narrow[first] == narrow[second], axis=1)
    return counts


def _expand(codes: numpy.ndarray, group_of: numpy.ndarray, groups: int, leaders: int | None = None) -> numpy.ndarray:
    """Turn the codes of pairs of distinct texts into codes of pairs of texts, adding the pairs of identical texts.

    Group ``g`` is the g-th distinct text in order of first occurrence, so
    the first texts of the groups are in ascending order, and mapping each
    group to its first text keeps the codes sorted. Every other pair (two
    copies of one text, or a pair with at least one later copy) is added
    once, which keeps the result free of repeats. ``codes`` is rewritten
    in place.

    With ``leaders``, only the first ``leaders`` copies of a text pair with
    the copies of another text, and a later copy pairs only with the first
    ``leaders`` copies of its own text. A copy left out of a pair has at
    least ``leaders`` identical earlier texts instead, which score higher.
    """
    count = group_of.size
    if groups == count:
        return codes
    order = numpy.argsort(group_of, kind="stable")
    sizes = numpy.bincount(group_of, minlength=groups)
    starts = numpy.cumsum(sizes) - sizes
    heads = sizes if leaders is None else numpy.minimum(sizes, leaders)

    copied = sizes > 1
    left, right = pair_codes.pairs_touching(codes, groups, copied)
    extra = [pair_codes.cross_pair_codes(left, right, order, starts, heads, count)]
    within = numpy.empty(pair_codes.run_pair_count(sizes[copied], leaders), dtype=numpy.int64)
    pair_codes.write_run_pairs(order[numpy.repeat(copied, sizes)], sizes[copied], count, within, leaders)
    extra.append(within)

    pair_codes.recode(codes, order[starts], groups, count)
    return pair_codes.merge_disjoint(codes, numpy.concatenate(extra))
