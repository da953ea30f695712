"""What the checks' tests share."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def judging_reads(monkeypatch):
    """``judging_reads()``: the list, filled from then on, of the catalogues whose summaries judging unpacks (their
    entries read), by file name. Counted in this process: the test runs its checks with ``WORKBENCH_JOBS=1``."""
    from workbench.checks import runner

    def start() -> list[str]:
        read: list[str] = []
        unpacked = runner._unpacked

        def counting(summary, plan, strings=None):
            read.append(Path(summary.path).name)
            return unpacked(summary, plan, strings)

        monkeypatch.setattr(runner, "_unpacked", counting)
        return read

    return start
