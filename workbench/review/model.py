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
from typing import Iterator, NamedTuple

from workbench.articles import Article, article_name, find_sources, load_article, segmenter_for
from workbench.config import Config
from workbench.layout import catalogue_path
from workbench.langs import language_name, text_direction, to_bcp47
from workbench.po.catalog import Catalog, Message
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


def segment_anchor(segment_id: str) -> str:
    """The HTML id of a segment's row on the review pages: ``3.2`` -> ``s3-2``."""
    return "s" + segment_id.replace(".", "-")


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
        return segment_anchor(self.id)


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
        return text_direction(self.code)

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
    # the catalogues as read (language -> Catalog), for what counts whole catalogues (the matrix page)
    catalogs: dict[str, Catalog] = field(default_factory=dict, repr=False, compare=False)

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

    def findings_count(self, language: str) -> int:
        """The findings on this article's segments in ``language``."""
        return sum(len(s.cells[language].findings) for s in self.segments())

    def summary(self) -> "ArticleSummary":
        """What the index page needs of the article, without its segments."""
        return ArticleSummary(self.name, self.targets, self.stats,
                              {t.code: self.findings_count(t.code) for t in self.targets})


@dataclass
class ArticleSummary:
    """An article's line on the index page: its catalogues' progress and findings per language."""

    name: str
    targets: list[Language]
    stats: dict[str, CatalogueStats | None]
    findings: dict[str, int]  # language -> findings on the article's segments


def entry_status(message: Message | None) -> str:
    if message is None or not all(message.translations):
        return UNTRANSLATED
    return FUZZY if message.fuzzy else TRANSLATED


def _read_catalogue(path: Path, file: str, article: str, counted: dict[str, int]
                    ) -> tuple[dict[str, Message], CatalogueStats | None, Catalog | None]:
    """msgid -> entry for the article's sentences (they have no msgctxt and no plural), the catalogue's
    stats, and the catalogue; ({}, None, None) when there is no catalogue. ``counted``: the words of the
    sources counted so far (``catalogue_stats``: the article's catalogues share them)."""
    if not path.exists():
        return {}, None, None
    catalogue = read_po(path)
    return ({m.msgid: m for m in catalogue.entries() if m.msgctxt is None},
            catalogue_stats(catalogue, file, article, counted), catalogue)


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
    catalogs: dict[str, Catalog] = {}
    counted: dict[str, int] = {}
    for language in languages:
        path = catalogue_path(config, article.name, language)
        catalogues[language] = config.relative(path) if path.exists() else None
        entries[language], stats[language], catalog = _read_catalogue(path, catalogues[language] or "", article.name,
                                                                      counted)
        if catalog is not None:
            catalogs[language] = catalog

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
        catalogs=catalogs,
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
        ``run_project_checks`` names them relative to the project). Only what the review shows of each
        finding is kept (``_Noted``), not the finding: an export holds every one until its last article."""
        self.by_file: dict[str, list[tuple[int, _Noted]]] = {}
        resolved: dict[str, str] = {}
        for number, finding in enumerate(findings):
            if getattr(finding, "suppressed", False) or finding.check in STATUS_CHECKS:
                continue
            key = resolved.get(finding.file)
            if key is None:
                key = resolved[finding.file] = str(((base or Path.cwd()) / finding.file).resolve())
            noted = _Noted(finding.msgid, finding.msgctxt, finding.check, finding.severity, finding.message,
                           getattr(finding, "span", None), getattr(finding, "in_source", False))
            self.by_file.setdefault(key, []).append((number, noted))

    def on(self, files: dict[str, str]) -> list[tuple[str, "_Noted"]]:
        """(language, finding) for the findings on ``files`` (resolved path -> language), in the report's order."""
        found = [(number, files[key], finding) for key in files for number, finding in self.by_file.get(key, [])]
        found.sort(key=lambda item: item[0])
        return [(language, finding) for _, language, finding in found]


class _Noted(NamedTuple):
    """What the review shows of a finding: its entry, and the ``Mark`` it becomes."""

    msgid: str | None
    msgctxt: str | None
    check: str
    severity: str
    message: str
    span: tuple[int, int] | None
    in_source: bool


