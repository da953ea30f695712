"""Accuracy on the planted fixtures: every planted mistake found on its entry with its check id;
the clean counterparts give no warning or error at all."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from workbench.checks.base import at_least
from workbench.checks.runner import run_checks

FIXTURES = Path(__file__).parent / "fixtures"
PLANTED = json.loads((FIXTURES / "planted.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def planted_report():
    cwd = os.getcwd()
    os.chdir(FIXTURES)
    try:
        yield run_checks(["planted"], termbase="glossary.tbx")
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def clean_report():
    cwd = os.getcwd()
    os.chdir(FIXTURES)
    try:
        yield run_checks(["clean"], termbase="glossary.tbx")
    finally:
        os.chdir(cwd)


def test_enough_planted_mistakes():
    zh_ru = [p for p in PLANTED if p["language"] in ("zh_CN", "ru")]
    assert len(zh_ru) >= 24
    assert {p["language"] for p in PLANTED} == {"zh_CN", "ru", "fr", "ja"}


@pytest.mark.parametrize("planted", PLANTED, ids=[f"{p['language']}-{p['check']}-{i}" for i, p in enumerate(PLANTED)])
def test_planted_mistake_found(planted_report, planted):
    on_entry = [f for f in planted_report.findings if f.file == planted["file"] and f.msgid == planted["msgid"]]
    assert planted["check"] in {f.check for f in on_entry}, (planted["note"], [(f.check, f.message) for f in on_entry])


def test_findings_only_on_planted_entries(planted_report):
    """No finding on an entry where nothing was planted (the inconsistency pair aside, whose other half is flagged too)."""
    planted_entries = {(p["file"], p["msgid"]) for p in PLANTED}
    same_source_elsewhere = {p["msgid"] for p in PLANTED if p["check"] == "inconsistent-translation"}
    stray = [f for f in planted_report.findings if (f.file, f.msgid) not in planted_entries
             and not (f.check == "inconsistent-translation" and f.msgid in same_source_elsewhere)]
    assert stray == []


def test_clean_catalogues_have_no_warning_or_error(clean_report):
    assert clean_report.entries >= 60
    assert [f for f in clean_report.findings if at_least(f.severity, "warning")] == []


def test_clean_catalogues_have_no_finding_at_all(clean_report):
    assert [(f.file, f.check, f.message) for f in clean_report.findings] == []
