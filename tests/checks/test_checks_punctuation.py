"""Punctuation and whitespace, script-aware: fires on mistakes, stays quiet on correct CJK, Russian, French."""

from __future__ import annotations

import pytest

from workbench.checks.base import CatalogueInfo, Context, Entry
from workbench.checks.punctuation import (Brackets, CJKPunctuation, EndPunctuation, FrenchSpacing, FullwidthPunctuation,
                                          StartCapital)
from workbench.checks.whitespace import DoubleSpace, LeadingWhitespace, RepeatedWord, TrailingWhitespace
from workbench.po.catalog import Catalog, Message


def run(check, source: str, target: str, language: str):
    info = CatalogueInfo(catalog=Catalog(), path="x.po", language=language, nplurals=2)
    entry = Entry(Message(msgid=source, msgstr=target), info)
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
