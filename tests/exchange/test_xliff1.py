"""XLIFF 1.2 export: valid against the OASIS strict schema, faithful, deterministic; and its reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import assert_valid, make_project, parse, snapshot, xliff12_schema
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.cli import main
from workbench.config import load_config
from workbench.exchange import export_exchange, import_xliff, xliff1
from workbench.exchange.common import parse_xml, serialize
from workbench.po.catalog import Catalog, Message

NS = {"x": xliff1.NS}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def exported(project: Path, language: str = "fr", article: str = "news") -> Path:
    config = load_config(project)
    export_exchange(config, ["xliff"])
    return xliff1.output_path(config.exports_dir, article, language)


def test_every_export_is_valid_against_the_strict_schema(project):
    config = load_config(project)
    results = export_exchange(config, ["xliff"])
    assert len(results) == 6  # 2 articles x 3 languages
    for path, written in results:
        assert written
        assert_valid(xliff12_schema(), path)


def test_file_header_names_catalogue_languages_and_tool(project):
    root = parse(exported(project, "zh_CN")).getroot()
    file = root.find("x:file", NS)
    assert file.get("original") == "locales/zh_CN/LC_MESSAGES/news.po"
    assert (file.get("source-language"), file.get("target-language")) == ("en", "zh-CN")
    assert file.get("datatype") == "po"
    tool = file.find("x:header/x:tool", NS)
    assert tool.get("tool-id") == "workbench"


def unit(root, unit_id):
    found = root.xpath(f"//x:trans-unit[@id='{unit_id}']", namespaces=NS)
    assert len(found) == 1, unit_id
    return found[0]


def test_states_approval_notes_context_and_references(project):
    root = parse(exported(project, "fr")).getroot()
    translated = unit(root, "1")
    assert translated.get("approved") == "yes"
    assert translated.find("x:target", NS).get("state") == "translated"
    assert translated.find("x:target", NS).text == "Le forum s’est ouvert le 29 août."
    notes = {n.get("from"): n.text for n in translated.findall("x:note", NS)}
    assert notes["developer"] == "paragraph 1, sentence 1\nGlossary: forum → 论坛"
    locations = [[c.text for c in g] for g in translated.findall("x:context-group[@purpose='location']", NS)]
    assert locations == [["seeds/news.txt", "1"], ["seeds/news.txt", "5"]]

    fuzzy = unit(root, "3")
    assert fuzzy.get("approved") is None
    assert fuzzy.find("x:target", NS).get("state") == "needs-review-translation"
    assert any("Previous source text: Hello %s, you have %d new messages." == n.text
               for n in fuzzy.findall("x:note", NS))

    with_context = unit(root, "4")
    assert with_context.get("resname") == "menu"
    assert with_context.find("x:context-group/x:context[@context-type='x-po-msgctxt']", NS).text == "menu"

    untranslated = unit(root, "9")
    target = untranslated.find("x:target", NS)
    assert target.get("state") == "new" and not target.text


def test_plural_entry_is_a_group_with_one_unit_per_form(project):
    for language, forms in (("zh_CN", 1), ("fr", 2), ("ru", 3)):
        root = parse(exported(project, language)).getroot()
        group = root.find("x:file/x:body/x:group", NS)
        assert group.get("restype") == "x-gettext-plurals" and group.get("id") == "6"
        units = group.findall("x:trans-unit", NS)
        assert [u.get("id") for u in units] == [f"6.{i}" for i in range(forms)]
        sources = [xliff1.inline_text(u.find("x:source", NS)) for u in units]
        assert sources == ["%(count)d guest arrived."] + ["%(count)d guests arrived."] * (forms - 1)
    ru = parse(exported(project, "ru")).getroot()
    states = [u.find("x:target", NS).get("state") for u in ru.findall("x:file/x:body/x:group/x:trans-unit", NS)]
    assert states == ["translated", "translated", "new"]


def test_placeholders_are_inline_codes_with_their_text(project):
    root = parse(exported(project, "fr")).getroot()
    source = unit(root, "3").find("x:source", NS)
    codes = [(ph.get("id"), ph.get("ctype"), ph.text) for ph in source.findall("x:ph", NS)]
    assert codes == [("1", "x-printf", "%s"), ("2", "x-printf", "%1$d"), ("3", "x-html", "<b>"),
                     ("4", "x-html", "</b>"), ("5", "x-brace", "{sender}")]
    target = unit(root, "3").find("x:target", NS)
    assert [ph.get("id") for ph in target.findall("x:ph", NS)] == ["1", "2", "3", "4", "5"]
    form_feed = unit(root, "8").find("x:source", NS)
    assert form_feed.find("x:x", NS).get("ctype") == "x-char-000C"
    assert xliff1.inline_text(form_feed) == "Tab\there, form feed\fthere."


def test_white_space_is_preserved(project):
    root = parse(exported(project, "zh_CN")).getroot()
    spaced = unit(root, "7")
    assert spaced.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert spaced.find("x:source", NS).text == "  Two spaces before, a newline after.\n"
    assert spaced.find("x:target", NS).text == "  前面两个空格，后面换行。\n"


def test_obsolete_entries_and_header_are_not_units(project):
    data = exported(project, "fr").read_bytes()
    assert b"obsolete" not in data.lower() and b"Obsol" not in data
    assert b"Project-Id-Version" not in data


def test_export_is_deterministic(project, tmp_path):
    config = load_config(project)
    first = export_exchange(config, ["xliff"])
    before = snapshot(config.exports_dir)
    again = export_exchange(config, ["xliff"])
    assert [written for _, written in again] == [False] * len(first)  # nothing rewritten
    for path, _ in first:
        path.unlink()
    export_exchange(config, ["xliff"])
    assert snapshot(config.exports_dir) == before
    assert b"date=" not in b"".join(before.values())


def test_cli_export_writes_into_the_given_folder(project, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["-C", str(project), "export", "--format", "xliff", "-o", str(out)]) == 0
    assert (out / "xliff" / "ru" / "guide.xlf").is_file()
    assert "wrote" in capsys.readouterr().out


def test_round_trip_is_byte_identical(project):
    config = load_config(project)
    locales = snapshot(config.locales_dir)
    for path, _ in export_exchange(config, ["xliff"]):
        report = import_xliff(path, config)
        assert (report.updated, report.skipped, report.written) == ([], [], [])
        assert report.exit_code == 0
    assert snapshot(config.locales_dir) == locales


# Any text at all -- control characters, markup, placeholders, CJK, white space --
# comes back from the XLIFF exactly.
PIECES = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(["%s", "%1$d", "%(name)s", "{0}", "{name}", "<b>", "</b>", "<br/>", "\r", "\n", "\t", " ",
                     "\x0c", "\x01", "\x00", "扬州", "&", "]]>", "%%"]))
TEXT = st.lists(PIECES, max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(source=TEXT.filter(bool), target=TEXT, context=st.one_of(st.none(), st.text(alphabet="abc xyz", max_size=5)))
def test_any_text_survives_export_and_reading(tmp_path_factory, source, target, context):
    catalog = Catalog(messages=[Message(msgid=source, msgstr=target, msgctxt=context)])
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "one.xlf"
    path.write_bytes(serialize(xliff1.build(catalog, "one.po", "en", "fr"), xliff1._LEAVES))
    assert xliff12_schema().validate(parse(path))
    [file] = xliff1.read(parse_xml(path), path)
    [read] = file.units
    assert read.problem is None
    assert read.sources == [source]
    assert read.targets == [target]
    assert read.msgctxt == context
