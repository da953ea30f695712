"""Numbers: every number of the source survives in the translation, in whatever form.

A source number may come out as digits with the target's own separators
(1,000.5 = 1 000,5 in ru/fr, via CLDR), as a number word in the target
(four = 四 = четыре/четырёх = quatre; Sixth = 六/第六 = шестой/шестого =
sixième), with a multiplier (10,000 = 1万; 1.5 million = 150万 = 1,5 млн), or
as part of a date (August 29 = 8月29日 = 29 августа = 29 août: the month is
checked as a month, by CLDR's month names). Forms CLDR itself writes are read
too: Arabic ٫ and ٬, Indian lakh grouping (12,50,000), myriads summed
(12億3450万), Hebrew prefixes (באוגוסט), Serbian genitives (29. avgusta) and
Thai Buddhist-era years (2566 for 2023). Extra digits in the translation
that match nothing in the source are reported too, as warnings.

English number words in the source (two … ninety, third … twentieth; not
"one", "first", "second", which are mostly not numbers) are required as well,
at warning level.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex as re
from babel import numbers as babel_numbers
from babel.dates import get_day_names, get_month_names
from num2words import CONVERTER_CLASSES, num2words

from workbench.checks.base import ERROR, INFO, WARNING, Context, Entry, EntryCheck, Issue
from workbench.checks.registry import register
from workbench.checks.text import blank_code
from workbench.errors import WorkbenchError
from workbench.langs import locale_for, primary

# -- number words --------------------------------------------------------------
_EN_UNITS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_EN_ORDINALS = {
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}
_EN_ORDINAL_UNITS = {"first": 1, "second": 2, **{k: v for k, v in _EN_ORDINALS.items() if v < 10}}
_EN_WORD = re.compile(
    r"\b(?:(?P<tens>" + "|".join(_EN_TENS) + r")(?:[-\s](?P<unit>one|two|three|four|five|six|seven|eight|nine|"
    + "|".join(_EN_ORDINAL_UNITS) + r"))?|(?P<word>" + "|".join(sorted({**_EN_UNITS, **_EN_ORDINALS}, key=len, reverse=True))
    + r"))\b(?!-)",
    re.IGNORECASE,
)
_EN_UNIT_VALUES = {"one": 1, **_EN_UNITS, **_EN_ORDINAL_UNITS}
# what every match of _EN_WORD begins with, case-folded: a text holding none has no number word, and these
# substring tests cost a tenth of the pattern's scan
_EN_WORD_STARTS = {word[:4] for word in (*_EN_TENS, *_EN_UNITS, *_EN_ORDINALS)}
_EN_WORD_STARTS = tuple(sorted(start for start in _EN_WORD_STARTS
                               if not any(other != start and other in start for other in _EN_WORD_STARTS)))


def _may_have_english_word(text: str) -> bool:
    """False when ``text`` cannot hold an English number word (``_EN_WORD``)."""
    # the pattern's case-insensitive match of an ASCII letter is that letter case-folded, except İ (i and a
    # combining dot): dropping the dot keeps every possible match in sight
    folded = text.casefold().replace("\u0307", "")
    for start in _EN_WORD_STARTS:
        if start in folded:
            return True
    return False

# target-language number words: value -> pattern (on lower-cased text, ё folded to е)
_RU = {
    1: r"один|одн\w*|перв\w*", 2: r"два|две|двух|двум|двумя|двое|втор\w*", 3: r"три|трех|трем|тремя|трое|трет\w*",
    4: r"четыр\w*|четвер\w*", 5: r"пят(?:ь|и|ью|ый|ого|ому|ым|ом|ая|ой|ую|ые|ых|ыми|еро)",
    6: r"шест(?:ь|и|ью|ой|ого|ому|ым|ом|ая|ую|ые|ых|ыми|еро)", 7: r"сем(?:ь|и|ью|еро)|седьм\w*",
    8: r"восем(?:ь|ью)|восьм\w*", 9: r"девят(?:ь|и|ью|ый|ого|ому|ым|ом|ая|ой|ую|ые|ых)",
    10: r"десят(?:ь|и|ью|ый|ого|ому|ым|ом|ая|ой|ую|ые|ых)", 11: r"одиннадцат\w*", 12: r"двенадцат\w*",
    13: r"тринадцат\w*", 14: r"четырнадцат\w*", 15: r"пятнадцат\w*", 16: r"шестнадцат\w*", 17: r"семнадцат\w*",
    18: r"восемнадцат\w*", 19: r"девятнадцат\w*", 20: r"двадцат\w*", 30: r"тридцат\w*", 40: r"сорок\w*",
    50: r"пятьдесят|пятидесят\w*", 60: r"шестьдесят|шестидесят\w*", 70: r"семьдесят|семидесят\w*",
    80: r"восемьдесят|восьмидесят\w*", 90: r"девяност\w*", 100: r"сто|ста|сотн\w*|сот\w*", 1000: r"тысяч\w*",
}
_FR = {
    1: r"une?|premi(?:er|ère)s?", 2: r"deux(?:ième)?s?|second(?:e)?s?", 3: r"trois(?:ième)?s?", 4: r"quatre|quatrièmes?",
    5: r"cinq(?:uième)?s?", 6: r"six(?:ième)?s?", 7: r"sept(?:ième)?s?", 8: r"huit(?:ième)?s?", 9: r"neuf|neuvièmes?",
    10: r"dix(?:ième)?s?", 11: r"onze|onzièmes?", 12: r"douze|douzièmes?", 13: r"treize|treizièmes?",
    14: r"quatorze|quatorzièmes?", 15: r"quinze|quinzièmes?", 16: r"seize|seizièmes?", 17: r"dix-sept(?:ième)?s?",
    18: r"dix-huit(?:ième)?s?", 19: r"dix-neuf|dix-neuvièmes?", 20: r"vingt(?:ième)?s?", 30: r"trente|trentièmes?",
    40: r"quarante|quarantièmes?", 50: r"cinquante|cinquantièmes?", 60: r"soixante|soixantièmes?",
    70: r"soixante-dix", 80: r"quatre-vingts?", 90: r"quatre-vingt-dix", 100: r"cents?|centièmes?", 1000: r"milles?|millièmes?",
}
_DE = {
    1: r"eins?|eine[mnrs]?|erste[mnrs]?", 2: r"zwei|zweite[mnrs]?", 3: r"drei|dritte[mnrs]?", 4: r"vier|vierte[mnrs]?",
    5: r"fünf|fünfte[mnrs]?", 6: r"sechs|sechste[mnrs]?", 7: r"sieben|siebte[mnrs]?", 8: r"acht|achte[mnrs]?",
    9: r"neun|neunte[mnrs]?", 10: r"zehn|zehnte[mnrs]?", 11: r"elf|elfte[mnrs]?", 12: r"zwölf|zwölfte[mnrs]?",
    20: r"zwanzig\w*", 30: r"dreißig\w*", 100: r"hundert\w*", 1000: r"tausend\w*",
}
_ES = {
    1: r"uno|una|un|primer[oa]?s?", 2: r"dos|segund[oa]s?", 3: r"tres|tercer[oa]?s?", 4: r"cuatro|cuart[oa]s?",
    5: r"cinco|quint[oa]s?", 6: r"seis|sext[oa]s?", 7: r"siete|séptim[oa]s?", 8: r"ocho|octav[oa]s?",
    9: r"nueve|noven[oa]s?", 10: r"diez|décim[oa]s?", 11: r"once", 12: r"doce", 20: r"veinte", 30: r"treinta",
    100: r"cien|ciento\w*", 1000: r"mil",
}
_WORD_TABLES = {"ru": _RU, "uk": _RU, "be": _RU, "fr": _FR, "de": _DE, "es": _ES}

_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_CJK_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CJK_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CJK_RUN = re.compile("[" + "".join(_CJK_DIGITS) + "".join(_CJK_UNITS) + "".join(_CJK_BIG) + "]+")

_SCALES = {
    "en": r"(?P<s>thousand|million|billion|trillion)\b",
    # Simplified and Traditional (zh_TW, zh_HK: 萬, 億); Japanese 兆 is 10^12 (Chinese 兆 may be 10^6: left out)
    "zh": r"(?P<s>万|萬|亿|億|千)", "yue": r"(?P<s>万|萬|亿|億|千)", "ja": r"(?P<s>万|億|兆|千)",
    "ko": r"(?P<s>천|만|억|조)",  # 150만 = 1,500,000; 12억 = 1,200,000,000; 3조 = 3 * 10^12
    "ru": r"(?P<s>тыс\.?|млн\.?|млрд\.?|трлн\.?|тысяч\w*|миллион\w*|миллиард\w*)",
    "fr": r"(?P<s>mille|millions?|milliards?|Md|M)\b",
    "de": r"(?P<s>Tausend|Mio\.?|Millionen?|Mrd\.?|Milliarden?)",
}
_SCALE_VALUES = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12, "万": 10**4, "萬": 10**4,
                 "亿": 10**8, "億": 10**8, "兆": 10**12, "千": 1000, "천": 1000, "만": 10**4, "억": 10**8, "조": 10**12,
                 "тыс": 1000, "тысяч": 1000, "млн": 10**6, "миллион": 10**6,
                 "млрд": 10**9, "миллиард": 10**9, "трлн": 10**12, "mille": 1000, "milliard": 10**9,
                 "md": 10**9, "m": 10**6, "tausend": 1000, "mio": 10**6, "millionen": 10**6, "mrd": 10**9, "milliarde": 10**9}

_ANY_DIGIT = re.compile(r"\d")
# an HTML/XML character reference (&#8212; &#x2013; &copy;) is a character, never a number of the text
_CHARACTER_REFERENCE = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Persian, Arabic, Urdu and Pashto typing writes a decimal with a slash: ۲/۵ = 2.5 (also read as 2 and 5)
_SLASH_DECIMAL_LANGUAGES = frozenset({"fa", "ar", "ur", "ps", "ckb"})
_SLASH_DECIMAL = re.compile(r"(?<![\d/])(\d+)/(\d+)(?!/?\d)")


def without_character_references(text: str) -> str:
    """``text`` with character references blanked to spaces of the same length, so offsets stay valid."""
    return _CHARACTER_REFERENCE.sub(lambda m: " " * len(m.group(0)), text)


# Arabic's own separators: ٬ (U+066C) groups and ٫ (U+066B) marks the decimal, whatever the locale's Latin
# symbols (CLDR's defaults for ar_EG, ar_SA and fa with Arabic-Indic digits: ١٬٢٥٠٬٠٠٠٫٥)
_ARABIC_GROUP, _ARABIC_DECIMAL = "\u066c", "\u066b"
_NUMBER = re.compile(r"(?<![\d])\d+(?:[.,\u00a0\u202f '’\u066b\u066c]\d+)*")


@lru_cache(maxsize=4096)  # (equal values, equal keys: 1.50 and 1.5 are both "1.5")
def _key(value: Decimal | int) -> str:
    value = Decimal(value)
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=None)
def _symbols(language: str) -> tuple[frozenset[str], str]:
    try:
        locale = locale_for(language)
        group = babel_numbers.get_group_symbol(locale)
        decimal = babel_numbers.get_decimal_symbol(locale)
    except (WorkbenchError, Exception):  # noqa: BLE001 - unknown locale: English conventions
        group, decimal = ",", "."
    groups = {group}
    if group in {"\u00a0", "\u202f", " "}:
        groups |= {"\u00a0", "\u202f", " "}
    if group == "’":
        groups.add("'")
    return frozenset(groups), decimal


_ENGLISH_SYMBOLS = (frozenset({","}), ".")


_SEPARATOR = re.compile(r"([.,\u00a0\u202f '’\u066b\u066c])")


@lru_cache(maxsize=None)
def _indian_grouping(language: str) -> bool:
    """Whether the language's CLDR number pattern groups lakhs and crores: 12,50,000 (hi, bn, mr, en_IN)."""
    try:
        return locale_for(language).decimal_formats[None].grouping[1:] == (2,)
    except Exception:  # noqa: BLE001 - unknown locale: groups of three
        return False


