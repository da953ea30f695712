"""The data workbench takes from its dependencies, pinned by a snapshot.

Catalogue bytes and findings depend on data that ships inside libraries: CLDR (via Babel) for
plural rules, number symbols, month names and language names; pymorphy3's Russian dictionary
and simplemma's lemmas (German, Spanish, Italian, Portuguese, Polish, Ukrainian ...) for term matching
and glossary hints; the Unicode tables of Python and of ``regex`` for
tokenising and the script checks. requirements.lock pins those libraries; this test makes a
bump that changes any of that data fail here, named, instead of slipping into the output.

After a deliberate upgrade (``./wb upgrade-deps``), look at what changed, then rewrite the
snapshot with ``WORKBENCH_UPDATE_LIBRARY_DATA=1 ./wb test tests/test_library_data.py`` and say
in the commit what changes for users.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import unicodedata
from pathlib import Path

import regex
from babel import localedata
from babel import numbers as babel_numbers
from babel.dates import get_day_names, get_month_names

from workbench.checks.numbers import _SPELLED_UP_TO, spelled_forms
from workbench.glossary.normalise import RussianNormaliser, normaliser_for
from workbench.glossary.model import _likely_region
from workbench.langs import language_name, locale_for, primary
from workbench.plurals import accepted_plural_forms, default_plural_forms
from workbench.po.reader import read_po

SNAPSHOT = Path(__file__).parent / "data" / "library_data.json"
REPO = Path(__file__).resolve().parent.parent
# The project's languages, the ones the precision benchmark reads, and the big European ones.
LANGUAGES = ["ar", "ca", "de", "en", "es", "fr", "hi", "it", "ja", "ko", "pl", "pt", "pt_BR", "ru", "uk",
             "zh_CN", "zh_Hans", "zh_Hant"]


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def _plural_rules() -> dict[str, str]:
    """Every CLDR language: the Plural-Forms a new catalogue gets, and the rules the header check accepts."""
    rules = {}
    for code in sorted({identifier.split("_")[0] for identifier in localedata.locale_identifiers()} | set(LANGUAGES)):
        try:
            accepted = [forms.signature for forms in accepted_plural_forms(code)]
            rules[code] = f"{default_plural_forms(code)} | accepts {_digest(accepted)}"
        except Exception as exc:  # noqa: BLE001 - a language the data cannot render is data too
            rules[code] = f"error: {type(exc).__name__}"
    return rules


def _locale_data(code: str) -> dict:
    locale = locale_for(code)
    months = {f"{context}/{width}": list(get_month_names(width, context, locale).values())
              for context in ("format", "stand-alone") for width in ("wide", "abbreviated")}
    return {
        "name": language_name(code),
        "likely region": _likely_region(primary(code)),  # which regional terms a bare code takes
        "order": locale.character_order,
        "group": babel_numbers.get_group_symbol(locale),
        "decimal": babel_numbers.get_decimal_symbol(locale),
        "formatted": babel_numbers.format_decimal(1234567.891, locale=locale),
        "months": months,
        # the weekday and month-name checks read every width and context
        "days": {f"{context}/{width}": list(get_day_names(width, context, locale).values())
                 for context in ("format", "stand-alone") for width in ("wide", "abbreviated")},
    }


def _russian_words() -> list[str]:
    words = set()
    for path in sorted((REPO / "locales" / "ru").rglob("*.po")):
        for message in read_po(path).entries():
            words.update(regex.findall(r"\w+", message.msgstr.lower()))
    return sorted(words)


# Forms the term matcher must key like their term (and a few it must not): see tests/glossary/test_matcher.py.
SIMPLEMMA_WORDS = {
    "de": "Terminalausgaben Terminal Präsidentin Präsidentinnen Präsident des deutschen Botschafters deutscher "
          "Botschafter Berliner Berlin Münchner Banken Bank Arbeiter Arbeit Termin Dateigröße Dateigrösse Ausgaben",
    "es": "embajadores embajador alemanes alemán ciudades ciudad embajada presidenta presidente",
    "it": "ambasciatori ambasciatore tedeschi presidentessa",
    "pt": "embaixadores embaixador alemães presidenta presidente",
    "pl": "ambasadora ambasador niemieckiego prezydenta prezydentka",
    "uk": "президентка президента президент посла німецького містом",
}


def _simplemma_keys() -> dict:
    out = {}
    for code, words in SIMPLEMMA_WORDS.items():
        normalise = normaliser_for(code)
        out[code] = {word: normalise(word) for word in words.split()}
    return out


def _unicode() -> dict[str, str]:
    """Digests of the character classes the tokenisers and script checks use, over all of Unicode."""
    characters = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    classes = {}
    for name, pattern in [("regex letters", r"\p{L}"), ("regex Han", r"\p{Han}"), ("regex word", r"\w"),
                          ("regex punctuation", r"\p{P}"), ("regex Cyrillic", r"\p{Cyrillic}")]:
        classes[name] = _digest("".join(regex.findall(pattern, characters)))
    classes["python categories"] = _digest("".join(unicodedata.category(c) for c in characters))
    classes["python NFKC"] = _digest(unicodedata.normalize("NFKC", characters[:0x30000]))
    return classes


def current(words: list[str]) -> dict:
    lemmas = {word: RussianNormaliser.term_keys(word) for word in words}
    return {
        "python": f"{sys.version_info.major}.{sys.version_info.minor}, Unicode {unicodedata.unidata_version}",
        "plural rules": _plural_rules(),
        "locales": {code: _locale_data(code) for code in LANGUAGES},
        "russian lemmas": {"words": words, "digest": _digest(lemmas)},
        "simplemma keys": _simplemma_keys(),
        "unicode": _unicode(),
        "number words": _number_words(),
    }


def _number_words() -> dict:
    """num2words' spellings the numbers check accepts (0 to 1,000, cardinal and ordinal), per language:
    a few samples to read and a digest of all."""
    out = {}
    for code in LANGUAGES:
        spelled = {value: spelled_forms(value, code) for value in range(_SPELLED_UP_TO + 1)}
        if any(spelled.values()):
            out[code] = {"samples": {str(v): list(spelled[v]) for v in (1, 2, 7, 21)}, "digest": _digest(spelled)}
    return out


def _differences(old, new, path="") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in sorted(set(old) | set(new)):
            out += _differences(old.get(key), new.get(key), f"{path}/{key}")
        return out
    return [] if old == new else [f"{path}: {old!r} -> {new!r}"]


def test_library_data_is_what_the_snapshot_says():
    updating = bool(os.environ.get("WORKBENCH_UPDATE_LIBRARY_DATA"))
    # The Russian words are those of the project's catalogues when the snapshot was made: a new translation
    # must not fail this test, only a dependency that keys the same words differently.
    words = _russian_words() if updating else json.loads(SNAPSHOT.read_text(encoding="utf-8"))["russian lemmas"]["words"]
    data = current(words)
    if updating:
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    changed = _differences(expected, json.loads(json.dumps(data)))
    assert not changed, ("data from the dependencies changed (see this file's docstring):\n  "
                         + "\n  ".join(changed[:40]))
