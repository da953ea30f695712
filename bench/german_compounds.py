"""Benchmark: what finding a glossary term as the head of a German compound changes on real catalogues.

The de catalogues of the Django, Wagtail and Sphinx wheels (``bench/precision/run.py`` downloads them
into bench/out/precision/tree) are checked with the glossary checks and a UI glossary of the renderings
those catalogues themselves use most (below: 40 concepts; three deprecated renderings, as a style guide
has them: Webseite for Website, Nutzer for Benutzer, Kennwort for Passwort), twice: with the heads of
compounds simplemma knows (``GermanNormaliser._heads``: Dateigröße holds Größe, Benutzerkonto holds Konto)
and without them (a known compound one word, as before). Prints the finding counts by check, the time of
each (median of 3, as a ratio), and writes every finding that differs, with its entry's source and
translation, to bench/out/german-compounds.txt for reading.

    .venv/bin/python bench/precision/run.py   # once, for the catalogues
    .venv/bin/python bench/german_compounds.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.checks.runner import run_checks  # noqa: E402
from workbench.glossary import normalise  # noqa: E402
from workbench.glossary.terminology import Terminology  # noqa: E402

TREE = ROOT / "bench" / "out" / "precision" / "tree"
OUT = ROOT / "bench" / "out"
CHECKS = ["term-missing", "term-deprecated", "name-mismatch", "term-inconsistent"]

# en, de: the rendering the catalogues use most for the English word (counted over the entries whose
# msgid has it); "|" separates admitted alternatives
GLOSSARY = """\
page,Seite
user,Benutzer|Nutzer [deprecated]
group,Gruppe
image,Bild
document,Dokument
site,Website|Webseite [deprecated]
password,Passwort|Kennwort [deprecated]
file,Datei
search,Suche
date,Datum
field,Feld
value,Wert
row,Zeile
column,Spalte
tag,Schlagwort
comment,Kommentar
task,Aufgabe
version,Version
permission,Berechtigung
time,Zeit
link,Link
list,Liste
model,Modell
error,Fehler
language,Sprache
status,Status
type,Typ
address,Adresse
account,Konto
draft,Entwurf
menu,Menü
collection,Sammlung
week,Woche
year,Jahr
month,Monat
width,Breite
name,Name
size,Größe
message,Nachricht
setting,Einstellung
"""


def glossary_file() -> Path:
    path = OUT / "german-glossary.csv"
    rows = ["id,en,de"] + [f"t{n:02d},{line}" for n, line in enumerate(GLOSSARY.splitlines(), 1)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def catalogues() -> list[Path]:
    return sorted(TREE.glob("*/**/locale/de/LC_MESSAGES/*.po"))


def run(files: list[Path], glossary: Path, heads: bool):
    original = normalise.GermanNormaliser._heads
    if not heads:
        normalise.GermanNormaliser._heads = lambda self, lemma: []
    normalise._german.cache_clear()  # a fresh normaliser (its keys are cached per instance) and matcher
    try:
        terminology = Terminology.load(glossary, use_cache=False)
        started = time.perf_counter()
        report = run_checks(files, termbase=terminology, only=CHECKS)
        return report, time.perf_counter() - started
    finally:
        normalise.GermanNormaliser._heads = original
        normalise._german.cache_clear()


def key(finding) -> tuple:
    return (finding.file, finding.msgid, finding.check, finding.message)


def main() -> None:
    files = catalogues()
    if not files:
        sys.exit("no catalogues: run bench/precision/run.py first")
    glossary = glossary_file()
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(3):
        for heads in (False, True):
            report, elapsed = run(files, glossary, heads)
            times[heads].append(elapsed)
            if heads:
                after = report
            else:
                before = report
    before_time, after_time = (statistics.median(times[h]) for h in (False, True))
    print(f"{len(files)} catalogues, {after.entries} entries; glossary checks (median of 3) {before_time:.2f} s "
          f"without compound heads, {after_time:.2f} s with: ratio {after_time / before_time:.2f}")
    for name, report in (("without", before), ("with", after)):
        counts = Counter(f.check for f in report.findings)
        print(f"  {name:8}", ", ".join(f"{check} {n}" for check, n in sorted(counts.items())))
    old, new = {key(f): f for f in before.findings}, {key(f): f for f in after.findings}
    lines = []
    for title, keys, source in (("gone", old.keys() - new.keys(), old), ("new", new.keys() - old.keys(), new)):
        for k in sorted(keys):
            f = source[k]
            lines.append(f"{title}\t{f.check}\t{f.file}:{f.line}\n  {f.message}\n"
                         f"  msgid:  {f.msgid}\n  msgstr: {f.target}\n")
    (OUT / "german-compounds.txt").write_text("\n".join(lines), encoding="utf-8")
    print(f"  {len(old.keys() - new.keys())} findings gone, {len(new.keys() - old.keys())} new: "
          f"bench/out/german-compounds.txt")


if __name__ == "__main__":
    main()
