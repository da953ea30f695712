"""Translator hints: the lines, their order, deprecated renderings, and idempotent application."""

from pathlib import Path

import pytest

from workbench.glossary import apply_hints, glossary_hints, hint_catalog, read_tbx
from workbench.glossary.terminology import Terminology
from workbench.glossary.model import Concept, Term, Termbase
from workbench.po.catalog import Catalog, Message

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def matcher():
    termbase = Termbase(concepts=[
        Concept("mayor", terms={"en": [Term("Mayor", "preferred")], "zh_CN": [Term("市长", "preferred")]}),
        Concept("yangzhou", terms={"en": [Term("Yangzhou", "preferred")],
                                   "zh_CN": [Term("扬州", "preferred"), Term("杨州", "deprecated")],
                                   "fr": [Term("Yangzhou", "preferred"), Term("Yang-tcheou", "superseded"),
                                          Term("Yang Zhou", "deprecated")]}),
        Concept("edz", terms={"en": [Term("Economic Development Zone", "preferred")],
                              "zh_CN": [Term("经济开发区", "preferred", note="Official name."),
                                        Term("经开区", "admitted", type="shortForm")]}),
        Concept("byd", terms={"en": [Term("BYD", "preferred", dnt=True, case_sensitive=True)]}),
        Concept("enonly", terms={"en": [Term("forum", "preferred")]}),
    ])
    return Terminology(termbase)


def test_hint_lines_in_order_of_first_occurrence(matcher):
    hints = glossary_hints(matcher, "Yangzhou's Mayor met the mayors of Yangzhou.", "en", "zh_CN")
    assert hints == ["Glossary: Yangzhou → 扬州 (not 杨州: deprecated)", "Glossary: Mayor → 市长"]


def test_admitted_superseded_dnt_and_notes(matcher):
    assert glossary_hints(matcher, "the Economic Development Zone", "en", "zh_CN") == [
        "Glossary: Economic Development Zone → 经济开发区 (also 经开区) — Official name."]
    assert glossary_hints(matcher, "Yangzhou", "en", "fr") == [
        "Glossary: Yangzhou → Yangzhou (not Yang Zhou: deprecated; not Yang-tcheou: superseded)"]
    assert glossary_hints(matcher, "BYD cars", "en", "ru") == ["Glossary: BYD → BYD (do not translate)"]
    assert glossary_hints(matcher, "the forum", "en", "zh_CN") == []  # nothing to say in zh_CN
    assert glossary_hints(matcher, "", "en", "zh_CN") == []


def test_apply_hints_replaces_only_its_own_lines_and_is_idempotent(matcher):
    message = Message(msgid="The Mayor of Yangzhou", translator_comments=["keep me"],
                      extracted_comments=["TRANSLATORS: a title", "Glossary: Mayor → 市长官"])
    hints = glossary_hints(matcher, message.msgid, "en", "zh_CN")
    assert apply_hints(message, hints) is True
    assert message.extracted_comments == [
        "TRANSLATORS: a title", "Glossary: Mayor → 市长", "Glossary: Yangzhou → 扬州 (not 杨州: deprecated)"]
    assert message.translator_comments == ["keep me"]
    assert apply_hints(message, hints) is False  # unchanged glossary: nothing changes
    assert apply_hints(message, []) is True and message.extracted_comments == ["TRANSLATORS: a title"]


def test_hint_catalog(matcher):
    catalog = Catalog(messages=[Message(msgid="", msgstr="Language: zh_CN\n"), Message(msgid="Mayor"),
                                Message(msgid="nothing here"), Message(msgid="old Mayor", obsolete=True)])
    assert hint_catalog(catalog, matcher, "en", "zh_CN") == 1
    assert catalog.messages[1].extracted_comments == ["Glossary: Mayor → 市长"]
    assert catalog.messages[0].extracted_comments == [] and catalog.messages[3].extracted_comments == []
    assert hint_catalog(catalog, matcher, "en", "zh_CN") == 0


def test_seed_glossary_hints_for_the_first_sentence():
    seed = Terminology(read_tbx(REPO / "glossary" / "yangzhou-auto-forum.tbx"))
    sentence = ("The 2023 Yangzhou Eurasian Digital Economy Expo-Auto Industry Forum took place on August 29, "
                "with Deputy Secretary of the Municipal Party Committee and Mayor Pan Guoqiang attending the "
                "opening ceremony and delivering a speech.")
    hints = glossary_hints(seed, sentence, "en", "zh_CN")
    assert hints[:2] == ["Glossary: 2023 Yangzhou Eurasian Digital Economy Expo → 2023扬州欧亚数字经济博览会 — "
                         "unsure: reconstructed name.", "Glossary: Auto Industry Forum → 汽车产业论坛"]
    assert "Glossary: Mayor → 市长" in hints
    assert any(h.startswith("Glossary: Deputy Secretary of the Municipal Party Committee → 市委副书记") for h in hints)
    assert not any(h.startswith("Glossary: Municipal Party Committee") for h in hints)  # nested: longest wins


def _catalogues():
    return sorted((REPO / "locales").rglob("*.po")) if (REPO / "locales").is_dir() else []


@pytest.mark.skipif(not _catalogues(), reason="no catalogues in locales/ yet (run workbench update)")
def test_every_catalogue_in_locales_carries_the_hints():
    from workbench.po.reader import read_po

    seed = Terminology(read_tbx(REPO / "glossary" / "yangzhou-auto-forum.tbx"))
    for path in _catalogues():
        catalog = read_po(path)
        language = catalog.language
        for message in catalog.entries():
            wanted = glossary_hints(seed, message.msgid, "en", language)
            have = [c for c in message.extracted_comments if c.startswith("Glossary: ")]
            assert have == wanted, f"{path}:{message.lineno}"
