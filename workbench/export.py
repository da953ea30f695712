"""Every export format in one registry, and the one function that writes a list of them.

Two families write them: ``workbench.exchange`` the files for CAT tools (TMX, XLIFF), streamed
article by article, and ``workbench.review`` the files for reviewers and editors (HTML pages,
the term matrix, Word tables, interleaved text). The CLI (``workbench export``), ``workbench
run`` and the tests ask this module which formats exist and call ``export``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from workbench.config import Config
from workbench.errors import WorkbenchError

EXCHANGE, REVIEW = "exchange", "review"


@dataclass(frozen=True)
class ExportFormat:
    name: str
    family: str  # EXCHANGE or REVIEW
    description: str


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("tmx", EXCHANGE, "TMX 1.4b: every article and language in one memory"),
    ExportFormat("xliff", EXCHANGE, "XLIFF 1.2, one file per article and language"),
    ExportFormat("xliff2", EXCHANGE, "XLIFF 2.1 with the glossary and metadata modules, one per article and language"),
    ExportFormat("html", REVIEW, "bilingual review pages: each language beside the source, and all of them"),
    ExportFormat("matrix", REVIEW, "the term × language matrix page"),
    ExportFormat("docx", REVIEW, "the review table for Word, one per article and language"),
    ExportFormat("md", REVIEW, "source and translation interleaved by paragraph, Markdown"),
    ExportFormat("txt", REVIEW, "source and translation interleaved by paragraph, plain text"),
)}


def parse_formats(values: list[str] | None) -> list[str]:
    """``["tmx", "xliff,xliff2"]`` -> ``["tmx", "xliff", "xliff2"]``, without repeats; unknown names refused."""
    formats: list[str] = []
    for value in values or []:
        for name in value.split(","):
            name = name.strip().lower()
            if name and name not in formats:
                formats.append(name)
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise WorkbenchError(f"unknown export format(s): {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    return formats


def export(config: Config, formats: list[str], output_dir: Path | None = None,
           timestamp: datetime | None = None) -> Iterator[tuple[Path, bool]]:
    """Write ``formats`` (names of FORMATS) under ``output_dir`` (default: the project's exports folder).

    Yields (path, written) per file as it is done, False where the file already had those bytes.
    ``timestamp`` goes into the files only when given: by default the same catalogues give the same bytes.
    """
    formats = parse_formats(formats)
    output_dir = Path(output_dir or config.exports_dir)
    exchange = [name for name in formats if FORMATS[name].family == EXCHANGE]
    review = [name for name in formats if FORMATS[name].family == REVIEW]
    if exchange:
        from workbench.exchange import export_exchange

        try:
            yield from export_exchange(config, exchange, output_dir, timestamp)
        except OSError as exc:  # the streamed writers' disk full or read-only folder: say where
            raise WorkbenchError(f"cannot write the exports: {exc.strerror or exc} (files already there are "
                                 "unchanged)", exc.filename or output_dir) from None
    if review:
        from workbench.review import export_review

        for path in export_review(config, review, output_dir, timestamp=timestamp):
            yield path, True
