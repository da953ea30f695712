"""Verdicts for sampled ``entry-missing`` findings, by the one fact that decides them: is the msgid
still in the project's code and templates of the very wheel (then the catalogue lacks a message the
application shows: real), or only in the other language's stale catalogue (false)?

    .venv/bin/python bench/precision/judge_missing.py     # fills empty verdicts in judged.csv

Templates' ``{{ name }}`` is read as ``%(name)s`` (what makemessages writes), Python's adjacent string
literals are joined; tests are left out. A msgid under four characters is not looked up (found anywhere).
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

from run import FIELDS, HERE, OUT


def sources(wheel: Path) -> str:
    texts = []
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.endswith((".py", ".html", ".js", ".txt")) and "/locale/" not in name and "/tests/" not in name:
                text = archive.read(name).decode("utf-8", "replace")
                text = re.sub(r"\"\s*\n\s*\"|'\s*\n\s*'", "", text)
                text = re.sub(r"\{\{\s*(\w+)(\|[^}]*)?\s*\}\}", r"%(\1)s", text)
                texts.append(re.sub(r"\s+", " ", text))
    return "\n".join(texts)


def main() -> None:
    code = {wheel.name.split("-")[0]: sources(wheel) for wheel in sorted((OUT / "wheels").glob("*.whl"))}
    path = HERE / "judged.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["check"] != "entry-missing" or row["verdict"]:
            continue
        msgid = re.sub(r"\s+", " ", row["msgid"])
        text = code[row["file"].split("/")[0]]
        if len(msgid) >= 4 and any(v in text for v in {msgid, msgid.replace('"', '\\"'), msgid.replace("'", "\\'")}):
            row["verdict"], row["reason"] = "real", "msgid in the wheel's code: the catalogue lacks a message the app shows"
        else:
            row["verdict"], row["reason"] = "false", "msgid not in the wheel's code: the other language has an obsolete entry"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
