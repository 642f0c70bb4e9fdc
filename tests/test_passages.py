from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from doclint.engine import run
from doclint.parse import parse_document
from doclint.passage_sets import LATIN_WEIGHT, MIN_SHARED_SHINGLES
from doclint.passages import (
    MIN_NEAR_UNIT_WEIGHT,
    MIN_PASSAGE_WEIGHT,
    NEAR_UNIT_RATIO,
    _filter_passages,
    _fold_unit_text,
    _related_pairs,
    document_passages,
    fold,
    item_units,
)
from doclint.placeholders import is_placeholder
from doclint.qa import is_item
from doclint.settings import Settings
from doclint.similarity import contains, exact_copies, index_sections
from doclint.source import Source
from doclint.text import is_cjk

from conftest import FIXTURES, SEED
from test_passage_index import direct_shingles, direct_template, direct_weights


def borrowed(path, **settings):
    result = run([str(path)], Settings(**settings))
    return [d for d in result.diagnostics if d.rule == "borrowed-passage"]


def test_seed_borrowed_step_and_explanation():
    found = {d.line: d for d in borrowed(SEED)}
    assert found[183].related[0].line == 157
    assert found[185].related[0].line == 159
    assert found[183].code == "DL202"
    assert found[183].severity.value == "warning"


def test_seed_borrowed_step_message_and_columns():
    finding = {d.line: d for d in borrowed(SEED)}[183]
    assert finding.message == (
        'step 4 of item "14. 医疗知识图谱构建与推理" repeats step 4 of item "12. 跨模态医疗信息处理" (line 157): '
        '"将训练好的模型应用于实际场景，如医学图像与文本信息融…，为医生提供综合性的诊断建议"; '
        "the passage answers the other question, so rewrite it for this one"
    )
    line = (SEED.read_text(encoding="utf-8").splitlines())[182]
    assert finding.column == line.index("将训练好的模型") + 1
    assert finding.end_column == line.index("。") + 1
    assert finding.related[0].message == 'source: step 4 of item "12. 跨模态医疗信息处理"'


def test_pasted_step_with_inline_code_columns():
    # The step's plain text has no backticks, so its passage is found by its letters and digits.
    path = FIXTURES / "pasted-code-step-zh.md"
    [finding] = borrowed(path)
    assert (finding.line, finding.column, finding.end_column) == (21, 4, 45)
    assert finding.message == (
        'step 1 of item "6. 成绩分档" repeats step 1 of item "5. 统计词频" (line 9): '
        '"将文本转为小写并按空白切分：words = text.lower().split"; '
        "the passage answers the other question, so rewrite it for this one"
    )
    line = path.read_text(encoding="utf-8").splitlines()[20]
    assert line[finding.column - 1:finding.end_column - 1] == "将文本转为小写并按空白切分：`words = text.lower().split"


def test_copy_in_earlier_file_neither_borrows_nor_lends(tmp_path):
    # An earlier file with seed item 7 makes the seed's item 7 a copy: item 14's step 1,
    # taken from item 7, is no longer reported, and the other borrowings stay as they were.
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    earlier = tmp_path / "a-earlier.md"
    earlier.write_text("# 摘录\n\n" + "".join(lines[82:95]), encoding="utf-8")
    seed = tmp_path / "b-seed.md"
    seed.write_bytes(SEED.read_bytes())

    alone = {d.line: d.message for d in borrowed(seed)}
    together = {d.line: d.message for d in borrowed(tmp_path) if d.path == str(seed)}
    assert sorted(alone) == [180, 183, 185]
    assert together == {183: alone[183], 185: alone[185]}


def test_seed_explanation_quotes_shared_half():
    finding = {d.line: d for d in borrowed(SEED)}[185]
    assert "repeats the explanation of item \"12. 跨模态医疗信息处理\" (line 159)" in finding.message
    assert "可以帮助医生更好地理解和分析医疗信息，提高诊断和治疗的准确性" in finding.message


def test_excerpt_inside_text_starts_with_ellipsis():
    found = {d.line: d.message for d in borrowed(SEED)}
    assert '(line 159): "…理模型的应用可以帮助医生更好地理解和分析医疗信息，提高诊断和治疗的准确性";' in found[185]
    assert '(line 89): "收集医学知识库、文献和医疗数据等，并进行预处理，如实体抽取和关系提取等";' in found[180]


