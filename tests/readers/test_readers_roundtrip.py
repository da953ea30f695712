"""Property tests for every reader.

(a) identity: rendering each paragraph as its own text gives the input back byte
    for byte -- for generated articles (headings, lists, quotes, tables, code,
    inline markup, CRLF, BOM, CJK) and for arbitrary text and tag soup;
(b) translation: a translation, placeholders reordered, lands in the right
    markup: re-reading the rendered document gives the translation back.
"""

import html as html_module
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.readers import html, markdown, text

SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])

LETTERS = "abcdefxyzABCXYZ0189éüßñ中文字日本語한국어"
WORD = st.text(alphabet=LETTERS + ",;?!'", min_size=1, max_size=7)
SAFE_WORD = st.text(alphabet=LETTERS, min_size=1, max_size=7)  # no punctuation: fits any attribute quoting
NEWLINE = st.sampled_from(["\n", "\r\n"])
BOM = st.sampled_from(["", "\ufeff"])
PLACEHOLDER = re.compile(r"<(/?)(g|x)(\d+)(/?)>")


def words(minimum=1, maximum=6, word=WORD):
    return st.lists(word, min_size=minimum, max_size=maximum).map(" ".join)


def identity(document):
    return document.render(lambda paragraph: paragraph.text)


def renumber(text_: str) -> str:
    """Placeholders renumbered in order of appearance, as a reader numbers them."""
    numbers: dict[str, str] = {}

    def new(match):
        closing, kind, number, empty = match.groups()
        if not closing:
            numbers.setdefault(number, str(len(numbers) + 1))
        return f"<{closing}{kind}{numbers[number]}{empty}>"

    return PLACEHOLDER.sub(new, text_)


# -- plain text ------------------------------------------------------------------------


@st.composite
def text_articles(draw):
    newline = draw(NEWLINE)
    paragraphs = draw(st.lists(st.lists(st.tuples(st.sampled_from(["", "  ", "\t"]), words(),
                                                  st.sampled_from(["", " ", "\t "])), min_size=1, max_size=3),
                               min_size=0, max_size=5))
    separator = draw(st.sampled_from(["", " ", "\t", "  \t"]))
    expected = [newline.join(indent + line + trail for indent, line, trail in lines) for lines in paragraphs]
    body = (newline + separator + newline).join(expected)
    return draw(BOM) + body + draw(st.sampled_from(["", newline, newline * 2])), expected


@SETTINGS
@given(text_articles())
def test_text_identity_and_paragraphs(article):
    source, expected = article
    document = text.read(source, "a.txt")
    assert identity(document) == source
    assert [p.text for p in document.paragraphs()] == expected


# -- Markdown --------------------------------------------------------------------------

MD_INLINE = st.one_of(
    WORD, WORD.map("**{}**".format), WORD.map("*{}*".format), WORD.map("`{}`".format),
    WORD.map("[{}](https://example.org/x)".format), WORD.map("![{}](img/a.png)".format))
MD_LINE = st.lists(MD_INLINE, min_size=1, max_size=6).map(" ".join)


