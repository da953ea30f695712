"""Progress bars: drawn on a terminal's stderr for long steps, never in a pipe, a file or the JSON a command prints."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ARTICLE = "Delegates from {n} countries met in Yangzhou on August {day}.\n\nThe forum discussed new energy vehicles.\n"
ARTICLES = 60  # above the 50 articles from which update and build draw a bar


@pytest.fixture(scope="module")
def big_project(tmp_path_factory) -> Path:
    from tests.conftest import write_project

    root = tmp_path_factory.mktemp("progress")
    write_project(root, {f"a{n:03d}.txt": ARTICLE.format(n=n + 3, day=n % 28 + 1) for n in range(ARTICLES)})
    _run(root, "extract")
    return root


def _run(root: Path, *args: str, terminal: bool = False) -> tuple[str, str]:
    """(stdout, stderr) of ``workbench -C root ARGS`` started in ``root`` (a relative ``-o`` lands there, never
    in the repository); stdout a pipe, stderr a pipe or a pseudo-terminal."""
    command = [sys.executable, "-m", "workbench", "-C", str(root), *args]
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    if not terminal:
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, cwd=root)
        assert result.returncode in (0, 1), result.stderr
        return result.stdout, result.stderr
    main, secondary = pty.openpty()
    # stdout to a file, not a pipe: a pipe nobody reads while the terminal is read would fill and block
    with tempfile.TemporaryFile() as out:
        with subprocess.Popen(command, stdout=out, stderr=secondary, env=env, cwd=root) as process:
            os.close(secondary)
            seen = b""
            while True:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the other side closed: the command is done
                    break
                if not chunk:
                    break
                seen += chunk
            assert process.wait(timeout=300) in (0, 1)
        out.seek(0)
        stdout = out.read().decode()
    os.close(main)
    return stdout, seen.decode(errors="replace")


def test_update_draws_a_bar_on_a_terminal_and_keeps_its_report_on_stdout(big_project):
    stdout, terminal = _run(big_project, "update", terminal=True)
    assert "updating" in terminal and f"/{ARTICLES}" in terminal
    assert stdout.count("created locales/") == ARTICLES * 3  # the report is whole, on stdout, bar-free
    assert "updating" not in stdout and "\x1b" not in stdout


def test_no_bar_when_stderr_is_not_a_terminal(big_project):
    stdout, stderr = _run(big_project, "update")
    assert stderr == ""
    assert stdout.count("locales/") == ARTICLES * 3 and "\x1b" not in stdout
    _, stderr = _run(big_project, "build")
    assert stderr == ""


def test_build_draws_a_bar_on_a_terminal(big_project):
    _run(big_project, "update")
    stdout, terminal = _run(big_project, "build", "--threshold", "0", terminal=True)
    assert "building" in terminal and f"/{ARTICLES}" in terminal
    assert "building" not in stdout and stdout.count("build/") == ARTICLES * 3


def test_json_on_stdout_stays_json_under_a_bar(big_project):
    _run(big_project, "update")
    stdout, terminal = _run(big_project, "export", "--format", "tmx,xliff", "-o", "out", terminal=True)
    assert "exporting" in terminal
    assert "\x1b" not in stdout and stdout.count("wrote ") + stdout.count("unchanged ") == 1 + ARTICLES * 3
    stdout, _ = _run(big_project, "stats", "--json", terminal=True)
    assert len(json.loads(stdout)) == ARTICLES * 3


@pytest.mark.parametrize("command, bars", [
    (("extract",), ["extracting"]),
    (("stats",), ["counting"]),
    (("compile",), ["compiling"]),
    (("pretranslate", "--dry-run"), ["updating the translation memory", "pretranslating"]),
    (("tm", "analyse"), ["updating the translation memory", "analysing"]),
    (("tm", "status", "--rebuild"), ["updating the translation memory"]),
])
def test_every_command_over_the_whole_project_draws_its_bars_on_a_terminal_only(big_project, command, bars):
    """The commands that read every article or catalogue (seconds on a large project) show how far they are;
    the memory's first update (it reads every catalogue) has a bar of its own."""
    _run(big_project, "update")
    memory = big_project / "build" / "memory.sqlite"
    if memory.exists():
        memory.unlink()  # read from the catalogues again: the update's bar is drawn
    stdout, terminal = _run(big_project, *command, terminal=True)
    for bar in bars:
        assert bar in terminal and f"/{ARTICLES if bar == 'extracting' else ARTICLES * 3}" in terminal, bar
        assert bar not in stdout
    assert "\x1b" not in stdout
    if memory.exists():
        memory.unlink()
    stdout_plain, stderr = _run(big_project, *command)
    assert stderr == "" and "\x1b" not in stdout_plain


