"""Extents of format directives, so that wrapping never splits one (as gettext's wrap() does).

gettext parses a string with the parser of its first format flag
(``c-format``, ``python-format``, ...) and forbids line breaks inside each
valid directive (a break just before one stays allowed). This matters only
for directives that contain a break opportunity: ``%%`` (UAX #14 allows a
break between two ``%``), ``% d``, ``%(a name)s``. As in
gettext, scanning stops at the first invalid directive: later ones are not
protected.

Parsers here cover C (also used for objc) and Python formats, following
gettext's format-c.c and format-python.c. Other languages get no protection
(their directives rarely contain a break opportunity). That includes
python-brace-format: tests against msgcat 0.21 show it does not protect
``{0: d}`` or ``{x: >5}`` either.
"""

from __future__ import annotations

import re

# The I flag (locale digits) is accepted only in translations.
_C_DIRECTIVE_MSGSTR = re.compile(
    r"%(?:\d+\$)?[-+ #0'I]*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+)?)?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:[diouxXfFeEgGaAcspnCS%]|<PRI[diouxX](?:8|16|32|64|LEAST\d+|FAST\d+|MAX|PTR)>)"
)
_C_DIRECTIVE = re.compile(
    r"%(?:\d+\$)?[-+ #0']*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+)?)?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:[diouxXfFeEgGaAcspnCS%]|<PRI[diouxX](?:8|16|32|64|LEAST\d+|FAST\d+|MAX|PTR)>)"
)
_PY_TAIL = re.compile(r"[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+)?)?[hlL]?[diouxXeEfFgGcrsa%]")


def directive_overrides(value: str, flag: str, is_msgstr: bool) -> list[bool] | None:
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
    pos = value.find("%")
    while pos >= 0:
        cursor = pos + 1
        if value.startswith("(", cursor):
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
        spans.append((pos, match.end()))
        pos = value.find("%", match.end())
    return spans
