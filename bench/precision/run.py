"""Precision of ``workbench check`` on real catalogues nobody here wrote.

    .venv/bin/python bench/precision/run.py [--per-language 30] [--seed 1]

1. ``pip download --no-deps django==5.2.19 wagtail==8.0.1 sphinx==9.0.4`` into
   ``bench/out/precision/wheels`` (skipped when the wheels are there);
2. the PO files of 13 languages are unpacked under ``bench/out/precision/tree/<project>/``
   with their paths in the wheel (Sphinx names some languages otherwise: zh_CN, zh_TW, uk_UA);
3. each project is checked without a glossary (the library, as ``workbench check --no-glossary``);
   every finding goes to ``bench/out/precision/findings.json``;
4. a seeded sample of error and warning findings (``untranslated`` left out) is drawn per judged
   language: each finding's rank is a hash of the seed and the finding's key, so a finding keeps
   its place from run to run and a re-run after a fix only adds the findings that moved up;
5. ``bench/precision/judged.csv`` keeps the verdicts, one line per sampled finding: ``real``,
   ``false`` or ``convention`` (right by one convention, wrong by the one the catalogue follows)
   with a one-line reason. Verdicts already there are kept; new sample items are added with an
   empty verdict for a person to fill in by reading them;
6. ``bench/precision/errors.csv``: every error-level finding of the three wheels, judged the same way;
7. prints the precision table (strict: convention counts as false; lenient: as real) over the
   judged items of the current sample, and writes it to ``bench/out/precision/table.md``.

Also measured on the whole trees (every language): the exit status of the run (a catalogue
without a usable header must not stop it) and the number of ``entry-missing`` findings, the
error-level findings by check and the findings of the checks few enough to read all of them
(``ISSUE15_CHECKS``), every finding in ``bench/out/precision/whole-findings.json``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "bench" / "out" / "precision"
sys.path.insert(0, str(ROOT))

WHEELS = {"django": "django==5.2.19", "wagtail": "wagtail==8.0.1", "sphinx": "sphinx==9.0.4"}
LANGUAGES = ["zh_Hans", "zh_Hant", "ja", "ko", "ar", "ru", "uk", "fr", "de", "es", "pt_BR", "pl", "hi"]
JUDGED_LANGUAGES = ["zh_Hans", "ja", "ru", "fr", "de", "ar"]
# the folder name each project gives a language, where it is not the one above
FOLDER_NAMES = {"sphinx": {"zh_Hans": "zh_CN", "zh_Hant": "zh_TW", "uk": "uk_UA"}}
FIELDS = ["key", "language", "check", "severity", "file", "line", "msgid", "target", "message",
          "verdict", "reason"]
VERDICTS = ("real", "false", "convention")
# the checks added by issue 15: few findings on these catalogues, so each one is read (phrases.csv,
# omission-whole.tsv, calendar-whole.csv)
ISSUE15_CHECKS = ("weekday", "month-name", "cjk-reduplication", "markdown", "inconsistent-phrase", "omission")


def download(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    missing = [spec for name, spec in WHEELS.items() if not list(folder.glob(f"{name}-*.whl"))]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), *missing],
                       check=True)
    return {name: sorted(folder.glob(f"{name}-{spec.split('==')[1]}-*.whl"))[-1] for name, spec in WHEELS.items()}


def unpack(project: str, wheel: Path, tree: Path, languages: list[str] | None) -> Path:
    """The project's PO files of ``languages`` (None: all) under ``tree/<project>/``, paths as in the wheel."""
    folders = None
    if languages is not None:
        names = FOLDER_NAMES.get(project, {})
        folders = {names.get(lang, lang) for lang in languages}
    root = tree / project
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            parts = name.split("/")
            if not name.endswith(".po") or "locale" not in parts:
                continue
            folder = parts[parts.index("locale") + 1]
            if folders is not None and folder not in folders:
                continue
            target = root / name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    return root


def bench_language(project: str, path: str) -> str:
    parts = path.split("/")
    folder = parts[parts.index("locale") + 1]
    reverse = {v: k for k, v in FOLDER_NAMES.get(project, {}).items()}
    return reverse.get(folder, folder)


def check_tree(project: str, root: Path) -> tuple[list[dict], int]:
    """Every finding of ``workbench check --no-glossary`` on the tree, as JSON objects, and the exit status."""
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "check", "--no-glossary", "--no-cache", "--format", "json", project],
        cwd=root.parent, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        return [], result.returncode
    findings = json.loads(result.stdout)["findings"]
    for finding in findings:
        finding["project"] = project
        finding["bench_language"] = bench_language(project, finding["file"])
    return findings, result.returncode


