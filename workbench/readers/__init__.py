"""Source-document readers, one module per format, found by file extension.

Adding a format is one module with ``NAME``, ``EXTENSIONS`` and
``read(text, path) -> Document``, listed in ``_MODULES``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.readers.base import Document, Paragraph

_MODULES = ("workbench.readers.text", "workbench.readers.markdown", "workbench.readers.html")


def _readers():
    for name in _MODULES:
        yield importlib.import_module(name)


def reader_for(path: str | Path):
    suffix = Path(path).suffix.lower()
    for module in _readers():
        if suffix in module.EXTENSIONS:
            return module
    raise WorkbenchError(f"no reader for files ending in {suffix or '(no extension)'}", path)


def supported_extensions() -> tuple[str, ...]:
    return tuple(ext for module in _readers() for ext in module.EXTENSIONS)


def read_document(text: str, path: str | Path) -> Document:
    return reader_for(path).read(text, str(path))


__all__ = ["Document", "Paragraph", "read_document", "reader_for", "supported_extensions"]
