"""``workbench tm``: what a user types and sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def run(project: Path, *args: str) -> int:
    return main(["-C", str(project), "tm", *args])


def test_status_says_what_the_memory_holds_and_what_was_read(tm_project, capsys):
    assert run(tm_project, "status") == 0
    assert capsys.readouterr().out == ("build/memory.sqlite: 8 unit(s) in fr, zh_CN from 4 file(s); 4 file(s) read, "
                                       "0 removed\n")
    assert run(tm_project, "status") == 0
    assert "0 file(s) read" in capsys.readouterr().out
    assert run(tm_project, "status", "--rebuild") == 0
    assert "4 file(s) read, 0 removed (rebuilt)" in capsys.readouterr().out


def test_search_shows_both_sides_plain_when_not_a_terminal(tm_project, capsys):
    assert run(tm_project, "search", "forum opened", "--lang", "zh_CN") == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out  # no colour codes into a pipe
    assert "The forum opened on May 3." in out and "= 论坛于5月3日开幕。" in out
    assert "locales/zh_CN/LC_MESSAGES/first.po:" in out and out.endswith("1 unit(s)\n")
    assert run(tm_project, "search", "nowhere to be found") == 0
    assert "no unit contains 'nowhere to be found'" in capsys.readouterr().out


def test_search_lists_the_first_units_and_says_how_many_more(tm_project, capsys):
    assert run(tm_project, "search", "forum opened") == 0
    everything = capsys.readouterr().out
    assert everything.endswith("2 unit(s)\n")  # the zh_CN and fr translations
    assert run(tm_project, "search", "forum opened", "--limit", "1") == 0
    out = capsys.readouterr().out
    assert out.count("The forum opened on May 3.") == 1
    assert out.endswith("1 unit(s); 1 more unit(s) not shown (--limit 0 lists all)\n")
    assert run(tm_project, "search", "forum opened", "--limit", "0") == 0
    assert capsys.readouterr().out == everything
    assert run(tm_project, "search", "forum opened", "--limit", "1", "--json") == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 1 and "1 more unit(s) not shown" in captured.err
    with pytest.raises(SystemExit) as exit:
        run(tm_project, "search", "forum", "--limit", "-3")
    assert exit.value.code == 2 and "not a number of units: '-3'" in capsys.readouterr().err


def test_search_json_with_the_spans_to_highlight(tm_project, capsys):
    assert run(tm_project, "search", "目录", "--target", "--json") == 0
    [found] = json.loads(capsys.readouterr().out)
    assert found["source"] == "Table of contents" and found["target"] == "目录"
    assert found["target_language"] == "zh_CN" and found["origin"] == "first" and found["spans"] == [[0, 2]]
    assert found["reference"].startswith("locales/zh_CN/LC_MESSAGES/first.po:")


def test_import_export_and_bad_usage(tm_project, tmp_path, capsys):
    assert run(tm_project, "import", str(FIXTURES / "memoq.tmx")) == 0
    assert "copied tm/memoq.tmx: 2 unit(s) in ru; the memory now holds 10 unit(s)" in capsys.readouterr().out
    out = tmp_path / "all.tmx"
    assert run(tm_project, "export", "-o", str(out)) == 0
    assert f"wrote {out}: 10 unit(s)" in capsys.readouterr().out
    assert run(tm_project, "export", "-o", str(out)) == 0
    assert f"unchanged {out}" in capsys.readouterr().out
    assert run(tm_project, "search", "x", "--lang", "xx-nonsense") == 2
    assert "unknown language code" in capsys.readouterr().err
    assert run(tm_project, "import", str(tmp_path / "missing.tmx")) == 2
    assert "missing.tmx: no such file" in capsys.readouterr().err
    assert run(tm_project, "import", str(FIXTURES.parent / "conftest.py")) == 2
