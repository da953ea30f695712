"""Translation memory: candidate search against a brute-force scan (recall), lookup speed, build speed.

    .venv/bin/python bench/tm_recall.py                       # the synthetic 2,000-article project
    .venv/bin/python bench/tm_recall.py --rebuild             # time building the memory from scratch too
    .venv/bin/python bench/tm_recall.py --scale 1000000       # a generated memory of 1,000,000 units (new articles)

The queries are the English sentences of a new batch of articles (``bench/corpus.py``'s generator
with another seed: same templates, other names, numbers and terms), not sentences of the memory.
For each query, the brute-force reference compares it with every source of the memory in the
language:

* ``ratio``: rapidfuzz's character ratio on folded text (``fuzz.ratio``, ``default_process``): recall =
  the share of queries whose best brute-force match (at or above the threshold) the candidates
  match or beat;
* ``workbench``: the matcher's own score (``workbench.tm.match.score``, word-level edit distance):
  recall = the share of queries whose best brute-force match (at or above the threshold) is found
  among the candidates with the same score.

Not part of the tests: prints a table, writes nothing outside ``bench/out``.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from workbench.config import load_config  # noqa: E402
from workbench.tm.memory import Memory, memory_path  # noqa: E402


def queries(seed: int, articles: int) -> list[str]:
    import corpus

    specs = corpus.term_list(1)
    ranked: dict = {}
    for spec in specs:
        ranked.setdefault(spec.kind, []).append(spec)
    found: dict[str, None] = {}
    for number in range(1, articles + 1):
        article = corpus.Article(random.Random(f"article-{seed}-{number}"), specs, ranked)
        _, parallel = article.write(50)
        for sentence in parallel:
            found.setdefault(sentence["en"], None)
    return list(found)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scaled_memory(source: Path, units: int, out: Path) -> Path:
    """A memory of about ``units`` units generated as the synthetic project's are: new articles from
    ``bench/corpus.py``'s generator (seed 1, numbered on past the project's 2,000), each sentence's
    translations into zh_CN, ru and fr a unit each, as the catalogues would hold them. New sentences, not
    copies: the same templates with other names, numbers, dates and terms, as a real memory grows."""
    import corpus

    from workbench.tm.memory import Unit
    from workbench.tm.sync import insert_units, reindex

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "pyproject.toml").write_text((source / "pyproject.toml").read_text())
    config = load_config(out)
    memory = Memory.for_project(config)
    specs = corpus.term_list(1)
    ranked: dict = {}
    for spec in specs:
        ranked.setdefault(spec.kind, []).append(spec)
    db = memory.db
    db.execute("BEGIN")
    file_id = db.execute("INSERT INTO files (path, size, mtime_ns, sha256) VALUES ('generated', 0, 0, '')").lastrowid
    touched: set = set()
    made, number = 0, 100_000  # article numbers the 2,000-article project and the batch never use
    rng = random.Random("articles-scale")
    while made < units:
        number += 1
        article = corpus.Article(random.Random(f"article-1-{number}"), specs, ranked)
        _, parallel = article.write(max(5, int(rng.gauss(50, 15))))
        batch = [Unit(sentence["en"], sentence[language], "en", language, f"generated/{number}",
                      f"generated/{number}:{line}", None, None)
                 for line, sentence in enumerate(parallel, 1) for language in ("zh_CN", "ru", "fr")]
        touched |= insert_units(db, file_id, iter(batch[: units - made]))
        made += len(batch[: units - made])
        if len(touched) > 200_000:  # the postings rewritten once per many articles, not per article
            reindex(db, touched)
            touched = set()
    reindex(db, touched)
    db.execute("COMMIT")
    memory.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", default=str(HERE / "out" / "corpus-s1-a2000"))
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--queries", type=int, default=2000, help="queries compared with brute force (ratio)")
    parser.add_argument("--scored", type=int, default=300, help="queries compared with brute force (workbench score)")
    parser.add_argument("--threshold", type=int, default=75)
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true", help="build the memory from scratch first (timed)")
    parser.add_argument("--verbose", action="store_true", help="name the queries whose best match was missed")
    parser.add_argument("--scale", type=int, help="measure a generated memory of this many units instead")
    parser.add_argument("--reuse", action="store_true", help="with --scale: the memory generated before, if there")
    args = parser.parse_args(argv)

    project = Path(args.project)
    if args.scale:
        generated = HERE / "out" / f"tm-scale-{args.scale}"
        if not (args.reuse and (generated / "build" / "memory.sqlite").is_file()):
            scaled_memory(project, args.scale, generated)
        project = generated
    config = load_config(project)
    if args.rebuild:
        memory_path(config).unlink(missing_ok=True)
    started = time.perf_counter()
    # a generated memory is no project's: a sync would drop its units (their file is not the project's)
    memory = Memory.for_project(config, sync=not args.scale)
    built = time.perf_counter() - started
    size = memory_path(config).stat().st_size
    total = len(memory)
    print(f"memory: {total:,} units, {size / 1e6:.0f} MB on disk; open+sync {built:.1f} s"
          + (f" ({total / built:,.0f} units/s)" if args.rebuild else "") + f", peak {peak_mb():.0f} MB")

    batch = queries(args.seed, args.articles)
    print(f"queries: {len(batch):,} distinct sentences of {args.articles} new articles (seed {args.seed})")
    started = time.perf_counter()
    found = {q: memory.candidates(q, args.language, args.limit) for q in batch}
    elapsed = time.perf_counter() - started
    print(f"lookups: {len(batch) / elapsed:,.0f}/s ({1000 * elapsed / len(batch):.2f} ms each), peak {peak_mb():.0f} MB")
    if args.scale:  # the whole lookup too, as pretranslate makes it (candidates, then the matcher)
        from workbench.tm.match import best_match

        sample = batch[:300]
        started, cpu = time.perf_counter(), time.process_time()
        matched = sum(best_match(memory, q, args.language) is not None for q in sample)
        print(f"best_match: {1000 * (time.perf_counter() - started) / len(sample):.2f} ms each "
              f"({1000 * (time.process_time() - cpu) / len(sample):.2f} ms CPU), {matched} of {len(sample)} matched "
              f"at 75 % or more, peak {peak_mb():.0f} MB")
        return 0

    rows = memory.db.execute("SELECT s.text FROM indexed i JOIN segments s ON s.id = i.segment_id "
                             "WHERE i.target_language = ?", (args.language,)).fetchall()
    sources = [row[0] for row in rows]
    processed = [utils.default_process(s) for s in sources]
    rng = random.Random(0)
    sample = rng.sample(batch, min(args.queries, len(batch)))
    kept = queries_with_match = 0
    started = time.perf_counter()
    for query in sample:
        q = utils.default_process(query)
        best = process.extractOne(q, processed, scorer=fuzz.ratio, processor=None, score_cutoff=args.threshold)
        if not best:
            continue
        queries_with_match += 1
        mine = max((fuzz.ratio(q, utils.default_process(u.source)) for u in found[query]), default=0)
        kept += mine >= best[1] - 1e-9
    brute_time = time.perf_counter() - started
    print(f"recall vs brute-force rapidfuzz ratio >= {args.threshold}: best match found for "
          f"{100 * kept / max(queries_with_match, 1):.2f}% of {queries_with_match:,} queries with one "
          f"(of {len(sample):,}); brute force {1000 * brute_time / len(sample):.1f} ms per query")

    from workbench.tm.match import read_source, score

    words = {s: len(read_source(s, "en").folded) for s in sources}
    hits = missed = 0
    started = time.perf_counter()
    for query in sample[: args.scored]:
        n = len(read_source(query, "en").folded)
        lo, hi = n * args.threshold / 100, n * 100 / args.threshold  # the word counts that can reach it
        best = max((score(query, s, "en") for s in sources if lo <= words[s] <= hi), default=0)
        if best < args.threshold:
            continue
        mine = max((score(query, u.source, "en") for u in found[query]), default=0)
        hits += mine >= best
        missed += mine < best
        if mine < best and args.verbose:
            print(f"  missed: {query!r}: best {best}, candidates' best {mine}", file=sys.stderr)
    print(f"recall vs brute-force workbench score >= {args.threshold}: best match found for "
          f"{100 * hits / max(hits + missed, 1):.2f}% of {hits + missed} queries with one "
          f"({(time.perf_counter() - started) / max(args.scored, 1):.2f} s per brute-force query)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
