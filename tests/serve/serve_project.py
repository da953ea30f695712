"""A git-tracked copy of the seed project with planted problems, for the editor's tests (the ``planted`` fixture)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbench.config import load_config
from workbench.po.reader import read_po
from workbench.po.writer import write_po

REPO = Path(__file__).resolve().parents[2]

ZH = "locales/zh_CN/LC_MESSAGES/yangzhou-auto-forum-2023.po"
RU = "locales/ru/LC_MESSAGES/yangzhou-auto-forum-2023.po"
SCRIPT_TEXT = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'


@dataclass
class Planted:
    root: Path
    mistake: str  # msgid of the zh_CN entry whose 扬州 was replaced by the deprecated 杨州
    fuzzy: str  # msgid of a ru entry made fuzzy
    script: str  # msgid of a ru entry whose msgstr holds a script


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def edit(path: Path, msgid_start: str, change) -> str:
    catalog = read_po(path)
    entry = next(m for m in catalog.entries() if m.msgid.startswith(msgid_start))
    change(entry)
    write_po(catalog, path)
    return entry.msgid


@pytest.fixture
def planted(seed_project: Path) -> Planted:
    root = seed_project
    mistake = edit(root / ZH, "During his address, Pan Guoqiang", lambda m: setattr(m, "msgstr", m.msgstr.replace("扬州", "杨州")))
    entries = [m for m in read_po(root / RU).entries() if m.msgstr]
    fuzzy = edit(root / RU, entries[3].msgid, lambda m: setattr(m, "fuzzy", True))
    script = edit(root / RU, entries[5].msgid, lambda m: setattr(m, "msgstr", SCRIPT_TEXT))
    # the repository's own ignores (the project lock, build/): without them a clean clone's copy has no
    # lock file yet, and the first save's lock would show as an untracked file
    shutil.copy(REPO / ".gitignore", root / ".gitignore")
    for lock in root.rglob(".workbench.lock"):
        lock.unlink()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "seed")
    load_config(root)  # the copy is a project
    return Planted(root, mistake, fuzzy, script)
