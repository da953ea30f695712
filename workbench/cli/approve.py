"""``workbench approve PO... (--line N | --msgid TEXT | --all-fuzzy)``: accept reviewed entries."""

from __future__ import annotations

import argparse

from workbench.cli.common import project_config
from workbench.cli.progress import PROGRESS_FILES, progress_bar


def cmd_approve(args: argparse.Namespace) -> int:
    from workbench.approve import approve

    config = project_config(args)
    with progress_bar("approving", len(args.paths), minimum=PROGRESS_FILES) as advance:
        result = approve(args.paths, args.line or (), args.msgid or (), args.all_fuzzy, args.by, args.dry_run,
                         progress=advance)
    verb = "would approve" if args.dry_run else "approved"
    for change in result.approved:
        print(f"{verb} {change.describe(config.relative)}", flush=True)
    for missing in result.not_found:
        print(f"no fuzzy entry with a translation at {missing}")
    print(f"{len(result.approved)} approved; " + ("dry run: no file written" if args.dry_run
                                                  else f"{len(result.written)} file(s) written"))
    return 1 if result.not_found else 0


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "approve", help="accept reviewed (fuzzy) entries so that they reach the build",
        description="Clear the fuzzy flag of the entries named -- by line (as reports give it), by source "
        "text, or every fuzzy entry -- recording who approved them and when in a '# wb-approved' translator "
        "comment. Exit status 1 when a line or text names no fuzzy entry with a translation.")
    parser.add_argument("paths", nargs="+", metavar="PO", help="catalogue(s)")
    parser.add_argument("--line", type=int, action="append", metavar="N", help="the entry starting at line N (repeatable)")
    parser.add_argument("--msgid", action="append", metavar="TEXT", help="the entry with this source text (repeatable)")
    parser.add_argument("--all-fuzzy", action="store_true", help="every fuzzy entry that has a translation")
    parser.add_argument("--by", metavar="'NAME <EMAIL>'", help="who approves (default: git's user.name and user.email)")
    parser.add_argument("--dry-run", action="store_true", help="list what would be approved; write nothing")
    parser.set_defaults(func=cmd_approve)
