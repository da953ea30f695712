"""TM suggestions where CAT-tool users and reviewers see them: XLIFF 1.2 ``<alt-trans>``, XLIFF 2 matches,
the review pages. The exports stay valid and deterministic, and an import never takes a suggestion."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import etree

from workbench.config import load_config
from workbench.exchange import export_exchange, import_xliff
from workbench.exchange.xliff1 import output_path as xliff1_path
from workbench.exchange.xliff2 import output_path as xliff2_path
from workbench.export import export
from workbench.layout import catalogue_path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exchange"))
from exchange_helpers import xliff12_schema, xliff21_schema  # noqa: E402

X1 = "{urn:oasis:names:tc:xliff:document:1.2}"
X2 = "{urn:oasis:names:tc:xliff:document:2.0}"
MTC = "{urn:oasis:names:tc:xliff:matches:2.0}"


def _unit_with_source(root, tag: str, source: str):
    for unit in root.iter(tag):
        element = unit.find(f"{X1}source") if tag.startswith(X1) else unit.find(f"{X2}segment/{X2}source")
        if element is not None and "".join(element.itertext()) == source:
            return unit
    raise AssertionError(f"no unit for {source!r}")


def test_xliff12_has_alt_trans_for_untranslated_entries_and_validates(tm_project):
    config = load_config(tm_project)
    export_exchange(config, ["xliff"])
    path = xliff1_path(config.exports_dir, "second", "zh_CN")
    tree = etree.parse(str(path))
    assert xliff12_schema().validate(tree), xliff12_schema().error_log
    unit = _unit_with_source(tree.getroot(), f"{X1}trans-unit", "The forum opened on August 29.")
    alt = unit.find(f"{X1}alt-trans")
    assert alt.get("match-quality") == "99" and alt.get("origin") == "first"
    assert alt.find(f"{X1}source").text == "The forum opened on May 3."
    assert alt.find(f"{X1}target").text == "论坛于8月29日开幕。"
    assert unit.find(f"{X1}target").text is None  # the unit itself stays untranslated
    # a translated entry gets no suggestion; nor does one the memory has nothing for
    first = etree.parse(str(xliff1_path(config.exports_dir, "first", "zh_CN"))).getroot()
    assert not list(first.iter(f"{X1}alt-trans"))
    none = _unit_with_source(tree.getroot(), f"{X1}trans-unit", "Nothing like this was said before.")
    assert none.find(f"{X1}alt-trans") is None


def test_xliff2_has_a_matches_module_referring_to_the_segment_and_validates(tm_project):
    config = load_config(tm_project)
    export_exchange(config, ["xliff2"])
    tree = etree.parse(str(xliff2_path(config.exports_dir, "second", "fr")))
    assert xliff21_schema().validate(tree), xliff21_schema().error_log
    unit = _unit_with_source(tree.getroot(), f"{X2}unit", "The forum opened on August 29.")
    match = unit.find(f"{MTC}matches/{MTC}match")
    assert match.get("matchQuality") == "99" and match.get("type") == "tm" and match.get("origin") == "first"
    assert match.get("ref") == "#" + unit.find(f"{X2}segment").get("id")
    assert match.find(f"{X2}target").text == "Le forum s’est ouvert le 29 août."


def test_exports_with_suggestions_are_deterministic(tm_project):
    config = load_config(tm_project)
    first = {path: path.read_bytes() for path, _ in export_exchange(config, ["xliff", "xliff2"])}
    results = export_exchange(config, ["xliff", "xliff2"])
    assert [written for _, written in results] == [False] * len(results)
    assert {path: path.read_bytes() for path, _ in results} == first


def test_importing_an_export_back_never_takes_a_suggestion(tm_project):
    config = load_config(tm_project)
    po = catalogue_path(config, "second", "zh_CN")
    before = po.read_bytes()
    export_exchange(config, ["xliff", "xliff2"])
    for path in (xliff1_path(config.exports_dir, "second", "zh_CN"), xliff2_path(config.exports_dir, "second", "zh_CN")):
        report = import_xliff(path, config)
        assert report.updated == [] and report.skipped == []
    assert po.read_bytes() == before


def test_review_pages_show_the_suggestion_under_an_untranslated_entry(tm_project):
    config = load_config(tm_project)
    list(export(config, ["html"]))  # a generator: each file is written as it is consumed
    page = (config.exports_dir / "html" / "second.zh_CN.html").read_text(encoding="utf-8")
    assert "TM 99%: " in page and "论坛于8月29日开幕。" in page and " — first" in page
    translated = (config.exports_dir / "html" / "first.zh_CN.html").read_text(encoding="utf-8")
    assert "tm-suggestion" not in translated.split("<main", 1)[1]


def test_suggestions_looked_up_on_every_core_first_are_those_asked_one_by_one(tm_project, monkeypatch):
    """An export looks the suggestions up before its formats ask (``Suggestions.prefetch``, one article a piece
    of work, on forked workers): the same answers as asking entry by entry, and none looked up again later."""
    import workbench.parallel as parallel
    import workbench.tm.suggest as suggest
    from workbench.po.reader import read_po

    config = load_config(tm_project)
    wanted = []
    with suggest.session():
        one_by_one = suggest.Suggestions.for_project(config)
        for language in ("zh_CN", "fr"):
            for article in ("first", "second"):
                path = catalogue_path(config, article, language)
                for message in read_po(path).entries():
                    if suggest.wants_suggestion(message):
                        wanted.append((message, language, path, one_by_one.for_entry(message, language, path)))
    assert any(match is not None for *_, match in wanted) and any(match is None for *_, match in wanted)
    monkeypatch.setattr(parallel, "worker_count", lambda items, minimum=2: min(2, items))  # two workers
    with suggest.session():
        fetched = suggest.Suggestions.for_project(config)
        fetched.prefetch()
        monkeypatch.setattr(suggest, "best_match", lambda *a, **k: pytest.fail("looked up again"))
        for message, language, path, match in wanted:
            again = fetched.for_entry(message, language, path)
            assert (again.score, again.suggestion, again.unit) == (match.score, match.suggestion, match.unit) \
                if match is not None else again is None


def _scoring(monkeypatch) -> list[tuple[str, str]]:
    """The (language, source) of every lookup scored from now on (``best_match`` called)."""
    import workbench.tm.suggest as suggest

    scored: list[tuple[str, str]] = []
    best = suggest.best_match
    monkeypatch.setattr(suggest, "best_match", lambda memory, source, language, *a, **k:
                        scored.append((language, source)) or best(memory, source, language, *a, **k))
    return scored


def _prefetched(config) -> dict:
    """Every answer an export's prefetch gives, in a session of its own."""
    import workbench.tm.suggest as suggest

    with suggest.session():
        suggestions = suggest.Suggestions.for_project(config)
        suggestions.prefetch()
        return suggestions.answers()


