"""What each entry check costs per run, and proof that a change to one kept its results.

    .venv/bin/python bench/check_costs.py                          # each check's CPU seconds
    .venv/bin/python bench/check_costs.py --save before.pickle     # ... and every result kept
    .venv/bin/python bench/check_costs.py --compare before.pickle  # ... and compared with those (exit 1 if any differs)
    .venv/bin/python bench/check_costs.py --checks numbers,weekday PO-or-folder ...

Every entry check (``check_entry``) and every catalogue check's per-entry ``summarise`` is called on every entry
of the catalogues, in the runner's order (untranslated and fuzzy entries skipped as the runner skips them), with
the CPU time around each call summed per check (``S:<id>`` for a ``summarise``). By default the catalogues are
real ones nobody here wrote where they are downloaded (Django's, Wagtail's and Sphinx's wheels, as
``bench/precision/run.py`` unpacks them; Django's 100,332-entry catalogue of ``bench/run.py``), a seeded sample
of 300 catalogues of the synthetic corpus, and the project's own, with the synthetic corpus's 5,000-term
glossary. ``--save`` keeps each entry's issues (as the check cache stores them) and facts; ``--compare`` says
which catalogues' results differ. Run both sides with ``PYTHONHASHSEED=0`` (a fact may hold a set).

The timings include the per-call cost of the measuring itself (about 1.7 µs a call); compare a check before and
after in the same minute, and read the runs' ratios.
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.checks import runner  # noqa: E402
from workbench.checks.base import Entry  # noqa: E402
from workbench.checks.cache import store  # noqa: E402
from workbench.glossary.terminology import Terminology  # noqa: E402

OUT = ROOT / "bench" / "out"
CORPUS = OUT / "corpus-s1-a2000"


def default_catalogues() -> list[Path]:
    files = sorted((OUT / "precision" / "tree").rglob("*.po"))
    corpus = sorted((CORPUS / "locales").rglob("*.po"))
    files += random.Random(7).sample(corpus, min(300, len(corpus)))
    files += sorted((ROOT / "locales").rglob("*.po"))
    files += [path for path in [OUT / "django" / "django.po"] if path.exists()]
    return files


def measure(files: list[Path], glossary: Path, wanted: set[str] | None) -> tuple[dict, dict]:
    """(CPU seconds by check, each catalogue's results: (entry number, check, stored issue or facts))."""
    plan = runner.CheckPlan.make(Terminology.load(glossary), "en", None, wanted, False)
    seconds: dict[str, float] = defaultdict(float)
    results: dict[str, object] = {}
    clock = time.process_time
    for path in files:
        try:
            catalog, _ = runner.read_catalogue(path)
            info = runner.catalogue_info(catalog, str(path))
        except Exception as exc:  # noqa: BLE001 - a catalogue workbench refuses is a result too
            results[str(path)] = ("refused", str(exc))
            continue
        context, checks, summarising = plan.for_language(info.language)
        found = []
        for number, entry in enumerate(Entry(message, info) for message in catalog.entries()):
            translated, fuzzy = entry.has_translation, entry.message.fuzzy
            for check in checks:
                if (check.skip_untranslated and not translated) or (check.skip_fuzzy and fuzzy):
                    continue
                start = clock()
                issues = list(check.check_entry(entry, context))
                seconds[check.id] += clock() - start
                found += [(number, check.id, store(check.id, issue)) for issue in issues]
            for check in summarising:
                start = clock()
                facts = check.summarise(entry, context)
                seconds["S:" + check.id] += clock() - start
                found.append((number, "S:" + check.id, facts))
        results[str(path)] = found
    return seconds, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalogues", nargs="*", type=Path, help="PO files or folders (default: see above)")
    parser.add_argument("--checks", default="", help="check ids, comma-separated (default: all)")
    parser.add_argument("--glossary", type=Path, default=CORPUS / "glossary" / "terms.tbx")
    parser.add_argument("--save", type=Path, help="keep every result in this file")
    parser.add_argument("--compare", type=Path, help="compare every result with those kept in this file")
    args = parser.parse_args()
    files = sorted(p for item in args.catalogues for p in ([item] if item.is_file() else item.rglob("*.po"))) \
        if args.catalogues else default_catalogues()
    wanted = set(args.checks.split(",")) if args.checks else None
    seconds, results = measure(files, args.glossary, wanted)
    for check_id, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"{check_id:30s} {spent:7.2f}")
    print(f"{'all':30s} {sum(seconds.values()):7.2f}   ({len(files)} catalogues)")
    if args.save:
        args.save.write_bytes(pickle.dumps(results))
    if args.compare:
        kept = pickle.loads(args.compare.read_bytes())
        differing = []
        for path, found in results.items():
            before = kept.get(path)
            if wanted is not None and isinstance(before, list):
                before = [item for item in before if item[1].removeprefix("S:") in wanted]
            if repr(before) != repr(found):  # (repr: a NaN in a fact equals itself)
                differing.append(path)
        for path in differing[:10]:
            print("differs:", path)
        print(f"catalogues whose results differ: {len(differing)}")
        return 1 if differing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
