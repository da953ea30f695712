"""The HTML reader: paragraphs, placeholders, attributes, entities, skeleton, XHTML."""

import html as htmllib
import re
from pathlib import Path

import lxml.html
import pytest

from workbench.errors import WorkbenchError
from workbench.readers import html, read_document, reader_for

FIXTURES = Path(__file__).parent / "fixtures"
PLACEHOLDER = re.compile(r"</?g\d+>|<x\d+/>")


def read(source: str, path: str = "page.html"):
    return html.read(source, path)


def identity(document):
    return document.render(lambda paragraph: paragraph.text)


def summary(document):
    return [(p.line, p.kind, p.text) for p in document.paragraphs()]


@pytest.fixture(scope="module")
def article():
    source = (FIXTURES / "article.html").read_bytes().decode("utf-8")
    return source, read_document(source, FIXTURES / "article.html")


def test_registry_picks_the_html_reader():
    for name in ("a.html", "b.HTM", "c.xhtml"):
        assert reader_for(name) is html


def test_article_paragraphs_kinds_and_lines(article):
    source, document = article
    assert document.format == "html"
    assert summary(document) == [
        (5, "attribute:content", "How to get started with Workbench & friends"),
        (6, "title", "Getting started — Workbench"),
        (15, "heading", "Getting <g1>started</g1>"),
        (16, "attribute:title", "Read the docs"),
        (16, "paragraph", "Workbench pulls <g1>articles</g1> into\n<g2>gettext</g2> catalogues,<x3/>\n"
                          "one paragraph at a time & builds them back."),
        (19, "attribute:alt", "The editor window"),
        (21, "attribute:alt", "Data flow"),
        (22, "attribute:title", "Portable Object"),
        (22, "caption", "How a <g1>PO</g1> file flows"),
        (25, "list-item", "Install the package"),
        (26, "list-item", "Run <g1>workbench init</g1>"),
        (28, "list-item", "Nested <g1><g2>item</g2></g1>"),
        (34, "paragraph", "The product name <x1/> stays as is."),
        (37, "table-cell", "Command"),
        (37, "table-cell", "Effect"),
        (38, "table-cell", "Creates a project"),
        (41, "attribute:placeholder", "Search the docs"),
        (41, "attribute:aria-label", "Search"),
        (42, "block", "Text held directly by a div."),
        (42, "paragraph", "And a paragraph inside it."),
        (43, "paragraph", "谢谢阅读 — Thanks for reading!"),
    ]
    assert identity(document) == source


def test_article_skeleton_untouched(article):
    source, document = article
    shouting = document.render(lambda p: p.text.upper())
    for untouched in ('document.write("<p>Not translated</p>")', "p { margin: 0 } /* <p>not a paragraph</p> */",
                      "<pre><code>pip install workbench\nworkbench init</code></pre>",
                      '<div translate="no">Do not translate this block.</div>', '<span translate="no">Workbench</span>',
                      "<!-- a comment: <p>not text</p> -->", "<td><code>init</code></td>", '<h1 class="title">'):
        assert untouched in shouting
    assert '<a href="/docs" title="READ THE DOCS">ARTICLES</a>' in shouting
    assert '<abbr title="PORTABLE OBJECT">PO</abbr>' in shouting


def test_article_agrees_with_lxml(article):
    """Each block paragraph is, decoded and without placeholders, the text lxml sees in that element."""
    source, document = article
    root = lxml.html.document_fromstring(source)
    expected = {}
    for element in root.iter("title", "h1", "p", "li", "td", "th", "figcaption", "div"):
        own = _own_text(element)
        if own and element.get("translate") != "no":
            expected.setdefault(element.sourceline, []).append(own)
    for paragraph in document.paragraphs():
        if not paragraph.kind.startswith("attribute:"):
            assert _normal(PLACEHOLDER.sub("", paragraph.text)) in expected[paragraph.line]
    attributes = sorted(
        value for element in root.iter() for name in ("alt", "title", "placeholder", "aria-label")
        if isinstance(element.tag, str) and (value := element.get(name)))
    assert attributes == sorted(htmllib.unescape(p.text) for p in document.paragraphs()
                                if p.kind.startswith("attribute:") and p.kind != "attribute:content")


