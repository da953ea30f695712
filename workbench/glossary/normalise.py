"""Normalisers: a word -> its key, per language, for the term matcher (see matcher.py for the rules).

Which forms of a term count as the term, by language:

* every language: Unicode NFC, case-folding, ё read as е, a possessive 's (', ’ or ʼ) dropped;
* English: plural -s/-es/-ies;
* French: plural and feminine endings; articles and glue words skipped (an empty key);
* Russian: pymorphy3 lemmas (a term word stands for the lemmas of all its forms);
* German, Spanish, Italian, Portuguese, Catalan, Dutch, Polish, Ukrainian, Bulgarian: simplemma's
  lemma of each word its dictionary knows (des deutschen Botschafters -> der deutsch botschafter;
  las ciudades -> la ciudad; prezydenta -> prezydent), the light ending rule below for one it does not;
* German besides: a feminine title in -in/-innen whose masculine the dictionary knows and which names a
  person (-ent, -ant, -ist, -er, -or, -eur, -är, -at, -ekt, -oge: Präsidentin -> präsident); a
  compound the dictionary does not know, cut where both parts are words it knows (a linking s
  allowed), so each part is a word (Terminalausgaben -> terminal ausgabe): the term ``Terminal`` is
  found in it, and so is ``Ausgabe``; a noun compound the dictionary knows keeps its word and adds its
  head, the last part (cut as above), since a German compound is a kind of its head: ``Paket`` is found
  in Softwarepaket and ``Größe`` in Dateigröße, but ``Datei`` is not (a Dateigröße is no Datei);
  and a name's word (a term of a name concept: properNoun, or a places/persons subject) stands for
  its adjective in -er too (Berlin: Berliner, Schweiz: Schweizer, München: Münchner);
* Belarusian, and Ukrainian or Bulgarian words simplemma does not know: one case ending dropped;
* Serbian, Croatian, Bosnian (Latin and Cyrillic): one case ending of theirs dropped, a term word standing
  for its undropped key too (a name ending in a vowel declined: Jangdžou, Jangdžoua);
* Arabic, Hebrew: a term's first word with proclitics joined before it (و ف ب ك ل ال; ו ש ב כ ל מ ה);
* Turkish: a term's last word with plural, possessive and case suffixes after it;
* Spanish, Italian, Portuguese, Catalan, German, Dutch words simplemma does not know: final -s, -x,
  -e, -n dropped;
* everything else (Chinese, Japanese, Korean: a character is a token, nouns do not inflect): case-folding.

What does not count: a different word with a shared stem (Arbeiter is not Arbeit, Termin is not
Term), a derivation other than the ones above.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Callable

from workbench.langs import primary

APOSTROPHES = "'’ʼ"  # ʼ (U+02BC) is a letter to Unicode, an apostrophe to writers


def _plain(word: str) -> str:
    """NFC, a possessive 's dropped; the case kept (German lemmas depend on it)."""
    word = unicodedata.normalize("NFC", word)
    if word[-2:-1] in APOSTROPHES and word[-1:] in "sS":
        word = word[:-2]
    return word


def _base(word: str) -> str:
    return _plain(word).casefold().replace("ё", "е")


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


# Serbian, Croatian and Bosnian (one grammar, Latin and Cyrillic script): the case endings of nouns and
# adjectives (Tadžikistana, Tadžikistanu, Tadžikistanom; automobilskoj industriji), in both scripts, besides
# the Slavic ones above. Serbian Latin words had none: "Tadžikistana" was not "Tadžikistan".
_SERBO_CROATIAN_LATIN = "ima ama oga ega omu emu om em og eg oj ih im a e i o u".split()
_SERBO_CROATIAN_ENDINGS = sorted(
    set(_SLAVIC_ENDINGS) | set(_SERBO_CROATIAN_LATIN)
    | {e.translate(str.maketrans("aeioumgjh", "аеиоумгјх")) for e in _SERBO_CROATIAN_LATIN},
    key=len, reverse=True)


class SerboCroatianNormaliser:
    """One case ending dropped (``_SERBO_CROATIAN_ENDINGS``); a term word stands for its own key too, so that a
    name ending in a vowel is found declined (Jangdžou: Jangdžoua, u Jangdžouu), where the ending dropped
    from the text word is added to the whole name, not put in place of its last vowel."""

    def __call__(self, word: str) -> str:
        w = _base(word)
        if w.isalpha():
            for ending in _SERBO_CROATIAN_ENDINGS:
                if w.endswith(ending) and len(w) - len(ending) >= 3:
                    return w[: -len(ending)]
        return w

    def term_keys(self, word: str, name: bool = False) -> tuple[str, ...]:
        return tuple(sorted({self(word), _base(word)}))


