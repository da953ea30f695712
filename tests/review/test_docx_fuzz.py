"""Fuzzing ``workbench import docx`` with mutants of real review tables, inside the XML and around it.

The seeds are the repository's own project exported to DOCX by the library, as they are and with
every target cell edited (so that imports write). A mutant is one of: an XML mutation of a part
the import reads (or of one it does not), a hostile identifier, or a change to the zip archive
itself -- byte flips, truncation, a zip bomb, names outside the archive, an encrypted or corrupt
part, a directory that lies about sizes, repeated names, another compression method. See
tests/fuzzing.py for what is checked on every input.
"""

from __future__ import annotations

import functools
import io
import random
import warnings
import zipfile
from typing import Iterator

from lxml import etree

from fuzzing import HOSTILE_VALUES, SEED, Sandbox, _byte_mutation, _element_mutation, budget, run_all
from workbench.config import load_config
from workbench.review import export_review

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# identifiers naming the decoys around the sandbox's project (the import adds ".po")
ARTICLE_PATHS = ["../../../../victim/yangzhou-auto-forum-2023", "{root}/victim/yangzhou-auto-forum-2023",
                 "../../../../victim/locales/fr/LC_MESSAGES/yangzhou-auto-forum-2023", "../../yangzhou-auto-forum-2023"]
READ = ["word/document.xml", "docProps/core.xml", "_rels/.rels"]
NOT_READ = ["[Content_Types].xml", "word/styles.xml", "word/_rels/document.xml.rels"]


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def archive(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method, compresslevel=1) as zipped:  # level 1: fast, still a real zip
        for name, data in members.items():
            zipped.writestr(name, data)
    return out.getvalue()


def edited(data: bytes) -> bytes:
    """The review with every target cell changed, as a reviewer in Word would return it."""
    members = parts(data)
    root = etree.fromstring(members["word/document.xml"])
    for row in list(root.iter(f"{W}tr"))[1:]:  # not the header row
        cells = row.findall(f"{W}tc")
        if len(cells) > 2:
            for text in cells[2].iter(f"{W}t"):
                text.text = "FUZZ " + (text.text or "")
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return archive(members)


@functools.lru_cache(maxsize=1)
def bomb() -> bytes:
    """A 200 MiB part of zeros, deflated to 200 KiB: made once."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        with zipped.open("word/document.xml", "w", force_zip64=True) as stream:
            zeros = bytes(1 << 20)
            for _ in range(200):
                stream.write(zeros)
    return out.getvalue()


def _central(data: bytes, name: str) -> int | None:
    offset = data.find(b"PK\x01\x02")
    while offset >= 0:
        if data[offset + 46: offset + 46 + len(name)] == name.encode():
            return offset
        offset = data.find(b"PK\x01\x02", offset + 4)
    return None


def _zip_mutation(data: bytes, rng: random.Random, root_value: str) -> bytes:
    members = parts(data)
    choice = 0 if rng.random() < 0.3 else rng.randrange(11)
    if choice == 0:  # an XML mutation of a part the import reads, or of one it does not
        name = rng.choice(READ + NOT_READ)
        if name in members:
            mutated = _element_mutation(members[name], rng, root_value)
            members[name] = mutated if mutated is not None else _byte_mutation(members[name], rng)
        return archive(members)
    if choice == 1:  # a hostile identifier: the article or the language a path
        value = rng.choice(ARTICLE_PATHS if rng.random() < 0.5 else HOSTILE_VALUES)
        value = value.replace("{root}", root_value).removesuffix(".po")
        article, language = ("yangzhou-auto-forum-2023", value) if rng.random() < 0.3 else (value, "fr")
        core = members["docProps/core.xml"]
        members["docProps/core.xml"] = etree.tostring(_identified(core, f"workbench-review:{article}:{language}"))
        return archive(members)
    if choice == 2:  # bytes of the archive itself
        return _byte_mutation(data, rng)
    if choice == 3:  # truncated
        return data[: rng.randrange(len(data))]
    if choice == 4:  # zip bombs: by absolute size (made once), or by ratio
        if rng.random() < 0.1:
            return bomb()
        members[rng.choice(READ + NOT_READ)] = b" " * rng.randrange(2 << 20, 6 << 20)
        return archive(members)
    if choice == 5:  # names outside the archive
        members[rng.choice(["../../evil.xml", "/etc/evil", "word/../../x.xml", "C:/x", "..\\x", "a/../../b"])] = b"<x/>"
        return archive(members)
    if choice == 6:  # an encrypted part (the flag, in the central directory and the local header)
        name = rng.choice(READ + NOT_READ)
        with zipfile.ZipFile(io.BytesIO(data)) as zipped:
            info = zipped.getinfo(name)
        patched = bytearray(data)
        patched[info.header_offset + 6] |= 1
        central = _central(data, name)
        if central is not None:
            patched[central + 8] |= 1
        return bytes(patched)
    if choice == 7:  # a corrupt deflate stream
        name = rng.choice(READ)
        with zipfile.ZipFile(io.BytesIO(data)) as zipped:
            info = zipped.getinfo(name)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        patched = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            patched[start + rng.randrange(max(info.compress_size, 1))] ^= 1 << rng.randrange(8)
        return bytes(patched)
    if choice == 8:  # a directory that lies about a part's size
        name = rng.choice(READ + NOT_READ)
        central = _central(data, name)
        if central is None:
            return data
        size = rng.choice([0, 1, 100, 2**31, 2**32 - 1]).to_bytes(4, "little")
        field = rng.choice([20, 24])  # compressed or uncompressed size
        return data[: central + field] + size + data[central + field + 4:]
    if choice == 9:  # the same name twice, or too many parts
        if rng.random() < 0.5:
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
                for name, content in members.items():
                    zipped.writestr(name, content)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # "Duplicate name": the point of this mutant
                    zipped.writestr(rng.choice(READ), b"<x/>")
            return out.getvalue()
        members.update({f"word/media/{n}.bin": b"" for n in range(rng.choice([999, 1001, 3000]))})
        return archive(members)
    # another compression method: stored is fine, the others Word never writes
    return archive(members, rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]))


def _identified(core: bytes, identifier: str):
    root = etree.fromstring(core)
    found = root.find("{http://purl.org/dc/elements/1.1/}identifier")
    if found is not None:
        found.text = identifier
    return root


def docx_mutants(seeds: list[bytes], count: int, root_value: str, seed: int = SEED) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    for number in range(count):
        data = rng.choice(seeds)
        steps = rng.choice((1, 1, 1, 2))
        for _ in range(steps):
            try:
                data = _zip_mutation(data, rng, root_value)
            except Exception:  # noqa: BLE001 - an earlier step broke the archive for zipfile: keep breaking it
                data = _byte_mutation(data, rng)
        yield f"input {number} ({steps} step(s), seed {seed})", data


def test_docx_import_survives_mutants(seed_project, tmp_path):
    exports = export_review(load_config(seed_project), ["docx"], seed_project / "build" / "review")
    documents = [path.read_bytes() for path in exports]
    documents += [edited(data) for data in documents]
    sandbox = Sandbox(seed_project, tmp_path / "sandbox")
    inputs = docx_mutants(documents, budget(250), str(sandbox.root), seed=1029)
    run_all(sandbox, "DOCX", ["import", "docx"], ".docx", inputs).check()
