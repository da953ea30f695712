"""omission: a part of the source left out of a translation, found on the entry it is missing from,
never on full translations of the same sentences; the length bar calibrated on the language's own
entries is not moved by a few bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.checks.base import Context, Entry
from workbench.checks.omissions import Z_STRONG, Calibration, Omission, judged, log_ratio
from workbench.checks.runner import load_inputs, run_checks
from workbench.glossary.terminology import Terminology

CLAUSE = ("The delegation toured the new assembly plant in the development zone and discussed the schedule "
          "for the second phase of construction with the managers of the site.")
QUOTE = 'In his speech the mayor called the forum "a bridge between the carmakers of Europe and the suppliers of Asia".'
NAME = "Professor Maria Keller of the Technical University of Munich chaired the opening session on battery recycling."
FILLERS = ["Companies from many countries took part in the exhibition this year.",
           "The city plans to build a research centre for electric vehicles near the railway station."]

# per language: the full translation of each sentence, and the planted one that leaves a part out
TRANSLATIONS = {
    "zh_CN": {
        CLAUSE: ("代表团参观了开发区新建的总装厂，并与现场负责人讨论了二期工程的建设进度安排。", "代表团参观了开发区新建的总装厂。"),
        QUOTE: ("市长在致辞中称本次论坛是“连接欧洲汽车制造商与亚洲供应商的桥梁”。", "市长在致辞中谈到了本次论坛。"),
        NAME: ("慕尼黑工业大学的玛丽亚·凯勒教授主持了电池回收开幕会议。", "电池回收开幕会议已举行。"),
        FILLERS[0]: ("今年，来自多个国家的企业参加了展会。", None),
        FILLERS[1]: ("该市计划在火车站附近建设一座电动汽车研究中心。", None),
    },
    "ru": {
        CLAUSE: ("Делегация осмотрела новый сборочный завод в зоне развития и обсудила с руководством площадки "
                 "график второй очереди строительства.", "Делегация осмотрела новый сборочный завод в зоне развития."),
        QUOTE: ("В своей речи мэр назвал форум «мостом между автопроизводителями Европы и поставщиками Азии».",
                "В своей речи мэр упомянул форум."),
        NAME: ("Профессор Технического университета Мюнхена Мария Келлер провела открывающую сессию по переработке "
               "аккумуляторов.", "Открывающая сессия была посвящена переработке аккумуляторов."),
        FILLERS[0]: ("В этом году в выставке приняли участие компании из многих стран.", None),
        FILLERS[1]: ("Город планирует построить исследовательский центр электромобилей рядом с железнодорожным "
                     "вокзалом.", None),
    },
    "de": {
        CLAUSE: ("Die Delegation besichtigte das neue Montagewerk in der Entwicklungszone und besprach mit den Leitern "
                 "des Standorts den Zeitplan für den zweiten Bauabschnitt.",
                 "Die Delegation besichtigte das neue Montagewerk in der Entwicklungszone."),
        QUOTE: ("In seiner Rede nannte der Bürgermeister das Forum „eine Brücke zwischen den Autoherstellern Europas "
                "und den Zulieferern Asiens“.", "In seiner Rede erwähnte der Bürgermeister das Forum."),
        NAME: ("Professorin Maria Keller von der Technischen Universität München leitete die Eröffnungssitzung zum "
               "Batterierecycling.", "Die Eröffnungssitzung war dem Batterierecycling gewidmet."),
        FILLERS[0]: ("In diesem Jahr nahmen Unternehmen aus vielen Ländern an der Ausstellung teil.", None),
        FILLERS[1]: ("Die Stadt plant, in der Nähe des Bahnhofs ein Forschungszentrum für Elektrofahrzeuge zu bauen.",
                     None),
    },
    "fr": {
        CLAUSE: ("La délégation a visité la nouvelle usine d’assemblage de la zone de développement et a discuté avec "
                 "les responsables du site du calendrier de la deuxième phase des travaux.",
                 "La délégation a visité la nouvelle usine d’assemblage de la zone de développement."),
        QUOTE: ("Dans son discours, le maire a qualifié le forum de « pont entre les constructeurs automobiles "
                "d’Europe et les fournisseurs d’Asie ».", "Dans son discours, le maire a évoqué le forum."),
        NAME: ("La professeure Maria Keller, de l’Université technique de Munich, a présidé la séance d’ouverture "
               "consacrée au recyclage des batteries.", "La séance d’ouverture était consacrée au recyclage des batteries."),
        FILLERS[0]: ("Cette année, des entreprises de nombreux pays ont participé à l’exposition.", None),
        FILLERS[1]: ("La ville prévoit de construire un centre de recherche sur les véhicules électriques près de la gare.",
                     None),
    },
}
GLOSSARY = "id,subject,definition,note,en,zh_CN,ru,de,fr\nkeller,persons,,,Maria Keller,玛丽亚·凯勒,Мария Келлер,Maria Keller,Maria Keller\n"


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def catalogue(folder: Path, language: str, pairs: list[tuple[str, str]], domain: str = "article") -> Path:
    path = folder / language / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"msgid {quote(source)}\nmsgstr {quote(target)}\n\n" for source, target in pairs)
    path.write_text(f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    + body, encoding="utf-8")
    return path


def omissions(folder: Path, glossary: Path | None = None, only=("omission",)) -> list:
    report = run_checks([folder], termbase=Terminology.load(glossary) if glossary else None, only=list(only))
    return [f for f in report.findings if f.check == "omission"]


def glossary_file(folder: Path) -> Path:
    path = folder / "names.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
@pytest.mark.parametrize("planted", [CLAUSE, QUOTE, NAME], ids=["clause", "quote", "name"])
def test_a_planted_omission_is_found_on_its_entry(tmp_path, language, planted):
    pairs = [(source, full if source != planted else short) for source, (full, short) in TRANSLATIONS[language].items()]
    catalogue(tmp_path / "locale", language, pairs)
    found = omissions(tmp_path / "locale", glossary_file(tmp_path))
    assert [f.msgid for f in found] == [planted]
    assert found[0].severity == "warning"
    assert "no counterpart" in found[0].message and "built-in prior" in found[0].message


@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
def test_full_translations_of_the_same_sentences_give_nothing(tmp_path, language):
    pairs = [(source, full) for source, (full, _) in TRANSLATIONS[language].items()]
    catalogue(tmp_path / "locale", language, pairs)
    assert omissions(tmp_path / "locale", glossary_file(tmp_path)) == []
    assert omissions(tmp_path / "locale") == []


@pytest.mark.parametrize("language,missing", [("fr", "and a discuté"), ("ru", "and discussed")])
def test_the_message_names_what_is_missing(tmp_path, language, missing):
    pairs = [(source, short or full) for source, (full, short) in TRANSLATIONS[language].items() if source == CLAUSE]
    catalogue(tmp_path / "locale", language, pairs)
    found = omissions(tmp_path / "locale")
    assert len(found) == 1
    assert found[0].message.startswith("the clause 'and discussed the schedule for the second phase")
    assert found[0].offending.startswith("and discussed") and found[0].offending.endswith("of the site.")


def test_a_dropped_glossary_name_is_reported_once_by_name_mismatch(tmp_path):
    """The root cause: the glossary's name check (an error) speaks for the entry; the omission is kept, absorbed."""
    full, short = TRANSLATIONS["ru"][NAME]
    catalogue(tmp_path / "locale", "ru", [(NAME, short)])
    report = run_checks([tmp_path / "locale"], termbase=Terminology.load(glossary_file(tmp_path)),
                        only=["omission", "name-mismatch"])
    assert [f.check for f in report.findings] == ["name-mismatch"]
    absorbed = [f for f in report.suppressed if f.check == "omission"]
    assert len(absorbed) == 1 and absorbed[0].reason.startswith("absorbed by name-mismatch")


