"""XLIFF 2.1 export: valid against the OASIS core + Glossary + Metadata schemas, faithful, deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import assert_valid, make_project, parse, snapshot, xliff21_schema
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.config import load_config
from workbench.exchange import export_exchange, import_xliff, xliff2
from workbench.exchange.common import parse_xml, serialize
from workbench.po.catalog import Catalog, Message

NS = {"x": xliff2.NS, "mda": xliff2.MDA, "gls": xliff2.GLS}
GLOSSARY_CSV = """\
id,definition,en,zh_CN,fr
forum,A large public meeting on a subject,forum,论坛,forum
mayor,The elected head of a city,Mayor,市长,maire
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def exported(project: Path, language: str = "fr", article: str = "news") -> Path:
    config = load_config(project)
    export_exchange(config, ["xliff2"])
    return xliff2.output_path(config.exports_dir, article, language)


def unit(root, unit_id):
    found = root.xpath(f"//x:unit[@id='{unit_id}']", namespaces=NS)
    assert len(found) == 1, unit_id
    return found[0]


def test_every_export_is_valid_against_the_xliff21_schemas(project):
    results = export_exchange(load_config(project), ["xliff2"])
    assert len(results) == 6
    for path, _ in results:
        assert_valid(xliff21_schema(), path)
        root = parse(path).getroot()
        assert root.get("version") == "2.1" and root.get("srcLang") == "en"


def test_states_notes_metadata(project):
    root = parse(exported(project, "fr")).getroot()
    assert root.get("trgLang") == "fr"
    assert root.find("x:file", NS).get("original") == "locales/fr/LC_MESSAGES/news.po"
    translated = unit(root, "1").find("x:segment", NS)
    assert translated.get("state") == "translated"
    fuzzy = unit(root, "3").find("x:segment", NS)
    assert (fuzzy.get("state"), fuzzy.get("subState")) == ("initial", "po:fuzzy")
    assert fuzzy.find("x:target", NS) is not None
    untranslated = unit(root, "9").find("x:segment", NS)
    assert untranslated.get("state") == "initial" and untranslated.find("x:target", NS) is None

    first = unit(root, "1")
    notes = {n.get("category"): n.text for n in first.findall("x:notes/x:note", NS)}
    assert notes["developer"].startswith("paragraph 1, sentence 1")
    references = [m.text for m in first.findall("mda:metadata/mda:metaGroup[@category='location']/mda:meta", NS)]
    assert references == ["seeds/news.txt:1", "seeds/news.txt:5"]

    menu = unit(root, "4")
    assert menu.get("name") == "menu"
    assert menu.find("mda:metadata/mda:metaGroup/mda:meta[@type='msgctxt']", NS).text == "menu"


def test_placeholders_are_ph_with_original_data(project):
    root = parse(exported(project, "zh_CN")).getroot()
    hello = unit(root, "3")
    data = {d.get("id"): d.text for d in hello.findall("x:originalData/x:data", NS)}
    source = hello.find("x:segment/x:source", NS)
    phs = source.findall("x:ph", NS)
    assert [(p.get("id"), data[p.get("dataRef")], p.get("disp"), p.get("equiv")) for p in phs] == [
        ("c1", "%s", "%s", "%s"), ("c2", "%1$d", "%1$d", "%1$d"), ("c3", "<b>", "<b>", "<b>"),
        ("c4", "</b>", "</b>", "</b>"), ("c5", "{sender}", "{sender}", "{sender}")]
    target = hello.find("x:segment/x:target", NS)
    # the Chinese puts the codes in another order; the ids follow the codes
    assert [p.get("id") for p in target.findall("x:ph", NS)] == ["c1", "c2", "c5", "c3", "c4"]
    assert xliff2.inline_text(target, data) == "%s，你好，你有 %1$d 条来自 {sender} 的<b>新</b>消息。"
    form_feed = unit(root, "8").find("x:segment/x:source", NS)
    assert form_feed.find("x:cp", NS).get("hex") == "000C"


