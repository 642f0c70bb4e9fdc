import pytest

from doclint.heading_templates import fill_one_template, keeps_other_heading, name_own_subjects
from doclint.parse import parse_document
from doclint.similarity import document_entries
from doclint.source import Source

from conftest import FIXTURES
from test_duplicates import findings


def entries(text):
    return document_entries(parse_document(Source.from_text("doc.md", text)))


def test_adapted_sections_not_reported():
    page = FIXTURES / "heading-templates.md"
    result = findings(page, rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(19, 15)]
    assert result[0].message == (
        'section "Version 0.4.2" is 100% similar to section "Version 0.4.3" (line 15) after removing the text most '
        "sections share, but their headings name different things; rewrite this section so that it covers its own heading"
    )


def test_chinese_sections_adapted_to_headings():
    result = findings(FIXTURES / "heading-templates-zh.md", rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [(11, 7)]
    assert result[0].message == (
        'section "作者" is 100% similar to section "版本" (line 7) after removing the text most sections share, '
        "but their headings name different things; rewrite this section so that it covers its own heading"
    )


def test_own_heading_words_fill_template():
    _top, name, version = entries(
        "# API\n\n## name\n\nThe name of the package.\n\n## version\n\nThe version of the package.\n"
    )
    assert fill_one_template(version, name)


def test_word_missing_from_heading_not_template():
    _top, name, version = entries(
        "# API\n\n## name\n\nThe name of the package.\n\n## version\n\nThe size of the package.\n"
    )
    assert not fill_one_template(version, name)


def test_words_of_other_length_fill_template():
    _top, first, second = entries(
        "# API\n\n## id\n\nThe id of the user, as the server sends it.\n\n"
        "## display name\n\nThe display name of the user, as the server sends it.\n"
    )
    assert fill_one_template(second, first)


def test_equal_bodies_not_template():
    _top, first, second = entries("# API\n\n## name\n\nThe package.\n\n## version\n\nThe package.\n")
    assert not fill_one_template(second, first)


def test_items_not_template():
    _top, first, second = entries(
        "# Q\n\n## 1. stack\n\n**Question:** What is a stack?\n\n**Answer:** A stack of plates.\n\n"
        "## 2. queue\n\n**Question:** What is a queue?\n\n**Answer:** A queue of plates.\n"
    )
    assert not fill_one_template(second, first)


def test_stale_copy_keeps_other_heading():
    _top, version, author = entries(
        "# Ref\n\n## version\n\nThe version of the package.\n\n## author\n\nThe version of the package.\n"
    )
    assert keeps_other_heading(author, version)


def test_body_naming_both_headings_not_stale():
    _top, version, author = entries(
        "# Ref\n\n## version\n\nThe version and author.\n\n## author\n\nThe version and author.\n"
    )
    assert not keeps_other_heading(author, version)


OWN_SUBJECT_PAGES = {
    "api-subjects.md": (
        (32, 23),
        'section "queue.peekBack()" is 98% similar to section "queue.peekFront()" (line 23) after removing the text '
        "most sections share, but their headings name different things; rewrite this section so that it covers its "
        "own heading",
    ),
    "changelog-stubs.md": (
        (13, 9),
        'section "2024-04-18, Version 4.0.0 (Stable), @lwong" is 100% similar to section "2024-04-30, Version 5.11.1 '
        '(Stable), @lwong" (line 9) after removing the text most sections share, but their headings name different '
        "things; rewrite this section so that it covers its own heading",
    ),
}


@pytest.mark.parametrize("name", OWN_SUBJECT_PAGES)
def test_pages_naming_own_subjects(name):
    lines, message = OWN_SUBJECT_PAGES[name]
    result = findings(FIXTURES / name, rule="near-duplicate-section")
    assert [(d.line, d.related[0].line) for d in result] == [lines]
    assert result[0].message == message


def test_bodies_naming_own_subjects():
    _top, front, back = entries(
        "# API\n\n## `push_front(item)`\n\nAdds the item at the front; see `push_front` for the order.\n\n"
        "## `push_back(item)`\n\nAdds the item at the back; see `push_back` for the order.\n"
    )
    assert name_own_subjects(back, front)



def release_stubs(*targets):
    """Return a changelog whose sections 1.3.0, 1.2.0 and so on each point to the release notes at one of ``targets``."""
    versions = ["1.3.0", "1.2.0", "1.1.0"]
    return "# Changelog\n\n" + "".join(
        f"## {version}\n\nSee the [release notes]({target}) for the details of this release.\n\n"
        for version, target in zip(versions, targets)
    )


def test_stubs_naming_version_in_link_target():
    _top, newest, *older = entries(
        release_stubs(*(f"https://example.com/releases/v{version}" for version in ("1.3.0", "1.2.0", "1.1.0")))
    )
    assert [name_own_subjects(entry, newest) for entry in older] == [True, True]


def test_stub_linking_other_release_is_copy():
    _top, newest, middle, stale = entries(
        release_stubs("https://example.com/v1.3.0", "https://example.com/v1.2.0", "https://example.com/v1.2.0")
    )
    assert name_own_subjects(middle, newest)
    assert not name_own_subjects(stale, middle)


def test_stub_with_reference_link_names_version(tmp_path):
    text = "# Changelog\n\n" + "".join(
        f"## {version}\n\nSee the [release notes][{version}] for the details of this release.\n\n"
        f"[{version}]: https://example.com/releases/v{version}\n\n"
        for version in ("2.0.1", "2.0.0", "1.9.9")
    )
    path = tmp_path / "CHANGELOG.md"
    path.write_text(text, encoding="utf-8")
    assert findings(path, rule="near-duplicate-section") == []


def test_versions_with_same_digits_differ():
    # 2.2.0 and 2.0.0 are written with the same digits, so only their order distinguishes the two releases.
    stubs = "".join(
        f"## {version}\n\nSee the [notes](https://example.com/v{version}) of this release.\n\n"
        for version in ("2.2.0", "2.0.0")
    )
    _top, newer, older = entries(f"# Changelog\n\n{stubs}")
    assert name_own_subjects(older, newer)

    _top, newer, stale = entries(f"# Changelog\n\n{stubs}".replace("v2.0.0", "v2.2.0"))
    assert not name_own_subjects(stale, newer)


def test_stub_after_stale_stub_not_reported(tmp_path):
    # 1.2.0 links to the notes of 1.3.0; 1.1.0 after it links to its own and is no copy of the stale stub.
    path = tmp_path / "CHANGELOG.md"
    path.write_text(
        release_stubs("https://example.com/v1.3.0", "https://example.com/v1.3.0", "https://example.com/v1.1.0"),
        encoding="utf-8",
    )
    [stale] = findings(path, rule="near-duplicate-section")
    assert (stale.line, stale.related[0].line) == (7, 3)


NOT_OWN_SUBJECTS = {
    "body names other subject": (
        "# API\n\n## `push_front(item)`\n\nAdds the item; see `push_front` for the order.\n\n"
        "## `push_back(item)`\n\nAdds the item; see `push_back` and `push_front` for the order.\n"
    ),
    "body names no subject": (
        "# API\n\n## `push_front(item)`\n\nAdds the item; see `push_front` for the order.\n\n"
        "## `push_back(item)`\n\nAdds the item; see the guide for the order.\n"
    ),
    "headings differ in numbers": (
        "# Notes\n\n## Python 3.11\n\nBuilt and tested with 3.11 on Linux.\n\n"
        "## Python 3.12\n\nBuilt and tested with 3.12 on Linux.\n"
    ),
    "body names other version": (
        "# Changelog\n\n## Version 2.4.1\n\nMoved to [v2.md#2.4.1](v2.md#2.4.1) with the other notes.\n\n"
        "## Version 2.4.2\n\nMoved to [v2.md#2.4.1](v2.md#2.4.1) with all the notes.\n"
    ),
    "bodies have the same words": (
        "# API\n\n## front\n\nThe front and the back of the queue.\n\n"
        "## back\n\nThe back and the front of the queue.\n"
    ),
    "items": (
        "# Q\n\n## 1. stack\n\n**Question:** What is a stack?\n\n**Answer:** A stack of plates.\n\n"
        "## 2. queue\n\n**Question:** What is a queue?\n\n**Answer:** A queue of plates.\n"
    ),
}


@pytest.mark.parametrize("text", NOT_OWN_SUBJECTS.values(), ids=NOT_OWN_SUBJECTS.keys())
def test_pairs_not_naming_own_subjects(text):
    _top, first, second = entries(text)
    assert not name_own_subjects(second, first)


INSTALL = (
    "## Installation\n\n"
    "Install {name} with pip into the environment of the project, then check the installed version:\n\n"
    "```sh\npip install {name}\n{name} --version\n```\n\n"
    "The command prints the version and the folder where {name} keeps its cache.\n"
)


def readme(tmp_path, folder, name, installs):
    path = tmp_path / folder / "README.md"
    path.parent.mkdir()
    path.write_text(f"# {name}\n\nA tool that checks the links of a site.\n\n" + INSTALL.format(name=installs), encoding="utf-8")
    return path


def test_one_heading_on_pages_of_two_projects(tmp_path):
    first = readme(tmp_path, "a", "linkwatch", "linkwatch")
    second = readme(tmp_path, "b", "pagewalker", "pagewalker")
    assert findings(first, second, rule="near-duplicate-section") == []


def test_section_pasted_from_another_project_reported(tmp_path):
    first = readme(tmp_path, "a", "linkwatch", "linkwatch")
    second = readme(tmp_path, "b", "pagewalker", "linkwatch")
    result = findings(first, second, rule="duplicate-section") + findings(first, second, rule="near-duplicate-section")
    assert [(d.path, d.line) for d in result] == [(str(second), 5)]


def test_synopsis_of_two_commands_by_front_matter_title(tmp_path):
    pages = []
    for command in ("star", "unstar"):
        page = tmp_path / f"page-{command}.md"
        page.write_text(
            f"---\ntitle: npm-{command}\n---\n\n### Synopsis\n\n```bash\nnpm {command} [<package-spec>...]\n```\n\n"
            "Note: This command is unaware of workspaces, and it reads the registry from the configuration.\n",
            encoding="utf-8",
        )
        pages.append(page)
    assert findings(*pages, rule="near-duplicate-section") == []


def test_short_words_of_titles_name_no_subject(tmp_path):
    # "a" of "Guide A" is an article in the text of the later page, and "b" of "Guide B" is in neither text.
    first, second = tmp_path / "1.md", tmp_path / "2.md"
    first.write_text(
        "# Guide B\n\n## Checks\n\nRun one check of the whole site before each release, and fix each link that the "
        "report lists as broken or slow.\n",
        encoding="utf-8",
    )
    second.write_text(
        "# Guide A\n\n## Checks\n\nRun a check of the whole site before each release, and fix each link that the "
        "report lists as broken or moved.\n",
        encoding="utf-8",
    )
    assert [(d.path, d.line) for d in findings(first, second, rule="near-duplicate-section")] == [(str(second), 3)]


ZH_INSTALL = (
    "## 安装\n\n先从软件包索引安装 {name}，{name} 需要较新的 Python，不依赖任何系统库。安装完成后运行 {name} 的版本命令，"
    "确认 {name} 已经在路径中，然后在一个空文件夹里让 {name} 生成配置文件，再按说明修改其中的商店名称和计量单位。\n"
)


@pytest.mark.parametrize("names", [("Basketeer", "Cartwright"), ("菜篮子", "购物车")], ids=["latin", "chinese"])
def test_chinese_pages_name_their_projects(tmp_path, names):
    paths = []
    for folder, name in zip(("a", "b"), names):
        path = tmp_path / folder / "README.md"
        path.parent.mkdir()
        path.write_text(f"# {name}\n\n{name} 是一个把手写菜谱变成购物清单的小工具。\n\n" + ZH_INSTALL.format(name=name), encoding="utf-8")
        paths.append(path)
    assert findings(*paths, rule="near-duplicate-section") == []


@pytest.mark.parametrize(
    "opening",
    ['<h1 align="center">{name}</h1>\n\n<p align="center">A tool that checks links.</p>\n\n', ""],
    ids=["html-title", "folder-name"],
)
def test_readme_titles_from_html_or_folder(tmp_path, opening):
    paths = []
    for name in ("linkwatch", "pagewalker"):
        path = tmp_path / name / "README.md"
        path.parent.mkdir()
        path.write_text(opening.format(name=name) + INSTALL.format(name=name), encoding="utf-8")
        paths.append(path)
    assert findings(*paths, rule="near-duplicate-section") == []


def test_title_of_two_words_written_as_one(tmp_path):
    paths = []
    for folder, title in (("brightcache", "Bright Cache"), ("fastqueue", "Fast Queue")):
        path = tmp_path / folder / "README.md"
        path.parent.mkdir()
        path.write_text(
            f"# {title}\n\n## 安装\n\n推荐先创建虚拟环境，然后执行 pip install {folder} 完成安装，装好后即可在项目中导入使用，并运行自带的示例检查环境是否正常。\n",
            encoding="utf-8",
        )
        paths.append(path)
    assert findings(*paths, rule="near-duplicate-section") == []


def project_readmes(tmp_path, installs, *names):
    """Write one README per name in a folder of that name, each with the Installation section of ``installs``."""
    return [readme(tmp_path, name, name.capitalize(), installs) for name in names]


@pytest.mark.parametrize("original, paste", [("zeta", "beta"), ("alpha", "beta")], ids=["original-sorts-last", "original-sorts-first"])
def test_copy_naming_other_project_reported_where_pasted(tmp_path, original, paste):
    pages = dict(zip((original, paste), project_readmes(tmp_path, original, original, paste)))
    [found] = findings(*sorted(pages.values()), rule="duplicate-section")
    assert (found.path, found.line, found.related[0].path, found.related[0].line) == (str(pages[paste]), 5, str(pages[original]), 5)
    assert found.message == (
        f'section "Installation" repeats section "Installation" (line 5 of {pages[original]}) word for word, '
        f"and it names {original.capitalize()}, the project of that page; remove this copy"
    )


def test_unsafe_fix_removes_the_paste_not_the_original(tmp_path, run_cli):
    zeta, beta = project_readmes(tmp_path, "zeta", "zeta", "beta")
    original = zeta.read_text(encoding="utf-8")
    code, stdout, _stderr = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", str(beta), str(zeta))
    assert (code, stdout.splitlines()[-1]) == (0, "No problems found in 2 files.")
    assert zeta.read_text(encoding="utf-8") == original
    assert beta.read_text(encoding="utf-8") == "# Beta\n\nA tool that checks the links of a site.\n"


def test_near_copy_naming_other_project_reported_where_pasted(tmp_path):
    zeta, beta = project_readmes(tmp_path, "zeta", "zeta", "beta")
    beta.write_text(beta.read_text(encoding="utf-8") + "On Windows it also needs a C compiler.\n", encoding="utf-8")
    [found] = findings(beta, zeta, rule="near-duplicate-section")
    assert (found.path, found.line) == (str(beta), 5)
    assert found.message.endswith(
        f"(line 5 of {zeta}) after removing the text most sections share, and it names Zeta, the project of that page; "
        "rewrite this section for its own page"
    )


def test_copy_naming_both_projects_keeps_run_order(tmp_path):
    zeta, beta = project_readmes(tmp_path, "zeta, then beta", "zeta", "beta")
    [found] = findings(beta, zeta, rule="duplicate-section")
    assert (found.path, found.line) == (str(zeta), 5)
    assert found.message == f'section "Installation" repeats section "Installation" (line 5 of {beta}) word for word; remove this copy'


def test_file_names_name_topics_not_projects(tmp_path):
    # "run" is the subject of run.md, but a file name names a topic: the page of all settings keeps the run order.
    (tmp_path / "commands").mkdir()
    (tmp_path / "settings").mkdir()
    section = "## if-present\n\nWith this set, npm run exits with status 0 when the script is missing, so that a CI job can run it for every package.\n"
    run_page, settings_page = tmp_path / "commands" / "run.md", tmp_path / "settings" / "all.md"
    run_page.write_text("# run\n\n" + section, encoding="utf-8")
    settings_page.write_text("# All settings\n\n" + section, encoding="utf-8")
    [found] = findings(run_page, settings_page, rule="duplicate-section")
    assert (found.path, found.line) == (str(settings_page), 3)


ZH_INSTALL_PASTE = "## 安装\n\n先用 pip 安装飞鱼，飞鱼需要 Python 3.10 或更新的版本。安装完成后运行飞鱼的版本命令，确认飞鱼已经在路径中，然后让飞鱼生成配置文件。\n"


@pytest.mark.parametrize("title", ["飞鱼", "飞鱼 Feiyu", "飞鱼 文档", "飞鱼使用说明"])
def test_chinese_title_with_more_words_names_folder_project(tmp_path, title):
    # 百合 sorts before 飞鱼, and its pasted section installs 飞鱼: 飞鱼's title contains its folder's name.
    pages = {}
    for folder, heading, intro in (("飞鱼", title, "飞鱼是一个把日志转成图表的小工具。"), ("百合", "百合", "百合是一个整理照片的小工具。")):
        path = tmp_path / folder / "README.md"
        path.parent.mkdir()
        path.write_text(f"# {heading}\n\n{intro}\n\n{ZH_INSTALL_PASTE}", encoding="utf-8")
        pages[folder] = path
    [found] = findings(pages["飞鱼"], pages["百合"], rule="duplicate-section")
    assert (found.path, found.line) == (str(pages["百合"]), 5)
    assert found.message == (
        f'section "安装" repeats section "安装" (line 5 of {pages["飞鱼"]}) word for word, and it names 飞鱼, the project '
        "of that page; remove this copy"
    )


PROJECT_INSTALL = "## 安装\n\n先创建虚拟环境，然后用 pip 安装{name}，再检查安装的版本。命令会打印版本号和{name}存放缓存的目录。\n"


@pytest.mark.parametrize(
    ("original", "paste", "mention", "named"),
    [("飞鱼", "蓝鲸", "飞鱼", "项目飞鱼"), ("zeta", "beta", " Zeta ", "项目 Zeta")],
    ids=["chinese-name", "latin-name"],
)
def test_project_name_spaced_in_chinese(tmp_path, run_cli, original, paste, mention, named):
    # Chinese puts a space between a Chinese word and a Latin one, and none between two Chinese words.
    pages = {}
    for folder in (original, paste):
        path = tmp_path / folder / "README.md"
        path.parent.mkdir()
        path.write_text(f"# {folder.capitalize()}\n\n一个检查网站链接的工具。\n\n" + PROJECT_INSTALL.format(name=mention), encoding="utf-8")
        pages[folder] = path

    _code, stdout, _stderr = run_cli("check", "--no-cache", "--no-config", "--lang", "zh-CN", str(pages[paste]), str(pages[original]))

    assert stdout.splitlines()[0] == (
        f"{pages[paste]}:5:1: DL101 duplicate-section [~] 章节“安装”与章节“安装”（{pages[original]} 第 5 行）逐字重复，"
        f"且文中提到的是该页面的{named}；请删除这份副本"
    )