@st.composite
def md_block(draw):
    """(lines, expected paragraph texts) of one Markdown block."""
    kind = draw(st.sampled_from(["para", "atx", "setext", "bullets", "ordered", "quote", "fence", "html",
                                 "table", "break", "refdef"]))
    lines = draw(st.lists(MD_LINE, min_size=1, max_size=3))
    trail = lambda: draw(st.sampled_from(["", "", " ", "  ", "\t"]))  # noqa: E731
    if kind == "para":
        indents = [draw(st.sampled_from(["", " ", "   "]))] + [draw(st.sampled_from(["", "  ", "\t", "     "])) for _ in lines[1:]]
        return [i + line + trail() for i, line in zip(indents, lines)], ["\n".join(lines)]
    if kind == "atx":
        close = draw(st.sampled_from(["", " #", " ###"]))
        return ["#" * draw(st.integers(1, 6)) + " " + lines[0] + close + trail()], [lines[0]]
    if kind == "setext":
        return lines + [draw(st.sampled_from(["===", "---", "=", "------"]))], ["\n".join(lines)]
    if kind in ("bullets", "ordered"):
        out, expected = [], []
        for number, item in enumerate(draw(st.lists(st.lists(MD_LINE, min_size=1, max_size=2), min_size=1, max_size=3))):
            marker = draw(st.sampled_from(["- ", "* "])) if kind == "bullets" else f"{number + 1}. "
            pad = " " * len(marker)
            out.append(marker + item[0] + trail())
            out.extend((pad if draw(st.booleans()) else "") + line for line in item[1:])  # indented or lazy
            expected.append("\n".join(item))
            if draw(st.booleans()):
                nested = draw(MD_LINE)
                out.append(pad + "- " + nested)
                expected.append(nested)
        return out, expected
    if kind == "quote":
        return ["> " + lines[0]] + [(draw(st.sampled_from(["> ", ">", ""])) + line) for line in lines[1:]], ["\n".join(lines)]
    if kind == "fence":
        code = draw(st.lists(st.sampled_from(["# not a heading", "- not a list", "<p>x</p>", "    x", "", "a | b"]), max_size=3))
        return ["```" + draw(st.sampled_from(["", "python"]))] + code + ["```"], []
    if kind == "html":
        return ['<div class="note">', lines[0], "</div>"], [lines[0]]  # read by the HTML reader
    if kind == "table":
        columns = draw(st.integers(1, 3))
        cell = st.one_of(words(0, 2), WORD.map("`{}`".format))
        header = draw(st.lists(words(1, 2), min_size=columns, max_size=columns))  # a table needs its header
        rows = [header] + draw(st.lists(st.lists(cell, min_size=columns, max_size=columns), min_size=1, max_size=3))
        left, right = draw(st.sampled_from([("| ", " |"), ("| ", ""), ("", " |")] + ([("", "")] if columns > 1 else [])))
        row = lambda cells: left + " | ".join(cells) + right  # noqa: E731
        out = [row(rows[0]), row(["---"] * columns)] + [row(cells) for cells in rows[1:]]
        return out, [cell for cells in rows for cell in cells if cell.strip()]
    if kind == "break":
        return ["***", "", "    indented code"], []
    return ["[ref]: https://example.org/ref 'Title'"], ["Title"]  # the title is translated


@st.composite
def md_articles(draw):
    newline = draw(NEWLINE)
    blocks = draw(st.lists(md_block(), max_size=6))
    lines, expected = [], []
    if draw(st.booleans()):
        lines += ["---", "title: " + draw(SAFE_WORD), "---", ""]
    defined = False
    for block_lines, block_expected in blocks:
        lines += block_lines + [draw(st.sampled_from(["", " ", "\t"]))]
        if block_lines[0].startswith("[ref]:"):  # only the first definition of a label counts, as in CommonMark
            block_expected, defined = ([] if defined else block_expected), True
        expected += block_expected
    source = draw(BOM) + newline.join(lines)
    return source + draw(st.sampled_from(["", newline])), expected


@SETTINGS
@given(md_articles())
def test_markdown_identity_and_paragraphs(article):
    source, expected = article
    document = markdown.read(source, "a.md")
    assert identity(document) == source
    assert [p.text for p in document.paragraphs()] == expected


@SETTINGS
@given(md_articles(), st.data())
def test_markdown_translations_land_in_place(article, data):
    source, _ = article
    document = markdown.read(source, "a.md")
    translations = []
    for paragraph in document.paragraphs():
        single = paragraph.kind in ("heading", "table-cell", "link-title")
        line = words(1, 3, SAFE_WORD) if paragraph.kind == "link-title" else MD_LINE  # a quote would be escaped
        lines = data.draw(st.lists(line, min_size=1, max_size=1 if single else 3))
        if data.draw(st.booleans()):
            lines.reverse()  # inline markup moved around
        translations.append("\n".join(lines))
    queue = iter(translations)
    rendered = document.render(lambda paragraph: next(queue))
    assert [p.text for p in markdown.read(rendered, "a.md").paragraphs()] == translations


