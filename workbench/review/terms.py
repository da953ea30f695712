"""Glossary terms on both sides of a segment, as marks the exports can highlight.

Finding terms is the checks' job (``workbench.checks.terms.Glossary``: the
glossary package's ``TermMatcher`` plus a finder that tolerates inflection, so
``автомобильной промышленности`` is found for ``автомобильная
промышленность``); here we only decide what a reviewer should see: on the
source side the approved rendering, on the target side whether the term used
is approved, and which source terms have no approved rendering in the target.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.config import Config

OK, DEVIANT, MISSING, PLAIN = "ok", "deviant", "missing", "plain"
_APPROVED = ("preferred", "admitted")


@dataclass
class TermMark:
    start: int
    end: int
    concept: str  # concept id
    term: str  # the termbase's spelling of the term found
    status: str  # the term's status: preferred, admitted, deprecated
    state: str  # OK, DEVIANT (rejected term used), MISSING (no approved rendering in the target), PLAIN
    title: str  # what the hover says
    rendering: str = ""  # source marks: the approved rendering(s), written out in the printout


def load_project_termbase(config: Config):
    """The project's termbase (every file in its glossary folder), or None if it has none."""
    try:
        from workbench.glossary import load_termbase, termbase_files
    except ImportError:
        return None
    if not termbase_files(config.glossary_dir):
        return None
    return load_termbase(config.glossary_dir)


def load_project_glossary(config: Config):
    """The project's termbase adapted for finding terms, or None when there is none."""
    termbase = load_project_termbase(config)
    if termbase is None or not len(termbase.concepts):
        return None
    from workbench.checks.terms import from_termbase

    return from_termbase(termbase)


class TermIndex:
    """Term marks for (source, target) pairs, from a ``checks.terms.Glossary``-like finder."""

    def __init__(self, glossary, source_language: str):
        self.glossary = glossary
        self.source_language = source_language

    @classmethod
    def for_project(cls, config: Config) -> "TermIndex | None":
        glossary = load_project_glossary(config)
        return cls(glossary, config.source_language) if glossary is not None else None

    def approved(self, concept, language: str) -> list[str]:
        return [t.text for t in concept.terms_in(language, _APPROVED)]

    def pair(self, source: str, target: str, language: str) -> tuple[list[TermMark], list[TermMark]]:
        """(marks in the source, marks in the target) of one segment in one target language."""
        source_hits = self.glossary.find(source, self.source_language)
        target_hits = self.glossary.find(target, language) if target else []
        rendered = {hit.concept.id for hit in target_hits if hit.term.status in _APPROVED}
        source_marks = []
        for hit in source_hits:
            approved = self.approved(hit.concept, language)
            if getattr(hit.concept, "dnt", False):
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
            label = hit.concept.label(self.source_language) if hasattr(hit.concept, "label") else hit.concept.id
            approved = self.approved(hit.concept, language)
            if hit.term.status in _APPROVED:
                state, title = OK, f"{label} → {hit.term.text} ({hit.term.status})"
            else:
                state = DEVIANT
                title = f"{hit.term.text} is {hit.term.status} for {label}"
                if approved:
                    title += "; use " + " / ".join(approved)
            target_marks.append(TermMark(hit.start, hit.end, hit.concept.id, hit.term.text, hit.term.status, state, title))
        return source_marks, target_marks
