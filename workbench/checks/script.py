"""Script: Latin-script words left in a Chinese or Japanese translation, and words doubled by mistake in one.

Not reported: names and do-not-translate terms of the glossary (and any of its
renderings for the language), acronyms (GDP, 5G, iOS), words with digits or
underscores (code), placeholders, tags, URLs and e-mails, and text the source
has between backquotes or quotes. Without a glossary, a run of two or more
capitalised words that the source has too (a person's name kept in Latin
script) is taken for a name.
"""

from __future__ import annotations

import regex as re

from workbench.checks.base import INFO, WARNING, Context, Entry, EntryCheck, Issue
from workbench.checks.registry import register
from workbench.checks.text import blank_code, is_cjk_char

_LATIN_RUN = re.compile(r"[\p{Latin}][\p{Latin}\p{M}\d'’_.\-]*(?:[ \u00a0][\p{Latin}][\p{Latin}\p{M}\d'’_.\-]*)*")
_WORD = re.compile(r"[\p{Latin}][\p{Latin}\p{M}\d'’_.\-]*")
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9&.\-]*[A-Z0-9]\.?|[a-z]{1,2}[A-Z][A-Za-z0-9]*|[A-Z][a-z]?[A-Z][A-Za-z0-9]*)s?$")
_CODE_QUOTED = re.compile(r"`[^`]+`|'[^'\s][^']*'|\"[^\"]+\"")


@register
class LatinInCJK(EntryCheck):
    id = "latin-in-cjk"
    name = "Latin words in a CJK translation"
    description = ("Latin-script words left in a Chinese or Japanese translation that are neither names nor "
                   "do-not-translate terms of the glossary, acronyms or code.")
    severity = WARNING
    languages = frozenset({"zh", "ja", "yue", "wuu", "lzh"})

    def __init__(self) -> None:
        self._allowed: dict[tuple[int, str, str], set[str]] = {}

    def allowed_words(self, context: Context) -> set[str]:
        """Latin words the glossary allows in this language: names, do-not-translate terms, renderings.

        Built once per glossary and language pair: it depends on nothing else.
        """
        glossary = context.glossary
        key = (id(glossary), context.source_language, context.language)
        allowed = self._allowed.get(key)
        if allowed is None:
            allowed = self._allowed[key] = set()
            if glossary is not None:
                for term in glossary.names_and_dnt(context.source_language) + glossary.names_and_dnt(context.language):
                    allowed |= {w.lower() for w in _WORD.findall(term.text)}
                for concept in glossary.concepts:
                    for term in glossary.terms(concept, context.language):
                        if not term.rejected:
                            allowed |= {w.lower() for w in _WORD.findall(term.text)}
        return allowed

    def check_entry(self, entry: Entry, context: Context):
        glossary = context.glossary
        allowed = self.allowed_words(context)
        for form, source, target in entry.pairs():
            text = blank_code(target)
            text = _CODE_QUOTED.sub(lambda m: " " * len(m.group(0)), text)
            source_plain = blank_code(source)
            quoted_in_source = {m.group(0).strip("`'\"").lower() for m in _CODE_QUOTED.finditer(source)}
            for run in _LATIN_RUN.finditer(text):
                words = [w for w in _WORD.finditer(run.group(0))]
                proper_run = len(words) >= 2 and all(w.group(0)[0].isupper() for w in words)
                if proper_run and glossary is None and run.group(0) in source_plain:
                    continue
                for word_match in words:
                    word = word_match.group(0).strip("'’.-_")
                    if len(word) < 2 or word.lower() in allowed or word.lower() in quoted_in_source:
                        continue
                    if _ACRONYM.match(word) or any(c.isdigit() or c == "_" for c in word) or "." in word:
                        continue
                    if _codeish_token(text, run.start() + word_match.start(), run.start() + word_match.end()):
                        continue
                    start = run.start() + word_match.start()
                    # without a glossary to say what is a name, a word the source has too may be a kept
                    # loanword or product name (cookie, Django): a note, not a warning
                    kept = glossary is None and re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", source_plain, re.I)
                    severity = INFO if (kept or (word[0].isupper() and glossary is None)) else None
                    yield Issue(f"Latin-script word {word!r} left in the translation", offending=word,
                                span=(start, start + len(word)), form=form, severity=severity)


