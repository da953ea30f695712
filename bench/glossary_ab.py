"""What a change to glossary matching does on real catalogues: the glossary checks run with and without it.

Shared by ``cjk_boundaries.py`` and ``german_compounds.py``. Each gives a UI glossary of the renderings the
catalogues use most, the languages to read from bench/out/precision/tree (``bench/precision/run.py``
downloads it), and a context manager that turns its rule on or off. Prints the glossary checks' time
(median of 3, as a ratio) and the finding counts by language and check, and writes every finding that
differs, with its entry's source and translation, to bench/out/NAME.txt for reading.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.checks.runner import run_checks  # noqa: E402
from workbench.glossary.terminology import Terminology  # noqa: E402

TREE = ROOT / "bench" / "out" / "precision" / "tree"
OUT = ROOT / "bench" / "out"
CHECKS = ["term-missing", "term-deprecated", "name-mismatch", "term-inconsistent"]


def glossary_file(name: str, columns: list[str], text: str) -> Path:
    """``text``'s lines (``en,RENDERING,...``) as a glossary CSV in bench/out, each line a concept."""
    path = OUT / f"{name}-glossary.csv"
    rows = [",".join(["id", *columns])] + [f"t{n:02d},{line}" for n, line in enumerate(text.splitlines(), 1)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def catalogues(languages: tuple[str, ...]) -> list[Path]:
    found = []
    for language in languages:
        found += sorted(TREE.glob(f"*/**/locale/{language}/LC_MESSAGES/*.po"))
    return found


def _run(files: list[Path], glossary: Path, setting: AbstractContextManager):
    with setting:
        terminology = Terminology.load(glossary, use_cache=False)  # a fresh matcher, built under the setting
        started = time.perf_counter()
        report = run_checks(files, termbase=terminology, only=CHECKS)
        return report, time.perf_counter() - started


def _key(finding) -> tuple:
    return (finding.file, finding.msgid, finding.check, finding.message)


def compare(name: str, rule: str, files: list[Path], glossary: Path,
            setting: Callable[[bool], AbstractContextManager], note: str = "") -> None:
    if not files:
        sys.exit("no catalogues: run bench/precision/run.py first")
    times: dict[bool, list[float]] = {False: [], True: []}
    reports = {}
    for _ in range(3):
        for on in (False, True):
            reports[on], elapsed = _run(files, glossary, setting(on))
            times[on].append(elapsed)
    before, after = reports[False], reports[True]
    before_time, after_time = (statistics.median(times[on]) for on in (False, True))
    print(f"{len(files)} catalogues, {after.entries} entries; glossary checks (median of 3) {before_time:.2f} s "
          f"without {rule}, {after_time:.2f} s with: ratio {after_time / before_time:.2f}{note}")
    for label, report in (("without", before), ("with", after)):
        counts = Counter((f.language, f.check) for f in report.findings)
        print(f"  {label:8}", ", ".join(f"{lang} {check} {n}" for (lang, check), n in sorted(counts.items())))
    old, new = {_key(f): f for f in before.findings}, {_key(f): f for f in after.findings}
    lines = []
    for title, keys, source in (("gone", old.keys() - new.keys(), old), ("new", new.keys() - old.keys(), new)):
        for k in sorted(keys):
            f = source[k]
            lines.append(f"{title}\t{f.language}\t{f.check}\t{f.file}:{f.line}\n  {f.message}\n"
                         f"  msgid:  {f.msgid}\n  msgstr: {f.target}\n")
    (OUT / f"{name}.txt").write_text("\n".join(lines), encoding="utf-8")
    print(f"  {len(old.keys() - new.keys())} findings gone, {len(new.keys() - old.keys())} new: bench/out/{name}.txt")
