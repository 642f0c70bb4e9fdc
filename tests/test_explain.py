import re

import pytest

from doclint.data import rule_doc
from doclint.registry import all_rules

HEADINGS = ["## What it finds", "## Why it matters", "## Example", "## Options", "## Fix"]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_every_rule_documented(rule):
    text = rule_doc(rule.name)
    assert text.splitlines()[0] == f"# {rule.name} ({rule.code})"
    for heading in HEADINGS:
        assert heading in text, f"{rule.name}: missing {heading}"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_rule_declaration_complete(rule):
    assert re.fullmatch(r"DL\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.summary.endswith(".")


def test_rule_codes_unique():
    codes = [rule.code for rule in all_rules()]
    names = [rule.name for rule in all_rules()]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)


def test_explain_by_code(run_cli):
    code, stdout, _ = run_cli("explain", "DL101")
    assert code == 0
    assert stdout == rule_doc("duplicate-section")


def test_explain_unknown_rule(run_cli):
    code, _, stderr = run_cli("explain", "nope")
    assert code == 2
    assert stderr == "doclint: error: Invalid value for RULE: unknown rule 'nope'; `doclint rules` lists them (see 'doclint explain --help')\n"


def test_misspelt_rule_suggested(run_cli):
    code, _, stderr = run_cli("explain", "duplicat-section")
    assert code == 2
    assert stderr == (
        "doclint: error: Invalid value for RULE: unknown rule 'duplicat-section'; did you mean 'duplicate-section'? "
        "`doclint rules` lists them (see 'doclint explain --help')\n"
    )


def test_explain_in_any_letter_case(run_cli):
    assert run_cli("explain", "dl304")[1] == rule_doc("code-not-checked")
    assert run_cli("explain", "Duplicate-Section")[1] == rule_doc("duplicate-section")


def test_misspelt_rule_in_capitals_suggested(run_cli):
    code, _, stderr = run_cli("explain", "DUPLICAT-SECTION")
    assert code == 2
    assert stderr == (
        "doclint: error: Invalid value for RULE: unknown rule 'DUPLICAT-SECTION'; did you mean 'duplicate-section'? "
        "`doclint rules` lists them (see 'doclint explain --help')\n"
    )
