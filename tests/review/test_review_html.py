"""HTML review pages: valid, self-contained HTML5, aligned segment by segment, with terms, findings, statuses."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from workbench.articles import find_sources, load_article
from workbench.checks.base import Finding
from workbench.layout import catalogue_path
from workbench.po.reader import read_po
from workbench.review import export_review
from workbench.review.html import pair_page
from workbench.review.model import build_article, load_review
from workbench.review.style import CSS
from workbench.review.terms import TermIndex

# HTML5 elements the pages may use; anything else is a mistake (or an HTML4 leftover)
HTML5_ELEMENTS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "p", "div", "span", "a", "b", "code", "dl", "dt", "dd", "ul", "li", "table", "colgroup", "col", "thead",
    "tbody", "tr", "th", "td", "mark", "button", "script", "del", "ins",
}
VOID = {"meta", "col"}


def export(config, formats=("html", "matrix")) -> dict[str, Path]:
    out = config.root / "out"
    return {p.relative_to(out).as_posix(): p for p in export_review(config, list(formats), out)}


def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def text_of(element) -> str:
    return element.text_content()


@pytest.fixture
def pages(review_project):
    return export(review_project)


def test_the_expected_pages_are_written(pages):
    assert sorted(pages) == [
        "html/forum.all.html", "html/forum.ar.html", "html/forum.ru.html", "html/forum.zh_CN.html",
        "html/index.html", "html/matrix.html",
    ]


def test_pages_are_html5_documents(pages):
    for name, path in pages.items():
        data = path.read_text(encoding="utf-8")
        assert data.startswith("<!DOCTYPE html>\n"), name
        root = parse(path)
        assert root.tag == "html" and root.get("lang") == "en" and root.get("dir") == "ltr"
        head, body = root[0], root[1]
        assert (head.tag, body.tag) == ("head", "body")
        assert head[0].tag == "meta" and head[0].get("charset") == "utf-8", "charset must come first"
        assert head.find("title") is not None and head.find("title").text
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
        for element in root.iter():
            if isinstance(element.tag, str):
                assert element.tag in HTML5_ELEMENTS, f"{name}: <{element.tag}>"
                if element.tag in VOID:
                    assert len(element) == 0 and not (element.text or "").strip()
        # internal links point at ids that exist
        for link in root.iter("a"):
            href = link.get("href")
            if href.startswith("#"):
                assert href[1:] in ids, f"{name}: dangling {href}"
            else:
                target, _, anchor = href.partition("#")
                other = path.parent / target
                assert other.exists(), f"{name}: link to missing {href}"
                if anchor:
                    assert f'id="{anchor}"' in other.read_text(encoding="utf-8"), f"{name}: {href}"


def test_pages_parse_without_html5_errors(pages):
    html5lib = pytest.importorskip("html5lib", reason="html5lib (the WHATWG parser) is not installed")
    for name, path in pages.items():
        parser = html5lib.HTMLParser(strict=True)
        parser.parse(path.read_bytes())  # raises on any parse error of the HTML5 spec
        assert not parser.errors, name


def test_pages_are_self_contained(pages):
    for name, path in pages.items():
        root = parse(path)
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            assert element.tag not in ("link", "img", "iframe", "object", "embed"), name
            if element.tag == "script":  # the filter bar's own script, inline
                assert element.get("src") is None and "import" not in element.text and "fetch" not in element.text
            for attribute in ("src", "href", "srcset", "action", "data"):
                value = element.get(attribute) or ""
                assert not re.match(r"(?i)\s*(https?:|//|ftp:|file:)", value), f"{name}: {attribute}={value}"
        for style in root.iter("style"):
            assert "url(" not in style.text and "@import" not in style.text, name
        assert not root.xpath("//*[@style[contains(., 'url(')]]"), name


def test_rows_are_aligned_with_the_article_and_the_catalogue(review_project, pages):
    config = review_project
    article = load_article(find_sources(config)[0], config)
    catalogue = {m.msgid: m for m in read_po(catalogue_path(config, "forum", "zh_CN")).entries()}
    root = parse(pages["html/forum.zh_CN.html"])
    bodies = root.xpath("//table[contains(@class,'bitext')]/tbody")
    assert [b.get("id") for b in bodies] == [f"p{p.number}" for p in article.paragraphs]
    for body, paragraph in zip(bodies, article.paragraphs):
        rows = body.xpath("tr")
        assert [r.get("data-segment") for r in rows] == [f"{paragraph.number}.{s.index}" for s in paragraph.segments]
        for row, segment in zip(rows, paragraph.segments):
            src, tgt = row.xpath("td[contains(@class,'src')]")[0], row.xpath("td[contains(@class,'tgt')]")[0]
            assert text_of(src) == segment.msgid
            message = catalogue[segment.msgid]
            if message.msgstr:
                assert text_of(tgt) == message.msgstr
            assert row.get("data-status") == ("untranslated" if not message.msgstr else "fuzzy" if message.fuzzy else "translated")


def test_headings_stay_headings_on_both_sides(pages):
    root = parse(pages["html/forum.zh_CN.html"])
    row = root.get_element_by_id("s1-1")
    assert [text_of(h) for h in row.xpath(".//h2")] == ["Yangzhou Auto Industry Forum", "扬州汽车产业论坛"]
    assert not root.get_element_by_id("s2-1").xpath(".//h2")


def test_lang_and_dir(pages):
    zh = parse(pages["html/forum.zh_CN.html"])
    for cell in zh.xpath("//td[contains(@class,'tgt')]"):
        assert (cell.get("lang"), cell.get("dir")) == ("zh-CN", "ltr")
    for cell in zh.xpath("//td[contains(@class,'src')]"):
        assert (cell.get("lang"), cell.get("dir")) == ("en", "ltr")
    ar = parse(pages["html/forum.ar.html"])
    assert {(c.get("lang"), c.get("dir")) for c in ar.xpath("//td[contains(@class,'tgt')]")} == {("ar", "rtl")}
    everything = parse(pages["html/forum.all.html"])
    row = everything.get_element_by_id("s1-1")
    assert [(c.get("lang"), c.get("dir")) for c in row.xpath("td")[1:]] == [
        ("en", "ltr"), ("zh-CN", "ltr"), ("ru", "ltr"), ("ar", "rtl")]
    # the label saying "untranslated" is English inside a Chinese cell
    label = zh.get_element_by_id("s3-3").xpath(".//span[@class='placeholder']")[0]
    assert label.get("lang") == "en"


def test_glossary_terms_are_highlighted_with_their_approved_rendering(pages):
    root = parse(pages["html/forum.zh_CN.html"])
    mayor = root.get_element_by_id("s2-2").xpath("td[contains(@class,'src')]//mark")[0]
    assert text_of(mayor) == "Mayor" and "市长" in mayor.get("title") and mayor.get("data-approved") == "市长"
    assert "term" in mayor.get("class").split()
    target = root.get_element_by_id("s2-2").xpath("td[contains(@class,'tgt')]//mark")[0]
    assert text_of(target) == "市长" and "Mayor" in target.get("title")
    # 3.1 uses the deprecated 汽车工业: red on the target side, "not found" on the source side
    row = root.get_element_by_id("s3-1")
    deviant = row.xpath("td[contains(@class,'tgt')]//mark")[0]
    assert text_of(deviant) == "汽车工业" and "deviant" in deviant.get("class").split()
    assert "汽车产业" in deviant.get("title")
    missing = row.xpath("td[contains(@class,'src')]//mark")[0]
    assert text_of(missing) == "automotive industry" and "missing" in missing.get("class").split()
    # the page with every language gives each language's rendering in one hover
    everything = parse(pages["html/forum.all.html"])
    mark = everything.get_element_by_id("s2-2").xpath("td[contains(@class,'src')]//mark")[0]
    assert "zh-CN: 市长" in mark.get("title") and "ru: мэр" in mark.get("title") and "ar: عمدة" in mark.get("title")


def test_findings_of_the_checks_are_marked_on_their_segment(pages):
    root = parse(pages["html/forum.zh_CN.html"])
    row = root.get_element_by_id("s2-1")  # 8月28日 for August 29
    assert "has-findings" in row.get("class").split()
    notes = " ".join(text_of(li) for li in row.xpath(".//ul[@class='findings']/li"))
    assert "numbers" in notes and "28" in notes
    flagged = row.xpath("td[contains(@class,'tgt')]//span[contains(@class,'flag')]")
    assert [text_of(f) for f in flagged] == ["28"] and "not in the source" in flagged[0].get("title")
    # status-only checks (untranslated, fuzzy) are not repeated as findings
    assert not root.get_element_by_id("s3-3").xpath(".//ul[@class='findings']")
    assert "has-findings" not in root.get_element_by_id("s2-2").get("class").split()


def test_findings_given_directly_are_shown_with_their_message(review_project):
    config = review_project
    article = load_article(find_sources(config)[0], config)
    msgid = "Mayor Pan Guoqiang attended the opening ceremony and delivered a speech."
    path = str(catalogue_path(config, "forum", "zh_CN"))
    findings = [
        Finding(path, 28, "zh_CN", None, msgid, "punctuation", "warning", "odd full stop <here>", span=(13, 14)),
        Finding(path, 0, "zh_CN", None, "", "header", "info", "header lacks a team"),
    ]
    review = build_article(article, config, ["zh_CN"], findings, TermIndex.for_project(config))
    root = lxml.html.fromstring(pair_page(review, "zh_CN"))
    row = root.get_element_by_id("s2-2")
    item = row.xpath(".//ul[@class='findings']/li")[0]
    assert "warning" in item.get("class") and "odd full stop <here>" in text_of(item)
    assert text_of(row.xpath(".//span[contains(@class,'flag')]")[0]) == "。"
    # a finding on no segment is listed at the top of the page
    assert "header lacks a team" in text_of(root.xpath("//div[@class='notice']")[0])


def test_untranslated_and_fuzzy_are_visibly_distinct(pages):
    root = parse(pages["html/forum.zh_CN.html"])
    cells = {row.get("data-status"): row.xpath("td[contains(@class,'tgt')]")[0] for row in root.xpath("//tr[@data-status]")}
    assert set(cells) == {"translated", "fuzzy", "untranslated"}
    for status, cell in cells.items():
        assert status in cell.get("class").split()
    assert text_of(cells["untranslated"]) == "untranslated"  # said in words, not only in colour
    assert text_of(root.get_element_by_id("s3-2").xpath(".//span[contains(@class,'badge')]")[0]) == "fuzzy"
    # and the stylesheet gives each its own colour
    rules = {status: re.search(r"td\.tgt\.%s \{([^}]*)\}" % status, CSS).group(1) for status in ("fuzzy", "untranslated")}
    assert rules["fuzzy"] != rules["untranslated"] and "background" in rules["fuzzy"] and "background" in rules["untranslated"]


def test_print_stylesheet(pages):
    root = parse(pages["html/forum.zh_CN.html"])
    css = root.xpath("//style")[0].text
    assert "@media print" in css and "@page" in css
    print_part = css[css.index("@media print") :]
    assert "break-inside: avoid" in print_part and "table-header-group" in print_part
    assert "attr(data-approved)" in print_part  # the hover's content, written out on paper
    assert root.xpath("//div[contains(@class,'signoff')]")


def test_index_and_matrix(pages):
    index = parse(pages["html/index.html"])
    assert {a.get("href") for a in index.iter("a")} >= {"forum.zh_CN.html", "forum.all.html", "matrix.html"}
    matrix = parse(pages["html/matrix.html"])
    rows = {tr.get("id"): tr for tr in matrix.xpath("//table[contains(@class,'matrix')]/tbody/tr")}
    assert set(rows) == {"c-mayor", "c-auto", "c-mpc"}
    zh = rows["c-auto"].xpath("td")[0]
    deviation = zh.xpath(".//span[contains(@class,'deviation')]")[0]
    assert "汽车工业" in text_of(deviation) and "×1" in text_of(deviation)
    assert [a.get("href") for a in zh.xpath(".//a")] == ["forum.zh_CN.html#s3-1"]
    mayor_zh, mayor_ru = rows["c-mayor"].xpath("td")[:2]
    assert "市长" in text_of(mayor_zh.xpath(".//span[contains(@class,'preferred')]")[0])
    assert [a.get("href") for a in mayor_zh.xpath(".//a")] == ["forum.zh_CN.html#s2-2"]
    assert "1 fuzzy (not counted)" in text_of(mayor_ru)  # the checks' matrix counts finished translations only
    assert "1 untranslated (not counted)" in text_of(rows["c-auto"].xpath("td")[1])  # ru 3.1 not translated yet
    assert "1 fuzzy (not counted)" in text_of(rows["c-mpc"].xpath("td")[0])  # zh 3.2 is fuzzy
    assert "deviates" in zh.get("class", "")


def test_without_checks_or_glossary_the_pages_still_build(review_project):
    config = review_project
    articles = load_review(config, with_checks=False, with_terms=False)
    html = pair_page(articles[0], "zh_CN")
    root = lxml.html.fromstring(html)
    assert not root.xpath("//table//mark") and not root.xpath("//ul[@class='findings']")
    assert len(root.xpath("//tr[@data-segment]")) == 7


def test_export_is_deterministic_and_idempotent(review_project, tmp_path):
    from review_project import make_project

    first = export(review_project, ("html", "matrix"))
    stamps = {name: path.stat().st_mtime_ns for name, path in first.items()}
    again = export(review_project, ("html", "matrix"))
    assert {name: path.stat().st_mtime_ns for name, path in again.items()} == stamps  # not rewritten
    other = make_project(tmp_path / "elsewhere")  # same project in another folder: same bytes
    for name, path in export(other, ("html", "matrix")).items():
        assert path.read_bytes() == first[name].read_bytes(), name
    for path in first.values():
        assert not re.search(rb"20\d\d-\d\d-\d\d", path.read_bytes()), "a date in an export"



def test_export_bytes_do_not_depend_on_the_working_folder(review_project, monkeypatch):
    # A finding that names another catalogue ('translated differently elsewhere: … (FILE:LINE)') names it
    # relative to the project, not to wherever the command was started (workbench -C DIR export).
    from workbench.extract import extract
    from workbench.po.writer import write_po
    from workbench.update import update

    config = review_project
    (config.seeds_dir / "brief.md").write_text("# Yangzhou Auto Industry Forum\n", encoding="utf-8")
    extract(config)
    update(config)
    brief = catalogue_path(config, "brief", "zh_CN")
    catalogue = read_po(brief)
    catalogue.find("Yangzhou Auto Industry Forum").msgstr = "扬州汽车工业论坛"  # the other article: 汽车产业
    write_po(catalogue, brief)
    first = {name: path.read_bytes() for name, path in export(config, ("html",)).items()}
    assert any(b"locales/zh_CN/LC_MESSAGES/forum.po:" in data for data in first.values())
    monkeypatch.chdir(config.root)
    assert {name: path.read_bytes() for name, path in export(config, ("html",)).items()} == first


def test_rows_streamed_into_a_page_give_the_text_of_the_rows_in_its_tree():
    # the matrix page writes its rows one at a time (a million elements at 2,000 articles): same bytes
    from workbench.review.html import E, cls, page, page_pieces

    def rows():
        for number in range(3):
            yield E.tr({"id": f"c-{number}"}, E.th(cls("concept"), E.span({"lang": "en"}, f"term {number}")),
                       E.td(E.ul(E.li(E.span(cls("rendering"), "x"), E.span(cls("occurrences"), E.a({"href": "#"}, "1.2"))))))

    whole = page("t", "review", E.main(E.table(E.thead(E.tr(E.th("Term"))), E.tbody(*rows()))))
    placeholder = E.tr({"id": "rows"})
    streamed = "".join(page_pieces("t", "review", E.main(E.table(E.thead(E.tr(E.th("Term"))), E.tbody(placeholder))),
                                   streamed=(placeholder, rows())))
    assert streamed == whole
    assert whole.count("<tr") == 4 and '<tr id="rows">' not in streamed


def test_a_placeholder_that_is_not_in_the_page_once_is_refused():
    from workbench.review.html import E, page_pieces

    placeholder = E.tr({"id": "rows"})
    with pytest.raises(ValueError, match="once"):
        "".join(page_pieces("t", "review", E.main(E.table(E.tbody(placeholder), E.tbody(E.tr({"id": "rows"})))),
                            streamed=(placeholder, iter([]))))
