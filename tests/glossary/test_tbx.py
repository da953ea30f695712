"""TBX: reading v2 and v3 (DCA, DCT) files written by hand from the spec's examples, writing v3
that validates against the TBX core schema, refusing hostile or malformed XML."""

from pathlib import Path

import pytest
from lxml import etree

from workbench.errors import WorkbenchError
from workbench.glossary import read_tbx, write_tbx
from workbench.glossary.model import Concept, Term, Termbase
from workbench.glossary.tbx import parse_tbx

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]
TBX_STANDARD = REPO.parent / "shared" / "standards" / "tbx-v3"
SEED = REPO / "glossary" / "yangzhou-auto-forum.tbx"


@pytest.fixture(scope="module")
def core_schema():
    rng = TBX_STANDARD / "TBXcoreStructV03.rng"
    if not rng.is_file():
        pytest.skip(f"TBX v3 core schema not found at {rng}: it lives in ../shared (licence unclear, not copied here)")
    return etree.RelaxNG(etree.parse(str(rng)))


@pytest.fixture(scope="module")
def core_xsd():
    xsd = TBX_STANDARD / "TBX_core.xsd"
    if not xsd.is_file():
        pytest.skip(f"TBX v3 core XSD not found at {xsd}: it lives in ../shared (licence unclear, not copied here)")
    return etree.XMLSchema(etree.parse(str(xsd)))


def _valid(schema, text: str) -> None:
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), [f"{e.line}: {e.message}" for e in schema.error_log]


def test_reads_v3_dca():
    termbase = read_tbx(FIXTURES / "basic-v3-dca.tbx")
    assert termbase.title == "Astronomy sample" and termbase.source_language == "en"
    galaxy = termbase.concept("c5")
    assert galaxy.subject == "astronomy" and galaxy.extra == {"customerSubset": "Planetarium"}
    assert galaxy.lang_info["en"]["definition"].startswith("A system of millions")
    first = galaxy.terms["en"][0]
    assert (first.text, first.status, first.pos, first.type) == ("galaxy", "preferred", "noun", "fullForm")
    assert first.extra == {"context": "The Milky Way is the galaxy that contains our Solar System.",
                           "source": "Oxford dictionary"}
    assert first.note.startswith("Lower case")
    assert galaxy.terms["en"][1].status == "superseded"
    assert galaxy.terms["fr"][0].extra == {"grammaticalGender": "feminine"}
    assert [t.status for t in galaxy.terms["zh_CN"]] == ["preferred", "deprecated"]  # zh-CN -> zh_CN
    assert len(galaxy.raw) == 2  # the history and the graphic, kept as XML
    light_year = termbase.concept("c6")
    assert light_year.terms["en"][1].case_sensitive and light_year.terms["en"][1].note == ""
    assert light_year.terms["fr"][0].status == "preferred"  # legalTerm-admn-sts


def test_reads_v3_dct():
    termbase = read_tbx(FIXTURES / "basic-v3-dct.tbx")
    concept = termbase.concept("c1")
    assert concept.subject == "astronomy"
    assert concept.terms["en"][0].status == "preferred" and concept.terms["en"][0].type == "fullForm"
    assert concept.terms["de"][0].extra == {"grammaticalGender": "feminine"}
    assert concept.terms["de"][1].status == "admitted"


def test_reads_v2():
    termbase = read_tbx(FIXTURES / "basic-v2.tbx")  # its DOCTYPE names a local DTD: accepted, never loaded
    assert termbase.title == "Legacy export" and termbase.source_language == "en_US"
    entry = termbase.concept("eid-VocCod-211.01")
    assert entry.definition.startswith("A value between")
    assert [(t.text, t.status) for t in entry.terms["en_US"]] == [
        ("alpha smoothing factor", "preferred"), ("ASF", "deprecated")]  # usageStatus notRecommended
    french = entry.terms["fr_FR"][0]  # an ntig with a termGrp
    assert french.text == "facteur de lissage alpha" and french.status == "admitted"
    assert french.extra == {"grammaticalGender": "masculine", "source": "Lexique interne"}
    assert "zh_CN" in entry.terms  # zh-Hans
    byd = termbase.concept("c1234")  # "1234" is no XML id: renamed, with a warning
    assert byd.terms["en_US"][0].dnt
    assert any("1234" in w for w in termbase.warnings)


@pytest.mark.parametrize("name", ["basic-v3-dca.tbx", "basic-v3-dct.tbx", "basic-v2.tbx"])
def test_written_v3_validates_and_reads_back_the_same(name, core_schema, core_xsd):
    termbase = read_tbx(FIXTURES / name)
    text = write_tbx(termbase)
    _valid(core_schema, text)
    _valid(core_xsd, text)
    again = parse_tbx(text.encode("utf-8"))
    assert again.concepts == termbase.concepts
    assert write_tbx(again) == text  # deterministic: a second write changes no byte


def test_seed_glossary_validates_against_the_core_schema(core_schema, core_xsd):
    text = SEED.read_text(encoding="utf-8")
    _valid(core_schema, text)
    _valid(core_xsd, text)
    assert 'type="TBX-Basic" style="dca"' in text
    assert write_tbx(read_tbx(SEED)) == text  # the file is exactly what the writer writes


def test_flags_are_written_as_notes_and_read_back():
    termbase = Termbase(concepts=[Concept("c", terms={"en": [
        Term("BYD", status="preferred", case_sensitive=True, dnt=True, note="Brand.")]})])
    text = write_tbx(termbase)
    assert "<note>case-sensitive</note>" in text and "<note>do-not-translate</note>" in text
    term = parse_tbx(text.encode()).concepts[0].terms["en"][0]
    assert term.case_sensitive and term.dnt and term.note == "Brand."


def test_writer_refuses_bad_and_duplicate_ids():
    with pytest.raises(WorkbenchError, match="not a valid XML id"):
        write_tbx(Termbase(concepts=[Concept("1 2", terms={"en": [Term("x")]})]))
    with pytest.raises(WorkbenchError, match="used twice"):
        write_tbx(Termbase(concepts=[Concept("a", terms={"en": [Term("x")]}), Concept("a", terms={"en": [Term("y")]})]))


@pytest.mark.parametrize("name, message, line", [
    ("billion-laughs.tbx", "internal subset refused", 2),
    ("external-entity.tbx", "internal subset refused", 2),
    ("network-dtd.tbx", "external DTD", 2),
    ("malformed.tbx", "malformed TBX", 7),
    ("unknown-language.tbx", "unknown language code 'xx-Klingon'", 8),
])
def test_bad_input_is_refused_with_file_and_line(name, message, line):
    with pytest.raises(WorkbenchError, match=message) as caught:
        read_tbx(FIXTURES / name)
    assert caught.value.path.endswith(name) and caught.value.line == line


def test_entity_reference_without_declaration_is_malformed():
    data = b'<?xml version="1.0"?><martif xml:lang="en"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>'
    with pytest.raises(WorkbenchError, match="malformed TBX"):
        parse_tbx(data, "x.tbx")


def test_not_tbx():
    with pytest.raises(WorkbenchError, match="not a TBX file"):
        parse_tbx(b"<html/>", "x.tbx")
