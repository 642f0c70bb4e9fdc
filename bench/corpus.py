"""Generate a realistic Markdown corpus with known duplicate sections, and its ground truth.

Usage: python bench/corpus.py [--files N] [--out DIR] [--seed N]
                              [--exact-rate R] [--near-rate R] [--same-file-share R]

The corpus mixes four kinds of documents, as a documentation or
question-bank repository does:

- Chinese Q&A articles in the style of ``fixtures/000.txt``: numbered
  ``####`` items with ``**题目：**``, ``**答案：**``, four labelled steps (one of
  them the template step that every item repeats) and ``**解析：**``;
- English Q&A pages in the style of ``fixtures/en-faq.md``;
- README pages (install command, usage with a code block, features,
  configuration table);
- API docs pages with Python code blocks.

While it writes, the generator copies sections it wrote before into later
places, within the same file and across files. An exact copy has the same
heading title and body; a copied Q&A item takes the number of its new
place. A near copy has one edit: ``reworded-step`` rewords two phrases of
one step or sentence, ``changed-heading`` gives the copy another title, and
``added-sentence`` appends a sentence. Each original section is copied at
most once, so that a copied body never becomes template text by being
repeated in a quarter of a document's sections.

``ground_truth.json`` next to the documents lists every injected pair: its
kind, edit and scope, and for both sections the path (relative to the
corpus folder), the heading line and the heading. The output is the same
for the same arguments on any machine: one ``random.Random`` with a fixed
seed drives every choice.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

DEFAULT_SEED = 20261204
GROUND_TRUTH = "ground_truth.json"

# Share of each document kind, in the order of DOCUMENT_KINDS below.
KIND_WEIGHTS = (0.4, 0.3, 0.15, 0.15)

NEAR_EDITS = ("reworded-step", "changed-heading", "added-sentence")

# Other headings that a changed-heading copy of a README section gets.
HEADING_SYNONYMS = {
    "Installation": "Install",
    "Usage": "Getting started",
    "Features": "What it does",
    "Configuration": "Settings",
}

# Sections whose body has fewer characters than this are not copied: doclint
# does not compare bodies that short, so a copy of one would be untestable.
MIN_COPY_BODY_CHARS = 120

# ---------------------------------------------------------------------------
# Vocabulary. Titles and sentences are built from slots, so that two
# unrelated items share template phrases, as generated articles do, but not
# their content.

ZH_DOMAINS = (
    "医疗 金融 教育 电商 交通 制造 能源 农业 法律 媒体 零售 物流 保险 游戏 安防 气象 旅游 政务 通信 房地产 "
    "餐饮 体育 航空 化工 水务 矿业 养老 出版 招聘 广告"
).split()
ZH_TASKS = (
    "疾病诊断 风险评估 个性化推荐 需求预测 异常检测 文本分类 图像识别 语音识别 知识图谱构建 智能问答 路径规划 "
    "资源调度 情感分析 欺诈识别 质量检测 信息抽取 机器翻译 摘要生成 用户画像 流量预测 价格预测 故障诊断 "
    "客户流失预警 舆情监测 合同审查 库存优化 排班优化 能耗预测 病虫害识别 信用评分"
).split()
ZH_SUFFIXES = ("", "系统", "与优化", "方法", "平台", "中的应用", "模型", "与推理", "实践")
ZH_QUALIFIERS = ("",) + tuple(f"面向{users}的" for users in "医生 分析师 运营人员 客服人员 工程师 教师 调度员 审核员".split()) + tuple(
    f"基于{model}的" for model in "深度学习 迁移学习 联邦学习 图计算 大模型 规则引擎 知识蒸馏 多模态融合 小样本学习".split()
)
ZH_DATA = (
    "用户行为日志 交易记录 传感器读数 历史订单 病历文本 医学影像 实验室检测结果 卫星图像 气象观测数据 "
    "社交媒体评论 合同文本 课程成绩 点击流数据 设备运行日志 视频监控画面 语音通话记录 地理位置轨迹 商品评价 "
    "库存数据 财务报表 新闻稿件 问卷调查结果 基因序列 电网负荷曲线 车辆行驶数据 网络流量 客服对话 搜索查询日志 "
    "专利文献 产品说明书 维修工单 考勤记录 航班动态 土壤检测报告 药品说明书 理赔记录"
).split()
ZH_PREP = (
    "数据清洗 去重 归一化 特征提取 缺失值填补 分词 实体识别 图像增强 降噪 标注 采样 时间对齐 异常值剔除 "
    "编码转换 脱敏处理 数据增强 维度约简 格式统一 标签平衡 关系抽取"
).split()
ZH_MODELS = (
    "卷积神经网络（CNN） 循环神经网络（RNN） 变换器（Transformer） 图神经网络（GNN） 强化学习（RL） "
    "生成对抗网络（GAN） 长短期记忆网络（LSTM） 梯度提升树（GBDT） 随机森林 支持向量机（SVM） 逻辑回归 "
    "预训练语言模型（BERT） 变分自编码器（VAE） 条件随机场（CRF） 时间卷积网络（TCN） 孪生网络"
).split()
ZH_GOALS = (
    "预测风险发生的概率 识别潜在的异常行为 生成个性化的建议 发现隐藏的关联模式 提取关键实体和关系 "
    "优化资源的配置方案 估计未来一段时间的需求 判断样本所属的类别 定位故障发生的原因 评估方案的可行性 "
    "推断用户的真实意图 筛选高价值的候选对象 还原缺失的历史记录 比较不同策略的收益"
).split()
ZH_SCENES = (
    "在线服务平台 移动应用 客服系统 监控中心 调度平台 审核系统 推荐引擎 决策支持系统 数据中台 "
    "智能终端 业务中台 运营后台 边缘设备 报表系统"
).split()
ZH_USERS = "医生 分析师 运营人员 管理人员 客服人员 工程师 教师 调度员 审核员 销售人员 研究人员 普通用户".split()
ZH_SERVICES = (
    "实时的决策建议 辅助判断依据 可解释的分析报告 自动化的处理流程 个性化的服务 预警通知 "
    "可视化的监控结果 精准的推荐列表"
).split()
ZH_BENEFITS = (
    "提高判断的准确性 降低运营成本 改善用户体验 提升处理效率 减轻人工负担 缩短响应时间 降低误判率 "
    "增强系统的稳定性 扩大服务的覆盖范围 提高资源利用率 减少重复劳动 支持更快的迭代"
).split()
ZH_METRICS = "准确率 召回率 F1值 AUC 平均绝对误差 均方根误差 覆盖率 响应时间".split()

EN_DOMAINS = (
    "healthcare banking education retail logistics insurance energy farming media travel telecom manufacturing "
    "gaming security weather publishing hiring advertising aviation hospitality"
).split()
EN_TASKS = (
    "fraud detection demand forecasting churn prediction image tagging speech transcription route planning "
    "anomaly detection price estimation document search ticket routing sentiment scoring entity linking "
    "load balancing cache warming schema migration log analysis access control rate limiting report generation "
    "data validation"
).split(" ")
EN_TASK_PAIRS = [" ".join(EN_TASKS[index : index + 2]) for index in range(0, len(EN_TASKS) - 1, 2)]
EN_SUFFIXES = (
    "", " service", " pipeline", " in production", " at scale", " with Python", " for small teams", " on a budget",
    " without downtime", " in the cloud",
)
EN_QUALIFIERS = (
    "", "real-time ", "batch ", "incremental ", "multilingual ", "low-latency ", "privacy-preserving ", "explainable ",
    "federated ", "self-serve ", "event-driven ", "cost-aware ", "offline ", "streaming ", "semi-supervised ",
    "rule-based ",
)
EN_DATA = (
    "click logs|order history|sensor readings|support tickets|payment records|server metrics|audit trails|"
    "product reviews|shipping events|call transcripts|inventory snapshots|survey answers|error reports|"
    "access logs|price feeds|user profiles|booking records|invoice scans"
).split("|")
EN_PREP = (
    "deduplication|schema checks|normalisation|feature extraction|missing value imputation|tokenisation|"
    "outlier removal|time alignment|label balancing|anonymisation|sampling|encoding fixes"
).split("|")
EN_MODELS = (
    "gradient boosted trees|a random forest|logistic regression|a transformer encoder|an LSTM network|"
    "a graph neural network|a convolutional network|k-nearest neighbours|a linear model with embeddings|"
    "an isolation forest"
).split("|")
EN_TOOLS = "pytest|tox|nox|ruff|mypy|pip-tools|hatch|poetry|uv|pre-commit|coverage|sphinx|mkdocs|twine|build".split("|")
EN_GOALS = (
    "flag the risky cases early|rank the candidates by value|estimate next week's volume|"
    "group similar records together|catch regressions before release|explain each decision to a reviewer|"
    "keep the latency under the agreed budget|find the root cause of failures|predict which users will leave|"
    "route each request to the right team"
).split("|")
EN_SCENES = (
    "the web dashboard|the nightly batch job|the mobile app|the internal API|the support console|"
    "the streaming consumer|the billing system|the command-line tool"
).split("|")
EN_BENEFITS = (
    "cuts manual work|catches mistakes before users see them|makes the results repeatable|"
    "keeps the costs predictable|shortens the feedback loop|makes audits straightforward|"
    "lets new team members contribute sooner|reduces the number of incidents"
).split("|")
EN_METRICS = "precision|recall|F1 score|mean absolute error|p95 latency|error rate|throughput".split("|")

EN_SOURCES = (
    "the data warehouse|an object store bucket|the Postgres replica|the event bus|nightly CSV dumps|the CRM|"
    "the ticket tracker|the billing database|a partner SFTP drop|the analytics API"
).split("|")
EN_KEYS = "customer id|order number|session id|device id|account email|invoice number|store code".split("|")
EN_NOISE = "bot traffic|test accounts|duplicated events|empty rows|expired records|internal users|refunded orders".split("|")
EN_TUNING = (
    "limit the tree depth to {n}|try {n} learning rates on a log scale|stop early after {n} rounds without gain|"
    "weight the rare class {n} times higher|keep the {n} strongest features|average {n} seeds"
).split("|")
EN_OWNERS = "the on-call engineer|the data team|product owners|the support lead|finance|the platform group".split("|")
EN_CADENCE = "every night|once an hour|after each release|every Monday|on every merge|twice a day".split("|")

PROJECT_PARTS = (
    "fast tiny py open snap blue quick data text log mark note task flow graph cache pipe form wave "
    "stack zen bolt page doc lint sync"
).split()
PROJECT_KINDS = (
    "library|command-line tool|web service|plugin|static site generator|data pipeline|test helper|"
    "configuration loader|job scheduler|template engine"
).split("|")
PY_VERBS = "load parse render fetch build merge split check convert collect index score format watch".split()
PY_NOUNS = "configs records pages items events tokens rows files users metrics reports nodes batches".split()
PY_TYPES = "str|int|float|bool|Path|list[str]|dict[str, int]|bytes".split("|")

# Words that a reworded step swaps: each pair keeps the meaning and changes
# a few characters, as an editor who touches up a copied answer does.
ZH_REWORDINGS = (
    ("收集", "采集"),
    ("并进行预处理", "并完成预处理"),
    ("选择合适的模型", "选用合适的模型"),
    ("利用预处理后的数据", "基于处理后的数据"),
    ("部署到", "上线到"),
    ("为", "向"),
    ("提供", "给出"),
    ("包括", "例如"),
    ("用于", "以便"),
)
EN_REWORDINGS = (
    ("Collect", "Gather"),
    ("Train", "Fit"),
    ("with", "using"),
    ("the", "each"),
    ("and", "as well as"),
    ("Run", "Execute"),
    ("Install", "Add"),
    ("returns", "gives back"),
    ("so that", "in order that"),
)


@dataclass(eq=False)
class GeneratedSection:
    """One section as written: its heading parts, body and, once written, its place."""

    level: int
    title: str
    body: str
    """Markdown after the heading line, ending with a newline."""
    number: int | None = None
    language: str = "en"
    family: str = ""
    """The kind of document the section was written for; copies go to documents of the same kind."""
    path: str = ""
    line: int = 0
    copyable: bool = True
    """False for sections that are copies themselves or too short to copy."""

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number is not None else self.title

    def render(self) -> str:
        return f"{'#' * self.level} {self.heading}\n\n{self.body}"


@dataclass
class GeneratedDocument:
    path: str
    preamble: str
    """Markdown before the first section (a title line and an introduction), or empty."""
    sections: list[GeneratedSection] = field(default_factory=list)

    def render(self) -> str:
        """Join the preamble and the sections, and record each section's heading line."""
        parts = [self.preamble] if self.preamble else []
        line = 1 + sum(part.count("\n") + 1 for part in parts)
        for section in self.sections:
            section.path = self.path
            section.line = line
            text = section.render()
            parts.append(text)
            line += text.count("\n") + 1
        return "\n".join(parts)


