"""``workbench pretranslate``: untranslated entries filled from the real project memory, as fuzzy, with a
note; nothing else in the file changes."""

from __future__ import annotations

from pathlib import Path

from workbench.cli import main
from workbench.config import load_config
from workbench.layout import catalogue_path
from workbench.po.reader import read_po
from workbench.po.writer import format_po
from workbench.tm.pretranslate import is_tm_note, pretranslate
from workbench.update import update


def entries(config, article: str, language: str) -> dict:
    return {m.msgid: m for m in read_po(catalogue_path(config, article, language)).entries()}


def test_untranslated_entries_are_filled_fuzzy_with_the_match_named(tm_project):
    config = load_config(tm_project)
    results = pretranslate(config, ["second"])
    zh = entries(config, "second", "zh_CN")
    assert zh["The forum opened on August 29."].msgstr == "论坛于8月29日开幕。"
    assert zh["Mayor Pan Guoqiang delivered a speech."].msgstr == "潘国强市长发表讲话。"
    assert zh["Table of Contents"].msgstr == "目录"
    assert zh["Nothing like this was said before."].msgstr == ""  # no match at 75 %
    filled = [m for m in zh.values() if m.msgstr]
    assert filled and all(m.fuzzy for m in filled)
    assert "TM 99%: The forum opened on May 3. — first" in zh["The forum opened on August 29."].extracted_comments
    assert "TM 100%: Mayor Pan Guoqiang delivered a speech. — first" in zh[
        "Mayor Pan Guoqiang delivered a speech."].extracted_comments
    fr = entries(config, "second", "fr")
    assert fr["The forum opened on August 29."].msgstr == "Le forum s’est ouvert le 29 août."
    # "nine" for "twelve": one word of five, 80 %, filled; the number word itself is the translator's to fix
    assert fr["Guests came from nine countries."].msgstr == "Les invités venaient de douze pays."
    assert "TM 80%: Guests came from twelve countries. — first" in fr["Guests came from nine countries."].extracted_comments
    assert sorted((r.language, len(r.filled)) for r in results if r.filled) == [("fr", 4), ("zh_CN", 4)]


def test_the_threshold_decides(tm_project):
    config = load_config(tm_project)
    pretranslate(config, ["second"], ["fr"], threshold=90)
    fr = entries(config, "second", "fr")
    assert fr["Guests came from nine countries."].msgstr == ""  # 80 % < 90 %
    assert fr["Table of Contents"].msgstr == "Table des matières"


def test_an_entry_with_any_translation_is_never_touched(tm_project):
    config = load_config(tm_project)
    path = catalogue_path(config, "second", "zh_CN")
    catalogue = read_po(path)
    for message in catalogue.entries():
        if message.msgid == "Table of Contents":
            message.msgstr = "内容表"  # the translator's own, fuzzy
            message.fuzzy = True
        if message.msgid == "Mayor Pan Guoqiang delivered a speech.":
            message.msgstr = "市长潘国强致辞。"
    path.write_text(format_po(catalogue), encoding="utf-8")
    pretranslate(config, ["second"], ["zh_CN"])
    zh = entries(config, "second", "zh_CN")
    assert zh["Table of Contents"].msgstr == "内容表"
    assert zh["Mayor Pan Guoqiang delivered a speech."].msgstr == "市长潘国强致辞。"
    assert not any(is_tm_note(c) for c in zh["Table of Contents"].extracted_comments)
    assert zh["The forum opened on August 29."].msgstr == "论坛于8月29日开幕。"


def test_only_the_filled_entries_change_in_the_file(tm_project):
    config = load_config(tm_project)
    path = catalogue_path(config, "second", "zh_CN")
    before = path.read_bytes()
    results = pretranslate(config, ["second"], ["zh_CN"])
    after = read_po(path)
    filled = {entry.msgid for result in results for entry in result.filled}
    assert filled
    # undo exactly the fills: msgstr, fuzzy flag, note; the rest must be the bytes as they were
    for message in after.entries():
        if message.msgid in filled:
            message.msgstr = ""
            message.fuzzy = False
            message.extracted_comments = [c for c in message.extracted_comments if not is_tm_note(c)]
    assert format_po(after).encode("utf-8") == before


