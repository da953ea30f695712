"""``workbench approve``: a translator accepts reviewed entries, so that they reach the build.

Imported edits come in fuzzy (a safe default: someone reviews them), and fuzzy entries build as the
source text. Approving clears the fuzzy flag of the entries chosen -- by the line a report names
(``news.po:42``), by source text, or every fuzzy entry of the files -- drops their previous-source
lines as Poedit does on confirming, and records who approved them and when in a translator comment
(``# wb-approved 2026-12-06 14:05+0000 by Li Hua <li@example.org>``), replacing an older such record.
"""

from __future__ import annotations

import getpass
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from workbench.dates import gettext_date, now
from workbench.errors import WorkbenchError
from workbench.exchange.importer import Change, stamp_revision
from workbench.fileio import catalogue_locks
from workbench.po.catalog import Message
from workbench.po.reader import read_po
from workbench.po.writer import write_po

APPROVED_PREFIX = "wb-approved"


@dataclass
class ApproveResult:
    approved: list[Change] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)  # lines and source texts that name no fuzzy entry
    written: list[Path] = field(default_factory=list)


def who_approves() -> str:
    """The approver: git's user.name and user.email where set (as a commit would say), else the login name."""
    try:
        name, email = (subprocess.run(["git", "config", key], capture_output=True, text=True, timeout=5).stdout.strip()
                       for key in ("user.name", "user.email"))
    except (OSError, subprocess.SubprocessError):
        name = email = ""
    if name:
        return f"{name} <{email}>" if email else name
    return getpass.getuser()


def approve(paths: Iterable[str | Path], lines: Iterable[int] = (), msgids: Iterable[str] = (),
            all_fuzzy: bool = False, by: str | None = None, dry_run: bool = False,
            progress: Callable[[int], None] | None = None) -> ApproveResult:
    """Clear the fuzzy flag of the chosen entries of each catalogue in ``paths`` (``progress(1)`` as each
    is done)."""
    paths = [Path(p) for p in paths]
    lines, msgids = set(lines), set(msgids)
    if not (lines or msgids or all_fuzzy):
        raise WorkbenchError("say which entries to approve: --line, --msgid or --all-fuzzy")
    for path in paths:
        if path.suffix != ".po":
            raise WorkbenchError("only catalogues (.po) have entries to approve", path)
        if not path.is_file():  # every path checked before any file is written: all or nothing
            raise WorkbenchError("no such file" if not path.exists() else "not a file", path)
    by = by or who_approves()
    record = f"{APPROVED_PREFIX} {gettext_date(now())} by {by}"
    result = ApproveResult()
    found_lines: set[int] = set()
    found_msgids: set[str] = set()
    with catalogue_locks(paths):
        for path in paths:
            catalog = read_po(path)
            changed = False
            for entry in catalog.entries():
                chosen = entry.lineno in lines or entry.msgid in msgids or all_fuzzy
                if not chosen or not entry.fuzzy or not any(entry.translations):
                    continue
                found_lines.add(entry.lineno)
                found_msgids.add(entry.msgid)
                _approve(entry, record)
                result.approved.append(Change(path, entry.lineno, entry.msgctxt, entry.msgid, "approved"))
                changed = True
            if changed and not dry_run:
                stamp_revision(catalog)
                if write_po(catalog, path):
                    result.written.append(path)
            if progress:
                progress(1)
    result.not_found = [f"line {n}" for n in sorted(lines - found_lines)] + sorted(msgids - found_msgids)
    return result


def _approve(entry: Message, record: str) -> None:
    entry.fuzzy = False
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    entry.translator_comments = [c for c in entry.translator_comments if not c.startswith(APPROVED_PREFIX)] + [record]
