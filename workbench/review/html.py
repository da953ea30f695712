"""Bilingual review pages in HTML5: one per article and language, one per article with every language.

Built with lxml's E-factory (so every text is escaped by construction) and
serialised as HTML5 with ``<!DOCTYPE html>``. Each page stands alone: the
stylesheet and the one small script are inline, there is no font, no image, no
link to anything outside the export folder. Hover texts are ``title`` attributes.

What matters to a reviewer is findable: each row says which FILTERS it matches
(``data-filters``: untranslated, fuzzy, findings, changed) and the filter bar's
buttons show only those rows (plain JavaScript, the bar hidden without it, so
a page without scripts shows every row and no dead buttons). A fuzzy entry
whose source was edited shows the word diff of old and new source.
Placeholders are shown as chips (``⟨link⟩…⟨/link⟩``, ``workbench.review.chips``).

Layout, for alignment that survives copy-paste and printing: a table, one
``<tbody>`` per source paragraph, one row per segment (id, source, target,
status and findings). Headings stay headings (``<h2>`` in both cells). The
target cell carries ``lang``/``dir`` of its language, and its status as a
class and a coloured stripe; untranslated cells say so in words, so the
difference survives a black-and-white printout.
"""

from __future__ import annotations

import functools
from typing import Iterator

import lxml.html
from lxml.builder import ElementMaker

from workbench import __version__
from workbench.review import chips
from workbench.review.diff import DELETE, INSERT, word_diff
from workbench.review.model import (
    CHANGED, FILTERS, FINDINGS, FUZZY, STATUSES, TRANSLATED, UNTRANSLATED, ArticleSummary, Cell, Language, Mark,
    ReviewArticle, ReviewSegment,
)
from workbench.review.style import CSS, SCRIPT
from workbench.review.terms import TermMark

E = ElementMaker(makeelement=lxml.html.html_parser.makeelement)
UI_LANGUAGE = "en"  # the language of the page's own labels


def cls(*names: str | None) -> dict[str, str]:
    return {"class": _class_value(names)}


@functools.lru_cache(maxsize=1024)
def _class_value(names: tuple[str | None, ...]) -> str:
    return " ".join(n for n in names if n)  # a page asks for the same few dozen combinations thousands of times


# Elements whose children are blocks: a line break between those children is layout, never content.
_STRUCTURAL = {"html", "head", "body", "header", "main", "footer", "table", "colgroup", "thead", "tbody", "tr",
               "ul", "dl"}
_STRUCTURAL_DIVS = {"summary", "notice"}  # other divs hold inline content (or are flex rows of spans)


def _structural(element) -> bool:
    if element.tag == "div":
        return bool(_STRUCTURAL_DIVS & set(element.get("class", "").split()))
    return element.tag in _STRUCTURAL


def _break_lines(root) -> None:
    """A line break between the children of every block in ``root``. lxml's pretty_print would also break lines
    inside cells (before a leading ``<mark>``), which changes the cell's text."""
    for parent in root.iter(*_STRUCTURAL, "div"):  # only the blocks' children: a page has 30,000 inline elements
        if not _structural(parent):
            continue
        for element in parent:
            if not (element.tail or "").strip():
                if not (parent.text or "").strip():
                    parent.text = "\n"
                element.tail = "\n"


def serialize_pieces(root, streamed: tuple | None = None) -> Iterator[str]:
    """HTML5 text, one line per block, in pieces to be written as they come.

    ``streamed`` (a placeholder element in ``root``, an iterable of elements): the elements written where the
    placeholder is, each made, written and let go in turn, so that a page of many rows (the matrix page: about a
    million elements at 2,000 articles, 280 MB as one tree) never holds them all; the text is the same as with
    the elements in the tree."""
    _break_lines(root)
    text = lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode", method="html") + "\n"
    if streamed is None:
        yield text
        return
    placeholder, elements = streamed
    marker = lxml.html.tostring(placeholder, encoding="unicode", method="html")  # (with its tail)
    if text.count(marker) != 1:
        raise ValueError("the placeholder of the streamed elements must be in the page once")
    before, _, after = text.partition(marker)
    yield before
    for element in elements:
        _break_lines(element)
        element.tail = placeholder.tail  # as its parent block would have set it
        yield lxml.html.tostring(element, encoding="unicode", method="html")
    yield after


