"""The result cache: a re-run reuses unchanged entries' findings, and never a stale one."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import cache
from workbench.cache import RestrictedUnpickler
from workbench.checks.cache import FORMAT, FileCache
from workbench.checks import runner
from workbench.checks.runner import run_checks
from workbench.errors import WorkbenchError

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
    # the fixtures' catalogues are small; a project's large ones keep their entries' results one by one
    monkeypatch.setattr(runner, "ENTRY_RESULTS_MINIMUM", 0)
    return tmp_path


def _cache_files(root: Path) -> list[Path]:
    """The entry checks' stored results, one file per language."""
    return sorted((root / "cache" / "checks").glob("results-*.pickle"))


def _summary_files(root: Path) -> list[Path]:
    """The files' stored summaries (one file per run context)."""
    return sorted((root / "cache" / "checks").glob("files-*.pickle"))


def _data(item: tuple) -> tuple:
    """The plain data of a stored file summary (``PackedSummary.to_item()``)."""
    return pickle.loads(item[4])


def _item(item: tuple, data: tuple) -> tuple:
    """``item`` holding ``data`` instead."""
    return item[:4] + (pickle.dumps(data),)


def _forget_files(root: Path) -> None:
    """Drop the stored file summaries and judged findings (the languages', the files'), so the next run reads
    every file and asks the entry results."""
    for path in _summary_files(root) + sorted((root / "cache" / "checks").glob("judg*-*.pickle")):
        path.unlink()


def _stored(path: Path) -> dict:
    data = cache.load(path, path.stem, RestrictedUnpickler)
    assert isinstance(data, dict), "a verified entry"
    return data


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
        data = _stored(path)
        digest = next(iter(data["entries"]))
        data["entries"][digest] = (("double-space", "MARKER from the cache", None, None, None, None, False),)
        cache.save(path, data, path.stem)  # stored as the cache itself stores it: a digest keyed by the context
    _forget_files(planted)
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


def test_unchanged_entries_facts_come_from_the_cache_and_an_edited_ones_do_not(planted, monkeypatch):
    """What the catalogue checks summarise of an entry is kept with its entry results: a re-run of an edited
    large file asks the checks about the edited entry only, and reports what a fresh run does."""
    from workbench.checks.omissions import Omission

    monkeypatch.setenv("WORKBENCH_JOBS", "1")  # the summarising counted in this process
    run_checks(["planted"], termbase="glossary.tbx", cache=True)
    asked: list[str] = []
    summarise = Omission.summarise
    monkeypatch.setattr(Omission, "summarise", lambda self, entry, context: asked.append(entry.target)
                        or summarise(self, entry, context))
    _forget_files(planted)
    run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert asked == []  # every entry's facts came from its stored results
    po = planted / "planted" / "ru" / "yangzhou-auto-forum-2023.po"
    head, sep, rest = po.read_text(encoding="utf-8").partition('\n\nmsgid "')  # the first entry after the header
    rest_id, sep2, rest2 = rest.partition('\nmsgstr "')
    po.write_text(head + sep + rest_id + sep2 + "Вот так: " + rest2, encoding="utf-8")
    after = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert len(asked) == 1 and asked[0].startswith("Вот так: ")
    monkeypatch.setattr(Omission, "summarise", summarise)
    assert _view(after) == _view(run_checks(["planted"], termbase="glossary.tbx"))


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
    for path in _cache_files(planted) + _summary_files(planted):
        path.write_bytes(payload)
    assert _view(run_checks(["planted"], termbase="glossary.tbx", cache=True)) == _view(fresh)


def test_small_files_are_kept_whole_not_entry_by_entry(planted, monkeypatch):
    monkeypatch.setattr(runner, "ENTRY_RESULTS_MINIMUM", 1_000)
    fresh = run_checks(["planted"], termbase="glossary.tbx")
    assert _view(run_checks(["planted"], termbase="glossary.tbx", cache=True)) == _view(fresh)
    assert _summary_files(planted) and not _cache_files(planted)
    po = planted / "planted" / "ru" / "yangzhou-auto-forum-2023.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Форум", "Форум  ", 1), encoding="utf-8")
    assert _view(run_checks(["planted"], termbase="glossary.tbx", cache=True)) == \
        _view(run_checks(["planted"], termbase="glossary.tbx"))


