"""The text report on a half-translated README (de, zh_CN): errors first, each entry once, one finding per
root cause, untranslated and fuzzy entries counted per file, a summary by check at the end; --skip; and
the JSON still listing every finding."""

from __future__ import annotations

import json

import pytest

from workbench.cli import main

HEADER = """msgid ""
msgstr ""
"Language: {language}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {plural}\\n"
"""

ENTRY = """
#: README.md:{line}
msgid "{msgid}"
msgstr "{msgstr}"
"""

UNTRANSLATED = [f"Step {n}: run the command and read what it prints." for n in range(1, 31)]


def po(language: str, plural: str, entries: list[tuple[str, str]], fuzzy: tuple[str, str] | None = None) -> str:
    text = HEADER.format(language=language, plural=plural)
    for number, (msgid, msgstr) in enumerate(entries):
        text += ENTRY.format(line=number + 1, msgid=msgid.replace('"', '\\"'), msgstr=msgstr.replace('"', '\\"'))
    if fuzzy:
        text += f'\n#, fuzzy\nmsgid "{fuzzy[0]}"\nmsgstr "{fuzzy[1]}"\n'
    return text


@pytest.fixture()
def readme(tmp_path, monkeypatch):
    """A README's catalogues, both with 30 untranslated entries: German with a fuzzy one and a link dropped
    twice (HTML and Markdown); Chinese with one entry left in English."""
    monkeypatch.chdir(tmp_path)
    sources = ["Install it with pip.", 'Read <a href="https://example.com/docs">the docs</a> first.',
               "See the [guide](https://example.com/guide) for more.", "Clone the repository and run the tests."]
    german = ["Installieren Sie es mit pip.", "Lesen Sie zuerst die Doku.", "Mehr in der Anleitung.",
              "Klonen Sie das Repository und führen Sie die Tests aus."]
    chinese = ["用 pip 安装。", '请先阅读<a href="https://example.com/docs">文档</a>。',
               "更多内容见[指南](https://example.com/guide)。", "Clone the repository and run the tests."]
    for language, plural, translations in (("de", "nplurals=2; plural=(n != 1);", german),
                                           ("zh_CN", "nplurals=1; plural=0;", chinese)):
        folder = tmp_path / "locales" / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        entries = list(zip(sources, translations)) + [(s, "") for s in UNTRANSLATED]
        (folder / "README.po").write_text(po(language, plural, entries, fuzzy=("It is fast.", "Es ist schnell.")
                                             if language == "de" else ("It is fast.", "")), encoding="utf-8")
    return tmp_path


DE, ZH = "locales/de/LC_MESSAGES/README.po", "locales/zh_CN/LC_MESSAGES/README.po"


def text_report(capsys, *args) -> list[str]:
    main(["check", "--no-glossary", "locales", *args])
    return capsys.readouterr().out.splitlines()


def test_errors_come_first_then_warnings_then_info_each_entry_once(readme, capsys):
    lines = text_report(capsys)
    headings = [l for l in lines if l and not l.startswith(" ")]
    assert headings[:3] == ["Errors: 2 entries", "Warnings: 1 entry", "Info: 1 entry"]
    entries = [l.strip() for l in lines if l.startswith("  locales/")]
    assert entries[:4] == [f"{DE}:11", f"{DE}:15", f"{ZH}:19", f"{ZH}:7"]  # by severity, then file and line
    assert len(set(entries)) == len(entries)


def test_one_finding_per_root_cause(readme, capsys):
    lines = text_report(capsys)
    at = lines.index(f"  {DE}:11")  # <a href=…>the docs</a> dropped: one error, not <a>, </a> and the URL
    assert lines[at + 1:at + 5] == ['    source: Read <a href="https://example.com/docs">the docs</a> first.',
                                    "    target: Lesen Sie zuerst die Doku.",
                                    "    error   tags: tag <a> of the source is missing", ""]
    copied = lines.index(f"  {ZH}:19")  # English left in zh_CN: same-as-source, not a latin-in-cjk per word
    assert lines[copied + 3:copied + 5] == ["    warning same-as-source: translation is the same as the source", ""]


