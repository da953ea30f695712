"""docs/examples/github-actions/translations.yml: a matrix of shards and a merge job that parse, keep the
cache folder, hand the shards over in one folder, and whose commands, run here job by job as the runners
would, print the report one ``check`` of the whole project prints."""

from __future__ import annotations

import fnmatch
import json
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import yaml

from workbench.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / "docs" / "examples" / "github-actions" / "translations.yml"


def _jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def _step(job: dict, action: str) -> dict:
    [step] = [step for step in job["steps"] if step.get("uses", "").startswith(action + "@")]
    return step


def _check_step(job: dict) -> dict:
    [step] = [step for step in job["steps"] if step.get("run", "").startswith("./wb check")]
    return step


def _fill(text: str, values: dict[str, str]) -> str:
    for expression, value in values.items():
        text = text.replace(expression, value)
    assert "${{" not in text, text
    return text


def _option(command: str, name: str) -> str:
    words = shlex.split(command)
    return words[words.index(name) + 1]


def test_a_matrix_of_shards_then_one_job_that_merges_them_even_when_a_shard_found_errors():
    jobs = _jobs()
    assert set(jobs) == {"shard", "check"}
    strategy = jobs["shard"]["strategy"]
    assert strategy["matrix"]["shard"] == [1, 2, 3, 4]
    assert strategy["fail-fast"] is False  # one shard's findings (exit 1) must not cancel the others
    assert jobs["check"]["needs"] == "shard" and "!cancelled()" in jobs["check"]["if"]
    upload = _step(jobs["shard"], "actions/upload-artifact")
    assert "!cancelled()" in upload["if"]


def test_each_job_keeps_the_workbench_cache_folder_keyed_on_the_lock_and_the_shard():
    for name, job in _jobs().items():
        cache = _step(job, "actions/cache")
        assert cache["with"]["path"] == job["env"]["WORKBENCH_CACHE_DIR"], name
        key = cache["with"]["key"]
        assert "hashFiles('requirements.lock')" in key, name
        assert key.startswith(cache["with"]["restore-keys"].strip()), name
        steps = job["steps"]
        assert steps.index(cache) < steps.index(_check_step(job)), name
    key = _step(_jobs()["shard"], "actions/cache")["with"]["key"]
    # a shard's cache holds its own files' results: another shard or shard count is another cache
    assert "${{ matrix.shard }}" in key and "${{ strategy.job-total }}" in key and "locales/**/*.po" in key


def test_the_merge_job_downloads_every_shard_the_matrix_uploaded_into_the_folder_it_merges():
    jobs = _jobs()
    upload, download = _step(jobs["shard"], "actions/upload-artifact"), _step(jobs["check"], "actions/download-artifact")
    assert upload["with"]["path"] == _option(_check_step(jobs["shard"])["run"], "--shard-dir")
    names = {_fill(upload["with"]["name"], {"${{ matrix.shard }}": str(shard)})
             for shard in jobs["shard"]["strategy"]["matrix"]["shard"]}
    assert len(names) == 4  # upload-artifact@v4 refuses a second artifact of the same name
    assert all(fnmatch.fnmatchcase(name, download["with"]["pattern"]) for name in names)
    assert download["with"]["merge-multiple"] is True  # all shards side by side in one folder
    assert download["with"]["path"] == _option(_check_step(jobs["check"])["run"], "--merge")


def test_the_check_commands_parse_with_workbenchs_own_parser():
    jobs = _jobs()
    values = {"${{ matrix.shard }}": "3", "${{ strategy.job-total }}": "4", "${{ runner.temp }}": "/tmp/runner"}
    for job in jobs.values():
        words = shlex.split(_fill(_check_step(job)["run"], values))
        assert words[0] == "./wb"
        build_parser().parse_args(words[1:])  # exits 2 on an unknown option or a bad value


