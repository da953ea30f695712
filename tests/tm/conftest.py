"""A project with two articles: the first translated into Chinese and French, the second sharing some of
its sentences (one the same, one with another date, one with a changed word) and not translated yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.config import load_config
from workbench.extract import extract
from workbench.layout import catalogue_path
from workbench.po.reader import read_po
from workbench.po.writer import write_po
from workbench.update import update

FIRST = ("The forum opened on May 3.\n\n"
         "Mayor Pan Guoqiang delivered a speech.\n\n"
         "Guests came from twelve countries.\n\n"
         "Table of contents\n")
SECOND = ("The forum opened on August 29.\n\n"          # another date: 99 % with the date carried over
          "Mayor Pan Guoqiang delivered a speech.\n\n"  # the same sentence: 100 %
          "Guests came from nine countries.\n\n"        # one word of five: 80 %
          "Table of Contents\n\n"                       # case only: 99 %
          "Nothing like this was said before.\n")       # no match
TRANSLATIONS = {
    "zh_CN": {"The forum opened on May 3.": "论坛于5月3日开幕。",
              "Mayor Pan Guoqiang delivered a speech.": "潘国强市长发表讲话。",
              "Guests came from twelve countries.": "嘉宾来自十二个国家。",
              "Table of contents": "目录"},
    "fr": {"The forum opened on May 3.": "Le forum s’est ouvert le 3 mai.",
           "Mayor Pan Guoqiang delivered a speech.": "Le maire Pan Guoqiang a prononcé un discours.",
           "Guests came from twelve countries.": "Les invités venaient de douze pays.",
           "Table of contents": "Table des matières"},
}


def translate(config, article: str, language: str, translations: dict[str, str]) -> Path:
    path = catalogue_path(config, article, language)
    catalogue = read_po(path)
    for message in catalogue.entries():
        if message.msgid in translations:
            message.msgstr = translations[message.msgid]
    write_po(catalogue, path)
    return path


@pytest.fixture
def make_tm_project(make_project):
    """``make_tm_project(root, extra_config)``: the two articles, extracted and updated, the first translated."""

    def make(root: Path, config_lines: str = "") -> Path:
        root.mkdir(parents=True, exist_ok=True)
        make_project(root, {"first.txt": FIRST, "second.txt": SECOND}, config_lines)
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
        (root / "pyproject.toml").write_text(
            text.replace('target-languages = ["zh_CN", "ru", "fr"]', 'target-languages = ["zh_CN", "fr"]'),
            encoding="utf-8")
        config = load_config(root)
        extract(config)
        update(config)
        for language, translations in TRANSLATIONS.items():
            translate(config, "first", language, translations)
        return root

    return make


@pytest.fixture
def tm_project(tmp_path: Path, make_tm_project) -> Path:
    return make_tm_project(tmp_path / "project")
