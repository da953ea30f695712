"""inconsistent-phrase: a recurring phrase or name outside the glossary rendered two ways across articles.

Fixtures (tests/checks/fixtures/phrases, made by make_phrases.py): two articles in zh_CN, ru, de and
fr sharing "electric vehicles", "trade fair", "logistics hub" and "Li Weidong"; the planted copies
change one rendering in the second article."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.checks.base import at_least
from workbench.checks.runner import run_checks
from workbench.glossary.model import Concept, Term, Termbase
from workbench.po.catalog import Catalog, Message

FIXTURES = Path(__file__).parent / "fixtures" / "phrases"
PLANTED = json.loads((FIXTURES / "planted.json").read_text(encoding="utf-8"))
CHECK = "inconsistent-phrase"
PARAPHRASE = "Li Weidong thanked the exhibitors of the trade fair."


def _run(folder: str, termbase=None):
    cwd = os.getcwd()
    os.chdir(FIXTURES)
    try:
        return run_checks([folder], termbase=termbase, cache=False)
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def planted():
    return _run("planted")


@pytest.fixture(scope="module")
def clean():
    return _run("clean")


def test_every_language_has_a_planted_inconsistency():
    assert {p["file"].split("/")[1] for p in PLANTED} == {"zh_CN", "ru", "de", "fr"}


@pytest.mark.parametrize("item", PLANTED, ids=[f"{p['file'].split('/')[1]}-{i}" for i, p in enumerate(PLANTED)])
def test_planted_inconsistency_found_on_its_entry(planted, item):
    on_entry = [f for f in planted.findings if f.file == item["file"] and f.msgid == item["msgid"]]
    assert CHECK in {f.check for f in on_entry}, (item["note"], [(f.check, f.message) for f in on_entry])


def test_findings_name_the_majority_rendering_and_where_it_is(planted):
    messages = {(f.file, f.msgid): f for f in planted.findings if f.check == CHECK}
    zh = messages[("planted/zh_CN/logistics-hub.po", "The trade fair closed with record orders for electric vehicles.")]
    assert zh.offending == "电动车" and zh.target[zh.span[0]:zh.span[1]] == "电动车"
    assert "'电动汽车' in 4 other entries (planted/zh_CN/ev-trade-fair.po:" in zh.message
    ru = messages[("planted/ru/logistics-hub.po", "Exporters of electric vehicles use the logistics hub to reach Central Asia.")]
    assert ru.offending == "логистический хаб" and "'логистический центр'" in ru.message
    assert ru.severity == "warning"


def test_only_planted_entries_are_flagged(planted):
    expected = {(p["file"], p["msgid"]) for p in PLANTED}
    assert {(f.file, f.msgid) for f in planted.findings if f.check == CHECK} == expected


def test_a_paraphrase_stays_silent(planted):
    # "he" for the name (zh_CN, ru) and the exhibitors without the fair (de, fr)
    assert not [f for f in planted.findings if f.msgid == PARAPHRASE]


def test_clean_catalogues_give_no_warning(clean):
    assert clean.entries == 40
    assert [(f.file, f.check, f.message) for f in clean.findings if at_least(f.severity, "warning")] == []
    assert [f for f in clean.findings if f.check == CHECK] == []


def test_a_phrase_the_glossary_has_is_left_to_the_glossary_checks():
    fair = Concept(id="trade-fair", terms={"en": [Term("trade fair")], "de": [Term("Messe")]})
    found = _run("planted/de", termbase=Termbase(concepts=[fair]))
    assert [f for f in found.findings if f.check == CHECK] == []


def _catalogue(language: str, pairs: list[tuple[str, str]]) -> Catalog:
    header = Message(msgid="", msgstr=f"Language: {language}\nContent-Type: text/plain; charset=UTF-8\n")
    return Catalog(messages=[header] + [Message(msgid=s, msgstr=t) for s, t in pairs], path=f"{language}.po")


def _phrase_findings(language, pairs):
    return [f for f in run_checks([_catalogue(language, pairs)], cache=False, only=[CHECK]).findings]


def test_a_name_under_another_title_is_not_another_spelling():
    found = _phrase_findings("ru", [
        ("Mayor Pan Guoqiang opened the forum.", "Мэр Пань Гоцян открыл форум."),
        ("The forum was chaired by Mayor Pan Guoqiang.", "Форум вёл мэр Пань Гоцян."),
        ("Party Secretary Pan Guoqiang met the delegates.", "Секретарь горкома Пань Гоцян встретился с делегатами."),
    ])
    assert found == []


def test_a_name_spelt_otherwise_is_found():
    found = _phrase_findings("ru", [
        ("Mayor Pan Guoqiang opened the forum.", "Мэр Пань Гоцян открыл форум."),
        ("The forum was chaired by Pan Guoqiang.", "Форум вёл Пань Гоцян."),
        ("Pan Guoqiang met the delegates.", "Пан Гоцян встретился с делегатами."),
    ])
    assert [(f.msgid, f.offending) for f in found] == [("Pan Guoqiang met the delegates.", "Пан Гоцян")]


def test_a_tie_names_no_majority():
    found = _phrase_findings("zh_CN", [
        ("Sales of electric vehicles rose.", "电动汽车销量上升。"),
        ("Electric vehicles were on show.", "电动汽车参加了展示。"),
        ("Electric vehicles are quiet.", "电动汽车很安静。"),
        ("Exports of electric vehicles fell.", "电动车出口下降。"),
        ("Electric vehicles need chargers.", "电动车需要充电桩。"),
        ("Electric vehicles got cheaper.", "电动车变便宜了。"),
    ])
    assert found == []


def test_another_form_of_the_same_words_is_a_paraphrase():
    found = _phrase_findings("ru", [
        ("Economic development is fast.", "Экономическое развитие идёт быстро."),
        ("We discussed economic development today.", "Сегодня мы обсудили экономическое развитие."),
        ("Economic development needs investment.", "Развитие экономики требует инвестиций."),
    ])
    assert found == []


def test_two_against_one_is_enough_where_the_rival_only_drops_characters():
    found = _phrase_findings("zh_CN", [
        ("Sales of electric vehicles rose.", "电动汽车销量上升。"),
        ("Electric vehicles were on show.", "电动汽车参加了展示。"),
        ("Exports of electric vehicles fell.", "电动车出口下降。"),
    ])
    assert [(f.msgid, f.offending) for f in found] == [("Exports of electric vehicles fell.", "电动车")]


def test_two_against_one_is_not_enough_for_another_word():
    # логистический центр twice, хаб once: a third entry would be needed to call центр the project's term
    found = _phrase_findings("ru", [
        ("The logistics hub opened in May.", "Логистический центр открылся в мае."),
        ("Trucks leave the logistics hub at night.", "Грузовики покидают логистический центр ночью."),
        ("The logistics hub employs 300 people.", "В логистическом хабе работают 300 человек."),
    ])
    assert found == []


def _article_findings(language, entries):
    """Entries (source, target, the article it comes from) of a catalogue made by ``extract``."""
    header = Message(msgid="", msgstr=f"Language: {language}\nContent-Type: text/plain; charset=UTF-8\n")
    messages = [Message(msgid=s, msgstr=t, references=[f"seeds/{article}:{n + 3}"])
                for n, (s, t, article) in enumerate(entries)]
    catalogue = Catalog(messages=[header] + messages, path=f"{language}.po")
    return run_checks([catalogue], cache=False, only=[CHECK]).findings


HUB_TWICE = [
    ("Greenway opened its new logistics hub in Yangzhou on Friday.",
     "Greenway открыла свой новый логистический центр в Янчжоу в пятницу.", "hub.md"),
    ("The chief executive said the logistics hub will ship many cars.",
     "Генеральный директор сказал, что логистический центр будет отгружать много машин.", "hub.md"),
]
HUB_ONCE = ("The logistics hub handled eight thousand cars in two weeks.",
            "Логистический хаб за две недели обработал восемь тысяч машин.")


def test_two_against_one_is_enough_across_articles_of_a_series():
    # a news series names a term once or twice an article: центр twice in the first, хаб in the next
    found = _article_findings("ru", HUB_TWICE + [HUB_ONCE + ("exports.html",)])
    assert [(f.msgid, f.offending) for f in found] == [(HUB_ONCE[0], "Логистический хаб")]
    assert "'логистический центр' in 2 other entries" in found[0].message


def test_two_against_one_in_one_article_is_not_enough():
    # within one article the translator may vary the wording on purpose; three entries are needed there
    assert _article_findings("ru", HUB_TWICE + [HUB_ONCE + ("hub.md",)]) == []


def test_bilingual_candidates_leave_months_and_weekdays_to_the_calendar():
    from workbench.checks.phrases import observed_renderings
    from workbench.glossary.candidates import find_candidates

    pairs = [("On Monday, June 2, the fair opens.", "6月2日（星期一），展会开幕。"),
             ("On Tuesday, June 3, Lin Haitao spoke at the fair.", "6月3日（星期二），林海涛在展会上发言。"),
             ("Lin Haitao thanked the fair's visitors.", "林海涛感谢了展会的参观者。")]
    candidates = [c for c in find_candidates([s for s, _ in pairs], min_count=2) if c.phrase in ("June", "Lin Haitao")]
    assert sorted(c.phrase for c in candidates) == ["June", "Lin Haitao"]
    found = observed_renderings(candidates, {"zh_CN": pairs})
    assert found["June"] == {}  # not 星期, what stands beside June's dates
    assert found["Lin Haitao"] == {"zh_CN": [("林海涛", 2)]}


def test_chinese_words_cut_in_a_process_of_their_own_give_the_same_findings(monkeypatch):
    """Many Chinese translations have their words cut in an interpreter started for it (jieba's dictionary, about
    60 MB, is held neither beside the phrases' readings nor in a copy of the judging process); a few are cut in
    the check's own process. Both give the same words, so the same findings."""
    import workbench.checks.phrases as phrases

    def view(report):
        return sorted((f.file, f.line, f.offending, f.message) for f in report.findings if f.check == CHECK)

    monkeypatch.setenv("WORKBENCH_JOBS", "1")  # the languages judged in this process: the calls counted here
    calls = []
    started = phrases.in_new_interpreter
    monkeypatch.setattr(phrases, "in_new_interpreter",
                        lambda function, texts: calls.append(len(texts)) or started(function, texts))
    monkeypatch.setattr(phrases, "_SEGMENT_APART", 1)
    phrases._CANDIDATES.clear()
    apart = _run("planted")
    assert calls and all(calls)  # the Chinese translations were cut in a process of their own
    monkeypatch.setattr(phrases, "_SEGMENT_APART", 10**9)
    calls.clear()
    phrases._CANDIDATES.clear()
    here = _run("planted")
    assert not calls
    assert any("zh_CN" in finding[0] for finding in view(here))
    assert view(apart) == view(here)


def test_a_new_interpreter_cuts_chinese_words_as_the_check_s_own_process_does():
    """The started interpreter imports the phrase check and cuts there (had it failed, the words would be cut in
    the judging process after all, its memory not spared): asked directly, it answers."""
    import pickle

    import workbench.checks.phrases as phrases

    texts = ["扬州汽车产业论坛在扬州举行。", "新能源汽车的%(count)s家企业参加了论坛。"]
    request = pickle.dumps(("workbench.checks.phrases", "_segmented", (texts,)))
    done = subprocess.run([sys.executable, "-m", "workbench.parallel"], input=request, capture_output=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert pickle.loads(done.stdout) == (True, phrases._segmented(texts))  # (returned, the word edges)


def test_a_run_keeps_the_phrases_for_the_next_when_the_sources_are_as_they_were(tmp_path, monkeypatch):
    """The candidates (a third of this check's time) are kept in the check cache by source set: a re-run
    after translations were revised takes them from there, reports what a fresh run does, and a kept file
    of another shape is not used."""
    import shutil

    import workbench.checks.phrases as phrases

    shutil.copytree(FIXTURES / "planted", tmp_path / "planted")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    monkeypatch.setenv("WORKBENCH_JOBS", "1")  # the languages judged in this process: their searches counted
    searched = []
    find = phrases.find_candidates
    monkeypatch.setattr(phrases, "find_candidates", lambda *a, **k: searched.append(1) or find(*a, **k))

    def run(cache=True):
        phrases._CANDIDATES.clear()  # (what one process keeps between languages)
        return run_checks(["planted"], cache=cache)

    def view(report):
        return sorted((f.file, f.line, f.message) for f in report.findings if f.check == CHECK)

    first = run()
    computed = len(searched)
    assert computed >= 1 and view(first)
    kept = sorted((tmp_path / "cache" / "checks").glob("phrases-*.pickle"))
    assert kept
    po = next((tmp_path / "planted").glob("fr/*.po"))  # a translation revised, the sources as they were
    po.write_text(po.read_text(encoding="utf-8").replace("véhicules électriques", "voitures électriques", 1),
                  encoding="utf-8")
    again = run()
    assert len(searched) == computed  # nothing searched again
    assert view(again) == view(run(cache=False))  # (which searches: no cache)
    assert len(searched) == 2 * computed
    from workbench import cache

    for path in kept:  # another shape: not used, searched again
        cache.save(path, [("trade fair", "two", 1, "phrase", 1.0, "", ())], path.stem)
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # judged again
    assert view(run()) == view(again)
    assert len(searched) == 3 * computed


def test_a_rerun_reads_again_only_the_phrases_whose_entries_changed(tmp_path, monkeypatch):
    """Each phrase's readings are kept by what they were made from (its entries' sources, translations, files
    and lines): after a translation is revised, only the phrases holding that entry are read again, and the
    report is a fresh run's; a memo of another shape is not used."""
    import shutil

    import workbench.checks.phrases as phrases

    shutil.copytree(FIXTURES / "planted", tmp_path / "planted")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    monkeypatch.setenv("WORKBENCH_JOBS", "1")  # the languages judged in this process: their readings counted
    read: list[str] = []
    readings = phrases._readings
    monkeypatch.setattr(phrases, "_readings", lambda candidate, *a: read.append(candidate.phrase) or
                        readings(candidate, *a))

    def run(cache=True):
        phrases._CANDIDATES.clear()
        return run_checks(["planted"], cache=cache)

    def view(report):
        return sorted((f.file, f.line, f.message) for f in report.findings if f.check == CHECK)

    first = run()
    everything = list(read)
    assert everything and view(first)
    kept = sorted((tmp_path / "cache" / "checks").glob("readings-*.pickle"))
    assert kept
    po = next((tmp_path / "planted").glob("fr/*.po"))
    po.write_text(po.read_text(encoding="utf-8").replace("véhicules électriques", "voitures électriques", 1),
                  encoding="utf-8")
    read.clear()
    again = run()
    assert read and set(read) < set(everything)  # some phrases read again, not all of them
    assert view(again) == view(run(cache=False))
    from workbench import cache

    for path in kept:  # another shape: not used, every phrase read again
        cache.save(path, {b"0" * 16: ("not", "readings")}, path.stem)
    for each in (tmp_path / "planted").glob("*/*.po"):  # every language judged again
        each.write_text(each.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    read.clear()
    assert view(run()) == view(again)
    assert sorted(read) == sorted(everything)


def test_a_rerun_takes_the_chosen_entries_of_the_files_that_did_not_change_from_the_cache(tmp_path, monkeypatch,
                                                                                         judging_reads):
    """The entries this check samples are kept per file with its judging record: after one French catalogue is
    revised, judging unpacks that catalogue and not the other one, and reports what a fresh run does; kept
    entries of another shape are not used."""
    import pickle
    import shutil

    from workbench import cache
    from workbench.cache import RestrictedUnpickler

    shutil.copytree(FIXTURES / "planted", tmp_path / "planted")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    monkeypatch.setenv("WORKBENCH_JOBS", "1")  # judged in this process: its reads counted

    def view(report):
        return sorted((f.file, f.line, f.message) for f in report.findings)

    run_checks(["planted"], cache=True)
    revised, other = sorted((tmp_path / "planted").glob("fr/*.po"))
    revised.write_text(revised.read_text(encoding="utf-8").replace("véhicules électriques", "voitures électriques", 1),
                       encoding="utf-8")
    read = judging_reads()
    again = run_checks(["planted"], cache=True)
    assert revised.name in read and other.name not in read
    assert view(again) == view(run_checks(["planted"]))
    for path in (tmp_path / "cache" / "checks").glob("judging-*.pickle"):  # the kept entries of another shape
        data = cache.load(path, path.stem, RestrictedUnpickler)
        data["files"] = {file: (record, pickle.dumps({key: ("not", "entries") for key in pickle.loads(views)}))
                         for file, (record, views) in data["files"].items()}
        cache.save(path, data, path.stem)
    revised.write_text(revised.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # French judged again
    read.clear()
    assert view(run_checks(["planted"], cache=True)) == view(again)
    assert other.name in read  # (unpacked, since what was kept could not be read)


def test_a_rerun_cuts_with_jieba_only_the_chinese_translations_it_has_not_cut_before(tmp_path, monkeypatch):
    """The Chinese translations' word edges are kept with the phrases' readings: after one translation is revised,
    the next run cuts that one alone, and reports what a fresh run does."""
    import shutil

    import workbench.checks.phrases as phrases

    shutil.copytree(FIXTURES / "planted", tmp_path / "planted")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    monkeypatch.setenv("WORKBENCH_JOBS", "1")  # judged in this process: the texts cut counted here
    monkeypatch.setattr(phrases, "_SEGMENT_APART", 10**9)  # (cut here, not in a process of their own)
    cut: list[str] = []
    segmented = phrases._segmented
    monkeypatch.setattr(phrases, "_segmented", lambda texts: cut.extend(texts) or segmented(texts))

    def view(report):
        return sorted((f.file, f.line, f.message) for f in report.findings if f.check == CHECK)

    run_checks(["planted"], cache=True)
    assert cut
    po = tmp_path / "planted" / "zh_CN" / "ev-trade-fair.po"
    revised = "扬州将于五月举办电动汽车博览会。"
    po.write_text(po.read_text(encoding="utf-8").replace("扬州将于五月举办电动汽车交易会。", revised), encoding="utf-8")
    cut.clear()
    again = run_checks(["planted"], cache=True)
    assert cut == [revised]
    assert view(again) == view(run_checks(["planted"]))


def test_chinese_words_are_cut_as_jieba_cuts_them_its_dictionary_from_workbench_cache(tmp_path, monkeypatch):
    """The phrase check cuts Chinese with jieba's own word list, as ``jieba.dt`` does, but reads the dictionary
    as the glossary's matcher does (workbench's cache folder), never writing jieba's cache in the temporary
    folder."""
    import tempfile

    import jieba

    import workbench.checks.phrases as phrases
    import workbench.glossary.cjkwords as cjkwords

    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setattr(cjkwords, "_DICTIONARY", [])
    cjkwords.plain_tokenizer.cache_clear()  # as a new process: no tokenizer made yet
    texts = ["扬州将于五月举办电动汽车博览会。", "欧亚数字经济博览会在扬州开幕，吸引了来自30个国家的代表。",
             "他说：“新能源汽车产业链已经形成。”", "命令行选项 --verbose 输出更多信息。"]
    ours = [phrases._word_edges(phrases._jieba(), text) for text in texts]
    assert list((tmp_path / "tmp").iterdir()) == []
    assert list((tmp_path / "cache" / "jieba").glob("*.pickle"))  # the next process reads it from there
    assert ours == [phrases._word_edges(jieba.Tokenizer(), text) for text in texts]  # (this one writes its own)
    cjkwords.plain_tokenizer.cache_clear()  # not kept for the next tests: it read this test's cache folder
