"""Every XML file workbench reads meets the same hardened parser: each attack, at each entry point.

The entry points are run as a user runs them, through the CLI on a copy of the repository's own
project: ``import xliff`` (1.2 and 2.1), ``import tmx``, ``glossary import`` (TBX), ``extract`` with
an SRX rules file and with an XHTML seed. (DOCX parts: tests/review/test_docx_hostile.py.) Each
attack is refused with exit 2 and the file's name, within seconds, without reading the file or URL
it names, and without changing the project.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from workbench import safexml
from workbench.cli import main
from workbench.config import load_config
from workbench.errors import WorkbenchError
from workbench.exchange import export_exchange

SECRET = "TOP-SECRET-7f3a"
SRX_RULES = Path(__file__).resolve().parent.parent / "workbench" / "data" / "srx" / "workbench.srx"
XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Page</title></head>
<body><p>The forum opened on August 29. Mayor Pan spoke.</p></body></html>
"""


def laughs(root: str) -> str:
    """Ten levels of ten: 10^10 characters if anything expanded it."""
    entities = '<!ENTITY e0 "lollollollol">' + "".join(
        f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 10))
    return f"<!DOCTYPE {root} [{entities}]>", "&e9;"


def attacks(secret: Path) -> dict[str, tuple]:
    """name: (DOCTYPE to insert, text to insert after the root's start tag, nesting depth, message)."""
    return {
        "billion laughs": (*laughs("r"), 0, "internal subset refused"),
        "external entity": (f'<!DOCTYPE r [<!ENTITY s SYSTEM "{secret.as_uri()}">]>', "&s;", 0,
                            "internal subset refused"),
        "etc passwd entity": ('<!DOCTYPE r [<!ENTITY s SYSTEM "file:///etc/passwd">]>', "&s;", 0,
                              "internal subset refused"),
        "external DTD": (f'<!DOCTYPE r SYSTEM "{secret.as_uri()}">', "", 0, "external DTD"),
        "network DTD": ('<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">', "", 0, "external DTD"),
        "network entity": ('<!DOCTYPE r [<!ENTITY s SYSTEM "http://127.0.0.1:9/x">]>', "&s;", 0,
                           "internal subset refused"),
        "parameter entity": (f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]>', "", 0,
                             "internal subset refused"),
        "deep nesting": ("", "", 100_000, "Excessive depth"),
    }


def hostile(data: str, doctype: str, text: str, depth: int) -> str:
    """``data`` with ``doctype`` (in place of its own) before its root, and text or nesting inside the root."""
    data = re.sub(r"<!DOCTYPE[^>]*>\n?", "", data, count=1)
    start = next(m.start() for m in re.finditer(r"<!--.*?-->|<[A-Za-z_]", data, re.S) if not m.group().startswith("<!--"))
    end = data.index(">", start) + 1
    return data[:start] + doctype + data[start:end] + text + "<x>" * depth + "</x>" * depth + data[end:]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".workbench" not in p.name and "build" not in p.relative_to(root).parts}


def xliff_file(project: Path, kind: str) -> tuple[Path, list[str]]:
    [path, *_] = [p for p, _ in export_exchange(load_config(project), [kind]) if "/fr/" in p.as_posix()]
    return path, ["import", "xliff", str(path)]


def tmx_file(project: Path) -> tuple[Path, list[str]]:
    [(path, _)] = export_exchange(load_config(project), ["tmx"])
    return path, ["import", "tmx", str(path)]


def tbx_file(project: Path) -> tuple[Path, list[str]]:
    path = project / "incoming.tbx"
    path.write_bytes((project / "glossary" / "yangzhou-auto-forum.tbx").read_bytes())
    return path, ["glossary", "import", str(path)]


def srx_file(project: Path) -> tuple[Path, list[str]]:
    path = project / "rules.srx"
    path.write_bytes(SRX_RULES.read_bytes())
    with (project / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write('segmentation-rules = "rules.srx"\n')
    return path, ["extract"]


def xhtml_file(project: Path) -> tuple[Path, list[str]]:
    path = project / "seeds" / "page.xhtml"
    path.write_text(XHTML, encoding="utf-8")
    return path, ["extract"]


ENTRY_POINTS = {"xliff 1.2": lambda p: xliff_file(p, "xliff"), "xliff 2.1": lambda p: xliff_file(p, "xliff2"),
                "tmx": tmx_file, "tbx": tbx_file, "srx": srx_file}


@pytest.mark.parametrize("attack", list(attacks(Path("/x"))))
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_every_xml_entry_point_refuses_every_attack(seed_project, tmp_path_factory, capsys, entry, attack):
    secret = tmp_path_factory.mktemp("secret") / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    path, command = ENTRY_POINTS[entry](seed_project)
    doctype, text, depth, message = attacks(secret)[attack]
    path.write_text(hostile(path.read_text(encoding="utf-8"), doctype, text, depth), encoding="utf-8")
    capsys.readouterr()
    before = snapshot(seed_project)
    started = time.monotonic()
    code = main(["-C", str(seed_project), *command])
    assert time.monotonic() - started < 5
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert path.name in err and message in err and "Traceback" not in err, err
    assert SECRET not in out + err
    assert snapshot(seed_project) == before


@pytest.mark.parametrize("attack", list(attacks(Path("/x"))))
def test_the_xhtml_reader_loads_and_expands_nothing(seed_project, tmp_path_factory, capsys, attack):
    """An XHTML seed is the project's own source, read by workbench's tokenizer; lxml only checks that
    it is well-formed (with the same hardened parser). A DOCTYPE is skeleton, kept as it is, so the
    common ``<!DOCTYPE html PUBLIC ... "http://www.w3.org/...">`` is fine: nothing it names is read."""
    secret = tmp_path_factory.mktemp("secret") / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    path, command = xhtml_file(seed_project)
    doctype, text, depth, _ = attacks(secret)[attack]
    path.write_text(hostile(path.read_text(encoding="utf-8"), doctype, text, depth), encoding="utf-8")
    started = time.monotonic()
    code = main(["-C", str(seed_project), *command])
    assert time.monotonic() - started < 5
    out, err = capsys.readouterr()
    assert code in (0, 2) and "Traceback" not in err
    written = b"".join(p.read_bytes() for p in (seed_project / "locales").rglob("*.pot"))
    assert SECRET.encode() not in written and b"lollollollollol" not in written
    assert SECRET not in out + err


def test_the_unchanged_files_pass(seed_project, capsys):
    """The attacks are refused for what they add: each entry point takes its file as exported."""
    for entry, make in {**ENTRY_POINTS, "xhtml": xhtml_file}.items():
        path, command = make(seed_project)
        assert main(["-C", str(seed_project), *command]) in (0, 1), (entry, capsys.readouterr())


def test_a_comment_holding_markup_does_not_hide_the_doctype_after_it():
    """The prolog check finds the root past comments and processing instructions (the bundled SRX
    file opens with a comment quoting <beforebreak>); the DOCTYPE after them is still refused by line."""
    doctype, text = laughs("r")
    data = f'<?xml version="1.0"?>\n<!-- see <rule> -->\n<?pi <x>?>\n{doctype}\n<r>{text}</r>'.encode()
    with pytest.raises(WorkbenchError, match="internal subset refused") as caught:
        safexml.parse(data, "rules.srx")
    assert caught.value.line == 4
