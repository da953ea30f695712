"""TMX 1.4b: one valid, deterministic memory for the whole project; ``workbench import tmx``."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import assert_valid, make_project, parse, snapshot, tmx_dtd

from workbench.cli import main
from workbench.config import load_config
from workbench.exchange import export_exchange, import_tmx, tmx
from workbench.po.reader import parse_po_bytes, read_po
from workbench.po.writer import format_po

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def exported(project: Path) -> Path:
    [(path, _)] = export_exchange(load_config(project), ["tmx"])
    return path


def tu(root, tuid):
    [found] = root.xpath(f"//tu[@tuid='{tuid}']")
    return found


def languages(unit):
    return {tuv.get(XML_LANG): "".join(tuv.find("seg").itertext()) for tuv in unit.findall("tuv")}


def test_export_is_valid_against_the_dtd(project):
    path = exported(project)
    assert path.name == "sample.tmx"
    assert_valid(tmx_dtd(), path)
    assert path.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">')


def test_header(project):
    header = parse(exported(project)).getroot().find("header")
    assert dict(header.attrib) == {
        "creationtool": "workbench", "creationtoolversion": "0.1.0", "segtype": "sentence", "o-tmf": "PO",
        "adminlang": "en", "srclang": "en", "datatype": "plaintext"}


def test_one_unit_per_template_entry_with_every_finished_translation(project):
    root = parse(exported(project)).getroot()
    tuids = [unit.get("tuid") for unit in root.iter("tu")]
    assert tuids[:3] == ["guide:1", "guide:2", "guide:3"]
    assert "news:10" in tuids and "news:6:plural" in tuids
    assert languages(tu(root, "news:1")) == {
        "en": "The forum opened on August 29.", "fr": "Le forum s’est ouvert le 29 août.",
        "ru": "Форум открылся 29 августа.", "zh-CN": "论坛于8月29日开幕。"}
    # fuzzy translations stay out: zh_CN's and fr's are fuzzy here
    assert languages(tu(root, "news:2")) == {"en": "Mayor Pan Guoqiang delivered a speech.",
                                              "fr": "Le maire Pan Guoqiang a prononcé un discours."}
    assert set(languages(tu(root, "news:3"))) == {"en", "zh-CN"}
    # an entry nobody translated still has its unit, with the source alone
    assert languages(tu(root, "news:9")) == {"en": "Untranslated sentence for everyone."}


def test_plural_units(project):
    root = parse(exported(project)).getroot()
    assert languages(tu(root, "news:6")) == {"en": "%(count)d guest arrived.", "ru": "Прибыл %(count)d гость.",
                                             "zh-CN": "%(count)d 位嘉宾到场。"}
    # ru's second form is there; zh_CN has one form only; fr is fuzzy
    assert languages(tu(root, "news:6:plural")) == {"en": "%(count)d guests arrived.",
                                                    "ru": "Прибыли %(count)d гостя."}


def test_context_notes_dates_and_control_characters(project):
    root = parse(exported(project)).getroot()
    menu = tu(root, "news:4")
    assert menu.find("prop").get("type") == "x-context" and menu.find("prop").text == "menu"
    first = tu(root, "news:1")
    assert [n.text for n in first.findall("note")] == ["paragraph 1, sentence 1", "Glossary: forum → 论坛"]
    tuvs = {tuv.get(XML_LANG): tuv for tuv in first.findall("tuv")}
    assert tuvs["zh-CN"].get("changedate") == "20240301T021500Z"  # 2024-03-01 10:15+0800 in UTC
    assert tuvs["ru"].get("changedate") == "20240302T090000Z"
    assert tuvs["fr"].get("changedate") is None  # fr's PO-Revision-Date is the template placeholder
    assert tuvs["en"].get("changedate") is None
    assert tuvs["zh-CN"].find("note").text == "checked by the editor"
    tab = tu(root, "news:8")
    ru = [tuv for tuv in tab.findall("tuv") if tuv.get(XML_LANG) == "ru"][0]
    assert ru.find("seg/ph").get("type") == "x-char-000C"
    assert tmx.segment_text(ru.find("seg")) == "Табуляция\tздесь, перевод страницы\fтам."


def test_export_is_deterministic(project):
    path = exported(project)
    first = path.read_bytes()
    path.unlink()
    assert exported(project).read_bytes() == first
    assert b"creationdate" not in first


def test_import_fills_only_untranslated_entries_with_the_best_match_as_fuzzy(project, tmp_path):
    memory = tmp_path / "memory.tmx"
    memory.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT TMX"
          adminlang="EN-US" srclang="EN-US" datatype="plaintext"/>
  <body>
    <tu><tuv xml:lang="EN-US"><seg>Untranslated sentence for everyone.</seg></tuv>
        <tuv xml:lang="RU-RU"><seg>Непереведённое предложение для всех.</seg></tuv>
        <tuv xml:lang="zh-CN"><seg>人人都未翻译的句子。</seg></tuv></tu>
    <tu><tuv xml:lang="en-US"><seg>The forum opened on August 29.</seg></tuv>
        <tuv xml:lang="ru"><seg>Другой перевод, который не должен заменить готовый.</seg></tuv></tu>
    <tu><tuv xml:lang="en-US"><seg>Untranslated sentence for everyone</seg></tuv>
        <tuv xml:lang="fr"><seg>Pas exactement la même source.</seg></tuv></tu>
    <tu><prop type="x-context">menu</prop>
        <tuv xml:lang="en"><seg>Open</seg></tuv><tuv xml:lang="zh-CN"><seg>打开菜单</seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>Mayor Pan Guoqiang delivered a speech.</seg></tuv>
        <tuv xml:lang="de"><seg>Bürgermeister Pan hielt eine Rede.</seg></tuv></tu>
  </body>
</tmx>
""", encoding="utf-8")
    config = load_config(project)
    po = {lang: config.locales_dir / lang / "LC_MESSAGES" / "news.po" for lang in ("ru", "zh_CN", "fr")}
    before = {lang: path.read_bytes() for lang, path in po.items()}
    report = import_tmx(memory, config)
    assert report.exit_code == 0
    ru, zh = read_po(po["ru"]), read_po(po["zh_CN"])
    filled = ru.find("Untranslated sentence for everyone.")
    assert filled.msgstr == "Непереведённое предложение для всех." and filled.fuzzy
    assert zh.find("Untranslated sentence for everyone.").msgstr == "人人都未翻译的句子。"
    assert "TM 100%: Untranslated sentence for everyone. — memory.tmx" in filled.extracted_comments
    assert ru.find("The forum opened on August 29.").msgstr == "Форум открылся 29 августа."  # kept
    # the zh_CN "menu" entry is untranslated: filled; "Open" of context "verb" takes the menu's translation too
    # (the same source), for review, the entry with the unit's own context first in line
    assert zh.find("Open", "menu").msgstr == "打开菜单" and zh.find("Open", "verb").fuzzy
    assert ru.find("Open", "verb").msgstr == ""
    # a fuzzy match (the final full stop missing): 99 %, filled for review
    fr_filled = read_po(po["fr"]).find("Untranslated sentence for everyone.")
    assert fr_filled.msgstr == "Pas exactement la même source." and fr_filled.fuzzy
    assert "TM 99%: Untranslated sentence for everyone — memory.tmx" in fr_filled.extracted_comments
    assert any("de" in note for note in report.notes)
    # only the filled entry and the revision date changed: undo them and the file is byte for byte what it was
    filled.msgstr, filled.fuzzy = "", False
    filled.extracted_comments = [c for c in filled.extracted_comments if not c.startswith("TM ")]
    ru.set_header_field("PO-Revision-Date", parse_po_bytes(before["ru"]).header_field("PO-Revision-Date"))
    assert format_po(ru).encode("utf-8") == before["ru"]
    again = import_tmx(memory, config)
    assert not again.updated and not again.written


