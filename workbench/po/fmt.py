"""``workbench fmt``: put PO/POT files in GNU gettext's own layout (what msgcat writes).

Reformatting changes layout only -- line wrapping, comment order, blank lines
-- never content: the file is read with our faithful reader and written with
the msgcat-compatible writer, so the result equals ``msgcat FILE`` except
where msgcat would drop something (see ``writer``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from workbench.errors import WorkbenchError
from workbench.fileio import atomic_write
from workbench.po.reader import header_charset, python_codec, read_po
from workbench.po.writer import format_po

PO_SUFFIXES = (".po", ".pot")


def po_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files named, and the *.po/*.pot files under the folders named (sorted, hidden folders skipped)."""
    for path in map(Path, paths):
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(PO_SUFFIXES):
                        yield Path(folder) / name
        elif path.exists():
            yield path
        else:
            raise WorkbenchError("no such file or folder", path)


def formatted_bytes(path: str | Path) -> tuple[bytes, bytes]:
    """(current bytes, bytes in gettext layout) of a PO file."""
    path = Path(path)
    catalog = read_po(path)
    header = catalog.header
    charset = header_charset(header.msgstr if header else None)
    text = format_po(catalog)
    try:
        data = text.encode(python_codec(charset, path))
    except UnicodeEncodeError as exc:
        raise WorkbenchError(f"cannot be written back in its charset {charset}: {exc.reason}", path) from None
    return path.read_bytes(), data


def format_file(path: str | Path, check: bool) -> bool:
    """True if the file is not (``check``) or was not (otherwise: now rewritten) in gettext layout."""
    current, wanted = formatted_bytes(path)
    if current == wanted:
        return False
    if not check:
        atomic_write(path, wanted)
    return True
