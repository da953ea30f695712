"""Extents of format directives, so that wrapping never splits one (as gettext's wrap() does)."""

from __future__ import annotations


def directive_overrides(value: str, flag: str, is_msgstr: bool) -> list[bool] | None:
    return None