def page(title: str, body_class: str, *content, script: bool = False) -> str:
    """A complete, self-contained HTML5 document; with ``script``, the filter bar's script at the end."""
    return "".join(page_pieces(title, body_class, *content, script=script))


def page_pieces(title: str, body_class: str, *content, script: bool = False,
                streamed: tuple | None = None) -> Iterator[str]:
    """``page``'s text in pieces; ``streamed`` as ``serialize_pieces`` takes it."""
    if script:
        content = (*content, E.script(SCRIPT))
    root = E.html(
        {"lang": UI_LANGUAGE, "dir": "ltr"},
        E.head(
            E.meta(charset="utf-8"),
            E.meta(name="viewport", content="width=device-width, initial-scale=1"),
            E.meta(name="generator", content=f"workbench {__version__}"),
            E.meta(name="color-scheme", content="light"),
            E.title(title),
            E.style(CSS),
        ),
        E.body(cls(body_class), *content),
    )
    return serialize_pieces(root, streamed)


# -- inline text: terms and findings ------------------------------------------------
def chipped(text: str, segment: ReviewSegment, article: ReviewArticle) -> list:
    """``text`` (of ``segment``) with its placeholders as chips and its character references decoded."""
    out = []
    for piece in chips.pieces(text, segment.tags, article.markup):
        if isinstance(piece, chips.Chip):
            out.append(E.span({**cls("chip"), "title": piece.raw, "data-placeholder": piece.raw}, piece.label))
        else:
            out.append(piece)
    return out


def inline(text: str, terms: list[TermMark], flags: list[Mark], side: str, view=lambda text: [text]) -> list:
    """``text`` as mixed content: glossary terms in ``<mark>``, findings' spans underlined;
    ``view`` renders each stretch of plain text (placeholders as chips).

    A finding whose span overlaps a term is told on that term (one element,
    one hover), since they are usually the same thing: a deprecated term.
    """
    items: list[dict] = []
    for term in terms:
        if 0 <= term.start < term.end <= len(text):
            items.append({"start": term.start, "end": term.end, "term": term, "flags": []})
    for flag in flags:
        if not flag.span:
            continue
        start, end = flag.span
        if not 0 <= start < end <= len(text):
            continue
        host = next((i for i in items if i["start"] < end and start < i["end"]), None)
        if host is not None:
            host["flags"].append(flag)
        else:
            items.append({"start": start, "end": end, "term": None, "flags": [flag]})
    items.sort(key=lambda i: (i["start"], i["end"]))
    out: list = []
    position = 0
    for item in items:
        if item["start"] < position:
            continue  # overlaps one already drawn
        out.extend(view(text[position : item["start"]]))
        out.append(_span(view(text[item["start"] : item["end"]]), item["term"], item["flags"], side))
        position = item["end"]
    out.extend(view(text[position:]))
    return [piece for piece in out if not isinstance(piece, str) or piece]


def _span(content: list, term: TermMark | None, flags: list[Mark], side: str):
    severity = _worst(flags)
    notes = [f"{flag.check}: {flag.message}" for flag in flags]
    if term is None:
        return E.span({**cls("flag", severity), "title": "\n".join(notes)}, *content)
    attributes = {**cls("term", term.state, "flagged" if flags else None, severity), "title": "\n".join([term.title, *notes])}
    attributes["data-concept"] = term.concept
    if side == "source" and term.rendering:
        attributes["data-approved"] = term.rendering
    return E.mark(attributes, *content)


def _worst(flags: list[Mark]) -> str | None:
    for severity in ("error", "warning", "info"):
        if any(flag.severity == severity for flag in flags):
            return severity
    return None


def lang_attrs(language: Language) -> dict[str, str]:
    return {"lang": language.tag, "dir": language.direction}


