"""``workbench build`` on a real-looking HTML page and Markdown README translated into German:
every translatable element comes out translated, broken markup is never published, the page
says its language, and a stale translation is removed."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
from markdown_it import MarkdownIt

from workbench.cli import main
from workbench.po.reader import read_po
from workbench.po.writer import write_po

DATA = Path(__file__).parent / "data" / "build"

GERMAN = {
    "guide": {
        "How to visit the Yangzhou forum & its exhibition.": "So besuchen Sie das Forum in Yangzhou & seine Ausstellung.",
        "Visitor guide": "Besucherführer",
        "The forum & the city": "Das Forum & die Stadt",
        "The full agenda": "Die vollständige Tagesordnung",
        "Read the <g1><g2>agenda</g2></g1> before you come.": "Lesen Sie die <g1><g2>Tagesordnung</g2></g1>, bevor Sie kommen.",
        "Entry is <g3>free</g3>.": "Der Eintritt ist <g3>frei</g3>.",
        "The main exhibition hall": "Die große Ausstellungshalle",
        "The main hall in August.": "Die große Halle im August.",
        "Opening hours": "Öffnungszeiten",
        "Day": "Tag",
        "Hours": "Uhrzeit",
        "Monday": "Montag",
        "From nine to five.": "Von neun bis fünf.",
        "Why register early?": "Warum früh anmelden?",
        "Seats are limited.": "Die Plätze sind begrenzt.",
        "Run <x1/> to publish the guide.": "Führen Sie <x1/> aus, um den Führer zu veröffentlichen.",
        "Close the map": "Karte schließen",
        "<g1>×</g1> Café prices — as listed.": "<g1>×</g1> Café-Preise — wie angegeben.",
    },
    "README": {
        "Visitor guide": "Besucherführer",
        'Read the [agenda](https://example.org/agenda "The full agenda") before you come.':
            'Lesen Sie die [Tagesordnung](https://example.org/agenda "Die vollständige Tagesordnung"), bevor Sie kommen.',
        '![The main exhibition hall](img/hall.jpg "Main hall")': '![Die große Ausstellungshalle](img/hall.jpg "Große Halle")',
        "Why register early?": "Warum früh anmelden?",
        "Seats are *limited*, so book with `wb book` today.": "Die Plätze sind *begrenzt*, buchen Sie also noch heute mit `wb book`.",
        "See the [map][map] for directions.": "Den Weg zeigt die [Karte][map].",
        "Map of the venue": "Lageplan des Veranstaltungsorts",
    },
}

# what translators and machine translation really do to markup
BROKEN = {
    "guide": {
        "<g1>×</g1> Café prices — as listed.": "Café-Preise — wie angegeben.",  # the button is gone
        "Entry is <g3>free</g3>.": "Der Eintritt ist <g9>frei</g9>.",  # a mistyped placeholder
        "Seats are limited.": "Die Plätze sind <b>und</b> begrenzt.",  # a raw tag typed in
        "Read the <g1><g2>agenda</g2></g1> before you come.":
            "Lesen Sie die <g1><g2>Tagesordnung</g1></g2>, bevor Sie kommen.",  # swapped nesting
    },
    "README": {
        'Read the [agenda](https://example.org/agenda "The full agenda") before you come.':
            'Lesen Sie die [Tagesordnung] (https://example.org/agenda "Die vollständige Tagesordnung"), bevor Sie kommen.',
        "Seats are *limited*, so book with `wb book` today.": "Die Plätze sind *begrenzt, buchen Sie also noch heute mit `wb book`.",
    },
}


def run(project, *args):
    return main(["-C", str(project), *args])


@pytest.fixture
def project(tmp_path, make_project):
    make_project(tmp_path, {}, "")
    (tmp_path / "pyproject.toml").write_text(
        (tmp_path / "pyproject.toml").read_text(encoding="utf-8").replace('["zh_CN", "ru", "fr"]', '["de", "zh_CN"]'),
        encoding="utf-8")
    for source in DATA.iterdir():
        shutil.copy(source, tmp_path / "seeds" / source.name)
    assert run(tmp_path, "extract") == 0
    assert run(tmp_path, "update") == 0
    return tmp_path


def translate(project, language, article, translations):
    path = project / "locales" / language / "LC_MESSAGES" / f"{article}.po"
    catalogue = read_po(path)
    for message in catalogue.entries():
        if message.msgid in translations:
            message.msgstr = translations[message.msgid]
    write_po(catalogue, path)


def translate_all(project, language="de", broken=False):
    for article, translations in GERMAN.items():
        assert set(translations) <= {m.msgid for m in read_po(project / "locales" / f"{article}.pot").entries()}
        translate(project, language, article, {**translations, **(BROKEN[article] if broken else {})})


def built(project, name, language="de"):
    return (project / "build" / language / name).read_text(encoding="utf-8")


def test_every_translatable_element_is_extracted_and_comes_out_translated(project):
    for article, translations in GERMAN.items():
        msgids = {m.msgid for m in read_po(project / "locales" / f"{article}.pot").entries()}
        assert msgids == set(translations), article  # nothing more and nothing less is offered
    translate_all(project)
    assert run(project, "build", "--lang", "de", "--strict") == 0

    page = lxml.html.fromstring(built(project, "guide.html"))
    assert page.find(".//summary").text == "Warum früh anmelden?"
    assert page.find(".//figcaption").text == "Die große Halle im August."
    assert page.find(".//caption").text == "Öffnungszeiten"
    assert [th.text for th in page.iter("th")] == ["Tag", "Uhrzeit"]
    assert page.find(".//a").get("title") == "Die vollständige Tagesordnung"
    assert page.find(".//img").get("alt") == "Die große Ausstellungshalle"
    assert page.find(".//button").get("aria-label") == "Karte schließen"
    assert page.find(".//meta[@name='description']").get("content") == (
        "So besuchen Sie das Forum in Yangzhou & seine Ausstellung.")
    assert page.find(".//h1").text_content() == "Das Forum & die Stadt"  # &amp; in the source, & to the translator
    assert "Café-Preise — wie angegeben." in page.text_content()
    # class="notranslate" (Sphinx) keeps its text in the source language
    assert page.find(".//span[@class='notranslate']").text == "wb build"
    assert "Keep this sentence in English." in page.text_content()

    readme = built(project, "README.md")
    assert '[Tagesordnung](https://example.org/agenda "Die vollständige Tagesordnung")' in readme
    assert '![Die große Ausstellungshalle](img/hall.jpg "Große Halle")' in readme
    assert "<summary>Warum früh anmelden?</summary>" in readme
    assert '[map]: https://example.org/map "Lageplan des Veranstaltungsorts"' in readme


def test_the_built_page_names_its_language_on_the_root_element(project):
    translate_all(project)
    translate_all(project, "zh_CN")  # German words, but enough to be built: the language is the catalogue's
    assert run(project, "update", "--lang", "ar") == 0
    translate_all(project, "ar")
    assert run(project, "build") == 0
    assert run(project, "build", "--lang", "ar") == 0
    roots = {language: lxml.html.fromstring(built(project, "guide.html", language)) for language in ("de", "zh_CN", "ar")}
    assert {language: (root.get("lang"), root.get("dir")) for language, root in roots.items()} == {
        "de": ("de", None), "zh_CN": ("zh-CN", None), "ar": ("ar", "rtl")}


def structure(html_text: str) -> list[tuple[str, list[str]]]:
    """Every element in document order with its attribute names: what a parser makes of the page."""
    root = lxml.html.fromstring(html_text)
    return [(element.tag, sorted(element.attrib)) for element in root.iter() if isinstance(element.tag, str)]


def links(markdown_text: str) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(markdown_text)
    return [child.attrs.get("href") or child.attrs.get("src") for token in tokens for child in token.children or ()
            if child.type in ("link_open", "image")]


def test_broken_markup_is_never_published_each_segment_is_reported_and_strict_fails(project, capsys):
    translate_all(project, broken=True)
    capsys.readouterr()
    assert run(project, "build", "--lang", "de") == 0
    report = capsys.readouterr().out.splitlines()
    assert run(project, "build", "--lang", "de", "--strict") == 1

    source_page = (project / "seeds" / "guide.html").read_text(encoding="utf-8")
    page = built(project, "guide.html")
    assert structure(page) == structure(source_page)  # tag by tag, the page is the source's
    assert "<g9>" not in page and "&lt;" not in page and "Die Plätze sind" not in page
    # the failed segments fall back to their source, the good ones are translated
    text = lxml.html.fromstring(page).text_content()
    for english in ("Read the agenda before you come.", "Entry is free.", "Seats are limited.", "Café prices — as listed."):
        assert english in " ".join(text.split())
    assert "Die große Halle im August." in text

    readme = built(project, "README.md")
    assert links(readme) == links((project / "seeds" / "README.md").read_text(encoding="utf-8"))
    assert "[Tagesordnung] (" not in readme and "*begrenzt," not in readme
    assert "Seats are *limited*, so book with `wb book` today." in readme

    # one line per file, then one per failed segment, naming the catalogue entry by file and line
    failed = {}
    for article, translations in BROKEN.items():
        catalogue = read_po(project / "locales" / "de" / "LC_MESSAGES" / f"{article}.po")
        for msgid in translations:
            failed[f"locales/de/LC_MESSAGES/{article}.po:{catalogue.find(msgid).lineno}"] = msgid
    reported = [line.strip().split(": ", 1)[0] for line in report if line.startswith("  ")]
    assert sorted(reported) == sorted(failed)
    assert len(report) == 2 + len(failed)
    # the file's line says the page does not show all the translations the percent counts
    assert any(line.startswith("wrote build/de/guide.html (") and "of them published in the source, below)" in line
               for line in report), report
    lines = "\n".join(report)
    for problem in ("placeholder <g1>…</g1> is missing", "placeholder <g9>…</g9> is not in the source", "tag <b> is not in the source",
                    "are not nested as in the source", "link to https://example.org/agenda is missing",
                    "emphasis *…* is missing"):
        assert problem in lines


def test_below_the_threshold_the_earlier_translation_is_removed_and_the_report_says_so(project, capsys):
    translate(project, "de", "guide", GERMAN["guide"])
    assert run(project, "build", "--lang", "de") == 0
    assert (project / "build" / "de" / "guide.html").exists()
    # the source changes: most translations are fuzzy now, the German page would be stale
    source = project / "seeds" / "guide.html"
    source.write_text(source.read_text(encoding="utf-8").replace(".<", ", today.<").replace(".\"", ", today.\""),
                      encoding="utf-8")
    assert run(project, "extract") == 0 and run(project, "update") == 0
    capsys.readouterr()
    assert run(project, "build", "--lang", "de") == 0
    assert not (project / "build" / "de" / "guide.html").exists()
    [line] = [line for line in capsys.readouterr().out.splitlines() if "guide" in line]
    assert line.startswith("skipped guide [de]: ") and "below the 80% threshold" in line
    assert "build/de/guide.html removed" in line


def test_a_language_whose_catalogue_is_gone_loses_its_earlier_page(project, capsys):
    translate(project, "de", "guide", GERMAN["guide"])
    assert run(project, "build", "--lang", "de") == 0
    (project / "locales" / "de" / "LC_MESSAGES" / "guide.po").unlink()
    capsys.readouterr()
    assert run(project, "build", "--lang", "de") == 0
    assert not (project / "build" / "de" / "guide.html").exists()
    [line] = [line for line in capsys.readouterr().out.splitlines() if "guide" in line]
    assert line == ("skipped guide [de]: no catalogue locales/de/LC_MESSAGES/guide.po; run 'workbench update', "
                    "earlier build/de/guide.html removed")