def test_the_projects_own_tmx_comes_back_with_exit_0(project, capsys):
    """Its units for entries nobody translated hold their source alone: a note, not units skipped (exit 1)."""
    path = exported(project)
    assert main(["-C", str(project), "import", "tmx", "--dry-run", str(path)]) == 0
    out = capsys.readouterr().out
    assert "unit(s) with their source alone, nothing to fill from" in out and " 0 skipped" in out


def test_import_refuses_another_source_language(project, tmp_path, capsys):
    memory = tmp_path / "de.tmx"
    memory.write_text('<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" '
                      'o-tmf="x" adminlang="en" srclang="de" datatype="plaintext"/><body/></tmx>', encoding="utf-8")
    before = snapshot(project / "locales")
    assert main(["-C", str(project), "import", "tmx", str(memory)]) == 2
    assert "de.tmx:1: this memory translates from de (srclang)" in capsys.readouterr().err
    assert snapshot(project / "locales") == before


def test_import_refuses_malformed_and_entity_files(project, tmp_path, capsys):
    before = snapshot(project / "locales")
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx version='1.4'><header", encoding="utf-8")
    assert main(["-C", str(project), "import", "tmx", str(broken)]) == 2
    assert "broken.tmx:1: malformed TMX" in capsys.readouterr().err
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv>'
                    '</tu></body></tmx>', encoding="utf-8")
    assert main(["-C", str(project), "import", "tmx", str(bomb)]) == 2
    assert "entit" in capsys.readouterr().err
    assert snapshot(project / "locales") == before