def _normal(text: str) -> str:
    return " ".join(htmllib.unescape(text).split())


def _own_text(element) -> str:
    """Text up to the first block child, leaving out translate="no" inline content."""
    pieces = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            pieces.append(child.tail or "")
            continue
        if child.tag in ("ul", "ol", "p", "div", "table", "figure", "pre"):
            break
        if child.get("translate") != "no":
            pieces.append(child.text_content())
        pieces.append(child.tail or "")
    return " ".join("".join(pieces).split())


def test_script_style_template_and_comments_are_skipped():
    source = ("<script>var s = '<p>no</p>';</script><style>p{}</style><template><p>no</p></template>"
              "<!-- <p>no</p> --><textarea>no <b>x</b></textarea><p>yes</p><svg><text>no</text></svg>")
    document = read(source)
    assert summary(document) == [(1, "paragraph", "yes")]
    assert identity(document) == source


def test_placeholders_numbered_in_order_and_restored_when_reordered():
    source = '<p>Press <kbd class="k">Ctrl</kbd>+<kbd>S</kbd> to <a href="s.html"><em>save</em></a>.<br/>Done</p>'
    [paragraph] = read(source).paragraphs()
    assert paragraph.text == "Press <g1>Ctrl</g1>+<g2>S</g2> to <g3><g4>save</g4></g3>.<x5/>Done"
    translated = "<x5/>Zum <g3><g4>Speichern</g4></g3> <g2>S</g2>+<g1>Strg</g1> drücken."
    assert paragraph.to_markup(translated) == (
        '<br/>Zum <a href="s.html"><em>Speichern</em></a> <kbd>S</kbd>+<kbd class="k">Strg</kbd> drücken.')


def test_numbering_after_trimmed_leading_tags():
    document = read("<p><br><!-- c --> <i>a</i> and <b>b</b></p><p>x<a href=y>unclosed")
    assert [p.text for p in document.paragraphs()] == ["<g1>a</g1> and <g2>b</g2>", "x<x1/>unclosed"]
    assert identity(read("<A></A")) == "<A></A"  # end of file inside a tag


def test_restore_keeps_markup_balanced_and_shows_invented_placeholders():
    [paragraph] = read("<p>a <b>b</b> c<br>d</p>").paragraphs()
    assert paragraph.text == "a <g1>b</g1> c<x2/>d"
    assert paragraph.to_markup("a <g1>b c d") == "a b c d"  # half a pair is dropped
    assert paragraph.to_markup("a b c d") == "a b c d"  # placeholders may be left out
    assert paragraph.to_markup("<g7>a</g7> <x2/>") == "&lt;g7>a&lt;/g7> <br>"


def test_character_references_are_decoded_for_the_translator_and_translator_text_is_escaped():
    source = "<p>Tom &amp; Jerry&nbsp;&#8212; &lt;tag&gt;</p>"
    document = read(source)
    [paragraph] = document.paragraphs()
    assert paragraph.text == "Tom & Jerry\u00a0— <tag>"
    assert identity(document) == source  # the source's own text comes back as written
    # what the translator typed is text: '&' and '<' are escaped, an entity name is not read as one
    assert paragraph.to_markup("Tom & Jerry\u00a0— <tag> &eacute; a < b") == (
        "Tom &amp; Jerry\u00a0— &lt;tag> &amp;eacute; a &lt; b")
    source = "<p>R&D, Q&A & more</p>"  # bare ampersands (legal HTML5) survive byte for byte
    document = read(source)
    assert identity(document) == source
    assert document.render(lambda p: "F&E") == "<p>F&amp;E</p>"


def test_a_reference_that_would_read_as_a_placeholder_is_shown_as_written():
    source = "<p>Write &lt;g1&gt; for a tag.</p>"
    [paragraph] = read(source).paragraphs()
    assert paragraph.text == "Write &lt;g1&gt; for a tag."
    assert identity(read(source)) == source


