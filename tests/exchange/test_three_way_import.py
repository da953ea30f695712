"""Imports merge three-way: what the file changed since its export, against what the catalogue changed.

The scenarios reviewers produce every week: two reviewers with copies of one export, a stale file
coming back after the translator moved on, a source edited since the export, a file from another tool.
Nothing a translator or a reviewer wrote may be lost: it is in the catalogue, or in its conflict comment.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from exchange_helpers import make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from workbench.cli import main
from workbench.config import load_config
from workbench.exchange import export_exchange, import_xliff, xliff1, xliff2
from workbench.exchange.importer import CONFLICT_PREFIX
from workbench.po.reader import read_po
from workbench.po.writer import write_po

SENTENCE = "Mayor Pan Guoqiang delivered a speech."
OTHER = "The forum opened on August 29."
KINDS = ["xliff", "xliff2"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def catalogue(project: Path, language: str = "zh_CN") -> Path:
    return project / "locales" / language / "LC_MESSAGES" / "news.po"


def export(project: Path, kind: str, language: str = "zh_CN", copy_to: Path | None = None) -> Path:
    config = load_config(project)
    export_exchange(config, [kind])
    module = xliff1 if kind == "xliff" else xliff2
    path = module.output_path(config.exports_dir, "news", language)
    if copy_to is not None:
        shutil.copy(path, copy_to)
        return copy_to
    return path


def set_target(path: Path, kind: str, source: str, text: str) -> None:
    """What a reviewer does in a CAT tool: rewrite the target of the unit whose source is ``source``."""
    tree = etree.parse(str(path))
    if kind == "xliff":
        ns = {"x": xliff1.NS}
        [unit] = [u for u in tree.getroot().xpath("//x:trans-unit", namespaces=ns)
                  if "".join(u.find("x:source", ns).itertext()) == source]
        target = unit.find("x:target", ns)
        target.set("state", "translated")
    else:
        ns = {"x": xliff2.NS}
        [unit] = [u for u in tree.getroot().xpath("//x:unit", namespaces=ns)
                  if "".join(u.find("x:segment/x:source", ns).itertext()) == source]
        segment = unit.find("x:segment", ns)
        target = segment.find("x:target", ns)
        if target is None:
            target = etree.SubElement(segment, f"{{{xliff2.NS}}}target")
        segment.set("state", "translated")
        segment.attrib.pop("subState", None)
    for code in list(target):
        target.remove(code)
    target.text = text
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)


def edit_catalogue(project: Path, msgid: str, text: str, language: str = "zh_CN") -> None:
    """What the translator does meanwhile, in Poedit."""
    path = catalogue(project, language)
    catalog = read_po(path)
    catalog.find(msgid).msgstr = text
    write_po(catalog, path)


def entry(project: Path, msgid: str, language: str = "zh_CN"):
    return read_po(catalogue(project, language)).find(msgid)


@pytest.mark.parametrize("kind", KINDS)
def test_two_reviewers_editing_different_rows_both_land(project, tmp_path, kind):
    a = export(project, kind, copy_to=tmp_path / f"a.{kind}")
    b = export(project, kind, copy_to=tmp_path / f"b.{kind}")
    set_target(a, kind, SENTENCE, "潘国强市长致辞。")
    set_target(b, kind, OTHER, "论坛于8月29日隆重开幕。")
    config = load_config(project)
    assert import_xliff(a, config).exit_code == 0
    report = import_xliff(b, config)
    assert report.exit_code == 0 and not report.conflicts
    assert entry(project, SENTENCE).msgstr == "潘国强市长致辞。"  # A's edit is not reverted by B's stale copy
    assert entry(project, OTHER).msgstr == "论坛于8月29日隆重开幕。"


@pytest.mark.parametrize("kind", KINDS)
def test_two_reviewers_editing_the_same_row_give_one_listed_conflict(project, tmp_path, kind, capsys):
    a = export(project, kind, copy_to=tmp_path / f"a.{kind}")
    b = export(project, kind, copy_to=tmp_path / f"b.{kind}")
    set_target(a, kind, SENTENCE, "潘国强市长致辞。")
    set_target(b, kind, SENTENCE, "潘国强市长作了讲话。")
    assert main(["-C", str(project), "import", "xliff", str(a)]) == 0
    capsys.readouterr()
    assert main(["-C", str(project), "import", "xliff", str(b)]) == 1
    out = capsys.readouterr().out
    assert "conflict locales/zh_CN/LC_MESSAGES/news.po:" in out and "1 conflict(s)" in out
    kept = entry(project, SENTENCE)
    assert kept.msgstr == "潘国强市长致辞。"  # the catalogue keeps its text ...
    [comment] = [c for c in kept.translator_comments if c.startswith(CONFLICT_PREFIX)]
    assert comment.endswith(": 潘国强市长作了讲话。") and f"b.{kind}:" in comment  # ... and B's is kept too


@pytest.mark.parametrize("kind", KINDS)
def test_a_stale_file_never_reverts_newer_work(project, tmp_path, kind):
    stale = export(project, kind, copy_to=tmp_path / f"stale.{kind}")
    edit_catalogue(project, SENTENCE, "潘国强市长发表了重要讲话。")  # the translator moves on
    set_target(stale, kind, OTHER, "论坛于8月29日开幕了。")  # the reviewer touched another row only
    report = import_xliff(stale, load_config(project))
    assert report.exit_code == 0 and not report.conflicts
    assert entry(project, SENTENCE).msgstr == "潘国强市长发表了重要讲话。"
    assert entry(project, OTHER).msgstr == "论坛于8月29日开幕了。"


@pytest.mark.parametrize("kind", KINDS)
def test_a_source_edited_since_the_export_is_never_overwritten(project, tmp_path, kind):
    path = export(project, kind, copy_to=tmp_path / f"old.{kind}")
    set_target(path, kind, SENTENCE, "潘国强市长致辞。")
    catalog_path = catalogue(project)
    catalog = read_po(catalog_path)
    catalog.find(SENTENCE).msgid = "Mayor Pan Guoqiang delivered a long speech."
    write_po(catalog, catalog_path)
    report = import_xliff(path, load_config(project))
    assert report.exit_code == 1 and len(report.skipped) == 1 and not report.updated
    assert "matches no entry" in report.skipped[0].reason
    assert entry(project, "Mayor Pan Guoqiang delivered a long speech.").msgstr != "潘国强市长致辞。"


@pytest.mark.parametrize("kind", KINDS)
def test_dry_run_lists_everything_and_changes_no_byte(project, tmp_path, kind, capsys):
    path = export(project, kind, copy_to=tmp_path / f"r.{kind}")
    set_target(path, kind, SENTENCE, "潘国强市长致辞。")
    set_target(path, kind, OTHER, "论坛开幕。")
    edit_catalogue(project, OTHER, "论坛于8月29日开幕了。")
    before = catalogue(project).read_bytes()
    capsys.readouterr()
    assert main(["-C", str(project), "import", "xliff", str(path), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert catalogue(project).read_bytes() == before
    assert f"would update locales/zh_CN/LC_MESSAGES/news.po:" in out and SENTENCE[:20] in out
    assert "conflict locales/zh_CN/LC_MESSAGES/news.po:" in out and OTHER[:20] in out
    assert "1 updated, 1 conflict(s)" in out and "dry run: no file written" in out


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_from_another_tool_fills_only_empty_entries_unless_forced(project, tmp_path, kind):
    path = export(project, kind, copy_to=tmp_path / f"foreign.{kind}")
    tree = etree.parse(str(path))  # another tool wrote it: no export record
    records = [element for element in tree.getroot().iter()
               if element.get("purpose") == xliff1.BASE_PURPOSE or element.get("category") == xliff2.BASE_CATEGORY]
    assert records
    for element in records:
        element.getparent().remove(element)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    set_target(path, kind, SENTENCE, "潘市长讲话。")
    untranslated = "Untranslated sentence for everyone."
    set_target(path, kind, untranslated, "人人都未翻译的句子。")
    before = entry(project, SENTENCE).msgstr
    report = import_xliff(path, load_config(project))
    assert report.exit_code == 1 and "--force" in report.skipped[0].reason
    assert entry(project, SENTENCE).msgstr == before and entry(project, untranslated).msgstr == "人人都未翻译的句子。"
    assert import_xliff(path, load_config(project), force=True).exit_code == 0
    assert entry(project, SENTENCE).msgstr == "潘市长讲话。"


def test_import_sets_the_revision_date_and_translator(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    path = export(project, "xliff2", copy_to=tmp_path / "r.xlf")
    set_target(path, "xliff2", SENTENCE, "潘国强市长致辞。")
    assert main(["-C", str(project), "import", "xliff", str(path), "--translator", "Li Hua <li@example.org>"]) == 0
    catalog = read_po(catalogue(project))
    assert catalog.header_field("PO-Revision-Date") == "2026-01-01 00:00+0000"
    assert catalog.header_field("Last-Translator") == "Li Hua <li@example.org>"


# -- nothing is lost, whatever the two sides do --------------------------------------

TEXTS = st.sampled_from(["甲。", "乙。", "丙丙。", "丁\n丁。", ""])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mine=st.dictionaries(st.integers(0, 3), TEXTS, max_size=4),
       theirs=st.dictionaries(st.integers(0, 3), TEXTS, max_size=4), kind=st.sampled_from(KINDS))
def test_no_translation_made_on_either_side_is_lost(tmp_path_factory, mine, theirs, kind):
    project = make_project(tmp_path_factory.mktemp("p") / "project")
    msgids = [m.msgid for m in read_po(catalogue(project)).entries()
              if not m.plural and m.msgctxt is None and m.msgid.isprintable() and not any(c in m.msgid for c in "<>%{&")][:4]
    assert len(msgids) == 4
    path = export(project, kind, copy_to=project / f"review.{kind}")
    for number, text in mine.items():  # the translator's edits after the export
        if number < len(msgids):
            edit_catalogue(project, msgids[number], text)
    for number, text in theirs.items():  # the reviewer's, in the exported file
        if number < len(msgids) and text:
            set_target(path, kind, msgids[number], text)
    after_mine = {m.msgid: m.msgstr for m in read_po(catalogue(project)).entries()}
    import_xliff(path, load_config(project))
    result = {m.msgid: m for m in read_po(catalogue(project)).entries()}
    for number, msgid in enumerate(msgids):
        kept = result[msgid]
        escaped = [c.split(": ", 1)[1] for c in kept.translator_comments if c.startswith(CONFLICT_PREFIX)]
        # a translation the translator made after the export is never overwritten by the file
        if mine.get(number):
            assert kept.msgstr == mine[number], (mine, theirs)
        # the reviewer's text is the entry's, or in its conflict comment
        if theirs.get(number):
            wanted = theirs[number].replace("\n", "\\n")
            assert kept.msgstr == theirs[number] or wanted in escaped, (mine, theirs, kept)
        # a translation present after the translator's edits is never silently dropped
        if after_mine[msgid]:
            assert kept.msgstr == after_mine[msgid] or kept.msgstr == theirs.get(number), (mine, theirs)
