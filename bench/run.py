"""workbench benchmarks: whole-process wall time and peak memory, beside GNU gettext and Translate Toolkit.

    .venv/bin/python bench/run.py                 # everything (builds the inputs first if missing)
    .venv/bin/python bench/run.py --quick         # small inputs, one run each: a smoke test
    .venv/bin/python bench/run.py --only check,fmt --runs 5
    .venv/bin/python bench/run.py --list          # the measure ids

Every figure is one whole process (``python -m workbench ...``, ``msgmerge``,
``pofilter`` ...) started afresh: the median wall time of ``--runs`` runs
after ``--warmup`` unmeasured ones, and the peak resident memory of the
process and its children (``os.wait4``'s ``ru_maxrss``). Set-up between runs
(restoring a catalogue that the command rewrites) is not timed. Peers run in
bench/out/peers-venv (translate-toolkit, polib; made on first use, not a
project dependency) and from GNU gettext on the PATH.

Inputs (built on first use, kept in bench/out/ between runs):

* the real catalogue: bench/django_corpus.py -> bench/out/django/ (100,332
  entries from Django's wheel, plus half of it for the memory-vs-size rows);
* the synthetic project: bench/corpus.py -> bench/out/corpus-s<seed>-a<articles>/
  (2,000 articles, ~100,000 segments, zh_CN/ru/fr);
* glossaries of 50, 500, 5,000 and 50,000 concepts: bench/out/glossaries/.

A measure whose command is not there yet (a workbench command still being
written, a missing peer) is skipped with the reason printed. The table is
printed and written to bench/out/results.md, the raw runs to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
WORK = OUT / "work"
PY = ROOT / ".venv" / "bin" / "python"
PEERS = OUT / "peers-venv"
PEER_BIN = PEERS / "bin"
GLOSSARY_SIZES = (50, 500, 5000, 50000)


# -- timing ---------------------------------------------------------------------

@dataclass
class Timing:
    command: str
    walls: list[float] = field(default_factory=list)
    peaks_kb: list[int] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    stdout: str = ""  # of the last run (trimmed)
    error: str = ""
    timed_out: float | None = None  # the limit, if the command did not finish within it

    @property
    def wall(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def peak_mb(self) -> float:
        return max(self.peaks_kb) / 1024 if self.peaks_kb else float("nan")


TIMED_OUT = -999


def _env(env: dict | None) -> dict:
    """The environment of a measured command: as a user has it, so Python caches its bytecode
    (PYTHONDONTWRITEBYTECODE, set in some sandboxes, would recompile every module on every run)."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # workbench keeps check results and parsed termbases between runs; every row is a first run
    # (no cache) unless it names its own cache folder
    if "WORKBENCH_CACHE_DIR" not in env:
        env["WORKBENCH_NO_CACHE"] = "1"
    return env


def cached(folder: Path) -> dict:
    """The environment of a run that keeps its caches in ``folder``."""
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_NO_CACHE"}
    env["WORKBENCH_CACHE_DIR"] = str(folder)
    return env


def restore_folder(snapshot: Path, target: Path) -> Callable[[], None]:
    def setup() -> None:
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(snapshot, target)
    return setup


def both(*setups: Callable[[], None]) -> Callable[[], None]:
    def setup() -> None:
        for step in setups:
            step()
    return setup


_EDIT_SCRIPT = """
import sys
from workbench.po.reader import read_po
from workbench.po.writer import format_po
catalog, every, edited = read_po(sys.argv[1]), int(sys.argv[3]), 0
for number, message in enumerate(m for m in catalog.entries() if any(m.translations)):
    if number % every == 0:
        if message.plural:
            message.msgstr_plural = [text + " (rev.)" if text else text for text in message.msgstr_plural]
        else:
            message.msgstr += " (rev.)"
        edited += 1
open(sys.argv[2], "w", encoding="utf-8").write(format_po(catalog))
print(edited)
"""


_REVISE_FILES_SCRIPT = """
import random, sys
from pathlib import Path
from workbench.po.reader import read_po
from workbench.po.writer import format_po
locales, share = Path(sys.argv[1]), float(sys.argv[2])
files = sorted(locales.rglob("*.po"))
counts = {path: sum(1 for m in read_po(path).entries() if any(m.translations)) for path in files}
goal, edited, chosen = share * sum(counts.values()), 0, []
for path in random.Random(1).sample(files, len(files)):
    if edited >= goal:
        break
    catalog = read_po(path)
    for message in catalog.entries():
        if message.plural:
            message.msgstr_plural = [text + " (rev.)" if text else text for text in message.msgstr_plural]
        elif message.msgstr:
            message.msgstr += " (rev.)"
    path.write_text(format_po(catalog), encoding="utf-8")
    edited += counts[path]
    chosen.append(path)
print(edited, len(chosen))
"""


