"""Word boundaries for short Chinese and Japanese terms.

The matcher cuts Han and kana text into single characters, so a term matches wherever its characters
stand in a row. For a long term that is right: a run of three or more characters that spells a
glossary term is, in practice, that term. For a short one it is not: 包 "package" stands inside 包含
"contain", 市长 "mayor" across 城市 | 长期, and a check that asks whether the translation has 包 would
answer yes for a sentence about containing. So a short term's match counts only where it is a word:

* Chinese (``zh``, ``zh_CN``, ...), a term of one or two Han characters: the text is segmented with
  jieba's dictionary, every term of the glossary's language added as a word (so 欧亚数字经济博览会
  or 扬州 is a word). Without its HMM: that guesses new words from characters the dictionary leaves
  single and glues a one-character word to its neighbours (这个/值太大/了, 该值/无效), so a term
  present would be reported missing; a longer word is one the dictionary or the glossary knows. A one-character term must be a whole word: 包 counts in
  这个包, not in 包含 nor in 软件包 (the glossary's longer term there is another concept). A
  two-character term must lie inside one word, as jieba's search mode gives a compound's parts: 扬州
  counts in 扬州市 and 市委 in 市委副书记, 市长 not in 城市长期 (城市 | 长期).
* Japanese (``ja``), without a segmenter: script changes are word boundaries (okurigana and particles
  are kana, so 削除します has the word 削除). A term of one or two kanji counts where its run of kanji
  is the term itself, or where the rest of that run splits into terms of the glossary (横浜市長 has
  市長 when 横浜 is a term); otherwise it is part of a longer word (価値 has no 値 "value"). A
  katakana term (any length) must likewise be its whole katakana run, or the rest of the run terms
  (ページ is not found in ホームページ).

Three or more Han characters, Korean, mixed scripts and every other language match as before.
jieba is imported and its dictionary loaded only when a text has a short Chinese term's characters
(about 0.5 s the first time in a process; the prefix dictionary is then kept in workbench's cache
folder, never jieba's default temporary folder), in a private ``jieba.Tokenizer``; its logging is
silenced. Segmentation is deterministic: the same dictionary, terms added in termbase order.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable

import regex

from workbench.langs import primary

SHORT = 2  # Han characters at most for a term whose boundaries are checked
CHINESE, KANJI, KATAKANA = "zh", "kanji", "katakana"

_HAN = regex.compile(r"\p{Han}+")  # 々 is Han too
_KATAKANA = regex.compile(r"[\p{Katakana}ーｰ]+")  # the long-vowel mark is part of the word; ・ separates words
_MEMO_LIMIT = 50_000
_LONGEST_RUN = 40


def rule(term: str, language: str) -> str | None:
    """Which boundary rule a term of ``language`` needs: CHINESE, KANJI, KATAKANA, or None (match as is)."""
    base = primary(language)
    if base == "zh":
        return CHINESE if len(term) <= SHORT and _HAN.fullmatch(term) else None
    if base == "ja":
        if len(term) <= SHORT and _HAN.fullmatch(term):
            return KANJI
        if _KATAKANA.fullmatch(term):
            return KATAKANA
    return None


class Words:
    """Whether a match of a short term in a text is a word there, for one language's glossary terms."""

    def __init__(self, language: str, terms: Iterable[str], use_cache: bool = False):
        self.language = language
        self.use_cache = use_cache  # keep jieba's dictionary in workbench's cache folder (not with --no-cache)
        self.terms = list(dict.fromkeys(terms))  # termbase order, each once
        self._known = frozenset(self.terms)
        self._tokenizer = None
        self._segments: dict[str, list[tuple[int, int]]] = {}
        self._split_memo: dict[str, bool] = {}

    def is_word(self, text: str, start: int, end: int, kind: str) -> bool:
        if kind == CHINESE:
            return self._in_one_word(text, start, end)
        pattern = _HAN if kind == KANJI else _KATAKANA
        if not pattern.fullmatch(text, start, end):
            return False  # split by something else (a space, a middle dot): not one word
        run_start, run_end = start, end
        while run_start > 0 and pattern.fullmatch(text[run_start - 1]):
            run_start -= 1
        while run_end < len(text) and pattern.fullmatch(text[run_end]):
            run_end += 1
        return self._splits(text[run_start:start]) and self._splits(text[end:run_end])

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
    def _in_one_word(self, text: str, start: int, end: int) -> bool:
        for word_start, word_end in self.segments(text):
            if word_start <= start and end <= word_end:
                # one character: the whole word; two: any part of a word, as jieba's search mode yields them
                return end - start > 1 or (word_start, word_end) == (start, end)
            if word_start >= end:
                break
        return False

    def segments(self, text: str) -> list[tuple[int, int]]:
        """jieba's words of ``text``, as (start, end)."""
        found = self._segments.get(text)
        if found is None:
            if len(self._segments) > _MEMO_LIMIT:
                self._segments.clear()
            found = self._segments[text] = [(start, end) for _, start, end in self.tokenizer().tokenize(text, HMM=False)]
        return found

    def tokenizer(self):
        """A private jieba tokenizer with the glossary's terms as words, made on first use."""
        if self._tokenizer is None:
            import jieba

            tokenizer = jieba.Tokenizer()
            frequencies, total = _dictionary(self.use_cache)
            tokenizer.FREQ, tokenizer.total = dict(frequencies), total  # add_word changes its own copy
            tokenizer.initialized = True  # jieba's initialize would read or write its cache in the temp folder
            for term in self.terms:
                if _HAN.search(term):
                    tokenizer.add_word(term)
            self._tokenizer = tokenizer
        return self._tokenizer


_DICTIONARY: list[tuple[dict[str, int], int]] = []  # once per process


def _dictionary(use_cache: bool) -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary of its default word list: from workbench's cache folder if stored there
    (and ``use_cache``), else built (~0.5 s) and stored."""
    if not _DICTIONARY:
        _DICTIONARY.append(_read_dictionary(use_cache))
    return _DICTIONARY[0]


def _read_dictionary(use_cache: bool) -> tuple[dict[str, int], int]:
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)  # it logs every dictionary load at DEBUG
    from workbench.cache import RestrictedUnpickler, cache_root, load, save

    source = Path(jieba.__file__).with_name("dict.txt")
    context = f"jieba-{jieba.__version__}-{source.stat().st_size}"
    root = cache_root() if use_cache else None
    path = root / "jieba" / f"{context}.pickle" if root is not None else None
    stored = load(path, context, RestrictedUnpickler) if path is not None else None
    if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], dict) and isinstance(stored[1], int):
        return stored
    tokenizer = jieba.Tokenizer()
    frequencies, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    if path is not None:
        from workbench.errors import WorkbenchError

        try:
            save(path, (frequencies, total), context)
        except (OSError, WorkbenchError):
            pass  # a read-only cache folder: build it again next time
    return frequencies, total
