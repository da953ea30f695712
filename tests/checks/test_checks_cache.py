"""The result cache: a re-run reuses unchanged entries' findings, and never a stale one."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.checks.cache import FORMAT
from workbench.checks.runner import run_checks

FIXTURES = Path(__file__).parent / "fixtures"


def _view(report):
    return sorted((f.file, f.line, f.check, f.severity, f.message, f.offending, f.span, f.form)
                  for f in report.findings + report.suppressed)


@pytest.fixture
def planted(tmp_path, monkeypatch):
    """A copy of the planted fixtures and a private cache folder; the working folder is the copy."""
    shutil.copytree(FIXTURES / "planted", tmp_path / "planted")
    shutil.copy(FIXTURES / "glossary.tbx", tmp_path / "glossary.tbx")
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _cache_files(root: Path) -> list[Path]:
    return sorted((root / "cache" / "checks").glob("*.pickle"))


def test_a_cached_rerun_reports_exactly_what_a_fresh_run_does(planted):
    fresh = run_checks(["planted"], termbase="glossary.tbx")
    first = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert _cache_files(planted), "the cached run stored its results"
    second = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert _view(first) == _view(fresh)
    assert _view(second) == _view(fresh)
    assert len(fresh.findings) > 40


def test_unchanged_entries_come_from_the_cache(planted):
    """Plant a finding in the stored results of one entry: a re-run shows it, so that entry was not re-checked."""
    run_checks(["planted"], termbase="glossary.tbx", cache=True)
    for path in _cache_files(planted):
        data = pickle.loads(path.read_bytes())
        digest = next(iter(data["entries"]))
        data["entries"][digest] = (("double-space", "MARKER from the cache", None, None, None, None, False),)
        path.write_bytes(pickle.dumps(data))
    again = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert sum(f.message == "MARKER from the cache" for f in again.findings) == len(_cache_files(planted))


def test_an_edited_entry_is_checked_again(planted):
    po = planted / "planted" / "ru" / "yangzhou-auto-forum-2023.po"
    before = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    text = po.read_text(encoding="utf-8")
    # a doubled space planted into the first translated entry after the header
    head, sep, rest = text.partition('\n\nmsgid "')
    rest_id, sep2, rest2 = rest.partition('\nmsgstr "')
    edited = head + sep + rest_id + sep2 + "Вот  так " + rest2
    po.write_text(edited, encoding="utf-8")
    after = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    fresh = run_checks(["planted"], termbase="glossary.tbx")
    assert _view(after) == _view(fresh)
    assert len([f for f in after.findings if f.check == "double-space"]) == \
        len([f for f in before.findings if f.check == "double-space"]) + 1


def test_a_changed_glossary_is_a_different_context(planted):
    run_checks(["planted"], termbase="glossary.tbx", cache=True)
    stored = set(_cache_files(planted))
    tbx = planted / "glossary.tbx"
    tbx.write_text(tbx.read_text(encoding="utf-8").replace("<term>市委副书记</term>", "<term>市委副秘书</term>", 1), encoding="utf-8")
    changed = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert set(_cache_files(planted)) - stored, "new results stored under the new glossary's key"
    assert _view(changed) == _view(run_checks(["planted"], termbase="glossary.tbx"))


@pytest.mark.parametrize("payload", [b"not a pickle", pickle.dumps({"format": FORMAT, "entries": [1, 2]}),
                                     pickle.dumps(os.getcwd)])  # a class/function reference: refused, not loaded
def test_a_damaged_cache_is_ignored(planted, payload):
    fresh = run_checks(["planted"], termbase="glossary.tbx")
    run_checks(["planted"], termbase="glossary.tbx", cache=True)
    for path in _cache_files(planted):
        path.write_bytes(payload)
    assert _view(run_checks(["planted"], termbase="glossary.tbx", cache=True)) == _view(fresh)


def test_cli_caches_by_default_and_not_with_no_cache(planted):
    env = {**os.environ, "WORKBENCH_CACHE_DIR": str(planted / "cache")}
    command = [sys.executable, "-m", "workbench", "check", "planted", "--glossary", "glossary.tbx", "--format", "json"]
    off = subprocess.run(command + ["--no-cache"], capture_output=True, text=True, env=env)
    assert off.returncode == 1 and not _cache_files(planted)
    on = subprocess.run(command, capture_output=True, text=True, env=env)
    assert _cache_files(planted)
    again = subprocess.run(command, capture_output=True, text=True, env=env)
    assert on.stdout == off.stdout == again.stdout
    disabled = subprocess.run(command, capture_output=True, text=True,
                              env={**env, "WORKBENCH_CACHE_DIR": str(planted / "other"), "WORKBENCH_NO_CACHE": "1"})
    assert disabled.stdout == off.stdout and not (planted / "other").exists()


def test_only_the_contexts_used_last_are_kept(planted, monkeypatch):
    from workbench.checks import cache

    monkeypatch.setattr(cache, "KEEP", 4)
    for only in (["double-space"], ["numbers"], ["brackets", "numbers"]):
        run_checks(["planted"], termbase="glossary.tbx", cache=True, only=only)
    assert len(_cache_files(planted)) == 4  # the last run's four languages
