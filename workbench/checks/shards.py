"""One project check spread over several machines: ``check --shard K/N`` and ``check --merge DIR``.

A CI matrix of N runners each runs ``workbench check --shard K/N --shard-dir DIR``: the K-th of every N
catalogues (in the order a whole run reads them, so the slices do not depend on the machine) goes
through the per-file stage (``workbench.checks.runner.summarise_inputs``) and its summaries, the entry
checks' findings with them, are written to ``DIR/shard-K-of-N.pickle``. One more job gathers the N
files into one folder and runs ``workbench check --merge DIR``: the catalogue-wide and cross-language
checks run on the summaries (``judge``) and the report is exactly the one a single run would print.

A shard file is sealed with the run's key (workbench's code, the glossary, the checks, the languages;
``CheckPlan.run_key``): the merge refuses a shard made by another version, with another glossary or
other checks, as it refuses a missing, doubled or damaged one. Like the cache, shard files are data
a trusted job wrote (plain data, read by a restricted unpickler); do not merge files from strangers.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench import cache
from workbench.cache import RestrictedUnpickler
from workbench.checks.summary import PackedSummary
from workbench.errors import WorkbenchError

FORMAT = 1
_NAME = re.compile(r"^shard-(\d+)-of-(\d+)\.pickle$")


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` (1 <= K <= N) as a pair; anything else is bad usage."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise WorkbenchError(f"--shard takes K/N with 1 <= K <= N (e.g. 2/4), not {text!r}")
    return int(match.group(1)), int(match.group(2))


def shard_path(folder: Path, shard: tuple[int, int]) -> Path:
    return Path(folder) / f"shard-{shard[0]}-of-{shard[1]}.pickle"


def write_shard(folder: Path, shard: tuple[int, int], total: int, summaries: list[PackedSummary], run_key: str) -> Path:
    """Write one shard's summaries (``total``: the files of the whole run) and say where."""
    path = shard_path(folder, shard)
    data = {"format": FORMAT, "shard": shard, "total": total, "files": [s.to_item() for s in summaries]}
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        cache.save(path, data, _seal(run_key))
    except OSError as exc:
        raise WorkbenchError(f"cannot write the shard: {exc.strerror or exc}", path) from exc
    return path


def read_shards(folder: Path, run_key: str) -> list[PackedSummary]:
    """Every file's summary from the shards in ``folder``, in the order of a whole run."""
    folder = Path(folder)
    if not folder.is_dir():
        raise WorkbenchError("no such folder of shards", folder)
    found = sorted((path for path in folder.iterdir() if _NAME.match(path.name)), key=lambda p: _key(p.name))
    if not found:
        raise WorkbenchError("no shard files (shard-K-of-N.pickle) in the folder; run 'workbench check --shard K/N "
                             "--shard-dir DIR' first", folder)
    counts = {int(_NAME.match(path.name).group(2)) for path in found}
    if len(counts) > 1:
        raise WorkbenchError("shards of different splits (" + ", ".join(f"of {n}" for n in sorted(counts)) + ")",
                             folder)
    (count,) = counts
    numbers = [int(_NAME.match(path.name).group(1)) for path in found]
    missing = sorted(set(range(1, count + 1)) - set(numbers))
    if missing:
        raise WorkbenchError(f"shard {', '.join(map(str, missing))} of {count} missing", folder)
    shards: list[list[PackedSummary]] = []
    total = None
    for path, number in zip(found, numbers):
        data = cache.load(path, _seal(run_key), RestrictedUnpickler)
        if not (isinstance(data, dict) and data.get("format") == FORMAT and data.get("shard") == (number, count)
                and isinstance(data.get("total"), int) and isinstance(data.get("files"), list)):
            raise WorkbenchError("not a shard of this run: made by another workbench version, with another "
                                 "glossary, other checks or languages, or damaged; run every shard again", path)
        if total is not None and data["total"] != total:
            raise WorkbenchError(f"the shards split different sets of files ({total} and {data['total']})", path)
        total = data["total"]
        expected = len(range(number - 1, total, count))
        if len(data["files"]) != expected:
            raise WorkbenchError(f"holds {len(data['files'])} files, shard {number} of {count} of {total} "
                                 f"files has {expected}", path)
        try:  # each summary unpacks (then let go): a merge judges only shards it can read whole
            shards.append([PackedSummary.from_item(item).check() for item in data["files"]])
        except ValueError as exc:
            raise WorkbenchError(f"not a shard this workbench reads ({exc})", path) from exc
    # file i of the whole run is in shard i % N + 1, at place i // N
    return [shards[index % count][index // count] for index in range(total)]


def _key(name: str) -> tuple[int, int]:
    match = _NAME.match(name)
    return int(match.group(2)), int(match.group(1))


def _seal(run_key: str) -> str:
    return "workbench check shard " + run_key
