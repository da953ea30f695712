"""Build the real-data input: one ~100,000-entry catalogue from the PO files in Django's wheel.

    .venv/bin/python bench/django_corpus.py [--entries 100000] [--out bench/out/django]

Steps (all deterministic for a given Django wheel):

1. ``pip download django --no-deps -d bench/out/dl`` (skipped when a wheel is there);
2. every ``*.po`` in the wheel (1,226 files, ~100 languages) is rewritten so
   each entry carries a msgctxt naming its file (``django/conf/locale/fr/...|``
   before an existing context), which keeps entries of different files
   distinct when they are concatenated;
3. ``msgcat --use-first`` concatenates them, in path order, into
   ``django.po``. The wheel holds ~85,000 entries; to reach ``--entries`` the
   files are taken a second time with the prefix ``r2:`` (whole files, so the
   total is the first file boundary at or above ``--entries``);
4. ``django.pot``: the same with every msgstr emptied (a text rewrite, then ``msgcat``; msgfilter
   would fork its filter once per message);
5. ``django-new.pot``: a "next release" template made from it with a seeded
   change: 2% of msgids edited (a word changed or added), 1% removed, 1% new --
   what ``update``/``msgmerge`` see on a real release;
6. ``django-half.po`` / ``django-half.pot``: the first half of the files, for
   the memory-vs-size measurement;
7. ``django-nowrap.po``: ``msgcat --no-wrap`` of django.po, the input that
   ``fmt`` has to rewrite;
8. ``project/`` and ``project-half/``: workbench projects (pyproject.toml,
   locales/django.pot, locales/<lang>/LC_MESSAGES/django.po) for ``workbench update``.

Prints a JSON summary (entry counts) on the last line.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
VENV_PIP = ROOT / ".venv" / "bin" / "pip"


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, **kw)


def download_wheel(dl: Path) -> Path:
    wheels = sorted(dl.glob("Django-*.whl")) + sorted(dl.glob("django-*.whl"))
    if not wheels:
        dl.mkdir(parents=True, exist_ok=True)
        pip = str(VENV_PIP) if VENV_PIP.exists() else sys.executable + " -m pip"
        run([*pip.split(), "download", "django", "--no-deps", "-d", str(dl), "-q"])
        wheels = sorted(dl.glob("Django-*.whl")) + sorted(dl.glob("django-*.whl"))
    if not wheels:
        raise SystemExit("no Django wheel downloaded")
    return wheels[-1]


_KEYWORD = re.compile(r'^(#~ )?(msgctxt|msgid) "(.*)$')


def add_context(text: str, prefix: str) -> tuple[str, int]:
    """Give every entry (active or obsolete, not the header) a msgctxt starting with ``prefix``.

    Returns the new text and the number of non-header entries.
    """
    out: list[str] = []
    entries = 0
    pending_ctxt = {"": False, "#~ ": False}  # a msgctxt line was just rewritten for this entry
    header_done = False
    for line in text.split("\n"):
        match = _KEYWORD.match(line)
        if match:
            obsolete = match.group(1) or ""
            keyword, rest = match.group(2), match.group(3)
            if keyword == "msgctxt":
                out.append(f'{obsolete}msgctxt "{prefix}|{rest}')
                pending_ctxt[obsolete] = True
                continue
            # msgid
            if not header_done and not obsolete and rest == '"' and not pending_ctxt[obsolete]:
                header_done = True  # the header entry: msgid "" first in the file
                out.append(line)
                continue
            header_done = True
            if not pending_ctxt[obsolete]:
                escaped = prefix.replace("\\", "\\\\").replace('"', '\\"')
                out.append(f'{obsolete}msgctxt "{escaped}"')
            pending_ctxt[obsolete] = False
            entries += 1
            out.append(line)
            continue
        out.append(line)
    return "\n".join(out), entries


def mutate_template(pot_text: str, seed: int) -> str:
    """A seeded "next release" of a template: edit 2% of msgids, drop 1%, add 1% new entries."""
    rng = random.Random(seed)
    blocks = pot_text.split("\n\n")
    header, body = blocks[0], blocks[1:]
    words = ["new", "updated", "selected", "current", "default", "related", "given", "valid", "active", "other"]
    out = [header]
    added = 0
    for block in body:
        r = rng.random()
        if r < 0.01 and not block.startswith("#~"):
            continue  # removed from the source
        if r < 0.03 and not block.startswith("#~"):
            # edit the msgid's first string line: insert or change a word
            lines = block.split("\n")
            for i, line in enumerate(lines):
                if line.startswith('msgid "') and line != 'msgid ""':
                    inner = line[len('msgid "'):-1]
                    tokens = inner.split(" ")
                    pos = rng.randrange(len(tokens) + 1)
                    tokens.insert(pos, rng.choice(words))
                    lines[i] = 'msgid "' + " ".join(tokens) + '"'
                    break
                if line.startswith('"') and i > 0 and lines[i - 1] == 'msgid ""':
                    inner = line[1:-1]
                    tokens = inner.split(" ")
                    tokens.insert(rng.randrange(len(tokens) + 1), rng.choice(words))
                    lines[i] = '"' + " ".join(tokens) + '"'
                    break
            block = "\n".join(lines)
        out.append(block)
        if r > 0.99 and not block.startswith("#~"):
            added += 1
            out.append(f'msgctxt "new-in-next-release"\nmsgid "New setting number {added}: {rng.choice(words)} value"\nmsgstr ""')
    return "\n\n".join(out).rstrip("\n") + "\n"


def msgcat(files: list[Path], output: Path, work: Path, extra: list[str] | None = None) -> None:
    listing = work / (output.name + ".files")
    listing.write_text("".join(f"{f}\n" for f in files), encoding="utf-8")
    run(["msgcat", "--use-first", *(extra or []), "-f", str(listing), "-o", str(output)])


def strip_translations(po_text: str) -> str:
    """The template of a catalogue: msgstrs emptied, translator comments, fuzzy flags, previous
    msgids and obsolete entries dropped (what msgfilter with an emptying filter does, without
    forking a filter process per message)."""
    blocks = po_text.rstrip("\n").split("\n\n")
    out = [blocks[0]]  # the header stays as it is
    for block in blocks[1:]:
        lines = block.split("\n")
        if all(line.startswith("#~") or not line for line in lines):
            continue
        kept: list[str] = []
        in_msgstr = False
        for line in lines:
            if line.startswith("msgstr"):
                in_msgstr = True
                kept.append(line.split(" ", 1)[0] + ' ""')
                continue
            if in_msgstr and line.startswith('"'):
                continue
            in_msgstr = False
            if line.startswith("#|") or line == "#" or line.startswith("# "):
                continue
            if line.startswith("#,"):
                flags = [f.strip() for f in line[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
                if not flags:
                    continue
                line = "#, " + ", ".join(flags)
            kept.append(line)
        out.append("\n".join(kept))
    return "\n\n".join(out) + "\n"


def make_pot(po: Path, pot: Path) -> None:
    raw = pot.with_name(pot.name + ".raw")
    raw.write_text(strip_translations(po.read_text(encoding="utf-8")), encoding="utf-8")
    run(["msgcat", "-o", str(pot), str(raw)])
    raw.unlink()


def make_project(folder: Path, po: Path, pot: Path) -> str:
    """A workbench project holding one template and its catalogue; returns the catalogue's language."""
    header = po.read_text(encoding="utf-8").split("\n\n", 1)[0]
    match = re.search(r'"Language: ([^\\"]*)\\n"', header)
    language = (match.group(1).strip() if match else "") or "af"
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "locales" / language / "LC_MESSAGES").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(
        "[tool.workbench]\n"
        'source-language = "en"\n'
        f'target-languages = ["{language}"]\n'
        'seeds = "seeds"\nlocales = "locales"\nglossary = "glossary"\n',
        encoding="utf-8",
    )
    (folder / "seeds").mkdir()
    shutil.copyfile(pot, folder / "locales" / "django.pot")
    shutil.copyfile(po, folder / "locales" / language / "LC_MESSAGES" / "django.po")
    return language


