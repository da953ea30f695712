"""Text helpers shared by the check families: protected spans, scripts, words.

A "protected" span is text that is code rather than prose: placeholders
(printf, Python %-named, brace), HTML/XML tags, URLs and e-mail addresses.
Prose checks (numbers, punctuation, Latin-in-CJK, repeated words) blank
these spans out first so that ``%(count)s`` or ``https://x.org/2023`` never
look like words or numbers.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex as re

from workbench.langs import primary

# -- code-like spans ----------------------------------------------------------
# A URL or an address ends where CJK text begins: "](https://example.org/fair)报名", "至fair@example.org联系"
# (CJK text is written without spaces, so the next word follows directly; IRIs with CJK paths are rare in
# UI text, and reading them short only costs a missed comparison, never a false one)
_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef"
URL = re.compile(
    rf"""(?:(?:https?|ftp)://|www\.)[^\s<>"'“”«»{_CJK}]*[^\s<>"'“”«».,;:!?)\]{_CJK}]""",
    re.I,
)
_ADDRESS_CHAR = rf"[^\W{_CJK}]"
EMAIL = re.compile(rf"(?<!{_ADDRESS_CHAR}|[.+-])(?:{_ADDRESS_CHAR}|[.+-])+@(?:{_ADDRESS_CHAR}|-)+(?:\.(?:{_ADDRESS_CHAR}|-)+)*"
                   rf"\.[A-Za-z]{{2,}}(?!{_ADDRESS_CHAR})")
PYTHON_FORMAT = re.compile(r"%\((?P<name>[^)\s]+)\)[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")
# printf: %s %d %5.2f %1$s %ld %%; a space flag is not accepted ("50% off" is prose)
PRINTF = re.compile(r"%(?:(?P<pos>\d+)\$)?[-#0+']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?(?P<conv>[diouxXeEfFgGaAcspn%@])")
BRACE_FORMAT = re.compile(r"(?<!\{)\{(?P<name>[^\W\d][\w.]*(?:\[[^\]]*\])?|\d*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
TAG = re.compile(r"</?(?P<name>[A-Za-z][\w:.-]*)(?P<attrs>(?:\s+[^<>]*?)?)\s*/?>")

CODE_SPANS = (URL, EMAIL, PYTHON_FORMAT, TAG)
# a character or prefix every code span above starts with or contains (only "www." has letters: no other
# character folds to w, so spelling its cases out is the same as re.I, and twice as fast)
_CODE_HINT = re.compile(r"[%<@{]|://|[wW][wW][wW]\.")


def _has_url(text: str) -> bool:
    return "://" in text or "www." in text.lower()


# what each pattern's every match holds, tested before the pattern is run: a text with a code hint mostly has
# one kind of code ("%(name)s"), and the other patterns need not scan it
_TRIGGERS = {
    URL: _has_url, EMAIL: lambda text: "@" in text, PYTHON_FORMAT: lambda text: "%(" in text,
    TAG: lambda text: "<" in text, BRACE_FORMAT: lambda text: "{" in text, PRINTF: lambda text: "%" in text,
}


@lru_cache(maxsize=8192)  # several checks ask about the same text in turn
def protected_spans(text: str, printf: bool = True, brace: bool = True) -> tuple[tuple[int, int], ...]:
    if not _CODE_HINT.search(text):
        return ()  # most prose has no code: one scan instead of six
    spans: list[tuple[int, int]] = []
    patterns = list(CODE_SPANS)
    if brace:
        patterns.append(BRACE_FORMAT)
    if printf:
        patterns.append(PRINTF)
    for pattern in patterns:
        if not _TRIGGERS[pattern](text):
            continue
        for match in pattern.finditer(text):
            if pattern is PRINTF and match.group("conv") == "%":
                continue
            spans.append(match.span())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


@lru_cache(maxsize=8192)
def blank_code(text: str, printf: bool = True, brace: bool = True, fill: str = " ") -> str:
    """``text`` with code spans replaced by ``fill`` characters, so offsets stay valid."""
    spans = protected_spans(text, printf=printf, brace=brace)
    if not spans:
        return text
    parts = []
    done = 0
    for start, end in spans:  # (sorted, apart: merged)
        parts += (text[done:start], fill * (end - start))
        done = end
    parts.append(text[done:])
    return "".join(parts)


# -- scripts ------------------------------------------------------------------
CJK_CHAR = re.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef]")
HAN_OR_KANA = re.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
LATIN_WORD = re.compile(r"\p{Latin}[\p{Latin}\p{M}'’-]*")
WORD = re.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’-]*")

CYRILLIC_LANGUAGES = {"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg", "tt", "ba", "cv", "ce", "os", "udm", "sah"}
CASELESS_LANGUAGES = {"zh", "ja", "ko", "yue", "th", "lo", "km", "my", "he", "ar", "fa", "ur", "hi", "bn", "ta", "te",
                      "kn", "ml", "mr", "gu", "pa", "ne", "si", "ka", "am", "ps", "sd", "ug", "dv", "or", "as", "bo"}


@lru_cache(maxsize=None)
def script_of(language: str) -> str:
    """A coarse script class of a language: 'cjk', 'cyrillic', 'latin' or 'other'."""
    code = primary(language)
    if code in {"zh", "ja", "ko", "yue", "wuu", "lzh"}:
        return "cjk"
    if code in CYRILLIC_LANGUAGES and "latin" not in language.lower():
        return "cyrillic"
    if code == "el":
        return "greek"
    if code in CASELESS_LANGUAGES or code == "hy":
        return "other"
    return "latin"


def is_han_language(language: str) -> bool:
    """Chinese and Japanese: the languages written with full-width punctuation and no word spaces."""
    return primary(language) in {"zh", "ja", "yue", "wuu", "lzh"}


def is_cjk_char(char: str) -> bool:
    return bool(HAN_OR_KANA.match(char))


def is_fullwidth_punct(char: str) -> bool:
    return "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef" or char in "“”‘’…—·"


def has_letters(text: str) -> bool:
    return any(unicodedata.category(c).startswith("L") for c in text)


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return WORD.findall(text)
