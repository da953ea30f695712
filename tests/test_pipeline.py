"""extract → update → build → stats → compile on small projects, through the CLI a user types."""

import json
import shutil
import subprocess

import pytest

from workbench.cli import main
from workbench.po.reader import read_po


def run(project, *args):
    return main(["-C", str(project), *args])


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_extract_writes_one_entry_per_unique_sentence_with_references(project):
    assert run(project, "extract") == 0
    pot = read_po(project / "locales" / "news.pot")
    entries = list(pot.entries())
    assert [m.msgid for m in entries] == [
        "The forum opened on August 29.",
        "Mayor Pan spoke.",
        "Guests came from Tajikistan.",
    ]
    repeated = entries[0]
    assert repeated.references == ["seeds/news.txt:1", "seeds/news.txt:3"]
    assert repeated.extracted_comments == ["paragraph 1, sentence 1", "paragraph 2, sentence 1"]
    fields = pot.header_fields()
    for name in ("Project-Id-Version", "POT-Creation-Date", "Content-Type", "MIME-Version"):
        assert fields[name]


def test_extract_and_update_twice_change_nothing(project):
    assert run(project, "extract") == 0 and run(project, "update") == 0
    first = snapshot(project / "locales")
    assert run(project, "extract") == 0 and run(project, "update") == 0
    assert snapshot(project / "locales") == first


