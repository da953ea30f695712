"""What goes out to reviewers: ``export --lang`` and ``--only``, and counts that agree with ``workbench stats``."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import lxml.html
import pytest

from review_project import change_sources
from test_review_docx import read_cell
from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.export import export


def files(config, formats, **selection) -> dict[str, Path]:
    out = config.root / "out"
    return {path.relative_to(out).as_posix(): path for path, _ in export(config, formats, out, **selection)}


def html_ids(path: Path) -> list[str]:
    return [row.get("data-segment") for row in lxml.html.fromstring(path.read_bytes()).xpath("//tr[@data-segment]")]


def docx_ids(path: Path) -> list[str]:
    return [read_cell(row.cells[0]) for row in docx.Document(str(path)).tables[0].rows[1:]]


def test_only_selects_the_segments_of_each_language(review_project):
    written = files(review_project, ["html", "docx", "md", "txt"], only=["untranslated", "fuzzy"])
    assert html_ids(written["html/forum.zh_CN.html"]) == ["3.2", "3.3", "4.1"]
    assert docx_ids(written["docx/forum.zh_CN.docx"]) == ["3.2", "3.3", "4.1"]
    assert html_ids(written["html/forum.ru.html"]) == ["2.2", "3.1", "3.2", "3.3", "4.1"]
    assert docx_ids(written["docx/forum.ar.docx"]) == ["2.1", "2.2", "3.1", "3.2", "3.3"]
    # the page with every language keeps a row any language needs
    assert html_ids(written["html/forum.all.html"]) == ["2.1", "2.2", "3.1", "3.2", "3.3", "4.1"]
    text = written["txt/forum.zh_CN.txt"].read_text(encoding="utf-8")
    assert "This file: 3 of 7 segments (only untranslated or fuzzy)" in text
    assert "Yangzhou Auto Industry Forum" not in text and "[3.2 fuzzy: 市委将持续优化营商环境。]" in text
    page = lxml.html.fromstring(written["html/forum.zh_CN.html"].read_bytes())
    assert "3 of the article's 7" in page.xpath("//p[@class='selection']")[0].text_content()
    # paragraphs left without segments are not there at all
    assert [body.get("id") for body in page.xpath("//tbody")] == ["p3", "p4"]


def test_only_findings_and_changed(review_project):
    change_sources(review_project)
    written = files(review_project, ["html", "docx"], only=["findings"])
    assert html_ids(written["html/forum.zh_CN.html"]) == ["3.1"]
    written = files(review_project, ["html", "docx"], only=["changed"])
    assert docx_ids(written["docx/forum.zh_CN.docx"]) == ["2.1"]
    assert html_ids(written["html/notes.zh_CN.html"]) == []


def test_a_selected_review_imports_cleanly(review_project):
    from workbench.layout import catalogue_path
    from workbench.review import import_docx

    written = files(review_project, ["docx"], only=["untranslated"])
    catalogue = catalogue_path(review_project, "forum", "zh_CN")
    before = catalogue.read_bytes()
    report = import_docx(written["docx/forum.zh_CN.docx"], review_project)
    assert not report.updated and not report.skipped and report.unchanged == 2
    assert catalogue.read_bytes() == before


def test_lang_selects_the_target_languages(review_project):
    written = files(review_project, ["html", "docx"], languages=["ru"])
    assert sorted(written) == ["docx/forum.ru.docx", "html/forum.all.html", "html/forum.ru.html", "html/index.html"]
    everything = lxml.html.fromstring(written["html/forum.all.html"].read_bytes())
    assert [th.xpath("span")[0].text for th in everything.xpath("//thead//th")[2:]] == ["ru"]


def test_selections_the_exchange_formats_cannot_hold_are_refused(review_project):
    with pytest.raises(WorkbenchError, match="--only select what the review formats"):
        list(export(review_project, ["html", "xliff"], review_project.root / "out", only=["fuzzy"]))
    with pytest.raises(WorkbenchError, match="unknown selection"):
        list(export(review_project, ["html"], review_project.root / "out", only=["done"]))


def test_cli(review_project, capsys):
    project, out = str(review_project.root), review_project.root / "cli"
    assert main(["-C", project, "export", "--format", "docx,md", "--lang", "ru", "--lang", "ar",
                 "--only", "untranslated", "--only", "fuzzy", "-o", str(out)]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.*")) == [
        "docx/forum.ar.docx", "docx/forum.ru.docx", "md/forum.ar.md", "md/forum.ru.md"]
    assert docx_ids(out / "docx/forum.ru.docx") == ["2.2", "3.1", "3.2", "3.3", "4.1"]
    capsys.readouterr()
    assert main(["-C", project, "export", "--format", "tmx", "--lang", "ru"]) == 2
    assert "tmx always export every language" in capsys.readouterr().err
    assert main(["-C", project, "export", "--format", "html", "--lang", "de"]) == 2
    assert "no catalogues for language(s) de" in capsys.readouterr().err
    # a language as BCP 47 writes it names the project's catalogue of that variety
    assert main(["-C", project, "export", "--format", "md", "--lang", "zh-Hans-CN", "-o", str(out / "tag")]) == 0
    assert sorted(p.name for p in (out / "tag").rglob("*.md")) == ["forum.zh_CN.md"]


def test_page_counts_agree_with_workbench_stats(review_project, capsys):
    change_sources(review_project)
    project = str(review_project.root)
    assert main(["-C", project, "stats", "--json"]) == 0
    stats = {(s["article"], s["language"]): s for s in json.loads(capsys.readouterr().out)}
    written = files(review_project, ["html", "docx", "txt"])
    for (article, language), expected in stats.items():
        page = lxml.html.fromstring(written[f"html/{article}.{language}.html"].read_bytes())
        summary = page.xpath("//div[@class='summary']")[0]
        assert summary.get("data-unit") == "entries"
        shown = {li.get("data-count"): int(li.xpath("span[@class='n']")[0].text) for li in summary.xpath(".//li")}
        assert shown["entries"] == expected["total"]["segments"]
        for status in ("translated", "fuzzy", "untranslated"):
            assert shown[status] == expected[status]["segments"], (article, language, status)
        assert (shown["words"], shown["words-translated"]) == (expected["total"]["words"], expected["translated"]["words"])
        # the Word table and the text file say the same
        line = (f"{expected['total']['segments']} entries, {expected['translated']['segments']} translated, "
                f"{expected['fuzzy']['segments']} fuzzy, {expected['untranslated']['segments']} untranslated; "
                f"{expected['total']['words']} source words, {expected['translated']['words']} translated")
        assert line in written[f"txt/{article}.{language}.txt"].read_text(encoding="utf-8")
        assert line in docx.Document(str(written[f"docx/{article}.{language}.docx"])).paragraphs[1].text
        index = lxml.html.fromstring(written["html/index.html"].read_bytes()).text_content()
        assert f"{expected['translated']['segments']} of {expected['total']['segments']} entries" in index
