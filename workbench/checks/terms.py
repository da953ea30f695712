"""The checks' view of a termbase, and a tolerant term finder.

``Glossary`` is a thin adapter: it is built from the glossary package's
``Termbase`` (``from_termbase``) or from plain data (tests), and answers the
questions the checks ask: which concepts does this text mention, in which
language, with which term and status.

Finding a term in a *target* text has to tolerate what translators do to it:
Russian case endings (``автомобильная промышленность`` → ``автомобильной
промышленности``), English plurals and possessives, French articles and
prepositions slipped between the words (``automobiles et de pièces
automobiles``), ``’`` for ``'``, ``ё`` for ``е``, a hyphen for a space. Our
own finder does that; when the glossary package's ``TermMatcher`` is there,
its hits are added to ours (a term counts as present if either finds it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick
import regex as re

from workbench.langs import primary, to_gettext

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
        """Terms for ``language``: an exact code match (``zh_CN``) else the primary language (``zh``)."""
        cache = self.__dict__.setdefault("_terms_cache", {})
        key = (language, statuses)
        if key not in cache:
            cache[key] = self._terms_in(language, statuses)
        return cache[key]

    def _terms_in(self, language: str, statuses: tuple[str, ...] | None) -> list[TermInfo]:
        code = to_gettext(language)
        exact = [t for t in self.terms if to_gettext(t.language) == code]
        chosen = exact or [t for t in self.terms if primary(t.language) == primary(code)]
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


# -- the finder -----------------------------------------------------------------
_FR_GLUE = r"(?:de|du|des|la|le|les|l|d|au|aux|à|en|et)"
_SEPARATOR = r"[\s\u00a0\u202f\-‐‑]+"
_APOSTROPHES = "'’ʼ"
_RU_SOFT_ENDING = re.compile(r"[аеёиоуыэюяйь]{1,2}$")


def _fold(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def _word_pattern(word: str, language: str, proper: bool) -> str:
    code = primary(language)
    escaped = re.escape(_fold(word))
    escaped = re.sub(r"\\?['’ʼ]", "['’ʼ]", escaped)
    if not word[-1:].isalpha():
        return escaped
    if code in {"ru", "uk", "be", "bg", "sr"}:
        stem = _RU_SOFT_ENDING.sub("", word) if len(word) >= 4 else word
        if len(stem) < 3:
            stem = word
        shortened = stem != word
        tail = r"\p{Cyrillic}{1,3}" if (proper and shortened) else r"\p{Cyrillic}{0,3}"
        return re.escape(_fold(stem)) + tail
    if code == "en":
        if word.endswith("y") and len(word) > 3 and word[-2] not in "aeiou":
            return re.escape(word[:-1]) + r"(?:y|ies)(?:['’]s)?"
        return escaped + r"(?:s|es)?(?:['’]s?)?"
    if code in {"fr", "es", "it", "pt", "ca", "de", "nl"}:
        return escaped + r"(?:s|x|e|es|n|en)?"
    return escaped


@lru_cache(maxsize=4096)
def term_regex(text: str, language: str, case_sensitive: bool, proper: bool):
    """The pattern that finds ``text`` (a term in ``language``) with its inflected forms."""
    code = primary(language)
    flags = 0 if case_sensitive else re.IGNORECASE
    if code in {"zh", "ja", "ko", "yue", "wuu", "lzh"}:
        pieces = [re.escape(part) for part in re.split(r"[\s\u00a0·・]+", text) if part]
        return re.compile(r"[\s\u00a0·・]*".join(pieces), flags)
    words_ = re.findall(r"\w+(?:['’ʼ]\w+)*", text)
    glue = code == "fr"
    parts: list[str] = []
    for word in words_:
        if glue:
            elided = re.match(r"(?i)^[ld]['’ʼ](.+)$", word)
            if elided:
                word = elided.group(1)
            if word.lower() in {"de", "du", "des", "la", "le", "les", "au", "aux", "à"}:
                continue  # glue: optional in the text, see the separator below
        parts.append(_word_pattern(word, language, proper))
    if not parts:
        parts = [re.escape(text)]
    if glue:
        separator = rf"(?:{_SEPARATOR}|[{_APOSTROPHES}])(?:{_FR_GLUE}(?:{_SEPARATOR}|[{_APOSTROPHES}]))*"
    else:
        separator = _SEPARATOR
    pattern = separator.join(parts)
    return re.compile(r"(?<![\p{L}\p{N}])" + pattern + r"(?![\p{L}\p{N}])", flags)


_CJK_SEPARATORS = re.compile(r"[\s\u00a0·・]+")
_WORDS = re.compile(r"\w+")
_FRENCH_GLUE = {"de", "du", "des", "la", "le", "les", "au", "aux"}  # optional in term_regex's French patterns


def _anchors(term: TermInfo) -> frozenset[str]:
    """Pieces of ``term`` (lower-cased, ё folded) that every form its pattern finds contains.

    Each word of three letters or more, minus the two letters an ending may
    change (Russian stems drop at most two, English ``y`` becomes ``ies``);
    for a CJK term, its pieces between separators.
    """
    folded = _fold(term.text).lower()
    if primary(term.language) in {"zh", "ja", "ko", "yue", "wuu", "lzh"}:
        return frozenset(p for p in _CJK_SEPARATORS.split(folded) if p)
    glue = _FRENCH_GLUE if primary(term.language) == "fr" else set()
    return frozenset(w[: max(3, len(w) - 2)] for w in _WORDS.findall(folded) if len(w) >= 3 and w not in glue)


class _TermIndex:
    """One language's terms behind a multi-pattern automaton of their anchors.

    A term's (tolerant, slower) pattern runs over a text only when all its
    anchors occur there, so the cost follows the text, not the glossary: a
    20,000-term glossary costs about what a 50-term one does.
    """

    def __init__(self, pairs):
        self.terms: list[tuple[ConceptInfo, TermInfo]] = []
        self.patterns: list = []
        self.anchors: list[frozenset[str]] = []
        self.unanchored: list[int] = []  # terms with no usable anchor: always tried
        by_anchor: dict[str, list[int]] = {}  # each term filed under its longest anchor
        every_anchor: set[str] = set()
        for concept, term in pairs:
            number = len(self.terms)
            anchors = _anchors(term)
            self.terms.append((concept, term))
            self.patterns.append(None)
            self.anchors.append(anchors)
            if anchors:
                by_anchor.setdefault(max(anchors, key=lambda a: (len(a), a)), []).append(number)
                every_anchor |= anchors
            else:
                self.unanchored.append(number)
        self.by_anchor = by_anchor
        self.automaton = ahocorasick.Automaton()
        for anchor in every_anchor:
            self.automaton.add_word(anchor, anchor)
        if every_anchor:
            self.automaton.make_automaton()

    def candidates(self, lowered: str):
        """(concept, term, pattern) for every term that may occur in ``lowered``, in glossary order."""
        found = set(self.unanchored)
        if self.automaton.kind == ahocorasick.AHOCORASICK:
            present = {anchor for _, anchor in self.automaton.iter(lowered)}
            for anchor in present:
                for number in self.by_anchor.get(anchor, ()):
                    if self.anchors[number] <= present:
                        found.add(number)
        for number in sorted(found):
            concept, term = self.terms[number]
            pattern = self.patterns[number]
            if pattern is None:
                pattern = self.patterns[number] = term_regex(term.text, term.language, term.case_sensitive, term.proper)
            yield concept, term, pattern


class Glossary:
    """Concepts, and finding their terms in text."""

    def __init__(self, concepts: list[ConceptInfo], matcher=None, path: str | None = None):
        self.concepts = concepts
        self.path = path
        self._matcher = matcher  # the glossary package's TermMatcher, if any
        self._by_id = {concept.id: concept for concept in concepts}
        self._index: dict[str, list] = {}
        self._found: dict[tuple, list[TermHit]] = {}

    def _terms_for(self, language: str) -> "_TermIndex":
        index = self._index.get(language)
        if index is None:
            index = self._index[language] = _TermIndex(
                (concept, term) for concept in self.concepts for term in concept.terms_in(language))
        return index

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
        if hits is not None:
            return hits
        folded = _fold(text)
        hits = []
        for concept, term, pattern in self._terms_for(language).candidates(folded.lower()):
            for match in pattern.finditer(folded):
                if match.end() > match.start():
                    hits.append(TermHit(concept, term, match.start(), match.end()))
        hits.extend(self._matcher_hits(text, language))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        self._found[key] = hits
        return hits

    def _find(self, text: str, language: str, longest: bool) -> list[TermHit]:
        hits = self._all_hits(text, language)
        if not longest:
            return _dedupe(hits)
        kept: list[TermHit] = []
        # on one span, the term written exactly as the text wins over a stem-tolerant match of
        # another: "Пан Гоцян" is the deprecated spelling, not an inflected "Пань Гоцян"
        exact = lambda h: _fold(text[h.start:h.end]).lower() == _fold(h.term.text).lower()  # noqa: E731
        for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, not exact(h))):
            if any(hit.start < k.end and k.start < hit.end for k in kept):
                continue
            kept.append(hit)
        return _dedupe(sorted(kept, key=lambda h: (h.start, h.end)))

    def _matcher_hits(self, text: str, language: str) -> list[TermHit]:
        if self._matcher is None:
            return []
        try:
            matches = self._matcher.find(text, language)
        except Exception:  # noqa: BLE001 - their matcher is a bonus; ours is complete on its own
            return []
        hits = []
        for match in matches:
            concept_id, term_text = _matcher_hit_ids(match)
            concept = self._by_id.get(concept_id or "")
            start, end = getattr(match, "start", None), getattr(match, "end", None)
            if concept is None or start is None or end is None:
                continue
            term = next((t for t in concept.terms_in(language) if t.text == term_text), None)
            if term is not None:
                hits.append(TermHit(concept, term, start, end))
        return hits

    def contains(self, text: str, language: str, terms: list[TermInfo]) -> TermHit | None:
        """The first occurrence in ``text`` of any of ``terms`` (inflection allowed), else None."""
        wanted = {(t.text, t.language) for t in terms}
        for hit in self.find(text, language, longest=False):
            if (hit.term.text, hit.term.language) in wanted:
                return hit
        return None

    def names_and_dnt(self, language: str) -> list[TermInfo]:
        return [t for c in self.concepts if c.dnt or c.proper for t in c.terms_in(language)]


def _dedupe(hits: list[TermHit]) -> list[TermHit]:
    seen, out = set(), []
    for hit in hits:
        key = (hit.concept.id, hit.term.text, hit.start, hit.end)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


# -- building a Glossary ----------------------------------------------------------
def from_termbase(termbase, proper_nouns: set[tuple[str, str]] | None = None) -> Glossary:
    """Adapt the glossary package's ``Termbase``: concepts whose ``terms`` map a language to its terms.

    ``proper_nouns`` lists (language, term text) pairs known to be names: the
    glossary package folds TBX's ``properNoun`` part of speech into ``noun``, so
    ``load_glossary`` reads it back from the file itself.
    """
    proper_nouns = proper_nouns or set()
    concepts = []
    for concept in getattr(termbase, "concepts", []) or []:
        terms = []
        for language, items in (getattr(concept, "terms", {}) or {}).items():
            for term in items:
                text = getattr(term, "text", "")
                if not text:
                    continue
                raw_status = str(getattr(term, "status", "") or ADMITTED).lower()
                status = DEPRECATED if raw_status in (DEPRECATED, "superseded") else (
                    PREFERRED if raw_status == PREFERRED else ADMITTED)
                pos = str(getattr(term, "pos", "") or "")
                terms.append(TermInfo(
                    text=text, language=language, status=status, dnt=bool(getattr(term, "dnt", False)),
                    proper=pos.lower() == "propernoun" or (to_gettext(language), text) in proper_nouns,
                    case_sensitive=bool(getattr(term, "case_sensitive", False)),
                ))
        info = ConceptInfo(id=str(getattr(concept, "id", len(concepts))), terms=terms,
                           subject=str(getattr(concept, "subject", "") or ""))
        if info.proper:  # a name concept: inflect its terms as names (a stem never matches bare)
            for term in terms:
                term.proper = True
        concepts.append(info)
    matcher = None
    try:
        from workbench.glossary.matcher import TermMatcher

        matcher = TermMatcher(termbase)
    except Exception:  # noqa: BLE001 - optional: our own finder is complete on its own
        matcher = None
    return Glossary(concepts, matcher=matcher)


def _matcher_hit_ids(match) -> tuple[str | None, str | None]:
    concept = getattr(match, "concept", None)
    term = getattr(match, "term", None)
    return (str(getattr(concept, "id", "")) or None, getattr(term, "text", None))


def proper_nouns_in_tbx(path: str | Path) -> set[tuple[str, str]]:
    """(language, term) pairs whose TBX ``partOfSpeech`` is ``properNoun``."""
    from lxml import etree

    found: set[tuple[str, str]] = set()
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError):
        return found
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for section in root.iter():
        if not isinstance(section.tag, str) or etree.QName(section).localname not in ("langSec", "langSet"):
            continue
        language = section.get(xml_lang) or section.get("lang") or ""
        for term_section in section.iter():
            if not isinstance(term_section.tag, str) or etree.QName(term_section).localname not in ("termSec", "tig", "ntig"):
                continue
            text, proper = None, False
            for child in term_section.iter():
                if not isinstance(child.tag, str):
                    continue
                name = etree.QName(child).localname
                if name == "term" and text is None:
                    text = "".join(child.itertext()).strip()
                elif name in ("termNote", "descrip") and child.get("type") == "partOfSpeech":
                    proper = "".join(child.itertext()).strip().lower() in ("propernoun", "proper noun")
            if text and proper:
                found.add((to_gettext(language), text))
    return found


def load_glossary(path: str | Path) -> Glossary:
    """A Glossary from a TBX (or CSV) file, read by the glossary package."""
    try:
        from workbench.glossary import load_termbase  # type: ignore
    except ImportError:
        from workbench.glossary.tbx import read_tbx as load_termbase  # type: ignore
    termbase = load_termbase(path)
    proper = proper_nouns_in_tbx(path) if str(path).lower().endswith((".tbx", ".xml")) else set()
    glossary = from_termbase(termbase, proper)
    glossary.path = str(path)
    return glossary


def from_data(data: list[dict]) -> Glossary:
    """From plain JSON-like data: ``[{id, terms: {lang: [{term, status, pos, dnt}]}}]``."""
    concepts = []
    for item in data:
        terms = [
            TermInfo(text=t["term"], language=lang, status=t.get("status", PREFERRED), dnt=bool(t.get("dnt")),
                     proper=t.get("pos") == "properNoun", case_sensitive=bool(t.get("case_sensitive")))
            for lang, items in item["terms"].items() for t in items
        ]
        concepts.append(ConceptInfo(id=item["id"], terms=terms, subject=item.get("subject", "")))
    return Glossary(concepts)
