"""Unicode line breaking as GNU gettext does it (libunistring's ulc_width_linebreaks).

msgcat wraps long strings at UAX #14 line-break opportunities, counting columns
with East Asian wide characters as 2, so CJK text breaks between ideographs but
never before closing punctuation such as 。，」. To write byte-identical
files we reproduce libunistring 1.0's algorithm (the one gettext 0.21 links
against) on its own tables (see ``gen_linebreak_data``): first the break
opportunities (``possible_linebreaks``), then the greedy choice of the ones
needed to fit a width (``width_linebreaks``).

These reference functions work on lists of code points, one break value per
code point (libunistring marks the first byte of each UTF-8 character; same
thing). The writer uses the faster ``wrap_breaks``/``LineBreaker``, which give
the indices of a string before which a line break goes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from workbench.po.linebreak_data import CLASS_RUNS, PAIR_TABLE, WIDTH_RUNS

# Break values, as in libunistring's unilbrk.h.
UNDEFINED, PROHIBITED, POSSIBLE, MANDATORY, HYPHENATION, CR_BEFORE_LF = 0, 1, 2, 3, 4, 5

# Line-break classes as numbered in libunistring 1.0's lbrktables.h. Classes
# below 33 index the pair table; the others are resolved before lookup.
WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY = range(20)
AL, H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM = range(20, 33)
BK, CR, LF, CM, ZW, SP, CB, AI, SA, XX = 33, 34, 35, 36, 37, 38, 39, 40, 41, 42
HL_BA = 100  # runtime only: a Hebrew letter followed by a hyphen or BA

# Encodings libunistring treats as East Asian (uniwidth/cjk.h): there ambiguous
# characters are ideographic (AI -> ID) and almost everything is 2 columns.
CJK_ENCODINGS = frozenset({"EUC-JP", "GB2312", "GBK", "EUC-TW", "BIG5", "EUC-KR", "CP949", "JOHAB"})


def _expand(flat_runs: tuple[int, ...]) -> bytearray:
    table = bytearray(0x110000)
    starts = flat_runs[0::2]
    values = flat_runs[1::2]
    ends = starts[1:] + (0x110000,)
    for start, end, value in zip(starts, ends, values):
        table[start:end] = bytes((value,)) * (end - start)
    return table


_CLASS = _expand(CLASS_RUNS)
_WIDTH = _expand(WIDTH_RUNS)  # 255 = control character: no width
_D, _I, _P = "D", "I", "P"
_PAIRS = tuple(tuple(row) for row in PAIR_TABLE)


def char_width(uc: int, cjk: bool = False) -> int:
    """Columns a code point takes (uc_width); control characters take none."""
    w = _WIDTH[uc]
    if w == 255:
        return 0
    # In legacy CJK encodings Cyrillic, Greek, box drawing... are full width too.
    if cjk and w == 1 and 0x00A1 <= uc < 0xFF61 and uc != 0x20A9:
        return 2
    return w


def text_width(text: str, cjk: bool = False) -> int:
    """Columns a string takes, as gettext counts them for wrapping."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(text.translate(_tables(cjk)[1]).encode("latin-1"))


