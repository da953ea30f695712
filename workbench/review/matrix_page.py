"""The term × language matrix as a page: what each glossary term actually became in each language.

The numbers are those of ``workbench check``'s matrix (``checks.matrix.
build_matrix`` on the same report), so page and terminal never disagree:
rows are the glossary concepts the sources mention, columns the languages,
each cell the renderings used with their counts (translated, non-fuzzy
entries), the approved ones green (preferred darker than admitted), a
deprecated one red, "not found" orange, and a cell with several approved
renderings for one term outlined as inconsistent.

What the page adds is the way back to the text: every rendering links to
the segments on the review pages where it is used (found the way
``build_matrix`` finds it), and a cell says how many segments with the term
are not translated yet or fuzzy, and so not counted.
"""

from __future__ import annotations

from typing import Iterator

from workbench.review.html import E, cls, page_pieces
from workbench.review.model import FUZZY, TRANSLATED, UNTRANSLATED, Language, ReviewArticle, segment_anchor

MISSING = None  # the occurrence key of "no rendering found"


LINKS_SHOWN = 50  # links per rendering: a common term has thousands of uses (a 53 MB page at 2,000 articles)


def _occurrences(article: ReviewArticle, glossary, source_language: str, found: dict, more: dict) -> None:
    """Add the article's (concept, language, term text or MISSING) -> {(article, language, segment id): None}
    to ``found`` (an ordered set per key, its first ``LINKS_SHOWN``; the others counted in ``more``), as
    build_matrix decides."""
    for segment in article.segments():
        source_hits = glossary.find(segment.msgid, source_language)
        if not source_hits:
            continue
        for target in article.targets:
            cell = segment.cells[target.code]
            if cell.status != TRANSLATED:
                continue
            target_hits = glossary.find(cell.text, target.code, longest=False)
            keys = {}  # each key once per segment (a term twice in a sentence is one link)
            for hit in source_hits:
                if not glossary.terms(hit.concept, target.code):
                    continue
                used = [t for t in target_hits if t.concept is hit.concept]
                used.sort(key=lambda t: (t.term.rejected, -(t.end - t.start)))
                keys[(hit.concept.id, target.code, used[0].term.text if used else MISSING)] = None
            for key in keys:
                # the link's parts, not its two texts
                _link(found, more, key, (article.name, target.code, segment.id))


def _link(found: dict, more: dict, key: tuple, link: tuple) -> None:
    links = found.setdefault(key, {})
    if link in links:
        return
    if len(links) < LINKS_SHOWN:
        links[link] = None
    else:
        more[key] = more.get(key, 0) + 1


def _pending(article: ReviewArticle, counts: dict[tuple[str, str], dict[str, int]]) -> None:
    """Add the article's segments to (concept, language) -> {"untranslated": n, "fuzzy": n, "segments": n}:
    what the counts leave out."""
    for segment in article.segments():
        for target in article.targets:
            status = segment.cells[target.code].status
            for concept in {m.concept for m in segment.source_terms.get(target.code, [])}:
                slot = counts.setdefault((concept, target.code), {UNTRANSLATED: 0, FUZZY: 0, "segments": 0})
                slot["segments"] += 1
                if status != TRANSLATED:
                    slot[status] += 1


def _links(links: list[tuple[str, str, str]], more: int, one_article: bool):
    """(article, language, segment id) -> links to the segments on the pair pages, labelled "article 3.2";
    ``more`` uses not linked said after them."""
    anchors = []
    for article, language, segment in links:
        href, label = f"{article}.{language}.html#{segment_anchor(segment)}", f"{article} {segment}"
        anchors.append(E.a({"href": href, "title": label}, label.split(" ", 1)[1] if one_article else label))
    if more:
        anchors.append(E.span({**cls("more"), "title": "every use: workbench check --matrix"}, f"and {more:,} more"))
    return E.span(cls("occurrences"), *anchors)


