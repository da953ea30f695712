"""Sentence segmentation by SRX 2.0 rules.

    >>> seg = Segmenter.default()
    >>> text = "Hello World. My name is Jonas."
    >>> [text[a:b] for a, b in seg.split(text, "en")]
    ['Hello World.', 'My name is Jonas.']

``Segmenter.from_file`` reads any SRX 2.0 file (Okapi's, OmegaT's, a team's
own); ``Segmenter.default`` uses ours, ``workbench/data/srx/workbench.srx``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from workbench.langs import to_bcp47
from workbench.segment.srx import CompiledRules, SrxDocument, parse_srx

__all__ = ["Segmenter", "DEFAULT_RULES"]

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "data" / "srx" / "workbench.srx"


class Segmenter:
    """Splits text into sentences with the rules of one SRX document."""

    def __init__(self, document: SrxDocument):
        self.document = document
        self._compiled: dict[str, CompiledRules] = {}

    @classmethod
    def from_file(cls, path: str | Path) -> "Segmenter":
        """A segmenter using the SRX 2.0 file at ``path`` (WorkbenchError if it is bad)."""
        return cls(parse_srx(path))

    @classmethod
    def default(cls) -> "Segmenter":
        """The segmenter with our bundled rules (read once per process)."""
        return _default()

    def rules(self, language: str) -> CompiledRules:
        """The compiled rules for ``language`` (gettext ``zh_CN`` or BCP 47 ``zh-CN``)."""
        tag = to_bcp47(language) if language else ""
        compiled = self._compiled.get(tag)
        if compiled is None:
            compiled = self._compiled[tag] = CompiledRules(self.document.rules_for(tag))
        return compiled

    def split(self, text: str, language: str) -> list[tuple[int, int]]:
        """Sentence spans ``(start, end)`` of ``text``, in order.

        Each span is stripped of surrounding whitespace; together they cover
        every non-whitespace character, and whitespace between sentences
        belongs to none.
        """
        spans = []
        start = 0
        for end in self.rules(language).breaks(text) + [len(text)]:
            a, b = start, end
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                spans.append((a, b))
            start = end
        return spans

    def sentences(self, text: str, language: str) -> list[str]:
        """The sentences of ``text`` as strings (convenience over ``split``)."""
        return [text[a:b] for a, b in self.split(text, language)]


@lru_cache(maxsize=1)
def _default() -> Segmenter:
    return Segmenter.from_file(DEFAULT_RULES)
