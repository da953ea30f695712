"""Fuzzy matching against the translation memory: the score a translator sees, and the suggestion.

The score, 0-100, shown as a percentage, is a word-level edit distance, as OmegaT and the
commercial CAT tools count it (Translate Toolkit counts characters): each source is cut into
words (letters and digits; a CJK source into characters, having no spaces), and

    score = 100 × (1 − edits / max(words in the new source, words in the TM source))

where inserting or deleting a word costs 1 and replacing one costs 1 − its character similarity
(so "opens" → "opened" costs 0.3, not 1: a changed ending is not a new word). Case and
punctuation do not count as words: a word that differs only in case, and each punctuation mark
added or dropped, take 1 point each off the score ("Table of contents" vs "Table of Contents" is
99 %; a missing final colon too). Only an identical source is 100 %.

Before scoring, what a translator never retypes is normalised to its kind: placeholders and tags
(``%s``, ``{name}``, ``<g1>``, ``<b>``: ``workbench.exchange.inline``), dates (a month name with
its day, read with CLDR's month names of the source language) and numbers. So "The forum opened
on August 29" against the TM's "The forum opened on May 3" is a near match, and the TM target's
rendering of the old value is then replaced by the new value **in the target's form**: CLDR's
day-and-month pattern (``8月29日``, ``29 августа``, ``29 août``, ``29. August``), the target's
number separators (``12 345,5``), the placeholder itself. A value that cannot be carried over (the
TM target does not show the old one) costs what it would have cost unnormalised: one word. A
suggestion that needed a substitution is at most 99 %: 100 % is for a source read identically.

Glossary terms: where the TM source has concept X and the new source concept Y in its place (the
terminology service finds them; the word alignment of the two sources must replace X's words by
Y's, not merely add Y elsewhere), and the TM target uses an approved rendering of X, that rendering
is replaced by Y's preferred one, in the form X has there (Russian: pymorphy3 gives Y's head noun
X's case and number; another language's inflected form is left to the translator). The score is
not raised for it: the sources do differ; a term that could not be replaced costs a word more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

import regex as re
from babel.dates import format_skeleton, get_month_names
from babel.numbers import format_decimal
from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from workbench.exchange.inline import Code, split
from workbench.langs import locale_for, primary

if TYPE_CHECKING:
    from workbench.glossary.terminology import Terminology
    from workbench.tm.memory import Unit

DEFAULT_THRESHOLD = 75
# candidates asked of the memory per lookup: the memory orders them by a cheaper score than ours, so the
# best by ours may rank low where many sources share a template (news boilerplate); on the synthetic
# 270,000-unit memory 30 missed the brute-force best on 7 of 150 queries, 100 on none (bench/tm.py)
CANDIDATES = 100
DATE, NUMBER, CODE = "date", "number", "code"
_MARK = "\x00"  # a normalised value's token: "\x00date", never a word of a text

_WORD = re.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*")
_PUNCT = re.compile(r"[^\s\p{L}\p{M}\p{N}]")
_DIGITS = re.compile(r"(?<![\d.,])\d+(?:[.,]\d{3})*(?:\.\d+)?(?![\d])")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_LEAP_YEAR = 2024  # formats February 29 too; the year is never written (day-and-month patterns)


@dataclass(frozen=True)
class Value:
    """A normalised piece of a source: a date (month, day), a number, a placeholder or tag."""

    kind: str
    text: str  # as the source writes it
    key: object  # what it means: (month, day), a Decimal, the code's text
    span: tuple[int, int]
    scale: str | None = None  # a number's "million" or "billion" after it (English sources)


@dataclass
class Match:
    """A TM unit for a source: its score (0-100), the suggestion made from its target, and what was
    carried over into it (``"May 3 → August 29"``) or could not be (``failed``)."""

    unit: "Unit"
    score: int
    suggestion: str
    substituted: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def label(self) -> str:
        """``TM 87%: <source of the match> — <origin>``, the line a translator sees."""
        source = " ".join(self.unit.source.split())  # one comment line, whatever the source's line breaks
        return f"TM {self.score}%: {source} — {self.unit.origin}"


# -- reading a source -----------------------------------------------------------------


@lru_cache(maxsize=None)
def _month_lookup(language: str) -> tuple[re.Pattern | None, dict[str, int]]:
    """The source language's month names (wide and abbreviated) and a pattern for a day beside one."""
    try:
        locale = locale_for(language)
    except Exception:  # noqa: BLE001 - a language CLDR does not know: no dates read
        return None, {}
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale).items():
                name = name.strip(".")
                if len(name) >= 3 and not name.isdigit():
                    names.setdefault(name.lower(), number)
    if not names:
        return None, {}
    month = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # "August 29", "Aug. 29th"; "29 August", "29th of August", "29. August", "1er août"
    pattern = re.compile(rf"(?<!\w)(?:(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
                         rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+)?(?P<m2>{month})\.?)(?!\w)",
                         re.IGNORECASE)
    return pattern, names