@dataclass
class InjectedPair:
    kind: str
    """``exact`` or ``near``."""
    edit: str | None
    """For a near copy, which edit made it: one of NEAR_EDITS."""
    source: GeneratedSection
    copy: GeneratedSection

    def to_json(self) -> dict[str, object]:
        scope = "same-file" if self.source.path == self.copy.path else "cross-file"
        return {
            "kind": self.kind,
            "edit": self.edit,
            "scope": scope,
            "source": {"path": self.source.path, "line": self.source.line, "heading": self.source.heading},
            "copy": {"path": self.copy.path, "line": self.copy.line, "heading": self.copy.heading},
        }


# ---------------------------------------------------------------------------
# Section writers.


def pick(rng: random.Random, words: tuple[str, ...] | list[str], count: int) -> list[str]:
    return rng.sample(list(words), count)


class CorpusRandom(random.Random):
    """The generator's one random source; it also remembers the item titles it gave out.

    Titles are unique, because an item title is also its question: two
    unrelated items with the same question would be an unplanned
    inconsistent answer, outside the ground truth.
    """

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.titles: set[str] = set()

    def unique(self, make: Callable[[], str], attempts: int = 1000) -> str:
        for _ in range(attempts):
            title = make()
            if title not in self.titles:
                self.titles.add(title)
                return title
        raise RuntimeError(f"no new title in {attempts} attempts: the vocabulary is too small for this corpus")