def revise_files(locales: Path, share: float = 0.01) -> tuple[int, int]:
    """Revise every translation of randomly chosen catalogues (seeded) until ``share`` of the project's
    translations changed, as a commit revising a few articles would; (translations, files) edited."""
    done = subprocess.run([str(PY), "-c", _REVISE_FILES_SCRIPT, str(locales), str(share)], check=True,
                          capture_output=True, text=True)
    edited, files = done.stdout.split()
    return int(edited), int(files)


def edited_copy(po: Path, target: Path, every: int = 100) -> int:
    """``po`` with every ``every``-th translated entry's translation revised, as a commit might; returns how many.

    Made in a child process: reading 100,000 entries here would raise this process's memory, and
    every measured command forked from it would then report that as its own peak.
    """
    done = subprocess.run([str(PY), "-c", _EDIT_SCRIPT, str(po), str(target), str(every)], check=True,
                          capture_output=True, text=True)
    return int(done.stdout.strip())


def run_once(cmd: list[str], cwd: Path | None, env: dict | None,
             timeout: float = 540.0) -> tuple[float, int, int, str, str]:
    """(wall seconds, peak RSS KB of the process tree's largest process, exit status, stdout, stderr).

    A process still running after ``timeout`` seconds is killed (with its children) and gets status TIMED_OUT.
    """
    out_path, err_path = WORK / ".stdout", WORK / ".stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=_env(env), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
        killed = []

        def kill() -> None:
            killed.append(True)
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        process.returncode = TIMED_OUT if killed else os.waitstatus_to_exitcode(status)
    stdout = out_path.read_text(errors="replace")
    stderr = err_path.read_text(errors="replace")
    return wall, usage.ru_maxrss, process.returncode, stdout, stderr


def measure(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None,
            setup: Callable[[], None] | None = None, runs: int = 3, warmup: int = 1,
            ok_status: tuple[int, ...] = (0, 1), slow: float = 60.0, timeout: float = 540.0, log=print) -> Timing:
    timing = Timing(" ".join(_short(c) for c in cmd))
    total = warmup + runs
    index = 0
    while index < total:
        if setup:
            setup()
        wall, peak, status, stdout, stderr = run_once(cmd, cwd, env, timeout)
        if status == TIMED_OUT:
            timing.error = f"timed out after {timeout:.0f} s"
            timing.timed_out = timeout
            log(f"    ! {timing.command}: {timing.error}")
            return timing
        if status not in ok_status:
            timing.error = f"exit {status}: {stderr.strip()[-400:]}"
            log(f"    ! {timing.command}: {timing.error}")
            return timing
        if index >= warmup:
            timing.walls.append(round(wall, 3))
            timing.peaks_kb.append(peak)
            timing.statuses.append(status)
        elif wall > slow and runs > 1:
            total = warmup + 1  # a slow command: one measured run after the warm-up
        timing.stdout = stdout[-2000:]
        index += 1
    return timing


def _short(part: str) -> str:
    for base, name in ((str(WORK), "work"), (str(OUT), "out"), (str(ROOT), ".")):
        part = part.replace(base + "/", name + "/") if base + "/" in part else part
    return part


# -- environment -------------------------------------------------------------------

def ensure_peers(log) -> None:
    if (PEER_BIN / "pofilter").exists() and (PEER_BIN / "python").exists():
        return
    log("  setting up bench/out/peers-venv (translate-toolkit, polib) ...")
    subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    subprocess.run([str(PEER_BIN / "pip"), "install", "-q", "translate-toolkit", "polib"], check=True)


def workbench_has(*words: str) -> str | None:
    """None if ``workbench WORDS --help`` works, else the reason it does not."""
    result = subprocess.run([str(PY), "-m", "workbench", *words, "--help"], capture_output=True, text=True)
    if result.returncode != 0:
        return f"'workbench {' '.join(words)}' not available yet"
    return None


def python_has(module: str, attribute: str | None = None) -> str | None:
    code = f"import {module}" + (f"; {module}.{attribute}" if attribute else "")
    result = subprocess.run([str(PY), "-c", code], capture_output=True, text=True)
    return None if result.returncode == 0 else f"{module}{'.' + attribute if attribute else ''} not available yet"


def peer_has(path: str) -> str | None:
    return None if (Path(path).exists() or shutil.which(path)) else f"peer {Path(path).name} not installed"


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    gettext = subprocess.run(["msgmerge", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    toolkit = subprocess.run([str(PEER_BIN / "python"), "-c", "from importlib.metadata import version; print(version('translate-toolkit'))"],
                             capture_output=True, text=True).stdout.strip()
    try:
        mem = next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1]
        mem_gb = round(int(mem) / 1024 / 1024, 1)
    except (OSError, StopIteration):
        mem_gb = None
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gb": mem_gb, "python": platform.python_version(),
            "os": platform.platform(), "gettext": gettext, "translate_toolkit": toolkit, "commit": commit,
            "date": time.strftime("%Y-%m-%d")}


# -- inputs --------------------------------------------------------------------------