def test_quote_marks_start_inside():
    from doclint.rules.passages import QUOTE_CHARS, quote

    assert quote("理模型的应用") == "理模型的应用"
    assert quote("理模型的应用", starts_inside=True) == "…理模型的应用"
    long = "甲" * (QUOTE_CHARS + 5)
    assert quote(long, starts_inside=True).startswith("…甲")
    assert quote(long, starts_inside=True).count("…") == 2


def test_sentence_pasted_into_three_items_reported():
    found = {d.line: d for d in borrowed(FIXTURES / "pasted-steps-zh.md")}
    assert sorted(found) == [54, 76, 87, 98]
    for line in (54, 76, 98):
        assert found[line].related[0].line == 20
        assert found[line].message.endswith(
            'repeats step 1 of item "2. 浅拷贝" (line 20): "浅拷贝只复制最外层容器，内部元素仍是原对象的引用"; '
            "the passage answers the other question, so rewrite it for this one"
        )
    assert found[54].message.startswith('step 2 of item "5. 生成器" repeats')


def test_pasted_step_with_latin_word_reported():
    # "Python" is in 3 of the 10 items; it must not split the pasted run, which weighs 12 + 6/3 + 3 = 17.
    finding = {d.line: d for d in borrowed(FIXTURES / "pasted-steps-zh.md")}[87]
    assert finding.related[0].line == 43
    assert finding.message == (
        'step 2 of item "8. 垃圾回收" repeats step 2 of item "4. 全局解释器锁" (line 43): '
        '"同一时刻只有一个线程执行 Python 字节码"; the passage answers the other question, so rewrite it for this one'
    )


def test_seed_item_7_overlap_reported():
    finding = {d.line: d for d in borrowed(SEED)}[180]
    assert finding.related[0].line == 89
    assert "step 1 of item \"14. 医疗知识图谱构建与推理\" nearly repeats step 1 of item \"7. 医疗知识图谱构建\"" in finding.message


def test_seed_exactly_these_borrowings():
    assert [(d.line, d.related[0].line) for d in borrowed(SEED)] == [(180, 89), (183, 157), (185, 159)]


def test_seed_template_step_never_borrowed():
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    for finding in borrowed(SEED):
        assert "通过交叉验证和测试集评估模型性能" not in seed_lines[finding.line - 1]


def test_seed_nothing_inside_copies():
    assert all(not 265 <= d.line <= 394 for d in borrowed(SEED))


def test_english_copied_step():
    [finding] = borrowed(FIXTURES / "answers-en.md")
    assert (finding.line, finding.related[0].line) == (34, 21)
    assert finding.message.startswith('step 2 of item "3. Expanding a disk" repeats step 1 of item "2. Restarting a stuck worker" (line 21)')


def test_chinese_copied_step():
    [finding] = borrowed(FIXTURES / "answers-zh.md")
    assert (finding.line, finding.related[0].line) == (28, 17)
    assert '"查看网关日志，找到超时请求对应的下游服务和接口名称，并记录发生时间"' in finding.message


def test_template_steps_alone_not_borrowed():
    assert borrowed(FIXTURES / "template-only.md") == []


def test_fold_maps_back_to_text():
    text = "**Ａ**，b\nC！"
    folded, positions = fold(text)
    assert folded == "abc"
    assert [text[index] for index in positions] == ["Ａ", "b", "C"]


def test_equal_sources_earliest_reported(tmp_path):
    copied = "查看网关日志，找到超时请求对应的下游服务和接口名称，并记录发生时间。"
    shared = f"""1. **定位**：{copied}
2. **确认**：修复后压测该接口，确认响应时间回到正常范围。

**解析：** 超时往往来自下游依赖，所以要沿调用链逐段排查。
"""
    path = tmp_path / "ties.md"
    path.write_text(
        f"""# 运维问答

**问题 1：如何排查接口超时？**

**答案：** 步骤如下：

{shared}
**问题 2：网关返回 504 时先看什么？**

**答案：** 步骤如下：

{shared}
**问题 3：如何扩容消息队列？**

**答案：** 步骤如下：

1. **评估**：根据最近一周的峰值流量估算需要的分区数量。
2. **扩容**：{copied}
""",
        encoding="utf-8",
    )
    [finding] = borrowed(path)
    assert (finding.line, finding.related[0].line) == (26, 7)
    assert 'repeats step 1 of item "问题 1：如何排查接口超时？" (line 7)' in finding.message