def test_cli_caches_by_default_and_not_with_no_cache(planted):
    env = {**os.environ, "WORKBENCH_CACHE_DIR": str(planted / "cache")}
    command = [sys.executable, "-m", "workbench", "check", "planted", "--glossary", "glossary.tbx", "--format", "json"]
    off = subprocess.run(command + ["--no-cache"], capture_output=True, text=True, env=env)
    assert off.returncode == 1 and not _summary_files(planted)
    on = subprocess.run(command, capture_output=True, text=True, env=env)
    assert _summary_files(planted)
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


# -- the files' summaries ------------------------------------------------------------
def test_an_unchanged_file_is_not_read_again(planted):
    """Plant a finding in one file's stored summary: a re-run shows it, so that file was not read again."""
    first = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    (path,) = _summary_files(planted)
    files = FileCache.read(path)
    key = sorted(files)[0]
    name, digest, language, nplurals, expr, header, messages, issues, pieces = _data(files[key])
    issues = issues + [(0, "double-space", ("double-space", "MARKER from the summary", None, None, None, None,
                                            False))]
    files[key] = _item(files[key], (name, digest, language, nplurals, expr, header, messages, issues, pieces))
    FileCache.write(path, files.values())  # sealed as the cache itself seals it
    # judged again from the summaries, not taken as judged last time (the language, or file by file)
    for judged in _judged_files(planted) + _judging_files(planted):
        judged.unlink()
    again = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert [f.file for f in again.findings if f.message == "MARKER from the summary"] == [key[0]]
    assert len(again.findings) == len(first.findings) + 1


def test_a_run_of_one_file_stores_its_summary_too(planted):
    """A run of a single file judges it from the summary's objects, never packed (``PackedSummary.holding``); what
    it stores must still be a summary the next run takes instead of reading the file: plant a finding in it."""
    po = "planted/ru/yangzhou-auto-forum-2023.po"
    first = run_checks([po], termbase="glossary.tbx", cache=True)
    (path,) = _summary_files(planted)
    files = FileCache.read(path)
    (key,) = files
    name, digest, language, nplurals, expr, header, messages, issues, pieces = _data(files[key])
    assert len(messages) == sum(1 for _ in first.catalogues[0].catalog.entries())
    issues = issues + [(0, "double-space", ("double-space", "MARKER from the summary", None, None, None, None,
                                            False))]
    files[key] = _item(files[key], (name, digest, language, nplurals, expr, header, messages, issues, pieces))
    FileCache.write(path, files.values())
    for judged in _judged_files(planted) + _judging_files(planted):
        judged.unlink()
    again = run_checks([po], termbase="glossary.tbx", cache=True)
    assert [f.message for f in again.findings if f.message == "MARKER from the summary"] == ["MARKER from the summary"]
    assert _view(run_checks([po], termbase="glossary.tbx")) == _view(first)


def test_an_edited_file_is_read_again_and_only_it(planted):
    po = planted / "planted" / "ru" / "yangzhou-auto-forum-2023.po"
    run_checks(["planted"], termbase="glossary.tbx", cache=True)
    (path,) = _summary_files(planted)
    names = {name for name, _ in FileCache.read(path)}
    po.write_text(po.read_text(encoding="utf-8").replace("Форум", "Форум  ", 1), encoding="utf-8")
    after = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert _view(after) == _view(run_checks(["planted"], termbase="glossary.tbx"))
    stored = FileCache.read(path)
    assert {name for name, _ in stored} == names
    # the edited file's summary is stored under its new bytes, beside the old one (a branch switched back)
    assert sum(name.endswith("ru/yangzhou-auto-forum-2023.po") for name, _ in stored) == 2


