"""Every PO file of a Django wheel through fmt and the MO compiler, when WORKBENCH_DJANGO_WHEEL names one.

    pip download django --no-deps -d /tmp/dj
    WORKBENCH_DJANGO_WHEEL=/tmp/dj/django-5.2.19-py3-none-any.whl pytest tests/po/test_django_wheel.py
"""

from __future__ import annotations

import os
import shutil

import pytest

WHEEL = os.environ.get("WORKBENCH_DJANGO_WHEEL")


@pytest.mark.skipif(not WHEEL, reason="set WORKBENCH_DJANGO_WHEEL to a Django wheel to run this")
@pytest.mark.skipif(not (shutil.which("msgcat") and shutil.which("msgfmt")), reason="GNU gettext is not installed")
def test_every_django_po_file():
    from check_django_all import check_wheel

    result = check_wheel(WHEEL)
    print(result.summary())
    assert result.files > 1000
    assert result.failures == []
