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


def _names(values: list[str] | None, known, what: str) -> list[str]:
    """The names an option gives, repeatable or comma-separated (``["tmx", "xliff,xliff2"]`` -> ``["tmx",
    "xliff", "xliff2"]``), each once; a name not in ``known`` refused, saying which are."""
    names = list(dict.fromkeys(name.strip().lower() for value in values or [] for name in value.split(",")
                               if name.strip()))
    unknown = [name for name in names if name not in known]
    if unknown:
        raise WorkbenchError(f"unknown {what}: {', '.join(unknown)}; choose from {', '.join(known)}")
    return names


def parse_formats(values: list[str] | None) -> list[str]:
    """The export formats named; unknown names refused."""
    return _names(values, FORMATS, "export format(s)")


def parse_only(values: list[str] | None) -> list[str]:
    """The segment selection ``export --only`` names (untranslated, fuzzy, ...); unknown names refused."""
    from workbench.review.model import FILTERS

    return _names(values, FILTERS, "selection(s) for --only")


def parse_languages(config: Config, values: list[str] | None) -> list[str] | None:
    """The languages ``export --lang`` names (repeatable, or comma-separated), None for all; each must be
    a target language of the project or have catalogues."""
    from workbench.layout import catalogue_languages

    from workbench.langs import same_variety

    known = catalogue_languages(config)
    languages: list[str] = []
    unknown: list[str] = []
    for value in values or []:
        for code in filter(None, (part.strip() for part in value.split(","))):
            # as the user writes it (pt-BR, sr-Latn, zh-Hant): the project's catalogue language it names
            found = code if code in known else next((language for language in known if same_variety(code, language)),
                                                    None)
            if found is None:
                unknown.append(code)
            elif found not in languages:
                languages.append(found)
    if unknown:
        raise WorkbenchError(f"no catalogues for language(s) {', '.join(unknown)}; the project has {', '.join(known) or 'none'}")
    return languages or None


def export(config: Config, formats: list[str], output_dir: Path | None = None,
           timestamp: datetime | None = None, languages: list[str] | None = None,
           only: list[str] | None = None, progress=None) -> Iterator[tuple[Path, bool]]:
    """Write ``formats`` (names of FORMATS) under ``output_dir`` (default: the project's exports folder).

    Yields (path, written) per file as it is done, False where the file already had those bytes.
    ``timestamp`` goes into the files only when given: by default the same catalogues give the same bytes.
    ``languages`` (default: the target languages) and ``only`` (segments that are untranslated, fuzzy,
    have findings or a changed source: ``parse_only``) select what the review formats hold; the exchange
    formats always hold every language and entry, so asking them for a selection is refused.
    ``progress(1)`` is called as each file is done.
    """
    from workbench.tm.suggest import session  # TM suggestions: the memory opened once for every format

    with session():
        yield from _export(config, formats, output_dir, timestamp, languages, only, progress)


def _export(config: Config, formats: list[str], output_dir: Path | None, timestamp: datetime | None,
            languages: list[str] | None, only: list[str] | None, progress=None) -> Iterator[tuple[Path, bool]]:
    formats = parse_formats(formats)
    output_dir = Path(output_dir or config.exports_dir)
    exchange = [name for name in formats if FORMATS[name].family == EXCHANGE]
    review = [name for name in formats if FORMATS[name].family == REVIEW]
    only = parse_only(only)
    if exchange and (languages or only):
        options = " and ".join(option for option, given in (("--lang", languages), ("--only", only)) if given)
        raise WorkbenchError(f"{options} select what the review formats ({', '.join(FORMATS[n].name for n in FORMATS if FORMATS[n].family == REVIEW)}) "
                             f"hold; {', '.join(exchange)} always export every language and entry: "
                             "name the review formats with --format, or export the exchange formats without a selection")
    if any(name != "tmx" for name in formats):  # the formats that show the memory's suggestions
        from workbench.tm.suggest import Suggestions

        # looked up on every core first, then shared by every format (and inherited by the review's workers)
        Suggestions.for_project(config).prefetch(None if exchange else languages)
    if exchange:
        from workbench.exchange import iter_exchange_exports

        try:
            for done in iter_exchange_exports(config, exchange, output_dir, timestamp):
                if progress:
                    progress(1)
                yield done
        except OSError as exc:  # the streamed writers' disk full or read-only folder: say where
            raise WorkbenchError(f"cannot write the exports: {exc.strerror or exc} (files already there are "
                                 "unchanged)", exc.filename or output_dir) from None
    if review:
        from workbench.review import iter_review_exports

        yield from iter_review_exports(config, review, output_dir, languages, timestamp=timestamp, only=only,
                                       progress=progress)
