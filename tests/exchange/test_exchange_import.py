"""``workbench import xliff``: edits come back into exactly their entries; bad files are refused whole."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from exchange_helpers import make_project, snapshot
from lxml import etree

from workbench.cli import main
from workbench.cli.export import run_for_pipeline
from workbench.config import load_config
from workbench.errors import WorkbenchError
from workbench.exchange import export_exchange, import_xliff, xliff1, xliff2
from workbench.po.reader import read_po

X1 = {"x": xliff1.NS}
X2 = {"x": xliff2.NS}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def po(project: Path, language: str, article: str = "news") -> Path:
    return project / "locales" / language / "LC_MESSAGES" / f"{article}.po"


def export(project: Path, kind: str, language: str, article: str = "news") -> Path:
    config = load_config(project)
    export_exchange(config, [kind])
    module = xliff1 if kind == "xliff" else xliff2
    return module.output_path(config.exports_dir, article, language)


def edit(path: Path, change) -> None:
    tree = etree.parse(str(path))
    change(tree.getroot())
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)


def blocks(path: Path) -> list[bytes]:
    """A PO file cut at its blank lines: the header and one block per entry."""
    return path.read_bytes().split(b"\n\n")


def changed_blocks(before: list[bytes], after_path: Path) -> list[int]:
    """The entries that changed; the header (block 0) may change only in PO-Revision-Date, as Poedit does."""
    after = blocks(after_path)
    assert len(after) == len(before)
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    if changed and changed[0] == 0:
        header_lines = lambda block: [line for line in block.splitlines() if b"PO-Revision-Date" not in line]  # noqa: E731
        assert header_lines(before[0]) == header_lines(after[0])
        changed = changed[1:]
    return changed


def run(project: Path, *args: str) -> int:
    return main(["-C", str(project), *args])


def set_target12(root, unit_id, text, state="translated"):
    [unit] = root.xpath(f"//x:trans-unit[@id='{unit_id}']", namespaces=X1)
    target = unit.find("x:target", X1)
    for code in list(target):
        target.remove(code)
    target.text = text
    target.set("state", state)


def set_target2(root, unit_id, text, state="translated"):
    [unit] = root.xpath(f"//x:unit[@id='{unit_id}']", namespaces=X2)
    segment = unit.find("x:segment", X2)
    target = segment.find("x:target", X2)
    if target is None:
        target = etree.SubElement(segment, f"{{{xliff2.NS}}}target")
    for code in list(target):
        target.remove(code)
    target.text = text
    segment.set("state", state)
    segment.attrib.pop("subState", None)


# -- edits come back -----------------------------------------------------------------


def test_xliff12_edit_updates_exactly_its_entry(project, capsys):
    path = export(project, "xliff", "zh_CN")
    before = blocks(po(project, "zh_CN"))
    edit(path, lambda root: set_target12(root, "2", "潘国强市长发表讲话。"))
    assert run(project, "import", "xliff", str(path)) == 0
    assert "1 updated" in capsys.readouterr().out
    entry = read_po(po(project, "zh_CN")).find("Mayor Pan Guoqiang delivered a speech.")
    assert entry.msgstr == "潘国强市长发表讲话。"
    assert not entry.fuzzy and entry.previous_msgid is None  # reviewed: fuzzy and #| lines go
    assert changed_blocks(before, po(project, "zh_CN")) == [2]
    assert po(project, "zh_CN", "guide").read_bytes() and po(project, "fr").read_bytes()


def test_xliff2_edit_updates_exactly_its_entry(project):
    path = export(project, "xliff2", "ru")
    before = blocks(po(project, "ru"))
    edit(path, lambda root: set_target2(root, "9", "Предложение, которое никто не перевёл."))
    report = import_xliff(path, load_config(project))
    assert report.exit_code == 0 and len(report.updated) == 1 and report.written == [po(project, "ru")]
    entry = read_po(po(project, "ru")).find("Untranslated sentence for everyone.")
    assert entry.msgstr == "Предложение, которое никто не перевёл." and not entry.fuzzy
    assert changed_blocks(before, po(project, "ru")) == [9]


def test_state_changes_set_and_clear_fuzzy(project):
    config = load_config(project)
    path = export(project, "xliff", "fr")
    # the reviewer sends a finished translation back for review, and confirms a fuzzy one unchanged
    def change(root):
        [unit] = root.xpath("//x:trans-unit[@id='1']/x:target", namespaces=X1)
        unit.set("state", "needs-review-translation")
        [fuzzy] = root.xpath("//x:trans-unit[@id='3']/x:target", namespaces=X1)
        fuzzy.set("state", "signed-off")
    edit(path, change)
    import_xliff(path, config)
    catalog = read_po(po(project, "fr"))
    first = catalog.find("The forum opened on August 29.")
    assert first.fuzzy and first.msgstr == "Le forum s’est ouvert le 29 août."
    hello = catalog.find("Hello %s, you have %1$d <b>new</b> messages from {sender}.")
    assert not hello.fuzzy and hello.msgstr.startswith("Bonjour %s") and hello.previous_msgid is None
    assert "c-format" in hello.flags

    path2 = export(project, "xliff2", "fr")
    edit(path2, lambda root: root.xpath("//x:unit[@id='2']/x:segment", namespaces=X2)[0].set("state", "initial"))
    import_xliff(path2, config)
    assert read_po(po(project, "fr")).find("Mayor Pan Guoqiang delivered a speech.").fuzzy


def test_plural_form_and_placeholders_come_back(project):
    path = export(project, "xliff", "ru")
    def change(root):
        [target] = root.xpath("//x:trans-unit[@id='6.2']/x:target", namespaces=X1)
        target.text = "Прибыло "
        ph = etree.SubElement(target, f"{{{xliff1.NS}}}ph", id="1")
        ph.text = "%(count)d"
        ph.tail = " гостей."
        target.set("state", "translated")
    edit(path, change)
    assert import_xliff(path, load_config(project)).exit_code == 0
    entry = read_po(po(project, "ru")).find("%(count)d guest arrived.")
    assert entry.msgstr_plural == ["Прибыл %(count)d гость.", "Прибыли %(count)d гостя.", "Прибыло %(count)d гостей."]


def test_an_empty_target_never_erases_a_translation(project):
    path = export(project, "xliff2", "zh_CN")
    before = po(project, "zh_CN").read_bytes()
    def change(root):
        [segment] = root.xpath("//x:unit[@id='1']/x:segment", namespaces=X2)
        segment.remove(segment.find("x:target", X2))
        segment.set("state", "initial")
    edit(path, change)
    report = import_xliff(path, load_config(project))
    assert report.exit_code == 0 and not report.updated
    assert po(project, "zh_CN").read_bytes() == before


def test_a_copy_of_the_source_left_unconfirmed_is_not_a_translation(project):
    """OmegaT and Okapi can pre-fill targets with the source text; that is not imported."""
    path = export(project, "xliff", "fr")
    before = po(project, "fr").read_bytes()
    edit(path, lambda root: set_target12(root, "9", "Untranslated sentence for everyone.", "needs-translation"))
    assert not import_xliff(path, load_config(project)).updated
    assert po(project, "fr").read_bytes() == before


def test_dry_run_reports_without_writing(project):
    path = export(project, "xliff", "fr")
    edit(path, lambda root: set_target12(root, "9", "Phrase que personne n’a traduite."))
    before = snapshot(project / "locales")
    assert run(project, "import", "xliff", "--dry-run", str(path)) == 0
    assert snapshot(project / "locales") == before


def test_import_into_a_named_catalogue(project, tmp_path):
    path = export(project, "xliff2", "fr")
    copy = tmp_path / "fr-copy.po"
    copy.write_bytes(po(project, "fr").read_bytes())
    edit(path, lambda root: set_target2(root, "9", "Phrase que personne n’a traduite."))
    report = import_xliff(path, [copy])
    assert report.written == [copy]
    assert read_po(copy).find("Untranslated sentence for everyone.").msgstr == "Phrase que personne n’a traduite."
    assert read_po(po(project, "fr")).find("Untranslated sentence for everyone.").msgstr == ""


# -- what CAT tools do to a file -----------------------------------------------------


def test_segmented_cat_tool_output_is_understood(project):
    """memoQ/Trados style: <seg-source> with <mrk mtype="seg">, targets in <mrk>, resname dropped."""
    path = export(project, "xliff", "ru")
    def change(root):
        [unit] = root.xpath("//x:trans-unit[@id='2']", namespaces=X1)
        source, target = unit.find("x:source", X1), unit.find("x:target", X1)
        seg_source = etree.Element(f"{{{xliff1.NS}}}seg-source")
        mrk = etree.SubElement(seg_source, f"{{{xliff1.NS}}}mrk", mtype="seg", mid="0")
        mrk.text = source.text
        source.addnext(seg_source)
        target.text = None
        mrk = etree.SubElement(target, f"{{{xliff1.NS}}}mrk", mtype="seg", mid="0")
        mrk.text = "Мэр Пань Гоцян выступил с речью."
        target.set("state", "translated")
        [menu] = root.xpath("//x:trans-unit[@id='4']", namespaces=X1)
        del menu.attrib["resname"]  # the tool lost the context: the id and source still tell
        set_target12(root, "4", "Открыть меню")
    edit(path, change)
    report = import_xliff(path, load_config(project))
    assert report.exit_code == 0, report.lines()
    catalog = read_po(po(project, "ru"))
    assert catalog.find("Mayor Pan Guoqiang delivered a speech.").msgstr == "Мэр Пань Гоцян выступил с речью."
    assert catalog.find("Open", "menu").msgstr == "Открыть меню"
    assert catalog.find("Open", "verb").msgstr == ""


def test_resegmented_xliff2_unit_is_joined(project):
    path = export(project, "xliff2", "fr")
    def change(root):
        [unit] = root.xpath("//x:unit[@id='9']", namespaces=X2)
        segment = unit.find("x:segment", X2)
        segment.find("x:source", X2).text = "Untranslated sentence "
        etree.SubElement(segment, f"{{{xliff2.NS}}}target").text = "Phrase non traduite "
        segment.set("state", "translated")
        second = etree.SubElement(unit, f"{{{xliff2.NS}}}segment", state="reviewed")
        etree.SubElement(second, f"{{{xliff2.NS}}}source").text = "for everyone."
        etree.SubElement(second, f"{{{xliff2.NS}}}target").text = "pour tous."
    edit(path, change)
    assert import_xliff(path, load_config(project)).exit_code == 0
    entry = read_po(po(project, "fr")).find("Untranslated sentence for everyone.")
    assert entry.msgstr == "Phrase non traduite pour tous." and not entry.fuzzy


# -- units that no longer match are reported and skipped --------------------------------


def test_unit_whose_source_changed_is_skipped_and_the_rest_applied(project, capsys):
    path = export(project, "xliff", "fr")
    before = blocks(po(project, "fr"))
    def change(root):
        [source] = root.xpath("//x:trans-unit[@id='2']/x:source", namespaces=X1)
        source.text = "Mayor Pan delivered a long speech."
        set_target12(root, "2", "Le maire Pan a prononcé un long discours.")
        set_target12(root, "9", "Phrase que personne n’a traduite.")
    edit(path, change)
    assert run(project, "import", "xliff", str(path)) == 1
    out = capsys.readouterr().out
    assert "skipped" in out and "unit 2" in out and "matches no entry" in out
    catalog = read_po(po(project, "fr"))
    assert catalog.find("Mayor Pan Guoqiang delivered a speech.").msgstr == "Le maire Pan Guoqiang a prononcé un discours."
    assert catalog.find("Untranslated sentence for everyone.").msgstr == "Phrase que personne n’a traduite."
    assert changed_blocks(before, po(project, "fr")) == [9]


def test_units_for_entries_changed_since_the_export_are_skipped(project):
    path = export(project, "xliff2", "zh_CN")
    config = load_config(project)
    text = po(project, "zh_CN").read_text(encoding="utf-8")
    po(project, "zh_CN").write_text(text.replace('msgid "Mayor Pan Guoqiang delivered a speech."',
                                                 'msgid "Mayor Pan Guoqiang delivered a long speech."'), encoding="utf-8")
    edit(path, lambda root: set_target2(root, "2", "潘市长致辞。"))
    report = import_xliff(path, config)
    assert report.exit_code == 1
    assert [s.unit for s in report.skipped] == ["2"]
    assert read_po(po(project, "zh_CN")).find("Mayor Pan Guoqiang delivered a long speech.").msgstr == "市长潘国强致辞。"


def test_unknown_inline_code_and_duplicate_units_are_skipped(project):
    path = export(project, "xliff", "fr")
    def change(root):
        [target] = root.xpath("//x:trans-unit[@id='9']/x:target", namespaces=X1)
        target.text = "Avec un code inconnu "
        etree.SubElement(target, f"{{{xliff1.NS}}}x", id="99")
        target.set("state", "translated")
        [unit] = root.xpath("//x:trans-unit[@id='1']", namespaces=X1)
        twin = etree.fromstring(etree.tostring(unit))
        twin.set("id", "1b")
        twin.find("x:target", X1).text = "Une autre traduction"
        unit.addnext(twin)
    edit(path, change)
    report = import_xliff(path, load_config(project))
    reasons = {s.unit: s.reason for s in report.skipped}
    assert set(reasons) == {"9", "1b"}
    assert "no text to restore" in reasons["9"] and "already matched" in reasons["1b"]
    assert read_po(po(project, "fr")).find("Untranslated sentence for everyone.").msgstr == ""


# -- files that are refused whole ------------------------------------------------------------


def refused(project: Path, path: Path, capsys, *words: str) -> None:
    before = snapshot(project / "locales")
    assert run(project, "import", "xliff", str(path)) == 2
    err = capsys.readouterr().err
    for word in words:
        assert word in err, err
    assert snapshot(project / "locales") == before


def test_file_for_another_language_is_refused(project, capsys):
    path = export(project, "xliff", "fr")
    edit(path, lambda root: (root.find("x:file", X1).set("target-language", "de"),
                             set_target12(root, "9", "Ein Satz.")))
    refused(project, path, capsys, "for language 'de'")
    path2 = export(project, "xliff2", "zh_CN")
    edit(path2, lambda root: root.set("trgLang", "ru"))
    refused(project, path2, capsys, "for language 'ru'")


def test_file_tagging_the_language_another_way_is_accepted(project):
    """zh-Hans-CN is zh_CN, as a CAT tool may write it (refused as another language before)."""
    path = export(project, "xliff", "zh_CN")
    edit(path, lambda root: (root.find("x:file", X1).set("target-language", "zh-Hans-CN"),
                             set_target12(root, "2", "潘国强市长发表讲话。")))
    assert import_xliff(path, load_config(project)).exit_code == 0
    assert read_po(po(project, "zh_CN")).find("Mayor Pan Guoqiang delivered a speech.").msgstr == "潘国强市长发表讲话。"


def test_file_for_another_catalogue_named_explicitly_is_refused(project):
    path = export(project, "xliff2", "zh_CN")
    with pytest.raises(WorkbenchError, match="is in 'fr'"):
        import_xliff(path, [po(project, "fr")])


def test_file_for_another_article_or_project_is_refused(project, capsys):
    path = export(project, "xliff", "fr")
    edit(path, lambda root: root.find("x:file", X1).set("original", "locales/fr/LC_MESSAGES/other.po"))
    refused(project, path, capsys, "no such catalogue")
    edit(path, lambda root: root.find("x:file", X1).set("original", "../elsewhere/fr/LC_MESSAGES/news.po"))
    refused(project, path, capsys, "not a catalogue of this project")


@pytest.mark.parametrize("original", [
    "locales/news.pot",                               # the template: never written by an import
    "locales/fr/LC_MESSAGES/../../news.pot",
    "locales/../locales/fr/LC_MESSAGES/news.po",      # a path, not the layout's name of the catalogue
    "locales/fr/LC_MESSAGES/news.pot",
    "{outside}/locales/fr/LC_MESSAGES/news.po",       # another project, by absolute path
    "../other/locales/fr/LC_MESSAGES/news.po",
    "locales/../../other/fr/LC_MESSAGES/news.po",
    "locales/fr/LC_MESSAGES/" + "n" * 300 + ".po",    # longer than a file name: said so, not an OSError
])
def test_original_naming_anything_but_a_catalogue_of_the_layout_is_refused(project, capsys, original):
    other = project.parent / "other"
    make_project(other)
    before = snapshot(other)
    path = export(project, "xliff", "fr")
    edit(path, lambda root: (root.find("x:file", X1).set("original", original.format(outside=other)),
                             set_target12(root, "9", "Du français dans le modèle.")))
    refused(project, path, capsys, "not a catalogue of this project")
    assert snapshot(other) == before


def test_catalogue_linked_out_of_the_locales_folder_is_refused(project, capsys):
    elsewhere = project.parent / "elsewhere.po"
    catalogue = po(project, "fr")
    elsewhere.write_bytes(catalogue.read_bytes())
    path = export(project, "xliff2", "fr")
    edit(path, lambda root: set_target2(root, "9", "Phrase traduite."))
    catalogue.unlink()
    catalogue.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    refused(project, path, capsys, "outside the project's locales folder")
    assert elsewhere.read_bytes() == before


def test_a_template_named_with_po_is_refused(project, capsys):
    path = export(project, "xliff", "fr")
    template = project / "locales" / "news.pot"
    before = template.read_bytes()
    assert run(project, "import", "xliff", str(path), "--po", str(template)) == 2
    assert "template is never written" in capsys.readouterr().err
    assert template.read_bytes() == before


def test_file_with_another_source_language_is_refused(project, capsys):
    path = export(project, "xliff2", "fr")
    edit(path, lambda root: root.set("srcLang", "de"))
    refused(project, path, capsys, "source language is 'de'")


def test_one_bad_file_element_refuses_the_whole_document(project, capsys):
    """All or nothing: the good <file> is not applied when another one is refused."""
    good = export(project, "xliff", "fr")
    other = export(project, "xliff", "ru")
    def change(root):
        set_target12(root, "9", "Phrase que personne n’a traduite.")
        bad = etree.parse(str(other)).getroot().find("x:file", X1)
        bad.set("target-language", "de")
        root.append(bad)
    edit(good, change)
    refused(project, good, capsys, "for language 'de'")


def test_malformed_xml_is_refused(project, tmp_path, capsys):
    path = export(project, "xliff", "fr")
    path.write_bytes(path.read_bytes()[:-40])
    refused(project, path, capsys, "malformed XML")
    path.write_text("not xml at all", encoding="utf-8")
    refused(project, path, capsys, "malformed XML")
    path.write_text('<?xml version="1.0"?><xliff xmlns="urn:example:other" version="9"/>', encoding="utf-8")
    refused(project, path, capsys, "unsupported XLIFF")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="locales/fr/LC_MESSAGES/news.po" source-language="en" target-language="fr" datatype="po">
  <body><trans-unit id="9"><source>Untranslated sentence for everyone.</source>
   <target state="translated">&lol9;</target></trans-unit></body>
 </file>
</xliff>
"""


