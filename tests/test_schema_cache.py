import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from doclint.engine import load
from doclint.registry import find_rule
from doclint.rules.schema import SCHEMA_VIOLATION
from doclint.schema_cache import load_schema
from doclint.schemas import SchemaError
from doclint.settings import Settings

from conftest import FIXTURES, SEED

VIOLATIONS = FIXTURES / "qa-violations.md"


def write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def touch_later(path):
    """Move a file's modification time one second ahead, so that an edit is seen whatever the timestamp granularity."""
    status = os.stat(path)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


def test_builtin_schema_loaded_once():
    assert load_schema("qa-article") is load_schema("qa-article")


def test_edited_schema_loaded_again(tmp_path):
    path = write_json(tmp_path / "s.json", {"maxLength": 3})
    first = load_schema(str(path))
    assert not first.validator.is_valid("four")

    write_json(path, {"maxLength": 4})
    touch_later(path)
    second = load_schema(str(path))
    assert second is not first
    assert second.validator.is_valid("four")


def test_edited_referenced_file_loaded_again(tmp_path):
    root = write_json(tmp_path / "root.json", {"$ref": "parts/limit.json"})
    part = write_json(tmp_path / "parts" / "limit.json", {"maxLength": 3})
    assert not load_schema(str(root)).validator.is_valid("four")

    write_json(part, {"maxLength": 40})
    touch_later(part)
    assert load_schema(str(root)).validator.is_valid("four")


def test_relative_path_keyed_by_folder(tmp_path):
    write_json(tmp_path / "a" / "s.json", {"maxLength": 3})
    write_json(tmp_path / "b" / "s.json", {"maxLength": 40})
    assert not load_schema("s.json", tmp_path / "a").validator.is_valid("four")
    assert load_schema("s.json", tmp_path / "b").validator.is_valid("four")


def test_invalid_schema_not_cached(tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{"type": "strin"}', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(SchemaError) as raised:
            load_schema(str(path))
        assert "invalid schema at $.type" in str(raised.value)

    write_json(path, {"type": "string"})
    touch_later(path)
    assert load_schema(str(path)).validator.is_valid("text")


def test_deleted_schema_reports_missing_file(tmp_path):
    path = write_json(tmp_path / "s.json", {"type": "string"})
    load_schema(str(path))
    path.unlink()
    with pytest.raises(SchemaError) as raised:
        load_schema(str(path))
    assert str(raised.value) == f"{path}: schema file not found; check the path"


def test_rule_has_document_scope():
    assert find_rule("schema-violation").scope == "document"


def test_rule_checks_one_document():
    document = load(str(VIOLATIONS), Settings())
    findings = list(SCHEMA_VIOLATION.check(document, Settings()))
    assert [(d.line, d.end_line) for d in findings] == [(29, 38), (65, 67)]
    assert findings[0].message == 'item "3. 医疗资源分配" has no explanation field; add it as **解析：** followed by its text'


def check_in_worker(document, settings):
    """Run the schema rule on one document in a worker process and return its findings."""
    return list(SCHEMA_VIOLATION.check(document, settings))


def test_rule_runs_in_fresh_worker_process():
    documents = [load(str(path), Settings()) for path in (VIOLATIONS, SEED)]
    expected = [list(SCHEMA_VIOLATION.check(document, Settings())) for document in documents]

    # A spawned process starts with an empty schema cache, unlike a forked one.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        results = list(pool.map(check_in_worker, documents, [Settings()] * len(documents)))

    assert results == expected
    assert len(results[0]) == 2
    assert results[1] == []
