"""The termbase cache: a second load skips parsing and index building, a changed file is parsed afresh,
and any trouble with the cache means parsing, never an error."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from workbench import glossary
from workbench.glossary import TermMatcher, cache, load_termbase

SEED = Path(__file__).resolve().parents[2] / "glossary" / "yangzhou-auto-forum.tbx"


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(folder))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    monkeypatch.setattr(glossary, "_CACHE", {})  # the in-process copy: every load here goes to the disk cache
    return folder / "termbase"


@pytest.fixture()
def tbx(tmp_path):
    path = tmp_path / "terms.tbx"
    path.write_bytes(SEED.read_bytes())
    return path


def fresh_load(path):
    glossary._CACHE.clear()
    return load_termbase(path)


def no_parsing(monkeypatch):
    def fail(*args):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(glossary, "_parse", fail)


def test_second_load_comes_from_the_cache(tbx, cache_folder, monkeypatch):
    first = fresh_load(tbx)
    assert list(cache_folder.glob("*-termbase.pickle"))
    no_parsing(monkeypatch)
    second = fresh_load(tbx)
    assert second is not first and second == first and second.digest == first.digest
    assert [t.path for c in second.concepts for ts in c.terms.values() for t in ts] == [
        t.path for c in first.concepts for ts in c.terms.values() for t in ts]


def test_a_changed_file_never_uses_the_old_entry(tbx, monkeypatch):
    first = fresh_load(tbx)
    stat = tbx.stat()
    text = tbx.read_text(encoding="utf-8").replace(">Mayor<", ">Mayer<")
    assert len(text.encode()) == stat.st_size
    tbx.write_text(text, encoding="utf-8")
    os.utime(tbx, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time: only the bytes differ
    second = fresh_load(tbx)
    assert second.digest != first.digest
    terms = {t.text for c in second.concepts for t in c.terms_in("en")}
    assert "Mayer" in terms and "Mayor" not in terms


def test_the_same_bytes_under_another_path_are_another_entry(tbx, tmp_path):
    other = tmp_path / "copy.tbx"
    other.write_bytes(tbx.read_bytes())
    assert fresh_load(tbx).digest != fresh_load(other).digest
    assert fresh_load(other).concepts[0].path == str(other)  # positions in messages name the file read


def test_matcher_indexes_are_cached_too(tbx, cache_folder, monkeypatch):
    texts = ["Pan Guoqiang, Mayor of Yangzhou", "мэр Янчжоу Пань Гоцян", "市长潘国强", "le maire de Yangzhou"]
    languages = ["en", "ru", "zh_CN", "fr"]
    first = TermMatcher(fresh_load(tbx))
    expected = [[(m.start, m.end, m.concept.id, m.term.text) for m in first.find(t, lang)]
                for t, lang in zip(texts, languages)]
    assert len(list(cache_folder.glob("*-index-*.pickle"))) == 4
    monkeypatch.setattr("workbench.glossary.matcher._Index.table", lambda *a: pytest.fail("index built again"))
    second = TermMatcher(fresh_load(tbx))
    assert [[(m.start, m.end, m.concept.id, m.term.text) for m in second.find(t, lang)]
            for t, lang in zip(texts, languages)] == expected
    assert all(expected)


def test_an_index_that_does_not_fit_its_termbase_is_rebuilt(tbx):
    termbase = fresh_load(tbx)
    TermMatcher(termbase).find("Mayor", "en")
    changed = fresh_load(tbx)
    changed.concepts.reverse()  # changed in memory, digest left as it was: the stored index names other terms
    assert [m.term.text for m in TermMatcher(changed).find("the Mayor", "en")] == ["Mayor"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign class", "wrong type"])
def test_a_damaged_entry_means_parsing(tbx, cache_folder, damage):
    expected = fresh_load(tbx)
    [entry] = cache_folder.glob("*-termbase.pickle")
    if damage == "garbage":
        entry.write_bytes(b"not a pickle")
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:1000])
    elif damage == "foreign class":
        entry.write_bytes(pickle.dumps(os.system))  # never called: the unpickler refuses it
    else:
        entry.write_bytes(pickle.dumps({"not": "a termbase"}))
    assert fresh_load(tbx) == expected


def test_an_unusable_cache_folder_is_no_error(tbx, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(blocker))
    assert len(fresh_load(tbx).concepts) > 10
    assert TermMatcher(fresh_load(tbx)).find("Mayor", "en")


def test_switched_off(tbx, cache_folder, monkeypatch):
    monkeypatch.setenv("WORKBENCH_NO_CACHE", "1")
    TermMatcher(fresh_load(tbx)).find("Mayor", "en")
    assert not cache_folder.exists()


def test_the_folder_keeps_the_termbases_used_last(tmp_path, cache_folder, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    paths = []
    for number in range(4):
        path = tmp_path / f"t{number}.csv"
        path.write_text(f"id,en\nc{number},term {number}\n", encoding="utf-8")
        paths.append(path)
        fresh_load(path)
        for entry in cache_folder.glob("*.pickle"):  # older than the next one, whatever the clock's grain
            mtime = entry.stat().st_mtime - 10
            os.utime(entry, (mtime, mtime))
    kept = {p.name.split("-", 1)[0] for p in cache_folder.glob("*.pickle")}
    assert len(kept) == 2 and fresh_load(paths[-1]).digest in kept


def test_an_index_of_fewer_terms_is_rebuilt(tbx):
    from workbench.glossary.model import Concept, Term

    TermMatcher(fresh_load(tbx)).find("Mayor", "en")
    grown = fresh_load(tbx)
    grown.concepts.append(Concept("new", terms={"en": [Term("summit", "preferred")]}))
    assert [m.concept.id for m in TermMatcher(grown).find("the summit", "en")] == ["new"]


def _entries(cache_folder, part="termbase"):
    return sorted(cache_folder.glob(f"*-{part}*.pickle"))


def _seal_again(entry, value):
    """Store ``value`` as the cache itself would, correctly sealed for this entry."""
    from workbench import cache as base

    base.save(entry, value, entry.stem)


@pytest.mark.parametrize("shape", ["concept not a Concept", "term without text", "term of another status",
                                   "terms not a list", "index row too short", "index text not a string"])
def test_a_sealed_value_of_the_wrong_shape_means_parsing(tbx, cache_folder, shape):
    """Well-formed, correctly sealed values this code never stores: parsed and built afresh, no traceback."""
    from workbench.cache import load as load_sealed

    expected = fresh_load(tbx)
    texts = ["Pan Guoqiang, Mayor of Yangzhou", "le maire de Yangzhou"]
    found = [[(m.start, m.end, m.concept.id) for m in TermMatcher(expected).find(t, lang)]
             for t, lang in zip(texts, ["en", "fr"])]
    if shape.startswith("index"):
        for entry in _entries(cache_folder, "index"):
            concepts, terms, table = load_sealed(entry, entry.stem, cache._Unpickler)
            key, size, refs = table[0]
            table[0] = (key, size) if shape == "index row too short" else (key, size, [(0, "en", 0, 7, (), None, None)])
            _seal_again(entry, (concepts, terms, table))
    else:
        [entry] = _entries(cache_folder)
        termbase = load_sealed(entry, entry.stem, cache._Unpickler)
        concept = termbase.concepts[0]
        term = next(iter(concept.terms.values()))[0]
        if shape == "concept not a Concept":
            termbase.concepts[0] = {"id": concept.id}
        elif shape == "term without text":
            del term.text
        elif shape == "term of another status":
            term.status = "whatever"
        else:
            concept.terms = {language: "not a list" for language in concept.terms}
        _seal_again(entry, termbase)
    again = fresh_load(tbx)
    assert again == expected
    assert [[(m.start, m.end, m.concept.id) for m in TermMatcher(again).find(t, lang)]
            for t, lang in zip(texts, ["en", "fr"])] == found


@pytest.mark.parametrize("forgery", ["plain pickle", "sealed for another entry"])
def test_an_emptied_termbase_entry_leaves_update_as_without_cache(seed_project, cache_folder, monkeypatch, forgery):
    """The termbase entry (and every index) emptied, without the entry's own digest: update writes exactly
    what it writes with no cache at all, glossary hints included; nothing is deleted."""
    from workbench import cache as base
    from workbench.cli import main
    from workbench.glossary import terminology
    from workbench.glossary.model import Termbase

    monkeypatch.setattr(terminology, "_PROJECT", {})  # the in-process copy: every run here goes to the disk
    locales = seed_project / "locales"
    monkeypatch.setenv("WORKBENCH_NO_CACHE", "1")
    assert main(["-C", str(seed_project), "update"]) == 0
    without_cache = {p: p.read_bytes() for p in sorted(locales.rglob("*.po"))}
    assert any(b"#. Glossary:" in data for data in without_cache.values())
    monkeypatch.delenv("WORKBENCH_NO_CACHE")
    terminology._PROJECT.clear()
    glossary._CACHE.clear()
    assert main(["-C", str(seed_project), "update"]) == 0  # fills the cache
    assert _entries(cache_folder) and _entries(cache_folder, "index")
    for entry in _entries(cache_folder) + _entries(cache_folder, "index"):
        empty = Termbase() if entry.stem.endswith("termbase") else (0, 0, [])
        if forgery == "plain pickle":
            entry.write_bytes(pickle.dumps(empty))
        else:
            base.save(entry, empty, "another entry")
    terminology._PROJECT.clear()
    glossary._CACHE.clear()
    assert main(["-C", str(seed_project), "update"]) == 0
    assert {p: p.read_bytes() for p in sorted(locales.rglob("*.po"))} == without_cache


def test_an_index_stored_under_older_german_rules_is_rebuilt(tmp_path, monkeypatch):
    """An index stored before German compounds had heads lacks them: a term beginning with a known compound
    would no longer be found in a text, whose compound now has its head on its span too."""
    from workbench.glossary import normalise

    path = tmp_path / "terms.csv"
    path.write_text("id,en,de\nt1,delete the account,Benutzerkonto löschen\n", encoding="utf-8")
    with monkeypatch.context() as old:
        old.setattr(normalise.GermanNormaliser, "_heads", lambda self, lemma: [])
        old.setattr("workbench.glossary.matcher.normaliser_version",
                    lambda language: normalise.normaliser_version(language).replace(" heads", ""))
        normalise._german.cache_clear()
        TermMatcher(fresh_load(path)).prepare("de")  # stored, as a release before heads stored it
    normalise._german.cache_clear()
    found = TermMatcher(fresh_load(path)).find("Benutzerkonto löschen", "de")
    assert [(m.text, m.concept.id) for m in found] == [("Benutzerkonto löschen", "t1")]
