"""Time ``doclint check`` on a folder of generated documents and print files per second.

Usage: python bench/bench_check.py [--files N] [--sections N] [--runs N] [--keep DIR]

The generator is deterministic (a fixed random seed): Chinese and English
Q&A documents built from one template, with one item in ten copied from
another document and one in ten rewritten from another item, as real
generated question banks are. The script also times the duplicate rules on
the seed article in one process, which is the cost a pre-commit run pays.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "fixtures" / "000.txt"

ZH_TOPICS = "排序 哈希表 二叉树 动态规划 图的遍历 并发控制 缓存淘汰 消息队列 索引设计 事务隔离 负载均衡 限流算法".split()
ZH_WORDS = "数据 模型 系统 服务 用户 请求 结构 算法 性能 内存 线程 接口 存储 网络 日志 配置 测试 部署".split()
EN_TOPICS = "sorting hashing trees graphs caching queues indexes transactions scaling retries logging testing".split()
EN_WORDS = "data model system service user request structure algorithm memory thread storage network log config".split()


def sentence(rng: random.Random, words: list[str], cjk: bool) -> str:
    picked = rng.sample(words, 6)
    return ("".join(picked) + "。") if cjk else (" ".join(picked).capitalize() + ".")


def item(rng: random.Random, number: int, cjk: bool) -> str:
    """Return one Q&A item in the template of generated interview articles."""
    topic = rng.choice(ZH_TOPICS if cjk else EN_TOPICS)
    words = ZH_WORDS if cjk else EN_WORDS
    if cjk:
        head = f"#### {number}. {topic}{rng.randint(1, 999)}\n\n**题目：** 如何理解{topic}？\n\n**答案：** 步骤如下：\n\n"
        labels = ["数据收集与预处理", "模型训练", "模型评估与优化", "部署与应用"]
        tail = "**解析：** "
    else:
        head = f"## {number}. {topic} {rng.randint(1, 999)}\n\n**Question:** How does {topic} work?\n\n**Answer:** The steps are:\n\n"
        labels = ["Collect", "Train", "Evaluate", "Deploy"]
        tail = "**Explanation:** "
    steps = "".join(f"{index}. **{label}**：{sentence(rng, words, cjk)}\n" for index, label in enumerate(labels, 1))
    return f"{head}{steps}\n{tail}{sentence(rng, words, cjk)}\n"


def generate(folder: Path, files: int, sections: int) -> None:
    rng = random.Random(20261204)
    bank: list[str] = []
    for index in range(files):
        cjk = index % 2 == 0
        parts = ["### 题库\n" if cjk else "# Question bank\n"]
        for number in range(1, sections + 1):
            roll = rng.random()
            if bank and roll < 0.1:
                text = rng.choice(bank)
            else:
                text = item(rng, number, cjk)
                bank.append(text)
            parts.append(text)
        folder.joinpath(f"doc{index:04d}.md").write_text("\n".join(parts), encoding="utf-8")


def time_command(command: list[str], runs: int) -> list[float]:
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True)
        durations.append(time.perf_counter() - start)
        if completed.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed with status {completed.returncode}: {completed.stderr.decode()}")
    return durations


def time_seed_rules() -> float:
    from doclint.engine import run
    from doclint.settings import Settings

    run([str(SEED)], Settings())
    start = time.perf_counter()
    run([str(SEED)], Settings())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300, help="number of documents (default 300)")
    parser.add_argument("--sections", type=int, default=12, help="Q&A items per document (default 12)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the median is reported (default 3)")
    parser.add_argument("--keep", type=Path, help="write the corpus to this folder and keep it")
    options = parser.parse_args()

    folder = options.keep or Path(tempfile.mkdtemp(prefix="doclint-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        generate(folder, options.files, options.sections)
        size = sum(path.stat().st_size for path in folder.glob("*.md"))
        doclint = shutil.which("doclint", path=str(Path(sys.executable).parent)) or shutil.which("doclint")
        if doclint is None:
            sys.exit("doclint is not installed: run pip install . in this environment first")
        durations = time_command([doclint, "check", "--format", "json", str(folder)], options.runs)
        median = statistics.median(durations)
        print(f"corpus: {options.files} files, {options.files * options.sections} items, {size / 1e6:.1f} MB")
        print(f"doclint check: median {median:.2f} s over {options.runs} runs, {options.files / median:.0f} files/s")
        print(f"seed, all rules in one process (warm): {time_seed_rules() * 1000:.0f} ms")
    finally:
        if options.keep is None:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
