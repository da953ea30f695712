"""Bilingual exports for reviewers and editors: HTML pages, Word review tables, interleaved text.

``export_review(config, formats, output_dir)`` writes, under ``output_dir``::

    html/index.html                      every article and language, with progress
    html/<article>.<lang>.html           source and one target side by side
    html/<article>.all.html              source and every target language
    html/matrix.html                     glossary terms × languages (format "matrix")
    docx/<article>.<lang>.docx           the review table for Word
    md/<article>.<lang>.md, txt/...      source and translation interleaved by paragraph

Every file is written atomically and only when its bytes change; the same
project gives the same bytes (no dates, no absolute paths).
``import_docx`` brings a reviewed DOCX back into its catalogue.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Iterator

from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.export_records import ArticleRecords
from workbench.fileio import atomic_write, atomic_write_pieces

def page_name(article: str, language: str, suffix: str) -> str:
    return f"{article}.{language}.{suffix}"


def export_review(
    config: Config,
    formats: list[str],
    output_dir: Path,
    languages: list[str] | None = None,
    timestamp: datetime | None = None,
    only: list[str] | None = None,
    progress=None,
) -> list[Path]:
    """Write the review exports in ``formats``; return every file produced, in a stable order.

    ``timestamp`` goes into DOCX core properties only if given: by default
    exports carry no date, so re-exporting an unchanged project changes nothing.
    ``only`` (names of ``model.FILTERS``) keeps the segments that match one of them
    in the language of the file (on the page with every language: in any language);
    the index and the matrix still count the whole catalogues. ``progress(1)`` is called as each file is written.
    """
    return [path for path, _ in iter_review_exports(config, formats, output_dir, languages, timestamp, only, progress)]


def iter_review_exports(config: Config, formats: list[str], output_dir: Path, languages: list[str] | None = None,
                        timestamp: datetime | None = None, only: list[str] | None = None,
                        progress=None) -> Iterator[tuple[Path, bool]]:
    """``export_review``, (path, written) yielded as each file is done, False where the file already had those
    bytes (it is left alone): the project is read one article at a time, each
    article written in every format and let go, so memory holds one article (and the checks' findings, the
    index's and the matrix's counts), whatever the size of the project."""
    from workbench.export import FORMATS, REVIEW

    unknown = [f for f in formats if f not in FORMATS or FORMATS[f].family != REVIEW]
    if unknown:
        raise WorkbenchError(f"unknown review format(s) {', '.join(unknown)}")
    from workbench.review.model import open_project_review

    languages = list(languages or config.target_languages)
    if not languages:
        raise WorkbenchError("no target languages: set target-languages in [tool.workbench]")
    wanted = set(formats)
    review = open_project_review(config, languages)
    only = list(only or [])
    project = config.project_name
    output_dir = Path(output_dir)

    def emit(relative: str, data: str | bytes | Iterator[str] | None) -> tuple[Path, bool]:
        """A page of the whole project written, whole or in pieces (``data`` None: left as it is, its record says
        it is current)."""
        path = output_dir / relative
        if data is None:
            written = False
        else:
            written = (atomic_write(path, data, durable=False) if isinstance(data, (str, bytes))
                       else atomic_write_pieces(path, data, durable=False))
        if progress:
            progress(1)
        return path, written

    from workbench.review import html, text
    from workbench.review.matrix_page import MatrixPage

    if "docx" in wanted:
        from workbench.review.docx_export import docx_bytes

    def files(article) -> Iterator[tuple[str, str | bytes]]:
        """The article's files in every format asked: (path under ``output_dir``, bytes or text)."""
        if "html" in wanted:
            for language in languages:
                yield ("html/" + page_name(article.name, language, "html"),
                       html.pair_page(article.select(only, language), language, project))
            yield "html/" + f"{article.name}.all.html", html.multi_page(article.select(only), project)
        if "docx" in wanted:
            for language in languages:
                yield ("docx/" + page_name(article.name, language, "docx"),
                       docx_bytes(article.select(only, language), language, timestamp))
        for kind in ("md", "txt"):
            if kind in wanted:
                render = text.markdown if kind == "md" else text.plain
                for language in languages:
                    yield (f"{kind}/" + page_name(article.name, language, kind),
                           render(article.select(only, language), language))

    summaries = []
    matrix = MatrixPage(review.glossary, config.source_language, review.checked) if "matrix" in wanted else None

    def one_article(source: Path) -> tuple[list[tuple[str, bool]], object, tuple | None, tuple | None]:
        """One article built and written in every format (in a forked worker): what it wrote, its line on the
        index, its counts for the matrix, its record; the article itself is let go there."""
        article = review.article(source)
        written = [(relative, atomic_write(output_dir / relative, data, durable=False))
                   for relative, data in files(article)]
        summary, part = article.summary(), matrix.part(article) if matrix is not None else None
        record = records.record(keys[source], [output_dir / relative for relative, _ in written], (summary, part))
        return written, summary, part, record

    from workbench.parallel import map_files
    from workbench.tm.suggest import session

    # the articles on every core, each built, written in every format, counted for the index and the matrix
    # and let go; the workers inherit the checks' findings and the glossary's index (and the memory's
    # suggestions the exchange formats already asked), and each opens the memory for its own. An article
    # whose inputs and files are as the last export left them (its record, ``workbench.export_records``) is
    # not built; what it counts for the index and the matrix is read from its record only when those pages
    # are made again.
    with session():
        covered, suggestions = False, None
        if review.sources:  # the memory synced here, once, before the workers open it to read
            from workbench.tm.suggest import Suggestions

            suggestions = Suggestions.for_project(config)
            # an article's record knows its suggestions only when every entry's was asked before (``prefetch``)
            covered = suggestions.covers(languages)
            if review.glossary is not None:  # the glossary's indexes built once, here, for every worker
                review.glossary.matcher.prepare(config.source_language, *languages)
        records = ArticleRecords("review", _review_context(config, review, sorted(wanted), languages, only, timestamp,
                                                           output_dir), enabled=covered)
        keys = {source: records.key(_article_inputs(config, review, suggestions, source, languages))
                if records.enabled else ""
                for source in review.sources}
        current = {source: records.current(config.relative(source), keys[source]) if records.enabled else None
                   for source in review.sources}
        pages = [relative for relative, asked in (("html/index.html", "html" in wanted),
                                                  ("html/matrix.html", matrix is not None)) if asked]
        pages_key = records.key(keys.values())
        made_pages = [str(output_dir / relative) for relative in pages]
        pages_current = all(current.values()) and records.current("(pages)", pages_key) == made_pages
        records.close()  # (the workers open their own)
        built = iter(map_files(one_article, [source for source in review.sources if current[source] is None]))
        for source in review.sources:
            name = config.relative(source)
            kept = records.value_of(name) if current[source] is not None and not pages_current else None
            if current[source] is not None and (pages_current or kept is not None):
                for path in current[source]:
                    if progress:
                        progress(1)
                    yield Path(path), False
                records.keep(name, records.KEPT)
                if pages_current:
                    continue
                summary, part = kept
            else:  # (built here if its record could not be read after all)
                records.close()  # (the first ``next`` forks the workers: no connection of this process in them)
                written, summary, part, record = next(built) if current[source] is None else one_article(source)
                for relative, changed in written:
                    if progress:
                        progress(1)
                    yield output_dir / relative, changed
                records.keep(name, record)
            summaries.append(summary)
            if matrix is not None:
                matrix.merge(part)
    # the pages of the whole project: made again only when an article changed or a page is not as written
    if pages_current:
        records.keep("(pages)", records.KEPT)
        records.save()
        for relative in pages:
            yield emit(relative, None)
        return
    if "html" in wanted:
        links: dict[tuple[str, str], str] = {}
        for summary in summaries:
            links[(summary.name, "*")] = f"{summary.name}.all.html"
            for language in languages:
                links[(summary.name, language)] = page_name(summary.name, language, "html")
        yield emit("html/index.html",
                   html.index_pieces(summaries, links, project, "matrix.html" if matrix is not None else None))
    if matrix is not None:
        yield emit("html/matrix.html", matrix.pieces(project))
    records.keep("(pages)", records.record(pages_key, [output_dir / relative for relative in pages], None))
    records.save()


