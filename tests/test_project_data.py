"""The repository's own project: its catalogues are complete, valid and stable."""

import shutil
import subprocess

import pytest

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
from workbench.cli import main
from workbench.po.reader import read_po

CATALOGUES = sorted((REPO / "locales").rglob("*.po"))
LANGUAGES = ["zh_CN", "ru", "fr"]


def test_every_target_language_has_a_complete_catalogue():
    assert {p.parent.parent.name for p in CATALOGUES} >= set(LANGUAGES)
    for path in CATALOGUES:
        catalogue = read_po(path)
        entries = list(catalogue.entries())
        assert entries and all(m.translated for m in entries), path


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU msgfmt not installed")
@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_msgfmt_check_passes(path):
    result = subprocess.run(["msgfmt", "-c", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


def test_every_catalogue_is_in_gettext_layout(capsys):
    assert main(["fmt", "--check", str(REPO / "locales")]) == 0, capsys.readouterr().out


def test_chinese_typography():
    catalogue = read_po(REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "yangzhou-auto-forum-2023.po")
    first = next(catalogue.entries())
    assert "8月29日" in first.msgstr and first.msgstr.endswith("。")
    for message in catalogue.entries():
        assert "," not in message.msgstr and "(" not in message.msgstr, message.msgstr


def test_extract_and_update_leave_the_project_unchanged(seed_project):
    def catalogues():  # the lock file update leaves is git-ignored, not a catalogue
        return {p: p.read_bytes() for p in (seed_project / "locales").rglob("*") if p.is_file() and not p.name.startswith(".")}

    before = catalogues()
    assert main(["-C", str(seed_project), "extract"]) == 0
    assert main(["-C", str(seed_project), "update"]) == 0
    assert catalogues() == before


def test_build_writes_all_three_translated_articles(seed_project):
    assert main(["-C", str(seed_project), "build"]) == 0
    source = (seed_project / "seeds" / "yangzhou-auto-forum-2023.txt").read_text(encoding="utf-8")
    for language in LANGUAGES:
        text = (seed_project / "build" / language / "yangzhou-auto-forum-2023.txt").read_text(encoding="utf-8")
        assert text.split("\n") != source.split("\n")
        assert [bool(line) for line in text.split("\n")] == [bool(line) for line in source.split("\n")]
    assert "扬州" in (seed_project / "build" / "zh_CN" / "yangzhou-auto-forum-2023.txt").read_text(encoding="utf-8")


def test_the_main_job_writes_every_export_for_every_language(seed_project, capsys):
    """What `./wb run` does: the pipeline, the checks (clean) and the configured exports."""
    assert main(["-C", str(seed_project), "run"]) == 0
    out = capsys.readouterr().out
    assert "0 error(s), 0 warning(s)" in out
    exports = seed_project / "build" / "exports"
    assert (exports / "workbench.tmx").is_file()
    for language in LANGUAGES:
        for path in (f"html/yangzhou-auto-forum-2023.{language}.html", f"docx/yangzhou-auto-forum-2023.{language}.docx",
                     f"xliff/{language}/yangzhou-auto-forum-2023.xlf", f"xliff2/{language}/yangzhou-auto-forum-2023.xlf"):
            assert (exports / path).is_file(), path
    assert (exports / "html" / "matrix.html").is_file()