def text_block(content: list, level: int | None):
    """The cell's content: a heading element for headings, plain text otherwise."""
    if level is None:
        return content
    return [E(f"h{level}", *content)]


# -- pieces shared by both page kinds -------------------------------------------------
def status_badge(status: str):
    return E.span(cls("badge", status), status)


def findings_list(marks: list[Mark]):
    items = []
    for mark in marks:
        items.append(E.li(cls(mark.severity), E.span(cls("check"), f"{mark.severity} · {mark.check}"), mark.message))
    return E.ul(cls("findings"), *items)


def source_cell(segment: ReviewSegment, article: ReviewArticle, level: int | None, language: str | None):
    """The source text with its terms as seen against ``language``, or against every target if None."""
    if language is not None:
        terms = segment.source_terms.get(language, [])
        flags = [m for m in segment.cells[language].findings if m.in_source]
        previous = {segment.cells[language].previous: []} if segment.cells[language].previous is not None else {}
    else:
        terms, flags = all_renderings(segment, article), []
        previous = {}  # old source -> the languages whose entry was translated from it
        for target in article.targets:
            if segment.cells[target.code].previous is not None:
                previous.setdefault(segment.cells[target.code].previous, []).append(target.tag)
    view = lambda text: chipped(text, segment, article)  # noqa: E731
    content = text_block(inline(segment.msgid, terms, flags, "source", view), level)
    for old, tags in previous.items():
        content.append(source_diff(old, segment, article, tags if len(previous) > 1 else []))
    return E.td({**cls("src"), **lang_attrs(article.source)}, *content)


def source_diff(old: str, segment: ReviewSegment, article: ReviewArticle, languages: list[str]):
    """The change from the source a fuzzy translation was made from to the current one, word by word."""
    label = "Source changed since translated" + (f" ({', '.join(languages)})" if languages else "") + ": "
    pieces = []
    for op, text in word_diff(old, segment.msgid):
        content = chipped(text, segment, article)
        pieces.append(E("del", *content) if op == DELETE else E.ins(*content) if op == INSERT else E.span(*content))
    return E.div(cls("diff"), E.span({**cls("diff-label"), "lang": UI_LANGUAGE}, label), *pieces)


def all_renderings(segment: ReviewSegment, article: ReviewArticle) -> list[TermMark]:
    """Source terms for the page with every language: one neutral mark, each language's rendering in its hover."""
    merged: dict[tuple[int, int], TermMark] = {}
    lines: dict[tuple[int, int], list[str]] = {}
    for target in article.targets:
        for mark in segment.source_terms.get(target.code, []):
            key = (mark.start, mark.end)
            merged.setdefault(key, TermMark(mark.start, mark.end, mark.concept, mark.term, mark.status, "ok", ""))
            lines.setdefault(key, []).append(f"{target.tag}: {mark.rendering or '(none in the glossary)'}")
    for key, mark in merged.items():
        # no printed rendering (mark.rendering stays ""): the page's other columns show them all
        mark.title = "\n".join([f"{mark.term} →", *lines[key]])
    return sorted(merged.values(), key=lambda m: m.start)


def target_content(cell: Cell, level: int | None, segment: ReviewSegment, article: ReviewArticle) -> list:
    if cell.status == UNTRANSLATED and not cell.text:
        # the words say it too, so the difference survives printing in black and white
        content = [E.span({**cls("placeholder"), "lang": UI_LANGUAGE, "dir": "ltr"}, "untranslated")]
    else:
        flags = [m for m in cell.findings if not m.in_source]
        view = lambda text: chipped(text, segment, article)  # noqa: E731
        content = text_block(inline(cell.text, cell.terms, flags, "target", view), level)
    if cell.tm is not None:
        content.append(tm_line(cell.tm))
    return content


def tm_line(tm: tuple[int, str, str]):
    """The translation memory's suggestion under an untranslated or fuzzy cell: "TM 87%: … — article"."""
    score, suggestion, origin = tm
    return E.p(cls("tm-suggestion"), E.span({**cls("tm-score"), "lang": UI_LANGUAGE, "dir": "ltr"}, f"TM {score}%: "),
               E.span(cls("tm-text"), suggestion),
               E.span({**cls("tm-origin"), "lang": UI_LANGUAGE, "dir": "ltr"}, f" — {origin}"))


