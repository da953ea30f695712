"""``workbench extract``: one POT template per source article.

One entry per unique sentence (repeats merge into one entry with several
references), ``#: seeds/<file>:<line>`` references, an extracted comment
giving each occurrence's paragraph and sentence, and a complete header.
Same input, same bytes: the creation date comes from SOURCE_DATE_EPOCH when
set, else it is kept from the existing template while the messages are
unchanged, so re-running extract never dirties the tree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from workbench import __version__
from workbench.articles import Article, find_sources, load_article, segmenter_for
from workbench.config import Config
from workbench.parallel import map_files
from workbench.po.catalog import Catalog, Message
from workbench.po.reader import read_po
from workbench.po.writer import format_po
from workbench.fileio import atomic_write
from workbench.dates import gettext_date, now
from workbench.layout import template_path


def now_date() -> str:
    return gettext_date(now())


def pot_header(config: Config, name: str, creation_date: str) -> Message:
    year = creation_date[:4]
    fields = [
        f"Project-Id-Version: {config.project_name} {name}",
        f"Report-Msgid-Bugs-To: {config.bugs_address}",
        f"POT-Creation-Date: {creation_date}",
        "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator: FULL NAME <EMAIL@ADDRESS>",
        "Language-Team: LANGUAGE <LL@li.org>",
        "Language: ",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"X-Generator: workbench {__version__}",
        f"X-Source-Language: {config.source_language}",
    ]
    return Message(
        msgid="",
        msgstr="".join(line + "\n" for line in fields),
        translator_comments=[
            f"Translation template for {name}.",
            f"Copyright (C) {year} THE {config.project_name.upper()}'S COPYRIGHT HOLDER",
            f"This file is distributed under the same license as the {config.project_name} package.",
            f"FIRST AUTHOR <EMAIL@ADDRESS>, {year}.",
            "",
        ],
        flags=["fuzzy"],
    )


def template_messages(article: Article) -> list[Message]:
    """The template's entries for an article, in order of first occurrence."""
    by_msgid: dict[str, Message] = {}
    for paragraph in article.paragraphs:
        kind = paragraph.paragraph.kind
        for segment in paragraph.segments:
            message = by_msgid.get(segment.msgid)
            if message is None:
                message = by_msgid[segment.msgid] = Message(msgid=segment.msgid)
            reference = f"{article.document.path}:{segment.line}"
            if reference not in message.references:
                message.references.append(reference)
            where = f"paragraph {paragraph.number}, sentence {segment.index}"
            if kind != "paragraph":
                where += f" ({kind})"
            message.extracted_comments.append(where)
    return list(by_msgid.values())


def build_template(config: Config, name: str, messages: list[Message], creation_date: str) -> Catalog:
    return Catalog(messages=[pot_header(config, name, creation_date), *messages])


@dataclass
class ExtractResult:
    path: Path
    written: bool
    entries: int


def extract(config: Config, progress: Callable[[int], None] | None = None) -> list[ExtractResult]:
    """Write ``locales/<article>.pot`` for every source article; return what happened to each (``progress(1)``
    as each is done)."""
    sources = find_sources(config)
    segmenter = segmenter_for(config)

    def extract_one(source) -> ExtractResult:
        article = load_article(source, config, segmenter)
        messages = template_messages(article)
        target = template_path(config, article.name)
        creation_date = os.environ.get("SOURCE_DATE_EPOCH") and now_date()
        if not creation_date and target.exists():
            # keep the old date if nothing but the date would change
            old_date = read_po(target).header_field("POT-Creation-Date") or ""
            candidate = format_po(build_template(config, article.name, messages, old_date))
            if candidate.encode("utf-8") == target.read_bytes():
                return ExtractResult(target, False, len(messages))
        template = build_template(config, article.name, messages, creation_date or now_date())
        written = atomic_write(target, format_po(template))
        return ExtractResult(target, written, len(messages))

    results = []
    for result in map_files(extract_one, sources):  # one article per piece of work, on every core
        results.append(result)
        if progress:
            progress(1)
    return results
