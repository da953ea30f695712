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


def render_pieces(report, fmt: str = "text", **options):
    """``render`` as pieces of text to write one after the other: a project's JSON report finding by finding,
    never the whole text at once; the other formats whole."""
    if fmt == "json":
        return json_format.pieces(report)
    return [render(report, fmt, **options)]
