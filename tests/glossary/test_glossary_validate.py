"""glossary validate: each kind of problem, with file and line; the seed glossary passes."""

from pathlib import Path

from workbench.glossary import read_tbx, validate_termbase
from workbench.glossary.model import Term
from workbench.glossary.csvio import parse_csv

REPO = Path(__file__).resolve().parents[2]

BAD = """id,en,zh_CN,fr
mayor,Mayor | mayor [deprecated],市长,maire
mayor2,Mayor,市长官,maire
yangzhou, Yangzhou ,扬州 | 杨州 [deprecated],
empty,,,
twice,Zone | Zone [admitted],区,zone
spaces,Party  Committee,党委,parti
mayor,Alcalde,市长2,maire2
depr,Bad term [deprecated],坏 [deprecated],mauvais [superseded]
dnt,BYD [dnt],,
"""


def codes(problems):
    return sorted({(p.code, p.concept) for p in problems})


def test_each_kind_of_problem_is_reported_with_its_line():
    termbase = parse_csv(BAD, "g.csv")
    termbase.concept("yangzhou").terms["en"].append(Term(" Yangzhou City ", path="g.csv", line=4))  # CSV strips
    problems = validate_termbase(termbase, ["en", "zh_CN", "fr"])
    found = codes(problems)
    assert ("preferred-and-deprecated", "mayor") in found
    assert ("term-in-two-concepts", "mayor2") in found  # Mayor (and maire) also under "mayor"
    assert ("whitespace", "yangzhou") in found and ("whitespace", "spaces") in found
    assert ("missing-language", "yangzhou") in found  # no fr term
    assert ("missing-language", "empty") in found
    assert ("duplicate-term", "twice") in found
    assert ("duplicate-concept", "mayor") in found  # the id is used twice
    assert ("missing-language", "depr") in found  # only deprecated/superseded terms
    assert not any(p.concept == "dnt" and p.code == "missing-language" for p in problems)  # do-not-translate
    mayor2 = next(p for p in problems if p.code == "term-in-two-concepts" and "'Mayor'" in p.message)
    assert (mayor2.path, mayor2.line) == ("g.csv", 3)
    assert str(mayor2).startswith("g.csv:3: en term 'Mayor' is in concept 'mayor2' and also in 'mayor'")


def test_empty_term_is_reported():
    problems = validate_termbase(parse_csv("id,en\nc1,a | \n", "g.csv"), ["en"])
    assert codes(problems) == [("empty-term", "c1")]


def test_same_terms_under_two_ids_is_a_duplicate_concept():
    problems = validate_termbase(parse_csv("id,en,fr\na,x,y\nb,x,y\n", "g.csv"), ["en", "fr"])
    assert ("duplicate-concept", "b") in codes(problems)


def test_case_sensitive_terms_differing_in_case_are_different():
    text = "id,en\na,Pan [case-sensitive]\nb,PAN [case-sensitive]\n"
    assert validate_termbase(parse_csv(text, "g.csv"), ["en"]) == []


def test_the_seed_glossary_passes():
    termbase = read_tbx(REPO / "glossary" / "yangzhou-auto-forum.tbx")
    assert validate_termbase(termbase, ["en", "zh_CN", "ru", "fr"]) == []