@dataclass
class Inputs:
    django: Path
    corpus: Path
    glossaries: dict[int, Path]
    django_summary: dict
    corpus_summary: dict


def build_inputs(args, log) -> Inputs:
    django = OUT / ("django-quick" if args.quick else "django")
    if not (django / "summary.json").exists():
        log(f"  building the Django catalogue in {_short(str(django))} ...")
        subprocess.run([str(PY), str(HERE / "django_corpus.py"), "--entries", str(args.django_entries),
                        "--out", str(django)], check=True, stdout=subprocess.DEVNULL)
    corpus = OUT / f"corpus-s{args.seed}-a{args.articles}"
    if not (corpus / "corpus.json").exists():
        log(f"  generating the synthetic corpus in {_short(str(corpus))} (takes minutes at 2,000 articles) ...")
        subprocess.run([str(PY), str(HERE / "corpus.py"), "--seed", str(args.seed), "--articles", str(args.articles),
                        "--out", str(corpus)], check=True)
    glossaries = {}
    for size in args.glossary_sizes:
        path = OUT / "glossaries" / f"terms-s{args.seed}-{size}.tbx"
        if not path.exists():
            log(f"  writing a {size}-concept glossary ...")
            subprocess.run([str(PY), str(HERE / "corpus.py"), "--seed", str(args.seed), "--glossary-terms", str(size),
                            "--glossary-only", "--out", str(path)], check=True)
        glossaries[size] = path
    return Inputs(django, corpus, glossaries, json.loads((django / "summary.json").read_text()),
                  json.loads((corpus / "corpus.json").read_text()))


SAVED = OUT / "timings.json"


def load_saved() -> dict:
    try:
        return json.loads(SAVED.read_text())
    except (OSError, ValueError):
        return {}


def save_timing(key: str, timing: Timing) -> None:
    saved = load_saved()
    saved[key] = {**asdict(timing), "saved": time.strftime("%Y-%m-%d %H:%M")}
    saved[key].pop("saved")
    SAVED.write_text(json.dumps(saved, indent=1, ensure_ascii=False) + "\n")


def copy_file(source: Path, target: Path) -> Callable[[], None]:
    def setup() -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return setup


def clean(*paths: Path) -> Callable[[], None]:
    def setup() -> None:
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    return setup


def shell_loop(script: str) -> list[str]:
    return ["bash", "-c", script]


# -- the measures ---------------------------------------------------------------------

@dataclass
class Row:
    id: str
    input: str
    label: str
    workbench: Timing | None = None
    peer_name: str = ""
    peer: Timing | None = None
    target: str = ""  # e.g. "<= 0.10x"
    target_ratio: float | None = None
    skipped: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.workbench and self.peer and self.workbench.walls and self.peer.walls:
            return self.workbench.wall / self.peer.wall
        if self.workbench and self.workbench.timed_out and self.peer and self.peer.walls:
            return self.workbench.timed_out / self.peer.wall  # a lower bound
        return None

    @property
    def met(self) -> str:
        if self.target_ratio is None:
            return ""
        ratio = self.ratio
        if ratio is None:
            return "?"
        return "yes" if ratio <= self.target_ratio else f"no ({_over(ratio, self.target_ratio)})"


