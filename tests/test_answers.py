import pytest

from doclint.engine import run
from doclint.i18n import set_language
from doclint.model import Field, Step
from doclint.parse import parse_document
from doclint.qa import describe_difference
from doclint.question_terms import differ_in_key_terms, same_terms, swaps_subject
from doclint.settings import Settings
from doclint.source import Source

from conftest import FIXTURES, SEED


def findings(*paths, rule=None, **settings):
    result = run([str(path) for path in paths], Settings(**settings))
    assert result.errors == []
    return [diagnostic for diagnostic in result.diagnostics if rule is None or diagnostic.rule == rule]


def test_seed_inconsistent_answer():
    [finding] = findings(SEED, rule="inconsistent-answer")
    assert (finding.line, finding.column, finding.end_line) == (397, 1, 408)
    assert finding.code == "DL201"
    assert finding.severity.value == "error"
    assert finding.message == (
        'item "完整答案示例" asks the question of item "10. 医疗数据隐私保护" (line 122) again but answers it '
        'differently: step 2 is labelled "模型训练" here and "模型训练与优化" at line 129; '
        "keep one answer and correct or remove the other"
    )
    assert [(r.line, r.message) for r in finding.related] == [(122, "the same question"), (126, "the other answer")]


def test_seed_copies_are_not_inconsistent():
    lines = [d.line for d in findings(SEED, rule="inconsistent-answer")]
    assert lines == [397]


def test_english_changed_number_in_step():
    [finding] = findings(FIXTURES / "answers-en.md", rule="inconsistent-answer")
    assert finding.line == 39
    assert finding.related[0].line == 3
    assert 'step 2 reads "Keep 14 old files and compress…" here and "Keep 7 old files and compress…" at line 10' in finding.message


def test_chinese_bold_question_items():
    [finding] = findings(FIXTURES / "answers-zh.md", rule="inconsistent-answer")
    assert finding.line == 33
    assert finding.related[0].line == 3
    assert finding.message == (
        'item "问题 4：如何清理磁盘空间？" asks the question of item "问题 1：如何清理磁盘空间？" (line 3) again '
        'but answers it differently: step 2 reads "删除超过 7 天的日志文件和临时文件。" here and '
        '"删除超过 30 天的日志文件和临时文件。" at line 8; keep one answer and correct or remove the other'
    )


def test_placeholder_answers_are_missing_not_duplicates():
    result = findings(FIXTURES / "answers-zh.md")
    missing = [(d.line, d.message) for d in result if d.rule == "missing-answer"]
    assert missing == [
        (45, 'item "问题 5：如何申请数据库权限？" has no answer, only the placeholder "待补充"; write the answer or remove the item'),
        (49, 'item "问题 6：如何申请服务器权限？" has no answer, only the placeholder "待补充"; write the answer or remove the item'),
    ]
    lines = {d.line for d in result if d.rule in ("duplicate-section", "near-duplicate-section", "borrowed-passage")}
    assert lines.isdisjoint({43, 45, 47, 49})


def test_english_placeholder_answers():
    missing = [d.line for d in findings(FIXTURES / "answers-en.md", rule="missing-answer")]
    assert missing == [55, 61]


def test_empty_answer_of_heading_item_is_missing():
    text = "# Q\n\n## 1. Setup\n\n**Question:** How do you set it up?\n\n**Answer:**\n\n**Explanation:** Later.\n"
    document = parse_document(Source.from_text("doc.md", text))
    from doclint.rules.answers import check_missing_answers

    assert [(d.line, d.code, d.message) for d in check_missing_answers([document], Settings())] == [
        (7, "DL203", 'item "1. Setup" has an empty answer; write the answer after its label or remove the item')
    ]


def test_code_block_answer_not_missing():
    text = "# Q\n\n## 1. Setup\n\n**Question:** How do you set it up?\n\n**Answer:**\n\n```bash\nmake setup\n```\n"
    document = parse_document(Source.from_text("doc.md", text))
    from doclint.rules.answers import check_missing_answers

    assert list(check_missing_answers([document], Settings())) == []


def test_placeholder_answer_not_a_schema_violation():
    result = findings(FIXTURES / "answers-en.md", rule="schema-violation")
    assert [(d.line, d.message) for d in result] == [
        (51, 'item "5. Rolling back a release" has no explanation field; add it as **Explanation:** followed by its text'),
        (57, 'item "6. Renewing certificates" has no explanation field; add it as **Explanation:** followed by its text'),
    ]


def test_same_question_threshold_option():
    # Item 14's question extends item 7's and scores about 88 against it.
    loose = findings(SEED, rule="inconsistent-answer", same_question_threshold=85)
    assert [(d.line, d.related[0].line) for d in loose] == [(174, 83), (187, 96), (239, 135), (397, 122)]