@lru_cache(maxsize=8192)  # a text's numbers are read with two conventions, a source's in every language
def _interpret(token: str, groups: frozenset[str], decimal: str, indian: bool = False) -> Decimal | None:
    """``token``'s value with these separators, None if they do not fit; ``indian``: the groups above the
    thousands may be of two digits (12,50,000 = 1,250,000; 1,25,00,000 = 12,500,000)."""
    if token.isdigit():
        return Decimal(token)  # most numbers: no separator to read
    parts = _SEPARATOR.split(token)
    runs, seps = parts[0::2], parts[1::2]
    if not seps:
        return Decimal(token)
    if indian and len(runs) >= 3 and len(runs[0]) <= 2:
        lakhs = _lakhs(runs, seps, groups, decimal)
        if lakhs is not None:
            return lakhs
    integer, fraction = [runs[0]], None
    for index, sep in enumerate(seps):
        run = runs[index + 1]
        last = index == len(seps) - 1
        if (sep in groups or sep == _ARABIC_GROUP) and len(run) == 3 and len(runs[0]) <= 3 and fraction is None:
            integer.append(run)
        elif last and sep in (decimal, _ARABIC_DECIMAL):
            fraction = run
        else:
            return None
    text = "".join(integer) + ("." + fraction if fraction else "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _lakhs(runs: list[str], seps: list[str], groups: frozenset[str], decimal: str) -> Decimal | None:
    """The value of an Indian grouping (a first run of one or two digits, groups of two, a last group of three,
    perhaps a fraction: 12,50,000.5), None for any other."""
    fraction = None
    if seps[-1] in (decimal, _ARABIC_DECIMAL) and seps[-1] not in groups:
        runs, seps, fraction = runs[:-1], seps[:-1], runs[-1]
    if (len(runs) >= 3 and all(sep in groups or sep == _ARABIC_GROUP for sep in seps)
            and all(len(run) == 2 for run in runs[1:-1]) and len(runs[-1]) == 3):
        return Decimal("".join(runs) + ("." + fraction if fraction else ""))
    return None


def _format_local(value: Decimal, language: str) -> str:
    try:
        return babel_numbers.format_decimal(value, locale=locale_for(language))
    except Exception:  # noqa: BLE001
        return str(value)


@lru_cache(maxsize=None)
def _scale_pattern(code: str):
    pattern = _SCALES.get(code)
    return re.compile(r"[\s\u00a0\u202f]*" + pattern, re.I) if pattern else None


def _scale_after(text: str, end: int, language: str) -> tuple[int, int] | None:
    """The multiplier written at ``end`` (10**6 for " million", 10**4 for 万) and where it ends, or None. Units
    written one after the other multiply when each is bigger: 3千万 = 3 * 10**7, 5천만, "a thousand million"."""
    pattern = _scale_pattern(primary(language))
    if pattern is None:
        return None
    scale = None
    while match := pattern.match(text, end):
        value = _scale_value(match.group("s"))
        if value is None or scale is not None and value <= scale[0]:
            break
        scale, end = ((scale[0] if scale else 1) * value, match.end()), match.end()
    return scale


def _scale_value(word: str) -> int | None:
    word = word.lower().rstrip(".")
    for key, value in _SCALE_VALUES.items():
        if word == key or word.startswith(key) and len(key) > 2:
            return value
    return None


@dataclass
class Number:
    label: str
    values: set[str]  # what it means: 35.5 billion -> 35500000000
    span: tuple[int, int]
    kind: str = "digits"  # digits / word / month
    loose: set[str] = field(default_factory=set)  # also what is written: 35.5 billion -> 35.5 too
    scale: tuple[int, int] | None = None  # the multiplier written after it and where that ends: 150万 -> 10**4

    def __post_init__(self) -> None:
        self.loose = self.loose | self.values


_FULLWIDTH_DIGIT = re.compile("[\uff10-\uff19]")
_DIGITS = re.compile(r"\d+")


def digit_numbers(text: str, language: str) -> list[Number]:
    """Numbers written with digits, each with every value its separators allow."""
    text = unicodedata.normalize("NFKC", text) if _FULLWIDTH_DIGIT.search(text) else text
    found = []
    slashed: list[tuple[int, int]] = []
    if primary(language) in _SLASH_DECIMAL_LANGUAGES:
        for match in _SLASH_DECIMAL.finditer(text):
            whole, fraction = match.group(1), match.group(2)
            found.append(Number(match.group(0), {_key(Decimal(f"{whole}.{fraction}"))}, match.span(),
                                loose={_key(Decimal(whole)), _key(Decimal(fraction))}))
            slashed.append(match.span())
    conventions = ((*_symbols(language), _indian_grouping(language)), (*_ENGLISH_SYMBOLS, False))
    for match in _NUMBER.finditer(text):
        if slashed and any(start <= match.start() < end for start, end in slashed):
            continue  # read above, as a decimal and as its two numbers
        token = match.group(0)
        token_stripped = token.rstrip(" '’\u00a0\u202f")
        values: set[Decimal] = set()
        for groups, decimal, indian in conventions:
            value = _interpret(token_stripped, groups, decimal, indian)
            if value is not None:
                values.add(value)
        if not values:  # a run of numbers (3.2.1, "2023 50"): each one alone
            for part in _DIGITS.finditer(token_stripped):
                found.append(_with_scale(text, part.group(0), {Decimal(part.group(0))},
                                         (match.start() + part.start(), match.start() + part.end()), language))
            continue
        found.append(_with_scale(text, token_stripped, values, (match.start(), match.start() + len(token_stripped)), language))
    return _summed(text, found) if primary(language) in _SUMMED_SCALES else found


def _with_scale(text: str, label: str, values: set[Decimal], span: tuple[int, int], language: str) -> Number:
    scale = _scale_after(text, span[1], language)
    keys = {_key(v) for v in values}
    if scale:
        return Number(label, {_key(v * scale[0]) for v in values}, span, loose=keys, scale=scale)
    return Number(label, keys, span)


# languages that write a big number as a sum of units (12億3450万, 12억 3450만): myriads, not thousands
_SUMMED_SCALES = frozenset({"zh", "yue", "ja", "ko"})


def _summed(text: str, found: list[Number]) -> list[Number]:
    """``found`` with each number of a bigger unit followed by one of a smaller read as one:
    12億3450万 = 1,234,500,000, 1억 5천만 = 150,000,000 (its parts stay what is written, not their products)."""
    summed: list[Number] = []
    for number in found:
        before = summed[-1] if summed else None
        if (before and before.scale and number.scale and number.scale[0] < before.scale[0]
                and not text[before.scale[1]:number.span[0]].strip()):
            written = (before.loose - before.values) | (number.loose - number.values)
            summed[-1] = Number(text[before.span[0]:number.span[1]],
                                {_key(Decimal(a) + Decimal(b)) for a in before.values for b in number.values},
                                (before.span[0], number.span[1]), loose=written, scale=number.scale)
        else:
            summed.append(number)
    return summed


def parse_cjk_number(run: str) -> int | None:
    if not any(c in _CJK_UNITS or c in _CJK_BIG for c in run):
        if all(c in _CJK_DIGITS for c in run):  # 二〇二三 read digit by digit
            return int("".join(str(_CJK_DIGITS[c]) for c in run))
        return None
    total, section, digit = 0, 0, None
    for char in run:
        if char in _CJK_DIGITS:
            digit = _CJK_DIGITS[char]
        elif char in _CJK_UNITS:
            section += (1 if digit is None else digit) * _CJK_UNITS[char]
            digit = None
        elif char in _CJK_BIG:
            section += digit or 0
            total = (total + (section or 1)) * _CJK_BIG[char]
            section, digit = 0, None
    return total + section + (digit or 0)


@lru_cache(maxsize=None)
def _word_patterns(code: str) -> list[tuple]:
    """A language's number words, compiled once: (value, pattern) pairs."""
    return [(value, re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w])"))
            for value, pattern in _WORD_TABLES.get(code, {}).items()]


