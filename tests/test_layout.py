"""The project's layout: paths of each kind of file, one discovery rule, catalogues paired by domain."""

from __future__ import annotations

import json

import pytest

from workbench.cli import main
from workbench.config import load_config
from workbench.layout import (catalogue_path, domain_key, find_catalogues, find_files, find_templates, mo_path,
                              template_article, template_path)


@pytest.mark.parametrize("path, language, key", [
    ("locales/ru/LC_MESSAGES/news/a.po", "ru", "locales/*/LC_MESSAGES/news/a.po"),
    ("django/contrib/admin/locale/de/LC_MESSAGES/django.po", "de", "django/contrib/admin/locale/*/LC_MESSAGES/django.po"),
    ("conf/locale/pt_BR/LC_MESSAGES/django.po", "pt-BR", "conf/locale/*/LC_MESSAGES/django.po"),
    ("conf/locale/zh_Hans/LC_MESSAGES/django.po", "zh_Hans", "conf/locale/*/LC_MESSAGES/django.po"),
    ("locale/de/LC_MESSAGES/django.po", "de_DE", "locale/*/LC_MESSAGES/django.po"),  # header more precise
    ("po/fr.po", "fr", "po/*.po"),
    ("ru.po", "ru", "*.po"),
    ("somewhere/messages.po", "fr", "somewhere/messages.po"),  # names no language: pairs with nothing
])
def test_domain_key(path, language, key):
    assert domain_key(path, language) == key


def test_paths_of_the_project(project):
    config = load_config(project)
    assert template_path(config, "news/forum") == project / "locales" / "news" / "forum.pot"
    assert catalogue_path(config, "news/forum", "zh_CN") == project / "locales" / "zh_CN" / "LC_MESSAGES" / "news" / "forum.po"
    assert mo_path(project / "build" / "locale", "news/forum", "ru") == \
        project / "build" / "locale" / "ru" / "LC_MESSAGES" / "news" / "forum.mo"
    assert template_article(config, template_path(config, "news/forum")) == "news/forum"


def test_one_discovery_rule_skips_hidden_folders_and_files(project):
    assert main(["-C", str(project), "extract"]) == 0
    assert main(["-C", str(project), "update"]) == 0
    config = load_config(project)
    locales = project / "locales"
    stray = locales / "ru" / "LC_MESSAGES" / ".backup"
    stray.mkdir()
    (stray / "news.po").write_bytes(b"not a catalogue at all")
    (locales / "ru" / "LC_MESSAGES" / ".#news.po").write_bytes(b"an editor's lock file")
    (locales / ".old.pot").write_bytes(b"nor a template")
    assert [p.name for p in find_templates(config)] == ["news.pot"]
    assert [(language, article) for language, article, _ in find_catalogues(config)] == [
        ("zh_CN", "news"), ("ru", "news"), ("fr", "news")]
    assert [p.name for p in find_files([locales], (".po",))] == ["news.po"] * 3
    # every command that walks catalogues follows the rule: none of them trips on the strays
    for command in (["check", "--no-cache"], ["check", str(locales), "--no-cache"], ["stats"],
                    ["stats", str(locales)], ["compile"], ["fmt", "--check", str(locales)]):
        assert main(["-C", str(project), *command]) in (0, 1), command


def _catalogue(path, language, entries):
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n' for msgid, msgstr in entries)
    path.write_text(f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n'
                    f'"Content-Type: text/plain; charset=UTF-8\\n"\n{body}', encoding="utf-8")


