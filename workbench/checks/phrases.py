"""Consistency of recurring phrases and names that are not in the glossary, across articles (issue 15 item 1).

``inconsistent-phrase``: a phrase or name of the source that recurs in several entries (``electric
vehicles``, ``logistics hub``, ``Pan Guoqiang``), is not in the glossary, and is rendered one way by
most entries of a language and another way by this one (电动汽车 / 电动车, логистический центр /
логистический хаб, Messe / Ausstellung, Пань Гоцян / Пан Гоцян). Sentence-level
``inconsistent-translation`` cannot see it: the sentences differ, only the phrase recurs.

How a phrase's renderings are found (no dictionary, no aligner: statistics over the project's own
entries of one language, all its catalogues):

1. Phrases: the candidates ``glossary candidates`` proposes (``glossary.candidates``: word n-grams
   that recur, capitalised names), minus what the glossary covers (the glossary checks' job), kept
   if they are a name or two or three content words (no function word, no "please"/"cannot": not
   "sure you want"); a phrase counts where translated entries of two source sentences or more hold it.
2. Target units: a translation is cut into words, each reduced to its lemma by the glossary
   matcher's normaliser (pymorphy3 for Russian, simplemma for German and French: ``логистического
   центра`` and ``логистический центр`` are one unit sequence), Chinese into characters, a rendering
   then beginning and ending on jieba's word boundaries (a name's may begin anywhere: jieba does not
   know it). The candidate renderings of a phrase are the n-grams of its entries' targets edged by
   content units, as long as the phrase (a word more at most), never across punctuation or code.
3. Association: for each n-gram, the set of the phrase's entries whose target holds it. The
   majority rendering R1 is held by at least half of them, at least three (two for a name, where the
   Chinese rival only drops or adds characters, or where a variant rival's sentence comes from another
   article than R1's two: a news series names a term once or twice an article), and no
   longer n-gram with the same entries holds it (电动汽车, not 电动汽). An entry holding the phrase
   but not R1 is reported only if its target holds a rival R2 that no R1 entry holds and that R1
   entries outnumber, and that is

   * a variant of R1: one word of it replaced (Chinese: half of the characters kept, two at
     least), where the words differ as words, not as forms of one (экономическое развитие /
     развитие экономики, Inhaltstyp / Inhaltstypen stay silent); for a name, only a spelling
     variant counts (Пань / Пан, 李卫东 / 李伟东); or
   * a competing rendering: a single different word or wording that two entries of the phrase use
     or more, nearly every entry holding R1 or R2 (Messe three times, Ausstellung twice).

   And nothing explains the difference otherwise: both renderings belong to the phrase (at least
   half of all the language's entries holding each also hold it), and so does what they share; no
   n-gram held by more of the phrase's entries belongs to it more (else R1 is what some of its
   sentences also say: "electric vehicles" beside the "trade fair"); a shared part that renders the
   whole phrase makes the rest context (мэр / секретарь around Пань Гоцян, 市长 beside 程晓杰); the
   entry does not also say what R2 replaces (date/heure d'expiration); and R2's new word is not the
   rendering of another word of the entry's source (查看頁面限制 for "page view restriction": 頁面 is "page").

A paraphrase or a pronoun (the translator wrote "он" instead of repeating the name) holds no rival
and stays silent; so does a tie (no majority to name). The finding names the majority rendering
and one entry that uses it.

Measured on Django 5.2.19, Wagtail 8.0.1 and Sphinx 9.0.4 (UI strings, 42,654 entries): 15
findings, 13 real (bench/precision/phrases.csv); the languages are those whose units this was
measured on: Chinese, Russian, German, French (Arabic clitics and Polish cases read as other words).

Cost: one pass over the sources for the candidates (computed once for every language with the same
sources), the targets of each phrase's entries (at most ``_MAX_ENTRIES``, spread over all of them),
and one Aho-Corasick scan of the language's targets for the renderings about to be reported; the n-grams
of the last ``_GRAMS_KEPT`` entries asked about are kept. A project of more than ``_MAX_SOURCES`` distinct
source sentences is audited on a sample of them spread over all of it (on the 293,352-entry synthetic
project, three languages: about 15 s of CPU and 80 MB above what reading the entries costs, half of it
the candidates, computed per language since each language samples other sentences; bench/README.md).
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict, defaultdict
from typing import Callable, Iterable
from pathlib import Path

import ahocorasick
import regex as re
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from workbench.checks.base import WARNING, CatalogueCheck, Entry, Issue
from workbench.checks.cache import glossary_fingerprint
from workbench.checks.registry import register
from workbench.checks.text import blank_code, normalise_space
from workbench.glossary.candidates import STOP_WORDS, Candidate, find_candidates
from workbench.glossary.matcher import tokens
from workbench.glossary.normalise import normaliser_for
from workbench.langs import primary
from workbench.parallel import in_new_interpreter
from workbench.readers import supported_extensions

_MAX_ENTRIES = 60  # entries of one phrase looked at, spread over all (the statistics need no more)
_MAX_PHRASES = 2000  # best-scored candidates looked at
_MAX_SOURCES = 20_000  # distinct source sentences looked at (a sample of them beyond)
_GRAMS_KEPT = 2048  # entries whose n-grams are kept, the most recently asked (about 20 MB of Chinese)
# Chinese translations whose words are cut in a process of their own (``_Units.segment``); fewer are cut here,
# where jieba's dictionary is loaded once and kept (starting an interpreter and loading it there cost a second)
_SEGMENT_APART = 2_000
_MIN_ENTRIES = 3  # a majority of two against one at least (three against one for a phrase)
_LETTER = re.compile(r"\p{L}")
_ARTICLE_EXTENSIONS = supported_extensions()
_BREAK = re.compile(r"[^\s\-‐’'·]")  # between two words: punctuation (or code blanked out) ends a chunk
_DIGIT = re.compile(r"\d")
_HAN = re.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_WORD = re.compile(r"\p{L}[\p{L}\p{M}\-’']*\p{L}")
_SOURCE_WORD = re.compile(r"\p{L}+")
_NOT_TERM = STOP_WORDS | frozenset("please cannot sure want must need unable another one two three four five"
                                    .split())
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
    "zh": "的 了 在 是 和 与 将 于 为 等 及 并 也 把 被 从 向 就 都 而 但 或 之 其 该 这 那 个 着 过 "
          "他 她 它 我 你 们 以 由 到 要 已 还 又 再 很 更 最 此 每 各 则 即 至 给 让 使 说 称",
}


def _usable(entry: Entry) -> bool:
    return entry.has_translation and not entry.message.fuzzy and not entry.message.plural


class _Units:
    """A language's way of cutting a translation into units: (key, start, end)."""

    def __init__(self, language: str):
        self.chinese = primary(language) == "zh"
        self.longest = 6 if self.chinese else 4  # units in a rendering
        self.normalise = normaliser_for(language)
        self.memo: dict[str, str] = {}  # word -> its key, one string for every occurrence of a word
        self.contents: dict[str, bool] = {}  # content(key), asked of every unit of every n-gram
        self.bounds: dict[str, bytes] = {}  # Chinese: text -> where its words begin and end (``boundaries``)
        words = _FUNCTION_WORDS.get(primary(language), "").split()
        self.function_words = frozenset(words) | frozenset(self.normalise(w) for w in words)

    def __call__(self, text: str) -> list[tuple[str, int, int, int]]:
        """(key, start, end, chunk): a chunk is a run of words no punctuation or code (a placeholder, a tag)
        breaks; a rendering lies inside one."""
        text = blank_code(text, fill="|")
        units, chunk, previous = [], 0, 0
        for start, end, word in tokens(text):
            if start > previous and _BREAK.search(text, previous, start):  # (most Chinese characters touch)
                chunk += 1
            previous = end
            key = self.memo.get(word)
            if key is None:
                if len(self.memo) > 200_000:
                    self.memo.clear()
                # Chinese: a character a unit, as the glossary matcher cuts it (a Latin word stays whole); one
                # string a character, shared by every n-gram holding it (the phrases' readings keep thousands)
                key = self.memo[word] = word.casefold() if self.chinese else self.normalise(word)
            if self.chinese:
                units.append((key, start, end, chunk))
                continue
            for part in key.split():  # a German compound cut into words: each a unit on the compound's span
                units.append((part, start, end, chunk))
        return units

    def boundaries(self, text: str) -> bytes | None:
        """Where Chinese words begin and end (jieba): ``found[offset]`` is 1 where one does; None for a language
        whose units are words. As ``segment`` found them, else found now."""
        if not self.chinese:
            return None
        found = self.bounds.get(text)
        return _word_edges(_jieba(), text) if found is None else found

    def segment(self, texts: Iterable[str]) -> None:
        """Chinese: find the word boundaries of every text of ``texts`` now. Many texts are cut in an interpreter
        started for it (``parallel.in_new_interpreter``), so that jieba's dictionary (about 60 MB) is held neither
        beside what the phrases' readings grow to (the two together made the Chinese judging piece the run's
        largest process, 281 MB at 2,000 articles) nor in a fork of the piece (313 MB: the piece's pages and the
        dictionary); there it is about 130 MB."""
        if not self.chinese:
            return
        texts = list(dict.fromkeys(texts))
        todo = [text for text in texts if text not in self.bounds]
        # apart by how many texts the piece holds, not by how many are left to cut: a re-run whose edges were kept
        # (``_Readings.segment``) cuts a few, and jieba's dictionary would stay beside its readings (250 MB against
        # 210 at 2,000 articles)
        apart = todo and len(texts) >= _SEGMENT_APART
        edges = in_new_interpreter(_segmented, todo) if apart else _segmented(todo)
        self.bounds.update(zip(todo, edges))

    def whole(self, words: int) -> int:
        """How many units render a phrase of ``words`` words whole, at least: a word a word (Chinese: one
        and a half characters a word, 命令行 for "command line")."""
        return (3 * words + 1) // 2 if self.chinese else words

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
        keys, chunk = [], 0
        for key, _, _, number in self(text):
            if number != chunk:
                keys.append("|")
                chunk = number
            keys.append(key)
        return " " + " ".join(keys) + " "

    def inside(self, small: tuple[str, ...], large: tuple[str, ...]) -> bool:
        """``small`` is part of ``large`` (Chinese: as characters, a word may hold another)."""
        return self.needle(small) in self.needle(large)


