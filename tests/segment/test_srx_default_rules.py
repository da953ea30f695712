"""Our default rules file: valid SRX 2.0, licensed, and right on everyday text."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from workbench.segment import DEFAULT_RULES, Segmenter
from workbench.segment.srx import parse_srx

SCHEMA = Path(__file__).resolve().parent / "schema" / "srx20.xsd"


def test_valid_against_the_srx20_schema():
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.parse(str(DEFAULT_RULES), etree.XMLParser(resolve_entities=False, no_network=True))
    assert schema.validate(document), schema.error_log


def test_okapi_licence_sits_beside_it():
    licence = DEFAULT_RULES.parent / "LICENSE-okapi-Apache-2.0.txt"
    assert "Apache License" in licence.read_text(encoding="utf-8")
    header = DEFAULT_RULES.read_text(encoding="utf-8")[:4000]
    assert "Okapi" in header and "LICENSE-okapi-Apache-2.0.txt" in header


@pytest.mark.parametrize(
    "language, rulename",
    [
        ("en", "English"), ("en_GB", "English"), ("de", "German"), ("de-AT", "German"), ("fr", "French"),
        ("ru", "Russian"), ("uk", "Russian"), ("es", "Spanish"), ("it", "Italian"), ("pt_BR", "Portuguese"),
        ("nl", "Dutch"), ("pl", "Polish"), ("ja", "Japanese"), ("da", "Danish"), ("nb", "Danish"),
        ("cs", "CzechSlovak"), ("sk", "CzechSlovak"), ("bg", "Bulgarian"), ("kk", "Kazakh"), ("el", "Greek"),
        ("hy", "Armenian"), ("ar", "Arabic"), ("th", "Thai"), ("km", "Khmer"),
    ],
)
def test_languages_get_their_own_rules(language, rulename):
    document = parse_srx(DEFAULT_RULES)
    rules = Segmenter(document).rules(language).rules
    own = document.languagerules[rulename]
    assert any(rules[i:i + len(own)] == own for i in range(len(rules))), (language, rulename)
    # ... between the shared exceptions and the shared sentence ends.
    assert rules[-len(document.languagerules["Common"]):] == document.languagerules["Common"]


CASES = [
    # Markdown and inline tags stay with the sentence they close or open.
    ("en", "See **the docs.** Then run `make`. Done.", ["See **the docs.**", "Then run `make`.", "Done."]),
    ("en", "Click <g1>Save.</g1> Then <g2>close</g2> it.<x3/> Next one.",
     ["Click <g1>Save.</g1>", "Then <g2>close</g2> it.<x3/>", "Next one."]),
    ("en", "Read [the guide](https://example.com/a.b). It helps.",
     ["Read [the guide](https://example.com/a.b).", "It helps."]),
    # A newline alone is not a break; a blank line is.
    ("en", "This line is\nhard-wrapped. And this\none too.\n\nNew paragraph.",
     ["This line is\nhard-wrapped.", "And this\none too.", "New paragraph."]),
    ("en", "The call is at 3 p.m. EST. Please join on time.", ["The call is at 3 p.m. EST.", "Please join on time."]),
    ("en", "Dr. Watson arrived at 10 a.m. He was late.", ["Dr. Watson arrived at 10 a.m.", "He was late."]),
    ("en", "He is ranked no. 1 in the world. She is no. 3.", ["He is ranked no. 1 in the world.", "She is no. 3."]),
    ("en", "Use e.g. The Times. Then stop.", ["Use e.g. The Times.", "Then stop."]),
    ("en", "She said: “It is done. We won.” Then she left.", ["She said: “It is done. We won.”", "Then she left."]),
    ("en", "It was written by J. R. R. Tolkien. He was British.",
     ["It was written by J. R. R. Tolkien.", "He was British."]),
    ("en", "The U.S. Army left. The E.U. met in Brussels.", ["The U.S. Army left.", "The E.U. met in Brussels."]),
    ("en", "I was born in 1985. The next year we moved.", ["I was born in 1985.", "The next year we moved."]),
    ("de", "Wir trafen Dr. med. Meyer in der Stadt. Er war nett.",
     ["Wir trafen Dr. med. Meyer in der Stadt.", "Er war nett."]),
    ("de", "Am 3. Oktober ist Feiertag. Dann fahren wir weg.", ["Am 3. Oktober ist Feiertag.", "Dann fahren wir weg."]),
    ("de", "»Ich komme. Du auch?«, fragte er. Dann ging er.", ["»Ich komme. Du auch?«, fragte er.", "Dann ging er."]),
    ("fr", "M. Dupont est arrivé. Il était en retard.", ["M. Dupont est arrivé.", "Il était en retard."]),
    ("fr", "« Je viens. Tu viens ? » dit-il. Puis il partit.", ["« Je viens. Tu viens ? » dit-il.", "Puis il partit."]),
    ("fr", "Voir p. 12 pour les détails. Mme Durand est d'accord.",
     ["Voir p. 12 pour les détails.", "Mme Durand est d'accord."]),
    ("ru", "В 2010-2012 гг. Виктор посещал г. Волгоград неоднократно.",
     ["В 2010-2012 гг. Виктор посещал г. Волгоград неоднократно."]),
    ("ru", "Уважаемый проф. Семенов! Просьба до 20.10 сдать отчет.",
     ["Уважаемый проф. Семенов!", "Просьба до 20.10 сдать отчет."]),
    ("ru", "Мы купили хлеб, молоко и т.д. Затем пошли домой.", ["Мы купили хлеб, молоко и т.д.", "Затем пошли домой."]),
    ("ru", "«Я приду поздно. Жди», — сказал Андрей. Он ушёл.", ["«Я приду поздно. Жди», — сказал Андрей.", "Он ушёл."]),
    # A unit after a number may end a sentence; an initial may not.
    ("fr", "Il est 10 h. Nous partons. M. et Mme Dupont sont là.", ["Il est 10 h.", "Nous partons.", "M. et Mme Dupont sont là."]),
    ("ru", "Встреча в 10 ч. Мы придём. Это стоит 30 руб. А. С. Пушкин там был.",
     ["Встреча в 10 ч.", "Мы придём.", "Это стоит 30 руб.", "А. С. Пушкин там был."]),
    ("es", "El Sr. García llegó. ¿Vienes? ¡Claro!", ["El Sr. García llegó.", "¿Vienes?", "¡Claro!"]),
    ("it", "Il Dott. Rossi è arrivato. La Sig.ra Bianchi no.", ["Il Dott. Rossi è arrivato.", "La Sig.ra Bianchi no."]),
    ("pt_BR", "O Sr. Silva chegou. A Dra. Costa não.", ["O Sr. Silva chegou.", "A Dra. Costa não."]),
    ("nl", "Dhr. Jansen kwam. Mevr. de Vries niet.", ["Dhr. Jansen kwam.", "Mevr. de Vries niet."]),
    ("pl", "Prof. Nowak przyszedł. Zob. np. str. 5 tamże.", ["Prof. Nowak przyszedł.", "Zob. np. str. 5 tamże."]),
    # Chinese and Japanese: 。！？ end a sentence with no space after them.
    ("zh_CN", "他说：“我来了。”然后他走了。", ["他说：“我来了。”", "然后他走了。"]),
    ("zh-CN", "今天天气很好！我们去公园吧？价格是3.5元。", ["今天天气很好！", "我们去公园吧？", "价格是3.5元。"]),
    ("zh_TW", "我們明天去看《摔跤吧！爸爸》好嗎？好！", ["我們明天去看《摔跤吧！爸爸》好嗎？", "好！"]),
    ("zh", "「今天先这样。」他说。然后离开。", ["「今天先这样。」他说。", "然后离开。"]),
    ("zh", "她问《计划A（试行版）！》什么时候发布？预计明天。", ["她问《计划A（试行版）！》什么时候发布？", "预计明天。"]),
    ("ja", "「行こう。」と彼は言った。次の日。", ["「行こう。」と彼は言った。", "次の日。"]),
    ("ja", "これは１．５倍です。本当？\u3000はい。", ["これは１．５倍です。", "本当？", "はい。"]),
    ("ko", "안녕하세요. 반갑습니다.", ["안녕하세요.", "반갑습니다."]),
]


@pytest.mark.parametrize("language, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_everyday_text(language, text, expected):
    assert Segmenter.default().sentences(text, language) == expected


def test_default_is_cached():
    assert Segmenter.default() is Segmenter.default()