PLACEHOLDER_LIKE = ["TODO", "**TODO**", "Ｔｏｄｏ", "N/A", "n / a", "待补充。", "答案 略", "Answer here!", "", "…", "ﬁx", "Straße", "TODO: write"]


@given(st.one_of(st.text(), st.sampled_from(PLACEHOLDER_LIKE)))
def test_unit_fold_matches_fold_and_placeholder_check(text):
    expected = None if is_placeholder(text) else fold(text)[0]
    assert _fold_unit_text(text) == expected


PHRASES = [
    "收集医学知识库文献和医疗数据并进行预处理",
    "将训练好的模型应用于实际场景为医生提供建议",
    "通过交叉验证和测试集评估模型性能",
    "Drain the queue and wait until every running job has finished",
    "Restart the worker with systemctl and watch its status",
    "构建知识图谱",
    "短句",
    "ok",
    # Two pairs of near copies: every shared run is too short for an exact
    # passage, so only the nearly identical unit rule can report them.
    "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒",
    "甲乙丙丁戊己庚辛壬一子丑寅卯辰巳午未申二戌亥天地玄黄宇宙洪荒",
    "Drain the queue then wait until every running job has finished and the worker reports idle",
    "Drain the queues then wait until each running job has finished and the worker reports it is idle",
]
QUESTIONS = ["如何构建知识图谱？", "How do you drain a worker?", "如何评估模型？", "What does the gateway log show?", "如何部署服务？", "Why rotate logs?", "如何清理磁盘？"]
step_texts = st.lists(st.sampled_from(PHRASES), min_size=1, max_size=3).map("，".join)
qa_items = st.tuples(st.lists(step_texts, min_size=1, max_size=4), st.one_of(st.none(), step_texts))


def qa_markdown(items):
    lines = ["# 问答", ""]
    for number, (steps, explanation) in enumerate(items):
        lines += [f"## {number + 1}. {QUESTIONS[number]}", "", f"**Question:** {QUESTIONS[number]}", "", "**Answer:** 步骤如下：", ""]
        lines += [f"{index}. **步骤**：{text}。" for index, text in enumerate(steps, start=1)]
        lines.append("")
        if explanation is not None:
            lines += [f"**Explanation:** {explanation}。", ""]
    return "\n".join(lines)


def reference_compare(unit, source, covered):
    """Compare two units as the original loop did: weights summed character by character."""

    def own_weight(start, size):
        return sum(
            (1.0 if is_cjk(unit.folded[position]) else LATIN_WEIGHT)
            for position in range(start, start + size)
            if not covered[position]
        )

    blocks = [block for block in Indel.opcodes(source.folded, unit.folded).as_matching_blocks() if block.size]
    own = [(block.b, block.size, own_weight(block.b, block.size)) for block in blocks]
    if not own:
        return None
    positions = fold(unit.text)[1]
    start, size, longest = max(own, key=lambda block: block[2])
    if longest >= MIN_PASSAGE_WEIGHT:
        return (unit, source, positions[start], positions[start + size - 1] + 1, True, longest)
    total = sum(block_weight for _start, _size, block_weight in own)
    if total >= MIN_NEAR_UNIT_WEIGHT and fuzz.ratio(unit.folded, source.folded) >= NEAR_UNIT_RATIO:
        return (unit, source, positions[0], positions[-1] + 1, False, total)
    return None


def reference_borrowings(items, related):
    """Find the borrowings of one document with 5-gram strings and a pass over all earlier units."""
    units_by_item = [item_units(item, {}) for item in items]
    template = direct_template([[unit.folded for unit in units] for units in units_by_item])
    found = []
    earlier = []
    for units in units_by_item:
        for unit in units:
            covered = [weight == 0.0 for weight in direct_weights(unit.folded, template)]
            best = None
            for source in earlier:
                shared = (direct_shingles(unit.folded) & direct_shingles(source.folded)) - template
                if len(shared) < MIN_SHARED_SHINGLES or (unit.entry.order, source.entry.order) in related:
                    continue
                if contains(source.entry, unit.entry) or contains(unit.entry, source.entry):
                    continue
                result = reference_compare(unit, source, covered)
                if result is not None and (best is None or result[-1] > best[-1]):
                    best = result
            if best is not None:
                found.append(best)
        earlier.extend(units)
    return found


