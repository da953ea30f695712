"""glossary candidates: frequent phrases and names not yet in the glossary, ranked."""

from pathlib import Path

from workbench.glossary import TermMatcher, read_tbx
from workbench.glossary.candidates import find_candidates
from workbench.glossary.csvio import parse_csv

REPO = Path(__file__).resolve().parents[2]

TEXTS = [
    "The opening ceremony of the forum was held in Yangzhou.",
    "After the opening ceremony, Pan Xueyuan spoke about the automotive industry.",
    "The automotive industry grew; opening ceremonies were many.",
    "Rezabov Isfandi, a guest from Tajikistan, praised the automotive industry.",
    "He thanked the city for the opening ceremony.",
]


def phrases(candidates):
    return {c.phrase: c for c in candidates}


def test_frequent_phrases_and_names_are_ranked():
    found = find_candidates(TEXTS)
    by_phrase = phrases(found)
    assert by_phrase["opening ceremony"].count == 4  # plural folded in
    assert by_phrase["automotive industry"].count == 3 and by_phrase["automotive industry"].kind == "phrase"
    assert by_phrase["Pan Xueyuan"].kind == "name" and by_phrase["Rezabov Isfandi"].count == 1
    assert "Tajikistan" in by_phrase  # a single capitalised word never written in lower case
    assert "The" not in by_phrase and "He" not in by_phrase  # sentence starts are not names
    assert found[0].phrase == "opening ceremony"
    scores = [c.score for c in found]
    assert scores == sorted(scores, reverse=True)


def test_glossary_terms_and_their_parts_are_left_out():
    matcher = TermMatcher(parse_csv("id,en\nc1,opening ceremony\nc2,Pan Xueyuan\n"))
    by_phrase = phrases(find_candidates(TEXTS, matcher))
    assert "opening ceremony" not in by_phrase and "Pan Xueyuan" not in by_phrase
    assert "automotive industry" in by_phrase


def test_subsumed_phrases_are_dropped():
    texts = ["the Standing Committee of the Municipal Party Committee met"] * 3
    by_phrase = phrases(find_candidates(texts))
    assert "Standing Committee of the Municipal Party Committee" in by_phrase
    assert "Party Committee" not in by_phrase  # only ever part of the longer name


def test_seed_article_against_the_seed_glossary():
    text = (REPO / "seeds" / "yangzhou-auto-forum-2023.txt").read_text(encoding="utf-8")
    matcher = TermMatcher(read_tbx(REPO / "glossary" / "yangzhou-auto-forum.tbx"))
    found = phrases(find_candidates(text.split("\n\n"), matcher))
    assert "Pan Guoqiang" not in found and "automotive industry" not in found  # in the glossary
    assert "Municipal Party Committee" not in found


def test_a_phrase_holds_a_glossary_term_whole_or_not_at_all():
    """A candidate never begins or ends inside a glossary term ("forum opening", "ceremony speech"); one that
    holds a whole term beside other words is proposed (the longer phrase is not in the glossary)."""
    matcher = TermMatcher(parse_csv("id,en\nc1,opening ceremony\n"))
    texts = ["The forum opening ceremony speech was short.", "A forum opening ceremony speech followed.",
             "The forum opening was late, the ceremony speech was not."]
    by_phrase = phrases(find_candidates(texts, matcher, max_words=3))
    assert "forum opening ceremony" in by_phrase and "opening ceremony speech" in by_phrase
    assert not {"forum opening", "ceremony speech", "opening ceremony"} & set(by_phrase)
    without = phrases(find_candidates(texts, max_words=3))
    assert {"forum opening", "ceremony speech"} <= set(without)  # three times each, once outside the term