def possible_linebreaks(cps: list[int], cjk: bool = False) -> list[int]:
    """UAX #14 break opportunities before each code point (libunistring's u8_possible_linebreaks_v2)."""
    out = [PROHIBITED] * len(cps)
    classes = _CLASS
    pairs = _PAIRS
    ai_replacement = ID1 if cjk else AL
    prev = BK  # class of the previous character
    last = BK  # class of the last character that was not a space (nor CM/ZWJ)
    seen_space = False  # a space since `last`
    ri_count = 0  # consecutive regional indicators just before this point
    for i, uc in enumerate(cps):
        prop = classes[uc]
        if prop == BK or prop == LF or prop == CR:
            # LB4-LB6: mandatory break after BK/CR/LF (marked before the next one)
            out[i] = MANDATORY
            if prev == CR and prop == LF:
                out[i - 1] = CR_BEFORE_LF
            prev = prop
            last = BK
            seen_space = False
        else:
            if prop == AI:
                prop = ai_replacement
            elif prop == CB:
                prop = ID1
            elif prop == SA or prop == XX:
                prop = AL  # no dictionary for Thai, Lao, Khmer, Myanmar: treat as letters
            if prop == SP:
                seen_space = True  # LB7: no break before a space
            elif prop == ZW:
                last = ZW
                seen_space = False
            elif prop == CM or prop == ZWJ:
                # LB9/LB10: a combining mark sticks to what precedes it, unless
                # that is the start of the text, a space or a zero-width space.
                if last == BK:
                    last = AL
                    seen_space = False
                elif last == ZW or seen_space:
                    out[i] = POSSIBLE
                    last = AL
                    seen_space = False
            else:
                if last == BK:
                    pass  # no break at the start of the text
                elif last == ZW:
                    out[i] = POSSIBLE  # LB8
                elif prev == ZWJ:
                    pass  # LB8a
                elif last == RI and prop == RI:
                    # LB30a: flags are pairs of regional indicators
                    if seen_space or ri_count % 2 == 0:
                        out[i] = POSSIBLE
                elif prev == HL_BA:
                    pass  # LB21a
                else:
                    rule = pairs[last][prop]
                    if rule == _D or (rule == _I and seen_space):
                        out[i] = POSSIBLE
                last = prop
                seen_space = False
            prev = HL_BA if prev == HL and (prop == HY or prop == BA) else prop
        ri_count = ri_count + 1 if prop == RI else 0
    return out


def width_linebreaks(
    cps: list[int],
    width: int,
    start_column: int = 0,
    overrides: list[int] | None = None,
    cjk: bool = False,
    at_end_columns: int = 0,
) -> list[int]:
    """Where to break so that lines fit in ``width`` columns (libunistring's u8_width_linebreaks_v2).

    Greedy: a break opportunity is taken only when the text up to the next one
    would overflow. ``overrides[i]`` (if not UNDEFINED) replaces the break value
    before code point i. Returns POSSIBLE where a line break goes, MANDATORY at
    existing line breaks, PROHIBITED elsewhere.
    """
    p = possible_linebreaks(cps, cjk)
    last_p = -1
    last_column = start_column
    piece_width = 0
    for i, uc in enumerate(cps):
        if overrides is not None and overrides[i] != UNDEFINED:
            p[i] = overrides[i]
        value = p[i]
        if value == POSSIBLE or value == MANDATORY or value == CR_BEFORE_LF:
            # an unbreakable piece of text ends here
            if last_p >= 0 and last_column + piece_width > width:
                p[last_p] = POSSIBLE
                last_column = 0
        if value == MANDATORY or value == CR_BEFORE_LF:
            last_p = -1
            last_column = 0
            piece_width = 0
        else:
            if value == POSSIBLE:
                last_p = i
                last_column += piece_width
                piece_width = 0
            p[i] = PROHIBITED
            piece_width += char_width(uc, cjk)
    if last_p >= 0 and last_column + piece_width + at_end_columns > width:
        p[last_p] = POSSIBLE
    return p


# -- the fast paths used by the writer --------------------------------------------------------
#
# possible_linebreaks() and width_linebreaks() above follow libunistring step by
# step and stay as the reference. _all_breaks() computes the same result in one
# pass for speed (formatting 100,000 entries must take about a second): classes
# and widths come from str.translate() (C speed) with AI/CB/SA/XX already
# resolved, and overrides are a sparse dict. wrap_breaks() and LineBreaker
# (further below) go faster still on most texts.

def _translation_table(values: bytearray) -> str:
    return values.decode("latin-1")


def _resolved_classes(cjk: bool) -> str:
    resolve = bytearray(range(256))
    resolve[AI] = ID1 if cjk else AL
    resolve[CB] = ID1
    resolve[SA] = resolve[XX] = AL
    return _translation_table(bytearray(_CLASS.translate(resolve)))