# -- calibration on the language's own entries ------------------------------------------------------
def good_and_truncated(language: str) -> tuple[list[list[tuple[str, str]]], list[tuple[str, str]]]:
    """Eight catalogues of the five full translations (40 entries), and the three planted ones."""
    full = [(source, target) for source, (target, _) in TRANSLATIONS[language].items()]
    bad = [(source, short) for source, (_, short) in TRANSLATIONS[language].items() if short]
    return [full] * 8, bad


def calibration(paths: list[Path], language: str) -> Calibration:
    entries = [Entry(message, info) for info in load_inputs(paths) for message in info.catalog.entries()]
    return Calibration.of([log_ratio(e.source, e.target) for e in entries if judged(e)], language)


@pytest.mark.parametrize("language", ["ru", "fr"])
def test_three_truncated_entries_among_forty_good_ones_do_not_move_the_bar(tmp_path, language):
    good, bad = good_and_truncated(language)
    paths = [catalogue(tmp_path / "locale", language, pairs, domain=f"app{n}") for n, pairs in enumerate(good)]
    before = calibration(paths, language)
    assert before.entries == 40
    paths.append(catalogue(tmp_path / "locale", language, bad, domain="truncated"))
    after = calibration(paths, language)
    assert after.entries == 43
    # the median and the spread barely move, and the truncated entries stay far below the bar
    assert abs(after.median - before.median) < 0.25 * before.sigma
    assert abs(after.sigma - before.sigma) < 0.25 * before.sigma
    assert all(after.z(log_ratio(s, t)) < Z_STRONG for s, t in bad)
    found = omissions(tmp_path / "locale", glossary_file(tmp_path))
    assert sorted((Path(f.file).stem, f.msgid) for f in found) == sorted(("truncated", s) for s, _ in bad)
    assert all("calibrated on 43 entries" in f.message for f in found)


