"""Glossary matching as a whole process: find every source-language term of a termbase in every msgid.

    .venv/bin/python bench/match_terms.py --glossary terms.tbx FILE.po|FOLDER [--lang en] [--no-cache]

What ``workbench check`` and ``update`` do per entry, isolated: read the
catalogues, load the termbase, build the matcher, then ``TermMatcher.find``
on each msgid (and msgid_plural). Prints one JSON line with the phases'
times (seconds) and counts, so ``run.py`` can tell matching time from
loading time. The parsed termbase and the built index come from workbench's
disk cache when an earlier run stored them (``--no-cache``: parse and build
afresh, as a first run does).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="PO/POT files or folders")
    parser.add_argument("--glossary", required=True, help="termbase file (TBX/CSV)")
    parser.add_argument("--lang", default="en", help="language of the msgids (default en)")
    parser.add_argument("--suffix", default=".po,.pot", help="file endings read in folders (default .po,.pot)")
    parser.add_argument("--no-cache", action="store_true", help="parse the termbase and build the index afresh")
    args = parser.parse_args(argv)
    if args.no_cache:
        os.environ["WORKBENCH_NO_CACHE"] = "1"

    gc.set_threshold(200_000, 50, 100)  # as the workbench command runs (workbench/cli/__init__.py)
    started = time.perf_counter()
    from workbench.glossary import TermMatcher, load_termbase
    from workbench.po.reader import read_po

    files: list[Path] = []
    for name in args.paths:
        path = Path(name)
        suffixes = tuple(args.suffix.split(","))
        files += sorted(p for p in path.rglob("*.po*") if p.suffix in suffixes) if path.is_dir() else [path]
    imported = time.perf_counter()
    texts: list[str] = []
    for file in files:
        for message in read_po(file).entries():
            texts.append(message.msgid)
            if message.msgid_plural:
                texts.append(message.msgid_plural)
    read = time.perf_counter()
    termbase = load_termbase(args.glossary)
    loaded = time.perf_counter()
    matcher = TermMatcher(termbase)
    matcher.find("warm up", args.lang)  # builds the language's automaton
    built = time.perf_counter()
    built_cpu = time.process_time()
    matches = 0
    segments_with_terms = 0
    for text in texts:
        found = matcher.find(text, args.lang)
        matches += len(found)
        segments_with_terms += bool(found)
    matched = time.perf_counter()
    matched_cpu = time.process_time()
    print(json.dumps({
        "files": len(files), "segments": len(texts), "concepts": len(termbase.concepts),
        "matches": matches, "segments_with_terms": segments_with_terms,
        "import_s": round(imported - started, 4), "read_s": round(read - imported, 4),
        "load_s": round(loaded - read, 4), "build_s": round(built - loaded, 4), "match_s": round(matched - built, 4),
        "match_cpu_s": round(matched_cpu - built_cpu, 4),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
