"""TMX into and out of the translation memory: third-party memories with their inline codes, a byte-exact
round trip, and hostile or malformed files refused with file and line, nothing imported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from fuzzing import Sandbox, budget, run_all, xml_mutants
from workbench.cli import main
from workbench.config import load_config
from workbench.errors import WorkbenchError
from workbench.exchange.tmx import read_units
from workbench.tm.files import export_tmx, import_tmx
from workbench.tm.memory import Memory

FIXTURES = Path(__file__).parent / "fixtures"
DTD = Path(__file__).parent.parent / "exchange" / "schemas" / "tmx-1.4b" / "tmx14.dtd"


def units_of(config, language=None):
    return {(u.source, u.target_language): u for u in Memory.for_project(config).units(language)}


# -- third-party memories ----------------------------------------------------------------------


def test_trados_utf16_with_paired_codes(tm_project):
    config = load_config(tm_project)
    result = import_tmx(config, FIXTURES / "trados.tmx")
    assert result.written and result.path == config.tm_dir / "trados.tmx"
    assert (config.tm_dir / "trados.tmx").read_bytes() == (FIXTURES / "trados.tmx").read_bytes()
    unit = units_of(config)[("The forum opened on <b>May 3</b>.", "zh_CN")]
    # the codes keep their native text, in place
    assert unit.target == "论坛于<b>5月3日</b>开幕。"
    assert unit.source_language == "en_US" and unit.origin == "trados.tmx"
    assert unit.reference == "tm/trados.tmx:12" and unit.date == "2023-09-02T09:30:00Z"


def test_memoq_placeholders_and_unit_dates(tm_project):
    config = load_config(tm_project)
    import_tmx(config, FIXTURES / "memoq.tmx")
    found = units_of(config, "ru")
    assert found[("Visit {1} for details.", "ru")].target == "Подробности на {1}."
    assert found[("The Yangtze River Delta is growing.", "ru")].date == "2023-09-04T12:00:00Z"  # the <tu>'s changedate


def test_omegat_tmx_11_lang_attribute_and_context(tm_project):
    config = load_config(tm_project)
    import_tmx(config, FIXTURES / "omegat.tmx")
    found = units_of(config, "fr_FR")
    assert found[("Open", "fr_FR")].context == "menu" and found[("Open", "fr_FR")].target == "Ouvrir"
    assert found[("Mayor Pan Guoqiang delivered a speech.", "fr_FR")].date == "2023-09-05T14:00:00Z"


def test_okapi_all_source_isolated_codes_and_highlights(tm_project, capsys):
    config = load_config(tm_project)
    result = import_tmx(config, FIXTURES / "okapi.tmx")
    found = units_of(config)
    source = 'Welcome to <span class="city">Yangzhou</span>.'
    assert found[(source, "zh_CN")].target == '欢迎来到<span class="city">扬州</span>。'
    assert found[(source, "fr")].target == 'Bienvenue à <span class="city">Yangzhou</span>.'
    # the unit without English cannot serve an English project: left out and said so
    assert not [u for u in found.values() if u.source == "Nur deutsch."]
    assert any("okapi.tmx:8" in line and "source language" in line for line in result.skipped)


def test_tmx_matches_serve_the_matcher(tm_project):
    config = load_config(tm_project)
    import_tmx(config, FIXTURES / "memoq.tmx")
    memory = Memory.for_project(config)
    # "Yangtze River Delta" sentence, one word changed: a candidate for the matcher
    found = memory.candidates("The Yangtze River Delta is shrinking.", "ru")
    assert found and found[0].source == "The Yangtze River Delta is growing."


def test_shared_memory_named_in_the_config(tmp_path, make_tm_project):
    shutil.copy(FIXTURES / "memoq.tmx", tmp_path / "shared-memory.tmx")
    project = make_tm_project(tmp_path / "project", 'tm = ["../shared-memory.tmx"]\n')
    config = load_config(project)
    found = units_of(config, "ru")
    assert found[("Visit {1} for details.", "ru")].reference == "../shared-memory.tmx:10"
    (tmp_path / "shared-memory.tmx").unlink()
    with pytest.raises(WorkbenchError, match="shared-memory.tmx .* does not exist"):
        Memory.for_project(config)


# -- round trip --------------------------------------------------------------------------------


def test_export_is_valid_deterministic_and_round_trips_byte_for_byte(tm_project, tmp_path, make_project):
    config = load_config(tm_project)
    import_tmx(config, FIXTURES / "trados.tmx")
    first = tmp_path / "first.tmx"
    written, count = export_tmx(Memory.for_project(config), first, config)
    assert written and count == len(Memory.for_project(config)) - 0
    assert etree.DTD(str(DTD)).validate(etree.parse(str(first))), "not valid TMX 1.4b"
    assert not export_tmx(Memory.for_project(config), first, config)[0]  # the same memory: the same bytes
    text = first.read_text(encoding="utf-8")
    assert '<prop type="x-origin">first</prop>' in text
    assert "<ph>&lt;b&gt;</ph>5月3日<ph>&lt;/b&gt;</ph>" in text  # codes are codes for a CAT tool
    # into a fresh project with no catalogues, and out again
    (tmp_path / "fresh").mkdir()
    fresh = make_project(tmp_path / "fresh", {})
    fresh_config = load_config(fresh)
    import_tmx(fresh_config, first)
    second = tmp_path / "second.tmx"
    export_tmx(Memory.for_project(fresh_config), second, fresh_config)
    assert second.read_bytes() == first.read_bytes()


def test_export_of_one_language(tm_project, tmp_path):
    config = load_config(tm_project)
    out = tmp_path / "fr.tmx"
    memory = Memory.for_project(config)
    read: list[int] = []
    export_tmx(memory, out, config, "fr", progress=read.append)
    # the bar `tm export` draws reaches its total: every unit of the language, none of the others
    assert sum(read) == memory.unit_count("fr") and 0 < memory.unit_count("fr") < len(memory)
    languages = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in etree.parse(str(out)).iter("tuv")}
    assert languages == {"en", "fr"}


# -- bad input ---------------------------------------------------------------------------------

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
GOOD_TU = ('<tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv></tu>')


def tmx(body: str, header: str = 'srclang="en"', doctype: str = "") -> str:
    return (f'{HEAD}{doctype}<tmx version="1.4">\n<header creationtool="t" creationtoolversion="1" segtype="sentence" '
            f'o-tmf="t" adminlang="en" datatype="plaintext" {header}/>\n<body>\n{GOOD_TU}\n{body}\n</body>\n</tmx>\n')


HOSTILE = {
    "billion laughs": (tmx("<tu/>", doctype='<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'),
                       "internal subset", 2),
    "external entity": (tmx("", doctype='<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'), "internal subset", 2),
    "undeclared entity": (tmx('<tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu>'), "malformed TMX", 6),
    "remote DTD": (tmx("", doctype='<!DOCTYPE tmx SYSTEM "http://example.com/tmx14.dtd">\n'), "external DTD", 2),
    "another source language": (tmx("", header='srclang="de"'), "translates from de", 3),
    "unknown language": (tmx('<tu><tuv xml:lang="en"><seg>A</seg></tuv><tuv xml:lang="qq-ZZ"><seg>B</seg></tuv></tu>'),
                         "unknown language code", 6),
    "tuv without language": (tmx('<tu><tuv><seg>A</seg></tuv></tu>'), "without xml:lang", 6),
    "invalid date": (tmx('<tu changedate="2023-13-45"><tuv xml:lang="en"><seg>A</seg></tuv></tu>'), "invalid date", 6),
    "impossible date": (tmx('<tu><tuv xml:lang="en" creationdate="20230230T000000Z"><seg>A</seg></tuv></tu>'),
                        "invalid date", 6),
    "no source": (tmx('<tu><tuv xml:lang="fr"><seg>A</seg></tuv></tu>'), "source language en", 6),
    "tuv without seg": (tmx('<tu><tuv xml:lang="en"></tuv></tu>'), "without <seg>", 6),
    "not TMX": (f'{HEAD}<xliff version="1.2"/>\n', "not a TMX document", 2),
    "truncated": (tmx("")[:-30], "malformed TMX", None),
    "no header": (f'{HEAD}<tmx version="1.4"><body>{GOOD_TU}</body></tmx>', "header srclang", 2),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_or_malformed_tmx_is_refused_with_file_and_line_and_nothing_is_imported(tm_project, tmp_path, name,
                                                                                        capsys):
    text, message, line = HOSTILE[name]
    bad = tmp_path / "bad.tmx"
    bad.write_text(text, encoding="utf-8")
    config = load_config(tm_project)
    before = len(Memory.for_project(config))
    assert main(["-C", str(tm_project), "tm", "import", str(bad)]) == 2
    error = capsys.readouterr().err
    assert message in error and str(bad) in error
    if line:
        assert f"bad.tmx:{line}:" in error
    assert not (config.tm_dir / "bad.tmx").exists()
    assert len(Memory.for_project(config)) == before


def test_units_that_translate_nothing_are_left_out_and_listed(tm_project, tmp_path, capsys):
    bad = tmp_path / "thin.tmx"
    bad.write_text(tmx('<tu><tuv xml:lang="en"><seg>Alone.</seg></tuv></tu>\n'
                       '<tu><tuv xml:lang="en"><seg>Empty.</seg></tuv><tuv xml:lang="fr"><seg/></tuv></tu>\n'
                       '<tu><prop type="x-fuzzy">1</prop><tuv xml:lang="en"><seg>A</seg></tuv>'
                       '<tuv xml:lang="fr"><seg>B</seg></tuv></tu>'), encoding="utf-8")
    assert main(["-C", str(tm_project), "tm", "import", str(bad)]) == 0
    captured = capsys.readouterr()
    assert "1 unit(s) in fr" in captured.out
    assert "thin.tmx:6: a <tu> with no translation" in captured.err
    assert "thin.tmx:7: an empty <seg> in fr" in captured.err
    assert "thin.tmx:8: a fuzzy unit" in captured.err


def test_a_different_file_of_the_same_name_is_not_overwritten_without_force(tm_project, tmp_path, capsys):
    config = load_config(tm_project)
    import_tmx(config, FIXTURES / "memoq.tmx")
    other = tmp_path / "memoq.tmx"
    other.write_text(tmx(""), encoding="utf-8")
    assert main(["-C", str(tm_project), "tm", "import", str(other)]) == 2
    assert "holds another memory" in capsys.readouterr().err
    assert (config.tm_dir / "memoq.tmx").read_bytes() == (FIXTURES / "memoq.tmx").read_bytes()
    assert main(["-C", str(tm_project), "tm", "import", "--force", str(other)]) == 0
    assert (config.tm_dir / "memoq.tmx").read_bytes() == other.read_bytes()
    assert main(["-C", str(tm_project), "tm", "import", str(other)]) == 0  # the same bytes again: nothing to do
    assert "unchanged tm/memoq.tmx" in capsys.readouterr().out


def test_a_huge_memory_is_streamed(tmp_path):
    path = tmp_path / "huge.tmx"
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{HEAD}<tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1" '
                  'segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n')
        for n in range(60_000):
            out.write(f'<tu><tuv xml:lang="en"><seg>Sentence number {n} of the memory.</seg></tuv>'
                      f'<tuv xml:lang="fr"><seg>Phrase numéro {n} de la mémoire.</seg></tuv></tu>\n')
        out.write("</body></tmx>\n")
    count = 0
    for unit in read_units(path, "en"):
        count += 1
        last = unit
    assert count == 60_000 and last.line == 60_002 and last.targets[0][1] == "Phrase numéro 59999 de la mémoire."


def test_tm_import_survives_mutants(seed_project, tmp_path):
    config = load_config(seed_project)
    exported = tmp_path / "seed.tmx"
    export_tmx(Memory.for_project(config), exported, config)
    documents = [exported.read_bytes(), (FIXTURES / "okapi.tmx").read_bytes(), (FIXTURES / "memoq.tmx").read_bytes()]
    shutil.rmtree(config.build_dir, ignore_errors=True)
    sandbox = Sandbox(seed_project, tmp_path / "sandbox")
    inputs = xml_mutants(documents, budget(120), str(sandbox.root), seed=16)
    run_all(sandbox, "TMX memory", ["tm", "import"], ".tmx", inputs).check()


def test_a_refused_mutant_leaves_nothing_behind(seed_project, tmp_path):
    config = load_config(seed_project)
    exported = tmp_path / "seed.tmx"
    export_tmx(Memory.for_project(config), exported, config)
    before = len(Memory.for_project(config))
    refused = 0
    for what, data in xml_mutants([exported.read_bytes()], budget(60), str(tmp_path), seed=17):
        incoming = tmp_path / "incoming.tmx"
        incoming.write_bytes(data)
        try:
            import_tmx(config, incoming, force=True)
        except WorkbenchError:
            refused += 1
            assert not (config.tm_dir / "incoming.tmx").exists(), what
            assert len(Memory.for_project(config)) == before, what
        else:
            (config.tm_dir / "incoming.tmx").unlink()
    assert refused
