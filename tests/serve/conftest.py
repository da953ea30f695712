"""Fixtures for the editor's tests (``serve_project``)."""

from serve_project import planted  # noqa: F401 - a fixture
