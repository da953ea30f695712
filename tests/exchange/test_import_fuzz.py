"""Fuzzing ``workbench import xliff`` (1.2 and 2.1) and ``import tmx`` with mutants of real exports.

The seeds are the repository's own project exported by the library, with every XLIFF target
edited (so that imports write) and the French catalogue emptied for the TMX (so that it fills).
See tests/fuzzing.py for the mutators and what is checked on every input.
"""

from __future__ import annotations

from lxml import etree

from fuzzing import Sandbox, budget, run_all, xml_mutants
from workbench.config import load_config
from workbench.exchange import export_exchange
from workbench.po.reader import read_po
from workbench.po.writer import write_po


def edited(path) -> bytes:
    """The export with every target changed, as a translator's CAT tool would return it."""
    root = etree.parse(str(path)).getroot()
    for target in root.iter("{*}target"):
        target.text = "FUZZ " + (target.text or "")
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def seeds(project, kind: str) -> list[bytes]:
    paths = [path for path, _ in export_exchange(load_config(project), [kind])]
    return [path.read_bytes() for path in paths] + [edited(path) for path in paths if kind != "tmx"]


def test_xliff12_import_survives_mutants(seed_project, tmp_path):
    documents = seeds(seed_project, "xliff")
    sandbox = Sandbox(seed_project, tmp_path / "sandbox")
    inputs = xml_mutants(documents, budget(250), str(sandbox.root), seed=12)
    run_all(sandbox, "XLIFF 1.2", ["import", "xliff"], ".xlf", inputs).check()


def test_xliff21_import_survives_mutants(seed_project, tmp_path):
    documents = seeds(seed_project, "xliff2")
    sandbox = Sandbox(seed_project, tmp_path / "sandbox")
    inputs = xml_mutants(documents, budget(250), str(sandbox.root), seed=21)
    run_all(sandbox, "XLIFF 2.1", ["import", "xliff"], ".xlf", inputs).check()


def test_tmx_import_survives_mutants(seed_project, tmp_path):
    documents = seeds(seed_project, "tmx")
    config = load_config(seed_project)
    for catalogue in (config.locales_dir / "fr" / "LC_MESSAGES").glob("*.po"):
        emptied = read_po(catalogue)
        for entry in emptied.entries():
            entry.msgstr, entry.fuzzy = "", False
        write_po(emptied, catalogue)
    sandbox = Sandbox(seed_project, tmp_path / "sandbox")
    inputs = xml_mutants(documents, budget(250), str(sandbox.root), seed=14)
    run_all(sandbox, "TMX", ["import", "tmx"], ".tmx", inputs).check()
