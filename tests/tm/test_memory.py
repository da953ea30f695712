"""The project's translation memory: what it holds, incremental sync, a damaged file rebuilt, the candidate
search and the concordance, on real projects built with extract/update."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from workbench.config import load_config
from workbench.errors import WorkbenchError
from workbench.layout import catalogue_path
from workbench.po.reader import read_po
from workbench.po.writer import write_po
from workbench.tm.files import import_tmx
from workbench.tm.memory import Memory, memory_path

FIXTURES = Path(__file__).parent / "fixtures"


def edit(config, article: str, language: str, change) -> None:
    path = catalogue_path(config, article, language)
    catalogue = read_po(path)
    for message in catalogue.entries():
        change(message)
    write_po(catalogue, path)


def targets(memory: Memory, language: str) -> dict[str, str]:
    return {u.source: u.target for u in memory.units(language)}


def write_batch(config, language: str, sources: list[str], prefix: str = "FR ") -> None:
    """A catalogue ``batch`` in ``language`` translating each source as ``prefix`` + the source."""
    path = catalogue_path(config, "batch", language)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'msgid "{s}"\nmsgstr "{prefix}{s}"\n\n' for s in sources)
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body, encoding="utf-8")


def _rows(memory: Memory) -> dict[str, list]:
    """Every table's rows, in key order (not the memory's own name and check time)."""
    tables = {"meta": "key", "files": "path", "segments": "id", "units": "id", "indexed": "target_language, segment_id",
              "postings": "key", "stamps": "target_language, segment_id"}
    rows = {table: memory.db.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
            for table, order in tables.items()}
    rows["meta"] = [row for row in rows["meta"] if row[0] not in ("instance", "checked")]
    rows["files"] = [(number, path, sha256) for number, path, _, _, sha256 in rows["files"]]  # (not when written)
    return rows


def test_a_sync_on_every_core_stores_what_one_process_stores(tmp_path, make_project, monkeypatch):
    """The catalogues are read on every core while one process writes: the same rows, numbered alike, after a
    first build and after a change; a catalogue that cannot be read is named and the memory left as it was."""
    memories = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("WORKBENCH_JOBS", jobs)
        (tmp_path / jobs).mkdir()
        project = make_project(tmp_path / jobs, {})
        config = load_config(project)
        for number in range(12):
            for language in ("fr", "ru"):
                path = catalogue_path(config, f"article-{number:02d}", language)
                path.parent.mkdir(parents=True, exist_ok=True)
                body = "".join(f'msgid "Delegates from {n} countries met in {city}."\n'
                               f'msgstr "{language} {n} {city}"\n\n'
                               for n in range(number, number + 4) for city in ("Yangzhou", "Nanjing"))
                path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body,
                                encoding="utf-8")
        first = _rows(Memory.for_project(config))
        catalogue_path(config, "article-03", "fr").unlink()
        edit(config, "article-05", "ru", lambda message: setattr(message, "msgstr", message.msgstr + "!"))
        memories[jobs] = (first, _rows(Memory.for_project(config)))
        broken = catalogue_path(config, "article-09", "ru")
        broken.write_text(broken.read_text(encoding="utf-8") + 'msgid "broken\n', encoding="utf-8")
        edit(config, "article-10", "fr", lambda message: setattr(message, "msgstr", message.msgstr + "?"))
        with pytest.raises(WorkbenchError, match="article-09.po"):
            Memory.for_project(config)
        assert _rows(Memory.for_project(config, sync=False)) == memories[jobs][1]
    assert len(memories["1"][0]["units"]) == 12 * 2 * 8 and len(memories["1"][1]["units"]) == 23 * 8
    assert memories["1"] == memories["2"]


def test_every_finished_entry_of_every_catalogue_and_only_those(tm_project):
    config = load_config(tm_project)

    def change(message):
        if message.msgid == "Guests came from twelve countries.":
            message.fuzzy = True  # unreviewed: no memory

    edit(config, "first", "fr", change)
    memory = Memory.for_project(config)
    assert memory.languages() == ["fr", "zh_CN"]
    assert len(memory) == 7
    assert "Guests came from twelve countries." not in targets(memory, "fr")
    assert targets(memory, "zh_CN")["The forum opened on May 3."] == "论坛于5月3日开幕。"
    [unit] = memory.exact("Table of contents", "zh_CN")
    path = catalogue_path(config, "first", "zh_CN")
    line = next(m.lineno for m in read_po(path).entries() if m.msgid == "Table of contents")
    assert unit.reference == f"locales/zh_CN/LC_MESSAGES/first.po:{line}"
    assert (unit.origin, unit.source_language, unit.context) == ("first", "en", None)
    assert memory_path(config) == tm_project / "build" / "memory.sqlite"


def test_context_date_and_plural_forms(tmp_path, make_project):
    project = make_project(tmp_path, {})
    config = load_config(project)
    path = catalogue_path(config, "menu", "ru")
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"PO-Revision-Date: 2023-08-29 10:15+0800\\n"\n\n'
                    'msgctxt "menu"\nmsgid "Open"\nmsgstr "Открыть"\n\n'
                    'msgid "%d guest"\nmsgid_plural "%d guests"\nmsgstr[0] "%d гость"\nmsgstr[1] "%d гостя"\n'
                    'msgstr[2] "%d гостей"\n', encoding="utf-8")
    memory = Memory.for_project(config)
    [open_] = memory.exact("Open", "ru")
    assert open_.context == "menu" and open_.date == "2023-08-29T02:15:00Z" and open_.reference.endswith("menu.po:6")
    assert targets(memory, "ru")["%d guests"] == "%d гостя"  # msgid_plural -> msgstr[1]


def test_sync_reads_only_what_changed(tm_project):
    config = load_config(tm_project)
    first = Memory.for_project(config, sync=False).sync()
    assert (first.files, first.read, first.removed) == (4, 4, 0)  # first and second, zh_CN and fr
    assert Memory.for_project(config, sync=False).sync().read == 0

    def change(message):
        if message.msgid == "Table of contents":
            message.msgstr = "目次"

    edit(config, "first", "zh_CN", change)
    report = Memory.for_project(config, sync=False).sync()
    assert report.read == 1
    memory = Memory.for_project(config)
    assert [u.target for u in memory.exact("Table of contents", "zh_CN")] == ["目次"]
    assert not memory.search("目录", target=True)
    # a file rewritten with the same bytes (new mtime) is hashed, not read again
    path = catalogue_path(config, "first", "fr")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert Memory.for_project(config, sync=False).sync().read == 0
    # a removed catalogue takes its units along, and the index forgets them
    path.unlink()
    report = Memory.for_project(config, sync=False).sync()
    assert report.removed == 1
    memory = Memory.for_project(config)
    assert memory.languages() == ["zh_CN"]
    assert memory.candidates("Guests came from nine countries.", "fr") == []
    assert memory.candidates("Guests came from nine countries.", "zh_CN")[0].target == "嘉宾来自十二个国家。"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other schema", "no version"])
def test_a_damaged_memory_is_rebuilt_never_trusted(tm_project, damage, capsys):
    config = load_config(tm_project)
    Memory.for_project(config).close()
    path = memory_path(config)
    if damage == "garbage":
        path.write_bytes(b"this is no database" * 100)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        connection = sqlite3.connect(path)
        if damage == "other schema":
            connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
        else:  # what a page of garbage where the version stands reads as
            connection.execute("DELETE FROM meta WHERE key = 'schema'")
        connection.execute("DELETE FROM units")  # what it says cannot be taken
        connection.commit()
        connection.close()
    memory = Memory.for_project(config)
    assert len(memory) == 8
    said = capsys.readouterr().err
    assert "rebuilt" in said
    # a damaged file is kept aside for a bug report; another version's sound file is only rebuilt
    assert path.with_name("memory.sqlite.damaged").exists() == (damage != "other schema")
    assert ("another version of workbench (schema 99" in said) == (damage == "other schema")


def test_garbage_inside_the_file_is_found_by_tm_status_and_daily(tm_project, capsys, monkeypatch):
    """Opening checks the header and size only; a page overwritten in the middle is found by the full check,
    which 'tm status' runs, and any open a day after the last one."""
    from workbench.cli import main
    from workbench.tm import memory as memory_module

    config = load_config(tm_project)
    Memory.for_project(config).close()
    path = memory_path(config)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page + 8: 2 * page] = b"\xff" * (page - 8)  # the second page (a b-tree page's cells) overwritten
    path.write_bytes(bytes(data))
    capsys.readouterr()
    calls = []
    real = memory_module._verify
    monkeypatch.setattr(memory_module, "_verify", lambda c, check=False: (calls.append(check), real(c, check))[1])
    assert main(["-C", str(tm_project), "tm", "status"]) == 0
    assert calls[0] is True
    assert "rebuilt" in capsys.readouterr().err and path.with_name("memory.sqlite.damaged").exists()
    connection = sqlite3.connect(path)  # the last full check was two days ago
    connection.execute("UPDATE meta SET value = ? WHERE key = 'checked'", (str(int(time.time()) - 2 * 86400),))
    connection.commit()
    connection.close()
    data = bytearray(path.read_bytes())
    data[page + 8: 2 * page] = b"\xff" * (page - 8)
    path.write_bytes(bytes(data))
    capsys.readouterr()
    assert len(Memory.for_project(config)) == 8
    assert "rebuilt" in capsys.readouterr().err


def test_a_failed_sync_leaves_the_memory_as_it_was(tm_project):
    config = load_config(tm_project)
    Memory.for_project(config).close()

    def change(message):
        if message.msgid == "Table of contents":
            message.msgstr = "目次"

    edit(config, "first", "zh_CN", change)
    config.tm_dir.mkdir()
    (config.tm_dir / "broken.tmx").write_text("<tmx><header srclang='en'/><body><tu>", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="broken.tmx"):
        Memory.for_project(config)
    memory = Memory.for_project(config, sync=False)
    assert [u.target for u in memory.exact("Table of contents", "zh_CN")] == ["目录"]  # not half-synced
    (config.tm_dir / "broken.tmx").unlink()
    assert [u.target for u in Memory.for_project(config).exact("Table of contents", "zh_CN")] == ["目次"]


def test_deleting_the_file_is_safe_imports_survive(tm_project):
    config = load_config(tm_project)
    import_tmx(config, FIXTURES / "memoq.tmx")
    count = len(Memory.for_project(config))
    memory_path(config).unlink()
    assert len(Memory.for_project(config)) == count == 10


# -- candidates for the matcher -------------------------------------------------------------


def test_candidates_find_near_sentences_short_and_long(tm_project):
    memory = Memory.for_project(load_config(tm_project))
    assert memory.candidates("Table of Contents", "zh_CN")[0].target == "目录"  # case only
    assert memory.candidates("Table of contents:", "fr")[0].target == "Table des matières"  # a colon more
    found = memory.candidates("Guests came from nine countries.", "zh_CN")
    assert found[0].source == "Guests came from twelve countries."
    found = memory.candidates("The forum opened on August 29.", "fr")
    assert found[0].source == "The forum opened on May 3."
    assert memory.candidates("Nothing like this was said before at all.", "fr") == []
    assert memory.candidates("Table of contents", "ru") == []  # no unit into Russian


def test_a_memory_kept_open_answers_from_its_files_after_a_sync(tm_project):
    """A lookup keeps what it read of the file (candidates' units, sources read); a sync drops it."""
    config = load_config(tm_project)
    memory = Memory.for_project(config)
    assert memory.candidates("Guests came from nine countries.", "zh_CN")[0].target == "嘉宾来自十二个国家。"
    edit(config, "first", "zh_CN", lambda m: setattr(m, "msgstr", "来宾来自十二个国家。")
         if m.msgid == "Guests came from twelve countries." else None)
    memory.sync()
    assert memory.candidates("Guests came from nine countries.", "zh_CN")[0].target == "来宾来自十二个国家。"


def test_lookups_answer_alike_when_what_they_keep_is_dropped(tmp_path, make_project, monkeypatch):
    """A memory keeps what lookups read up to a bound, then drops it; the next lookup reads again (a lookup
    whose candidates were partly kept once failed right after the drop)."""
    import workbench.tm.memory as module

    cities = ["Paris", "Lyon", "Nantes", "Lille", "Nice", "Rennes", "Dijon", "Metz"]
    sources = [f"Guests from {city} came to the {what}." for city in cities
               for what in ("forum on Monday", "fair on Friday", "forum on Friday")]
    project = make_project(tmp_path, {})
    config = load_config(project)
    write_batch(config, "fr", sources)
    queries = ["Guests from Paris came to the forum on Monday.", "Guests from Paris came to the fair on Friday.",
               "Guests from Lyon came to the forum on Friday.", "Guests from Nice came to the fair on Monday."]
    expected = [[u.source for u in Memory.for_project(config).candidates(q, "fr", limit=3)] for q in queries]
    assert all(len(found) == 3 for found in expected)
    assert set(expected[0]) & set(expected[1]) and set(expected[1]) - set(expected[0])  # some kept, some new
    monkeypatch.setattr(module, "_KEPT", 2)
    memory = Memory.for_project(config)
    for _ in range(2):
        assert [[u.source for u in memory.candidates(q, "fr", limit=3)] for q in queries] == expected


def test_one_search_serves_every_language_each_its_own_units(tmp_path, make_project):
    """The candidate search of a source is kept for its lookups in the other languages (a batch asks for the
    same sentence in each): each language still gets its own sources, its own nearest first, even where
    another language holds many nearer ones."""
    project = make_project(tmp_path, {})
    config = load_config(project)
    near = [f"Guests came from {n} countries to the forum in Yangzhou." for n in ("nine", "ten", "eleven", "twelve")]
    far = "Guests came from many countries to the trade fair in Yangzhou."
    for language, sources in (("zh_CN", near), ("fr", [far])):
        write_batch(config, language, sources, prefix=f"{language} ")
    query = "Guests came from seven countries to the forum in Yangzhou."
    fresh = {language: [u.target for u in Memory.for_project(config).candidates(query, language, limit=2)]
             for language in ("zh_CN", "fr", "ru")}
    assert fresh["fr"] == [f"fr {far}"] and fresh["ru"] == []
    assert len(fresh["zh_CN"]) == 2 and all(t.startswith("zh_CN ") for t in fresh["zh_CN"])
    memory = Memory.for_project(config)  # one memory, one search, three languages
    assert {language: [u.target for u in memory.candidates(query, language, limit=2)]
            for language in ("zh_CN", "fr", "ru")} == fresh


def test_a_query_whose_candidates_are_all_far_finds_none(tmp_path, make_project):
    """Sources that share one word of the query and little else: ranked, found too far (they once made the
    ranking ask rapidfuzz for a distance above 1, an internal error exporting XLIFF)."""
    filler = " ".join(f"word{chr(97 + n)}" for n in range(20))
    sources = [f"{first} {filler} number {n}." for n in range(6) for first in ("Alpha", "Beta")]
    project = make_project(tmp_path, {})
    config = load_config(project)
    write_batch(config, "fr", sources)
    assert Memory.for_project(config).candidates("Alpha beta gamma delta.", "fr", limit=2) == []


def test_candidates_are_one_per_translation_and_context(tm_project):
    config = load_config(tm_project)
    # the second article says the Mayor's sentence too, translated alike: one candidate
    edit(config, "second", "zh_CN", lambda m: setattr(m, "msgstr", "潘国强市长发表讲话。")
         if m.msgid == "Mayor Pan Guoqiang delivered a speech." else None)
    memory = Memory.for_project(config)
    assert len(memory.exact("Mayor Pan Guoqiang delivered a speech.", "zh_CN")) == 2
    found = memory.candidates("Mayor Pan Guoqiang delivered a long speech.", "zh_CN")
    assert [u.target for u in found] == ["潘国强市长发表讲话。"]


def test_candidate_search_keeps_what_brute_force_finds(tmp_path, make_project):
    """Generated sentences from a few templates with rare names and numbers (as news is): for each new
    sentence, half of them with names the memory never saw (its rarest words match nothing), the best
    unit by the matcher's own score is among the candidates."""
    import random

    from workbench.tm.match import score

    rng = random.Random(7)
    def word(prefix, n):  # letters only: digits would make them numbers
        return prefix + chr(97 + n % 26) + chr(97 + n // 26 % 26)

    names = [word("Na", n) for n in range(300)]
    places = [word("Pla", n) for n in range(200)]
    templates = ["{a} visited {p} on Monday with {b} and the delegation of {q}.",
                 "The delegation led by {a} signed {n} agreements in {p}.",
                 "According to {a}, the industrial output of {p} grew by {n} percent last year.",
                 "{a} and {b} opened the new exhibition centre in {p} together."]

    def sentence(new_names=False):
        pool = [word("Ot", n) for n in range(300)] if new_names else names  # names the memory never saw
        return rng.choice(templates).format(a=rng.choice(pool), b=rng.choice(pool), p=rng.choice(places),
                                            q=rng.choice(places), n=rng.randint(2, 999))

    lines = sorted({sentence() for _ in range(3000)})
    project = make_project(tmp_path, {})
    config = load_config(project)
    write_batch(config, "fr", lines)
    memory = Memory.for_project(config)
    missed = tried = 0
    for n in range(80):
        query = sentence(new_names=n % 2 == 0)
        best = max(score(query, s, "en") for s in lines)
        if best < 75:
            continue
        tried += 1
        found = max((score(query, u.source, "en") for u in memory.candidates(query, "fr")), default=0)
        missed += found < best
    assert tried >= 30 and missed == 0


def test_a_sentence_with_nearly_identical_words_beats_a_hundred_with_one_other_word(tmp_path, make_project):
    """Counted in whole words, 150 sources that replace one word of the new sentence by another are closer
    than one that writes two of its words nearly alike; the matcher, which gives a nearly identical word most
    of its credit, scores that one best, and the candidates (a hundred asked) still hold it."""
    from workbench.tm.match import best_match

    import random

    rng = random.Random(3)
    query = "The delegation of the cultural industrial zone visited the new exhibition centre in Suzhou on Monday."
    unrelated = sorted({"".join(rng.choice("qzxkvwbjpyfmhu") for _ in range(10)) for _ in range(150)})
    others = [query.replace("delegation", word) for word in unrelated]  # one word of sixteen another: 93 %
    near = query.replace("cultural", "culturals").replace("industrial", "industrials")  # two nearly alike: 99 %
    project = make_project(tmp_path, {})
    config = load_config(project)
    write_batch(config, "fr", [*others, near])
    memory = Memory.for_project(config)
    match = best_match(memory, query, "fr")
    assert match.unit.source == near and match.score == 99


# -- concordance --------------------------------------------------------------------------------


def test_search_source_and_target_any_script(tm_project):
    config = load_config(tm_project)
    import_tmx(config, FIXTURES / "memoq.tmx")
    memory = Memory.for_project(config)
    assert {(u.target_language, u.target) for u in memory.search("FORUM opened")} == {
        ("zh_CN", "论坛于5月3日开幕。"), ("fr", "Le forum s’est ouvert le 3 mai.")}
    assert [u.source for u in memory.search("开幕", target=True)] == ["The forum opened on May 3."]  # 2 characters
    assert [u.source for u in memory.search("国家", "zh_CN", target=True)] == ["Guests came from twelve countries."]
    assert [u.target for u in memory.search("подробности", target=True)] == ["Подробности на {1}."]  # case folded
    assert memory.search("дельта РЕКИ", "ru", target=True)[0].source == "The Yangtze River Delta is growing."
    assert memory.search("forum", "ru") == []
    assert memory.search("a", "fr", target=True) and memory.search("   ") == []


def test_the_concordance_finds_what_each_sync_adds_and_drops_after_its_first_search(tm_project):
    """The full-text indexes are made at a memory's first search, then follow every sync: a translation edited
    later is found by its new words and no longer by its old ones, a removed catalogue's units by neither."""
    config = load_config(tm_project)
    memory = Memory.for_project(config)
    assert [u.source for u in memory.search("日开幕", target=True)] == ["The forum opened on May 3."]  # (made here)

    def change(message):
        if message.msgid == "The forum opened on May 3.":
            message.msgstr = "论坛于5月3日隆重揭幕。"

    edit(config, "first", "zh_CN", change)
    write_batch(config, "fr", ["A delegation toured the shipyard."], prefix="Une délégation a visité ")
    memory = Memory.for_project(config)
    assert [u.source for u in memory.search("隆重揭幕", target=True)] == ["The forum opened on May 3."]
    assert memory.search("日开幕", target=True) == []
    assert [u.source for u in memory.search("shipyard")] == ["A delegation toured the shipyard."]
    catalogue_path(config, "batch", "fr").unlink()
    memory = Memory.for_project(config)
    assert memory.search("shipyard") == [] and memory.search("visité", target=True) == []


def test_a_search_keeps_each_character_ratio_it_computed_and_gives_it_back_alike():
    """A kept search computes a candidate's character ratio when a language first needs it and keeps it (sorted
    by position, beside those known): later lookups, in any order of positions, get what computing afresh gives."""
    import numpy as np
    from rapidfuzz import fuzz

    from workbench.tm.memory import _Ranking

    texts = np.array([f"guests from city {n} came to the forum" for n in range(12)], dtype=object)
    ranking = _Ranking("guests from city 3 came to the fair", np.arange(12, dtype=np.uint32)[::-1].copy(),
                       np.zeros(12))
    for positions in ([2, 5, 7], [1, 2, 3, 7, 11], [0, 5], [4], list(range(12))):
        got = ranking.ratios_at(np.array(positions), texts).tolist()
        assert got == [fuzz.ratio(ranking.query, texts[ranking.ids[p]]) for p in positions]
    assert ranking.rated.tolist() == list(range(12))  # each computed once