class Bench:
    def __init__(self, args, inputs: Inputs, log):
        self.args = args
        self.inputs = inputs
        self.log = log
        self.rows: list[Row] = []
        self.cache: dict[str, Timing] = {}
        self.extra: dict = {}

    def wb(self, *words: str) -> list[str]:
        return [str(PY), "-m", "workbench", *words]

    def time(self, key: str, cmd: list[str], **kw) -> Timing:
        """Measure once per key (a workbench timing shared by several peer rows is run once).

        Every timing is saved to bench/out/timings.json as soon as it is taken; with ``--reuse``
        a saved timing of the same command is used instead of measuring again, so a long run
        can be resumed or split (``--only django``, then ``--only corpus --reuse``).
        """
        if key not in self.cache and self.args.reuse:
            saved = load_saved().get(key)
            if saved and saved.get("command") == " ".join(_short(c) for c in cmd) and (
                    saved.get("walls") or saved.get("timed_out")):
                self.log(f"  {key}: reusing the saved timing ({saved['walls']})")
                self.cache[key] = Timing(**saved)
        if key not in self.cache:
            kw.setdefault("runs", self.args.runs)
            kw.setdefault("warmup", self.args.warmup)
            kw.setdefault("timeout", self.args.timeout)
            kw.setdefault("slow", self.args.slow)
            self.log(f"  {key}: {' '.join(_short(c) for c in cmd)}")
            timing = measure(cmd, log=self.log, **kw)
            if timing.walls:
                self.log(f"    {timing.wall:.2f} s, {timing.peak_mb:.0f} MB  (runs: {timing.walls})")
            self.cache[key] = timing
            save_timing(key, timing)
        return self.cache[key]

    def row(self, measure_id: str, input_name: str, label: str, *, wb: tuple | None, wb_missing: str | None = None,
            peer_name: str = "", peer: tuple | None = None, peer_missing: str | None = None,
            target: str = "", target_ratio: float | None = None, note: str = "") -> None:
        if self.args.only and measure_id not in self.args.only:
            return
        row = Row(measure_id, input_name, label, peer_name=peer_name, target=target, target_ratio=target_ratio,
                  note=note)
        if wb is not None:
            if wb_missing:
                row.skipped = wb_missing
                self.log(f"  skip {label}: {wb_missing}")
            else:
                key, cmd, kw = wb
                row.workbench = self.time(key, cmd, **kw)
                if row.workbench.error and not row.workbench.timed_out:
                    row.skipped = "workbench failed: " + row.workbench.error[:200]
        if peer is not None:
            if peer_missing:
                row.note = (row.note + "; " if row.note else "") + peer_missing
                self.log(f"  no peer for {label}: {peer_missing}")
            else:
                key, cmd, kw = peer
                row.peer = self.time(key, cmd, **kw)
        self.rows.append(row)

    # -- the real catalogue ----------------------------------------------------
    def django(self) -> None:
        d = self.inputs.django
        n = self.inputs.django_summary["entries"]
        name = f"Django {n:,}"
        po, half, nowrap = d / "django.po", d / "django-half.po", d / "django-nowrap.po"
        g5000 = self.inputs.glossaries.get(5000) or max(self.inputs.glossaries.values())
        tt = lambda tool: str(PEER_BIN / tool)  # noqa: E731

        self.row("read", name, "read floor: stats vs msgfmt -c --statistics",
                 wb=("dj-stats", self.wb("stats", "--json", str(po)), {}), wb_missing=workbench_has("stats"),
                 peer_name="msgfmt -c --statistics",
                 peer=("dj-msgfmt", ["msgfmt", "-c", "--statistics", "-o", "/dev/null", str(po)], {}),
                 peer_missing=peer_has("msgfmt"))
        fmt_cmd = ("dj-fmt", self.wb("fmt", str(WORK / "fmt.po")), {"setup": copy_file(nowrap, WORK / "fmt.po")})
        self.row("fmt", name, "fmt (rewrite an unwrapped file)", wb=fmt_cmd, wb_missing=workbench_has("fmt"),
                 peer_name="msgcat", peer=("dj-msgcat", ["msgcat", "-o", str(WORK / "msgcat.po"), str(nowrap)], {}),
                 peer_missing=peer_has("msgcat"))
        self.row("fmt", name, "fmt (rewrite an unwrapped file)", wb=fmt_cmd, wb_missing=workbench_has("fmt"),
                 peer_name="polib read+write",
                 peer=("dj-polib", [tt("python"), "-c", "import polib,sys; polib.pofile(sys.argv[1]).save(sys.argv[2])",
                                    str(nowrap), str(WORK / "polib.po")], {}),
                 peer_missing=peer_has(tt("python")), target="<= 1.0x polib", target_ratio=1.0)
        self.row("fmt", name, "fmt --check (file already in layout)",
                 wb=("dj-fmt-check", self.wb("fmt", "--check", str(po)), {}), wb_missing=workbench_has("fmt"),
                 peer_name="msgcat", peer=("dj-msgcat-po", ["msgcat", "-o", str(WORK / "msgcat2.po"), str(po)], {}))
        project = d / "project"
        target_po = next((project / "locales").glob("*/LC_MESSAGES/django.po"))
        self.row("update", name, "update (2% of msgids changed, 1% new, 1% gone)",
                 wb=("dj-update", self.wb("-C", str(project), "update"), {"setup": copy_file(po, target_po)}),
                 wb_missing=workbench_has("update"), peer_name="msgmerge --previous",
                 peer=("dj-msgmerge", ["msgmerge", "--previous", "-q", "-o", str(WORK / "msgmerge.po"), str(po),
                                       str(d / "django-new.pot")], {}),
                 peer_missing=peer_has("msgmerge"), target="<= 2x msgmerge", target_ratio=2.0)
        self.row("check", name, f"check, all checks, {g5000.stem.split('-')[-1]}-term glossary",
                 wb=("dj-check", self.wb("check", str(po), "--glossary", str(g5000), "--format", "json",
                                         "-o", str(WORK / "check.json")), {}),
                 wb_missing=workbench_has("check"), peer_name="pofilter (all tests)",
                 peer=("dj-pofilter", [tt("pofilter"), "--progress=none", str(po), str(WORK / "pofilter.po")], {}),
                 peer_missing=peer_has(tt("pofilter")), target="<= 0.25x pofilter", target_ratio=0.25)
        # the same check as a CI job on a commit sees it: the caches of the previous run are there,
        # and 1 % of the translations of the catalogue (the same file) changed since
        if not self.args.only or "check" in self.args.only:
            checked = WORK / "check-commit" / "django.po"
            edited_po, snapshot, live = WORK / "check-edited.po", WORK / "check-cache-snapshot", WORK / "check-cache"
            edited = edited_copy(po, edited_po)
            if snapshot.exists():
                shutil.rmtree(snapshot)
            copy_file(po, checked)()
            subprocess.run(self.wb("check", str(checked), "--glossary", str(g5000), "--format", "json",
                                   "-o", str(WORK / "check-prime.json")), env=cached(snapshot), check=False,
                           stdout=subprocess.DEVNULL)
            self.row("check", name, f"check again after a commit: {edited:,} translations edited, caches of the "
                     "previous run (results, termbase, the file's summary)",
                     wb=("dj-check-warm", self.wb("check", str(checked), "--glossary", str(g5000), "--format", "json",
                                                  "-o", str(WORK / "check-warm.json")),
                         {"env": cached(live), "setup": both(restore_folder(snapshot, live),
                                                              copy_file(edited_po, checked))}),
                     wb_missing=workbench_has("check"), peer_name="pofilter (all tests)",
                     peer=("dj-pofilter", [tt("pofilter"), "--progress=none", str(po), str(WORK / "pofilter.po")], {}),
                     peer_missing=peer_has(tt("pofilter")), target="<= 0.10x pofilter", target_ratio=0.10)
        for fmt_name, peer_tool, peer_args in (("tmx", "po2tmx", ["-l", self.inputs.django_summary["language"]]),
                                               ("xliff", "po2xliff", [])):
            out_file = WORK / f"{peer_tool}.{'tmx' if fmt_name == 'tmx' else 'xlf'}"
            self.row("export", name, f"export {fmt_name}",
                     wb=(f"dj-export-{fmt_name}", self.wb("-C", str(project), "export", "--format", fmt_name, "-o",
                                                         str(WORK / f"dj-export-{fmt_name}")),
                         {"setup": copy_file(po, target_po)}),
                     wb_missing=workbench_has("export") or python_has("workbench.exchange"),
                     peer_name=peer_tool,
                     peer=(f"dj-{peer_tool}", [tt(peer_tool), "--progress=none", *peer_args, str(po), str(out_file)], {}),
                     peer_missing=peer_has(tt(peer_tool)))
        # (no html row here: the review pages are built from source articles, which this project has none of)
        # glossary matching at each size, over every msgid
        for size, path in sorted(self.inputs.glossaries.items()):
            self.row("glossary", name, f"glossary match, {size:,} terms (whole process)",
                     wb=(f"dj-match-{size}", [str(PY), str(HERE / "match_terms.py"), "--glossary", str(path), str(po)],
                         {}), wb_missing=python_has("workbench.glossary", "TermMatcher"))
        largest, path = max(self.inputs.glossaries.items())
        self.row("glossary", name, f"glossary match, {largest:,} terms, termbase cache of an earlier run (whole process)",
                 wb=(f"dj-match-{largest}-warm", [str(PY), str(HERE / "match_terms.py"), "--glossary", str(path), str(po)],
                     {"env": cached(WORK / "match-cache")}), wb_missing=python_has("workbench.glossary", "TermMatcher"))
        # peak memory at two sizes
        if "memory" in self.args.only or not self.args.only:
            half_n = self.inputs.django_summary["entries_half"]
            sizes = (f"{half_n:,}", f"{n:,}")
            for label, key_half, cmd_half, key_full, missing in (
                ("check", "dj-half-check", self.wb("check", str(half), "--glossary", str(g5000), "--format", "json",
                                                   "-o", str(WORK / "check-half.json")), "dj-check",
                 workbench_has("check")),
                ("fmt", "dj-half-fmt", self.wb("fmt", "--check", str(half)), "dj-fmt-check", workbench_has("fmt")),
                ("stats", "dj-half-stats", self.wb("stats", "--json", str(half)), "dj-stats", workbench_has("stats")),
            ):
                if missing or key_full not in self.cache or not self.cache[key_full].walls:
                    continue
                small = self.time(key_half, cmd_half, runs=1, warmup=0)
                if not small.walls:
                    continue
                big = self.cache[key_full]
                self.extra.setdefault("memory", []).append({
                    "command": label, "sizes": sizes, "entries": [half_n, n],
                    "peak_mb": [round(small.peak_mb, 1), round(big.peak_mb, 1)],
                    "wall_s": [small.wall, big.wall],
                })

    # -- the synthetic project ----------------------------------------------------
    def corpus(self) -> None:
        c = self.inputs.corpus
        s = self.inputs.corpus_summary
        name = f"synthetic {s['articles']:,} art."
        tt = lambda tool: str(PEER_BIN / tool)  # noqa: E731
        langs = ["zh_CN", "ru", "fr"]
        locales = c / "locales"
        # extract: a copy of the project without catalogues, remade each run
        extract_project = WORK / "extract-project"
        if "extract" in self.args.only or not self.args.only:
            if extract_project.exists():
                shutil.rmtree(extract_project)  # it may point at another corpus's seeds
            extract_project.mkdir(parents=True)
            shutil.copyfile(c / "pyproject.toml", extract_project / "pyproject.toml")
            (extract_project / "seeds").symlink_to(c / "seeds")
        self.row("extract", name, f"extract ({s['articles']:,} articles -> POT)",
                 wb=(f"c-extract-{s['articles']}", self.wb("-C", str(extract_project), "extract"),
                     {"setup": clean(extract_project / "locales"),
                      "env": dict(os.environ, SOURCE_DATE_EPOCH="1700000000")}),
                 wb_missing=workbench_has("extract"))
        merge_loop = (f"cd {locales} && for pot in $(find . -name '*.pot' | sort); do n=${{pot%.pot}}; "
                      f"for l in {' '.join(langs)}; do msgmerge -q --previous -o /dev/null $l/LC_MESSAGES/$n.po $pot; "
                      "done; done")
        self.row("update", name, "update (3 languages, nothing changed)",
                 wb=("c-update", self.wb("-C", str(c), "update"), {}), wb_missing=workbench_has("update"),
                 peer_name="msgmerge per file", peer=("c-msgmerge", shell_loop(merge_loop), {}),
                 peer_missing=peer_has("msgmerge"))
        self.row("check", name, "check, all checks, project glossary (5,000 terms)",
                 wb=("c-check", self.wb("check", "--format", "json", "-o", str(WORK / "c-check.json")), {"cwd": c}),
                 wb_missing=workbench_has("check"), peer_name="pofilter (all tests)",
                 peer=("c-pofilter", [tt("pofilter"), "--progress=none", str(locales), str(WORK / "c-pofilter")],
                       {"setup": clean(WORK / "c-pofilter")}),
                 peer_missing=peer_has(tt("pofilter")), target="<= 0.30x pofilter, <= 250 MB", target_ratio=0.30)
        # a CI job on a commit that revised a few articles: the previous run's caches are there, and the
        # catalogues revised hold 1 % of the project's translations; the others' bytes did not change
        if not self.args.only or "check" in self.args.only:
            edited_project, snapshot, live = WORK / "c-check-edited", WORK / "c-check-cache-snapshot", WORK / "c-check-cache"
            for folder in (edited_project, snapshot):
                if folder.exists():
                    shutil.rmtree(folder)
            shutil.copytree(c, edited_project, ignore=shutil.ignore_patterns("build"))
            subprocess.run(self.wb("check", "--format", "json", "-o", str(WORK / "c-check-prime.json")),
                           cwd=edited_project, env=cached(snapshot), check=False, stdout=subprocess.DEVNULL)
            edited, files = revise_files(edited_project / "locales")
            self.row("check", name, f"check again after a commit revising {files} catalogues ({edited:,} translations, "
                     "1 %), caches of the previous run",
                     wb=("c-check-warm", self.wb("check", "--format", "json", "-o", str(WORK / "c-check-warm.json")),
                         {"cwd": edited_project, "env": cached(live), "setup": restore_folder(snapshot, live)}),
                     wb_missing=workbench_has("check"), peer_name="pofilter (all tests)",
                     peer=("c-pofilter", [tt("pofilter"), "--progress=none", str(locales), str(WORK / "c-pofilter")],
                           {"setup": clean(WORK / "c-pofilter")}),
                     peer_missing=peer_has(tt("pofilter")), target="<= 0.05x pofilter", target_ratio=0.05)
        cat_loop = f"cd {locales} && for f in $(find . -name '*.po' -o -name '*.pot' | sort); do msgcat -o /dev/null $f; done"
        self.row("fmt", name, "fmt --check (all PO/POT)",
                 wb=("c-fmt-check", self.wb("fmt", "--check", str(locales)), {}), wb_missing=workbench_has("fmt"),
                 peer_name="msgcat per file", peer=("c-msgcat", shell_loop(cat_loop), {}),
                 peer_missing=peer_has("msgcat"))
        stat_loop = (f"cd {locales} && for f in $(find . -name '*.po' | sort); do "
                     "msgfmt -c --statistics -o /dev/null $f 2>/dev/null; done")
        self.row("read", name, "read floor: stats vs msgfmt -c --statistics",
                 wb=("c-stats", self.wb("-C", str(c), "stats", "--json"), {}), wb_missing=workbench_has("stats"),
                 peer_name="msgfmt per file", peer=("c-msgfmt", shell_loop(stat_loop), {}),
                 peer_missing=peer_has("msgfmt"))
        tmx_loop = " && ".join(f"{tt('po2tmx')} --progress=none -l {l} {locales / l} {WORK / f'c-po2tmx-{l}.tmx'}"
                               for l in langs)
        xlf_loop = " && ".join(f"{tt('po2xliff')} --progress=none {locales / l} {WORK / f'c-po2xliff-{l}'}"
                               for l in langs)
        for fmt_name, peer_name, script, out_dirs in (
            ("tmx", "po2tmx per language", tmx_loop, []),
            ("xliff", "po2xliff per language", xlf_loop, [WORK / f"c-po2xliff-{l}" for l in langs]),
        ):
            self.row("export", name, f"export {fmt_name}",
                     wb=(f"c-export-{fmt_name}", self.wb("-C", str(c), "export", "--format", fmt_name, "-o",
                                                        str(WORK / f"c-export-{fmt_name}")),
                         {"setup": clean(WORK / f"c-export-{fmt_name}")}),
                     wb_missing=workbench_has("export") or python_has("workbench.exchange"),
                     peer_name=peer_name, peer=(f"c-{fmt_name}-peer", shell_loop(script), {"setup": clean(*out_dirs)}),
                     peer_missing=peer_has(tt("po2tmx")))
        self.row("export", name, "export html",
                 wb=("c-export-html", self.wb("-C", str(c), "export", "--format", "html", "-o",
                                              str(WORK / "c-export-html")), {"setup": clean(WORK / "c-export-html")}),
                 wb_missing=workbench_has("export") or python_has("workbench.review", "export_review"))
        for size, path in sorted(self.inputs.glossaries.items()):
            self.row("glossary", name, f"glossary match, {size:,} terms, the POT msgids (whole process)",
                     wb=(f"c-match-{size}", [str(PY), str(HERE / "match_terms.py"), "--glossary", str(path),
                                             "--suffix", ".pot", str(locales)], {}),
                     wb_missing=python_has("workbench.glossary", "TermMatcher"))

    # -- derived targets ----------------------------------------------------------
    def glossary_targets(self) -> None:
        for prefix, name in (("dj", "Django"), ("c", "synthetic")):
            phases = {}
            for size in self.inputs.glossaries:
                timing = self.cache.get(f"{prefix}-match-{size}")
                if timing and timing.walls and timing.stdout.strip():
                    try:
                        phases[size] = json.loads(timing.stdout.strip().splitlines()[-1])
                    except ValueError:
                        pass
            if phases:
                self.extra.setdefault("glossary", {})[name] = phases
            small, big = min(self.inputs.glossaries), max(self.inputs.glossaries)
            if small in phases and big in phases and small != big:
                self.extra.setdefault("glossary_ratio", {})[name] = {
                    "match_phase": phases[big]["match_s"] / phases[small]["match_s"],
                    "whole_process": self.cache[f"{prefix}-match-{big}"].wall / self.cache[f"{prefix}-match-{small}"].wall,
                    "load_plus_match": (phases[big]["match_s"] + phases[big]["load_s"] + phases[big]["build_s"])
                    / (phases[small]["match_s"] + phases[small]["load_s"] + phases[small]["build_s"]),
                }


