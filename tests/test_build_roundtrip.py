"""Property: cutting an article into sentences and rebuilding it with identity translations
reproduces it byte for byte, for every reader; and a real translation lands in the right places."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.articles import load_article
from workbench.build import render_article as render_messages
from workbench.config import Config
from workbench.po.catalog import Message

words = st.sampled_from(["Yangzhou", "forum", "the", "Mr.", "e.g.", "3.5", "parts", "“quoted.”", "(note)", "U.S.", "isn’t", "汽车", "…"])
sentence = st.builds(
    lambda ws, end: " ".join(ws) + end,
    st.lists(words, min_size=1, max_size=8),
    st.sampled_from([".", "!", "?", "...", ".”", ""]),
)
paragraph_text = st.builds(lambda ss, sep: sep.join(ss), st.lists(sentence, min_size=1, max_size=4), st.sampled_from([" ", "  ", "\n", " \n"]))
newline = st.sampled_from(["\n", "\r\n"])


@st.composite
def text_documents(draw):
    nl = draw(newline)
    paragraphs = draw(st.lists(paragraph_text, min_size=1, max_size=5))
    body = (nl * draw(st.integers(2, 3))).join(p.replace("\n", nl) for p in paragraphs)
    return draw(st.sampled_from(["", "\ufeff"])) + body + draw(st.sampled_from(["", nl, nl + nl]))


@st.composite
def markdown_documents(draw):
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["heading", "para", "list", "quote", "code"]))
        text = draw(paragraph_text).replace("\n", " ")
        if kind == "heading":
            blocks.append("#" * draw(st.integers(1, 3)) + " " + text)
        elif kind == "list":
            blocks.append("\n".join(f"- {draw(sentence)} **{draw(words)}**" for _ in range(draw(st.integers(1, 3)))))
        elif kind == "quote":
            blocks.append("> " + text)
        elif kind == "code":
            blocks.append("```\nnot. translated. code.\n```")
        else:
            blocks.append(text + f" [{draw(words)}](https://example.org/a)")
    return "\n\n".join(blocks) + "\n"


@st.composite
def html_documents(draw):
    body = []
    for _ in range(draw(st.integers(1, 4))):
        tag = draw(st.sampled_from(["p", "h2", "li"]))
        inner = draw(paragraph_text).replace("&", "&amp;")
        if draw(st.booleans()):
            inner += f" <b>{draw(sentence)}</b> <a href=\"x.html\" title=\"{draw(sentence)}\">{draw(words)}</a>."
        body.append(f"<{tag}>{inner}</{tag}>")
    script = "<script>var a = 'Not. Translated.';</script>" if draw(st.booleans()) else ""
    return f"<!DOCTYPE html>\n<html><head><title>{draw(sentence)}</title>{script}</head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"


def render_article(article, translations: dict[str, str], language: str, failed=None) -> str:
    """The article built from msgid -> msgstr, as from translated catalogue entries."""
    messages = {msgid: Message(msgid=msgid, msgstr=msgstr) for msgid, msgstr in translations.items()}
    return render_messages(article, messages, language, failed)


def article_from(tmp_path: Path, name: str, text: str):
    config = Config(root=tmp_path)
    (tmp_path / "seeds").mkdir(exist_ok=True)
    path = tmp_path / "seeds" / name
    path.write_bytes(text.encode("utf-8"))
    return load_article(path, config)


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@SETTINGS
@given(document=st.one_of(
    text_documents().map(lambda t: ("a.txt", t)),
    markdown_documents().map(lambda t: ("a.md", t)),
    html_documents().map(lambda t: ("a.html", t)),
))
def test_identity_translations_reproduce_every_format_byte_for_byte(tmp_path, document):
    name, text = document
    article = article_from(tmp_path, name, text)
    identity = {s.msgid: s.msgid for p in article.paragraphs for s in p.segments}
    built = render_article(article, identity, "fr")
    assert (built.replace("<html lang=\"fr\">", "<html>", 1) if name.endswith(".html") else built) == text


@SETTINGS
@given(text=text_documents())
def test_every_sentence_is_replaced_and_nothing_else_changes(tmp_path, text):
    article = article_from(tmp_path, "a.txt", text)
    translations = {s.msgid: f"⟦{n}⟧" for n, s in enumerate(s for p in article.paragraphs for s in p.segments)}
    out = render_article(article, translations, "fr")
    for marker in translations.values():
        assert marker in out
    # what is left once the markers go is the skeleton: whitespace only (plus a BOM)
    rest = out
    for marker in translations.values():
        rest = rest.replace(marker, "")
    assert not rest.replace("\ufeff", "").strip()


def test_html_translation_keeps_markup(tmp_path):
    text = '<p>The <b>forum</b> opened. Pan <a href="x">spoke</a>.</p>\n'
    article = article_from(tmp_path, "a.html", text)
    msgids = [s.msgid for p in article.paragraphs for s in p.segments]
    assert msgids == ["The <g1>forum</g1> opened.", "Pan <g2>spoke</g2>."]
    out = render_article(article, {msgids[0]: "<g1>论坛</g1>开幕。", msgids[1]: "潘<g2>致辞</g2>。"}, "zh_CN")
    assert out == '<p><b>论坛</b>开幕。潘<a href="x">致辞</a>。</p>\n'


def test_thai_sentences_are_joined_by_a_space_chinese_ones_by_none(tmp_path):
    """Thai writes no space between words but one between sentences: built without it, two sentences ran together."""
    article = article_from(tmp_path, "a.txt", "The forum opened. Pan spoke.\n")
    msgids = [s.msgid for p in article.paragraphs for s in p.segments]
    thai = render_article(article, {msgids[0]: "ฟอรั่มเปิดแล้ว", msgids[1]: "นายพานกล่าวสุนทรพจน์"}, "th")
    assert thai == "ฟอรั่มเปิดแล้ว นายพานกล่าวสุนทรพจน์\n"
    assert render_article(article, {msgids[0]: "论坛开幕。", msgids[1]: "潘致辞。"}, "zh_CN") == "论坛开幕。潘致辞。\n"


def test_block_syntax_typed_into_a_translation_stays_text(tmp_path):
    """A translation beginning with "1. ", "# " or "> ", or holding a blank line, is the text of its block: it
    made a list inside the list item, a heading, a second paragraph (build --strict said nothing)."""
    from markdown_it import MarkdownIt

    text = ("- Python 3.11 or newer.\n  - CPython is recommended.\n\n> Quoted advice that\n> spans two lines.\n\n"
            "A paragraph that ends here.\n")
    article = article_from(tmp_path, "a.md", text)
    msgids = [s.msgid for p in article.paragraphs for s in p.segments]
    translations = dict(zip(msgids, ["# Python 3.11 ou plus récent.", "1. CPython est recommandé.",
                                     "> Conseil cité qui\ns’étend sur deux lignes.",
                                     "Un paragraphe\n\nqui se termine ici."]))
    out = render_article(article, translations, "fr")
    shape = lambda markdown: [t.type for t in MarkdownIt("commonmark").parse(markdown)]  # noqa: E731
    assert shape(out) == shape(text), out
    assert "\\# Python 3.11" in out and "1\\. CPython" in out and "\\> Conseil" in out
    assert render_article(article, {m: m for m in msgids}, "fr") == text  # the source itself is unchanged
