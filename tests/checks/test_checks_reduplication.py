"""cjk-reduplication: a word of two or more characters doubled by mistake in Chinese or Japanese; grammatical
doubling silent. Planted mistakes in zh_CN and ja found on their entries, clean counterparts silent."""

from __future__ import annotations

import pytest

from workbench.checks.base import CatalogueInfo, Context, Entry
from workbench.checks.runner import run_checks
from workbench.checks.script import CJKReduplication
from workbench.po.catalog import Catalog, Message

HEADER = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

# language: (source, planted mistake, clean translation)
PLANTED = {
    "zh_CN": [
        ("Make the industry stronger and better", "把产业做强做强做优", "把产业做强做优"),
        ("Field name", "字段字段名称", "字段名称"),
        ("Have a look at the settings", "看看设置", "看看设置"),
    ],
    "ja": [
        ("Dutch", "オランダオランダ語", "オランダ語"),
        ("Save the page", "ページページを保存", "ページを保存"),
    ],
}


def _catalogue(tmp_path, language, pairs):
    path = tmp_path / language / "LC_MESSAGES" / "words.po"
    path.parent.mkdir(parents=True)
    body = "".join(f'msgid "{source}"\nmsgstr "{target}"\n\n' for source, target in pairs)
    path.write_text(HEADER.format(lang=language) + body, encoding="utf-8")


@pytest.mark.parametrize("language", sorted(PLANTED))
def test_planted_doubles_found_on_their_entries(tmp_path, language):
    _catalogue(tmp_path, language, [(source, wrong) for source, wrong, _ in PLANTED[language]])
    report = run_checks([tmp_path], only=["cjk-reduplication"])
    planted = {source for source, wrong, clean in PLANTED[language] if wrong != clean}
    assert {f.msgid for f in report.findings if f.check == "cjk-reduplication"} == planted
    assert {f.severity for f in report.findings} == {"warning"}


@pytest.mark.parametrize("language", sorted(PLANTED))
def test_clean_counterparts_silent(tmp_path, language):
    _catalogue(tmp_path, language, [(source, clean) for source, _, clean in PLANTED[language]])
    assert run_checks([tmp_path], only=["cjk-reduplication"]).findings == []


def issues(source, target, language):
    info = CatalogueInfo(catalog=Catalog(), path="x.po", language=language, nplurals=1)
    return list(CJKReduplication().check_entry(Entry(Message(msgid=source, msgstr=target), info), Context(language=language)))


@pytest.mark.parametrize("target, language", [
    ("看看", "zh_CN"), ("常常", "zh_CN"), ("试一试", "zh_CN"), ("高高兴兴地", "zh_CN"), ("慢慢地", "zh_CN"),
    ("哈哈哈哈", "zh_CN"), ("一个一个地检查", "zh_CN"), ("人々", "ja"), ("いろいろな設定", "ja"), ("ますます速く", "ja"),
    ("ドキドキ", "ja"), ("一つ一つ確認", "ja"), ("サインイン", "ja"),  # サ + インイン: a loanword, not a double
])
def test_grammatical_doubling_is_silent(target, language):
    assert issues("Some text", target, language) == []


def test_a_source_that_repeats_itself_may_be_echoed():
    assert issues("Bye bye", "拜拜拜拜", "zh_CN") == [] and issues("Very, very slow", "非常非常慢", "zh_CN") == []


def test_offending_span_is_the_doubled_run():
    [issue] = issues("Field name", "字段字段名称", "zh_CN")
    assert (issue.offending, issue.span) == ("字段字段", (0, 4))
