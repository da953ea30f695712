"""The seed article splits into its natural sentences."""

from __future__ import annotations

from pathlib import Path

from workbench.segment import Segmenter

SEED = Path(__file__).resolve().parents[2] / "seeds" / "yangzhou-auto-forum-2023.txt"


def paragraphs() -> list[str]:
    return [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def test_sentences_per_paragraph():
    seg = Segmenter.default()
    assert [len(seg.split(p, "en")) for p in paragraphs()] == [1, 4, 5, 1, 4]


def test_last_paragraph_and_its_byline():
    last = paragraphs()[-1]
    assert Segmenter.default().sentences(last, "en") == [
        "The opening ceremony was presided over by Pan Xueyuan, member of the Standing Committee of the "
        "Municipal Party Committee, deputy mayor, and secretary of the Party Working Committee of Yangzhou "
        "Economic Development Zone.",
        "Rezabov Isfandi, a representative of Tajikistan’s business guests, also delivered a speech.",
        "The event saw the participation of domestic and foreign experts in the automotive and parts industry, "
        "industry organizations, and heads of well-known enterprises.",
        "(Reporter Zhang Yujing and He Shichun)",
    ]


def test_closing_quote_stays_with_its_sentence():
    sentences = Segmenter.default().sentences(paragraphs()[2], "en_US")
    assert sentences[0].endswith("Cross-border E-Commerce.”")
    assert sentences[1].startswith("Pan welcomed experts")


def test_whole_article_at_once():
    text = SEED.read_text(encoding="utf-8")
    spans = Segmenter.default().split(text, "en")
    assert len(spans) == 15
    assert text[spans[-1][0]:spans[-1][1]] == "(Reporter Zhang Yujing and He Shichun)"
