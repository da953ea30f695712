"""Glossary checks and the term × language matrix, on a TBX-Basic v3 termbase."""

from __future__ import annotations

import json

import pytest

from workbench.checks.matrix import build_matrix, render_text
from workbench.checks.runner import run_checks
from workbench.glossary.terminology import Terminology
from workbench.plurals import default_plural_forms as plural_forms
from workbench.po.catalog import Catalog, Message

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="city">
      <langSec xml:lang="en"><termSec><term>Yangzhou</term>
        <termNote type="partOfSpeech">properNoun</termNote>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="zh-CN">
        <termSec><term>扬州</term><termNote type="partOfSpeech">properNoun</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>杨州</term><termNote type="partOfSpeech">properNoun</termNote>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="ru"><termSec><term>Янчжоу</term><termNote type="partOfSpeech">properNoun</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="industry">
      <langSec xml:lang="en"><termSec><term>automotive industry</term>
        <termNote type="partOfSpeech">noun</termNote>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="zh-CN">
        <termSec><term>汽车产业</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>汽车工业</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="ru">
        <termSec><term>автомобильная промышленность</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>автопром</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="platform">
      <langSec xml:lang="en"><termSec><term>AutoLink</term>
        <termNote type="partOfSpeech">properNoun</termNote><note>do-not-translate</note>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


@pytest.fixture()
def glossary(tmp_path):
    path = tmp_path / "terms.tbx"
    path.write_text(TBX, encoding="utf-8")
    return Terminology.load(path)


def catalogue(language: str, pairs, path: str | None = None) -> Catalog:
    header = Message(msgid="", msgstr=f"Language: {language}\nContent-Type: text/plain; charset=UTF-8\n"
                                      f"Plural-Forms: {plural_forms(language)}\n")
    messages = [header] + [Message(msgid=s, msgstr=t, lineno=10 * (i + 1)) for i, (s, t) in enumerate(pairs)]
    return Catalog(messages=messages, path=path or f"{language}.po")


def checks_of(report, msgid):
    return {f.check for f in report.findings if f.msgid == msgid}


def test_terminology_tells_names_terms_and_dnt_apart(glossary):
    assert glossary.kind(glossary.concept("city")) == "name"
    assert glossary.kind(glossary.concept("industry")) == "term"
    assert glossary.kind(glossary.concept("platform")) == "dnt"


def test_russian_inflection_counts_as_the_term(glossary):
    cat = catalogue("ru", [("The automotive industry of Yangzhou grew.", "Автомобильной промышленности Янчжоу помогли.")])
    assert run_checks(cat, termbase=glossary).findings == []


def test_term_missing_deprecated_name_dnt(glossary):
    zh = catalogue("zh_CN", [
        ("The automotive industry grew.", "汽车发展了。"),
        ("Yangzhou grew.", "杨州发展了。"),
        ("Yangzhou is big.", "阳州很大。"),
        ("Register on AutoLink.", "请在汽车链接上注册。"),
        ("Register on AutoLink now.", "现在请在AutoLink上注册。"),
    ])
    report = run_checks(zh, termbase=glossary)
    assert "term-missing" in checks_of(report, "The automotive industry grew.")
    assert checks_of(report, "Yangzhou grew.") == {"term-deprecated"}  # the misspelling the glossary knows: once
    assert "name-mismatch" in checks_of(report, "Yangzhou is big.")
    mismatch = next(f for f in report.findings if f.check == "name-mismatch")
    assert mismatch.offending == "阳州"
    assert "dnt-altered" in checks_of(report, "Register on AutoLink.")
    assert checks_of(report, "Register on AutoLink now.") == set()  # dnt kept: no latin-in-cjk either


def test_term_inconsistent_within_a_language_across_catalogues(glossary):
    one = catalogue("zh_CN", [("The automotive industry grew.", "汽车产业发展了。"),
                              ("The automotive industry is key.", "汽车产业是关键。")], "a/zh_CN/one.po")
    two = catalogue("zh_CN", [("The automotive industry slowed.", "汽车工业放缓了。")], "b/zh_CN/two.po")
    report = run_checks([one, two], termbase=glossary)
    flagged = [f for f in report.findings if f.check == "term-inconsistent"]
    assert [(f.file, f.offending) for f in flagged] == [("b/zh_CN/two.po", "汽车工业")]


