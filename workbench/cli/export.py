"""``workbench export``: the files for CAT tools and for reviewers (the formats: ``workbench.export``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.common import project_config
from workbench.cli.progress import progress_bar
from workbench.config import Config
from workbench.dates import now
from workbench.export import FORMATS, export, parse_formats, parse_languages


def write_exports(config: Config, formats: list[str], output: Path | None = None, timestamp=None,
                  languages: list[str] | None = None, only: list[str] | None = None) -> int:
    """Export and say one line per file; the exit status."""
    with progress_bar("exporting: files written", None) as advance:
        for path, written in export(config, formats, output, timestamp, languages, only, advance):
            print(f"{'wrote' if written else 'unchanged'} {config.relative(path)}", flush=True)
    return 0


def run_for_pipeline(config: Config) -> int:
    """``workbench run``'s export step: the configured formats into the exports folder."""
    return write_exports(config, list(config.export_formats))


def cmd_export(args: argparse.Namespace) -> int:
    config = project_config(args)
    formats = parse_formats(args.format) or parse_formats(config.export_formats)
    output = Path(args.output) if args.output else None
    return write_exports(config, formats, output, now() if args.timestamp else None,
                         parse_languages(config, args.lang), args.only)


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "export",
        help="write TMX, XLIFF and review exports under build/exports",
        description="Write the catalogues for CAT tools and reviewers: "
        + "; ".join(f"{f.name} ({f.description})" for f in FORMATS.values())
        + ". Same catalogues, same bytes: no timestamps.",
    )
    parser.add_argument("--format", action="append", metavar="FORMAT",
                        help=f"a format to write (repeatable, or comma-separated): {', '.join(FORMATS)}; "
                        "default: export-formats in [tool.workbench]")
    parser.add_argument("-o", "--output", metavar="DIR", help="output folder (default: exports, build/exports)")
    parser.add_argument("--lang", action="append", metavar="L",
                        help="a target language to export (repeatable, or comma-separated); default: every one. "
                        "Review formats only")
    parser.add_argument("--only", action="append", metavar="WHICH",
                        help="only the segments that are untranslated, fuzzy, have findings or a changed source "
                        "(comma-separated: untranslated,fuzzy,findings,changed); for html, docx, md and txt; "
                        "the index and matrix pages still count everything. Review formats only")
    parser.add_argument("--timestamp", action="store_true",
                        help="write the export date into the files (SOURCE_DATE_EPOCH if set, else now); "
                        "without it the same catalogues always give the same bytes")
    parser.set_defaults(func=cmd_export)
