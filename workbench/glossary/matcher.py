"""Find glossary terms in a text: every occurrence, with positions, in O(text) per segment.

How it works. Text and terms are cut into tokens: a run of letters/digits in
alphabetic scripts, a single character in scripts written without spaces
(Han, kana, Thai ...), so Chinese terms match inside longer words and Latin
ones only on word boundaries. Each token is reduced to a key by its
language's normaliser (below), and the keys are joined with single spaces
and framed by spaces: `` mayor pan guoqiang ``. Every term of a language
becomes such a key string in one Aho-Corasick automaton (pyahocorasick);
the text's key string is scanned once, so the cost grows with the text and
the number of matches, not with the number of terms. A match must begin and
end on the framing spaces, which is the word-boundary rule for free.

Normalisers, chosen for glossary matching, where a false positive costs a
translator a glance and a miss costs a wrong official title:

* English: case-folding plus a light inflection stripper (plural -s/-es/-ies,
  possessive 's), not a Porter stemmer: Porter conflates "organization" with
  "organ" and "general" with "generate". "Mayor" finds "mayors", "Yangzhou's".
* French: case-folding, plural -s/-x and -aux -> -al; elided articles (l', d')
  are their own tokens.
* Russian: lemmatisation with pymorphy3 (OpenCorpora dictionary), not
  Snowball stemming: stems of Russian nouns alternate (горком/горкома stem to
  "горк"/"горком", день/дня to "ден"/"дня"), lemmas do not, so
  "экономической зоны" finds "экономическая зона". Where a word form has
  several readings (стали: сталь or стать; парков: парк or парковый), a
  term's word stands for the lemmas of all its forms (see
  ``RussianNormaliser``), so the term is found whichever reading the text word
  gets. Without pymorphy3 installed it falls back to Snowball's Russian
  stemmer, then to case-folding.
* Everything else: case-folding.

Case: keys are case-folded; a case-sensitive term is checked afterwards
against the surface of each matched token (a common prefix must agree in
case, so "EDZ" finds "EDZs" but "Pan" does not find "pan").

Nesting: where one match lies inside a longer one, the longer wins and the
shorter is dropped (or returned with ``longest=False`` if asked); matches that
cross each other without nesting are both kept and flagged ``overlapping``.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

import ahocorasick
import regex

from workbench.glossary.model import STATUSES, Concept, Term, Termbase
from workbench.langs import primary, to_gettext

_NO_SPACE = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
TOKEN = regex.compile(
    rf"[{_NO_SPACE}]\p{{M}}*"
    rf"|(?:(?![{_NO_SPACE}])[\p{{L}}\p{{M}}\p{{N}}])+(?:['’][sS](?![\p{{L}}\p{{N}}]))?"
)


@dataclass(frozen=True)
class Match:
    start: int  # offsets in the searched text: text[start:end] == matched
    end: int
    text: str
    concept: Concept
    term: Term
    language: str  # the termbase language of ``term``
    longest: bool = True  # False: lies inside a longer match (only returned with nested=True)
    overlapping: bool = False  # crosses another kept match without either containing the other

    def __repr__(self) -> str:
        flags = ("" if self.longest else " nested") + (" overlapping" if self.overlapping else "")
        return f"<Match {self.start}-{self.end} {self.text!r} {self.concept.id}/{self.term.text!r}{flags}>"


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


# -- normalisers -------------------------------------------------------------

def _base(word: str) -> str:
    word = unicodedata.normalize("NFC", word)
    if word[-2:] in ("'s", "’s", "'S", "’S"):
        word = word[:-2]
    return word.casefold()


def _english(word: str) -> str:
    w = _base(word)
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return w[:-2]
    if w.endswith(("ss", "us", "is")):
        return w
    return w[:-1] if w.endswith("s") else w


# Articles and "de" change with syntax inside French noun phrases (l'industrie
# automobile, d'industrie automobile; automobiles et pièces / d'automobiles et
# de pièces), so they are skipped on both sides (an empty key drops the token).
_FRENCH_SKIP = frozenset({"le", "la", "les", "l", "de", "d", "du", "des"})


def _french(word: str) -> str:
    w = _base(word)
    if w in _FRENCH_SKIP:
        return ""
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("aux"):
        return w[:-3] + "al"
    return w[:-1] if w[-1] in "sx" and not w.endswith(("ss", "us")) else w


@lru_cache(maxsize=1)
def _morph():
    try:
        import pymorphy3
    except ImportError:
        return None
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def _snowball():
    try:
        import snowballstemmer
    except ImportError:
        return None
    return snowballstemmer.stemmer("russian")


_NOMINAL = {"NOUN", "ADJF", "ADJS", "PRTF", "NUMR", "NPRO"}
_MAX_VARIANTS = 64  # key strings per term at most; beyond, ambiguous words keep one reading


class RussianNormaliser:
    """A text word's key is the lemma of pymorphy3's likeliest reading of it.

    That reading can belong to another lexeme than the glossary means
    (парков -> парковый, not парк), so a term word stands for the keys of every
    form of every nominal reading of it: the term matches whichever reading a
    text word gets. Without pymorphy3, Snowball's stemmer; without that, case-folding.
    """

    def __init__(self) -> None:
        self.cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        key = self.cache.get(word)
        if key is None:
            key = self.cache[word] = self._key(_base(word).replace("ё", "е"))
        return key

    @staticmethod
    @lru_cache(maxsize=200_000)
    def _key(word: str) -> str:
        morph = _morph()
        if morph is None:
            stemmer = _snowball()
            return stemmer.stemWord(word) if stemmer else word
        return morph.parse(word)[0].normal_form.replace("ё", "е")

    @staticmethod
    @lru_cache(maxsize=50_000)
    def term_keys(word: str) -> tuple[str, ...]:
        w = _base(word).replace("ё", "е")
        keys = {RussianNormaliser._key(w)}
        morph = _morph()
        if morph is not None:
            parses = morph.parse(w)
            readings = [p for p in parses if p.tag.POS in _NOMINAL] or parses[:1]
            if not morph.word_is_known(w):
                readings = readings[:1]  # a guessed word (a name) has one plausible paradigm
            for reading in readings:
                keys.update(RussianNormaliser._key(form.word.replace("ё", "е")) for form in reading.lexeme)
        return tuple(sorted(keys))


def normaliser_for(language: str) -> Callable[[str], str]:
    """The token -> key function of a language (a new one per call for stateful ones)."""
    code = primary(language)
    if code == "en":
        return _english
    if code == "fr":
        return _french
    if code in ("ru", "uk", "be"):
        return RussianNormaliser() if code == "ru" else _base
    return _base


# -- matcher -----------------------------------------------------------------

@dataclass
class _Entry:
    concept: Concept
    term: Term
    language: str
    surfaces: tuple[str, ...]  # the term's tokens as written, for the case check


class _Index:
    """One language's automaton and the normaliser its text must be keyed with."""

    def __init__(self, normalise: Callable[[str], str]):
        self.normalise = normalise
        self.automaton = ahocorasick.Automaton()
        self.groups: list[list[_Entry]] = []
        self.sizes: list[int] = []  # token count per group

    def _variants(self, words: list[str]) -> list[str]:
        """The key strings of a term: one, or one per reading of its ambiguous words (Russian)."""
        term_keys = getattr(self.normalise, "term_keys", None)
        if term_keys is None:
            return [" " + " ".join(self.normalise(w) for w in words) + " "]
        options = [list(term_keys(w)) for w in words]
        while math.prod(map(len, options)) > _MAX_VARIANTS:
            widest = max(range(len(options)), key=lambda i: len(options[i]))
            options[widest] = [self.normalise(words[widest])]
        return [" " + " ".join(keys) + " " for keys in itertools.product(*options)]

    def build(self, entries: Iterable[tuple[Concept, Term, str]]) -> None:
        by_key: dict[str, int] = {}
        for concept, term, language in entries:
            words = [surface for _, _, surface in tokens(term.text)]
            words = [w for w in words if self.normalise(w)] or words  # a term of skipped words only keeps them
            if not words:
                continue
            entry = _Entry(concept, term, language, tuple(words))
            for key in self._variants(words):
                index = by_key.get(key)
                if index is None:
                    index = by_key[key] = len(self.groups)
                    self.groups.append([])
                    self.sizes.append(len(words))
                self.groups[index].append(entry)
        for key, index in by_key.items():
            self.automaton.add_word(key, (index, len(key)))
        if by_key:
            self.automaton.make_automaton()