def test_same_as_source_spares_names(glossary):
    fr_names = catalogue("ru", [("AutoLink", "AutoLink"), ("Open the door", "Open the door")])
    report = run_checks(fr_names, termbase=glossary)
    assert checks_of(report, "AutoLink") == set()
    assert "same-as-source" in checks_of(report, "Open the door")


def test_matrix(glossary):
    zh = catalogue("zh_CN", [("The automotive industry of Yangzhou.", "扬州汽车产业。"),
                             ("Yangzhou grew.", "杨州发展了。"),
                             ("The automotive industry slowed.", "汽车工业放缓了。")])
    ru = catalogue("ru", [("The automotive industry of Yangzhou.", "Автопром Янчжоу.")])
    report = run_checks([zh, ru], termbase=glossary)
    matrix = build_matrix(report)
    rows = {row["concept"]: row for row in matrix["terms"]}
    assert set(rows) == {"city", "industry"}
    city_zh = rows["city"]["languages"]["zh_CN"]
    assert {u["text"]: u["count"] for u in city_zh["used"]} == {"扬州": 1, "杨州": 1}
    assert [d["kind"] for d in city_zh["deviations"]] == ["deprecated"]
    industry_zh = rows["industry"]["languages"]["zh_CN"]
    assert any(d["kind"] == "inconsistent" for d in industry_zh["deviations"])
    industry_ru = rows["industry"]["languages"]["ru"]
    assert industry_ru["used"][0]["text"] == "автопром" and not industry_ru["ok"]
    assert rows["city"]["languages"]["ru"]["ok"]
    text = render_text(report)
    assert "扬州 ×1" in text and "!杨州 ×1" in text
    json.dumps(matrix, ensure_ascii=False)


def test_project_glossary_loads():
    from pathlib import Path

    path = Path(__file__).parents[2] / "glossary" / "yangzhou-auto-forum.tbx"
    if not path.exists():
        pytest.skip("no project glossary")
    glossary = Terminology.load(path)
    assert len(glossary.concepts) > 10
    assert any(glossary.kind(c) == "name" for c in glossary.concepts)


def test_deprecated_russian_spelling_is_not_taken_for_an_inflected_name(tmp_path):
    """'Пан Гоцян' (deprecated) must not pass as an inflected form of 'Пань Гоцян' (preferred)."""
    from pathlib import Path

    path = Path(__file__).parents[2] / "glossary" / "yangzhou-auto-forum.tbx"
    glossary = Terminology.load(path)
    ru = catalogue("ru", [
        ("During his address, Pan Guoqiang spoke.", "В своём выступлении Пан Гоцян сказал."),
        ("Pan Guoqiang spoke.", "Выступил Пэнь Гоцян."),
        ("Pan Guoqiang was thanked.", "Пань Гоцяна поблагодарили."),
    ])
    report = run_checks(ru, termbase=glossary)
    assert checks_of(report, "During his address, Pan Guoqiang spoke.") == {"term-deprecated"}
    assert "name-mismatch" in checks_of(report, "Pan Guoqiang spoke.")
    assert checks_of(report, "Pan Guoqiang was thanked.") == set()  # the genitive of the right name


def test_german_inflected_and_compound_forms_count_wrong_renderings_do_not():
    from workbench.glossary.model import Concept, Term, Termbase

    termbase = Termbase(source_language="en")
    for concept_id, en, de, subject in [("terminal", "terminal", "Terminal", ""), ("pres", "president", "Präsident", ""),
                                        ("amb", "German ambassador", "deutscher Botschafter", ""),
                                        ("berlin", "Berlin", "Berlin", "places")]:
        concept = Concept(concept_id, subject=subject)
        concept.add("en", Term(en, status="preferred"))
        concept.add("de", Term(de, status="preferred"))
        termbase.concepts.append(concept)
    good = [("Clear the terminal output.", "Terminalausgaben löschen."),
            ("The president spoke.", "Die Präsidentin sprach."),
            ("The speech of the German ambassador.", "Die Rede des deutschen Botschafters."),
            ("The Berlin senate met.", "Der Berliner Senat tagte.")]
    wrong = [("The terminal is closed.", "Der Termin ist abgesagt."),
             ("The president's office.", "Das Präsidium."),
             ("The German ambassador's embassy.", "Die deutsche Botschaft.")]
    report = run_checks(catalogue("de", good + wrong), termbase=Terminology(termbase))
    assert {f.msgid for f in report.findings if f.check in ("term-missing", "name-mismatch")} == {s for s, _ in wrong}