def _jieba():
    """jieba's tokenizer on its own word list (its dictionary loaded on first use, then kept by the process)."""
    from workbench.glossary.cjkwords import plain_tokenizer

    return plain_tokenizer()


def _segmented(texts: list[str]) -> list[bytes]:
    """``_word_edges`` of each text, with jieba's default tokenizer."""
    return [_word_edges(_jieba(), text) for text in texts]


def _word_edges(tokenizer, text: str) -> bytes:
    """Where ``tokenizer``'s words of ``text`` begin and end, as a byte an offset (1: a word edge)."""
    text = blank_code(text, fill="|")  # as ``_Units`` cuts it
    edges = bytearray(len(text) + 1)
    for _, start, end in tokenizer.tokenize(text):
        edges[start] = edges[end] = 1
    return bytes(edges)


def _grams(text: str, language: _Units, units: list | None = None) -> dict[tuple[str, ...], tuple[int, int, bool]]:
    """Every n-gram of units edged by content units: its first span, and whether it begins and ends on word
    boundaries (Chinese: jieba's words; a rendering of a term is whole words, 效选项 is not). ``units``:
    ``language(text)``, when the caller has them already."""
    if units is None:
        units = language(text)
    bounds = language.boundaries(text)
    keys = [unit[0] for unit in units]
    contents = language.contents
    content = []
    for key in keys:
        flag = contents.get(key)
        if flag is None:
            flag = contents[key] = language.content(key)
        content.append(flag)
    found: dict[tuple[str, ...], tuple[int, int, bool]] = {}
    for i, (_, start, _, chunk) in enumerate(units):
        if not content[i]:
            continue
        letters = 0  # of the gram's units, joined (size: two Chinese characters at least)
        for j in range(i, min(i + language.longest, len(units))):
            if units[j][3] != chunk:
                break
            letters += len(keys[j])
            if content[j] and (letters >= 2 or not language.chinese):
                gram = tuple(keys[i : j + 1])
                end = units[j][2]
                whole = bounds is None or (bounds[start] and bounds[end])
                if gram not in found or (whole and not found[gram][2]):
                    found[gram] = (start, end, whole)
    return found


