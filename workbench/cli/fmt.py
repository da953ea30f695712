"""``workbench fmt [--check] PATH...``: PO/POT files in GNU gettext's layout."""

from __future__ import annotations

import argparse
import contextlib
import sys


def cmd_fmt(args: argparse.Namespace) -> int:
    from workbench.cli.progress import progress_bar
    from workbench.fileio import catalogue_locks
    from workbench.parallel import map_files
    from workbench.layout import find_files
    from workbench.po.fmt import format_file

    paths = list(find_files(args.paths))
    changed = []
    # A rewrite holds the project lock from read to rename, as update and import do: an import landing in
    # between would otherwise be overwritten. --check writes nothing (and may run on a read-only tree).
    with contextlib.nullcontext() if args.check else catalogue_locks(paths), \
            progress_bar("checking the layout" if args.check else "formatting", len(paths), minimum=200) as advance:
        # one file per piece of work, on every core; reported in the order given
        for path, differs in zip(paths, map_files(lambda path: format_file(path, check=args.check), paths)):
            advance(1)
            if differs:
                changed.append(path)
                if not args.check:
                    print(f"reformatted {path}", flush=True)
    if args.check:
        for path in changed:
            print(f"would reformat {path}")
        if changed:
            print(f"{len(changed)} file(s) not in gettext layout; run 'workbench fmt' on them", file=sys.stderr)
            return 1
    return 0


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "fmt",
        help="put PO/POT files in GNU gettext's layout (as msgcat writes them)",
        description="Rewrite PO/POT files exactly as GNU msgcat would lay them out (line wrapping at "
        "79 columns with Unicode line breaking, comment order, obsolete entries last), keeping all "
        "content. Folders are searched for *.po and *.pot files.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="PO/POT files or folders")
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; list the files that would change and exit 1 if there are any",
    )
    parser.set_defaults(func=cmd_fmt)
