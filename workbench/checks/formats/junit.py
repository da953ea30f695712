"""JUnit XML, as pytest writes it: a test suite per PO file, a test case per check that ran on it.

A case fails when the check has findings at or above ``fail_on`` in that file
(all of them listed in the failure); findings below it go to the case's
``system-out``. Stable case names (file × check) let CI dashboards track a
check's history.
"""

from __future__ import annotations

import re

from lxml import etree

from workbench.checks.base import at_least

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe(text: str) -> str:
    """XML 1.0 cannot carry control characters: show them as \\xNN."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def _describe(finding) -> str:
    where = f"{finding.file}:{finding.line}"
    context = f" [{finding.msgctxt}]" if finding.msgctxt else ""
    text = f"{where}: {finding.severity}: {finding.message}\n    msgid{context}: {finding.msgid}"
    if finding.target:
        text += f"\n    msgstr: {finding.target}"
    return _safe(text)


def render(report, fail_on: str = "error", **_options) -> str:
    root = etree.Element("testsuites", name="workbench check")
    files = list(dict.fromkeys(report.files))
    total_tests = total_failures = total_skipped = 0
    by_file: dict[str, list] = {}
    for finding in report.findings + report.suppressed:
        by_file.setdefault(finding.file, []).append(finding)
    for file in files or sorted(by_file):
        suite = etree.SubElement(root, "testsuite", name=_safe(file))
        tests = failures = skipped = 0
        language = report.file_languages.get(file, "")
        for cls in report.checks:
            if language and not cls.applies_to(language):
                continue
            found = [f for f in by_file.get(file, []) if f.check == cls.id]
            case = etree.SubElement(suite, "testcase", classname=_safe(file), name=cls.id, time="0")
            tests += 1
            active = [f for f in found if not f.suppressed]
            failing = [f for f in active if at_least(f.severity, fail_on)]
            if failing:
                failures += 1
                failure = etree.SubElement(case, "failure", type=failing[0].severity,
                                           message=_safe(f"{len(failing)} finding(s): {failing[0].message}"[:500]))
                failure.text = "\n".join(_describe(f) for f in failing)
            rest = [f for f in found if f not in failing]
            if rest:
                out = etree.SubElement(case, "system-out")
                out.text = "\n".join(("(suppressed) " if f.suppressed else "") + _describe(f) for f in rest)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", str(skipped))
        total_tests += tests
        total_failures += failures
        total_skipped += skipped
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("skipped", str(total_skipped))
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")
