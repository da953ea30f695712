"""Plural forms: what a new catalogue gets, which headers the check accepts, reading a header safely."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from babel import Locale
from babel.messages.plurals import get_plural
from babel.plural import to_gettext

from workbench.checks.runner import run_checks
from workbench.plurals import (GETTEXT_FORMS, PluralFormsError, accepted_plural_forms, cldr_plural_forms,
                               default_plural_forms, is_accepted, parse_plural_forms)
from workbench.po.catalog import Catalog, Message

FRENCH_GETTEXT = "nplurals=2; plural=(n > 1);"
RUSSIAN_GETTEXT = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"


def header_findings(language: str, plural: str, messages=()) -> list:
    header = Message(msgid="", msgstr=f"Language: {language}\nContent-Type: text/plain; charset=UTF-8\n"
                                      f"Plural-Forms: {plural}\n")
    report = run_checks(Catalog(messages=[header, *messages], path=f"{language}.po"))
    return [f for f in report.findings if f.check in ("header", "plural-forms")]


def cldr_form(language: str) -> str:
    """The Plural-Forms Babel's CLDR data gives (what a tool built on babel >= 2.19 writes)."""
    plural = get_plural(Locale.parse(language))
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


@pytest.mark.parametrize("language, expected", [
    ("fr", FRENCH_GETTEXT),
    ("pt_BR", FRENCH_GETTEXT),
    ("pt", "nplurals=2; plural=(n != 1);"),
    ("es", "nplurals=2; plural=(n != 1);"),
    ("ca", "nplurals=2; plural=(n != 1);"),
    ("ru", RUSSIAN_GETTEXT),
    ("zh_CN", "nplurals=1; plural=0;"),  # gettext has no form for Chinese: CLDR's, which is the same
    ("ja", "nplurals=1; plural=0;"),
])
def test_new_catalogues_get_gettexts_established_form(language, expected):
    assert default_plural_forms(language) == expected


def test_a_language_gettext_does_not_know_gets_cldrs_form():
    assert "hi" not in GETTEXT_FORMS
    assert default_plural_forms("hi") == cldr_form("hi")
    parse_plural_forms(default_plural_forms("hi"))  # and gettext can evaluate it


@pytest.mark.skipif(not shutil.which("msginit"), reason="GNU msginit not installed")
def test_the_gettext_table_is_what_msginit_writes(tmp_path):
    template = tmp_path / "t.pot"
    template.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    compared = 0
    for language, form in GETTEXT_FORMS.items():
        written = subprocess.run(["msginit", "--no-translator", "--no-wrap", "-l", language, "-i", str(template),
                                  "-o", "-"], capture_output=True, text=True).stdout
        line = next((line for line in written.splitlines() if line.startswith('"Plural-Forms:')), None)
        if line is None:  # ar, ca, th: not in msginit's table; they come from gettext's manual and usage
            continue
        assert line == f'"Plural-Forms: {form}\\n"', language
        compared += 1
    assert compared >= 30


@pytest.mark.parametrize("language", ["fr", "es", "it", "pt", "ca"])
def test_romance_headers_in_gettexts_or_cldrs_form_are_both_accepted(language):
    established = default_plural_forms(language)
    cldr = cldr_form(language)
    assert parse_plural_forms(cldr).nplurals == 3  # CLDR's "many" for exact millions
    assert parse_plural_forms(established).nplurals == 2
    assert header_findings(language, established) == []
    assert header_findings(language, cldr) == []
    # the same rule written differently is the same rule
    assert header_findings(language, "  " + established.replace(" ", "").removesuffix(";")) == []


@pytest.mark.parametrize("language", ["fr", "es", "it", "pt", "ca"])
def test_babels_cldr_rendering_with_the_exponent_operand_is_an_error(language):
    """Babel 2.19's to_gettext writes CLDR's `e` operand, which msgfmt cannot compile."""
    rendered = to_gettext(Locale.parse(language).plural_form)
    assert " e " in rendered.replace("(", " ").replace(")", " ")
    [finding] = header_findings(language, rendered.removesuffix(";") + ";")
    assert finding.severity == "error" and "gettext can evaluate" in finding.message