@pytest.mark.parametrize("shape", ["not a tuple", "short message", "file names swapped", "cut short"])
def test_file_summaries_of_the_wrong_shape_are_not_used(planted, shape):
    fresh = run_checks(["planted"], termbase="glossary.tbx")
    run_checks(["planted"], termbase="glossary.tbx", cache=True)
    (path,) = _summary_files(planted)
    files = FileCache.read(path)
    keys = sorted(files)
    if shape == "not a tuple":
        files[keys[0]] = [1, 2, 3]
    elif shape == "short message":
        value = list(_data(files[keys[0]]))
        value[6] = [message[:5] for message in value[6]]
        files[keys[0]] = _item(files[keys[0]], tuple(value))
    elif shape == "cut short":
        path.write_bytes(path.read_bytes()[:-100])
    else:  # each file's summary under the other's name and bytes: neither is that file's
        first, second = files[keys[0]], files[keys[1]]
        files[keys[0]], files[keys[1]] = first[:4] + second[4:], second[:4] + first[4:]
    if shape != "cut short":
        FileCache.write(path, files.values())
    assert _view(run_checks(["planted"], termbase="glossary.tbx", cache=True)) == _view(fresh)


def _forge(planted, change) -> None:
    """Replace every stored result of the planted run by ``change(digest, issues)``, then store it back
    correctly sealed (as if the cache's own code had written it)."""
    for path in _cache_files(planted):
        data = _stored(path)
        data["entries"] = {digest: change(digest, issues) for digest, issues in data["entries"].items()}
        cache.save(path, data, path.stem)


@pytest.mark.parametrize("shape", ["issue too short", "not a tuple", "unknown check", "bad span", "bad severity",
                                   "digest not bytes"])
def test_stored_results_of_the_wrong_shape_are_not_used(planted, shape):
    """Well-formed pickles, correctly sealed, of data ``store`` never makes: checked afresh, no traceback."""
    fresh = run_checks(["planted"], termbase="glossary.tbx")
    run_checks(["planted"], termbase="glossary.tbx", cache=True)
    bad = {"issue too short": lambda d, i: (("double-space",),),
           "not a tuple": lambda d, i: 42,
           "unknown check": lambda d, i: (("no-such-check", "x", None, None, None, None, False),),
           "bad span": lambda d, i: (("double-space", "x", "y", ("a", 2), None, None, False),),
           "bad severity": lambda d, i: (("double-space", "x", None, None, "fatal", None, False),)}
    if shape == "digest not bytes":
        for path in _cache_files(planted):
            data = _stored(path)
            data["entries"] = {digest.hex(): issues for digest, issues in data["entries"].items()}
            cache.save(path, data, path.stem)
    else:
        _forge(planted, bad[shape])
    _forget_files(planted)
    assert _view(run_checks(["planted"], termbase="glossary.tbx", cache=True)) == _view(fresh)


@pytest.mark.parametrize("how", ["plain pickle", "copied from another entry"])
def test_forged_results_hiding_every_finding_are_not_used(planted, how):
    """Every entry's results emptied (a valid pickle of the right shape) without the entry's own digest:
    the findings are all reported again, as a run without cache reports them."""
    fresh = run_checks(["planted"], termbase="glossary.tbx")
    assert fresh.findings
    run_checks(["planted"], termbase="glossary.tbx", cache=True)
    files = _cache_files(planted)
    assert len(files) > 1
    for number, path in enumerate(files):
        emptied = {"format": FORMAT, "entries": {digest: () for digest in _stored(path)["entries"]}}
        if how == "plain pickle":
            path.write_bytes(pickle.dumps(emptied))
        else:  # made as a genuine entry of the next context, then copied over this one
            forged = planted / "forged"
            cache.save(forged, emptied, files[(number + 1) % len(files)].stem)
            forged.replace(path)
    _forget_files(planted)
    report = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert _view(report) == _view(fresh)
    assert report.exit_code("error") == fresh.exit_code("error") == 1


# -- a language's judged findings -------------------------------------------------------
def _judged_files(root: Path) -> list[Path]:
    return sorted((root / "cache" / "checks").glob("judged-*.pickle"))


def _judging_files(root: Path) -> list[Path]:
    """What judging kept file by file (``FileJudgements``), one file per language and piece of work."""
    return sorted((root / "cache" / "checks").glob("judging-*.pickle"))


