"""``workbench update``: create or update every target language's catalogue from its template.

A second ``update`` started meanwhile waits on a lock file, so two runs never
interleave their writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from workbench import __version__
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.layout import catalogue_path, find_templates, template_article
from workbench.fileio import atomic_write, project_lock
from workbench.glossary import apply_hints, glossary_hints
from workbench.glossary.terminology import Terminology
from workbench.langs import language_name, validate_language
from workbench.plurals import default_plural_forms
from workbench.merge import merge
from workbench.parallel import map_files
from workbench.po.catalog import Catalog, Message
from workbench.po.reader import read_po
from workbench.po.writer import format_po


def new_catalogue(template: Catalog, language: str, name: str) -> Catalog:
    """An empty catalogue for ``language``: the header msginit would write, without placeholders.

    PO-Revision-Date starts as the template's creation date so that the
    catalogue is deterministic and ``msgfmt -c`` finds no default values.
    """
    created = template.header_field("POT-Creation-Date") or ""
    language_label = language_name(language)
    fields = [
        f"Project-Id-Version: {template.header_field('Project-Id-Version') or name}",
        f"Report-Msgid-Bugs-To: {template.header_field('Report-Msgid-Bugs-To') or ''}",
        f"POT-Creation-Date: {created}",
        f"PO-Revision-Date: {created}",
        "Last-Translator: ",
        f"Language-Team: {language_label}",
        f"Language: {language}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"Plural-Forms: {default_plural_forms(language)}",
        f"X-Generator: workbench {__version__}",
    ]
    header = Message(
        msgid="",
        msgstr="".join(field + "\n" for field in fields),
        translator_comments=[
            f"{language_label} translation of {name}.",
            "This file is distributed under the same license as the project.",
        ],
    )
    return Catalog(messages=[header])


def ensure_language_header(catalogue: Catalog, language: str) -> None:
    """Language, Plural-Forms and charset a catalogue must carry; an existing Plural-Forms is the translator's."""
    if not catalogue.language:
        catalogue.set_header_field("Language", language)
    if not (catalogue.header_field("Plural-Forms") or "").strip():
        catalogue.set_header_field("Plural-Forms", default_plural_forms(language))
    content_type = catalogue.header_field("Content-Type") or ""
    if "charset=utf-8" not in content_type.lower():
        catalogue.set_header_field("Content-Type", "text/plain; charset=UTF-8")


@dataclass
class UpdateResult:
    path: Path
    language: str
    written: bool
    created: bool


def glossary_annotator(config: Config, language: str) -> Callable[[Message], None] | None:
    """The hook that writes ``#. Glossary: term → rendering`` hints, if the project has a glossary."""
    terminology = Terminology.for_project(config)
    if terminology is None:
        return None

    def annotate(message: Message) -> None:
        apply_hints(message, glossary_hints(terminology, message.msgid, config.source_language, language))

    return annotate


def update(config: Config, languages: list[str] | None = None,
           progress: Callable[[int], None] | None = None) -> list[UpdateResult]:
    """Merge every template into its catalogues; ``progress(1)`` is called as each template is done."""
    languages = [validate_language(code) for code in (languages or config.target_languages)]
    if not languages:
        raise WorkbenchError("no target languages: set target-languages in [tool.workbench] or pass --lang")
    templates = find_templates(config)
    if not templates:
        raise WorkbenchError("no templates (*.pot) found; run 'workbench extract' first", config.locales_dir)
    with project_lock(config.locales_dir):
        annotators = {language: glossary_annotator(config, language) for language in languages}

        def update_template(pot: Path) -> list[UpdateResult]:
            template = read_po(pot)
            name = template_article(config, pot)
            done = []
            for language in languages:
                target = catalogue_path(config, name, language)
                created = not target.exists()
                old = new_catalogue(template, language, name) if created else read_po(target)
                ensure_language_header(old, language)
                merged = merge(template, old, annotators[language])
                written = atomic_write(target, format_po(merged))
                done.append(UpdateResult(target, language, written, created))
            return done

        # one template (and its catalogues) per piece of work, on every core
        done = []
        for results in map_files(update_template, templates):
            done.extend(results)
            if progress:
                progress(1)
        return done