def _codeish_token(text: str, start: int, end: int) -> bool:
    """Whether the word sits in a code-like token: ``HH:MM[:ss[.uuuuuu]]``, ``a/b``, ``key=value``."""
    left, right = start, end
    while left > 0 and not text[left - 1].isspace() and not is_cjk_char(text[left - 1]):
        left -= 1
    while right < len(text) and not text[right].isspace() and not is_cjk_char(text[right]):
        right += 1
    return any(c in "[]{}<>=/\\|:_#@$" for c in text[left:right])


# -- doubled words in Chinese and Japanese ---------------------------------------------------------
# Doubling is grammar in both languages, but of one-character words (看看, 常常, 人々, 试一试, and
# AABB: 高高兴兴, 明明白白) or of two-mora sound words (いろいろ, ますます, わくわく, ドキドキ, ぴょんぴょん).
# A run of two or more characters said twice in a row (做强做强, 字段字段, オランダオランダ語) is an
# editing slip: a word pasted twice, or a term inserted beside itself.
_CJK_LETTER = r"[\p{Han}\p{Hiragana}\p{Katakana}ー々]"
# the shortest run that is said twice, from each position
_DOUBLED = re.compile(rf"({_CJK_LETTER}{{2,12}}?)\1")
_KANA = re.compile(r"^[\p{Hiragana}\p{Katakana}ー]+$")
_SMALL_KANA = set("ぁぃぅぇぉゃゅょゎっァィゥェォャュョヮッ")
# one and a counter, twice: 一つ一つ, 一人一人, 一个一个, 一步一步 ("one by one")
_ONE_BY_ONE = re.compile(r"^[一壹][\p{Han}\p{Hiragana}]$")
# the source repeats a word itself ("bye bye", "very, very"): the translation may too
_SOURCE_REPEAT = re.compile(r"(?<!\w)(\w+)\W{1,3}\1(?!\w)", re.IGNORECASE)


def _grammatical(run: str) -> bool:
    if len(set(run)) == 1:
        return True  # AA twice: 哈哈哈哈, 谢谢谢谢, ーー
    if _KANA.match(run) and sum(1 for c in run if c not in _SMALL_KANA) <= 2:
        return True  # a two-mora sound word or adverb: いろいろ, ますます, ドキドキ, ぴょんぴょん
    return bool(_ONE_BY_ONE.match(run))


@register
class CJKReduplication(EntryCheck):
    id = "cjk-reduplication"
    name = "Word doubled by mistake (Chinese, Japanese)"
    description = ("A run of two or more Han or kana characters said twice in a row (做强做强, 字段字段, "
                   "オランダオランダ語) where the source repeats nothing. Grammatical doubling stays silent: "
                   "one character (看看, 常常, 人々, 试一试) and AABB (高高兴兴), two-mora sound words and adverbs "
                   "(いろいろ, ますます, ドキドキ), one and a counter (一つ一つ, 一个一个).")
    severity = WARNING
    languages = frozenset({"zh", "ja", "yue", "wuu", "lzh"})

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            doubled = [m for m in _DOUBLED.finditer(blank_code(target, fill="\x00")) if not _grammatical(m.group(1))]
            if not doubled or _SOURCE_REPEAT.search(blank_code(source, fill="\x00")):
                continue
            for match in doubled:
                yield Issue(f"{match.group(1)!r} twice in a row", offending=match.group(0), span=match.span(),
                            form=form)


__all__ = ["CJKReduplication", "LatinInCJK", "WARNING"]
