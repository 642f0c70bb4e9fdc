"""Short texts one edit apart: exact candidate pairs, and the same-question search that uses them."""

import random

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from doclint.edit_neighbours import one_edit_pairs
from doclint.similarity import QUESTION_SEARCH, CandidateSearch, candidate_pairs

short_texts = st.lists(st.text(alphabet="ab模型", max_size=5), max_size=12)


def within_one_edit(first, second):
    distance = Indel.distance(first, second)
    return distance <= 1 or (distance == 2 and len(first) == len(second))


@given(short_texts, st.integers(min_value=0, max_value=6))
def test_pairs_match_indel_distance(texts, max_length):
    expected = [
        (first, second)
        for first in range(len(texts))
        for second in range(first + 1, len(texts))
        if len(texts[first]) <= max_length
        and len(texts[second]) <= max_length
        and within_one_edit(texts[first], texts[second])
    ]

    assert one_edit_pairs(texts, max_length).tolist() == [list(pair) for pair in expected]


def test_long_texts_left_to_lsh():
    assert one_edit_pairs(["abcdef", "abcdefg", "abc", "abcd"], 4).tolist() == [[2, 3]]


def inserted_character_pairs():
    generator = random.Random(1)
    alphabet = "的是在了和数据模型学习训练系统如何什么为"
    questions = ["".join(generator.choice(alphabet) for _ in range(generator.randrange(10, 19))) for _ in range(60)]
    pairs = []
    for index in range(0, 60, 3):
        middle = len(questions[index]) // 2
        questions.append(questions[index][:middle] + "X" + questions[index][middle:])
        pairs.append((index, len(questions) - 1))
    return questions, pairs


def test_question_search_finds_every_short_edit():
    questions, pairs = inserted_character_pairs()

    lsh_only = {tuple(pair) for pair in candidate_pairs(questions, CandidateSearch()).tolist()}
    with_neighbours = {tuple(pair) for pair in candidate_pairs(questions, QUESTION_SEARCH).tolist()}

    assert set(pairs) <= with_neighbours
    assert lsh_only < with_neighbours
    assert not set(pairs) <= lsh_only
