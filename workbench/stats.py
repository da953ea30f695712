"""``workbench stats``: translation progress per catalogue, in segments and source words (like pocount).

Words are counted in the source text as translators count them, the way ``tm analyse`` counts
(``workbench.tm.match.word_count``): one per character for Chinese and Japanese, where no spaces
separate words, a hyphenated compound one word, a number one word, placeholders and tags none.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from workbench.config import Config
from workbench.layout import find_catalogues, find_files, path_article
from workbench.po.catalog import Catalog
from workbench.po.reader import read_po

def count_words(text: str, language: str = "en") -> int:
    from workbench.tm.match import word_count  # the one count (see the module's docstring)

    return word_count(text, language)


@dataclass
class Counts:
    segments: int = 0
    words: int = 0

    def add(self, words: int) -> None:
        self.segments += 1
        self.words += words


@dataclass
class CatalogueStats:
    file: str
    article: str
    language: str
    total: Counts
    translated: Counts
    fuzzy: Counts
    untranslated: Counts
    obsolete: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.translated.segments / self.total.segments if self.total.segments else 100.0

    def as_dict(self) -> dict:
        data = asdict(self)
        data["percent_translated"] = round(self.percent, 1)
        return data


def catalogue_stats(catalogue: Catalog, file: str, article: str = "", counted: dict[str, int] | None = None
                    ) -> CatalogueStats:
    """``counted``: each source's words as counted so far (a source recurs in every language's catalogue of its
    article; counting is most of ``stats`` on a project)."""
    counted = {} if counted is None else counted
    stats = CatalogueStats(file, article or Path(file).stem, catalogue.language or "", Counts(), Counts(), Counts(), Counts())
    for message in catalogue.messages:
        if message.is_header:
            continue
        if message.obsolete:
            stats.obsolete += 1
            continue
        words = counted.get(message.msgid)
        if words is None:
            words = counted[message.msgid] = count_words(message.msgid)
        stats.total.add(words)
        if message.translated:
            stats.translated.add(words)
        elif message.fuzzy and any(message.translations):
            stats.fuzzy.add(words)
        else:
            stats.untranslated.add(words)
    return stats


def project_stats(config: Config, progress: Callable[[int], None] | None = None) -> list[CatalogueStats]:
    results = []
    counted: dict[str, int] = {}
    for _, name, po_file in find_catalogues(config, config.target_languages):
        results.append(catalogue_stats(read_po(po_file), config.relative(po_file), name, counted))
        if progress:
            progress(1)
    results.sort(key=lambda s: (s.article, s.language))
    return results


def files_stats(paths: list[Path]) -> list[CatalogueStats]:
    counted: dict[str, int] = {}
    return [catalogue_stats(read_po(p), str(p), path_article(p), counted) for p in find_files(paths, (".po",))]


def format_table(rows: list[CatalogueStats]) -> str:
    header = ("article", "lang", "total", "translated", "fuzzy", "untranslated", "words", "words done", "%")
    table = [header]
    for s in rows:
        table.append(
            (
                s.article,
                s.language,
                str(s.total.segments),
                str(s.translated.segments),
                str(s.fuzzy.segments),
                str(s.untranslated.segments),
                str(s.total.words),
                str(s.translated.words),
                f"{s.percent:.0f}%",
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for number, row in enumerate(table):
        cells = [cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