def masthead(article: ReviewArticle, project: str, pairline: list, meta: list[tuple[str, str]], language: str | None,
             notices: list[Mark]):
    parts = [
        E.p(cls("crumbs"), f"{project} · bilingual review"),
        E.h1(article.name),
        E.p(cls("pairline"), *pairline),
        E.dl(cls("meta"), *[E.div(E.dt(k), E.dd(E.code(v))) for k, v in meta]),
    ]
    if language is not None:
        parts.append(summary(article, language))
    if article.only:
        shown = sum(1 for _ in article.segments())
        parts.append(E.p(cls("selection"), f"This export holds only the segments that are {selection_words(article.only)}: "
                         f"{shown} of the article's {article.all_segments}."))
    parts.append(filter_bar(article, language))
    parts.append(legend())
    if notices:
        parts.append(E.div(cls("notice"), "Findings not tied to a segment of this article:", findings_list(notices)))
    return E.header(cls("masthead"), *parts)


def progress_bar(stats, label: bool = True):
    """The catalogue's entries by status, as ``workbench stats`` counts them."""
    counts = {TRANSLATED: stats.translated.segments, FUZZY: stats.fuzzy.segments,
              UNTRANSLATED: stats.untranslated.segments}
    total = stats.total.segments or 1
    attributes = {"role": "img", "aria-label": f"{counts[TRANSLATED]} of {stats.total.segments} entries translated"}
    bar = E.div({**cls("bar"), **(attributes if label else {})})
    for status in STATUSES:
        if counts[status]:
            bar.append(E.span({**cls(status), "style": f"width:{100 * counts[status] / total:.2f}%"}))
    return bar


def summary(article: ReviewArticle, language: str):
    """The catalogue's progress in ``workbench stats``' units (entries, source words), and the findings."""
    stats = article.stats.get(language)
    findings = sum(len(s.cells[language].findings) for s in article.segments())
    if stats is None:
        return E.div(cls("summary"), E.p(cls("unit-note"), "No catalogue for this language yet: every segment is untranslated."))

    def count(key: str, number: int, words: str, klass: str | None = None):
        return E.li({**cls(klass), "data-count": key}, E.span(cls("n"), str(number)), words)

    items = [count("entries", stats.total.segments, " entries")]
    items += [count(status, getattr(stats, status).segments, f" {status}", status) for status in STATUSES]
    items.append(count("words", stats.total.words, " source words"))
    items.append(count("words-translated", stats.translated.words, " words translated"))
    items.append(count("findings", findings, " findings", "findings"))
    note = E.p(cls("unit-note"), "Catalogue entries and source words, as ", E.code("workbench stats"),
               " counts them (a sentence that occurs twice is one entry); the buttons below count this page's segments.")
    return E.div({**cls("summary"), "data-unit": "entries"}, progress_bar(stats), E.ul(cls("counts"), *items), note)


def selection_words(only) -> str:
    return " or ".join(FILTER_LABELS[name] for name in only)


FILTER_LABELS = {UNTRANSLATED: "untranslated", FUZZY: "fuzzy", FINDINGS: "with findings",
                 CHANGED: "source changed"}


def filter_bar(article: ReviewArticle, language: str | None):
    """Buttons that show only the rows matching them (any of those pressed), counted in segments.

    Hidden until the script runs: without scripts the page shows every row and no dead buttons.
    """
    languages = None if language is None else [language]
    matched = [segment.filters(languages) for segment in article.segments()]
    buttons = []
    for name in FILTERS:
        number = sum(1 for filters in matched if name in filters)
        buttons.append(E.button({"type": "button", "data-filter": name, "aria-pressed": "false",
                                 **({"disabled": "disabled"} if not number else {})},
                                FILTER_LABELS[name], " ", E.span(cls("n"), str(number))))
    buttons.append(E.button({**cls("reset"), "type": "button"}, "show all"))
    scope = "" if language is not None else " (in any language)"
    return E.div(
        {**cls("filters"), "role": "toolbar", "aria-label": "Show only", "hidden": "hidden",
         "data-segments": str(len(matched))},
        E.span(cls("filters-label"), f"Show only segments{scope}:"),
        *buttons,
        E.span({**cls("shown"), "aria-live": "polite"}, f"{len(matched)} segments"),
    )


