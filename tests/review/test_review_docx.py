"""The Word review table: its content read back with python-docx, fixed bytes, and the import round trip."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from workbench.errors import WorkbenchError
from workbench.layout import catalogue_path
from workbench.po.reader import read_po
from workbench.review import export_review, import_docx
from workbench.review.docx_import import cell_text

SEGMENTS = ["1.1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1"]


def export_docx(config, language="zh_CN") -> Path:
    paths = export_review(config, ["docx"], config.root / "out")
    return next(p for p in paths if p.name == f"forum.{language}.docx")


def read_cell(cell) -> str:
    """A python-docx cell's text as the import reads it."""
    return cell_text(cell._tc)


def table_of(document):
    return document.tables[0]


def rows_by_id(document) -> dict[str, list]:
    return {read_cell(row.cells[0]): row.cells for row in table_of(document).rows[1:]}


def set_cell(cell, text: str) -> None:
    """What a reviewer typing in Word does: the cell's runs replaced by new text."""
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    paragraph.add_run(text)


def entry(config, msgid: str, language: str = "zh_CN"):
    return read_po(catalogue_path(config, "forum", language)).find(msgid)


def test_table_holds_every_segment_with_its_status(review_project):
    path = export_docx(review_project)
    document = docx.Document(str(path))
    header = [read_cell(c) for c in table_of(document).rows[0].cells]
    assert header == ["ID", "Source (en)", "Target (zh-CN)", "Status", "Findings", "Comments"]
    rows = rows_by_id(document)
    assert list(rows) == SEGMENTS
    assert read_cell(rows["2.2"][1]) == "Mayor Pan Guoqiang attended the opening ceremony and delivered a speech."
    assert read_cell(rows["2.2"][2]) == "市长潘国强出席开幕式并致辞。"
    assert [read_cell(rows[s][3]) for s in SEGMENTS] == [
        "translated", "translated", "translated", "translated", "fuzzy", "untranslated", "untranslated"]
    assert read_cell(rows["3.3"][2]) == ""  # untranslated: nothing that could be mistaken for a translation
    findings = read_cell(rows["2.1"][4])
    assert "numbers" in findings and "28" in findings
    assert "Glossary: Mayor → 市长" in read_cell(rows["2.2"][4])
    assert all(read_cell(rows[s][5]) == "" for s in SEGMENTS)
    # the target runs say they are Chinese (Word's spell checker and fonts go by it)
    langs = rows["2.2"][2]._tc.xpath(".//w:lang/@w:val")
    assert langs and set(langs) == {"zh-CN"}
    assert document.core_properties.identifier == "workbench-review:forum:zh_CN"
    # the header row repeats on every page
    assert table_of(document).rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_docx_bytes_are_deterministic_and_dateless(review_project, tmp_path):
    from review_project import make_project

    first = export_docx(review_project).read_bytes()
    other = make_project(tmp_path / "elsewhere")
    assert export_docx(other).read_bytes() == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
        assert "dcterms:created" not in core and "dcterms:modified" not in core
        assert "docProps/thumbnail.jpeg" not in package.namelist()
        assert package.testzip() is None


def test_import_of_an_unedited_review_changes_nothing(review_project):
    path = export_docx(review_project)
    catalogue = catalogue_path(review_project, "forum", "zh_CN")
    before, mtime = catalogue.read_bytes(), catalogue.stat().st_mtime_ns
    report = import_docx(path, review_project)
    assert not report.updated and not report.conflicts and not report.written
    assert report.unchanged == len(SEGMENTS) and not report.skipped
    assert catalogue.read_bytes() == before and catalogue.stat().st_mtime_ns == mtime


def test_edited_target_comes_back_fuzzy(review_project):
    path = export_docx(review_project)
    document = docx.Document(str(path))
    rows = rows_by_id(document)
    set_cell(rows["3.3"][2], "扬州欢迎海内外投资者。")  # was untranslated
    set_cell(rows["2.2"][2], "市长潘国强出席开幕式并讲话。")  # reworded
    set_cell(rows["2.2"][5], "“讲话” reads better here.")
    document.save(str(path))
    before = read_po(catalogue_path(review_project, "forum", "zh_CN"))

    report = import_docx(path, review_project)
    assert [c.msgid for c in report.updated] == [
        "Mayor Pan Guoqiang attended the opening ceremony and delivered a speech.",
        "Yangzhou welcomes investors from home and abroad."] and report.written
    new = entry(review_project, "Yangzhou welcomes investors from home and abroad.")
    assert new.msgstr == "扬州欢迎海内外投资者。" and new.fuzzy
    reworded = entry(review_project, "Mayor Pan Guoqiang attended the opening ceremony and delivered a speech.")
    assert reworded.msgstr == "市长潘国强出席开幕式并讲话。" and reworded.fuzzy
    assert "review: “讲话” reads better here." in reworded.translator_comments
    # every other entry is as it was
    after = read_po(catalogue_path(review_project, "forum", "zh_CN"))
    changed = {"Yangzhou welcomes investors from home and abroad.",
               "Mayor Pan Guoqiang attended the opening ceremony and delivered a speech."}
    for old, current in zip(before.messages, after.messages):
        if old.msgid not in changed:
            assert (old.msgstr, old.flags, old.translator_comments) == (current.msgstr, current.flags, current.translator_comments)
    # importing the same document again is a no-op
    again = import_docx(path, review_project)
    assert not again.updated and not again.written