def zh_title(rng: CorpusRandom) -> str:
    return rng.unique(
        lambda: rng.choice(ZH_QUALIFIERS) + rng.choice(ZH_DOMAINS) + rng.choice(ZH_TASKS) + rng.choice(ZH_SUFFIXES)
    )


def zh_sentence(rng: random.Random) -> str:
    """Return one explanatory sentence, which added-sentence edits append."""
    benefit, other = pick(rng, ZH_BENEFITS, 2)
    scene = rng.choice(ZH_SCENES)
    return rng.choice(
        (
            f"在{scene}中落地时，还需要关注数据安全和隐私保护，这样可以{benefit}。",
            f"实践中建议先在小范围试点，确认能够{benefit}之后再推广到{scene}。",
            f"此外，定期复盘{rng.choice(ZH_METRICS)}的变化，有助于{other}。",
        )
    )


def zh_item(rng: random.Random) -> GeneratedSection:
    """Return a Chinese Q&A item: question, answer with four labelled steps, explanation."""
    title = zh_title(rng)
    domain = rng.choice(ZH_DOMAINS)
    d1, d2, d3 = pick(rng, ZH_DATA, 3)
    p1, p2, p3 = pick(rng, ZH_PREP, 3)
    m1, m2 = pick(rng, ZH_MODELS, 2)
    goal = rng.choice(ZH_GOALS)
    scene = rng.choice(ZH_SCENES)
    users = rng.choice(ZH_USERS)
    service = rng.choice(ZH_SERVICES)
    b1, b2, b3 = pick(rng, ZH_BENEFITS, 3)
    question = rng.choice((f"如何利用深度学习模型实现{title}？", f"如何在{domain}场景中构建{title}？", f"{title}的关键步骤有哪些？"))
    step1 = rng.choice(
        (
            f"**数据收集与预处理**：收集{d1}、{d2}和{d3}等数据，并进行预处理，包括{p1}、{p2}和{p3}。",
            f"**数据收集与预处理**：从{scene}中收集{d1}和{d2}，完成{p1}和{p2}后构建训练数据集。",
        )
    )
    step2 = rng.choice(
        (
            f"**模型选择与训练**：选择合适的模型，如{m1}或{m2}，利用预处理后的数据进行训练，用于{goal}。",
            f"**模型训练**：利用预处理后的数据训练{m1}，结合{m2}的输出，用于{goal}。",
        )
    )
    step3 = (
        "**模型评估与优化**：通过交叉验证和测试集评估模型性能，对模型进行优化。"
        if rng.random() < 0.8
        else f"**模型评估与优化**：以{rng.choice(ZH_METRICS)}为主要指标评估模型，并根据结果调整超参数。"
    )
    step4 = f"**部署与应用**：将训练好的模型部署到{scene}中，为{users}提供{service}。"
    body = (
        f"**题目：** {question}\n\n**答案：** 实现{title}的步骤如下：\n\n"
        f"1. {step1}\n2. {step2}\n3. {step3}\n4. {step4}\n\n"
        f"**解析：** {title}可以{b1}，{b2}，同时{b3}。\n"
    )
    return GeneratedSection(4, title, body, language="zh")


