"""The Markdown reader on a realistic article and on the awkward corners of the syntax."""

from pathlib import Path

import pytest

from workbench.readers import markdown, read_document, reader_for

FIXTURES = Path(__file__).parent / "fixtures"


def read(source: str):
    return markdown.read(source, "article.md")


def identity(document):
    return document.render(lambda paragraph: paragraph.text)


def summary(document):
    return [(p.line, p.kind, p.text) for p in document.paragraphs()]


@pytest.fixture(scope="module")
def article():
    source = (FIXTURES / "article.md").read_bytes().decode("utf-8")
    return source, read_document(source, FIXTURES / "article.md")


def test_registry_picks_the_markdown_reader():
    assert reader_for("a.md") is markdown
    assert reader_for("b.MARKDOWN") is markdown


def test_article_paragraphs_kinds_and_lines(article):
    source, document = article
    assert document.format == "markdown"
    assert summary(document) == [
        (6, "heading", "Getting *started* with Workbench"),
        (8, "paragraph", "Workbench pulls articles into **gettext** catalogues, one\n"
                         "paragraph at a time, and builds them back. See the\n"
                         '[manual](https://example.org/manual "The manual") for details.'),
        (12, "paragraph", "![A screenshot of the editor](img/editor.png)"),
        (14, "heading", "Setting things up"),
        (17, "list-item", "Install the package:"),
        (23, "list-item", "Create a project with `workbench init`, then\nadd your first article."),
        (25, "list-item", "Articles can be *Markdown*,\nHTML or plain text."),
        (27, "list-item", "Nested items work too."),
        (29, "blockquote", "**Note:** translations live in `locales/`,\none catalogue per language.\n"
                           "lazy continuation line"),
        (35, "table-cell", "Command"),
        (35, "table-cell", "What it does"),
        (37, "table-cell", "`init`"),
        (37, "table-cell", "Creates a project \\| with defaults"),
        (38, "table-cell", "`build`"),
        (38, "table-cell", "Rebuilds articles"),
        (41, "block", "Raw HTML blocks are read by the HTML reader."),
        (46, "heading", "Closing words"),
        (47, "paragraph", "Thanks for reading 😀 — 谢谢阅读。"),
    ]
    assert identity(document) == source


def test_article_skeleton_is_not_translated(article):
    source, document = article
    shouting = document.render(lambda p: p.text.upper())
    for untouched in ("title: Getting started", "pip install workbench", "indented code is not translated",
                      "<div class=\"footer\">", "[manual]: https://example.org/manual",
                      "|---------|--------------|"):
        assert untouched in shouting
    assert "# GETTING *STARTED* WITH WORKBENCH\n" in shouting
    assert "SETTING THINGS UP\n-----------------\n" in shouting
    assert "## CLOSING WORDS ##\n" in shouting


def test_line_numbers_of_continuation_lines(article):
    _, document = article
    quote = next(p for p in document.paragraphs() if p.kind == "blockquote")
    assert [quote.line_at(0), quote.line_at(quote.text.index("one")), quote.line_at(len(quote.text) - 1)] == [29, 30, 31]


def test_continuation_prefixes_are_skeleton_and_come_back():
    source = "> first line\n> second line\n\n- item\n  wrapped\n  - nested\n    wrapped too\n"
    document = read(source)
    assert [p.text for p in document.paragraphs()] == [
        "first line\nsecond line", "item\nwrapped", "nested\nwrapped too"]
    # same number of lines: each line goes back behind its own prefix
    assert document.render(lambda p: p.text.upper()) == (
        "> FIRST LINE\n> SECOND LINE\n\n- ITEM\n  WRAPPED\n  - NESTED\n    WRAPPED TOO\n")


def test_a_translation_of_other_length_starts_on_the_first_line():
    document = read("> one\n> two\n> three\n\n1. alpha\n   beta\n")
    rendered = document.render(lambda p: {"one\ntwo\nthree": "Un deux trois.", "alpha\nbeta": "A\nB\nC"}[p.text])
    assert rendered == "> Un deux trois.\n\n1. A\n   B\n   C\n"
    # more lines than the original: later lines get the prefix of a continuation line
    assert read("> - item\n").render(lambda p: "x\ny") == "> - x\n>   y\n"


def test_inline_markup_can_be_reordered_by_the_translator():
    document = read("- Click **Save** to keep [the draft](d.md).\n")
    rendered = document.render(lambda p: "Um [den Entwurf](d.md) zu behalten, **Speichern** klicken.")
    assert rendered == "- Um [den Entwurf](d.md) zu behalten, **Speichern** klicken.\n"


def test_headings_atx_setext_and_empty():
    source = "#   Spaced   #####\n\n#\n\nMulti\nline title\n==========\n\n### Title with `code` ###   \n"
    document = read(source)
    assert summary(document) == [
        (1, "heading", "Spaced"), (5, "heading", "Multi\nline title"), (9, "heading", "Title with `code`")]
    assert identity(document) == source
    # an ATX heading holds one line: line breaks of a translation become spaces
    assert read("## Title\n").render(lambda p: "Ti\ntle") == "## Ti tle\n"


def test_table_cells_escape_pipes_and_keep_the_grid():
    source = "| a | b |\n|---|:-:|\n| x \\| y |   |\n"
    document = read(source)
    assert summary(document) == [(1, "table-cell", "a"), (1, "table-cell", "b"), (3, "table-cell", "x \\| y")]
    assert identity(document) == source
    assert document.render(lambda p: p.text + " | z") == "| a \\| z | b \\| z |\n|---|:-:|\n| x \\| y \\| z |   |\n"


