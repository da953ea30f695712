"""``workbench fmt``: put PO/POT files in GNU gettext's own layout (what msgcat writes).

Reformatting changes layout only -- line wrapping, comment order, blank lines
-- never content: the file is read with our faithful reader and written with
the msgcat-compatible writer, so the result equals ``msgcat FILE`` except
where msgcat would drop something (see ``writer``). Before anything is
written, the new bytes are read back and must hold the same entries as the
file did; if they do not (a writer bug), the file is refused and left as it is.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.fileio import atomic_write, read_bytes
from workbench.po.catalog import Catalog, Message
from workbench.po.reader import header_charset, parse_po_bytes, python_codec
from workbench.po.writer import flag_rank, format_po


def formatted_bytes(path: str | Path) -> tuple[bytes, bytes]:
    """(current bytes, bytes in gettext layout) of a PO file; the second hold the same entries as the first."""
    path = Path(path)
    current = read_bytes(path)
    catalog = parse_po_bytes(current, str(path))
    header = catalog.header
    charset = header_charset(header.msgstr if header else None)
    try:
        text = format_po(catalog)
    except WorkbenchError as exc:
        raise WorkbenchError(exc.message, path, exc.line) from None
    try:
        data = text.encode(python_codec(charset, path))
    except UnicodeEncodeError as exc:
        raise WorkbenchError(f"cannot be written back in its charset {charset}: {exc.reason}", path) from None
    if data != current:
        check_same_content(catalog, data, path)
    return current, data


def check_same_content(catalog: Catalog, data: bytes, path: Path) -> None:
    """Refuse (WorkbenchError) if ``data`` does not read back as the entries of ``catalog``.

    Entry order and flag order are layout (msgcat puts obsolete entries last
    and sorts flags), so they are compared as the writer puts them.
    """
    how = "nothing written; this is a bug in workbench's PO writer, please report it"
    try:
        again = parse_po_bytes(data, str(path))
    except WorkbenchError as exc:
        raise WorkbenchError(f"fmt's output would not read back ({exc.message}); {how}", path) from None
    before, after = _content(catalog.messages), _content(again.messages)
    for (line, old), (_line, new) in zip(before, after):
        if old != new:
            changed = [f.name for f in dataclasses.fields(Message) if getattr(old, f.name) != getattr(new, f.name)]
            raise WorkbenchError(f"fmt would change this entry's {', '.join(changed)}; {how}", path, line)
    if len(before) != len(after):
        raise WorkbenchError(f"fmt would turn {len(before)} entries into {len(after)}; {how}", path)


def _content(messages: list[Message]) -> list[tuple[int, Message]]:
    """(line, entry without its line number and with flags in the writer's order), obsolete entries last."""
    ordered = [m for m in messages if not m.obsolete] + [m for m in messages if m.obsolete]
    return [(m.lineno, dataclasses.replace(m, lineno=0, flags=sorted(m.flags, key=flag_rank))) for m in ordered]


def format_file(path: str | Path, check: bool) -> bool:
    """True if the file is not (``check``) or was not (otherwise: now rewritten) in gettext layout."""
    current, wanted = formatted_bytes(path)
    if current == wanted:
        return False
    if not check:
        atomic_write(path, wanted)
    return True