def word_numbers(text: str, language: str) -> list[Number]:
    """Numbers written as words (or CJK numerals) in a target language."""
    code = primary(language)
    found: list[Number] = []
    if code in {"zh", "ja", "yue", "wuu", "lzh", "ko"}:
        for match in _CJK_RUN.finditer(text):
            run = match.group(0)
            values = set()
            parsed = parse_cjk_number(run)
            if parsed is not None:
                values.add(_key(parsed))
            values |= {_key(_CJK_DIGITS[c]) for c in run if c in _CJK_DIGITS}
            if values:
                found.append(Number(run, values, match.span(), "word"))
        return found
    table = _WORD_TABLES.get(code)
    if code == "en":
        return english_words(text, ordinals_one_two=True)
    if not table:
        return found
    folded = text.lower().replace("ё", "е")
    for value, pattern in _word_patterns(code):
        for match in pattern.finditer(folded):
            found.append(Number(text[match.start():match.end()], {_key(value)}, match.span(), "word"))
    return found


# -- number words of the target language, spelled by num2words ------------------------------------------
_SPELLED_UP_TO = 1000  # beyond this numbers are written in digits in UI text
_NOT_SPELLED = {"ja", "zh", "yue"}  # CJK numerals are read as numbers above
_ARABIC_MARKS = re.compile(r"[\u064b-\u0652\u0640]")  # harakat and tatweel: optional in Arabic text
# CLDR codes num2words knows under another name: Norwegian Bokmål is its "no", Kazakh its "kz". Nynorsk
# (nn) is not Bokmål's words (sju, not syv) and stays unread.
_NUM2WORDS_CODES = {"nb": "no", "kk": "kz"}
# scripts written without spaces between words: a number word is found inside a run of letters (หกโมงเช้า)
_UNSPACED = frozenset({"th", "lo", "km", "my"})


