"""The checks' view of a termbase: its concepts, and where their terms occur in a text.

Finding terms is the glossary package's ``TermMatcher`` (workbench/glossary/
matcher.py), which tolerates what translators do to a term: Russian case
endings (``автомобильная промышленность`` -> ``автомобильной
промышленности``), English plurals and possessives, French articles and
prepositions slipped between the words (``automobiles et de pièces
automobiles``), ``’`` for ``'``, ``ё`` for ``е``, a hyphen for a space. Here its
occurrences become ``TermHit``s of ``ConceptInfo``/``TermInfo``, the flat
view the checks ask about (status folded to preferred/admitted/deprecated, a
name or not, do-not-translate or not), and overlapping ones are reduced to
the longest when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.glossary import load_termbase
from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import Concept, Term, Termbase, serving_languages

PREFERRED, ADMITTED, DEPRECATED = "preferred", "admitted", "deprecated"
ALLOWED = (PREFERRED, ADMITTED)
# subject fields whose concepts are names even where the part of speech says only "noun"
NAME_SUBJECTS = {"persons", "person", "people", "personal names", "names", "places", "place names", "place",
                 "toponyms", "geography", "geographical names", "cities", "countries"}


@dataclass
class TermInfo:
    text: str
    language: str  # gettext code as written in the termbase (``zh_CN``, ``ru``)
    status: str = PREFERRED  # preferred / admitted / deprecated
    dnt: bool = False
    proper: bool = False  # a name: part of speech properNoun
    case_sensitive: bool = False


@dataclass
class ConceptInfo:
    id: str
    terms: list[TermInfo] = field(default_factory=list)
    subject: str = ""

    def terms_in(self, language: str, statuses: tuple[str, ...] | None = None) -> list[TermInfo]:
        """Terms serving ``language``, by the glossary's one fallback rule (``model.serving_languages``)."""
        cache = self.__dict__.setdefault("_terms_cache", {})
        key = (language, statuses)
        if key not in cache:
            cache[key] = self._terms_in(language, statuses)
        return cache[key]

    def _terms_in(self, language: str, statuses: tuple[str, ...] | None) -> list[TermInfo]:
        serving = set(serving_languages({t.language: None for t in self.terms}, language))
        chosen = [t for t in self.terms if t.language in serving]
        if statuses is not None:
            chosen = [t for t in chosen if t.status in statuses]
        return chosen

    @property
    def dnt(self) -> bool:
        return any(t.dnt for t in self.terms)

    @property
    def proper(self) -> bool:
        """A name: some term's part of speech is properNoun, or the subject field is persons or places."""
        return any(t.proper for t in self.terms) or self.subject.strip().lower() in NAME_SUBJECTS

    def label(self, source_language: str) -> str:
        preferred = self.terms_in(source_language, (PREFERRED,)) or self.terms_in(source_language)
        return preferred[0].text if preferred else self.id


@dataclass
class TermHit:
    concept: ConceptInfo
    term: TermInfo
    start: int
    end: int

    @property
    def text_span(self) -> tuple[int, int]:
        return (self.start, self.end)