def test_russian_three_gettext_forms_or_four_cldr_forms():
    cldr_four = to_gettext(Locale.parse("ru").plural_form)
    assert cldr_four.startswith("nplurals=4;")
    assert header_findings("ru", RUSSIAN_GETTEXT) == []
    assert header_findings("ru", cldr_four) == []
    assert cldr_plural_forms("ru").nplurals == 4
    assert [forms.nplurals for forms in accepted_plural_forms("ru")] == [3, 4]


@pytest.mark.parametrize("language, plural", [
    ("fr", "nplurals=2; plural=(n != 1);"),  # English's rule: 0 would take the plural
    ("ru", "nplurals=2; plural=(n != 1);"),
    ("es", FRENCH_GETTEXT),
])
def test_a_rule_that_is_neither_is_noted(language, plural):
    [finding] = header_findings(language, plural)
    assert finding.severity == "info" and "neither gettext's nor CLDR's" in finding.message
    assert default_plural_forms(language) in finding.message


def test_entries_that_disagree_with_the_headers_count_are_errors():
    two_forms = Message("%d file", msgid_plural="%d files", msgstr_plural=["%d fichier", "%d fichiers"], lineno=9)
    findings = header_findings("fr", cldr_form("fr"), [two_forms])
    assert [(f.check, f.severity) for f in findings] == [("plural-forms", "error")]
    assert header_findings("fr", FRENCH_GETTEXT, [two_forms]) == []


def test_is_accepted_compares_meaning_not_text():
    assert is_accepted(parse_plural_forms("nplurals=2; plural=n>1;"), "fr")
    assert not is_accepted(parse_plural_forms("nplurals=2; plural=n>=1;"), "fr")


@pytest.mark.parametrize("value", [
    "nplurals=" + " " * 4000 + "x",
    "nplurals=2;" + " " * 4000 + "plural",
    " " * 4000 + ";",
    "nplurals=2; plural=" + "(" * 3000 + "n" + ")" * 3000 + ";",
    "nplurals=2; plural=" + "n" + " " * 4000 + "?",
    "nplurals=\x1e1; plural=0;",  # found by the PO fuzzer: a separator str.strip() takes and int() refuses
    "nplurals=１; plural=0;",  # a full-width digit
    # the old pattern's worst case: 25 s for this one in workbench 2ac442e
    "nplurals=2; plural=n" + " " * 2000 + ";" + " " * 2000 + ";x",
])
def test_hostile_values_are_refused_quickly(value):
    started = time.monotonic()
    with pytest.raises(PluralFormsError):
        parse_plural_forms(value)
    assert time.monotonic() - started < 2


def test_a_long_header_of_spaces_checks_in_moments():
    started = time.monotonic()
    findings = header_findings("fr", "nplurals=2;" + " " * 4000 + "plural=(n > 1)" + " " * 4000)
    assert findings == []
    assert time.monotonic() - started < 5


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("nplurals=;()?:!<>&|%+-*/0123456789 \t\x0b\x0c\x1c\x1e\x85１²e")), max_size=60))
def test_any_value_is_read_or_refused_cleanly(value):
    """Fuzz: a header's Plural-Forms is user text; reading it never fails otherwise than with PluralFormsError."""
    try:
        forms = parse_plural_forms(value)
    except PluralFormsError:
        return
    assert 1 <= forms.nplurals <= 100


def test_form_labels_name_each_form_by_cldr_category_with_examples():
    from workbench.plurals import form_labels, parse_plural_forms

    russian = parse_plural_forms("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                                 "(n%100<10 || n%100>=20) ? 1 : 2);")
    assert form_labels(russian, "ru") == ["one: 1, 21, 31, 41…", "few: 2, 3, 4, 22…", "many: 0, 5, 6, 7…"]
    assert form_labels(parse_plural_forms("nplurals=1; plural=0;"), "zh_CN") == ["other: 0, 1, 2, 3…"]