def test_dry_run_writes_nothing_and_says_what_it_would_fill(tm_project, capsys):
    config = load_config(tm_project)
    folder = config.locales_dir
    before = {p: p.read_bytes() for p in folder.rglob("*.po")}
    assert main(["-C", str(tm_project), "pretranslate", "--dry-run", "second"]) == 0
    assert {p: p.read_bytes() for p in folder.rglob("*.po")} == before
    out = capsys.readouterr().out
    assert "would fill locales/zh_CN/LC_MESSAGES/second.po (4 entries)" in out
    assert "99% (fuzzy) 'The forum opened on August 29.' → '论坛于8月29日开幕。'" in out
    assert "carried over: May 3 → August 29" in out


def test_exact_matches_are_accepted_only_when_the_config_says_so(tmp_path, make_tm_project):
    plain = load_config(make_tm_project(tmp_path / "plain"))
    pretranslate(plain, ["second"], ["zh_CN"])
    assert entries(plain, "second", "zh_CN")["Mayor Pan Guoqiang delivered a speech."].fuzzy

    accepting = load_config(make_tm_project(tmp_path / "accepting", "tm-accept-exact = true\n"))
    pretranslate(accepting, ["second"], ["zh_CN"])
    zh = entries(accepting, "second", "zh_CN")
    assert not zh["Mayor Pan Guoqiang delivered a speech."].fuzzy  # 100 %, same (no) context
    assert zh["The forum opened on August 29."].fuzzy  # 99 %: still for review


def test_update_keeps_the_note_while_the_entry_is_fuzzy_and_drops_it_once_approved(tm_project):
    config = load_config(tm_project)
    pretranslate(config, ["second"], ["zh_CN"])
    path = catalogue_path(config, "second", "zh_CN")
    filled = path.read_bytes()
    update(config, ["zh_CN"])
    assert path.read_bytes() == filled  # update after pretranslate changes nothing
    catalogue = read_po(path)
    for message in catalogue.entries():
        message.fuzzy = False  # the translator approves everything
    path.write_text(format_po(catalogue), encoding="utf-8")
    update(config, ["zh_CN"])
    assert not any(is_tm_note(c) for m in read_po(path).entries() for c in m.extracted_comments)


def test_a_second_run_fills_nothing_more(tm_project):
    config = load_config(tm_project)
    pretranslate(config, ["second"])
    snapshot = {p: p.read_bytes() for p in Path(config.locales_dir).rglob("*.po")}
    results = pretranslate(config, ["second"])
    assert not any(result.filled for result in results)
    assert {p: p.read_bytes() for p in Path(config.locales_dir).rglob("*.po")} == snapshot


def test_an_unknown_article_is_refused(tm_project, capsys):
    assert main(["-C", str(tm_project), "pretranslate", "third"]) == 2
    assert "no catalogue for article(s): third" in capsys.readouterr().err


def test_on_every_core_the_files_are_the_same_as_in_one_process(tmp_path, make_tm_project, monkeypatch):
    from workbench.extract import extract

    written = []
    for jobs in ("1", "2"):
        root = make_tm_project(tmp_path / f"jobs{jobs}")
        for number in range(3, 7):  # 12 catalogues: enough for map_files to fork workers
            (root / "seeds" / f"article{number}.txt").write_text(
                f"The forum opened on June {number}.\n\nGuests came from {number} countries.\n", encoding="utf-8")
        config = load_config(root)
        extract(config)
        update(config)
        monkeypatch.setenv("WORKBENCH_JOBS", jobs)
        results = pretranslate(config)
        assert sum(len(r.filled) for r in results) == 8 + 4 * 2 * 2
        written.append({p.relative_to(root): p.read_bytes() for p in sorted(config.locales_dir.rglob("*.po"))})
    assert written[0] == written[1]
    june = read_po(tmp_path / "jobs2" / "locales" / "fr" / "LC_MESSAGES" / "article4.po").find(
        "The forum opened on June 4.")
    assert june.msgstr == "Le forum s’est ouvert le 4 juin." and june.fuzzy