def en_title(rng: CorpusRandom) -> str:
    return rng.unique(
        lambda: (rng.choice(EN_QUALIFIERS) + rng.choice(EN_TASK_PAIRS) + rng.choice(EN_SUFFIXES)).capitalize()
        + f" for {rng.choice(EN_DOMAINS)}"
    )


def en_sentence(rng: random.Random) -> str:
    """Return one explanatory sentence, for added-sentence edits and page introductions."""
    benefit = rng.choice(EN_BENEFITS)
    return rng.choice(
        (
            f"Start with a small pilot in {rng.choice(EN_SCENES)}, because it {benefit}.",
            f"Track the {rng.choice(EN_METRICS)} {rng.choice(EN_CADENCE)}; a sudden change usually means the input moved.",
            f"Write the decision down for {rng.choice(EN_OWNERS)}, which {benefit}.",
        )
    )


def en_steps(rng: random.Random) -> tuple[str, str, str, str]:
    """Return the four labelled steps of an English answer. The third is the template step."""
    d1, d2 = pick(rng, EN_DATA, 2)
    p1, p2 = pick(rng, EN_PREP, 2)
    model, tool, scene = rng.choice(EN_MODELS), rng.choice(EN_TOOLS), rng.choice(EN_SCENES)
    tuning = rng.choice(EN_TUNING).format(n=rng.randint(3, 12))
    first = rng.choice(
        (
            f"**Collect the data**: Export the {d1} and the {d2} from {rng.choice(EN_SOURCES)}, then apply {p1} and {p2}.",
            f"**Prepare the inputs**: Pull {rng.randint(2, 24)} months of {d1} into {rng.choice(EN_SOURCES)}; "
            f"{p1} drops {rng.choice(EN_NOISE)}.",
            f"**Join the sources**: Match the {d1} to the {d2} on the {rng.choice(EN_KEYS)} and keep what passes {p1}.",
        )
    )
    second = rng.choice(
        (
            f"**Train the model**: Fit {model} so that it can {rng.choice(EN_GOALS)}, and {tuning}.",
            f"**Pick a baseline**: Compare {model} with {rng.choice(EN_MODELS)} on the {rng.choice(EN_METRICS)} before "
            f"you {rng.choice(EN_GOALS)}.",
            f"**Build the scorer**: Encode each {rng.choice(EN_KEYS)} once, {tuning}, and cache the result.",
        )
    )
    third = "**Check the result**: Run the test suite against the built artifact and fix any failure before you publish."
    fourth = rng.choice(
        (
            f"**Ship it**: Wire it into {scene}, guard it with {tool}, and page {rng.choice(EN_OWNERS)} on the "
            f"{rng.choice(EN_METRICS)}.",
            f"**Roll out**: Enable it for {rng.randint(1, 20)} percent of {scene} first and widen it {rng.choice(EN_CADENCE)}.",
            f"**Hand over**: Document how {rng.choice(EN_OWNERS)} retrain it with {tool} {rng.choice(EN_CADENCE)}.",
        )
    )
    return first, second, third, fourth