def _case_agrees(term_surface: str, text_surface: str) -> bool:
    a, b = term_surface, text_surface
    n = 0
    for x, y in zip(a.lower(), b.lower()):
        if x != y:
            break
        n += 1
    return a[:n] == b[:n] and n > 0


class TermMatcher:
    """Finds a termbase's terms in texts. Build once per termbase; ``find`` is cheap."""

    def __init__(self, termbase: Termbase):
        self.termbase = termbase
        self._indexes: dict[str, _Index] = {}
        self._languages: dict[str, list[str]] = {}
        self._all: list[str] | None = None
        self._order = {id(c): i for i, c in enumerate(termbase.concepts)}

    def languages_for(self, language: str) -> list[str]:
        """The termbase languages serving ``language`` (``Termbase.resolve_language``, cached)."""
        found = self._languages.get(language)
        if found is None:
            found = self._languages[language] = self.termbase.resolve_language(language)
        return found

    def _index(self, language: str) -> _Index:
        language = to_gettext(language)
        index = self._indexes.get(language)
        if index is None:
            languages = self.languages_for(language)
            index = _Index(normaliser_for(language))
            index.build((concept, term, lang) for concept in self.termbase.concepts
                        for lang in languages for term in concept.terms_in(lang))
            self._indexes[language] = index
        return index

    def find(self, text: str, language: str | None = None, nested: bool = False) -> list[Match]:
        """Every occurrence of a ``language`` term in ``text`` (every language's if None), in text order."""
        if language is None:
            found: list[Match] = []
            if self._all is None:
                self._all = self.termbase.languages
            seen: set[tuple[int, int, int]] = set()
            for lang in self._all:  # a name spelt alike in several languages is one occurrence
                for match in self.find(text, lang, nested):
                    if (match.start, match.end, id(match.concept)) not in seen:
                        seen.add((match.start, match.end, id(match.concept)))
                        found.append(match)
            return sorted(found, key=lambda m: (m.start, -m.end))
        index = self._index(language)
        if not index.groups:
            return []
        spans, keys = [], []
        for span in tokens(text):
            key = index.normalise(span[2])
            if key:
                spans.append(span)
                keys.append(key)
        starts: dict[int, int] = {}
        position = 1
        for number, key in enumerate(keys):
            starts[position] = number
            position += len(key) + 1
        haystack = " " + " ".join(keys) + " "
        raw: dict[tuple[int, int, int], _Entry] = {}
        for end_position, (group, length) in index.automaton.iter(haystack):
            first = starts[end_position - length + 2]  # the key after the match's leading space
            last = first + index.sizes[group] - 1
            for entry in index.groups[group]:
                surfaces = [s for _, _, s in spans[first : last + 1]]
                if entry.term.case_sensitive and not all(map(_case_agrees, entry.surfaces, surfaces)):
                    continue
                start, end = spans[first][0], spans[last][1]
                slot = (start, end, id(entry.concept))
                if slot not in raw or self._better(entry, raw[slot], text[start:end]):
                    raw[slot] = entry
        return self._select(text, raw, nested)

    @staticmethod
    def _better(new: _Entry, old: _Entry, surface: str) -> bool:
        """Same span, same concept: the term written exactly as in the text, then the better status."""
        new_exact, old_exact = new.term.text == surface, old.term.text == surface
        if new_exact != old_exact:
            return new_exact
        return STATUSES.index(new.term.status) < STATUSES.index(old.term.status)

    def _select(self, text: str, raw: dict[tuple[int, int, int], _Entry], nested: bool) -> list[Match]:
        order = sorted(raw, key=lambda s: (s[0], -s[1], self._order.get(s[2], 0)))
        spans = sorted({(s, e) for s, e, _ in order}, key=lambda se: (se[0], -se[1]))
        inside: set[tuple[int, int]] = set()
        max_end = -1
        for start, end in spans:  # sorted by start, longest first: containers come before contents
            if end <= max_end:
                inside.add((start, end))
            max_end = max(max_end, end)
        kept = [se for se in spans if se not in inside]
        crossing: set[tuple[int, int]] = set()
        for (s1, e1), (s2, e2) in zip(kept, kept[1:]):
            if s2 < e1:
                crossing.update({(s1, e1), (s2, e2)})
        matches = []
        for start, end, concept_key in order:
            if (start, end) in inside and not nested:
                continue
            entry = raw[(start, end, concept_key)]
            matches.append(Match(start, end, text[start:end], entry.concept, entry.term, entry.language,
                                 longest=(start, end) not in inside, overlapping=(start, end) in crossing))
        return matches
