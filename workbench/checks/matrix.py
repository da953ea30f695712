"""The term × language matrix: each glossary term's renderings as actually used, per language.

For every concept the sources mention, and every language checked, the
matrix counts which of the concept's terms the translations use (inflected
forms counted under their term), and marks the deviations: a deprecated
rendering, no rendering at all (file:line listed), or several renderings in
one language for one source term.
"""

from __future__ import annotations

import io
import json

from rich.console import Console
from rich.table import Table

from workbench.checks.base import Entry
from workbench.glossary.model import PREFERRED
from workbench.glossary.terminology import APPROVED, Terminology


def build_matrix(report) -> dict:
    if report.glossary is None:
        return {"source_language": report.source_language, "languages": report.languages, "terms": []}
    counts = MatrixCounts(report.glossary, report.source_language)
    for info in report.catalogues:
        counts.add(info)
    return counts.matrix(report.languages)


class MatrixCounts:
    """The matrix's counts, catalogue by catalogue (``add``), so a caller that reads a project one article at a
    time (the review export) never holds every catalogue at once; ``matrix`` is ``build_matrix``'s result."""

    def __init__(self, glossary: Terminology, source_language: str):
        self.glossary, self.source_language = glossary, source_language
        self.cells: dict[str, dict[str, dict]] = {}
        self.seen_sources: dict[str, set[str]] = {}

    def add(self, info) -> None:
        """Count the finished translations of one catalogue (a ``CatalogueInfo``)."""
        glossary, source_language, cells = self.glossary, self.source_language, self.cells
        for message in info.catalog.entries():
            entry = Entry(message, info)
            if not entry.has_translation or message.fuzzy:
                continue
            for form, source, target in entry.pairs():
                target_hits = glossary.find(target, info.language, longest=False)
                for hit in glossary.find(source, source_language):
                    concept = hit.concept
                    if not glossary.terms(concept, info.language):
                        continue
                    self.seen_sources.setdefault(concept.id, set()).add(source[hit.start:hit.end])
                    cell = cells.setdefault(concept.id, {}).setdefault(info.language, {
                        "expected": [t.text for t in glossary.terms(concept, info.language, (PREFERRED,))],
                        "used": {}, "missing": [], "by_source": {},
                    })
                    used = [t for t in target_hits if t.concept is concept]
                    used.sort(key=lambda t: (t.term.rejected, -(t.end - t.start)))
                    where = {"file": info.path, "line": message.lineno, "msgid": message.msgid}
                    if not used:
                        cell["missing"].append(where)
                        continue
                    term = used[0].term
                    if not term.rejected:
                        cell["by_source"].setdefault(source[hit.start:hit.end].lower(), set()).add(term.text)
                    slot = cell["used"].setdefault(term.text, {"text": term.text, "status": term.status,
                                                               "rejected": term.rejected, "count": 0,
                                                               "forms": {}, "places": []})
                    slot["count"] += 1
                    surface = target[used[0].start:used[0].end]
                    slot["forms"][surface] = slot["forms"].get(surface, 0) + 1
                    if term.rejected:
                        slot["places"].append(where)

    def state(self) -> tuple[dict, dict]:
        """What was counted, as plain data (``merge``): a worker's counts of its articles, for the parent."""
        return self.cells, self.seen_sources

    def merge(self, state: tuple[dict, dict]) -> None:
        """Add what another ``MatrixCounts`` counted (``state``) after what this one did: the same counts, in
        the same order, as if its catalogues had been added here."""
        cells, seen_sources = state
        for concept, languages in cells.items():
            mine = self.cells.setdefault(concept, {})
            for language, cell in languages.items():
                if language not in mine:
                    mine[language] = cell
                    continue
                into = mine[language]
                for text, slot in cell["used"].items():
                    if text not in into["used"]:
                        into["used"][text] = slot
                        continue
                    kept = into["used"][text]
                    kept["count"] += slot["count"]
                    for form, count in slot["forms"].items():
                        kept["forms"][form] = kept["forms"].get(form, 0) + count
                    kept["places"] += slot["places"]
                into["missing"] += cell["missing"]
                for source_form, texts in cell["by_source"].items():
                    into["by_source"].setdefault(source_form, set()).update(texts)
        for concept, sources in seen_sources.items():
            self.seen_sources.setdefault(concept, set()).update(sources)

    def matrix(self, languages: list[str]) -> dict:
        """The matrix over ``languages`` (the languages checked, in order)."""
        glossary, source_language, cells = self.glossary, self.source_language, self.cells
        terms = []
        for concept in glossary.concepts:
            if concept.id not in cells:
                continue
            row_cells = {}
            for language in languages:
                cell = cells[concept.id].get(language)
                if cell is None:
                    continue
                used = sorted(cell["used"].values(), key=lambda u: -u["count"])
                deviations = []
                for item in used:
                    if item["rejected"]:
                        deviations.append({"kind": "deprecated", "text": item["text"], "count": item["count"],
                                           "places": item["places"]})
                if cell["missing"]:
                    deviations.append({"kind": "missing", "count": len(cell["missing"]), "places": cell["missing"]})
                for source_form, texts in sorted(cell["by_source"].items()):
                    if len(texts) > 1:  # one source term, several renderings (as the term-inconsistent check)
                        deviations.append({"kind": "inconsistent", "source": source_form, "texts": sorted(texts)})
                row_cells[language] = {"expected": cell["expected"],
                                       "used": [{k: v for k, v in u.items() if k not in ("places", "rejected")}
                                                for u in used],
                                       "missing": cell["missing"], "deviations": deviations, "ok": not deviations}
            terms.append({"concept": concept.id, "source": glossary.label(concept, source_language),
                          "source_forms": sorted(self.seen_sources.get(concept.id, ())),
                          "name": glossary.is_name(concept), "dnt": concept.dnt, "languages": row_cells})
        return {"source_language": source_language, "languages": languages, "terms": terms}


def render_json(report) -> str:
    return json.dumps(build_matrix(report), ensure_ascii=False, indent=2) + "\n"


def render_text(report, colour: bool = False, width: int | None = None) -> str:
    matrix = build_matrix(report)
    if not matrix["terms"]:
        return "no glossary term occurs in the sources checked\n" if report.glossary else "no glossary: pass --glossary\n"
    table = Table(show_lines=True, title="term × language: renderings used (! = deviation)")
    table.add_column("term", overflow="fold")
    for language in matrix["languages"]:
        table.add_column(language, overflow="fold")
    deviating = 0
    for row in matrix["terms"]:
        cells = []
        for language in matrix["languages"]:
            cell = row["languages"].get(language)
            if cell is None:
                cells.append("-")
                continue
            parts = []
            for used in cell["used"]:
                mark = "!" if used["status"] not in APPROVED else ("" if used["status"] == PREFERRED else "~")
                parts.append(f"{mark}{used['text']} ×{used['count']}")
            if cell["missing"]:
                parts.append(f"!missing ×{len(cell['missing'])}")
            if any(d["kind"] == "inconsistent" for d in cell["deviations"]):
                parts.append("!inconsistent")
            deviating += not cell["ok"]
            cells.append("\n".join(parts))
        table.add_row(f"{row['source']} ({row['concept']})", *cells)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=colour, no_color=not colour, width=width or 120, emoji=False, markup=False)
    console.print(table)
    console.print(f"{len(matrix['terms'])} term(s); {deviating} cell(s) with deviations. "
                  "~ admitted rendering, ! deprecated rendering or missing.")
    return buffer.getvalue()
