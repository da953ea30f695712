"""Punctuation and whitespace, script-aware: fires on mistakes, stays quiet on correct CJK, Russian, French."""

from __future__ import annotations

import pytest

from workbench.checks.base import CatalogueCheck, CatalogueInfo, Context, Entry
from workbench.checks.punctuation import (Brackets, CJKPunctuation, EndPunctuation, FrenchSpacing, FullwidthPunctuation,
                                          StartCapital)
from workbench.checks.whitespace import DoubleSpace, LeadingWhitespace, RepeatedWord, TrailingWhitespace
from workbench.po.catalog import Catalog, Message


def run(check, source: str, target: str, language: str):
    info = CatalogueInfo(catalog=Catalog(), path="x.po", language=language, nplurals=2)
    entry = Entry(Message(msgid=source, msgstr=target), info)
    if issubclass(check, CatalogueCheck):  # judged by the catalogue's convention: a catalogue of one entry
        return [issue for found, _, issue in check().check_catalogues([info], [entry], Context(language=language))
                if found is entry]
    return list(check().check_entry(entry, Context(language=language)))


# -- no false alarms --------------------------------------------------------------------------------
@pytest.mark.parametrize("check, source, target, language", [
    (EndPunctuation, "(Reporter Zhang Yujing and He Shichun)", "（记者 张玉菁 何世春）", "zh_CN"),
    (EndPunctuation, "(Reporter Zhang Yujing and He Shichun)", "(Корреспонденты Чжан Юйцзин и Хэ Шичунь)", "ru"),
    (EndPunctuation, "The theme is “Cooperation.”", "主题为“合作”。", "zh_CN"),
    (EndPunctuation, "The theme is “Cooperation.”", "Тема — «Сотрудничество».", "ru"),
    (EndPunctuation, "The theme is “Cooperation.”", "Le thème est «\u00a0Coopération\u00a0».", "fr"),
    (EndPunctuation, "Welcome!", "ようこそ！", "ja"),
    (EndPunctuation, "Is it open?", "开放吗？", "zh_CN"),
    (EndPunctuation, "Is it open?", "Est-ce ouvert\u202f?", "fr"),
    (EndPunctuation, "Loading...", "加载中……", "zh_CN"),
    (EndPunctuation, "Name:", "名称", "zh_CN"),
    (EndPunctuation, "He said: “We are ready.”", "Er sagte: „Wir sind bereit.“", "de"),  # „…“ closes with “
    (EndPunctuation, "Will the forum open?", "ฟอรั่มจะเปิดไหม", "th"),  # a Thai question ends with its particle
    (Brackets, "(Reporter Zhang Yujing)", "（记者 张玉菁）", "zh_CN"),
    (Brackets, "The theme is “Cooperation”.", "主题为“合作”。", "zh_CN"),
    (Brackets, "The theme is “Cooperation”.", "テーマは「協力」です。", "ja"),
    (Brackets, "The theme is “Cooperation”.", "Тема — «Сотрудничество».", "ru"),
    (Brackets, "The theme is “Cooperation”.", "Тема — „Сотрудничество“.", "ru"),
    (Brackets, "The theme is “Cooperation”.", "Das Thema ist „Zusammenarbeit“.", "de"),
    (Brackets, "The theme is “Cooperation”.", "Das Thema ist »Zusammenarbeit«.", "de"),
    (Brackets, "The theme is “Cooperation”.", "Temat to „Współpraca”.", "pl"),
    (Brackets, "The city’s growth", "l’essor de la ville", "fr"),
    (Brackets, "Choose: 1) a park 2) a road", "Выберите: 1) парк 2) дорогу", "ru"),
    (CJKPunctuation, "Visit example.com, then call 10:30.", "访问 example.com，然后在10:30致电。", "zh_CN"),
    (CJKPunctuation, "Node.js 3.5 released", "Node.js 3.5 发布", "zh_CN"),
    (CJKPunctuation, "Use %(name)s: now", "现在使用 %(name)s：", "zh_CN"),
    (CJKPunctuation, "Pan (mayor) spoke.", "潘（市长）致辞。", "zh_CN"),
    (FrenchSpacing, "Note: see http://example.com", "Remarque\u00a0: voir http://example.com", "fr"),
    (FrenchSpacing, "At 10:30!", "À 10:30\u202f!", "fr"),
    (FrenchSpacing, "“Cooperation”", "«\u00a0Coopération\u00a0»", "fr"),
    (FrenchSpacing, "Really?!", "Vraiment\u202f?!", "fr"),
    (FrenchSpacing, "Note: x", "Note\u00a0: x", "fr_CA"),
    (FrenchSpacing, "Really?", "Vraiment?", "fr_CA"),
    (DoubleSpace, "A  B", "A  B", "fr"),
    (StartCapital, "Pan welcomed the experts.", "Пань Гоцян пригласил экспертов.", "ru"),
    (FullwidthPunctuation, "Pan spoke.", "Пань выступил.", "ru"),
    (CJKPunctuation, 'Set "DEBUG" to False.', '将 "DEBUG" 设为 False。', "zh_CN"),
    (StartCapital, "Tuesday", "вторник", "ru"),
    (StartCapital, "%(name)s is not valid.", "значение %(name)s неверно.", "ru"),
    (StartCapital, "iPhone users are welcome.", "Пользователи iPhone приглашены.", "ru"),
    (RepeatedWord, "We met.", "Nous nous sommes rencontrés.", "fr"),
    (RepeatedWord, "Look.", "看看。", "zh_CN"),
    (LeadingWhitespace, "\nText", "\nTexte", "fr"),
    (TrailingWhitespace, "Text ", "文本 ", "zh_CN"),
])
def test_correct_text_is_quiet(check, source, target, language):
    assert run(check, source, target, language) == []


