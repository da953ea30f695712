"""SARIF 2.1.0 (OASIS): one run, the checks as rules, findings as results.

Suppressed findings are results with a ``suppressions`` entry (``inSource``
for a translator comment, ``external`` for pyproject.toml), as SARIF viewers
expect, so they show up as suppressed rather than disappearing.
"""

from __future__ import annotations

import json

from workbench import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _result(finding, rule_index: dict[str, int]) -> dict:
    region = {"startLine": max(1, finding.line or 1)}
    result = {
        "ruleId": finding.check,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": finding.file.replace("\\", "/")},
                "region": region,
            },
            "logicalLocations": [{"name": finding.msgid[:200], "kind": "member"}],
        }],
        "properties": {
            "language": finding.language,
            "msgctxt": finding.msgctxt,
            "msgid": finding.msgid,
            "offending": finding.offending,
            "pluralForm": finding.form,
        },
    }
    if finding.check in rule_index:
        result["ruleIndex"] = rule_index[finding.check]
    if finding.offending:
        region["snippet"] = {"text": finding.offending}
    if finding.suppressed:
        justification = {"config": "disabled-checks in pyproject.toml", "absorbed": finding.reason}
        result["suppressions"] = [{
            "kind": "inSource" if finding.suppressed_by != "config" else "external",
            "justification": justification.get(finding.suppressed_by) or "wb-ignore comment",
        }]
    return result


def render(report, **_options) -> str:
    rules = []
    rule_index: dict[str, int] = {}
    for cls in report.checks:
        rule_index[cls.id] = len(rules)
        rules.append({
            "id": cls.id,
            "name": "".join(part.capitalize() for part in cls.id.split("-")),
            "shortDescription": {"text": cls.name},
            "fullDescription": {"text": cls.description},
            "defaultConfiguration": {"level": _LEVEL[cls.severity]},
            "properties": {"family": cls.family, "scope": cls.scope, "appliesTo": cls.applies_text()},
        })
    findings = sorted(report.findings + report.suppressed, key=lambda f: f.sort_key)
    data = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "workbench",
                "version": __version__,
                "informationUri": "https://example.invalid/workbench",
                "rules": rules,
            }},
            "results": [_result(f, rule_index) for f in findings],
            "columnKind": "unicodeCodePoints",
            "properties": {"summary": report.summary()},
        }],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
