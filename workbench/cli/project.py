"""Project commands: extract, update, build, stats, compile, and ``run`` (the whole pipeline).

Each command is a step on the project's configuration (``step_*``), so that ``run`` calls the
same steps in order; the ``cmd_*`` handlers only read the arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.cli import check, export
from workbench.cli.common import project_config
from workbench.cli.progress import PROGRESS_FILES, progress_bar
from workbench.config import Config


def _say(message: str) -> None:
    print(message, flush=True)


def step_extract(config: Config) -> int:
    from workbench.articles import find_sources
    from workbench.extract import extract

    with progress_bar("extracting", len(find_sources(config)), minimum=PROGRESS_FILES) as advance:
        results = extract(config, advance)
    for result in results:
        _say(f"{'wrote' if result.written else 'unchanged'} {config.relative(result.path)} ({result.entries} entries)")
    return 0


def step_update(config: Config, languages: list[str] | None = None) -> int:
    from workbench.layout import find_templates
    from workbench.update import update

    with progress_bar("updating", len(find_templates(config)), minimum=PROGRESS_FILES) as advance:
        results = update(config, languages, advance)
    for result in results:
        state = "created" if result.created else "updated" if result.written else "unchanged"
        _say(f"{state} {config.relative(result.path)}")
    return 0


def step_build(config: Config, languages: list[str] | None = None, threshold: float | None = None,
               strict: bool = False) -> int:
    """Exit 1 with ``strict`` when a translated segment had to fall back to its source."""
    from workbench.articles import find_sources
    from workbench.build import build

    failed = False
    with progress_bar("building", len(find_sources(config)), minimum=PROGRESS_FILES) as advance:
        results = build(config, languages, threshold, advance)
    for result in results:
        if result.path is None:
            _say(f"skipped {result.article} [{result.language}]: {result.reason}")
        else:
            state = "wrote" if result.written else "unchanged"
            # the percent is the catalogue's: say how many of those translations the page does not show
            kept = (f"; {len(result.failures)} of them published in the source, below"
                    if result.failures else "")
            _say(f"{state} {config.relative(result.path)} ({result.percent:.0f}% translated{kept})")
        for failure in result.failures:
            _say(f"  {failure}")
        failed = failed or bool(result.failures)
    return 1 if strict and failed else 0


def step_stats(config: Config, paths: list[str] | None = None, as_json: bool = False) -> int:
    from workbench.stats import files_stats, format_table, project_stats

    if paths:
        rows = files_stats([Path(p) for p in paths])
    else:
        from workbench.layout import find_catalogues

        with progress_bar("counting", len(find_catalogues(config, config.target_languages)),
                          minimum=PROGRESS_FILES) as advance:
            rows = project_stats(config, advance)
    if as_json:
        json.dump([row.as_dict() for row in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _say(format_table(rows))
    return 0


def step_compile(config: Config, output: Path | None = None) -> int:
    from workbench.compile import compile_project
    from workbench.layout import find_catalogues

    with progress_bar("compiling", len(find_catalogues(config, config.target_languages)),
                      minimum=PROGRESS_FILES) as advance:
        results = compile_project(config, output, advance)
    for result in results:
        _say(f"{'wrote' if result.written else 'unchanged'} {config.relative(result.path)}")
    return 0


def step_run(config: Config) -> int:
    """The main job: extract, update, pretranslate, build, stats, check, export; the worst status of the steps."""
    from workbench.cli.pretranslate import step_pretranslate

    status = 0
    for title, step in (("extract", step_extract), ("update", step_update), ("pretranslate", step_pretranslate),
                        ("build", step_build),
                        ("stats", step_stats), ("check", check.run_for_pipeline), ("export", export.run_for_pipeline)):
        _say(f"== {title}")
        status = max(status, step(config))
    return status


def cmd_extract(args: argparse.Namespace) -> int:
    return step_extract(project_config(args))


def cmd_update(args: argparse.Namespace) -> int:
    return step_update(project_config(args), args.lang)


def cmd_build(args: argparse.Namespace) -> int:
    return step_build(project_config(args), args.lang, args.threshold, args.strict)


def cmd_stats(args: argparse.Namespace) -> int:
    return step_stats(project_config(args), args.paths, args.json)


def cmd_compile(args: argparse.Namespace) -> int:
    return step_compile(project_config(args), Path(args.output) if args.output else None)


def cmd_run(args: argparse.Namespace) -> int:
    return step_run(project_config(args))


def register(subcommands: argparse._SubParsersAction) -> None:
    def add(name: str, func, help_text: str, description: str | None = None) -> argparse.ArgumentParser:
        parser = subcommands.add_parser(name, help=help_text, description=description or help_text)
        parser.set_defaults(func=func)
        return parser

    add("extract", cmd_extract, "write a POT template per source article in seeds/",
        "Segment every article in the seeds folder into sentences (SRX rules) and write "
        "locales/<article>.pot: one entry per unique sentence, with references and positions.")
    parser = add("update", cmd_update, "create or update each target language's PO catalogue",
                 "Merge each template into locales/<lang>/LC_MESSAGES/<article>.po like msgmerge --previous: "
                 "translations are kept, changed sentences become fuzzy, vanished ones obsolete; glossary hints refreshed.")
    parser.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeatable); default: target-languages")
    parser = add("build", cmd_build, "write the translated articles under build/",
                 "Regenerate each article in each language from its catalogue, keeping structure and markup; "
                 "untranslated and fuzzy sentences fall back to the source.")
    parser.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeatable)")
    parser.add_argument("--threshold", type=float, metavar="PERCENT", help="minimum percent translated to write a file (default: build-threshold, 80)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 if a translation was left out because it would break the markup")
    parser = add("stats", cmd_stats, "translation progress per article and language",
                 "Total, translated, fuzzy and untranslated segments and source words (CJK counted by characters).")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="PO files or folders (default: the project's catalogues)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser = add("compile", cmd_compile, "compile the catalogues to MO files",
                 "Write build/locale/<lang>/LC_MESSAGES/<article>.mo for every catalogue (fuzzy entries excluded, as msgfmt).")
    parser.add_argument("-o", "--output", metavar="DIR", help="output folder (default: build/locale)")
    parser = add("run", cmd_run, "the whole pipeline: extract, update, pretranslate, build, stats, check, export",
                 "Run the main job over seeds/: extract, update, pretranslate (from the translation memory, as fuzzy), "
                 "build, stats, then the checks and exports.")
