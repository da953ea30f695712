"""Report writers: ``text`` (the human report), ``json`` (the stable contract), ``sarif`` (2.1.0), ``junit``."""

from __future__ import annotations

from workbench.checks.formats import json_format, junit, sarif, text

WRITERS = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "junit": junit.render,
}


def render(report, fmt: str = "text", **options) -> str:
    return WRITERS[fmt](report, **options)