def test_term_inconsistent_from_the_per_file_stage_or_on_the_spot(tmp_path, glossary):
    """A run keeps the renderings each entry uses from ``summarise`` (the per-file stage, on every core); a caller
    handing over catalogues already read has them worked out by the check. Both report the same entries."""
    from workbench.checks.base import Context, Entry
    from workbench.checks.glossary import TermInconsistent
    from workbench.checks.runner import load_inputs
    from workbench.po.writer import format_po

    pairs = {"a": [("The automotive industry grew.", "汽车产业发展了。"), ("The automotive industry is key.", "汽车产业是关键。")],
             "b": [("The automotive industry slowed.", "汽车工业放缓了。"), ("Yangzhou grew.", "扬州发展了。")]}
    for name, entries in pairs.items():
        path = tmp_path / "locale" / name / "zh_CN.po"
        path.parent.mkdir(parents=True)
        path.write_text(format_po(catalogue("zh_CN", entries)), encoding="utf-8")
    run = run_checks([tmp_path / "locale"], termbase=glossary, only=["term-inconsistent"])
    assert [(f.msgid, f.offending, f.span) for f in run.findings] == [
        ("The automotive industry slowed.", "汽车工业", (0, 4))]
    infos = load_inputs([tmp_path / "locale"])
    entries = [Entry(message, info) for info in infos for message in info.catalog.entries()]
    assert all(getattr(entry.message, "facts", None) is None for entry in entries)  # nothing kept: worked out now
    spot = [(entry.source, issue.offending, issue.span) for entry, _, issue in
            TermInconsistent().check_catalogues(infos, entries, Context("zh_CN", glossary=glossary))]
    assert spot == [(f.msgid, f.offending, f.span) for f in run.findings]


AFFIXED = [  # (language, source, translation): the approved rendering with a proclitic or an ending joined to it
    ("ar", "He came from Tajikistan and Yangzhou.", "جاء من طاجيكستان وليانغتشو."),
    ("ar", "He met Pan Guoqiang.", "التقى ببان قوه تشيانغ."),
    ("he", "He visited Yangzhou.", "הוא ביקר ביאנגג׳ואו."),
    ("he", "He visited Yangzhou again.", "הוא ביקר שוב ביאנגג'ואו."),
    ("sr@latin", "He came from Tajikistan.", "Došao je iz Tadžikistana."),
    ("sr@latin", "The growth of the automotive industry.", "Rast u automobilskoj industriji."),
    ("tr", "The growth of the automotive industry.", "Otomotiv sanayiinin büyümesi."),
]


def _affixed_glossary():
    from workbench.glossary.model import Concept, Term, Termbase

    termbase = Termbase(source_language="en")
    for concept_id, subject, terms in [
            ("yz", "places", {"en": "Yangzhou", "ar": "يانغتشو", "he": "יאנגג׳ואו", "sr@latin": "Jangdžou"}),
            ("tj", "places", {"en": "Tajikistan", "ar": "طاجيكستان", "sr@latin": "Tadžikistan"}),
            ("pan", "persons", {"en": "Pan Guoqiang", "ar": "بان قوه تشيانغ"}),
            ("ind", "", {"en": "automotive industry", "sr@latin": "automobilska industrija",
                         "tr": "otomotiv sanayii"})]:
        concept = Concept(concept_id, subject=subject)
        for language, text in terms.items():
            concept.add(language, Term(text, status="preferred"))
        termbase.concepts.append(concept)
    return Terminology(termbase)


@pytest.mark.parametrize("language, source, translation", AFFIXED,
                         ids=[f"{language}-{n}" for n, (language, _, _) in enumerate(AFFIXED)])
def test_a_rendering_with_a_proclitic_or_an_ending_is_the_rendering(language, source, translation):
    report = run_checks(catalogue(language, [(source, translation)]), termbase=_affixed_glossary())
    assert checks_of(report, source) & {"name-mismatch", "term-missing"} == set()


def test_a_name_mismatch_shows_the_whole_word_it_found():
    """Not "should be rendered 'Tadžikistan', found 'Tadžikistan'" for a form the matcher does not take."""
    source = "He came from Tajikistan."
    report = run_checks(catalogue("sr@latin", [(source, "Došao je iz Tadžikistanxy.")]), termbase=_affixed_glossary())
    [mismatch] = [f for f in report.findings if f.check == "name-mismatch"]
    assert mismatch.offending == "Tadžikistanxy"
    assert "found 'Tadžikistanxy'" in mismatch.message
