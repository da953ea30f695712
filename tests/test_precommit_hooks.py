"""The project's ``.pre-commit-hooks.yaml``, run by pre-commit itself as a user's repository runs it.

A temporary clone of this repository (its HEAD, with the working tree's hooks file committed on
top, so the file under test is the one being edited) is the hooks' repository; a second temporary
git repository holds PO files and a ``.pre-commit-config.yaml`` naming it at that commit. pre-commit
then builds the hooks' environment as it would for a user (``language: python``: a virtualenv with
workbench and its dependencies pip-installed from the index), once for the module, in a private
PRE_COMMIT_HOME. That needs the network; without it the tests are skipped, saying so.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

GOOD = """\
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "The forum opened on Monday."
msgstr "Le forum s'est ouvert lundi."
"""

# in gettext's layout except the long msgid (msgcat wraps it at 79 columns), and a number lost
UNWRAPPED_WRONG = """\
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Delegates from 12 countries met in Yangzhou to discuss new energy vehicles and the supply chain."
msgstr "Des délégués de 21 pays se sont réunis à Yangzhou pour parler des véhicules à énergie nouvelle."
"""


def _network() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is not installed (it is in the test extras)"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not _network(), reason="no network: pre-commit pip-installs the hooks' environment "
                       "(workbench and its dependencies) from the package index"),
]


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory) -> tuple[Path, dict]:
    """(a git repository using the hooks, the environment to run pre-commit in)."""
    base = tmp_path_factory.mktemp("pre-commit")
    hooks = base / "hooks"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(hooks)], check=True)
    shutil.copyfile(REPO / ".pre-commit-hooks.yaml", hooks / ".pre-commit-hooks.yaml")
    _git(hooks, "add", ".pre-commit-hooks.yaml")
    if _git(hooks, "status", "--porcelain"):
        _git(hooks, "commit", "--quiet", "-m", "the hooks file under test")
    rev = _git(hooks, "rev-parse", "HEAD")
    user = base / "user"
    user.mkdir()
    _git(user, "init", "--quiet")
    (user / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: workbench-fmt\n      - id: workbench-check\n",
        encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "cache"), "PRE_COMMIT_COLOR": "never"}
    env.pop("WORKBENCH_DEBUG", None)
    # the environment is built here, once: pip installing workbench and its dependencies (~40 s measured)
    subprocess.run([str(PRE_COMMIT), "install-hooks"], cwd=user, env=env, check=True, capture_output=True,
                   timeout=900)
    return user, env


def _pre_commit(user: Path, env: dict, hook: str, *files: str) -> subprocess.CompletedProcess:
    _git(user, "add", "--all")
    return subprocess.run([str(PRE_COMMIT), "run", hook, "--files", *files], cwd=user, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_hooks_file_is_a_valid_manifest():
    result = subprocess.run([str(PRE_COMMIT), "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fmt_rewrites_a_file_out_of_layout_and_stops_the_commit_once(user_repo):
    user, env = user_repo
    (user / "good.po").write_text(GOOD, encoding="utf-8")
    (user / "fr.po").write_text(UNWRAPPED_WRONG, encoding="utf-8")
    result = _pre_commit(user, env, "workbench-fmt", "good.po", "fr.po")
    assert result.returncode == 1 and "files were modified by this hook" in result.stdout, result.stdout
    assert "reformatted fr.po" in result.stdout and "good.po" not in result.stdout
    # the bytes 'workbench fmt' of this checkout writes: the long lines wrapped at 79 columns
    expected = user.parent / "expected.po"
    expected.write_text(UNWRAPPED_WRONG, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "workbench", "fmt", str(expected)], check=True, capture_output=True)
    rewritten = (user / "fr.po").read_text(encoding="utf-8")
    assert rewritten == expected.read_text(encoding="utf-8") != UNWRAPPED_WRONG
    assert max(len(line) for line in rewritten.splitlines()) <= 79
    assert (user / "good.po").read_text(encoding="utf-8") == GOOD
    again = _pre_commit(user, env, "workbench-fmt", "good.po", "fr.po")  # staged as rewritten: passes
    assert again.returncode == 0 and "Passed" in again.stdout, again.stdout


def test_check_stops_a_commit_on_an_error_and_passes_a_clean_file(user_repo):
    user, env = user_repo
    (user / "good.po").write_text(GOOD, encoding="utf-8")
    (user / "fr.po").write_text(UNWRAPPED_WRONG, encoding="utf-8")
    failed = _pre_commit(user, env, "workbench-check", "fr.po")
    assert failed.returncode == 1, failed.stdout
    assert "fr.po" in failed.stdout and "number 12 of the source is missing" in failed.stdout, failed.stdout
    passed = _pre_commit(user, env, "workbench-check", "good.po")
    assert passed.returncode == 0 and "Passed" in passed.stdout, passed.stdout


def test_the_hooks_see_only_po_and_pot_files(user_repo):
    user, env = user_repo
    (user / "notes.txt").write_text("12 != 21\n", encoding="utf-8")
    for hook in ("workbench-fmt", "workbench-check"):
        result = _pre_commit(user, env, hook, "notes.txt")
        assert result.returncode == 0 and "no files to check" in result.stdout, result.stdout
