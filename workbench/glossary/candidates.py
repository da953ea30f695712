"""``glossary candidates``: phrases and names worth adding to the glossary, ranked.

After Translate Toolkit's poterminology: count word n-grams (2 to 5 words)
that neither start nor end with a stop word and do not cross punctuation,
fold plural variants together, drop a phrase when a longer one containing it
occurs just as often (it is only ever part of that one), and drop whatever the
glossary already covers. Capitalised runs (``Pan Xueyuan``, ``Standing
Committee``) and capitalised words never written in lower case are proposed
as names even when they occur once: every person, place and organisation
name needs a glossary entry, however rare.

Score: occurrences x words, doubled for names; ties by phrase.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import regex

from workbench.glossary.matcher import TermMatcher, normaliser_for
from workbench.glossary.model import PREFERRED, Concept, Term, Termbase, is_xml_id

STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself yourselves
well as additionally currently specifically successfully numerous different its all this year’s year's
""".split())

_CHUNK_BREAK = regex.compile(r"[^\p{L}\p{N}\s\-’']+|\s[\-–—]\s")
_WORD = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}\-’']*[\p{L}\p{N}])?")
_SENTENCE_END = regex.compile(r"[.!?:;]\s+\S*$|^\s*$")


@dataclass
class Candidate:
    phrase: str
    count: int  # occurrences
    segments: int  # distinct segments (messages) it occurs in
    kind: str  # "name" or "phrase"
    score: float
    example: str = field(default="", repr=False)
    where: tuple[int, ...] = field(default=(), repr=False)  # the numbers of the texts it occurs in


def _possessive(word: str) -> tuple[str, bool]:
    if word[-1] not in "s’'":
        return word, False
    for suffix in ("’s", "'s", "’", "'"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)], True
    return word, False


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _chunks(text: str) -> list[list[tuple[int, int, str, bool]]]:
    """Runs of words not broken by punctuation: (start, end, word, sentence_initial)."""
    chunks = []
    for piece in _split_keep_offsets(text):
        offset, chunk_text = piece
        words = []
        for m in _WORD.finditer(chunk_text):
            word, possessive = _possessive(m.group())
            start = offset + m.start()
            initial = bool(_SENTENCE_END.search(text, 0, start))  # as if the text ended there, without a copy
            words.append((start, start + len(word), word, initial))
            if possessive:  # "the city's overall growth": a phrase ends at a possessive
                chunks.append(words)
                words = []
        chunks.append(words)
    return [c for c in chunks if c]


def _split_keep_offsets(text: str) -> list[tuple[int, str]]:
    pieces, last = [], 0
    for m in _CHUNK_BREAK.finditer(text):
        pieces.append((last, text[last : m.start()]))
        last = m.end()
    pieces.append((last, text[last:]))
    return pieces


_CONNECTORS = frozenset({"of", "the", "for", "de", "du", "des", "la", "le"})


def _name_runs(chunk) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words, joined by "of"/"the": (first, last) word indexes."""
    runs, i = [], 0
    while i < len(chunk):
        word, initial = chunk[i][2], chunk[i][3]
        if not _capitalised(word) or word.casefold() in STOP_WORDS:
            i += 1
            continue
        j = i
        k = i + 1
        while k < len(chunk):
            if _capitalised(chunk[k][2]):
                j = k
            elif chunk[k][2].casefold() not in _CONNECTORS:
                break
            k += 1
        if not (i == j and initial):  # a lone capitalised word may just start a sentence
            runs.append((i, j))
        i = j + 1
    return runs


def find_candidates(texts: Iterable[str], matcher: TermMatcher | None = None, language: str = "en",
                    min_count: int = 2, max_words: int = 5, limit: int | None = None) -> list[Candidate]:
    """Ranked candidates from source texts (one segment each), leaving out what ``matcher``'s glossary has."""
    normaliser = normaliser_for(language)
    keys: dict[str, str] = {}  # a word's key, once per word: texts repeat their words

    def normalise(word: str) -> str:
        key = keys.get(word)
        if key is None:
            key = keys[word] = normaliser(word)
        return key

    counts: Counter = Counter()
    segments: dict[tuple, set[int]] = defaultdict(set)
    surfaces: dict[tuple, Counter] = defaultdict(Counter)
    examples: dict[tuple, str] = {}
    names: set[tuple] = set()  # capitalised throughout
    runs: set[tuple] = set()  # seen as a whole capitalised run: a name even if it occurs once
    lowercase_seen: set[str] = set()

    def add(chunk, first: int, last: int, text: str, number: int, key: tuple, cuts, inside) -> tuple | None:
        """Count words ``first`` to ``last`` of ``chunk`` as ``key`` (None if the glossary covers them)."""
        if cuts:
            if cuts[first][0] or cuts[last][1]:
                return None  # cuts through a glossary term
            if all(inside[first : last + 1]):
                return None  # the glossary has it, or it is made of glossary terms only
        start, end = chunk[first][0], chunk[last][1]
        counts[key] += 1
        segments[key].add(number)
        surfaces[key][text[start:end]] += 1
        examples.setdefault(key, text)
        return key

    for number, text in enumerate(texts):
        covered = _Spans([(m.start, m.end) for m in matcher.find(text, language)]) if matcher else None
        for chunk in _chunks(text):
            # each word's questions answered once, not once for every n-gram it is in
            folded = [w.casefold() for _, _, w, _ in chunk]
            capitalised = [_capitalised(w) for _, _, w, _ in chunk]
            word_keys = [normalise(w) for _, _, w, _ in chunk]
            edge = [fold not in STOP_WORDS and not fold.isdigit() for fold in folded]  # may begin or end a phrase
            named = [cap or fold in _CONNECTORS for cap, fold in zip(capitalised, folded)]
            lowercase_seen.update(fold for fold, cap in zip(folded, capitalised) if not cap)
            # where the glossary's terms lie: a phrase may not begin or end inside one (cuts) and is not
            # made of them only (inside)
            cuts = inside = None
            if covered and _reach(covered, chunk[-1][1], False) > chunk[0][0]:  # a term in or across the chunk
                cuts = [(_within(covered, w_start), _within(covered, w_end)) for w_start, w_end, _, _ in chunk]
                inside = [_reach(covered, w_start, True) >= w_end for w_start, w_end, _, _ in chunk]
            for first, last in _name_runs(chunk):
                key = add(chunk, first, last, text, number, tuple(word_keys[first : last + 1]), cuts, inside)
                if key:
                    runs.add(key)
                    counts[key] -= 1  # counted again below when it is also an n-gram
            for size in range(2, max_words + 1):
                for i in range(len(chunk) - size + 1):
                    if not (edge[i] and edge[i + size - 1]):
                        continue
                    key = add(chunk, i, i + size - 1, text, number, tuple(word_keys[i : i + size]), cuts, inside)
                    if key and all(named[i : i + size]):
                        names.add(key)
    for key in runs:  # a run longer than max_words, or a single word, was not an n-gram
        if len(key) == 1 or len(key) > max_words:
            counts[key] += surfaces[key].total() - counts[key]
    candidates: list = []
    for key, count in counts.items():
        surface = surfaces[key].most_common(1)[0][0]
        is_name = key in runs or key in names
        if len(key) == 1 and (key not in runs or surface.casefold() in lowercase_seen):
            continue  # single words only as names never written in lower case
        if count < (1 if key in runs else min_count):
            continue
        score = count * len(key) * (2 if is_name else 1)
        candidates.append((key, Candidate(surface, count, len(segments[key]), "name" if is_name else "phrase",
                                          float(score), examples[key], tuple(sorted(segments[key])))))
    candidates = _drop_subsumed(candidates)
    candidates.sort(key=lambda c: (-c.score, -c.count, c.phrase.casefold()))
    return candidates[:limit] if limit else candidates


