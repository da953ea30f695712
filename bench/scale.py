"""Scale rows: `check`, `update` and `export` at 50 %, 100 % and 10× the synthetic project.

    .venv/bin/python bench/scale.py                        # 1,000, 2,000 and 20,000 articles, all three commands
    .venv/bin/python bench/scale.py --sizes 1000,2000 --commands check
    .venv/bin/python bench/scale.py --sizes 1000 --commands sharded,check-cached   # the CI matrix; the cache's size
    .venv/bin/python bench/scale.py --sizes 20000 --commands shard-one --shards 10 # one runner of 10
    .venv/bin/python bench/scale.py --table                # print the saved rows again, measuring nothing

Each figure is one whole process under GNU time (``/usr/bin/time -v``): its
wall time, its user + system CPU and the "Maximum resident set size", which is
that of the largest single process (workbench forks one worker per core, and
the workers share the parent's pages copy-on-write). Beside it, the peak of the
whole process tree's proportional set size (PSS, sampled every second from
/proc), the memory the command really takes from the machine with its
workers. Every row is a first run (``WORKBENCH_NO_CACHE=1``), on a fresh copy
of the project in /tmp, so no run sees another's caches or writes into
bench/out. The code measured is a commit (``--commit``, default HEAD) exported
with ``git archive`` and put first on PYTHONPATH, not the working tree, where
others' unfinished edits may be. The projects come from bench/corpus.py
(``--seed 1``) and are made when missing.

The table gives, per command, the time per entry (wall and CPU) and the peaks
relative to the 100 % row: a time-per-entry ratio of 1.00 at 10× means the
time grew linearly, a peak ratio well under 10 at 10× means memory grew
sublinearly. On a shared machine read the CPU ratio: wall time stretches with
the load, CPU seconds much less. A command past ``--timeout`` or the tree PSS
``--memory-cap`` is killed and its row says so. Rows are saved in
bench/out/scale.json by (size, command), with the commit, date and load each
was measured at, so a later partial run replaces only its own rows; the table
is written to bench/out/scale.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PY = ROOT / ".venv" / "bin" / "python"
SAVED = OUT / "scale.json"
TABLE = OUT / "scale.md"
SEED = 1
REFERENCE = 2000  # the 100 % row: the synthetic project of bench/README.md
SHARDS = 4
_CHECK = ["check", "--format", "json", "-o", "{work}/check.json"]


def commands(shards: int = SHARDS) -> dict[str, list[tuple[str, list[str]]]]:
    """name -> the steps it runs in one copy of the project, each (the row's label, workbench's arguments):
    what a user types in the project folder, the outputs going to the copy's own folder."""
    def shard(k: int) -> tuple[str, list[str]]:
        return f"shard {k}/{shards}", ["check", "--shard", f"{k}/{shards}", "--shard-dir", "{work}/shards"]

    return {
        "check": [("check", _CHECK)],
        "update": [("update", ["update"])],
        "export": [("export", ["export", "-o", "{work}/exports"])],
        # a first run that keeps its caches, as CI's first run does: the row adds the cache folder's size
        "check-cached": [("check, caches kept", _CHECK)],
        # the CI matrix on one machine, one runner after the other: each shard's cost, then the merge's,
        # whose memory is the whole project's summaries; the rows add the shard files' size
        "sharded": [*(shard(k) for k in range(1, shards + 1)),
                    (f"merge of {shards}", ["check", "--merge", "{work}/shards", *_CHECK[1:]])],
        # one runner of the matrix only: what each of N runners costs, without the whole run
        "shard-one": [shard(1)],
    }


COMMANDS = commands()
DEFAULT_COMMANDS = ("check", "update", "export")


def corpus(articles: int, log=print) -> Path:
    folder = OUT / f"corpus-s{SEED}-a{articles}"
    if not (folder / "corpus.json").exists():
        log(f"  generating {folder.relative_to(ROOT)} (about 1 minute per 1,000 articles) ...")
        subprocess.run([str(PY), str(HERE / "corpus.py"), "--seed", str(SEED), "--articles", str(articles),
                        "--out", str(folder)], check=True)
    return folder


def _tree_pss_kb(session: int) -> int:
    """The summed PSS of every process in ``session`` (the measured command and its workers)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            # the fields after the command name, which may hold spaces: state ppid pgrp session ...
            if int(stat.rsplit(")", 1)[1].split()[3]) != session:
                continue
            for line in Path(entry.path, "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return total


def _gnu_time(report: str) -> dict:
    def field(name: str) -> str:
        match = re.search(rf"^\s*{re.escape(name)}: (.*)$", report, re.M)
        return match.group(1).strip() if match else ""

    clock = [float(part) for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    wall = sum(value * 60 ** power for power, value in enumerate(reversed(clock)))
    return {"wall": round(wall, 2), "cpu": round(float(field("User time (seconds)")) +
                                                  float(field("System time (seconds)")), 2),
            "peak_kb": int(field("Maximum resident set size (kbytes)"))}


def code(commit: str, work_root: Path) -> tuple[Path, str]:
    """The package at ``commit``, exported into ``work_root`` (once per commit), and the commit's short id."""
    short = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", commit], capture_output=True, text=True,
                           check=True).stdout.strip()
    folder = work_root / f"code-{short}"
    if not (folder / "workbench" / "__init__.py").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", short], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder, short


