"""TM suggestions for the exports (XLIFF 1.2 ``<alt-trans>``, XLIFF 2 matches, the review pages).

An untranslated or fuzzy singular entry gets the best match at or above ``tm-threshold``, from the
project's memory without the entry's own unit, the same answer ``pretranslate`` would give. One
lookup per such entry and run: the formats of one export ask for the same entries, and the answer
is kept. A project whose memory is empty costs one query.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from workbench.config import Config
from workbench.glossary.terminology import Terminology
from workbench.layout import find_catalogues
from workbench.po.catalog import Message
from workbench.tm.match import Match, best_match
from workbench.tm.pretranslate import own_unit

# (project root, memory file's state) -> the suggestions of this run
_OPEN: dict[tuple, "Suggestions"] = {}

Suggest = Callable[[Message], "Match | None"]


def wants_suggestion(message: Message) -> bool:
    """Entries a translator still has to work on: untranslated or fuzzy, singular, active."""
    return not message.obsolete and not message.is_header and not message.plural and (
        message.fuzzy or not message.msgstr)


class Suggestions:
    def __init__(self, config: Config, memory, terminology: Terminology | None):
        self.config, self.memory, self.terminology = config, memory, terminology
        self.empty = len(memory) == 0
        self._answers: dict[tuple, Match | None] = {}

    @classmethod
    def for_project(cls, config: Config) -> "Suggestions":
        """The project's memory, synced once per process while the catalogues and TMX files stay as they are
        (the formats of one export share it)."""
        from workbench.tm.memory import Memory

        terminology = Terminology.for_project(config)
        key = (str(config.root.resolve()), config.tm_threshold, id(terminology), _signature(config))
        if key not in _OPEN:
            _OPEN.clear()  # one project at a time
            _OPEN[key] = cls(config, Memory.for_project(config), terminology)
        return _OPEN[key]

    def for_entry(self, message: Message, language: str, catalogue: Path) -> Match | None:
        if self.empty or not wants_suggestion(message):
            return None
        relative = self.config.relative(catalogue)
        key = (relative, language, message.msgctxt, message.msgid)
        if key not in self._answers:
            self._answers[key] = best_match(self.memory, message.msgid, language, self.terminology,
                                            self.config.tm_threshold, message.msgctxt,
                                            exclude=own_unit(relative, message))
        return self._answers[key]

    def for_catalogue(self, language: str, catalogue: Path) -> Suggest:
        """The lookup one catalogue's writer calls per entry."""
        return lambda message: self.for_entry(message, language, catalogue)


def _signature(config: Config) -> tuple:
    """What the memory is made of, by name, size and modification time."""
    files = [path for _, _, path in find_catalogues(config)]
    for folder in (config.tm_dir,):
        if folder.is_dir():
            files += sorted(folder.glob("*.tmx"))
    files += [config.path(path) for path in config.tm]
    state = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        state.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(state)


def project_suggestions(config: Config, language: str, catalogue: Path) -> Suggest:
    return Suggestions.for_project(config).for_catalogue(language, catalogue)
