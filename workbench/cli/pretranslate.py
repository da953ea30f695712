"""``workbench pretranslate [ARTICLE...] [--lang L] [--threshold N] [--dry-run]``: fill untranslated entries
from the translation memory, as fuzzy, for review (``workbench.tm.pretranslate``)."""

from __future__ import annotations

import argparse

from workbench.cli.common import project_config
from workbench.cli.progress import PROGRESS_FILES, progress_bar, synced_memory
from workbench.config import Config


def _say(message: str) -> None:
    print(message, flush=True)


def step_pretranslate(config: Config, articles: list[str] | None = None, languages: list[str] | None = None,
                      threshold: int | None = None, dry_run: bool = False) -> int:
    from workbench.layout import selected_catalogues
    from workbench.tm.pretranslate import pretranslate

    total = len(selected_catalogues(config, articles, languages))
    synced_memory(config).close()  # the first time, the memory reads every catalogue: a bar of its own
    with progress_bar("pretranslating", total, minimum=PROGRESS_FILES) as advance:
        results = pretranslate(config, articles, languages, threshold, dry_run, progress=advance)
    filled = 0
    for result in results:
        if not result.filled:
            continue
        state = "would fill" if dry_run else "filled" if result.written else "unchanged"
        _say(f"{state} {config.relative(result.path)} ({len(result.filled)} entries)")
        for entry in result.filled:
            match = entry.match
            status = "fuzzy" if entry.fuzzy else "accepted"
            _say(f"  line {entry.line}: {match.score}% ({status}) {entry.msgid!r} → {match.suggestion!r}")
            _say(f"    from {match.unit.origin} ({match.unit.reference}): {match.unit.source!r}")
            for done in match.substituted:
                _say(f"    carried over: {done}")
            for failed in match.failed:
                _say(f"    not carried over: {failed}")
        filled += len(result.filled)
    verb = "would fill" if dry_run else "filled"
    _say(f"{verb} {filled} entries in {sum(1 for r in results if r.filled)} of {len(results)} catalogues "
         f"from the translation memory")
    return 0


def cmd_pretranslate(args: argparse.Namespace) -> int:
    return step_pretranslate(project_config(args), args.articles, args.lang, args.threshold, args.dry_run)


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "pretranslate", help="fill untranslated entries from the translation memory (as fuzzy)",
        description="Fill every untranslated entry with the best translation-memory match at or above the "
        "threshold, marked fuzzy, with a '#. TM 87%%: <source> — <article>' note; entries that have a "
        "translation are never touched. Dates, numbers and placeholders are carried into the suggestion.")
    parser.add_argument("articles", nargs="*", metavar="ARTICLE", help="only these articles (default: all)")
    parser.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeatable)")
    parser.add_argument("--threshold", type=int, metavar="PERCENT",
                        help="minimum match score (default: tm-threshold, 75)")
    parser.add_argument("--dry-run", action="store_true", help="list what would be filled; write nothing")
    parser.set_defaults(func=cmd_pretranslate)
