"""Consistency of recurring phrases and names that are not in the glossary, across articles (issue 15 item 1).

``inconsistent-phrase``: a phrase or name of the source that recurs in several entries (``electric
vehicles``, ``logistics hub``, ``Pan Guoqiang``), is not in the glossary, and is rendered one way by
most entries of a language and another way by this one (电动汽车 / 电动车, логистический центр /
логистический хаб, Messe / Ausstellung, Пань Гоцян / Пан Гоцян). Sentence-level
``inconsistent-translation`` cannot see it: the sentences differ, only the phrase recurs.

How a phrase's renderings are found (no dictionary, no aligner: statistics over the project's own
entries of one language, all its catalogues):

1. Phrases: the candidates ``glossary candidates`` proposes (``glossary.candidates``: word n-grams
   that recur, capitalised names), minus what the glossary covers (the glossary checks' job); a
   phrase counts if at least three translated entries of the language, from two different source
   sentences or more, contain it.
2. Target units: a translation is cut into words, each reduced to its lemma by the glossary
   matcher's normaliser (pymorphy3 for Russian, simplemma for German and French: ``логистического
   центра`` and ``логистический центр`` are one unit sequence), Chinese into characters. The
   candidate renderings of a phrase are the unit n-grams (1 to 4 units) of the targets of its
   entries, edged by content words.
3. Association: for each n-gram, the set of the phrase's entries whose target holds it. The
   majority rendering R1 is held by at least two entries and at least half of them; an entry
   holding the phrase but not R1 is looked at only if its target holds a rival R2 that no R1 entry
   holds and that R1 entries outnumber, and that is

   * a variant of R1: it shares a word (or, in Chinese, characters) with R1 or is spelt alike, and
     the words that differ are different words, not two forms of one (экономическое развитие /
     развитие экономики stays silent); for a name, only a spelling variant counts (Пань / Пан),
     never another title around the same name; or
   * a competing rendering: held by two entries of the phrase or more, so that nearly every entry
     holds R1 or R2 (Messe twice, Ausstellung twice).

   Both renderings must belong to the phrase: at least half of all the language's entries holding
   each also hold the phrase (a word used everywhere is no rendering).

A paraphrase or a pronoun (the translator wrote "он" instead of repeating the name) holds no rival
and stays silent; so does a tie (no majority to name). The finding names the majority rendering
and one entry that uses it. Cost: one pass over the sources (candidates, computed once for every
language with the same sources), the targets of the phrases' entries (at most ``_MAX_ENTRIES`` per
phrase), and one Aho-Corasick scan of the language's targets for the few renderings reported.
Japanese and Korean are not checked (no word segmenter here).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import ahocorasick
import regex as re
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from workbench.checks.base import WARNING, CatalogueCheck, Entry, Issue
from workbench.checks.registry import register
from workbench.checks.text import normalise_space
from workbench.glossary.candidates import find_candidates
from workbench.glossary.matcher import tokens
from workbench.glossary.normalise import normaliser_for
from workbench.langs import primary

_MAX_ENTRIES = 200  # entries of one phrase looked at (UI catalogues repeat "this field" hundreds of times)
_MAX_PHRASES = 5000  # best-scored candidates looked at
_MIN_ENTRIES = 3  # a majority of two against one at least
_LETTER = re.compile(r"\p{L}")
_DIGIT = re.compile(r"\d")
_HAN = re.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_CANDIDATES: dict[str, list] = {}  # one computation per source set: every language of a run shares its sources
# Words that begin or end no rendering (articles, prepositions, pronouns, auxiliaries), normalised as the
# units are; the rest is left to association: a word used everywhere belongs to no phrase.
_FUNCTION_WORDS = {
    "de": "der die das den dem des ein eine einer eines einem einen und oder in im ins an am auf aus bei mit "
          "nach von vom zu zum zur für über unter vor durch um als auch es er sie wir ihr sich nicht werden "
          "wird wurde sein ist sind war haben hat hatte dass wie so",
    "ru": "и в во на с со к ко по о об от до из за для у при а но что как это он она они мы вы его её их был "
          "была было были быть будет который также не же ли тот этот свой весь",
    "uk": "і й в у на з із до від за для по при а але що як це він вона вони ми ви його її їх був була було "
          "були бути буде який також не",
    "fr": "un une à au aux dans sur pour par avec sans que qui il elle ils elles nous vous se sa son ses leur "
          "leurs ce cette ces est sont été être a ont avoir ne pas plus",
    "es": "el la los las un una y o en de del al a con por para sin que se su sus es son fue ser ha han",
    "it": "il lo la i gli le un uno una e o in di del della a al con per da su che si suo sua è sono",
    "pt": "o a os as um uma e ou em de do da no na ao com por para que se seu sua é são foi ser",
    "nl": "de het een en of in op aan met van voor door dat die is zijn was wordt worden",
    "pl": "i w we na z ze do od za dla po przy a ale że jak to jest są był była było być",
    # Chinese: characters (a unit each) that are particles, prepositions, conjunctions, pronouns, measure words
    "zh": "的 了 在 是 和 与 将 于 对 为 等 及 并 也 把 被 从 向 就 都 而 但 或 之 其 该 这 那 个 着 过 上 下 "
          "中 他 她 它 我 你 们 有 以 由 到 要 会 已 还 又 再 很 更 最 所 此 每 各 其 则 即 至 给 让 使 说 称",
}


def _usable(entry: Entry) -> bool:
    return entry.has_translation and not entry.message.fuzzy and not entry.message.plural


class _Units:
    """A language's way of cutting a translation into units: (key, start, end)."""

    def __init__(self, language: str):
        self.chinese = primary(language) == "zh"
        self.longest = 6 if self.chinese else 4  # units in a rendering
        self.normalise = normaliser_for(language)
        self.memo: dict[str, str] = {}
        words = _FUNCTION_WORDS.get(primary(language), "").split()
        self.function_words = frozenset(words) | frozenset(self.normalise(w) for w in words)

    def __call__(self, text: str) -> list[tuple[str, int, int]]:
        if self.chinese:  # a character a unit, as the glossary matcher cuts Chinese (a Latin word stays whole)
            return [(word.casefold(), start, end) for start, end, word in tokens(text)]
        units = []
        for start, end, word in tokens(text):
            key = self.memo.get(word)
            if key is None:
                if len(self.memo) > 200_000:
                    self.memo.clear()
                key = self.memo[word] = self.normalise(word)
            for part in key.split():  # a German compound cut into words: each a unit on the compound's span
                units.append((part, start, end))
        return units

    def content(self, key: str) -> bool:
        """A unit that may begin or end a rendering: a word (a Chinese character), not a number, a function
        word or a short word."""
        if _DIGIT.search(key) or not _LETTER.search(key) or key in self.function_words:
            return False
        return bool(_HAN.fullmatch(key)) or len(key) >= 3

    def size(self, gram: tuple[str, ...]) -> bool:
        """A rendering is two characters at least in Chinese."""
        return not self.chinese or len(self.needle(gram)) >= 2

    def needle(self, gram: tuple[str, ...]) -> str:
        """How ``gram`` is looked for in ``haystack``s."""
        return "".join(gram) if self.chinese else " " + " ".join(gram) + " "

    def haystack(self, text: str) -> str:
        if self.chinese:
            return text.casefold()
        return " " + " ".join(key for key, _, _ in self(text)) + " "

    def inside(self, small: tuple[str, ...], large: tuple[str, ...]) -> bool:
        """``small`` is part of ``large`` (Chinese: as characters, a word may hold another)."""
        return self.needle(small) in self.needle(large)


