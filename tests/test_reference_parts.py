"""Parts of API reference entries (Parameters, Flags, Returns, Raises, Yields, Example) that two entries share."""

from doclint.parse import parse_document
from doclint.reference_parts import is_entry_part
from doclint.similarity import document_entries
from doclint.source import Source

from conftest import FIXTURES
from test_duplicates import findings

PAGES = FIXTURES / "api-reference"
DUPLICATE_RULES = ("duplicate-section", "near-duplicate-section")


def duplicate_findings(*paths):
    """Return (code, line, message) of each duplicate-section and near-duplicate-section finding of a run."""
    return [(d.code, d.line, d.message) for d in findings(*paths) if d.rule in DUPLICATE_RULES]


def write_page(tmp_path, text, name="api.md"):
    """Write a page into ``tmp_path`` and return its path."""
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return page


def entry_parts(text):
    """Return the headings of a page's sections that are parts of API entries, in document order."""
    document = parse_document(Source.from_text("api.md", text))
    return [entry.section.heading for entry in document_entries(document) if is_entry_part(entry)]


def test_shared_parts_not_reported():
    # Raises at lines 23, 47 and 65 are equal, and so are the Examples at lines 27 and 69. Returns (19, 43),
    # Yields (113, 129) and Raises (117, 133) differ in a word or two.
    assert findings(PAGES / "cache.md") == []


def test_chinese_shared_parts_not_reported():
    # 异常 at lines 17, 34 and 50 are equal, and 返回 at lines 13 and 46 differ in one word.
    assert findings(PAGES / "cache-zh.md") == []


def test_pasted_entry_and_long_example_reported():
    assert duplicate_findings(PAGES / "pasted.md") == [
        (
            "DL101",
            45,
            'section "Example" under "Queue.pop" repeats section "Example" under "Queue.push" (line 23) word for '
            'word; remove this copy unless "Queue.pop" needs it as well',
        ),
        (
            "DL102",
            55,
            'section "Queue.append" is 100% similar to section "Queue.push" (line 10) after removing the text '
            "most sections share, but their headings name different things; rewrite this section so that it "
            "covers its own heading",
        ),
        ("DL101", 80, 'section "Raises" repeats section "Raises" (line 76) word for word; remove this copy'),
    ]


def test_part_twice_under_one_entry_fix_is_safe():
    copies = [d for d in findings(PAGES / "pasted.md", rule="duplicate-section") if d.line == 80]
    assert copies[0].fix.applicability.value == "safe"


def test_parts_of_pasted_entry_left_to_entry():
    # Queue.append (line 55) repeats the description of Queue.push, and its Parameters (59) and Returns (64) those of
    # Queue.push: the near-duplicate finding at line 55 covers them.
    lines = [d.line for d in findings(PAGES / "pasted.md") if d.rule in DUPLICATE_RULES]
    assert 55 in lines
    assert 59 not in lines
    assert 64 not in lines


def test_parts_under_short_pasted_description_reported(tmp_path):
    # "Add one." is too short to compare, so no finding covers the entry, and its parts are reported.
    parameters = "- `message` (`bytes`): the message body, at most 512 KiB.\n"
    page = write_page(
        tmp_path,
        f"# Queue\n\n## Queue.push\n\nAdd one.\n\n### Parameters\n\n{parameters}\n"
        f"## Queue.append\n\nAdd one.\n\n### Parameters\n\n{parameters}",
    )
    [copy] = findings(page, rule="duplicate-section")
    assert (copy.line, copy.related[0].line) == (15, 7)
    assert copy.message == (
        'section "Parameters" under "Queue.append" repeats section "Parameters" under "Queue.push" (line 7) '
        'word for word; remove this copy unless "Queue.append" needs it as well'
    )
    assert copy.fix.applicability.value == "unsafe"


RAISES = "`ValueError`: if `key` is empty or longer than 250 characters."