def _cell(cell: dict | None, concept: str, language: str, tag: str, found: dict, more: dict, pending: dict,
          one_article: bool):
    waiting = pending.get((concept, language), {})
    notes = [f"{waiting[s]} {s}" for s in (UNTRANSLATED, FUZZY) if waiting.get(s)]
    note = E.li(E.span(cls("empty-cell"), ", ".join(notes) + " (not counted)")) if notes else None
    if cell is None:
        return E.td(E.ul(note) if note is not None else E.span(cls("empty-cell"), "—"))
    items = []
    for used in cell["used"]:
        kind = used["status"] if used["status"] in ("preferred", "admitted") else "deviation"
        title = {"preferred": "preferred term", "admitted": "admitted term"}.get(kind, f"{used['status']} term: a deviation")
        forms = sorted(form for form in used.get("forms", {}) if form != used["text"])
        if forms:
            title += "; written as " + ", ".join(forms)
        label = E.span({**cls("rendering", kind), "title": title}, E.span({"lang": tag}, used["text"]),
                       E.span(cls("count"), f"×{used['count']}"))
        key = (concept, language, used["text"])
        items.append(E.li(label, _links(found.get(key, []), more.get(key, 0), one_article)))
    if cell["missing"]:
        label = E.span({**cls("rendering", "absent"), "title": "translated, but none of the approved renderings "
                        "(" + " / ".join(cell["expected"]) + ") is there"}, "(not found)",
                       E.span(cls("count"), f"×{len(cell['missing'])}"))
        key = (concept, language, MISSING)
        items.append(E.li(label, _links(found.get(key, []), more.get(key, 0), one_article)))
    if note is not None:
        items.append(note)
    inconsistent = any(d["kind"] == "inconsistent" for d in cell["deviations"])
    attributes = cls("inconsistent" if inconsistent else None, "deviates" if not cell["ok"] else None)
    if inconsistent:
        attributes["title"] = "several renderings for one source term"
    return E.td(attributes, E.ul(*items))


class MatrixPage:
    """The matrix page, counted one article at a time (``add``) as the review export streams the project, and
    written at the end (``html``): only the counts and the links are kept, never the articles.

    ``glossary`` is the checks' terminology; ``checked`` whether the checks ran (the matrix is theirs).
    """

    def __init__(self, glossary, source_language: str, checked: bool):
        from workbench.checks.matrix import MatrixCounts

        self.glossary, self.source_language, self.checked = glossary, source_language, checked
        self.counts = MatrixCounts(glossary, source_language) if glossary is not None else None
        self.found: dict[tuple, dict[tuple[str, str, str], None]] = {}  # key -> (article, language, segment) links
        self.more: dict[tuple, int] = {}  # uses past the links shown
        self.pending: dict[tuple[str, str], dict[str, int]] = {}
        self._names: dict[str, str] = {}  # article and language names, each kept once (``merge``)
        self.languages: set[str] = set()  # of the catalogues counted, as the checks name them
        self.articles = 0
        self.targets: list[Language] = []
        self.source: Language | None = None

    def add(self, article: ReviewArticle) -> None:
        """Count one (unselected) article and its catalogues, language by language as the checks take them."""
        from workbench.checks.runner import catalogue_info

        if not self.articles:
            self.targets, self.source = article.targets, article.source
        self.articles += 1
        if self.counts is None or not self.checked:
            return
        for target in article.targets:
            catalog = article.catalogs.get(target.code)
            if catalog is None:
                continue
            info = catalogue_info(catalog, article.catalogues[target.code], target.code)
            self.languages.add(info.language)
            self.counts.add(info)
        _occurrences(article, self.glossary, self.source_language, self.found, self.more)
        _pending(article, self.pending)

    def part(self, article: ReviewArticle) -> tuple:
        """One article counted on its own, as plain data for ``merge`` (a forked worker's share of the page)."""
        alone = MatrixPage(self.glossary, self.source_language, self.checked)
        alone.add(article)
        counts = alone.counts.state() if alone.counts is not None else None
        return alone.targets, alone.source, alone.languages, counts, alone.found, alone.more, alone.pending

    def merge(self, part: tuple) -> None:
        """Count an article ``part`` made elsewhere, as ``add`` would have here."""
        targets, source, languages, counts, found, more, pending = part
        if not self.articles:
            self.targets, self.source = targets, source
        self.articles += 1
        self.languages |= languages
        if self.counts is not None and counts is not None:
            self.counts.merge(counts)
        names = self._names
        for key, links in found.items():
            for article, language, segment in links:
                # one string per article and language name, not one per link (184,613 links at 2,000 articles)
                link = (names.setdefault(article, article), names.setdefault(language, language), segment)
                _link(self.found, self.more, key, link)
        for key, count in more.items():
            self.more[key] = self.more.get(key, 0) + count
        for key, slot in pending.items():
            into = self.pending.setdefault(key, {UNTRANSLATED: 0, FUZZY: 0, "segments": 0})
            for name, count in slot.items():
                into[name] += count

    def html(self, project: str = "workbench") -> str:
        return "".join(self.pieces(project))

    def pieces(self, project: str = "workbench") -> Iterator[str]:
        """``html`` in pieces, to be written as they come (24 MB at 2,000 articles)."""
        return _matrix_pieces(self, project)


