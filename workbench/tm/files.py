"""TMX in and out of the project's translation memory.

``import_tmx`` reads a TMX file through and, only if every unit reads, copies it into the project's
``tm/`` folder (atomically; a different file of the same name is replaced only with ``force``): the
memory keeps what is imported across deleting ``build/memory.sqlite``, and git shows it.
``export_tmx`` writes every unit of the memory as TMX 1.4b, in a fixed order (the same memory gives
the same bytes); a file exported this way and imported elsewhere exports again to the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Callable

from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.fileio import atomic_write, project_lock, read_bytes
from workbench.langs import to_bcp47
from workbench.tm.memory import Memory


@dataclass
class ImportResult:
    path: Path  # the copy in tm/
    written: bool  # False: tm/ held these very bytes already
    units: int  # translation units read (one per source and target language)
    languages: list[str]
    skipped: list[str] = field(default_factory=list)  # "file:line: why", units that translate nothing


def import_tmx(config: Config, source: Path, force: bool = False,
               progress: Callable[[int], None] | None = None) -> ImportResult:
    """Read ``source`` through (``progress(n)`` as n more of its bytes are read), then copy it into ``tm/``;
    the memory reads it at its next sync (``Memory.for_project``)."""
    from workbench.exchange.tmx import read_units

    if source.suffix.lower() != ".tmx":
        raise WorkbenchError("a translation memory is imported from a .tmx file", source)
    data = read_bytes(source)
    skipped: list[tuple[int, str]] = []
    count, languages = 0, set()
    for unit in read_units(source, config.source_language, skipped, progress):  # all, before anything is written
        count += len(unit.targets)
        languages.update(language for language, *_ in unit.targets)
    if read_bytes(source) != data:
        raise WorkbenchError("the file changed while it was read; import it again", source)
    target = config.tm_dir / source.name
    with project_lock(config.locales_dir):
        if target.exists() and target.resolve() != source.resolve():
            if target.read_bytes() != data and not force:
                raise WorkbenchError(f"{config.relative(target)} exists and holds another memory; rename the file or "
                                     "give --force to replace it", source)
        written = target.resolve() != source.resolve() and atomic_write(target, data)
    return ImportResult(target, written, count, sorted(languages),
                        [f"{source}:{line}: {reason}" for line, reason in skipped])


def export_tmx(memory: Memory, output: Path, config: Config, language: str | None = None,
               progress: Callable[[int], None] | None = None) -> tuple[bool, int]:
    """Write the memory (the units into ``language``) to ``output``: (written, units written); ``progress(n)``
    as n more of the memory's units are read (of ``memory.unit_count(language)``).

    One ``<tu>`` per source, msgctxt and origin, with each distinct translation once (the newest
    date of its copies): the same sentence translated alike in ten catalogues is one unit.
    """
    from workbench.exchange.tmx import memory_stream, memory_unit

    header_tag = to_bcp47(config.source_language)
    stream, body = memory_stream(output, config)
    count = 0
    try:
        for source, same_source in groupby(memory.units(language), key=lambda u: u.source):
            groups: dict[tuple, dict[tuple[str, str], str | None]] = {}
            read = 0
            for unit in same_source:
                read += 1
                targets = groups.setdefault((unit.source_language, unit.context, unit.origin), {})
                key = (unit.target_language, unit.target)
                if key not in targets or (unit.date or "") > (targets[key] or ""):
                    targets[key] = unit.date
            for (source_language, context, origin), targets in sorted(groups.items(), key=lambda g: _order(g[0])):
                rows = [(lang, text, date) for (lang, text), date in sorted(targets.items())]
                stream.add(memory_unit(body, source, to_bcp47(source_language), header_tag, context, origin, rows))
                count += len(rows)
            if progress:
                progress(read)
    except BaseException:
        stream.discard()
        raise
    return stream.close(), count


def _order(key: tuple) -> tuple:
    source_language, context, origin = key
    return (source_language, context is not None, context or "", origin or "")
