"""``workbench import docx`` on hostile documents: exit 2 naming the file, nothing written, quickly.

Each case starts from a real review table exported from the test project and changes one thing:
the identifier that names the catalogue, the XML of a part, or the zip archive around the parts.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.layout import catalogue_path
from workbench.review import export_review

CORE = "docProps/core.xml"
DOCUMENT = "word/document.xml"


@pytest.fixture
def review(review_project) -> Path:
    paths = export_review(review_project, ["docx"], review_project.root / "out")
    return next(p for p in paths if p.name == "forum.zh_CN.docx")


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def with_part(review: Path, name: str, change) -> Path:
    parts = members(review)
    parts[name] = change(parts[name])
    return write_zip(review, parts)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def refused(config, document: Path, capsys, *words: str) -> str:
    """Exit 2 within seconds, a message naming the document, and not a byte changed anywhere."""
    outside = config.root.parent
    before = snapshot(outside)
    started = time.monotonic()
    assert main(["-C", str(config.root), "import", "docx", str(document)]) == 2
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert document.name in err and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    assert snapshot(outside) == before
    return err


# -- the identifier names a catalogue of this project, never a path ----------------------------


def set_identifier(review: Path, value: str) -> Path:
    def change(core: bytes) -> bytes:
        return core.replace(b"workbench-review:forum:zh_CN", value.encode())
    return with_part(review, CORE, change)


@pytest.mark.parametrize("identifier", [
    "workbench-review:../../../../other/victim:zh_CN",  # relative path to another project
    "workbench-review:{outside}/victim:zh_CN",    # absolute path to another project
    "workbench-review:forum:../../../victim",     # the language as a path
    "workbench-review:forum:zh_CN/../../../victim",
    "workbench-review:forum:.",                   # <locales>/./LC_MESSAGES/forum.po: no language
])
def test_identifier_naming_a_path_outside_the_project_is_refused(review_project, review, capsys, identifier):
    outside = review_project.root.parent / "other"
    victim = outside / "victim.po"
    outside.mkdir()
    victim.write_bytes(catalogue_path(review_project, "forum", "zh_CN").read_bytes())
    set_identifier(review, identifier.format(outside=outside))
    refused(review_project, review, capsys, "not a catalogue of this project")


def test_catalogue_linked_out_of_the_locales_folder_is_refused(review_project, review, capsys):
    elsewhere = review_project.root.parent / "elsewhere.po"
    catalogue = catalogue_path(review_project, "forum", "zh_CN")
    elsewhere.write_bytes(catalogue.read_bytes())
    catalogue.unlink()
    catalogue.symlink_to(elsewhere)
    refused(review_project, review, capsys, "outside the project's locales folder")


# -- XML attacks inside a part: refused by the hardened parser, never expanded or loaded ---------

LAUGHS = (b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(8))
          + b"]>")


def prolog(doctype: bytes):
    return lambda xml: xml.replace(b"?>", b"?>" + doctype, 1)


@pytest.mark.parametrize("part", [DOCUMENT, CORE, "_rels/.rels"])
@pytest.mark.parametrize("name, change, message", [
    ("billion laughs", prolog(LAUGHS), "internal subset refused"),
    ("external entity", prolog(b'<!DOCTYPE x [<!ENTITY s SYSTEM "file:///etc/passwd">]>'), "internal subset refused"),
    ("external DTD", prolog(b'<!DOCTYPE x SYSTEM "file:///etc/passwd">'), "external DTD"),
    ("network DTD", prolog(b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">'), "external DTD"),
    ("deep nesting", lambda xml: xml.replace(b"?>", b"?>" + b"<x>" * 5000, 1) + b"</x>" * 5000, "malformed XML"),
    ("malformed", lambda xml: xml[: len(xml) // 2], "malformed XML"),
])
def test_xml_attack_in_a_part_is_refused(review_project, review, capsys, part, name, change, message):
    with_part(review, part, change)
    err = refused(review_project, review, capsys, message)
    assert f"{review.name}/{part}" in err  # the part is named after the document


# -- the archive: checked from its directory before anything is unpacked -----------------------


def test_zip_bomb_is_refused_before_unpacking(review_project, review, capsys):
    """A 300 MiB part of zeros packs into 300 KiB: refused from the directory, memory stays small."""
    parts = members(review)
    with zipfile.ZipFile(review, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name != DOCUMENT:
                archive.writestr(name, data)
        with archive.open(DOCUMENT, "w", force_zip64=True) as stream:
            zeros = bytes(1 << 20)
            for _ in range(300):
                stream.write(zeros)
    assert review.stat().st_size < 2 << 20
    refused(review_project, review, capsys, "zip bomb")


def test_highly_compressed_part_is_refused(review_project, review, capsys):
    with_part(review, "word/styles.xml", lambda xml: xml + b" " * (20 << 20))
    refused(review_project, review, capsys, "zip bomb")


def central_entry(data: bytes, name: str) -> int:
    """Where the central directory entry of ``name`` starts (its name is at offset 46)."""
    offset = data.index(b"PK\x01\x02")
    while data[offset + 46: offset + 46 + len(name)] != name.encode():
        offset = data.index(b"PK\x01\x02", offset + 4)
    return offset


def test_part_larger_than_its_directory_entry_says_is_refused(review_project, review, capsys):
    """The directory is what the checks read: a part that unpacks to more is caught as it is read."""
    data = review.read_bytes()
    with zipfile.ZipFile(review) as archive:
        info = archive.getinfo(DOCUMENT)
    size = (info.file_size // 10).to_bytes(4, "little")
    central, local = central_entry(data, DOCUMENT), info.header_offset
    # the announced uncompressed size: offset 24 of the central entry, 22 of the local header
    data = data[: central + 24] + size + data[central + 28:]
    data = data[: local + 22] + size + data[local + 26:]
    review.write_bytes(data)
    refused(review_project, review, capsys, "damaged archive")


def test_corrupt_deflate_stream_is_refused(review_project, review, capsys):
    data = bytearray(review.read_bytes())
    with zipfile.ZipFile(review) as archive:
        info = archive.getinfo(DOCUMENT)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 10, start + info.compress_size - 10, 97):
        data[offset] ^= 0x5A
    review.write_bytes(bytes(data))
    refused(review_project, review, capsys, "damaged archive")


def test_encrypted_part_is_refused(review_project, review, capsys):
    data = bytearray(review.read_bytes())
    with zipfile.ZipFile(review) as archive:
        info = archive.getinfo(DOCUMENT)
    data[info.header_offset + 6] |= 0x1  # general purpose flag "encrypted", in the local header
    data[central_entry(bytes(data), DOCUMENT) + 8] |= 0x1  # and in the central directory
    review.write_bytes(bytes(data))
    refused(review_project, review, capsys, "encrypted")


@pytest.mark.parametrize("name", ["../../evil.xml", "/etc/evil.xml", "word/../../evil.xml", "C:/evil.xml"])
def test_part_named_outside_the_archive_is_refused(review_project, review, capsys, name):
    parts = members(review)
    parts[name] = b"<x/>"
    write_zip(review, parts)
    refused(review_project, review, capsys, "outside itself")


def test_too_many_parts_are_refused(review_project, review, capsys):
    parts = members(review)
    parts.update({f"word/media/{n}.xml": b"" for n in range(1500)})
    write_zip(review, parts)
    refused(review_project, review, capsys, "parts in the archive")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_truncated_archive_is_refused(review_project, review, capsys, keep):
    data = review.read_bytes()
    review.write_bytes(data[: int(len(data) * keep)])
    refused(review_project, review, capsys)


def test_part_compressed_with_a_method_word_never_writes_is_refused(review_project, review, capsys):
    parts = members(review)
    with zipfile.ZipFile(review, "w", zipfile.ZIP_LZMA) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    refused(review_project, review, capsys, "compression method")


def test_a_folder_and_a_missing_file_are_named(review_project, capsys):
    folder = review_project.root / "folder.docx"
    folder.mkdir()
    refused(review_project, folder, capsys, "is a folder")
    refused(review_project, review_project.root / "missing.docx", capsys, "no such file")


def test_an_unedited_review_still_passes_every_check(review_project, review):
    """The checks are not in the way of a real document: the export itself imports, changing nothing."""
    catalogue = catalogue_path(review_project, "forum", "zh_CN")
    before = catalogue.read_bytes()
    assert main(["-C", str(review_project.root), "import", "docx", str(review)]) == 0
    assert catalogue.read_bytes() == before


@pytest.mark.parametrize("span", ["2", "0", "-1", "²", "9" * 5000, "1000000000", ""])
def test_a_merged_cell_of_any_span_is_read_as_word_shows_it(review_project, review, span):
    """A reviewer merging the ID and Source cells of a row: the row is reported, never a crash or a
    billion-cell row (gridSpan is capped, and nonsense counts as 1)."""
    def merge(xml: bytes) -> bytes:
        first = xml.index(b"<w:tc>", xml.index(b"<w:tr", xml.index(b"<w:tr") + 1))
        return xml[:first] + b'<w:tc><w:tcPr><w:gridSpan w:val="%s"/></w:tcPr>' % span.encode() + xml[first + 6:]
    with_part(review, DOCUMENT, merge)
    assert main(["-C", str(review_project.root), "import", "docx", str(review)]) in (0, 1)
