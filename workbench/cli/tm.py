"""``workbench tm``: the project's translation memory (import, export, search, status).

A thin layer over ``workbench.tm``: the memory is ``build/memory.sqlite``, a cache made from the
project's catalogues, the TMX files in ``tm/`` and the shared memories the config names.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.cli.common import project_config
from workbench.cli.progress import PROGRESS_BYTES, PROGRESS_FILES, PROGRESS_UNITS, progress_bar, synced_memory

EXIT_OK = 0


def _language(value: str | None) -> str | None:
    from workbench.langs import validate_language

    return validate_language(value) if value else None


# -- import / export -------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from workbench.tm.files import import_tmx

    config = project_config(args)
    source = Path(args.file)
    with progress_bar(f"reading {source.name}", source.stat().st_size if source.is_file() else 0,
                      minimum=PROGRESS_BYTES, in_bytes=True) as advance:
        result = import_tmx(config, source, force=args.force, progress=advance)
    total = len(synced_memory(config))
    verb = "copied" if result.written else "unchanged"
    print(f"{verb} {config.relative(result.path)}: {result.units} unit(s) in {', '.join(result.languages) or 'no language'}; "
          f"the memory now holds {total} unit(s)")
    for problem in result.skipped:
        print(f"workbench: note: {problem}", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.tm.files import export_tmx

    config = project_config(args)
    memory = synced_memory(config)
    output = Path(args.output)
    language = _language(args.lang)
    with progress_bar(f"writing {output.name}", memory.unit_count(language), minimum=PROGRESS_UNITS) as advance:
        written, count = export_tmx(memory, output, config, language, progress=advance)
    print(f"{'wrote' if written else 'unchanged'} {output}: {count} unit(s)")
    return EXIT_OK


# -- search ------------------------------------------------------------------------


def _limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"not a number of units: {value!r} (0 lists all)")
    return number


def cmd_search(args: argparse.Namespace) -> int:
    from workbench.tm.memory import found_by_index, phrase_spans

    config = project_config(args)
    language = _language(args.lang)
    memory = synced_memory(config)
    if found_by_index(args.text):  # a memory's first such search makes the indexes (about 10 s at 270,000 units)
        with progress_bar("indexing the translation memory for search", memory.texts_to_index(),
                          minimum=PROGRESS_UNITS) as advance:
            memory.make_full_text(advance)
    found = memory.search(args.text, language, target=args.target)
    # a common word is in thousands of units: the first --limit of them, and how many more there are
    more = max(0, len(found) - args.limit) if args.limit else 0
    found = found[:args.limit] if args.limit else found
    more_note = f"{more} more unit(s) not shown (--limit 0 lists all)" if more else ""
    if args.json:
        if more_note:
            print(f"workbench: note: {more_note}", file=sys.stderr)
        json.dump([{"source": u.source, "target": u.target, "source_language": u.source_language,
                    "target_language": u.target_language, "origin": u.origin, "reference": u.reference,
                    "context": u.context, "date": u.date,
                    "spans": phrase_spans(u.target if args.target else u.source, args.text)} for u in found],
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)  # colour only on a terminal (rich decides)
    for unit in found:
        side, other = (unit.target, unit.source) if args.target else (unit.source, unit.target)
        text = Text(side)
        for start, end in phrase_spans(side, args.text):
            text.stylize("bold reverse", start, end)
        console.print(Text(f"{unit.target_language}  {unit.reference}", style="dim"))
        console.print(Text("  ") + text)
        console.print(Text("  = " + other))
    if not found:
        print(f"no unit {'translates to' if args.target else 'contains'} {args.text!r}")
    else:
        print(f"{len(found)} unit(s)" + (f"; {more_note}" if more_note else ""))
    return EXIT_OK


# -- status ------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    from workbench.tm.memory import Memory

    config = project_config(args)
    from workbench.tm.sync import file_count

    memory = Memory.for_project(config, sync=False, check=True)  # status reads every page: a full check
    with progress_bar("updating the translation memory", file_count(config), minimum=PROGRESS_FILES) as advance:
        report = memory.sync(rebuild=args.rebuild, progress=advance)
    print(f"{config.relative(memory.path)}: {len(memory)} unit(s) in {', '.join(memory.languages()) or 'no language'} "
          f"from {report.files} file(s); {report.read} file(s) read, {report.removed} removed"
          + (" (rebuilt)" if report.rebuilt else ""))
    return EXIT_OK


def cmd_analyse(args: argparse.Namespace) -> int:
    from workbench.tm.analysis import analyse, format_table

    from workbench.layout import selected_catalogues

    config = project_config(args)
    total = len(selected_catalogues(config, args.articles, args.lang))
    synced_memory(config).close()
    with progress_bar("analysing", total, minimum=PROGRESS_FILES) as advance:
        results = analyse(config, args.articles, args.lang, progress=advance)
    if args.json:
        json.dump([r.as_dict() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(format_table(results))
    return EXIT_OK


def register(subcommands) -> None:
    parser = subcommands.add_parser(
        "tm", help="the translation memory: import and export TMX, search earlier translations",
        description="The project's translation memory: every finished translation of every catalogue, the TMX "
        "files in tm/ and the shared memories the config names, kept in build/memory.sqlite (safe to delete).")
    sub = parser.add_subparsers(dest="tm_command", metavar="SUBCOMMAND")
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])

    p = sub.add_parser("import", help="add a TMX file to the memory (copied into tm/)",
                       description="Check FILE (TMX 1.4b or 1.1) and copy it into the project's tm/ folder, so the "
                       "memory keeps it; nothing is copied if any unit cannot be read.")
    p.add_argument("file", metavar="FILE.tmx")
    p.add_argument("--force", action="store_true", help="replace a different file of the same name in tm/")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write the whole memory as TMX 1.4b",
                       description="Write every unit of the memory as one TMX 1.4b file (the same memory gives "
                       "the same bytes).")
    p.add_argument("-o", "--output", metavar="FILE.tmx", required=True)
    p.add_argument("--lang", metavar="L", help="only units into this language")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("search", help="concordance: every unit containing TEXT",
                       description="List every unit whose source (or target, with --target) contains TEXT "
                       "(case-insensitive), TEXT highlighted, the other side beside it.")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--lang", metavar="L", help="only units into this language")
    p.add_argument("--target", action="store_true", help="search the translations instead of the sources")
    p.add_argument("--limit", type=_limit, default=50, metavar="N",
                   help="list at most N units (default 50; 0: all) and say how many more there are")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("status", help="bring the memory up to date and say what it holds",
                       description="Read the catalogues and TMX files that changed since the last run into "
                       "build/memory.sqlite and print its size; --rebuild reads everything again.")
    p.add_argument("--rebuild", action="store_true", help="start from an empty memory")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("analyse", help="words per match band, per article and language",
                       description="For each catalogue, the words of its sources the memory matches at 100%%, "
                       "95-99%%, 85-94%%, 75-84%%, not at all, and the repetitions, as if the catalogue were empty "
                       "(its own units left out).")
    p.add_argument("articles", nargs="*", metavar="ARTICLE", help="only these articles (default: all)")
    p.add_argument("--lang", action="append", metavar="L", help="only this language (repeatable)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_analyse)