def run(cmd: list[str], cwd: Path, code_folder: Path, timeout: float, memory_cap_mb: int,
        cache: Path | None = None) -> dict:
    """One whole process under ``/usr/bin/time -v``; killed (with its workers) past ``timeout`` or the memory cap.

    Without ``cache`` every cache is off (``WORKBENCH_NO_CACHE``); with it, the caches are kept there.
    """
    env = dict(os.environ, PYTHONPATH=str(code_folder))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user runs it: bytecode cached
    env.pop("WORKBENCH_CACHE_DIR", None)
    env.pop("WORKBENCH_NO_CACHE", None)
    if cache:
        env["WORKBENCH_CACHE_DIR"] = str(cache)
    else:
        env["WORKBENCH_NO_CACHE"] = "1"
    with tempfile.TemporaryDirectory(prefix="wb-scale-time-") as scratch:
        report = Path(scratch, "time.txt")
        stderr = Path(scratch, "stderr.txt")
        load = os.getloadavg()[0]
        with open(stderr, "wb") as err:
            process = subprocess.Popen(["/usr/bin/time", "-v", "-o", str(report), *cmd], cwd=cwd, env=env,
                                       stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL,
                                       start_new_session=True)
        peak_pss, killed, started = 0, "", time.monotonic()
        while process.poll() is None:
            peak_pss = max(peak_pss, _tree_pss_kb(process.pid))
            if peak_pss > memory_cap_mb * 1024:
                killed = f"killed at {memory_cap_mb:,} MB (the memory cap)"
            elif time.monotonic() - started > timeout:
                killed = f"killed after {timeout:.0f} s (the time limit)"
            if killed:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                break
            time.sleep(1.0)
        row = {"status": process.returncode, "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
               "pss_peak_kb": peak_pss}
        if killed:
            row.update(killed=killed, wall=round(time.monotonic() - started, 1))
            return row
        text = report.read_text()
        row.update(_gnu_time(text))
        # GNU time reports "Command exited with non-zero status N" first when it did, and "Command terminated
        # by signal N" for a command stopped from outside (whose workers' time it never counted)
        if m := re.search(r"terminated by signal (\d+)", text):
            row["status"] = -int(m.group(1))
            row["error"] = f"stopped by signal {m.group(1)} before the end"
            return row
        row["status"] = int(m.group(1)) if (m := re.search(r"exited with non-zero status (\d+)", text)) else 0
        if row["status"] not in (0, 1):  # 1: check found errors
            row["error"] = stderr.read_text(errors="replace").strip()[-400:]
        return row