def en_item(rng: random.Random) -> GeneratedSection:
    """Return an English Q&A item in the style of the en-faq fixture."""
    title = en_title(rng)
    question = rng.choice(
        (
            f"How do you set up {title.lower()}?",
            f"What are the steps of {title.lower()}?",
            f"Which order of work gets {title.lower()} running?",
        )
    )
    steps = "".join(f"{number}. {step}\n" for number, step in enumerate(en_steps(rng), 1))
    explanation = rng.choice(
        (
            f"A repeatable {title.lower()} setup {rng.choice(EN_BENEFITS)}.",
            f"Owning the data path end to end {rng.choice(EN_BENEFITS)}, and {rng.choice(EN_OWNERS)} can audit it.",
            f"Most failures come from {rng.choice(EN_NOISE)}, so cleaning first {rng.choice(EN_BENEFITS)}.",
        )
    )
    body = f"**Question:** {question}\n\n**Answer:** The steps are:\n\n{steps}\n**Explanation:** {explanation}\n"
    return GeneratedSection(2, title, body, language="en")


def project_name(rng: random.Random) -> str:
    first, second = pick(rng, PROJECT_PARTS, 2)
    return f"{first}{second}{rng.randint(1, 99)}"


def python_function(rng: random.Random, name: str) -> str:
    """Return a small function definition in one of several shapes, so that examples differ."""
    noun, argument, other = pick(rng, PY_NOUNS, 3)
    kind = rng.choice(PY_TYPES)
    shapes = (
        f"def {name}({argument}: {kind}, *, strict: bool = False) -> list[str]:\n"
        f'    """Return the {noun} found in {argument}."""\n'
        f"    found = [str(value) for value in {argument} if value]\n"
        f"    if strict and not found:\n"
        f'        raise ValueError("no {noun} in {argument}")\n'
        f"    return sorted(found)\n",
        f"def {name}(path: Path, limit: int = {rng.randint(10, 500)}) -> dict[str, int]:\n"
        f"    counts: dict[str, int] = {{}}\n"
        f'    with path.open(encoding="utf-8") as {other}:\n'
        f"        for line in itertools.islice({other}, limit):\n"
        f'            key = line.split("{rng.choice(",;|:")}")[{rng.randint(0, 3)}].strip()\n'
        f"            counts[key] = counts.get(key, 0) + 1\n"
        f"    return counts\n",
        f"async def {name}(client: httpx.AsyncClient, {argument}: list[{kind}]) -> None:\n"
        f"    for batch in chunked({argument}, {rng.randint(8, 256)}):\n"
        f'        response = await client.post("/{noun}", json=list(batch))\n'
        f"        response.raise_for_status()\n",
        f"@dataclass\nclass {noun.capitalize()[:-1]}{rng.choice(PY_VERBS).capitalize()}er:\n"
        f"    {argument}: {kind}\n    retries: int = {rng.randint(1, 9)}\n\n"
        f"    def {name}(self) -> bool:\n        return bool(self.{argument}) and self.retries > 0\n",
    )
    return rng.choice(shapes)