@lru_cache(maxsize=None)
def spelled_forms(value: int, language: str) -> tuple[str, ...]:
    """``value`` as num2words spells it in ``language``, cardinal and ordinal, lower case; () for a language
    it does not know. Inflected forms are matched by stem (``number_spelled``)."""
    code = language if language in CONVERTER_CLASSES else primary(language)
    code = _NUM2WORDS_CODES.get(code, code)
    if code not in CONVERTER_CLASSES or code in _NOT_SPELLED or not 0 <= value <= _SPELLED_UP_TO:
        return ()
    forms = []
    for kind in ("cardinal", "ordinal"):
        try:
            forms.append(_ARABIC_MARKS.sub("", num2words(value, lang=code, to=kind).lower()))
        except (NotImplementedError, ValueError, TypeError, OverflowError, KeyError, IndexError):  # a kind it lacks
            continue
    if code == "no":  # Bokmål writes seven both syv (num2words') and sju, standard alike since 2005
        forms += [form.replace("syv", "sju") for form in forms if "syv" in form]
    return tuple(dict.fromkeys(forms))


def _stem(word: str, code: str) -> str:
    """What stays of a number word under inflection: Arabic drops the feminine ة (سبعة/سبع) and takes
    prefixes (السبعة, والثاني); other languages change the last two letters (чотири/чотирьох, sieben/siebte)."""
    if code == "ar":
        return word[:-1] if word.endswith("ة") and len(word) > 3 else word
    return word[:-2] if len(word) >= 5 else word


_WORD_GAP = re.compile(r"[\s-]+")


# compiled once: ``re.search`` with a pattern text compiles again whenever the regex module's own cache of 500
# patterns has overflowed, and a text that may say "a week" for "7 days" is asked for every number from 1 to 60
@lru_cache(maxsize=1024)
def _spelled_patterns(value: int, language: str) -> tuple[tuple[re.Pattern, ...], ...]:
    """For each of ``spelled_forms``, what ``number_spelled`` looks for: a pattern for each of its words."""
    code = primary(language)
    # Arabic attaches the article and conjunctions (السبعة, والثاني); a short word elsewhere must be whole
    # ("три" is not in "тривалий")
    start = r"(?<!\S)(?:[وبلف]?ال|[وبلف])?" if code == "ar" else "" if code in _UNSPACED else r"(?<!\w)"
    patterns = []
    for form in spelled_forms(value, language):
        words = []
        for word in _WORD_GAP.split(form):
            if word:
                stem = _stem(word, code)
                end = "" if stem != word or code == "ar" or code in _UNSPACED else r"(?!\w)"
                words.append(re.compile(start + re.escape(stem) + end))
        patterns.append(tuple(words))
    return tuple(patterns)


def number_spelled(value: int, text: str, language: str) -> bool:
    """Whether ``text`` spells ``value`` out in ``language`` (السبعة = 7, чотирьох = 4, zweite = 2)."""
    forms = _spelled_patterns(value, language)
    if not forms:
        return False
    folded = _ARABIC_MARKS.sub("", text.lower()).replace("ё", "е")
    return any(all(word.search(folded) for word in words) for words in forms)


# 0, 1 and 2 are often said by grammar instead of a word: a dual (صفحتان), "both" (die beiden, 双方),
# "a", "each other", "none" (لا شيء): a missing one is worth a look, not an error
_GRAMMATICAL = {"0", "1", "2"}
# large-number names: a translation may write them as powers (googol = 10的100次方, decillion = 1000的11次方)
_POWERS = {"million": 6, "billion": 9, "trillion": 12, "quadrillion": 15, "quintillion": 18, "sextillion": 21,
           "septillion": 24, "octillion": 27, "nonillion": 30, "decillion": 33, "googol": 100}
_POWER_WORD = re.compile(r"\b(" + "|".join(_POWERS) + r")s?\b", re.I)
# a text about versions: 2.5 there is a version, not a decimal to write with the target's separator
_VERSION_WORDS = re.compile(r"\b(?:version|release|v\d)", re.I)


_HUNDREDS_OF = re.compile(r"s\b|\s+of\b")
_THIRD_PARTY = re.compile(r"[-\s]part(?:y|ies)\b", re.I)
_ONE_TWO = re.compile(r"\b(one|first|second)\b", re.I)
_CJK_MONTH = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[月월]")


def english_words(text: str, ordinals_one_two: bool = False) -> list[Number]:
    found = []
    for match in _EN_WORD.finditer(text) if _may_have_english_word(text) else ():
        if match.group("tens"):
            value = _EN_TENS[match.group("tens").lower()]
            if match.group("unit"):
                value += _EN_UNIT_VALUES[match.group("unit").lower()]
        else:
            word = match.group("word").lower()
            value = _EN_UNITS.get(word) or _EN_ORDINALS[word]
        # "hundreds of", "tens of thousands": not a number
        if _HUNDREDS_OF.match(text[match.end():match.end() + 4]) and value in (10, 100):
            continue
        if _THIRD_PARTY.match(text, match.end()) and value == 3:
            continue  # "third parties" = "others" (أطراف أخرى, Dritte): no number to keep
        found.append(Number(match.group(0), {_key(value)}, match.span(), "word"))
    if ordinals_one_two:
        for match in _ONE_TWO.finditer(text):
            found.append(Number(match.group(0), {"1" if match.group(1).lower() != "second" else "2"}, match.span(), "word"))
    return found


