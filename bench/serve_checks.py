"""How long the local editor takes to answer one entry's checks (``workbench serve``, the debounced
request as the translator types), on the seed project's catalogues and glossary.

Every entry of every catalogue is checked alone as the editor checks it (``Workspace.entry_findings``),
``--runs`` times; printed: median, 95th percentile and worst time per entry in milliseconds, and, as
the peer figure, the same entries' share of one full ``workbench check`` run in process
(its time divided by the number of entries), with the ratio. The target is under 50 ms per entry.

    .venv/bin/python bench/serve_checks.py [--runs 5] [-C PROJECT]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from workbench.checks.runner import run_checks
from workbench.config import load_config
from workbench.po.reader import read_po
from workbench.serve.editing import Workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("-C", "--project", type=Path, default=None)
    args = parser.parse_args()
    workspace = Workspace(load_config(args.project))
    loaded = [workspace.load(language, article) for language, article, _ in workspace.catalogues()]
    for catalogue in loaded:  # warm-up: the glossary's matcher and the checks' first imports
        workspace.entry_findings(catalogue, catalogue.entries[0])
    times = []
    for _ in range(args.runs):
        for catalogue in loaded:
            for message in catalogue.entries:
                started = time.perf_counter()
                workspace.entry_findings(catalogue, message, list(message.translations))
                times.append((time.perf_counter() - started) * 1000)
    entries = sum(len(c.entries) for c in loaded)
    started = time.perf_counter()
    run_checks([read_po(c.path) for c in loaded], workspace.terminology, workspace.config.source_language,
               workspace.config)
    full = (time.perf_counter() - started) * 1000 / entries
    times.sort()
    median = statistics.median(times)
    print(f"one entry's checks, {len(times)} answers over {entries} entries x {args.runs} runs:")
    print(f"  median {median:.1f} ms, 95th percentile {times[int(len(times) * 0.95)]:.1f} ms, "
          f"worst {times[-1]:.1f} ms (target < 50 ms)")
    print(f"  a full check's time per entry: {full:.2f} ms; ratio median / that: {median / full:.1f}")


if __name__ == "__main__":
    main()
