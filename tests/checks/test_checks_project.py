"""The project's own catalogues, with the project's glossary, pass with no warning or error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main

ROOT = Path(__file__).parents[2]


def test_project_catalogues_pass(monkeypatch, capsys):
    if not list((ROOT / "locales").rglob("*.po")):
        pytest.skip("the project has no catalogues yet")
    monkeypatch.chdir(ROOT)
    code = main(["check", "--format", "json", "--fail-on", "warning"])
    data = json.loads(capsys.readouterr().out)
    assert [(f["file"], f["line"], f["check"], f["message"]) for f in data["findings"]
            if f["severity"] in ("error", "warning")] == []
    assert code == 0
    assert data["summary"]["entries"] > 0


def test_pipeline_step(capsys):
    if not list((ROOT / "locales").rglob("*.po")):
        pytest.skip("the project has no catalogues yet")
    from workbench.cli.check import run_for_pipeline
    from workbench.config import load_config

    assert run_for_pipeline(load_config(ROOT)) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out
