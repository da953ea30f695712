"""The project's layout: where each file of a project lives, and how catalogues are found.

Every stage asks here rather than joining paths itself::

    seeds/<article>.<txt|md|html>                  source articles          (articles.find_sources)
    locales/<article>.pot                           templates                template_path, find_templates
    locales/<lang>/LC_MESSAGES/<article>.po         catalogues               catalogue_path, find_catalogues
    locales/.workbench.lock                         the project lock         fileio.project_lock
    build/<lang>/<article>.<ext>                    translated articles      build.output_path
    build/locale/<lang>/LC_MESSAGES/<article>.mo    compiled catalogues      mo_path
    build/exports/                                  exports                  workbench.export

An article's name is its path under seeds/ without the extension, so it may hold folders
(``news/2023/forum``); the folders come along into every path above.

One discovery rule for every walker, the project's and the one over paths a user names
(``find_files``): folders and files whose names begin with a dot are skipped (``.git``,
``.venv``, editors' backups, the lock), and the result is sorted.

Catalogues of one domain in several languages are paired by ``domain_key``: the path with
its language folder (or language file name) replaced, so Django's
``contrib/admin/locale/de/LC_MESSAGES/django.po`` pairs with ``contrib/admin/locale/fr/...``
and never with ``contrib/auth/locale/fr/LC_MESSAGES/django.po``.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.langs import primary, to_gettext, validate_language

MESSAGES = "LC_MESSAGES"
PO_SUFFIXES = (".po", ".pot")


# -- the project's own files ----------------------------------------------------------
def template_path(config: Config, article: str) -> Path:
    return config.locales_dir / f"{article}.pot"


def catalogue_path(config: Config, article: str, language: str) -> Path:
    return config.locales_dir / language / MESSAGES / f"{article}.po"


def mo_path(folder: Path, article: str, language: str) -> Path:
    """Where ``compile`` writes an article's MO file under ``folder`` (default: build/locale)."""
    return folder / language / MESSAGES / f"{article}.mo"


def template_article(config: Config, template: Path) -> str:
    """The article a template belongs to: its path under the locales folder without ``.pot``."""
    return template.relative_to(config.locales_dir).with_suffix("").as_posix()


def find_templates(config: Config) -> list[Path]:
    """Every template (``*.pot``) under the locales folder."""
    return list(find_files([config.locales_dir], (".pot",))) if config.locales_dir.is_dir() else []


def catalogue_languages(config: Config) -> list[str]:
    """The target languages, then every other language that has a catalogue folder."""
    found = []
    if config.locales_dir.is_dir():
        found = sorted(p.name for p in config.locales_dir.iterdir()
                       if not p.name.startswith(".") and (p / MESSAGES).is_dir())
    return list(dict.fromkeys([*config.target_languages, *found]))


def find_catalogues(config: Config, languages: Iterable[str] | None = None) -> list[tuple[str, str, Path]]:
    """(language, article, path) of every catalogue of ``languages`` (default: every language there is)."""
    found = []
    for language in (list(languages) if languages is not None else catalogue_languages(config)):
        folder = config.locales_dir / language / MESSAGES
        if folder.is_dir():
            for path in find_files([folder], (".po",)):
                found.append((language, path.relative_to(folder).with_suffix("").as_posix(), path))
    return found


def selected_catalogues(config: Config, articles: Iterable[str] | None = None,
                        languages: Iterable[str] | None = None) -> list[tuple[str, str, Path]]:
    """``find_catalogues`` of the ``articles`` named (default all) in ``languages`` (validated; default all); a
    WorkbenchError names what selects no catalogue. An article is named as a user may type or tab-complete it
    (``article_selection``): ``city/forum``, ``city/forum.po``, a catalogue's path (that catalogue only), the
    template's or the source article's path, or a folder of articles."""
    languages = [validate_language(code) for code in languages] if languages else None
    catalogues = find_catalogues(config, languages)
    if not articles:
        return catalogues
    selections = {name: article_selection(config, name) for name in articles}
    chosen = [item for item in catalogues if any(selects(selection, item) for selection in selections.values())]
    unknown = [name for name, selection in selections.items() if not any(selects(selection, item) for item in catalogues)]
    if unknown:
        shown = ", ".join(name if name.isprintable() and len(name) <= 80 else repr(name[:80]) for name in sorted(unknown))
        raise WorkbenchError(f"no catalogue for article(s): {shown}", config.locales_dir)
    return chosen