# -- mistakes ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("check, source, target, language, offending", [
    (EndPunctuation, "It opened.", "开幕了", "zh_CN", "了"),
    (EndPunctuation, "It opened.", "开幕了.", "zh_CN", "."),
    (EndPunctuation, "Welcome!", "ようこそ!", "ja", "!"),
    (EndPunctuation, "It opened.", "Он открылся", "ru", "я"),
    (EndPunctuation, "Is it open?", "Открыто.", "ru", "."),
    (CJKPunctuation, "He said, it grew.", "他说,它增长了。", "zh_CN", ","),
    (CJKPunctuation, "Pan (mayor) spoke.", "潘(市长)致辞。", "zh_CN", "("),
    (CJKPunctuation, "Is it, open?", "それは,開いていますか？", "ja", ","),
    (FrenchSpacing, "Note: x", "Remarque: x", "fr", "e:"),
    (FrenchSpacing, "Note: x", "Remarque : x", "fr", " :"),
    (FrenchSpacing, "Really?", "Vraiment?", "fr", "t?"),
    (FrenchSpacing, "“Cooperation”", "«Coopération»", "fr", "«"),
    (Brackets, "(Reporter Zhang)", "（记者 张玉菁", "zh_CN", "（"),
    (Brackets, "The theme is “Cooperation”.", "主题为“合作。", "zh_CN", "“"),
    (Brackets, "The theme is “Cooperation”.", "Тема — «Сотрудничество.", "ru", None),
    (Brackets, "The theme is “Cooperation”.", "テーマは「協力です。", "ja", "「"),
    (DoubleSpace, "A B", "A  B", "ru", "  "),
    (StartCapital, "The forum opened today.", "форум открылся сегодня.", "ru", "ф"),
    (CJKPunctuation, 'The theme is "Cooperation".', '主题为"合作"。', "zh_CN", '"'),
    (FullwidthPunctuation, "Pan, the mayor, spoke.", "Пань，мэр, выступил.", "ru", "，"),
    (FullwidthPunctuation, "It opened (today).", "Il s’est ouvert（aujourd’hui）.", "fr", "（"),
    (StartCapital, "The forum opened today.", "le forum s’est ouvert aujourd’hui.", "fr", "l"),
    (DoubleSpace, "A B", "甲  乙", "zh_CN", "  "),
    (RepeatedWord, "in support", "в в поддержке", "ru", "в в"),
    (RepeatedWord, "the city", "la la ville", "fr", "la la"),
    (LeadingWhitespace, "Text", " Texte", "fr", " "),
    (TrailingWhitespace, "Text", "Текст ", "ru", " "),
    (TrailingWhitespace, "Text\n", "Текст", "ru", None),
])
def test_mistakes_are_found(check, source, target, language, offending):
    found = run(check, source, target, language)
    assert found, (check.id, target)
    if offending is not None:
        assert offending in [issue.offending for issue in found]