def test_import_told_not_to_mark_fuzzy_and_approval_in_the_status_column(review_project):
    path = export_docx(review_project)
    document = docx.Document(str(path))
    rows = rows_by_id(document)
    set_cell(rows["4.1"][2], "仪式期间签署了多项合作协议。")
    set_cell(rows["3.2"][3], "approved")  # the fuzzy 3.2, confirmed unchanged
    document.save(str(path))
    report = import_docx(path, review_project, accept=True)
    assert [(c.msgid[:20], c.what) for c in report.updated] == [
        ("The Municipal Party ", "confirmed (fuzzy cleared)"), ("Several cooperation ", "translation updated")]
    assert not entry(review_project, "Several cooperation agreements were signed during the ceremony.").fuzzy
    confirmed = entry(review_project, "The Municipal Party Committee will keep improving the business environment.")
    assert confirmed.msgstr == "市委将持续优化营商环境。" and not confirmed.fuzzy


def test_an_emptied_target_never_erases_and_an_edited_source_is_reported(review_project):
    path = export_docx(review_project)
    document = docx.Document(str(path))
    rows = rows_by_id(document)
    set_cell(rows["2.2"][2], "")
    set_cell(rows["3.1"][1], "He said that the car industry is a pivotal sector for the city.")
    set_cell(rows["3.1"][2], "他表示，汽车产业是全市的支柱产业。")
    document.save(str(path))
    report = import_docx(path, review_project)
    assert not report.updated
    kept = entry(review_project, "Mayor Pan Guoqiang attended the opening ceremony and delivered a speech.")
    assert kept.msgstr  # nothing is lost: a reviewer who wants it gone says so in Comments
    assert len(report.skipped) == 1 and "3.1" in report.skipped[0].unit and report.exit_code == 1
    untouched = entry(review_project, "He said that the automotive industry is a pivotal sector for the city.")
    assert untouched.msgstr == "他表示，汽车工业是全市的支柱产业。"


def test_tracked_changes_count_as_accepted(review_project):
    """Word with Track Changes on writes <w:ins> and <w:del> runs; read as if accepted."""
    path = export_docx(review_project)
    document = docx.Document(str(path))
    cell = rows_by_id(document)["3.1"][2]
    paragraph = cell.paragraphs[0]._p
    runs = paragraph.xpath("./w:r")
    # delete the run holding 汽车工业 and insert 汽车产业 in its place
    deprecated = next(r for r in runs if "".join(t.text for t in r.iter(qn("w:t"))) == "汽车工业")
    deletion = OxmlElement("w:del")
    deletion.set(qn("w:id"), "1")
    deletion.set(qn("w:author"), "Reviewer")
    deprecated.addprevious(deletion)
    deletion.append(deprecated)
    for text in deprecated.iter(qn("w:t")):
        text.tag = qn("w:delText")
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "2")
    insertion.set(qn("w:author"), "Reviewer")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "汽车产业"
    run.append(text)
    insertion.append(run)
    deletion.addnext(insertion)
    document.save(str(path))
    report = import_docx(path, review_project)
    assert [c.msgid for c in report.updated] == ["He said that the automotive industry is a pivotal sector for the city."]
    fixed = entry(review_project, "He said that the automotive industry is a pivotal sector for the city.")
    assert fixed.msgstr == "他表示，汽车产业是全市的支柱产业。" and fixed.fuzzy


def test_a_document_that_is_not_a_review_is_refused(review_project, tmp_path):
    plain = tmp_path / "letter.docx"
    docx.Document().save(str(plain))
    with pytest.raises(WorkbenchError, match="not a workbench review"):
        import_docx(plain, review_project)
    garbage = tmp_path / "garbage.docx"
    garbage.write_bytes(b"not a zip")
    with pytest.raises(WorkbenchError, match="not a Word document"):
        import_docx(garbage, review_project)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (apt-get install -y libreoffice-writer)")
def test_libreoffice_opens_the_review(review_project, tmp_path):
    path = export_docx(review_project)
    out = tmp_path / "converted"
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "txt:Text (encoded):UTF8",
         "--outdir", str(out), str(path)],
        capture_output=True, timeout=240, check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    text = (out / "forum.zh_CN.txt").read_text(encoding="utf-8-sig")
    assert "市长潘国强出席开幕式并致辞。" in text and "Mayor Pan Guoqiang" in text and "untranslated" in text


