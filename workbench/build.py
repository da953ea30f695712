"""``workbench build``: each article regenerated in each language from its catalogue (po4a's translate step).

Structure and markup come from the source; each sentence is replaced by its
translation. Untranslated and fuzzy sentences fall back to the source text, and
so does a translation that would break the markup (a placeholder dropped, a
link broken: the reader's ``Paragraph.problems``); each such segment is
reported with its catalogue entry's file and line. An HTML page's root element
gets the target language's ``lang`` (and ``dir="rtl"``). Below the threshold
(percent of translated segments, po4a's ``--keep``), or without a catalogue, no
file is written, and the file an earlier build wrote for that article and
language is removed, so that a stale translation is not published; the result
says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from workbench.articles import Article, SegmentedParagraph, find_sources, load_article, segmenter_for
from workbench.config import Config
from workbench.layout import catalogue_path
from workbench.fileio import atomic_write
from workbench.langs import joins_without_spaces, validate_language
from workbench.po.catalog import Message
from workbench.po.reader import read_po


@dataclass
class Failure:
    """A translated segment left out of the build because it would break the markup."""

    file: str  # the catalogue, as the report shows it
    line: int  # of the catalogue entry
    msgid: str
    problems: list[str]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: source kept: {'; '.join(self.problems)}"


@dataclass
class BuildResult:
    article: str
    language: str
    path: Path | None  # None when skipped
    translated: int
    total: int
    written: bool = False
    reason: str = ""
    failures: list[Failure] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def translations_of(po_file: Path) -> dict[str, Message]:
    """msgid -> entry for translated entries (fuzzy and empty ones are not translations)."""
    catalogue = read_po(po_file)
    return {m.msgid: m for m in catalogue.entries() if m.msgctxt is None and m.translated and not m.plural}


def render_paragraph(paragraph: SegmentedParagraph, translations: dict[str, Message], no_spaces: bool,
                     failed: Callable[[Message, list[str]], None] | None = None) -> str:
    """The paragraph's translator-facing text with each translated sentence replaced.

    An untranslated sentence, or one whose translation equals its source,
    keeps its original bytes (line breaks included), so an identity
    translation reproduces the input exactly. So does a sentence whose
    translation would break the markup; ``failed`` hears of it. Between two
    sentences of a language written without spaces (Chinese, Japanese), the
    blank goes.
    """
    text = paragraph.paragraph.text
    out: list[str] = []
    position = 0
    previous_translated = False
    for segment in paragraph.segments:
        gap = text[position : segment.start]
        message = translations.get(segment.msgid)
        translated = message is not None and message.msgstr != segment.msgid
        if translated:
            problems = paragraph.paragraph.problems(segment.msgid, message.msgstr)
            if problems:
                translated = False
                if failed:
                    failed(message, problems)
        if no_spaces and translated and previous_translated and not gap.strip():
            gap = ""
        out.append(gap)
        out.append(message.msgstr if translated else text[segment.start : segment.end])
        previous_translated = translated
        position = segment.end
    out.append(text[position:])
    return "".join(out)


def render_article(article: Article, translations: dict[str, Message], language: str,
                   failed: Callable[[Message, list[str]], None] | None = None) -> str:
    no_spaces = joins_without_spaces(language)
    rendered = {id(p.paragraph): render_paragraph(p, translations, no_spaces, failed) for p in article.paragraphs}
    return article.document.render(lambda paragraph: rendered[id(paragraph)], language)


def output_path(config: Config, article: Article, language: str) -> Path:
    relative = article.path.relative_to(config.seeds_dir)
    return config.build_dir / language / relative


def remove_stale(config: Config, output: Path) -> str:
    """Delete the file an earlier build wrote where none is written now, so that it is not published."""
    if not output.is_file():
        return ""
    output.unlink()
    return f", earlier {config.relative(output)} removed"


def build(config: Config, languages: list[str] | None = None, threshold: float | None = None,
          progress: Callable[[int], None] | None = None) -> list[BuildResult]:
    """Every article in every language; ``progress(1)`` is called as each article is done."""
    languages = [validate_language(code) for code in (languages or config.target_languages)]
    threshold = config.build_threshold if threshold is None else threshold
    sources = find_sources(config)
    segmenter = segmenter_for(config)
    results = []
    for source in sources:
        article = load_article(source, config, segmenter)
        msgids = {s.msgid for p in article.paragraphs for s in p.segments}
        for language in languages:
            catalogue = catalogue_path(config, article.name, language)
            output = output_path(config, article, language)
            if not catalogue.exists():
                reason = f"no catalogue {config.relative(catalogue)}; run 'workbench update'"
                results.append(BuildResult(article.name, language, None, 0, len(msgids),
                                           reason=reason + remove_stale(config, output)))
                continue
            translations = translations_of(catalogue)
            done = sum(1 for msgid in msgids if msgid in translations)
            result = BuildResult(article.name, language, output, done, len(msgids))
            if result.percent < threshold:
                result.reason = (f"{result.percent:.0f}% translated, below the {threshold:g}% threshold; not written"
                                 + remove_stale(config, output))
                result.path = None
            else:
                where = config.relative(catalogue)
                reported: set[str] = set()

                def failed(message: Message, problems: list[str]) -> None:
                    if message.msgid not in reported:  # a sentence repeated in the article is one entry
                        reported.add(message.msgid)
                        result.failures.append(Failure(where, message.lineno, message.msgid, problems))

                result.written = atomic_write(result.path, render_article(article, translations, language, failed),
                                              durable=False)  # (made again by building again: ``fileio``)
            results.append(result)
        if progress:
            progress(1)
    return results
