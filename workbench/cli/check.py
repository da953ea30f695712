"""``workbench check``: the QA checks over PO catalogues, for CI and for reviewers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterable

from workbench.checks.base import SEVERITIES
from workbench.checks.formats import WRITERS, render, render_pieces
from workbench.checks.formats.text import render_list
from workbench.checks.matrix import render_json as matrix_json
from workbench.checks.matrix import render_text as matrix_text
from workbench.checks.registry import all_checks, get_check
from workbench.checks.runner import check_shard, merge_shards, project_catalogues, project_glossary, run_checks
from workbench.checks.shards import parse_shard
from workbench.glossary.terminology import Terminology
from workbench.cli.progress import progress_bar
from workbench.config import load_config
from workbench.errors import WorkbenchError
from workbench.fileio import atomic_write_pieces
from workbench.layout import find_files

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
PROGRESS_THRESHOLD = 20  # files: below this a run is too quick for a bar


def register(subcommands) -> None:
    parser = subcommands.add_parser(
        "check",
        help="QA checks: glossary, numbers, punctuation, placeholders, consistency …",
        description="Check PO catalogues (files or folders; default: the project's) for translation mistakes. "
        "Exit 1 when a finding at or above --fail-on exists, 0 otherwise, 2 on bad input. "
        "Silence a check on one entry with a translator comment '# wb-ignore: CHECK-ID'.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="PO file or folder (default: the project's catalogues)")
    glossary = parser.add_mutually_exclusive_group()
    glossary.add_argument("--glossary", metavar="FILE", help="termbase (TBX, CSV, or a folder of them) to check terms "
                          "against (default: the project's, also for PATHs inside the project)")
    glossary.add_argument("--no-glossary", action="store_true", help="check without a glossary")
    parser.add_argument("--source-lang", metavar="LANG", help="language of the msgids (default: the project's, else en)")
    parser.add_argument("--lang", metavar="LANG", help="language of PO files whose header has no Language")
    parser.add_argument("--format", choices=sorted(WRITERS), default="text", help="report format (default: text)")
    parser.add_argument("--fail-on", choices=SEVERITIES, default="error", help="lowest severity that fails the run (default: error)")
    parser.add_argument("--only", metavar="IDS", help="run only these checks (comma-separated ids)")
    parser.add_argument("--skip", metavar="IDS", help="run every check but these (comma-separated ids), "
                        "e.g. --skip untranslated,fuzzy while a translation is still under way")
    parser.add_argument("--list", action="store_true", help="list the checks and exit")
    parser.add_argument("--matrix", action="store_true", help="print the term × language matrix (JSON with --format json)")
    parser.add_argument("--show-suppressed", action="store_true", help="text report: show suppressed findings too")
    parser.add_argument("--no-cache", action="store_true",
                        help="check every entry afresh instead of reusing the results of unchanged entries from "
                        "earlier runs (kept in $WORKBENCH_CACHE_DIR, else ~/.cache/workbench)")
    parser.add_argument("--shard", metavar="K/N", help="check only the K-th of every N catalogues and write what the "
                        "merge needs to --shard-dir (one CI runner of N); no report")
    parser.add_argument("--shard-dir", metavar="DIR",
                        help="folder of the shard files (default: check-shards in the project's build folder)")
    parser.add_argument("--merge", metavar="DIR", help="report on the shards gathered in DIR (shard-K-of-N.pickle, "
                        "all N of them): exactly the report of one whole run")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically) instead of stdout")
    parser.set_defaults(func=run)


def _emit(args, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its pieces, one after the other) to ``--output`` or stdout."""
    pieces = [text] if isinstance(text, str) else text
    if args.output:
        atomic_write_pieces(Path(args.output), pieces, durable=False)  # (a report: made again by checking again)
    else:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()


def _ids(text: str | None) -> list[str] | None:
    """Check ids from a comma-separated option; an unknown id is bad usage (get_check says which)."""
    if not text:
        return None
    ids = [part.strip() for part in text.split(",") if part.strip()]
    for check_id in ids:
        get_check(check_id)
    return ids


