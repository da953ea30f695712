"""Translate ICU / Java regular expressions (the SRX 2.0 dialect) into `regex` syntax.

SRX 2.0 says its patterns follow ICU's regular expressions; the CAT tools that
write SRX files (Okapi, OmegaT, LanguageTool, memoQ, Trados) run them on ICU4J
or java.util.regex.  Python's third-party ``regex`` module, compiled with
``regex.V1``, is close: it has ``\\p{..}`` properties, possessive quantifiers,
atomic groups, nested and intersected character classes (``[a-z&&[^aeiou]]``)
and inline flags scoped to their group as in Java (``((?i)jan|feb)``).  What is
left is rewritten here, token by token:

==================================  ===========================================
ICU / Java                          regex
==================================  ===========================================
``\\x{h..h}``, ``\\0ooo`` (octal)      ``\\Uhhhhhhhh``
``\\Q...\\E``                         the quoted text, escaped
``\\e``, ``\\cX``                      the control character
``\\z`` / ``\\Z``                      ``\\Z`` / ``(?=\\n?\\Z)`` (Python's ``\\Z`` is ``\\z``)
``\\R``, ``\\v``, ``\\V``, ``\\H``        explicit classes (Java 8 meanings)
``\\p{IsLu}``, ``\\p{javaLowerCase}``  ``\\p{Lu}``, ``\\p{Ll}``
``(?d)``, ``(?U)``                   dropped (no meaning here)
==================================  ===========================================

Everything else passes through unchanged; whatever ``regex`` still refuses is
reported by the caller with the SRX file's line.
"""

from __future__ import annotations

import regex

FLAGS = regex.V1

# Java's "java*" character properties, and Java's "Is"-prefixed category names.
_JAVA_PROPERTIES = {
    "javalowercase": r"\p{Ll}",
    "javauppercase": r"\p{Lu}",
    "javatitlecase": r"\p{Lt}",
    "javadigit": r"\p{Nd}",
    "javadefined": r"\P{Cn}",
    "javaletter": r"\p{L}",
    "javaletterordigit": r"[\p{L}\p{Nd}]",
    "javaalphabetic": r"\p{Alphabetic}",
    "javaideographic": r"\p{Ideographic}",
    "javaspacechar": r"\p{Zs}",
    "javawhitespace": r"[\t\n\x0B\f\r\x1C-\x1F\p{Zs}\p{Zl}\p{Zp}--\xA0\u2007\u202F]",
    "javamirrored": r"\p{Bidi_M}",
    "javaisocontrol": r"\p{Cc}",
}
_GENERAL_CATEGORIES = {
    "L", "LC", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No",
    "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
    "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn",
}
_LINE_BREAK = r"(?:\r\n|[\n\x0B\f\r\x85\u2028\u2029])"
_VERTICAL_SPACE = r"[\n\x0B\f\r\x85\u2028\u2029]"
_VERTICAL_SPACE_IN_CLASS = r"\n\x0B\f\r\x85\u2028\u2029"
# regex knows \h (horizontal space) but not its negation \H, nor \V.
_NOT_VERTICAL_SPACE = r"[^\n\x0B\f\r\x85\u2028\u2029]"
_NOT_HORIZONTAL_SPACE = r"[^\t\x20\xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000]"


def _char(code: int) -> str:
    return "\\U%08x" % code


def _property(body: str, negated: bool) -> str:
    """``\\p{body}`` in regex syntax."""
    name = body.strip()
    key = name.lower()
    if key in _JAVA_PROPERTIES:
        out = _JAVA_PROPERTIES[key]
        if negated:
            # Every replacement is either \p{X} or a class: negate accordingly.
            out = out.replace("\\p{", "\\P{", 1) if out.startswith("\\p{") else "[^" + out[1:]
        return out
    if name.startswith("Is") and name[2:] in _GENERAL_CATEGORIES:
        name = name[2:]
    return ("\\P{" if negated else "\\p{") + name + "}"