def _resolved_widths(cjk: bool) -> str:
    no_width = bytearray(range(256))
    no_width[255] = 0
    table = bytearray(_WIDTH.translate(no_width))
    if cjk:
        for uc in range(0x00A1, 0xFF61):
            if table[uc] == 1 and uc != 0x20A9:
                table[uc] = 2
    return _translation_table(table)


_FAST_TABLES: dict[bool, tuple[str, str]] = {}
_PAIR_CODES = tuple(bytes({"D": 1, "I": 2, "P": 3}[c] for c in row) for row in PAIR_TABLE)


def _tables(cjk: bool) -> tuple[str, str]:
    tables = _FAST_TABLES.get(cjk)
    if tables is None:
        tables = _FAST_TABLES[cjk] = (_resolved_classes(cjk), _resolved_widths(cjk))
    return tables


def _all_breaks(text: str, width: int, start_column: int = 0,
                overrides: dict[int, int] | None = None, cjk: bool = False) -> list[int]:
    """wrap_breaks() for any text: width_linebreaks() in one pass over every character."""
    class_table, width_table = _tables(cjk)
    classes = text.translate(class_table).encode("latin-1")
    widths = text.translate(width_table).encode("latin-1")
    overrides = overrides or {}
    pairs = _PAIR_CODES
    breaks: list[int] = []
    prev = last = BK
    seen_space = False
    ri_count = 0
    last_p = -1
    last_column = start_column
    piece_width = 0
    for i, prop in enumerate(classes):
        # 1. the break opportunity before character i (libunistring's possible_linebreaks)
        value = PROHIBITED
        if prop == BK or prop == LF or prop == CR:
            # (libunistring marks CR of CR LF as CR_BEFORE_LF, which the
            # width pass treats exactly like MANDATORY)
            value = MANDATORY
            prev = prop
            last = BK
            seen_space = False
        else:
            if prop == SP:
                seen_space = True
            elif prop == ZW:
                last = ZW
                seen_space = False
            elif prop == CM or prop == ZWJ:
                if last == BK:
                    last = AL
                    seen_space = False
                elif last == ZW or seen_space:
                    value = POSSIBLE
                    last = AL
                    seen_space = False
            else:
                if last == BK or prev == ZWJ or prev == HL_BA:
                    pass
                elif last == ZW:
                    value = POSSIBLE
                elif last == RI and prop == RI:
                    if seen_space or ri_count % 2 == 0:
                        value = POSSIBLE
                else:
                    rule = pairs[last][prop]
                    if rule == 1 or (rule == 2 and seen_space):
                        value = POSSIBLE
                last = prop
                seen_space = False
            prev = HL_BA if prev == HL and (prop == HY or prop == BA) else prop
        ri_count = ri_count + 1 if prop == RI else 0
        if overrides:
            forced = overrides.get(i)
            if forced is not None and forced != UNDEFINED:
                value = forced
        # 2. the greedy choice (libunistring's width_linebreaks)
        if value == PROHIBITED:
            piece_width += widths[i]
        elif value == POSSIBLE:
            if last_p >= 0 and last_column + piece_width > width:
                breaks.append(last_p)
                last_column = 0
            last_p = i
            last_column += piece_width
            piece_width = widths[i]
        else:  # a mandatory break (or CR before LF): the column starts again
            if last_p >= 0 and last_column + piece_width > width:
                breaks.append(last_p)
            last_p = -1
            last_column = 0
            piece_width = 0
    if last_p >= 0 and last_column + piece_width > width:
        breaks.append(last_p)
    return breaks