# -- months ------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _month_names(language: str, source: bool) -> list[tuple[str, int]]:
    try:
        locale = locale_for(language)
    except WorkbenchError:
        return []
    names: dict[str, int] = {}
    widths = ("wide",) if source else ("wide", "abbreviated")
    for context in ("format", "stand-alone"):
        for width in widths:
            for number, name in get_month_names(width, context, locale).items():
                name = name.strip(".")
                if len(name) >= 3 and not name.isdigit():
                    names.setdefault(name if source else name.lower(), number)
                    if width == "wide" and primary(language) in _GENITIVE_A:
                        names.setdefault(_genitive_a(name if source else name.lower()), number)
    return sorted(names.items(), key=lambda item: -len(item[0]))


# Serbian and Bosnian date with the genitive (29. августа, 29. avgusta), but CLDR lists only the nominative
# (август, in every context and width; Croatian's CLDR names are genitive already): -а/-a on the wide name
_GENITIVE_A = frozenset({"sr", "bs"})
_VOWELS = "aeiouаеиоу"


def _genitive_a(name: str) -> str:
    """The genitive of a Serbian or Bosnian month name: август -> августа, juli -> jula, and the fleeting a of
    -бар/-bar dropped (септембар -> септембра; not јануар, whose a follows a vowel)."""
    ending = "а" if any("\u0400" <= c <= "\u04ff" for c in name) else "a"
    if name[-1].lower() in _VOWELS:
        name = name[:-1]  # juli, juni (Bosnian)
    elif len(name) > 3 and name[-2:].lower() in ("ар", "ar") and name[-3].lower() not in _VOWELS:
        name = name[:-2] + name[-1]
    return name + ending


_DAY_NEAR = re.compile(r"^[\s.,]{0,2}\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s*$")


def _name_value(lookup: dict[str, int], found: str) -> int | None:
    """The number of a calendar name found case-insensitively: ``lookup`` is keyed by the lower-cased
    CLDR names, but the pattern's case-insensitive match also takes forms whose lower case is another
    string (Azerbaijani and Turkish 'İyun' lowers to 'i̇yun', with a combining dot, for CLDR's 'iyun')."""
    value = lookup.get(found.lower())
    if value is None:
        value = next((number for name, number in lookup.items()
                      if re.fullmatch(re.escape(name), found, re.IGNORECASE)), None)
    return value


@lru_cache(maxsize=None)
def _month_pattern(language: str, dates_only: bool):
    names = _month_names(language, True) if dates_only else _month_names(language, False)
    if not names:
        return None, {}
    lookup = {name.lower(): number for name, number in names}
    alternation = "|".join(re.escape(name) for name, _ in names)
    flags = 0 if dates_only else re.IGNORECASE
    return re.compile(_name_start(language) + "(" + alternation + ")" + _name_end(language), flags), lookup


# Hebrew writes its one-letter prepositions, article and conjunctions on the word: CLDR's own date is
# "29 באוגוסט" (in August), a weekday "ביום שני" (on Monday), "and in May" "ובמאי": up to two such letters
_NAME_PREFIXES = {"he": "[בלמהוכש]{0,2}"}


def _name_start(language: str) -> str:
    """What may stand before a month or day name, from a word boundary: nothing, or Hebrew's prefix letters;
    in a script written without spaces (Thai จัดในวันศุกร์, "held on Friday") no boundary at all."""
    if primary(language) in _UNSPACED:
        return ""
    return r"(?<!\w)" + _NAME_PREFIXES.get(primary(language), "")


def _name_end(language: str) -> str:
    """What may follow a month or day name: a word boundary, but Korean joins its particles to the noun
    (금요일에 "on Friday", 9월의) and a script without spaces has no boundary."""
    return r"\.?" if primary(language) in _UNSPACED or primary(language) == "ko" else r"\.?(?!\w)"


def source_months(text: str, language: str, dates_only: bool = True) -> list[Number]:
    """Month names of the source; with ``dates_only``, only those next to a day number (August 29, 29 August)."""
    pattern, lookup = _month_pattern(language, dates_only)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        name = match.group(1)
        if dates_only:
            near = _DAY_NEAR.search(text[match.end():match.end() + 6]) or _DAY_NEAR.search(
                text[max(0, match.start() - 9):match.start()])
            if not near:
                continue  # a month name alone ("July" in a calendar widget) is not a date to keep
        number = _name_value(lookup, name)
        if number is not None:
            found.append(Number(name, {str(number)}, match.span(), "month"))
    return found


_TIME_WORDS = {"noon": {"12"}, "midday": {"12"}, "midnight": {"0", "12", "24"}}
_TIME_WORD_PATTERNS = [(re.compile(rf"\b{word}\b", re.IGNORECASE), values) for word, values in _TIME_WORDS.items()]
# "Decimal number" = 10進数: a base named in the source may appear as its number
_BASE_WORDS = [(re.compile(rf"\b{word}\b", re.IGNORECASE), base)
               for word, base in (("decimal", "10"), ("hexadecimal", "16"), ("octal", "8"), ("binary", "2"))]
_SEPT = re.compile(r"\bSept\b")
_DECIMAL_MARK = re.compile(r"\d[.,]\d")
# weekday names: many languages number the days (Thứ 2 … Thứ 7, 星期一 … 星期六, 月曜日 is not, 1-й день …)
_WEEKDAYS = re.compile(r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday|rsday)?\b\.?")
_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\.?(?!\w)", re.IGNORECASE)


def target_months(text: str, language: str) -> set[str]:
    months: set[str] = set()
    code = primary(language)
    if code in {"zh", "ja", "yue", "ko"}:
        for match in _CJK_MONTH.finditer(text):
            value = match.group(1)
            months.add(str(int(value)) if value.isdigit() else _key(parse_cjk_number(value) or 0))
    pattern, lookup = _month_pattern(language, False)
    if pattern is not None:
        for match in pattern.finditer(text):
            number = _name_value(lookup, match.group(1))
            if number is not None:
                months.add(str(number))
    for match in _NUMERIC_DATE.finditer(text):
        months |= {str(int(match.group(1))), str(int(match.group(2)))}
    return months


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})(?:[./-]\d{2,4})?\b")  # 29.8, 8/29/2025: either may be the month