def finding_key(finding: dict) -> str:
    text = "\x1f".join(str(finding.get(k)) for k in ("file", "msgctxt", "msgid", "plural_form", "check", "offending"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def rank(seed: int, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def row(finding: dict) -> dict:
    return {"key": finding_key(finding), "language": finding["bench_language"], "check": finding["check"],
            "severity": finding["severity"], "file": f"{finding['file']}:{finding['line']}",
            "msgid": finding["msgid"], "target": finding["target"], "message": finding["message"],
            "verdict": "", "reason": ""}


def merge(path: Path, rows: list[dict]) -> list[dict]:
    """``rows`` with the verdicts ``path`` already holds for the same keys; written back to ``path``."""
    known = {}
    for judged in sorted(HERE.glob("*.csv")):  # a verdict once given is kept, whichever file holds it
        with judged.open(newline="", encoding="utf-8") as handle:
            known.update({line["key"]: line for line in csv.DictReader(handle) if line["verdict"]})
    merged = []
    for item in rows:
        old = known.get(item["key"])
        if old:
            item["verdict"], item["reason"] = old["verdict"], old["reason"]
        merged.append(item)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(merged)
    return merged


def precision(rows: list[dict]) -> tuple[int, int, int, int]:
    """(judged, real, convention, unjudged)."""
    judged = [r for r in rows if r["verdict"] in VERDICTS]
    return (len(judged), sum(r["verdict"] == "real" for r in judged),
            sum(r["verdict"] == "convention" for r in judged), len(rows) - len(judged))


def table(sample: list[dict]) -> str:
    lines = ["| language | judged | real | convention | false | strict | lenient |", "|---|---|---|---|---|---|---|"]
    groups = [(lang, [r for r in sample if r["language"] == lang]) for lang in JUDGED_LANGUAGES]
    for name, rows in [*groups, ("overall", sample)]:
        judged, real, convention, unjudged = precision(rows)
        if not judged:
            lines.append(f"| {name} | 0 ({unjudged} to judge) | | | | | |")
            continue
        false = judged - real - convention
        lines.append(f"| {name} | {judged}" + (f" (+{unjudged} to judge)" if unjudged else "")
                     + f" | {real} | {convention} | {false} | {real / judged:.0%} | {(real + convention) / judged:.0%} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-language", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    wheels = download(OUT / "wheels")

    findings, statuses = [], {}
    for project, wheel in wheels.items():
        root = unpack(project, wheel, OUT / "tree", LANGUAGES)
        found, statuses[project] = check_tree(project, root)
        findings += found
    (OUT / "findings.json").write_text(json.dumps(findings, ensure_ascii=False, indent=1), encoding="utf-8")

    counted = [f for f in findings if f["severity"] in ("error", "warning") and f["check"] != "untranslated"]
    sample = []
    for lang in JUDGED_LANGUAGES:
        mine = sorted((f for f in counted if f["bench_language"] == lang), key=lambda f: rank(args.seed, finding_key(f)))
        sample += [row(f) for f in mine[:args.per_language]]
    sample = merge(HERE / "judged.csv", sample)
    errors = merge(HERE / "errors.csv", [row(f) for f in sorted(
        (f for f in findings if f["severity"] == "error"), key=lambda f: (f["project"], f["file"], f["line"]))])

    # whole trees, every language: the run must not stop, and entry-missing is counted
    whole, whole_findings = {}, []
    for project, wheel in wheels.items():
        root = unpack(project, wheel, OUT / "whole", None)
        found, status = check_tree(project, root)
        whole[project] = (status, sum(f["check"] == "entry-missing" for f in found))
        whole_findings += found
    (OUT / "whole-findings.json").write_text(json.dumps(whole_findings, ensure_ascii=False, indent=1),
                                             encoding="utf-8")

    report = [f"## Findings (13 languages, no glossary)", "",
              "| project | exit | error | warning | info |", "|---|---|---|---|---|"]
    for project in wheels:
        counts = Counter(f["severity"] for f in findings if f["project"] == project)
        report.append(f"| {project} | {statuses[project]} | {counts['error']} | {counts['warning']} | {counts['info']} |")
    by_check = Counter((f["check"], f["severity"]) for f in counted)
    report += ["", "By check (error+warning, untranslated left out): "
               + ", ".join(f"{c} {s} {n}" for (c, s), n in sorted(by_check.items(), key=lambda x: -x[1])), "",
               f"## Precision (seed {args.seed}, {args.per_language} per language)", "", table(sample), "",
               "## Error-level findings", ""]
    judged, real, convention, unjudged = precision(errors)
    report.append(f"{len(errors)} errors: {real} real, {convention} convention, {judged - real - convention} false, "
                  f"{unjudged} not judged")
    report += ["", "## Whole trees (every language)", "", "| project | exit | entry-missing |", "|---|---|---|"]
    report += [f"| {p} | {s} | {n} |" for p, (s, n) in whole.items()]
    whole_errors = Counter(f["check"] for f in whole_findings if f["severity"] == "error")
    few = Counter((f["check"], f["severity"]) for f in whole_findings if f["check"] in ISSUE15_CHECKS)
    counts = [f"{c} {s} {few[c, s]}" for c in ISSUE15_CHECKS for s in ("error", "warning", "info") if few[c, s]]
    silent = [c for c in ISSUE15_CHECKS if not any(check == c for check, _ in few)]
    report += ["", "Error-level findings: " + ", ".join(f"{c} {n}" for c, n in sorted(whole_errors.items())),
               "", "Checks of issue 15 (every severity): " + ", ".join(counts)
               + (f"; none from {', '.join(silent)}" if silent else "")]
    text = "\n".join(report) + "\n"
    (OUT / "table.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
