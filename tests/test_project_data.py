"""The repository's own project: its catalogues are complete, valid and stable."""

import json
import shutil
import subprocess

import pytest

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
from workbench.cli import main
from workbench.po.reader import read_po
from workbench.po.writer import write_po

CATALOGUES = sorted((REPO / "locales").rglob("*.po"))
LANGUAGES = ["zh_CN", "ru", "fr"]
ARTICLES = sorted(p.stem for p in (REPO / "seeds").glob("*.txt"))
FIRST, FOLLOW_UP = "yangzhou-auto-forum-2023", "yangzhou-auto-forum-2023-followup"


def test_every_target_language_has_a_complete_catalogue():
    assert {p.parent.parent.name for p in CATALOGUES} >= set(LANGUAGES)
    for path in CATALOGUES:
        catalogue = read_po(path)
        entries = list(catalogue.entries())
        assert entries and all(m.translated for m in entries), path


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU msgfmt not installed")
@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_msgfmt_check_passes(path):
    result = subprocess.run(["msgfmt", "-c", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


def test_every_catalogue_is_in_gettext_layout(capsys):
    assert main(["fmt", "--check", str(REPO / "locales")]) == 0, capsys.readouterr().out


def test_chinese_typography():
    catalogue = read_po(REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "yangzhou-auto-forum-2023.po")
    first = next(catalogue.entries())
    assert "8月29日" in first.msgstr and first.msgstr.endswith("。")
    for path in (REPO / "locales" / "zh_CN" / "LC_MESSAGES").glob("*.po"):
        for message in read_po(path).entries():
            assert "," not in message.msgstr and "(" not in message.msgstr, (path.name, message.msgstr)


def test_extract_and_update_leave_the_project_unchanged(seed_project):
    def catalogues():  # the lock file update leaves is git-ignored, not a catalogue
        return {p: p.read_bytes() for p in (seed_project / "locales").rglob("*") if p.is_file() and not p.name.startswith(".")}

    before = catalogues()
    assert main(["-C", str(seed_project), "extract"]) == 0
    assert main(["-C", str(seed_project), "update"]) == 0
    assert catalogues() == before


def test_build_writes_all_three_translated_articles(seed_project):
    assert main(["-C", str(seed_project), "build"]) == 0
    for article in ARTICLES:
        source = (seed_project / "seeds" / f"{article}.txt").read_text(encoding="utf-8")
        for language in LANGUAGES:
            text = (seed_project / "build" / language / f"{article}.txt").read_text(encoding="utf-8")
            assert text.split("\n") != source.split("\n")
            assert [bool(line) for line in text.split("\n")] == [bool(line) for line in source.split("\n")]
    assert "扬州" in (seed_project / "build" / "zh_CN" / "yangzhou-auto-forum-2023.txt").read_text(encoding="utf-8")


def test_the_main_job_writes_every_export_for_every_language(seed_project, capsys):
    """What `./wb run` does: the pipeline, the checks (clean) and the configured exports."""
    assert main(["-C", str(seed_project), "run"]) == 0
    out = capsys.readouterr().out
    assert "0 error(s), 0 warning(s)" in out
    exports = seed_project / "build" / "exports"
    assert (exports / "workbench.tmx").is_file()
    for article in ARTICLES:
        for language in LANGUAGES:
            for path in (f"html/{article}.{language}.html", f"docx/{article}.{language}.docx",
                         f"xliff/{language}/{article}.xlf", f"xliff2/{language}/{article}.xlf"):
                assert (exports / path).is_file(), path
    assert (exports / "html" / "matrix.html").is_file()


def _catalogue(root: Path, language: str, article: str):
    return read_po(root / "locales" / language / "LC_MESSAGES" / f"{article}.po")


def test_the_follow_up_repeats_the_first_articles_translations_where_it_repeats_its_sentences():
    """The second article is complete in every language, and a sentence it shares with the first reads
    as it did there (one approved translation per sentence across the project)."""
    for language in LANGUAGES:
        first = {m.msgid: m.msgstr for m in _catalogue(REPO, language, FIRST).entries()}
        follow_up = list(_catalogue(REPO, language, FOLLOW_UP).entries())
        assert follow_up and all(m.translated for m in follow_up), language
        repeated = [m for m in follow_up if m.msgid in first]
        assert len(repeated) >= 3, language
        assert [m.msgstr for m in repeated] == [first[m.msgid] for m in repeated], language


# What the follow-up's near-repeats must carry into the first article's translations: its date
# (August 29 → September 12) and its speaker (Pan Guoqiang → Pan Xueyuan), in each language's form.
NEAR_REPEATS = {
    "took place on September 12": {"zh_CN": ("9月12日", "8月29日"), "ru": ("12 сентября", "29 августа"),
                                   "fr": ("12 septembre", "29 août")},
    "During his address, Pan Xueyuan": {"zh_CN": ("潘学元", "潘国强"), "ru": ("Пань Сюэюань", "Пань Гоцян"),
                                        "fr": ("Pan Xueyuan", "Pan Guoqiang")},
}


def test_pretranslate_fills_the_follow_up_from_the_first_article(seed_project, capsys):
    """The memory at work: with the follow-up's translations emptied, 'workbench pretranslate' gives its
    verbatim repeats the first article's translations at 100 % and its near-repeats the first article's
    translations with the new date and name carried in; every suggestion is fuzzy (kept out of the build
    until a translator approves it) and names its match; a sentence new to the project stays empty."""
    for language in LANGUAGES:
        path = seed_project / "locales" / language / "LC_MESSAGES" / f"{FOLLOW_UP}.po"
        catalogue = read_po(path)
        for message in catalogue.entries():
            message.msgstr, message.flags = "", []
        write_po(catalogue, path)

    assert main(["-C", str(seed_project), "pretranslate"]) == 0
    capsys.readouterr()

    for language in LANGUAGES:
        first = {m.msgid: m.msgstr for m in _catalogue(seed_project, language, FIRST).entries()}
        entries = list(_catalogue(seed_project, language, FOLLOW_UP).entries())
        for message in entries:
            notes = [c for c in message.extracted_comments if c.startswith("TM ")]
            if message.msgid in first:
                assert message.msgstr == first[message.msgid] and message.fuzzy, (language, message.msgid)
                assert notes and notes[0].startswith("TM 100%: "), (language, notes)
            elif message.msgstr:
                assert message.fuzzy and notes and not notes[0].startswith("TM 100%"), (language, message.msgid)
        for phrase, wanted in NEAR_REPEATS.items():
            (message,) = [m for m in entries if phrase in m.msgid]
            new, old = wanted[language]
            assert message.fuzzy and new in message.msgstr and old not in message.msgstr, (language, message.msgstr)
        new_sentence = next(m for m in entries if m.msgid.startswith("At each site"))
        assert new_sentence.msgstr == "" and not new_sentence.fuzzy

    # nothing fuzzy is published: the build of the follow-up falls back to the source below the threshold
    assert main(["-C", str(seed_project), "build"]) == 0
    for language in LANGUAGES:
        assert not (seed_project / "build" / language / f"{FOLLOW_UP}.txt").exists()


def test_tm_search_finds_a_name_in_both_articles(seed_project, capsys):
    """Concordance over the project: how was 'Pan Guoqiang' rendered in Russian before? Both articles
    answer, each with its own sentence and the approved transcription."""
    capsys.readouterr()
    assert main(["-C", str(seed_project), "tm", "search", "Pan Guoqiang", "--lang", "ru", "--json"]) == 0
    units = json.loads(capsys.readouterr().out)
    assert {unit["origin"] for unit in units} == {FIRST, FOLLOW_UP}
    for unit in units:
        assert "Pan Guoqiang" in unit["source"] and "Пань Гоцян" in unit["target"], unit