def test_untranslated_and_fuzzy_are_counted_per_file(readme, capsys):
    lines = text_report(capsys)
    assert not any(l.strip().startswith(("warning untranslated", "warning fuzzy")) for l in lines)
    assert f"  {DE}: 30 untranslated (lines 23, 27, 31, 35, 39, 43, 47, 51, …); 1 fuzzy (line 143)" in lines
    assert f"  {ZH}: 31 untranslated (lines 23, 27, 31, 35, 39, 43, 47, 51, …)" in lines
    assert len(lines) < 50  # was a block of four lines per untranslated entry: 270 lines


def test_summary_by_check_and_severity_names_the_noise(readme, capsys):
    lines = text_report(capsys)
    summary = lines[lines.index("Summary"):]
    assert summary[1] == ("  2 file(s), 70 entries, languages: de, zh_CN; 2 error(s), 63 warning(s), 1 info; "
                          "12 suppressed (latin-in-cjk: 7, markdown: 2, tags: 1, urls: 2)")
    assert [row.split() for row in summary[2:5]] == [["check", "error", "warning", "info"],
                                                     ["untranslated", "0", "61", "0"], ["fuzzy", "0", "1", "0"]]
    assert summary[-1] == ("  most of the 64 warnings and info come from: untranslated 61 (95 %); "
                           "--skip untranslated leaves them out")


def test_skip_leaves_checks_out(readme, capsys):
    lines = text_report(capsys, "--skip", "untranslated,fuzzy")
    assert not any("untranslated" in l or "fuzzy" in l for l in lines)
    assert lines[0] == "Errors: 2 entries"
    assert main(["check", "--no-glossary", "locales", "--skip", "no-such-check"]) == 2


def test_json_keeps_every_finding_absorbed_ones_with_a_reason(readme, capsys):
    main(["check", "--no-glossary", "locales", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert sum(1 for f in data["findings"] if f["check"] == "untranslated") == 61
    assert (DE, 143, "fuzzy") in {(f["file"], f["line"], f["check"]) for f in data["findings"]}
    absorbed = [f for f in data["suppressed"] if f["suppressed_by"] == "absorbed"]
    assert {(f["line"], f["check"], f["offending"]) for f in absorbed if f["file"] == DE} == {
        (11, "tags", "</a>"), (11, "urls", "https://example.com/docs"),
        # a README is Markdown: the build's own test speaks for the dropped [guide](…), and agrees on the <a>
        (11, "markdown", '<a href="https://example.com/docs">'), (11, "markdown", "</a>"),
        (15, "urls", "https://example.com/guide")}
    latin = [f for f in absorbed if f["check"] == "latin-in-cjk"]
    assert [f["offending"] for f in latin] == ["Clone", "the", "repository", "and", "run", "the", "tests"]
    assert all(f["reason"].startswith("absorbed by same-as-source") for f in latin)
    assert data["summary"]["suppressed"] == len(data["suppressed"]) == 12
    assert data["summary"]["total"] == len(data["findings"]) == 66


def test_show_suppressed_says_what_absorbed_a_finding(readme, capsys):
    lines = text_report(capsys, "--show-suppressed")
    at = lines.index(f"  {DE}:11")
    element = "the same dropped element '<a href=\"https://example.com/docs\">the docs</a>')"
    assert lines[at + 4:at + 8] == [
        "    error   markdown: tag <a href=\"https://example.com/docs\"> is missing  (absorbed by tags (tag <a> of the "
        "source is missing): " + element,
        "    error   markdown: tag </a> is missing  (absorbed by tags (tag <a> of the source is missing): " + element,
        "    error   tags: tag </a> of the source is missing  (absorbed by tags (tag <a> of the source is missing): "
        "the same dropped element '<a href=\"https://example.com/docs\">the docs</a>')",
        "    error   urls: URL https://example.com/docs of the source is missing or altered  (absorbed by tags "
        "(tag <a> of the source is missing): the same dropped element '<a href=\"https://example.com/docs\">the docs</a>')"]