def test_billion_laughs_is_refused_safely(project, tmp_path, capsys):
    bomb = tmp_path / "bomb.xlf"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.monotonic()
    refused(project, bomb, capsys, "entit")
    assert time.monotonic() - started < 5


def test_external_entities_are_never_read(project, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xxe = tmp_path / "xxe.xlf"
    xxe.write_text(BILLION_LAUGHS.split("<!DOCTYPE")[0]
                   + f'<!DOCTYPE xliff [<!ENTITY s SYSTEM "file://{secret}">]>'
                   + BILLION_LAUGHS.split("]>", 1)[1].replace("&lol9;", "&s;"), encoding="utf-8")
    refused(project, xxe, capsys, "entit")
    assert "TOP SECRET" not in po(project, "fr").read_text(encoding="utf-8")


# -- the export command in the pipeline --------------------------------------------------


def test_run_for_pipeline_writes_the_configured_formats(project, capsys):
    config = load_config(project)
    assert run_for_pipeline(config) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 13 and all(line.startswith("wrote build/exports/") for line in lines)
    assert run_for_pipeline(config) == 0
    assert all(line.startswith("unchanged ") for line in capsys.readouterr().out.splitlines())


def test_unknown_format_is_bad_usage(project, capsys):
    assert run(project, "export", "--format", "pdf") == 2
    assert "unknown export format" in capsys.readouterr().err


def test_import_command_with_a_missing_file(project, capsys):
    assert run(project, "import", "xliff", str(project / "nope.xlf")) == 2
    assert "no such file" in capsys.readouterr().err


def test_catalogues_made_by_the_pipeline_round_trip(tmp_path):
    """extract + update, some work in the catalogues, then XLIFF out and back: nothing moves."""
    from workbench.po.writer import write_po

    root = tmp_path / "pipeline"
    (root / "seeds").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.workbench]\nsource-language = "en"\n'
                                         'target-languages = ["zh_CN", "fr"]\n', encoding="utf-8")
    (root / "seeds" / "forum.txt").write_text(
        "The forum opened on August 29. Mayor Pan spoke for 10 minutes.\n\n"
        "Guests came from Tajikistan, Kazakhstan and Uzbekistan. The forum opened on August 29.\n",
        encoding="utf-8")
    assert run(root, "extract") == 0 and run(root, "update") == 0
    fr = root / "locales" / "fr" / "LC_MESSAGES" / "forum.po"
    catalog = read_po(fr)
    first, second = list(catalog.entries())[:2]
    first.msgstr = "Le forum s’est ouvert le 29 août."
    second.msgstr, second.fuzzy = "Le maire Pan a parlé 10 minutes.", True
    write_po(catalog, fr)
    before = snapshot(root / "locales")
    for kind in ("xliff", "xliff2"):
        assert run(root, "export", "--format", kind) == 0
        for language in ("fr", "zh_CN"):
            assert run(root, "import", "xliff", str(export(root, kind, language, "forum"))) == 0
        assert snapshot(root / "locales") == before
    path = export(root, "xliff2", "fr", "forum")
    edit(path, lambda r: set_target2(r, "2", "Le maire Pan a parlé pendant 10 minutes."))
    assert run(root, "import", "xliff", str(path)) == 0
    entry = read_po(fr).find("Mayor Pan spoke for 10 minutes.")
    assert entry.msgstr == "Le maire Pan a parlé pendant 10 minutes." and not entry.fuzzy


