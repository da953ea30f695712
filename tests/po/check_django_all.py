"""Check the PO reader/writer/MO compiler on every PO file in a Django wheel.

    pip download django --no-deps -d /tmp/dj
    python tests/po/check_django_all.py /tmp/dj/django-*.whl

For each of the wheel's PO files (1,226 in Django 5.2) it counts:
  raw    -- the file as shipped, through our reader and writer, is
            byte-identical to ``msgcat FILE``;
  fmt    -- ``msgcat FILE`` run through our reader and writer is byte-identical
            (so ``workbench fmt`` leaves a file in gettext layout alone);
  nowrap -- ``msgcat --no-wrap FILE`` run through our reader and writer is
            byte-identical to ``msgcat FILE`` (we wrap exactly like msgcat);
  mo     -- our MO file is byte-identical to ``msgfmt FILE``'s.
Needs GNU gettext (msgcat, msgfmt). ``test_django_wheel.py`` runs it under
pytest when WORKBENCH_DJANGO_WHEEL names the wheel.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from workbench.po.mo import mo_bytes
from workbench.po.reader import parse_po, read_po
from workbench.po.writer import format_po


@dataclass
class Result:
    files: int = 0
    raw: int = 0
    fmt: int = 0
    nowrap: int = 0
    mo: int = 0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.files} PO files: as shipped -> ours = msgcat {self.raw}, fmt byte-identical {self.fmt}, --no-wrap -> ours byte-identical "
                f"{self.nowrap}, MO byte-identical {self.mo}")


def _run(*args: str) -> bytes:
    return subprocess.run(args, capture_output=True, check=True).stdout


def check_wheel(wheel: str | Path) -> Result:
    result = Result()
    with zipfile.ZipFile(wheel) as archive, tempfile.TemporaryDirectory() as tmp:
        names = sorted(n for n in archive.namelist() if n.endswith(".po"))
        for name in names:
            path = Path(tmp) / "in.po"
            path.write_bytes(archive.read(name))
            result.files += 1
            normal = _run("msgcat", str(path))
            unwrapped = _run("msgcat", "--no-wrap", str(path))
            ok_fmt = format_po(parse_po(normal.decode("utf-8"))).encode("utf-8") == normal
            ok_nowrap = format_po(parse_po(unwrapped.decode("utf-8"))).encode("utf-8") == normal
            ok_raw = format_po(read_po(path)).encode("utf-8") == normal
            ok_mo = mo_bytes(read_po(path)) == _run("msgfmt", "-o", "-", str(path))
            result.raw += ok_raw
            result.fmt += ok_fmt
            result.nowrap += ok_nowrap
            result.mo += ok_mo
            if not (ok_raw and ok_fmt and ok_nowrap and ok_mo):
                result.failures.append(f"{name}: raw={ok_raw} fmt={ok_fmt} nowrap={ok_nowrap} mo={ok_mo}")
    return result


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    started = time.perf_counter()
    result = check_wheel(argv[0])
    print(result.summary() + f" ({time.perf_counter() - started:.0f} s)")
    for failure in result.failures:
        print("  " + failure)
    return 0 if not result.failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