def article_selection(config: Config, name: str) -> tuple[str, str | None]:
    """What ``name`` selects: (an article, which also names the articles in the folder of that name, "" for every
    article; the one language of a catalogue's path, else None). A path that exists is read by where it lies: a
    catalogue under the locales folder, a template, a source article in seeds/, or a folder of any of them;
    anything else is an article's name (``city/forum``, ``city/forum.po``, ``city``)."""
    path = Path(name)
    try:
        exists = path.exists()
    except (OSError, ValueError):  # a name too long for a path, or holding NUL: no file of the project
        exists = False
    if exists:
        resolved = path.resolve()
        locales = config.locales_dir.resolve()
        for root in (locales, config.seeds_dir.resolve()):
            try:
                parts = resolved.relative_to(root).parts
            except ValueError:
                continue
            language = None
            # a language's folder, locales/fr or locales/fr/LC_MESSAGES, and what is under it
            if root == locales and parts and (locales / parts[0] / MESSAGES).is_dir() and (
                    len(parts) == 1 or parts[1] == MESSAGES):
                language, parts = parts[0], parts[2:]
            if not parts:
                return "", language
            inside = PurePosixPath(*parts)
            return (inside if path.is_dir() else inside.with_suffix("")).as_posix(), language
    article = name.removesuffix(".pot").removesuffix(".po").strip("/")
    if not article:  # "" or "/": no article's name (it selected every article)
        raise WorkbenchError(f"no article is named {name!r}: give an article, one of its files, or a folder of them")
    return article, None


def selects(selection: tuple[str, str | None], catalogue: tuple[str, str, Path]) -> bool:
    """Whether ``article_selection``'s answer takes this (language, article, path) of ``find_catalogues``."""
    name, language = selection
    code, article, _ = catalogue
    return (language is None or code == language) and (
        not name or article == name or article.startswith(name + "/"))


def by_article(catalogues: list[tuple[str, str, Path]]) -> list[list[tuple[str, str, Path]]]:
    """``find_catalogues``' catalogues grouped by article (each article's in every language together), in
    the order the articles first come: a piece of work that looks a sentence up once for all its languages."""
    groups: dict[str, list[tuple[str, str, Path]]] = {}
    for item in catalogues:
        groups.setdefault(item[1], []).append(item)
    return list(groups.values())


# -- paths a user names ------------------------------------------------------------------
def find_files(paths: Iterable[str | Path], suffixes: tuple[str, ...] = PO_SUFFIXES) -> Iterator[Path]:
    """The files named, and the files ending in ``suffixes`` (lower case) under the folders named, each folder's in
    sorted order, hidden folders and files skipped; WorkbenchError for a path that does not exist."""
    for path in map(Path, paths):
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(suffixes) and not name.startswith("."):
                        yield Path(folder) / name
        elif path.exists():
            yield path
        else:
            raise WorkbenchError("no such file or folder", path)


def path_language(path: str | Path) -> str | None:
    """The language a catalogue's path names, for a header without ``Language``: the folder above the last
    ``LC_MESSAGES`` (``locale/<lang>/LC_MESSAGES/django.po``; an article in a folder,
    ``locales/fr/LC_MESSAGES/city/forum.po``), else None. Only a code CLDR knows counts."""
    parts = Path(path).parts[:-1]
    if MESSAGES not in parts:
        return None
    at = len(parts) - 1 - parts[::-1].index(MESSAGES)
    if at == 0:
        return None
    try:
        return validate_language(parts[at - 1])
    except WorkbenchError:
        return None


def path_article(path: str | Path) -> str:
    """The article (or gettext domain) a catalogue's path names: what follows the last ``LC_MESSAGES``, without
    ``.po`` (``locales/fr/LC_MESSAGES/city/forum.po``: ``city/forum``), else the file's name without it."""
    parts = Path(path).parts
    if MESSAGES in parts[:-1]:
        at = len(parts) - 1 - parts[::-1].index(MESSAGES)
        return PurePosixPath(*parts[at + 1:]).with_suffix("").as_posix()
    return Path(path).stem


def domain_key(path: str | Path, language: str) -> str:
    """What a catalogue is across languages: its path with the language folder (the last part of the path
    naming ``language``) or the language file name (``po/de.po``) replaced by ``*``.

    A path that names no language keeps its folder and file name: such catalogues pair only by an
    identical path, which never happens across languages, so they are compared with nothing.
    """
    parts = list(Path(path).parts)
    if not parts:
        return ""
    wanted = to_gettext(language)
    # the language as the header writes it, else the same language with another region (a "de"
    # folder holding a catalogue whose header says de_DE)
    for same in (lambda code: code == wanted, lambda code: primary(code) == primary(wanted)):
        if _names_language(Path(parts[-1]).stem, same):
            return Path(*parts[:-1], "*" + Path(parts[-1]).suffix).as_posix()
        for index in range(len(parts) - 2, -1, -1):
            if _names_language(parts[index], same):
                return Path(*parts[:index], "*", *parts[index + 1:]).as_posix()
    return Path(*parts).as_posix()


def _names_language(name: str, same) -> bool:
    return bool(name) and name[0].isalpha() and len(name) <= 20 and name != MESSAGES and same(to_gettext(name))