def _inside(path, resolved_root: Path) -> bool:
    return Path(path).resolve().is_relative_to(resolved_root)


def run(args: argparse.Namespace) -> int:
    if args.list:
        checks = all_checks()
        if args.format == "json":
            import json

            data = [{"id": c.id, "name": c.name, "description": c.description, "severity": c.severity,
                     "family": c.family, "scope": c.scope, "applies_to": c.applies_text()} for c in checks]
            _emit(args, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            _emit(args, render_list(checks))
        return EXIT_OK
    project_dir = Path(args.project) if getattr(args, "project", None) else None
    config = load_config(project_dir)
    only = _ids(args.only)
    skip = _ids(args.skip)
    if skip:
        only = [cls.id for cls in all_checks() if cls.id not in skip and (only is None or cls.id in only)]
    source_lang = args.source_lang or config.source_language or "en"
    inputs = [] if args.merge else (args.paths or project_catalogues(config))
    if args.no_glossary:
        glossary = None
    elif args.glossary:
        glossary = Terminology.load(args.glossary, use_cache=not args.no_cache)
    else:  # the project's glossary, for PATHs inside the project as for the project's own catalogues
        root = config.root.resolve()  # (the project's own catalogues are inside it: 6,000 paths not resolved)
        inside = not args.paths or all(_inside(path, root) for path in inputs)
        glossary = project_glossary(config, use_cache=not args.no_cache) if inside else None
    if args.merge:
        with progress_bar("judging the shards' files", None) as advance:
            report = merge_shards(Path(args.merge), termbase=glossary, source_lang=source_lang, config=config,
                                  lang=args.lang, only=only, progress=advance)
        return _report(args, report)
    files = list(find_files(inputs, (".po",)))
    if not files:
        raise WorkbenchError("no PO files found in " + ", ".join(map(str, inputs)))
    if args.shard:
        shard = parse_shard(args.shard)
        with progress_bar(f"checking shard {shard[0]}/{shard[1]}", len(range(shard[0] - 1, len(files), shard[1])),
                          minimum=PROGRESS_THRESHOLD) as advance:
            folder = Path(args.shard_dir) if args.shard_dir else config.build_dir / "check-shards"
            path, summaries = check_shard(files, shard, folder, termbase=glossary,
                                          source_lang=source_lang, lang=args.lang, only=only, progress=advance,
                                          cache=not args.no_cache)
        entries = sum(summary.entries for summary in summaries)
        print(f"shard {shard[0]}/{shard[1]}: {len(summaries)} of {len(files)} catalogues, {entries} entries checked; "
              f"written to {path} (then: workbench check --merge {path.parent})")
        return EXIT_OK
    # each file counted twice: read and checked, then judged with the rest of its language
    with progress_bar("checking", 2 * len(files), minimum=2 * PROGRESS_THRESHOLD) as advance:
        report = run_checks(files, termbase=glossary, source_lang=source_lang, config=config, only=only,
                            lang=args.lang, progress=advance, cache=not args.no_cache)
    return _report(args, report)


def _report(args, report) -> int:
    if args.matrix:
        if args.format == "json":
            _emit(args, matrix_json(report))
        else:
            _emit(args, matrix_text(report, colour=not args.output and sys.stdout.isatty()))
        return report.exit_code(args.fail_on)
    colour = args.format == "text" and not args.output and sys.stdout.isatty()
    _emit(args, render_pieces(report, args.format, fail_on=args.fail_on, colour=colour,
                              verbose=args.show_suppressed))
    return report.exit_code(args.fail_on)


def run_for_pipeline(config) -> int:
    """The check step of ``workbench run``: the project's catalogues and glossary, text report, fail on errors."""
    report = run_checks(project_catalogues(config), termbase=project_glossary(config),
                        source_lang=config.source_language or "en", config=config, cache=True)
    sys.stdout.write(render(report, "text", colour=sys.stdout.isatty()))
    return report.exit_code("error")
