"""Word boundaries for short Chinese and Japanese terms.

The matcher cuts Han and kana text into single characters, so a term matches wherever its characters
stand in a row. For most terms that is right, and it is for most short ones too: a one-character
term inside a longer noun is usually that noun's part with its meaning (页 "page" in 页码 "page
number", 值 "value" in 默认值 "default value", 组 "group" in 用户组 "user group"). It is wrong where
the character is a morpheme of another word: 包 "package" in 包含 "contain", 值 in 值得 "be worth",
表 "table" in 表示 "express". And a rejected (deprecated, superseded) term found inside another word
is a false error: 车 in 自行车 "bicycle" is no deprecated 车 "vehicle". So, only where the evidence is
good, a short term's match is dropped:

* Chinese (``zh``, ``zh_CN``, ...). The text is segmented with jieba's dictionary, every term of the
  glossary's language added as a word (so 欧亚数字经济博览会 or 扬州 is one word). Without jieba's
  HMM: that guesses new words from the characters the dictionary leaves single and glues a
  one-character word to its neighbours (这个/值太大/了, 该值/无效).

  - A preferred or admitted term of one Han character does not count inside a longer word that
    the dictionary classes as no noun (a verb, adjective, adverb, idiom or function word: 包含,
    值得, 表示, 进行), nor inside a longer term of the glossary (包 in 软件包 belongs to the longer
    concept). Inside a noun, a time or a measure word it counts (页码, 默认值, 今年, 一页).
  - A rejected term of one Han character counts only as a whole word (车 in 车须登记, not in
    自行车 or 机动车); of two, only inside one word (杨州 not in 白杨州立, cut 白杨 | 州立).
  - Approved two-character terms match as before: one standing across two words (市长 in 城市长期)
    is rare, while jieba misplaces boundaries around them often enough (另一页面 cut 另 | 一页 |
    面) to report good translations; measured in bench/cjk_boundaries.py.

* Japanese (``ja``) has no segmenter here, and script changes alone do not make words: compounds
  are written solid (メールアドレス "email address", 整数値 "integer value", 編集可能 "editable"),
  so dropping an approved term inside a longer run of its script reported hundreds of good
  translations (bench/cjk_boundaries.py). Only rejected terms are checked: one of one or two kanji,
  or of katakana, counts where it is its whole run of that script (okurigana, particles and the
  other script are boundaries: 箱を), or where the rest of the run splits into terms of the
  glossary; 箱 in 箱根 (Hakone) is no deprecated 箱.

Everything else (longer terms, Korean, mixed scripts, other languages) matches as before.
jieba is imported and its dictionary loaded only when a text holds a checked term's characters
(about 0.5 s the first time in a process; its prefix dictionary is then kept in workbench's cache
folder, never in jieba's default temporary folder), in a private ``jieba.Tokenizer``, its logging
silenced. Segmentation is deterministic: the same dictionary, the terms added in termbase order.
"""

from __future__ import annotations

import bisect
import functools
import logging
from pathlib import Path
from typing import Iterable

import regex

from workbench.glossary.model import Term
from workbench.langs import primary

# the rules (``rule``)
MORPHEME = "zh-morpheme"  # approved Chinese, one character: not inside a non-noun word or a longer term
WORD = "zh-word"  # rejected Chinese, one or two characters: a whole word, or inside one word
KANJI, KATAKANA = "ja-kanji", "ja-katakana"  # rejected Japanese: the whole run, or the rest terms

_HAN = regex.compile(r"\p{Han}+")  # 々 is Han too
_KATAKANA = regex.compile(r"[\p{Katakana}ーｰ]+")  # the long-vowel mark is part of the word; ・ separates words
# jieba's part-of-speech tags of words that are no noun: verbs, adjectives, distinguishing and state
# words, adverbs, idioms, conjunctions, prepositions, particles, interjections, onomatopoeia, affixes
_NOT_NOUN = frozenset("v vd vg vi vq a ad ag d dg df i c p u ud ug uj ul uv uz y e o".split())
_RUN_END = {pattern: regex.compile(pattern.pattern + r"\Z") for pattern in (_HAN, _KATAKANA)}
_MEMO_LIMIT = 50_000
_LONGEST_RUN = 40  # kanji or katakana: longer runs are not split into terms


def rule(term: Term, language: str) -> str | None:
    """The boundary rule a term of ``language`` needs (MORPHEME, WORD, KANJI, KATAKANA), or None."""
    base = primary(language)
    text = term.text
    if base == "zh" and len(text) <= 2 and _HAN.fullmatch(text):
        if term.rejected:
            return WORD
        return MORPHEME if len(text) == 1 else None
    if base == "ja" and term.rejected:
        if len(text) <= 2 and _HAN.fullmatch(text):
            return KANJI
        if _KATAKANA.fullmatch(text):
            return KATAKANA
    return None


