"""``workbench import xliff|tmx|docx FILE``: bring work done elsewhere back into the PO files.

Exit status: 0 everything usable was applied; 1 some units were skipped or in
conflict (each is reported; the rest was applied); 2 the file was refused
(malformed XML, another language or article, ...) and no catalogue was touched.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def _print_report(report, config) -> int:
    for line in report.lines(config.relative):
        print(line, flush=True)
    return report.exit_code


def cmd_import_xliff(args: argparse.Namespace) -> int:
    from workbench.cli.project import project_config
    from workbench.exchange import import_xliff

    config = project_config(args)
    target = [Path(p) for p in args.po] if args.po else config
    return _print_report(import_xliff(args.file, target, dry_run=args.dry_run, force=args.force,
                                      translator=args.translator, accept=args.accept), config)


def cmd_import_tmx(args: argparse.Namespace) -> int:
    from workbench.cli.progress import PROGRESS_BYTES, PROGRESS_FILES, progress_bar
    from workbench.cli.project import project_config
    from workbench.exchange.common import article_templates
    from workbench.exchange.importer import import_tmx, read_tmx

    config = project_config(args)
    path = Path(args.file)
    size = path.stat().st_size if path.is_file() else 0
    with progress_bar(f"reading {path.name}", size, minimum=PROGRESS_BYTES, in_bytes=True) as advance:
        tmx = read_tmx(path, config, progress=advance)
    with progress_bar("filling the catalogues", len(article_templates(config)), minimum=PROGRESS_FILES) as advance:
        report = import_tmx(tmx, config, args.lang, dry_run=args.dry_run, translator=args.translator,
                            progress=advance)
    return _print_report(report, config)


def cmd_import_docx(args: argparse.Namespace) -> int:
    from workbench.cli.project import project_config

    from workbench.review.docx_import import import_docx

    config = project_config(args)
    return _print_report(import_docx(Path(args.file), config, dry_run=args.dry_run, accept=args.accept,
                                     force=args.force, translator=args.translator), config)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true",
                        help="list what would change, conflict or be skipped, entry by entry; write nothing")
    parser.add_argument("--force", action="store_true",
                        help="take the file's translations also where it records no export base (made by "
                        "another tool) and the catalogue has its own")
    parser.add_argument("--translator", metavar="'NAME <EMAIL>'", help="set Last-Translator of the catalogues written")


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "import", help="merge XLIFF, TMX or reviewed DOCX work back into the catalogues",
        description="Bring work done in a CAT tool or by a reviewer back into the PO files, three-way: what "
        "the file changed since the export is applied where the catalogue did not change meanwhile; where both "
        "changed, the catalogue keeps its translation and the file's is kept in a '# wb-conflict' translator "
        "comment. Exit status 1 when some units were skipped or in conflict (each is listed), 2 when the file is "
        "refused (nothing written).")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", parser_class=type(parser))
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])

    xliff = kinds.add_parser("xliff", help="an XLIFF 1.2 or 2.x file exported by 'workbench export'",
                             description="Merge edited targets and states back into the catalogue each "
                             "<file> came from; unedited units change nothing.")
    xliff.add_argument("file", metavar="FILE")
    xliff.add_argument("--po", action="append", metavar="PO",
                       help="import into this catalogue instead of the one the file names (repeatable)")
    xliff.add_argument("--accept", action="store_true",
                       help="a trusted reviewer: take changed targets as reviewed, whatever their state says")
    _common_options(xliff)
    xliff.set_defaults(func=cmd_import_xliff)

    tmx = kinds.add_parser("tmx", help="fill untranslated entries from a TMX translation memory (as fuzzy)",
                           description="Fill every untranslated entry with the TMX's best match at tm-threshold "
                           "(75%%) or above, marked fuzzy for review, with a '#. TM 99%%: <source> — <file>' note; "
                           "dates, numbers and placeholders are carried over. 'workbench tm import' keeps a TMX in "
                           "the project's memory instead.")
    tmx.add_argument("file", metavar="FILE")
    tmx.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeatable)")
    tmx.add_argument("--dry-run", action="store_true", help="list what would be filled, entry by entry; write nothing")
    tmx.add_argument("--translator", metavar="'NAME <EMAIL>'", help="set Last-Translator of the catalogues written")
    tmx.set_defaults(func=cmd_import_tmx)

    docx = kinds.add_parser("docx", help="a review table edited in Word (see 'workbench export --format docx')",
                            description="Merge a reviewer's edits of the Target column back into the catalogue "
                            "the document names, three-way: rows the reviewer did not touch change nothing, rows "
                            "changed here and in the document since the export are conflicts. Edits come in "
                            "fuzzy (for the translator to accept) unless the Status cell says 'approved' or "
                            "--accept is given; Comments become '# review:' translator comments; an emptied "
                            "cell never erases a translation.")
    docx.add_argument("file", metavar="FILE")
    docx.add_argument("--accept", "--no-fuzzy", dest="accept", action="store_true",
                      help="a trusted reviewer: take the edits as reviewed translations instead of marking them fuzzy")
    _common_options(docx)
    docx.set_defaults(func=cmd_import_docx)