class _Spans:
    """The glossary's matches in a text, (start, end) pairs, asked which of them reach past an offset."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []  # the furthest end of the spans up to each, in order of start
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def __bool__(self) -> bool:
        return bool(self.starts)


def _reach(spans: _Spans, offset: int, at: bool) -> int:
    """The furthest end of the spans starting before ``offset`` (or at it, with ``at``); -1 if none."""
    count = (bisect_right if at else bisect_left)(spans.starts, offset)
    return spans.reach[count - 1] if count else -1


def _within(spans: _Spans, offset: int) -> bool:
    """Whether ``offset`` lies strictly inside a span (start < offset < end)."""
    return _reach(spans, offset, False) > offset


def _drop_subsumed(candidates: list[tuple[tuple, Candidate]]) -> list[Candidate]:
    """Drop a candidate that only ever occurs inside a longer one (as often as it does)."""
    container_count: dict[tuple, int] = {}
    for key, candidate in candidates:
        for size in range(1, len(key)):
            for i in range(len(key) - size + 1):
                inner = key[i : i + size]
                container_count[inner] = max(container_count.get(inner, 0), candidate.count)
    return [c for key, c in candidates if container_count.get(key, 0) < c.count]


def candidates_termbase(candidates: list[Candidate], observed: dict[str, dict[str, list[tuple[str, int]]]],
                        source_language: str = "en") -> Termbase:
    """The candidates with observed renderings as a termbase to import (``glossary import``): one concept a
    phrase, its source term and, per language, the rendering most entries use as the proposed (preferred)
    term; every observed rendering and its count in the concept's note, for the terminologist to decide."""
    concepts, ids = [], set()
    for candidate in candidates:
        languages = observed.get(candidate.phrase, {})
        if not languages:
            continue
        concept_id = _concept_id(candidate.phrase, ids)
        terms = {source_language: [Term(candidate.phrase, PREFERRED)]}
        for language in sorted(languages):
            terms[language] = [Term(languages[language][0][0], PREFERRED)]
        seen = "; ".join(f"{language}: " + ", ".join(f"{text} ({count})" for text, count in languages[language])
                         for language in sorted(languages))
        note = f"candidate {candidate.kind}, {candidate.count} occurrences in the source; observed renderings: {seen}"
        concepts.append(Concept(id=concept_id, note=note, terms=terms))
    return Termbase(concepts=concepts, source_language=source_language)


def _concept_id(phrase: str, taken: set[str]) -> str:
    """A readable concept id for a phrase (``candidate-trade-fair``), unique among ``taken``."""
    base = "candidate-" + "-".join(regex.findall(r"[\p{L}\p{N}]+", phrase.casefold()))
    if not is_xml_id(base):
        base = "candidate-" + hashlib.sha1(phrase.encode("utf-8")).hexdigest()[:8]
    concept_id, number = base, 2
    while concept_id in taken:
        concept_id, number = f"{base}-{number}", number + 1
    taken.add(concept_id)
    return concept_id