def test_a_language_whose_files_did_not_change_is_not_judged_again(planted):
    """Plant a finding in each language's stored judgement: a re-run shows them all; after an edit to one
    Russian catalogue, Russian is judged again (its marker gone) and the other languages are not."""
    fresh = run_checks(["planted"], termbase="glossary.tbx")
    first = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert _view(first) == _view(fresh)
    planted_in = set()
    for path in _judged_files(planted):
        data = _stored(path)
        if not data["findings"]:
            continue
        marker = list(data["findings"][0])
        marker[7] = f"MARKER {marker[2]}"
        data["findings"].append(tuple(marker))
        planted_in.add(marker[2])
        cache.save(path, data, path.stem)
    assert {"ru", "zh_CN"} <= planted_in
    again = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    shown = {f.message for f in again.findings + again.suppressed if f.message.startswith("MARKER")}
    assert shown == {f"MARKER {language}" for language in planted_in}
    po = planted / "planted" / "ru" / "yangzhou-auto-forum-2023.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Форум", "Форум  ", 1), encoding="utf-8")
    after = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    shown = {f.message for f in after.findings + after.suppressed if f.message.startswith("MARKER")}
    assert shown == {f"MARKER {language}" for language in planted_in - {"ru"}}


@pytest.mark.parametrize("damage", ["not a list", "bad severity", "short finding"])
def test_judged_findings_of_the_wrong_shape_are_not_used(planted, damage):
    fresh = run_checks(["planted"], termbase="glossary.tbx")
    run_checks(["planted"], termbase="glossary.tbx", cache=True)
    for path in _judged_files(planted):
        data = _stored(path)
        if damage == "not a list":
            data["findings"] = {"a": 1}
        elif data["findings"]:
            first = list(data["findings"][0])
            if damage == "bad severity":
                first[6] = "fatal"
            data["findings"][0] = tuple(first) if damage == "bad severity" else tuple(first[:5])
        cache.save(path, data, path.stem)
    assert _view(run_checks(["planted"], termbase="glossary.tbx", cache=True)) == _view(fresh)


def test_a_project_moved_to_another_folder_keeps_its_cached_results(planted, monkeypatch):
    """The caches are keyed by the glossary's content, not by where its file is: the same project checked out
    in another folder (another clone, another CI workspace) reads none of its catalogues again and reports
    what it reported."""
    monkeypatch.setenv("WORKBENCH_JOBS", "1")  # the reading counted in this process
    first = run_checks([planted / "planted"], termbase=planted / "glossary.tbx", cache=True, base=planted)
    moved = planted.parent / "moved"
    shutil.copytree(planted, moved, ignore=shutil.ignore_patterns("cache"))
    monkeypatch.chdir(moved)
    read: list[Path] = []
    read_catalogue = runner.read_catalogue
    monkeypatch.setattr(runner, "read_catalogue", lambda path: read.append(path) or read_catalogue(path))
    again = run_checks([moved / "planted"], termbase=moved / "glossary.tbx", cache=True, base=moved)
    assert read == []  # every file's summary came from the cache
    assert _view(again) == _view(first)


def test_progress_counts_every_file_twice_whether_read_or_cached(planted):
    """The bar of `workbench check` counts each file when it is read and checked and again when its language is
    judged: it ends at twice the files on a first run, on a re-run from the caches and after an edit."""
    files = sorted((planted / "planted").rglob("*.po"))
    for edit in (False, False, True):
        if edit:
            po = planted / "planted" / "ru" / "yangzhou-auto-forum-2023.po"
            po.write_text(po.read_text(encoding="utf-8").replace("Форум", "Форум  ", 1), encoding="utf-8")
        done: list[int] = []
        run_checks(["planted"], termbase="glossary.tbx", cache=True, progress=done.append)
        assert sum(done) == 2 * len(files) and len(done) > len(files)


# -- the cross-language checks' findings, domain by domain ----------------------------------


def _cross_file(root: Path) -> Path:
    [path] = sorted((root / "cache" / "checks").glob("cross-*.pickle"))
    return path


