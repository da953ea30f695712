"""glossary candidates --bilingual: each candidate with the renderings the catalogues use, ready to import.

The project is the two-article fixture of inconsistent-phrase (tests/checks/fixtures/phrases/planted), whose
catalogues render "trade fair" Messe three times and Ausstellung twice in German, "electric vehicles"
电动汽车 four times and 电动车 once in Chinese."""

import json
import shutil
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.glossary import read_termbase_file
from workbench.glossary.tbx import read_tbx
from workbench.po.catalog import Catalog, Message
from workbench.po.reader import read_po
from workbench.po.writer import format_po

PHRASES = Path(__file__).resolve().parents[1] / "checks" / "fixtures" / "phrases" / "planted"
LANGUAGES = ("zh_CN", "ru", "de", "fr")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.workbench]\nsource-language = "en"\ntarget-languages = ["zh_CN", "ru", "de", "fr"]\n', encoding="utf-8")
    locales = tmp_path / "locales"
    for language in LANGUAGES:
        folder = locales / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        for po in sorted((PHRASES / language).glob("*.po")):
            shutil.copy(po, folder / po.name)
    for po in sorted((PHRASES / "de").glob("*.po")):  # the templates: the sources, untranslated
        messages = [Message(msgid=m.msgid, references=list(m.references)) for m in read_po(po).entries()]
        (locales / f"{po.stem}.pot").write_text(format_po(Catalog(messages=messages)), encoding="utf-8")
    return tmp_path


def run(project, *args):
    return main(["-C", str(project), "glossary", "candidates", *args])


def test_the_table_shows_each_phrase_with_its_renderings_per_language(project, capsys):
    assert run(project, "--bilingual") == 0
    out = capsys.readouterr().out
    block = out[out.index("trade fair  (phrase"):]
    block = block[: block.index("\n", block.index("zh_CN"))]
    assert "    de       Messe (3), Ausstellung (2)\n" in block
    assert "    zh_CN    交易会 (6)" in block
    assert "    zh_CN    电动汽车 (4), 电动车 (1)\n" in out
    assert "    ru       логистический центр (3), логистический хаб (1)\n" in out


def test_json_has_the_renderings_and_counts_in_a_stable_order(project, capsys):
    assert run(project, "--bilingual", "--format", "json") == 0
    first = capsys.readouterr().out
    assert run(project, "--bilingual", "--format", "json") == 0
    assert capsys.readouterr().out == first
    data = {item["phrase"]: item for item in json.loads(first)}
    assert data["trade fair"]["renderings"]["de"] == [{"text": "Messe", "count": 3}, {"text": "Ausstellung", "count": 2}]
    assert data["electric vehicles"]["renderings"]["fr"] == [
        {"text": "véhicules électriques", "count": 4}, {"text": "voitures électriques", "count": 1}]
    assert list(data["trade fair"]["renderings"]) == sorted(data["trade fair"]["renderings"])


def test_the_csv_imports_into_the_glossary(project, capsys):
    target = project / "candidates.csv"
    assert run(project, "--bilingual", "-o", str(target)) == 0
    termbase = read_termbase_file(target)  # the glossary's own CSV reader accepts it
    fair = next(c for c in termbase.concepts if c.terms["en"][0].text == "trade fair")
    assert [(t.text, t.status) for t in fair.terms["de"]] == [("Messe", "preferred")]
    assert "de: Messe (3), Ausstellung (2)" in fair.note
    assert main(["-C", str(project), "glossary", "import", str(target)]) == 0
    imported = read_tbx(project / "glossary" / "candidates.tbx")
    assert {c.id for c in imported.concepts} == {c.id for c in termbase.concepts}
    assert "candidate-electric-vehicles" in {c.id for c in imported.concepts}


def test_the_output_must_be_a_csv(project, capsys):
    assert main(["-C", str(project), "glossary", "candidates", "--bilingual", "-o", str(project / "x.tbx")]) == 2
    assert not (project / "x.tbx").exists()