def _review_context(config: Config, review, formats: list[str], languages: list[str], only: list[str],
                    timestamp: datetime | None, output_dir: Path) -> list[str]:
    """What every review file of an export depends on besides its article (``ArticleRecords``' context)."""
    from workbench.checks.cache import glossary_fingerprint
    from workbench.export_records import file_bytes
    from workbench.glossary.normalise import normaliser_version

    rules = config.path(config.segmentation_rules) if config.segmentation_rules else None
    return [repr(config), ",".join(formats), ",".join(languages), ",".join(only),
            timestamp.isoformat() if timestamp else "-", str(output_dir.resolve()), str(review.checked),
            glossary_fingerprint(review.glossary),
            *(normaliser_version(language) for language in [config.source_language, *languages]),
            hashlib.sha256(file_bytes(rules)).hexdigest()]


def _article_inputs(config: Config, review, suggestions, source: Path, languages: list[str]) -> Iterator[bytes | str]:
    """What one article's review files are made from: its source, and its catalogue in each language with the
    checks' findings on it and the memory's suggestions for its entries."""
    from workbench.articles import article_name
    from workbench.export_records import file_bytes
    from workbench.layout import catalogue_path

    yield config.relative(source)
    yield file_bytes(source)
    name = article_name(source, config.seeds_dir)
    for language in languages:
        path = catalogue_path(config, name, language)
        yield language
        yield file_bytes(path)
        if review.findings is not None:
            yield repr(review.findings.on({str(path.resolve()): language}))
        yield suggestions.answers_on(path)


def import_docx(path, config: Config, **options):
    """See ``workbench.review.docx_import.import_docx``."""
    from workbench.review.docx_import import import_docx as _import

    return _import(path, config, **options)


__all__ = ["export_review", "import_docx", "iter_review_exports"]