def source_values(text: str, language: str) -> list[Value]:
    """The placeholders and tags, dates and numbers of a source text, in text order, none overlapping."""
    values: list[Value] = []
    position = 0
    for piece in split(text):
        if isinstance(piece, Code):
            if piece.kind != "char":
                values.append(Value(CODE, piece.text, piece.text, (position, position + len(piece.text))))
            position += len(piece.text)
        else:
            position += len(piece)
    taken = [v.span for v in values]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    pattern, months = _month_lookup(primary(language))
    if pattern is not None:
        for match in pattern.finditer(text):
            if not free(*match.span()):
                continue
            month = months[(match.group("m1") or match.group("m2")).lower()]
            day = int(match.group("d1") or match.group("d2"))
            if 1 <= day <= 31:
                values.append(Value(DATE, match.group(), (month, day), match.span()))
                taken.append(match.span())
    english = primary(language) == "en"
    for match in _DIGITS.finditer(text):
        if free(*match.span()):
            scale = _SCALE.match(text, match.end()) if english else None
            try:
                values.append(Value(NUMBER, match.group(), Decimal(match.group().replace(",", "")), match.span(),
                                    scale.group(1).casefold() if scale else None))
            except ArithmeticError:
                continue
    return sorted(values, key=lambda v: v.span)


@dataclass(frozen=True)
class _Reading:
    """A source as the score sees it: folded words and value marks, the words as written, punctuation."""

    folded: tuple[str, ...]
    written: tuple[str, ...]
    punctuation: tuple[str, ...]
    values: tuple[Value, ...]


@lru_cache(maxsize=4096)  # (18,749 readings were 54 MB of a prefetch worker at 1,000 articles)
def read_source(text: str, language: str) -> _Reading:
    values = source_values(text, language)
    folded: list[str] = []
    written: list[str] = []
    punctuation: list[str] = []
    position = 0
    for value in (*values, None):
        end = value.span[0] if value else len(text)
        chunk = text[position:end]
        for word in _WORD.findall(chunk):
            folded.append(word.casefold())
            written.append(word)
        punctuation.extend(_PUNCT.findall(_WORD.sub(" ", chunk)))
        if value:
            folded.append(_MARK + value.kind)
            written.append(_MARK + value.kind)
            position = value.span[1]
    return _Reading(tuple(folded), tuple(written), tuple(punctuation), tuple(values))


def pack(reading: _Reading) -> str:
    """What the score needs of a reading (its words as folded and as written, its punctuation), as one string
    the memory stores beside each source, so a lookup does not read its candidates again (``unpack``)."""
    return "\x1e".join(("\x1f".join(reading.folded), "\x1f".join(reading.written), "".join(reading.punctuation)))


def unpack(packed: str) -> _Reading:
    """A stored reading (``pack``): enough to score, not the values to carry over (``read_source`` has them).
    Words never hold the separators (letters, marks, digits); punctuation, one character a mark, comes last."""
    folded, written, punctuation = packed.split("\x1e", 2)
    return _Reading(tuple(folded.split("\x1f")) if folded else (), tuple(written.split("\x1f")) if written else (),
                    tuple(punctuation), ())


# -- the score ---------------------------------------------------------------------------