class Words:
    """Whether a match of a short term in a text counts there, for one language's glossary terms."""

    def __init__(self, language: str, terms: Iterable[str], use_cache: bool = False):
        self.language = language
        self.use_cache = use_cache  # keep jieba's dictionary in workbench's cache folder (not with --no-cache)
        self.terms = list(dict.fromkeys(terms))  # termbase order, each once
        self._known = frozenset(self.terms)
        self._tokenizer = None
        self._segments: dict[str, tuple[list[int], list[int]]] = {}
        self._split_memo: dict[str, bool] = {}

    def counts(self, text: str, start: int, end: int, kind: str) -> bool:
        """Whether the match ``text[start:end]`` of a term needing rule ``kind`` counts."""
        if kind == MORPHEME or kind == WORD:
            word = self._word(text, start, end)
            if word is None:
                return False  # across two words
            if kind == WORD:  # one character: the whole word; two: any part of a word (jieba's search mode)
                return end - start > 1 or word == (start, end)
            longer = text[word[0]:word[1]]
            return word == (start, end) or not (longer in self._known or longer in _dictionary(self.use_cache)[2])
        pattern = _HAN if kind == KANJI else _KATAKANA
        if not pattern.fullmatch(text, start, end):
            return False  # split by something else (a space, a middle dot): not one word
        # the rest of the run on each side, looked at no further than a split could reach (a huge run
        # with many matches must not cost its length for each of them)
        before = _RUN_END[pattern].search(text, max(0, start - _LONGEST_RUN - 1), start)
        after = pattern.match(text, end, end + _LONGEST_RUN + 1)
        return self._splits(before.group() if before else "") and self._splits(after.group() if after else "")

    def _splits(self, rest: str) -> bool:
        """``rest`` is empty or a sequence of glossary terms."""
        if not rest:
            return True
        if len(rest) > _LONGEST_RUN:
            return False  # no compound of terms is that long (and the recursion stays shallow)
        found = self._split_memo.get(rest)
        if found is None:
            if len(self._split_memo) > _MEMO_LIMIT:
                self._split_memo.clear()
            found = self._split_memo[rest] = any(
                rest[:i] in self._known and self._splits(rest[i:]) for i in range(len(rest), 0, -1))
        return found

    # -- Chinese ---------------------------------------------------------------------------------------
    def _word(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The word of jieba's segmentation that holds ``text[start:end]``, if one does."""
        starts, ends = self.segments(text)
        number = bisect.bisect_right(starts, start) - 1  # the word ``start`` is in: words tile the text
        if number >= 0 and end <= ends[number]:
            return starts[number], ends[number]
        return None

    def segments(self, text: str) -> tuple[list[int], list[int]]:
        """Where jieba's words of ``text`` start, and where they end."""
        found = self._segments.get(text)
        if found is None:
            if len(self._segments) > _MEMO_LIMIT:
                self._segments.clear()
            words = list(self.tokenizer().tokenize(text, HMM=False))
            found = self._segments[text] = ([start for _, start, _ in words], [end for _, _, end in words])
        return found

    def tokenizer(self):
        """A private jieba tokenizer with the glossary's terms as words, made on first use."""
        if self._tokenizer is None:
            self._tokenizer = _jieba_tokenizer(self.use_cache, [term for term in self.terms if _HAN.search(term)])
        return self._tokenizer


_DICTIONARY: list[tuple[dict[str, int], int, frozenset[str]]] = []  # once per process


@functools.cache
def plain_tokenizer():
    """A jieba tokenizer on jieba's word list alone, cutting as ``jieba.dt`` does (the phrase check's Chinese
    word edges), its dictionary read as ``Words`` reads it: from workbench's cache folder, about 0.3 s, where
    ``jieba.dt`` read its own cache in the temporary folder (about 1.1 s; and wrote it there). Once per process."""
    return _jieba_tokenizer(True, [])


def _jieba_tokenizer(use_cache: bool, words: list[str]):
    """A private jieba tokenizer on jieba's dictionary (``_dictionary``) with ``words`` added."""
    import jieba

    tokenizer = jieba.Tokenizer()
    frequencies, total, _ = _dictionary(use_cache)
    # add_word changes the tokenizer's dictionary: a copy then; cutting alone only reads the shared one
    tokenizer.FREQ, tokenizer.total = (dict(frequencies) if words else frequencies), total
    tokenizer.initialized = True  # jieba's initialize would read or write its cache in the temp folder
    for word in words:
        tokenizer.add_word(word)
    return tokenizer


def _dictionary(use_cache: bool) -> tuple[dict[str, int], int, frozenset[str]]:
    """jieba's prefix dictionary of its default word list (word -> frequency, and the total), and its
    words of more than one character that are no noun (``_NOT_NOUN``): from workbench's cache folder if
    stored there (and ``use_cache``), else read (~0.5 s) and stored."""
    if not _DICTIONARY:
        _DICTIONARY.append(_read_dictionary(use_cache))
    return _DICTIONARY[0]


def _read_dictionary(use_cache: bool) -> tuple[dict[str, int], int, frozenset[str]]:
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)  # it logs every dictionary load at DEBUG
    from workbench.cache import RestrictedUnpickler, cache_root, load, save

    source = Path(jieba.__file__).with_name("dict.txt")
    context = f"jieba-{jieba.__version__}-{source.stat().st_size}-1"
    root = cache_root() if use_cache else None
    path = root / "jieba" / f"{context}.pickle" if root is not None else None
    stored = load(path, context, RestrictedUnpickler) if path is not None else None
    if (isinstance(stored, tuple) and len(stored) == 3 and isinstance(stored[0], dict)
            and isinstance(stored[1], int) and isinstance(stored[2], list)):
        return stored[0], stored[1], frozenset(stored[2])
    tokenizer = jieba.Tokenizer()
    frequencies, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    not_nouns = set()
    with tokenizer.get_dict_file() as lines:
        for line in lines:
            fields = line.decode("utf-8").split()  # word, frequency, tag
            if len(fields) == 3 and len(fields[0]) > 1 and fields[2] in _NOT_NOUN:
                not_nouns.add(fields[0])
    value = (frequencies, total, frozenset(not_nouns))
    if path is not None:
        from workbench.errors import WorkbenchError

        try:
            save(path, (frequencies, total, sorted(not_nouns)), context)  # a list: plain data to unpickle
        except (OSError, WorkbenchError):
            pass  # a read-only cache folder: build it again next time
    return value
