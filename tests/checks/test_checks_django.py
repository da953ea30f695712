"""Real PO files nobody here wrote: Django's catalogues (tests/po/fixtures/django) go through every check."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.checks.formats import render
from workbench.checks.runner import run_checks

DJANGO = Path(__file__).parents[1] / "po" / "fixtures" / "django"
FILES = sorted(DJANGO.glob("*.po")) if DJANGO.is_dir() else []


@pytest.fixture(scope="module")
def report():
    if not FILES:
        pytest.skip("Django fixtures not vendored")
    return run_checks([DJANGO])


def test_every_file_checked_without_crash(report):
    assert len(report.files) == len(FILES)
    assert report.entries > 1000
    for fmt in ("text", "json", "sarif", "junit"):
        assert render(report, fmt)


def test_known_real_mistakes_are_found(report):
    by = {(f.file.rsplit("/", 1)[-1], f.check) for f in report.findings}
    # Django's Hebrew header says nplurals=4 while its entries carry 3 forms (msgfmt -c refuses it too)
    assert ("conf-he-django.po", "plural-forms") in by


def test_no_false_alarm_classes(report):
    for finding in report.findings:
        # Hebrew gershayim (דוא"ל) is not an unpaired quote
        assert not (finding.language == "he" and finding.check == "brackets" and finding.offending == '"')
        # a calendar's month name alone is not a date whose month must be kept
        assert not (finding.check == "numbers" and finding.msgid in ("July", "August"))
    errors = [f for f in report.findings if f.severity == "error"]
    assert len(errors) < 40
