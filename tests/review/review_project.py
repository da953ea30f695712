"""A small project for the review tests: a Markdown article, a glossary, zh_CN/ru/ar catalogues.

Built with the real pipeline (``extract``, ``update``) and filled through the
Catalog model, so the exports see what a real project holds: translated,
fuzzy and untranslated entries, a deprecated term, a wrong number, Chinese,
and a right-to-left language.
"""

from __future__ import annotations

from pathlib import Path

ARTICLE = """\
# Yangzhou Auto Industry Forum

The 2023 Auto Industry Forum took place on August 29. Mayor Pan Guoqiang attended the opening ceremony and delivered a speech.

He said that the automotive industry is a pivotal sector for the city. The Municipal Party Committee will keep improving the business environment. Yangzhou welcomes investors from home and abroad.

Several cooperation agreements were signed during the ceremony.
"""

GLOSSARY = """\
id,subject,en,zh_CN,ru,ar
mayor,titles,Mayor,市长,мэр,عمدة
auto,industry,automotive industry,汽车产业 | 汽车工业 [deprecated],автомобильная промышленность,صناعة السيارات
mpc,titles,Municipal Party Committee,市委,горком,لجنة الحزب البلدية
"""

# msgid -> (msgstr, fuzzy); a msgid not listed stays untranslated
TRANSLATIONS = {
    "zh_CN": {
        "Yangzhou Auto Industry Forum": ("扬州汽车产业论坛", False),
        "The 2023 Auto Industry Forum took place on August 29.": ("2023汽车产业论坛于8月28日举行。", False),
        "Mayor Pan Guoqiang attended the opening ceremony and delivered a speech.": ("市长潘国强出席开幕式并致辞。", False),
        "He said that the automotive industry is a pivotal sector for the city.": ("他表示，汽车工业是全市的支柱产业。", False),
        "The Municipal Party Committee will keep improving the business environment.": ("市委将持续优化营商环境。", True),
    },
    "ru": {
        "Yangzhou Auto Industry Forum": ("Форум автомобильной промышленности Янчжоу", False),
        "The 2023 Auto Industry Forum took place on August 29.": ("Форум автомобильной промышленности 2023 прошёл 29 августа.", False),
        "Mayor Pan Guoqiang attended the opening ceremony and delivered a speech.": ("Мэр Пань Гоцян присутствовал на церемонии открытия и выступил с речью.", True),
    },
    "ar": {
        "Yangzhou Auto Industry Forum": ("منتدى صناعة السيارات في يانغتشو", False),
        "Several cooperation agreements were signed during the ceremony.": ("تم توقيع عدة اتفاقيات تعاون خلال الحفل.", False),
    },
}

PYPROJECT = """\
[tool.workbench]
project-name = "forum-review"
source-language = "en"
target-languages = ["zh_CN", "ru", "ar"]
"""


def fill(config, translations=TRANSLATIONS) -> None:
    from workbench.layout import catalogue_path
    from workbench.po.reader import read_po
    from workbench.po.writer import write_po

    for language, table in translations.items():
        path = catalogue_path(config, "forum", language)
        catalogue = read_po(path)
        for message in catalogue.entries():
            if message.msgid in table:
                message.msgstr, fuzzy = table[message.msgid]
                message.fuzzy = fuzzy
        write_po(catalogue, path)


def make_project(root: Path):
    from workbench.config import load_config
    from workbench.extract import extract
    from workbench.update import update

    (root / "seeds").mkdir(parents=True)
    (root / "glossary").mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "seeds" / "forum.md").write_text(ARTICLE, encoding="utf-8")
    (root / "glossary" / "terms.csv").write_text(GLOSSARY, encoding="utf-8")
    config = load_config(root)
    extract(config)
    update(config)
    fill(config)
    return config


NOTES = """\
<!DOCTYPE html>
<html><body>
<h1>Report &amp; summary</h1>
<p>Read <a href="/report.pdf">the full report</a> &amp; the <b>summary</b> here.<br>Questions go to the press office.</p>
</body></html>
"""
NOTES_SENTENCE = "Read <g1>the full report</g1> & the <g2>summary</g2> here.<x3/>Questions go to the press office."
NOTES_ZH = "阅读<g1>完整报告</g1>和<g2>摘要</g2>。<x3/>问题请联系新闻办公室。"
EDITED = ("The 2023 Auto Industry Forum took place on August 29.",
          "The 2023 Auto Industry Forum took place in Yangzhou on August 29.")


def change_sources(config):
    """The project after an edit: 2.1 of the article reworded (its entries go fuzzy with ``#| msgid``),
    and an HTML article with inline markup, its sentence translated into Chinese."""
    from workbench.extract import extract
    from workbench.update import update

    article = config.seeds_dir / "forum.md"
    article.write_text(article.read_text(encoding="utf-8").replace(*EDITED), encoding="utf-8")
    (config.seeds_dir / "notes.html").write_text(NOTES, encoding="utf-8")
    extract(config)
    update(config)
    from workbench.layout import catalogue_path
    from workbench.po.reader import read_po
    from workbench.po.writer import write_po

    path = catalogue_path(config, "notes", "zh_CN")
    catalogue = read_po(path)
    catalogue.find(NOTES_SENTENCE).msgstr = NOTES_ZH
    write_po(catalogue, path)
    return config
