"""Reviewed Word tables come back three-way: several reviewers, stale copies, and line breaks a cell cannot show."""

from __future__ import annotations

import shutil

import docx

from test_review_docx import entry, export_docx, rows_by_id, set_cell
from workbench.exchange.importer import CONFLICT_PREFIX
from workbench.layout import catalogue_path
from workbench.po.reader import read_po
from workbench.po.writer import write_po
from workbench.review import export_review, import_docx

MAYOR = "Mayor Pan Guoqiang attended the opening ceremony and delivered a speech."
INDUSTRY = "He said that the automotive industry is a pivotal sector for the city."


def copy(path, name):
    target = path.parent / name
    shutil.copy(path, target)
    return target


def edit(path, row, text):
    document = docx.Document(str(path))
    set_cell(rows_by_id(document)[row][2], text)
    document.save(str(path))


def test_two_reviewers_on_different_rows_both_land(review_project):
    exported = export_docx(review_project)
    a, b = copy(exported, "a.docx"), copy(exported, "b.docx")
    edit(a, "2.2", "潘国强市长出席开幕式并致辞。")
    edit(b, "3.1", "他说，汽车产业是这座城市的支柱产业。")
    assert import_docx(a, review_project).exit_code == 0
    report = import_docx(b, review_project)
    assert report.exit_code == 0 and len(report.updated) == 1  # B's stale copy of row 2.2 reverts nothing
    assert entry(review_project, MAYOR).msgstr == "潘国强市长出席开幕式并致辞。"
    assert entry(review_project, INDUSTRY).msgstr == "他说，汽车产业是这座城市的支柱产业。"


def test_two_reviewers_on_the_same_row_give_a_conflict_and_lose_nothing(review_project):
    exported = export_docx(review_project)
    a, b = copy(exported, "a.docx"), copy(exported, "b.docx")
    edit(a, "2.2", "潘国强市长出席开幕式并致辞。")
    edit(b, "2.2", "市长潘国强出席了开幕式并讲话。")
    import_docx(a, review_project)
    report = import_docx(b, review_project)
    assert report.exit_code == 1 and len(report.conflicts) == 1
    kept = entry(review_project, MAYOR)
    assert kept.msgstr == "潘国强市长出席开幕式并致辞。"
    assert any(c.startswith(CONFLICT_PREFIX) and c.endswith(": 市长潘国强出席了开幕式并讲话。")
               for c in kept.translator_comments)


def test_a_stale_document_never_reverts_the_translators_newer_work(review_project):
    stale = export_docx(review_project)
    path = catalogue_path(review_project, "forum", "zh_CN")
    catalogue = read_po(path)
    catalogue.find(MAYOR).msgstr = "潘国强市长出席开幕仪式并发表讲话。"
    write_po(catalogue, path)
    report = import_docx(stale, review_project)  # unedited, but made before the translator's change
    assert not report.updated and not report.conflicts and report.exit_code == 0
    assert entry(review_project, MAYOR).msgstr == "潘国强市长出席开幕仪式并发表讲话。"


def test_line_breaks_at_the_ends_of_a_translation_survive_a_review(review_project):
    """A cell cannot show a leading or trailing line break: an unedited row must not lose it, an edit keeps it."""
    path = catalogue_path(review_project, "forum", "zh_CN")
    catalogue = read_po(path)
    catalogue.find(MAYOR).msgstr = "潘国强市长出席开幕式并讲话。\n"
    catalogue.find(INDUSTRY).msgstr = "\n他表示，汽车工业是全市的支柱产业。\n"
    write_po(catalogue, path)
    before = path.read_bytes()
    exported = export_docx(review_project)
    assert not import_docx(exported, review_project).updated
    assert path.read_bytes() == before  # an unedited review leaves the PO byte-identical
    edit(exported, "3.1", "他说，汽车产业是全市的支柱产业。")
    import_docx(exported, review_project)
    assert entry(review_project, INDUSTRY).msgstr == "\n他说，汽车产业是全市的支柱产业。\n"


def test_dry_run_lists_and_writes_nothing(review_project):
    exported = export_docx(review_project)
    edit(exported, "2.2", "潘国强市长出席开幕式并致辞。")
    path = catalogue_path(review_project, "forum", "zh_CN")
    before = path.read_bytes()
    report = import_docx(exported, review_project, dry_run=True)
    assert path.read_bytes() == before
    lines = report.lines(str)
    assert any(line.startswith("would update ") and "forum.po:" in line and "Mayor Pan" in line for line in lines)
    assert lines[-1].endswith("dry run: no file written")


def test_an_article_in_a_folder_comes_back(review_project):
    """An article of seeds/city/ is ``city/forum``: its document names it so, and the import takes it back
    (it refused every article in a folder as 'not a catalogue of this project')."""
    from workbench.extract import extract
    from workbench.update import update

    config = review_project
    (config.seeds_dir / "city").mkdir()
    (config.seeds_dir / "forum.md").rename(config.seeds_dir / "city" / "forum.md")
    (config.locales_dir / "forum.pot").unlink()
    for language in ("zh_CN", "ru", "fr"):
        old = catalogue_path(config, "forum", language)
        if old.exists():
            old.parent.joinpath("city").mkdir(exist_ok=True)
            old.rename(catalogue_path(config, "city/forum", language))
    extract(config)
    update(config)
    exported = next(p for p in export_review(config, ["docx"], config.root / "out") if p.name == "forum.zh_CN.docx")
    edit(exported, "2.2", "潘国强市长出席开幕式并致辞。")
    report = import_docx(exported, config)
    assert report.exit_code == 0 and len(report.updated) == 1
    assert read_po(catalogue_path(config, "city/forum", "zh_CN")).find(MAYOR).msgstr == "潘国强市长出席开幕式并致辞。"
