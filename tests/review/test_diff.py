"""The word diff of a fuzzy entry's previous source against its current one."""

from __future__ import annotations

from workbench.review.diff import DELETE, EQUAL, INSERT, word_diff


def sides(pieces):
    old = "".join(text for op, text in pieces if op != INSERT)
    new = "".join(text for op, text in pieces if op != DELETE)
    return old, new


def test_words_are_the_unit():
    old, new = "The forum took place on August 29.", "The 2023 forum took place on August 30."
    pieces = word_diff(old, new)
    assert [(op, text) for op, text in pieces if op != EQUAL] == [(INSERT, " 2023"), (DELETE, "29"), (INSERT, "30")]
    assert sides(pieces) == (old, new)


def test_chinese_is_compared_character_by_character():
    old, new = "市长出席开幕式并致辞。", "市长出席闭幕式并讲话。"
    pieces = word_diff(old, new)
    assert [(op, text) for op, text in pieces if op != EQUAL] == [
        (DELETE, "开"), (INSERT, "闭"), (DELETE, "致辞"), (INSERT, "讲话")]
    assert sides(pieces) == (old, new)


def test_a_placeholder_is_one_token():
    pieces = word_diff("See <g1>this</g1>.", "See <g2>this</g2>.")
    assert [(op, text) for op, text in pieces if op != EQUAL] == [
        (DELETE, "<g1>"), (INSERT, "<g2>"), (DELETE, "</g1>"), (INSERT, "</g2>")]