# -- the faster path: look only where a line has to end ---------------------------------------
#
# Most strings that need wrapping (97 % of the characters of Django's catalogues)
# hold no character of the classes that carry state across characters: BK/CR/LF
# (mandatory breaks), CM/ZWJ (combining marks stick to what precedes them), ZW,
# RI (flags pair up) and HL (LB21a). Without them, whether a break is allowed
# before character i depends only on its class, the class of the last non-space
# character before it and whether spaces lie between (LB7, LB18 and the pair
# table). And the greedy choice ends each line at the last opportunity that
# still fits (or, when none fits, at the first one after). So instead of
# classifying every character, wrap_breaks() finds where each line would
# overflow and looks backwards from there for an opportunity: a few characters
# per line instead of all of them. _all_breaks() remains for the other texts.

# the classes that make _all_breaks() necessary (as bytes, for a one-pass search)
_STATEFUL = re.compile(b"[" + re.escape(bytes([BK, CR, LF, CM, ZWJ, ZW, RI, HL])) + b"]")
_OVERRIDES_OK = frozenset({UNDEFINED, PROHIBITED})
_ASCII_CLASSES = bytes(_resolved_classes(False)[:128], "latin-1") + bytes(128)  # same with cjk


def wrap_breaks(text: str, width: int, start_column: int = 0,
                overrides: dict[int, int] | None = None, cjk: bool = False) -> list[int]:
    """Indices of ``text`` before which a line break goes (width_linebreaks()'s POSSIBLE values)."""
    return LineBreaker(text, overrides, cjk).breaks(width, start_column)


class LineBreaker:
    """The line breaks of one text, prepared once for trying several start columns."""

    def __init__(self, text: str, overrides: dict[int, int] | None = None, cjk: bool = False):
        self.text = text
        self.overrides = overrides or {}
        self.cjk = cjk
        plain_ascii = text.isascii() and text.isprintable()
        if plain_ascii:
            classes = text.encode("ascii").translate(_ASCII_CLASSES)
        else:
            classes = text.translate(_tables(cjk)[0]).encode("latin-1")
        self.classes = classes
        self.stateful = bool(_STATEFUL.search(classes)) or not _OVERRIDES_OK.issuperset(self.overrides.values())
        # columns[i]: the width of text[:i]; None when every character takes one column
        self.columns: list[int] | None = None
        if not plain_ascii and not self.stateful:
            self.columns = list(accumulate(text.translate(_tables(cjk)[1]).encode("latin-1"), initial=0))

    def breaks(self, width: int, start_column: int = 0) -> list[int]:
        """Indices of the text before which a line break goes, the first line starting at ``start_column``."""
        if self.stateful:
            return _all_breaks(self.text, width, start_column, self.overrides, self.cjk)
        return _line_ends(self.classes, self.columns, width, start_column, self.overrides)


def _line_ends(classes: bytes, columns: list[int] | None, width: int, start_column: int,
               overrides: dict[int, int]) -> list[int]:
    """The greedy line breaks of a text without stateful classes (see above)."""
    n = len(classes)
    pairs = _PAIR_CODES

    def opportunity(i: int) -> bool:
        prop = classes[i]
        if prop == SP or overrides.get(i) == PROHIBITED:
            return False
        before = i - 1
        while before >= 0 and classes[before] == SP:
            before -= 1
        if before < 0:
            return False  # nothing but spaces before: the start of the text
        rule = pairs[classes[before]][prop]
        return rule == 1 or (rule == 2 and before < i - 1)

    breaks: list[int] = []
    start = 0
    limit = width - start_column  # a line may run up to the position whose column is `limit`
    while True:
        if columns is None:
            if n <= limit:
                return breaks
            fits = limit
        else:
            if columns[n] <= limit:
                return breaks
            fits = bisect_right(columns, limit) - 1  # the last position within the limit
        at = fits
        while at > start and not opportunity(at):
            at -= 1
        if at <= start:
            # nothing fits: the line runs over, up to its first opportunity
            at = max(fits, start) + 1
            while at < n and not opportunity(at):
                at += 1
            if at >= n:
                return breaks
        breaks.append(at)
        start = at
        limit = width + (at if columns is None else columns[at])