# Proclitics: one-letter words (and, by, in, to, the ...) written joined to the next word, so a term is also
# found as the end of a word beginning with them: وليانغتشو "and Yangzhou", ביאנגג׳ואו "in Yangzhou". Only a
# term's first word takes them (``lead_keys``); text words are not cut, so no word loses a letter that is
# its own. Arabic: wa-/fa- "and, so", then bi-/ka-/li- "by, like, for", then the article al- (li- + al- is
# written lil-: للصين); Hebrew: ve- "and", she- "that", then be-/ke-/le-/mi- "in, like, to, from", then the
# article ha- (dropped after be-/ke-/le-: בבית is ב + הבית).
def _arabic_leads(key: str) -> set[str]:
    article = key.startswith("ال")
    leads = set()
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ك", "ل"):
            for word in (key,) if article else (key, "ال" + key):
                if prep == "ل" and word.startswith("ال"):
                    word = word[1:]  # li- + al- is written lil-: ل + لصين
                leads.add(conj + prep + word)
    return leads


def _hebrew_leads(key: str) -> set[str]:
    article = key.startswith("ה")
    leads = set()
    for conj in ("", "ו"):
        for rel in ("", "ש"):
            for prep in ("", "ב", "כ", "ל", "מ"):
                lead = conj + rel + prep
                leads.add(lead + key)
                if prep in ("ב", "כ", "ל"):
                    if article and len(key) > 2:
                        leads.add(lead + key[1:])  # the article dropped after be-/ke-/le-
                elif not article:
                    leads.add(lead + "ה" + key)
    return leads


# Turkish: case, possessive and plural suffixes follow the word, their vowels in harmony with its last vowel
# (sanayi: sanayii, sanayiinin; bakan: bakanın, bakanlar, bakanları). A term's last word, the head of a
# Turkish noun phrase, stands for its forms with them (``tail_keys``): generated, since cutting suffixes off
# text words cannot tell bakan+ın from baka+nın. Plural, then possessive (3rd person), then case; a buffer y
# or n after a vowel (n after a possessive: sanayiinin, sanayiine); k becomes ğ before a vowel (bakanlığı).
# Proper names take their suffixes after an apostrophe (Yangzhou'da), which already parts them from the name.
_TR_VOWELS = "aıoueiöü"


def _tr_join(stem: str, suffix: str) -> str:
    if suffix[0] in _TR_VOWELS and stem.endswith("k") and sum(c in _TR_VOWELS for c in stem) > 1:
        stem = stem[:-1] + "ğ"
    return stem + suffix


def _tr_harmony(stem: str) -> tuple[str, str]:
    """The two-way (a/e) and four-way (ı/i/u/ü) vowel of a suffix after ``stem``."""
    last = next((c for c in reversed(stem) if c in _TR_VOWELS), "e")
    return ("a" if last in "aıou" else "e"), "ııuuiiüü"[_TR_VOWELS.index(last)]


def _tr_cases(stem: str) -> list[str]:
    a, i = _tr_harmony(stem)
    d = "t" if stem[-1:] in "fstkçşhp" else "d"
    if stem[-1:] in _TR_VOWELS:
        endings = ["y" + i, "n" + i, "n" + i + "n", "y" + a, "n" + a, "d" + a, "nd" + a, "d" + a + "n",
                   "nd" + a + "n", "yl" + a]
    else:
        endings = [i, i + "n", a, d + a, d + a + "n", "l" + a]
    return [_tr_join(stem, e) for e in endings]


def _turkish_tails(key: str) -> set[str]:
    if not key.isalpha() or len(key) < 3:
        return {key}
    a, _ = _tr_harmony(key)
    stems = [key, key + "l" + a + "r"]
    for stem in list(stems):
        _, i = _tr_harmony(stem)
        stems.append(_tr_join(stem, ("s" + i) if stem[-1] in _TR_VOWELS else i))
    return {form for stem in stems for form in (stem, *_tr_cases(stem))}


