"""Extents of format directives, so that wrapping never splits one (as gettext's wrap() does).

gettext parses a string with the parser of its first format flag
(``c-format``, ``python-format``, ...) and forbids line breaks inside each
valid directive (a break just before one stays allowed). This matters only
for directives that contain a break opportunity: ``%%`` (UAX #14 allows a
break between two ``%``), ``% d``, ``%(a name)s``. As in
gettext, scanning stops at the first invalid directive: later ones are not
protected.

Parsers here cover C (also used for objc), Python and Python brace formats,
following gettext's format-c.c, format-python.c and format-python-brace.c.
Other languages get no protection (their directives rarely contain a break
opportunity).

python-brace-format reproduces a bug of gettext 0.21: its parser records
directive positions relative to the start of each *directive* instead of the
start of the string, so a valid ``{...}`` of length L protects the string's
first L bytes, not itself (``{0: d}`` can be split; the first bytes of the
string cannot). We copy that, because we copy msgcat's output.
"""

from __future__ import annotations

import re

# The I flag (locale digits) is accepted only in translations. Flags and digit
# runs are possessive (*+, ++): gettext's parser never gives back a character it
# has read, and a backtracking "0" that could be a flag or a width made a long
# run of zeros take quadratic time (minutes for a 100,000-character string).
_C_DIRECTIVE_MSGSTR = re.compile(
    r"%(?:\d++\$)?[-+ #0'I]*+(?:\*(?:\d++\$)?|\d++)?(?:\.(?:\*(?:\d++\$)?|\d++)?)?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:[diouxXfFeEgGaAcspnCS%]|<PRI[diouxX](?:8|16|32|64|LEAST\d+|FAST\d+|MAX|PTR)>)"
)
_C_DIRECTIVE = re.compile(
    r"%(?:\d++\$)?[-+ #0']*+(?:\*(?:\d++\$)?|\d++)?(?:\.(?:\*(?:\d++\$)?|\d++)?)?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:[diouxXfFeEgGaAcspnCS%]|<PRI[diouxX](?:8|16|32|64|LEAST\d+|FAST\d+|MAX|PTR)>)"
)
_PY_TAIL = re.compile(r"[-+ #0]*+(?:\*|\d++)?(?:\.(?:\*|\d++)?)?[hlL]?[diouxXeEfFgGcrsa%]")


def directive_overrides(value: str, flag: str, is_msgstr: bool, codec: str = "utf-8") -> list[bool] | None:
    """For each character of ``value``, True when a line break before it is forbidden.

    ``flag`` is the entry's first format flag (e.g. ``python-format``).
    """
    language = flag
    for prefix in ("possible-", "no-", "impossible-"):
        if language.startswith(prefix):
            language = language[len(prefix):]
    language = language[: -len("-format")] if language.endswith("-format") else language
    if language in ("c", "objc"):
        spans = _c_spans(value, _C_DIRECTIVE_MSGSTR if is_msgstr else _C_DIRECTIVE)
    elif language == "python":
        spans = _python_spans(value)
    elif language == "python-brace":
        return _brace_overrides(value, codec)
    else:
        return None
    if not spans:
        return None
    inside = [False] * len(value)
    for start, end in spans:
        for index in range(start + 1, end):
            inside[index] = True
    return inside


def _c_spans(value: str, directive: re.Pattern) -> list[tuple[int, int]]:
    spans = []
    pos = value.find("%")
    while pos >= 0:
        match = directive.match(value, pos)
        if match is None:
            break  # an invalid directive: gettext stops marking here
        spans.append((pos, match.end()))
        pos = value.find("%", match.end())
    return spans


def _python_spans(value: str) -> list[tuple[int, int]]:
    spans = []
    named = unnamed = 0
    pos = value.find("%")
    while pos >= 0:
        cursor = pos + 1
        has_name = value.startswith("(", cursor)
        if has_name:
            # a mapping key: up to the matching parenthesis
            depth = 0
            cursor += 1
            while cursor < len(value):
                ch = value[cursor]
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    if depth == 0:
                        break
                    depth -= 1
                cursor += 1
            if cursor >= len(value):
                break
            cursor += 1
        match = _PY_TAIL.match(value, cursor)
        if match is None:
            break
        if value[match.end() - 1] != "%":
            # gettext refuses strings that mix %(name)s with %s, or use * with names
            if has_name:
                if unnamed or "*" in match.group():
                    break
                named += 1
            else:
                if named:
                    break
                unnamed += 1
        spans.append((pos, match.end()))
        pos = value.find("%", match.end())
    return spans


_IDENTIFIER = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")
_NAME = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
_TYPES = b"bcdoxXneEfFgG%"


def _brace_overrides(value: str, codec: str) -> list[bool] | None:
    """Protected characters for python-brace-format, as gettext 0.21 computes them (see above)."""
    data = value.encode(codec, "replace")
    ends: list[int] = []  # END marks, relative to each directive's start
    errors: list[int] = []  # ERROR marks, likewise

    def directive(start: int, toplevel: bool) -> int | None:
        """Parse the directive at data[start] == '{'; its end, or None (ERROR marked) if invalid."""
        pos = start + 1
        if data[pos:pos + 1] == b"{":
            return pos + 1  # an escaped brace
        match = _IDENTIFIER.match(data, pos)
        if match is None:
            errors.append(pos - start)
            return None
        pos = match.end()
        while data[pos:pos + 1] in (b".", b"["):
            opener = data[pos:pos + 1]
            pos += 1
            match = (_NAME if opener == b"." else _IDENTIFIER).match(data, pos)
            if match is None:
                errors.append(pos - start)
                return None
            pos = match.end()
            if opener == b"[":
                if data[pos:pos + 1] != b"]":
                    errors.append(pos - start)
                    return None
                pos += 1
        if data[pos:pos + 1] == b":":
            if not toplevel:
                errors.append(pos - start)
                return None
            pos += 1
            if data[pos:pos + 1] == b"{":
                pos = directive(pos, False)
                if pos is None:
                    return None
            else:
                if pos >= len(data):
                    errors.append(pos - start)
                    return None
                if data[pos + 1:pos + 2] in (b"<", b">", b"=", b"^") and pos + 1 < len(data):
                    pos += 2
                elif data[pos:pos + 1] in (b"<", b">", b"=", b"^"):
                    pos += 1
                for optional in (b"+- ", b"#", b"0"):
                    if pos < len(data) and data[pos] in optional:
                        pos += 1
                while pos < len(data) and data[pos:pos + 1].isdigit():
                    pos += 1
                if data[pos:pos + 1] == b"." and data[pos + 1:pos + 2].isdigit():
                    pos += 1
                    while pos < len(data) and data[pos:pos + 1].isdigit():
                        pos += 1
                if pos < len(data) and data[pos] in _TYPES:
                    pos += 1
        if data[pos:pos + 1] != b"}":
            errors.append(pos - start)
            return None
        if toplevel:
            ends.append(pos - start)
        return pos + 1

    pos = 0
    while pos < len(data):
        if data[pos] == 0x7B:  # "{"
            after = directive(pos, True)
            if after is None:
                break
            pos = after
        else:
            pos += 1
    if not ends:
        return None  # no START mark at all
    first_end = min(ends)
    if errors and min(errors) <= first_end:
        return None  # the region is an invalid directive: breaks stay allowed
    inside = []
    offset = 0
    for ch in value:
        inside.append(0 < offset <= first_end)
        offset += len(ch.encode(codec, "replace"))
    return inside