def test_the_bar_is_the_languages_own_not_a_fixed_ratio(tmp_path):
    """A catalogue whose translators write tersely is judged against its own median: 40 translations
    at 60% of the usual French length are not reported by a calibrated run, as they would be by the prior."""
    terse = {CLAUSE: "La délégation a visité l’usine de la zone et discuté du calendrier des travaux avec le site.",
             QUOTE: "Le maire a qualifié le forum de « pont entre l’Europe et l’Asie ».",
             NAME: "Maria Keller (Université de Munich) a présidé la séance sur les batteries.",
             FILLERS[0]: "Des entreprises de nombreux pays ont exposé.",
             FILLERS[1]: "La ville construira un centre de recherche près de la gare."}
    one = catalogue(tmp_path / "one", "fr", list(terse.items()))
    prior = calibration([one], "fr")
    assert prior.entries == 0
    paths = [catalogue(tmp_path / "many", "fr", list(terse.items()), domain=f"app{n}") for n in range(8)]
    own = calibration(paths, "fr")
    assert own.median < prior.median - 0.3
    assert omissions(tmp_path / "many") == []


def test_a_dozen_entries_give_their_own_median_and_the_priors_spread(tmp_path):
    """A small project is judged against its own register (its median), with the prior's spread, and says so."""
    good, bad = good_and_truncated("ru")
    paths = [catalogue(tmp_path / "locale", "ru", pairs, domain=f"app{n}") for n, pairs in enumerate(good[:2])]
    paths.append(catalogue(tmp_path / "locale", "ru", bad[:1], domain="truncated"))
    small = calibration(paths, "ru")
    prior = Calibration.of([], "ru")
    assert small.entries == 11 and small.sigma == prior.sigma and small.median != prior.median
    found = omissions(tmp_path / "locale")
    assert [f.msgid for f in found] == [CLAUSE]
    assert "the median of 11 entries of this language, the spread a built-in prior" in found[0].message


def test_a_dropped_clause_speaks_for_the_glossary_term_in_it(tmp_path):
    """One root cause: the clause left out holds a glossary term; the omission names the clause and absorbs
    term-missing (a warning, as severe as itself), which stays in the suppressed list with the reason."""
    glossary = tmp_path / "terms.csv"
    glossary.write_text("id,subject,definition,note,en,ru\nphase,construction,,,second phase,вторая очередь\n",
                        encoding="utf-8")
    catalogue(tmp_path / "locale", "ru", [(CLAUSE, TRANSLATIONS["ru"][CLAUSE][1])])
    report = run_checks([tmp_path / "locale"], termbase=Terminology.load(glossary), only=["omission", "term-missing"])
    assert [(f.check, f.offending[:13]) for f in report.findings] == [("omission", "and discussed")]
    assert [(f.check, f.reason.split(" (")[0]) for f in report.suppressed] == [("term-missing", "absorbed by omission")]


