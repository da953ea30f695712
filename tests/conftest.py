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
