"""Dates: a weekday beside a date stays the source's day, a month named alone stays that month; planted
mistakes in zh_CN, ru, de and fr found on their entries with their check ids, clean counterparts silent."""

from __future__ import annotations

import pytest

from workbench.checks.base import CatalogueInfo, Context, Entry
from workbench.checks.numbers import MonthNameCheck, WeekdayCheck
from workbench.checks.runner import run_checks
from workbench.po.catalog import Catalog, Message

HEADER = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

# language: (source, planted mistake, the check ids that must report it, clean translation)
PLANTED = {
    "zh_CN": [
        ("Monday, March 3", "3月3日（星期二）", {"weekday"}, "3月3日（星期一）"),
        ("The office opens on Friday, May 16.", "办公室于5月17日开放。", {"weekday", "numbers"}, "办公室于5月16日（周五）开放。"),
        ("August", "7月", {"month-name"}, "8月"),
    ],
    "ru": [
        ("Friday, May 16", "17 мая", {"weekday", "numbers"}, "пятница, 16 мая"),
        ("The office opens on Friday, May 16.", "Офис открывается в четверг, 16 мая.", {"weekday"},
         "Офис открывается в пятницу, 16 мая."),
        ("August", "Июль", {"month-name"}, "Август"),
    ],
    "de": [
        ("Monday, March 3", "Dienstag, 3. März", {"weekday"}, "Montag, 3. März"),
        ("August", "Juli", {"month-name"}, "August"),
    ],
    "fr": [
        ("Monday, March 3", "mardi 3 mars", {"weekday"}, "lundi 3 mars"),
        ("Friday, May 16", "vendredi 16 avril", {"numbers"}, "vendredi 16 mai"),
        ("August", "juillet", {"month-name"}, "août"),
    ],
}