def test_a_number_in_the_dropped_clause_is_an_error_that_absorbs_the_omission(tmp_path):
    """An error is never absorbed by a warning: the missing number (numbers, error) speaks, the omission
    is kept among the suppressed findings, so the run fails as it did without it."""
    source = ("The delegation toured the new assembly plant in the development zone and signed 12 cooperation "
              "agreements with the suppliers of the region.")
    catalogue(tmp_path / "locale", "de", [(source, "Die Delegation besichtigte das neue Montagewerk in der Entwicklungszone.")])
    report = run_checks([tmp_path / "locale"], only=["omission", "numbers"])
    assert [(f.check, f.severity, f.offending) for f in report.findings] == [("numbers", "error", "12")]
    assert [f.check for f in report.suppressed] == ["omission"]
    assert report.suppressed[0].message.startswith("the clause 'and signed 12 cooperation agreements")


def test_a_name_is_a_word_this_languages_translators_keep_as_written(tmp_path):
    """Django kept as written in the other entries is a name, and its absence evidence; Save, which the
    same translators render (Speichern), is a button's label, and its absence says nothing."""
    others = [("Click Save to keep the page.", "Klicken Sie auf Speichern, um die Seite zu behalten."),
              ("Click Save when you are done.", "Klicken Sie auf Speichern, wenn Sie fertig sind."),
              ("Press Save again.", "Drücken Sie erneut auf Speichern."),
              ("This site runs on Django.", "Diese Website läuft mit Django."),
              ("Upgrade Django first.", "Aktualisieren Sie zuerst Django."),
              ("Read the Django documentation.", "Lesen Sie die Django-Dokumentation.")]
    save = "When the form is complete, click Save to store the page in the database of the site."
    django = "When the site is ready, upgrade Django to the newest release of the framework."
    catalogue(tmp_path / "locale", "de", others + [(save, "Wenn das Formular fertig ist."),
                                                   (django, "Wenn die Website bereit ist.")])
    found = omissions(tmp_path / "locale")
    assert [(f.msgid, f.offending) for f in found] == [(django, "Django")]
    assert found[0].message.startswith("the name 'Django' has no counterpart")


SWAP = "The company sold 12,000 electric vehicles in April and plans a battery swap station in every district."


def test_a_dropped_clause_with_a_missing_glossary_term_is_found_closer_to_the_median(tmp_path):
    """A Chinese news translation is terse already: the clause "and plans a battery swap station in every
    district" left out puts it at z -1.9 only, above the -2.5 bar. The clause's length and its missing term
    are two signs; together they are enough. The full translation stays silent."""
    glossary = tmp_path / "terms.csv"
    glossary.write_text("id,subject,definition,note,en,zh_CN\nswap,,,,battery swap station,换电站\n", encoding="utf-8")
    terms = Terminology.load(glossary)
    full = "该公司4月份售出1.2万辆电动汽车，并计划在每个区建设一座换电站。"
    short = "该公司4月份售出1.2万辆电动汽车。"
    catalogue(tmp_path / "short", "zh_CN", [(SWAP, short)])
    calibration = Calibration.of([], "zh_CN")
    assert Z_STRONG < calibration.z(log_ratio(SWAP, short)) < -1.5
    report = run_checks([tmp_path / "short"], termbase=terms, only=["omission", "term-missing"])
    assert [(f.check, f.offending) for f in report.findings] == [
        ("omission", "and plans a battery swap station in every district.")]
    catalogue(tmp_path / "full", "zh_CN", [(SWAP, full)])
    assert run_checks([tmp_path / "full"], termbase=terms, only=["omission", "term-missing"]).findings == []


def test_a_short_translation_without_a_missing_piece_stays_silent_above_the_bar(tmp_path):
    # the same length, but the term is there (the translator merged the clauses tersely): no second sign
    glossary = tmp_path / "terms.csv"
    glossary.write_text("id,subject,definition,note,en,zh_CN\nswap,,,,battery swap station,换电站\n", encoding="utf-8")
    catalogue(tmp_path / "locale", "zh_CN", [(SWAP, "公司4月售电动车1.2万辆，拟各区建换电站。")])
    assert omissions(tmp_path / "locale", glossary) == []