def test_attribute_values_are_escaped_for_their_quotes():
    source = """<img alt="Say &quot;hi&quot;" src=x><img alt='It&#39;s' src=y><input placeholder=Name>"""
    document = read(source)
    assert [p.text for p in document.paragraphs()] == ['Say "hi"', "It's", "Name"]
    assert identity(document) == source
    rendered = document.render(lambda p: {'Say "hi"': 'Dis "salut" & "bye"',
                                          "It's": "C'est", "Name": "Votre nom"}[p.text])
    assert rendered == ("""<img alt="Dis &quot;salut&quot; &amp; &quot;bye&quot;" src=x>"""
                        """<img alt='C&#39;est' src=y><input placeholder="Votre nom">""")


def test_attribute_inside_a_paragraph_is_translated_into_its_placeholder():
    source = '<p>See <abbr title="HyperText Markup Language">HTML</abbr> and <img src="i.png" alt="icon">.</p>'
    document = read(source)
    assert summary(document) == [(1, "attribute:title", "HyperText Markup Language"), (1, "attribute:alt", "icon"),
                                 (1, "paragraph", "See <g1>HTML</g1> and <x2/>.")]
    rendered = document.render(lambda p: {"HyperText Markup Language": "Hypertext-Auszeichnungssprache",
                                          "icon": "Symbol"}.get(p.text, "<x2/> und <g1>HTML</g1> ansehen."))
    assert rendered == ('<p><img src="i.png" alt="Symbol"> und <abbr title="Hypertext-Auszeichnungssprache">HTML'
                        '</abbr> ansehen.</p>')


def test_meta_description_and_translate_no():
    source = ('<meta name="description" content="About us"><meta property="og:title" content="Us">'
              '<meta name="viewport" content="width=device-width"><meta name="keywords" translate="no" content="k">'
              '<p translate="no">Keep</p><p>Go <img alt="skip me" translate="no"></p>')
    document = read(source)
    assert summary(document) == [(1, "attribute:content", "About us"), (1, "attribute:content", "Us"),
                                 (1, "paragraph", "Go")]


def test_implied_end_tags_and_text_held_by_containers():
    source = "<ul><li>one<li>two<p>three</ul><dl><dt>term<dd>definition</dl><table><tr><td>a<td>b</table>"
    assert [(p.kind, p.text) for p in read(source).paragraphs()] == [
        ("list-item", "one"), ("list-item", "two"), ("paragraph", "three"), ("term", "term"),
        ("definition", "definition"), ("table-cell", "a"), ("table-cell", "b")]


def test_wrapping_inline_tags_and_code_only_runs_are_skeleton():
    document = read('<li><a href="x"><b>Whole</b></a></li><li><code>--flag</code></li><li><br>After break</li>')
    assert [p.text for p in document.paragraphs()] == ["Whole", "After break"]


def test_line_numbers_and_line_starts_when_tags_span_lines():
    source = '<html>\n<body>\n<p>First\n   second <a\n   href="x">link</a>\n   third</p>\n</body>\n</html>\n'
    [paragraph] = read(source).paragraphs()
    assert paragraph.text == "First\nsecond <g1>link</g1>\nthird"
    assert paragraph.line == 3
    assert [paragraph.line_at(paragraph.text.index(word)) for word in ("First", "second", "link", "third")] == [3, 4, 5, 6]


def test_crlf_bom_and_no_final_newline():
    source = "\ufeff<p>Line one\r\n   line two</p>\r\n<p>End</p>"
    document = read(source)
    assert document.parts[0] == "\ufeff"
    assert summary(document) == [(1, "paragraph", "Line one\nline two"), (3, "paragraph", "End")]
    assert identity(document) == source
    assert document.render(lambda p: p.text.upper()) == "\ufeff<p>LINE ONE\r\n   LINE TWO</p>\r\n<p>END</p>"


def test_fragment_and_malformed_html_stay_byte_exact():
    for source in ("just text", "<p>unclosed <b>bold", "a < b > c", "<p a='1>2' b=\"3\">x</p>", "<", "<!--",
                   "</p>stray</b>", "<p>x</", "<a href=x/>y", "<div/>text", "<?php echo 1 ?>text", "<p\n>t</p\n>"):
        assert identity(read(source)) == source


