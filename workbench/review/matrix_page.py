"""The term × language matrix as a page: what each glossary term actually became in each language.

Rows are the glossary concepts the articles use (in termbase order), columns
the target languages. A cell lists the renderings found in the translations
of the segments whose source has the term, each with its count and a link
to every one of those segments on the review pages: the approved renderings
green (preferred darker than admitted), a deprecated or superseded term red,
and "not found" (translated, but no approved rendering in the translation)
orange. Untranslated segments are left out: there is nothing to judge yet.

It is computed from the same review model as the pages, so a count here is
exactly the number of rows marked on the pages it links to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.config import Config
from workbench.review.html import E, cls, page
from workbench.review.model import UNTRANSLATED, ReviewArticle
from workbench.review.terms import load_project_glossary

ABSENT = "(not found)"


@dataclass
class Rendering:
    text: str  # the termbase's spelling, or ABSENT
    status: str  # preferred, admitted, deprecated, superseded, or "absent"
    surfaces: set[str] = field(default_factory=set)  # as written in the translations (inflected forms)
    occurrences: list[tuple[str, str, str]] = field(default_factory=list)  # (article, language, segment id)

    @property
    def kind(self) -> str:
        if self.status in ("preferred", "admitted"):
            return self.status
        return "absent" if self.status == "absent" else "deviation"


@dataclass
class Row:
    concept: str
    label: str  # the source term
    subject: str = ""
    cells: dict[str, dict[tuple[str, str], Rendering]] = field(default_factory=dict)  # language -> renderings
    uses: int = 0  # source segments with the term
    untranslated: dict[str, int] = field(default_factory=dict)  # language -> segments not translated yet


def collect(articles: list[ReviewArticle]) -> dict[str, Row]:
    """concept id -> Row, from the source and target term marks of every segment."""
    rows: dict[str, Row] = {}
    for article in articles:
        for segment in article.segments():
            seen_concepts: set[str] = set()
            for target in article.targets:
                cell = segment.cells[target.code]
                for mark in segment.source_terms.get(target.code, []):
                    row = rows.setdefault(mark.concept, Row(mark.concept, mark.term))
                    if mark.concept not in seen_concepts:
                        seen_concepts.add(mark.concept)
                        row.uses += 1
                    if cell.status == UNTRANSLATED:
                        row.untranslated[target.code] = row.untranslated.get(target.code, 0) + 1
                        continue
                    renderings = row.cells.setdefault(target.code, {})
                    found = [m for m in cell.terms if m.concept == mark.concept]
                    chosen = [m for m in found if m.status in ("preferred", "admitted")] or found
                    where = (article.name, target.code, segment.id)
                    if not chosen:
                        rendering = renderings.setdefault((ABSENT, "absent"), Rendering(ABSENT, "absent"))
                        if where not in rendering.occurrences:
                            rendering.occurrences.append(where)
                    for hit in chosen[:1]:  # one rendering per occurrence: the count is of segments
                        rendering = renderings.setdefault((hit.term, hit.status), Rendering(hit.term, hit.status))
                        rendering.surfaces.add(cell.text[hit.start : hit.end])
                        if where not in rendering.occurrences:
                            rendering.occurrences.append(where)
    return rows


_KIND_ORDER = {"preferred": 0, "admitted": 1, "deviation": 2, "absent": 3}


def _cell(row: Row, language: str, language_tag: str):
    renderings = sorted(row.cells.get(language, {}).values(),
                        key=lambda r: (_KIND_ORDER[r.kind], -len(r.occurrences), r.text))
    pending = row.untranslated.get(language, 0)
    note = E.span(cls("empty-cell"), f"{pending} untranslated") if pending else None
    if not renderings:
        return E.td(note if note is not None else E.span(cls("empty-cell"), "—"))
    items = []
    for rendering in renderings:
        title = {"preferred": "preferred term", "admitted": "admitted term",
                 "absent": "translated, but no approved rendering was found"}.get(rendering.kind, f"{rendering.status} term: a deviation")
        others = sorted(rendering.surfaces - {rendering.text})
        if others:
            title += "; written as " + ", ".join(others)
        label = E.span({**cls("rendering", rendering.kind), "title": title},
                       E.span({"lang": language_tag} if rendering.status != "absent" else {}, rendering.text),
                       E.span(cls("count"), f"×{len(rendering.occurrences)}"))
        links = [E.a({"href": f"{article}.{code}.html#s{sid.replace('.', '-')}", "title": f"{article}, segment {sid}"},
                     sid if len({o[0] for o in rendering.occurrences}) == 1 else f"{article} {sid}")
                 for article, code, sid in rendering.occurrences]
        items.append(E.li(label, E.span(cls("occurrences"), *links)))
    if note is not None:
        items.append(E.li(note))
    return E.td(E.ul(*items))


def matrix_html(config: Config, articles: list[ReviewArticle], project: str = "workbench") -> str:
    rows = collect(articles)
    glossary = load_project_glossary(config)
    order: dict[str, int] = {}
    if glossary is not None:
        for index, concept in enumerate(glossary.concepts):
            order.setdefault(concept.id, index)
            if concept.id in rows:
                rows[concept.id].subject = concept.subject
                rows[concept.id].label = concept.label(config.source_language)
    targets = articles[0].targets if articles else []
    header = E.tr(E.th("Term"), *[E.th(f"{t.name} ({t.tag})") for t in targets])
    body = []
    for row in sorted(rows.values(), key=lambda r: (order.get(r.concept, len(order)), r.concept)):
        head = E.th(cls("concept"), E.span({"lang": articles[0].source.tag}, row.label),
                    E.span(cls("cid"), f"{row.concept} · {row.uses} segment{'s' if row.uses != 1 else ''}"))
        if row.subject:
            head.append(E.span(cls("subject"), row.subject))
        body.append(E.tr({"id": f"c-{row.concept}"}, head, *[_cell(row, t.code, t.tag) for t in targets]))
    deviations = sum(len(r.occurrences) for row in rows.values() for cell in row.cells.values()
                     for r in cell.values() if r.kind in ("deviation", "absent"))
    intro = E.p(cls("pairline"), f"{len(rows)} glossary terms used in {len(articles)} article{'s' if len(articles) != 1 else ''}; "
                f"{deviations} segment renderings deviate from the glossary.")
    legend = E.ul(
        cls("legend"),
        E.li(E.span(cls("rendering", "preferred"), "preferred"), "approved, preferred"),
        E.li(E.span(cls("rendering", "admitted"), "admitted"), "approved, admitted"),
        E.li(E.span(cls("rendering", "deviation"), "deprecated"), "deviation: a term the glossary rejects"),
        E.li(E.span(cls("rendering", "absent"), ABSENT), "deviation: no approved rendering in the translation"),
        E.li("×n: segments; the ids link to them"),
    )
    head = E.header(cls("masthead"), E.p(cls("crumbs"), f"{project} · bilingual review"),
                    E.h1("Term × language matrix"), intro, legend)
    if rows:
        content = E.table(cls("grid", "matrix"), E.thead(header), E.tbody(*body))
    else:
        content = E.p("No glossary term occurs in the articles" + ("" if glossary is not None else " (the project has no glossary)") + ".")
    return page(f"{project} · term × language matrix", "review matrix-page", head,
                E.main(content, E.p(cls("screen-only"), E.a({"href": "index.html"}, "All review pages"))))