class AffixNormaliser:
    """Case-folding; a term's first word also stands for itself with the language's proclitics before it
    (``lead_keys``), its last word for itself with the language's suffixes after it (``tail_keys``)."""

    def __init__(self, leads: Callable[[str], set[str]] | None = None,
                 tails: Callable[[str], set[str]] | None = None):
        if leads is not None:
            self.lead_keys = lambda key: tuple(sorted(leads(key)))
        if tails is not None:
            self.tail_keys = lambda key: tuple(sorted(tails(key)))

    def __call__(self, word: str) -> str:
        return _base(word)


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
    def term_keys(word: str, name: bool = False) -> tuple[str, ...]:
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


# -- simplemma: dictionary lemmas -------------------------------------------------------
# Languages whose words are keyed by simplemma's lemma; the rule for a word its dictionary does not know.
_LEMMATISED: dict[str, Callable[[str], str]] = {
    "de": _romance_germanic, "nl": _romance_germanic, "es": _romance_germanic, "it": _romance_germanic,
    "pt": _romance_germanic, "ca": _romance_germanic, "pl": _base, "uk": _slavic, "bg": _slavic,
}


@functools.lru_cache(maxsize=1)
def _simplemma():
    try:
        import simplemma
    except ImportError:
        return None
    return simplemma


def _known(word: str, code: str) -> bool:
    return _simplemma().is_known(word, lang=code)


class LemmaNormaliser:
    """A word's key is simplemma's lemma of it when the dictionary knows the word, else the language's light
    ending rule (names, rare words): a form and its lemma get one key, unrelated words sharing a stem do not.
    Without simplemma, the light rule alone."""

    compounds = False  # a key may be several words (German compounds, see GermanNormaliser)

    def __init__(self, code: str):
        self.code = code
        self.fallback = _LEMMATISED[code]
        self._key = functools.lru_cache(maxsize=200_000)(self._lemma_key)

    def __call__(self, word: str) -> str:
        return self._key(_plain(word))

    def _lemma_key(self, word: str) -> str:
        if _simplemma() is None or not word.isalpha() or not _known(word, self.code):
            return self.fallback(word)
        return _simplemma().lemmatize(word, lang=self.code).casefold().replace("ё", "е")


# The endings of German nouns for people whose feminine adds -in (Präsident/in, Botschafter/in, Pilot/in);
# a word merely ending in -in (Termin, Benzin, Medizin, Berlin) is left alone.
_GERMAN_PERSON = ("ent", "ant", "ist", "er", "or", "eur", "är", "at", "ekt", "oge", "ot")


# Verb particles: a known word that begins with one is mostly a verb's noun (Übersetzung from übersetzen,
# Weiterleitung, Zusammenfassung, Übersicht), not a compound of two nouns, so its end is no head (an
# Übersicht is no Sicht). Unter- and nach- stay: Unterseite, Nachname are a Seite and a Name.
_GERMAN_PARTICLES = ("über", "wieder", "weiter", "zusammen", "hervor", "heraus", "hinzu", "zurück", "fort",
                     "durch", "hinter", "gegen", "wider", "voll", "frei")


