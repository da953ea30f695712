"""The exports are streamed unit by unit: the bytes must be those of the whole tree serialised at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import make_project, snapshot

from workbench.config import load_config
from workbench.errors import WorkbenchError
from workbench.exchange import export_exchange, tmx, xliff1, xliff2
from workbench.exchange.common import XmlStream, load_articles, serialize
from workbench.langs import to_bcp47
from workbench.po.catalog import Catalog, Message
from workbench.tm.suggest import project_suggestions


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_streamed_files_are_the_whole_trees_bytes(project):
    config = load_config(project)
    written = {path: path.read_bytes() for path, _ in export_exchange(config, ["tmx", "xliff", "xliff2"])}
    articles = load_articles(config)
    assert written[tmx.output_path(config, config.exports_dir)] == serialize(
        tmx.build(config, articles), tmx._LEAVES, tmx.DOCTYPE)
    for article in articles:
        for language, (po_file, catalog) in article.catalogues.items():
            original, source = config.relative(po_file), config.source_language
            suggest = project_suggestions(config, language, po_file)  # TM matches for untranslated entries
            tree = xliff1.build(catalog, original, source, language, suggest=suggest)
            path = xliff1.output_path(config.exports_dir, article.name, language)
            assert written[path] == serialize(tree, xliff1._LEAVES)
            tree = xliff2.build(catalog, original, source, language, xliff2.project_glossary(config, language),
                                suggest=suggest)
            path = xliff2.output_path(config.exports_dir, article.name, language)
            assert written[path] == serialize(tree, xliff2._LEAVES)


def test_a_document_without_units_is_written_as_the_tree_is(tmp_path):
    catalog = Catalog(messages=[])
    languages = (to_bcp47("en"), to_bcp47("fr"))
    root, body = xliff1.shell(catalog, "empty.po", languages)
    with XmlStream(tmp_path / "empty.xlf", root, body, xliff1._LEAVES) as stream:
        pass
    assert stream.written
    assert b"<body/>" in (tmp_path / "empty.xlf").read_bytes()
    whole_tree = serialize(xliff1.build(catalog, "empty.po", "en", "fr"), xliff1._LEAVES)
    assert (tmp_path / "empty.xlf").read_bytes() == whole_tree


def test_an_unchanged_file_is_left_alone_and_no_temporary_file_stays(project):
    config = load_config(project)
    export_exchange(config, ["tmx", "xliff"])
    before = {path: path.stat().st_mtime_ns for path in config.exports_dir.rglob("*") if path.is_file()}
    results = export_exchange(config, ["tmx", "xliff"])
    assert [written for _, written in results] == [False] * len(results)
    assert {path: path.stat().st_mtime_ns for path in config.exports_dir.rglob("*") if path.is_file()} == before


def test_a_failing_export_keeps_the_old_file(tmp_path):
    catalog = Catalog(messages=[Message(msgid="One.", msgstr="Un.")])
    languages = (to_bcp47("en"), to_bcp47("fr"))
    target = tmp_path / "out.xlf"
    target.write_bytes(b"old")
    root, body = xliff1.shell(catalog, "one.po", languages)
    with pytest.raises(RuntimeError):
        with XmlStream(target, root, body, xliff1._LEAVES) as stream:
            for unit in xliff1.units(body, catalog, languages):
                stream.add(unit)
            raise RuntimeError("interrupted")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlf"]


def test_a_bad_catalogue_midway_leaves_no_half_tmx(project):
    config = load_config(project)
    export_exchange(config, ["tmx"])
    before = snapshot(config.exports_dir)
    broken = sorted(config.locales_dir.glob("*/LC_MESSAGES/*.po"))[-1]
    broken.write_text('msgid "unterminated\n', encoding="utf-8")
    with pytest.raises(WorkbenchError):
        export_exchange(config, ["tmx"])
    assert snapshot(config.exports_dir) == before


def test_a_killed_exports_temporary_file_is_swept_by_the_next_export(project):
    """kill -9 in the middle of a streamed export leaves its temporary file: the next export removes it."""
    import os
    import subprocess
    import sys

    config = load_config(project)
    export_exchange(config, ["xliff2"])
    folder = xliff2.output_path(config.exports_dir, "news", "fr").parent
    stale = folder / ".news.xlf.wb999999999-x1y2z3w4.tmp"  # named as a writer names it; that pid does not exist
    stale.write_bytes(b"<xliff half-written")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    mine = folder / ".news.xlf.not-ours.tmp"  # a name workbench does not write: never touched
    mine.write_bytes(b"someone else's")
    # the next run is a new process (each process sweeps a folder once)
    subprocess.run([sys.executable, "-m", "workbench", "-C", str(project), "export", "--format", "xliff2"],
                   check=True, capture_output=True)
    assert not stale.exists() and mine.exists()


def test_each_articles_files_are_reported_before_the_next_article_is_read(project, monkeypatch):
    # `workbench export` says "wrote ..." file by file as the export goes, not all at the end
    import workbench.exchange.common as common
    from workbench.exchange import iter_exchange_exports

    config = load_config(project)
    read: list[str] = []
    read_po = common.read_po
    monkeypatch.setattr(common, "read_po", lambda path: read.append(path.stem) or read_po(path))
    seen = [(path.relative_to(config.exports_dir).as_posix(), sorted(set(read)))
            for path, _ in iter_exchange_exports(config, ["tmx", "xliff", "xliff2"])]
    guide = [then for name, then in seen if name.endswith("/guide.xlf")]  # "guide" comes first
    assert len(guide) == 6 and set(map(tuple, guide)) == {("guide",)}
    assert seen[-1][0].endswith(".tmx")  # the one file over every article is complete at the end
    assert sorted(name for name, _ in seen) == sorted(
        path.relative_to(config.exports_dir).as_posix() for path, _ in export_exchange(config, ["tmx", "xliff", "xliff2"]))


def test_articles_spread_over_workers_give_the_same_files_in_the_same_order(project, monkeypatch):
    """On a project large enough, forked workers write each article's XLIFF files and make its TMX units; the
    parent writes the units in article order: every file, and the order they are reported in, is what one
    process gives."""
    import workbench.parallel as parallel

    config = load_config(project)
    formats = ["tmx", "xliff", "xliff2"]
    serial = export_exchange(config, formats, config.root / "serial")
    forked: list[int] = []
    monkeypatch.setattr(parallel, "worker_count", lambda items, minimum=2: forked.append(items) or min(2, items))
    spread = export_exchange(config, formats, config.root / "spread")
    assert 2 in forked  # the two articles went to two workers
    assert [path.relative_to(config.root / "serial") for path, _ in serial] == \
        [path.relative_to(config.root / "spread") for path, _ in spread]
    assert snapshot(config.root / "serial") == snapshot(config.root / "spread")
    tmx_file = tmx.output_path(config, config.root / "spread").read_bytes()
    assert tmx_file.index(b'tuid="guide:1"') < tmx_file.index(b'tuid="news:1"')  # both articles, in order
    # and again over the same files: nothing rewritten, the TMX included
    assert {written for _, written in export_exchange(config, formats, config.root / "spread")} == {False}
