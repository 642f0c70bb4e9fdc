"""Time each step of loading, document by document, in one process.

Usage: python bench/steps.py FOLDER

Run it with the Python of the environment where doclint is installed. For
every document of the folder it runs the steps that a cold ``doclint check``
runs where the document is parsed (``doclint.loader``). These are decoding,
markdown-it-py's block parse, the section tree, the per-document forms of
the cross-file rules and each document-scope rule. The last step is the
pickling that sends a worker's document to doclint's process. It prints the wall clock seconds
of each step summed over the documents (``time.perf_counter``), largest
first. The cross-file rules run after loading; ``bench/stages.py`` times
them.
"""

from __future__ import annotations

import argparse
import pickle
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

from doclint.collector import use_run_thresholds
from doclint.engine import discover
from doclint.fields import default_labels
from doclint.parse import _TreeBuilder, markdown_parser
from doclint.passages import document_passages
from doclint.qa import item_keys
from doclint.registry import select_rules
from doclint.settings import Settings
from doclint.similarity import document_own_clauses, section_forms
from doclint.source import decode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    options = parser.parse_args()

    settings = Settings(jobs=1, cache_dir=None)
    rules = [rule for rule in select_rules(None, ()) if rule.scope == "document"]
    paths, errors, _found = discover([str(options.folder)], settings)
    if errors:
        raise SystemExit("; ".join(errors))

    # The same collector thresholds as ``doclint check`` (doclint.collector).
    use_run_thresholds()
    seconds: dict[str, float] = defaultdict(float)

    def timed(step: str, action: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = action()
        seconds[step] += time.perf_counter() - start
        return result

    for path in paths:
        data = Path(path).read_bytes()
        source = timed("decoding", lambda: decode(path, data, settings.encoding_for(path)))

        markdown = markdown_parser()
        environment: dict[str, Any] = {}
        tokens = timed("markdown-it-py block parse", lambda: markdown.parse(source.text, environment))
        builder = _TreeBuilder(source, default_labels(), markdown, environment)
        document = timed("section tree, with the plain inline text", lambda: builder.build(tokens))

        document.forms = timed("copy keys and clauses (similarity.section_forms)", lambda: section_forms(document))
        document.own_clauses = timed(
            "clauses without the document's template (similarity.document_own_clauses)", lambda: document_own_clauses(document)
        )
        document.item_keys = timed("question and answer keys (qa.item_keys)", lambda: item_keys(document))
        if len(document.item_keys) >= 2:
            document.passages = timed("candidate borrowed passages (passages.document_passages)", lambda: document_passages(document))
        for rule in rules:
            timed(f"rule {rule.name}", lambda: list(rule.check(document, settings)))
        timed("pickling the document for doclint's process", lambda: pickle.dumps(document))

    print(f"{len(paths)} documents")
    for step, total in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"{total:8.2f} s  {step}")
    print(f"{sum(seconds.values()):8.2f} s  total")


if __name__ == "__main__":
    main()
