"""The entry checks' shortcuts (a text without ``%``, ``<``, ``@``, a digit or a name skips the full scan) never
skip a text the full scan would report: the cases where a naive shortcut would (case, non-ASCII spaces, a
dotted capital I typed on a Turkish keyboard)."""

from __future__ import annotations

import pytest

from workbench.checks.base import CatalogueInfo, Context, Entry
from workbench.checks.completeness import SameAsSource
from workbench.checks.numbers import MonthNameCheck, NumbersCheck, WeekdayCheck
from workbench.checks.placeholders import Emails, Placeholders, Tags, URLs
from workbench.checks.punctuation import FullwidthPunctuation, StartCapital
from workbench.checks.whitespace import DoubleSpace, LeadingWhitespace, TrailingWhitespace
from workbench.po.catalog import Catalog, Message


def issues(check, source, target, language, **fields):
    info = CatalogueInfo(catalog=Catalog(), path="x.po", language=language, nplurals=2)
    entry = Entry(Message(msgid=source, msgstr=target, **fields), info)
    return list(check().check_entry(entry, Context(language=language)))


@pytest.mark.parametrize("source, target, language", [
    ("MONDAY, March 3", "DIENSTAG, 3. März", "de"),  # names in capitals, both sides
    ("Monday, March 3", "KAMİS, 3 Maret", "id"),  # İ for I: the pattern reads Kamis (Thursday)
])
def test_another_weekday_in_capitals_is_found(source, target, language):
    assert [i.severity for i in issues(WeekdayCheck, source, target, language)] == [None]


def test_another_month_in_capitals_is_found():
    assert [i.offending for i in issues(MonthNameCheck, "Archives for AUGUST", "Archiv für JULI", "de")] == ["AUGUST"]


@pytest.mark.parametrize("source", ["FIVE files", "Five files", "SEVEN files"])
def test_a_number_word_in_any_case_is_required(source):
    assert [i.offending for i in issues(NumbersCheck, source, "Dateien", "de")] == [source.split()[0]]


def test_a_url_in_capitals_is_required():
    found = issues(URLs, "See WWW.EXAMPLE.ORG/HELP for help", "Siehe die Hilfe", "de")
    assert [i.offending for i in found] == ["WWW.EXAMPLE.ORG/HELP"]


def test_emails_and_tags_seen_on_either_side():
    assert [i.offending for i in issues(Emails, "Write to help@example.org", "Écrivez-nous", "fr")] == [
        "help@example.org"]
    assert sorted(i.offending for i in issues(Tags, "Save", "<b>Enregistrer</b>", "fr")) == ["</b>", "<b>"]


def test_placeholders_only_in_the_translation():
    assert [i.offending for i in issues(Placeholders, "Hello", "Bonjour %(name)s", "fr")] == ["%(name)s"]
    assert [i.offending for i in issues(Placeholders, "Hello {name}", "Bonjour", "fr")] == ["{name}"]


@pytest.mark.parametrize("target", ["Deux\u00a0\u00a0mots", "两个\u3000\u3000词", "Deux  mots"])
def test_double_spaces_of_every_kind(target):
    assert len(issues(DoubleSpace, "Two words", target, "fr")) == 1


def test_leading_and_trailing_whitespace_on_either_side():
    assert len(issues(LeadingWhitespace, "\nText", "Texte", "fr")) == 1
    assert len(issues(LeadingWhitespace, "Text", " Texte", "fr")) == 1
    assert len(issues(TrailingWhitespace, "Text\n", "Texte", "fr")) == 1
    assert len(issues(TrailingWhitespace, "Text", "Texte\u00a0", "fr")) == 1


def test_fullwidth_marks_outside_cjk():
    assert [i.offending for i in issues(FullwidthPunctuation, "Yes, no", "Oui，non", "fr")] == ["，"]
    assert issues(FullwidthPunctuation, "Yes, no", "Oui, non", "fr") == []


def test_same_as_source_with_other_spacing():
    assert len(issues(SameAsSource, "Open the  settings page", "Open the settings\npage", "de")) == 1


def test_start_capital_still_seen():
    assert len(issues(StartCapital, "Open the settings page.", "öffnen Sie die Einstellungen.", "de")) == 1