def legend():
    return E.ul(
        cls("legend"),
        E.li(E.span(cls("swatch", TRANSLATED)), "translated"),
        E.li(E.span(cls("swatch", FUZZY)), "fuzzy: needs review"),
        E.li(E.span(cls("swatch", UNTRANSLATED)), "untranslated"),
        E.li(E.mark(cls("term", "ok"), "term"), "glossary term (hover: approved rendering)"),
        E.li(E.mark(cls("term", "missing"), "term"), "approved rendering not found"),
        E.li(E.mark(cls("term", "deviant"), "term"), "term not approved"),
        E.li(E.span(cls("flag", "error"), "text"), "finding (hover: message)"),
    )


def signoff():
    return E.div(cls("signoff", "print-only"), "Reviewed by ", E.span(""), " Date ", E.span(""))


def footer(article: ReviewArticle):
    return E.footer(f"Generated by workbench {__version__} from {article.source_path}. "
                    "Segment ids are paragraph.sentence, as in the catalogue's '#. paragraph N, sentence M' comments.")


def _head_cell(label: str, language: Language):
    return E.th(label, " ", E.span(cls("code"), language.tag))


# -- the two page kinds -------------------------------------------------------------------
def pair_page(article: ReviewArticle, language: str, project: str = "workbench") -> str:
    """Source and one target side by side, with status and findings per segment."""
    target = article.target(language)
    meta = [("Source", article.source_path), ("Catalogue", article.catalogues.get(language) or "(none yet)")]
    pairline = [E.b(article.source.name), f" ({article.source.tag}) → ", E.b(target.name), f" ({target.tag})"]
    table = E.table(
        cls("bitext"),
        E.colgroup(E.col(cls("sid")), E.col(cls("src")), E.col(cls("tgt")), E.col(cls("notes"))),
        E.thead(E.tr(E.th("#"), _head_cell(article.source.name, article.source), _head_cell(target.name, target),
                     E.th("Status · findings"))),
    )
    for paragraph in article.paragraphs:
        body = E.tbody({**cls("para", f"kind-{paragraph.kind}"), "id": f"p{paragraph.number}"})
        for segment in paragraph.segments:
            cell = segment.cells[language]
            notes = [status_badge(cell.status)]
            if cell.line:
                notes.append(E.span(cls("po-line"), f"PO line {cell.line}"))
            if cell.findings:
                notes.append(findings_list(cell.findings))
            row = E.tr(
                {**cls("seg", cell.status, "has-findings" if cell.findings else None), "id": segment.anchor,
                 "data-segment": segment.id, "data-status": cell.status, "data-findings": str(len(cell.findings)),
                 "data-filters": " ".join(cell.filters)},
                E.td(cls("sid"), E.a({"href": f"#{segment.anchor}"}, segment.id)),
                source_cell(segment, article, paragraph.heading_level, language),
                E.td({**cls("tgt", cell.status), **lang_attrs(target)},
                     *target_content(cell, paragraph.heading_level, segment, article)),
                E.td(cls("notes"), *notes),
            )
            body.append(row)
        table.append(body)
    title = f"{article.name} · {article.source.tag} → {target.tag} · review"
    head = masthead(article, project, pairline, meta, language, article.other_findings.get(language, []))
    return page(title, "review pair", head, E.main(table, signoff()), footer(article), script=True)


