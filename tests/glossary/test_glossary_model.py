"""The termbase model: status and term-type normalisation, concept helpers, merging."""

import pytest

from workbench.errors import WorkbenchError
from workbench.glossary.model import (
    Concept, Term, Termbase, is_xml_id, normalize_pos, normalize_status, normalize_term_type, require_status,
    serving_languages, tbx_status,
)


@pytest.mark.parametrize("value, expected", [
    ("preferredTerm-admn-sts", "preferred"), ("Preferred", "preferred"), ("admittedTerm-admn-sts", "admitted"),
    ("deprecatedTerm-admn-sts", "deprecated"), ("supersededTerm-admn-sts", "superseded"),
    # TBX's binding values are preferred renderings for a translator
    ("legalTerm-admn-sts", "preferred"), ("regulatedTerm-admn-sts", "preferred"),
    ("standardizedTerm-admn-sts", "preferred"),
    # TBX 2008 usageStatus
    ("notRecommended", "deprecated"), ("obsolete", "superseded"), ("forbidden", "deprecated"),
    ("", None), ("nonsense", None),
])
def test_status_spellings(value, expected):
    assert normalize_status(value) == expected


def test_tbx_status_round_trips():
    for status in ("preferred", "admitted", "deprecated", "superseded"):
        assert normalize_status(tbx_status(status)) == status


def test_unknown_status_is_an_error():
    with pytest.raises(WorkbenchError, match="unknown administrative status"):
        require_status("sometimes", "g.csv", 3)


def test_term_type_and_pos():
    assert normalize_term_type("short form") == "shortForm"
    assert normalize_term_type("orthographicalVariant") == "variant"
    assert normalize_term_type("symbol") == "symbol"  # unknown values are kept as read
    assert normalize_pos("properNoun") == "noun"  # TBX-Basic has no proper-noun value


def test_concept_approved_and_rejected_order():
    concept = Concept("c")
    concept.add("zh_CN", Term("杨州", status="deprecated"))
    concept.add("zh_CN", Term("扬州市", status="admitted"))
    concept.add("zh_CN", Term("扬州", status="preferred"))
    assert [t.text for t in concept.approved("zh_CN")] == ["扬州", "扬州市"]
    assert [t.text for t in concept.rejected("zh_CN")] == ["杨州"]
    assert concept.preferred("zh_CN").text == "扬州"
    assert concept.preferred("ru") is None


def test_resolve_language_falls_back_to_the_same_language():
    termbase = Termbase(concepts=[Concept("a", terms={"en_US": [Term("x")], "zh": [Term("y")]})])
    assert termbase.resolve_language("en") == ["en_US"]
    assert termbase.resolve_language("zh-CN") == ["zh"]
    assert termbase.resolve_language("fr") == []


def test_merge_replaces_or_keeps():
    base = Termbase(concepts=[Concept("a", subject="old"), Concept("b")])
    incoming = Termbase(concepts=[Concept("a", subject="new"), Concept("c")])
    assert base.merge(incoming) == ["a"]
    assert [c.id for c in base] == ["a", "b", "c"] and base.concept("a").subject == "new"
    kept = Termbase(concepts=[Concept("a", subject="old")])
    kept.merge(Termbase(concepts=[Concept("a", subject="new")]), replace=False)
    assert kept.concept("a").subject == "old"


def test_xml_ids():
    assert is_xml_id("c001") and is_xml_id("mayor_2") and is_xml_id("eid-VocCod-211.01")
    assert not is_xml_id("1234") and not is_xml_id("a b") and not is_xml_id("a:b") and not is_xml_id("")


@pytest.mark.parametrize("available, code, expected", [
    (["zh_CN", "zh"], "zh_CN", ["zh_CN"]),
    (["zh"], "zh_CN", ["zh"]),  # a regional catalogue falls back to the bare language
    (["zh_CN"], "zh-Hans", ["zh_CN"]),  # zh_Hans and zh_CN are one
    (["zh-CN"], "zh_CN", ["zh-CN"]),
    (["zh_TW"], "zh_CN", []),  # never the other region's terms
    (["zh"], "zh_TW", []),  # Traditional Chinese is not served by Simplified terms
    (["pt_PT"], "pt_BR", []),
    (["sr"], "sr@latin", []),  # another script
    (["en_US"], "en", ["en_US"]),  # a bare code takes the one regional variant there is
    (["en_GB", "en_US"], "en", ["en_US"]),  # among several, CLDR's likely region
    (["fr_CA", "fr-FR"], "fr", ["fr-FR"]),
    (["de_AT", "de_CH"], "de", []),  # ... and none when that one is not there
    (["fr"], "de", []),
])
def test_the_one_language_fallback_rule(available, code, expected):
    assert serving_languages(available, code) == expected


def test_the_rule_is_per_concept():
    """A termbase with zh_CN terms for one concept still serves zh_CN with another concept's zh terms."""
    mayor = Concept("mayor", terms={"en": [Term("mayor")], "zh_CN": [Term("市长", "preferred")]})
    forum = Concept("forum", terms={"en": [Term("forum")], "zh": [Term("论坛", "preferred")]})
    termbase = Termbase(concepts=[mayor, forum])
    assert [t.text for t in forum.approved("zh_CN")] == ["论坛"]
    assert termbase.resolve_language("zh_CN") == ["zh_CN", "zh"]
