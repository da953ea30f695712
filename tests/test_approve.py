"""``workbench approve``: reviewed (fuzzy) entries accepted reach the build, with who and when recorded."""

from __future__ import annotations

from workbench.cli import main
from workbench.po.reader import read_po
from workbench.po.writer import write_po


def translated_project(project):
    assert main(["-C", str(project), "extract"]) == 0 and main(["-C", str(project), "update", "--lang", "fr"]) == 0
    path = project / "locales" / "fr" / "LC_MESSAGES" / "news.po"
    catalogue = read_po(path)
    for message, text in zip(catalogue.entries(), ["Le forum s’est ouvert le 29 août.", "Le maire Pan a parlé.",
                                                  "Des invités sont venus du Tadjikistan."]):
        message.msgstr = text
    catalogue.find("Mayor Pan spoke.").fuzzy = True  # a reviewer's edit, imported for the translator to accept
    catalogue.find("Mayor Pan spoke.").previous_msgid = "Mayor Pan spoke briefly."
    write_po(catalogue, path)
    return path


def test_approved_entries_reach_the_build(project, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    path = translated_project(project)
    built = project / "build" / "fr" / "news.txt"
    assert main(["-C", str(project), "build", "--threshold", "0"]) == 0
    assert "Mayor Pan spoke." in built.read_text()  # fuzzy: the source stands in
    line = read_po(path).find("Mayor Pan spoke.").lineno
    capsys.readouterr()
    assert main(["-C", str(project), "approve", str(path), "--line", str(line), "--by", "Li Hua <li@example.org>"]) == 0
    assert "approved locales/fr/LC_MESSAGES/news.po:" in capsys.readouterr().out
    entry = read_po(path).find("Mayor Pan spoke.")
    assert not entry.fuzzy and entry.previous_msgid is None
    assert entry.translator_comments == ["wb-approved 2026-01-01 00:00+0000 by Li Hua <li@example.org>"]
    assert main(["-C", str(project), "build", "--threshold", "0"]) == 0
    assert "Le maire Pan a parlé." in built.read_text()


def test_approve_says_which_lines_name_nothing_and_a_dry_run_writes_nothing(project, capsys):
    path = translated_project(project)
    before = path.read_bytes()
    assert main(["-C", str(project), "approve", str(path), "--all-fuzzy", "--dry-run", "--by", "x"]) == 0
    assert path.read_bytes() == before and "would approve" in capsys.readouterr().out
    assert main(["-C", str(project), "approve", str(path), "--line", "1", "--by", "x"]) == 1
    assert "no fuzzy entry with a translation at line 1" in capsys.readouterr().out
    assert main(["-C", str(project), "approve", str(path)]) == 2  # nothing named: a usage error


def test_a_missing_catalogue_is_refused_and_nothing_is_made(project, capsys):
    """A mistyped path (an article's folder left out) is 'no such file', exit 2, before any lock: the lock folder
    beside the missing file was made, even in a dry run and outside the project."""
    path = translated_project(project)
    before = sorted(p for p in project.rglob("*"))
    missing = project / "city" / "news.po"
    assert main(["-C", str(project), "approve", str(path), str(missing), "--all-fuzzy", "--dry-run", "--by", "x"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert sorted(p for p in project.rglob("*")) == before and not (project / "city").exists()
