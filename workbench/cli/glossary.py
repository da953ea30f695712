"""``workbench glossary``: lookup, import, export, validate, candidates.

Each subcommand is a thin layer over ``workbench.glossary``; by default it
works on the project's glossary folder (``glossary`` in ``[tool.workbench]``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.cli.progress import PROGRESS_FILES, progress_bar
from workbench.config import Config, load_config
from workbench.errors import WorkbenchError

EXIT_OK, EXIT_FINDINGS = 0, 1


def _config(args: argparse.Namespace) -> Config:
    return load_config(Path(args.project) if getattr(args, "project", None) else None)


def _termbase(args: argparse.Namespace, config: Config):
    from workbench.glossary import load_termbase, termbase_files

    path = Path(args.glossary) if getattr(args, "glossary", None) else config.glossary_dir
    if not path.exists() or (path.is_dir() and not termbase_files(path)):
        raise WorkbenchError("no termbase here (*.tbx, *.csv, *.tsv); add one with 'workbench glossary import'", path)
    return load_termbase(path)


def _warn(lines: list[str]) -> None:
    for line in lines:
        print(f"workbench: note: {line}", file=sys.stderr)


# -- lookup ------------------------------------------------------------------

def _describe(concept, languages: list[str]) -> str:
    parts = []
    for language in languages:
        terms = concept.terms_in(language)
        if not terms:
            continue
        shown = [t.text if t.approved else f"not {t.text} ({t.status})" for t in concept.approved(language)]
        shown += [f"not {t.text} ({t.status})" for t in concept.rejected(language)]
        parts.append(f"{language}: {', '.join(shown)}")
    return " | ".join(parts)


def cmd_lookup(args: argparse.Namespace) -> int:
    from workbench.glossary import TermMatcher
    from workbench.langs import validate_language

    config = _config(args)
    termbase = _termbase(args, config)
    language = validate_language(args.lang) if args.lang else None
    matches = TermMatcher(termbase).find(args.text, language)
    languages = termbase.languages
    if args.json:
        json.dump([{"start": m.start, "end": m.end, "text": m.text, "language": m.language,
                    "concept": m.concept.id, "term": m.term.text, "status": m.term.status,
                    "overlapping": m.overlapping,
                    "terms": {lang: [{"term": t.text, "status": t.status} for t in m.concept.terms_in(lang)]
                              for lang in languages}} for m in matches],
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for m in matches:
            status = "" if m.term.approved else f" ({m.term.status} {m.language} term)"
            print(f"{m.start}-{m.end} {m.text!r} [{m.concept.id}]{status}: {_describe(m.concept, languages)}")
        if not matches:
            print("no glossary term found")
    return EXIT_OK


# -- import / export -----------------------------------------------------------

def cmd_import(args: argparse.Namespace) -> int:
    from workbench.fileio import project_lock
    from workbench.glossary import read_termbase_file, termbase_files
    from workbench.glossary.tbx import read_tbx, save_tbx

    config = _config(args)
    incoming = read_termbase_file(args.file)  # everything is read and checked before anything is written
    folder = config.glossary_dir
    if args.into:
        target = folder / args.into if not Path(args.into).is_absolute() else Path(args.into)
    else:
        existing = [p for p in termbase_files(folder) if p.suffix.lower() == ".tbx"]
        target = existing[0] if len(existing) == 1 else folder / (Path(args.file).stem + ".tbx")
    if target.suffix.lower() != ".tbx":
        raise WorkbenchError("the glossary is kept as TBX: --into must name a .tbx file", target)
    # read, merge and write under the project lock: a second import (or an update reading the termbase)
    # waits, instead of one import's concepts being written over by the other's
    with project_lock(config.locales_dir):
        if target.exists():
            termbase = read_tbx(target)
            before = len(termbase.concepts)
            clashes = termbase.merge(incoming, replace=not args.keep_existing)
            added = len(termbase.concepts) - before
        else:
            termbase, clashes, added = incoming, [], len(incoming.concepts)
        written = save_tbx(termbase, target)
    verb = "kept" if args.keep_existing else "replaced"
    print(f"{'wrote' if written else 'unchanged'} {config.relative(target)}: {added} new concept(s), "
          f"{len(clashes)} {verb} ({len(incoming.concepts)} read from {args.file})")
    _warn(incoming.warnings)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.fileio import atomic_write
    from workbench.glossary import write_csv, write_tbx

    config = _config(args)
    termbase = _termbase(args, config)
    fmt = args.format or (Path(args.output).suffix.lower().lstrip(".") if args.output != "-" else "tbx")
    if fmt not in ("tbx", "csv", "tsv"):
        raise WorkbenchError(f"unknown export format {fmt!r}: use --format tbx, csv or tsv")
    if fmt == "tbx":
        text, losses = write_tbx(termbase), []
    else:
        text, losses = write_csv(termbase, "\t" if fmt == "tsv" else ",")
    if args.output == "-":
        sys.stdout.write(text)
    else:
        written = atomic_write(args.output, text)
        print(f"{'wrote' if written else 'unchanged'} {args.output} ({len(termbase)} concepts, {fmt.upper()})")
    if losses:
        _warn([f"{fmt.upper()} cannot carry: {loss}" for loss in losses])
    return EXIT_OK


# -- validate ------------------------------------------------------------------

def cmd_validate(args: argparse.Namespace) -> int:
    from workbench.glossary import validate_termbase

    config = _config(args)
    termbase = _termbase(args, config)
    languages = [config.source_language, *config.target_languages]
    problems = validate_termbase(termbase, languages)
    _warn(termbase.warnings)
    for problem in problems:
        print(problem)
    terms = sum(len(ts) for c in termbase.concepts for ts in c.terms.values())
    if problems:
        print(f"{len(problems)} problem(s) in {len(termbase)} concepts", file=sys.stderr)
        return EXIT_FINDINGS
    print(f"glossary OK: {len(termbase)} concepts, {terms} terms ({', '.join(termbase.languages)})")
    return EXIT_OK


# -- candidates ----------------------------------------------------------------

def _source_texts(paths: list[Path], config, advance) -> list[str]:
    """The sentences of templates and catalogues, or of articles cut as ``extract`` cuts them (``advance(1)``
    per file)."""
    from workbench.articles import segment_file
    from workbench.po.reader import read_po

    texts: list[str] = []
    for path in paths:
        if path.suffix.lower() in (".pot", ".po"):
            texts += [m.msgid for m in read_po(path).entries()]
        else:
            _, paragraphs = segment_file(path, config)
            texts += [segment.msgid for paragraph in paragraphs for segment in paragraph.segments]
        advance(1)
    return texts


def _advancing(items: list, advance):
    """``items``, calling ``advance(1)`` as each is taken (a bar over work that reads them one by one)."""
    for item in items:
        yield item
        advance(1)


def cmd_candidates(args: argparse.Namespace) -> int:
    from workbench.glossary import TermMatcher, load_termbase, termbase_files
    from workbench.articles import find_sources
    from workbench.glossary.candidates import find_candidates
    from workbench.layout import find_templates

    config = _config(args)
    if args.files:
        paths = [Path(p) for p in args.files]
    else:
        paths = find_templates(config)
        if not paths and config.seeds_dir.is_dir():
            paths = find_sources(config)
    if not paths:
        raise WorkbenchError("no source text: give files, or run 'workbench extract' first", config.locales_dir)
    glossary = Path(args.glossary) if args.glossary else config.glossary_dir
    matcher = TermMatcher(load_termbase(glossary)) if glossary.exists() and (
        glossary.is_file() or termbase_files(glossary)) else None
    with progress_bar("reading", len(paths), minimum=PROGRESS_FILES) as advance:
        texts = _source_texts(paths, config, advance)
    # (some 6,000 sentences a second: a bar from about a second's worth)
    with progress_bar("finding candidates", len(texts), minimum=5_000) as advance:
        found = find_candidates(_advancing(texts, advance), matcher, config.source_language,
                                min_count=args.min_count, limit=args.limit)
    if args.bilingual or args.output:
        return _bilingual(args, config, found)
    if args.json or args.format == "json":
        json.dump([{"phrase": c.phrase, "count": c.count, "segments": c.segments, "kind": c.kind, "score": c.score}
                   for c in found], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(f"{'score':>6} {'count':>5}  {'kind':<6}  phrase")
        for c in found:
            print(f"{c.score:6.0f} {c.count:5d}  {c.kind:<6}  {c.phrase}")
    return EXIT_OK


def _bilingual(args: argparse.Namespace, config, found) -> int:
    """Each candidate with the renderings the catalogues use for it, per language (``--bilingual``)."""
    from workbench.checks.phrases import observed_renderings, translated_pairs
    from workbench.checks.runner import load_inputs
    from workbench.fileio import atomic_write
    from workbench.glossary import write_csv
    from workbench.glossary.candidates import candidates_termbase
    from workbench.layout import find_catalogues

    if args.files:
        catalogues = [Path(p) for p in args.files if Path(p).suffix.lower() == ".po"]
    else:
        catalogues = [path for _, _, path in find_catalogues(config)]
    if not catalogues:
        raise WorkbenchError("no translated catalogues (*.po) to observe renderings in; run 'workbench update' "
                             "first, or name PO files", config.locales_dir)
    with progress_bar("reading the catalogues", len(catalogues), minimum=PROGRESS_FILES) as advance:
        pairs = translated_pairs(load_inputs([path])[0] for path in _advancing(catalogues, advance))
    # (each candidate looked for in every translated entry of each language: seconds from some 50 candidates)
    with progress_bar("observing renderings", len(found) * len(pairs), minimum=100) as advance:
        observed = observed_renderings(found, pairs, config.source_language, progress=advance)
    if args.output:
        if Path(args.output).suffix.lower() not in (".csv", ".tsv"):
            raise WorkbenchError("--bilingual writes the glossary CSV layout: -o must name a .csv or .tsv file",
                                 args.output)
        termbase = candidates_termbase(found, observed, config.source_language)
        text, _ = write_csv(termbase, "\t" if Path(args.output).suffix.lower() == ".tsv" else ",")
        written = atomic_write(args.output, text)
        print(f"{'wrote' if written else 'unchanged'} {args.output}: {len(termbase)} candidate concept(s) "
              f"with observed renderings; review, then 'workbench glossary import {args.output}'")
        return EXIT_OK
    if args.json or args.format == "json":
        json.dump([{"phrase": c.phrase, "count": c.count, "segments": c.segments, "kind": c.kind, "score": c.score,
                    "renderings": {language: [{"text": text, "count": count} for text, count in renderings]
                                   for language, renderings in sorted(observed[c.phrase].items())}}
                   for c in found], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    for c in found:
        print(f"{c.phrase}  ({c.kind}, {c.count}x)")
        for language, renderings in sorted(observed[c.phrase].items()):
            print(f"    {language:<8} " + ", ".join(f"{text} ({count})" for text, count in renderings))
        if not observed[c.phrase]:
            print("    (no recurring rendering in the catalogues)")
    return EXIT_OK


# -- registration ----------------------------------------------------------------

def register(subcommands) -> None:
    parser = subcommands.add_parser(
        "glossary", help="look up, import, export, validate the termbase; propose new terms",
        description="The project termbase in glossary/ (TBX v3 is the source of truth; CSV for spreadsheets).")
    sub = parser.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND")
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])

    def glossary_option(p):
        p.add_argument("--glossary", metavar="PATH", help="a termbase file or folder (default: the project's)")

    p = sub.add_parser("lookup", help="find glossary terms in TEXT", description="Find every glossary term in "
                       "TEXT and show its renderings in every language.")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--lang", metavar="L", help="language of TEXT (default: try every language)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    glossary_option(p)
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser("import", help="merge a TBX (v2/v3), CSV or TSV file into the glossary",
                       description="Read FILE (TBX v2 or v3, CSV, TSV) and merge its concepts into the "
                       "glossary's TBX file; a concept with an id already there replaces it.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--into", metavar="NAME.tbx", help="the glossary file to merge into (default: the only "
                   ".tbx in the glossary folder, else one named after FILE)")
    p.add_argument("--keep-existing", action="store_true", help="keep concepts already there instead of replacing")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write the glossary as TBX v3 or CSV/TSV",
                       description="Write the glossary as TBX v3 (TBX-Basic, DCA) or as CSV/TSV "
                       "(layout in glossary/README.md); says what a CSV cannot carry.")
    p.add_argument("--format", choices=("tbx", "csv", "tsv"), help="default: from the file extension")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="output file ('-' for stdout)")
    glossary_option(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("validate", help="check the glossary's consistency (exit 1 with the list)",
                       description="Report terms under two concepts, concepts missing a project language, "
                       "terms both preferred and deprecated, empty or padded terms, duplicate concepts.")
    glossary_option(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("candidates", help="frequent phrases and names not yet in the glossary",
                       description="Rank frequent multi-word phrases and capitalised names of the source "
                       "texts (the project's POT files, else seeds/) that the glossary lacks; with --bilingual, "
                       "also how the catalogues render each (the alignment of the inconsistent-phrase check).")
    p.add_argument("files", nargs="*", metavar="FILE", help="POT/PO or text files (default: the project's)")
    p.add_argument("--min-count", type=int, default=2, metavar="N", help="least occurrences of a phrase (2)")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="show the best N (50; 0 for all)")
    p.add_argument("--json", action="store_true", help="machine-readable output (same as --format json)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (text)")
    p.add_argument("--bilingual", action="store_true",
                   help="with each phrase, the renderings the project's catalogues (or the PO files named) use "
                        "for it, per language, and how many entries use each")
    p.add_argument("-o", "--output", metavar="FILE.csv",
                   help="write the bilingual candidates as a glossary CSV (the most used rendering as the "
                        "proposed term, all observed ones in the note) for 'workbench glossary import'")
    glossary_option(p)
    p.set_defaults(func=cmd_candidates)
