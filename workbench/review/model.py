"""The bilingual review model every export format renders: articles aligned segment by segment.

An article is read with the same cut as ``extract`` (``load_article``), so its
segments are exactly the catalogue's msgids, in reading order, grouped by
paragraph, headings marked. Each segment carries, per target language, its
translation and status from the PO file (and a fuzzy entry's previous source,
``#| msgid``), the findings of ``workbench check`` on it, and the glossary terms
found on both sides; each article its catalogues' progress as ``workbench stats``
counts it. ``ReviewArticle.select`` keeps the segments a reviewer asked for
(FILTERS). HTML, DOCX, Markdown and text exports only lay this out; none of
them reads a file itself.

A segment's id is ``<paragraph>.<sentence>`` (``3.2``), the numbers of the
extracted comment ``#. paragraph 3, sentence 2``, so a reviewer's "3.2"
means the same thing in every export and in the PO file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.articles import Article, find_sources, load_article, segmenter_for
from workbench.config import Config
from workbench.layout import catalogue_path
from workbench.langs import language_name, locale_for, to_bcp47
from workbench.po.catalog import Message
from workbench.po.reader import read_po
from workbench.checks.runner import run_checks
from workbench.glossary.terminology import Terminology
from workbench.review.chips import PLACEHOLDER, tag_names
from workbench.review.terms import TermIndex, TermMark
from workbench.stats import CatalogueStats, catalogue_stats

TRANSLATED, FUZZY, UNTRANSLATED = "translated", "fuzzy", "untranslated"
STATUSES = (TRANSLATED, FUZZY, UNTRANSLATED)
# what a reviewer can ask to see (filter buttons, ``export --only``): a segment matches a filter by its status,
# by having findings, or by a source changed since it was translated (a fuzzy entry with ``#| msgid``)
FINDINGS, CHANGED = "findings", "changed"
FILTERS = (UNTRANSLATED, FUZZY, FINDINGS, CHANGED)
# completeness checks that only restate a segment's status, which every export shows anyway
STATUS_CHECKS = {"untranslated", "fuzzy"}


@dataclass
class Mark:
    """A finding of ``workbench check`` on one segment of one language."""

    check: str
    severity: str
    message: str
    span: tuple[int, int] | None = None  # in the target text (or the source when in_source)
    in_source: bool = False


@dataclass
class Cell:
    """One target language's side of a segment."""

    language: str
    text: str  # the msgstr, "" when untranslated
    status: str  # one of STATUSES
    line: int = 0  # the entry's line in the PO file, 0 when it has no entry
    findings: list[Mark] = field(default_factory=list)
    terms: list[TermMark] = field(default_factory=list)
    previous: str | None = None  # a fuzzy entry's previous source (``#| msgid``) when it differs from the msgid
    # the translation memory's best match for an untranslated or fuzzy entry: (score, suggestion, origin)
    tm: tuple[int, str, str] | None = None

    @property
    def filters(self) -> list[str]:
        """The FILTERS this cell matches, in FILTERS' order."""
        matched = {self.status, FINDINGS if self.findings else "", CHANGED if self.previous is not None else ""}
        return [name for name in FILTERS if name in matched]


@dataclass
class ReviewSegment:
    id: str  # "3.2"
    msgid: str
    kind: str  # the paragraph's kind: "paragraph", "heading", "list-item", ...
    source_terms: dict[str, list[TermMark]] = field(default_factory=dict)  # per target language
    cells: dict[str, Cell] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)  # placeholder number -> the tag it stands for (chips)

    def filters(self, languages: list[str] | None = None) -> list[str]:
        """The FILTERS any of ``languages`` (default: every language) matches, in FILTERS' order."""
        matched = {name for code, cell in self.cells.items() if languages is None or code in languages
                   for name in cell.filters}
        return [name for name in FILTERS if name in matched]

    @property
    def anchor(self) -> str:
        """The HTML id of the segment's row: ``s3-2``."""
        return "s" + self.id.replace(".", "-")


@dataclass
class ReviewParagraph:
    number: int
    kind: str
    segments: list[ReviewSegment]

    @property
    def heading_level(self) -> int | None:
        """2..6 for a heading (h1 is the page's title), None for anything else."""
        if not self.kind.startswith("heading"):
            return None
        digits = "".join(ch for ch in self.kind if ch.isdigit())
        return min(6, max(2, int(digits) + 1)) if digits else 2


@dataclass
class Language:
    code: str  # gettext code, as in the catalogue path

    @property
    def tag(self) -> str:
        return to_bcp47(self.code)

    @property
    def direction(self) -> str:
        try:
            return "rtl" if locale_for(self.code).character_order == "right-to-left" else "ltr"
        except Exception:  # an unknown code: CLDR cannot say, assume left to right
            return "ltr"

    @property
    def name(self) -> str:
        try:
            return language_name(self.code)
        except Exception:
            return self.code


