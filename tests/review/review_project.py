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