def _catalogue(tmp_path, language, pairs):
    path = tmp_path / language / "LC_MESSAGES" / "dates.po"
    path.parent.mkdir(parents=True)
    body = "".join(f'msgid "{source}"\nmsgstr "{target}"\n\n' for source, target in pairs)
    path.write_text(HEADER.format(lang=language) + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("language", sorted(PLANTED))
def test_planted_dates_found_on_their_entries(tmp_path, language):
    _catalogue(tmp_path, language, [(source, wrong) for source, wrong, _, _ in PLANTED[language]])
    report = run_checks([tmp_path], only=["numbers", "weekday", "month-name"])
    for source, _, expected, _ in PLANTED[language]:
        found = {f.check for f in report.findings if f.msgid == source and f.severity in ("error", "warning")}
        assert expected <= found, (source, found)


@pytest.mark.parametrize("language", sorted(PLANTED))
def test_clean_dates_give_no_finding(tmp_path, language):
    _catalogue(tmp_path, language, [(source, clean) for source, _, _, clean in PLANTED[language]])
    report = run_checks([tmp_path], only=["numbers", "weekday", "month-name"])
    assert report.findings == []


def issues(check, source, target, language):
    info = CatalogueInfo(catalog=Catalog(), path="x.po", language=language, nplurals=1)
    return list(check().check_entry(Entry(Message(msgid=source, msgstr=target), info), Context(language=language)))


@pytest.mark.parametrize("language, target", [
    ("zh_CN", "3月3日（星期二）"), ("zh_CN", "3月3日（周二）"), ("ja", "3月3日（火）"), ("ja", "3月3日火曜日"),
    ("ru", "вторник, 3 марта"), ("de", "Dienstag, 3. März"), ("fr", "mardi 3 mars"),
])
def test_another_weekday_is_an_error(language, target):
    assert [i.severity for i in issues(WeekdayCheck, "Monday, March 3", target, language)] == [None]  # the default: error


def test_a_dropped_weekday_is_a_warning():
    assert [i.severity for i in issues(WeekdayCheck, "Friday, May 16", "17 мая", "ru")] == ["warning"]


@pytest.mark.parametrize("language, target", [
    ("ru", "Открыто в пятницу, 16 мая"), ("de", "freitags, 16. Mai"), ("zh_CN", "5月16日，礼拜五"),
    ("ja", "5月16日（金）"), ("uk", "П'ятниця, 16 травня"),  # CLDR writes Пʼятниця
])
def test_the_same_weekday_in_any_form(language, target):
    assert issues(WeekdayCheck, "Friday, May 16", target, language) == []


def test_a_weekday_alone_is_not_held_to_clldr_spelling():
    # Django's Hindi calendar: गुरूवार, a spelling CLDR does not list (गुरुवार); no other day named, no date
    assert issues(WeekdayCheck, "Thursday", "गुरूवार", "hi") == []


@pytest.mark.parametrize("source, target, language", [
    ("May I help you?", "Darf ich helfen? Termin im Juni", "de"),  # "May" the verb: no month to keep
    ("The meeting on August 29", "Das Treffen am 29. Juli", "de"),  # a dated month is the numbers check's
    ("in August", "в августе", "ru"),
])
def test_month_name_precision(source, target, language):
    assert issues(MonthNameCheck, source, target, language) == []


@pytest.mark.parametrize("source, target, language", [
    ("The next trade fair will take place in October.", "Следующая выставка пройдёт в ноябре.", "ru"),
    ("Registration closes in August.", "Регистрация завершится в июле.", "ru"),
    ("The season ends in October.", "Сезон закінчується у листопаді.", "uk"),
])
def test_another_month_in_a_case_cldr_does_not_list_is_found(source, target, language):
    # CLDR gives ноября and ноябрь; "в ноябре" (prepositional) is November too
    assert [i.offending for i in issues(MonthNameCheck, source, target, language)] == [source.split()[-1][:-1]]


@pytest.mark.parametrize("source, target", [
    ("The fair takes place in October.", "Выставка пройдёт в октябре."),
    ("The fair takes place in March.", "Мартин откроет выставку в марте."),  # Мартин is a name, март- the month
])
def test_the_same_month_declined_is_silent(source, target):
    assert issues(MonthNameCheck, source, target, "ru") == []


@pytest.mark.parametrize("target", ["سه شنبه", "سه\u200cشنبه", "سهشنبه"])
def test_a_name_with_a_joiner_typed_with_a_space_is_that_day(target):
    # Django 5.2.19, conf/locale/fa/LC_MESSAGES/django.po:937: Tuesday as "سه شنبه", a space for CLDR's ZWNJ;
    # its second word شنبه alone is Saturday
    assert issues(WeekdayCheck, "Tuesday", target, "fa") == []
    assert [i.severity for i in issues(WeekdayCheck, "Tuesday, March 3", "شنبه ۳ مارس", "fa")] == [None]


@pytest.mark.parametrize("language, target", [
    ("he", "המשרד נפתח ביום שישי, 16 במאי."),  # Hebrew writes ב (on) on the day's name
    ("th", "การประชุมจัดในวันศุกร์ที่ 16 พฤษภาคม"),  # Thai: no space before or after the name
    ("ko", "사무실은 5월 16일 금요일에 문을 연다."),  # Korean joins its particle to the name: 금요일에 "on Friday"
])
def test_a_weekday_with_a_prefix_or_without_spaces(language, target):
    assert issues(WeekdayCheck, "The office opens on Friday, May 16.", target, language) == []


@pytest.mark.parametrize("language, target", [
    ("he", "המשרד נפתח ביום חמישי, 16 במאי."), ("th", "การประชุมจัดในวันพฤหัสบดีที่ 16 พฤษภาคม"),
    ("ko", "사무실은 5월 16일 목요일에 문을 연다."),
])
def test_another_weekday_with_a_prefix_or_without_spaces_is_an_error(language, target):
    assert [i.severity for i in issues(WeekdayCheck, "The office opens on Friday, May 16.", target, language)] == [None]


def test_a_serbian_latin_month_alone():
    # sr@latin reads CLDR's sr_Latn names: jul is another month than August, avgust the same
    source = "Registration closes in August."
    assert issues(MonthNameCheck, source, "Registracija se zatvara u avgustu.", "sr@latin") == []
    assert issues(MonthNameCheck, "August", "jul", "sr@latin")