def _stem_pair(a: str, b: str) -> bool:
    """Two forms of one word (экономический / экономика, копировать / скопировать): a shared stem, endings
    (or a prefix) of a few letters."""
    if (a in b or b in a) and min(len(a), len(b)) >= 5 and abs(len(a) - len(b)) <= 3:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= 4 and len(a) - common <= 6 and len(b) - common <= 6


def _replaced(r1: tuple[str, ...], r2: tuple[str, ...]) -> tuple[int, int]:
    """What ``r2`` replaces in ``r1``: the units between a shared beginning and a shared end (their lengths)."""
    head = 0
    while head < min(len(r1), len(r2)) and r1[head] == r2[head]:
        head += 1
    tail = 0
    while tail < min(len(r1), len(r2)) - head and r1[-1 - tail] == r2[-1 - tail]:
        tail += 1
    return head, tail


def _one_side_only(r1: tuple[str, ...], r2: tuple[str, ...]) -> bool:
    """``r2`` is ``r1`` with a part left out or put in, nothing replaced (电动汽车 / 电动车)."""
    head, tail = _replaced(r1, r2)
    return not r1[head : len(r1) - tail] or not r2[head : len(r2) - tail]


def _rival(r1: tuple[str, ...], r2: tuple[str, ...], everything: tuple[str, ...], name: bool, words: int,
           language: _Units) -> tuple[str | None, tuple]:
    """How ``r2`` stands to ``r1``: 'variant' (one word or spelling replaced), 'other' (different words: may
    compete if used often enough) or None (no rival: one holds the other, a name with another title, or
    ``everything``, the units of r2's entry, hold what r2 replaces); and the parts both share (which must
    belong to the phrase too: 'mais l'heure' / 'mais la date' share no term)."""
    if language.inside(r1, r2) or language.inside(r2, r1):
        return None, ()
    head, tail = _replaced(r1, r2)
    d1, d2 = r1[head : len(r1) - tail], r2[head : len(r2) - tail]
    if set(d1) & set(d2):
        return None, ()  # the same words otherwise ordered or placed: a rephrasing
    if language.inside(d1, everything) if language.chinese else set(d1) & set(everything):
        return None, ()  # the entry says what r1 says elsewhere ("date/heure d'expiration"): rephrased
    diff1, diff2 = "".join(d1), "".join(d2)
    # the shared parts (a lone Chinese character is no word to check)
    shared = tuple(part for part in (r1[:head], r1[len(r1) - tail:]) if part and language.size(part))
    if shared and max(len(part) for part in shared) >= language.whole(words):
        # one shared part renders the whole phrase (程晓杰, 现代论坛): the rest is context around it, a title
        return None, ()
    if name:
        # a name spelt two ways (Пань / Пан, 潘国强 / 潘国祥), never two titles around one name
        if language.chinese:
            spelt_alike = len(diff1) == len(diff2) and Levenshtein.distance(diff1, diff2) <= 1
        else:
            spelt_alike = len(d1) == len(d2) == 1 and fuzz.ratio(diff1, diff2) >= 75
        return ("variant" if spelt_alike else None), shared
    if not language.chinese and (_stem_pair(diff1, diff2) or any(_stem_pair(a, b) for a in d1 for b in d2)):
        return None, ()  # another form of the same word: a paraphrase, not another term
    if language.chinese:  # 电动汽车 / 电动车, 物流枢纽 / 物流中心: two characters kept at least, half of each
        kept = len("".join(r1[:head] + r1[len(r1) - tail:]))
        alike = kept >= 2 and 2 * kept >= max(len(joined) for joined in ("".join(r1), "".join(r2)))
        if alike:
            return "variant", shared
        return ("other", ()) if kept < 2 else (None, ())  # a word in common, the rest another wording
    if len(d1) != 1 or len(d2) != 1:
        return None, ()  # more than one word replaced: another wording, not another term
    if shared:
        return "variant", shared
    return ("variant" if fuzz.ratio(diff1, diff2) >= 60 else "other"), ()


def _new_words(r1: tuple[str, ...], r2: tuple[str, ...]) -> tuple[str, ...]:
    """The units ``r2`` puts in place of ``r1``'s."""
    head, tail = _replaced(r1, r2)
    return r2[head : len(r2) - tail]


def _explained(usable, number: int, replacing: tuple[str, ...], needles, phrase: str, language,
               source_key) -> bool:
    """Whether what the entry writes instead is the rendering of another word of its source, outside the
    phrase: 查看頁面限制 for "page view restriction" holds 頁面 for "page", not for "view restriction". Known
    when the words occur in three entries or more, nearly all of whose sources hold that word."""
    if not replacing:
        return False
    holding = needles[language.needle(replacing)]
    if len(holding) < 3:
        return False
    def source_words(text: str) -> set[str]:
        return {source_key(word) for word in _SOURCE_WORD.findall(blank_code(text, fill=" "))}

    words = source_words(usable[number].source) - source_words(phrase) - STOP_WORDS
    counts: dict[str, int] = defaultdict(int)
    for other in holding:
        for word in words & source_words(usable[other].source):
            counts[word] += 1
    return any(5 * count >= 4 * len(holding) for count in counts.values())