def test_xhtml_is_validated_with_lxml():
    source = (FIXTURES / "chapter.xhtml").read_bytes().decode("utf-8")
    document = read_document(source, FIXTURES / "chapter.xhtml")
    assert summary(document) == [(4, "title", "Chapter One"), (6, "heading", "Chapter\u00a0One"),
                                 (7, "paragraph", "It was a <g1>dark</g1> night.<x2/>The end.")]
    assert identity(document) == source
    with pytest.raises(WorkbenchError) as error:
        read_document((FIXTURES / "broken.xhtml").read_bytes().decode("utf-8"), FIXTURES / "broken.xhtml")
    assert error.value.line == 4 and "not well-formed" in str(error.value)


def test_class_notranslate_is_honoured_like_translate_no():
    source = ('<p>Run <code class="docutils notranslate">make html</code> now.</p>'
              '<div class="highlight notranslate"><p>Not this.</p></div><p title="t" class="notranslate">No.</p>')
    document = read(source)
    assert [p.text for p in document.paragraphs()] == ["Run <x1/> now."]
    assert identity(document) == source


def test_the_root_element_gets_the_built_languages_lang_and_dir():
    document = read('<!DOCTYPE html>\n<html lang="en" class=page>\n<p>Hello.</p>\n</html>\n')
    assert document.render(lambda p: p.text, "zh_CN").startswith('<!DOCTYPE html>\n<html lang="zh-CN" class=page>\n')
    assert document.render(lambda p: p.text, "fa").startswith('<!DOCTYPE html>\n<html lang="fa" class=page dir="rtl">\n')
    # a right-to-left source translated into a left-to-right language; unquoted values; no lang yet
    assert read("<html dir=rtl><p>x</p>").render(lambda p: p.text, "de") == '<html dir="ltr" lang="de"><p>x</p>'
    assert read("<html><p>x</p>").render(lambda p: p.text, "he") == '<html lang="he" dir="rtl"><p>x</p>'
    xhtml = '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en"><body><p>x</p></body></html>'
    assert read(xhtml, "a.xhtml").render(lambda p: p.text, "ur").startswith(
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ur" lang="ur" dir="rtl">')
    assert read("<p>A fragment has no root to mark.</p>").render(lambda p: p.text, "ar") == (
        "<p>A fragment has no root to mark.</p>")


@pytest.mark.parametrize("translation, problems", [
    ("Lesen Sie <g1><g2>dies</g2></g1> <x3/>.", []),
    ("<x3/> <g1><g2>Dies</g2></g1> lesen.", []),  # reordered, still a tree
    ("Lesen Sie dies <x3/>.", ["placeholder <g1>…</g1> is missing", "placeholder <g2>…</g2> is missing"]),
    ("Lesen Sie <g1><g2>dies</g2> <x3/>.", ["placeholder </g1> is missing"]),
    ("Lesen Sie <g1><g2>dies</g2></g1> <g9>x</g9> <x3/>.", ["placeholder <g9>…</g9> is not in the source"]),
    ("Lesen Sie <g1><g2>dies</g2></g1> <x3/><x3/>.", ["placeholder <x3/> appears 2 times"]),
    ("Lesen Sie <g1><g2>dies</g1></g2> <x3/>.", ["placeholders <g2> and <g1> are not nested as in the source"]),
    ("Lesen Sie </g1><g2>dies</g2><g1> <x3/>.", ["placeholder </g1> closes before <g1> opens"]),
    ("Lesen <b>und</b> <g1><g2>dies</g2></g1> <x3/>.", ["tag <b> is not in the source", "tag </b> is not in the source"]),
    ("Lesen Sie <G1><G2>dies</G2></G1> <X3/>.", []),  # machine translation upcases them; restore reads them
])
def test_markup_problems_of_a_translated_segment(translation, problems):
    assert html.markup_problems("Read <g1><g2>this</g2></g1> <x3/>.", translation) == problems


def test_a_tag_the_source_segment_shows_may_stay():
    # the source writes &lt;tag&gt;, which the translator sees as <tag>: keeping it is no new markup
    assert html.markup_problems("Type <tag> here.", "Geben Sie <tag> hier ein.") == []
    assert html.markup_problems("Half <g1>of it.", "Die Hälfte <g1>davon.") == []  # </g1> is the next sentence's