def readme_sections(rng: random.Random, name: str) -> list[GeneratedSection]:
    """Return the sections of a README page after its title."""
    verb, noun = rng.choice(PY_VERBS), rng.choice(PY_NOUNS)
    options = pick(rng, PY_NOUNS, 3)
    modifiers = ("in one call", "lazily", "in parallel", "with a cache", "from any folder", "over SSH", "incrementally")
    features = "".join(
        f"- {rng.choice(PY_VERBS).capitalize()}s {feature} {rng.choice(modifiers)}.\n" for feature in pick(rng, PY_NOUNS, 4)
    )
    table = "| option | default | meaning |\n| --- | --- | --- |\n" + "".join(
        f"| `{option}` | `{rng.choice(('none', 'auto', '8', 'true', 'false', '30'))}` | How {name} handles {option} "
        f"{rng.choice(('on start-up', 'per request', 'when it retries', 'in batch mode'))}. |\n"
        for option in options
    )
    install = rng.choice(
        (
            f"{name} needs Python {rng.choice(('3.10', '3.11', '3.12'))} or newer. Install it with pip:\n\n"
            f"```sh\npip install {name}\n```\n",
            f"Install the command with pipx, so that its dependencies stay apart from your projects:\n\n"
            f"```sh\npipx install {name}\n{name} --version\n```\n",
            f"From a clone of the repository, in a virtual environment:\n\n```sh\ngit clone {name}.git\n"
            f"cd {name}\npython -m pip install -e .\n```\n",
            f"The conda-forge channel has {name} too:\n\n```sh\nconda install -c conda-forge {name}\n```\n",
        )
    )
    contributing = rng.choice(
        (
            f"Open an issue in the {name} tracker before a large change, and add a test for each fixed bug.",
            f"Run `{rng.choice(EN_TOOLS)}` before you push; the CI of {name} runs it {rng.choice(EN_CADENCE)}.",
            f"{name} follows semantic versioning. Changes go in CHANGES.md under the next version.",
        )
    )
    return [
        GeneratedSection(2, "Installation", install),
        GeneratedSection(
            2,
            "Usage",
            f"Call `{verb}_{noun}` with the path of your {noun}; it returns a list of {rng.choice(PY_NOUNS)}.\n\n"
            f'```python\nimport {name}\n\nresult = {name}.{verb}_{noun}("{rng.choice(PY_NOUNS)}.toml")\n'
            f"print(len(result))\n```\n",
        ),
        GeneratedSection(2, "Features", features),
        GeneratedSection(2, "Configuration", f"{name} reads `{name}.toml` from the working folder.\n\n{table}"),
        GeneratedSection(2, "Contributing", contributing + "\n", copyable=False),
    ]


def docs_sections(rng: random.Random, module: str) -> list[GeneratedSection]:
    """Return the sections of an API docs page: one per function, with a Python example."""
    sections = []
    for verb in pick(rng, PY_VERBS, rng.randint(3, 6)):
        noun = rng.choice(PY_NOUNS)
        name = f"{verb}_{noun}"
        call_argument = rng.choice(PY_NOUNS)
        body = (
            f"`{module}.{name}` {rng.choice(('reads', 'walks', 'checks', 'collects'))} the {noun} of one "
            f"{rng.choice(PY_NOUNS)[:-1]}. {en_sentence(rng)}\n\n"
            f"```python\n{python_function(rng, name)}```\n\n"
            f"Example:\n\n```python\nfrom {module} import {name}\n\n"
            f'{noun} = {name}(load_{call_argument}("{call_argument}.json"), strict=True)\n'
            f"print({noun}[:{rng.randint(2, 9)}])\n```\n\n"
            f"It {rng.choice(('raises on bad input', 'never raises', 'logs each skipped entry'))}, so that "
            f"{rng.choice(EN_SCENES)} {rng.choice(('fails loudly', 'keeps going', 'can retry'))} instead of "
            f"{rng.choice(('returning an empty list', 'skipping the file', 'logging a warning', 'hanging'))}.\n"
        )
        sections.append(GeneratedSection(2, f"`{name}`", body))
    return sections



# ---------------------------------------------------------------------------
# Documents.