def test_what_the_per_file_stage_keeps_gives_the_findings_computed_on_the_spot(tmp_path):
    """A run keeps each entry's ratio from ``summarise`` in the per-file stage; a caller handing over catalogues
    already read has it computed by the check itself. Both report the same omissions."""
    others = [("This site runs on Django.", "Diese Website läuft mit Django."),
              ("Upgrade Django first.", "Aktualisieren Sie zuerst Django."),
              ("Read the Django documentation.", "Lesen Sie die Django-Dokumentation.")]
    django = "When the site is ready, upgrade Django to the newest release of the framework."
    pairs = [(source, short or full) for source, (full, short) in TRANSLATIONS["de"].items()]
    catalogue(tmp_path / "locale", "de", others + pairs + [(django, "Wenn die Website bereit ist.")])
    run = [(f.msgid, f.offending, f.message) for f in omissions(tmp_path / "locale")]
    infos = load_inputs([tmp_path / "locale"])
    entries = [Entry(message, info) for info in infos for message in info.catalog.entries()]
    assert all(getattr(entry.message, "facts", None) is None for entry in entries)  # nothing kept: computed now
    spot = [(entry.source, issue.offending, issue.message)
            for entry, _, issue in Omission().check_catalogues(infos, entries, Context("de"))]
    assert sorted(spot) == sorted(run)
    assert {msgid for msgid, _, _ in run} == {CLAUSE, QUOTE, django}  # django: by the names the others keep


# -- a re-run after a commit: what a file's findings read of the calibration ---------------------------
SUFFIXES = ["", " a", " ici", " déjà", " aussi", " encore", " parfois", " toujours"]  # 0, 1, 3 ... 8 letters


@pytest.fixture
def calibrated(tmp_path, monkeypatch):
    """Eight French catalogues of the five full translations, each copy a different number of letters longer (no
    two of the 40 ratios alike, so an edit at the median moves it), the three planted ones in truncated.po, a
    private cache folder; checked in this process (judging's reads counted here)."""
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    monkeypatch.setenv("WORKBENCH_JOBS", "1")
    good, bad = good_and_truncated("fr")
    good = [[(source, target + SUFFIXES[n]) for source, target in pairs] for n, pairs in enumerate(good)]
    paths = [catalogue(tmp_path / "locale", "fr", pairs, domain=f"app{n}") for n, pairs in enumerate(good)]
    paths.append(catalogue(tmp_path / "locale", "fr", bad, domain="truncated"))
    return tmp_path / "locale", good, paths


def _found(folder: Path, cache: bool) -> list[tuple]:
    report = run_checks([folder], only=["omission"], cache=cache)
    return [(Path(f.file).stem, f.line, f.message) for f in report.findings]


def test_an_edit_that_moves_the_calibration_a_little_does_not_read_the_omissions_file_again(calibrated, judging_reads):
    """The entry at the language's median one letter longer: the median moves, but no entry of truncated.po
    changes side of a bar, its percentages print the same and its clauses fit the same. Judging reads the edited
    catalogue and not truncated.po, and reports what a fresh run does."""
    folder, good, paths = calibrated
    first = _found(folder, cache=True)
    assert [stem for stem, _, _ in first] == ["truncated"] * 3
    before = calibration(paths, "fr")
    n, k = next((n, k) for n, pairs in enumerate(good) for k, (source, target) in enumerate(pairs)
                if log_ratio(source, target) == before.median)
    catalogue(folder, "fr", [(source, target + "s" if i == k else target) for i, (source, target) in enumerate(good[n])],
              domain=f"app{n}")
    assert calibration(paths, "fr").median != before.median
    read = judging_reads()
    again = _found(folder, cache=True)
    assert read == [f"app{n}.po"]
    assert again == first == _found(folder, cache=False)


def test_an_edit_that_changes_what_an_omission_says_reads_its_file_again(calibrated, judging_reads):
    """Four catalogues' translations made longer: the median moves enough that the percentages of truncated.po's
    findings change. Its file is read again, and the findings are a fresh run's."""
    folder, good, paths = calibrated
    first = _found(folder, cache=True)
    for n in range(4):
        catalogue(folder, "fr", [(source, target + " toujours et encore") for source, target in good[n]],
                  domain=f"app{n}")
    read = judging_reads()
    again = _found(folder, cache=True)
    assert "truncated.po" in read
    assert [message for _, _, message in again] != [message for _, _, message in first]
    assert again == _found(folder, cache=False)
