"""A realistic small project for the exchange tests, and the official schemas to validate against.

The catalogues hold what CAT-tool exchange must survive: plural entries (1, 2
and 3 forms), msgctxt, fuzzy entries with previous msgids, obsolete entries,
printf / Python / brace placeholders and HTML tags, CJK, leading and trailing
white space, a tab and a form feed, translator and extracted comments, and
entries that are untranslated. They are written through the PO writer, as
``workbench update`` would leave them.
"""

from __future__ import annotations

import functools
import textwrap
from pathlib import Path

from lxml import etree

from workbench.po.reader import parse_po
from workbench.po.writer import format_po

SCHEMAS = Path(__file__).resolve().parent / "schemas"

HEADER = """\
# {name} translation.
msgid ""
msgstr ""
"Project-Id-Version: sample {article}\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2024-02-01 09:00+0000\\n"
"PO-Revision-Date: {date}\\n"
"Last-Translator: \\n"
"Language-Team: {name}\\n"
"Language: {language}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural}\\n"
"X-Generator: workbench 0.1.0\\n"
"""

POT_HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: sample {article}\\n"
"POT-Creation-Date: 2024-02-01 09:00+0000\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Language: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""

# (msgctxt, msgid, msgid_plural, extracted comments, references, flags)
NEWS = [
    (None, "The forum opened on August 29.", None, ["paragraph 1, sentence 1", "Glossary: forum → 论坛"],
     ["seeds/news.txt:1", "seeds/news.txt:5"], []),
    (None, "Mayor Pan Guoqiang delivered a speech.", None, ["paragraph 1, sentence 2"], ["seeds/news.txt:1"], []),
    (None, "Hello %s, you have %1$d <b>new</b> messages from {sender}.", None, ["paragraph 2, sentence 1"],
     ["seeds/news.txt:3"], ["c-format"]),
    ("menu", "Open", None, ["a menu item"], [], []),
    ("verb", "Open", None, [], [], []),
    (None, "%(count)d guest arrived.", "%(count)d guests arrived.", ["paragraph 3, sentence 1"],
     ["seeds/news.txt:7"], ["python-format"]),
    (None, "  Two spaces before, a newline after.\n", None, [], [], []),
    (None, "Tab\there, form feed\fthere.", None, [], [], []),
    (None, "Untranslated sentence for everyone.", None, [], ["seeds/news.txt:9"], []),
    (None, "扬州 is written in Chinese characters.", None, [], ["seeds/news.txt:11"], []),
]

GUIDE = [
    (None, "Welcome to the guide.", None, ["paragraph 1, sentence 1"], ["seeds/guide.md:1"], []),
    (None, "The forum opened on August 29.", None, ["paragraph 1, sentence 2"], ["seeds/guide.md:1"], []),
    (None, "Press {key} to continue.", None, [], ["seeds/guide.md:3"], []),
]

LANGUAGES = {
    "zh_CN": ("Chinese (China)", "nplurals=1; plural=0;", "2024-03-01 10:15+0800"),
    "ru": ("Russian", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<10 || n%100>=20) ? 1 : 2);", "2024-03-02 12:00+0300"),
    "fr": ("French", "nplurals=2; plural=(n > 1);", "YEAR-MO-DA HO:MI+ZONE"),
}

# language -> msgid -> (translation(s), fuzzy, translator comment)
TRANSLATIONS = {
    "zh_CN": {
        "The forum opened on August 29.": ("论坛于8月29日开幕。", False, "checked by the editor"),
        "Mayor Pan Guoqiang delivered a speech.": ("市长潘国强致辞。", True, None),
        "Hello %s, you have %1$d <b>new</b> messages from {sender}.":
            ("%s，你好，你有 %1$d 条来自 {sender} 的<b>新</b>消息。", False, None),
        "%(count)d guest arrived.": (["%(count)d 位嘉宾到场。"], False, None),
        "  Two spaces before, a newline after.\n": ("  前面两个空格，后面换行。\n", False, None),
        "扬州 is written in Chinese characters.": ("“扬州”用汉字书写。", False, None),
        "Welcome to the guide.": ("欢迎阅读指南。", False, None),
        "Press {key} to continue.": ("按 {key} 继续。", True, None),
    },
    "ru": {
        "The forum opened on August 29.": ("Форум открылся 29 августа.", False, None),
        "%(count)d guest arrived.": (["Прибыл %(count)d гость.", "Прибыли %(count)d гостя.", ""], False, None),
        ("menu", "Open"): ("Открыть", False, None),
        "Tab\there, form feed\fthere.": ("Табуляция\tздесь, перевод страницы\fтам.", False, None),
    },
    "fr": {
        "The forum opened on August 29.": ("Le forum s’est ouvert le 29 août.", False, None),
        "Mayor Pan Guoqiang delivered a speech.": ("Le maire Pan Guoqiang a prononcé un discours.", False, None),
        "Hello %s, you have %1$d <b>new</b> messages from {sender}.":
            ("Bonjour %s, vous avez %1$d <b>nouveaux</b> messages de {sender}.", True, None),
        ("menu", "Open"): ("Ouvrir", False, None),
        ("verb", "Open"): ("Ouvrir", True, None),
        "%(count)d guest arrived.": (["%(count)d invité est arrivé.", "%(count)d invités sont arrivés."], True, None),
    },
}

