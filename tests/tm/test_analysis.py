"""``workbench tm analyse``: words per match band per article × language, as if each catalogue were empty."""

from __future__ import annotations

import json

from workbench.cli import main
from workbench.config import load_config
from workbench.tm.analysis import analyse, band


def by_key(results):
    return {(r.article, r.language): r for r in results}


def test_bands_of_the_second_article_against_the_first(tm_project):
    results = by_key(analyse(load_config(tm_project), ["second"], ["fr"]))
    second = results[("second", "fr")]
    assert second.words == {
        "100%": 6,      # Mayor Pan Guoqiang delivered a speech.
        "95-99%": 9,    # The forum opened on August 29. (6) + Table of Contents (3)
        "85-94%": 0,
        "75-84%": 5,    # Guests came from nine countries. (80 %)
        "no match": 6,  # Nothing like this was said before.
        "repetitions": 0,
    }
    assert second.segments["95-99%"] == 2
    # analysed with the first article, the sentence both have is a repetition there: translated once
    both = by_key(analyse(load_config(tm_project), ["first", "second"], ["fr"]))
    assert both[("second", "fr")].words["repetitions"] == 6 and both[("second", "fr")].words["100%"] == 0


def test_a_catalogue_is_analysed_without_its_own_translations(tm_project):
    # the first article is fully translated, yet its own units do not count: only the second article's
    # (untranslated, so none) could; every sentence is new work
    first = by_key(analyse(load_config(tm_project), ["first"], ["zh_CN"]))[("first", "zh_CN")]
    assert first.words["no match"] == first.total_words == 6 + 6 + 5 + 3


def test_a_sentence_met_again_in_the_batch_is_a_repetition(tmp_path, make_tm_project):
    root = make_tm_project(tmp_path / "p")
    (root / "seeds" / "third.txt").write_text("Nothing like this was said before.\n", encoding="utf-8")
    config = load_config(root)
    from workbench.extract import extract
    from workbench.update import update

    extract(config)
    update(config)
    results = by_key(analyse(config, ["second", "third"], ["fr"]))
    assert results[("second", "fr")].words["no match"] == 6
    assert results[("third", "fr")].words == {**dict.fromkeys(results[("third", "fr")].words, 0), "repetitions": 6}


def test_a_repeated_sentence_with_a_100_percent_match_counts_as_100_percent_each_time(tmp_path, make_tm_project):
    """memoQ and Trados Studio report 100 % matches before repetitions: the second occurrence of a sentence
    the memory already has needs no more work than the first."""
    root = make_tm_project(tmp_path / "p")
    (root / "seeds" / "third.txt").write_text("Mayor Pan Guoqiang delivered a speech.\n", encoding="utf-8")
    config = load_config(root)
    from workbench.extract import extract
    from workbench.update import update

    extract(config)
    update(config)
    results = by_key(analyse(config, ["second", "third"], ["fr"]))
    assert results[("second", "fr")].words["100%"] == 6
    third = results[("third", "fr")]
    assert third.words == {**dict.fromkeys(third.words, 0), "100%": 6}


def test_analyse_counts_words_as_stats_does(tm_project, capsys):
    """One word count for the project: the totals of 'tm analyse' and 'workbench stats' agree."""
    from workbench.stats import count_words

    results = by_key(analyse(load_config(tm_project), ["second"], ["fr"]))
    assert main(["-C", str(tm_project), "stats", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    row = next(r for r in (rows if isinstance(rows, list) else rows["catalogues"])
               if r["article"] == "second" and r["language"] == "fr")
    assert row["total"]["words"] == results[("second", "fr")].total_words
    # a hyphenated compound and a number are one word each, placeholders and tags none
    assert count_words("The Expo-Auto forum signed 12,345.5 deals with %s <b>partners</b>.") == 8


def test_band_edges():
    assert [band(s) for s in (100, 99, 95, 94, 85, 84, 75, 74, None)] == [
        "100%", "95-99%", "95-99%", "85-94%", "85-94%", "75-84%", "75-84%", "no match", "no match"]


def test_the_command_prints_the_table_and_json(tm_project, capsys):
    assert main(["-C", str(tm_project), "tm", "analyse", "--lang", "fr", "second"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["article", "lang", "100%", "95-99%", "85-94%", "75-84%", "no", "match",
                                           "repetitions", "total"]
    assert any(line.split()[:2] == ["second", "fr"] and line.split()[2:] == ["6", "9", "0", "5", "6", "0", "26"]
               for line in out.splitlines())
    assert main(["-C", str(tm_project), "tm", "analyse", "--json", "second"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(row["article"], row["language"]) for row in data] == [("second", "zh_CN"), ("second", "fr")]
    assert data[1]["words"]["100%"] == 6 and data[1]["total_words"] == 26