def test_equal_placeholder_answers_not_inconsistent():
    loose = findings(FIXTURES / "answers-zh.md", rule="inconsistent-answer", same_question_threshold=60)
    assert [d.line for d in loose] == [33]


def test_no_findings_without_fields():
    assert findings(FIXTURES / "no-qa.md") == []


def test_template_only_items_have_no_findings():
    assert findings(FIXTURES / "template-only.md") == []


def test_item_keys_of_seed():
    from doclint.qa import item_keys
    from doclint.source import decode

    document = parse_document(decode(str(SEED), SEED.read_bytes()))
    sections = list(document.walk())
    keys = item_keys(document)
    by_line = {sections[position].line: key for position, key in keys.items()}
    assert len(keys) == 31
    # Item 10 and the complete example ask the same question and answer it differently.
    assert by_line[122][0] == by_line[397][0] == "如何利用深度学习模型实现医疗数据隐私保护"
    assert by_line[122][1] != by_line[397][1]
    # Item 21 repeats item 14 word for word, answer included.
    assert by_line[265] == by_line[174]
    assert by_line[265] != by_line[187]


def test_cross_file_difference_names_other_file(tmp_path):
    first = tmp_path / "a.md"
    second = tmp_path / "b.md"
    first.write_text(
        "# FAQ\n\n## 1. Backups\n\n**Question:** How often are backups taken?\n\n**Answer:** Every night.\n\n"
        "1. **Schedule**: run the job at 02:00.\n2. **Keep**: keep 7 copies.\n",
        encoding="utf-8",
    )
    second.write_text(
        "# More FAQ\n\n## 4. Backups again\n\n**Question:** How often are backups taken?\n\n**Answer:** Every week.\n\n"
        "1. **Schedule**: run the job at 02:00.\n2. **Keep**: keep 4 copies.\n",
        encoding="utf-8",
    )
    [finding] = findings(tmp_path, rule="inconsistent-answer", cache_dir=None)
    assert finding.path == str(second)
    assert finding.message == (
        'item "4. Backups again" asks the question of item "1. Backups" (line 3 of '
        f'{first}) again but answers it differently: the answer reads "Every week." here and '
        f'"Every night." at line 7 of {first}; step 2 reads "keep 4 copies." here and "keep 7 copies." '
        f"at line 10 of {first}; keep one answer and correct or remove the other"
    )


def test_copied_exercise_reported_as_copy():
    # sheet.md copies Exercise 2.2, whose question Exercise 2.4 answers differently.
    folder = FIXTURES / "copied-exercise"
    chapter = folder / "chapter.md"
    sheet = folder / "sheet.md"
    result = findings(folder, cache_dir=None)
    found = [(d.path, d.line, d.rule) for d in result]
    assert found == [(str(chapter), 19, "inconsistent-answer"), (str(sheet), 3, "near-duplicate-section")]
    assert result[0].message == (
        'item "Exercise 2.4" asks the question of item "Exercise 2.2" (line 3) again but answers it '
        'differently: the answer reads "3" here and "2" at line 7; keep one answer and correct or remove the other'
    )
    assert result[1].message == (
        f'section "Question 2" is 100% similar to section "Exercise 2.2" (line 3 of {chapter}) after removing '
        "the text most sections share; merge the two or rewrite one so that each says something of its own"
    )


def test_code_above_question_is_part_of_it():
    # Exercises 1 and 3 show the same code above the same question, Exercise 2 other code.
    result = findings(FIXTURES / "code-above-questions.md", cache_dir=None)
    assert [(d.line, d.rule) for d in result] == [(23, "inconsistent-answer")]
    assert result[0].message == (
        'item "Exercise 3" asks the question of item "Exercise 1" (line 3) again but answers it differently: '
        'the answer reads "…prints [3, 2, 1] because sorted…" here and "…prints [1, 2, 3] because sorted…" '
        "at line 11; keep one answer and correct or remove the other"
    )


def test_consecutive_question_answer_lines(tmp_path):
    document = tmp_path / "faq.md"
    document.write_text(
        "# FAQ\n\n## 1. A\n\n**Question:** Is 1+1 two?  \n**Answer:** yes\n\n"
        "## 2. B\n\n**Question:** Is the sky green?  \n**Answer:** no\n\n"
        "## 3. C\n\n**Question:** Is 1+1 two?  \n**Answer:** no\n",
        encoding="utf-8",
    )
    [finding] = findings(document, rule="inconsistent-answer", cache_dir=None)
    assert finding.line == 13
    assert finding.message == (
        'item "3. C" asks the question of item "1. A" (line 3) again but answers it differently: '
        'the answer reads "no" here and "yes" at line 6; keep one answer and correct or remove the other'
    )


