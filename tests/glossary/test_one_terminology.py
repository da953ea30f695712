"""Hints and checks ask the glossary the same question and get the same answer.

A translator who sees no hint must not fail a check that demands a rendering, and
the other way round: both go through ``Concept.terms_for`` (the one fallback rule).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.glossary import load_termbase
from workbench.glossary.hints import format_hint
from workbench.glossary.model import Concept, Term, Termbase
from workbench.glossary.terminology import Terminology
from workbench.glossary.tbx import save_tbx
from workbench.po.reader import read_po
from workbench.po.writer import write_po

REPO = Path(__file__).resolve().parents[2]


def _hinted_renderings(terminology: Terminology, concept, language: str) -> set[str]:
    match = next((m for m in terminology.find(concept.terms["en"][0].text, "en") if m.concept is concept), None)
    hint = format_hint(match, language) if match else None
    if not hint:
        return set()
    rendering = hint.split(" → ", 1)[1].split(" (")[0].split(" — ")[0]
    also = hint.split("(also ", 1)[1].split(")")[0].split(", ") if "(also " in hint else []
    return set(rendering.split(" / ")) | set(also)


@pytest.mark.parametrize("language", ["zh_CN", "ru", "fr", "zh", "zh_Hans", "de"])
def test_hints_and_checks_agree_on_every_concept_of_the_seed_glossary(language):
    termbase = load_termbase(REPO / "glossary")
    terminology = Terminology(termbase)
    compared = 0
    for concept in termbase.concepts:
        if "en" not in concept.terms or concept.dnt:
            continue
        # what term-missing and name-mismatch demand is what the hint shows
        checked = {t.text for t in terminology.renderings(concept, language)}
        assert _hinted_renderings(terminology, concept, language) == checked, concept.id
        compared += 1
    assert compared >= 30


def test_a_bare_language_concept_serves_a_regional_catalogue_in_hints_and_checks(project, capsys):
    """The reproduction: 'mayor' in zh_CN, 'forum' only in zh; update hints 论坛 and check demands it."""
    termbase = Termbase(concepts=[
        Concept("mayor", terms={"en": [Term("Mayor", "preferred")], "zh_CN": [Term("市长", "preferred")]}),
        Concept("forum", terms={"en": [Term("forum", "preferred")], "zh": [Term("论坛", "preferred")]}),
    ])
    (project / "glossary").mkdir()
    save_tbx(termbase, project / "glossary" / "terms.tbx")
    assert main(["-C", str(project), "extract"]) == 0
    assert main(["-C", str(project), "update", "--lang", "zh_CN"]) == 0
    path = project / "locales" / "zh_CN" / "LC_MESSAGES" / "news.po"
    catalogue = read_po(path)
    opened = catalogue.find("The forum opened on August 29.")
    assert "Glossary: forum → 论坛" in opened.extracted_comments
    opened.msgstr = "会议于8月29日开幕。"
    write_po(catalogue, path)
    capsys.readouterr()
    main(["-C", str(project), "check", "--only", "term-missing", "--format", "json", "--no-cache"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["msgid"], f["check"]) for f in findings] == [("The forum opened on August 29.", "term-missing")]
    assert "论坛" in findings[0]["message"]


def forum_only_in_zh(project) -> None:
    """A project whose glossary renders 'forum' only in bare zh, extracted and updated for zh_CN."""
    (project / "glossary").mkdir()
    save_tbx(Termbase(concepts=[Concept("forum", terms={"en": [Term("forum", "preferred")],
                                                        "zh": [Term("论坛", "preferred")]})]),
             project / "glossary" / "terms.tbx")
    main(["-C", str(project), "extract"])
    main(["-C", str(project), "update", "--lang", "zh_CN"])


def test_check_on_paths_inside_the_project_uses_the_projects_glossary(project, capsys):
    forum_only_in_zh(project)
    path = project / "locales" / "zh_CN" / "LC_MESSAGES" / "news.po"
    catalogue = read_po(path)
    catalogue.find("The forum opened on August 29.").msgstr = "会议于8月29日开幕。"
    write_po(catalogue, path)

    def term_findings(*args) -> int:
        capsys.readouterr()
        main(["-C", str(project), "check", *args, "--only", "term-missing", "--format", "json", "--no-cache"])
        return json.loads(capsys.readouterr().out)["summary"]["total"]

    assert term_findings() == 1
    assert term_findings(str(project / "locales")) == 1
    assert term_findings(str(path)) == 1
    assert term_findings(str(path), "--no-glossary") == 0


def test_check_no_cache_reads_the_glossary_afresh_and_leaves_the_environment_alone(project, monkeypatch, tmp_path):
    import os
    import shutil

    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_NO_CACHE", raising=False)
    forum_only_in_zh(project)
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
    main(["-C", str(project), "check", "--no-cache"])
    assert "WORKBENCH_NO_CACHE" not in os.environ
    assert not (tmp_path / "cache").exists()  # neither the termbase nor the results were cached
