"""What the XLIFF readers hand the importer: units reduced to what a PO entry can take.

Both XLIFF versions read into these, so matching and merging are written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class UnitProblem(Exception):
    """A unit that cannot be read back exactly (unknown inline code, ...): reported and skipped."""


@dataclass
class Unit:
    id: str
    msgctxt: str | None = None
    plural: bool = False
    # one item per msgstr form (a single one for a singular entry)
    sources: list[str] = field(default_factory=list)
    targets: list[str | None] = field(default_factory=list)  # None: no <target>
    states: list[str] = field(default_factory=list)  # "translated" | "fuzzy" | "new"
    line: int | None = None
    problem: str | None = None  # set when the unit could not be read; it is then skipped

    @property
    def msgid(self) -> str | None:
        return self.sources[0] if self.sources else None

    @property
    def msgid_plural(self) -> str | None:
        return self.sources[1] if self.plural and len(self.sources) > 1 else None


@dataclass
class FileUnits:
    """One ``<file>`` of an XLIFF document: which catalogue it claims to be, and its units."""

    original: str | None
    source_language: str | None
    target_language: str | None
    line: int | None = None
    units: list[Unit] = field(default_factory=list)
