"""The writer's fast paths never drift from the full computations they replace.

``wrap_breaks`` looks for break opportunities only where a line has to end, for
texts without stateful line-break classes; ``_all_breaks`` classifies every
character (and is itself checked against the step-by-step port of libunistring
in ``test_po_writer``). The writer finds forbidden break positions without a
per-character loop, skips escaping strings with nothing to escape and bounds
widths instead of computing them.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workbench.po.writer as writer
from workbench.po.catalog import Catalog, Message
from workbench.po.directives import directive_overrides
from workbench.po.linebreak import PROHIBITED, UNDEFINED, LineBreaker, _all_breaks, wrap_breaks
from workbench.po.writer import _ESCAPE_TABLE, _ESCAPES, break_overrides, format_po

# What escaped msgid/msgstr text is made of: ASCII words and punctuation,
# escapes, format directives, Latin, Cyrillic, CJK (wide, with its
# punctuation), Hangul, Arabic, no-break and ideographic spaces, URLs ...
_WRITER_PIECES = list(' abcxyz0123456789.,;:!?-/()[]{}<>"\'%&*+=_|~') + [
    "\\n", "\\t", '\\"', "\\\\", "%s", "%d", "%%", "%(name)s", "% d", "{0}", "{name}", "{a.b[0]:>5}", "word",
    "longerword", "http://example.org/a/b?c=d", "é", "ß", "Привет", "мир", "。", "，", "「", "」", "（", "）",
    "中文字", "日本語", "한국어", "عربي", "\u00a0", "\u3000", "—", "…", "‘’“”", "·", "€", "\u00ad", "ｱ",
]
# ... and now and then a character of a stateful class (mandatory break,
# combining mark, joiner, zero-width space, flag, Hebrew) to exercise the switch
# to the full pass.
_STATEFUL_PIECES = ["\u2028", "\u0085", "\u0301", "\u200d", "\u200b", "\U0001F1EB", "\u05d0", "\x1b", "\t"]


def _texts(stateful: bool):
    pieces = st.sampled_from(_WRITER_PIECES)
    if stateful:
        pieces = st.one_of(pieces, pieces, pieces, st.sampled_from(_STATEFUL_PIECES),
                           st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"))
    return st.lists(pieces, min_size=1, max_size=60).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_texts(False), _texts(True)), st.integers(3, 80), st.integers(0, 30), st.booleans(), st.data())
def test_wrap_breaks_equals_the_full_pass(text, width, start, cjk, data):
    overrides = data.draw(st.dictionaries(st.integers(0, len(text) - 1), st.sampled_from([UNDEFINED, PROHIBITED]),
                                          max_size=8))
    assert wrap_breaks(text, width, start, overrides, cjk) == _all_breaks(text, width, start, overrides, cjk)


def _reference_overrides(portion: str, escaped: str, spans: list[bool] | None, offset: int) -> dict[int, int]:
    """break_overrides() one character at a time (how the writer first did it)."""
    overrides = {}
    at = 0
    for index, ch in enumerate(portion):
        if ch in _ESCAPES:
            overrides[at + 1] = PROHIBITED
        if spans is not None and spans[offset + index]:
            overrides[at] = PROHIBITED
        at += 2 if ch in _ESCAPES else 1
    if portion.endswith("\n"):
        overrides[len(escaped) - 2] = PROHIBITED
    return overrides


_RAW_PIECES = [p.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\")
               for p in _WRITER_PIECES] + ["\n", "\r", "\a", "\v", "\f", "\b"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_RAW_PIECES), min_size=1, max_size=40).map("".join),
       st.sampled_from(["c-format", "python-format", "python-brace-format"]), st.booleans())
def test_forbidden_breaks_equal_the_per_character_loop(value, flag, is_msgstr):
    spans = directive_overrides(value, flag, is_msgstr)
    offset = 0
    for portion in value.split("\n"):
        if offset + len(portion) < len(value):
            portion += "\n"
        escaped = portion.translate(_ESCAPE_TABLE)
        assert break_overrides(portion, escaped, spans, offset) == _reference_overrides(portion, escaped, spans, offset)
        offset += len(portion)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_RAW_PIECES + _STATEFUL_PIECES), max_size=50).map("".join),
                          st.sampled_from([[], ["c-format"], ["python-format"], ["python-brace-format"], ["no-wrap"]])),
                min_size=1, max_size=5),
       st.sampled_from([20, 40, 79, 0]), st.sampled_from(["UTF-8", "EUC-JP"]))
def test_writer_output_equals_the_full_pass(entries, width, charset):
    messages = [Message(msgid="", msgstr=f"Content-Type: text/plain; charset={charset}\n")]
    messages += [Message(msgid=f"{i} {text}", msgstr=text, flags=flags) for i, (text, flags) in enumerate(entries)]
    catalog = Catalog(messages=messages)
    fast = format_po(catalog, width)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LineBreaker, "breaks", lambda self, width, start_column=0: _all_breaks(
            self.text, width, start_column, self.overrides, self.cjk))
        patch.setattr(writer._Writer, "fits", lambda self, escaped, columns: False)  # always the line breaker
        patch.setattr(writer, "_escape", lambda text: text.translate(_ESCAPE_TABLE))
        assert format_po(catalog, width) == fast
