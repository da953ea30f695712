"""The termbase model: status and term-type normalisation, concept helpers, merging."""

import pytest

from workbench.errors import WorkbenchError
from workbench.glossary.model import (
    Concept, Term, Termbase, is_xml_id, normalize_pos, normalize_status, normalize_term_type, require_status,
    tbx_status,
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
