"""The plain-text reader: paragraphs between blank lines, everything else kept as is."""

from pathlib import Path

from workbench.readers import read_document, reader_for
from workbench.readers import text as text_reader

FIXTURES = Path(__file__).parent / "fixtures"


def read(source: str):
    return text_reader.read(source, "article.txt")


def texts(document):
    return [(p.line, p.text) for p in document.paragraphs()]


def identity(document):
    return document.render(lambda paragraph: paragraph.text)


def test_registry_picks_the_text_reader():
    assert reader_for("notes.TXT") is text_reader
    assert reader_for(Path("a/b/readme.text")) is text_reader


def test_fixture_article():
    source = (FIXTURES / "article.txt").read_bytes().decode("utf-8")
    document = read_document(source, FIXTURES / "article.txt")
    assert document.format == "text"
    assert texts(document) == [
        (1, "Plain text article"),
        (3, "This paragraph is hard-wrapped\nover three lines, as plain\ntext often is.   "),
        (8, "  Indented second paragraph."),
    ]
    assert identity(document) == source


def test_hard_wrapped_lines_stay_in_one_paragraph_with_their_line_numbers():
    document = read("one\ntwo\nthree\n\nfour\n")
    [first, second] = document.paragraphs()
    assert first.text == "one\ntwo\nthree"
    assert [first.line_at(0), first.line_at(4), first.line_at(8)] == [1, 2, 3]
    assert (second.line, second.text) == (5, "four")


def test_bom_is_skeleton():
    source = "\ufeffFirst\n\nSecond\n"
    document = read(source)
    assert document.parts[0] == "\ufeff"
    assert texts(document) == [(1, "First"), (3, "Second")]
    assert identity(document) == source
    assert document.render(lambda p: p.text.upper()) == "\ufeffFIRST\n\nSECOND\n"


def test_crlf_line_ends_are_kept():
    source = "Alpha\r\nbeta\r\n\r\n\r\nGamma\r\n"
    document = read(source)
    assert texts(document) == [(1, "Alpha\r\nbeta"), (5, "Gamma")]
    assert identity(document) == source
    assert document.render(lambda p: "X") == "X\r\n\r\n\r\nX\r\n"


def test_trailing_whitespace_and_whitespace_only_lines():
    source = "Trailing   \n   \t\nNext\t\n"
    document = read(source)
    # a line of blanks separates paragraphs and stays skeleton
    assert texts(document) == [(1, "Trailing   "), (3, "Next\t")]
    assert identity(document) == source


def test_no_final_newline():
    source = "Only line, no newline"
    document = read(source)
    assert texts(document) == [(1, source)]
    assert document.parts == [document.parts[0]]
    assert identity(document) == source
    assert read("a\n\nb").render(lambda p: p.text * 2) == "aa\n\nbb"


def test_empty_and_blank_documents():
    for source in ("", "\n\n", "\ufeff", " \r\n\t\n"):
        document = read(source)
        assert list(document.paragraphs()) == []
        assert identity(document) == source


def test_unicode_text():
    source = "中文段落，没有空格。\n\nÜber café 😀\n"
    assert texts(read(source)) == [(1, "中文段落，没有空格。"), (3, "Über café 😀")]
