"""What changed in a source sentence since it was translated: the word-level diff of ``#| msgid`` and msgid.

A fuzzy entry that ``update`` carried over from an edited sentence keeps the old
source as its previous msgid; the reviewer's question is what the edit was, so
the review pages show old and new source as one text with deletions and
insertions marked. Words are the unit (a changed number is one word, not a
digit); Chinese, Japanese and Korean ideographs and kana, which no spaces
separate, count one character each; a placeholder (``<g1>``) is one token.
"""

from __future__ import annotations

import difflib

import regex

from workbench.review.chips import PLACEHOLDER

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
_TOKEN = regex.compile(
    PLACEHOLDER.pattern
    + r"|[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*|\s+|.",
    regex.I | regex.S,
)


def tokens(text: str) -> list[str]:
    return [match.group() for match in _TOKEN.finditer(text)]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(EQUAL | DELETE | INSERT, text) pieces that read as ``old`` without the insertions, ``new`` without the deletions."""
    before, after = tokens(old), tokens(new)
    # no autojunk: in a long sentence "the" or a space would otherwise be ignored and the diff scattered
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append((EQUAL, "".join(before[i1:i2])))
            continue
        if i2 > i1:
            out.append((DELETE, "".join(before[i1:i2])))
        if j2 > j1:
            out.append((INSERT, "".join(after[j1:j2])))
    return out