def test_a_domain_whose_files_did_not_change_is_not_read_again_by_the_cross_language_checks(planted):
    """Plant a finding in each domain's stored cross-language findings: a re-run shows them all; after an edit to
    the Russian catalogue of one domain, that domain is judged again (its marker gone), the others are not."""
    # a second domain in two languages (one in a single language has nothing to compare): the Japanese forum's
    # catalogue as a Korean one too
    japanese = planted / "planted" / "ja" / "forum.po"
    korean = planted / "planted" / "ko" / "forum.po"
    korean.parent.mkdir()
    korean.write_text(japanese.read_text(encoding="utf-8").replace("Language: ja", "Language: ko"), encoding="utf-8")
    fresh = run_checks(["planted"], termbase="glossary.tbx")
    first = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert _view(first) == _view(fresh)
    path = _cross_file(planted)
    data = _stored(path)
    assert len(data["domains"]) >= 2
    template = next(f for f in first.findings if f.language == "ru")
    for number, key in enumerate(sorted(data["domains"])):
        marker = (template.file, 1, "ru", None, f"marker {number}", "entry-missing", "warning", f"MARKER {number}",
                  None, None, None, "", "", False, None, False, None)
        data["domains"][key] = [*data["domains"][key], marker]
    cache.save(path, data, path.stem)
    again = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    markers = {f.message for f in again.findings if f.message.startswith("MARKER")}
    assert len(markers) == len(data["domains"])
    po = planted / "planted" / "ru" / "yangzhou-auto-forum-2023.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Форум", "Форум  ", 1), encoding="utf-8")
    after = run_checks(["planted"], termbase="glossary.tbx", cache=True)
    assert len({f.message for f in after.findings if f.message.startswith("MARKER")}) == len(markers) - 1
    assert _view(run_checks(["planted"], termbase="glossary.tbx")) == [
        item for item in _view(after) if not item[4].startswith("MARKER")]


