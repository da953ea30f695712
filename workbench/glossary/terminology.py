"""The terminology service: the one place every feature asks about the glossary.

Hints (``update``), every glossary check, the term × language matrix, the review pages' term marks
and the XLIFF 2 glossary module all ask three questions, and ask them here:

* which concepts occur in this text (``find``, ``contains``): the matcher's occurrences, which
  tolerate inflection, overlapping ones reduced to the longest;
* which renderings a language has (``renderings``, ``rejected``, ``terms``), by the termbase's one
  status vocabulary (preferred, admitted, deprecated, superseded: ``glossary.model``) and its one
  language-fallback rule (``model.serving_languages``: ``zh_CN``, else ``zh``, else none);
* what a concept is (``kind``): a do-not-translate term, a name, or a term.

One ``Terminology`` is built per run from the termbase (``for_project`` reads the project's
glossary folder, ``load`` any file or folder) and shared by everything in the run.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import ADMITTED, PREFERRED, Concept, Term, Termbase
from workbench.langs import primary, to_gettext

APPROVED = (PREFERRED, ADMITTED)
DNT, NAME, TERM = "dnt", "name", "term"
# Subject fields whose concepts are names even where the part of speech says only "noun".
NAME_SUBJECTS = frozenset({"persons", "person", "people", "personal names", "names", "places", "place names",
                           "place", "toponyms", "geography", "geographical names", "cities", "countries"})
# texts whose hits are kept: a source recurs in each language's catalogue of its article, and the per-file
# stage hands a worker an article's catalogues one after the other, so the reuse is recent. 50,000 texts keep
# 99 % of 400,000's hits on the synthetic project (400 articles in one process: 117,605 scans against 116,537)
# and hold about 20 MB where 400,000 held 130 MB in each per-file worker
_FOUND_LIMIT = 50_000
_PROJECT: dict[tuple, "Terminology"] = {}


class Hit(NamedTuple):
    """One occurrence of a concept's term in a text: ``text[start:end]``."""

    start: int
    end: int
    concept: Concept
    term: Term