MD_SOUP = st.lists(st.sampled_from([
    "# ", "## x #", "- ", "* ", "+ ", "1. ", "2) ", "> ", ">", "    ", "\t", " ", "|", "---", "===", "***", "```",
    "~~~", "*", "_", "`", "[", "]", "(", ")", "![", "<div>", "</div>", "<!--", "-->", "\\", "&amp;", "\n", "\r\n",
    "\r", "\n\n", "word", "中文", "\ufeff", "\x00", "\u2028", "\xa0", "[x]: /u", "+++", "...", ":"]), max_size=40).map("".join)


@SETTINGS
@given(st.one_of(st.text(), MD_SOUP))
def test_markdown_identity_on_anything(source):
    document = markdown.read(source, "a.md")
    assert identity(document) == source
    document.render(lambda paragraph: paragraph.text.upper() + "\nmore")  # must not fail either


# -- HTML ------------------------------------------------------------------------------

ENTITY = st.sampled_from(["&amp;", "&nbsp;", "&#233;", "&eacute;", "&lt;", "&#x4E2D;"])
HTML_WORD = st.one_of(WORD, WORD, ENTITY)
QUOTED = st.sampled_from(['"{}"', "'{}'"])


@st.composite
def html_inline(draw, depth=0):
    """(source, display with placeholders '{}' to number later, attribute texts) of an inline node."""
    kind = draw(st.sampled_from(["word", "word", "elem", "void"] if depth < 2 else ["word"]))
    if kind == "word":
        word = draw(HTML_WORD)
        return word, html_module.unescape(word), []  # the translator sees characters, not references
    if kind == "void":
        alt = draw(words(1, 2, SAFE_WORD))
        tag = draw(st.sampled_from(["<br>", "<br/>", "<wbr>", "<img src=a.png alt=" + draw(QUOTED).format(alt) + ">"]))
        return tag, "<x{}/>", [alt] if "alt=" in tag else []
    name = draw(st.sampled_from(["b", "em", "a", "span", "code", "abbr"]))
    attributes, found = "", []
    if name in ("a", "abbr") and draw(st.booleans()):
        title = draw(words(1, 2, SAFE_WORD))
        attributes = " title=" + draw(QUOTED).format(title)
        found.append(title)
    if name == "a":
        attributes = ' href="https://example.org/?a=1&amp;b=2"' + attributes
    children = draw(st.lists(html_inline(depth + 1), min_size=1, max_size=3))
    for child in children:
        found += child[2]
    inner_source = " ".join(child[0] for child in children)
    inner_display = " ".join(child[1] for child in children)
    return f"<{name}{attributes}>{inner_source}</{name}>", "<g{}>" + inner_display + "</g{}>", found


def number(display: str) -> str:
    """Fill in placeholder numbers in order of appearance."""
    out, stack, count = [], [], 0
    for piece in re.split(r"(<g\{\}>|</g\{\}>|<x\{\}/>)", display):
        if piece in ("<g{}>", "<x{}/>"):
            count += 1
            out.append(piece.format(count))
            if piece == "<g{}>":
                stack.append(count)
        elif piece == "</g{}>":
            out.append(piece.format(stack.pop()))
        else:
            out.append(piece)
    return "".join(out)


@st.composite
def html_content(draw, newline):
    """Paragraph content starting and ending with a word: (source, expected texts)."""
    nodes = [(w, w, []) for w in [draw(WORD)]] + draw(st.lists(html_inline(), max_size=5)) + [(w, w, []) for w in [draw(WORD)]]
    source, display, attributes = nodes[0][0], nodes[0][1], []
    for node in nodes[1:]:
        wrap = draw(st.sampled_from([" ", " ", newline + "   "]))
        source += wrap + node[0]
        display += (" " if wrap == " " else "\n") + node[1]
    for node in nodes:
        attributes += node[2]
    return source, attributes + [number(display)]


