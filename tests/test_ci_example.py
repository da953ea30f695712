"""docs/examples/github-actions/translations.yml: it parses, keeps the cache folder, and its commands run."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / "docs" / "examples" / "github-actions" / "translations.yml"


def _job() -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert set(workflow["jobs"]) == {"check"}  # the shard matrix is a comment until --shard exists
    return workflow["jobs"]["check"]


def test_the_cache_step_keeps_the_workbench_cache_folder_keyed_on_the_lock_and_the_catalogues():
    job = _job()
    [cache] = [step for step in job["steps"] if step.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == job["env"]["WORKBENCH_CACHE_DIR"]
    key = cache["with"]["key"]
    assert "hashFiles('requirements.lock')" in key and "locales/**/*.po" in key
    assert key.startswith(cache["with"]["restore-keys"].strip())
    steps = [step.get("uses", step.get("run", "")) for step in job["steps"]]
    assert steps.index(cache["uses"]) < next(i for i, s in enumerate(steps) if "./wb check" in s)


def test_the_run_steps_run_and_write_a_sarif_report(tmp_path):
    """Each ``run:`` step as the runner runs it (bash, in the checkout), its expressions filled in."""
    job = _job()
    values = {"${{ github.workspace }}": str(tmp_path), "${{ runner.temp }}": str(tmp_path)}

    def fill(text: str) -> str:
        for expression, value in values.items():
            text = text.replace(expression, value)
        assert "${{" not in text, text
        return text

    env = {**os.environ, **{name: fill(value) for name, value in job["env"].items()}}
    env.pop("WORKBENCH_DEBUG", None)
    runs = [step for step in job["steps"] if "run" in step]
    assert [step["run"].split()[0] for step in runs] == ["./wb", "./wb"]
    for step in runs:
        result = subprocess.run(["bash", "-e", "-c", fill(step["run"])], cwd=REPO, env=env, capture_output=True,
                                text=True, timeout=600)
        assert result.returncode in (0, 1), f"{step['name']}: {result.stderr}"  # 1: check found errors
    report = json.loads((tmp_path / "workbench.sarif").read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0" and report["runs"][0]["tool"]["driver"]["name"] == "workbench"
    # the folder the cache step saves was filled by the run
    assert any(Path(env["WORKBENCH_CACHE_DIR"]).rglob("*"))