class Terminology:
    """A termbase, its matcher, and the answers every feature needs from them."""

    def __init__(self, termbase: Termbase, path: str | Path | None = None):
        self.termbase = termbase
        self.matcher = TermMatcher(termbase)
        self.path = str(path) if path is not None else None
        self._by_id = {concept.id: concept for concept in termbase.concepts}
        self._found: dict[tuple, list[Hit]] = {}
        self.found_limit = _FOUND_LIMIT  # texts whose hits ``find`` keeps (a prefetching worker keeps fewer)
        self._serves: dict[str, bool] = {}  # language -> whether some term serves it
        self._primaries: set[str] | None = None  # the primary language of each termbase language

    @classmethod
    def load(cls, path: str | Path, use_cache: bool = True) -> "Terminology":
        """A termbase file, or every TBX/CSV/TSV file of a folder, merged (``load_termbase``; its caches
        unless ``use_cache`` is False)."""
        from workbench.glossary import load_termbase

        return cls(load_termbase(path, use_cache), path)

    @classmethod
    def for_project(cls, config, use_cache: bool = True) -> "Terminology | None":
        """The project's glossary folder, or None when it holds no termbase file.

        One per process while the files stay as they are: update asks once per language, the
        export once per format, and each would otherwise build the matcher's indexes again.
        """
        from workbench.glossary import file_signature, termbase_files

        files = termbase_files(config.glossary_dir)
        if not files:
            return None
        if not use_cache:
            return cls.load(config.glossary_dir, use_cache=False)
        key = file_signature(files)
        if key not in _PROJECT:
            _PROJECT.clear()  # one project glossary at a time: drop the stale one
            _PROJECT[key] = cls.load(config.glossary_dir)
        return _PROJECT[key]

    # -- what the termbase holds -----------------------------------------------------
    @property
    def concepts(self) -> list[Concept]:
        return self.termbase.concepts

    def __len__(self) -> int:
        return len(self.termbase.concepts)

    @property
    def digest(self) -> str:
        """The content the answers depend on: the files' digest, else every concept's content."""
        if self.termbase.digest:
            return self.termbase.digest
        return self.content_digest

    @property
    def content_digest(self) -> str:
        """``digest`` of the files' content alone, wherever they are (what cached check results are kept by:
        a project moved to another folder keeps them), else every concept's content."""
        if self.termbase.content_digest:
            return self.termbase.content_digest
        import hashlib

        return hashlib.blake2b(repr(self.termbase.concepts).encode(), digest_size=16).hexdigest()

    def concept(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)

    def terms(self, concept: Concept, language: str, statuses: tuple[str, ...] | None = None) -> list[Term]:
        """The concept's terms serving ``language`` (the one fallback rule), in termbase order."""
        terms = concept.terms_for(language)
        return terms if statuses is None else [t for t in terms if t.status in statuses]

    def renderings(self, concept: Concept, language: str) -> list[Term]:
        """The renderings a translation may use: preferred and admitted terms, in termbase order."""
        return self.terms(concept, language, APPROVED)

    def serves(self, language: str) -> bool:
        """Whether some concept has a term serving ``language``: if none, no concept has a rendering there and
        ``find`` finds nothing in its texts (most languages of a run)."""
        known = self._serves.get(language)
        if known is None:
            if self._primaries is None:
                self._primaries = {primary(to_gettext(code)) for code in self.termbase.languages}
            # a language is served by itself, its bare language or a regional one of it (``serving_languages``):
            # one primary language; the concepts are looked through only for a language that passes that
            known = self._serves[language] = primary(to_gettext(language)) in self._primaries and any(
                self.terms(concept, language) for concept in self.concepts)
        return known

    def preferred(self, concept: Concept, language: str) -> Term | None:
        renderings = self.renderings(concept, language)
        return next((t for t in renderings if t.status == PREFERRED), renderings[0] if renderings else None)

    def rejected(self, concept: Concept, language: str) -> list[Term]:
        return [t for t in self.terms(concept, language) if t.rejected]

    @staticmethod
    def is_name(concept: Concept) -> bool:
        """A name: some term's part of speech is properNoun, or the subject field is persons or places."""
        return (any(t.proper or (t.pos or "").lower() == "propernoun" for ts in concept.terms.values() for t in ts)
                or concept.subject.strip().lower() in NAME_SUBJECTS)

    def kind(self, concept: Concept) -> str:
        """DNT (written as it is everywhere), NAME (a person or place) or TERM."""
        if concept.dnt:
            return DNT
        return NAME if self.is_name(concept) else TERM

    def label(self, concept: Concept, source_language: str) -> str:
        """How a concept is named to a person: its preferred source term, else its id."""
        terms = self.terms(concept, source_language)
        preferred = [t for t in terms if t.status == PREFERRED] or terms
        return preferred[0].text if preferred else concept.id

    def names_and_dnt(self, language: str) -> list[Term]:
        """Every name's and do-not-translate concept's terms serving ``language``."""
        return [t for c in self.concepts if self.kind(c) != TERM for t in self.terms(c, language)]

    # -- where terms occur -------------------------------------------------------------
    def find(self, text: str, language: str, longest: bool = True) -> list[Hit]:
        """Every term of ``language`` in ``text``, in text order; where hits overlap, only the longest
        when ``longest`` (on one span, the term written exactly as the text wins over an inflected one)."""
        key = (text, language, longest)
        found = self._found.get(key)
        if found is None:
            if not self.matcher.has_terms(language):
                return []  # the language's index is empty (most of a run's languages): nothing to find or to keep
            if len(self._found) > self.found_limit:
                self._found.clear()
            found = self._found[key] = self._longest(text, self._all_hits(text, language)) if longest \
                else self._all_hits(text, language)
        return found

    def has_rejected(self, language: str) -> bool:
        """Whether ``find`` can find a deprecated or superseded term in a text in ``language`` at all."""
        return self.matcher.has_rejected(language)

    def contains(self, text: str, language: str, terms: list[Term]) -> Hit | None:
        """The first occurrence in ``text`` of any of ``terms`` (inflection allowed), else None."""
        wanted = {id(t) for t in terms}
        return next((hit for hit in self.find(text, language, longest=False) if id(hit.term) in wanted), None)

    def _all_hits(self, text: str, language: str) -> list[Hit]:
        key = (text, language, None)
        hits = self._found.get(key)
        if hits is None:
            hits = self._found[key] = [Hit(start, end, concept, term)
                                       for start, end, concept, term in self.matcher.occurrences(text, language)]
        return hits

    @staticmethod
    def _longest(text: str, hits: list[Hit]) -> list[Hit]:
        if all(a.end <= b.start for a, b in zip(hits, hits[1:])):
            return list(hits)  # in text order, none overlapping (most texts, and any with one hit): all kept
        kept: list[Hit] = []
        # "Пан Гоцян" written exactly is the deprecated spelling, not an inflected "Пань Гоцян"
        exact = lambda h: _fold(text[h.start:h.end]) == _fold(h.term.text)  # noqa: E731
        for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, not exact(h))):
            if any(hit.start < k.end and k.start < hit.end for k in kept):
                continue
            kept.append(hit)
        return sorted(kept, key=lambda h: (h.start, h.end))


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")