def test_every_language_with_catalogues_is_in_the_memory(project):
    """A catalogue folder for a language not (or no longer) in target-languages is exported too."""
    folder = project / "locales" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    text = (project / "locales" / "fr" / "LC_MESSAGES" / "guide.po").read_text(encoding="utf-8")
    (folder / "guide.po").write_text(text.replace("Language: fr", "Language: de")
                                     .replace("Le forum s’est ouvert le 29 août.", "Das Forum wurde eröffnet."),
                                     encoding="utf-8")
    root = parse(exported(project)).getroot()
    assert languages(tu(root, "guide:2"))["de"] == "Das Forum wurde eröffnet."


MEMORY = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" o-tmf="x" datatype="plaintext"
 creationtool="x" creationtoolversion="1"/><body>
<tu tuid="../../../etc/passwd"><tuv xml:lang="en"><seg>Untranslated sentence for everyone.</seg></tuv>
<tuv xml:lang="fr"><seg>Phrase que personne n’a traduite.</seg></tuv></tu></body></tmx>
"""


def test_import_writes_only_catalogues_inside_the_locales_folder(project, tmp_path, capsys):
    """A catalogue linked out of the project is skipped, not written through; tuids are never paths."""
    memory = tmp_path / "memory.tmx"
    memory.write_text(MEMORY, encoding="utf-8")
    outside = tmp_path / "outside"
    (outside / "LC_MESSAGES").mkdir(parents=True)
    victim = outside / "LC_MESSAGES" / "news.po"
    victim.write_bytes((project / "locales" / "fr" / "LC_MESSAGES" / "news.po").read_bytes())
    before = victim.read_bytes()
    catalogue = project / "locales" / "fr" / "LC_MESSAGES" / "news.po"
    catalogue.unlink()
    catalogue.symlink_to(victim)
    assert main(["-C", str(project), "import", "tmx", str(memory)]) == 1
    assert "outside the project's locales folder" in capsys.readouterr().out
    assert victim.read_bytes() == before and catalogue.is_symlink()


def test_import_fills_a_catalogue_only_from_its_own_script(tmp_path, capsys):
    """A TMX holding Serbian in Latin script fills sr@latin, never the Cyrillic sr catalogue (a bare sr is
    Cyrillic: CLDR's likely script)."""
    root = tmp_path / "serbian"
    (root / "seeds").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.workbench]\nsource-language = "en"\n'
                                         'target-languages = ["sr", "sr@latin"]\n', encoding="utf-8")
    (root / "seeds" / "notice.txt").write_text("The forum notice.\n", encoding="utf-8")
    assert main(["-C", str(root), "extract"]) == 0 and main(["-C", str(root), "update"]) == 0
    memory = tmp_path / "latin.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" '
        'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="en"><seg>The forum notice.</seg></tuv>'
        '<tuv xml:lang="sr-Latn"><seg>Obaveštenje foruma.</seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert main(["-C", str(root), "import", "tmx", str(memory)]) == 0
    entry = lambda code: read_po(root / "locales" / code / "LC_MESSAGES" / "notice.po").find("The forum notice.")  # noqa: E731
    assert entry("sr@latin").msgstr == "Obaveštenje foruma." and entry("sr").msgstr == ""


_HEADER = ('<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" '
           'o-tmf="x" creationtool="x" creationtoolversion="1"/><body>')


@pytest.mark.parametrize("name, data, words", [
    # a DOCTYPE the prolog check cannot see: in UTF-16 without a byte-order mark, or after 64 KB of comment
    ("utf16.tmx", ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE tmx [<!ENTITY e "x">]>' + _HEADER
                   + "</body></tmx>").encode("utf-16-le"), "DOCTYPE with an internal subset refused"),
    ("late.tmx", ('<?xml version="1.0"?>\n<!--' + "x" * 70_000 + '-->\n<!DOCTYPE tmx [<!ENTITY e "x">]>' + _HEADER
                  + "</body></tmx>").encode(), "DOCTYPE with an internal subset refused"),
    # a code for no character (a surrogate) broke the memory's database, and every memory command after it
    ("surrogate.tmx", (_HEADER + '<tu><tuv xml:lang="en"><seg>A</seg></tuv><tuv xml:lang="fr"><seg>'
                       '<ph type="x-char-D800"/></seg></tuv></tu></body></tmx>').encode(), "surrogate.tmx:1: bad <ph"),
])
def test_import_refuses_what_the_streamed_reader_used_to_let_through(project, tmp_path, capsys, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot(project)
    for command in (["import", "tmx"], ["tm", "import"]):
        assert main(["-C", str(project), *command, str(path)]) == 2
        assert words in capsys.readouterr().err
    assert snapshot(project) == before


def test_import_of_a_fifo_is_refused_not_waited_on(project, tmp_path, capsys):
    import os

    fifo = tmp_path / "pipe.tmx"
    os.mkfifo(fifo)
    assert main(["-C", str(project), "import", "tmx", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
