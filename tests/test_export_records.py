"""An export builds again only the articles whose inputs changed (``workbench.export_records``), and what it
leaves alone is, byte for byte, what an export without records writes: after an edit to a catalogue, after a
translation that changes another article's memory suggestion, after an output edited or deleted by hand, after
a glossary edit."""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench.exchange.common as exchange_common
import workbench.review.model as review_model
import workbench.tm.suggest as suggest
from workbench.export import FORMATS, export

ARTICLES = {
    "alpha.md": "# Alpha\n\nThe forum opened in Yangzhou on Monday morning.\n\nThe mayor gave a speech.\n",
    "beta.md": "# Beta\n\nThe forum opened in Yangzhou on Tuesday morning.\n\nThe plant makes batteries.\n",
    "gamma.md": "# Gamma\n\nThe port handled more containers.\n",
}
GLOSSARY = "id,subject,en,fr\nforum,events,forum,forum\n"
FILLED = {
    "alpha": {"Alpha": "Alpha", "The mayor gave a speech.": "Le maire a prononcé un discours."},
    "beta": {"Beta": "Bêta", "The plant makes batteries.": "L'usine fabrique des batteries."},
    "gamma": {"Gamma": "Gamma", "The port handled more containers.": "Le port a traité plus de conteneurs."},
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    from workbench.config import load_config
    from workbench.extract import extract
    from workbench.update import update

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_JOBS", "1")  # the articles built here, where the test counts them
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "glossary").mkdir()
    (root / "pyproject.toml").write_text('[tool.workbench]\nproject-name = "records"\ntarget-languages = ["fr"]\n',
                                         encoding="utf-8")
    for name, text in ARTICLES.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    (root / "glossary" / "terms.csv").write_text(GLOSSARY, encoding="utf-8")
    config = load_config(root)
    extract(config)
    update(config)
    for article, table in FILLED.items():
        translate(config, article, table)
    return config


def translate(config, article: str, table: dict[str, str]) -> None:
    from workbench.layout import catalogue_path
    from workbench.po.reader import read_po
    from workbench.po.writer import write_po

    path = catalogue_path(config, article, "fr")
    catalogue = read_po(path)
    for message in catalogue.entries():
        if message.msgid in table:
            message.msgstr = table[message.msgid]
    write_po(catalogue, path)


@pytest.fixture
def counted(monkeypatch):
    """The articles each family builds, and the memory's lookups, as an export makes them."""
    built = {"review": [], "exchange": [], "lookups": 0}
    article, read_article, best = review_model.ProjectReview.article, exchange_common.read_article, suggest.best_match

    def review_article(self, source):
        built["review"].append(source.stem)
        return article(self, source)

    def exchange_article(config, name, *args):
        built["exchange"].append(name)
        return read_article(config, name, *args)

    def lookup(*args, **kwargs):
        built["lookups"] += 1
        return best(*args, **kwargs)

    monkeypatch.setattr(review_model.ProjectReview, "article", review_article)
    monkeypatch.setattr(exchange_common, "read_article", exchange_article)
    monkeypatch.setattr(suggest, "best_match", lookup)

    def reset():
        built.update(review=[], exchange=[], lookups=0)
    built["reset"] = reset
    return built


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def without_records(config, out: Path, monkeypatch) -> dict[str, bytes]:
    """What an export writes with every cache off (no records, no stored answers)."""
    fresh = out.with_name(out.name + "-fresh")
    with monkeypatch.context() as patch:
        patch.setenv("WORKBENCH_NO_CACHE", "1")
        list(export(config, list(FORMATS), fresh))
    return files_of(fresh)


def test_an_unchanged_project_is_exported_again_without_building_an_article(project, counted, monkeypatch):
    out = project.root / "out"
    first = list(export(project, list(FORMATS), out))
    assert all(written for _, written in first)
    assert sorted(set(counted["review"])) == sorted(set(counted["exchange"])) == ["alpha", "beta", "gamma"]
    assert counted["lookups"] > 0  # alpha's and beta's untranslated sentences asked the memory
    counted["reset"]()
    again = list(export(project, list(FORMATS), out))
    assert [path for path, _ in again] == [path for path, _ in first]  # every file reported, in the same order
    assert not any(written for _, written in again)
    assert counted["review"] == counted["exchange"] == [] and counted["lookups"] == 0
    assert files_of(out) == without_records(project, out, monkeypatch)


