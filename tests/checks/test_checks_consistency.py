"""inconsistent-translation and inconsistent-source on excerpts of real catalogues: what is only case,
articles, punctuation, phrasing or another context is not reported; real drift still is."""

from __future__ import annotations

from pathlib import Path

from workbench.checks.runner import run_checks

ONLY = ["inconsistent-translation", "inconsistent-source"]


def catalogue(folder: Path, app: str, language: str, body: str) -> Path:
    path = folder / app / "locale" / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n'
                    f'"Content-Type: text/plain; charset=UTF-8\\n"\n\n{body}', encoding="utf-8")
    return path


def findings(tmp_path: Path) -> list[tuple[str, str, str]]:
    report = run_checks([tmp_path], only=ONLY)
    return sorted((f.check, f.msgid, f.target) for f in report.findings)


def test_months_capitalised_in_a_calendar_and_not_in_dates_are_one_translation(tmp_path):
    catalogue(tmp_path, "conf", "fr", '#: utils/dates.py:22\nmsgid "July"\nmsgstr "juillet"\n\n'
                                      '#: utils/dates.py:44\nmsgid "Today"\nmsgstr "Aujourd’hui"\n')
    catalogue(tmp_path, "admin", "fr", '#: static/admin/js/calendar.js:15\nmsgid "July"\nmsgstr "Juillet"\n\n'
                                       '#: templates/admin/widgets.html:8\nmsgid "Today"\nmsgstr "Aujourd\'hui"\n')
    assert findings(tmp_path) == []


def test_an_article_or_a_full_stop_more_is_the_same_translation(tmp_path):
    catalogue(tmp_path, "auth", "fr", 'msgid "Password"\nmsgstr "Le mot de passe"\n\n'
                                      'msgid "Saved"\nmsgstr "Enregistré."\n')
    catalogue(tmp_path, "admin", "fr", 'msgid "Password"\nmsgstr "Mot de passe"\n\nmsgid "Saved"\nmsgstr "Enregistré"\n')
    assert findings(tmp_path) == []


def test_the_same_source_in_another_context_may_differ(tmp_path):
    catalogue(tmp_path, "forms", "ru", '#: forms.py:30\nmsgid "Date from"\nmsgstr "Дата с"\n')
    catalogue(tmp_path, "filters", "ru", "#. Translators: start of a date range filter, followed by the date\n"
                                         '#: filters.py:112\nmsgid "Date from"\nmsgstr "С"\n\n'
                                         'msgctxt "abbreviation"\nmsgid "Sunday"\nmsgstr "Вс"\n\n'
                                         'msgid "Sunday"\nmsgstr "Воскресенье"\n')
    assert findings(tmp_path) == []


def test_sources_that_differ_in_phrasing_only_may_share_a_translation(tmp_path):
    catalogue(tmp_path, "admin", "ja", 'msgid "Change my password"\nmsgstr "パスワードの変更"\n\n'
                                       'msgid "Add a locale"\nmsgstr "ロケールを追加"\n')
    catalogue(tmp_path, "auth", "ja", 'msgid "Password change"\nmsgstr "パスワードの変更"\n\n'
                                      'msgid "Add locale"\nmsgstr "ロケールを追加"\n')
    assert findings(tmp_path) == []


def test_real_drift_is_still_reported(tmp_path):
    catalogue(tmp_path, "admin", "de", 'msgid "File size"\nmsgstr "Dateigröße"\n\nmsgid "Site"\nmsgstr "Seite"\n\n'
                                       'msgid "Delete"\nmsgstr "Löschen"\n')
    catalogue(tmp_path, "files", "de", 'msgid "File size"\nmsgstr "Dateigrösse"\n\nmsgid "Site"\nmsgstr "Webseite"\n\n'
                                       'msgid "Delete all files in this folder now"\nmsgstr "Löschen"\n')
    found = findings(tmp_path)
    assert [(check, msgid) for check, msgid, _ in found] == [
        ("inconsistent-source", "Delete"),  # "Löschen" for "Delete all files in this folder now" too
        ("inconsistent-translation", "File size"), ("inconsistent-translation", "File size"),
        ("inconsistent-translation", "Site"), ("inconsistent-translation", "Site")]


