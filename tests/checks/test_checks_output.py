"""The command line and its outputs: JSON contract, SARIF 2.1.0, JUnit XML, exit codes, suppression, bad input."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

from workbench.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = Path(__file__).parent / "schema" / "sarif-schema-2.1.0.json"
PO = """# {comment}
msgid ""
msgstr ""
"Language: ru\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

#. first entry
msgctxt "menu"
msgid "Open"
msgstr "Открыть"

{entry_comment}
msgid "The forum opened on August 29, 2023."
msgstr "Форум открылся 29 июля 2023 года."

msgid "Close"
msgstr ""
"""


def write_po(folder: Path, comment: str = "Russian", entry_comment: str = "") -> Path:
    path = folder / "ru.po"
    path.write_text(PO.format(comment=comment, entry_comment=entry_comment), encoding="utf-8")
    return path


@pytest.fixture()
def project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.workbench]\nsource-language = \"en\"\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_json(capsys, args):
    code = main(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_json_contract(project, capsys):
    write_po(project)
    code, data = run_json(capsys, ["ru.po"])
    assert code == 1
    assert set(data) >= {"findings", "summary"}
    required = {"file", "line", "language", "msgctxt", "msgid", "check", "severity", "message"}
    for finding in data["findings"]:
        assert required <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
    numbers = next(f for f in data["findings"] if f["check"] == "numbers")
    assert numbers == {**numbers, "file": "ru.po", "line": 14, "language": "ru", "msgctxt": None,
                       "msgid": "The forum opened on August 29, 2023.", "severity": "error"}
    untranslated = next(f for f in data["findings"] if f["check"] == "untranslated")
    assert untranslated["line"] == 17 and untranslated["msgctxt"] is None
    summary = data["summary"]
    assert summary["by_check"]["numbers"]["error"] == 1
    assert summary["by_severity"]["error"] >= 1 and summary["suppressed"] == 0
    assert summary["total"] == len(data["findings"])


def test_exit_codes(project, capsys):
    write_po(project)
    assert main(["check", "ru.po", "--only", "untranslated"]) == 0  # a warning does not fail by default
    assert main(["check", "ru.po", "--only", "untranslated", "--fail-on", "warning"]) == 1
    assert main(["check", "ru.po"]) == 1
    assert main(["check", "missing.po"]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "ru.po", "--format", "yaml"])
    assert exit_info.value.code == 2
    assert main(["check", "ru.po", "--only", "no-such-check"]) == 2
    capsys.readouterr()


def test_suppression_by_comment_flag_and_config(project, capsys):
    write_po(project, entry_comment="# wb-ignore: numbers\n#, no-wb-same-as-source")
    code, data = run_json(capsys, ["ru.po"])
    assert code == 0
    assert "numbers" not in {f["check"] for f in data["findings"]}
    assert data["summary"]["suppressed"] == 1 and data["summary"]["suppressed_by_check"] == {"numbers": 1}
    assert data["suppressed"][0]["suppressed_by"] == "comment"
    # the older spelling inside a comment, and file-wide on the header
    write_po(project, comment="wb-ignore: untranslated", entry_comment="# translator: no-wb-numbers")
    code, data = run_json(capsys, ["ru.po", "--fail-on", "info"])
    assert code == 0 and data["findings"] == [] and data["summary"]["suppressed"] == 2
    # pyproject.toml: disabled for ru
    write_po(project)
    (project / "pyproject.toml").write_text('[tool.workbench]\ndisabled-checks = { numbers = ["ru"] }\n', encoding="utf-8")
    code, data = run_json(capsys, ["ru.po"])
    assert code == 0
    assert [f["suppressed_by"] for f in data["suppressed"]] == ["config"]


def test_sarif_validates(project, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    write_po(project, entry_comment="# wb-ignore: untranslated")
    assert main(["check", "ru.po", "--format", "sarif"]) == 1
    data = json.loads(capsys.readouterr().out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(data)
    results = data["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"numbers", "untranslated"}
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)


def test_sarif_of_the_planted_fixtures_validates(tmp_path, monkeypatch, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    monkeypatch.chdir(FIXTURES)
    assert main(["check", "planted", "--glossary", "glossary.tbx", "--format", "sarif", "-o", str(tmp_path / "r.sarif")]) == 1
    data = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(data)
    assert len(data["runs"][0]["results"]) >= 56


def test_junit_parses(project, capsys):
    write_po(project)
    assert main(["check", "ru.po", "--format", "junit"]) == 1
    root = etree.fromstring(capsys.readouterr().out.encode("utf-8"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite.get("name") == "ru.po"
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert cases["numbers"].find("failure") is not None
    assert cases["untranslated"].find("failure") is None and cases["untranslated"].find("system-out") is not None
    assert int(suite.get("failures")) == sum(1 for c in cases.values() if c.find("failure") is not None)
    assert int(root.get("tests")) == len(cases)


def test_text_report_groups_and_highlights(project, capsys):
    write_po(project)
    main(["check", "ru.po", "--fail-on", "info"])
    out = capsys.readouterr().out
    assert "ru.po:14" in out and "source: The forum opened on [[August]] 29, 2023." in out
    assert "numbers: date: the month 'August'" in out
    assert "error(s)" in out.splitlines()[-2] or "error(s)" in out


def test_list(capsys):
    assert main(["check", "--list"]) == 0
    out = capsys.readouterr().out
    for check_id in ("term-missing", "numbers", "cjk-punctuation", "french-spacing", "plural-forms", "entry-missing"):
        assert check_id in out
    assert main(["check", "--list", "--format", "json"]) == 0
    checks = json.loads(capsys.readouterr().out)
    assert {c["scope"] for c in checks} == {"entry", "catalogue", "cross-language"}
    assert all(c["severity"] in ("error", "warning", "info") and c["description"] for c in checks)


def test_matrix_json(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES)
    main(["check", "clean", "--glossary", "glossary.tbx", "--matrix", "--format", "json"])
    matrix = json.loads(capsys.readouterr().out)
    assert matrix["languages"] == ["fr", "ja", "ru", "zh_CN"]
    rows = {row["concept"]: row for row in matrix["terms"]}
    assert rows["c014"]["languages"]["zh_CN"]["used"][0]["text"] == "扬州"
    assert all(cell["ok"] for row in matrix["terms"] for cell in row["languages"].values())
    main(["check", "planted", "--glossary", "glossary.tbx", "--matrix"])
    text = capsys.readouterr().out
    assert "!автопром ×1" in text


def test_bad_input(project, capsys):
    (project / "broken.po").write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgid "a"\nmsgstr "b\n', encoding="utf-8")
    assert main(["check", "broken.po"]) == 2
    err = capsys.readouterr().err
    assert "broken.po:6" in err
    (project / "nolang.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n',
                                       encoding="utf-8")
    assert main(["check", "nolang.po"]) == 2
    assert "Language" in capsys.readouterr().err and "--lang" in capsys.readouterr().err + "--lang"
    assert main(["check", "nolang.po", "--lang", "fr", "--fail-on", "info"]) == 1  # header: no Language (info)
    capsys.readouterr()
    write_po(project)
    (project / "bad.tbx").write_text("<tbx><text><body><conceptEntry>", encoding="utf-8")
    assert main(["check", "ru.po", "--glossary", "bad.tbx"]) == 2
    assert "bad.tbx" in capsys.readouterr().err
    assert main(["check", "ru.po", "--glossary", "none.tbx"]) == 2


def test_a_catalogue_without_language_takes_it_from_its_path(project, capsys):
    # Wagtail 8.0.1 ships wagtail/admin/locale/en/LC_MESSAGES/django.po with an empty Language (BSD-3-Clause);
    # the whole run stopped on it (exit 2)
    folder = project / "wagtail" / "admin" / "locale" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text('msgid ""\nmsgstr ""\n"Language: \\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                      'msgid "Save"\nmsgstr ""\n', encoding="utf-8")
    assert main(["check", "wagtail", "--no-glossary", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["language"], f["check"], f["severity"], f["message"]) for f in findings if f["check"] == "header"] == [
        ("en", "header", "info", "no Language in the header; checked as en, from the path")]


def test_a_catalogue_of_an_article_in_a_folder_takes_its_language_from_its_path(project, capsys):
    # locales/<lang>/LC_MESSAGES/city/forum.po: the folder above LC_MESSAGES, not the one above the file
    folder = project / "locales" / "fr" / "LC_MESSAGES" / "city"
    folder.mkdir(parents=True)
    (folder / "forum.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                     'msgid "Save"\nmsgstr ""\n', encoding="utf-8")
    assert main(["check", "locales", "--no-glossary", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["language"], f["check"], f["message"]) for f in findings if f["check"] == "header"] == [
        ("fr", "header", "no Language in the header; checked as fr, from the path")]


def test_project_mode_without_catalogues(project, capsys):
    assert main(["check"]) == 2
    assert "no catalogues" in capsys.readouterr().err


def test_project_mode(project, capsys):
    folder = project / "locales" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "clean" / "ru" / "yangzhou-auto-forum-2023.po", folder)
    (project / "glossary").mkdir()
    shutil.copy(FIXTURES / "glossary.tbx", project / "glossary" / "terms.tbx")
    code, data = run_json(capsys, [])
    assert code == 0 and data["findings"] == []
    assert data["summary"]["files"] == 1


def test_parallel_entry_checks_find_exactly_what_a_single_process_finds(monkeypatch):
    """Large runs fork workers over chunks of entries; the report must not change."""
    from pathlib import Path

    from workbench.checks import runner
    from workbench.po.reader import read_po

    fixtures = sorted((Path(__file__).parents[1] / "po" / "fixtures" / "django").glob("*.po"))[:12]
    catalogues = [read_po(p) for p in fixtures]
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 10**9)
    serial = runner.run_checks(catalogues)
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(runner, "_CHUNK", 97)
    from workbench.parallel import worker_count

    entries = sum(len(list(c.entries())) for c in catalogues)
    assert worker_count(entries // 97, minimum=0) > 1 or len(os.sched_getaffinity(0)) == 1
    parallel = runner.run_checks(catalogues)
    assert serial.findings and [f.to_json() for f in parallel.findings] == [f.to_json() for f in serial.findings]


def test_one_big_catalogue_s_chunks_on_every_core_find_what_one_process_finds(monkeypatch):
    """One catalogue (a run of one file) is split into chunks of entries for forked workers: its entry checks'
    issues and the catalogue checks' facts of each entry made there, the report as one process makes it."""
    from pathlib import Path

    from workbench.checks import runner
    from workbench.po.catalog import Catalog
    from workbench.po.reader import read_po

    fixtures = sorted((Path(__file__).parents[1] / "po" / "fixtures" / "django").glob("*.po"))[:12]
    messages = [message for path in fixtures for message in read_po(path).entries() if message.msgid]
    first = read_po(fixtures[0])
    unique = {(message.msgctxt, message.msgid): message for message in messages}  # one catalogue of them all
    big = Catalog([first.header, *unique.values()], path="big.po")
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 10**9)
    serial = runner.run_checks([big])
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(runner, "_CHUNK", 97)
    chunks = []
    run = runner.EntryWork.run
    monkeypatch.setattr(runner.EntryWork, "run", lambda self, start, stop: chunks.append(os.getpid()) or
                        run(self, start, stop))
    parallel = runner.run_checks([big])
    assert serial.findings and [f.to_json() for f in parallel.findings] == [f.to_json() for f in serial.findings]
    assert {f.check for f in serial.findings} & {"inconsistent-translation", "omission", "term-inconsistent",
                                                 "inconsistent-source", "header"}, "a catalogue check's findings"
    if len(os.sched_getaffinity(0)) > 1:
        assert not chunks  # the chunks were run by the workers, not here


