"""The SRX 2.0 engine: rule order, cascade, language maps, ICU syntax, errors, spans."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import WorkbenchError
from workbench.segment import Segmenter
from workbench.segment.icu import FLAGS, translate
from workbench.segment.srx import parse_srx

OKAPI = Path(__file__).resolve().parent / "okapi" / "defaultSegmentation.srx"


def srx(languagerules: str, maprules: str, cascade: str = "no") -> bytes:
    """A small SRX 2.0 document; each rule is written ``break|before|after`` (after has no '|')."""
    rules_xml = []
    for name, lines in languagerules.items():
        rules = []
        for line in lines:
            brk, rest = line.split("|", 1)
            before, after = (part.replace("<", "&lt;") for part in rest.rsplit("|", 1))
            rules.append(
                f'<rule break="{brk}"><beforebreak>{before}</beforebreak><afterbreak>{after}</afterbreak></rule>'
            )
        rules_xml.append(f'<languagerule languagerulename="{name}">{"".join(rules)}</languagerule>')
    maps = "".join(
        f'<languagemap languagepattern="{pattern}" languagerulename="{name}"/>' for pattern, name in maprules
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0">\n'
        f'<header segmentsubflows="yes" cascade="{cascade}"/>\n'
        f"<body><languagerules>{''.join(rules_xml)}</languagerules>\n"
        f"<maprules>{maps}</maprules></body></srx>\n"
    ).encode()


def segmenter(languagerules, maprules, cascade="no") -> Segmenter:
    return Segmenter(parse_srx(srx(languagerules, maprules, cascade), "test.srx"))


def sentences(seg: Segmenter, text: str, language: str = "en") -> list[str]:
    return [text[a:b] for a, b in seg.split(text, language)]


SIMPLE = {"Default": [r"no|\bMr\.|\s", r"yes|[.?!]|\s"]}


# --- rule order -------------------------------------------------------------


def test_first_matching_rule_decides():
    seg = segmenter(SIMPLE, [(".*", "Default")])
    assert sentences(seg, "Hello Mr. Smith. How are you? Fine!") == ["Hello Mr. Smith.", "How are you?", "Fine!"]


def test_a_break_rule_before_the_exception_wins():
    seg = segmenter({"Default": [r"yes|[.?!]|\s", r"no|\bMr\.|\s"]}, [(".*", "Default")])
    assert sentences(seg, "Hello Mr. Smith. Bye.") == ["Hello Mr.", "Smith.", "Bye."]


def test_no_matching_rule_means_no_break():
    seg = segmenter({"Default": [r"yes|!|\s"]}, [(".*", "Default")])
    assert sentences(seg, "One. Two! Three.") == ["One. Two!", "Three."]


def test_empty_beforebreak_or_afterbreak_matches_everywhere():
    seg = segmenter({"Default": [r"yes||;", r"yes|,|"]}, [(".*", "Default")])
    assert sentences(seg, "a,b;c") == ["a,", "b", ";c"]


def test_beforebreak_may_match_any_length_ending_at_the_position():
    # "\w+\." must match text *ending* at the break, whatever its start.
    seg = segmenter({"Default": [r"no|\b(?:etc|approx)\.|\s", r"yes|\w+\.|\s"]}, [(".*", "Default")])
    assert sentences(seg, "Apples etc. are fruit. Pears too.") == ["Apples etc. are fruit.", "Pears too."]


def test_rules_with_backreferences_keep_their_groups():
    # "(\p{Lu})\1\." (EE. UU.) refers to its own group: it must not share an
    # alternation with rules whose groups would shift its numbering.
    seg = segmenter(
        {"Default": [r"no|(x)y|z", r"no|(\p{Lu})\1\.|\s", r"yes|(a)(b)\2\.|\s", r"yes|[.]|\s"]},
        [(".*", "Default")],
    )
    assert sentences(seg, "Los EE. UU. son grandes. Sí. abb. Fin.", "es") == [
        "Los EE. UU. son grandes.", "Sí.", "abb.", "Fin.",
    ]


def test_no_break_at_the_ends_of_the_text():
    seg = segmenter({"Default": [r"yes||"]}, [(".*", "Default")])
    assert sentences(seg, "ab") == ["a", "b"]
    assert seg.split("", "en") == []


# --- language maps and cascade ------------------------------------------------

LANGUAGES = {
    "German": [r"no|\bDr\.|\s"],
    "English": [r"no|\bMr\.|\s"],
    "Default": [r"yes|\.|\s"],
}
MAPS = [("de.*", "German"), ("en.*", "English"), (".*", "Default")]


def test_cascade_yes_applies_every_matching_map_in_order():
    seg = segmenter(LANGUAGES, MAPS, cascade="yes")
    assert sentences(seg, "Dr. A. Mr. B.", "de") == ["Dr. A.", "Mr.", "B."]
    assert sentences(seg, "Dr. A. Mr. B.", "en") == ["Dr.", "A.", "Mr. B."]
    assert sentences(seg, "Dr. A. Mr. B.", "fr") == ["Dr.", "A.", "Mr.", "B."]


def test_cascade_no_uses_the_first_matching_map_only():
    seg = segmenter(LANGUAGES, MAPS, cascade="no")
    # German rules alone have no break rule at all.
    assert sentences(seg, "Dr. A. Mr. B.", "de") == ["Dr. A. Mr. B."]
    assert sentences(seg, "Dr. A. Mr. B.", "fr") == ["Dr.", "A.", "Mr.", "B."]


def test_language_codes_gettext_or_bcp47_case_insensitive():
    seg = segmenter({"Chinese": [r"yes|。|"], "Default": [r"yes|\.|\s"]}, [("zh-CN", "Chinese"), (".*", "Default")])
    text = "一。二。"
    for code in ("zh_CN", "zh-CN", "zh-cn", "ZH_cn"):
        assert sentences(seg, text, code) == ["一。", "二。"], code
    assert sentences(seg, text, "zh_TW") == [text]


def test_languagepattern_must_match_the_whole_code():
    seg = segmenter({"E": [r"yes|\.|\s"]}, [("en", "E")])
    assert sentences(seg, "A. B.", "en") == ["A.", "B."]
    assert sentences(seg, "A. B.", "en-GB") == ["A. B."]


def test_the_rules_of_a_language_are_compiled_once():
    seg = segmenter(SIMPLE, [(".*", "Default")])
    assert seg.rules("en_GB") is seg.rules("en-GB")


# --- ICU / Java regular expressions -------------------------------------------


@pytest.mark.parametrize(
    "icu, text, expected",
    [
        (r"\u0041\u00e9", "Aé", True),
        (r"\x{41}\x{1F600}", "A\U0001F600", True),
        (r"\Qa.b*\E", "a.b*", True),
        (r"\Qa.b*\E", "axbb", False),
        (r"[\Q]-\E]+", "]-]", True),
        (r"\e", "\x1b", True),
        (r"\cJ", "\n", True),
        (r"\011\0101", "\tA", True),
        (r"\p{IsLu}\p{javaLowerCase}+", "Ab", True),
        (r"\P{javaUpperCase}", "a", True),
        (r"\p{IsLatin}\p{InGreek}", "aα", True),
        (r"a++b", "aab", True),
        (r"a{2}+", "aa", True),
        (r"[a-z&&[^aeiou]]+", "bcd", True),
        (r"[a-z&&[^aeiou]]+", "bad", False),
        (r"[]a]+", "]a", True),
        (r"(?d)a.b", "a-b", True),
        (r"((?i)jan|feb)\.", "FEB.", True),
        (r"((?i)jan)x", "JANX", False),
        (r"\R", "\r\n", True),
        (r"\v\V\h\H", "\na\u3000b", True),
        (r"\H", " ", False),
    ],
)
def test_icu_syntax(icu, text, expected):
    pattern = regex.compile(translate(icu), FLAGS)
    assert bool(pattern.fullmatch(text)) is expected


def test_icu_end_anchors():
    # Java's \Z allows a final line terminator, \z does not; Python's \Z is Java's \z.
    assert regex.search(translate(r"ab\Z"), "ab\n", FLAGS)
    assert not regex.search(translate(r"ab\z"), "ab\n", FLAGS)
    assert regex.search(translate(r"ab\z"), "ab", FLAGS)


def test_icu_escapes_in_a_rules_file():
    seg = segmenter({"Default": [r"yes|\u3002|", r"yes|\x{FF01}|", r"yes|\p{IsLu}\.|\s"]}, [(".*", "Default")])
    assert sentences(seg, "甲。乙！丙 A. b") == ["甲。", "乙！", "丙 A.", "b"]


# --- bad files ------------------------------------------------------------------


def error_for(data: bytes) -> WorkbenchError:
    with pytest.raises(WorkbenchError) as info:
        parse_srx(data, "rules.srx")
    return info.value


def test_not_well_formed_xml_names_the_line():
    data = srx(SIMPLE, [(".*", "Default")]).replace(b"</maprules>", b"</maprule>")
    err = error_for(data)
    assert err.path == "rules.srx" and err.line == 5
    assert "malformed XML" in err.message


def test_bad_regular_expression_names_its_line():
    data = srx({"Default": ["yes|x|\\s", "yes|[a-|\\s"]}, [(".*", "Default")]).replace(b"<rule", b"\n<rule")
    err = error_for(data)
    assert err.line == 6
    assert "beforebreak" in err.message and "[a-" in err.message
    assert str(err).startswith("rules.srx:6: ")


def test_bad_break_attribute():
    data = srx(SIMPLE, [(".*", "Default")]).replace(b'break="yes"', b'break="maybe"')
    err = error_for(data)
    assert err.line == 4 and "maybe" in err.message


def test_map_to_an_unknown_languagerule():
    err = error_for(srx(SIMPLE, [(".*", "Nowhere")]))
    assert err.line == 5 and "Nowhere" in err.message


def test_wrong_root_and_wrong_version():
    assert "root element" in error_for(b"<rules/>").message
    data = srx(SIMPLE, [(".*", "Default")]).replace(b'version="2.0"', b'version="1.0"')
    assert "SRX 2.0" in error_for(data).message
    data = srx(SIMPLE, [(".*", "Default")]).replace(b' xmlns="http://www.lisa.org/srx20"', b"")
    assert "SRX 2.0" in error_for(data).message


def test_missing_maprules():
    data = srx(SIMPLE, [(".*", "Default")])
    data = data[: data.index(b"<maprules>")] + b"</body></srx>"
    assert "maprules" in error_for(data).message


def test_entities_are_refused_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = srx({"Default": ["yes|&x;|"]}, [(".*", "Default")]).replace(
        b"<srx ", f'<!DOCTYPE srx [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n<srx '.encode(), 1
    )
    err = error_for(data)
    assert "entity" in err.message and "TOP-SECRET" not in str(err)


def test_rule_text_may_hold_comments_cdata_and_character_references():
    data = srx({"Default": ["yes|x|"]}, [(".*", "Default")]).replace(
        b"<beforebreak>x</beforebreak>", b"<beforebreak>a<!-- why -->&amp;<![CDATA[<]]>&#x41;</beforebreak>"
    )
    (rule,) = parse_srx(data, "rules.srx").languagerules["Default"]
    assert rule.before == "a&<A"


def test_missing_file(tmp_path):
    with pytest.raises(WorkbenchError) as info:
        Segmenter.from_file(tmp_path / "none.srx")
    assert info.value.path.endswith("none.srx")


def test_from_file_reads_a_file(tmp_path):
    path = tmp_path / "rules.srx"
    path.write_bytes(srx(SIMPLE, [(".*", "Default")]))
    assert sentences(Segmenter.from_file(path), "Hi Mr. X. Yes.") == ["Hi Mr. X.", "Yes."]
    path.write_bytes(srx({"Default": ["yes|(|"]}, [(".*", "Default")]))
    with pytest.raises(WorkbenchError) as info:
        Segmenter.from_file(path)
    assert info.value.path == str(path) and info.value.line == 4


# --- spans ------------------------------------------------------------------------


def test_spans_are_stripped_and_skip_whitespace():
    seg = segmenter({"Default": [r"yes|[.。]|"]}, [(".*", "Default")])
    text = "\t One. \n\u3000Two。\u3000 \n"
    spans = seg.split(text, "en")
    assert [text[a:b] for a, b in spans] == ["One.", "Two。"]
    assert spans == [(2, 6), (9, 13)]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab .!?\n\t\u3000。”)(*<>/gx1AZ")), max_size=80),
    st.sampled_from(["en", "de", "zh_CN", "ja", "ru", "fr", "ar", "hy", "el"]),
)
def test_default_spans_partition_the_text(text, language):
    spans = Segmenter.default().split(text, language)
    covered = set()
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert text[previous_end:start].strip() == ""
        covered.update(range(start, end))
        previous_end = end
    assert text[previous_end:].strip() == ""
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@lru_cache(maxsize=1)
def okapi() -> Segmenter:
    return Segmenter.from_file(OKAPI)


def test_okapi_rules_load_and_segment():
    seg = okapi()
    text = "Mr. Holmes is from the U.K. not the U.S. Is Dr. Watson from there too? Yes: both are."
    assert sentences(seg, text) == [
        "Mr. Holmes is from the U.K. not the U.S.",
        "Is Dr. Watson from there too?",
        "Yes: both are.",
    ]


# --- the fast path agrees with the SRX definition -------------------------------


def naive_breaks(rules, text: str) -> list[int]:
    """SRX 2.0 taken literally: every position, every rule in order, first match decides."""
    compiled = [
        (
            rule.is_break,
            regex.compile("(?:" + translate(rule.before) + r")\Z", FLAGS),
            regex.compile(translate(rule.after), FLAGS),
        )
        for rule in rules
    ]
    result = []
    for pos in range(1, len(text)):
        for is_break, before, after in compiled:
            if before.search(text, 0, pos) and after.match(text, pos):
                if is_break:
                    result.append(pos)
                break
    return result


ALPHABET = list("aA .!?,\n\t\u3000。！」”)(«»“*<>/g1ME") + ["Mr.", "U.S.", "e.g.", "...", ". . .", "</g1>", "1. "]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join),
    st.sampled_from(["en", "ru", "zh", "de", "fr", "da", "el", "ar", "hy", "ja"]),
    st.sampled_from(["default", "okapi"]),
)
def test_candidate_scan_agrees_with_the_definition(text, language, rules):
    seg = Segmenter.default() if rules == "default" else okapi()
    compiled = seg.rules(language)
    assert compiled.breaks(text) == naive_breaks(compiled.rules, text)