PREVIOUS = {"Mayor Pan Guoqiang delivered a speech.": "Mayor Pan delivered a speech.",
            "Hello %s, you have %1$d <b>new</b> messages from {sender}.": "Hello %s, you have %d new messages."}


def quote(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
               .replace("\f", "\\f"))
    return f'"{escaped}"'


def entry_text(entry, language: str | None) -> str:
    msgctxt, msgid, plural, extracted, references, flags = entry
    lines = [f"#. {comment}" for comment in extracted]
    found = TRANSLATIONS.get(language, {}).get((msgctxt, msgid)) if language else None
    if found is None and language and msgctxt is None:
        found = TRANSLATIONS.get(language, {}).get(msgid)
    translation, fuzzy, note = found if found else ("", False, None)
    if note:
        lines.insert(0, f"# {note}")
    lines += [f"#: {reference}" for reference in references]
    all_flags = (["fuzzy"] if fuzzy else []) + flags
    if all_flags:
        lines.append("#, " + ", ".join(all_flags))
    if fuzzy and msgid in PREVIOUS:
        lines.append(f"#| msgid {quote(PREVIOUS[msgid])}")
    if msgctxt is not None:
        lines.append(f"msgctxt {quote(msgctxt)}")
    lines.append(f"msgid {quote(msgid)}")
    if plural is None:
        lines.append(f"msgstr {quote(translation if isinstance(translation, str) else '')}")
    else:
        lines.append(f"msgid_plural {quote(plural)}")
        forms = {"zh_CN": 1, "ru": 3, "fr": 2}.get(language or "", 2)
        values = list(translation) if isinstance(translation, list) else []
        values += [""] * (forms - len(values))
        lines += [f"msgstr[{i}] {quote(v)}" for i, v in enumerate(values[:forms])]
    return "\n".join(lines)


def catalogue_text(article: str, entries, language: str | None) -> str:
    if language is None:
        head = POT_HEADER.format(article=article)
    else:
        name, plural, date = LANGUAGES[language]
        head = HEADER.format(article=article, name=name, language=language, plural=plural, date=date)
    parts = [head] + [entry_text(entry, language) for entry in entries]
    if language:
        parts.append('#~ msgid "An obsolete sentence."\n#~ msgstr "Obsolète."')
    text = "\n\n".join(part.rstrip("\n") for part in parts) + "\n"
    return format_po(parse_po(text, f"{article}.{language}.po"))  # the writer's layout, as update leaves it


def make_project(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(textwrap.dedent("""\
        [project]
        name = "sample"
        version = "0"

        [tool.workbench]
        source-language = "en"
        target-languages = ["zh_CN", "ru", "fr"]
        project-name = "sample"
        export-formats = ["tmx", "xliff", "xliff2"]
        """), encoding="utf-8")
    locales = root / "locales"
    for article, entries in (("news", NEWS), ("guide", GUIDE)):
        (locales).mkdir(parents=True, exist_ok=True)
        (locales / f"{article}.pot").write_text(catalogue_text(article, entries, None), encoding="utf-8")
        for language in LANGUAGES:
            folder = locales / language / "LC_MESSAGES"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{article}.po").write_text(catalogue_text(article, entries, language), encoding="utf-8")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


@functools.lru_cache(maxsize=None)
def xliff12_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-1.2" / "xliff-core-1.2-strict.xsd")))


@functools.lru_cache(maxsize=None)
def xliff21_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-2.1" / "xliff_2.1_workbench.local.xsd")))


@functools.lru_cache(maxsize=None)
def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "tmx-1.4b" / "tmx14.dtd"))


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))


def assert_valid(validator, path: Path) -> None:
    document = parse(path)
    if not validator.validate(document):
        raise AssertionError(f"{path} is not valid:\n{validator.error_log}")
