"""Fixtures for the review tests: the small project of ``review_project.py``."""

from __future__ import annotations

import pytest

from review_project import make_project


@pytest.fixture
def review_project(tmp_path, monkeypatch):
    """The project's Config. The working folder is the one above it: findings name files relative to it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(tmp_path)
    return make_project(tmp_path / "project")
