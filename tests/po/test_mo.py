"""MO compilation: what msgfmt keeps, read back by msgunfmt and by Python's gettext."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

from workbench.po.mo import compiled_messages, mo_bytes, write_mo
from workbench.po.reader import parse_po, read_po

FIXTURES = Path(__file__).parent / "fixtures"
DJANGO = sorted((FIXTURES / "django").glob("*.po"))
HANDMADE = sorted(p for p in (FIXTURES / "handmade").glob("*.po") if not p.name.endswith(".expected.po"))
TOOLS = shutil.which("msgfmt") and shutil.which("msgunfmt")
needs_gettext = pytest.mark.skipif(not TOOLS, reason="GNU msgfmt/msgunfmt are not installed")

SAMPLE = '''# header comment
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"POT-Creation-Date: 2024-01-01 00:00+0000\\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "translated"
msgstr "przetłumaczone"

msgctxt "menu"
msgid "File"
msgstr "Plik"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d plik"
msgstr[1] "%d pliki"
msgstr[2] "%d plików"

#, fuzzy
msgid "fuzzy"
msgstr "niepewne"

msgid "untranslated"
msgstr ""

msgid "first form empty"
msgid_plural "first forms empty"
msgstr[0] ""
msgstr[1] "x"
msgstr[2] "y"

#~ msgid "obsolete"
#~ msgstr "przestarzałe"
'''


def test_msgfmt_selection():
    kept = compiled_messages(parse_po(SAMPLE))
    assert [m.msgid for m in kept] == ["", "translated", "File", "%d file"]  # fuzzy header stays


def test_python_gettext_reads_it(tmp_path):
    path = tmp_path / "pl.mo"
    assert write_mo(parse_po(SAMPLE), path) is True
    assert write_mo(parse_po(SAMPLE), path) is False
    with path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("translated") == "przetłumaczone"
    assert translations.pgettext("menu", "File") == "Plik"
    assert [translations.ngettext("%d file", "%d files", n) for n in (1, 3, 5)] == ["%d plik", "%d pliki", "%d plików"]
    assert translations.gettext("fuzzy") == "fuzzy"
    assert translations.gettext("obsolete") == "obsolete"
    assert "POT-Creation-Date" not in translations._info  # msgfmt leaves it out


def _unfmt(path: Path) -> bytes:
    return subprocess.run(["msgunfmt", str(path)], capture_output=True, check=True).stdout


@needs_gettext
@pytest.mark.parametrize("path", DJANGO + HANDMADE, ids=lambda p: p.name)
def test_same_messages_as_msgfmt(path, tmp_path):
    if b"<PRI" in path.read_bytes():
        pytest.skip("msgfmt compiles <PRId64>-style c-format strings as system-dependent strings; we do not")
    ours, theirs = tmp_path / "ours.mo", tmp_path / "theirs.mo"
    write_mo(read_po(path), ours)
    done = subprocess.run(["msgfmt", "-o", str(theirs), str(path)], capture_output=True)
    if done.returncode:
        pytest.skip(f"msgfmt's checks reject this file: {done.stderr.decode()[-200:]}")
    assert _unfmt(ours) == _unfmt(theirs)
    if path.parent.name == "django":
        assert ours.read_bytes() == theirs.read_bytes()  # even the hash table is the same


@needs_gettext
def test_sample_same_as_msgfmt(tmp_path):
    source = tmp_path / "s.po"
    source.write_text(SAMPLE, encoding="utf-8")
    theirs = tmp_path / "theirs.mo"
    subprocess.run(["msgfmt", "-o", str(theirs), str(source)], capture_output=True, check=True)
    assert mo_bytes(read_po(source)) == theirs.read_bytes()