def seed_conflicts(documents):
    from doclint.qa import answer_conflicts

    return [
        (later.section.line, conflict.earlier.section.line, conflict.score)
        for later, conflict in answer_conflicts(documents, 95.0).items()
    ]


def parsed_seed():
    from doclint.source import decode

    return [parse_document(decode(str(SEED), SEED.read_bytes()))]


def test_questions_scored_in_another_process(monkeypatch):
    from doclint import qa

    monkeypatch.setattr(qa, "BACKGROUND_MIN_ITEMS", 2)
    documents = parsed_seed()

    qa.start_answer_conflicts(documents, 95.0, jobs=2)
    pending = qa._pending[(tuple(documents), 95.0)]

    assert seed_conflicts(documents) == [(397, 122, 100.0)]
    assert not qa._pending
    assert not pending._process.is_alive()


def test_questions_scored_here_when_small(monkeypatch):
    from doclint import qa

    documents = parsed_seed()
    qa.start_answer_conflicts(documents, 95.0, jobs=2)
    monkeypatch.setattr(qa, "BACKGROUND_MIN_ITEMS", 2)
    qa.start_answer_conflicts(documents, 95.0, jobs=1)

    assert not qa._pending
    assert seed_conflicts(documents) == [(397, 122, 100.0)]


def test_failed_question_process_scored_here(monkeypatch):
    import os

    from doclint import background, qa

    documents = parsed_seed()
    # A question process that dies without sending its pairs.
    monkeypatch.setitem(qa._pending, (tuple(documents), 95.0), background.start(os._exit, 3))

    assert seed_conflicts(documents) == [(397, 122, 100.0)]
    assert not qa._pending


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "code-span-labels.md",
            'item "3. Length of a list" asks the question of item "1. Length of a list" (line 3) again but answers '
            'it differently: the answer reads "The size of the object in bytes." here and "The number of items in the object." '
            "at line 6; keep one answer and correct or remove the other",
        ),
        (
            "code-span-labels-zh.md",
            'item "3. 列表长度" asks the question of item "1. 列表长度" (line 3) again but answers it differently: '
            'the answer reads "对象占用的字节数。" here and "对象中元素的个数。" at line 6; '
            "keep one answer and correct or remove the other",
        ),
    ],
)
def test_code_span_question_answer_lines(name, message):
    [finding] = findings(FIXTURES / name, rule="inconsistent-answer")
    assert finding.code == "DL201"
    assert (finding.line, finding.end_line) == (13, 16)
    assert finding.message == message
    assert [(r.line, r.message) for r in finding.related] == [(3, "the same question"), (6, "the other answer")]


BUILD = "Build the image."
PUSH = "Push it to the registry."
RESTART = "Restart every pod."
CHECK = "Check the logs."
TAG = "Tag the release."


def answer_with_steps(line, texts):
    """Return an answer field at ``line`` whose numbered steps, one a line, follow it."""
    steps = [Step(line + index, line + index, index, None, text) for index, text in enumerate(texts, start=1)]
    return Field("answer", "Answer", line, line + len(texts), "Steps:", steps)