def zh_document(rng: random.Random, path: str) -> GeneratedDocument:
    topic = rng.choice(ZH_DOMAINS) + rng.choice(("人工智能", "大数据", "大模型", "机器学习"))
    preamble = f"### {topic}的应用前景\n"
    document = GeneratedDocument(path, preamble)
    document.sections = [zh_item(rng) for _ in range(rng.randint(8, 30))]
    return document


def en_document(rng: random.Random, path: str) -> GeneratedDocument:
    topic = rng.choice(EN_DOMAINS).capitalize()
    preamble = f"# {topic} Interview Questions\n"
    document = GeneratedDocument(path, preamble)
    document.sections = [en_item(rng) for _ in range(rng.randint(6, 20))]
    return document


def readme_document(rng: random.Random, path: str) -> GeneratedDocument:
    name = project_name(rng)
    kind = rng.choice(PROJECT_KINDS)
    preamble = (
        f"# {name}\n\n{name} is a {kind} that {rng.choice(PY_VERBS)}s {rng.choice(PY_NOUNS)} for "
        f"{rng.choice(EN_DOMAINS)} teams. It {rng.choice(EN_BENEFITS)}.\n"
    )
    return GeneratedDocument(path, preamble, readme_sections(rng, name))


def docs_document(rng: random.Random, path: str) -> GeneratedDocument:
    module = f"{project_name(rng)}.{rng.choice(PY_NOUNS)}"
    preamble = f"# `{module}`\n\nThe functions of `{module}`. {en_sentence(rng)}\n"
    return GeneratedDocument(path, preamble, docs_sections(rng, module))


DOCUMENT_KINDS: tuple[tuple[str, Callable[[random.Random, str], GeneratedDocument]], ...] = (
    ("zh-qa", zh_document),
    ("en-qa", en_document),
    ("readme", readme_document),
    ("api", docs_document),
)


# ---------------------------------------------------------------------------
# Copies.


def prose_lines(lines: list[str]) -> list[int]:
    """Return the indexes of the lines outside code fences that hold a sentence or a step."""
    found, in_code = [], False
    for index, line in enumerate(lines):
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and len(line) > 40 and not line.startswith(("|", "    ")):
            found.append(index)
    return found


def reword(rng: random.Random, section: GeneratedSection) -> str | None:
    """Reword two phrases of one step (or one sentence) of a body; None when nothing applies.

    Steps are tried first, in random order. English words are matched as
    whole words, so that "the" never changes "then".
    """
    lines = section.body.split("\n")
    zh = section.language == "zh"
    rewordings = ZH_REWORDINGS if zh else EN_REWORDINGS
    candidates = prose_lines(lines)
    steps = [index for index in candidates if lines[index][:1].isdigit()]
    others = [index for index in candidates if index not in steps]
    for index in rng.sample(steps, len(steps)) + rng.sample(others, len(others)):
        patterns = [(re.escape(old) if zh else rf"\b{re.escape(old)}\b", new) for old, new in rewordings]
        applicable = [(pattern, new) for pattern, new in patterns if re.search(pattern, lines[index])]
        if len(applicable) >= 2:
            for pattern, new in rng.sample(applicable, 2):
                lines[index] = re.sub(pattern, new, lines[index], count=1)
            return "\n".join(lines)
    return None


def near_copy(rng: random.Random, source: GeneratedSection, edit: str) -> GeneratedSection | None:
    """Return a copy of a section with one edit, or None when the edit does not apply to it."""
    copy = exact_copy(source)
    if edit == "reworded-step":
        body = reword(rng, source)
        if body is None:
            return None
        copy.body = body
    elif edit == "changed-heading":
        if source.title in HEADING_SYNONYMS:
            copy.title = HEADING_SYNONYMS[source.title]
        elif source.title.startswith("`"):
            copy.title = source.title.replace("_", "_all_", 1)
        else:
            copy.title = zh_title(rng) if source.language == "zh" else en_title(rng)
        if copy.title == source.title:
            return None
    else:
        sentence = zh_sentence(rng) if source.language == "zh" else en_sentence(rng)
        body = source.body.rstrip("\n")
        if body.endswith(("|", "```")) or body.rsplit("\n", 1)[-1].startswith("- "):
            separator = "\n\n"
        else:
            separator = "" if source.language == "zh" else " "
        copy.body = body + separator + sentence + "\n"
    return copy


def exact_copy(source: GeneratedSection) -> GeneratedSection:
    return GeneratedSection(
        source.level, source.title, source.body, language=source.language, family=source.family, copyable=False
    )