def test_capitalisation_never_on_cjk():
    from workbench.checks.registry import all_checks

    assert not StartCapital.applies_to("zh_CN") and not StartCapital.applies_to("ja")
    for cls in all_checks():
        assert "capital" not in cls.id or not cls.applies_to("zh_CN")


# -- a catalogue's own convention, and syntax the source shows (bench/precision) ---------------------------
def catalogue_findings(check, pairs, language):
    info = CatalogueInfo(catalog=Catalog(), path="x.po", language=language, nplurals=2)
    entries = [Entry(Message(msgid=source, msgstr=target), info) for source, target in pairs]
    return [(found.message.msgid if found else None, issue.severity or check.severity, issue.offending)
            for found, _, issue in check().check_catalogues([info], entries, Context(language=language))]


# Django 5.2.19, django/conf/locale/ja/LC_MESSAGES/django.po and contrib/admin (BSD-3-Clause): ASCII ( ) throughout
DJANGO_JA = [("(does not exist)", "(存在しません)"), ("Foreign Key (type determined by related field)",
              "外部キー(型は関連フィールドによって決まります)"), ("(Hidden field %(name)s) %(error)s", "(隠しフィールド %(name)s) %(error)s")]


def test_a_catalogue_that_writes_ascii_parentheses_throughout_gets_one_note():
    findings = catalogue_findings(CJKPunctuation, [*DJANGO_JA, ("Is it, open?", "それは,開いていますか？")], "ja")
    assert findings == [(None, "info", "()"), ("Is it, open?", "warning", ",")]


def test_a_catalogue_of_fullwidth_brackets_still_gets_the_stray_ascii_one():
    pairs = [("Pan (mayor) spoke.", "潘（市长）致辞。"), ("A (b)", "甲（乙）"), ("C (d)", "丙（丁）"), ("E (f)", "戊(己)")]
    assert catalogue_findings(CJKPunctuation, pairs, "zh_CN") == [("E (f)", "warning", "("), ("E (f)", "warning", ")")]


def test_syntax_the_source_shows_is_kept():
    pairs = [
        ("yes,no,maybe", "はい,いいえ,たぶん"),  # Django's yesno filter splits on the comma (conf/locale/ja)
        ("environment variable; %s", "環境変数; %s"),  # a Sphinx index entry (sphinx/locale/ja, BSD-2-Clause)
        ("“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.",
         "“%(value)s” は正しい形式 (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) の値ですが、無効な日時です。"),  # Django, conf/locale/ja
        ("Sign up [here](https://example.org/fair).", "请在[这里](https://example.org/fair)报名。"),  # a Markdown link
    ]
    assert catalogue_findings(CJKPunctuation, pairs, "ja") == []


# Sphinx 9.0.4, sphinx/locale/fr/LC_MESSAGES/sphinx.po (BSD-2-Clause): ordinary spaces throughout, no U+00A0 at all
SPHINX_FR = [("error writing file Makefile: %s", "erreur lors l'écriture du fichier Makefile : %s"),
             ("invalid numfig_format: %s", "numfig_format invalide : %s"),
             ('theme %r doesn\'t have the "theme" table', "Le thème %r n'a pas la table « thème »"),
             ("Section author: ", "Auteur de la section : "),
             ("undocumented python method: %s :: %s :: %s", "méthode python non documentée: %s :: %s :: %s")]


