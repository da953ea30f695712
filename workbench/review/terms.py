"""Glossary terms on both sides of a segment, as marks the exports can highlight.

Finding terms and knowing their renderings is the terminology service's job
(``workbench.glossary.terminology``); here we only decide what a reviewer should
see: on the source side the approved rendering, on the target side whether the
term used is approved, and which source terms have no approved rendering in the
target.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.config import Config
from workbench.glossary.terminology import DNT, Terminology

OK, DEVIANT, MISSING, PLAIN = "ok", "deviant", "missing", "plain"


@dataclass
class TermMark:
    start: int
    end: int
    concept: str  # concept id
    term: str  # the termbase's spelling of the term found
    status: str  # the term's status: preferred, admitted, deprecated, superseded
    state: str  # OK, DEVIANT (rejected term used), MISSING (no approved rendering in the target), PLAIN
    title: str  # what the hover says
    rendering: str = ""  # source marks: the approved rendering(s), written out in the printout


class TermIndex:
    """Term marks for (source, target) pairs, from the run's ``Terminology``."""

    def __init__(self, terminology: Terminology, source_language: str):
        self.terminology = terminology
        self.source_language = source_language

    @classmethod
    def for_project(cls, config: Config) -> "TermIndex | None":
        terminology = Terminology.for_project(config)
        return cls(terminology, config.source_language) if terminology is not None and len(terminology) else None

    def approved(self, concept, language: str) -> list[str]:
        return [t.text for t in self.terminology.renderings(concept, language)]

    def pair(self, source: str, target: str, language: str) -> tuple[list[TermMark], list[TermMark]]:
        """(marks in the source, marks in the target) of one segment in one target language."""
        terminology = self.terminology
        source_hits = terminology.find(source, self.source_language)
        target_hits = terminology.find(target, language) if target else []
        rendered = {hit.concept.id for hit in target_hits if not hit.term.rejected}
        source_marks = []
        for hit in source_hits:
            approved = self.approved(hit.concept, language)
            if terminology.kind(hit.concept) == DNT:
                title = f"{hit.term.text}: do not translate"
                approved = approved or [hit.term.text]
            elif approved:
                title = f"{hit.term.text} → " + " / ".join(approved)
            else:
                title = f"{hit.term.text}: no approved {language} rendering in the glossary"
            if not target:
                state = PLAIN
            elif approved and hit.concept.id not in rendered:
                state = MISSING
                title += " (not found in the translation)"
            else:
                state = OK
            source_marks.append(TermMark(hit.start, hit.end, hit.concept.id, hit.term.text, hit.term.status, state, title,
                                         " / ".join(approved)))
        target_marks = []
        for hit in target_hits:
            label = terminology.label(hit.concept, self.source_language)
            approved = self.approved(hit.concept, language)
            if not hit.term.rejected:
                state, title = OK, f"{label} → {hit.term.text} ({hit.term.status})"
            else:
                state = DEVIANT
                title = f"{hit.term.text} is {hit.term.status} for {label}"
                if approved:
                    title += "; use " + " / ".join(approved)
            target_marks.append(TermMark(hit.start, hit.end, hit.concept.id, hit.term.text, hit.term.status, state, title))
        return source_marks, target_marks
