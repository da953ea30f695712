"""What reviewers look for on the HTML pages: filter buttons, the diff of an edited source, placeholders as chips."""

from __future__ import annotations

import subprocess
from pathlib import Path

import lxml.html
import pytest

from review_project import EDITED, change_sources
from workbench.review import export_review

FILTERS = ["untranslated", "fuzzy", "findings", "changed"]


@pytest.fixture
def pages(review_project):
    config = change_sources(review_project)
    out = config.root / "out"
    return {p.relative_to(out).as_posix(): p for p in export_review(config, ["html"], out)}


def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def rows(root) -> dict[str, object]:
    return {row.get("data-segment"): row for row in root.xpath("//tr[@data-segment]")}


def test_each_row_says_which_filters_it_matches(pages):
    zh = rows(parse(pages["html/forum.zh_CN.html"]))
    assert {sid: row.get("data-filters") for sid, row in zh.items()} == {
        "1.1": "", "2.1": "fuzzy changed", "2.2": "", "3.1": "findings", "3.2": "fuzzy",
        "3.3": "untranslated", "4.1": "untranslated"}
    assert zh["3.1"].get("data-findings") == "2" and zh["2.1"].get("data-status") == "fuzzy"
    # the page with every language: a row matches what any language matches, each cell its own
    everything = rows(parse(pages["html/forum.all.html"]))
    assert [td.get("data-filters") for td in everything["2.2"].xpath("td[@data-status]")] == ["", "fuzzy", "untranslated"]
    assert everything["2.2"].get("data-filters") == "untranslated fuzzy"  # zh translated, ru fuzzy, ar untranslated
    assert everything["1.1"].get("data-filters") == ""


def test_filter_buttons_count_the_rows_they_show(pages):
    for name in ("html/forum.zh_CN.html", "html/forum.ru.html", "html/forum.all.html"):
        root = parse(pages[name])
        bar = root.xpath("//div[contains(@class,'filters')]")[0]
        assert bar.get("hidden") is not None, "the script shows the bar: without it, no dead buttons"
        buttons = bar.xpath(".//button[@data-filter]")
        assert [b.get("data-filter") for b in buttons] == FILTERS
        for button in buttons:
            matching = [r for r in rows(root).values() if button.get("data-filter") in r.get("data-filters").split()]
            assert button.xpath("span[@class='n']")[0].text == str(len(matching)), (name, button.get("data-filter"))
            assert (button.get("disabled") is not None) == (not matching)
        assert bar.xpath(".//button[@class='reset']")
    scripts = parse(pages["html/forum.zh_CN.html"]).xpath("//script")
    assert len(scripts) == 1 and "data-filters" in scripts[0].text and scripts[0].get("src") is None


def test_a_fuzzy_entry_shows_what_changed_in_its_source(pages):
    row = rows(parse(pages["html/forum.zh_CN.html"]))["2.1"]
    diff = row.xpath("td[contains(@class,'src')]/div[@class='diff']")[0]
    assert [ins.text_content() for ins in diff.xpath("ins")] == ["in Yangzhou "]
    assert not diff.xpath("del")
    pieces = diff.xpath("span[not(@class)] | ins | del")
    old = "".join(p.text_content() for p in pieces if p.tag != "ins")
    new = "".join(p.text_content() for p in pieces if p.tag != "del")
    assert (old, new) == EDITED
    # the source cell's own text is still the new source first
    assert row.xpath("td[contains(@class,'src')]")[0].text.startswith(EDITED[1])
    # entries that were not carried over from another source have no diff
    assert not parse(pages["html/forum.zh_CN.html"]).xpath("//tr[@data-segment='3.2']//div[@class='diff']")


def test_placeholders_show_as_chips_on_both_sides(pages):
    row = rows(parse(pages["html/notes.zh_CN.html"]))["2.1"]
    source = row.xpath("td[contains(@class,'src')]")[0]
    target = row.xpath("td[contains(@class,'tgt')]")[0]
    assert source.text_content() == "Read ⟨link⟩the full report⟨/link⟩ & the ⟨b⟩summary⟨/b⟩ here.⟨br/⟩Questions go to the press office."
    assert target.text_content() == "阅读⟨link⟩完整报告⟨/link⟩和⟨b⟩摘要⟨/b⟩。⟨br/⟩问题请联系新闻办公室。"
    assert [c.get("data-placeholder") for c in source.xpath(".//span[@class='chip']")] == [
        "<g1>", "</g1>", "<g2>", "</g2>", "<x3/>"]
    heading = rows(parse(pages["html/notes.zh_CN.html"]))["1.1"]
    assert heading.xpath("td[contains(@class,'src')]")[0].text_content() == "Report & summary"


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_the_buttons_work_in_a_browser(pages, tmp_path):
    page = pages["html/forum.zh_CN.html"].resolve().as_uri()
    profile = tmp_path / "profile"
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               f"--user-data-dir={profile}", "--dump-dom", page + "#only=untranslated,changed"]
    result = subprocess.run(command, capture_output=True, timeout=180, check=True)
    dom = lxml.html.fromstring(result.stdout.decode("utf-8"))
    shown = [r.get("data-segment") for r in dom.xpath("//tr[@data-segment][not(@hidden)]")]
    assert shown == ["2.1", "3.3", "4.1"]
    bar = dom.xpath("//div[contains(@class,'filters')]")[0]
    assert bar.get("hidden") is None
    assert [b.get("data-filter") for b in bar.xpath(".//button[@aria-pressed='true']")] == ["untranslated", "changed"]
    assert bar.xpath(".//span[contains(@class,'shown')]")[0].text == "3 of 7 segments shown"
    # a paragraph none of whose rows is shown is hidden whole
    assert [b.get("id") for b in dom.xpath("//tbody[@hidden]")] == ["p1"]


def test_pages_with_chips_and_diffs_are_valid_html5(pages):
    html5lib = pytest.importorskip("html5lib", reason="html5lib (the WHATWG parser) is not installed")
    for name in ("html/forum.zh_CN.html", "html/forum.all.html", "html/notes.zh_CN.html"):
        parser = html5lib.HTMLParser(strict=True)
        parser.parse(pages[name].read_bytes())
        assert not parser.errors, name


def test_a_plain_text_source_is_shown_as_written(review_project):
    from workbench.extract import extract
    from workbench.update import update

    (review_project.seeds_dir / "plain.txt").write_text("Type <g1> and &amp; as they are.\n", encoding="utf-8")
    extract(review_project)
    update(review_project)
    out = review_project.root / "out"
    page = next(p for p in export_review(review_project, ["html"], out) if p.name == "plain.zh_CN.html")
    source = parse(page).xpath("//tr[@data-segment='1.1']/td[contains(@class,'src')]")[0]
    assert source.text_content() == "Type <g1> and &amp; as they are." and not source.xpath(".//span[@class='chip']")
