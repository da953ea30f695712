"""Placeholders as chips a reviewer can read, named after the tag the source paragraph holds."""

from __future__ import annotations

from workbench.readers.html import read
from workbench.review.chips import readable, tag_names

SOURCE = "<p>Read <a href=\"/report.pdf\">the full report</a> &amp; the <b>summary</b>.<br>Call us.</p>\n"


def test_chips_name_the_tags_the_source_paragraph_holds():
    paragraph = next(read(SOURCE, "notes.html").paragraphs())
    assert paragraph.text == "Read <g1>the full report</g1> & the <g2>summary</g2>.<x3/>Call us."
    names = tag_names(paragraph, paragraph.text)
    assert names == {"1": "a", "2": "b", "3": "br"}
    assert readable(paragraph.text, names) == "Read ⟨link⟩the full report⟨/link⟩ & the ⟨b⟩summary⟨/b⟩.⟨br/⟩Call us."
    # a translation reorders them: each chip still names its own tag
    assert readable("<g2>摘要</g2>和<g1>完整报告</g1>", names) == "⟨b⟩摘要⟨/b⟩和⟨link⟩完整报告⟨/link⟩"


def test_unknown_tags_show_their_number():
    assert readable("Click <g1>here</g1><x2/> now", {}) == "Click ⟨1⟩here⟨/1⟩⟨2/⟩ now"


def test_character_references_are_decoded_and_plain_text_left_alone():
    assert readable("Q&amp;A &#8212; R&#x26;D &nbsp;", {}) == "Q&A — R&D \xa0"
    assert readable("Q&amp;A <g1>", {}, markup=False) == "Q&amp;A <g1>"
    assert readable("AT&T & co", {}) == "AT&T & co"  # not references: left alone