@st.composite
def html_block(draw, newline):
    kind = draw(st.sampled_from(["p", "h2", "ul", "quote", "div", "table", "pre", "script", "comment", "img", "no"]))
    content = lambda: draw(html_content(newline))  # noqa: E731
    if kind in ("p", "h2", "div"):
        source, expected = content()
        pad = draw(st.sampled_from(["", " ", newline + "  "]))
        return f'<{kind} class="c">{pad}{source}{pad.strip(" ")}</{kind}>', expected
    if kind == "ul":
        items = [content() for _ in range(draw(st.integers(1, 3)))]
        close = draw(st.sampled_from(["</li>", ""]))
        return "<ul>" + "".join(f"{newline}  <li>{s}{close}" for s, _ in items) + f"{newline}</ul>", [t for _, e in items for t in e]
    if kind == "quote":
        source, expected = content()
        return f"<blockquote>{newline}<p>{source}</p>{newline}</blockquote>", expected
    if kind == "table":
        cells = [content() for _ in range(draw(st.integers(1, 3)))]
        return "<table><tr>" + "".join(f"<td>{s}</td>" for s, _ in cells) + "</tr></table>", [t for _, e in cells for t in e]
    if kind == "pre":
        return "<pre>  code <b>x</b>" + newline + "  more &amp; code</pre>", []
    if kind == "script":
        return draw(st.sampled_from(['<script>if (a < b) document.write("<p>x</p>");</script>', "<style>p > b { }</style>"])), []
    if kind == "comment":
        return "<!-- <p>" + draw(WORD) + "</p> -->", []
    if kind == "img":
        alt = draw(words(1, 3, SAFE_WORD))
        return f'<p><img src="a.png" alt="{alt}"></p>', [alt]
    return f'<div translate="no"><p>{draw(WORD)}</p></div>', []


@st.composite
def html_articles(draw):
    newline = draw(NEWLINE)
    blocks = draw(st.lists(html_block(newline), max_size=6))
    body = newline.join(source for source, _ in blocks)
    expected = [text_ for _, texts in blocks for text_ in texts]
    if draw(st.booleans()):
        title, description = draw(words(1, 3)), draw(words(1, 3, SAFE_WORD))
        head = (f"<!DOCTYPE html>{newline}<html>{newline}<head>{newline}<title>{title}</title>{newline}"
                f'<meta name="description" content="{description}">{newline}</head>{newline}<body>{newline}')
        body = head + body + f"{newline}</body>{newline}</html>"
        expected = [title, description] + expected
    return draw(BOM) + body + draw(st.sampled_from(["", newline])), expected


@SETTINGS
@given(html_articles())
def test_html_identity_and_paragraphs(article):
    source, expected = article
    document = html.read(source, "a.html")
    assert identity(document) == source
    assert [p.text for p in document.paragraphs()] == expected


def top_chunks(text_: str) -> list[str]:
    """Words and whole inline elements (placeholder pairs with their content), in order."""
    chunks, depth, current = [], 0, ""
    # a '<' of the text is no placeholder, a no-break space no separator
    for piece in re.split(r"(</?g\d+>|<x\d+/>|[ \t\r\n]+)", text_):
        if depth == 0 and piece and not piece.strip(" \t\r\n"):
            chunks.append(current)
            current = ""
            continue
        current += piece
        if PLACEHOLDER.fullmatch(piece):
            depth += 1 if piece.startswith("<g") else -1 if piece.startswith("</g") else 0
    return [chunk for chunk in chunks + [current] if chunk]