def test_plural_entries_are_groups(project):
    root = parse(exported(project, "ru")).getroot()
    group = root.find("x:file/x:group", NS)
    assert (group.get("id"), group.get("type")) == ("6", "po:plural")
    units = group.findall("x:unit", NS)
    assert [u.get("id") for u in units] == ["6.0", "6.1", "6.2"]
    assert [u.find("x:segment", NS).get("state") for u in units] == ["translated", "translated", "initial"]


def test_glossary_module_carries_approved_renderings(project):
    (project / "glossary").mkdir()
    (project / "glossary" / "terms.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
    path = exported(project, "zh_CN")
    assert_valid(xliff21_schema(), path)
    root = parse(path).getroot()
    entries = unit(root, "1").findall("gls:glossary/gls:glossEntry", NS)
    assert [(e.find("gls:term", NS).text, [t.text for t in e.findall("gls:translation", NS)],
             e.find("gls:definition", NS).text) for e in entries] == [
        ("forum", ["论坛"], "A large public meeting on a subject")]
    mayor = unit(root, "2").find("gls:glossary/gls:glossEntry", NS)
    assert mayor.find("gls:term", NS).text == "Mayor" and mayor.find("gls:translation", NS).text == "市长"
    assert unit(root, "9").find("gls:glossary", NS) is None  # no term, no glossary element


def test_export_is_deterministic(project):
    config = load_config(project)
    export_exchange(config, ["xliff2"])
    before = snapshot(config.exports_dir)
    for path in config.exports_dir.rglob("*.xlf"):
        path.unlink()
    export_exchange(config, ["xliff2"])
    assert snapshot(config.exports_dir) == before


def test_round_trip_is_byte_identical(project):
    config = load_config(project)
    locales = snapshot(config.locales_dir)
    for path, _ in export_exchange(config, ["xliff2"]):
        report = import_xliff(path, config)
        assert (report.updated, report.skipped, report.written) == ([], [], [])
    assert snapshot(config.locales_dir) == locales


PIECES = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(["%s", "%1$d", "%(name)s", "{0}", "{name}", "<b>", "</b>", "<a href='x'>", "\r", "\n", " ",
                     "\x0c", "\x01", "\x00", "扬州", "&", "]]>"]))
TEXT = st.lists(PIECES, max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(source=TEXT.filter(bool), target=TEXT, fuzzy=st.booleans())
def test_any_text_survives_export_and_reading(tmp_path_factory, source, target, fuzzy):
    message = Message(msgid=source, msgstr=target, flags=["fuzzy"] if fuzzy else [])
    path = tmp_path_factory.mktemp("prop") / "one.xlf"
    path.write_bytes(serialize(xliff2.build(Catalog(messages=[message]), "one.po", "en", "zh_CN"), xliff2._LEAVES))
    assert xliff21_schema().validate(parse(path))
    [file] = xliff2.read(parse_xml(path), path)
    [read] = file.units
    assert read.problem is None
    assert read.sources == [source]
    assert read.targets == [target or None]
    expected = "new" if not target else "fuzzy" if fuzzy else "translated"
    assert read.states == [expected]


def test_timestamp_only_when_asked(project, monkeypatch):
    from exchange_helpers import tmx_dtd, xliff12_schema

    from workbench.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = project / "stamped"
    assert main(["-C", str(project), "export", "--timestamp", "-o", str(out)]) == 0
    stamped = (out / "xliff2" / "fr" / "news.xlf").read_bytes()
    assert b'<mda:meta type="date">2023-11-14T22:13:20Z</mda:meta>' in stamped
    assert b'date="2023-11-14T22:13:20Z"' in (out / "xliff" / "fr" / "news.xlf").read_bytes()
    assert b'creationdate="20231114T221320Z"' in (out / "sample.tmx").read_bytes()
    assert_valid(xliff21_schema(), out / "xliff2" / "fr" / "news.xlf")
    assert_valid(xliff12_schema(), out / "xliff" / "fr" / "news.xlf")
    assert_valid(tmx_dtd(), out / "sample.tmx")
    plain = exported(project, "fr")
    assert b"2023-11-14" not in plain.read_bytes()