def test_front_matter_variants():
    assert summary(read("---\ntitle: x\n---\nBody\n")) == [(4, "paragraph", "Body")]
    assert summary(read("+++\ntitle = 'x'\n+++\n\nBody\n")) == [(5, "paragraph", "Body")]
    assert summary(read("---\ntitle: x\n...\n")) == []
    # an unclosed '---' is an ordinary thematic break
    assert summary(read("---\nBody\n")) == [(2, "paragraph", "Body")]
    # not at the top: a setext heading, as CommonMark says
    assert summary(read("Intro\n\n---\ntitle\n---\n")) == [(1, "paragraph", "Intro"), (4, "heading", "title")]


def test_code_and_reference_definitions_are_skeleton_html_blocks_and_titles_are_not():
    source = ("```python\nprint('hi')\n```\n\n~~~\nraw\n~~~\n\n<!-- note -->\n\n<table><tr><td>x</td></tr></table>\n\n"
              "[ref]: /url 'Title'\n\nText with <kbd>Ctrl</kbd> and [ref].\n")
    document = read(source)
    assert summary(document) == [(11, "table-cell", "x"), (13, "link-title", "Title"),
                                 (15, "paragraph", "Text with <kbd>Ctrl</kbd> and [ref].")]
    assert identity(document) == source
    rendered = document.render(lambda p: {"x": "y", "Title": "It's a title"}.get(p.text, p.text))
    assert "<td>y</td>" in rendered and "[ref]: /url 'It\\'s a title'" in rendered


def test_bom_crlf_tabs_and_hard_breaks():
    source = "\ufeff# Title\r\n\r\nLine one  \r\n\tline two\\\r\nline three\r\n\r\n-\tTabbed item\r\n"
    document = read(source)
    assert document.parts[0] == "\ufeff"
    assert summary(document) == [
        (1, "heading", "Title"), (3, "paragraph", "Line one\nline two\\\nline three"), (7, "list-item", "Tabbed item")]
    assert identity(document) == source
    assert document.render(lambda p: p.text.upper()) == (
        "\ufeff# TITLE\r\n\r\nLINE ONE  \r\n\tLINE TWO\\\r\nLINE THREE\r\n\r\n-\tTABBED ITEM\r\n")


def test_no_final_newline_and_empty_document():
    assert summary(read("Last words")) == [(1, "paragraph", "Last words")]
    assert identity(read("Last words")) == "Last words"
    assert list(read("").paragraphs()) == []


def test_unusual_input_stays_byte_exact():
    # markdown-it replaces NUL; such a block is left as skeleton rather than mangled
    for source in ("a\x00b\n", "\r", "\r\r\n>", "-\n", "   \n", "| a |\n| - |\n", "> > # x\n>\n"):
        assert identity(read(source)) == source


def test_html_blocks_are_read_by_the_html_reader():
    source = ("# Guide\n\n<details>\n<summary>Why register &amp; early?</summary>\n\n"
              "Seats are *limited*.\n\n</details>\n\n<p align=\"center\"><img src=\"a.png\" alt=\"Logo\"></p>\n\n"
              "> <div>In a quote, HTML stays as it is.</div>\n")
    document = read(source)
    assert summary(document) == [(1, "heading", "Guide"), (4, "summary", "Why register & early?"),
                                 (6, "paragraph", "Seats are *limited*."), (10, "attribute:alt", "Logo")]
    assert identity(document) == source
    rendered = document.render(lambda p: {"Why register & early?": "Warum früh & schnell?", "Logo": "Das Logo"}.get(p.text, p.text))
    assert "<summary>Warum früh &amp; schnell?</summary>" in rendered and 'alt="Das Logo"' in rendered


@pytest.mark.parametrize("translation, problems", [
    ('Lesen Sie [dies](https://x.org "T") mit `wb run` **jetzt** und [den Rest][ref].', []),
    ('Lesen Sie [dies] (https://x.org "T") mit `wb run` **jetzt** und [den Rest][ref].',
     ["link to https://x.org is missing"]),
    ('Lesen Sie [dies](https://x.org "T") mit `wb run` **jetzt** und [den Rest] [Ref].', []),  # still the link
    ('Lesen Sie [dies](https://x.org "T") mit `wb run` **jetzt** und [den Rest][fer].',
     ["link to https://example.org/ref is missing"]),
    ('Lesen Sie [dies](https://x.org "T") mit `wb run **jetzt** und [den Rest][ref].',
     ["code span `wb run` is missing"]),
    ('Lesen Sie [dies](https://x.org "T") mit `wb run` **jetzt* und [den Rest][ref].',
     ["strong emphasis **…** is missing", "emphasis *…* is not in the source"]),
    ('Lesen Sie <b>[dies](https://x.org "T")</b> mit `wb run` **jetzt** und [den Rest][ref].',
     ["tag </b> is not in the source", "tag <b> is not in the source"]),
])
def test_markup_problems_of_a_translated_segment(translation, problems):
    document = read('Read [this](https://x.org "T") with `wb run` **now** and [the rest][ref].\n\n'
                    "[ref]: https://example.org/ref\n")
    [paragraph] = document.paragraphs()
    assert paragraph.problems(paragraph.text, translation) == problems
