"""Find glossary terms in a text: every occurrence, with positions, in O(text) per segment.

How it works. Text and terms are cut into tokens: a run of letters/digits in
alphabetic scripts, a single character in scripts written without spaces
(Han, kana, Hangul, Thai ...), so Chinese terms match inside longer words and
Latin ones only on word boundaries; a short Chinese or Japanese term is dropped
where the text's words show it is part of another word (cjkwords.py: 包 is not
found in 包含, a deprecated 车 not in 自行车). Whatever lies between two tokens (a space,
a no-break space, a hyphen, an apostrophe, a middle dot) is ignored, so
"vice-maire" finds "vice maire" and "习·近平" finds "习近平". Each token is
reduced to a key by its language's normaliser (below), and the keys are joined
with single spaces and framed by spaces: `` mayor pan guoqiang ``. Every term
of a language becomes such a key string in one Aho-Corasick automaton
(pyahocorasick); the text's key string is scanned once, so the cost grows with
the text and the number of matches, not with the number of terms. A match must
begin and end on the framing spaces, which is the word-boundary rule for free.

Normalisers (normalise.py), chosen for glossary matching, where a false positive costs a
translator a glance and a miss costs a wrong official title. Every language:
Unicode NFC, case-folding, ё read as е, a possessive 's (', ’ or ʼ) dropped.

* English: a light inflection stripper (plural -s/-es/-ies), not a Porter
  stemmer: Porter conflates "organization" with "organ" and "general" with
  "generate". "Mayor" finds "mayors", "Yangzhou's".
* French: plural and feminine endings (-s, -x, -e; -aux -> -al). Articles,
  "de" and the prepositions and conjunctions that come and go inside French
  noun phrases (l'industrie automobile, l'industrie de l'automobile; pièces et
  de pièces) are skipped on both sides (an empty key drops the token): le la
  les l de d du des au aux à en et. "en" and "et" at a term's edge ("en
  ligne") belong to the term: the text must have them there.
* Russian: lemmatisation with pymorphy3 (OpenCorpora dictionary), not
  Snowball stemming: stems of Russian nouns alternate (горком/горкома stem to
  "горк"/"горком", день/дня to "ден"/"дня"), lemmas do not, so
  "экономической зоны" finds "экономическая зона". Where a word form has
  several readings (стали: сталь or стать; парков: парк or парковый), a
  term's word stands for the lemmas of all its forms (see
  ``RussianNormaliser``), so the term is found whichever reading the text word
  gets. Without pymorphy3 installed it falls back to Snowball's Russian
  stemmer, then to case-folding.
* German, Spanish, Italian, Portuguese, Catalan, Dutch, Polish, Ukrainian,
  Bulgarian: simplemma's dictionary lemma of every word it knows (des deutschen
  Botschafters -> deutscher Botschafter; embajadores -> embajador), the light
  rules below for a word it does not. German besides: feminine titles
  (Präsidentin -> Präsident), compounds the dictionary does not know cut into
  known words, each then a token of its own on the compound's span
  (Terminalausgaben has ``Terminal``), a noun compound the dictionary knows
  followed by its head, the last part, on its span too (Softwarepaket has
  ``Paket``, Dateigröße has ``Größe`` but not ``Datei``: a compound is a kind
  of its head), and a name's adjective in -er (Berliner
  for ``Berlin`` when the concept is a place or person). normalise.py's
  docstring lists exactly which forms count.
* Belarusian (and unknown Ukrainian, Bulgarian words): a light stemmer
  drops one case ending (містом, місто -> міст). Serbian, Croatian, Bosnian,
  in Latin and Cyrillic script, likewise with their own endings (Tadžikistana,
  automobilskoj), and a term word stands for its unstemmed key too, so a name
  ending in a vowel is found declined (Jangdžou: Jangdžoua).
* Arabic, Hebrew: a term's first word is also found with the one-letter
  proclitics these languages join to the next word before it (وليانغتشو "and
  Yangzhou", ببان, للصين; ביאנגג׳ואו "in Yangzhou", ומהממשלה). Text words are not
  cut. A geresh ׳ and an apostrophe ' part tokens alike, so either spells a name.
* Turkish: a term's last word is also found with its plural, possessive and
  case suffixes after it, generated with vowel harmony (sanayii: sanayiinin;
  bakanlık: bakanlığı, bakanlıkta); names take them after an apostrophe.
* Unknown Spanish, Italian, Portuguese, Catalan, German, Dutch words: final
  -s, -x, -e, -n dropped.
* Everything else: case-folding (Chinese, Japanese: a character is a token and
  nouns do not inflect, so nothing more is needed).

Case: keys are case-folded; a case-sensitive term is checked afterwards
against the surface of each matched token (a common prefix must agree in
case, so "EDZ" finds "EDZs" but "Pan" does not find "pan").

Languages: a concept serves a text in ``zh_CN`` with its ``zh_CN`` terms, or,
if it has none, with its bare ``zh`` ones (``model.serving_languages``, the one rule).

Nesting: where one match lies inside a longer one, the longer wins and the
shorter is dropped (or returned with ``longest=False`` if asked); matches that
cross each other without nesting are both kept and flagged ``overlapping``.
``occurrences`` gives everything unselected.

Built indexes of a termbase read by ``load_termbase`` are kept on disk (see
``cache``), so a second run on an unchanged termbase skips building them.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from typing import Iterable, NamedTuple

import ahocorasick
import regex

from workbench.glossary import cache, cjkwords
from workbench.glossary.model import STATUSES, Concept, Term, Termbase, serving_languages
from workbench.glossary.normalise import APOSTROPHES, EDGE_WORDS, normaliser_for, normaliser_version
from workbench.langs import primary, to_gettext

_NO_SPACE = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
# a letter, mark or digit of a spaced script: every character but punctuation, symbols, separators and
# others (the general categories besides L, M, N), the unspaced scripts and ʼ, written as one negated
# class (a lookahead before each character made the scan a third slower)
TOKEN = regex.compile(
    rf"[{_NO_SPACE}]\p{{M}}*"
    rf"|[^\p{{P}}\p{{S}}\p{{Z}}\p{{C}}{_NO_SPACE}ʼ]+(?:[{APOSTROPHES}][sS](?![\p{{L}}\p{{N}}]))?"
)


class Match(NamedTuple):
    """One occurrence of a term: an immutable record (a named tuple: made by the hundred thousand)."""

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


_new_match = functools.partial(tuple.__new__, Match)  # Match(*fields) without its Python-level __new__

# TOKEN with its match kept as a part, for ``split``: the tokens are every other part
_TOKEN_SPLIT = regex.compile(f"({TOKEN.pattern})", TOKEN.flags)
# the same on an ASCII text, where no character is of an unspaced script and only the letters and digits are
# neither punctuation, symbol, separator nor other (' is the one ASCII one of APOSTROPHES): the standard
# library's re splits such a text three times as fast as regex
_ASCII_TOKEN_SPLIT = re.compile(r"([A-Za-z0-9]+(?:'[sS](?![A-Za-z0-9]))?)")


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


_MAX_VARIANTS = 64  # key strings per term at most; beyond, ambiguous words keep one reading


class _Entry(NamedTuple):  # a tuple: an index holds one per term and key
    concept: Concept
    term: Term
    language: str
    surfaces: tuple[str, ...]  # the term's kept tokens as written, for the case check
    lead: str | None = None  # a skipped word the text must have just before the match ("en" of "en ligne")
    trail: str | None = None  # ... just after it
    order: int = 0  # the concept's place in the termbase
    boundary: str | None = None  # a short Chinese or Japanese term: the word rule it needs (``cjkwords``)


class _Index:
    """One language's automaton, the key of every text token, and the term entries behind each key.

    The automaton maps a key string to (its length, its token count, its entries, whether they are plain:
    no case to check, no edge word to look for).
    """

    def __init__(self, language: str):
        self.language = language
        self.normalise = normaliser_for(language)
        self.edge_words = EDGE_WORDS.get(primary(language), frozenset())
        self.compounds = getattr(self.normalise, "compounds", False)
        self.automaton = ahocorasick.Automaton()
        self.keys = 0
        self.rejected = False  # some term of the automaton is deprecated or superseded
        self.memo: dict[str, str] = {}  # token -> key: texts repeat their words
        self.words: cjkwords.Words | None = None  # word boundaries of short CJK terms, if the language has any

    def key(self, word: str) -> str:
        key = self.memo.get(word)
        if key is None:
            if len(self.memo) > 500_000:
                self.memo.clear()
            key = self.memo[word] = self.normalise(word)
        return key

    def _variants(self, words: list[str], name: bool) -> list[str]:
        """The key strings of a term: one, or one per reading of its ambiguous words (Russian), per case
        reading and, for a name, per adjective of it (German), per proclitic joined to its first word
        (Arabic, Hebrew: ``lead_keys``), per suffix of its last word (Turkish: ``tail_keys``)."""
        term_keys = getattr(self.normalise, "term_keys", None)
        lead_keys = getattr(self.normalise, "lead_keys", None)
        tail_keys = getattr(self.normalise, "tail_keys", None)
        if term_keys is None and lead_keys is None and tail_keys is None:
            return [" " + " ".join(self.key(w) for w in words) + " "]
        options = [list(term_keys(w, name)) if term_keys else [self.key(w)] for w in words]
        if lead_keys:
            options[0] = sorted({lead for key in options[0] for lead in lead_keys(key)})
        if tail_keys:
            options[-1] = sorted({tail for key in options[-1] for tail in tail_keys(key)})
        while math.prod(map(len, options)) > _MAX_VARIANTS:
            widest = max(range(len(options)), key=lambda i: len(options[i]))
            options[widest] = [self.key(words[widest])]
        return [" " + " ".join(keys) + " " for keys in itertools.product(*options)]

    def table(self, entries: Iterable[tuple[int, Concept, str, int, Term]]) -> list[tuple]:
        """(key string, token count, [(concept number, language, term number, text, surfaces, lead, trail)])
        for every key: what ``load`` builds the automaton from, and what the disk cache keeps."""
        from workbench.glossary.terminology import Terminology  # the one definition of a name; it imports us

        by_key: dict[str, tuple] = {}
        names = hasattr(self.normalise, "term_keys")
        for concept_number, concept, language, term_number, term in entries:
            words = [surface for _, _, surface in tokens(term.text)]
            kept = [i for i, word in enumerate(words) if self.key(word)]
            if not kept:
                continue  # only skipped words ("de"): nothing in a text could match it
            lead = next((w.casefold() for w in reversed(words[: kept[0]]) if w.casefold() in self.edge_words), None)
            trail = next((w.casefold() for w in words[kept[-1] + 1:] if w.casefold() in self.edge_words), None)
            surfaces = tuple(words[i] for i in kept)
            ref = (concept_number, language, term_number, term.text, surfaces, lead, trail)
            for key in self._variants(list(surfaces), names and Terminology.is_name(concept)):
                # a German compound's key is several words: the token count is the key's
                by_key.setdefault(key, (key, key.count(" ") - 1, []))[2].append(ref)
        return list(by_key.values())

    def load(self, table: list[tuple], concepts: list[Concept], cached: bool = False) -> bool:
        """Build the automaton from a ``table``; False if it does not fit ``concepts`` (a stale table).
        ``cached``: the termbase's indexes are kept on disk, and so may be the Chinese segmenter's dictionary."""
        texts, short = [], False
        with cache.paused_gc():
            for key, size, refs in table:
                entries, plain = [], True
                for concept_number, language, term_number, text, surfaces, lead, trail in refs:
                    try:
                        concept = concepts[concept_number]
                        term = concept.terms[language][term_number]
                    except (IndexError, KeyError):
                        return False
                    if term.text != text:
                        return False
                    boundary = cjkwords.rule(term, language)
                    entries.append(_Entry(concept, term, language, surfaces, lead, trail, concept_number, boundary))
                    plain = plain and not (term.case_sensitive or lead or trail or boundary)
                    self.rejected = self.rejected or term.rejected
                    texts.append((concept_number, text))
                    short = short or boundary is not None
                self.automaton.add_word(key, (len(key), size, tuple(entries), plain))
                self.keys += 1
        if short:  # the glossary's own terms are words too (in termbase order: deterministic)
            self.words = cjkwords.Words(self.language, (text for _, text in sorted(texts)), cached)
        if self.keys:
            self.automaton.make_automaton()
        return True


def _case_agrees(term_surface: str, text_surface: str) -> bool:
    a, b = term_surface, text_surface
    if a.lower() == a.upper():
        return True  # no capitals to compare (Arabic, Hebrew): its text word may begin with a proclitic
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
        self._all: list[str] | None = None
        self._bases: set[str] | None = None  # the termbase's languages without region
        self._size: tuple[int, int] | None = None  # its number of concepts and of terms

    def prepare(self, *languages: str) -> None:
        """Build (or load) the indexes of ``languages`` now: forked workers then inherit them."""
        for language in languages:
            self._index(language)

    def has_terms(self, language: str) -> bool:
        """Whether the index of ``language`` holds any term: if not, nothing is ever found in its texts."""
        return self._index(language).keys > 0

    def has_rejected(self, language: str) -> bool:
        """Whether any term of the index of ``language`` is deprecated or superseded: if not, no occurrence is
        of one. (Read when the index is built, like the case and word rules it holds.)"""
        return self._index(language).rejected

    def _terms(self, code: str):
        """(concept number, concept, language, term number, term) of every term serving ``code``:
        those ``serving_languages`` gives for each concept (``zh`` for ``zh_CN`` when it has no ``zh_CN``)."""
        for concept_number, concept in enumerate(self.termbase.concepts):
            for lang in serving_languages(concept.terms, code):
                for term_number, term in enumerate(concept.terms[lang]):
                    yield concept_number, concept, lang, term_number, term

    def _index(self, language: str) -> _Index:
        index = self._indexes.get(language)  # under the code as asked too: no normalising it per text
        if index is None:
            code = to_gettext(language)
            index = self._indexes.get(code) or self._build(code)
            self._indexes[language] = self._indexes[code] = index
        return index

    def _build(self, language: str) -> _Index:
        """The language's index: as stored on disk for the termbase's file if it fits, else built (and stored)."""
        if self._bases is None:
            self._bases = {primary(lang) for lang in self.termbase.languages}
        if primary(language) not in self._bases:
            return _Index(language)  # no term in this language: nothing to build or store
        concepts = self.termbase.concepts
        digest = getattr(self.termbase, "digest", None)
        part = f"index-{language}-{cache.safe_name(normaliser_version(language))}"
        if digest:
            # what the stored index was built from, checked again: a termbase changed after loading
            # (and left with its file's digest) must not get the file's index
            if self._size is None:
                self._size = (len(concepts), sum(len(ts) for concept in concepts for ts in concept.terms.values()))
            size = self._size
            stored = cache.load(digest, part)
            index = _Index(language)
            if isinstance(stored, tuple) and stored[:2] == size and index.load(stored[2], concepts, True):
                return index
        index = _Index(language)
        with cache.paused_gc():
            table = index.table(self._terms(language))
        index.load(table, concepts, bool(digest))
        if digest:
            cache.save(digest, part, (*size, table))
        return index

    def _scan(self, text: str, language: str, nested: bool = True) -> list[tuple[int, int, int, tuple]]:
        """(start, -end, number, entries) of every term occurrence in ``text``, unsorted: crossing ones, and
        nested ones (most of them left out if not ``nested``); ``entries``: the terms found on that span.
        So made, the occurrences sort by start, longest first, with ``sort()`` alone."""
        index = self._index(language)
        if not index.keys:
            return []
        # tokens and their keys, built without a Python step per token where possible (map, accumulate): the
        # text split into separators and tokens, the parts' lengths added up give each token's (start, end)
        parts = (_ASCII_TOKEN_SPLIT if text.isascii() else _TOKEN_SPLIT).split(text)
        words = parts[1::2]
        bounds = list(itertools.accumulate(map(len, parts)))
        spans = list(zip(bounds[0::2], bounds[1::2]))
        keys = list(map(index.memo.get, words))
        if None in keys:  # words not met before
            keys = [index.key(word) if key is None else key for key, word in zip(keys, words)]
        skipped: list[list] = [[]]  # [i]: tokens skipped just before kept token i; [-1]: after the last one
        if index.edge_words:
            for key, token in zip(keys, spans):
                if key:
                    skipped.append([])
                else:
                    skipped[-1].append(token)
        if "" in keys:  # skipped words (French articles): out of the haystack
            spans = [token for key, token in zip(keys, spans) if key]
            keys = [key for key in keys if key]
        # a compound's parts: a token each, all on the compound's span (so a case-sensitive term is found
        # in a compound only as its first part: the case check compares it with the compound's beginning)
        if index.compounds and any(" " in key for key in keys):
            spans = [token for key, token in zip(keys, spans) for _ in key.split(" ")]
            keys = " ".join(keys).split(" ")
        if not keys:
            return []
        # the haystack " k0 k1 k2 ": key i begins at 1 + len(k0..k(i-1)) + i; that position -> i
        starts = dict(zip(map(operator.add, itertools.accumulate(map(len, keys)), itertools.count(2)),
                          itertools.count(1)))
        starts[1] = 0
        found: list[tuple[int, int, int, tuple]] = []
        cover_first = cover_last = -1  # the tokens of the last occurrence found
        hits = enumerate(index.automaton.iter(" " + " ".join(keys) + " "))
        for number, (end_position, (length, size, entries, plain)) in hits:
            first = starts[end_position - length + 2]  # the key after the match's leading space
            last = first + size - 1
            if last == cover_last and first >= cover_first and not nested:
                continue  # inside the occurrence just found: the automaton reports the longest ending here first
            start, end = spans[first][0], spans[last][1]
            if not plain:
                entries = self._checked(index, entries, text, spans, first, last, skipped, start, end, found)
                if not entries:
                    continue
            found.append((start, -end, number, entries))
            cover_first, cover_last = first, last
        return found

    def _checked(self, index, entries, text, spans, first, last, skipped, start, end, found) -> tuple:
        """Those of ``entries`` found on tokens ``first`` to ``last`` whose case agrees with the text and, for a
        short CJK term, that are a word there (``cjkwords``); one with edge words ("en ligne") goes to
        ``found`` on its own, on its widened span, if the text has them."""
        kept = []
        for entry in entries:
            if entry.boundary and not index.words.counts(text, start, end, entry.boundary):
                continue
            if entry.term.case_sensitive and not all(
                    map(_case_agrees, entry.surfaces, [text[a:b] for a, b in spans[first: last + 1]])):
                continue
            if entry.lead or entry.trail:
                edge = self._edges(entry, text, skipped[first], skipped[last + 1], start, end)
                if edge:
                    found.append((edge[0], -edge[1], -1 - len(found), (entry,)))  # numbered apart from the hits
                continue
            kept.append(entry)
        return tuple(kept)

    @staticmethod
    def _edges(entry: _Entry, text: str, before: list, after: list, start: int, end: int) -> tuple[int, int] | None:
        """The span widened to the term's edge words ("en" of "en ligne") among the skipped tokens around it
        (their (start, end)); None if the text does not have them there."""
        if entry.lead:
            word = next((t for t in reversed(before) if text[t[0]:t[1]].casefold() == entry.lead), None)
            if word is None:
                return None
            start = word[0]
        if entry.trail:
            word = next((t for t in after if text[t[0]:t[1]].casefold() == entry.trail), None)
            if word is None:
                return None
            end = word[1]
        return start, end

    def occurrences(self, text: str, language: str) -> list[tuple[int, int, Concept, Term]]:
        """Every (start, end, concept, term) found in ``text``, unselected: nested and crossing occurrences,
        and every term of a concept that matches the same words (``mayor`` and ``Mayor``), in text order."""
        found = [(start, -negative_end, entry) for start, negative_end, _, entries in self._scan(text, language)
                 for entry in entries]
        found.sort(key=lambda f: (f[0], -f[1], f[2].order))
        return [(start, end, entry.concept, entry.term) for start, end, entry in found]

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
        found = self._scan(text, language, nested)
        return self._select(text, found, nested) if found else []

    @staticmethod
    def _better(new: _Entry, old: _Entry, surface: str) -> bool:
        """Same span, same concept: the term written exactly as in the text, then the better status."""
        new_exact, old_exact = new.term.text == surface, old.term.text == surface
        if new_exact != old_exact:
            return new_exact
        return STATUSES.index(new.term.status) < STATUSES.index(old.term.status)

    def _select(self, text: str, found: list[tuple[int, int, int, tuple]], nested: bool) -> list[Match]:
        """Matches in text order, longest first, one per concept and span (its best term there); nested
        ones flagged (or left out), crossing ones flagged."""
        found.sort()  # by start, longest first: containers come before contents
        matches = []
        previous_end = -1
        for start, negative_end, _, entries in found:  # the usual case: one term a span, no two spans overlapping
            if start < previous_end or len(entries) > 1:
                break
            previous_end = -negative_end
            entry = entries[0]
            matches.append(_new_match((start, previous_end, text[start:previous_end], entry.concept, entry.term,
                                       entry.language, True, False)))
        else:
            return matches
        spans: list[list] = []  # [start, end, entries, longest]
        crossing: set[int] = set()  # numbers in spans
        max_end, kept = -1, -1
        for start, negative_end, _, entries in found:
            end = -negative_end
            if spans and spans[-1][0] == start and spans[-1][1] == end:
                spans[-1][2] += entries  # an edge-word term on another's span
                continue
            if end <= max_end:
                if nested:
                    spans.append([start, end, entries, False])
                continue
            if kept >= 0 and start < spans[kept][1]:  # begins inside the previous kept match, ends beyond it
                crossing.update((kept, len(spans)))
            kept, max_end = len(spans), end
            spans.append([start, end, entries, True])
        matches = []
        for number, (start, end, entries, longest) in enumerate(spans):
            surface = text[start:end]
            if len(entries) > 1:
                best: dict[int, _Entry] = {}  # concept's place -> its best term here
                for entry in entries:
                    if entry.order not in best or self._better(entry, best[entry.order], surface):
                        best[entry.order] = entry
                entries = [best[order] for order in sorted(best)]
            for entry in entries:
                matches.append(_new_match((start, end, surface, entry.concept, entry.term, entry.language, longest,
                                           number in crossing)))
        return matches