# 7 days, 24 hours, 60 minutes, 12 months: a translation may say the bigger unit (Past 7 days = "the last
# week", Апошні тыдзень, בשבוע האחרון) and lose no meaning, so such a count missing is worth a look only
_BIGGER_UNIT = {("7", "day"): "a week", ("24", "hour"): "a day", ("60", "minute"): "an hour",
                ("60", "second"): "a minute", ("12", "month"): "a year"}
_UNIT_AFTER = re.compile(r"[\s\u00a0-]*(day|hour|minute|second|month)s?\b", re.IGNORECASE)


def _count_of_bigger_unit(text: str, number: Number) -> str | None:
    """"a week" for the 7 of "7 days" (and so on for _BIGGER_UNIT), else None."""
    unit = _UNIT_AFTER.match(text, number.span[1])
    if not unit:
        return None
    return next((_BIGGER_UNIT[(value, unit.group(1).lower())] for value in sorted(number.values)
                 if (value, unit.group(1).lower()) in _BIGGER_UNIT), None)


# Thai counts its years in the Buddhist era, the Gregorian year + 543: a translation may write 2023 as 2566
_BUDDHIST_ERA = {"th": 543}
_YEAR = re.compile(r"1[89]\d\d|2[01]\d\d")  # a source number that may be a year: 1800 to 2199


# -- the check --------------------------------------------------------------------------
@lru_cache(maxsize=4096)  # a source recurs in each plural form and in its catalogue's other languages
def _read_source(source: str, language: str) -> tuple[str, tuple[Number, ...], tuple[Number, ...], tuple[Number, ...]]:
    """What the numbers check reads of a source: its text with code and character references blanked, its
    numbers (a clock's hour also as on a 24-hour clock), its dated months and its English number words.
    Shared by every call with the same source: not to be changed."""
    source_clean = without_character_references(blank_code(source))
    source_digits = digit_numbers(source_clean, language)
    for match in _CLOCK.finditer(source_clean):  # 6 p.m. may come out as 18:00
        hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
        for number in source_digits:
            if number.span[0] == match.start(1):
                number.loose |= {str(hour), str(hour or 24)}
    months = source_months(source_clean, language)
    words = english_words(source_clean) if primary(language) == "en" else []
    return source_clean, tuple(source_digits), tuple(months), tuple(words)


@lru_cache(maxsize=4096)  # a source recurs in each plural form and in its catalogue's other languages
def _may_have_number(source: str, language: str) -> bool:
    """Whether ``source`` has a digit or, in English, a number word."""
    return bool(_ANY_DIGIT.search(source)
                or (primary(language) == "en" and _may_have_english_word(source) and _EN_WORD.search(source)))


@register
class NumbersCheck(EntryCheck):
    id = "numbers"
    name = "Numbers and dates"
    description = ("Every number and date of the source appears in the translation: as digits with the target "
                   "locale's separators (CLDR), as number words or CJK numerals, with multipliers (万, млн), "
                   "or as a localised date (August 29 = 8月29日 = 29 августа = 29 août); extra numbers are warned of.")
    severity = ERROR

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            # Without a digit on either side only a source number word can be missing; most texts have
            # neither, and the full comparison costs some thirty regex scans.
            # (a source month counts only next to a day number, so it needs a digit too)
            if not (_may_have_number(source, context.source_language) or _ANY_DIGIT.search(target)):
                continue
            yield from self._compare(source, target, context, form, entry.message.plural)

    def _compare(self, source: str, target: str, context: Context, form, plural: bool):
        source_lang, language = context.source_language, context.language
        source_clean, source_digits, months, words = _read_source(source, source_lang)
        target_clean = without_character_references(blank_code(target))
        if primary(language) in _BUDDHIST_ERA:  # the year 2023 may come out as 2566 (พ.ศ. 2566)
            era = _BUDDHIST_ERA[primary(language)]
            # copies with the year added: the source's numbers are shared by every translation of it
            source_digits = tuple(replace(number, loose=number.loose | {str(int(number.label) + era)})
                                  if _YEAR.fullmatch(number.label) else number for number in source_digits)
        words_checkable = (primary(language) in _WORD_TABLES or primary(language) in {"zh", "ja", "yue", "ko", "en"}
                           or bool(spelled_forms(2, language)))
        target_digits = digit_numbers(target_clean, language)
        available = {v for n in target_digits for v in n.values}
        available_loose = {v for n in target_digits for v in n.loose}
        # the translation's number words are read only when a source number is not among its digits: most are
        words_read = False

        def read_words() -> None:
            nonlocal words_read
            if not words_read:
                words_read = True
                target_words = word_numbers(target_clean, language)
                available.update(v for n in target_words for v in n.values)
                available_loose.update(v for n in target_words for v in n.loose)

        available_months = target_months(target_clean, language) if months else set()
        for number in source_digits:
            if plural and number.values == {"1"}:
                continue
            if not (number.values & available_loose or number.loose & available):
                read_words()
                if number.values & available_loose or number.loose & available:
                    continue
                if any(value.isdigit() and number_spelled(int(value), target_clean, language) for value in number.values):
                    continue
                # what the translation may have said instead; either makes the finding a warning
                others = []
                bigger = _count_of_bigger_unit(source_clean, number)
                # another count in the translation (шість днів for 7 days) is a wrong number, not a week
                if bigger and not available and not any(number_spelled(n, target_clean, language)
                                                        for n in range(1, 61)):
                    others.append(f"said as {bigger}")
                if not words_checkable:
                    others.append(f"spelt out in words workbench cannot read for {language}")
                message = f"number {number.label} of the source is missing from the translation"
                yield Issue(message + (f" (or {', or '.join(others)})" if others else ""), offending=number.label,
                            span=number.span, in_source=True, form=form,
                            severity=WARNING if others or number.values <= _GRAMMATICAL else None)
        for month in months:
            if not month.values & available_months:
                yield Issue(f"date: the month {month.label!r} of the source is missing from the translation",
                            offending=month.label, span=month.span, in_source=True, form=form)
        for word in words:
            if not word.values & available:
                read_words()
                if word.values & available:
                    continue
                if any(number_spelled(int(value), target_clean, language) for value in word.values):
                    continue
                # without a table of the target's number words a missing digit is all we can see: a note only
                yield Issue(f"number word {word.label!r} ({next(iter(word.values))}) has no counterpart in the translation",
                            offending=word.label, span=word.span, in_source=True,
                            severity=WARNING if words_checkable and not word.values <= _GRAMMATICAL else INFO,
                            form=form)
        if not target_digits:
            return  # the rest is about the translation's numbers
        # what the translation's numbers may be: the source's numbers and dated months, which is enough for most,
        # and what else the source says (a month alone, Sept, noon, a weekday ...) when it is not
        expected = {v for n in source_digits + words for v in n.loose} | {v for m in months for v in m.values}
        groups, decimal = _symbols(language)
        separators = decimal != "." and not _VERSION_WORDS.search(source_clean)
        if (separators and any(_DECIMAL_MARK.search(number.label) for number in target_digits)) or any(
                not number.loose & expected for number in target_digits if not (plural and number.values == {"1"})):
            expected |= self._expected_besides(source_clean, source_lang)
        if separators:
            for number in target_digits:
                local = _interpret(number.label, groups, decimal)
                english = _interpret(number.label, *_ENGLISH_SYMBOLS)
                if english is not None and local != english and _DECIMAL_MARK.search(number.label) and (
                        {_key(english)} & expected) and not ({_key(local)} & expected if local is not None else False):
                    yield Issue(f"number {number.label} is written with English separators; in {language} "
                                f"{_format_local(english, language)}", offending=number.label, span=number.span,
                                severity=WARNING, form=form)
        for number in target_digits:
            if plural and number.values == {"1"}:
                continue
            if not number.loose & expected:
                yield Issue(f"number {number.label} is not in the source", offending=number.label,
                            span=number.span, severity=WARNING, form=form)

    @staticmethod
    @lru_cache(maxsize=1024)  # a source recurs in its catalogue's other languages
    def _expected_besides(source_clean: str, source_lang: str) -> frozenset[str]:
        """Numbers a translation may write for what the source says in other ways than its numbers and dates."""
        expected = {v for m in source_months(source_clean, source_lang, dates_only=False) for v in m.values}
        if _SEPT.search(source_clean):
            expected.add("9")
        for pattern, base in _BASE_WORDS:
            if pattern.search(source_clean):
                expected.add(base)
        if _WEEKDAYS.search(source_clean):
            expected |= {str(n) for n in range(0, 9)}
        if _CLOCK.search(source_clean):
            expected |= {"0", "00", "30", "12", "24"}
        for match in _POWER_WORD.finditer(source_clean):
            power = _POWERS[match.group(1).lower()]
            expected |= {"10", str(power), "1000", str(power // 3), "10000", str(power // 4)}
        if primary(source_lang) == "en":
            expected |= {v for n in english_words(source_clean, ordinals_one_two=True) for v in n.values}
            for pattern, values in _TIME_WORD_PATTERNS:
                if pattern.search(source_clean):
                    expected |= values
        return frozenset(expected)


# -- weekdays, and months named without a day ------------------------------------------
# The numbers check keeps a date's day and month (August 29 = 8月29日 = 29 августа); what it cannot
# see is the weekday beside them (Monday, March 3 = 3月3日（星期一）) and a month name with no day
# next to it (a calendar's "August"), which carries no digit. Names come from CLDR via Babel (wide
# and abbreviated, format and stand-alone), plus the forms CLDR does not list: Chinese 星期X, 周X,
# 礼拜X and Japanese X曜日, X曜, （X）.
# Precision first: a name is held against the translation only when the translation names another
# day or month in full (a wide CLDR name, or the CJK forms above), so "May" the verb, "mer" (the sea)
# or "среди" (among) never count as a date.

# CLDR counts weekdays from Monday = 0; 日/天 (Sunday) and 日 (Japanese Sunday) are 6
_ZH_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ZH_WEEKDAY = re.compile(r"(?:星期|周|週|礼拜|禮拜)([一二三四五六日天])")
_JA_DAYS = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
_JA_WEEKDAY = re.compile(r"([月火水木金土日])曜日?|[（(]([月火水木金土日])[）)]")


_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "\u200c": None, "\u200d": None})