def build(out: Path, target_entries: int, seed: int) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    wheel = download_wheel(OUT / "dl")
    ctx_dir = out / "ctx"
    if ctx_dir.exists():
        shutil.rmtree(ctx_dir)
    ctx_dir.mkdir()
    with zipfile.ZipFile(wheel) as archive:
        names = sorted(n for n in archive.namelist() if n.endswith(".po"))
        sources = {name: archive.read(name).decode("utf-8") for name in names}
    chosen: list[Path] = []
    counts: list[int] = []
    total = 0
    round_number = 1
    while total < target_entries:
        for name in names:
            prefix = name if round_number == 1 else f"r{round_number}:{name}"
            text, entries = add_context(sources[name], prefix)
            target = ctx_dir / f"r{round_number}" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            chosen.append(target)
            counts.append(entries)
            total += entries
            if total >= target_entries:
                break
        round_number += 1
    full = out / "django.po"
    msgcat(chosen, full, out)
    half_index = next(i for i in range(len(counts)) if sum(counts[: i + 1]) >= total // 2) + 1
    half = out / "django-half.po"
    msgcat(chosen[:half_index], half, out)
    make_pot(full, out / "django.pot")
    make_pot(half, out / "django-half.pot")
    for pot in ("django.pot", "django-half.pot"):
        new = out / pot.replace(".pot", "-new.pot")
        raw = out / (new.name + ".raw")
        raw.write_text(mutate_template((out / pot).read_text(encoding="utf-8"), seed), encoding="utf-8")
        run(["msgcat", "-o", str(new), str(raw)])
        raw.unlink()
    run(["msgcat", "--no-wrap", "-o", str(out / "django-nowrap.po"), str(full)])
    language = make_project(out / "project", full, out / "django-new.pot")
    make_project(out / "project-half", half, out / "django-half-new.pot")
    shutil.rmtree(ctx_dir)

    def count(path: Path) -> int:
        text = path.read_text(encoding="utf-8")
        return len(re.findall(r"^msgid ", text, re.M)) - 1  # minus the header

    summary = {
        "wheel": wheel.name,
        "files": len(chosen),
        "files_half": half_index,
        "entries": count(full),
        "entries_half": count(half),
        "entries_new_pot": count(out / "django-new.pot"),
        "language": language,
        "bytes": full.stat().st_size,
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000, help="entries wanted (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the next-release template change")
    parser.add_argument("--out", default=str(OUT / "django"), help="output folder (default bench/out/django)")
    args = parser.parse_args(argv)
    for tool in ("msgcat",):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: install GNU gettext (apt-get install gettext)")
    summary = build(Path(args.out), args.entries, args.seed)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