class GermanNormaliser(LemmaNormaliser):
    """Lemmas, plus feminine titles, compounds and the adjectives of place names (see the module docstring)."""

    compounds = True

    def __init__(self):
        super().__init__("de")

    def _lemma_key(self, word: str) -> str:
        if _simplemma() is None or not word.isalpha():
            return self.fallback(word)
        if _known(word, "de"):
            lemma = self._lemma(word)
            return " ".join([lemma.casefold(), *self._heads(lemma)])
        parts = self._compound(word)
        if parts:
            first, head = parts
            return self._lemma(first).casefold() + " " + self._lemma_key(head)
        return self.fallback(word)

    def _lemma(self, word: str) -> str:
        return self._feminine(_simplemma().lemmatize(word, lang="de"))

    def _heads(self, lemma: str) -> list[str]:
        """The keys of a known noun compound's heads, outermost first (Softwarepaket -> paket;
        Dateigröße -> größe, not datei: a Dateigröße is a Größe, not a Datei). German compounds are
        right-headed, so the head names what the whole is; the modifier does not."""
        heads: list[str] = []
        if (not _simplemma().lemmatize(lemma.lower(), lang="de")[:1].isupper()
                or lemma.casefold().startswith(_GERMAN_PARTICLES)):
            return heads  # a verb or adjective capitalised (Speichern, Fehlende), a verb's noun: no head
        while lemma[:1].isupper() and len(heads) < 3 and (parts := self._compound(lemma)):
            lemma = self._lemma(parts[1])
            if not lemma[:1].isupper():
                break  # a noun's head is a noun: Web|seite is not Webs|eite
            heads.append(lemma.casefold())
        return heads

    @staticmethod
    def _feminine(lemma: str) -> str:
        """Präsidentin -> Präsident: -in on a known person noun; the lemma itself otherwise."""
        if lemma.endswith("in"):
            stem = lemma[:-2]
            if len(stem) >= 4 and stem.endswith(_GERMAN_PERSON) and _known(stem, "de"):
                return stem
        return lemma

    @staticmethod
    def _compound(word: str) -> tuple[str, str] | None:
        """An unknown word cut into two known ones of four letters at least (a linking s between them
        dropped), the shortest first part first: Terminalausgaben -> Terminal, Ausgaben."""
        for cut in range(4, len(word) - 3):
            head = word[cut].upper() + word[cut + 1:]
            if not _known(head, "de"):
                continue
            for first in (word[:cut], word[:cut - 1] if word[cut - 1] == "s" and cut > 4 else ""):
                if first and _known(first, "de"):
                    return first, head
        return None

    @functools.lru_cache(maxsize=50_000)
    def term_keys(self, word: str, name: bool = False) -> tuple[str, ...]:
        """The keys a term word stands for: its own; its other-case reading where the dictionary knows that
        (deutscher, and Deutschen at the start of a heading); for a name's word, its adjectives in -er; for a
        compound the dictionary knows, its word alone too, without its heads: so it is found as the first
        part of a compound the dictionary does not know (Passwort in Passwortformat: passwort format)."""
        word = _plain(word)
        variants = [word]
        other = word.lower() if word[:1].isupper() else word[:1].upper() + word[1:]
        if other != word and _simplemma() is not None and _known(other, "de"):
            variants.append(other)
        if name and word[:1].isupper() and word.isalpha():
            variants.append(word + "er")  # Berlin: Berliner
            if word.endswith("en"):
                variants += [word[:-2] + "ner", word[:-1] + "r"]  # München: Münchner; Bremen: Bremer
        keys = {self(v) for v in variants}
        return tuple(sorted(keys | {key.split(" ")[0] for v, key in zip(variants, map(self, variants))
                                    if " " in key and _known(v, "de")}))


def normaliser_for(language: str) -> Callable[[str], str]:
    """The token -> key function of a language."""
    code = primary(language)
    if code == "en":
        return _english
    if code == "fr":
        return _french
    if code == "ru":
        return RussianNormaliser()
    if code == "de":
        return _german()
    if code in _LEMMATISED:
        return _lemma_normaliser(code)
    if code == "be":
        return _slavic
    if code in ("sr", "hr", "bs"):
        return _serbo_croatian()
    if code == "ar":
        return _arabic()
    if code == "he":
        return _hebrew()
    if code == "tr":
        return _turkish()
    return _base


@functools.lru_cache(maxsize=1)
def _serbo_croatian() -> SerboCroatianNormaliser:
    return SerboCroatianNormaliser()


@functools.lru_cache(maxsize=1)
def _arabic() -> AffixNormaliser:
    return AffixNormaliser(leads=_arabic_leads)


@functools.lru_cache(maxsize=1)
def _hebrew() -> AffixNormaliser:
    return AffixNormaliser(leads=_hebrew_leads)


@functools.lru_cache(maxsize=1)
def _turkish() -> AffixNormaliser:
    return AffixNormaliser(tails=_turkish_tails)


@functools.lru_cache(maxsize=1)
def _german() -> GermanNormaliser:
    return GermanNormaliser()


@functools.lru_cache(maxsize=None)
def _lemma_normaliser(code: str) -> LemmaNormaliser:
    return LemmaNormaliser(code)


# Skipped words that belong to a term when they stand at its edge: "en ligne" is not "ligne".
EDGE_WORDS = {"fr": frozenset({"en", "et"})}


def normaliser_version(language: str) -> str:
    """What a built index of ``language`` depends on besides the code: the morphology dictionary's version."""
    from importlib.metadata import version

    if primary(language) in _LEMMATISED:
        # German's rules are part of the index too: an index stored before compounds had heads lacks them
        rules = " heads" if primary(language) == "de" else ""
        return f"simplemma {version('simplemma')}{rules}" if _simplemma() is not None else ""
    if primary(language) != "ru" or _morph() is None:
        return ""

    try:
        return f"pymorphy3 {version('pymorphy3')} {version('pymorphy3-dicts-ru')}"
    except Exception:  # noqa: BLE001 - a dictionary shipped otherwise: its path is as good a version
        return f"pymorphy3 {_morph().dictionary.path}"
