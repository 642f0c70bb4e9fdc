from doclint.engine import run
from doclint.passages import fold
from doclint.settings import Settings

from conftest import FIXTURES, SEED


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


def test_seed_explanation_quotes_shared_half():
    finding = {d.line: d for d in borrowed(SEED)}[185]
    assert "repeats the explanation of item \"12. 跨模态医疗信息处理\" (line 159)" in finding.message
    assert "可以帮助医生更好地理解和分析医疗信息，提高诊断和治疗的准确性" in finding.message


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
