"""``workbench tm analyse``: how much of each article × language the memory already covers, in words.

The table translators quote from: words of each catalogue's sources in the bands 100 %, 95–99 %,
85–94 %, 75–84 %, no match, and repetitions. What it measures is the work a translator would have
if the catalogue were empty, whatever it holds today: each entry is matched against the memory
without the units of its own catalogue (its own translation and its neighbours'); the other
articles' catalogues, imported TMX files and shared memories count. A source met again later in
the batch (the catalogues analysed for one language, in article order, entry order within) is a
repetition: it will be translated once; unless the memory matches it at 100 %, which every
occurrence then counts as (memoQ's and Trados Studio's default: 100 % matches before
repetitions). Words are counted as ``match.word_count`` does, the project's one count, which
``workbench stats`` uses too (CJK by characters, a hyphenated compound one word, a number one
word, placeholders and tags none); a plural entry counts both its sources and is matched on its
singular.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Callable

from workbench.config import Config
from workbench.glossary.terminology import Terminology
from workbench.layout import selected_catalogues
from workbench.po.reader import read_po
from workbench.tm.match import best_match, word_count
from workbench.tm.pretranslate import open_memory

# (label, lowest score) from the best band down; below the last: no match
BANDS = (("100%", 100), ("95-99%", 95), ("85-94%", 85), ("75-84%", 75))
NO_MATCH, REPETITIONS = "no match", "repetitions"
COLUMNS = (*(label for label, _ in BANDS), NO_MATCH, REPETITIONS)


def band(score: int | None) -> str:
    for label, lowest in BANDS:
        if score is not None and score >= lowest:
            return label
    return NO_MATCH


@dataclass
class Analysis:
    """One catalogue's words and segments per band."""

    article: str
    language: str
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))
    segments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    def add(self, column: str, words: int) -> None:
        self.words[column] += words
        self.segments[column] += 1

    def as_dict(self) -> dict:
        return {"article": self.article, "language": self.language, "words": dict(self.words),
                "segments": dict(self.segments), "total_words": self.total_words}


def analyse(config: Config, articles: list[str] | None = None, languages: list[str] | None = None,
            memory=None, progress: Callable[[int], None] | None = None) -> list[Analysis]:
    """One Analysis per catalogue of ``articles`` × ``languages`` (default: all), in language then article order."""
    catalogues = selected_catalogues(config, articles, languages)
    if memory is None:
        with contextlib.closing(open_memory(config)) as memory:  # no file left open after the command's work
            return analyse(config, articles, languages, memory, progress)
    terminology = Terminology.for_project(config)
    results = []
    seen: dict[str, dict[tuple, str]] = {}  # per language: each source met so far -> its band
    for language, article, path in catalogues:
        analysis = Analysis(article, language)
        own = config.relative(path) + ":"
        earlier = seen.setdefault(language, {})
        for message in read_po(path).entries():
            words = word_count(message.msgid, config.source_language)
            if message.plural:
                words += word_count(message.msgid_plural, config.source_language)
            key = (message.msgctxt, message.msgid, message.msgid_plural)
            if key in earlier:  # a 100 % match stays one on every occurrence (memoQ, Trados Studio)
                analysis.add(earlier[key] if earlier[key] == BANDS[0][0] else REPETITIONS, words)
                continue
            match = best_match(memory, message.msgid, language, terminology, BANDS[-1][1], message.msgctxt,
                               exclude=lambda unit: unit.reference.startswith(own))
            earlier[key] = band(match.score if match else None)
            analysis.add(earlier[key], words)
        results.append(analysis)
        if progress:
            progress(1)
    return results


def format_table(results: list[Analysis]) -> str:
    """The words per band, one row per article and language, and a total row per language."""
    header = ("article", "lang", *COLUMNS, "total")
    rows = [(r.article, r.language, *(str(r.words[c]) for c in COLUMNS), str(r.total_words)) for r in results]
    for language in dict.fromkeys(r.language for r in results):
        mine = [r for r in results if r.language == language]
        if len(mine) > 1:
            rows.append(("(all articles)", language, *(str(sum(r.words[c] for r in mine)) for c in COLUMNS),
                         str(sum(r.total_words for r in mine))))
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(row) -> str:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:])]
        return "  ".join(cells).rstrip()

    return "\n".join([line(header), *(line(row) for row in rows), "(words; CJK sources counted by characters)"])