def _plain_letters(text: str) -> str:
    """One apostrophe (П'ятниця = Пʼятниця) and no joiners (सोम\u200cवार = सोमवार), as CLDR's names are read."""
    return text.translate(_APOSTROPHES)


@lru_cache(maxsize=None)
def _calendar_names(language: str, kind: str, widths: tuple[str, ...]) -> dict[str, int]:
    """CLDR names of days or months, lower-cased, to their number (days: Monday = 0)."""
    try:
        locale = locale_for(language)
    except WorkbenchError:
        return {}
    read = get_day_names if kind == "days" else get_month_names
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in widths:
            for number, name in read(width, context, locale).items():
                name = name.strip(".").lower()
                # a name with a zero-width non-joiner is often typed with a space (سه‌شنبه as سه شنبه, Tuesday):
                # both are names, and the pattern's longest-first order keeps شنبه (Saturday) from matching inside
                for spelling in dict.fromkeys((_plain_letters(name), _plain_letters(name.replace("\u200c", " ")))):
                    # a one- or two-letter abbreviation (月, Mo, пн) is a word as often as a date
                    if len(spelling) >= 3 and not spelling.isdigit():
                        names.setdefault(spelling, number)
    return names


@lru_cache(maxsize=None)
def _calendar_pattern(language: str, kind: str, widths: tuple[str, ...]):
    names = _calendar_names(language, kind, widths)
    if not names:
        return None
    alternation = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(_name_start(language) + "(" + alternation + ")" + _name_end(language), re.IGNORECASE)


@lru_cache(maxsize=None)
def _calendar(language: str, kind: str, widths: tuple[str, ...]):
    """(pattern, names, the names if every one is ASCII else None): what ``_named`` looks with, in one lookup."""
    names = _calendar_names(language, kind, widths)
    ascii_names = tuple(names) if names and all(name.isascii() for name in names) else None
    return _calendar_pattern(language, kind, widths), names, ascii_names


def _named(text: str, language: str, kind: str, widths: tuple[str, ...]) -> dict[int, tuple[str, tuple[int, int]]]:
    pattern, names, ascii_names = _calendar(language, kind, widths)
    if pattern is None:
        return {}
    if ascii_names is not None:
        # most texts name no day or month: a few substring tests instead of the long alternation's scan. The
        # pattern's case-insensitive match of an ASCII letter is that letter case-folded (K and ſ too), except
        # İ, whose fold is i and a combining dot: dropping the dot keeps every possible match in sight
        folded = text.casefold().replace("\u0307", "")
        for name in ascii_names:
            if name in folded:
                break
        else:
            return {}
    found = {}
    for match in pattern.finditer(text):
        number = _name_value(names, match.group(1))
        if number is not None:
            found[number] = (match.group(1), match.span(1))
    return found


def source_weekdays(text: str, language: str) -> dict[int, tuple[str, tuple[int, int]]]:
    """Weekdays the source names in full and capitalised (Monday; not "Mon" or "sun")."""
    return {day: found for day, found in _named(text, language, "days", ("wide",)).items() if found[0][0].isupper()}