def test_part_twice_under_entry_reported_against_sibling(tmp_path):
    page = write_page(
        tmp_path,
        f"# Store\n\n## get\n\nRead one key.\n\n### Raises\n\n{RAISES}\n\n"
        f"## put\n\nWrite one key.\n\n### Raises\n\n{RAISES}\n\n### Raises\n\n{RAISES}\n",
        "store.md",
    )
    copies = findings(page, rule="duplicate-section")
    assert [(d.line, d.related[0].line) for d in copies] == [(19, 15)]
    assert copies[0].message == 'section "Raises" repeats section "Raises" (line 15) word for word; remove this copy'
    assert copies[0].fix.applicability.value == "safe"


def test_methods_of_two_classes_not_copies(tmp_path):
    # Both methods are headed "get", and the class headings above them tell them apart.
    page = write_page(
        tmp_path,
        f"# API\n\n## Cache\n\n### get\n\nRead one key from memory.\n\n#### Raises\n\n{RAISES}\n\n"
        f"## Store\n\n### get\n\nRead one key from disk.\n\n#### Raises\n\n{RAISES}\n",
    )
    assert duplicate_findings(page) == []


def test_flags_of_two_commands_not_copies(tmp_path):
    flags = (
        "| Flag | Default | Type | Description |\n| --- | --- | --- | --- |\n"
        "| `--otp` | null | String | A one-time password from a two-factor authenticator. |\n"
        "| `--registry` | https://registry.example.com/ | URL | The base URL of the registry. |\n"
    )
    page = write_page(
        tmp_path,
        f"# stage\n\n## `stage approve`\n\nPublish a staged package.\n\n### Flags\n\n{flags}\n"
        f"## `stage reject`\n\nRemove a staged package from the registry.\n\n### Flags\n\n{flags}",
    )
    assert entry_parts(page.read_text(encoding="utf-8")) == ["Flags", "Flags"]
    assert duplicate_findings(page) == []


def test_part_naming_old_entry_is_copy(tmp_path):
    # purge has its own description, but its Returns still names drain, the entry it was pasted from.
    returns = "### Returns\n\n`int`: the number of jobs that finished while `drain` was waiting.\n\n"
    page = write_page(
        tmp_path,
        f"# Queue\n\n## `Queue.drain(timeout=None)`\n\nWait until every job has finished.\n\n{returns}"
        f"## `Queue.purge(timeout=None)`\n\nDelete every queued job without running it.\n\n{returns}",
    )
    assert duplicate_findings(page) == [
        (
            "DL101",
            15,
            'section "Returns" under "Queue.purge(timeout=None)" repeats section "Returns" under '
            '"Queue.drain(timeout=None)" (line 7) word for word; remove this copy unless "Queue.purge(timeout=None)" '
            "needs it as well",
        )
    ]


def test_entries_without_description_compared_by_parts(tmp_path):
    own_returns = "### Returns\n\nThe value, or `None` when the key is missing.\n\n"
    page = write_page(
        tmp_path,
        f"# API\n\n## get\n\n### Raises\n\n{RAISES}\n\n{own_returns}"
        f"## put\n\n### Raises\n\n{RAISES}\n\n### Returns\n\n`True` once the value is on disk.\n\n"
        f"## fetch\n\n### Raises\n\n{RAISES}\n\n{own_returns}",
    )
    # fetch repeats every part of get, so it is get pasted under a new name, while put has its own Returns.
    # The Raises that all three share is the page's template (doclint.template_copies).
    assert duplicate_findings(page) == [
        (
            "DL101",
            29,
            'section "Returns" under "fetch" repeats section "Returns" under "get" (line 9) word for word; '
            'remove this copy unless "fetch" needs it as well',
        )
    ]