def test_an_edited_catalogue_rebuilds_its_article_and_what_its_translation_suggests(project, counted, monkeypatch):
    out = project.root / "out"
    list(export(project, list(FORMATS), out))
    xliff = out / "xliff" / "fr" / "alpha.xlf"
    assert "mardi" not in xliff.read_text(encoding="utf-8")
    counted["reset"]()
    # beta's opening sentence translated: the memory now suggests it for alpha's, which nobody translated
    translate(project, "beta", {"The forum opened in Yangzhou on Tuesday morning.":
                                "Le forum s'est ouvert à Yangzhou mardi matin."})
    done = dict(export(project, list(FORMATS), out))
    assert "beta" in counted["review"] and "alpha" in counted["review"] and "gamma" not in counted["review"]
    assert "gamma" not in counted["exchange"]
    assert done[xliff] and "mardi" in xliff.read_text(encoding="utf-8")  # the new suggestion, in alpha's file
    assert not done[out / "xliff" / "fr" / "gamma.xlf"]
    assert files_of(out) == without_records(project, out, monkeypatch)


def test_an_output_edited_or_deleted_by_hand_is_written_again(project, counted, monkeypatch):
    out = project.root / "out"
    list(export(project, list(FORMATS), out))
    page, table = out / "html" / "gamma.fr.html", out / "md" / "beta.fr.md"
    page.unlink()
    table.write_text("edited by hand\n", encoding="utf-8")
    counted["reset"]()
    done = dict(export(project, list(FORMATS), out))
    assert sorted(set(counted["review"])) == ["beta", "gamma"] and counted["exchange"] == []
    assert sorted(path for path, written in done.items() if written) == sorted([page, table])
    assert files_of(out) == without_records(project, out, monkeypatch)


def test_a_glossary_edit_rebuilds_every_article(project, counted, monkeypatch):
    out = project.root / "out"
    list(export(project, list(FORMATS), out))
    counted["reset"]()
    terms = project.glossary_dir / "terms.csv"
    terms.write_text(GLOSSARY + "mayor,titles,mayor,maire\n", encoding="utf-8")
    list(export(project, list(FORMATS), out))
    assert sorted(set(counted["review"])) == sorted(set(counted["exchange"])) == ["alpha", "beta", "gamma"]
    assert files_of(out) == without_records(project, out, monkeypatch)


def test_records_follow_the_options_and_keep_nothing_without_the_cache(project, counted, monkeypatch):
    out = project.root / "out"
    list(export(project, ["html", "md"], out, languages=["fr"]))
    counted["reset"]()
    list(export(project, ["html", "md"], out, only=["untranslated"]))  # another selection: another context
    assert sorted(set(counted["review"])) == ["alpha", "beta", "gamma"]
    counted["reset"]()
    monkeypatch.setenv("WORKBENCH_NO_CACHE", "1")
    list(export(project, ["html", "md"], out, only=["untranslated"]))
    assert sorted(set(counted["review"])) == ["alpha", "beta", "gamma"]


def test_damaged_records_mean_building_never_an_error(project, counted, monkeypatch, tmp_path):
    import os
    import sqlite3

    out = project.root / "out"
    list(export(project, list(FORMATS), out))
    records = Path(os.environ["WORKBENCH_CACHE_DIR"]) / "exports.sqlite"
    assert records.is_file()
    with sqlite3.connect(records) as db:  # a record whose files are not what the export writes
        db.execute("UPDATE records SET files = 'not a list of files'")
    counted["reset"]()
    list(export(project, list(FORMATS), out))
    assert sorted(set(counted["review"])) == sorted(set(counted["exchange"])) == ["alpha", "beta", "gamma"]
    records.write_bytes(b"not a database" * 100)  # a damaged file: made anew
    for name in ("exports.sqlite-wal", "exports.sqlite-shm"):
        (records.parent / name).unlink(missing_ok=True)
    counted["reset"]()
    list(export(project, list(FORMATS), out))
    assert sorted(set(counted["review"])) == ["alpha", "beta", "gamma"]
    counted["reset"]()
    list(export(project, list(FORMATS), out))
    assert counted["review"] == []  # and the records work again
    assert files_of(out) == without_records(project, out, monkeypatch)


def test_an_export_writes_every_format_without_flushing_each_file(project, monkeypatch):
    """The exports are made again by exporting again (an incomplete file no longer matches its record): written
    atomically, but none forced to the disk one by one, while a catalogue written meanwhile still is."""
    import os

    flushed = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append(fd) or real_fsync(fd))
    out = project.root / "out"
    written = list(export(project, list(FORMATS), out))
    assert len(written) > 10 and all(done for _, done in written)
    assert flushed == []
    assert not [path for path in out.rglob("*.tmp")]
    translate(project, "gamma", {"Gamma": "Gamma !"})
    assert len(flushed) == 2  # the catalogue, then its folder