def _grams(units: list[tuple[str, int, int]], language: _Units) -> dict[tuple[str, ...], tuple[int, int]]:
    """Every n-gram of units edged by content units, with its first span."""
    found: dict[tuple[str, ...], tuple[int, int]] = {}
    for i, (key, start, _) in enumerate(units):
        if not language.content(key):
            continue
        for j in range(i, min(i + language.longest, len(units))):
            if language.content(units[j][0]) and language.size(tuple(u[0] for u in units[i : j + 1])):
                found.setdefault(tuple(u[0] for u in units[i : j + 1]), (start, units[j][2]))
    return found


def _stem_pair(a: str, b: str) -> bool:
    """Two forms of one word (экономический / экономика): a shared stem, endings of a few letters."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= 5 and len(a) - common <= 6 and len(b) - common <= 6


def _rival(r1: tuple[str, ...], r2: tuple[str, ...], name: bool, language: _Units) -> str | None:
    """How ``r2`` stands to ``r1``: 'variant' (one word or spelling replaced), 'other' (different words: may
    compete if used often enough) or None (no rival: one holds the other, or a name with another title)."""
    if language.inside(r1, r2) or language.inside(r2, r1):
        return None
    # what is replaced: the units between a shared beginning and a shared end
    head = 0
    while head < min(len(r1), len(r2)) and r1[head] == r2[head]:
        head += 1
    tail = 0
    while tail < min(len(r1), len(r2)) - head and r1[-1 - tail] == r2[-1 - tail]:
        tail += 1
    d1, d2 = r1[head : len(r1) - tail], r2[head : len(r2) - tail]
    if set(d1) & set(d2):
        return None  # the same words otherwise ordered or placed: a rephrasing
    diff1, diff2 = "".join(d1), "".join(d2)
    shared = head + tail > 0
    if name:
        # a name spelt two ways (Пань / Пан, 潘国强 / 潘国祥), never two titles around one name
        if language.chinese:
            spelt_alike = len(diff1) == len(diff2) and Levenshtein.distance(diff1, diff2) <= 1
        else:
            spelt_alike = len(d1) == len(d2) == 1 and fuzz.ratio(diff1, diff2) >= 75
        return "variant" if spelt_alike else None
    if not language.chinese and any(_stem_pair(a, b) for a in d1 for b in d2):
        return None  # another form of the same word: a paraphrase, not another term
    if language.chinese:  # 电动汽车 / 电动车, 物流枢纽 / 物流中心: two characters kept at least, half of each
        kept = len("".join(r1[:head] + r1[len(r1) - tail:]))
        alike = kept >= 2 and 2 * kept >= max(len(joined) for joined in ("".join(r1), "".join(r2)))
    else:
        alike = (shared and len(d1) == len(d2) == 1) or (len(r1) == len(r2) == 1 and fuzz.ratio(diff1, diff2) >= 60)
    return "variant" if alike else "other"


def _closed(grams: list[tuple], holders: dict, language: _Units) -> list[tuple]:
    """The grams no longer gram with the same holders contains (电动汽车, not 电动汽: a rendering is whole),
    most held first, then longest."""
    by_holders: dict[frozenset, list[tuple]] = defaultdict(list)
    for gram in grams:
        by_holders[frozenset(holders[gram])].append(gram)
    kept = [gram for group in by_holders.values() for gram in group
            if not any(other != gram and language.inside(gram, other) for other in group)]
    return sorted(kept, key=lambda g: (-len(holders[g]), -len(language.needle(g)), g))


def _recurring(sources: list[str], context) -> list:
    """The candidates of ``sources`` (``glossary.candidates``), computed once per source set and glossary."""
    digest = hashlib.blake2b(digest_size=16)
    for source in sources:
        digest.update(source.encode("utf-8", "surrogatepass") + b"\0")
    glossary = context.glossary
    key = f"{digest.hexdigest()}:{glossary.digest if glossary is not None else ''}:{context.source_language}"
    if key not in _CANDIDATES:
        _CANDIDATES.clear()
        matcher = glossary.matcher if glossary is not None else None
        _CANDIDATES[key] = find_candidates(sources, matcher, context.source_language, min_count=2,
                                           max_words=4, limit=_MAX_PHRASES)
    return _CANDIDATES[key]


@register
class InconsistentPhrase(CatalogueCheck):
    id = "inconsistent-phrase"
    name = "Recurring phrase or name rendered two ways"
    description = ("A phrase or name of the source that recurs across entries and articles and is not in the "
                   "glossary (the phrases 'glossary candidates' finds) is rendered one way by most entries and "
                   "another way by this one. Renderings are found by association: the target words (lemmas; "
                   "Chinese characters) that the entries holding the phrase share, and that other entries "
                   "seldom hold; only a rival that is a variant of the majority's rendering (a word changed, a "
                   "name spelt otherwise) or that other entries use for the phrase too is reported, so a "
                   "paraphrase or a pronoun stays silent. The finding names the majority rendering and an entry "
                   "that uses it.")
    severity = WARNING
    exclude_languages = frozenset({"ja", "ko"})  # no word segmenter for them here

    def check_catalogues(self, catalogues, entries, context):
        usable = [entry for entry in entries if _usable(entry)]
        if len(usable) < _MIN_ENTRIES:
            return
        by_source: dict[str, list[int]] = defaultdict(list)
        for number, entry in enumerate(usable):
            by_source[normalise_space(entry.source)].append(number)
        sources = sorted(by_source)
        units = _Units(context.language)
        grams_of: dict[int, dict] = {}

        def grams(number: int) -> dict:
            if number not in grams_of:
                grams_of[number] = _grams(units(usable[number].target), units)
            return grams_of[number]

        reported: dict[tuple[int, tuple], list] = defaultdict(list)  # (entry, rival) -> what each phrase says
        best_share: dict[tuple, float] = {}  # gram -> the largest share of a phrase's entries that hold it
        for candidate in _recurring(sources, context):
            numbers = sorted({n for s in candidate.where for n in by_source[sources[s]]})[:_MAX_ENTRIES]
            if len(numbers) < _MIN_ENTRIES or len(candidate.where) < 2:
                continue
            holders: dict[tuple, set[int]] = defaultdict(set)
            for number in numbers:
                for gram in grams(number):
                    holders[gram].add(number)
            total = len(numbers)
            for gram, held in holders.items():
                if len(held) >= 2 and len(held) / total > best_share.get(gram, 0.0):
                    best_share[gram] = len(held) / total
            majority = _closed([g for g, held in holders.items() if 2 <= len(held) < total and 2 * len(held) >= total],
                               holders, units)
            name = candidate.kind == "name"
            done: set[int] = set()
            for r1 in majority[:20]:
                held1 = holders[r1]
                # renderings more entries of the phrase hold, not part of r1: if one of them belongs to the
                # phrase (checked at the end), r1 is only what some of its sentences also say
                # (a gram another phrase's entries hold more often is that phrase's rendering: "electric
                # vehicles" in sentences about the "trade fair")
                stronger = [(g, len(held), len(held) / total) for g, held in holders.items()
                            if len(held) > len(held1) and not units.inside(g, r1)]
                for number in numbers:
                    if number in held1 or number in done:
                        continue
                    best = None
                    for r2 in grams(number):
                        held2 = holders[r2]
                        if held2 & held1 or len(held2) >= len(held1):
                            continue
                        kind = _rival(r1, r2, name, units)
                        if kind is None or (kind == "other" and (len(held2) < 2 or name or
                                                                  len(held1) + len(held2) < 0.8 * total)):
                            continue
                        rank = (kind == "variant", len(held2), -len(units.needle(r2)), r2)
                        if best is None or rank > best[0]:
                            best = (rank, r2)
                    if best is None:
                        continue
                    r2 = best[1]
                    done.add(number)
                    example = min(held1, key=lambda n: (usable[n].catalogue.path, usable[n].message.lineno))
                    reported[(number, r2)].append((candidate.phrase, r1, len(held1), len(holders[r2]), stronger,
                                                   example))
        if reported:
            yield from self._findings(usable, reported, grams, units, best_share)

    def _findings(self, usable, reported, grams, units, best_share):
        """The findings whose renderings belong to their phrase (at least half of the entries holding each also
        hold the phrase) and whose phrase has no more common rendering that does."""
        needles: dict[str, set] = {}
        for (_, r2), readings in reported.items():
            for _, r1, _, _, stronger, _ in readings:
                for gram in (r1, r2, *(g for g, _, _ in stronger)):
                    needles.setdefault(units.needle(gram), set())
        automaton = ahocorasick.Automaton()
        for needle in needles:
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        for number, entry in enumerate(usable):
            for _, needle in automaton.iter(units.haystack(entry.target)):
                needles[needle].add(number)

        def belongs(gram, held: int) -> bool:
            return 2 * held >= len(needles[units.needle(gram)])

        for (number, r2), readings in sorted(reported.items()):
            # the first phrase (best scored) whose renderings hold
            kept = next((reading for reading in readings if belongs(reading[1], reading[2]) and
                         belongs(r2, reading[3]) and
                         not any(share >= best_share[g] and belongs(g, held) for g, held, share in reading[4])), None)
            if kept is None:
                continue
            phrase, r1, count1, _, _, example = kept
            entry, other = usable[number], usable[example]
            start, end = grams(number)[r2]
            r1_start, r1_end = grams(example)[r1]
            shown = other.target[r1_start:r1_end]
            yield entry, entry.catalogue, Issue(
                f"{phrase!r} is rendered {entry.target[start:end]!r} here, {shown!r} in {count1} other entries "
                f"({other.catalogue.path}:{other.message.lineno})",
                offending=entry.target[start:end], span=(start, end))
