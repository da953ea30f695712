"""Normalisers: a word -> its key, per language, for the term matcher (see matcher.py for the rules).

Every language: Unicode NFC, case-folding, ё read as е, a possessive 's (', ’
or ʼ) dropped. English: plural -s/-es/-ies. French: plural and feminine
endings, articles and glue words skipped (an empty key). Russian: pymorphy3
lemmas (a term word stands for the lemmas of all its forms). Ukrainian,
Belarusian, Bulgarian, Serbian: one case ending dropped. Spanish, Italian,
Portuguese, Catalan, German, Dutch: final -s, -x, -e, -n dropped.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Callable

from workbench.langs import primary

APOSTROPHES = "'’ʼ"  # ʼ (U+02BC) is a letter to Unicode, an apostrophe to writers


def _base(word: str) -> str:
    word = unicodedata.normalize("NFC", word)
    if word[-2:-1] in APOSTROPHES and word[-1:] in "sS":
        word = word[:-2]
    return word.casefold().replace("ё", "е")


def _english(word: str) -> str:
    w = _base(word)
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return w[:-2]
    if w.endswith(("ss", "us", "is")):
        return w
    return w[:-1] if w.endswith("s") else w


def _strip_final(word: str, letters: str) -> str:
    """``word`` without its final run of ``letters``, keeping three letters at least.

    The same key for a word and the word plus any of those endings (Bank,
    Banken; maire, maires), the tolerance of an optional-suffix pattern.
    """
    while len(word) > 3 and word[-1] in letters:
        word = word[:-1]
    return word


# Articles, "de" and a few prepositions and conjunctions come and go inside
# French noun phrases (l'industrie automobile, l'industrie de l'automobile;
# automobiles et pièces / d'automobiles et de pièces), so they are skipped on
# both sides (an empty key drops the token).
_FRENCH_SKIP = frozenset({"le", "la", "les", "l", "de", "d", "du", "des", "au", "aux", "à", "en", "et"})


def _french(word: str) -> str:
    w = _base(word)
    if w in _FRENCH_SKIP:
        return ""
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("aux"):
        return w[:-3] + "al"
    return _strip_final(w, "sxe")


def _romance_germanic(word: str) -> str:
    w = _base(word)
    return _strip_final(w, "sxen") if w.isalpha() else w


# One case ending, longest first; what a light stemmer for these languages drops.
_SLAVIC_ENDINGS = sorted(
    "ами ями ові еві ого ому его ему ими іми ою ею ої ій ий ый ой ая яя ое ее ые ие ом ем ам ям ах ях ів ей "
    "а я о е у ю і ї и ы ь й".split(), key=len, reverse=True)


def _slavic(word: str) -> str:
    w = _base(word)
    if not w.isalpha():
        return w
    for ending in _SLAVIC_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)]
    return w


@functools.lru_cache(maxsize=1)
def _morph():
    try:
        import pymorphy3
    except ImportError:
        return None
    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=1)
def _snowball():
    try:
        import snowballstemmer
    except ImportError:
        return None
    return snowballstemmer.stemmer("russian")


_NOMINAL = {"NOUN", "ADJF", "ADJS", "PRTF", "NUMR", "NPRO"}


class RussianNormaliser:
    """A text word's key is the lemma of pymorphy3's likeliest reading of it.

    That reading can belong to another lexeme than the glossary means
    (парков -> парковый, not парк), so a term word stands for the keys of every
    form of every nominal reading of it: the term matches whichever reading a
    text word gets. Without pymorphy3, Snowball's stemmer; without that, case-folding.
    """

    def __call__(self, word: str) -> str:
        return self._key(_base(word))

    @staticmethod
    @functools.lru_cache(maxsize=200_000)
    def _key(word: str) -> str:
        morph = _morph()
        if morph is None:
            stemmer = _snowball()
            return stemmer.stemWord(word) if stemmer else word
        return morph.parse(word)[0].normal_form.replace("ё", "е")

    @staticmethod
    @functools.lru_cache(maxsize=50_000)
    def term_keys(word: str) -> tuple[str, ...]:
        w = _base(word)
        keys = {RussianNormaliser._key(w)}
        morph = _morph()
        if morph is not None:
            parses = morph.parse(w)
            readings = [p for p in parses if p.tag.POS in _NOMINAL] or parses[:1]
            if not morph.word_is_known(w):
                readings = readings[:1]  # a guessed word (a name) has one plausible paradigm
            for reading in readings:
                keys.update(RussianNormaliser._key(form.word.replace("ё", "е")) for form in reading.lexeme)
        return tuple(sorted(keys))


def normaliser_for(language: str) -> Callable[[str], str]:
    """The token -> key function of a language."""
    code = primary(language)
    if code == "en":
        return _english
    if code == "fr":
        return _french
    if code == "ru":
        return RussianNormaliser()
    if code in ("uk", "be", "bg", "sr"):
        return _slavic
    if code in ("es", "it", "pt", "ca", "de", "nl"):
        return _romance_germanic
    return _base


# Skipped words that belong to a term when they stand at its edge: "en ligne" is not "ligne".
EDGE_WORDS = {"fr": frozenset({"en", "et"})}


def normaliser_version(language: str) -> str:
    """What a built index of ``language`` depends on besides the code: the morphology dictionary's version."""
    if primary(language) != "ru" or _morph() is None:
        return ""
    from importlib.metadata import version

    try:
        return f"pymorphy3 {version('pymorphy3')} {version('pymorphy3-dicts-ru')}"
    except Exception:  # noqa: BLE001 - a dictionary shipped otherwise: its path is as good a version
        return f"pymorphy3 {_morph().dictionary.path}"