@pytest.mark.parametrize(
    ("earlier", "later", "difference"),
    [
        pytest.param(
            [BUILD, PUSH, RESTART],
            [BUILD, "Restart every pod twice.", PUSH, RESTART],
            'step 2 "Restart every pod twice." is not in the answer at line 10',
            id="inserted-before-match",
        ),
        pytest.param(
            [BUILD, PUSH, RESTART],
            [BUILD, RESTART, PUSH, RESTART],
            'step 2 "Restart every pod." is not in the answer at line 10',
            id="inserted-copy-of-later-step",
        ),
        pytest.param(
            [BUILD, PUSH, RESTART],
            [BUILD, RESTART],
            'step 2 "Push it to the registry." at line 12 is missing here',
            id="deleted",
        ),
        pytest.param(
            [BUILD, PUSH, RESTART],
            [BUILD, "Restart every pod twice."],
            'step 2 "Push it to the registry." at line 12 is missing here; '
            'step 2 reads "Restart every pod twice." here and step 3 reads "Restart every pod." at line 13',
            id="deleted-before-changed",
        ),
        pytest.param(
            [BUILD, PUSH, RESTART],
            [BUILD, TAG, RESTART],
            'step 2 reads "Tag the release." here and "Push it to the registry." at line 12',
            id="replaced",
        ),
        pytest.param(
            [BUILD, PUSH, RESTART],
            [BUILD, RESTART, PUSH],
            'step 2 "Restart every pod." is step 3 at line 13',
            id="swapped",
        ),
        pytest.param(
            [BUILD, PUSH, RESTART, CHECK],
            [BUILD, CHECK, PUSH, RESTART],
            'step 2 "Check the logs." is step 4 at line 14',
            id="moved-forward",
        ),
        pytest.param(
            [BUILD, PUSH, RESTART],
            [PUSH, RESTART, BUILD],
            'step 3 "Build the image." is step 1 at line 11',
            id="moved-back",
        ),
        pytest.param(
            [BUILD, PUSH, RESTART],
            [BUILD, "Push it to the mirror.", TAG, RESTART],
            'step 2 reads "Push it to the mirror." here and "Push it to the registry." at line 12; '
            'step 3 "Tag the release." is not in the answer at line 10',
            id="changed-then-inserted",
        ),
        pytest.param(
            [BUILD, PUSH, RESTART],
            [BUILD, TAG, "Push it to the mirror.", RESTART],
            'step 2 "Tag the release." is not in the answer at line 10; '
            'step 3 reads "Push it to the mirror." here and step 2 reads "Push it to the registry." at line 12',
            id="inserted-then-changed",
        ),
        pytest.param(
            [BUILD, PUSH, RESTART, CHECK],
            [BUILD, RESTART, CHECK, "Push it to the mirror."],
            'step 4 reads "Push it to the mirror." here and step 2 reads "Push it to the registry." at line 12',
            id="moved-and-changed",
        ),
    ],
)
def test_step_alignment_names_steps(earlier, later, difference):
    assert describe_difference(answer_with_steps(20, later), answer_with_steps(10, earlier)) == difference


def test_step_alignment_fixture():
    first, second = findings(FIXTURES / "step-alignment.md", rule="inconsistent-answer")
    assert (first.code, first.line, first.end_line) == ("DL201", 23, 32)
    assert first.message == (
        'item "3. Deploying again" asks the question of item "1. Deploying" (line 3) again but answers it '
        'differently: step 1 "Tag" is not in the answer at line 7; step 3 is labelled "Upload" here and '
        'step 2 is labelled "Push" at line 10; keep one answer and correct or remove the other'
    )
    assert (second.code, second.line, second.end_line) == ("DL201", 34, 42)
    assert second.message == (
        'item "4. Rolling back again" asks the question of item "2. Rolling back" (line 13) again but answers '
        'it differently: step 2 "Check the error rate." is step 3 at line 21; '
        "keep one answer and correct or remove the other"
    )


def test_steps_named_by_their_list_numbers():
    # Both lists continue from an earlier list and start at 3, and the later one is written "3. 3. 3.".
    earlier = answer_with_steps(10, [BUILD, CHECK, TAG])
    for index, step in enumerate(earlier.steps):
        step.number = 3 + index
    later = answer_with_steps(20, [BUILD, "Check the metrics.", TAG])
    for step in later.steps:
        step.number = 3

    assert describe_difference(later, earlier) == 'step 4 reads "Check the metrics." here and "Check the logs." at line 12'