# -- output -----------------------------------------------------------------------

def _over(ratio: float, target: float) -> str:
    """How far a ratio misses its target: "+35% over" below 2x, "8.8x over" beyond."""
    factor = ratio / target
    return f"{(factor - 1) * 100:.0f}% over" if factor < 2 else f"{factor:.1f}x over"


def fmt_s(value: float | None) -> str:
    if value is None or value != value:
        return "—"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def table(bench: Bench) -> str:
    lines = ["| input | measure | workbench | peak MB | peer | peer time | peak MB | ratio | target | met? |",
             "|---|---|---:|---:|---|---:|---:|---:|---|---|"]
    for row in bench.rows:
        wb = row.workbench
        peer = row.peer
        ratio = row.ratio
        lines.append("| " + " | ".join([
            row.input, row.label,
            (fmt_s(wb.wall) if wb and wb.walls else f"> {wb.timed_out:.0f} s (timed out)" if wb and wb.timed_out
             else f"skipped: {row.skipped}" if row.skipped else "—"),
            (f"{wb.peak_mb:.0f}" if wb and wb.walls else ""),
            row.peer_name + (f" ({row.note})" if row.note else ""),
            fmt_s(peer.wall) if peer and peer.walls else ("—" if not peer else f"failed: {peer.error[:60]}"),
            f"{peer.peak_mb:.0f}" if peer and peer.walls else "",
            (">" if wb and wb.timed_out else "") + (f"{ratio:.2f}x" if ratio is not None else ""),
            row.target, row.met,
        ]) + " |")
    ratios = bench.extra.get("glossary_ratio", {})
    for name, r in ratios.items():
        met = "yes" if r["match_phase"] <= 1.3 else f"no ({_over(r['match_phase'], 1.3)})"
        small, big = min(bench.inputs.glossaries), max(bench.inputs.glossaries)
        lines.append(f"| {name} | glossary match time, {big:,} vs {small:,} terms (matching phase) | "
                     f"| | | | | {r['match_phase']:.2f}x | <= 1.3x | {met} |")
        lines.append(f"| {name} | same, load + build + match | | | | | | {r['load_plus_match']:.2f}x | (info) | |")
        lines.append(f"| {name} | same, whole process | | | | | | {r['whole_process']:.2f}x | (info) | |")
    for m in bench.extra.get("memory", []):
        size_ratio = m["entries"][1] / m["entries"][0]
        mem_ratio = m["peak_mb"][1] / m["peak_mb"][0]
        linear = "yes" if mem_ratio <= size_ratio * 1.1 else "no"
        lines.append(f"| Django {m['sizes'][0]} / {m['sizes'][1]} | peak memory, {m['command']} | "
                     f"{m['peak_mb'][0]:.0f} / {m['peak_mb'][1]:.0f} MB | | | | | {mem_ratio:.2f}x for {size_ratio:.2f}x "
                     f"entries | linear | {linear} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs (10,000 Django entries, 100 articles), 1 run")
    parser.add_argument("--only", default="", help="comma-separated measure ids: read,fmt,update,check,export,"
                        "glossary,memory,extract; and/or inputs: django,corpus")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per command (median; default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs first (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--articles", type=int, default=2000, help="synthetic corpus size (default 2000)")
    parser.add_argument("--django-entries", type=int, default=100_000)
    parser.add_argument("--glossary-sizes", default=",".join(map(str, GLOSSARY_SIZES)))
    parser.add_argument("--timeout", type=float, default=540.0, help="kill a command after this many seconds (540)")
    parser.add_argument("--slow", type=float, default=60.0,
                        help="a command whose warm-up takes longer is measured once more only (60 s)")
    parser.add_argument("--reuse", action="store_true",
                        help="use timings saved in bench/out/timings.json by an earlier run of the same commands")
    parser.add_argument("--list", action="store_true", help="list the measure ids and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("measures: read fmt update check export glossary memory extract\ninputs: django corpus")
        return 0
    if args.quick:
        args.articles = min(args.articles, 100)
        args.django_entries = min(args.django_entries, 10_000)
        args.runs, args.warmup = 1, 1
        if args.glossary_sizes == ",".join(map(str, GLOSSARY_SIZES)):
            args.glossary_sizes = "50,500,5000"
    args.glossary_sizes = [int(x) for x in args.glossary_sizes.split(",") if x]
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    inputs_wanted = only & {"django", "corpus"} or {"django", "corpus"}
    args.only = only - {"django", "corpus"}

    log = lambda message: print(message, flush=True)  # noqa: E731
    if not PY.exists():
        raise SystemExit(f"{PY} not found: make the project's venv first (./wb test, or python3.11 -m venv .venv "
                         "&& .venv/bin/pip install -e .)")
    for tool in ("msgcat", "msgmerge", "msgfmt"):
        if not shutil.which(tool):
            log(f"note: {tool} not on the PATH (apt-get install gettext); its rows are skipped")
    WORK.mkdir(parents=True, exist_ok=True)
    ensure_peers(log)
    info = machine()
    log(f"machine: {info['nproc']} cores, {info['cpu']}, Python {info['python']}, {info['gettext']}, "
        f"translate-toolkit {info['translate_toolkit']}")
    inputs = build_inputs(args, log)
    bench = Bench(args, inputs, log)
    started = time.monotonic()
    if "django" in inputs_wanted:
        bench.django()
    if "corpus" in inputs_wanted:
        bench.corpus()
    bench.glossary_targets()
    text = table(bench)
    header = (f"Machine: {info['nproc']} cores ({info['cpu']}), {info['memory_gb']} GB, Python {info['python']}, "
              f"{info['gettext']}, translate-toolkit {info['translate_toolkit']}; workbench at {info['commit']}, "
              f"{info['date']}. Median of {args.runs} run(s) after {args.warmup} warm-up; ratio = workbench / peer.\n"
              f"Inputs: Django {inputs.django_summary['entries']:,} entries ({inputs.django_summary['wheel']}); "
              f"synthetic {inputs.corpus_summary['articles']:,} articles, {inputs.corpus_summary['sentences']:,} "
              f"sentences, {inputs.corpus_summary['entries']:,} PO entries (seed {inputs.corpus_summary['seed']}).\n")
    print()
    print(header)
    print(text)
    results = {
        "machine": info, "args": {k: v if not isinstance(v, set) else sorted(v) for k, v in vars(args).items()},
        "inputs": {"django": inputs.django_summary, "corpus": inputs.corpus_summary},
        "rows": [{**{k: v for k, v in asdict(row).items() if k not in ("workbench", "peer")},
                  "workbench": asdict(row.workbench) if row.workbench else None,
                  "peer": asdict(row.peer) if row.peer else None, "ratio": row.ratio, "met": row.met}
                 for row in bench.rows],
        "timings": {key: asdict(t) for key, t in bench.cache.items()},
        "extra": bench.extra, "seconds": round(time.monotonic() - started),
    }
    name = "results-quick" if args.quick else "results"
    (OUT / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (OUT / f"{name}.md").write_text(header + "\n" + text + "\n")
    print(f"\nwrote {_short(str(OUT / (name + '.json')))} and {_short(str(OUT / (name + '.md')))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
