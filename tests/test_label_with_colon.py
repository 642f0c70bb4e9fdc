"""label_with_colon: the colon that a message writes after a field label."""

from __future__ import annotations

import pytest

from doclint.fields import label_with_colon


@pytest.mark.parametrize(
    ("label", "written"),
    [("A", "A:"), ("Answer", "Answer:"), ("Réponse", "Réponse:"), ("答", "答："), ("答案", "答案：")],
)
def test_colon_follows_last_character(label, written):
    assert label_with_colon(label) == written
