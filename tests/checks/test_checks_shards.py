"""``check --shard K/N`` on N runners, then ``check --merge``: the report of one whole run, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.checks.runner import check_shard, merge_shards, run_checks
from workbench.checks.shards import parse_shard
from workbench.errors import WorkbenchError
from workbench.glossary.terminology import Terminology

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A small synthetic project (bench/corpus.py): 12 articles in zh_CN, ru and fr, with planted mistakes."""
    out = tmp_path_factory.mktemp("shards") / "project"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "--seed", "3", "--articles", "12",
                    "--glossary-terms", "300", "--out", str(out)], check=True, capture_output=True,
                   env={**os.environ, "WORKBENCH_NO_CACHE": "1"})
    return out


def _workbench(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "WORKBENCH_NO_CACHE": "1"})


def test_four_shards_merged_print_the_report_of_one_run(project, tmp_path):
    whole = _workbench(project, "check", "--format", "json")
    assert whole.returncode == 1, whole.stderr  # the corpus plants errors
    shards = tmp_path / "shards"
    for number in range(1, 5):
        done = _workbench(project, "check", "--shard", f"{number}/4", "--shard-dir", str(shards))
        assert done.returncode == 0, done.stderr
        assert f"shard {number}/4:" in done.stdout
    assert sorted(path.name for path in shards.iterdir()) == [f"shard-{n}-of-4.pickle" for n in range(1, 5)]
    merged = _workbench(project, "check", "--merge", str(shards), "--format", "json")
    assert merged.returncode == whole.returncode, merged.stderr
    assert merged.stdout == whole.stdout
    # the cross-catalogue checks ran on the merged summaries, not on each shard's quarter
    assert '"check": "entry-missing"' in whole.stdout or '"check": "inconsistent-translation"' in whole.stdout


def test_each_catalogue_is_in_exactly_one_shard(project, tmp_path):
    glossary = Terminology.load(project / "glossary")
    seen: list[str] = []
    for number in range(1, 4):
        _, summaries = check_shard([project / "locales"], (number, 3), tmp_path, termbase=glossary)
        seen += [summary.path for summary in summaries]
    whole = run_checks([project / "locales"], termbase=glossary)
    assert sorted(seen) == sorted(whole.files) and len(set(seen)) == len(seen)
    merged = merge_shards(tmp_path, termbase=glossary)
    assert [f.to_json() for f in merged.findings] == [f.to_json() for f in whole.findings]
    assert merged.summary() == whole.summary()


def _shards(folder: Path, count: int, glossary=None) -> None:
    for number in range(1, count + 1):
        check_shard([FIXTURES / "planted"], (number, count), folder, termbase=glossary)


@pytest.mark.parametrize("damage", ["missing", "mixed splits", "damaged", "other glossary", "truncated"])
def test_a_merge_refuses_shards_that_do_not_make_one_run(tmp_path, damage):
    glossary = Terminology.load(FIXTURES / "glossary.tbx")
    _shards(tmp_path, 3, glossary)
    if damage == "missing":
        (tmp_path / "shard-2-of-3.pickle").unlink()
    elif damage == "mixed splits":
        check_shard([FIXTURES / "planted"], (1, 2), tmp_path, termbase=glossary)
    elif damage == "damaged":
        path = tmp_path / "shard-3-of-3.pickle"
        data = bytearray(path.read_bytes())
        data[-20] ^= 0xFF
        path.write_bytes(bytes(data))
    elif damage == "other glossary":
        check_shard([FIXTURES / "planted"], (2, 3), tmp_path, termbase=None)
    else:
        path = tmp_path / "shard-1-of-3.pickle"
        path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(WorkbenchError) as caught:
        merge_shards(tmp_path, termbase=glossary)
    assert str(tmp_path) in str(caught.value.path or "") + str(caught.value)


def test_the_cli_says_what_is_wrong_with_exit_2(tmp_path):
    empty = _workbench(FIXTURES, "check", "--merge", str(tmp_path), "--no-glossary")
    assert empty.returncode == 2 and "no shard files" in empty.stderr and "Traceback" not in empty.stderr
    for bad in ("0/4", "5/4", "1/0", "a/b", "1"):
        assert _workbench(FIXTURES, "check", "planted", "--shard", bad, "--shard-dir", str(tmp_path)).returncode == 2
    with pytest.raises(WorkbenchError):
        parse_shard("2-4")
    assert parse_shard(" 2 / 4 ") == (2, 4)