@lru_cache(maxsize=4096)  # a source recurs in each plural form and in its catalogue's other languages
def _source_days(source: str, language: str) -> dict[int, tuple[str, tuple[int, int]]]:
    """``source_weekdays`` of ``source`` with its code blanked, shared by the calls: not to be changed."""
    return source_weekdays(blank_code(source), language)


def target_weekdays(text: str, language: str, strict: bool) -> set[int]:
    """Weekdays the translation names; ``strict``: only in full (wide names, CJK forms), as evidence of another day."""
    code = primary(language)
    days: set[int] = set()
    if code in {"zh", "yue"}:
        days |= {_ZH_DAYS[m.group(1)] for m in _ZH_WEEKDAY.finditer(text)}
    if code == "ja":
        days |= {_JA_DAYS[m.group(1) or m.group(2)] for m in _JA_WEEKDAY.finditer(text)}
    if strict:
        return days | set(_named(text, language, "days", ("wide",)))
    days |= set(_named(text, language, "days", ("wide", "abbreviated")))
    return days | {day for day, pattern in _inflected_days(language) if pattern.search(text)}


@lru_cache(maxsize=None)
def _inflected_days(language: str) -> list[tuple[int, re.Pattern]]:
    """A wide name's stem with any short ending: в пятницу, во вторник, montags, the day kept though declined."""
    patterns = []
    for name, day in _calendar_names(language, "days", ("wide",)).items():
        stem = name[:-1] if name[-1] in "aeiouyаеёиоуыэюяь" else name
        if len(stem) >= 4:
            patterns.append((day, re.compile(rf"(?<!\w){re.escape(stem)}\w{{0,2}}(?!\w)", re.IGNORECASE)))
    return patterns


@register
class WeekdayCheck(EntryCheck):
    id = "weekday"
    name = "Weekday of a date"
    description = ("A weekday the source names in full (Monday, March 3) is the same day in the translation: "
                   "another weekday (3月3日（星期二）) is an error, none at all (17 мая for Friday, May 16) a warning. "
                   "Names from CLDR (wide and abbreviated), plus Chinese 星期X/周X/礼拜X and Japanese X曜日/（X）.")
    severity = ERROR

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            source_days = _source_days(source, context.source_language)
            if not source_days:
                continue
            target_clean = _plain_letters(blank_code(target))
            present = target_weekdays(target_clean, context.language, strict=False)
            missing = [(label, span) for day, (label, span) in source_days.items() if day not in present]
            if not missing:
                continue  # every day kept: no need to look for another
            source_clean = blank_code(source)
            others = target_weekdays(target_clean, context.language, strict=True) - set(source_days)
            for label, span in missing:
                if others:
                    yield Issue(f"weekday: the source's {label!r} is another day in the translation",
                                offending=label, span=span, in_source=True, form=form)
                elif _ANY_DIGIT.search(source_clean):  # a date's weekday; a calendar's "Thursday" alone may be spelt
                    # in ways CLDR does not list (गुरूवार for गुरुवार), and only another day is sure to be wrong
                    yield Issue(f"weekday: the source's {label!r} is missing from the translation",
                                offending=label, span=span, in_source=True, form=form, severity=WARNING)


# languages whose month names take case endings beyond CLDR's two forms (в ноябре, у листопаді); Polish and
# Czech change the stem too (w lutym, v říjnu) and are left to CLDR's forms
_ENDING = "аеёиоуыэюяьйіїє"  # case endings of vowels and ь (в марте, but Мартин is no month)
_DECLINED_MONTHS = frozenset({"ru", "uk", "be"})


@lru_cache(maxsize=None)
def _inflected_months(language: str) -> list[tuple[int, re.Pattern]]:
    """A wide month name's stem with a short vowel ending (в ноябре: the stand-alone ноябрь declined), where months
    decline; a stem of three letters at least (июн-, not ма- of май, which is a word's beginning too often)."""
    if primary(language) not in _DECLINED_MONTHS:
        return []
    patterns = []
    for name, month in _calendar_names(language, "months", ("wide",)).items():
        stem = name[:-1] if name[-1] in "aeiouyаеёиоуыэюяьй" else name
        if len(stem) >= 3:
            patterns.append((month, re.compile(rf"(?<!\w){re.escape(stem)}[{_ENDING}]{{0,2}}(?!\w)", re.IGNORECASE)))
    return patterns


# "May I help?", "March on": an English month opening a sentence and followed by a word is a verb
_MONTH_AS_VERB = re.compile(r"(?<![\w,;:]\s*)(?:May|March)\s+[^\W\d]")


@lru_cache(maxsize=4096)  # a source recurs in each plural form and in its catalogue's other languages
def _undated_months(source: str, language: str) -> tuple[dict[int, tuple[str, tuple[int, int]]], frozenset[int]] | None:
    """The months ``source`` names as months (code blanked) and where its dated ones start, or None when none is
    named without a day; shared by the calls: not to be changed."""
    source_clean = blank_code(source)
    # capitalised wide names only: "may", "march" in lower case are words
    months = {month: found for month, found in _named(source_clean, language, "months", ("wide",)).items()
              if found[0][0].isupper() and not _MONTH_AS_VERB.match(source_clean, found[1][0])}
    if not months:
        return None
    dated = frozenset(m.span[0] for m in source_months(source_clean, language))
    if all(span[0] in dated for _, span in months.values()):
        return None  # every month beside a day: the numbers check's
    return months, dated


@register
class MonthNameCheck(EntryCheck):
    id = "month-name"
    name = "Month named without a day"
    description = ("A month the source names without a day number (a calendar's 'August') is the same month in "
                   "the translation; reported only where the translation names another month in full "
                   "(August = Juli; Russian and Ukrainian in any case: в ноябре), so 'May' the verb is never a month. Months beside a day are the numbers "
                   "check's (an error there).")
    severity = WARNING

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            undated = _undated_months(source, context.source_language)
            if undated is None:
                continue
            months, dated = undated
            target_clean = blank_code(target)
            present = target_months(target_clean, context.language)
            if all(span[0] in dated or str(month) in present for month, (_, span) in months.items()):
                continue  # every month kept (what is looked for below only adds to ``present``)
            if primary(context.language) in {"zh", "ja", "yue", "ko"}:
                others = {int(m) for m in present if m.isdigit()}
            else:
                others = set(_named(target_clean, context.language, "months", ("wide",)))
                others |= {month for month, pattern in _inflected_months(context.language)
                           if pattern.search(target_clean)}
                present |= {str(month) for month in others}
            others -= set(months)
            if not others:
                continue
            for month, (label, span) in months.items():
                if span[0] in dated or str(month) in present:
                    continue
                yield Issue(f"month: the source's {label!r} is another month in the translation",
                            offending=label, span=span, in_source=True, form=form)
