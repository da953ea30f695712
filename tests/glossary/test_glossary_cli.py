"""workbench glossary lookup/import/export/validate/candidates: exit codes, output, nothing written on bad input."""

import json
import shutil
from pathlib import Path

import pytest

from workbench.cli import main

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SEED = REPO / "glossary" / "yangzhou-auto-forum.tbx"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.workbench]\nsource-language = "en"\ntarget-languages = ["zh_CN", "ru", "fr"]\n', encoding="utf-8")
    (tmp_path / "glossary").mkdir()
    shutil.copy(SEED, tmp_path / "glossary" / SEED.name)
    (tmp_path / "seeds").mkdir()
    shutil.copy(REPO / "seeds" / "yangzhou-auto-forum-2023.txt", tmp_path / "seeds")
    return tmp_path


def run(project, *args):
    return main(["-C", str(project), "glossary", *args])


def snapshot(folder: Path) -> dict:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_help_of_every_subcommand(capsys):
    for sub in ("lookup", "import", "export", "validate", "candidates"):
        with pytest.raises(SystemExit) as exit_:
            main(["glossary", sub, "--help"])
        assert exit_.value.code == 0
    assert "usage: workbench glossary candidates" in capsys.readouterr().out


def test_lookup(project, capsys):
    assert run(project, "lookup", "The Mayor of Yangzhou met the mayors.", "--lang", "en") == 0
    out = capsys.readouterr().out
    assert "4-21 'Mayor of Yangzhou' [c002]: en: Mayor, mayor of Yangzhou | zh_CN: 市长" in out
    assert "30-36 'mayors' [c002]" in out
    assert run(project, "lookup", "扬州市市长", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [(m["text"], m["concept"], m["language"]) for m in data] == [("扬州", "c014", "zh_CN"), ("市长", "c002", "zh_CN")]


def test_validate_the_seed_passes(project, capsys):
    assert run(project, "validate") == 0
    # every concept of the file is counted (the seed grows with the project: counted, not written here)
    concepts = SEED.read_text(encoding="utf-8").count("<conceptEntry ")
    assert concepts >= 38
    assert f"glossary OK: {concepts} concepts" in capsys.readouterr().out


def test_validate_reports_problems_with_exit_1(project, capsys):
    (project / "glossary" / "extra.csv").write_text("id,en,zh_CN\nc900,Mayor,市长\n", encoding="utf-8")
    assert run(project, "validate") == 1
    out = capsys.readouterr().out
    assert "en term 'Mayor' is in concept 'c002' and also in 'c900'" in out  # extra.csv is read first
    assert "extra.csv:2: concept 'c900' has no fr term [missing-language]" in out


def test_export_tbx_csv_and_import_round_trip(project, tmp_path, capsys):
    csv_path, tbx_path = tmp_path / "out.csv", tmp_path / "out.tbx"
    assert run(project, "export", "--format", "csv", "-o", str(csv_path)) == 0
    assert "CSV cannot carry: the termbase title" in capsys.readouterr().err
    assert run(project, "export", "-o", str(tbx_path)) == 0
    assert tbx_path.read_bytes() == SEED.read_bytes()
    before = snapshot(project / "glossary")
    assert run(project, "import", str(csv_path)) == 0  # into the only .tbx there: same concepts, same bytes
    concepts = SEED.read_text(encoding="utf-8").count("<conceptEntry ")
    assert f"unchanged glossary/yangzhou-auto-forum.tbx: 0 new concept(s), {concepts} replaced" in capsys.readouterr().out
    assert snapshot(project / "glossary") == before


def test_import_foreign_tbx_into_a_new_file(project, capsys):
    assert run(project, "import", str(FIXTURES / "basic-v2.tbx"), "--into", "legacy.tbx") == 0
    written = project / "glossary" / "legacy.tbx"
    assert b"urn:iso:std:iso:30042:ed-2" in written.read_bytes()
    assert "not a valid XML id" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["billion-laughs.tbx", "external-entity.tbx", "network-dtd.tbx", "malformed.tbx",
                                  "unknown-language.tbx"])
def test_bad_input_exits_2_and_writes_nothing(project, name, capsys):
    before = snapshot(project)
    assert run(project, "import", str(FIXTURES / name)) == 2
    err = capsys.readouterr().err
    assert f"{name}:" in err and "Traceback" not in err
    assert snapshot(project) == before


def test_csv_with_a_missing_column_exits_2(project, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("subject,en\nx,Mayor\n", encoding="utf-8")
    before = snapshot(project)
    assert run(project, "import", str(bad)) == 2
    assert "bad.csv:1: missing column 'id'" in capsys.readouterr().err
    assert snapshot(project) == before


def test_candidates_from_seeds(project, capsys):
    assert run(project, "candidates", "--limit", "0") == 0
    out = capsys.readouterr().out
    assert "phrase" in out.splitlines()[0]
    assert "Pan Guoqiang" not in out  # already in the glossary
    assert run(project, "candidates", "--json", "--glossary", str(FIXTURES / "basic-v3-dca.tbx")) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(c["phrase"] == "Pan Guoqiang" for c in data)


def test_no_glossary_is_bad_usage(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text("[tool.workbench]\n", encoding="utf-8")
    assert main(["-C", str(tmp_path), "glossary", "validate"]) == 2
    assert "no termbase here" in capsys.readouterr().err
