import random
import string

from rapidfuzz import fuzz

from doclint.engine import run
from doclint.parse import parse_document
from doclint.settings import Settings
from doclint.similarity import MAX_SCORED_CHARS, bounded_score, near_duplicate_matches, scored_form
from doclint.source import Source

WORDS = [f"word{number}" for number in range(300)]


def random_words(rng, count):
    return " ".join(rng.choice(WORDS) for _index in range(count))


def random_letters(rng, count):
    """Return ``count`` words of 3 to 9 random letters: unrelated texts of them score about 36."""
    return " ".join("".join(rng.choice(string.ascii_lowercase) for _letter in range(rng.randint(3, 9))) for _word in range(count))


def edited(rng, text, share):
    """Replace about ``share`` of the words of a text with other words."""
    words = text.split()
    for index in rng.sample(range(len(words)), int(share * len(words))):
        words[index] = rng.choice(WORDS)
    return " ".join(words)


def long_document(first, second):
    text = f"# First\n\n{first}\n\n# Second\n\n{second}\n\n# Short\n\nA short section of its own.\n"
    return [parse_document(Source.from_text("long.md", text))]


def test_short_text_scored_whole():
    text = "x" * MAX_SCORED_CHARS
    assert scored_form(text) is text


def test_long_text_scored_form_bounded():
    text = random_words(random.Random(1), 20_000)
    form = scored_form(text)

    assert len(text) > 5 * MAX_SCORED_CHARS
    assert len(form) <= MAX_SCORED_CHARS
    assert text.startswith(form[:500])
    assert text.endswith(form[-500:])


def test_bounded_score_keeps_short_scores():
    assert bounded_score(90.0, 1_000, 800) == 90.0
    assert bounded_score(90.0, MAX_SCORED_CHARS, MAX_SCORED_CHARS) == 90.0


def test_bounded_score_limited_by_lengths():
    # Texts of 100,000 and 25,000 characters reach at most 100 * 2 * 25,000 / 125,000 = 40.
    assert bounded_score(99.0, 100_000, 25_000) == 40.0
    assert bounded_score(30.0, 100_000, 25_000) == 30.0


def test_long_near_duplicates_found_on_bounded_form():
    rng = random.Random(2)
    first = random_words(rng, 30_000)
    second = edited(rng, first, 0.02)
    documents = long_document(first, second)

    [(later, matches)] = near_duplicate_matches(documents, 75.0).items()
    [(score, earlier)] = matches

    assert (later.section.title, earlier.section.title) == ("Second", "First")
    assert score == fuzz.ratio(scored_form(second), scored_form(first))
    assert score >= 90
    assert fuzz.ratio(second, first) >= 90


def test_long_unrelated_sections_not_matched():
    rng = random.Random(3)
    first, second = random_letters(rng, 30_000), random_letters(rng, 30_000)
    documents = long_document(first, second)

    # A failed comparison of the matches themselves would print both texts whole.
    assert len(near_duplicate_matches(documents, 75.0)) == 0
    assert fuzz.ratio(first, second) < 75


def test_repeated_paragraph_not_matched_by_shorter_page():
    paragraph = "the same paragraph of a generated reference page, written out again "
    long_page = paragraph * (100_000 // len(paragraph))
    short_page = paragraph * (25_000 // len(paragraph))
    documents = long_document(long_page, short_page)

    assert fuzz.ratio(scored_form(long_page), scored_form(short_page)) >= 75
    assert len(near_duplicate_matches(documents, 75.0)) == 0


def test_long_near_duplicate_reported(tmp_path):
    rng = random.Random(4)
    first = random_words(rng, 30_000)
    path = tmp_path / "long.md"
    path.write_text(f"# First\n\n{first}\n\n# Second\n\n{edited(rng, first, 0.02)}\n", encoding="utf-8")

    result = run([str(path)], Settings(cache_dir=None))

    assert [(diagnostic.rule, diagnostic.line) for diagnostic in result.diagnostics] == [("near-duplicate-section", 5)]
