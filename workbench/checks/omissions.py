"""Omissions: a clause of the source left out of the translation (issue 15 item 2).

``omission`` (catalogue scope) reads one language's translations together, because what is "too
short" depends on the language and on the catalogue's translators:

1. **Length ratio, calibrated.** For every translated, non-fuzzy, singular entry whose source has at
   least ``MIN_WORDS`` words, x = log(target letters / source letters): letters and digits on both
   sides, code (placeholders, tags, URLs) left out. Characters, not words, for every language: on the
   precision benchmark's catalogues (Django, Wagtail, Sphinx) the spread (MAD) of the character ratio
   is as small as or smaller than the word ratio's in 12 of 14 languages (fr 0.098 against 0.113, ru
   0.103 against 0.128, pl 0.111 against 0.118; ar and hi slightly larger), and characters need no
   word segmentation for Chinese and Japanese, whose word ratio scatters (MAD 0.5-0.6). The bar is
   robust: the median and the MAD of x over the language's own entries (a few bad entries move neither),
   z = (x - median) / (1.4826 MAD). With fewer than ``MIN_CALIBRATION`` such entries (a project of a few
   articles) the spread is a built-in prior per language (``PRIORS``, measured on the benchmark; per
   script for the others), and with fewer than ``MIN_MEDIAN`` the median too; the message says which.
   The project's own median matters: its Chinese news translations are terser than Chinese UI text
   (z -1.2 on average against the UI prior), so the prior alone would put them near the bar.
2. **Far below, and something is missing.** A short translation is reported only with evidence of
   what was left out, from what the source has and the translation lacks. Below z ``Z_STRONG`` (-2.5):
   a number (the ``numbers`` check's own comparison), a glossary term or name (``context.glossary``), a
   name (a capitalised word this language's translators keep as written elsewhere, ``kept_names``;
   only for Latin-script targets: Russian or Chinese may spell it in their own script), a quoted span
   (the translation has fewer quotes and lacks the text), a parenthesis (the translation has none), or
   one of two clauses joined by "and", "but", ";" (the translation's length fits the other alone, and
   it has none of its language's joiners: и, und, et, ，并 ...); below ``Z_CORROBORATED`` (-1.5) when that
   clause also holds the missing number, glossary term or name (two independent signs). Below z ``Z_BAR`` (-3.5): a sentence
   (the translation has fewer, and its length fits the others alone), and a clause by its length alone
   (info). Without evidence a short translation is a terse one, not an omission.

Measured on the precision benchmark (Django 5.2.19, Wagtail 8.0.1, Sphinx 9.0.4; each project a run;
``bench/precision/README.md``, "omission"): of the 64 entries of zh_Hans, ja, ru, fr, de and ar below
z -2.5, read one by one (``omission-candidates.tsv``), 10 leave something out: length alone would report
them at 16% precision (25% below -3.5: 3 real of 12). The check reports 1 of them (ar: a dropped second
sentence) and no false one; on the wheels' every language (about 100) it reports 16 entries, 14 real
(``omission-whole.tsv``). Recall is the price: "All %(objects)s pages on this screen selected" → "Les
%(objects)s pages sur cet écran" has no number, name, quote or clause to show what is missing.

Severity: warning; info when the only evidence is a clause's length (the weakest sign). Never an error.
What ``numbers`` and ``term-missing`` also report is resolved in ``checks.rootcause``: the omission
names the whole missing part and absorbs a warning about a piece of it; an error about a piece of it
(a missing number) absorbs the omission instead, so the run fails as before.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import regex as re

from workbench.checks.base import INFO, WARNING, CatalogueCheck, Context, Entry, Issue
from workbench.checks.registry import register
from workbench.checks.text import blank_code, protected_spans, script_of
from workbench.langs import primary

MIN_WORDS = 6  # source words: below, a UI label's translation varies too much for a ratio to mean anything
MIN_CALIBRATION = 30  # entries of the language needed to calibrate on its own translations (median and spread)
MIN_MEDIAN = 10  # entries needed to take the median on them (the spread is then the prior's)
Z_BAR = -3.5  # robust z below which a translation is far shorter than this language's usually are
Z_STRONG = -2.5  # the bar where the evidence names a missing piece (a number, a name, a quote, an unjoined clause)
Z_CORROBORATED = -1.5  # an unjoined clause the translation's length fits alone, and a piece of it missing: two signs
MAX_BOUNDARIES = 12  # sentence and clause boundaries tried per entry (a long text costs no more than this)
FIT = 1.5  # a part the translation's length fits: within this many sigma of the language's median
NAME_SEEN, NAME_KEPT = 2, 0.8  # a name: in the sources of 2+ other entries, kept as written in 80% of them
MIN_SIGMA = 0.10  # a catalogue of near-identical entries must not make every small difference "far"
# Priors (median, sigma of log(target letters / source letters)) measured on the precision benchmark's
# catalogues (Django 5.2.19, Wagtail 8.0.1, Sphinx 9.0.4; sources of 6 words or more); sigma widened to
# at least 0.2, since another project's translators have another style.
PRIORS = {
    "zh": (-1.10, 0.30), "ja": (-0.50, 0.25), "ko": (-0.69, 0.23), "ru": (0.14, 0.20), "uk": (0.08, 0.20),
    "fr": (0.19, 0.20), "de": (0.23, 0.20), "es": (0.14, 0.20), "pt": (0.10, 0.20), "pl": (0.10, 0.20),
    "ar": (-0.19, 0.20), "hi": (-0.41, 0.20),
}
SCRIPT_PRIORS = {"latin": (0.15, 0.25), "cyrillic": (0.11, 0.25), "cjk": (-0.70, 0.35), "greek": (0.15, 0.25)}

_LETTER = re.compile(r"[\p{L}\p{N}]")
_NOT_LETTER = re.compile(r"[^\p{L}\p{N}]+")
# the ASCII characters _NOT_LETTER matches (all but A-Z, a-z, 0-9), for bytes.translate to delete
_ASCII_NOT_LETTER = bytes(code for code in range(128) if _NOT_LETTER.match(chr(code)))
_WORD = re.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’-]*")
# MIN_WORDS words of _WORD from the start: the gaps before them skipped possessively, so each word is the one
# _WORD.finditer would find next (a gap stops at a word's first character, a word runs as far as _WORD does)
_MIN_WORDS = re.compile(r"(?:[^\p{L}\p{M}\p{N}]*+[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’-]*+){%d}" % MIN_WORDS)
# a clause boundary: ", and", " and", ", but", " but", ";" (the second clause keeps its conjunction)
_CLAUSE = re.compile(r"\s*;\s+|,?\s+(?=(?:and|but)\s)", re.I)
# two sentences: an end mark after a word of two letters or more (not "e.g. Foo"), then a capital
_SENTENCE = re.compile(r"(?<=\p{L}{2}[.!?])\s+(?=[\p{Lu}\"“‘(])")
_SENTENCE_END = re.compile(r"[。！？]|[.!?؟।։۔።](?=[\s\"”’»」)]|$)")
_CJK_SENTENCE = re.compile(r"[。！？，；]|[.!?](?=\s|$)")
_ENDS = re.compile(r"[.!?。！？؟।։۔።…][\s\"”’»」)]*$")
_DIGITS = re.compile(r"\d+")
# quoted spans of the source: "…", “…”, ‘…’, and '…' standing apart from words (not an apostrophe)
_SOURCE_QUOTE = re.compile(r"\"([^\"\n]+)\"|“([^”\n]+)”|‘([^’\n]+)’|(?<!\w)'([^'\n]+)'(?!\w)")
_TARGET_QUOTE = re.compile(r"\"[^\"\n]+\"|“[^”\n]+”|„[^“”\n]+[“”]|«[^»\n]+»|»[^«\n]+«|‹[^›\n]+›|「[^」\n]+」"
                           r"|『[^』\n]+』|‘[^’\n]+’|‚[^‘’\n]+[‘’]|(?<!\w)'[^'\n]+'(?!\w)|《[^》\n]+》")
_PARENTHESIS = re.compile(r"\(([^()\n]*\p{L}[^()\n]*)\)")
_TARGET_BRACKET = re.compile(r"[(（\[【]")
# what joins two clauses in the target's language: a translation with none of them has kept one clause
_JOINERS = {
    "zh": r"[，,；;、和并且而但及与同还又]", "ja": r"[、，,；;]|そして|および|及び|また|が|て",
    "ru": r"\b(?:и|а|но|также|однако|причём|затем|потом)\b|[;,]", "uk": r"\b(?:і|й|та|а|але|також|однак)\b|[;,]",
    "de": r"\b(?:und|sowie|aber|doch|jedoch|sondern|dann)\b|[;,]", "fr": r"\b(?:et|mais|ainsi|puis|ensuite)\b|[;,]",
    "es": r"\b(?:y|e|pero|sino|luego)\b|[;,]", "pt": r"\b(?:e|mas|depois)\b|[;,]", "pl": r"\b(?:i|oraz|a|ale|lecz)\b|[;,]",
}
_JOINERS = {code: re.compile(pattern, re.I) for code, pattern in _JOINERS.items()}
_NAME_WORDS = re.compile(r"[ -]")
# a capitalised run: words starting with a capital (CamelCase and acronyms included)
_NAME = re.compile(r"(?<![\p{L}\p{N}_.-])\p{Lu}[\p{L}\p{N}]*(?:[ -]\p{Lu}[\p{L}\p{N}]*)*")
# capitalised English words that are no names: translated like any other word
_NOT_NAMES = frozenset("""i ok okay monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december english""".split())


def letters(text: str) -> int:
    """The length the ratio is taken on: letters and digits, code left out."""
    text = blank_code(text)
    if text.isascii():  # most sources: deleting bytes in C is ten times faster than the regex
        return len(text.encode("ascii").translate(None, _ASCII_NOT_LETTER))
    return len(_NOT_LETTER.sub("", text))  # one string, not a list of one-letter strings


def judged(entry: Entry) -> bool:
    """Long enough, translated and reviewed: an entry the ratio means something for."""
    message = entry.message
    if not message.msgstr or message.fuzzy or message.plural:
        return False
    return _long_enough(message.msgid)


@lru_cache(maxsize=4096)  # a source recurs in its catalogue's other languages
def _long_enough(source: str) -> bool:
    """Whether ``source`` has ``MIN_WORDS`` words, code left out."""
    # MIN_WORDS words take a letter each and one character between each two (a word runs as far as it can), and
    # blanking code keeps the length: a shorter source (half of Django's) has fewer
    if len(source) < 2 * MIN_WORDS - 1:
        return False
    # counted up to MIN_WORDS only: most sources of a long catalogue are long sentences
    return _MIN_WORDS.match(blank_code(source)) is not None


def log_ratio(source: str, target: str) -> float | None:
    return _ratio(letters(source), letters(target))


def _ratio(source_letters: int, target_letters: int) -> float | None:
    if not source_letters:
        return None
    return math.log(max(target_letters, 0.5) / source_letters)  # an empty translation is far, not infinite


@dataclass
class Calibration:
    median: float
    sigma: float
    entries: int  # how many of the language's entries the median was taken on (0: the built-in prior's)
    language: str
    measured_sigma: bool = False  # the spread measured on the entries too (else the prior's)

    @classmethod
    def of(cls, ratios: list[float], language: str) -> "Calibration":
        prior_median, prior_sigma = (PRIORS.get(primary(language))
                                     or SCRIPT_PRIORS.get(script_of(language), (0.0, 0.35)))
        if len(ratios) < MIN_MEDIAN:
            return cls(prior_median, prior_sigma, 0, language)
        median = statistics.median(ratios)
        if len(ratios) < MIN_CALIBRATION:
            # a median is robust on a dozen entries, a spread is not: a project's own register (Chinese news is
            # terser than Chinese UI text) with the prior's spread
            return cls(median, prior_sigma, len(ratios), language)
        mad = statistics.median(abs(x - median) for x in ratios)
        return cls(median, max(1.4826 * mad, MIN_SIGMA), len(ratios), language, measured_sigma=True)

    def z(self, ratio: float) -> float:
        return (ratio - self.median) / self.sigma

    def share(self, ratio: float) -> float:
        """The translation's length as a share of what this language's translations usually have."""
        return math.exp(ratio - self.median)

    def basis(self) -> str:
        if self.measured_sigma:
            return f"calibrated on {self.entries} entries of this language"
        if self.entries:
            return (f"the median of {self.entries} entries of this language, the spread a built-in prior for "
                    f"{self.language}: too few long entries to measure it")
        return f"a built-in prior for {self.language}: too few long entries to calibrate on"


@dataclass
class Gap:
    """A part of the source the translation seems to lack."""

    what: str  # "the number 12", "the clause 'and signed 12 agreements'"
    span: tuple[int, int]  # in the source
    strong: bool  # a warning; else (a clause by its length alone) info
    bar: float = Z_STRONG  # how far below the language's median the translation must be for this to count


def _present(piece: str, target: str) -> bool:
    return piece.casefold() in target.casefold()


def _sentence_start(source: str, start: int) -> bool:
    """Whether ``start`` begins a sentence (after opening quotes or brackets); looks back a few characters
    only, so a long text with many capitals costs no more than a short one."""
    i = start
    while i > 0 and source[i - 1] in "\"“‘'([":
        i -= 1
    if i == 0 or source[i - 1] == "\n":
        return True
    j = i
    while j > 0 and source[j - 1] in " \t\u00a0":
        j -= 1
    return j < i and j > 0 and source[j - 1] in ".!?:"


def _source_names(source: str) -> list[tuple[re.Match, list[str]]]:
    """The capitalised runs of ``source`` that may be names, with their words: not a sentence's first word
    (unless an acronym), not a one-letter word, not inside quotes (a quoted label, "Choose", is translated
    like the text around it: the quotes' evidence)."""
    unquoted = _SOURCE_QUOTE.sub(lambda m: " " * len(m.group()), source)  # offsets kept
    runs = []
    for match in _NAME.finditer(unquoted):
        words = [w for w in _NAME_WORDS.split(match.group()) if len(w) > 1 and w.casefold() not in _NOT_NAMES]
        if _sentence_start(source, match.start()) and not (len(words) > 1 or (words and words[0].isupper())):
            continue
        if words:
            runs.append((match, words))
    return runs


def entry_names(entry: Entry) -> tuple[tuple[str, bool], ...]:
    """The capitalised words of the entry's source, each with whether its translation has it as written
    (what ``kept_names`` counts); none for an entry without a reviewed translation."""
    if not entry.has_translation or entry.message.fuzzy:
        return ()
    words = _source_words(entry.source)
    if not words:
        return ()
    target = entry.target.casefold()
    return tuple((word, word.casefold() in target) for word in words)


@lru_cache(maxsize=4096)  # a source recurs in its catalogue's other languages
def _source_words(source: str) -> tuple[str, ...]:
    """The words of ``_source_names``, sorted, each once."""
    return tuple(sorted({w for _, words in _source_names(source) for w in words}))


def _latin(context: Context) -> bool:
    return script_of(context.language) == "latin"


def kept_names(names: Iterable[tuple[tuple[str, bool], ...]]) -> dict[str, list[int]]:
    """For each capitalised word of the sources: [entries whose source has it, entries whose translation
    has it as written], from each entry's ``entry_names``. A word this language's translators keep (Django,
    URL, Embedly) is a name; one they translate (the buttons Go and Save, True/False/None, Web) is not."""
    counts: dict[str, list[int]] = {}
    for entry_words in names:
        for word, kept in entry_words:
            seen = counts.setdefault(word, [0, 0])
            seen[0] += 1
            seen[1] += kept
    return counts


def _names(source: str, target: str, context: Context, kept: dict[str, list[int]]) -> list[Gap]:
    """Capitalised runs of the source of which no word is in the translation, where this language's other
    translations keep at least one of them as written (``NAME_KEPT`` of at least ``NAME_SEEN`` others).
    Only where the target is written in Latin letters: a Russian or Chinese translation may spell a name
    in its own script, which this cannot tell from a loss (the glossary can)."""
    if script_of(context.language) != "latin":
        return []
    gaps = []
    for match, words in _source_names(source):
        if any(_present(word, target) for word in words):
            continue
        # the counts include this entry (seen, not kept)
        if any(kept.get(w, [0, 0])[0] - 1 >= NAME_SEEN and kept[w][1] >= NAME_KEPT * (kept[w][0] - 1) for w in words):
            gaps.append(Gap(f"the name {match.group()!r}", match.span(), True))
    return gaps


def _quotes(source: str, target: str) -> list[Gap]:
    """Quoted spans of the source, when the translation has fewer quoted spans and lacks their text."""
    quoted = [m for m in _SOURCE_QUOTE.finditer(source) if _LETTER.search(blank_code(m.group()))]
    if not quoted or len(_TARGET_QUOTE.findall(target)) >= len(quoted):
        return []
    return [Gap(f"the quoted {m.group()!r}", m.span(), True) for m in quoted if not _present(m.group()[1:-1], target)]


def _parentheses(source: str, target: str) -> list[Gap]:
    if _TARGET_BRACKET.search(target):
        return []
    return [Gap(f"the parenthesis {m.group()!r}", m.span(), True) for m in _PARENTHESIS.finditer(source)
            if _LETTER.search(blank_code(m.group(1))) and not _present(m.group(1), target)]


def _terms(source: str, target: str, context: Context) -> list[Gap]:
    glossary = context.glossary
    if glossary is None:
        return []
    gaps = []
    for hit in glossary.find(source, context.source_language):
        renderings = glossary.renderings(hit.concept, context.language)
        if renderings and not glossary.contains(target, context.language, renderings):
            gaps.append(Gap(f"the glossary term {source[hit.start:hit.end]!r}", (hit.start, hit.end), True))
    return gaps


def _numbers(entry: Entry, context: Context) -> list[Gap]:
    from workbench.checks.numbers import NumbersCheck  # the one comparison of numbers

    return [Gap(f"the number {issue.offending}", issue.span, True)
            for issue in NumbersCheck().check_entry(entry, context)
            if issue.in_source and issue.span and issue.severity != INFO]


def _sentences(text: str, language: str) -> int:
    """How many sentences ``text`` has; a Chinese or Japanese comma joins what English writes as two."""
    text = blank_code(text).strip()
    pattern = _CJK_SENTENCE if script_of(language) == "cjk" else _SENTENCE_END
    return len(pattern.findall(text)) + (not _ENDS.search(text))


def _verbatim(text: str) -> list[str]:
    """What a translation keeps as it is: code, numbers, capitalised Latin words."""
    spans = [text[a:b] for a, b in protected_spans(text)]
    return spans + _DIGITS.findall(text) + [m.group() for m in _NAME.finditer(blank_code(text)) if m.start()]


def _cues(kept: str, lost: str, target: str) -> int:
    """How much better the target's verbatim pieces agree with ``kept`` being its counterpart than ``lost``."""
    return (sum(_present(piece, target) for piece in _verbatim(kept))
            - sum(_present(piece, target) for piece in _verbatim(lost)))


@lru_cache(maxsize=4096)  # a source recurs in its article's other languages, judged one after the other
def _splits(source: str) -> tuple[tuple[str, tuple[int, int], tuple[int, int]], ...]:
    """Where ``source`` may be cut in two (a sentence boundary, then a clause boundary): (kind, the part kept,
    the part lost), each boundary both ways, parts of fewer than three words left out. The order is the one
    ``_part`` tries them in, which breaks its ties."""
    splits = []
    kinds = [(_SENTENCE, "sentence")]
    lowered = source.lower()
    # a clause boundary has ";", "and" or "but" (re.I takes no other character for one of their letters): three in
    # four long sources have none, and these tests cost far less than the regex tried at every character
    if ";" in source or "and" in lowered or "but" in lowered:
        kinds.append((_CLAUSE, "clause"))
    for pattern, kind in kinds:
        for boundary in list(pattern.finditer(source))[:MAX_BOUNDARIES]:
            parts = [(0, boundary.start()), (boundary.end(), len(source))]
            if any(len(_WORD.findall(blank_code(source[a:b]))) < 3 for a, b in parts):
                continue
            splits += [(kind, parts[0], parts[1]), (kind, parts[1], parts[0])]
    return tuple(splits)


def part_ratios(source: str, target: str) -> list[float | None]:
    """The log letter ratio of the translation to each part ``_splits`` keeps: all that ``_part`` asks of the
    calibration is how each of these fits it."""
    parts = _kept_letters(source)
    if not parts:
        return []  # most sources have no boundary: the target's letters are not needed
    target_letters = letters(target)
    return [_ratio(kept_letters, target_letters) for kept_letters in parts]


@lru_cache(maxsize=4096)  # as ``_splits``
def _kept_letters(source: str) -> tuple[int, ...]:
    """The ``letters`` of each part ``_splits`` keeps."""
    return tuple(letters(source[start:end]) for _, (start, end), _ in _splits(source))


def _part(source: str, target: str, calibration: Calibration, language: str) -> Gap | None:
    """A sentence, or one of two clauses (joined by "and", "but", ";"), whose counterpart the translation
    seems to lack: the translation's length fits the rest of the source alone (within ``FIT`` sigma).
    A sentence counts only when the translation has fewer sentences, and only far below (``Z_BAR``):
    translators merge two sentences into one (Django's Finnish "value must be in the format …" for
    "value has an invalid format. It must be in … format.": z -3.0 and -3.1, where the real losses of
    a sentence in the benchmark's 100 languages are at -3.8 to -7.0, all but one). A clause counts
    below ``Z_STRONG`` when the translation has none of its language's joiners (и, und, et, 并 …), else
    only far below and as info (translators merge and reorder clauses)."""
    best = None
    fewer_sentences = _sentences(target, language) < _sentences(source, "en")
    joiner = _JOINERS.get(primary(language))
    unjoined = joiner is not None and not joiner.search(blank_code(target))
    for (kind, kept, lost), ratio in zip(_splits(source), part_ratios(source, target)):
        if ratio is None:
            continue
        fit = abs(calibration.z(ratio))
        if fit > FIT:
            continue
        # the kept part's code, numbers and names in the translation say which part it is; else the
        # later part is the lost one (a translation cut short); then the closer fit
        rank = (-_cues(source[kept[0]:kept[1]], source[lost[0]:lost[1]], target), -lost[0], fit)
        if kind == "sentence" and not fewer_sentences:
            continue  # as many sentences as the source: every one has some counterpart
        if best is None or rank < best[0]:
            strong = kind == "sentence" or unjoined
            bar = Z_STRONG if kind == "clause" and unjoined else Z_BAR
            best = (rank, Gap(f"the {kind} {source[lost[0]:lost[1]].strip(' ,;')!r}", lost, strong, bar))
    return best[1] if best else None


def gaps(entry: Entry, calibration: Calibration, context: Context, kept: dict[str, list[int]]) -> list[Gap]:
    """What the source of ``entry`` has and its translation lacks, most specific first (``kept``: what
    ``kept_names`` counted on the language's entries)."""
    source, target = entry.source, entry.target
    found = (_numbers(entry, context) + _terms(source, target, context) + _names(source, target, context, kept)
             + _quotes(source, target) + _parentheses(source, target))
    clause = _part(source, target, calibration, context.language)
    if clause is not None:
        # a piece inside the missing clause is the clause's evidence: one finding names the clause
        inside = [g for g in found if clause.span[0] <= g.span[0] and g.span[1] <= clause.span[1]]
        if inside:
            # an unjoined clause whose length the translation lacks, and a number, term or name of that
            # clause missing too: two independent signs, so a milder shortfall is enough (a Chinese
            # translation, terse already, that drops "and plans a battery swap station in every district")
            bar = Z_CORROBORATED if clause.strong and clause.bar == Z_STRONG else Z_STRONG
            return [Gap(clause.what, clause.span, True, bar)] + [g for g in found if g not in inside]
        found.append(clause)
    return sorted(found, key=lambda g: (not g.strong, g.span))


@register
class Omission(CatalogueCheck):
    id = "omission"
    name = "Part of the source left out"
    description = (
        f"The translation is far shorter than this language's translations usually "
        f"are (letters of the translation / letters of the source, code left out, sources of {MIN_WORDS}+ words; robust "
        f"z against the median and MAD of the language's own entries, or a measured prior per language when fewer "
        f"than {MIN_CALIBRATION}) and the source has what the translation lacks: below z {Z_STRONG}, a number, a "
        f"glossary term or name, a name this language's translators keep as written elsewhere (Latin-script "
        f"targets), a quoted span, a parenthesis, or one of two clauses joined by and/but/; (the translation has "
        f"no joiner), or below z {Z_CORROBORATED} when such a clause also holds the missing number, term or name; "
        f"below z {Z_BAR}, a sentence (the translation has fewer) or a clause the translation's "
        f"length fits alone (info).")
    severity = WARNING

    def summarise(self, entry, context):
        """(the entry's log letter ratio, None when it is not judged; its capitalised words, each with whether the
        translation keeps it as written, for a Latin-script language; the ratios of its parts, ``part_ratios``, when
        it is judged): what the calibration, the names' counts and a file's view of them need of every entry, made
        in the per-file stage and kept by the entry. None when it has neither ratio nor names."""
        ratio = log_ratio(entry.source, entry.target) if judged(entry) else None
        names = entry_names(entry) if _latin(context) else ()
        if ratio is None:
            return (None, names, ()) if names else None
        return ratio, names, tuple(part_ratios(entry.source, entry.target))

    # Judged file by file: a catalogue's tally is its entries' ratios, the ratios of their parts and the names its
    # translations keep or not; the language's statistics are the calibration on every ratio and the names' counts.
    # Any edit of the language's translations moves the calibration a little, so a file's view of it is what its
    # findings read of it: for each entry below the bar, how far below (which of the bars), the share of the usual
    # length its message prints, and which of its parts the calibration fits, closest first. A file is read again
    # only when one of those moves. Packed, as a language's tallies are held together: the ratios as doubles (NaN
    # for a part without letters), the names in word order, and their counts (entries, kept as written) as 64-bit
    # integers.
    def tally(self, info, entries, context):
        facts = [found for found in (self.facts(entry, context) for entry in entries) if found is not None]
        judged_facts = [(ratio, parts) for ratio, _, parts in facts if ratio is not None]
        ratios = array("d", (ratio for ratio, _ in judged_facts)).tobytes()
        part_counts = bytes(len(parts) for _, parts in judged_facts)  # at most 4 * MAX_BOUNDARIES
        parts = array("d", (math.nan if part is None else part for _, entry_parts in judged_facts
                            for part in entry_parts)).tobytes()
        names = kept_names(entry_words for _, entry_words, _ in facts)
        words = tuple(sorted(names))
        return ratios, words, array("q", (count for word in words for count in names[word])).tobytes(), part_counts, parts

    def combine(self, tallies, files, context):
        """(the calibration on every ratio of the language, the names' counts, a digest of those counts)."""
        ratios = array("d")
        for tally in tallies:
            ratios.frombytes(tally[0])
        calibration = Calibration.of(ratios.tolist(), context.language)
        kept: dict[str, list[int]] = {}
        for _, words, packed, _, _ in tallies:
            numbers = array("q", packed)
            for word, seen, kept_as_written in zip(words, numbers[0::2], numbers[1::2]):
                counts = kept.setdefault(word, [0, 0])
                counts[0] += seen
                counts[1] += kept_as_written
        digest = hashlib.blake2b(repr(sorted(kept.items())).encode("utf-8", "surrogatepass"), digest_size=16).digest()
        return calibration, kept, digest

    def view(self, statistics, tally, file_number, context):
        calibration, _, digest = statistics
        ratios, _, _, part_counts, packed_parts = tally
        parts = array("d", packed_parts)
        below = []
        start = 0
        for number, (ratio, count) in enumerate(zip(array("d", ratios), part_counts)):
            z = calibration.z(ratio)
            if z < Z_CORROBORATED:
                fits = sorted((abs(calibration.z(part)), index) for index, part in enumerate(parts[start:start + count])
                              if not math.isnan(part))
                below.append((number, sum(z < bar for bar in (Z_CORROBORATED, Z_STRONG, Z_BAR)),
                              f"{calibration.share(ratio):.0%}", tuple(index for fit, index in fits if fit <= FIT)))
            start += count
        if not below:
            return None
        return calibration.basis(), tuple(below), digest

    def check_catalogue(self, info, entries, statistics, file_number, context, entry_of):
        calibration, kept, _ = statistics
        for entry in entries:
            ratio = (self.facts(entry, context) or (None,))[0]
            if ratio is None:
                continue
            z = calibration.z(ratio)
            if z >= Z_CORROBORATED:
                continue
            if z >= Z_STRONG:  # only an unjoined clause with a missing piece counts here: look for the clause first
                clause = _part(entry.source, entry.target, calibration, context.language)
                if clause is None or not clause.strong or clause.bar != Z_STRONG:
                    continue
            missing = [g for g in gaps(entry, calibration, context, kept) if z < g.bar]
            if not missing:
                continue
            first = missing[0]
            shown = "; ".join(g.what for g in missing[:3]) + (" …" if len(missing) > 3 else "")
            verb = "has" if len(missing) == 1 else "have"
            yield entry, info, Issue(
                f"{shown} {verb} no counterpart; the translation is {calibration.share(ratio):.0%} of the length "
                f"this language's translations usually have ({calibration.basis()})",
                offending=entry.source[first.span[0]:first.span[1]], span=first.span, in_source=True,
                severity=WARNING if first.strong else INFO)
