"""``--format sarif``: a SARIF 2.1.0 log, the format that GitHub code scanning reads.

The log has one run. Its driver lists every rule with its description and
help page, and each finding becomes a result that points into that list.
Columns count Unicode code points (``columnKind``), as doclint's do, and
end columns are exclusive in both. Each rule's ``defaultConfiguration`` is
doclint's default for it, and the invocation's ``ruleConfigurationOverrides``
list the rules that the run's options and configuration turned on or off
or gave another level, because SARIF 2.1.0 keeps a tool's defaults apart
from the settings of one run. Each result carries a fingerprint that
does not depend on line numbers, so code scanning can follow a finding
when lines above it move.
"""

from __future__ import annotations

from typing import Any, TextIO

from doclint import __version__
from doclint.diagnostics import Diagnostic, Fix, RelatedLocation, Severity
from doclint.engine import RunResult, configured_severity
from doclint.i18n import _
from doclint.registry import Rule, all_rules, select_rules
from doclint.reporters.fingerprints import fingerprints
from doclint.reporters.json_text import dumps
from doclint.reporters.paths import artifact_uri, message_with_report_paths
from doclint.rule_docs import rule_help
from doclint.source import Source

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "contentHash/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter:
    def write(self, result: RunResult, stream: TextIO) -> None:
        stream.write(dumps(sarif_log(result), indent=2) + "\n")


def sarif_log(result: RunResult) -> dict[str, Any]:
    """Return the SARIF log of a run as a JSON-ready dictionary."""
    rules = all_rules()
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    results = [
        sarif_result(diagnostic, rule_index.get(diagnostic.code), fingerprint, result.source_of(diagnostic.path))
        for diagnostic, fingerprint in zip(result.diagnostics, fingerprints(result))
    ]

    run = {
        "tool": {"driver": driver(rules)},
        "invocations": [invocation(result, rules)],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def driver(rules: list[Rule]) -> dict[str, Any]:
    return {"name": "doclint", "version": __version__, "semanticVersion": __version__, "rules": [descriptor(rule) for rule in rules]}


def descriptor(rule: Rule) -> dict[str, Any]:
    """Return the reportingDescriptor of a rule: its code as id, its docs page as help."""
    help_page = rule_help(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _(rule.summary)},
        "fullDescription": {"text": help_page.description},
        "help": {"text": help_page.markdown, "markdown": help_page.markdown},
        "defaultConfiguration": default_configuration(rule),
    }


def default_configuration(rule: Rule) -> dict[str, Any]:
    """Return the reportingConfiguration of a rule when no option or configuration changes it."""
    configuration: dict[str, Any] = {"level": LEVELS[rule.severity]}
    if not rule.enabled_by_default:
        configuration["enabled"] = False
    return configuration


def configuration_overrides(result: RunResult, rules: list[Rule]) -> list[dict[str, Any]]:
    """Return a configurationOverride for each rule that the run ran otherwise than its default configuration sets.

    GitHub code scanning takes the level of each result, which is already
    the configured one. Its page on SARIF support lists only the fields it
    uses, and these overrides are not among them. Other SARIF readers,
    and a person who reads the log, learn from them which rules ran at
    which level, such as ``borrowed-passage`` raised to ``error`` by the
    ``severity`` table or ``unused-suppression`` turned on by ``--select ALL``.
    """
    if result.settings is None:
        return []
    selected = {rule.code for rule in select_rules(result.settings.select, result.settings.ignore)}
    overrides = []
    for index, rule in enumerate(rules):
        enabled = rule.code in selected
        level = LEVELS[configured_severity(rule.name, rule.code, rule.severity, result.settings)]
        configuration = {"enabled": enabled, "level": level}
        if enabled == rule.enabled_by_default and level == LEVELS[rule.severity]:
            continue
        overrides.append({"descriptor": {"id": rule.code, "index": index}, "configuration": configuration})
    return overrides


def invocation(result: RunResult, rules: list[Rule]) -> dict[str, Any]:
    """Return the invocation, with one error notification per input that could not be read and one warning notification per warning.

    The invocation is unsuccessful when some input could not be read. A
    warning, such as a file skipped because it is not text, leaves it
    successful. Rules run otherwise than by default are listed in
    ``ruleConfigurationOverrides`` (``configuration_overrides``).
    """
    notifications = [{"level": "error", "message": {"text": error}} for error in result.errors]
    notifications += [{"level": "warning", "message": {"text": warning}} for warning in result.warnings]
    described: dict[str, Any] = {"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}
    overrides = configuration_overrides(result, rules)
    if overrides:
        described["ruleConfigurationOverrides"] = overrides
    return described


def sarif_result(diagnostic: Diagnostic, rule_index: int | None, fingerprint: str, source: Source | None) -> dict[str, Any]:
    region = {
        "startLine": diagnostic.line,
        "startColumn": diagnostic.column,
        "endLine": diagnostic.end_line,
        "endColumn": diagnostic.end_column,
    }
    result: dict[str, Any] = {"ruleId": diagnostic.code}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result.update(
        {
            "level": LEVELS[diagnostic.severity],
            "message": {"text": message_with_report_paths(diagnostic, "GITHUB_WORKSPACE")},
            "locations": [physical_location(diagnostic.path, region)],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
    )

    if diagnostic.related:
        result["relatedLocations"] = [related_location(number, related) for number, related in enumerate(diagnostic.related)]
    if diagnostic.fix is not None and source is not None:
        result["fixes"] = [sarif_fix(diagnostic.path, diagnostic.fix, source)]
    return result


def physical_location(path: str, region: dict[str, int]) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": region}}


def related_location(number: int, related: RelatedLocation) -> dict[str, Any]:
    region = {"startLine": related.line, "startColumn": related.column}
    return {"id": number, **physical_location(related.path, region), "message": {"text": related.message}}


def sarif_fix(path: str, fix: Fix, source: Source) -> dict[str, Any]:
    """Return a fix as replacements of regions: each edit's character offsets become lines and columns."""
    replacements = []
    for edit in fix.edits:
        start_line, start_column = source.position(edit.start)
        end_line, end_column = source.position(edit.end)
        deleted = {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}
        replacements.append({"deletedRegion": deleted, "insertedContent": {"text": edit.replacement}})

    return {
        "description": {"text": fix.message},
        "artifactChanges": [{"artifactLocation": {"uri": artifact_uri(path)}, "replacements": replacements}],
        "properties": {"applicability": fix.applicability.value},
    }
