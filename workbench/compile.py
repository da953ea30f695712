"""``workbench compile``: binary MO catalogues, as msgfmt writes them, for gettext at run time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from workbench.config import Config
from workbench.fileio import project_lock
from workbench.layout import find_catalogues, mo_path
from workbench.po.mo import write_mo
from workbench.po.reader import read_po


@dataclass
class CompileResult:
    source: Path
    path: Path
    written: bool


def compile_project(config: Config, output: Path | None = None,
                    progress: Callable[[int], None] | None = None) -> list[CompileResult]:
    """Compile every ``locales/<lang>/LC_MESSAGES/*.po`` to ``<output>/<lang>/LC_MESSAGES/*.mo``."""
    output = output or config.build_dir / "locale"
    results = []
    # under the project lock: the MO files are made from one state of the catalogues, not from some
    # before and some after an update or import running meanwhile
    with project_lock(config.locales_dir, shared=True):
        for language, article, po_file in find_catalogues(config, config.target_languages):
            target = mo_path(output, article, language)
            results.append(CompileResult(po_file, target, write_mo(read_po(po_file), target)))
            if progress:
                progress(1)
    return results