def _index_findings(findings: FindingsByFile, catalogues: dict[str, str | None], config: Config):
    """Findings of this article's catalogues: by (language, msgid), and the rest by language."""
    # findings name files relative to the working folder (or absolutely): compare resolved paths
    wanted = {str(config.path(Path(path)).resolve()): language for language, path in catalogues.items() if path}
    by_entry: dict[tuple[str, str], list[Mark]] = {}
    other: dict[str, list[Mark]] = {}
    for language, finding in findings.on(wanted):
        mark = Mark(finding.check, finding.severity, finding.message, finding.span, finding.in_source)
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
    checks again only what changed. The one place the exports run the checks.
    """
    paths = [catalogue_path(config, name, language) for name in names for language in languages]
    paths = [path for path in paths if path.exists()]
    if not paths:
        return None
    return run_checks(paths, termbase=Terminology.for_project(config), source_lang=config.source_language,
                      config=config, cache=True, base=config.root)


# catalogues from which an export's checks run in an interpreter of their own (``project_findings``)
CHECKS_APART = 300


def project_findings(config: Config, languages: list[str], names: list[str]) -> "FindingsByFile | None":
    """The checks' findings on the articles' catalogues, grouped by file; None when there was nothing to check.

    Only the findings are kept (``Report.findings``): the report's catalogues are let go before the first
    article is built, so an export's memory does not grow with the whole project.

    A project of many catalogues has them checked in an interpreter started for it
    (``parallel.in_new_interpreter``), which hands back the findings alone: the checks' judging pieces fork
    from that process, as they do in ``workbench check``, not from the export's, which holds the memory's
    suggestions and the export's modules (2,000 articles: pieces of 241-257 MB forked from a 158 MB export,
    of 188-207 MB from a 124 MB check).
    """
    if len(names) * len(languages) >= CHECKS_APART:
        from workbench.parallel import in_new_interpreter

        return in_new_interpreter(_checked_here, config, languages, names)
    return _checked_here(config, languages, names)


def _checked_here(config: Config, languages: list[str], names: list[str]) -> "FindingsByFile | None":
    report = run_project_checks(config, languages, names)
    return FindingsByFile(report.findings, base=config.root) if report is not None else None


@dataclass
class ProjectReview:
    """A project's review, article by article (``articles`` reads and builds each when it is reached)."""

    config: Config
    languages: list[str]
    sources: list[Path]
    findings: FindingsByFile | None  # None: the checks did not run (or had no catalogue to check)
    terms: TermIndex | None
    glossary: Terminology | None  # the project's terminology (None without a termbase file)
    _segmenter: object = field(default=None, repr=False)

    @property
    def checked(self) -> bool:
        return self.findings is not None

    def articles(self) -> Iterator[ReviewArticle]:
        """Each article aligned with its catalogues, in a stable order, one at a time."""
        from workbench.tm.suggest import session

        with session():  # the memory's suggestions: opened once for all articles, closed after the last
            for source in self.sources:
                yield self.article(source)

    def article(self, source: Path) -> ReviewArticle:
        """The article of one source file (one of ``sources``) aligned with its catalogues."""
        if self._segmenter is None:
            self._segmenter = segmenter_for(self.config)
        article = load_article(source, self.config, self._segmenter)
        return build_article(article, self.config, self.languages, self.findings or FindingsByFile([]), self.terms)


def open_project_review(config: Config, languages: list[str] | None = None, with_checks: bool = True,
                        with_terms: bool = True) -> ProjectReview:
    """The project's review: its articles found, the checks run (their findings kept, grouped by file), the
    glossary's index made; the articles themselves are built one at a time (``ProjectReview.articles``)."""
    languages = list(languages or config.target_languages)
    sources = list(find_sources(config))
    # the article names as extract names them: the file's stem (``articles.Article.name``)
    names = [article_name(source, config.seeds_dir) for source in sources]
    findings = project_findings(config, languages, names) if with_checks else None
    glossary = Terminology.for_project(config)
    terms = None
    if with_terms and glossary is not None and len(glossary):
        # the checks' terminology (one per process), its indexes built and its hits on these texts cached
        terms = TermIndex(glossary, config.source_language)
    return ProjectReview(config, languages, sources, findings, terms, glossary)


def load_review(config: Config, languages: list[str] | None = None, with_checks: bool = True,
                with_terms: bool = True) -> list[ReviewArticle]:
    """Every article's review at once (small projects, tests); exports stream ``ProjectReview.articles``."""
    return list(open_project_review(config, languages, with_checks, with_terms).articles())
