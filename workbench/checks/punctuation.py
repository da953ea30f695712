"""Punctuation, by the rules of the target's script.

* end punctuation: the translation ends the way the source does, in the
  target's form (``.`` → ``。`` in Chinese and Japanese, ``!`` → ``！``);
  closing quotes and brackets are looked through (``…”。`` and ``…».``), and
  a text in brackets with no end punctuation (a byline) needs none;
* half-width punctuation in Chinese/Japanese text (``扬州,汽车``), and
* French spacing: a no-break space before ``; : ! ? »`` and after ``«``; both judged
  against the catalogue's own convention (catalogue checks: a catalogue that writes a mark
  half-width, or an ordinary space, throughout gets one note instead of one warning per entry);
* paired brackets and quotes: () [] {} （） 【】 《》 「」 『』 “” ‘’ «» „“,
  counted per family and only reported when the source's are balanced.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterator

import regex as re

from workbench.checks.base import INFO, WARNING, CatalogueCheck, Context, Entry, EntryCheck, Issue
from workbench.checks.registry import register
from workbench.checks.text import blank_code, is_cjk_char, is_han_language, script_of
from workbench.langs import primary

# “ and ‘ close a quotation in German, Czech, Serbian („…“, ‚…‘) as ” and ’ do in English
_CLOSERS = "\"'”’“‘»«」』）)]】》〉〕›"
_OPENERS = "\"'“‘«「『（([【《〈〔‹„‚"
# end-punctuation classes: what a text ends with, whatever the script
_END_CLASSES = {
    ".": "period", "。": "period", "．": "period", "｡": "period", "।": "period", "۔": "period",
    "!": "exclamation", "！": "exclamation", "¡": None,
    "?": "question", "？": "question", ";": "semicolon", "；": "semicolon", "؟": "question",
    ":": "colon", "：": "colon", "…": "ellipsis", "⋯": "ellipsis",
    "։": "period", "․": "period", "ঃ": "colon", "॥": "period", "።": "period", "။": "period", "។": "period", "؛": "semicolon", "፧": "question",
    "‼": "exclamation", "⁉": "question", "՞": "question", "՜": "exclamation",
}
_NO_FULL_STOP = {"th", "lo"}  # Thai and Lao end sentences with a space, not a mark
_HAN_FORM = {"period": "。", "exclamation": "！", "question": "？", "colon": "：", "semicolon": "；", "ellipsis": "……"}
_LATIN_FORM = {"period": ".", "exclamation": "!", "question": "?", "colon": ":", "semicolon": ";", "ellipsis": "…"}
_SENTENCE_ENDS = {"period", "exclamation", "question"}


_CLOSING_TAG = re.compile(r"</[A-Za-z][\w.-]*\s*>$")


def _strip_end(text: str) -> tuple[str, int]:
    """``text`` without trailing spaces, closing quotes/brackets and closing tags (``…an.</a>``); the end offset kept."""
    end = len(text)
    while end:
        if text[end - 1].isspace() or text[end - 1] in _CLOSERS:
            end -= 1
            continue
        tag = _CLOSING_TAG.search(text, 0, end) if text[end - 1] == ">" else None
        if tag is None:
            break
        end = tag.start()
    return text[:end], end


@lru_cache(maxsize=4096)  # end-punctuation and start-capital ask it of the same source in turn
def end_class(text: str, language: str | None = None) -> tuple[str | None, int]:
    stripped, end = _strip_end(text.rstrip())
    if stripped.endswith("...") or stripped.endswith("……"):
        return "ellipsis", end
    if not stripped:
        return None, end
    if stripped[-1] in ";;" and language and primary(language) == "el":  # (the cheaper test first)
        return "question", end
    return _END_CLASSES.get(stripped[-1]), end


def _bracketed(text: str) -> bool:
    text = text.strip()
    return len(text) > 1 and text[0] in "(（[【" and text[-1] in ")）]】"


@register
class EndPunctuation(EntryCheck):
    id = "end-punctuation"
    name = "End punctuation"
    description = ("The translation ends with the punctuation the source ends with, in the target script's form "
                   "(。！？ for Chinese and Japanese); closing quotes and brackets are looked through.")
    severity = WARNING

    def check_entry(self, entry: Entry, context: Context):
        han = is_han_language(context.language)
        for form, source, target in entry.pairs():
            if not source.strip() or not target.strip():
                continue
            src_class, _ = end_class(source, context.source_language)
            tgt_class, tgt_end = end_class(target, context.language)
            if src_class == tgt_class and not han:
                continue  # the usual case: the same end, and no full-width form to ask for
            stripped_target = target.rstrip()
            last = stripped_target[:tgt_end][-1:] if tgt_end else ""
            if src_class == tgt_class:
                if han and tgt_class and last in _LATIN_FORM.values() and _ends_in_cjk(target[:tgt_end - 1]):
                    yield Issue(f"ends with half-width {last!r}; use {_HAN_FORM[tgt_class]!r}", offending=last,
                                span=(tgt_end - 1, tgt_end), form=form)
                continue
            if {src_class, tgt_class} <= {"period", "ellipsis"}:
                continue  # "etc." / "…" / "等。" and the like
            if primary(context.language) == "hy" and {src_class, tgt_class} <= {"period", "colon"}:
                continue  # Armenian ։ and ․ serve as full stop and colon alike
            if src_class is None and _bracketed(source) and _bracketed(target):
                continue
            if tgt_class is None and primary(context.language) in _NO_FULL_STOP and src_class in _SENTENCE_ENDS:
                continue  # a Thai question ends with its particle (ไหม, หรือ), a sentence with a space
            if _abbreviation(source) or _abbreviation(target):
                continue  # "Jan." / "Груд.": an abbreviation's period is not end punctuation
            if src_class == "colon" and tgt_class is None and han:
                continue  # a label: Chinese often drops the colon before a line break
            if src_class is None:
                if han and tgt_class == "period" and last == "。" and script_of(context.source_language) != "cjk":
                    yield Issue(f"ends with {last!r}, the source has no end punctuation", offending=last,
                                span=(tgt_end - 1, tgt_end), form=form, severity=INFO)
                    continue
                yield Issue(f"ends with {last!r}, the source has no end punctuation", offending=last,
                            span=(tgt_end - 1, tgt_end), form=form, severity=INFO)
                continue
            expected = (_HAN_FORM if han else _LATIN_FORM)[src_class]
            if tgt_class is None:
                yield Issue(f"end punctuation missing: the source ends with {_LATIN_FORM[src_class]!r}, "
                            f"expected {expected!r}", offending=stripped_target[-1:] or None,
                            span=(len(stripped_target) - 1, len(stripped_target)) if stripped_target else None, form=form)
            else:
                # one sentence end for another (a German request ending in "!", a warning rewritten as a
                # question) is the translator's choice of sentence more often than a slip: noted, not a warning
                choice = {src_class, tgt_class} <= _SENTENCE_ENDS
                yield Issue(f"ends with {last!r}, the source with {_LATIN_FORM[src_class]!r}: expected {expected!r}",
                            offending=last, span=(tgt_end - 1, tgt_end), form=form, severity=INFO if choice else None)


_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:a\.m|p\.m|etc|e\.g|i\.e|Inc|Ltd|Co|Jr|Sr|St|vs|approx|Sept|No)\.$", re.I)
_SHORT_WORD = re.compile(r"[\p{L}.]{1,6}\.")


def _abbreviation(text: str) -> bool:
    """A lone short word ending in a period ("Jan.", "Груд."), or a text ending in "a.m.", "etc."."""
    text = text.strip()
    return (bool(_SHORT_WORD.fullmatch(text)) and " " not in text) or bool(_ABBREVIATION_END.search(text))


def _ends_in_cjk(text: str) -> bool:
    text = text.rstrip()
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
    return bool(text) and (is_cjk_char(text[-1]) or text[-1] in "”’」』）》")


# -- half-width punctuation in Chinese / Japanese ----------------------------------------
_HALFWIDTH = re.compile(r"[,;:!?()\"]|\.(?!\d)")
_FULLWIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。", '"': "“ ”"}
# the marks a convention is learnt for, each with its full-width forms
_MARK_FAMILY = {"(": "()", ")": "()", ",": ",", ";": ";", ":": ":", "!": "!", "?": "?", ".": ".", '"': '"'}
_FULL_FAMILY = {"()": "（）", ",": "，、", ";": "；", ":": "：", "!": "！", "?": "？", ".": "。", '"': "“”「」"}
_MARKDOWN_LINK = re.compile(r"\]\([^()\s]*\)")
# a mark the source uses as syntax: between two non-space characters (yes,no,maybe; HH:MM) or before a
# placeholder (index entries "environment variable; %s"); the target must keep it as it is
_SYNTAX_MARK = re.compile(r"(?<=\S)([,;:])(?=[^\s\x00]|\s*\x00)")
# a convention against the typographic rule needs this many places; a catalogue with fewer marks in all
# than this is judged by the language's catalogues together
_CONVENTION_MINIMUM = 5


def _halfwidth_in_cjk(text: str, source: str, japanese: bool, language: str) -> Iterator[tuple[str, Issue]]:
    """(mark family, issue) for each half-width mark against CJK text in one translation."""
    _, end = end_class(text)
    final = text.rstrip().rstrip(_CLOSERS)
    syntax = {match.group(1) for match in _SYNTAX_MARK.finditer(source)}
    links = [span for match in _MARKDOWN_LINK.finditer(text) for span in ((match.start() + 1, match.end()),)]
    for match in _HALFWIDTH.finditer(text):
        char, position = match.group(0), match.start()
        if position >= len(final) - 1 and char in ".!?;:" and position >= end - 1:
            continue  # the end: end-punctuation's business
        if any(start <= position < stop for start, stop in links):
            continue  # [text](url): link syntax, not prose
        if char in syntax and _SYNTAX_MARK.match(text, position) is not None and position > 0:
            continue  # the same separator the source uses as syntax (Django's yesno filter splits on the comma)
        before = _neighbour(text, position, -1)
        after = _neighbour(text, position + 1, 1)
        if char == '"':  # directly against CJK text; '将 "DEBUG" 设为' quotes code, spaced off
            cjk = is_cjk_char(text[position - 1:position] or " ") or is_cjk_char(text[position + 1:position + 2] or " ")
        elif char in "()":
            # brackets around Latin text only, (YYYY-MM-DD HH:MM), belong to that text
            cjk = _cjk_inside(text, position, 1 if char == "(" else -1)
        else:
            cjk = is_cjk_char(before) and (after == "" or is_cjk_char(after) or after in "“‘「『（《"
                                           or not after.isascii() or after.isspace() or after.isdigit()
                                           or after.isalpha())
            if char == "." and not is_cjk_char(after):
                cjk = cjk and after in ("", " ")
        if not cjk:
            continue
        if japanese and char == ",":
            wanted = "、"
        elif char == '"' and (japanese or language.upper().endswith(("_TW", "_HK", "_MO", "HANT"))):
            wanted = "「 」"
        else:
            wanted = _FULLWIDTH[char]
        yield _MARK_FAMILY[char], Issue(f"half-width {char!r} in {'Japanese' if japanese else 'Chinese'} text; "
                                        f"use {wanted!r}", offending=char, span=(position, position + 1))


def _is_convention(usage: str, other: str, tally: Counter, overall: Counter) -> bool:
    """Whether a catalogue writes ``usage`` as its convention rather than ``other``: more often, and at least
    _CONVENTION_MINIMUM times; counted in the catalogue, or in all the language's catalogues when it has too
    few of either to tell."""
    counts = tally if tally[usage] + tally[other] >= _CONVENTION_MINIMUM else overall
    return counts[usage] >= _CONVENTION_MINIMUM and counts[usage] > counts[other]


@register
class CJKPunctuation(CatalogueCheck):
    """Half-width marks against CJK text, judged by the catalogue's own convention.

    Many catalogues write some marks half-width on purpose (Django's Japanese: ``(`` 44 times, ``（``
    once): advice against a whole catalogue's choice is noise, so each mark family's convention is
    learnt from the catalogue (from all the language's catalogues when it has too few marks), and
    where half-width is the convention one info finding says so instead of an entry finding per mark.
    """

    id = "cjk-punctuation"
    name = "Half-width punctuation in CJK text"
    description = ("A half-width , ; : ! ? ( ) . next to Chinese or Japanese characters, where the catalogue "
                   "otherwise uses the full-width forms (，；：！？（）。, and 、 for enumerations); a catalogue that "
                   "writes a mark half-width throughout gets one note instead. Marks the source uses as syntax "
                   "(a comma-separated list, a Markdown link) are left alone.")
    severity = WARNING
    languages = frozenset({"zh", "ja", "yue", "wuu", "lzh"})

    def summarise(self, entry, context):
        """(full-width marks by family, (family, form, message, offending, span) of each half-width one)."""
        if not entry.has_translation or entry.message.fuzzy:
            return None
        japanese = primary(context.language) == "ja"
        full: Counter = Counter()
        half = []
        for form, source, target in entry.pairs():
            text = blank_code(target, fill="\x00")
            for family, chars in _FULL_FAMILY.items():
                full[family] += sum(text.count(char) for char in chars)
            for family, issue in _halfwidth_in_cjk(text, blank_code(source, fill="\x00"), japanese, context.language):
                half.append((family, form, issue.message, issue.offending, issue.span))
        return tuple(sorted((family, count) for family, count in full.items() if count)), tuple(half)

    # Judged file by file: a catalogue's marks counted (its tally), the language's counts summed; a catalogue's
    # findings follow from its own marks and, where it has too few of a family, the language's convention.
    def tally(self, info, entries, context):
        return tuple(sorted(self._counts(entries, context).items()))

    def combine(self, tallies, files, context):
        overall: Counter = Counter()
        for tally in tallies:
            overall.update(dict(tally))
        return +overall

    def view(self, overall, tally, file_number, context):
        counts = Counter(dict(tally))
        if not any(counts["half " + family] for family in _FULL_FAMILY):
            return None  # no half-width mark: nothing to report
        return self._half_width(counts, overall)

    def check_catalogue(self, info, entries, overall, file_number, context, entry_of):
        japanese = primary(context.language) == "ja"
        counts = self._counts(entries, context)
        half_width = self._half_width(counts, overall)
        for family in half_width:
            if counts["half " + family]:
                marks = " ".join(family)
                yield None, info, Issue(
                    f"this catalogue mostly writes {marks} half-width next to {'Japanese' if japanese else 'Chinese'} "
                    f"text ({counts['half ' + family]} half-width, {counts['full ' + family]} full-width): taken as "
                    f"its convention, so single entries are not reported", offending=family, severity=INFO)
        for entry in entries:
            facts = self.facts(entry, context)
            if facts is None:
                continue
            for family, form, message, offending, span in facts[1]:
                if family not in half_width:
                    yield entry, info, Issue(message, offending=offending, span=span, form=form)

    def _counts(self, entries, context) -> Counter:
        """A catalogue's full-width and half-width marks by family ("full ,", "half ,")."""
        counts: Counter = Counter()
        for entry in entries:
            facts = self.facts(entry, context)
            if facts is None:
                continue
            full, half = facts
            for family, count in full:
                counts["full " + family] += count
            for family, *_ in half:
                counts["half " + family] += 1
        return counts

    @staticmethod
    def _half_width(counts: Counter, overall: Counter) -> tuple[str, ...]:
        """The families a catalogue writes half-width as its convention."""
        return tuple(family for family in _FULL_FAMILY
                     if _is_convention("half " + family, "full " + family, counts, overall))


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character from ``index`` in direction ``step``, looking past spaces."""
    if step < 0:
        index -= 1
    while 0 <= index < len(text):
        if text[index] not in " \t":
            return text[index] if text[index] != "\x00" else "x"
        index += step
    return ""


def _cjk_inside(text: str, index: int, step: int) -> bool:
    """Whether the bracket at ``index`` encloses CJK text (looking forward for '(' or back for ')')."""
    closing = ")" if step > 0 else "("
    index += step
    while 0 <= index < len(text) and text[index] != closing:
        if is_cjk_char(text[index]):
            return True
        index += step
    return False


# -- full-width punctuation outside CJK text -----------------------------------------------------
_FULLWIDTH_PUNCT = re.compile(r"[，。！？：；（）【】「」、]")


@register
class FullwidthPunctuation(EntryCheck):
    id = "fullwidth-punctuation"
    name = "Full-width punctuation outside CJK"
    description = ("Chinese/Japanese full-width punctuation (，。！？：；（）、「」) in a translation into a language "
                   "that is not written with it (a copy-paste from a CJK text or an input-method slip).")
    severity = WARNING
    exclude_languages = frozenset({"zh", "ja", "ko", "yue", "wuu", "lzh"})

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            # every mark it looks for is outside ASCII; the source is only looked at when the target has one
            if target.isascii() or not _FULLWIDTH_PUNCT.search(target) or _FULLWIDTH_PUNCT.search(source):
                continue
            for match in _FULLWIDTH_PUNCT.finditer(target):
                yield Issue(f"full-width {match.group(0)!r} in a {context.language} translation", offending=match.group(0),
                            span=match.span(), form=form)


# -- French spacing ----------------------------------------------------------------------
_NBSP = "\u00a0\u202f"
_FR_BEFORE = re.compile(r"(?P<space>[ \u00a0\u202f]?)(?P<mark>[;:!?»])")
_FR_AFTER = re.compile(r"«(?P<space>[ \u00a0\u202f]?)")


def _french_spaces(text: str, canadian: bool, source: str = "") -> Iterator[tuple[str, Issue | None]]:
    """(kind, issue) for each place French spacing applies to: kind ``nbsp`` (right, no issue), ``ordinary``
    (an ordinary space) or ``missing`` (no space). A mark inside a token the source has as it is
    (reST's ``:no-index:``, an index entry's ``Proposals;``) is syntax, not prose: never reported."""
    for match in _FR_BEFORE.finditer(text):
        mark, space = match.group("mark"), match.group("space")
        position = match.start("mark")
        if canadian and mark in ";!?":
            continue
        before = text[match.start() - 1] if match.start() > 0 else ""
        after = text[position + 1] if position + 1 < len(text) else ""
        if not space and (before == "" or before in "\x00" or before in _NBSP or before in "!?" or before == mark):
            continue  # "?!", and "::" (reST, C++): one mark, spaced once
        if not space and mark == ":" and (before.isdigit() and after.isdigit()):
            continue  # 10:30
        if not space and (after and after not in " \n\u00a0\u202f»\"”)" and not after in ";:!?.,"):
            continue  # inside a token: "a:b", "C:\\", "http:"
        if not space and source and _token_at(text, position) in source:
            continue
        if space and space in _NBSP:
            yield "nbsp", None
        elif space == " ":
            yield "ordinary", Issue(f"ordinary space before {mark!r}; use a no-break space (U+00A0 or U+202F)",
                                    offending=" " + mark, span=(match.start(), position + 1))
        else:
            yield "missing", Issue(f"no space before {mark!r}; French puts a no-break space there",
                                   offending=before + mark, span=(position - 1, position + 1))
    for match in _FR_AFTER.finditer(text):
        space = match.group("space")
        if space and space in _NBSP:
            yield "nbsp", None
        elif space:
            yield "ordinary", Issue("ordinary space after '«'; use a no-break space", offending="«" + space,
                                    span=(match.start(), match.end()))
        else:
            yield "missing", Issue("no space after '«'; French puts a no-break space there", offending="«",
                                   span=(match.start(), match.end()))


def _token_at(text: str, position: int) -> str:
    """The run of non-space characters around ``position``."""
    start, end = position, position + 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


@register
class FrenchSpacing(CatalogueCheck):
    """French spacing, judged by the catalogue's own convention.

    Some catalogues write an ordinary space before ; : ! ? throughout (Sphinx's French: 324 places,
    no no-break space at all). That is one decision, reported once for the catalogue (info); its
    entries are then only reported where they break that convention (no space at all). A catalogue
    that mostly uses no-break spaces gets every ordinary space reported, as before.
    """

    id = "french-spacing"
    name = "French spacing"
    description = ("French typography puts a no-break space (U+00A0 or the narrow U+202F) before ; : ! ? » and "
                   "after «. In Canadian French only before : and inside « ». A catalogue written with ordinary "
                   "spaces throughout gets one note, and only its entries without any space are reported.")
    severity = WARNING
    languages = frozenset({"fr"})

    def summarise(self, entry, context):
        """(kind, form, message, offending, span) of each space before or after a mark (no issue: message None)."""
        if not entry.has_translation or entry.message.fuzzy:
            return None
        canadian = context.language.upper().endswith("_CA")
        spaces = []
        for form, source, target in entry.pairs():
            for kind, issue in _french_spaces(blank_code(target, fill="\x00"), canadian, blank_code(source, fill="\x00")):
                spaces.append((kind, form, None, None, None) if issue is None else
                              (kind, form, issue.message, issue.offending, issue.span))
        return tuple(spaces)

    # Judged file by file, as cjk-punctuation: a catalogue's spaces counted, the language's summed.
    def tally(self, info, entries, context):
        counts: Counter = Counter()
        issues = False
        for entry in entries:
            for kind, _, message, _, _ in self.facts(entry, context) or ():
                counts[kind] += 1
                issues = issues or message is not None
        return tuple(sorted(counts.items())), issues

    def combine(self, tallies, files, context):
        overall: Counter = Counter()
        for counts, _ in tallies:
            overall.update(dict(counts))
        return +overall

    def view(self, overall, tally, file_number, context):
        counts, issues = Counter(dict(tally[0])), tally[1]
        ordinary = _is_convention("ordinary", "nbsp", counts, overall)
        if not issues and not (ordinary and counts["ordinary"]):
            return None
        return ordinary

    def check_catalogue(self, info, entries, overall, file_number, context, entry_of):
        counts = Counter(dict(self.tally(info, entries, context)[0]))
        ordinary = _is_convention("ordinary", "nbsp", counts, overall)
        if ordinary and counts["ordinary"]:
            yield None, info, Issue(
                f"this catalogue mostly uses ordinary spaces before ; : ! ? (and inside « ») "
                f"({counts['ordinary']} ordinary, {counts['nbsp']} no-break); French typography wants a no-break "
                f"space (U+00A0 or U+202F): change them all at once if the project adopts it", severity=INFO)
        for entry in entries:
            for kind, form, message, offending, span in self.facts(entry, context) or ():
                if message is None or (ordinary and kind == "ordinary"):
                    continue
                if ordinary:
                    message = message.replace("French puts a no-break space there", "this catalogue puts a space there")
                yield entry, info, Issue(message, offending=offending, span=span, form=form)


# -- paired brackets and quotes ---------------------------------------------------------------
_BRACKET_FAMILIES = {
    "round": ("(（", ")）"), "square": ("[［【〔", "]］】〕"), "curly": ("{｛", "}｝"),
    "angle": ("《〈", "》〉"), "corner": ("「『", "」』"),
}


# every mark the check counts: a translation with none of them cannot be unbalanced
_PAIRED_MARKS = frozenset("".join(o + c for o, c in _BRACKET_FAMILIES.values()) + "“”„«»\"‘’")

_RTL = {"ar", "fa", "he", "yi", "ur", "ps", "sd", "ug", "dv", "ckb", "arc"}


def _double_quote_balance(text: str) -> int:
    """Unpaired double quotes with “…” (en, zh), „…“ (de, ru) and „…” (pl, hu) all accepted."""
    if "„" not in text and "“" not in text and "”" not in text:
        return 0
    low = high = stray = 0
    for char in text:
        if char == "„":
            low += 1
        elif char == "“":
            if low:
                low -= 1
            else:
                high += 1
        elif char == "”":
            if high:
                high -= 1
            elif low:
                low -= 1
            else:
                stray += 1
    return low + high + stray


def _quote_balance(text: str, language: str) -> dict[str, int]:
    """How many quotation marks of each family are unpaired, by the language's conventions."""
    code = primary(language)
    if code in {"sv", "fi"}:  # ”…” and »…»: the same mark opens and closes
        return {"double": text.count("”") % 2 if "“" not in text else _double_quote_balance(text),
                "guillemets": (text.count("»") % 2) if "«" not in text else abs(text.count("«") - text.count("»")),
                "straight": text.count('"') % 2}
    if code in _RTL:  # right-to-left text often stores ” before “; count pairs only
        return {"double": (text.count("“") + text.count("”")) % 2,
                "guillemets": (text.count("«") + text.count("»")) % 2,
                "straight": 0 if code in {"he", "yi"} else text.count('"') % 2}  # he: " is gershayim (דוא"ל)
    counts = {
        "double": _double_quote_balance(text),
        "guillemets": abs(text.count("«") - text.count("»")),  # « » (fr, ru) and » « (de, da) alike
        "straight": text.count('"') % 2,
    }
    if script_of(language) == "cjk":  # elsewhere ’ is also the apostrophe
        counts["single"] = abs(text.count("‘") - text.count("’"))
    return counts


def _bracket_balance(text: str) -> dict[str, int]:
    return {name: sum(map(text.count, opens)) - sum(map(text.count, closes))
            for name, (opens, closes) in _BRACKET_FAMILIES.items()}


@register
class Brackets(EntryCheck):
    id = "brackets"
    name = "Paired brackets and quotes"
    description = ("Brackets and quotation marks come in pairs: () [] {} （） 【】 《》 「」 『』 “” ‘’ « » „“, "
                   "by the target language's conventions. Reported only where the source's are balanced.")
    severity = WARNING

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            if _PAIRED_MARKS.isdisjoint(target):
                continue
            tgt_text = blank_code(target)
            if _PAIRED_MARKS.isdisjoint(tgt_text):
                continue  # its marks were all in code ("%(name)s"): nothing counted is left
            tgt_brackets = _bracket_balance(tgt_text)
            tgt_quotes = _quote_balance(tgt_text, context.language)
            if not any(tgt_brackets.values()) and not any(tgt_quotes.values()):
                continue  # the usual case: the source need not be looked at
            src_text = blank_code(source)
            src_brackets = _bracket_balance(src_text)
            src_brackets["corner"] = 0  # quotes in CJK: compared with the source's quotes below
            for family, balance in tgt_brackets.items():
                if balance and not any(src_brackets.values()) and not _list_marker(tgt_text):
                    char = _BRACKET_FAMILIES[family][0 if balance > 0 else 1]
                    missing = "closing" if balance > 0 else "opening"
                    span = _last_unpaired(target, _BRACKET_FAMILIES[family], balance)
                    yield Issue(f"unpaired bracket: a {missing} bracket for {char!r} is missing",
                                offending=target[span[0]:span[1]] if span else None, span=span, form=form)
            src_quotes = _quote_balance(src_text, context.source_language)
            if any(v for k, v in src_quotes.items()):
                continue
            for family, balance in tgt_quotes.items():
                if balance:
                    yield Issue(f"unpaired quotation mark ({family} quotes)", form=form,
                                offending=_first_quote(target, family), span=_quote_span(target, family))


_LIST_MARKER = re.compile(r"(?:^|\s)(?:\d+|[a-zA-Z]|[ivx]+)\)")


def _list_marker(text: str) -> bool:
    """``1)``, ``a)``: enumerations close a bracket that never opened."""
    return bool(_LIST_MARKER.search(text))


def _last_unpaired(text: str, family: tuple[str, str], balance: int) -> tuple[int, int] | None:
    opens, closes = family
    stack: list[int] = []
    stray: list[int] = []
    for index, char in enumerate(text):
        if char in opens:
            stack.append(index)
        elif char in closes:
            if stack:
                stack.pop()
            else:
                stray.append(index)
    position = (stack[-1] if stack else None) if balance > 0 else (stray[0] if stray else None)
    return (position, position + 1) if position is not None else None


_QUOTE_CHARS = {"double": "“”„", "guillemets": "«»", "single": "‘’", "straight": '"'}


def _first_quote(text: str, family: str) -> str | None:
    for char in text:
        if char in _QUOTE_CHARS.get(family, ""):
            return char
    return None


def _quote_span(text: str, family: str) -> tuple[int, int] | None:
    for index, char in enumerate(text):
        if char in _QUOTE_CHARS.get(family, ""):
            return (index, index + 1)
    return None


# -- sentence case ------------------------------------------------------------------------------
_FIRST_LETTER = re.compile(r"\p{L}")


@register
class StartCapital(EntryCheck):
    id = "start-capital"
    name = "Sentence starts in lower case"
    description = ("A full sentence of the source (three words or more, ending in . ! or ?) starts with a capital "
                   "letter but the translation with a lower-case one. Only between cased scripts (Latin, Cyrillic, "
                   "Greek): never on Chinese or Japanese; only the first letter is compared, not counts of capitals.")
    severity = WARNING
    scripts = frozenset({"latin", "cyrillic", "greek"})

    def check_entry(self, entry: Entry, context: Context):
        if script_of(context.source_language) not in {"latin", "cyrillic", "greek"}:
            return
        for form, source, target in entry.pairs():
            if len(source.split()) < 3 or end_class(source, context.source_language)[0] not in _SENTENCE_ENDS:
                continue
            plain_source, plain_target = blank_code(source, fill="\x00"), blank_code(target, fill="\x00")
            first_source = _FIRST_LETTER.search(plain_source)
            first_target = _FIRST_LETTER.search(plain_target)
            if not first_source or not first_target:
                continue
            if plain_source[:first_source.start()].strip(_OPENERS + " ") or plain_target[:first_target.start()].strip(_OPENERS + " "):
                continue  # starts with a number, a placeholder or markup: no sentence case to compare
            if first_source.group(0).isupper() and first_target.group(0).islower():
                start = first_target.start()
                yield Issue("the sentence starts with a lower-case letter; the source's starts with a capital",
                            offending=target[start], span=(start, start + 1), form=form)