def describe(borrowing):
    unit, source, start, end, exact, weight = borrowing
    return (unit.line, unit.kind, unit.number, source.line, source.kind, source.number, start, end, exact, weight)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(qa_items, min_size=2, max_size=len(QUESTIONS)))
def test_borrowings_match_reference(items):
    document = parse_document(Source.from_text("doc.md", qa_markdown(items)))
    documents = (document,)
    related = _related_pairs(documents, 95.0, 75.0)
    copies = exact_copies(documents)
    entries = [entry for entry in index_sections(documents) if is_item(entry.section) and not copies.excludes(entry)]

    fast = [
        (b.unit, b.source, b.start, b.end, b.exact, b.weight)
        for b in _filter_passages(document_passages(document), entries, related)
    ]
    assert [describe(b) for b in fast] == [describe(b) for b in reference_borrowings(entries, related)]


def test_small_run_never_imports_numpy(tmp_path):
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from doclint.engine import run\n"
        "from doclint.settings import Settings\n"
        f"result = run([{str(SEED)!r}], Settings(cache_dir=None))\n"
        "print(sorted({d.rule for d in result.diagnostics}), 'numpy' in sys.modules)\n"
    )

    output = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path).stdout

    assert "borrowed-passage" in output
    assert output.endswith(" False\n")


def test_set_and_numpy_indexes_give_same_borrowings(monkeypatch):
    from doclint import passages

    monkeypatch.setattr(passages, "_set_indexed", 0)
    with_sets = [(d.line, d.message) for d in borrowed(SEED, cache_dir=None)]
    monkeypatch.setattr(passages, "SET_INDEX_DOCUMENTS", 0)

    with_numpy = [(d.line, d.message) for d in borrowed(SEED, cache_dir=None)]

    assert with_sets == with_numpy
    assert [line for line, _message in with_sets] == [180, 183, 185]


def test_quote_marks_end_inside():
    from doclint.rules.passages import quote

    assert quote("与之相近的还有缓存击穿和缓存", ends_inside=True) == "与之相近的还有缓存击穿和缓存…"
    long = "甲" * 40 + "乙" * 40
    assert quote(long, ends_inside=True).endswith("乙…")


def test_quote_of_shared_frame_ends_with_ellipsis(tmp_path):
    # Two explanations share only their frame, which stops inside a word ("缓存" of "缓存穿透").
    page = tmp_path / "cache.md"
    frame = "与之相近的还有缓存击穿（热点键过期）和缓存"
    page.write_text(
        "# 缓存\n\n### 1. 缓存穿透\n\n**题目：** 什么是缓存穿透？\n\n**答案：** 查询不存在的数据，请求直达数据库。\n\n"
        f"**解析：** {frame}雪崩（大量键同时过期）。\n\n"
        "### 2. 缓存雪崩\n\n**题目：** 什么是缓存雪崩？\n\n**答案：** 大量键同时过期，请求涌向数据库。\n\n"
        f"**解析：** {frame}穿透（查询不存在的数据）。\n",
        encoding="utf-8",
    )
    result = run([str(page)], Settings())
    borrowed = [d for d in result.diagnostics if d.rule == "borrowed-passage"]
    assert len(borrowed) == 1
    assert f'"{frame}…"' in borrowed[0].message


def test_units_too_long_to_align_are_skipped(tmp_path, monkeypatch):
    # The alignment's memory grows with the product of the two lengths, so past the limit the pair is left alone.
    import doclint.passages

    page = tmp_path / "bank.md"
    pasted = "浅拷贝只复制最外层容器，内部元素仍是原对象的引用"
    page.write_text(
        "# 题库\n\n### 1. 拷贝\n\n**题目：** 什么是浅拷贝？\n\n**答案：** " + pasted + "。\n\n**解析：** 注意嵌套对象。\n\n"
        "### 2. 生成器\n\n**题目：** 生成器有什么优点？\n\n**答案：** 按需产生数据，" + pasted + "。\n\n**解析：** 节省内存。\n",
        encoding="utf-8",
    )
    assert [d.line for d in borrowed(page)] == [15]
    # Another title, so that no result cached for the first document is reused.
    other = tmp_path / "other.md"
    other.write_text(page.read_text(encoding="utf-8").replace("# 题库", "# 另一个题库"), encoding="utf-8")
    monkeypatch.setattr(doclint.passages, "MAX_ALIGNED_CELLS", 100)
    assert borrowed(other) == []