def _same_words(first: str, second: str) -> bool:
    """Two renderings that are forms of the same words, as written (a plural, a case ending)."""
    a, b = first.casefold().split(), second.casefold().split()
    return len(a) == len(b) and all(x == y or _stem_pair(x, y) for x, y in zip(a, b))


def _closed(grams: list[tuple], holders: dict, language: _Units) -> list[tuple]:
    """The grams no longer gram with the same holders contains (电动汽车, not 电动汽: a rendering is whole),
    most held first, then longest."""
    by_holders: dict[frozenset, list[tuple]] = defaultdict(list)
    for gram in grams:
        by_holders[frozenset(holders[gram])].append(gram)
    kept = [gram for group in by_holders.values() for gram in group
            if not any(other != gram and language.inside(gram, other) for other in group)]
    return sorted(kept, key=lambda g: (-len(holders[g]), -len(language.needle(g)), g))


def _article(entry: Entry) -> frozenset[str]:
    """The articles an entry's sentence comes from (its ``#:`` references to files of a format ``extract``
    reads: ``seeds/report.md``); none for a UI string or a sentence fragment (fewer than six words)."""
    if len(_SOURCE_WORD.findall(entry.source)) < 6:
        return frozenset()
    files = (reference.rpartition(":")[0] or reference for reference in entry.message.references)
    return frozenset(file for file in files if file.lower().endswith(_ARTICLE_EXTENSIONS))


def _across_articles(usable: list[Entry], held1: set[int], number: int) -> bool:
    """Two article sentences against one of another article: a news series names its terms once or twice an
    article, so the cross-article case is two against one (логистический центр twice in one article, хаб in
    the next). UI catalogues have no articles and keep the majority of three."""
    own = _article(usable[number])
    majority = [_article(usable[n]) for n in held1]
    return bool(own) and all(majority) and not any(own & articles for articles in majority)


def _term_like(candidate) -> bool:
    """A name, or a phrase of two or three content words (``logistics hub``, ``content type``): not a piece of
    a sentence with a function word or a verb of request in it (``sure you want``, ``r does not exist``)."""
    words = candidate.phrase.split()
    if not all(_WORD.fullmatch(word) for word in words):
        return False
    if candidate.kind == "name":
        return True
    return 2 <= len(words) <= 3 and not any(word.casefold() in _NOT_TERM for word in words)


def _recurring(sources: list[str], context) -> list:
    """The candidates of ``sources`` (``glossary.candidates``), computed once per source set and glossary, and
    kept in the check cache (``context.keep``) for the next run: a commit that revises translations leaves a
    language's sources, and so its candidates, as they were (about a third of this check's time)."""
    digest = hashlib.blake2b(digest_size=16)
    for source in sources:
        digest.update(source.encode("utf-8", "surrogatepass") + b"\0")
    glossary = context.glossary
    key = f"{digest.hexdigest()}:{glossary_fingerprint(glossary)}:{context.source_language}"
    if key not in _CANDIDATES:
        _CANDIDATES.clear()
        _CANDIDATES[key] = _kept_candidates(key, context.keep)
        if _CANDIDATES[key] is None:
            matcher = glossary.matcher if glossary is not None else None
            texts = [blank_code(source, fill="|") for source in sources]  # no phrase runs through a placeholder
            _CANDIDATES[key] = find_candidates(texts, matcher, context.source_language, min_count=2,
                                               max_words=3, limit=_MAX_PHRASES)
            _keep_candidates(key, context.keep, _CANDIDATES[key])
    return _CANDIDATES[key]


_KEEP_MEMOS = 8  # memos of each kind the check cache keeps (a few runs of a project's languages)


def _memo_file(kind: str, key: str, folder: Path) -> tuple[Path, str]:
    """Where the check cache keeps this check's memo of ``kind`` (``phrases``: candidates by source set,
    ``readings``: by language) for ``key``, and the name it is sealed with; the code's fingerprint is in the
    name, so another version's memo is never read."""
    from workbench.checks.cache import code_fingerprint

    name = hashlib.blake2b(f"{code_fingerprint()}:{key}".encode(), digest_size=16).hexdigest()
    return folder / f"{kind}-{name}.pickle", f"{kind}-{name}"


def _keep_memo(kind: str, path: Path, context: str, data) -> None:
    """Store a memo ``_memo_file`` named, keeping the ``_KEEP_MEMOS`` of its kind used last."""
    from workbench import cache
    from workbench.errors import WorkbenchError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        cache.save(path, data, context)
        cache.prune(path.parent, _KEEP_MEMOS, group=lambda p: p.stem, protect=path.stem, pattern=f"{kind}-*.pickle")
    except (OSError, WorkbenchError):
        pass  # a read-only or full disk: computed again next time


def _kept_candidates(key: str, folder) -> list | None:
    """The candidates an earlier run kept for this source set, or None (not kept, or not of the shape kept)."""
    from workbench import cache
    from workbench.cache import RestrictedUnpickler

    if folder is None:
        return None
    path, context = _memo_file("phrases", f"{_MAX_PHRASES}:{key}", folder)
    data = cache.load(path, context, RestrictedUnpickler)
    if not isinstance(data, list):
        return None
    found = []
    for item in data:
        if not (isinstance(item, tuple) and len(item) == 7 and isinstance(item[0], str) and type(item[1]) is int
                and type(item[2]) is int and item[3] in ("name", "phrase") and type(item[4]) is float
                and isinstance(item[5], str) and isinstance(item[6], tuple)
                and all(type(n) is int for n in item[6])):
            return None
        found.append(Candidate(*item))
    return found