def test_one_big_catalogue_s_glossary_indexes_are_built_once_before_its_chunks_fork(monkeypatch, tmp_path):
    """The chunks' workers inherit the glossary's indexes from the run's process, which judges the file with them
    afterwards: each index is built once, there (each worker built its own, and the run's process again)."""
    from pathlib import Path

    from workbench.checks import runner
    from workbench.glossary.matcher import TermMatcher
    from workbench.po.catalog import Catalog
    from workbench.po.reader import read_po

    monkeypatch.setenv("WORKBENCH_NO_CACHE", "1")
    fixtures = sorted((Path(__file__).parents[1] / "po" / "fixtures" / "django").glob("*.po"))[:12]
    messages = [message for path in fixtures for message in read_po(path).entries() if message.msgid]
    first = read_po(fixtures[0])
    unique = {(message.msgctxt, message.msgid): message for message in messages}
    big = Catalog([first.header, *unique.values()], path="big.po")
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(runner, "_CHUNK", 97)
    built = tmp_path / "built"
    build = TermMatcher._build

    def counted(self, language):
        with built.open("a") as builds:  # (a file: the chunks' workers are other processes)
            builds.write(f"{os.getpid()} {language}\n")
        return build(self, language)

    monkeypatch.setattr(TermMatcher, "_build", counted)
    runner.run_checks([big], termbase=Path(__file__).parent / "fixtures" / "glossary.tbx")
    builds = built.read_text().split("\n")[:-1]
    assert builds and len(builds) == len(set(builds)) and {line.split()[0] for line in builds} == {str(os.getpid())}
