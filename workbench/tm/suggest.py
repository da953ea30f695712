"""TM suggestions for the exports (XLIFF 1.2 ``<alt-trans>``, XLIFF 2 matches, the review pages).

An untranslated or fuzzy singular entry gets the best match at or above ``tm-threshold``, from the
project's memory without the entry's own unit, the same answer ``pretranslate`` would give. One
lookup per such entry and export: the formats of one export (a ``session``) ask for the same entries,
and the answer is kept. A project whose memory is empty costs one query.

An export looks them all up first (``Suggestions.prefetch``) and keeps them packed, catalogue by catalogue
(``_pack``): an export's every process holds them, and as objects they were 50 MB at 2,000 articles.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import zlib
from array import array
from pathlib import Path
from typing import Callable, Iterator

from workbench.cache import RestrictedUnpickler
from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.glossary.terminology import Terminology
from workbench.po.catalog import Message
from workbench.tm.match import CANDIDATES, Match, best_match
from workbench.tm.pretranslate import open_memory, own_unit

# the open session (``session``): (project, threshold, glossary) -> the suggestions
_SESSION: dict[tuple, "Suggestions"] | None = None

Suggest = Callable[[Message], "Match | None"]
# texts whose glossary hits a prefetching worker keeps (``Terminology.found_limit``): the checks' 50,000 held 19 MB
# of one over 1,000 articles, for texts it does not ask again
_PREFETCH_FOUND_LIMIT = 10_000


def wants_suggestion(message: Message) -> bool:
    """Entries a translator still has to work on: untranslated or fuzzy, singular, active."""
    return not message.obsolete and not message.is_header and not message.plural and (
        message.fuzzy or not message.msgstr)


class Suggestions:
    def __init__(self, config: Config, memory, terminology: Terminology | None):
        self.config, self.memory, self.terminology = config, memory, terminology
        self.empty = len(memory) == 0
        self._answers: dict[tuple, Match | None] = {}  # asked one by one
        # the prefetched answers: catalogue (relative) -> (its answers packed, their digest); see ``_pack``
        self._files: dict[str, tuple[bytes, str]] = {}
        self._unpacked: dict[str, dict] = {}  # the last few catalogues' answers, unpacked
        self.prefetched: set[str] = set()  # the languages ``prefetch`` asked every entry of ("*": all)
        self.pid = os.getpid()  # the process whose connection ``memory`` is

    @classmethod
    def for_project(cls, config: Config) -> "Suggestions":
        """The project's memory, synced; inside ``session`` once per export (its formats share it), else anew.
        A forked worker (the review export's) opens its own: an SQLite connection never crosses a fork; it keeps
        the answers it inherited."""
        terminology = Terminology.for_project(config)
        key = (str(config.root.resolve()), config.tm_threshold, id(terminology))
        inherited = None
        if _SESSION is not None and key in _SESSION:
            if _SESSION[key].pid == os.getpid():
                return _SESSION[key]
            inherited = _SESSION[key]
        try:
            memory = open_memory(config) if inherited is None else _open_again(config, inherited.memory)
        except WorkbenchError as exc:  # suggestions are a help: the export goes on without them
            print(f"workbench: note: no translation-memory suggestions in the exports: {exc}", file=sys.stderr)
            memory = _NoUnits()
        suggestions = cls(config, memory, terminology)
        if inherited is not None:  # this process's copy of the parent's answers, not copied again
            suggestions._answers, suggestions._files = inherited._answers, inherited._files
            suggestions.prefetched = inherited.prefetched
        if _SESSION is not None:
            _SESSION[key] = suggestions
        return suggestions

    def close(self) -> None:
        if hasattr(self.memory, "close"):
            self.memory.close()

    def for_entry(self, message: Message, language: str, catalogue: Path) -> Match | None:
        if self.empty or not wants_suggestion(message):
            return None
        relative = self.config.relative(catalogue)
        key = self._key(message, language, relative)
        if key in self._answers:
            return self._answers[key]
        prefetched = self._prefetched(relative).get(key)
        if prefetched is not None:
            return prefetched[1]
        answer = self._answers[key] = self._best(message, language, relative)
        return answer

    def _prefetched(self, relative: str) -> dict:
        """The answers ``prefetch`` packed for one catalogue, unpacked (the last few kept: a writer asks for a
        catalogue's entries one after the other)."""
        answers = self._unpacked.get(relative)
        if answers is None:
            packed = self._files.get(relative)
            answers = _unpack(packed[0]) if packed is not None else {}
            if len(self._unpacked) >= 8:
                self._unpacked.clear()
            self._unpacked[relative] = answers
        return answers

    def answers(self) -> dict:
        """Every answer this session holds: entry key -> match or None."""
        found = {key: answer for relative in self._files for key, (_, answer, _, _) in self._prefetched(relative).items()}
        found.update(self._answers)
        return found

    def _best(self, message: Message, language: str, relative: str) -> Match | None:
        return best_match(self.memory, message.msgid, language, self.terminology, self.config.tm_threshold,
                          message.msgctxt, exclude=own_unit(relative, message))

    @staticmethod
    def _key(message: Message, language: str, relative: str) -> tuple:
        return relative, language, message.msgctxt, message.msgid

    def prefetch(self, languages: list[str] | None = None) -> None:
        """Look up every entry of the project's catalogues (of ``languages``, default all) that wants a
        suggestion, on every core, before the formats ask for them one by one. One article (its catalogues
        in every language) is a piece of work: the memory's search for a sentence serves all its languages.
        A catalogue that cannot be read is left to the format that reads it to report."""
        if self.empty:
            self.prefetched.add("*")  # (nothing to ask: every answer is None)
            return
        from workbench.layout import by_article, find_catalogues
        from workbench.parallel import map_files
        from workbench.po.reader import read_po

        config = self.config

        stored = _StoredAnswers(self, languages)
        # the last export's answers by catalogue (``_pack``), each with the signature of what it read of the memory
        kept = stored.get()
        state = self.memory.state()
        previous, searched = (kept[1], kept[2]) if kept is not None else ({}, {})
        indexes: dict[str, tuple] = {}  # language -> the memory's ``index_stamps`` now

        def look_up(items: list[tuple[str, str, Path]]) -> dict[str, tuple[bytes, str]] | None:
            here = Suggestions.for_project(config)  # this process's: a worker opens the memory for itself
            packed: dict[str, tuple[bytes, str]] = {}
            if here.empty:  # (its memory could not be opened: the formats ask the parent's one by one)
                return None
            memory = here.memory
            if here.terminology is not None:  # (this process's copy: the parent's keeps its own limit)
                here.terminology.found_limit = min(here.terminology.found_limit, _PREFETCH_FOUND_LIMIT)
            for language, _, path in items:
                try:
                    catalogue = read_po(path)
                except WorkbenchError:
                    continue
                relative = config.relative(path)
                before = _unpack(previous[relative][0]) if relative in previous else {}
                answers: dict[tuple, tuple] = {}
                for message in catalogue.entries():
                    if wants_suggestion(message):  # (a worker keeps none: they are the parent's to keep)
                        key = self._key(message, language, relative)
                        known = before.get(key)
                        # the candidates the last search found, while what the search reads is unchanged
                        same_search = known is not None and searched.get(language) == indexes[language]
                        candidates = memory.candidate_keys(message.msgid, language, CANDIDATES,
                                                           known[2] if same_search else None)
                        # the candidates as the last export found them and the units it read unchanged: the same
                        # answer
                        if known is not None and known[2] == candidates and known[0] == memory.answer_signature(
                                message.msgid, language, CANDIDATES, candidates, known[3]):
                            answers[key] = known
                            continue
                        with memory.reading_units() as read:
                            answer = here._best(message, language, relative)
                        read = array("I", sorted(read)).tobytes()
                        signature = memory.answer_signature(message.msgid, language, CANDIDATES, candidates, read)
                        answers[key] = (signature, answer, candidates, read)
                if answers:
                    packed[relative] = _pack(answers)
            return packed

        complete = True
        if kept is not None and kept[0] == state:  # the memory as it was: every answer as it was
            fetched = previous
        else:
            items = by_article(find_catalogues(config, languages))
            indexes.update((language, self.memory.index_stamps(language))
                           for group in items for language, _, _ in group)  # (before the workers fork)
            fetched = {}
            for answers in map_files(look_up, items):
                if answers is None:
                    complete = False
                else:
                    fetched.update(answers)
            if complete:
                stored.put((state, fetched, indexes))
        self._files.update(fetched)
        self._unpacked.clear()
        if complete:
            self.prefetched |= set(languages) if languages else {"*"}

    def covers(self, languages: list[str]) -> bool:
        """Whether ``prefetch`` asked for every entry of these languages' catalogues."""
        return "*" in self.prefetched or set(languages) <= self.prefetched

    def answers_on(self, catalogue: Path) -> str:
        """The digest of the answers ``prefetch`` found for one catalogue's entries ("" for none): what an
        export's record of an article (``workbench.export_records``) knows its suggestions by. Called after
        ``prefetch``, which asks for every entry that wants one."""
        packed = self._files.get(self.config.relative(catalogue))
        return packed[1] if packed is not None else ""

    def for_catalogue(self, language: str, catalogue: Path) -> Suggest:
        """The lookup one catalogue's writer calls per entry."""
        return lambda message: self.for_entry(message, language, catalogue)


def _open_again(config: Config, parent_memory):
    """The memory for a forked worker: the parent synced it already (the worker only reads it)."""
    if isinstance(parent_memory, _NoUnits):
        return parent_memory
    from workbench.tm.memory import Memory

    try:
        return Memory.for_project(config, sync=False)
    except Exception as exc:  # noqa: BLE001 - as open_memory: a help, not an error
        raise WorkbenchError(f"cannot open the translation memory: {exc}") from None


class _AnswerUnpickler(RestrictedUnpickler):
    allowed = frozenset({("workbench.tm.match", "Match"), ("workbench.tm.memory", "Unit")})


def _pack(answers: dict[tuple, tuple]) -> tuple[bytes, str]:
    """One catalogue's prefetched answers ({entry key: (signature, match or None, candidates' ids, ids of the
    sources whose units the lookup read)}) as compressed bytes, and the digest of the answers alone (their text,
    in order: what a kept record compares)."""
    text = "\n".join(sorted(repr((key, answer)) for key, (_, answer, _, _) in answers.items()))
    packed = zlib.compress(pickle.dumps(answers, protocol=pickle.HIGHEST_PROTOCOL), 1)
    return packed, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _unpack(packed: bytes) -> dict[tuple, tuple]:
    """``_pack``'s answers back, or {} when they are not what it packs (a damaged or edited cache file: each
    entry is then looked up again)."""
    try:
        answers = _AnswerUnpickler(io.BytesIO(zlib.decompress(packed))).load()
    except Exception:  # noqa: BLE001 - whatever the bytes hold, they are only a cache
        return {}
    if not isinstance(answers, dict) or not all(
            isinstance(key, tuple) and len(key) == 4 and isinstance(value, tuple) and len(value) == 4
            and isinstance(value[0], bytes) and (value[1] is None or isinstance(value[1], Match))
            and all(isinstance(ids, bytes) and len(ids) % 4 == 0 for ids in value[2:])
            for key, value in answers.items()):
        return {}
    return answers


class _StoredAnswers:
    """A prefetch's answers kept in the cache folder (``workbench.cache``), each with the signature of what its
    lookup read of the memory (``Memory.answer_signature``), and the memory's state (``Memory.state``).
    Kept under what the answers also follow from: the options and glossary a lookup uses, the languages asked,
    workbench's code. An export of an unchanged memory looks nothing up; after a change, an entry whose
    candidates are as they were, and the units its lookup read too, keeps its answer (its candidates are
    searched, not scored, and not even searched while the memory's index is unchanged)."""

    KEEP = 4

    def __init__(self, suggestions: "Suggestions", languages: list[str] | None):
        import hashlib

        from workbench.cache import cache_root
        from workbench.checks.cache import code_fingerprint, glossary_fingerprint

        root = cache_root()
        self.path = None
        if root is None:
            return
        parts = [code_fingerprint(), repr(suggestions.config), glossary_fingerprint(suggestions.terminology),
                 ",".join(sorted(languages)) if languages else "*"]
        self.context = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        self.folder = root / "tm"
        self.path = self.folder / f"answers-{self.context}.pickle"

    def get(self) -> tuple[str, dict, dict] | None:
        """(the memory's state, {catalogue: its answers as ``_pack`` packs them}, {language: the memory's
        ``index_stamps``}) as ``put`` stored them, or None. The packed answers are checked as they are unpacked."""
        from workbench.cache import load

        found = load(self.path, self.context, _AnswerUnpickler) if self.path is not None else None
        if not (isinstance(found, tuple) and len(found) == 3 and isinstance(found[0], str)
                and isinstance(found[1], dict) and isinstance(found[2], dict)):
            return None
        return found if all(
            isinstance(relative, str) and isinstance(value, tuple) and len(value) == 2
            and isinstance(value[0], bytes) and isinstance(value[1], str)
            for relative, value in found[1].items()) and all(
            isinstance(stamps, tuple) for stamps in found[2].values()) else None

    def put(self, kept: tuple[str, dict, dict]) -> None:
        from workbench.cache import prune, save

        if self.path is None:
            return
        with contextlib.suppress(Exception):  # a folder that cannot take it: looked up again next time
            save(self.path, kept, self.context)
            prune(self.folder, self.KEEP, group=lambda path: path.stem, pattern="answers-*.pickle")


class _NoUnits:
    def __len__(self) -> int:
        return 0


@contextlib.contextmanager
def session() -> Iterator[None]:
    """One export: the memory is opened (and synced) once for all its formats and catalogues, and closed at
    the end, so no file stays open after the command's work is done. A session inside one is the same."""
    global _SESSION
    if _SESSION is not None:
        yield
        return
    _SESSION = {}
    try:
        yield
    finally:
        opened, _SESSION = _SESSION, None
        for suggestions in opened.values():
            if suggestions.pid == os.getpid():  # (a worker's inherited copy is the parent's to close)
                suggestions.close()


def project_suggestions(config: Config, language: str, catalogue: Path) -> Suggest:
    return Suggestions.for_project(config).for_catalogue(language, catalogue)
