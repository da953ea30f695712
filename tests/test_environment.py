"""The environment ./wb makes is exactly requirements.lock: same packages, same versions, nothing else."""

from __future__ import annotations

import re
import sys
from importlib.metadata import distributions
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "requirements.lock"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked() -> dict[str, str]:
    """Name -> version of every lock line whose environment marker holds on this machine."""
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match and (match.group(3) is None or Marker(match.group(3)).evaluate()):
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def test_every_locked_package_carries_hashes():
    text = LOCK.read_text(encoding="utf-8")
    requirements = [block for block in re.split(r"\n(?=[A-Za-z0-9])", text) if re.match(r"[A-Za-z0-9]", block)]
    assert len(requirements) >= 20
    for block in requirements:
        assert "==" in block.splitlines()[0] and "--hash=sha256:" in block, block.splitlines()[0]


def test_the_lock_pins_the_installer_and_the_build_backend():
    assert {"pip", "setuptools", "babel", "pytest"} <= set(locked())


@pytest.mark.skipif(Path(sys.prefix).resolve() != (REPO / ".venv").resolve(),
                    reason="only the environment ./wb makes is held to the lock")
def test_the_installed_packages_are_the_lock():
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    installed.pop("workbench")
    assert installed == locked()