def test_kept_answers_are_scored_again_only_where_the_memory_changed_under_them(tm_project, monkeypatch):
    """The answers of an export's lookups are kept (the cache folder) with the signature of what each read of the
    memory: an unchanged memory looks nothing up; after a French translation changes, the French lookups whose
    candidates it touched are scored again and the Chinese ones are not, with the answers a lookup without any
    kept answer gives."""
    from workbench.po.reader import read_po
    from workbench.po.writer import write_po

    config = load_config(tm_project)
    scored = _scoring(monkeypatch)

    def prefetched() -> dict:
        return _prefetched(config)

    first = prefetched()
    assert sorted({language for language, _ in scored}) == ["fr", "zh_CN"]
    scored.clear()
    assert prefetched() == first and scored == []  # nothing changed: nothing looked up
    path = catalogue_path(config, "first", "fr")
    catalogue = read_po(path)
    catalogue.find("Guests came from twelve countries.").msgstr = "Des invités venaient de douze pays."
    write_po(catalogue, path)
    from workbench.tm.memory import Memory

    searched: list[str] = []
    search = Memory.candidate_sources
    monkeypatch.setattr(Memory, "candidate_sources", lambda self, source, language, *a, **k:
                        searched.append(language) or search(self, source, language, *a, **k))
    after = prefetched()
    assert scored and {language for language, _ in scored} == {"fr"}  # the Chinese answers kept
    # and no source the memory holds was added or dropped: the candidates found last time were not searched
    # for again, but by the lookups scored again
    assert set(searched) == {"fr"} and len(searched) == len(scored)
    guests = next(match for (_, language, _, msgid), match in after.items()
                  if language == "fr" and msgid == "Guests came from nine countries.")
    assert guests.suggestion.startswith("Des invités")
    scored.clear()
    monkeypatch.setenv("WORKBENCH_NO_CACHE", "1")
    assert prefetched() == after  # what the lookups give with nothing kept
    assert sorted({language for language, _ in scored}) == ["fr", "zh_CN"]