def reorder(text_: str, draw) -> str:
    """A translation: the inner chunks shuffled, the outer words (never placeholders) kept."""
    chunks = top_chunks(text_)
    if len(chunks) > 2:
        chunks[1:-1] = draw(st.permutations(chunks[1:-1]))
    return " ".join(chunks)


@SETTINGS
@given(html_articles(), st.data())
def test_html_translations_with_reordered_placeholders_land_in_place(article, data):
    source, _ = article
    document = html.read(source, "a.html")
    translations = []
    for paragraph in document.paragraphs():
        if paragraph.kind.startswith("attribute:"):
            translations.append(data.draw(words(1, 3, SAFE_WORD)))
        else:
            translations.append(reorder(paragraph.text, data.draw))
    queue = iter(translations)
    rendered = document.render(lambda paragraph: next(queue))
    again = list(html.read(rendered, "a.html").paragraphs())
    kinds = [p.kind.startswith("attribute:") for p in document.paragraphs()]
    assert [p.kind.startswith("attribute:") for p in again] == kinds
    # paragraphs in order; attributes of tags inside a paragraph follow their tags when reordered
    assert [p.text for p in again if not p.kind.startswith("attribute:")] == [
        renumber(t) for t, attribute in zip(translations, kinds) if not attribute]
    assert sorted(p.text for p in again if p.kind.startswith("attribute:")) == sorted(
        t for t, attribute in zip(translations, kinds) if attribute)


@SETTINGS
@given(st.lists(html_inline(), min_size=2, max_size=5), st.data())
def test_html_restore_maps_each_placeholder_to_its_own_tag(nodes, data):
    """Reordered chunks come back as the very same source chunks (tags as written), reordered."""
    source = "<p>start " + " ".join(node[0] for node in nodes) + " end</p>"
    [paragraph] = [p for p in html.read(source, "a.html").paragraphs() if not p.kind.startswith("attribute:")]
    display = number("start " + " ".join(node[1] for node in nodes) + " end")
    assert paragraph.text == display
    chunks = top_chunks(display)[1:-1]
    assert len(chunks) == len(nodes)
    order = data.draw(st.permutations(range(len(nodes))))
    translated = "Anfang " + " ".join(chunks[i] for i in order) + " Ende"
    # the same tags and text; moved text may come back with other character references (&#233; as é)
    expected = "Anfang " + " ".join(nodes[i][0] for i in order) + " Ende"
    assert html_module.unescape(paragraph.to_markup(translated)) == html_module.unescape(expected)


HTML_SOUP = st.lists(st.sampled_from([
    "<p>", "</p>", "<b>", "</b>", "<i>", "</i>", "<br>", "<br/>", "<li>", "</li>", "<ul>", "</ul>", "<td>", "<tr>",
    "<div>", "</div>", "<pre>", "</pre>", "<script>", "</script>", "<style>", "</style>", "<title>", "</title>",
    "<textarea>", "</textarea>", "<!--", "-->", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<?x?>", '<a href="x" title="t">',
    "<a title=u>", "</a>", "<img alt='y'>", '<img alt="z"/>', '<span translate="no">', "</span>", "<svg>", "</svg>",
    '<meta name="description" content="d">', "<", ">", "</", "&", "&amp;", "&nbsp;", "&#", "=", '"', "'", "/", " ",
    "\t", "\n", "\r\n", "\r", "text", "中文", "\ufeff", "\x00"]), max_size=40).map("".join)


@SETTINGS
@given(st.one_of(st.text(), HTML_SOUP), st.sampled_from(["a.html", "a.htm"]))
def test_html_identity_on_anything(source, path):
    document = html.read(source, path)
    assert identity(document) == source
    # any translation renders without error, placeholders in any order or missing
    document.render(lambda p: PLACEHOLDER.sub(lambda m: "", p.text[::-1]) + "&<x1/></g2><g2>\n")


@SETTINGS
@given(st.one_of(st.text(), MD_SOUP, HTML_SOUP))
def test_text_identity_on_anything(source):
    assert identity(text.read(source, "a.txt")) == source
