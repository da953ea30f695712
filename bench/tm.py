"""Pretranslation at scale: the 2,000-article project's memory, a new 200-article batch, Translate Toolkit beside it.

    .venv/bin/python bench/tm.py                    # everything (inputs are made first if missing)
    .venv/bin/python bench/tm.py --sample 1000      # queries per language for the peer and the recall (default 500)

Inputs: the synthetic project ``bench/out/corpus-s1-a2000`` (``bench/corpus.py --seed 1``) and a new batch
``bench/out/corpus-s2-a200`` (``--seed 2 --articles 200``: the same sentence templates with other names,
numbers, dates and terms). The work project ``bench/out/tm-work`` holds the first project's catalogues
(hard links) and the batch under ``batch/``, its catalogues emptied: every batch entry is untranslated.

Rows:

* **build**: ``workbench tm status --rebuild`` in a fresh process: the memory from every catalogue; units/s;
* **pretranslate**: ``workbench pretranslate batch/...`` in a fresh process (memory already built, synced:
  nothing changed but the batch), every untranslated entry of the batch in zh_CN, ru and fr looked up; wall
  time, lookups/s over the whole process, peak memory;
* **lookup, per query**: the same queries in-process, against the same memory's units of the language:
  workbench's ``best_match`` (candidates + matcher), and Translate Toolkit's ``translate.search.match.matcher``
  (what ``pot2po --tm`` and ``pretranslate --tm`` use, min_similarity 75, one candidate) built from the same
  units; a sample of ``--sample`` queries per language (Translate Toolkit's scan is slow); ratio per lookup;
* **recall**: for the same sample, the brute-force reference: rapidfuzz's ``process.extract`` over every source
  of the language (character ratio, the 200 best at 40 or above), each unit of those sources scored by the
  matcher itself (``match_unit``: values carried over, or not); a query whose reference best is at or above
  75 % is a loss when ``best_match`` (the memory's candidates, then the matcher) returns a lower score or none.

Writes nothing outside ``bench/out``; prints the rows (Markdown) and saves them to ``bench/out/tm-results.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PY = ROOT / ".venv" / "bin" / "python"
PEER_PY = OUT / "peers-venv" / "bin" / "python"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import run  # noqa: E402
from run import run_once  # noqa: E402

LANGS = ("zh_CN", "ru", "fr")
THRESHOLD = 75
MEMORY_PROJECT = OUT / "corpus-s1-a2000"
BATCH_PROJECT = OUT / "corpus-s2-a200"
WORK = OUT / "tm-work"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- inputs -----------------------------------------------------------------------------


def ensure_corpus(folder: Path, seed: int, articles: int) -> None:
    if (folder / "locales").is_dir():
        return
    log(f"making {folder.name} ...")
    subprocess.run([str(PY), str(HERE / "corpus.py"), "--seed", str(seed), "--articles", str(articles),
                    "--out", str(folder)], check=True)


def make_work_project() -> list[str]:
    """The work project (the memory project's catalogues linked, the batch's copied and emptied); the batch's
    article names."""
    from workbench.po.reader import read_po
    from workbench.po.writer import write_po

    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    shutil.copy(MEMORY_PROJECT / "pyproject.toml", WORK / "pyproject.toml")
    shutil.copytree(MEMORY_PROJECT / "glossary", WORK / "glossary")
    shutil.copytree(MEMORY_PROJECT / "locales", WORK / "locales", copy_function=os.link)
    articles = []
    source = BATCH_PROJECT / "locales"
    for template in sorted(source.glob("**/*.pot")):
        name = template.relative_to(source).with_suffix("").as_posix()
        articles.append(f"batch/{name}")
        target = WORK / "locales" / "batch" / f"{name}.pot"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(template, target)
        for language in LANGS:
            catalogue = read_po(source / language / "LC_MESSAGES" / f"{name}.po")
            for message in catalogue.entries():
                message.msgstr = ""
                message.msgstr_plural = [""] * len(message.msgstr_plural)
                message.fuzzy = False
                message.previous_msgid = None
            path = WORK / "locales" / language / "LC_MESSAGES" / "batch" / f"{name}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_po(catalogue, path)
    pristine = OUT / "tm-batch-pristine"
    if pristine.exists():
        shutil.rmtree(pristine)
    for language in LANGS:
        shutil.copytree(WORK / "locales" / language / "LC_MESSAGES" / "batch", pristine / language)
    return articles


def restore_batch() -> None:
    pristine = OUT / "tm-batch-pristine"
    for language in LANGS:
        folder = WORK / "locales" / language / "LC_MESSAGES" / "batch"
        shutil.rmtree(folder)
        shutil.copytree(pristine / language, folder)


def batch_queries(articles: list[str]) -> dict[str, list[tuple[str, str | None]]]:
    """Per language, the (msgid, msgctxt) of every untranslated singular entry of the batch, in file order."""
    from workbench.po.reader import read_po

    found: dict[str, list] = {}
    for language in LANGS:
        rows = found.setdefault(language, [])
        for article in articles:
            for message in read_po(WORK / "locales" / language / "LC_MESSAGES" / f"{article}.po").entries():
                if not message.plural and not message.msgstr:
                    rows.append((message.msgid, message.msgctxt))
    return found


# -- the rows ---------------------------------------------------------------------------


def process_rows(articles: list[str], lookups: int) -> list[tuple]:
    rows = []
    memory_file = WORK / "build" / "memory.sqlite"
    if memory_file.exists():
        memory_file.unlink()
    wall, peak, status, out, err = run_once([str(PY), "-m", "workbench", "-C", str(WORK), "tm", "status", "--rebuild"],
                                            None, None, timeout=3600)
    assert status == 0, err
    from workbench.config import load_config
    from workbench.tm.memory import Memory

    memory = Memory.for_project(load_config(WORK), sync=False)
    units = len(memory)
    memory.close()
    size = memory_file.stat().st_size / 1e6
    rows.append(("build the memory (`tm status --rebuild`)", f"{units:,} units", f"{wall:.1f} s",
                 f"{units / wall:,.0f} units/s", f"{peak / 1024:.0f} MB", f"file {size:.0f} MB"))
    log(f"  build: {wall:.1f} s, {units} units")
    runs = []
    for attempt in range(1):  # one run: it takes minutes; the build before it warmed the page cache
        restore_batch()
        wall, peak, status, out, err = run_once(
            [str(PY), "-m", "workbench", "-C", str(WORK), "pretranslate", *articles], None, None, timeout=3600)
        assert status == 0, err
        runs.append((wall, peak, out))
        log(f"  pretranslate run {attempt + 1}: {wall:.1f} s")
    wall, peak, out = runs[-1]
    filled = out.strip().splitlines()[-1]
    rows.append((f"pretranslate the batch ({len(articles)} articles, 3 languages)", f"{lookups:,} lookups",
                 f"{wall:.1f} s", f"{lookups / wall:,.0f} lookups/s", f"{peak / 1024:.0f} MB", filled))
    return rows


_PEER_SCRIPT = r"""
import json, sys, time
from translate.search import match
from translate.storage import po
units = json.load(open(sys.argv[1], encoding="utf-8"))
queries = json.load(open(sys.argv[2], encoding="utf-8"))
store = po.pofile()
for source, target in units:
    unit = store.addsourceunit(source)
    unit.target = target