class Glossary:
    """Concepts, and finding their terms in text (through a ``TermMatcher`` over the same termbase)."""

    def __init__(self, concepts: list[ConceptInfo], termbase: Termbase | None = None,
                 infos: dict[int, tuple[ConceptInfo, TermInfo]] | None = None, path: str | None = None):
        """``termbase`` and ``infos`` (id of a termbase term -> its concept's and its own info) come from
        ``from_termbase``; without them the termbase is made from ``concepts``."""
        if termbase is None or infos is None:
            termbase, infos = _termbase_of(concepts)
        self.concepts = concepts
        self.path = path
        self.matcher = TermMatcher(termbase)
        self._infos = infos
        self._by_id = {concept.id: concept for concept in concepts}
        self._found: dict[tuple, list[TermHit]] = {}

    def concept(self, concept_id: str) -> ConceptInfo | None:
        return self._by_id.get(concept_id)

    def find(self, text: str, language: str, longest: bool = True) -> list[TermHit]:
        """Every term of ``language`` found in ``text``; overlapping hits keep the longest if ``longest``."""
        key = (text, language, longest)
        found = self._found.get(key)
        if found is None:
            if len(self._found) > 400_000:  # sources recur in every language: keep them across languages
                self._found.clear()
            found = self._found[key] = self._find(text, language, longest)
        return found

    def _all_hits(self, text: str, language: str) -> list[TermHit]:
        """Every hit, nested and overlapping ones included; ``find`` derives both of its views from it."""
        key = (text, language, None)
        hits = self._found.get(key)
        if hits is None:
            hits = self._found[key] = [
                TermHit(*self._infos[id(term)], start, end)
                for start, end, _, term in self.matcher.occurrences(text, language) if id(term) in self._infos]
        return hits

    def _find(self, text: str, language: str, longest: bool) -> list[TermHit]:
        hits = self._all_hits(text, language)
        if not longest:
            return hits
        kept: list[TermHit] = []
        # on one span, the term written exactly as the text wins over an inflected match of
        # another: "Пан Гоцян" is the deprecated spelling, not an inflected "Пань Гоцян"
        exact = lambda h: _fold(text[h.start:h.end]) == _fold(h.term.text)  # noqa: E731
        for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, not exact(h))):
            if any(hit.start < k.end and k.start < hit.end for k in kept):
                continue
            kept.append(hit)
        return sorted(kept, key=lambda h: (h.start, h.end))

    def contains(self, text: str, language: str, terms: list[TermInfo]) -> TermHit | None:
        """The first occurrence in ``text`` of any of ``terms`` (inflection allowed), else None."""
        wanted = {(t.text, t.language) for t in terms}
        for hit in self.find(text, language, longest=False):
            if (hit.term.text, hit.term.language) in wanted:
                return hit
        return None

    def names_and_dnt(self, language: str) -> list[TermInfo]:
        return [t for c in self.concepts if c.dnt or c.proper for t in c.terms_in(language)]


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


# -- building a Glossary ----------------------------------------------------------
def _status(raw: str | None) -> str:
    raw = str(raw or ADMITTED).lower()
    return DEPRECATED if raw in (DEPRECATED, "superseded") else PREFERRED if raw == PREFERRED else ADMITTED


def from_termbase(termbase: Termbase) -> Glossary:
    """Adapt the glossary package's ``Termbase``."""
    concepts, infos = [], {}
    for number, concept in enumerate(termbase.concepts):
        info = ConceptInfo(id=str(concept.id or number), subject=concept.subject or "")
        for language, items in concept.terms.items():
            for term in items:
                if not term.text:
                    continue
                term_info = TermInfo(text=term.text, language=language, status=_status(term.status), dnt=term.dnt,
                                     proper=term.proper or (term.pos or "").lower() == "propernoun",
                                     case_sensitive=term.case_sensitive)
                info.terms.append(term_info)
                infos[id(term)] = (info, term_info)
        if info.proper:  # a name concept: every term of it is a name
            for term_info in info.terms:
                term_info.proper = True
        concepts.append(info)
    return Glossary(concepts, termbase, infos)


def _termbase_of(concepts: list[ConceptInfo]) -> tuple[Termbase, dict[int, tuple[ConceptInfo, TermInfo]]]:
    """A termbase holding ``concepts``' terms, for the matcher, and which info each of its terms stands for."""
    termbase, infos = Termbase(), {}
    for info in concepts:
        concept = Concept(info.id, subject=info.subject)
        for term_info in info.terms:
            term = concept.add(term_info.language, Term(term_info.text, term_info.status, dnt=term_info.dnt,
                                                        case_sensitive=term_info.case_sensitive))
            infos[id(term)] = (info, term_info)
        termbase.concepts.append(concept)
    return termbase, infos


def load_glossary(path: str | Path) -> Glossary:
    """A Glossary from a TBX (or CSV) file, read by the glossary package (and its disk cache)."""
    glossary = from_termbase(load_termbase(path))
    glossary.path = str(path)
    return glossary
