"""CSV/TSV: the documented layout, round trips with TBX, and bad input."""

from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.glossary import read_csv, read_tbx, write_csv, write_tbx
from workbench.glossary.csvio import format_term, parse_csv, parse_term

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).resolve().parents[2] / "glossary" / "yangzhou-auto-forum.tbx"

SAMPLE = """id,subject,definition,note,en,zh_CN,ru
mayor,government titles,Head of a city government.,,Mayor [fullForm; noun] | mayor of Yangzhou [admitted; variant],市长,мэр [note=lower case]
yangzhou,places,,,Yangzhou [case-sensitive],扬州 | 杨州 [deprecated; note=wrong radical],Янчжоу
"""


def test_reads_the_documented_layout():
    termbase = parse_csv(SAMPLE, "g.csv")
    assert termbase.source_language == "en"
    mayor = termbase.concept("mayor")
    assert mayor.subject == "government titles" and mayor.definition == "Head of a city government."
    assert [(t.text, t.status, t.type) for t in mayor.terms["en"]] == [
        ("Mayor", "preferred", "fullForm"), ("mayor of Yangzhou", "admitted", "variant")]
    assert mayor.terms["ru"][0].note == "lower case" and mayor.terms["ru"][0].status == "preferred"
    yangzhou = termbase.concept("yangzhou")
    assert yangzhou.terms["en"][0].case_sensitive
    assert [(t.text, t.status) for t in yangzhou.terms["zh_CN"]] == [("扬州", "preferred"), ("杨州", "deprecated")]
    assert yangzhou.line == 3


def test_escapes_round_trip():
    spec = format_term(parse_term(r"A\|B \[x\] [admitted; note=one\; two]"))
    term = parse_term(spec)
    assert (term.text, term.status, term.note) == ("A|B [x]", "admitted", "one; two")


def test_every_attribute_round_trips():
    term = parse_term("Galaxie [superseded; abbreviation; pos=other; case-sensitive; dnt; "
                      "gender=feminine; geographicalUsage=CA; note=old]")
    assert (term.status, term.type, term.pos, term.case_sensitive, term.dnt) == (
        "superseded", "abbreviation", "other", True, True)
    assert term.extra == {"grammaticalGender": "feminine", "geographicalUsage": "CA"}
    assert parse_term(format_term(term)) == term


@pytest.mark.parametrize("name", ["basic-v3-dca.tbx", "basic-v2.tbx"])
def test_tbx_csv_tbx_keeps_what_csv_holds_and_says_what_not(name):
    original = read_tbx(FIXTURES / name)
    text, losses = write_csv(original)
    back = parse_csv(text)
    for before, after in zip(original.concepts, back.concepts):
        assert (after.id, after.subject, after.definition, after.note, after.extra, after.lang_info) == (
            before.id, before.subject, before.definition, before.note, before.extra, before.lang_info)
        for language, terms in before.terms.items():
            for a, b in zip(terms, after.terms[language]):
                assert (a.text, a.status, a.type, a.pos, a.case_sensitive, a.dnt, a.note, a.extra) == (
                    b.text, b.status, b.type, b.pos, b.case_sensitive, b.dnt, b.note, b.extra)
    assert any("title" in loss for loss in losses)
    if name == "basic-v3-dca.tbx":
        assert any("2 TBX element(s)" in loss for loss in losses)  # history and graphic


def test_seed_tbx_csv_tbx_round_trips(tmp_path):
    original = read_tbx(SEED)
    for suffix in ("csv", "tsv"):
        path = tmp_path / f"seed.{suffix}"
        text, losses = write_csv(original, "\t" if suffix == "tsv" else ",")
        path.write_text(text, encoding="utf-8")
        back = read_csv(path)
        assert back.concepts == original.concepts
        assert losses == ["the termbase title and description (a CSV has no header for them)"]
        back.title, back.description = original.title, original.description
        assert write_tbx(back) == write_tbx(original)


def test_libreoffice_style_semicolons_and_bom(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes("\ufeffid;en;fr\nc1;Mayor;maire\n".encode("utf-8"))
    termbase = read_csv(path)
    assert termbase.concept("c1").terms["fr"][0].text == "maire"


def test_empty_id_gets_a_stable_one():
    termbase = parse_csv("id,en\n,Mayor\n")
    assert termbase.concepts[0].id.startswith("c") and termbase.concepts[0].id == parse_csv("id,en\n,Mayor\n").concepts[0].id


@pytest.mark.parametrize("text, message, line", [
    ("subject,en\nx,Mayor\n", "missing column 'id'", 1),
    ("id,subject\nc1,x\n", "no language column", 1),
    ("id,en,xx-Klingon\nc1,a,b\n", "unknown language code", 1),
    ("id,en,en\nc1,a,b\n", "appears twice", 1),
    ("id,en\nc1,a,b\n", "row has 3 cells", 2),
    ("id,en\nc1,a [frequently]\n", "unknown term attribute", 2),
    ("id,en\nc1,a [status=often]\n", "unknown status", 2),
    ('id,en\nc1,"unclosed\n', "malformed CSV", 2),
    ("id,en\nc1,Mayor\nc2,Esc\x1bape\n", "U\\+001B cannot be kept", 3),  # TBX (XML) cannot hold it
    ("id,en\n1 2,a\n", "not usable", 2),
    ("", "empty file", 1),
])
def test_bad_csv(text, message, line):
    with pytest.raises(WorkbenchError, match=message) as caught:
        parse_csv(text, "g.csv")
    assert caught.value.path == "g.csv" and caught.value.line == line


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from workbench.glossary.model import Term  # noqa: E402

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30).map(
    str.strip).filter(bool)


@settings(max_examples=200, deadline=None)
@given(text=_text, status=st.sampled_from(["preferred", "admitted", "deprecated", "superseded"]),
       type_=st.sampled_from([None, "fullForm", "shortForm", "abbreviation"]),
       pos=st.sampled_from([None, "noun", "other"]), case=st.booleans(), dnt=st.booleans(),
       note=st.one_of(st.just(""), _text), gender=st.one_of(st.just(""), _text))
def test_any_term_survives_the_cell_syntax(text, status, type_, pos, case, dnt, note, gender):
    term = Term(text, status, type_, pos, case, dnt, note, {"grammaticalGender": gender} if gender else {})
    assert parse_term(format_term(term)) == term
    cell = " | ".join([format_term(term), format_term(term)])
    assert parse_csv(write_csv_cell(cell)).concepts[0].terms["en"] == [term, term]


def write_csv_cell(cell: str) -> str:
    import csv
    import io
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["id", "en"], ["c1", cell]])
    return out.getvalue()
