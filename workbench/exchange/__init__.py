"""Exchange with CAT tools (Trados, memoQ, OmegaT, Okapi): TMX 1.4b, XLIFF 1.2 and XLIFF 2.1.

Exports are deterministic (same catalogues, same bytes; no timestamps) and
written atomically; imports merge work done elsewhere back into the PO files,
losing nothing and reporting every unit they could not use::

    export_exchange(config, ["tmx", "xliff", "xliff2"], config.exports_dir)
    import_xliff("build/exports/xliff/fr/news.xlf", config)   # -> ImportReport
    import_tmx("memory.tmx", config)                           # -> ImportReport
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterator, Sequence

from workbench.config import Config
from workbench.exchange import tmx, xliff1, xliff2
from workbench.exchange.common import by_writer, write_project
from workbench.exchange.importer import ImportReport, Skipped, import_tmx, import_xliff

# The writer of each exchange format (the registry of all formats is ``workbench.export.FORMATS``).
WRITERS = {"tmx": tmx.Writer, "xliff": xliff1.Writer, "xliff2": xliff2.Writer}

__all__ = ["ImportReport", "Skipped", "WRITERS", "export_exchange", "import_tmx", "import_xliff", "iter_exchange_exports"]


def export_exchange(config: Config, formats: Sequence[str], output_dir: Path | None = None,
                    timestamp: datetime | None = None) -> list[tuple[Path, bool]]:
    """Write the given exchange formats (keys of WRITERS); return (path, written) per file, format by format.

    ``timestamp`` (aware, UTC) is written as the export date only when given:
    by default the same catalogues give the same bytes.
    """
    from workbench.tm.suggest import session  # the memory's suggestions, opened once for every format

    output_dir = output_dir or config.exports_dir
    writers = [WRITERS[name](config, output_dir, timestamp) for name in formats]
    # one pass over the project, the articles on every core: each read once, written in every format, dropped
    with session():
        _before_workers(config, formats)
        return by_writer(len(writers), write_project(writers, config))


def iter_exchange_exports(config: Config, formats: Sequence[str], output_dir: Path | None = None,
                          timestamp: datetime | None = None) -> Iterator[tuple[Path, bool]]:
    """``export_exchange``, each file yielded as soon as it is complete (article by article; TMX at the end)."""
    from workbench.tm.suggest import session

    output_dir = output_dir or config.exports_dir
    writers = [WRITERS[name](config, output_dir, timestamp) for name in formats]
    with session():
        _before_workers(config, formats)
        for _, done in write_project(writers, config):
            yield done


def _before_workers(config: Config, formats: Sequence[str]) -> None:
    """What every article's worker needs, made once here: the memory synced (workers only read it) for the
    formats that show its suggestions (XLIFF), the glossary's indexes built."""
    from workbench.glossary.terminology import Terminology
    from workbench.layout import catalogue_languages
    from workbench.tm.suggest import Suggestions

    if any(name != "tmx" for name in formats):
        Suggestions.for_project(config)
    terminology = Terminology.for_project(config)
    if terminology is not None:
        terminology.matcher.prepare(config.source_language, *catalogue_languages(config))