def test_source_shows_chips_and_the_target_stays_the_msgstr(review_project):
    from review_project import NOTES_SENTENCE, NOTES_ZH, change_sources

    change_sources(review_project)
    paths = export_review(review_project, ["docx"], review_project.root / "out")
    path = next(p for p in paths if p.name == "notes.zh_CN.docx")
    rows = rows_by_id(docx.Document(str(path)))
    assert read_cell(rows["2.1"][1]) == (
        "Read ⟨link⟩the full report⟨/link⟩ & the ⟨b⟩summary⟨/b⟩ here.⟨br/⟩Questions go to the press office.")
    assert read_cell(rows["2.1"][2]) == NOTES_ZH  # what the import reads back, placeholders and all
    assert cell_text(rows["2.1"][1]._tc, hidden=True) == NOTES_SENTENCE
    assert read_cell(rows["1.1"][1]) == "Report & summary" and not cell_text(rows["1.1"][1]._tc, hidden=True)
    # the read-only Findings column pairs each chip with the placeholder the Target keeps
    assert read_cell(rows["2.1"][4]) == "Placeholders: ⟨link⟩ = <g1>…</g1> · ⟨b⟩ = <g2>…</g2> · ⟨br/⟩ = <x3/>"

    catalogue = catalogue_path(review_project, "notes", "zh_CN")
    before = catalogue.read_bytes()
    report = import_docx(path, review_project)
    assert not report.updated and not report.skipped and report.unchanged == 2
    assert catalogue.read_bytes() == before  # an unedited review leaves the PO byte-identical

    document = docx.Document(str(path))
    set_cell(rows_by_id(document)["2.1"][2], "请阅读<g1>完整报告</g1>和<g2>摘要</g2>。<x3/>问题请联系新闻办公室。")
    document.save(str(path))
    report = import_docx(path, review_project)
    assert [c.msgid for c in report.updated] == [NOTES_SENTENCE]
    assert read_po(catalogue).find(NOTES_SENTENCE).msgstr == "请阅读<g1>完整报告</g1>和<g2>摘要</g2>。<x3/>问题请联系新闻办公室。"


def _python_docx_bytes(article, language):
    from workbench.review.docx_export import build_document, deterministic_bytes

    return deterministic_bytes(build_document(article, language))


@pytest.mark.parametrize("language", ["zh_CN", "ru"])
def test_documents_made_from_the_shared_frame_are_python_docx_s_bytes(review_project, language):
    # each document is the language's frame (made once) with the article's texts and rows put in: the bytes
    # must be exactly those python-docx writes for the whole document, selected or not
    from workbench.review.docx_export import _FRAMES, docx_bytes
    from workbench.review.model import load_review

    _FRAMES.clear()
    [article] = [a for a in load_review(review_project) if a.name == "forum"]
    for selected in (article, article.select(["fuzzy", "findings"], language), article.select(["changed"], language)):
        assert docx_bytes(selected, language) == _python_docx_bytes(selected, language)
    assert len(_FRAMES) == 1  # one frame for the three documents
    # texts python-docx writes differently (white space around the title, a tab) or refuses (a title over
    # 255 characters) never go through the frame: the document is python-docx's own or the same error
    from dataclasses import replace

    for name in (" forum", "for\tum"):
        odd = replace(article, name=name)
        assert docx_bytes(odd, language) == _python_docx_bytes(odd, language)
    with pytest.raises(ValueError):
        docx_bytes(replace(article, name="x" * 250), language)


def test_an_arabic_target_column_is_right_to_left_even_where_it_is_empty(review_project):
    """Each target paragraph is a bidi one with Arabic on its mark: typed into an empty cell, text runs right to
    left and is spell-checked as Arabic; the source column and a left-to-right language stay as they were. An
    edit typed there comes back."""
    path = export_docx(review_project, "ar")
    document = docx.Document(str(path))
    for row in table_of(document).rows[1:]:
        target, source = row.cells[2].paragraphs[0]._p, row.cells[1].paragraphs[0]._p
        assert target.find(qn("w:pPr")).find(qn("w:bidi")) is not None
        assert target.find(qn("w:pPr")).find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:bidi")) == "ar"
        assert source.find(qn("w:pPr")) is None or source.find(qn("w:pPr")).find(qn("w:bidi")) is None
    russian = docx.Document(str(export_docx(review_project, "ru")))
    assert not any(row.cells[2].paragraphs[0]._p.xpath("./w:pPr/w:bidi") for row in table_of(russian).rows[1:])
    empty = next(cells for cells in rows_by_id(document).values() if not read_cell(cells[2]).strip())
    empty[2].paragraphs[0].add_run("نص جديد")
    document.save(str(path))
    report = import_docx(path, review_project)
    assert report.exit_code == 0 and len(report.updated) == 1