def multi_page(article: ReviewArticle, project: str = "workbench") -> str:
    """The source and every target language, one column each."""
    meta = [("Source", article.source_path)] + [
        (f"Catalogue {t.tag}", article.catalogues.get(t.code) or "(none yet)") for t in article.targets
    ]
    pairline = [E.b(article.source.name), f" ({article.source.tag}) → "]
    for index, target in enumerate(article.targets):
        pairline += [", " if index else "", E.b(target.name), f" ({target.tag})"]
    cols = [E.col(cls("sid")), E.col(cls("src"))] + [E.col(cls("tgt")) for _ in article.targets]
    header = [E.th("#"), _head_cell(article.source.name, article.source)] + [_head_cell(t.name, t) for t in article.targets]
    table = E.table(cls("bitext"), E.colgroup(*cols), E.thead(E.tr(*header)))
    for paragraph in article.paragraphs:
        body = E.tbody({**cls("para", f"kind-{paragraph.kind}"), "id": f"p{paragraph.number}"})
        for segment in paragraph.segments:
            row = E.tr(
                {**cls("seg"), "id": segment.anchor, "data-segment": segment.id,
                 "data-filters": " ".join(segment.filters())},
                E.td(cls("sid"), E.a({"href": f"#{segment.anchor}"}, segment.id)),
                source_cell(segment, article, paragraph.heading_level, None),
            )
            for target in article.targets:
                cell = segment.cells[target.code]
                content = target_content(cell, paragraph.heading_level, segment, article)
                if cell.status == FUZZY:  # an untranslated cell already says so in words
                    content.append(E.span(cls("cell-status"), status_badge(cell.status)))
                if cell.findings:
                    content.append(findings_list(cell.findings))
                row.append(E.td({**cls("tgt", cell.status), **lang_attrs(target), "data-status": cell.status,
                                 "data-filters": " ".join(cell.filters)}, *content))
            body.append(row)
        table.append(body)
    notices = [m for t in article.targets for m in article.other_findings.get(t.code, [])]
    title = f"{article.name} · all languages · review"
    head = masthead(article, project, pairline, meta, None, notices)
    return page(title, "review multi", head, E.main(table, signoff()), footer(article), script=True)


def index_pieces(articles: list[ArticleSummary], links: dict[tuple[str, str], str], project: str = "workbench",
                 matrix_href: str | None = None) -> Iterator[str]:
    """The index page: every article and language with its progress, linking to the pages, in pieces, a row
    made as it is written (a row per article: 2 MB at 2,000 articles). ``links[(article, code)]``;
    ``articles``: each one's ``ReviewArticle.summary()``."""
    languages = articles[0].targets if articles else []

    def rows():
        for article in articles:
            cells = [E.th(E.a({"href": links[(article.name, "*")]}, article.name))]
            for target in article.targets:
                stats = article.stats.get(target.code)
                findings = article.findings[target.code]
                link = links[(article.name, target.code)]
                if stats is None:
                    cells.append(E.td(E.a({"href": link}, "no catalogue yet")))
                    continue
                cells.append(E.td(
                    E.a({"href": link}, f"{stats.percent:.0f}% translated"),
                    E.div(cls("num"), f"{stats.translated.segments} of {stats.total.segments} entries · "
                          f"{stats.fuzzy.segments} fuzzy · {stats.untranslated.segments} untranslated · {findings} findings"),
                    progress_bar(stats, label=False),
                ))
            yield E.tr(*cells)

    header = E.tr(E.th("Article"), *[E.th(f"{t.name} ({t.tag})") for t in languages])
    placeholder = E.tr({"id": "rows"})
    body, streamed = (E.tbody(placeholder), (placeholder, rows())) if articles else (E.tbody(), None)
    content = [E.table(cls("grid"), E.thead(header), body),
               E.p(cls("unit-note"), "Entries and percentages as ", E.code("workbench stats"), " counts them.")]
    if matrix_href:
        content.insert(0, E.p(E.a({"href": matrix_href}, "Term × language matrix"), ": the renderings each glossary term actually got."))
    head = E.header(cls("masthead"), E.p(cls("crumbs"), f"{project} · bilingual review"), E.h1("Review pages"))
    return page_pieces(f"{project} · review pages", "review index", head, E.main(*content), streamed=streamed)