start = time.perf_counter()
matcher = match.matcher(store, max_candidates=1, min_similarity=75, max_length=1000)
built = time.perf_counter() - start
start, cpu = time.perf_counter(), time.process_time()
found = []
for query in queries:
    candidates = matcher.matches(query)
    found.append(candidates[0].getnotes().split("%")[0] if candidates else None)
print(json.dumps({"built": built, "seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "found": found}))
"""


def lookup_rows(queries: dict[str, list], sample: int, seed: int) -> list[tuple]:
    from rapidfuzz import fuzz, process, utils

    from workbench.config import load_config
    from workbench.glossary.terminology import Terminology
    import workbench.tm.match as match_module
    from workbench.tm.match import best_match, match_unit, score
    from workbench.tm.memory import Memory

    config = load_config(WORK)
    memory = Memory.for_project(config, sync=False)
    terminology = Terminology.for_project(config)
    rows = []
    totals = {"wb": 0.0, "wb_cpu": 0.0, "tt": 0.0, "tt_cpu": 0.0, "n": 0, "loss": 0, "reference": 0}
    for language in LANGS:
        chosen = random.Random(f"{seed}-{language}").sample(queries[language], min(sample, len(queries[language])))
        units = [(u.source, u.target) for u in memory.units(language)]
        start, cpu = time.perf_counter(), time.process_time()
        memory.preload(language)  # as Translate Toolkit's matcher is built before its lookups (reported apart)
        # each language's lookups on their own: what the memory and the matcher keep for the same sentence in
        # another language (a batch's gain, in the pretranslate row) is dropped first
        memory.forget()
        match_module._BOUNDS.clear()
        load_cpu = time.process_time() - cpu
        start, cpu = time.perf_counter(), time.process_time()
        ours = [best_match(memory, msgid, language, terminology, THRESHOLD, msgctxt) for msgid, msgctxt in chosen]
        wb, wb_cpu = time.perf_counter() - start, time.process_time() - cpu
        # the reference: every source of the language, the 200 closest by character ratio, our own score
        sources = list(dict.fromkeys(source for source, _ in units))
        folded = [utils.default_process(s) for s in sources]
        losses = reference_hits = 0
        for (msgid, _), match in zip(chosen, ours):
            near = process.extract(utils.default_process(msgid), folded, scorer=fuzz.ratio, processor=None,
                                   limit=200, score_cutoff=40)
            best = 0  # the matcher's real score (values carried over or not) on every near unit
            for _, _, index in near:
                if score(msgid, sources[index], "en") >= max(best, THRESHOLD):  # an upper bound of the real one
                    for unit in memory.exact(sources[index], language):
                        best = max(best, match_unit(msgid, unit, terminology).score)
            if best >= THRESHOLD:
                reference_hits += 1
                if match is None or match.score < best:
                    losses += 1
        # the peer, in its own environment, on the same units and queries
        peer = None
        if PEER_PY.exists():
            (OUT / "tm-units.json").write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
            (OUT / "tm-queries.json").write_text(json.dumps([q for q, _ in chosen], ensure_ascii=False),
                                                 encoding="utf-8")
            done = subprocess.run([str(PEER_PY), "-c", _PEER_SCRIPT, str(OUT / "tm-units.json"),
                                   str(OUT / "tm-queries.json")], capture_output=True, text=True, timeout=7200)
            if done.returncode == 0:
                peer = json.loads(done.stdout.strip().splitlines()[-1])
            else:
                log(done.stderr[-2000:])
        n = len(chosen)
        found = sum(1 for m in ours if m is not None)
        # CPU time per lookup (each side's own process), the ratio to read on a shared machine; wall beside it
        ratio = f"{peer['cpu'] / wb_cpu:.1f}× ({peer['seconds'] / wb:.1f}× wall)" if peer else "—"
        peer_rate = f"{1000 * peer['cpu'] / n:,.1f} ms ({n / peer['seconds']:,.1f}/s)" if peer else "—"
        peer_found = sum(1 for f in peer["found"] if f is not None) if peer else None
        rows.append((f"lookups, {language} ({len(units):,} units)", f"{n:,} queries",
                     f"{1000 * wb_cpu / n:,.1f} ms ({n / wb:,.0f}/s)", peer_rate, ratio,
                     f"{found:,} matched ≥75 % (TT: {peer_found if peer else '—'})",
                     f"{losses} of {reference_hits} lost ({100 * losses / max(reference_hits, 1):.2f} %)"))
        log(f"  {language}: workbench {1000 * wb_cpu / n:.1f} ms CPU (loading the language's sources {load_cpu:.1f} s "
            f"CPU before), peer {peer_rate} (its matcher built in {peer['built'] if peer else 0:.1f} s), "
            f"loss {losses}/{reference_hits}")
        totals["wb"] += wb
        totals["wb_cpu"] += wb_cpu
        totals["tt"] += peer["seconds"] if peer else 0
        totals["tt_cpu"] += peer["cpu"] if peer else 0
        totals["n"] += n
        totals["loss"] += losses
        totals["reference"] += reference_hits
    memory.close()
    rows.append(("lookups, all three", f"{totals['n']:,} queries",
                 f"{1000 * totals['wb_cpu'] / totals['n']:,.1f} ms ({totals['n'] / totals['wb']:,.0f}/s)",
                 f"{1000 * totals['tt_cpu'] / totals['n']:,.1f} ms" if totals["tt"] else "—",
                 f"{totals['tt_cpu'] / totals['wb_cpu']:.1f}× ({totals['tt'] / totals['wb']:.1f}× wall)"
                 if totals["tt"] else "—", "",
                 f"{totals['loss']} of {totals['reference']} lost "
                 f"({100 * totals['loss'] / max(totals['reference'], 1):.2f} %)"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=500, help="queries per language for the peer and the recall")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-process", action="store_true", help="only the in-process lookup rows")
    args = parser.parse_args()
    run.WORK.mkdir(parents=True, exist_ok=True)  # where run_once keeps the processes' output
    ensure_corpus(MEMORY_PROJECT, 1, 2000)
    ensure_corpus(BATCH_PROJECT, 2, 200)
    if args.skip_process and WORK.exists():
        articles = sorted(p.relative_to(WORK / "locales").with_suffix("").as_posix()
                          for p in (WORK / "locales" / "batch").glob("**/*.pot"))
        restore_batch()
    else:
        log("making the work project ...")
        articles = make_work_project()
    queries = batch_queries(articles)
    lookups = sum(len(rows) for rows in queries.values())
    out = []
    if not args.skip_process:
        out.append("| step | size | wall | rate | peak memory | note |")
        out.append("|---|---|---|---|---|---|")
        out += ["| " + " | ".join(row) + " |" for row in process_rows(articles, lookups)]
        out.append("")
        restore_batch()
    out.append("| lookups (in-process) | queries | workbench, CPU per lookup | Translate Toolkit, CPU per lookup | "
               "TT / workbench per lookup | matched | recall vs brute force |")
    out.append("|---|---|---|---|---|---|---|")
    out += ["| " + " | ".join(row) + " |" for row in lookup_rows(queries, args.sample, args.seed)]
    text = "\n".join(out)
    print(text)
    (OUT / "tm-results.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
