"""The dates workbench writes: one clock, so that builds are reproducible.

``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) fixes "now" for every date written
into a file: a template's creation date, an import's PO-Revision-Date, an export's timestamp.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

from workbench.errors import WorkbenchError


def now() -> datetime:
    """SOURCE_DATE_EPOCH if set, else the current time; in UTC, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except ValueError:
            raise WorkbenchError(f"SOURCE_DATE_EPOCH is not an integer: {epoch!r}") from None
    return datetime.now(timezone.utc).replace(microsecond=0)


def gettext_date(moment: datetime) -> str:
    """A PO header's date: ``2026-12-06 14:05+0000``."""
    return moment.strftime("%Y-%m-%d %H:%M%z")
