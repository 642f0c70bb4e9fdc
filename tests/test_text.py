import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from doclint.text import (
    is_thematic_break,
    join_normalized,
    join_soft_breaks,
    normalize,
    normalize_by_clauses,
    split_clauses,
)


def test_normalize_full_width_and_markup():
    assert normalize("**模型训练**：利用数据，训练模型。") == normalize("模型训练:利用数据,训练模型.")


def test_normalize_folds_case_and_nfkc():
    assert normalize("ＡＢＣ Def") == "abc def"


def test_normalize_drops_spaces_next_to_cjk():
    assert normalize("使用 Python 3 编程") == "使用python 3编程"


def test_soft_break_between_cjk_joins_without_space():
    assert join_soft_breaks("利用深度学习\n模型") == "利用深度学习模型"
    assert join_soft_breaks("deep\nlearning") == "deep learning"
    assert join_soft_breaks("模型\nmodel") == "模型 model"


def test_split_clauses_cjk_and_ascii():
    text = "收集数据，并进行预处理。训练模型；评估. Then deploy, monitor!"
    assert split_clauses(text) == ["收集数据", "并进行预处理", "训练模型", "评估", "Then deploy", "monitor"]


def test_split_clauses_keeps_decimal_numbers():
    assert split_clauses("Use Python 3.12 or newer.") == ["Use Python 3.12 or newer"]


def test_split_clauses_separates_step_label():
    assert split_clauses("模型训练：利用数据") == ["模型训练", "利用数据"]


def test_thematic_break_forms():
    assert is_thematic_break("-----")
    assert is_thematic_break(" * * *")
    assert not is_thematic_break("--")
    assert not is_thematic_break("- item")


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_normalize_keeps_only_words(text):
    assert all(char.isalnum() or char == " " for char in normalize(text))


@given(st.lists(st.sampled_from(["a", "B", "中", "文", " ", "\n", "，", "。", "_", "Ａ", "1"])).map("".join))
def test_normalize_shortcuts_match_rules(text):
    from doclint.text import _CJK_BREAK_RE, _NON_WORD_RE, _SPACE_NEXT_TO_CJK_RE

    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _NON_WORD_RE.sub(" ", _CJK_BREAK_RE.sub("", folded)).strip()
    assert normalize(text) == _SPACE_NEXT_TO_CJK_RE.sub("", folded)


_CLAUSE_ALPHABET = st.sampled_from(
    list("aB3 \t\n模型训练。！？；，、：.!?;,:*_-") + ["\u0301", "㎏", "①", "ﬁ", "\u3000", "Ａ", "ß", "\u00a0", "．", "e\u0301", "\r"]
)


@given(st.lists(_CLAUSE_ALPHABET, max_size=24).map("".join))
def test_join_normalized_clauses_equals_normalize(text):
    assert join_normalized([normalize(clause) for clause in split_clauses(text)]) == normalize(text)


def test_join_normalized_drops_spaces_next_to_cjk():
    assert join_normalized(["模型训练", "", "deploy", "监控"]) == "模型训练deploy监控"
    assert join_normalized(["deploy", "monitor"]) == "deploy monitor"


def test_normalize_by_clauses_equals_normalize():
    text = "**数据收集与预处理**：收集医疗图像、文本，并进行预处理. Then deploy, monitor!"
    assert normalize_by_clauses(text) == normalize(text)