def _checkout(tmp_path: Path) -> Path:
    """A checkout of a repository holding translations: this repository's project (its ``./wb`` and lock,
    its environment linked in, so nothing is installed) with two translator mistakes planted."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    for name in ("wb", "pyproject.toml", "requirements.lock"):
        shutil.copy2(REPO / name, checkout / name)
    for name in ("locales", "glossary", "seeds"):
        shutil.copytree(REPO / name, checkout / name)
    (checkout / ".venv").symlink_to(REPO / ".venv")
    po = checkout / "locales" / "fr" / "LC_MESSAGES" / "yangzhou-auto-forum-2023.po"
    text = po.read_text(encoding="utf-8")
    assert "le 29 août" in text and "développement de Yangzhou." in text
    po.write_text(text.replace("le 29 août", "le 28 août").replace("développement de Yangzhou.",
                                                                   "développement de Yang-tcheou."), encoding="utf-8")
    return checkout


def test_the_workflow_run_here_job_by_job_gives_the_report_of_one_check(tmp_path):
    """Each job's ``run:`` steps as a runner runs them (bash, in the checkout, its own temp folder and
    cache), the artifacts handed over as upload-artifact and download-artifact would; the merged SARIF
    report is the bytes a single ``./wb check --format sarif`` writes, findings included."""
    jobs = _jobs()
    checkout = _checkout(tmp_path)
    base_env = {key: value for key, value in os.environ.items() if key not in ("WORKBENCH_DEBUG", "WORKBENCH_NO_CACHE")}
    artifacts = tmp_path / "artifacts"

    def run_job(job: dict, runner: Path, matrix: dict[str, str]) -> dict[str, str]:
        values = {"${{ github.workspace }}": str(runner / "workspace"), "${{ runner.temp }}": str(runner / "temp"),
                  "${{ strategy.job-total }}": str(len(jobs["shard"]["strategy"]["matrix"]["shard"])), **matrix}
        (runner / "temp").mkdir(parents=True)
        env = {**base_env, **{name: _fill(value, values) for name, value in job["env"].items()}}
        for step in job["steps"]:
            uses = step.get("uses", "")
            if uses.startswith("actions/download-artifact@"):
                target = Path(_fill(step["with"]["path"], values))
                for artifact in sorted(artifacts.iterdir()):
                    if fnmatch.fnmatchcase(artifact.name, step["with"]["pattern"]):
                        shutil.copytree(artifact, target, dirs_exist_ok=True)  # merge-multiple: one folder
            elif "run" in step:
                result = subprocess.run(["bash", "-e", "-c", _fill(step["run"], values)], cwd=checkout, env=env,
                                        capture_output=True, text=True, timeout=600)
                assert result.returncode in (0, 1), f"{step['name']}: {result.stderr}"  # 1: findings
            elif uses.startswith("actions/upload-artifact@"):
                shutil.copytree(_fill(step["with"]["path"], values), artifacts / _fill(step["with"]["name"], values))
        assert any(Path(env["WORKBENCH_CACHE_DIR"]).rglob("*"))  # the folder the cache step saves was filled
        return values

    for shard in jobs["shard"]["strategy"]["matrix"]["shard"]:
        run_job(jobs["shard"], tmp_path / f"shard-{shard}", {"${{ matrix.shard }}": str(shard)})
    assert len(list(artifacts.iterdir())) == 4
    values = run_job(jobs["check"], tmp_path / "merge", {})
    merged = Path(values["${{ runner.temp }}"]) / "workbench.sarif"

    single = tmp_path / "single.sarif"
    done = subprocess.run(["./wb", "check", "--format", "sarif", "-o", str(single)], cwd=checkout, capture_output=True,
                          text=True, env={**base_env, "WORKBENCH_CACHE_DIR": str(tmp_path / "single-cache")}, timeout=600)
    assert done.returncode == 1, done.stderr  # the planted number is an error
    report = json.loads(merged.read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0" and report["runs"][0]["tool"]["driver"]["name"] == "workbench"
    found = {(result["ruleId"], result["level"]) for result in report["runs"][0]["results"]}
    assert ("numbers", "error") in found and any(rule.startswith("term") for rule, _ in found), found
    assert merged.read_bytes() == single.read_bytes()
