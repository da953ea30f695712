"""Shared fixtures: a throw-away project folder, and the repository's own paths."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def write_project(root: Path, articles: dict[str, str], config: str = "") -> Path:
    (root / "pyproject.toml").write_text(
        textwrap.dedent(
            """\
            [project]
            name = "sample"
            version = "0"

            [tool.workbench]
            source-language = "en"
            target-languages = ["zh_CN", "ru", "fr"]
            """
        )
        + config,
        encoding="utf-8",
    )
    seeds = root / "seeds"
    seeds.mkdir(exist_ok=True)
    for name, text in articles.items():
        (seeds / name).write_text(text, encoding="utf-8", newline="")
    return root


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Caches (check results, parsed termbases) go to a folder of the test run, never the user's ~/.cache."""
    import os

    folder = tmp_path_factory.mktemp("workbench-cache")
    saved = os.environ.get("WORKBENCH_CACHE_DIR")
    os.environ["WORKBENCH_CACHE_DIR"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("WORKBENCH_CACHE_DIR", None)
    else:
        os.environ["WORKBENCH_CACHE_DIR"] = saved


@pytest.fixture
def make_project():
    """``make_project(root, {name: text}, extra_config)`` writes a project folder."""
    return write_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project with one two-paragraph article and no catalogues yet."""
    return write_project(
        tmp_path,
        {
            "news.txt": "The forum opened on August 29. Mayor Pan spoke.\n\n"
            "The forum opened on August 29. Guests came from Tajikistan.\n"
        },
    )


@pytest.fixture
def seed_project(tmp_path: Path) -> Path:
    """A copy of the repository's own project data (seeds, locales, glossary)."""
    for name in ("seeds", "locales", "glossary"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


# -- the repository stays as it was ----------------------------------------------------------------
# Tests work in temporary folders. A test that writes into the repository (a relative '-o out' run from
# the repository's folder did) would leave files a user's 'git status' shows: the run fails, naming them.
def _untracked() -> set[str] | None:
    import subprocess

    if not (REPO / ".git").exists():
        return None
    result = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO,
                            capture_output=True, text=True)
    if result.returncode != 0:
        return None
    return {line[3:] for line in result.stdout.splitlines() if line.startswith("?? ")}


def pytest_sessionstart(session):
    session.config._untracked_before = _untracked()


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_untracked_before", None)
    after = _untracked()
    if before is None or after is None:
        return
    left = sorted(after - before)
    if left:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_sep("!", f"tests left {len(left)} new file(s) in the repository: {', '.join(left[:10])}",
                               red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
