"""Language codes: validation against CLDR (via Babel), gettext <-> BCP 47 (plural forms: ``workbench.plurals``).

Catalogues use gettext codes (``zh_CN``, ``pt_BR``, ``sr@latin``); TBX, XLIFF,
TMX and HTML use BCP 47 tags (``zh-CN``). Both are accepted everywhere and
converted with these helpers.
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from workbench.errors import WorkbenchError

CJK_LANGUAGES = {"zh", "ja", "ko", "yue", "wuu", "lzh"}
# Languages whose sentences follow each other with no space (a full-width 。 ends one). Thai, Lao, Khmer and
# Burmese write no spaces between words but one between sentences: a space joins theirs.
NO_SPACE_LANGUAGES = {"zh", "ja", "yue", "wuu", "lzh"}


_SCRIPT_MODIFIERS = {"Latn": "latin", "Cyrl": "cyrillic"}  # gettext's names of scripts (sr@latin, uz@cyrillic)
_MODIFIER_SCRIPTS = {name: script for script, name in _SCRIPT_MODIFIERS.items()} | {"cyrl": "Cyrl"}


@lru_cache(maxsize=4096)
def to_gettext(tag: str) -> str:
    """``zh-CN`` -> ``zh_CN``; ``sr-Latn`` -> ``sr@latin``; already-gettext codes pass through (normalised).

    A script the language is written in by default is no modifier (``sr-Cyrl`` is ``sr``, CLDR's likely script),
    another one is (``uz-Cyrl`` -> ``uz@cyrillic``); Chinese scripts name a region when the tag names none
    (``zh-Hant`` -> ``zh_TW``, but ``zh-Hant-HK`` -> ``zh_HK``); a variant is a modifier (``ca-valencia`` ->
    ``ca@valencia``)."""
    tag = tag.strip()
    if "." in tag:  # a POSIX codeset, zh_TW.Big5 (Sphinx's folder name): not part of the language
        base, _, rest = tag.partition(".")
        tag = base + ("@" + rest.partition("@")[2] if "@" in rest else "")
    if "@" in tag:
        base, _, modifier = tag.partition("@")
        return to_gettext(base) + "@" + modifier
    parts = tag.replace("_", "-").split("-")
    language, script, region, variants = parts[0].lower(), "", "", []
    for part in parts[1:]:
        if part.lower() == "x":
            break  # private use: nothing of the language's
        if len(part) == 4 and part.isalpha():
            script = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            region = part.upper()
        elif 5 <= len(part) <= 8 or (len(part) == 4 and part[0].isdigit()):
            variants.append(part.lower())
    modifier = ""
    if script and language == "zh" and script in ("Hans", "Hant"):
        region = region or ("CN" if script == "Hans" else "TW")
    elif script and script != likely_subtags(language)[1]:
        modifier = _SCRIPT_MODIFIERS.get(script, script.lower())
    modifier = modifier or (variants[0] if variants else "")
    return language + (f"_{region}" if region else "") + (f"@{modifier}" if modifier else "")


@lru_cache(maxsize=4096)  # (every cell of a review page names its language)
def to_bcp47(code: str) -> str:
    """``zh_CN`` -> ``zh-CN``; ``sr@latin`` -> ``sr-Latn``; ``ca@valencia`` -> ``ca-valencia`` (a modifier that
    names no script and is no BCP 47 variant, ``de_DE@euro``, is left out)."""
    code = code.strip()
    base, _, modifier = code.partition("@")
    parts = base.replace("-", "_").split("_")
    tag = parts[0].lower()
    script = _MODIFIER_SCRIPTS.get(modifier.lower()) if modifier else None
    if script:
        tag += "-" + script
    for part in parts[1:]:
        tag += "-" + (part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part)
    if modifier and not script and 5 <= len(modifier) <= 8 and modifier.isalnum():
        tag += "-" + modifier.lower()
    return tag


@lru_cache(maxsize=None)
def likely_subtags(code: str) -> tuple[str, str, str]:
    """(language, script, region) of a gettext or BCP 47 code, what it leaves out filled from CLDR's likely
    subtags: ``sr`` is (sr, Cyrl, RS), ``sr@latin`` and ``sr-Latn`` (sr, Latn, RS), ``zh_TW`` and ``zh-Hant``
    (zh, Hant, TW), ``zh`` (zh, Hans, CN). Two codes naming the same variety give the same answer."""
    from babel.core import get_global

    language, script, region = _written_subtags(code)
    likely = get_global("likely_subtags")
    for key in ("_".join(part for part in (language, script, region) if part),
                f"{language}_{region}" if region else "", f"{language}_{script}" if script else "", language):
        found = likely.get(key) if key else None
        if found:
            parts = found.split("_")
            script = script or next((p for p in parts[1:] if len(p) == 4), "")
            region = region or next((p for p in parts[1:] if len(p) in (2, 3) and p != script), "")
            break
    return language, script or "", region or ""


def _written_subtags(code: str) -> tuple[str, str, str]:
    """(language, script, region) as the code writes them (``sr@latin``: Latn), "" for those it leaves out."""
    parts = to_bcp47(code).split("-")
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    region = next((p.upper() for p in parts[1:] if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())), "")
    return parts[0].lower(), script, region


def same_variety(a: str | None, b: str | None) -> bool:
    """Two codes (gettext or BCP 47, any case) name the same language in the same script and region, once CLDR's
    likely subtags fill what they leave out (``sr`` and ``sr-Cyrl-RS``; ``zh_TW`` and ``zh-Hant``; never ``sr``
    and ``sr-Latn``)."""
    return bool(a and b) and likely_subtags(a) == likely_subtags(b)


def serves(other: str, language: str) -> bool:
    """Text in ``other`` serves ``language``: the same language in the same script, and the same region unless
    ``language`` names none (a bare ``fr`` takes ``fr-CA``; a bare ``sr``, Cyrillic, never ``sr-Latn``; a bare
    ``zh``, Simplified, never ``zh-TW``)."""
    mine, theirs = likely_subtags(language), likely_subtags(other)
    return mine[:2] == theirs[:2] and (mine[2] == theirs[2] or not _written_subtags(language)[2])


@lru_cache(maxsize=None)
def primary(code: str) -> str:
    """The primary language subtag: ``zh_CN`` -> ``zh``."""
    return code.replace("-", "_").split("_")[0].split("@")[0].lower()


@lru_cache(maxsize=None)
def locale_for(code: str) -> Locale:
    """The CLDR locale of a gettext or BCP 47 code, in the script its modifier names (``sr@latin`` is
    ``sr_Latn``: Latin month names, not Cyrillic ones); WorkbenchError if CLDR does not know it."""
    base, _, modifier = to_gettext(code).partition("@")
    script = _MODIFIER_SCRIPTS.get(modifier.lower())
    if script:
        language, *region = base.split("_")
        with contextlib.suppress(UnknownLocaleError, ValueError, TypeError):
            return Locale.parse("_".join([language, script, *region]))
    try:
        return Locale.parse(base)
    except (UnknownLocaleError, ValueError, TypeError):
        raise WorkbenchError(f"unknown language code {code!r} (not in CLDR)") from None


# a language code as gettext or BCP 47 writes it: language, then script, region or variant subtags, then one
# gettext modifier of letters and digits. Nothing else: a code names a folder (locales/<code>/LC_MESSAGES), so
# "fr@/../../x" must never pass as fr with a modifier
# (a TMX from another tool may write zh-CHS, an extension after -x-, or a POSIX codeset: zh_TW.Big5)
_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_](?:[A-Za-z]{2,4}|[0-9]{3}|[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
                   r"(?:[-_][xX](?:[-_][A-Za-z0-9]{1,8})+)?(?:\.[A-Za-z0-9_-]{1,20})?(?:@[A-Za-z0-9]{1,16})?")


def validate_language(code: str, where: str | None = None, line: int | None = None) -> str:
    """Return the gettext form of ``code`` or raise a WorkbenchError naming ``where``: a code of that shape whose
    language CLDR knows (not ``und`` or ``root``), its modifier in lower case (``sr@Latin`` is ``sr@latin``)."""
    text = str(code).strip()
    if not _CODE.fullmatch(text) or primary(text) in ("und", "root"):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise WorkbenchError(f"invalid language code {shown!r} (expected a code such as fr, pt_BR, zh-Hant, sr@latin)",
                             where, line)
    try:
        locale_for(text)
    except WorkbenchError as exc:
        raise WorkbenchError(exc.message, where, line) from None
    base, at, modifier = to_gettext(text).partition("@")
    return base + at + modifier.lower()


@lru_cache(maxsize=None)  # (asked by every cell of a review page)
def text_direction(code: str) -> str:
    """``rtl`` or ``ltr``, as CLDR writes the language; ``ltr`` for a code CLDR does not know."""
    try:
        return "rtl" if locale_for(code).character_order == "right-to-left" else "ltr"
    except WorkbenchError:
        return "ltr"


def language_name(code: str, in_language: str = "en") -> str:
    return locale_for(code).get_display_name(locale_for(in_language)) or code


def is_cjk(code: str) -> bool:
    return primary(code) in CJK_LANGUAGES


def joins_without_spaces(code: str) -> bool:
    """True for languages whose sentences follow each other with no space."""
    return primary(code) in NO_SPACE_LANGUAGES