def _matrix_pieces(counted: MatrixPage, project: str) -> Iterator[str]:
    targets = counted.targets
    head = E.header(cls("masthead"), E.p(cls("crumbs"), f"{project} · bilingual review"), E.h1("Term × language matrix"))
    if not counted.checked or counted.glossary is None or not counted.articles:
        reason = "the project has no glossary" if counted.checked else "the checks did not run"
        head.append(E.p(cls("pairline"), f"No matrix: {reason}."))
        return page_pieces(f"{project} · term × language matrix", "review matrix-page", head, E.main())
    matrix = counted.counts.matrix(sorted(counted.languages))
    glossary, source_language = counted.glossary, counted.source_language
    found = counted.found  # (key -> links, an ordered set)
    pending = counted.pending
    one_article = counted.articles == 1
    languages = [t for t in targets if t.code in matrix["languages"]]
    # build_matrix has rows only for terms with a finished translation; a term whose segments are all
    # fuzzy or untranslated still gets its row here, saying so
    terms = {term["concept"]: term for term in matrix["terms"]}
    mentioned = {concept for concept, _ in pending}
    for concept in glossary.concepts:
        if concept.id in mentioned and concept.id not in terms:
            terms[concept.id] = {"concept": concept.id, "source": glossary.label(concept, source_language),
                                 "languages": {}}
    order = {concept.id: index for index, concept in enumerate(glossary.concepts)}
    terms = sorted(terms.values(), key=lambda t: order.get(t["concept"], len(order)))
    deviating = sum(cell is not None and not cell["ok"]
                    for term in terms for cell in (term["languages"].get(t.code) for t in languages))

    def rows():
        """One row per term, made as the page is written (``html.serialize_pieces``' ``streamed``)."""
        for term in terms:
            concept = glossary.concept(term["concept"])
            uses = max((pending.get((term["concept"], t.code), {}).get("segments", 0) for t in languages), default=0)
            header = E.th(cls("concept"), E.span({"lang": counted.source.tag}, term["source"]),
                          E.span(cls("cid"), f"{term['concept']} · {uses} segment{'s' if uses != 1 else ''}"))
            if concept is not None and concept.subject:
                header.append(E.span(cls("subject"), concept.subject))
            cells = [_cell(term["languages"].get(target.code), term["concept"], target.code, target.tag, found,
                           counted.more, pending, one_article) for target in languages]
            yield E.tr({"id": f"c-{term['concept']}"}, header, *cells)

    head.append(E.p(cls("pairline"), f"{len(terms)} glossary terms in {counted.articles} article{'s' if not one_article else ''}; "
                    f"{deviating} cell{'s' if deviating != 1 else ''} with deviations."))
    head.append(E.ul(
        cls("legend"),
        E.li(E.span(cls("rendering", "preferred"), "preferred"), "approved, preferred"),
        E.li(E.span(cls("rendering", "admitted"), "admitted"), "approved, admitted"),
        E.li(E.span(cls("rendering", "deviation"), "deprecated"), "a term the glossary rejects"),
        E.li(E.span(cls("rendering", "absent"), "(not found)"), "no approved rendering in the translation"),
        E.li(E.span(cls("legend-inconsistent"), "outlined"), "several renderings in one language"),
        E.li("×n: entries; the ids link to the segments"),
    ))
    streamed = None
    if terms:
        header_row = E.tr(E.th("Term"), *[E.th(f"{t.name} ({t.tag})") for t in languages])
        placeholder = E.tr({"id": "rows"})  # where the rows go, one at a time: the whole table as elements is 280 MB at 2,000 articles
        content = E.table(cls("grid", "matrix"), E.thead(header_row), E.tbody(placeholder))
        streamed = (placeholder, rows())
    else:
        content = E.p("No glossary term occurs in the articles.")
    return page_pieces(f"{project} · term × language matrix", "review matrix-page", head,
                       E.main(content, E.p(cls("screen-only"), E.a({"href": "index.html"}, "All review pages"))),
                       streamed=streamed)
