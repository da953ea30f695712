"""The review exports stream the project: each article is read, written in every format and let go before the
next is read, and what counts the whole project (the index, the matrix page) is the same as counted at once."""

from __future__ import annotations

import pytest

import workbench.review.model as model
from review_project import change_sources
from workbench.review import iter_review_exports

FORMATS = ["html", "matrix", "docx", "md", "txt"]


def test_each_article_is_written_in_every_format_before_the_next_is_read(review_project, monkeypatch):
    config = review_project
    change_sources(config)  # two articles: forum.md, notes.html
    loaded: list[str] = []
    load = model.load_article

    def recording(path, *args, **kwargs):
        loaded.append(path.name)
        return load(path, *args, **kwargs)

    monkeypatch.setattr(model, "load_article", recording)
    out = config.root / "out"
    seen: list[tuple[str, tuple[str, ...]]] = []
    for path, written in iter_review_exports(config, FORMATS, out):
        assert path.is_file() and written  # yielded once written
        seen.append((path.relative_to(out).as_posix(), tuple(loaded)))
    # a second export of the unchanged project says so file by file, and leaves the files alone
    assert {written for _, written in iter_review_exports(config, FORMATS, out)} == {False}
    forum = [loaded_then for name, loaded_then in seen if name.split("/")[1].startswith("forum.")]
    notes = [loaded_then for name, loaded_then in seen if name.split("/")[1].startswith("notes.")]
    # forum's 4 pages, 3 tables, 3 + 3 texts, all written while notes was not read yet
    assert len(forum) == len(notes) == 13
    assert set(forum) == {("forum.md",)} and set(notes) == {("forum.md", "notes.html")}
    assert [name for name, _ in seen[-2:]] == ["html/index.html", "html/matrix.html"]


def test_the_matrix_page_counted_article_by_article_is_the_checks_matrix(review_project):
    from workbench.checks.matrix import build_matrix
    from workbench.review.matrix_page import MatrixPage

    config = review_project
    change_sources(config)
    review = model.open_project_review(config)
    page = MatrixPage(review.glossary, config.source_language, review.checked)
    for article in review.articles():
        page.add(article)
    names = ["forum", "notes"]
    report = model.run_project_checks(config, review.languages, names)
    expected = build_matrix(report)
    assert expected["terms"]  # the project's glossary terms are used: there is something to compare
    assert page.counts.matrix(sorted(page.languages)) == expected


@pytest.mark.parametrize("shown", [50, 0])
def test_articles_spread_over_workers_give_the_same_files_and_pages(review_project, monkeypatch, shown):
    """On a project large enough, the articles are built and written by forked workers, and the index and the
    matrix page are counted from what each sends back: every file is the same, byte for byte, as one process
    writes it (also where a rendering has more uses than the matrix page links: ``shown``)."""
    import workbench.parallel as parallel
    import workbench.review.matrix_page as matrix_page

    monkeypatch.setattr(matrix_page, "LINKS_SHOWN", shown)
    config = review_project
    change_sources(config)  # two articles
    serial, spread = config.root / "serial", config.root / "spread"
    list(iter_review_exports(config, FORMATS, serial))
    forked = []
    count = parallel.worker_count
    monkeypatch.setattr(parallel, "worker_count", lambda items, minimum=2: forked.append(items) or min(2, items))
    list(iter_review_exports(config, FORMATS, spread))
    assert 2 in forked  # the two articles went to two workers
    files = sorted(p.relative_to(serial).as_posix() for p in serial.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(spread).as_posix() for p in spread.rglob("*") if p.is_file())
    assert "html/matrix.html" in files and "html/index.html" in files
    for name in files:
        assert (serial / name).read_bytes() == (spread / name).read_bytes(), name
    monkeypatch.setattr(parallel, "worker_count", count)
    # and the matrix merged from the workers' counts is the page counted article by article in one place
    from workbench.review.matrix_page import MatrixPage

    review = model.open_project_review(config)
    page = MatrixPage(review.glossary, config.source_language, review.checked)
    for article in review.articles():
        page.add(article)
    assert page.html(config.project_name) == (spread / "html" / "matrix.html").read_text(encoding="utf-8")
    # past the links shown, the page says how many uses it does not link
    assert ("more</span>" in page.html(config.project_name)) == (shown == 0)
    assert all(len(links) <= shown for links in page.found.values())
    if shown == 0:  # (each rendering is used once here: none linked, each said)
        assert page.more and set(page.more.values()) == {1}


def test_a_large_project_s_checks_run_in_an_interpreter_of_their_own_with_the_same_findings(review_project,
                                                                                          monkeypatch):
    """From ``CHECKS_APART`` catalogues, an export's checks run in an interpreter started for them, so that their
    judging pieces fork from a process holding only the checks (not the export's suggestions and modules): the
    findings handed back are those the export's own process finds, and the pages are the same bytes."""
    import functools

    config = review_project
    change_sources(config)
    here = config.root / "here"
    list(iter_review_exports(config, ["html"], here))
    checked_here = []
    real = model._checked_here

    @functools.wraps(real)  # (the started interpreter imports the function by its name: the real one)
    def counted(*args):
        checked_here.append(args)
        return real(*args)

    monkeypatch.setattr(model, "_checked_here", counted)
    monkeypatch.setattr(model, "CHECKS_APART", 1)
    apart = config.root / "apart"
    list(iter_review_exports(config, ["html"], apart))
    assert not checked_here  # run elsewhere, and its result used
    pages = sorted(path.relative_to(here) for path in here.rglob("*.html"))
    assert pages == sorted(path.relative_to(apart) for path in apart.rglob("*.html"))
    assert any("finding" in (here / page).read_text() for page in pages)
    assert all((here / page).read_bytes() == (apart / page).read_bytes() for page in pages)