def _edits(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Word edits from ``a`` to ``b``: insertions and deletions 1, a replacement 1 − character similarity."""
    cost = 0.0
    for op in Levenshtein.editops(a, b):
        if op.tag == "replace":
            x, y = a[op.src_pos], b[op.dest_pos]
            similar = 0.0 if x.startswith(_MARK) or y.startswith(_MARK) or min(len(x), len(y)) < 3 else ratio(x, y) / 100
            cost += 1.0 if similar < 0.6 else 1.0 - similar
        else:
            cost += 1.0
    return cost


def similarity(new: _Reading, old: _Reading, failures: int = 0) -> float:
    """The score before rounding (see the module's docstring); ``failures`` values not carried over."""
    longest = max(len(new.folded), len(old.folded))
    if longest == 0:
        return 100.0 if new.punctuation == old.punctuation else 0.0
    edits = _edits(new.folded, old.folded) + failures
    score = 100.0 * (1.0 - edits / longest)
    if new.folded == old.folded:
        score -= sum(1 for x, y in zip(new.written, old.written) if x != y)
    score -= Levenshtein.distance(new.punctuation, old.punctuation)
    return max(score, 0.0)


def score(source: str, tm_source: str, language: str) -> int:
    """The percentage a TM source scores for ``source``, values normalised and assumed carried over."""
    return _percent(similarity(read_source(source, language), read_source(tm_source, language)), source == tm_source)


def _percent(value: float, identical: bool) -> int:
    if identical:
        return 100
    return min(99, int(value + 1e-9))


# -- carrying values over into the target -------------------------------------------------


@lru_cache(maxsize=4096)
def _date_forms(month: int, day: int, language: str) -> tuple[tuple[str, str], ...]:
    """(style, written) for a day of a month in ``language``, by CLDR's day-and-month patterns, wide
    names first; French writes the first of a month "1er mai"."""
    try:
        locale = locale_for(language)
    except Exception:  # noqa: BLE001
        return ()
    moment = date(_LEAP_YEAR, month, day)
    forms = []
    for skeleton in ("MMMMd", "MMMd", "Md"):
        try:
            written = format_skeleton(skeleton, moment, locale=locale)
        except Exception:  # noqa: BLE001 - a locale without the skeleton
            continue
        if primary(language) == "fr" and day == 1 and skeleton != "Md":
            forms.append((skeleton + "-er", written.replace("1", "1er", 1)))
        forms.append((skeleton, written))
    return tuple(forms)


def _date_in(style: str, month: int, day: int, language: str) -> str:
    forms = dict(_date_forms(month, day, language))
    return forms.get(style + "-er") or forms.get(style) or forms.get(style.removesuffix("-er"), "")


def _flexible(form: str) -> str:
    """A pattern for a written form where any run of spaces may be any space (CLDR uses no-break ones)."""
    parts = _SPACES.split(form)
    body = r"[\s\u00a0\u202f]*".join(re.escape(p) for p in parts)
    # a form is not part of a longer number or word; CJK text has letters right beside it (于5月3日)
    before = r"(?<!\d)" if form[:1].isdigit() else r"(?<![\p{L}\d])"
    return rf"{before}{body}(?!\d)"


@lru_cache(maxsize=4096)  # (CLDR's formatting was a tenth of a lookup; 16,384 held 3 MB of a prefetching worker)
def _number_forms(value: Decimal, text: str, language: str) -> tuple[tuple[str, str], ...]:
    """(style, written) for a number: as the source wrote it, bare digits, the target's CLDR format."""
    forms = [("source", text), ("plain", _plain(value))]
    try:
        forms.append(("cldr", format_decimal(value, locale=locale_for(language))))
    except Exception:  # noqa: BLE001
        pass
    return tuple(forms)


_SCALE = re.compile(r"\s+(million|billion)\b", re.IGNORECASE)
# Chinese and Japanese count large numbers in ten thousands (万) and hundred millions (亿, 億): "34.6 million
# yuan" is 3460万元, "79.3 billion" 793亿
_MYRIADS = {"zh": {"million": (100, "万"), "billion": (10, "亿")},
            "ja": {"million": (100, "万"), "billion": (10, "億")}}


def _scaled(value: Value, language: str) -> str:
    factor, unit = _MYRIADS[primary(language)][value.scale]
    return format((value.key * factor).normalize(), "f") + unit


def _scaled_forms(old: Value, new: Value, language: str) -> tuple[tuple[str, str], ...]:
    """The old number as a Chinese or Japanese target writes a million or a billion (7590万 for "75.9
    million"), when the new number has the same scale word; nothing otherwise."""
    if old.scale is None or old.scale != new.scale or primary(language) not in _MYRIADS:
        return ()
    return (("scaled", _scaled(old, language)),)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text


def _render(value: Value, style: str, language: str) -> str:
    if value.kind == NUMBER:
        if style == "plain":
            return _plain(value.key)
        if style == "cldr":
            return format_decimal(value.key, locale=locale_for(language))
        return value.text
    return value.text


@lru_cache(maxsize=1024)  # (16,384 held 5 MB of a prefetching worker, asked again as often)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _find(target: str, pattern: str, used: list[tuple[int, int]]) -> tuple[int, int] | None:
    for match in _compiled(pattern).finditer(target):
        if all(match.end() <= s or match.start() >= e for s, e in used):
            return match.span()
    return None


def _find_number(target: str, form: str, used: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A number written without spaces, not part of a longer number (the pattern's rule, without a pattern:
    numbers differ from sentence to sentence, and compiling one each time cost more than the rest)."""
    start = target.find(form)
    while start >= 0:
        end = start + len(form)
        before = target[start - 1] if start else ""
        after = target[end:end + 2]
        longer = before.isdigit() or before in (".", ",") or after[:1].isdigit() or (
            after[:1] in (".", ",") and after[1:2].isdigit())
        if not longer and all(end <= s or start >= e for s, e in used):
            return start, end
        start = target.find(form, start + 1)
    return None


def carry_over(new_values: Iterable[Value], old_values: Iterable[Value], target: str, language: str
               ) -> tuple[list[tuple[tuple[int, int], str]], list[str], list[str]]:
    """Replacements in the TM target for the values that differ: ((start, end), new text) each, the
    substitutions made as ``old → new``, and the values that could not be carried over."""
    replacements: list[tuple[tuple[int, int], str]] = []
    done: list[str] = []
    failed: list[str] = []
    used: list[tuple[int, int]] = []
    for kind in (CODE, DATE, NUMBER):
        new = [v for v in new_values if v.kind == kind]
        old = [v for v in old_values if v.kind == kind]
        for index in range(max(len(new), len(old))):
            if index >= len(new) or index >= len(old):
                continue  # a value only one side has is a word edit, already counted in the score
            a, b = new[index], old[index]
            found = None
            if kind == DATE:
                for style, form in _date_forms(*b.key, language):
                    span = _find(target, _flexible(form), used)
                    if span:
                        found = (span, _date_in(style, *a.key, language))
                        break
            elif kind == NUMBER:
                # "2.1 billion" for "4.8 million": the target's word for billions would stay beside the new
                # number, a thousand times off; the number is left to the translator
                forms = () if a.scale != b.scale else _scaled_forms(b, a, language) + _number_forms(b.key, b.text,
                                                                                                    language)
                for style, form in forms:
                    span = (_find_number(target, form, used) if not _SPACES.search(form) else
                            _find(target, rf"(?<![\d.,]){_flexible(form)}(?![.,]?\d)", used))
                    if span:
                        found = (span, _scaled(a, language) if style == "scaled" else _render(a, style, language))
                        break
            else:
                span = _find(target, re.escape(b.text), used)
                if span:
                    found = (span, a.text)
            if found is None:
                if a.key != b.key:
                    failed.append(f"{b.text} → {a.text}")
                continue
            used.append(found[0])
            if a.key != b.key:
                replacements.append(found)
                done.append(f"{b.text} → {a.text}")
    return replacements, done, failed


def _apply(target: str, replacements: list[tuple[tuple[int, int], str]]) -> str:
    for (start, end), text in sorted(replacements, reverse=True):
        target = target[:start] + text + target[end:]
    return target


def _word_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Where each word of ``read_source(text).folded`` is in ``text`` (a normalised value is one word)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for value in (*source_values(text, language), None):
        end = value.span[0] if value else len(text)
        spans.extend(m.span() for m in _WORD.finditer(text, position, end))
        if value:
            spans.append(value.span)
            position = value.span[1]
    return spans


def _words_of(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    inside = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)


def _in_place(old_words: tuple[int, int], new_words: tuple[int, int], old: _Reading, new: _Reading) -> bool:
    """The word alignment of the two sources replaces (some of) the old term's words by the new term's:
    the new term stands where the old one stood, not elsewhere in the sentence. Where a replaced run has as
    many words on both sides, its words align one to one: "Yang Jiegang, Chengdu" → "Yuan Linfeng, Changzhou"
    puts Changzhou in Chengdu's place, not in the name's."""
    for op in Levenshtein.opcodes(old.folded, new.folded):
        if op.tag == "replace" and op.src_start < old_words[1] and op.src_end > old_words[0] \
                and op.dest_start < new_words[1] and op.dest_end > new_words[0]:
            if op.src_end - op.src_start != op.dest_end - op.dest_start:
                return True
            shift = op.dest_start - op.src_start  # word for word
            if old_words[0] + shift < new_words[1] and old_words[1] + shift > new_words[0]:
                return True
    return False


def _terms(source: str, tm_source: str, target: str, source_language: str, target_language: str,
           terminology: "Terminology", used: list[tuple[int, int]]
           ) -> tuple[list[tuple[tuple[int, int], str]], list[str], list[str]]:
    """Glossary concepts the new source has where the TM source had others: the TM target's approved
    rendering of the old one is replaced by the new one's preferred rendering, in the old one's form
    (``inflect``), only where the alignment of the two sources puts the new term in the old term's place."""
    new_hits = terminology.find(source, source_language)
    old_hits = terminology.find(tm_source, source_language)
    new_ids = [h.concept.id for h in new_hits]
    old_ids = [h.concept.id for h in old_hits]
    only_new = [h for h in new_hits if h.concept.id not in old_ids]
    only_old = [h for h in old_hits if h.concept.id not in new_ids]
    replacements, done, failed = [], [], []
    if not (only_new and only_old):
        return replacements, done, failed
    new_reading, old_reading = read_source(source, source_language), read_source(tm_source, source_language)
    new_spans, old_spans = _word_spans(source, source_language), _word_spans(tm_source, source_language)
    for old in only_old:
        old_words = _words_of(old_spans, old.start, old.end)
        new = next((h for h in only_new
                    if _in_place(old_words, _words_of(new_spans, h.start, h.end), old_reading, new_reading)), None)
        if new is None:
            if len(only_old) == len(only_new) == 1:  # one change each, but not in one place: say so
                failed.append(f"{old.term.text} → {only_new[0].term.text}")
            continue
        only_new.remove(new)
        label = f"{old.term.text} → {new.term.text}"
        wanted = terminology.preferred(new.concept, target_language)
        renderings = terminology.renderings(old.concept, target_language)
        hit = terminology.contains(target, target_language, renderings)
        if wanted is None or hit is None or any(not (hit.end <= s or hit.start >= e) for s, e in used):
            failed.append(label)
            continue
        text = inflect(wanted.text, target[hit.start:hit.end], [r.text for r in renderings], target_language,
                       before=target[:hit.start])
        if text is None:  # the TM target has the old term in a form we cannot give the new one
            failed.append(label)
            continue
        replacements.append(((hit.start, hit.end), text))
        used.append((hit.start, hit.end))
        done.append(f"{target[hit.start:hit.end]} → {text}")
    return replacements, done, failed


# -- a term in the form the TM target has the old one in ------------------------------------


def inflect(rendering: str, found: str, bases: list[str], language: str, before: str = "") -> str | None:
    """``rendering`` in the form ``found`` (the TM target's words for the old term) has: as it is where
    ``found`` is one of the old term's ``bases`` (its glossary forms); for Russian, its head noun (and
    the adjectives before it) put in ``found``'s case and number with pymorphy3 ("на церемонии открытия"
    → "на совещании по ходу реализации проектов"; a form that may be several cases is read as the
    preposition ending ``before`` governs it); None where the form cannot be given (another inflected
    language, a form pymorphy3 cannot read)."""
    if any(found.casefold() == base.casefold() for base in bases):
        return rendering
    if primary(language) != "ru":
        return None
    from workbench.glossary.normalise import _morph

    morph = _morph()
    if morph is None:
        return None
    preceding = _WORD.findall(before[-40:])
    governed = _GOVERNS.get(preceding[-1].casefold(), frozenset()) if preceding else frozenset()
    grammemes = next((g for base in bases if (g := _case_number(found, base, morph, governed))), None)
    if grammemes is None:
        return None
    words = rendering.split(" ")
    parses = [morph.parse(word)[0] for word in words]
    head = next((i for i, word in enumerate(words) if _nominative_noun(word, morph)), None)
    if head is None:
        return None
    parses[head] = _nominative_noun(words[head], morph)
    for i in range(head + 1):
        if i < head and not ({"ADJF", "PRTF"} & set(parses[i].tag.grammemes)):
            continue
        form = parses[i].inflect(grammemes) or parses[i].inflect({next(iter(grammemes & _CASES))})
        if form is None:
            return None
        words[i] = form.word.capitalize() if words[i][:1].isupper() else form.word
    return " ".join(words)


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"})
# the cases a Russian preposition governs: "на церемонии" is locative, not genitive, though the form is both
_GOVERNS = {word: frozenset(cases) for words, cases in [
    (("в", "во", "на"), ("accs", "loct", "loc2")), (("о", "об", "обо", "при"), ("loct",)),
    (("к", "ко", "по", "благодаря", "согласно"), ("datv",)), (("с", "со"), ("ablt", "gent")),
    (("за", "под", "подо"), ("accs", "ablt")), (("над", "перед", "между"), ("ablt",)),
    (("из", "от", "до", "у", "для", "без", "около", "после", "вокруг", "кроме", "среди"), ("gent",)),
] for word in words}


def _nominative_noun(word: str, morph):
    return next((p for p in morph.parse(word) if "NOUN" in p.tag and "nomn" in p.tag), None)


def _case_number(found: str, base: str, morph, governed: frozenset[str]) -> frozenset[str] | None:
    """The case and number of ``found``'s head noun, read as a form of ``base``'s head noun (a case the
    preceding preposition governs first, else pymorphy3's likeliest reading)."""
    found_words, base_words = found.split(), base.split()
    if len(found_words) != len(base_words):
        return None
    for word, base_word in zip(found_words, base_words):
        base_parse = _nominative_noun(base_word, morph)
        if base_parse is None:
            continue
        readings = [p for p in morph.parse(word) if p.normal_form == base_parse.normal_form and "NOUN" in p.tag]
        readings.sort(key=lambda p: p.tag.case not in governed)  # stable: pymorphy3's order otherwise
        if not readings:
            return None
        return frozenset({readings[0].tag.case, readings[0].tag.number} - {None})
    return None


def match_unit(source: str, unit: "Unit", terminology: "Terminology | None" = None) -> Match:
    """The Match a TM unit makes for ``source``: its score and its target with the new values put in."""
    return _match(source, unit, terminology, _values_carried(source, unit))


def _values_carried(source: str, unit: "Unit") -> tuple[list, list[str], list[str]]:
    """``carry_over`` for a unit: the replacements of its values, those made, those that could not be."""
    language = unit.source_language
    return carry_over(read_source(source, language).values, read_source(unit.source, language).values, unit.target,
                      unit.target_language)


def _match(source: str, unit: "Unit", terminology: "Terminology | None", carried: tuple) -> Match:
    language = unit.source_language
    new, old = read_source(source, language), read_source(unit.source, language)
    replacements, done, failed = (list(part) for part in carried)
    if terminology is not None and source != unit.source:
        used = [span for span, _ in replacements]
        more, more_done, more_failed = _terms(source, unit.source, unit.target, language, unit.target_language,
                                              terminology, used)
        replacements += more
        done += more_done
        failed += more_failed
    value = similarity(new, old, failures=len(failed))
    return Match(unit, _percent(value, source == unit.source), _apply(unit.target, replacements), done, failed)


def _upper_bound(new: _Reading, old: _Reading) -> float:
    """The best score two sources of these lengths can reach (the edits include the length difference)."""
    longest = max(len(new.folded), len(old.folded))
    if longest == 0:
        return 100.0
    return 100.0 * (1.0 - abs(len(new.folded) - len(old.folded)) / longest)


# the bounds of (source, candidate source, language) met lately: the same sentence is looked up in every
# language against mostly the same candidates (-N: not scored, its lengths allow at most N, below the
# threshold it was asked with)
_BOUNDS: dict[tuple[str, str, str], int] = {}
_BOUNDS_KEPT = 10_000  # (see ``memory._KEPT``; 50,000 held 14 MB of a prefetching worker, the same CPU)


def best_match(memory, source: str, target_language: str, terminology: "Terminology | None" = None,
               threshold: float = DEFAULT_THRESHOLD, context: str | None = None, exclude=None,
               limit: int = CANDIDATES) -> Match | None:
    """The best unit of ``memory`` for ``source`` in ``target_language`` scoring at least ``threshold``,
    else None. Ties go to the unit with the same msgctxt, then the newest, then the first by origin and
    reference, so the answer does not depend on the memory's order. ``exclude(unit)`` drops a unit (an
    entry's own translation, for the analysis).

    The score with every value assumed carried over is an upper bound of the real one (a value that cannot
    be carried over only lowers it): candidates are scored that way first, and the suggestion is made only
    for those whose bound can still reach the best score found.
    """
    read = getattr(memory, "reading", read_source)  # the project's memory stores its sources read
    # each candidate source's bound, from its reading alone; its units are asked for only when it can win
    groups: dict[int, list] = {}
    if len(_BOUNDS) > _BOUNDS_KEPT:
        _BOUNDS.clear()
    for candidate in memory.candidate_sources(source, target_language, limit):
        key = (source, candidate.source, candidate.language)
        bound = _BOUNDS.get(key)
        if bound is None or -bound >= threshold:  # not known, or only its length's bound, high enough now
            new, old = read_source(source, candidate.language), read(candidate.source, candidate.language)
            most = _upper_bound(new, old)
            bound = _BOUNDS[key] = (_percent(similarity(new, old), source == candidate.source)
                                    if most >= threshold else -math.ceil(most))
        if bound >= threshold:
            groups.setdefault(bound, []).append(candidate)

    def preferred(score: int, unit: "Unit") -> tuple:
        return (-score, unit.context != context, unit.date is None, _negated(unit.date), unit.origin, unit.reference)

    # in the order of the best each can reach, then of the tie-break: once a match is found, a unit that
    # could at best tie it and comes after it in the tie-break cannot win (templated sentences make dozens
    # of candidates with one bound: the suggestion is made for the first few only, and the units of the
    # sources whose bound is below the best found are never read)
    found: list[Match] = []
    leading = None  # the best found's place in that order
    seen: set[tuple[str, str, str | None]] = set()
    for bound in sorted(groups, reverse=True):
        if leading is not None and -bound > leading[0]:
            break
        units = []
        for unit in _without(memory, memory.units_for([c.key for c in groups[bound]], target_language), exclude):
            if (unit.source, unit.target, unit.context) not in seen:
                seen.add((unit.source, unit.target, unit.context))
                units.append(unit)
        units.sort(key=lambda unit: preferred(bound, unit))
        for unit in units:
            if leading is not None and preferred(bound, unit) > leading:
                break
            # the values first (cheap): one the target does not show cannot be carried over and costs a word,
            # so the unit may no longer be able to win (Chinese writes "34.6 million" 3460万: every candidate
            # fails it alike); the glossary terms, which can only lower the score further, only for one that can
            carried = _values_carried(source, unit)
            if carried[2]:
                reachable = _percent(similarity(read_source(source, unit.source_language),
                                                read(unit.source, unit.source_language), failures=len(carried[2])),
                                     source == unit.source)
                if reachable < threshold or (leading is not None and preferred(reachable, unit) > leading):
                    continue
            match = _match(source, unit, terminology, carried)
            if match.score >= threshold:
                found.append(match)
                place = preferred(match.score, match.unit)
                leading = place if leading is None else min(leading, place)
    return min(found, key=lambda m: (*preferred(m.score, m.unit), m.suggestion), default=None)


def _without(memory, units: list, exclude) -> Iterable:
    """The units but the excluded ones; where one is excluded, the other units of the same source stand in
    (the memory gives one candidate per source, target and context: the newest might be the excluded one)."""
    if exclude is None:
        yield from units
        return
    for unit in units:
        if not exclude(unit):
            yield unit
            continue
        for other in memory.exact(unit.source, unit.target_language):
            if not exclude(other) and other not in units:
                yield other


@lru_cache(maxsize=4096)  # (a batch's units share a few dates; the sort asks thousands of times)
def _negated(value: str | None) -> tuple:
    """Newest first in an ascending sort: ISO dates compared by their characters, reversed."""
    return tuple(-ord(c) for c in (value or ""))


# a hyphenated compound is one word to a translator's count ("Expo-Auto", "e-commerce"), as CAT tools count
_COUNTED = re.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")


def word_count(text: str, language: str = "en") -> int:
    """Words as translators count them (the project's one count: ``tm analyse`` and ``workbench stats``):
    CJK by characters, a hyphenated compound one word, a number one word, a date its words ("August 29":
    two), placeholders and tags none."""
    count = position = 0
    for value in (*source_values(text, language), None):
        end = value.span[0] if value else len(text)
        count += len(_COUNTED.findall(text, position, end))
        if value:
            count += 1 if value.kind == NUMBER else len(_WORD.findall(value.text)) if value.kind == DATE else 0
            position = value.span[1]
    return count
