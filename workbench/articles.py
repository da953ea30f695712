"""Source articles: find them, read them, and cut their paragraphs into sentence segments.

Shared by ``extract`` (segments become POT entries) and ``build`` (segments
are replaced by their translations), so both see exactly the same cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.fileio import read_utf8
from workbench.layout import find_files
from workbench.readers import Document, Paragraph, read_document, supported_extensions
from workbench.segment import Segmenter

_WHITESPACE_RUN = re.compile(r"[ \t\r\n]+")


def normalise(text: str) -> str:
    """The msgid form of a segment: hard line breaks and runs of blanks become one space.

    Non-breaking and ideographic spaces are content and stay.
    """
    return _WHITESPACE_RUN.sub(" ", text).strip(" ")


@dataclass
class Segment:
    msgid: str
    start: int  # span in paragraph.text
    end: int
    line: int  # source line of the segment's first character
    index: int  # 1-based sentence number within its paragraph


@dataclass
class SegmentedParagraph:
    paragraph: Paragraph
    number: int  # 1-based position among the document's paragraphs
    segments: list[Segment]

    def raw(self, segment: Segment) -> str:
        return self.paragraph.text[segment.start : segment.end]


@dataclass
class Article:
    path: Path
    name: str  # the catalogue's name: the file name without its extension
    document: Document
    paragraphs: list[SegmentedParagraph]


def find_sources(config: Config) -> list[Path]:
    """The source articles under the seeds folder, sorted, that a reader can read."""
    seeds = config.seeds_dir
    if not seeds.is_dir():
        raise WorkbenchError("seeds folder not found (set 'seeds' in [tool.workbench])", seeds)
    extensions = set(supported_extensions())
    sources = sorted(find_files([seeds], tuple(extensions)))
    names: dict[str, Path] = {}
    for path in sources:
        name = article_name(path, seeds)
        if name in names:
            raise WorkbenchError(f"two articles would share the catalogue name {name!r}: {names[name]} and {path}", path)
        names[name] = path
    return sources


def article_name(path: Path, seeds: Path) -> str:
    """Catalogue name of an article: its path under seeds/ without the extension, '/' kept."""
    relative = path.relative_to(seeds)
    return relative.with_suffix("").as_posix()


def segmenter_for(config: Config) -> Segmenter:
    if config.segmentation_rules:
        return Segmenter.from_file(config.path(config.segmentation_rules))
    return Segmenter.default()


def load_article(path: Path, config: Config, segmenter: Segmenter | None = None) -> Article:
    document, paragraphs = segment_file(path, config, segmenter)
    return Article(path=path, name=article_name(path, config.seeds_dir), document=document, paragraphs=paragraphs)


def segment_file(path: Path, config: Config,
                 segmenter: Segmenter | None = None) -> tuple[Document, list[SegmentedParagraph]]:
    """Any text, Markdown or HTML file read by its reader and cut into sentences as ``extract`` cuts articles."""
    segmenter = segmenter or segmenter_for(config)
    text = read_utf8(path)
    document = read_document(text, config.relative(path))
    paragraphs: list[SegmentedParagraph] = []
    for number, paragraph in enumerate(document.paragraphs(), start=1):
        segments = []
        for index, (start, end) in enumerate(segmenter.split(paragraph.text, config.source_language), start=1):
            msgid = normalise(paragraph.text[start:end])
            if msgid:
                segments.append(Segment(msgid, start, end, paragraph.line_at(start), index))
        paragraphs.append(SegmentedParagraph(paragraph, number, segments))
    return document, paragraphs