# -- a language judged file by file -----------------------------------------------------
_SPANISH_HEADER = ('msgid ""\nmsgstr ""\n"Language: es\\n"\n"MIME-Version: 1.0\\n"\n'
                   '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
                   '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
_MEETING = "The meeting was held in the city hall on Monday."


def _spanish(folder: Path, name: str, entries: list[tuple[str, str]], padding: int = 0) -> Path:
    """A Spanish catalogue of ``entries`` (msgid, msgstr), ``padding`` entries of their own first."""
    own = [(f"Paragraph {name} {n} stands alone here.", f"El párrafo {name} {n} está solo aquí.")
           for n in range(padding)]
    body = "".join(f'msgid "{source}"\nmsgstr "{target}"\n\n' for source, target in own + entries)
    path = folder / "es" / f"{name}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_SPANISH_HEADER + body, encoding="utf-8")
    return path


@pytest.fixture
def spanish(tmp_path, monkeypatch):
    """Three Spanish catalogues sharing a sentence, translated one way in a and b and another way in c, and a
    private cache folder; checked in this process (the judging's reads counted here)."""
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    monkeypatch.setenv("WORKBENCH_JOBS", "1")
    monkeypatch.chdir(tmp_path)
    usual = "La reunión se celebró en el ayuntamiento el lunes."
    _spanish(tmp_path / "project", "a", [(_MEETING, usual)])
    _spanish(tmp_path / "project", "b", [(_MEETING, usual)], padding=1)
    _spanish(tmp_path / "project", "c", [(_MEETING, "El encuentro tuvo lugar en el ayuntamiento el lunes.")],
             padding=2)
    return tmp_path


def test_a_finding_names_the_place_in_another_catalogue_as_it_is_now(spanish):
    """c's translation differs from the one a and b share, and its finding names a's entry. Once a's entry moves
    (an entry added above it), c, whose bytes did not change, names the new line: what it keeps of its findings
    is keyed by the places they name too."""
    first = run_checks(["project"], cache=True)
    [finding] = [f for f in first.findings if f.check == "inconsistent-translation"]
    assert finding.file.endswith("c.po") and "a.po:9)" in finding.message
    _spanish(spanish / "project", "a", [(_MEETING, "La reunión se celebró en el ayuntamiento el lunes.")],
             padding=3)
    after = run_checks(["project"], cache=True)
    [finding] = [f for f in after.findings if f.check == "inconsistent-translation"]
    assert "a.po:18)" in finding.message
    assert _view(after) == _view(run_checks(["project"]))


def test_judging_reads_again_only_the_catalogues_that_changed(spanish, judging_reads):
    """After a commit editing b (a sentence of its own), judging reads b's entries and no other catalogue's: the
    others' findings and tallies are kept by their bytes and what they read of the language's statistics."""
    run_checks(["project"], cache=True)
    _spanish(spanish / "project", "b", [(_MEETING, "La reunión se celebró en el ayuntamiento el lunes.")],
             padding=1)
    path = spanish / "project" / "es" / "b.po"
    path.write_text(path.read_text(encoding="utf-8").replace("está solo", "queda solo"), encoding="utf-8")
    read = judging_reads()
    after = run_checks(["project"], cache=True)
    assert read == ["b.po"]
    assert _view(after) == _view(run_checks(["project"]))


@pytest.mark.parametrize("damage", ["a tally of another shape", "findings of another shape"])
def test_judging_records_of_the_wrong_shape_are_not_used(spanish, damage):
    fresh = run_checks(["project"])
    run_checks(["project"], cache=True)
    for path in _judged_files(spanish):
        path.unlink()  # the language judged again, from the records below
    [path] = _judging_files(spanish)
    data = _stored(path)
    for file, (blob, views_blob) in data["files"].items():  # each file's record and views pickled on their own
        record, views = pickle.loads(blob), pickle.loads(views_blob)
        if damage == "a tally of another shape":
            record["tally"]["inconsistent-translation"] = ("not", "a", "tally")
        else:
            record["entry"] = [("short",)]
            views = {key: [1, 2] for key in views}
        data["files"][file] = (pickle.dumps(record), pickle.dumps(views))
    cache.save(path, data, path.stem)
    assert _view(run_checks(["project"], cache=True)) == _view(fresh)


# -- a big file read again after an edit: only its changed entries ---------------------------------
_GERMAN_HEADER = ('# A catalogue edited between two runs.\nmsgid ""\nmsgstr ""\n"Language: de\\n"\n'
                  '"PO-Revision-Date: 2026-01-01 10:00+0000\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')


def _german_entry(number: int, twist: int = 0) -> str:
    """An entry whose translation is right, or (``twist``) has a doubled space, a wrong number, is untranslated,
    fuzzy, or says its source's sentence another way (the consistency checks)."""
    source = f"Sentence {number % 7} of the report, with {number % 7 + 3} figures."
    target = f"Satz {number % 7} des Berichts, mit {number % 7 + 3} Zahlen."
    target = [target, target.replace(" des", "  des"), target.replace(f"mit {number % 7 + 3}", "mit 99"), "",
              target, f"Der {number % 7}. Satz des Berichts ({number % 7 + 3} Zahlen)."][twist % 6]
    flags = "#, fuzzy\n" if twist % 6 == 4 else ""
    return f'#: report.txt:{number}\n{flags}msgctxt "p{number}"\nmsgid "{source}"\nmsgstr "{target}"\n'


def _german(entries: list[str], header: str = _GERMAN_HEADER) -> str:
    return "\n".join([header, *entries])


_EDITS = st.lists(st.tuples(st.sampled_from(["twist", "insert", "delete", "move", "revised", "obsolete", "duplicate",
                                              "broken", "plural", "crlf", "blank lines", "dangling comment",
                                              "split string"]),
                            st.integers(0, 39), st.integers(0, 39)), min_size=1, max_size=4)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=_EDITS)