@pytest.mark.parametrize(
    ("question", "other", "same"),
    [
        ("What does `min()` return for an empty list in Python?", "What does `max()` return for an empty list in Python?", False),
        ("Which are the top 5 reasons builds fail on CI servers?", "Which are the top 10 reasons builds fail on CI servers?", False),
        ("如何使用 min 函数求列表的最小值并处理空列表的情况", "如何使用 max 函数求列表的最小值并处理空列表的情况", False),
        ("How do I install pyhton packages offline on Windows?", "How do I install python packages offline on Windows?", True),
        ("How do I install the packages offline on Windows?", "How do I install packages offline on Windows?", True),
        ("如何利用深度学习模型实现医疗数据隐私保护", "如何利用深度学习模型实现医疗数据的隐私保护", True),
        ("How do I configure IPv4 routing on a Linux server today?", "How do I configure IPv6 routing on a Linux server today?", False),
        ("Why does 10 // 3 give that result in Python integer division?", "Why does 3 // 10 give that result in Python integer division?", False),
        ("What does x.pop() return when called on a Python list object?", "What does x.pop(0) return when called on a Python list object?", False),
        ("What does str.lstrip() do with whitespace characters in Python?", "What does str.rstrip() do with whitespace characters in Python?", False),
        ("What does dict.get() return for a missing key in Python code?", "What does dict.set() return for a missing key in Python code?", False),
        ("What does `a += 1` do to the variable in a Python loop?", "What does `a -= 1` do to the variable in a Python loop?", False),
        ("Why is x == y true here for two equal Python objects?", "Why is x != y true here for two equal Python objects?", False),
        ("What does a && b return in JavaScript for two values?", "What does a || b return in JavaScript for two values?", False),
        ("Which built-in functions does Python offer for sorting?", "Which built-in functions does Python offer for sorting!", True),
        ("列出机器学习项目中数据清洗的前五个步骤", "列出机器学习项目中数据清洗的前十个步骤", False),
        ("列出机器学习项目中数据清洗的前五个步骤", "列出机器学习项目中数据清洗的前 5 个步骤", True),
        ("模型部署流程的第三步需要注意哪些问题", "模型部署流程的第四步需要注意哪些问题", False),
        ("请说明实现数据隐私保护的三种常用方法", "请说明实现数据隐私保护的两种常用方法", False),
        ("什么是一个进程，它和线程有什么区别呢", "什么是进程，它和线程有什么区别呢", True),
        ("在医疗领域中如何统一建模数据标准", "在医疗领域中如何统一建模的数据标准", True),
        ("How do I check that a Python list is empty before I loop over it?", "How do I check that a Python list is not empty before I loop over it?", False),
        ("Why is `x is None` the right test for a missing value in Python?", "Why is `x is not None` the right test for a missing value in Python?", False),
        ("Why doesn't the cache keep entries after a restart of the server?", "Why does the cache keep entries after a restart of the server?", False),
        ("如何判断一个 Python 列表为空并给出提示信息", "如何判断一个 Python 列表不为空并给出提示信息", False),
        ("如何统计日志中出现次数最多的十个 IP 地址", "如何统计日志中出现次数最少的十个 IP 地址", False),
        ("如何用 Python 把一个字典按值升序排列输出", "如何用 Python 把一个字典按值降序排列输出", False),
        ("为什么数据清洗在机器学习项目中非常重要", "为什么数据清洗在机器学习项目中很重要", True),
        ("请列出机器学习项目中数据清洗最常用的前十五个步骤", "请列出机器学习项目中数据清洗最常用的前 15 个步骤", True),
        ("What is the default port of http?", "What is the default port of https?", False),
        ("How do I send mail over smtp from Python?", "How do I send mail over smtps from Python?", False),
        ("Which port does imap use by default?", "Which port does imaps use by default?", False),
        ("How do I compile sass files with npm?", "How do I compile scss files with npm?", False),
        ("How do I read a json file in Python?", "How do I read a jsonl file in Python?", False),
        ("What does a decorator do in Python?", "What does a decorators do in Python?", True),
        ("How do I change the colour of a button?", "How do I change the color of a button?", True),
        ("java 命令的默认堆大小是多少？", "javac 命令的默认堆大小是多少？", False),
        ("telnet 协议默认使用哪个端口？", "telnets 协议默认使用哪个端口？", False),
        ("Which options does java accept on the command line?", "Which options does javac accept on the command line?", False),
        ("How do I sort a list of tuples in place quickly?", "How do I sort a lists of tuples in place quickly?", True),
        ("How do I instal packages offline on Windows?", "How do I install packages offline on Windows?", True),
        ("如何在 Linux 上安装 pyhton 的最新版本", "如何在 Linux 上安装 python 的最新版本", True),
    ],
)
def test_same_terms(question, other, same):
    assert same_terms(question, other) is same


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("五", 5), ("十", 10), ("十五", 15), ("二十三", 23), ("一百零五", 105), ("两千", 2000), ("两万", 20000),
        ("十万", 100000), ("三亿五千万", 350000000), ("一二", None), ("零", None), ("五x", None),
    ],
)
def test_chinese_numeral_value(numeral, value):
    from doclint.text import chinese_numeral_value

    assert chinese_numeral_value(numeral) == value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("How do I use IPv6 on port 8080?", [6, 8080]),
        ("列出前五个步骤的第 3 步", [5, 3]),
        ("说出三种方法和两个例子", [3, 2]),
        ("什么是一个进程，十分重要吗", []),
        ("第一步和第二十步", [1, 20]),
        ("全角数字 １２ 也算", [12]),
    ],
)
def test_question_numbers(text, found):
    from doclint.question_terms import numbers

    assert numbers(text) == found


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("列出前十五个步骤", "列出前15个步骤"),
        ("模型部署的第十二步", "模型部署的第12步"),
        ("说出三种方法和一个例子", "说出3种方法和一个例子"),
        ("为什么十分重要", "为什么十分重要"),
    ],
)
def test_numerals_written_in_digits(text, written):
    from doclint.question_terms import with_arabic_numerals

    assert with_arabic_numerals(text) == written


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("What does a += 1 do if x != y?", ["+=", "!="]),
        ("Is a built-in TCP/IP stack faster?", []),
        ("What is a / b in Python 3!", ["/"]),
        ("Why use C++ and a-b?", ["++"]),
    ],
)
def test_question_operators_listed(text, found):
    from doclint.question_terms import operators

    assert operators(text) == found