def test_pasted_chinese_entry_reported(tmp_path):
    entry = "读取一个键对应的值，键不存在时返回默认值。\n\n### 异常\n\n`ValueError`：`key` 为空字符串或者超过 250 个字符时抛出。\n"
    page = write_page(tmp_path, f"# Store\n\n## Store.get\n\n{entry}\n## Store.fetch\n\n{entry}")
    assert duplicate_findings(page) == [
        (
            "DL102",
            11,
            'section "Store.fetch" is 100% similar to section "Store.get" (line 3) after removing the text most '
            "sections share, but their headings name different things; rewrite this section so that it covers its "
            "own heading",
        ),
    ]


def test_items_with_same_example_reported(tmp_path):
    example = "### 示例\n\n`push(1)` 之后 `pop()` 返回 1，再次调用 `pop()` 时抛出 `IndexError`。\n\n"
    page = write_page(
        tmp_path,
        f"# 数据结构\n\n## 1. 栈\n\n**题目：** 什么是栈？\n\n**答案：** 后进先出的线性表。\n\n{example}"
        f"## 2. 队列\n\n**题目：** 什么是队列？\n\n**答案：** 先进先出的线性表。\n\n{example}",
        "bank.md",
    )
    # Q&A items are questions, not API entries, so their parts are compared as any other sections.
    assert duplicate_findings(page) == [
        (
            "DL101",
            19,
            'section "示例" under "2. 队列" repeats section "示例" under "1. 栈" (line 9) word for word; '
            'remove this copy unless "2. 队列" needs it as well',
        )
    ]


def test_pasted_entry_parts_still_compared(tmp_path):
    entry = "## Queue.{name}\n\nAppend one message.\n\n### Returns\n\nThe position of the message in the queue, counted from the {end}.\n\n"
    page = write_page(tmp_path, "# Queue\n\n" + entry.format(name="push", end="front") + entry.format(name="append", end="head"))
    assert duplicate_findings(page) == [
        (
            "DL102",
            15,
            'section "Returns" is 92% similar to section "Returns" (line 7) after removing the text most sections '
            "share; merge the two or rewrite one so that each says something of its own",
        )
    ]


def test_entry_part_titles():
    text = (
        "# API\n\n## get\n\nRead.\n\n### Parameters\n\n- `key`: the key.\n\n### 2. Returns\n\nThe value.\n\n"
        "### Notes\n\nCached.\n\n### 异常\n\n`KeyError`。\n\n### Example\n\n```python\nget('a')\n```\n"
    )
    assert entry_parts(text) == ["Parameters", "2. Returns", "异常", "Example"]


def test_long_example_not_entry_part():
    code = "\n".join(f"queue.push(render_welcome(address_{number}).encode('utf-8'), priority=5)" for number in range(3))
    assert entry_parts(f"# API\n\n## push\n\nAppend.\n\n### Example\n\n```python\n{code}\n```\n") == []


def test_part_with_subsections_not_entry_part():
    text = "# API\n\n## get\n\nRead.\n\n### Raises\n\nErrors.\n\n#### ValueError\n\nIf the key is empty.\n"
    assert entry_parts(text) == []


def test_numbering_skips_part_copy_under_entry(tmp_path):
    # --fix removes the second Raises of put (a safe fix), so heading-numbering expects 2 for "3. Returns".
    page = write_page(
        tmp_path,
        f"# Store\n\n## get\n\nRead one key.\n\n### 1. Raises\n\n{RAISES}\n\n"
        f"## put\n\nWrite one key.\n\n### 1. Raises\n\n{RAISES}\n\n### 2. Raises\n\n{RAISES}\n\n"
        "### 3. Returns\n\n`True` when the value was stored.\n",
        "store.md",
    )
    numbering = findings(page, rule="heading-numbering")
    assert [(d.code, d.line, d.message) for d in numbering] == [
        (
            "DL402",
            23,
            'heading "3. Returns" skips from 1 (line 15) to 3, not counting the copy at line 19 that '
            "duplicate-section reports; the fix renumbers it to 2",
        )
    ]