def test_entry_missing_pairs_catalogues_by_domain_not_by_file_name(tmp_path, capsys):
    """Two apps, each with its own django.po per language: an app is compared with itself only."""
    tree = tmp_path / "site"
    _catalogue(tree / "admin/locale/de/LC_MESSAGES/django.po", "de", [("Log in", "Anmelden")])
    _catalogue(tree / "admin/locale/fr/LC_MESSAGES/django.po", "fr", [("Log in", "Connexion"), ("Log out", "Déconnexion")])
    _catalogue(tree / "auth/locale/de/LC_MESSAGES/django.po", "de", [("Password", "Passwort")])
    _catalogue(tree / "auth/locale/fr/LC_MESSAGES/django.po", "fr", [("Password", "Mot de passe")])
    # an app translated into one language only: nothing of it is missing anywhere else
    _catalogue(tree / "contenttypes/locale/ast/LC_MESSAGES/django.po", "ast", [("Content type", "Triba de conteníu")])
    capsys.readouterr()
    main(["check", str(tree), "--only", "entry-missing", "--format", "json", "--no-cache"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["file"].split("site/")[-1], f["msgid"]) for f in findings] == [
        ("admin/locale/de/LC_MESSAGES/django.po", "Log out")]


def test_path_language_names_the_folder_above_lc_messages():
    from workbench.layout import path_language

    assert path_language("wagtail/admin/locale/en/LC_MESSAGES/django.po") == "en"
    assert path_language("django/conf/locale/zh_Hans/LC_MESSAGES/django.po") == "zh_CN"  # gettext form, as for headers
    assert path_language("sphinx/locale/pt_BR/LC_MESSAGES/sphinx.po") == "pt_BR"
    assert path_language("po/de.po") is None  # no LC_MESSAGES: nothing to go by
    assert path_language("locale/nonsense/LC_MESSAGES/x.po") is None
    # an article in a folder: the folder above LC_MESSAGES still names the language
    assert path_language("locales/fr/LC_MESSAGES/city/chengdu-00010.po") == "fr"
    assert path_language("LC_MESSAGES/city/forum.po") is None


def test_articles_are_selected_as_a_user_types_or_tab_completes_them(tmp_path, monkeypatch):
    """pretranslate and tm analyse take articles by name, by any path of theirs, or by folder; a catalogue's path
    selects that catalogue only."""
    from workbench.errors import WorkbenchError
    from workbench.layout import selected_catalogues

    (tmp_path / "pyproject.toml").write_text('[tool.workbench]\nsource-language = "en"\n'
                                             'target-languages = ["fr", "ru"]\n', encoding="utf-8")
    articles = ["news", "city/forum", "city/port", "economy/forum"]
    for article in articles:
        (tmp_path / "seeds" / article).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "seeds" / f"{article}.txt").write_text("A sentence.\n", encoding="utf-8")
        for language in ("fr", "ru"):
            path = tmp_path / "locales" / language / "LC_MESSAGES" / f"{article}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (tmp_path / "locales" / "city").mkdir()
    (tmp_path / "locales" / "city" / "forum.pot").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config(tmp_path)

    def chosen(*names):
        return sorted(f"{language}:{article}" for language, article, _ in selected_catalogues(config, names))

    both = ["fr:city/forum", "ru:city/forum"]
    for name in ("city/forum", "city/forum.po", "city/forum.pot", "seeds/city/forum.txt", "locales/city/forum.pot"):
        assert chosen(name) == both, name
    assert chosen("locales/fr/LC_MESSAGES/city/forum.po") == ["fr:city/forum"]
    assert chosen("city") == chosen("seeds/city") == chosen("city/") == sorted(both + ["fr:city/port", "ru:city/port"])
    assert chosen("locales/ru/LC_MESSAGES/city") == ["ru:city/forum", "ru:city/port"]
    assert chosen("news", "economy/forum") == ["fr:economy/forum", "fr:news", "ru:economy/forum", "ru:news"]
    assert chosen("locales/fr") == chosen("locales/fr/LC_MESSAGES") == [
        "fr:city/forum", "fr:city/port", "fr:economy/forum", "fr:news"]
    for nothing in ("", "/", "//"):  # each selected every article
        with pytest.raises(WorkbenchError, match="no article is named"):
            selected_catalogues(config, [nothing])
    # a part of a name is not a folder ("cit"), nor a file name without its folder ("forum")
    with pytest.raises(WorkbenchError, match="no catalogue for article.s.: cit, forum"):
        selected_catalogues(config, ["cit", "forum", "news"])