def test_different_identifier_is_another_question(tmp_path):
    document = tmp_path / "builtins.md"
    document.write_text(
        "# Built-ins\n\n"
        "## 1. Smallest item\n\n**Question:** What does `min()` return for an empty list in Python?\n\n"
        "**Answer:** It raises ValueError unless you pass a default value.\n\n"
        "## 2. Largest item\n\n**Question:** What does `max()` return for an empty list in Python?\n\n"
        "**Answer:** It raises ValueError too, and also accepts a default keyword argument.\n\n"
        "## 3. Smallest item again\n\n**Question:** What does `min()` return for an empty list in Pyhton?\n\n"
        "**Answer:** It returns None.\n",
        encoding="utf-8",
    )

    found = [(d.line, d.related[0].line) for d in findings(document, rule="inconsistent-answer")]

    assert found == [(15, 3)]


def test_different_count_or_operator_is_another_question(tmp_path):
    document = tmp_path / "counts.md"
    document.write_text(
        "# 题库\n\n"
        "## 1. 清洗步骤\n\n**题目：** 请列出机器学习项目中进行数据清洗时最常用的前五个步骤\n\n**答案：** 去重、补缺、去噪、标准化、编码。\n\n"
        "## 2. 更多清洗步骤\n\n**题目：** 请列出机器学习项目中进行数据清洗时最常用的前十个步骤\n\n**答案：** 再加上分箱、降维、抽样、切分和校验。\n\n"
        "## 3. 自增\n\n**题目：** What does `a += 1` do to the variable in a Python loop?\n\n**答案：** 加一。\n\n"
        "## 4. 自减\n\n**题目：** What does `a -= 1` do to the variable in a Python loop?\n\n**答案：** 减一。\n\n"
        "## 5. 清洗步骤（重复）\n\n**题目：** 请列出机器学习项目中进行数据清洗时最常用的前 5 个步骤\n\n**答案：** 去重和补缺。\n\n"
        "## 6. 更多清洗步骤（重复）\n\n**题目：** 请列出机器学习项目中进行数据清洗时最常用的前 10 个步骤\n\n**答案：** 只有分箱。\n",
        encoding="utf-8",
    )

    found = [(d.line, d.related[0].line) for d in findings(document, rule="inconsistent-answer")]

    assert found == [(27, 3), (33, 9)]


def test_step_after_interrupted_list_compared(tmp_path):
    item = (
        "**Question:** How do I release the service to production safely?\n\n**Answer:**\n\n"
        "1. Build the image.\n2. Run the tests.\n\nWait for the review before you go on.\n\n3. Push the image.\n"
    )
    document = tmp_path / "release.md"
    document.write_text(
        f"# Deploying\n\n## 1. Release\n\n{item}4. Restart every pod.\n\n## 2. Release again\n\n{item}4. Restart half of the pods.\n",
        encoding="utf-8",
    )

    [finding] = findings(document, rule="inconsistent-answer")

    assert finding.line == 17
    assert 'step 4 reads "Restart half of the pods." here and "Restart every pod." at line 15' in finding.message