@dataclass
class ReviewArticle:
    name: str
    source_path: str  # relative to the project root, "/" separated
    source: Language
    targets: list[Language]
    paragraphs: list[ReviewParagraph]
    catalogues: dict[str, str | None]  # language -> PO path relative to the root, None if missing
    # findings on entries the article no longer has, or on the catalogue as a whole
    other_findings: dict[str, list[Mark]] = field(default_factory=dict)
    # each catalogue's progress exactly as ``workbench stats`` counts it (entries, source words); None if missing
    stats: dict[str, CatalogueStats | None] = field(default_factory=dict)
    # the source is HTML or Markdown: placeholders are shown as chips, character references decoded
    markup: bool = True
    only: tuple[str, ...] = ()  # the FILTERS the segments were selected by (``select``), () for all
    all_segments: int = 0  # segments before the selection


    def segments(self):
        for paragraph in self.paragraphs:
            yield from paragraph.segments

    def target(self, code: str) -> Language:
        return next(t for t in self.targets if t.code == code)

    def select(self, only: list[str] | tuple[str, ...], language: str | None = None) -> "ReviewArticle":
        """The article with only the segments that match one of the FILTERS ``only`` in ``language``
        (None: in any language); paragraphs left empty are dropped. ``only`` empty: the article itself."""
        if not only:
            return self
        languages = None if language is None else [language]
        paragraphs = []
        for paragraph in self.paragraphs:
            kept = [s for s in paragraph.segments if set(s.filters(languages)) & set(only)]
            if kept:
                paragraphs.append(ReviewParagraph(paragraph.number, paragraph.kind, kept))
        return replace(self, paragraphs=paragraphs, only=tuple(f for f in FILTERS if f in only))


def entry_status(message: Message | None) -> str:
    if message is None or not all(message.translations):
        return UNTRANSLATED
    return FUZZY if message.fuzzy else TRANSLATED


def _read_catalogue(path: Path, file: str, article: str) -> tuple[dict[str, Message], CatalogueStats | None]:
    """msgid -> entry for the article's sentences (they have no msgctxt and no plural), and the
    catalogue's stats; ({}, None) when there is no catalogue."""
    if not path.exists():
        return {}, None
    catalogue = read_po(path)
    return {m.msgid: m for m in catalogue.entries() if m.msgctxt is None}, catalogue_stats(catalogue, file, article)


def previous_source(message: Message | None) -> str | None:
    """The source a fuzzy entry was translated from (``#| msgid``), when it is not the current one."""
    if message is None or not message.fuzzy or message.previous_msgid is None:
        return None
    return message.previous_msgid if message.previous_msgid != message.msgid else None


def build_article(
    article: Article,
    config: Config,
    languages: list[str],
    findings: "list | FindingsByFile | None" = None,
    terms: TermIndex | None = None,
) -> ReviewArticle:
    """Align one article with its catalogues in ``languages``.

    ``findings`` are ``workbench.checks`` Finding objects (any with ``file``,
    ``language``, ``msgctxt``, ``msgid``, ``check``, ``severity``, ``message``),
    as a list or already grouped in a ``FindingsByFile``; only those on this
    article's catalogues are used.
    """
    if not isinstance(findings, FindingsByFile):
        findings = FindingsByFile(findings or [])
    catalogues: dict[str, str | None] = {}
    entries: dict[str, dict[str, Message]] = {}
    stats: dict[str, CatalogueStats | None] = {}
    for language in languages:
        path = catalogue_path(config, article.name, language)
        catalogues[language] = config.relative(path) if path.exists() else None
        entries[language], stats[language] = _read_catalogue(path, catalogues[language] or "", article.name)

    by_entry, other = _index_findings(findings or [], catalogues, config)
    suggest = _suggestions(config, article.name)
    paragraphs: list[ReviewParagraph] = []
    present: set[tuple[str, str]] = set()
    for paragraph in article.paragraphs:
        kind = paragraph.paragraph.kind
        segments = []
        for segment in paragraph.segments:
            review = ReviewSegment(id=f"{paragraph.number}.{segment.index}", msgid=segment.msgid, kind=kind)
            for language in languages:
                message = entries[language].get(segment.msgid)
                status = entry_status(message)
                text = message.msgstr if message is not None and not message.plural else ""
                cell = Cell(language, text, status, message.lineno if message else 0,
                            previous=previous_source(message),
                            tm=suggest(message, language))
                cell.findings = list(by_entry.get((language, segment.msgid), []))
                present.add((language, segment.msgid))
                if terms is not None:
                    source_marks, cell.terms = terms.pair(segment.msgid, text, language)
                    review.source_terms[language] = source_marks
                review.cells[language] = cell
            if PLACEHOLDER.search(segment.msgid):
                review.tags = tag_names(paragraph.paragraph, segment.msgid)
            segments.append(review)
        paragraphs.append(ReviewParagraph(paragraph.number, kind, segments))

    for (language, msgid), marks in by_entry.items():
        if (language, msgid) not in present:
            other.setdefault(language, []).extend(marks)
    return ReviewArticle(
        name=article.name,
        source_path=config.relative(article.path),
        source=Language(config.source_language),
        targets=[Language(code) for code in languages],
        paragraphs=paragraphs,
        catalogues=catalogues,
        other_findings=other,
        stats=stats,
        markup=article.document.format != "text",
        all_segments=sum(len(p.segments) for p in paragraphs),
    )