def test_a_catalogue_with_ordinary_spaces_throughout_gets_one_note_and_its_exceptions():
    findings = catalogue_findings(FrenchSpacing, SPHINX_FR, "fr")
    assert findings[0][:2] == (None, "info")
    assert findings[1:] == [("undocumented python method: %s :: %s :: %s", "warning", "e:")]


def test_a_catalogue_with_no_break_spaces_gets_every_ordinary_space():
    pairs = [("Note: x", "Remarque\u00a0: x"), ("Really?", "Vraiment\u202f?"), ("“A”", "«\u00a0A\u00a0»"),
             ("Why?", "Pourquoi ?")]
    assert catalogue_findings(FrenchSpacing, pairs, "fr") == [("Why?", "warning", " ?")]


def test_a_mark_in_syntax_the_source_has_is_left_alone():
    # Sphinx 9.0.4, sphinx/locale/fr/LC_MESSAGES/sphinx.po (BSD-2-Clause): a reST option and an index entry
    pairs = [*SPHINX_FR[:4], ("duplicate object description of %s, other instance in %s, use :no-index: for one of them",
                              "description dupliquée de l'objet %s, autre instance dans %s, utiliser :no-index: pour l'un d'eux"),
             ("Python Enhancement Proposals; PEP %s", "Python Enhancement Proposals; PEP %s")]
    assert [f[:2] for f in catalogue_findings(FrenchSpacing, pairs, "fr")] == [(None, "info")]


def test_one_sentence_end_for_another_is_noted_a_missing_one_is_a_warning():
    # Wagtail 8.0.1, wagtail/admin/locale/de/LC_MESSAGES/django.po (BSD-3-Clause): a request ends in "!"
    [swapped] = run(EndPunctuation, "Sorry, an error occurred. Please try again.",
                    "Leider ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut!", "de")
    assert swapped.severity == "info"
    # Django 5.2.19, django/contrib/admin/locale/de/LC_MESSAGES/djangojs.po (BSD-3-Clause): rewritten as a question
    [question] = run(EndPunctuation, "You have unsaved changes on individual editable fields. If you run an action, "
                     "your unsaved changes will be lost.", "Sie haben Änderungen an bearbeitbaren Feldern vorgenommen "
                     "und nicht gespeichert. Wollen Sie die Aktion trotzdem ausführen und Ihre Änderungen verwerfen?", "de")
    assert question.severity == "info"
    [missing] = run(EndPunctuation, "Please try again.", "Bitte versuchen Sie es erneut", "de")
    assert missing.severity is None  # the check's own: a warning
    [colon] = run(EndPunctuation, "Enter the name of the new page:", "Geben Sie den Namen der neuen Seite ein.", "de")
    assert colon.severity is None  # a label's colon turned into a full stop is not a choice of sentence


def test_end_punctuation_looks_through_a_closing_tag_and_repeated_word_not_across_markup():
    # Wagtail 8.0.1, wagtail/users/locale/de/LC_MESSAGES/django.po (BSD-3-Clause): the period is inside the link
    [choice] = run(EndPunctuation, 'There are no groups configured. Why not <a href="%(url)s">add some</a>?',
                   'Es sind keine Gruppen konfiguriert. <a href="%(url)s">Legen Sie eine an.</a>', "de")
    assert choice.severity == "info"  # a question rewritten as a request, not a missing end mark
    assert run(EndPunctuation, "Read <b>this</b>.", "Lisez <b>ceci</b>.", "fr") == []
    # wagtail/admin/locale/de/LC_MESSAGES/django.po: two "in"s with a placeholder between them
    assert run(RepeatedWord, "This %(model_name)s is at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>.",
               "Dieses %(model_name)s-Objekt ist aktuell in <strong>%(task)s</strong> in <strong>%(workflow)s</strong>.",
               "de") == []
    assert [i.offending for i in run(RepeatedWord, "It is in the box.", "Es ist in in der Kiste.", "de")] == ["in in"]