def test_chinese_step_numbers_no_conflict(run_cli, tmp_path):
    item = "**题目{c}** 数据库死锁的原因是什么{q}\n\n**答案{c}** 原因如下{c}\n1{m}**互相等待**{c}两个事务各自持有对方需要的锁{e}\n2{m}**加锁顺序**{c}事务以不同顺序加锁{e}\n\n**解析{c}** 死锁需要循环等待{e}\n"
    first = item.format(c="：", q="？", e="。", m=". ")
    text = "# 数据库\n\n## 1. 死锁原因\n\n" + first + "\n## 2. 死锁的成因\n\n" + item.format(c=":", q="?", e=".", m="、")
    path = tmp_path / "same.md"
    path.write_text(text, encoding="utf-8")

    _code, stdout, _stderr = run_cli("check", "--no-cache", "--no-config", str(path))

    assert [line.split(" ")[1] for line in stdout.splitlines() if ": DL" in line] == ["DL102"]


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("How do I sort a list of tuples?", "How can I sort a list of tuples?"),
        ("How do I install the widget?", "How do I install a widget?"),
        ("List the first 5 steps of setup", "List the first five steps of setup"),
        ("Why doesn't the build work on Windows?", "Why does the build not work on Windows?"),
        ("What is the difference between a and b?", "What's the difference between a and b?"),
        ("列表和元组有什么不同？", "列表和元组有什么区别？"),
        ("Install guide", "Installation guide"),
        ("Setup", "Set up"),
        ("如何安装", "怎么安装"),
    ],
)
def test_rewordings_not_different_key_terms(text, other):
    assert not differ_in_key_terms(text, other)


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("列出前五个步骤", "列出前十个步骤"),
        ("Which port does it use, 80?", "Which port does it use, 443?"),
        ("What does a < b return?", "What does a > b return?"),
        ("What does min() return for an empty list?", "What does max() return for an empty list?"),
        ("What does `lstrip` remove?", "What does `rstrip` remove?"),
        ("format_batches", "format_pages"),
        ("How does parseInt work?", "How does parseFloat work?"),
        ("What does 7-2 return in Python?", "What does 7/2 return in Python?"),
        ("a＜b 时返回什么？", "a＞b 时返回什么？"),
        ("java 命令的默认堆大小", "javac 命令的默认堆大小"),
        ("What is the default port of http?", "What is the default port of https?"),
        ("x≤y", "x≥y"),
        ("How does --force work?", "How does --user work?"),
        ("List the top five", "List the top ten"),
        ("Sort ascending", "Sort descending"),
        ("Enable logging", "Disable logging"),
        ("如何启用日志", "如何禁用日志"),
        ("min（）的用法", "max（）的用法"),
        ("When should I use the cache?", "When should I not use the cache?"),
        ("可以使用缓存吗？", "不能使用缓存吗？"),
        ("Python 3.11", "Python 3.12"),
        ("按升序排列", "按降序排列"),
        ("后进先出的线性表", "先进先出的线性表"),
        ("二叉树的先序遍历", "二叉树的后序遍历"),
    ],
)
def test_different_key_terms(text, other):
    assert differ_in_key_terms(text, other)


@pytest.mark.parametrize(
    ("question", "other", "title", "other_title", "expected"),
    [
        ("什么是栈？", "什么是队列？", "栈", "队列", True),
        ("什么是数组？", "什么是数据？", "数组", "数据", True),
        ("What is a stack?", "What is a queue?", "Stack", "Queue", True),
        # Each question must name its own heading's subject.
        ("什么是栈？", "什么是队列？", "队列", "栈", False),
        ("什么是栈？", "什么是队列？", "单选题", "单选题", False),
        # A question that is only its title has no frame to share.
        ("如何实现单例", "怎样实现单例", "如何实现单例", "怎样实现单例", False),
        # The rest of the questions must match.
        ("什么是栈？", "栈和队列有什么区别？", "栈", "队列", False),
    ],
)
def test_swaps_subject(question, other, title, other_title, expected):
    assert swaps_subject(question, other, title, other_title) is expected


def test_difference_word_not_negation():
    assert same_terms("列表和元组有什么不同？", "列表和元组有什么区别？")


@pytest.mark.parametrize(
    ("question", "other"),
    [
        ("What does 7-2 return in Python?", "What does 7/2 return in Python?"),
        ("a＜b 时返回什么？", "a＞b 时返回什么？"),
        ("2＋2 等于多少？", "2－2 等于多少？"),
        ("Is x≤y true here?", "Is x≥y true here?"),
    ],
)
def test_operators_tell_questions_apart(question, other):
    assert not same_terms(question, other)


def test_answer_text_against_steps_only():
    later = answer_with_steps(20, [BUILD])
    earlier = answer_with_steps(10, [BUILD])
    earlier.text = ""

    assert describe_difference(later, earlier) == (
        'the answer has the text "Steps:" here, and the answer at line 10 has no text outside its steps'
    )
    assert describe_difference(earlier, later) == (
        'the answer has no text outside its steps here, and the answer at line 20 has the text "Steps:"'
    )


def test_step_without_label_or_text():
    later = answer_with_steps(20, [BUILD, "Deploy."])
    earlier = answer_with_steps(10, [BUILD, "Deploy."])
    later.steps[1].label, earlier.steps[1].label = "Ship", None

    assert describe_difference(later, earlier) == 'step 2 is labelled "Ship" here, and step 2 at line 12 has no label'
    assert describe_difference(earlier, later) == 'step 2 has no label here, and step 2 at line 22 is labelled "Ship"'

    later.steps[1].label = None
    later.steps[1].text = ""
    assert describe_difference(later, earlier) == 'step 2 has no text here, and step 2 at line 12 reads "Deploy."'
    assert describe_difference(earlier, later) == 'step 2 reads "Deploy." here, and step 2 at line 22 has no text'


