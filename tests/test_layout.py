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