def test_extract_is_deterministic_across_fresh_runs(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run(project, "extract")
    first = (project / "locales" / "news.pot").read_bytes()
    (project / "locales" / "news.pot").unlink()
    run(project, "extract")
    assert (project / "locales" / "news.pot").read_bytes() == first
    assert b"2023-11-14 22:13+0000" in first


def test_update_creates_catalogues_with_gettexts_plural_forms(project):
    run(project, "extract")
    run(project, "update")
    for language, plural in [("zh_CN", "nplurals=1; plural=0;"), ("fr", "nplurals=2; plural=(n > 1);")]:
        catalogue = read_po(project / "locales" / language / "LC_MESSAGES" / "news.po")
        assert catalogue.language == language
        assert catalogue.header_field("Plural-Forms") == plural
        assert "charset=UTF-8" in catalogue.header_field("Content-Type")


def test_update_never_rewrites_an_existing_plural_forms(project):
    """A catalogue written with CLDR's three French forms keeps them: its msgstr[n] follow them."""
    run(project, "extract")
    run(project, "update")
    path = project / "locales" / "fr" / "LC_MESSAGES" / "news.po"
    cldr = "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
    path.write_text(path.read_text().replace("nplurals=2; plural=(n > 1);", cldr))
    (project / "seeds" / "news.txt").write_text((project / "seeds" / "news.txt").read_text() + "\nA new line.\n")
    run(project, "extract")
    assert run(project, "update") == 0
    assert read_po(path).header_field("Plural-Forms") == cldr


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU msgfmt not installed")
def test_new_catalogues_pass_msgfmt_check(project):
    run(project, "extract")
    run(project, "update")
    for po in (project / "locales").rglob("*.po"):
        result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "warning" not in result.stderr, result.stderr


def translate(project, language, translations, fuzzy=()):
    from workbench.po.writer import write_po

    path = project / "locales" / language / "LC_MESSAGES" / "news.po"
    catalogue = read_po(path)
    for message in catalogue.entries():
        if message.msgid in translations:
            message.msgstr = translations[message.msgid]
            message.fuzzy = message.msgid in fuzzy
    write_po(catalogue, path)


def test_changed_source_makes_fuzzy_entries_and_keeps_old_ones_obsolete(project):
    run(project, "extract")
    run(project, "update", "--lang", "fr")
    translate(project, "fr", {"Mayor Pan spoke.": "Le maire Pan a pris la parole.", "Guests came from Tajikistan.": "Des invités sont venus du Tadjikistan."})
    (project / "seeds" / "news.txt").write_text("The forum opened on August 29. Mayor Pan spoke briefly.\n", encoding="utf-8")
    run(project, "extract")
    run(project, "update", "--lang", "fr")
    catalogue = read_po(project / "locales" / "fr" / "LC_MESSAGES" / "news.po")
    changed = catalogue.find("Mayor Pan spoke briefly.")
    assert changed.fuzzy and changed.previous_msgid == "Mayor Pan spoke." and changed.msgstr == "Le maire Pan a pris la parole."
    assert [(m.msgid, m.msgstr) for m in catalogue.obsolete_entries()] == [("Guests came from Tajikistan.", "Des invités sont venus du Tadjikistan.")]


def test_build_writes_translations_and_falls_back_to_source(project):
    run(project, "extract")
    run(project, "update")
    translate(project, "zh_CN", {
        "The forum opened on August 29.": "论坛于8月29日开幕。",
        "Mayor Pan spoke.": "潘市长致辞。",
        "Guests came from Tajikistan.": "嘉宾来自塔吉克斯坦。",
    })
    translate(project, "fr", {"The forum opened on August 29.": "Le forum s’est ouvert le 29 août.", "Mayor Pan spoke.": "Le maire Pan a parlé."},
              fuzzy=("Mayor Pan spoke.",))
    assert run(project, "build", "--threshold", "0") == 0
    # Chinese sentences follow each other without a space; the paragraph structure stays
    assert (project / "build" / "zh_CN" / "news.txt").read_text(encoding="utf-8") == "论坛于8月29日开幕。潘市长致辞。\n\n论坛于8月29日开幕。嘉宾来自塔吉克斯坦。\n"
    # fuzzy and untranslated sentences come out in the source language
    assert (project / "build" / "fr" / "news.txt").read_text(encoding="utf-8") == (
        "Le forum s’est ouvert le 29 août. Mayor Pan spoke.\n\nLe forum s’est ouvert le 29 août. Guests came from Tajikistan.\n"
    )


def test_build_below_threshold_writes_nothing_and_says_why(project, capsys):
    run(project, "extract")
    run(project, "update")
    assert run(project, "build") == 0
    assert not (project / "build").exists()
    assert "below the 80% threshold" in capsys.readouterr().out


def test_build_with_identity_translations_reproduces_the_source(tmp_path, make_project):
    text = "\ufeffFirst line of a\r\nwrapped paragraph. Second  sentence!\r\n\r\n\r\nLast one?\r\n"
    project = make_project(tmp_path, {"a.txt": text})
    run(project, "extract")
    run(project, "update", "--lang", "fr")
    path = project / "locales" / "fr" / "LC_MESSAGES" / "a.po"
    from workbench.po.writer import write_po

    catalogue = read_po(path)
    for message in catalogue.entries():
        message.msgstr = message.msgid
    write_po(catalogue, path)
    run(project, "build", "--lang", "fr")
    assert (project / "build" / "fr" / "a.txt").read_bytes() == text.encode("utf-8")


def test_stats_counts_segments_and_words(project, capsys):
    run(project, "extract")
    run(project, "update")
    translate(project, "zh_CN", {"Mayor Pan spoke.": "潘市长致辞。"})
    capsys.readouterr()
    assert run(project, "stats", "--json") == 0
    rows = {row["language"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["zh_CN"]["total"] == {"segments": 3, "words": 13}  # 6 + 3 + 4: a repeated sentence is one entry
    assert rows["zh_CN"]["translated"] == {"segments": 1, "words": 3}
    assert rows["fr"]["untranslated"]["segments"] == 3
    assert run(project, "stats") == 0
    assert "news" in capsys.readouterr().out


def test_stats_of_named_files_names_articles_in_folders_whole(project, capsys, monkeypatch):
    """``stats PATH`` names an article as the whole project's stats do: two articles of one file name in two
    folders (city/forum, economy/forum) stay apart."""
    (project / "seeds" / "city").mkdir()
    (project / "seeds" / "economy").mkdir()
    (project / "seeds" / "city" / "forum.txt").write_text("The forum opened.\n", encoding="utf-8")
    (project / "seeds" / "economy" / "forum.txt").write_text("Sales grew.\n", encoding="utf-8")
    run(project, "extract")
    run(project, "update")
    capsys.readouterr()
    monkeypatch.chdir(project)
    assert run(project, "stats", "--json", "locales/fr") == 0
    named = sorted(row["article"] for row in json.loads(capsys.readouterr().out))
    assert run(project, "stats", "--json") == 0
    whole = sorted(row["article"] for row in json.loads(capsys.readouterr().out) if row["language"] == "fr")
    assert named == whole == ["city/forum", "economy/forum", "news"]


@pytest.mark.skipif(not shutil.which("msgunfmt"), reason="GNU msgunfmt not installed")
def test_compile_writes_mo_files_msgunfmt_reads(project):
    run(project, "extract")
    run(project, "update")
    translate(project, "ru", {"Mayor Pan spoke.": "Выступил мэр Пань."})
    assert run(project, "compile") == 0
    mo = project / "build" / "locale" / "ru" / "LC_MESSAGES" / "news.mo"
    text = subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True, check=True).stdout
    assert 'msgid "Mayor Pan spoke."\nmsgstr "Выступил мэр Пань."' in text


# -- bad input: a clear message with file and line, exit 2, nothing touched ---------------

def test_source_not_utf8_is_refused_with_file_and_line(project, capsys):
    (project / "seeds" / "bad.txt").write_bytes(b"Fine.\n\nCaf\xe9 au lait.\n")
    assert run(project, "extract") == 2
    err = capsys.readouterr().err
    assert "seeds/bad.txt:3" in err and "UTF-8" in err
    assert not (project / "locales").exists()


def test_missing_seeds_folder(tmp_path, capsys, make_project):
    make_project(tmp_path, {})
    shutil.rmtree(tmp_path / "seeds")
    assert run(tmp_path, "extract") == 2
    assert "seeds" in capsys.readouterr().err


def test_unknown_language_code(project, capsys):
    run(project, "extract")
    assert run(project, "update", "--lang", "xx_QQ") == 2
    assert "xx_QQ" in capsys.readouterr().err
    assert not (project / "locales" / "xx_QQ").exists()


def test_po_syntax_error_names_file_and_line_and_touches_nothing(project, capsys):
    run(project, "extract")
    run(project, "update", "--lang", "fr")
    po = project / "locales" / "fr" / "LC_MESSAGES" / "news.po"
    broken = po.read_text(encoding="utf-8").replace('msgstr ""\n\n#.', 'msgstr "unterminated\n\n#.', 1)
    po.write_text(broken, encoding="utf-8")
    line = broken[: broken.index('"unterminated')].count("\n") + 1
    assert run(project, "update", "--lang", "fr") == 2
    assert f"news.po:{line}" in capsys.readouterr().err
    assert po.read_text(encoding="utf-8") == broken


def test_concurrent_updates_never_corrupt_a_catalogue(project):
    import sys

    run(project, "extract")
    commands = [subprocess.Popen([sys.executable, "-m", "workbench", "-C", str(project), "update"]) for _ in range(3)]
    assert [c.wait(timeout=120) for c in commands] == [0, 0, 0]
    first = snapshot(project / "locales")
    run(project, "update")
    assert snapshot(project / "locales") == first
