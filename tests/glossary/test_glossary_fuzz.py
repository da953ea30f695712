"""Fuzzing ``workbench glossary import`` with mutants of real TBX (v3 and v2) and CSV/TSV termbases.

The seeds are the repository's own glossary, as it is and exported to CSV and TSV by the CLI, and
the TBX v2 (martif) and v3 DCT fixtures. Every input must end in exit 0, 1 or 2, quickly, and leave
the project's glossary readable (tests/fuzzing.py).
"""

from __future__ import annotations

from pathlib import Path

from fuzzing import Sandbox, budget, csv_mutants, run_all, xml_mutants
from workbench.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def exported(project: Path, suffix: str) -> bytes:
    path = project / "build" / f"glossary{suffix}"
    assert main(["-C", str(project), "glossary", "export", "-o", str(path)]) == 0
    return path.read_bytes()


def test_tbx_import_survives_mutants(seed_project, tmp_path):
    documents = [(seed_project / "glossary" / "yangzhou-auto-forum.tbx").read_bytes(),
                 (FIXTURES / "basic-v2.tbx").read_bytes(), (FIXTURES / "basic-v3-dct.tbx").read_bytes()]
    sandbox = Sandbox(seed_project, tmp_path / "sandbox")
    inputs = xml_mutants(documents, budget(200), str(sandbox.root), seed=30042)
    run_all(sandbox, "TBX", ["glossary", "import"], ".tbx", inputs).check()


def test_csv_import_survives_mutants(seed_project, tmp_path):
    documents = [exported(seed_project, ".csv")]
    sandbox = Sandbox(seed_project, tmp_path / "sandbox")
    inputs = csv_mutants(documents, budget(200), ",", seed=4180)
    run_all(sandbox, "CSV", ["glossary", "import"], ".csv", inputs).check()


def test_tsv_import_survives_mutants(seed_project, tmp_path):
    documents = [exported(seed_project, ".tsv")]
    sandbox = Sandbox(seed_project, tmp_path / "sandbox")
    inputs = csv_mutants(documents, budget(100), "\t", seed=9)
    run_all(sandbox, "TSV", ["glossary", "import"], ".tsv", inputs).check()