class Injector:
    """Replace sections of new documents with copies of earlier sections at fixed rates.

    ``same_file_share`` of the copies take their source from earlier in the
    same document, when it has one; the others from any earlier document.
    """

    def __init__(self, rng: random.Random, exact_rate: float, near_rate: float, same_file_share: float) -> None:
        self.rng = rng
        self.exact_rate = exact_rate
        self.near_rate = near_rate
        self.same_file_share = same_file_share
        self.pool: dict[str, list[GeneratedSection]] = {}
        """Sections not copied yet, by document kind, so that a copy fits its new document."""
        self.pairs: list[InjectedPair] = []

    def fill(self, document: GeneratedDocument) -> None:
        """Turn some sections of a document into copies, of this or of earlier documents."""
        local: list[GeneratedSection] = []
        for position, section in enumerate(document.sections):
            roll = self.rng.random()
            if roll < self.exact_rate + self.near_rate:
                source = self._source(section.family, local)
                if source is not None:
                    copy = self._copy(source, exact=roll < self.exact_rate)
                    copy.number = section.number
                    document.sections[position] = copy
                    continue
            if section.copyable and len(section.body) >= MIN_COPY_BODY_CHARS:
                self.pool.setdefault(section.family, []).append(section)
                local.append(section)

    def _source(self, family: str, local: list[GeneratedSection]) -> GeneratedSection | None:
        """Take a section that was not copied yet out of the pool, or None when there is none."""
        pool = self.pool.get(family, [])
        nearby = local
        if nearby and self.rng.random() < self.same_file_share:
            source = self.rng.choice(nearby)
            pool.remove(source)
        elif pool:
            source = pool.pop(self.rng.randrange(len(pool)))
        else:
            return None
        if source in local:
            local.remove(source)
        return source

    def _copy(self, source: GeneratedSection, exact: bool) -> GeneratedSection:
        if exact:
            copy = exact_copy(source)
            self.pairs.append(InjectedPair("exact", None, source, copy))
            return copy
        edit = self.rng.choice(NEAR_EDITS)
        copy = near_copy(self.rng, source, edit)
        if copy is None:
            edit = "added-sentence"
            copy = near_copy(self.rng, source, edit)
        assert copy is not None, "added-sentence applies to every section"
        self.pairs.append(InjectedPair("near", edit, source, copy))
        return copy


def label_sections(document: GeneratedDocument, kind: str) -> None:
    """Record the document kind on each section, and number the items of Q&A documents."""
    for number, section in enumerate(document.sections, 1):
        section.family = kind
        if kind.endswith("-qa"):
            section.number = number


def generate(
    out: Path, files: int, seed: int, exact_rate: float, near_rate: float, same_file_share: float = 0.3
) -> dict[str, object]:
    """Write ``files`` documents and ground_truth.json into ``out``; return the ground truth."""
    rng = CorpusRandom(seed)
    injector = Injector(rng, exact_rate, near_rate, same_file_share)
    names = [name for name, _ in DOCUMENT_KINDS]
    writers = dict(DOCUMENT_KINDS)
    sections = 0
    for index in range(files):
        kind = rng.choices(names, weights=KIND_WEIGHTS)[0]
        document = writers[kind](rng, f"{index:05d}-{kind}.md")
        label_sections(document, kind)
        injector.fill(document)
        sections += len(document.sections)
        out.joinpath(document.path).write_text(document.render(), encoding="utf-8")

    truth = {
        "seed": seed,
        "files": files,
        "sections": sections,
        "exact_rate": exact_rate,
        "near_rate": near_rate,
        "same_file_share": same_file_share,
        "pairs": [pair.to_json() for pair in injector.pairs],
    }
    out.joinpath(GROUND_TRUTH).write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="number of documents (default 1000)")
    parser.add_argument("--out", type=Path, default=Path("bench/corpus"), help="folder to write (default bench/corpus)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--exact-rate", type=float, default=0.02, help="share of sections replaced by exact copies (default 0.02)")
    parser.add_argument("--near-rate", type=float, default=0.04, help="share of sections replaced by near copies (default 0.04)")
    parser.add_argument(
        "--same-file-share", type=float, default=0.3, help="share of copies taken from the same document (default 0.3)"
    )
    options = parser.parse_args()

    if options.out.exists():
        shutil.rmtree(options.out)
    options.out.mkdir(parents=True)
    truth = generate(
        options.out, options.files, options.seed, options.exact_rate, options.near_rate, options.same_file_share
    )
    pairs = truth["pairs"]
    assert isinstance(pairs, list)
    size = sum(path.stat().st_size for path in options.out.glob("*.md"))
    exact = sum(1 for pair in pairs if pair["kind"] == "exact")
    print(
        f"{options.out}: {options.files} documents, {truth['sections']} sections, {size / 1e6:.1f} MB; "
        f"injected {exact} exact and {len(pairs) - exact} near-duplicate pairs ({GROUND_TRUTH})"
    )


if __name__ == "__main__":
    main()