def test_glossary_candidates_draws_its_bar_on_a_terminal(big_project):
    """Reading every template and counting their phrases (17 s at 2,000 articles) show how far they are."""
    stdout, terminal = _run(big_project, "glossary", "candidates", "--json", terminal=True)
    assert "reading" in terminal and f"/{ARTICLES}" in terminal
    assert "\x1b" not in stdout and isinstance(json.loads(stdout), list)
    _, stderr = _run(big_project, "glossary", "candidates", "--json")
    assert stderr == ""
    # --bilingual then reads every catalogue for the renderings they use
    _run(big_project, "update")
    stdout, terminal = _run(big_project, "glossary", "candidates", "--bilingual", "--json", terminal=True)
    assert "reading the catalogues" in terminal and f"/{ARTICLES * 3}" in terminal
    assert "\x1b" not in stdout and isinstance(json.loads(stdout), list)


def test_approve_and_import_tmx_draw_their_bars_on_a_terminal(big_project, tmp_path):
    """``approve`` over every catalogue (2 s at 2,000 articles), and ``import tmx``: reading a large TMX (a
    bar in bytes: its units are not known before) and filling the catalogues article by article."""
    _run(big_project, "update")
    catalogues = sorted(str(p) for p in (big_project / "locales").glob("*/LC_MESSAGES/*.po"))
    stdout, terminal = _run(big_project, "approve", "--all-fuzzy", "--dry-run", *catalogues, terminal=True)
    assert "approving" in terminal and f"/{ARTICLES * 3}" in terminal and "\x1b" not in stdout
    units = "".join(f'<tu><tuv xml:lang="en"><seg>Delegates from {n} countries met in Yangzhou.</seg></tuv>'
                    f'<tuv xml:lang="fr"><seg>Des délégués de {n} pays se sont réunis à Yangzhou.</seg></tuv></tu>\n'
                    for n in range(26_000))
    memory = tmp_path / "large.tmx"
    memory.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
                      'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
                      f'creationtoolversion="1"/><body>\n{units}</body></tmx>\n', encoding="utf-8")
    assert memory.stat().st_size > 2 << 20
    stdout, terminal = _run(big_project, "import", "tmx", "--dry-run", "--lang", "fr", str(memory), terminal=True)
    assert "reading large.tmx" in terminal and " MB" in terminal
    assert "filling the catalogues" in terminal and f"/{ARTICLES}" in terminal
    assert "\x1b" not in stdout and "would update" in stdout
    _, stderr = _run(big_project, "import", "tmx", "--dry-run", "--lang", "fr", str(memory))
    assert stderr == ""
    try:  # tm import: the read-through of the file, then the memory's update
        stdout, terminal = _run(big_project, "tm", "import", str(memory), terminal=True)
        assert "reading large.tmx" in terminal and "updating the translation memory" in terminal
        assert "\x1b" not in stdout and "copied tm/large.tmx: 26000 unit(s) in fr" in stdout
        # a phrase shorter than a trigram is found by scanning: no indexes made for it
        stdout, terminal = _run(big_project, "tm", "search", "in", "--limit", "1", terminal=True)
        assert "indexing" not in terminal and "more unit(s) not shown" in stdout
        # the memory's first search by the indexes makes them: 26,000 sources and as many translations
        stdout, terminal = _run(big_project, "tm", "search", "countries met", "--limit", "1", terminal=True)
        assert "indexing the translation memory for search" in terminal and "/52000" in terminal
        assert "\x1b" not in stdout and "25999 more unit(s) not shown" in stdout
        stdout, terminal = _run(big_project, "tm", "search", "countries met", "--limit", "1", terminal=True)
        assert "indexing" not in terminal and "25999 more unit(s) not shown" in stdout  # (made once)
    finally:
        (big_project / "tm" / "large.tmx").unlink(missing_ok=True)


def test_check_draws_one_bar_over_reading_and_judging(big_project):
    """Each catalogue counts twice: read and checked, then judged with its language (the bar does not sit full
    while the languages are judged); the report on stdout stays bar-free JSON."""
    _run(big_project, "update")
    stdout, terminal = _run(big_project, "check", "--no-cache", "--format", "json", terminal=True)
    assert "checking" in terminal and f"/{ARTICLES * 3 * 2}" in terminal
    assert "\x1b" not in stdout and "findings" in json.loads(stdout)