def test_entry_missing_trusts_only_catalogues_made_from_a_template_at_least_as_new(tmp_path):
    """Django's humanize: hi was last updated from a 2015 template that still had '%(value).1f million',
    ru from a 2021 one without it. ru is not told it lacks it; hi is told what the newer ru has."""
    def humanize(language: str, created: str, msgids: list[str]) -> None:
        path = tmp_path / "humanize" / "locale" / language / "LC_MESSAGES" / "django.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(f'\nmsgid "{m}"\nmsgstr "{m}!"\n' for m in msgids)
        path.write_text(f'msgid ""\nmsgstr ""\n"POT-Creation-Date: {created}\\n"\n"Language: {language}\\n"\n'
                        f'"Content-Type: text/plain; charset=UTF-8\\n"\n{body}', encoding="utf-8")

    humanize("hi", "2015-01-17 11:07+0100", ["%(value).1f million", "ordinal"])
    humanize("ru", "2021-09-21 10:22+0200", ["ordinal", "%(value)s day"])
    report = run_checks([tmp_path], only=["entry-missing"])
    assert [(f.language, f.msgid) for f in report.findings] == [("hi", "%(value)s day")]


def test_a_source_whose_words_are_all_in_the_other_is_noted_not_warned(tmp_path):
    # Wagtail 8.0.1, wagtail/images/locale/de/LC_MESSAGES/django.po (BSD-3-Clause)
    catalogue(tmp_path, "images", "de", 'msgid "Add to collection"\nmsgstr "Der Sammlung hinzufügen"\n\n'
                                        'msgid "Add images to collection"\nmsgstr "Der Sammlung hinzufügen"\n')
    # and a real one: two different actions under one label
    catalogue(tmp_path, "admin", "de", 'msgid "Delete this page and its subpages"\n'
                                       'msgstr "Diese Seite mit ihren Unterseiten löschen"\n\n'
                                       'msgid "Unpublish this page"\nmsgstr "Diese Seite mit ihren Unterseiten löschen"\n')
    report = run_checks([tmp_path], only=["inconsistent-source"])
    assert sorted((f.msgid, f.severity) for f in report.findings) == [
        ("Add to collection", "info"), ("Unpublish this page", "warning")]


def test_sources_that_differ_only_by_synonyms_of_one_glossary_concept_share_a_translation(tmp_path):
    """"growth triangle" and "Yangtze River Delta" are two English terms of one concept (c017 of the project's
    glossary): one Chinese translation for both is right. Without the glossary they are different sources."""
    body = ('msgid "Yangzhou has a strong influence in the growth triangle."\nmsgstr "扬州在长三角具有重要影响力。"\n\n'
            'msgid "Yangzhou has a strong influence in the Yangtze River Delta."\nmsgstr "扬州在长三角具有重要影响力。"\n')
    catalogue(tmp_path, "article", "zh_CN", body)
    glossary = Path(__file__).parents[2] / "glossary" / "yangzhou-auto-forum.tbx"
    with_glossary = run_checks([tmp_path], only=ONLY, termbase=str(glossary))
    assert with_glossary.findings == []
    without = run_checks([tmp_path], only=ONLY)
    assert [f.check for f in without.findings] == ["inconsistent-source"]


def test_inconsistent_source_from_the_per_file_stage_or_on_the_spot(tmp_path):
    """The check over a run's file summaries and over catalogues a caller already read reports the same,
    synonyms of one glossary concept read as one source."""
    from workbench.checks.base import Context, Entry
    from workbench.checks.consistency import InconsistentSource
    from workbench.checks.runner import load_inputs
    from workbench.glossary.terminology import Terminology

    body = ('msgid "Yangzhou has a strong influence in the growth triangle."\nmsgstr "扬州在长三角具有重要影响力。"\n\n'
            'msgid "Yangzhou has a strong influence in the Yangtze River Delta."\nmsgstr "扬州在长三角具有重要影响力。"\n\n'
            'msgid "Delete this page"\nmsgstr "删除"\n\nmsgid "Unpublish this page"\nmsgstr "删除"\n')
    catalogue(tmp_path, "article", "zh_CN", body)
    glossary = Terminology.load(Path(__file__).parents[2] / "glossary" / "yangzhou-auto-forum.tbx")
    run = run_checks([tmp_path], only=["inconsistent-source"], termbase=glossary)
    assert [f.msgid for f in run.findings] == ["Unpublish this page"]  # the synonyms of one concept are one source
    infos = load_inputs([tmp_path])
    entries = [Entry(message, info) for info in infos for message in info.catalog.entries()]
    assert all(getattr(entry.message, "facts", None) is None for entry in entries)
    spot = InconsistentSource().check_catalogues(infos, entries, Context("zh_CN", glossary=glossary))
    assert [(entry.source, issue.message) for entry, _, issue in spot] == [(f.msgid, f.message) for f in run.findings]