def translate(pattern: str) -> str:
    """Return ``pattern`` (ICU/Java syntax) rewritten for ``regex`` with ``regex.V1``."""
    out: list[str] = []
    i, n = 0, len(pattern)
    class_depth = 0  # inside [...] (classes nest in ICU and in regex.V1)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            d = pattern[i + 1]
            if d == "Q":  # \Q...\E: literal text
                end = pattern.find("\\E", i + 2)
                literal = pattern[i + 2:] if end < 0 else pattern[i + 2:end]
                out.append("".join(_char(ord(ch)) if class_depth else regex.escape(ch) for ch in literal))
                i = n if end < 0 else end + 2
                continue
            if d == "x" and i + 2 < n and pattern[i + 2] == "{":
                end = pattern.find("}", i + 3)
                if end > 0:
                    try:
                        out.append(_char(int(pattern[i + 3:end], 16)))
                        i = end + 1
                        continue
                    except ValueError:
                        pass  # let regex report it
            if d == "e":
                out.append(_char(0x1B))
                i += 2
                continue
            if d == "c" and i + 2 < n:
                out.append(_char(ord(pattern[i + 2]) ^ 0x40))
                i += 3
                continue
            if d == "0":  # Java octal: \0 followed by 1 to 3 octal digits
                j = i + 2
                while j < n and j < i + 5 and pattern[j] in "01234567":
                    j += 1
                digits = pattern[i + 2:j]
                if digits and (len(digits) < 3 or digits[0] in "0123"):
                    out.append(_char(int(digits, 8)))
                    i = j
                    continue
                if len(digits) == 3:  # \0477 means \047 then "7"
                    out.append(_char(int(digits[:2], 8)))
                    i = j - 1
                    continue
            if d in "pP" and i + 2 < n and pattern[i + 2] == "{":
                end = pattern.find("}", i + 3)
                if end > 0:
                    out.append(_property(pattern[i + 3:end], negated=d == "P"))
                    i = end + 1
                    continue
            if not class_depth:
                if d == "z":
                    out.append("\\Z")
                    i += 2
                    continue
                if d == "Z":
                    out.append(r"(?=(?:\r\n|[\n\r\x85\u2028\u2029])?\Z)")
                    i += 2
                    continue
                if d == "R":
                    out.append(_LINE_BREAK)
                    i += 2
                    continue
            if d == "v":
                out.append(_VERTICAL_SPACE_IN_CLASS if class_depth else _VERTICAL_SPACE)
                i += 2
                continue
            if d in "VH" and not class_depth:
                out.append(_NOT_VERTICAL_SPACE if d == "V" else _NOT_HORIZONTAL_SPACE)
                i += 2
                continue
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[":
            class_depth += 1
            out.append(c)
            # A "]" or "^]" right after "[" is literal in Java and ICU.
            if pattern.startswith("^]", i + 1):
                out.append("^\\]")
                i += 3
                continue
            if pattern.startswith("]", i + 1):
                out.append("\\]")
                i += 2
                continue
            i += 1
            continue
        if c == "]" and class_depth:
            class_depth -= 1
        elif c == "(" and not class_depth and pattern.startswith("(?", i):
            # Inline flags: drop Java's d (UNIX_LINES) and U (UNICODE_CHARACTER_CLASS).
            j = i + 2
            while j < n and (pattern[j].isalpha() or pattern[j] == "-"):
                j += 1
            if j > i + 2 and j < n and pattern[j] in "):":
                flags = "".join(ch for ch in pattern[i + 2:j] if ch not in "dU")
                if flags.strip("-") or pattern[j] == ":":
                    out.append("(?" + flags.rstrip("-") + pattern[j])
                elif pattern[j] == ")":
                    pass  # the group held only dropped flags
                i = j + 1
                continue
        out.append(c)
        i += 1
    return "".join(out)


def compile_icu(pattern: str) -> regex.Pattern:
    """Compile an ICU/Java pattern; raises ``regex.error`` when it cannot be expressed."""
    return regex.compile(translate(pattern), FLAGS)