def test_a_big_file_read_again_after_edits_reports_what_reading_it_whole_does(tmp_path, monkeypatch, edits):
    """A re-run takes the unchanged entries of an edited big file from its earlier summary, their lines moved:
    whatever the edits (entries changed, added, removed, moved; the header's date, its plural forms; an obsolete
    entry, two entries with one key, a broken entry, CR line ends, blank lines, a comment or a string cut off from
    its entry by a blank line), it reports exactly what a run without the caches does, or fails with the same
    error."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(folder / "cache"))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    monkeypatch.setenv("WORKBENCH_JOBS", "1")
    monkeypatch.setattr(runner, "ENTRY_RESULTS_MINIMUM", 0)
    po = folder / "de" / "report.po"
    po.parent.mkdir()
    entries = [_german_entry(number, number) for number in range(40)]
    po.write_text(_german(entries), encoding="utf-8")
    run_checks([po], base=folder, cache=True)
    header, text = _GERMAN_HEADER, None
    for kind, at, other in edits:
        at, other = at % len(entries), other % len(entries)
        if kind == "twist":
            entries[at] = _german_entry(at, other + 1)
        elif kind == "insert":
            entries.insert(at, _german_entry(100 + other, other))
        elif kind == "delete" and len(entries) > 1:
            del entries[at]
        elif kind == "move":
            entries.insert(other, entries.pop(at))
        elif kind == "revised":
            header = header.replace("2026-01-01 10:00", f"2026-02-{1 + other % 28:02d} 10:00")
        elif kind == "obsolete":
            entries.append(f'#~ msgid "Gone {other}"\n#~ msgstr "Weg {other}"\n')
        elif kind == "duplicate":
            entries.insert(at, entries[other])
        elif kind == "broken":
            entries[at] = entries[at].replace("msgstr", "msgstr x", 1)
        elif kind == "plural":
            header = header.replace("nplurals=2; plural=(n != 1)", "nplurals=1; plural=0")
        elif kind == "crlf":
            text = _german(entries, header).replace("\n", "\r\n")
        elif kind == "blank lines":
            entries[at] = "\n" + entries[at]
        elif kind == "dangling comment":  # (read whole, the comment is the next entry's, across the blank line)
            entries[at] += f"#. note {other}\n"
        elif kind == "split string":  # (read whole, a string after a blank line continues the msgstr before it)
            entries[at] = entries[at].rstrip("\n") + f'\n\n"{other}"\n'
    po.write_bytes((text or _german(entries, header)).encode("utf-8"))

    def outcome(cache: bool):
        try:
            return _view(run_checks([po], base=folder, cache=cache))
        except WorkbenchError as error:
            return str(error)

    assert outcome(True) == outcome(False)


def test_an_edited_big_file_is_not_read_whole_again(planted, monkeypatch):
    """Only the changed entries of an edited file are read and checked again; the others come from its earlier
    summary, on their new lines: an entry added above them moves their findings down a line, and a finding
    planted in the earlier summary shows that they were not checked again."""
    monkeypatch.setenv("WORKBENCH_JOBS", "1")  # the reading counted in this process
    po = planted / "planted" / "ru" / "yangzhou-auto-forum-2023.po"
    before = run_checks([po], termbase="glossary.tbx", cache=True)
    (path,) = _summary_files(planted)
    files = FileCache.read(path)
    (key,) = files
    name, digest, language, nplurals, expr, header, messages, issues, pieces = _data(files[key])
    last = len(messages) - 1
    issues = issues + [(last, "double-space", ("double-space", "MARKER from the summary", None, None, None, None,
                                               False))]
    files[key] = _item(files[key], (name, digest, language, nplurals, expr, header, messages, issues, pieces))
    FileCache.write(path, list(files.values()))
    text = po.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n\n")  # a new entry after the header
    po.write_text(head + sep + 'msgid "A new sentence."\nmsgstr "Новое  предложение."\n\n' + rest, encoding="utf-8")
    read_whole: list[Path] = []
    read_catalogue = runner.read_catalogue
    monkeypatch.setattr(runner, "read_catalogue", lambda path: read_whole.append(path) or read_catalogue(path))
    after = run_checks([po], termbase="glossary.tbx", cache=True)
    assert read_whole == []
    marker = [f for f in after.findings if f.message == "MARKER from the summary"]
    assert [f.line for f in marker] == [messages[last][6] + 3]  # its entry's line, three lines down
    moved = {(f.check, f.message, f.line - 3) for f in after.findings if f not in marker and f.msgid}
    assert moved >= {(f.check, f.message, f.line) for f in before.findings if f.msgid}  # each entry's, moved
    new_line = head.count("\n") + 3  # after the header's lines and a blank line
    assert [(f.check, f.line) for f in after.findings if f.msgid == "A new sentence."] == [("double-space", new_line)]
