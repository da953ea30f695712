"""The one error type a user sees: bad input, named by file and line.

The CLI turns a WorkbenchError into ``file:line: message`` on stderr and exit
status 2 (an OSError too: a full disk, a read-only folder); anything else is a
bug, exit status 3, its traceback shown with WORKBENCH_DEBUG=1.
"""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """Bad input or bad usage, reported to the user without a traceback."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + self.message