def measure(articles: int, names: list[str], work_root: Path, commit: str, timeout: float, memory_cap_mb: int,
            save, shards: int = SHARDS, log=print) -> None:
    """Run ``commands`` on the ``articles`` project, calling ``save(key, row)`` after each."""
    code_folder, short = code(commit, work_root)
    source = corpus(articles, log)
    info = json.loads((source / "corpus.json").read_text())
    work = work_root / source.name
    try:
        steps = commands(shards)
        for name in names:
            # a fresh copy for every command, so none sees what another wrote (update rewrites catalogues)
            if work.exists():
                shutil.rmtree(work)
            shutil.copytree(source, work, ignore=shutil.ignore_patterns("build"))
            cache = work / ".scale-cache" if name == "check-cached" else None
            for label, arguments in steps[name]:
                cmd = [str(PY), "-m", "workbench", *(part.format(work=work) for part in arguments)]
                log(f"  {articles} articles: {' '.join(arguments)} ...")
                row = run(cmd, work, code_folder, timeout, memory_cap_mb, cache)
                if cache:
                    row["cache_bytes"] = _size(cache)
                if name in ("sharded", "shard-one"):
                    shard = work / "shards" / f"shard-{label.split()[1].replace('/', '-of-')}.pickle"
                    row["shard_bytes"] = shard.stat().st_size if label.startswith("shard") else _size(work / "shards")
                row.update(articles=articles, entries=info["entries"], catalogues=_catalogues(work), command=label,
                           commit=short, date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
                log(f"    {_describe(row)}")
                save(f"{articles}:{label}", row)
    finally:
        if work.exists():
            shutil.rmtree(work)


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _catalogues(project: Path) -> int:
    return sum(1 for _ in (project / "locales").rglob("*.po"))


def _describe(row: dict) -> str:
    if row.get("killed"):
        return f"{row['killed']} (tree PSS {row['pss_peak_kb'] / 1024:,.0f} MB)"
    if row.get("error"):
        return f"exit {row['status']}: {row['error']}"
    cache = f", cache folder {row['cache_bytes'] / 2**20:,.1f} MB" if "cache_bytes" in row else ""
    cache += f", shard files {row['shard_bytes'] / 2**20:,.1f} MB" if "shard_bytes" in row else ""
    return (f"{row['wall']:.1f} s wall, {row['cpu']:.1f} s CPU, largest process {row['peak_kb'] / 1024:,.0f} MB, "
            f"tree PSS {row['pss_peak_kb'] / 1024:,.0f} MB, load {row['load_before']}-{row['load_after']}{cache}")


def table(saved: dict) -> str:
    lines = ["| command | articles | entries | wall | CPU | CPU µs/entry | per entry vs 100 % (wall / CPU) | "
             "largest process | tree PSS | vs 100 % (largest / PSS) | PSS KB/entry | load | commit, date |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    labels = list(dict.fromkeys(label for steps in COMMANDS.values() for label, _ in steps))
    labels += sorted({row["command"] for row in saved.values()} - set(labels))  # other shard counts
    for name in labels:
        rows = sorted((row for row in saved.values() if row["command"] == name), key=lambda row: row["articles"])
        reference = next((row for row in rows if row["articles"] == REFERENCE and _finished(row)), None)
        for row in rows:
            label = f"`{name}`"
            if "cache_bytes" in row:
                label += f" ({row['cache_bytes'] / 2**20:,.1f} MB of cache)"
            if "shard_bytes" in row:
                label += f" ({row['shard_bytes'] / 2**20:,.1f} MB of shard files)"
            head = f"| {label} | {row['articles']:,} | {row['entries']:,} |"
            tail = f"{row['load_before']:.1f}–{row['load_after']:.1f} | {row['commit']}, {row['date']} |"
            if not _finished(row):
                why = row.get("killed") or (row["error"] if row.get("status", 0) < 0 else f"failed (exit {row['status']})")
                lines.append(f"{head} {why} | | | | | {row['pss_peak_kb'] / 1024:,.0f} MB so far | | | {tail}")
                continue
            # a shard checks 1/N of the entries: its figures per entry are per entry of its share
            entries = row["entries"] / int(name.split("/")[1]) if name.startswith("shard ") else row["entries"]
            growth = memory = "—"
            if reference:
                growth = (f"{row['wall'] / row['entries'] / (reference['wall'] / reference['entries']):.2f} / "
                          f"{row['cpu'] / row['entries'] / (reference['cpu'] / reference['entries']):.2f}")
                memory = (f"{row['peak_kb'] / reference['peak_kb']:.2f} / "
                          f"{row['pss_peak_kb'] / reference['pss_peak_kb']:.2f}")
            lines.append(f"{head} {row['wall']:,.1f} s | {row['cpu']:,.1f} s | {row['cpu'] / entries * 1e6:,.0f} | "
                         f"{growth} | {row['peak_kb'] / 1024:,.0f} MB | {row['pss_peak_kb'] / 1024:,.0f} MB | {memory} | "
                         f"{row['pss_peak_kb'] / entries:.2f} | {tail}")
    return "\n".join(lines) + "\n"


def _finished(row: dict) -> bool:
    return "peak_kb" in row and "error" not in row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,20000", help="articles per project (comma-separated)")
    parser.add_argument("--commands", default=",".join(DEFAULT_COMMANDS),
                        help="of " + ", ".join(COMMANDS) + " (comma-separated; default: the first three)")
    parser.add_argument("--shards", type=int, default=SHARDS, help=f"N of sharded and shard-one (default {SHARDS})")
    parser.add_argument("--commit", default="HEAD", help="the code to measure (default: HEAD, not the working tree)")
    parser.add_argument("--work", default=tempfile.gettempdir(), help="where the copies are made (default: /tmp)")
    parser.add_argument("--timeout", type=float, default=2400, help="seconds before a command is killed")
    parser.add_argument("--memory-cap", type=int, default=8000,
                        help="MB of tree PSS at which a command is killed, to spare a shared machine")
    parser.add_argument("--results", default=str(SAVED), help=f"the saved rows (default: {SAVED.relative_to(ROOT)})")
    parser.add_argument("--table", action="store_true", help="only print the saved rows")
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.commands.split(",") if name.strip()]
    if unknown := set(names) - set(COMMANDS):
        parser.error(f"unknown commands: {', '.join(sorted(unknown))}")
    results = Path(args.results)
    saved = json.loads(results.read_text()) if results.exists() else {}
    if not args.table:
        work_root = Path(args.work) / "wb-scale"
        work_root.mkdir(parents=True, exist_ok=True)

        def save(key: str, row: dict) -> None:
            # read again and write after every row: a long run keeps what it has, and two runs of
            # different sizes side by side keep each other's rows
            rows = json.loads(results.read_text()) if results.exists() else {}
            rows[key] = row
            results.write_text(json.dumps(rows, indent=1) + "\n")

        for articles in (int(size) for size in args.sizes.split(",")):
            measure(articles, names, work_root, args.commit, args.timeout, args.memory_cap, save, args.shards)
        saved = json.loads(results.read_text())
    text = table(saved)
    TABLE.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
