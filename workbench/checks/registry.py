"""The registry of checks: each family module registers its classes with ``@register``."""

from __future__ import annotations

import importlib

from workbench.checks.base import Check
from workbench.errors import WorkbenchError

FAMILIES = (
    "completeness",
    "numbers",
    "punctuation",
    "whitespace",
    "placeholders",
    "markdown",
    "script",
    "plurals",
    "header",
    "glossary",
    "consistency",
    "phrases",
    "omissions",
)

_CHECKS: dict[str, type[Check]] = {}
_loaded = False


def register(cls: type[Check]) -> type[Check]:
    if not cls.id:
        raise ValueError(f"{cls.__name__} has no id")
    if cls.id in _CHECKS and _CHECKS[cls.id] is not cls:
        raise ValueError(f"duplicate check id {cls.id!r}")
    if not cls.family:
        cls.family = cls.__module__.rsplit(".", 1)[-1]
    _CHECKS[cls.id] = cls
    return cls


def _load() -> None:
    global _loaded
    if _loaded:
        return
    for family in FAMILIES:
        importlib.import_module(f"workbench.checks.{family}")
    _loaded = True


def all_checks() -> list[type[Check]]:
    """Every registered check, in family order then registration order."""
    _load()
    order = {family: index for index, family in enumerate(FAMILIES)}
    return sorted(_CHECKS.values(), key=lambda cls: order.get(cls.family, len(order)))


def get_check(check_id: str) -> type[Check]:
    _load()
    try:
        return _CHECKS[check_id]
    except KeyError:
        raise WorkbenchError(f"unknown check {check_id!r}; 'workbench check --list' lists them") from None


def check_ids() -> list[str]:
    return [cls.id for cls in all_checks()]
