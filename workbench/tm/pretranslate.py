"""``workbench pretranslate``: fill untranslated entries from the translation memory, for review.

Every untranslated entry of the project's catalogues (or of the articles named) gets the best TM
match at or above the threshold (``tm-threshold``, default 75 %), always as fuzzy, so it reaches
no build until a translator approves it; an entry holding any translation, fuzzy or not, is never
touched. A 100 % match (identical source, same msgctxt, nothing substituted) is filled as not
fuzzy only when the project says ``tm-accept-exact = true``.

Each filled entry carries the note ``#. TM 87%: <source of the match> — <origin>``, placed before
the glossary hints as ``update`` orders extracted comments. Extracted comments normally come from
the template at every ``update`` (msgmerge's rule); ``merge`` keeps a TM note while its entry is
still fuzzy, so the note stays beside the suggestion it explains until a translator accepts or
rewrites it, and disappears with the next ``update`` once the entry is approved.

Plural entries are left alone: a memory unit holds one source and one target, and the forms of a
plural translation cannot be made from it without guessing.

Catalogues are rewritten in gettext's layout (``workbench fmt``'s bytes) atomically under the
project lock, and the header is left as it was, so ``git diff`` shows only the filled entries. The
memory is synced once, then each article (its catalogues in every language) is a piece of work on
every core (``map_files``): a source's candidate search serves all its languages.
"""

from __future__ import annotations

import os
import re
from typing import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.fileio import project_lock
from workbench.glossary.hints import is_hint
from workbench.glossary.terminology import Terminology
from workbench.layout import by_article, selected_catalogues
from workbench.parallel import map_files
from workbench.po.catalog import Message
from workbench.po.reader import read_po
from workbench.po.writer import write_po
from workbench.tm.match import Match, best_match

_NOTE = re.compile(r"^TM \d{1,3}%: ")


def open_memory(config: Config, progress: Callable[[int], None] | None = None):
    """The project's memory, synced (``progress(1)`` per file of the project looked at); a file that cannot
    be written (disk full, read-only folder) is a WorkbenchError naming it, as every other file workbench
    cannot write."""
    import sqlite3

    from workbench.tm.memory import Memory, memory_path

    try:
        return Memory.for_project(config, progress=progress)
    except (sqlite3.Error, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise WorkbenchError(f"cannot open or update the translation memory: {reason}", memory_path(config)) from None


def is_tm_note(comment: str) -> bool:
    """An extracted comment pretranslation wrote (``TM 87%: …``)."""
    return bool(_NOTE.match(comment))


@dataclass
class Filled:
    """One entry filled: where, and from which match."""

    line: int
    msgctxt: str | None
    msgid: str
    match: Match
    fuzzy: bool


@dataclass
class CatalogueResult:
    path: Path
    language: str
    article: str
    filled: list[Filled] = field(default_factory=list)
    written: bool = False


def needs_translation(message: Message) -> bool:
    """Untranslated in every form: nothing a translator or an import wrote is ever replaced."""
    return not message.obsolete and not message.is_header and not any(message.translations)


def own_unit(relative_path: str, message: Message):
    """A filter dropping the entry's own translation from the matches (the analysis' rule: a unit never
    matches itself)."""
    prefix = relative_path + ":"

    def own(unit) -> bool:
        return unit.reference.startswith(prefix) and unit.source == message.msgid and unit.context == message.msgctxt

    return own


def fill(message: Message, match: Match, accept_exact: bool) -> bool:
    """Put the match's suggestion into the entry with its note; return whether it stays fuzzy."""
    message.msgstr = match.suggestion
    exact = match.score == 100 and match.unit.context == message.msgctxt and not match.substituted
    message.fuzzy = not (accept_exact and exact)
    others = [c for c in message.extracted_comments if not is_hint(c) and not is_tm_note(c)]
    hints = [c for c in message.extracted_comments if is_hint(c)]
    message.extracted_comments = [*others, match.label(), *hints]
    return message.fuzzy


def pretranslate(config: Config, articles: list[str] | None = None, languages: list[str] | None = None,
                 threshold: int | None = None, dry_run: bool = False, memory=None,
                 progress: Callable[[int], None] | None = None) -> list[CatalogueResult]:
    """Fill the untranslated entries of the project's catalogues (of ``articles`` and ``languages``, default
    all) from ``memory`` (default: the project's, synced first); with ``dry_run`` nothing is written.
    ``progress(n)`` as each article's n catalogues are done."""
    threshold = config.tm_threshold if threshold is None else threshold
    if not 1 <= threshold <= 100:
        raise WorkbenchError(f"the threshold must be from 1 to 100 percent, not {threshold}")
    catalogues = selected_catalogues(config, articles, languages)
    terminology = Terminology.for_project(config)
    # one article (its catalogues in every language) per piece of work: the memory's search for a source is
    # made once and serves the article's other languages
    articles_work = by_article(catalogues)
    if memory is not None:  # one given: used here, in this process
        work = _Work(config, terminology, threshold, dry_run, lambda: memory)
        with project_lock(config.locales_dir, shared=dry_run):
            done = {}
            for items in articles_work:
                done.update((result.path, result) for result in work.article(items))
                if progress:
                    progress(len(items))
        return [done[path] for _, _, path in catalogues]
    open_memory(config).close()  # brought up to date once, here; each worker opens it for reading
    work = _Work(config, terminology, threshold, dry_run, None)
    try:
        with project_lock(config.locales_dir, shared=dry_run):
            # on every core (forked workers inherit the glossary)
            done = {}
            for results in map_files(work.article, articles_work):
                done.update((result.path, result) for result in results)
                if progress:
                    progress(len(results))
    finally:
        work.close()
    return [done[path] for _, _, path in catalogues]


class _Work:
    """Pretranslating one catalogue; the memory is opened once per process (a connection is never shared
    across a fork)."""

    def __init__(self, config: Config, terminology, threshold: int, dry_run: bool, memory):
        self.config, self.terminology, self.threshold, self.dry_run = config, terminology, threshold, dry_run
        self.given = memory
        self.opened: dict[int, object] = {}

    def memory(self):
        if self.given is not None:
            return self.given()
        if os.getpid() not in self.opened:
            from workbench.tm.memory import Memory

            self.opened[os.getpid()] = Memory.for_project(self.config, sync=False)
        return self.opened[os.getpid()]

    def close(self) -> None:
        memory = self.opened.pop(os.getpid(), None)
        if memory is not None:
            memory.close()

    def article(self, items: list[tuple[str, str, Path]]) -> list[CatalogueResult]:
        return [self(item) for item in items]

    def __call__(self, item: tuple[str, str, Path]) -> CatalogueResult:
        language, article, path = item
        memory = self.memory()
        catalogue = read_po(path)
        result = CatalogueResult(path, language, article)
        relative = self.config.relative(path)
        for message in catalogue.entries():
            if not needs_translation(message) or message.plural:
                continue
            match = best_match(memory, message.msgid, language, self.terminology, self.threshold, message.msgctxt,
                               exclude=own_unit(relative, message))
            if match is None:
                continue
            line = message.lineno
            fuzzy = fill(message, match, self.config.tm_accept_exact)
            result.filled.append(Filled(line, message.msgctxt, message.msgid, match, fuzzy))
        if result.filled and not self.dry_run:
            result.written = write_po(catalogue, path)
        return result