def test_an_article_in_a_folder_comes_back_through_xliff_and_tmx(tmp_path, capsys):
    """Articles may live in folders of seeds/ (``city/forum``); their exports name them so, and the imports
    take them back (they refused every such article as 'not a catalogue of this project')."""
    root = tmp_path / "nested"
    (root / "seeds" / "city").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.workbench]\nsource-language = "en"\n'
                                         'target-languages = ["fr"]\n', encoding="utf-8")
    (root / "seeds" / "city" / "forum.txt").write_text(
        "The forum opened on August 29. Mayor Pan spoke for 10 minutes.\n", encoding="utf-8")
    (root / "seeds" / "economy").mkdir()
    (root / "seeds" / "economy" / "forum.txt").write_text("The forum opened on August 29.\n", encoding="utf-8")
    assert run(root, "extract") == 0 and run(root, "update") == 0
    fr, other = po(root, "fr", "city/forum"), po(root, "fr", "economy/forum")
    for kind, text in (("xliff", "Le forum s’est ouvert le 29 août."),
                       ("xliff2", "Le forum a ouvert ses portes le 29 août.")):
        assert run(root, "export", "--format", kind) == 0
        path = export(root, kind, "fr", "city/forum")
        edit(path, lambda r: (set_target12 if kind == "xliff" else set_target2)(r, "1", text))
        assert run(root, "import", "xliff", str(path)) == 0, capsys.readouterr()
        assert read_po(fr).find("The forum opened on August 29.").msgstr == text
    # named catalogues of one file name (forum.po) in two folders: the file's own article is chosen
    assert run(root, "export", "--format", "xliff2") == 0
    edit(path, lambda r: set_target2(r, "1", "Le forum s’ouvrit le 29 août."))
    assert run(root, "import", "xliff", "--po", str(other), "--po", str(fr), str(path)) == 0, capsys.readouterr()
    assert read_po(fr).find("The forum opened on August 29.").msgstr == "Le forum s’ouvrit le 29 août."
    assert read_po(other).find("The forum opened on August 29.").msgstr == ""
    memory = tmp_path / "memory.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" '
        'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="en"><seg>Mayor Pan spoke for 10 minutes.</seg></tuv>'
        '<tuv xml:lang="fr"><seg>Le maire Pan a parlé 10 minutes.</seg></tuv>'
        '<tuv xml:lang="de"><seg>Bürgermeister Pan sprach 10 Minuten.</seg></tuv></tu></body></tmx>', encoding="utf-8")
    capsys.readouterr()
    assert run(root, "import", "tmx", str(memory)) == 0
    assert "TMX languages not in the project, ignored: de" in capsys.readouterr().out
    filled = read_po(fr).find("Mayor Pan spoke for 10 minutes.")
    assert filled.msgstr == "Le maire Pan a parlé 10 minutes." and filled.fuzzy