def _keep_candidates(key: str, folder, candidates: list) -> None:
    if folder is None:
        return
    path, context = _memo_file("phrases", f"{_MAX_PHRASES}:{key}", folder)
    _keep_memo("phrases", path, context, [(c.phrase, c.count, c.segments, c.kind, float(c.score), c.example,
                                           tuple(c.where)) for c in candidates])


def _sampled(sources: list[str]) -> list[str]:
    """Of the language's distinct sources (sorted), those looked at: all, or beyond ``_MAX_SOURCES`` a sample spread
    over all of them."""
    if len(sources) > _MAX_SOURCES:
        return sources[:: -(-len(sources) // _MAX_SOURCES)]
    return sources


def _sample(usable: list[Entry]) -> tuple[list[Entry], list[str], dict[str, range]]:
    """The entries looked at, their distinct sources (white space normalised, sorted) and each source's entries'
    numbers among them: every source, or on a very large project a sample of them spread over all of it (every
    article alike): the statistics need no more, and the cost stays that of a mid-sized project."""
    by_source: dict[str, list[Entry]] = defaultdict(list)
    for entry in usable:
        source = normalise_space(entry.source)
        by_source[entry.source if source == entry.source else source].append(entry)  # the msgid's own string
    sources = _sampled(sorted(by_source))
    looked_at, numbers_of = [], {}
    for source in sources:
        numbers_of[source] = range(len(looked_at), len(looked_at) + len(by_source[source]))
        looked_at += by_source[source]
    return looked_at, sources, numbers_of


def _cut(phrases) -> dict[int, None]:
    """The numbers of the entries whose n-grams are asked for, in order: every entry of a phrase read afresh, and
    of a phrase's kept readings the entries with a rival and the examples (the findings' renderings)."""
    numbers: dict[int, None] = {}
    for _, phrase_numbers, _, found in phrases:
        if found is None:
            numbers.update(dict.fromkeys(phrase_numbers))
        else:
            for at, _, reading in found[1]:
                numbers[phrase_numbers[at]] = numbers[phrase_numbers[reading[5]]] = None
    return numbers


def _readings(candidate, numbers: list[int], usable: list[Entry], grams, analysed, units: "_Units") -> tuple:
    """What one phrase says, from its entries (``numbers``) alone: (the share of them each gram of two entries
    at least holds, [(position in ``numbers`` of an entry, its rival rendering, (phrase, majority rendering,
    its entries, the rival's entries, the stronger renderings to check, position of an entry using the
    majority, share))]). Positions, not entry numbers, so that a later run whose entries moved can use it."""
    name = candidate.kind == "name"
    # a rendering is about as long as the phrase (one word more: an article, a case ending split
    # off), and whole words; a name may be cut anywhere (jieba does not know it)
    words = len(candidate.phrase.split())
    most = 3 * words + 1 if units.chinese else words + 1
    holders: dict[tuple, set[int]] = defaultdict(set)
    for number in numbers:
        for gram, (_, _, whole) in grams(number).items():
            if (whole or name) and len(gram) <= most:
                holders[gram].add(number)
    total = len(numbers)
    shares = [(gram, len(held) / total) for gram, held in holders.items() if len(held) >= 2]
    position = {number: at for at, number in enumerate(numbers)}
    readings = []
    # a majority of two entries is enough for a name (its spelling is checked strictly) and for a
    # Chinese rendering the rival only shortens or lengthens (电动汽车 / 电动车); otherwise three
    least = 2
    majority = _closed([g for g, held in holders.items()
                        if least <= len(held) < total and 2 * len(held) >= total], holders, units)
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
            found, everything = analysed(number)
            for r2 in found:
                held2 = holders.get(r2)
                if held2 is None:
                    continue
                if held2 & held1 or len(held2) >= len(held1):
                    continue
                kind, shared = _rival(r1, r2, everything, name, words, units)
                if kind == "variant" and not name and not all(part in grams(n) for part in shared
                                                              for n in held1):
                    kind, shared = "other", ()  # what they share is no word of the phrase's
                if kind is None or (kind == "other" and (len(held2) < 2 or name or
                                                          len(held1) + len(held2) < 0.8 * total)):
                    continue
                if (len(held1) < 3 and not name and not (units.chinese and _one_side_only(r1, r2))
                        and not (kind == "variant" and _across_articles(usable, held1, number))):
                    continue
                rank = (kind == "variant", len(held2), -len(units.needle(r2)), r2)
                if best is None or rank > best[0]:
                    best = (rank, r2, shared)
            if best is None:
                continue
            _, r2, shared = best
            stronger_here = stronger + [(part, sum(part in grams(n) for n in numbers), None)
                                        for part in shared if not name]
            done.add(number)
            example = min(held1, key=lambda n: (usable[n].catalogue.path, usable[n].message.lineno))
            readings.append((position[number], r2, (candidate.phrase, r1, len(held1), len(holders[r2]),
                                                    stronger_here, position[example], len(held1) / total)))
    return shares, readings


class _Readings:
    """Each phrase's readings (``_readings``) by what they were made from, kept in the check cache
    (``Context.keep``) for the next run: a commit revising a few articles' translations changes the entries
    of a tenth of the phrases, and the others' readings are taken as they were. The translations' haystacks
    (their normalised words, where the findings look for each rendering) and, in Chinese, their word edges
    (jieba's) are kept by translation too. A memo of another shape, or none, is no memo: everything is read
    again."""

    def __init__(self, path: Path | None, context_name: str, kept: tuple[dict, dict, dict], units: "_Units"):
        self.path, self.context_name, self.units = path, context_name, units
        self.kept, self.kept_haystacks, self.kept_edges = kept
        self.used: dict[bytes, tuple] = {}
        self.used_haystacks: dict[str, str] = {}
        self.used_edges: dict[str, bytes] = {}

    @classmethod
    def load(cls, context, units: "_Units") -> "_Readings":
        from workbench import cache
        from workbench.cache import RestrictedUnpickler

        if context.keep is None:
            return cls(None, "", ({}, {}, {}), units)
        path, context_name = _memo_file("readings", f"{context.language}:{context.source_language}:"
                                        f"{glossary_fingerprint(context.glossary)}", Path(context.keep))
        kept = cache.load(path, context_name, RestrictedUnpickler)
        if not (isinstance(kept, tuple) and len(kept) == 3 and all(isinstance(part, dict) for part in kept)):
            kept = ({}, {}, {})
        return cls(path, context_name, kept, units)

    @staticmethod
    def key(candidate, entries: list[Entry]) -> bytes:
        """What a phrase's readings are made from: the phrase, and of each of its entries what ``_readings``
        reads (source, translation, references, file and line)."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(f"{candidate.phrase}\0{candidate.kind}\0".encode("utf-8", "surrogatepass"))
        for entry in entries:
            message = entry.message
            digest.update("\0".join((entry.source, entry.target, "\1".join(message.references),
                                      entry.catalogue.path, str(message.lineno), "")).encode("utf-8", "surrogatepass"))
        return digest.digest()

    def get(self, key: bytes) -> tuple | None:
        found = self.kept.get(key)
        if not _readings_shape(found):
            return None
        self.used[key] = found
        return found

    def put(self, key: bytes, found: tuple) -> tuple:
        if self.path is not None:
            self.used[key] = found
        return found

    def haystack(self, target: str) -> str:
        """``_Units.haystack`` of a translation, as kept (Chinese: the text casefolded, nothing to keep)."""
        if self.units.chinese:
            return self.units.haystack(target)
        found = self.kept_haystacks.get(target)
        if type(found) is not str:
            found = self.units.haystack(target)
        if self.path is not None:
            self.used_haystacks[target] = found
        return found

    def segment(self, texts: Iterable[str]) -> None:
        """``_Units.segment`` of ``texts``, the word edges of those the last run cut taken as they were: a
        re-run after a commit cuts only the translations it changed (cutting them all with jieba was a third
        of a re-run's Chinese phrase piece)."""
        units = self.units
        if not units.chinese:
            return
        texts = list(dict.fromkeys(texts))
        for text in texts:
            edges = self.kept_edges.get(text)
            if type(edges) is bytes and len(edges) == len(text) + 1:  # (one byte an offset, the end's too)
                units.bounds.setdefault(text, edges)
        units.segment(texts)
        if self.path is not None:
            self.used_edges.update((text, units.bounds[text]) for text in texts)

    def save(self) -> None:
        """Keep this run's readings, haystacks and word edges (only: the memo does not grow with the runs)."""
        if self.path is None or (self.used == self.kept and self.used_haystacks == self.kept_haystacks
                                 and self.used_edges == self.kept_edges):
            return
        _keep_memo("readings", self.path, self.context_name, (self.used, self.used_haystacks, self.used_edges))


def _readings_shape(found) -> bool:
    """``found`` is what ``_readings`` returns, as far as using it relies on (a memo file of another shape is
    not used)."""
    if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], list) and isinstance(found[1], list)):
        return False
    return (all(isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], tuple)
                and type(item[1]) is float for item in found[0])
            and all(isinstance(item, tuple) and len(item) == 3 and type(item[0]) is int and isinstance(item[1], tuple)
                    and isinstance(item[2], tuple) and len(item[2]) == 7 for item in found[1]))


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
                   "paraphrase or a pronoun stays silent. A majority is three entries, or two for a name, a "
                   "Chinese rival that only drops characters, or a variant in a sentence of another article. The "
                   "finding names the majority rendering and an entry that uses it.")
    severity = WARNING
    # where the units are dependable: Chinese characters with jieba's word boundaries, and the languages whose
    # lemmas the matcher's normalisers give (measured on Django, Wagtail and Sphinx: bench/precision/README.md);
    # elsewhere inflected forms or clitics (Arabic ال/لـ, Polish cases) read as other words
    languages = frozenset({"zh", "ru", "de", "fr"})
    judged_apart = True  # (half of a language's judging on the synthetic project)

    # The runner hands over only the entries of the sampled sources (at 2,000 articles a fifth of a language's):
    # what the sample is made from is each catalogue's usable entries' sources.
    def entry_keys(self, info, entries, context):
        return tuple((number, normalise_space(entry.source)) for number, entry in enumerate(entries) if _usable(entry))

    def chosen(self, keys, context):
        looked_at = set(_sampled(sorted({source for file_keys in keys for _, source in file_keys})))
        return [frozenset(number for number, source in file_keys if source in looked_at) for file_keys in keys]

    def check_catalogues(self, catalogues, entries, context):
        usable = [entry for entry in entries if _usable(entry)]
        if len(usable) < _MIN_ENTRIES:
            return
        usable, sources, numbers_of = _sample(usable)
        units = _Units(context.language)
        # the n-grams and the unit keys of the entries asked about most recently: a phrase's entries are asked
        # about again and again, another phrase's seldom (memory stays that of a few thousand entries)
        kept: OrderedDict[int, tuple[dict, tuple[str, ...]]] = OrderedDict()

        def analysed(number: int) -> tuple[dict, tuple[str, ...]]:
            found = kept.get(number)
            if found is None:
                if len(kept) >= _GRAMS_KEPT:
                    kept.popitem(last=False)  # made again if asked again
                target = usable[number].target
                entry_units = units(target)
                found = kept[number] = (_grams(target, units, entry_units), tuple(unit[0] for unit in entry_units))
            else:
                kept.move_to_end(number)
            return found

        def grams(number: int) -> dict:
            return analysed(number)[0]

        reported: dict[tuple[int, tuple], list] = defaultdict(list)  # (entry, rival) -> what each phrase says
        best_share: dict[tuple, float] = {}  # gram -> the largest share of a phrase's entries that hold it
        memo = _Readings.load(context, units)
        phrases = []  # (candidate, its entries' numbers, its key in the memo, its readings kept there or None)
        for candidate in _recurring(sources, context):
            if not _term_like(candidate):
                continue
            numbers = sorted({n for s in candidate.where for n in numbers_of[sources[s]]})
            if len(numbers) > _MAX_ENTRIES:  # a sample spread over all of them, every article's entries alike
                numbers = numbers[:: -(-len(numbers) // _MAX_ENTRIES)]
            if len(numbers) < _MIN_ENTRIES or len(candidate.where) < 2:
                continue
            key = memo.key(candidate, [usable[n] for n in numbers])
            phrases.append((candidate, numbers, key, memo.get(key)))
        # Chinese: the words of every translation cut into n-grams below, found first (``_Units.segment``): those
        # of the phrases read now, and the entries and examples of the readings kept, which the findings cut
        memo.segment(usable[number].target for number in _cut(phrases))
        for candidate, numbers, key, found in phrases:
            if found is None:
                found = memo.put(key, _readings(candidate, numbers, usable, grams, analysed, units))
            shares, readings = found
            for gram, share in shares:
                if share > best_share.get(gram, 0.0):
                    best_share[gram] = share
            for at, r2, (phrase, r1, count1, count2, stronger_here, example, share) in readings:
                reported[(numbers[at], r2)].append((phrase, r1, count1, count2, stronger_here, numbers[example], share))
        if reported:
            yield from self._findings(usable, reported, grams, units, best_share, context.source_language,
                                      memo.haystack)
        memo.save()

    def _findings(self, usable, reported, grams, units, best_share, source_language, haystack):
        """The findings whose renderings belong to their phrase (at least half of the entries holding each also
        hold the phrase) and whose phrase has no more common rendering that does."""
        source_key = normaliser_for(source_language)
        needles: dict[str, set] = {}
        for (_, r2), readings in reported.items():
            for _, r1, _, _, stronger, _, _ in readings:
                for gram in (r1, r2, _new_words(r1, r2), *(g for g, _, _ in stronger)):
                    if gram:
                        needles.setdefault(units.needle(gram), set())
        automaton = ahocorasick.Automaton()
        for needle in needles:
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        for number, entry in enumerate(usable):
            for _, needle in automaton.iter(haystack(entry.target)):
                needles[needle].add(number)

        def belongs(gram, held: int) -> bool:
            return 2 * held >= len(needles[units.needle(gram)])

        def _holds(gram, held: int, share: float | None) -> bool:
            """A shared part (share None) must belong to the phrase; a stronger rendering must not (unless
            another phrase's entries hold it more often)."""
            if share is None:
                return belongs(gram, held)
            return share < best_share[gram] or not belongs(gram, held)

        for (number, r2), readings in sorted(reported.items()):
            # of the phrases whose renderings hold, the one whose entries hold r1 most (then the best scored)
            kept = [reading for reading in readings if belongs(reading[1], reading[2]) and belongs(r2, reading[3])
                    and all(_holds(g, held, share) for g, held, share in reading[4])]
            if not kept:
                continue
            phrase, r1, count1, _, _, example, _ = max(kept, key=lambda reading: reading[6])
            if _explained(usable, number, _new_words(r1, r2), needles, phrase, units, source_key):
                continue
            entry, other = usable[number], usable[example]
            start, end, _ = grams(number)[r2]
            r1_start, r1_end, _ = grams(example)[r1]
            shown = other.target[r1_start:r1_end]
            if _same_words(shown, entry.target[start:end]):
                continue  # forms of the same words the normaliser did not join (Inhaltstyp, Inhaltstypen)
            yield entry, entry.catalogue, Issue(
                f"{phrase!r} is rendered {entry.target[start:end]!r} here, {shown!r} in {count1} other entries "
                f"({other.catalogue.path}:{other.message.lineno})",
                offending=entry.target[start:end], span=(start, end))


# -- what terminologists are offered: ``glossary candidates --bilingual`` ------------------------------------------
def observed_renderings(candidates, pairs: dict[str, list[tuple[str, str]]], source_language: str = "en",
                        most: int = 3, progress: Callable[[int], None] | None = None
                        ) -> dict[str, dict[str, list[tuple[str, int]]]]:
    """phrase -> language -> [(rendering, entries)], most used first: how the translated entries holding each
    candidate render it, found as ``inconsistent-phrase`` finds renderings. The first is the target n-gram best
    associated with the phrase (Dice: held by the phrase's entries, seldom by others; a longer n-gram holding it
    that most of its entries use instead, логистический центр rather than логистический); the next ones are its
    rivals in the entries without it (a variant, or another rendering two entries use). A phrase in fewer than
    two translated entries of a language, or rendered in no recurring way, has no list there. ``progress(1)``
    as each candidate of each language is studied."""
    source_key = normaliser_for(source_language)

    def source_string(text: str) -> str:
        return " " + " ".join(source_key(word) for _, _, word in tokens(blank_code(text, fill="|"))) + " "

    found: dict[str, dict[str, list[tuple[str, int]]]] = {c.phrase: {} for c in candidates}
    # a month or weekday is a date's, rendered by the calendar (June: июня, 6月), not a term: its "rendering"
    # would be what dates stand beside (星期 for a Chinese weekday)
    calendar = _calendar_words(source_language)
    phrases = [(c, source_string(c.phrase)) for c in candidates if c.phrase.casefold() not in calendar]
    for language in sorted(pairs):
        if progress:  # (the calendar's words counted as done: a bar over every candidate of every language)
            progress(len(found) - len(phrases))
        units = _Units(language)
        targets = [target for _, target in pairs[language]]
        sources = [source_string(source) for source, _ in pairs[language]]
        studied = []  # (candidate, its entries, holders, first spans)
        for candidate, needle in phrases:
            if progress:
                progress(1)
            numbers = [n for n, source in enumerate(sources) if needle in source]
            if len(numbers) < 2:
                continue
            words = len(candidate.phrase.split())
            longest = 3 * words + 1 if units.chinese else words + 1
            written: dict[tuple, Counter] = defaultdict(Counter)  # how each n-gram is written, how often
            holders: dict[tuple, set[int]] = defaultdict(set)
            for number in numbers:
                for gram, (start, end, whole) in _grams(targets[number], units).items():
                    if (whole or candidate.kind == "name") and len(gram) <= longest:
                        holders[gram].add(number)
                        written[gram][targets[number][start:end]] += 1
            studied.append((candidate, numbers, holders, written))
        # how many of all the language's entries hold each n-gram held twice at least: one scan
        counted = {units.needle(gram) for _, _, holders, _ in studied
                   for gram, held in holders.items() if len(held) >= 2}
        everywhere = dict.fromkeys(counted, 0)
        if counted:
            automaton = ahocorasick.Automaton()
            for needle in counted:
                automaton.add_word(needle, needle)
            automaton.make_automaton()
            for target in targets:
                for needle in {needle for _, needle in automaton.iter(units.haystack(target))}:
                    everywhere[needle] += 1
        # an n-gram renders the phrase it is best associated with ("Elektrofahrzeuge" is said in sentences
        # about the trade fair, but it renders "electric vehicles")
        best: dict[tuple, float] = {}
        for _, numbers, holders, _ in studied:
            for gram, held in holders.items():
                if len(held) >= 2:
                    score = _dice(len(held), len(numbers), everywhere[units.needle(gram)])
                    best[gram] = max(best.get(gram, 0.0), score)
        firsts = {candidate.phrase: _first_rendering(numbers, holders, everywhere, best, units)
                  for candidate, numbers, holders, _ in studied}
        taken = {gram for gram in firsts.values() if gram}
        for candidate, numbers, holders, written in studied:
            first = firsts[candidate.phrase]
            chosen = _rivals(candidate, first, numbers, holders, taken - {first}, units, most) if first else []
            if chosen:  # each as it is written most often (the first way met, on a tie)
                found[candidate.phrase][language] = [(written[gram].most_common(1)[0][0], count)
                                                     for gram, count in chosen]
    return found


def _calendar_words(language: str) -> frozenset[str]:
    """The language's month and weekday names in full (CLDR), lower-cased."""
    from workbench.checks.numbers import _calendar_names  # the one reading of CLDR's calendar names

    return frozenset(_calendar_names(language, "months", ("wide",))) | frozenset(
        _calendar_names(language, "days", ("wide",)))


def _dice(held: int, phrase: int, gram: int) -> float:
    """Dice's association of a phrase and an n-gram: entries holding both, against entries holding each."""
    return 2 * held / (phrase + gram)


def _first_rendering(numbers, holders, everywhere, best, units) -> tuple | None:
    """The n-gram best associated with the phrase, lengthened where most of its entries say more."""
    total = len(numbers)

    def dice(gram) -> float:
        return _dice(len(holders[gram]), total, everywhere[units.needle(gram)])

    recurring = [gram for gram, held in holders.items() if len(held) >= 2 and dice(gram) >= best[gram]]
    if not recurring:
        return None
    first = max(recurring, key=lambda g: (dice(g), len(units.needle(g)), g))
    if 2 * len(holders[first]) < everywhere[units.needle(first)]:
        return None  # more entries without the phrase hold it than with: no rendering of it
    longer = [g for g in recurring
              if g != first and units.inside(first, g) and 2 * len(holders[g]) >= len(holders[first])]
    if longer:
        first = max(longer, key=lambda g: (len(holders[g]), len(units.needle(g)), g))
    return first


def _rivals(candidate, first, numbers, holders, taken, units, most) -> list[tuple[tuple, int]]:
    """``first`` and its rivals in the entries without it (as the check finds them; not another phrase's
    rendering), with the number of entries using each."""
    chosen = [(first, len(holders[first]))]
    remaining = set(numbers) - holders[first]
    words = len(candidate.phrase.split())
    for gram in sorted(holders, key=lambda g: (-len(holders[g] & remaining), len(units.needle(g)), g)):
        covered = holders[gram] & remaining
        if not covered or len(chosen) == most:
            break
        if gram in taken or any(units.inside(gram, other) for other in taken):
            continue
        kind, _ = _rival(first, gram, (), candidate.kind == "name", words, units)
        if kind is None or (kind == "other" and len(covered) < 2):
            continue
        chosen.append((gram, len(covered)))
        remaining -= covered
    return chosen


def translated_pairs(catalogues) -> dict[str, list[tuple[str, str]]]:
    """language -> (source, translation) of the translated entries (not fuzzy, not plural) of catalogues
    (``CatalogueInfo``s, read one at a time: only the pairs are kept), what ``observed_renderings`` reads."""
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for info in catalogues:
        for message in info.catalog.entries():
            if _usable(Entry(message, info)):
                pairs[info.language].append((message.msgid, message.msgstr))
    return dict(pairs)


def observed_in_catalogues(candidates, catalogues, source_language: str = "en") -> dict[str, dict[str, list]]:
    """``observed_renderings`` over catalogues (``CatalogueInfo``s)."""
    return observed_renderings(candidates, translated_pairs(catalogues), source_language)
