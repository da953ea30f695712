"""``workbench export``: TMX, XLIFF 1.2 and XLIFF 2.1 for CAT tools, and the review formats.

The exchange formats are written by ``workbench.exchange``; the review formats
(html, docx, md, txt, ...) by ``workbench.review`` when it is installed.
Without ``--format`` the project's ``export-formats`` are written.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from workbench.config import Config
from workbench.errors import WorkbenchError

EXCHANGE_FORMATS = ("tmx", "xliff", "xliff2")
DEFAULT_REVIEW_FORMATS = ("html", "docx", "md", "txt")  # what workbench.review offers, if it is there


def review_formats() -> tuple[str, ...]:
    try:
        from workbench.review import FORMATS
    except ImportError:
        return DEFAULT_REVIEW_FORMATS
    return tuple(FORMATS)


def _split_formats(values: list[str] | None) -> list[str]:
    """``--format tmx --format xliff,xliff2`` -> ["tmx", "xliff", "xliff2"], without repeats."""
    formats: list[str] = []
    for value in values or []:
        for name in value.split(","):
            name = name.strip().lower()
            if name and name not in formats:
                formats.append(name)
    return formats


def export_time() -> datetime:
    """The date ``--timestamp`` writes: SOURCE_DATE_EPOCH if set (reproducible builds), else now, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except ValueError:
            raise WorkbenchError(f"SOURCE_DATE_EPOCH is not an integer: {epoch!r}") from None
    return datetime.now(timezone.utc).replace(microsecond=0)


def run_export(config: Config, formats: list[str], output_dir: Path | None = None, explicit: bool = True,
               timestamp: datetime | None = None) -> int:
    """Export ``formats``; one line per file. Exit status: 0, or 2 if a requested format is unavailable."""
    from workbench.exchange import export_exchange

    output_dir = output_dir or config.exports_dir
    known = EXCHANGE_FORMATS + review_formats()
    unknown = [name for name in formats if name not in known]
    if unknown:
        raise WorkbenchError(f"unknown export format(s): {', '.join(unknown)}; choose from {', '.join(known)}")
    status = 0
    exchange = [name for name in formats if name in EXCHANGE_FORMATS]
    if exchange:
        try:
            for path, written in export_exchange(config, exchange, output_dir, timestamp):
                print(f"{'wrote' if written else 'unchanged'} {config.relative(path)}", flush=True)
        except OSError as exc:  # the streamed writers' disk full or read-only folder: say where
            raise WorkbenchError(f"cannot write the exports: {exc.strerror or exc} (files already there are "
                                 "unchanged)", exc.filename or output_dir) from None
    review = [name for name in formats if name not in EXCHANGE_FORMATS]
    if review:
        try:
            from workbench.review import export_review
        except ImportError:
            export_review = None
        if export_review is None:
            print(f"workbench: format not available: {', '.join(review)} (the review exports are not installed)",
                  file=sys.stderr)
            # asked for by name it is an error; merely configured, the other exports still count
            status = 2 if explicit else 0
        else:
            extra = {"timestamp": timestamp} if timestamp is not None else {}
            for path in export_review(config, review, output_dir, **extra):
                print(f"wrote {config.relative(path)}", flush=True)
    return status


def run_for_pipeline(config: Config) -> int:
    """``workbench run``'s export step: the configured formats into the exports folder."""
    return run_export(config, list(config.export_formats), config.exports_dir, explicit=False)


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.cli.project import project_config

    config = project_config(args)
    formats = _split_formats(args.format)
    explicit = bool(formats)
    if not formats:
        formats = _split_formats(config.export_formats)
    output = Path(args.output) if args.output else None
    return run_export(config, formats, output, explicit, export_time() if args.timestamp else None)


def register(subcommands: argparse._SubParsersAction) -> None:
    names = ", ".join(EXCHANGE_FORMATS + review_formats())
    parser = subcommands.add_parser(
        "export",
        help="write TMX, XLIFF and review exports under build/exports",
        description="Write the catalogues for CAT tools and reviewers: tmx (TMX 1.4b, every article and "
        "language in one file), xliff (XLIFF 1.2) and xliff2 (XLIFF 2.1), one per article and language, "
        "and the review formats. Same catalogues, same bytes: no timestamps.",
    )
    parser.add_argument("--format", action="append", metavar="FORMAT",
                        help=f"a format to write (repeatable, or comma-separated): {names}; "
                        "default: export-formats in [tool.workbench]")
    parser.add_argument("-o", "--output", metavar="DIR", help="output folder (default: exports, build/exports)")
    parser.add_argument("--timestamp", action="store_true",
                        help="write the export date into the files (SOURCE_DATE_EPOCH if set, else now); "
                        "without it the same catalogues always give the same bytes")
    parser.set_defaults(func=cmd_export)