def _suggestions(config: Config, article: str):
    """The memory's best match for an untranslated or fuzzy entry (``workbench.tm.suggest``) as (score,
    suggestion, origin), else None; the memory is opened only if some entry needs it."""
    from workbench.tm.suggest import Suggestions, wants_suggestion

    opened = []

    def suggest(message: Message | None, language: str) -> tuple[int, str, str] | None:
        if message is None or not wants_suggestion(message):
            return None
        if not opened:
            opened.append(Suggestions.for_project(config))
        match = opened[0].for_entry(message, language, catalogue_path(config, article, language))
        return (match.score, match.suggestion, match.unit.origin) if match is not None else None

    return suggest


class FindingsByFile:
    """The checks' findings grouped by the file they are on, each file name resolved once.

    A project's review looks up every article's few catalogues among all the
    project's findings; scanning (and resolving) the whole list per article
    made the export quadratic in the number of articles.
    """

    def __init__(self, findings: list, base: Path | None = None):
        """``base``: the folder the findings' file names are relative to (the working folder by default;
        ``run_project_checks`` names them relative to the project)."""
        self.by_file: dict[str, list[tuple[int, object]]] = {}
        resolved: dict[str, str] = {}
        for number, finding in enumerate(findings):
            if getattr(finding, "suppressed", False) or finding.check in STATUS_CHECKS:
                continue
            key = resolved.get(finding.file)
            if key is None:
                key = resolved[finding.file] = str(((base or Path.cwd()) / finding.file).resolve())
            self.by_file.setdefault(key, []).append((number, finding))

    def on(self, files: dict[str, str]) -> list[tuple[str, object]]:
        """(language, finding) for the findings on ``files`` (resolved path -> language), in the report's order."""
        found = [(number, files[key], finding) for key in files for number, finding in self.by_file.get(key, [])]
        found.sort(key=lambda item: item[0])
        return [(language, finding) for _, language, finding in found]


def _index_findings(findings: FindingsByFile, catalogues: dict[str, str | None], config: Config):
    """Findings of this article's catalogues: by (language, msgid), and the rest by language."""
    # findings name files relative to the working folder (or absolutely): compare resolved paths
    wanted = {str(config.path(Path(path)).resolve()): language for language, path in catalogues.items() if path}
    by_entry: dict[tuple[str, str], list[Mark]] = {}
    other: dict[str, list[Mark]] = {}
    for language, finding in findings.on(wanted):
        mark = Mark(
            finding.check,
            finding.severity,
            finding.message,
            getattr(finding, "span", None),
            getattr(finding, "in_source", False),
        )
        if finding.msgid and finding.msgctxt is None:
            by_entry.setdefault((language, finding.msgid), []).append(mark)
        else:
            other.setdefault(language, []).append(mark)
    return by_entry, other


def run_project_checks(config: Config, languages: list[str], names: list[str]):
    """The checks' Report on the articles' catalogues, or None when there is no catalogue.

    All catalogues go in one run, so checks across catalogues of a language
    (consistency) and across languages see the whole project, as
    ``workbench check`` does, and with its cache of entry-check results: an
    export right after a check (``workbench run``) or of an unchanged project
    checks again only what changed.
    """
    paths = [catalogue_path(config, name, language) for name in names for language in languages]
    paths = [path for path in paths if path.exists()]
    if not paths:
        return None
    return run_checks(paths, termbase=Terminology.for_project(config), source_lang=config.source_language,
                      config=config, cache=True, base=config.root)


@dataclass
class Review:
    articles: list[ReviewArticle]
    report: object | None  # the checks' Report (findings, glossary, catalogues), None without checks


def load_project_review(
    config: Config,
    languages: list[str] | None = None,
    with_checks: bool = True,
    with_terms: bool = True,
) -> Review:
    """Every source article aligned with its catalogues, in a stable order, and the checks' report."""
    languages = list(languages or config.target_languages)
    segmenter = segmenter_for(config)
    articles = [load_article(source, config, segmenter) for source in find_sources(config)]
    report = run_project_checks(config, languages, [a.name for a in articles]) if with_checks else None
    findings = FindingsByFile(list(report.findings) if report is not None else [], base=config.root)
    terms = None
    if with_terms:
        # the checks' terminology, already loaded, its indexes built and its hits on these very
        # texts cached: loading a second copy doubled the matching work
        glossary = report.glossary if report is not None else None
        if glossary is not None and len(glossary):
            terms = TermIndex(glossary, config.source_language)
        else:
            terms = TermIndex.for_project(config)
    from workbench.tm.suggest import session

    with session():  # the memory's suggestions: opened once for all articles, closed when they are built
        return Review([build_article(article, config, languages, findings, terms) for article in articles], report)


def load_review(config: Config, languages: list[str] | None = None, with_checks: bool = True,
                with_terms: bool = True) -> list[ReviewArticle]:
    return load_project_review(config, languages, with_checks, with_terms).articles