def test_empty_steps_named_by_number():
    code_only = answer_with_steps(20, [BUILD, ""])

    assert describe_difference(code_only, answer_with_steps(10, [BUILD])) == "step 2 is not in the answer at line 10"
    assert describe_difference(answer_with_steps(10, [BUILD]), code_only) == "step 2 at line 22 is missing here"


def test_answer_text_against_steps_only_in_chinese():
    later = answer_with_steps(20, [BUILD])
    earlier = answer_with_steps(10, [BUILD])
    earlier.text = ""

    set_language("zh-CN")
    try:
        difference = describe_difference(later, earlier)
    finally:
        set_language(None)

    assert difference == "答案在此处有文字“Steps:”，在第 10 行除步骤外没有文字"


def test_placeholders_fit_length_limit():
    # is_placeholder skips texts longer than the limit, so every listed placeholder must fit well within it.
    from doclint.data import load_json
    from doclint.placeholders import MAX_PLACEHOLDER_CHARS

    longest = max(len(text) for text in load_json("placeholders.json")["placeholders"])
    assert longest * 3 <= MAX_PLACEHOLDER_CHARS


def test_questions_about_different_code_not_the_same():
    result = findings(FIXTURES / "code-questions.md")
    assert [(d.rule, d.line) for d in result] == [("inconsistent-answer", 33)]
    assert result[0].message == (
        'item "4. 输出" asks the question of item "3. 输出" (line 23) again but answers it differently: the answer '
        'reads "6" here and "8" at line 31; keep one answer and correct or remove the other'
    )


def test_choice_options_not_answer():
    result = findings(FIXTURES / "choice-options-zh.md")
    assert [(d.rule, d.line, d.related[0].line) for d in result] == [("duplicate-section", 25, 3)]
    assert result[0].message == 'section "第3题" repeats section "第1题" (line 3) word for word; remove this copy'


def test_answers_that_differ_in_code():
    result = findings(FIXTURES / "code-answers-zh.md")
    assert [(d.rule, d.line) for d in result] == [("inconsistent-answer", 20)]
    assert result[0].message == (
        'item "3. 最大值" asks the question of item "1. 最大值" (line 3) again but answers it differently: the '
        "answer's code differs from the code at line 9; keep one answer and correct or remove the other"
    )


def test_questions_asked_in_headings():
    result = findings(FIXTURES / "heading-questions.md")
    assert [(d.rule, d.line) for d in result] == [("inconsistent-answer", 11)]
    assert result[0].message == (
        'item "Can two processes write at once?" asks the question of item "Can two processes write at once?" '
        '(line 3) again but answers it differently: the answer reads "No. Only one process may…" here and '
        '"Yes. The store takes a lock…" at line 5; keep one answer and correct or remove the other'
    )


def test_command_and_longer_command_two_questions(tmp_path):
    # A name and the same name with a letter added name two commands or protocols, each with its own answer.
    document = tmp_path / "commands.md"
    document.write_text(
        "# 命令问答\n\n"
        "## 1. java 堆大小\n\n**题目：** java 命令的默认堆大小是多少？\n\n**答案：** 物理内存的四分之一。\n\n"
        "## 2. javac 堆大小\n\n**题目：** javac 命令的默认堆大小是多少？\n\n"
        "**答案：** 由启动它的 JVM 决定，可以用 -J-Xmx 修改。\n\n"
        "## 3. telnet 端口\n\n**题目：** telnet 协议默认使用哪个端口？\n\n**答案：** 23 端口。\n\n"
        "## 4. telnets 端口\n\n**题目：** telnets 协议默认使用哪个端口？\n\n**答案：** 992 端口。\n",
        encoding="utf-8",
    )

    found = findings(document)

    assert [(d.code, d.line) for d in found] == []


@pytest.mark.parametrize(
    ("question", "other", "typos_only"),
    [
        ("如何查看 python 的版本？", "如何查看 pyhton 的版本？", True),
        ("How do I check the pyhton version?", "How do I check the python version?", True),
        ("如何查看 python 的版本？", "如何查看 python 的版本？", False),
        ("如何查看 python 的版本？", "如何查看 pyhton 的版本号？", False),
        ("java 命令的默认堆大小是多少？", "javac 命令的默认堆大小是多少？", False),
        ("What is port 8080 used for?", "What is port 8081 used for?", False),
        ("How do I read a json file?", "How do I read a jsonl file?", False),
    ],
)
def test_questions_differ_only_in_typos(question, other, typos_only):
    from doclint.question_terms import differ_only_in_typos

    assert differ_only_in_typos(question, other) is typos_only