def test_an_edited_translation_no_lookup_read_keeps_every_answer(tm_project, monkeypatch):
    """A lookup scores its candidate sources by their text and reads the units of those that can still win
    only. A French translation of a longer sentence, a candidate of "Guests came from nine countries." that
    scores far below the threshold, is edited: every answer is kept, none scored again (an answer kept by the
    units of all its candidates was scored again), and they are what lookups with nothing kept give."""
    from workbench.tm.memory import Memory

    config = load_config(tm_project)
    longer = "Guests came from twelve countries to the trade fair in the old town last spring."
    batch = catalogue_path(config, "batch", "fr")

    def write_batch(translation: str) -> None:
        batch.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                         f'msgid "{longer}"\nmsgstr "{translation}"\n', encoding="utf-8")

    write_batch("Les invités venaient de douze pays pour la foire.")
    memory = Memory.for_project(config)
    assert longer in [c.source for c in memory.candidate_sources("Guests came from nine countries.", "fr", 100)]
    memory.close()
    scored = _scoring(monkeypatch)

    def prefetched() -> dict:
        return _prefetched(config)

    first = prefetched()
    assert ("fr", "Guests came from nine countries.") in scored
    write_batch("Les invités sont venus de douze pays pour la foire commerciale.")
    scored.clear()
    after = prefetched()
    assert scored == []
    assert after == first
    monkeypatch.setenv("WORKBENCH_NO_CACHE", "1")
    assert prefetched() == after


def test_an_exports_answers_are_kept_packed_by_catalogue_and_bad_bytes_are_looked_up_again():
    """What ``prefetch`` keeps of a catalogue's answers comes back whole; the digest an export's records compare
    follows the answers, not what their lookups read; bytes that are not such answers (a damaged cache) give
    none, so those entries are looked up again."""
    import os
    import pickle
    import zlib

    from workbench.tm.match import Match
    from workbench.tm.memory import Unit
    from workbench.tm.suggest import _pack, _unpack

    unit = Unit("Guests came from nine countries.", "Des invités venaient de neuf pays.", "en", "fr", "first",
                "locales/fr/LC_MESSAGES/first.po:12", None, "2024-05-01")
    key = ("locales/fr/LC_MESSAGES/second.po", "fr", None, "Guests came from ten countries.")
    answers = {key: (b"signature", Match(unit, 88, "Des invités venaient de 10 pays."), b"\x01\x00\x00\x00",
                     b"\x01\x00\x00\x00"),
               key[:3] + ("Thanks.",): (b"other", None, b"", b"")}
    packed, digest = _pack(answers)
    assert _unpack(packed) == answers
    read_again = {k: (b"read anew", answer, ids, b"") for k, (_, answer, ids, _) in answers.items()}
    assert _pack(read_again)[1] == digest  # the same answers, however the memory was read for them
    scored_lower = {**answers, key: (b"signature", Match(unit, 80, "Des invités venaient de 10 pays."),
                                     b"\x01\x00\x00\x00", b"\x01\x00\x00\x00")}
    assert _pack(scored_lower)[1] != digest
    assert _unpack(b"not compressed") == {}
    assert _unpack(zlib.compress(pickle.dumps(os.getcwd))) == {}  # a callable: refused, never called
    assert _unpack(zlib.compress(pickle.dumps({key: ("not", "the", "shape")}))) == {}
    assert _unpack(zlib.compress(pickle.dumps({key: (b"signature", None, b"\x01\x00\x00\x00")}))) == {}  # (an older
    # export's: without the sources whose units its lookups read)
