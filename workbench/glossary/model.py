"""The termbase model, concept-oriented as in TBX (ISO 30042).

A ``Termbase`` holds ``Concept``s; a concept holds, per language (gettext
code: ``zh_CN``), an ordered list of ``Term``s. Readers (``tbx``, ``csvio``)
fill it, writers serialise it, and the matcher, hints and validation read it.

Values are normalised on the way in so the rest of the code deals with few
spellings: administrative status is one of ``STATUSES``, term type one of
``TERM_TYPES`` (TBX-Basic's picklist), part of speech one of ``PARTS_OF_SPEECH``.
What TBX-Basic has beyond that but the matcher does not need (grammatical
gender, geographical usage, context, source, ...) is kept as plain text in
``extra``; what is not text at all (history, cross-references, graphics) is
kept as XML in ``raw`` so that TBX -> TBX loses nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from workbench.errors import WorkbenchError

PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED = "preferred", "admitted", "deprecated", "superseded"
STATUSES = (PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED)
# Terms a translator must not use: deprecated ones and those replaced by another.
REJECTED = frozenset({DEPRECATED, SUPERSEDED})

TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb", "other")

# Text-valued TBX-Basic data categories kept in ``extra`` (term level unless noted).
TERM_EXTRA = ("grammaticalGender", "geographicalUsage", "termLocation", "context", "source",
              "customerSubset", "projectSubset")
CONCEPT_EXTRA = ("source", "customerSubset", "projectSubset")
LANG_INFO = ("definition", "note", "source")  # what a langSec may say about its language

# Every spelling of an administrative status we have met, squashed (lower case,
# no separators, no "-admn-sts" suffix, no trailing "term"). TBX's legal,
# regulated and standardized terms are binding renderings, so for a translator
# they are preferred ones; TBX 2008's usageStatus "notRecommended" is deprecated
# and "obsolete" superseded.
_STATUS_SPELLINGS = {
    "preferred": PREFERRED, "standardized": PREFERRED, "legal": PREFERRED, "regulated": PREFERRED,
    "mandatory": PREFERRED, "approved": PREFERRED,
    "admitted": ADMITTED, "permitted": ADMITTED, "acceptable": ADMITTED, "allowed": ADMITTED,
    "deprecated": DEPRECATED, "notrecommended": DEPRECATED, "forbidden": DEPRECATED,
    "prohibited": DEPRECATED, "rejected": DEPRECATED, "notallowed": DEPRECATED, "avoid": DEPRECATED,
    "superseded": SUPERSEDED, "obsolete": SUPERSEDED, "outdated": SUPERSEDED, "archaic": SUPERSEDED,
}

_TYPE_SPELLINGS = {
    "fullform": "fullForm", "full": "fullForm", "acronym": "acronym", "abbreviation": "abbreviation",
    "abbr": "abbreviation", "abbrev": "abbreviation", "shortform": "shortForm", "short": "shortForm",
    "variant": "variant", "phrase": "phrase", "phraseologicalunit": "phrase", "setphrase": "phrase",
    # TBX 2008 (v2) values that TBX-Basic folds into "variant"
    "orthographicalvariant": "variant", "transliteratedform": "variant", "transcribedform": "variant",
    "synonym": "variant", "commonname": "variant",
}


@lru_cache(maxsize=1024)  # a termbase spells its few statuses the same way thousands of times
def _squash(value: str) -> str:
    value = value.strip().lower()
    value = value.removesuffix("-admn-sts")
    value = re.sub(r"[\s_\-]+", "", value)
    return value.removesuffix("term") if value not in ("term",) else value


def normalize_status(value: str | None) -> str | None:
    """``preferredTerm-admn-sts``, ``Preferred``, ``legalTerm-admn-sts`` ... -> a STATUSES value; None if unknown."""
    if value is None or not value.strip():
        return None
    return _STATUS_SPELLINGS.get(_squash(value))


def normalize_term_type(value: str | None) -> str | None:
    """TBX-Basic term type for a spelling (``short form`` -> ``shortForm``); unknown values pass unchanged."""
    if value is None or not value.strip():
        return None
    return _TYPE_SPELLINGS.get(re.sub(r"[\s_\-]+", "", value.strip().lower()), value.strip())


def normalize_pos(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    squashed = value.strip().lower()
    aliases = {"n": "noun", "propernoun": "noun", "proper noun": "noun", "v": "verb", "adj": "adjective",
               "adv": "adverb"}
    return aliases.get(squashed, squashed)


# Chinese of these regions is written in Traditional characters; a termbase's bare "zh" is
# Simplified by usage, so it does not serve them.
_OWN_SCRIPT_REGIONS = frozenset({"zh_TW", "zh_HK", "zh_MO"})


def serving_languages(available: Iterable[str], code: str) -> list[str]:
    """Which of a concept's languages serve a text in ``code``: the one language-fallback rule.

    1. the language itself, however it is spelt (``zh_CN``, ``zh-CN``, ``zh_Hans`` are one);
    2. else, for a regional code, the bare language (``zh_CN`` -> ``zh``, ``pt_BR`` -> ``pt``),
       except where the region writes another script (``zh_TW``, ``sr@latin``);
    3. else, for a bare code, its one regional variant when there is exactly one (``en`` -> ``en_US``),
       or among several the one CLDR names the language's likely region (``fr`` -> ``fr_FR`` beside
       ``fr_CA``; ``pt`` -> ``pt_BR``);
    4. else none: ``zh_TW`` terms never serve ``zh_CN``, nor ``pt_PT`` ``pt_BR``.
    Hints, checks, the matrix, the review pages and the XLIFF glossary all ask this, per concept.
    """
    return list(_serving(tuple(available), code))


@lru_cache(maxsize=4096)  # asked per concept and text: a termbase's concepts have few sets of languages
def _serving(available: tuple[str, ...], code: str) -> tuple[str, ...]:
    from workbench.langs import primary, to_gettext

    wanted = to_gettext(code)
    spelled = [(language, to_gettext(language)) for language in available]
    exact = tuple(language for language, canonical in spelled if canonical == wanted)
    if exact:
        return exact
    bare = primary(wanted)
    if wanted != bare:
        if wanted in _OWN_SCRIPT_REGIONS or "@" in wanted:
            return ()
        return tuple(language for language, canonical in spelled if canonical == bare)
    regional = tuple(language for language, canonical in spelled if primary(canonical) == bare)
    if len(regional) <= 1:
        return regional
    likely = _likely_region(bare)
    return tuple(language for language, canonical in spelled if canonical == likely)


def _likely_region(language: str) -> str | None:
    """CLDR's likely region of a bare language, as a gettext code: ``fr`` -> ``fr_FR``, ``zh`` -> ``zh_CN``."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(language)
    if not likely:
        return None
    region = likely.split("_")[-1]
    return f"{language}_{region}" if region.isalpha() and region.isupper() else None


def tbx_status(status: str) -> str:
    """The TBX-Basic picklist value: ``preferred`` -> ``preferredTerm-admn-sts``."""
    return f"{status}Term-admn-sts"


@dataclass
class Term:
    text: str
    status: str = ADMITTED  # TBX leaves it optional; an unmarked term is usable, not preferred
    type: str | None = None  # a TERM_TYPES value (or a foreign one kept as read)
    pos: str | None = None
    case_sensitive: bool = False
    dnt: bool = False  # do not translate: the term stays as it is in every language
    note: str = ""  # usage note for translators
    extra: dict[str, str] = field(default_factory=dict)
    raw: list[str] = field(default_factory=list)  # XML the model does not interpret
    proper: bool = False  # a name: TBX's part of speech "properNoun" (``pos`` says "noun", TBX-Basic's value)
    path: str | None = field(default=None, compare=False, repr=False)
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def rejected(self) -> bool:
        return self.status in REJECTED

    @property
    def approved(self) -> bool:
        return self.status in (PREFERRED, ADMITTED)


@dataclass
class Concept:
    id: str
    subject: str = ""
    definition: str = ""
    note: str = ""
    terms: dict[str, list[Term]] = field(default_factory=dict)  # gettext language code -> terms, in order
    lang_info: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> LANG_INFO values
    extra: dict[str, str] = field(default_factory=dict)
    raw: list[str] = field(default_factory=list)
    lang_raw: dict[str, list[str]] = field(default_factory=dict)
    path: str | None = field(default=None, compare=False, repr=False)
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def languages(self) -> list[str]:
        return list(self.terms)

    def add(self, language: str, term: Term) -> Term:
        self.terms.setdefault(language, []).append(term)
        return term

    def terms_in(self, language: str) -> list[Term]:
        """The terms written under exactly ``language`` (see ``terms_for`` for the ones serving it)."""
        return self.terms.get(language, [])

    def terms_for(self, code: str) -> list[Term]:
        """The terms serving a text in ``code``, by the one fallback rule (``serving_languages``)."""
        return [term for language in serving_languages(self.terms, code) for term in self.terms[language]]

    def approved(self, language: str) -> list[Term]:
        """Preferred terms first, then admitted ones, each in file order, of the terms serving ``language``."""
        terms = self.terms_for(language)
        return [t for t in terms if t.status == PREFERRED] + [t for t in terms if t.status == ADMITTED]

    def rejected(self, language: str) -> list[Term]:
        return [t for t in self.terms_for(language) if t.rejected]

    def preferred(self, language: str) -> Term | None:
        approved = self.approved(language)
        return approved[0] if approved else None

    @property
    def dnt(self) -> bool:
        """A do-not-translate concept: some term of it carries the flag."""
        return any(t.dnt for terms in self.terms.values() for t in terms)


@dataclass
class Termbase:
    concepts: list[Concept] = field(default_factory=list)
    source_language: str = "en"
    title: str = ""
    description: str = ""
    # what the readers could not keep, for the user to read; not content
    warnings: list[str] = field(default_factory=list, compare=False, repr=False)
    paths: list[str] = field(default_factory=list, compare=False, repr=False)
    # the cache key of the file(s) it was read from (``load_termbase``), under which its matcher indexes are
    # kept on disk; whoever changes a loaded termbase must set it to None (``merge`` does)
    digest: str | None = field(default=None, compare=False, repr=False)
    # the same of the files' content alone, not where they are: what the checks' cached results depend on (a
    # project checked out in another folder keeps them); None as ``digest``
    content_digest: str | None = field(default=None, compare=False, repr=False)

    def __iter__(self):
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def concept(self, concept_id: str) -> Concept | None:
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        return None

    @property
    def languages(self) -> list[str]:
        """Every language with a term, source language first, then in order of appearance."""
        seen: dict[str, None] = {}
        if any(self.source_language in c.terms for c in self.concepts):
            seen[self.source_language] = None
        for concept in self.concepts:
            for language in concept.terms:
                seen.setdefault(language, None)
        return list(seen)

    def resolve_language(self, code: str) -> list[str]:
        """Every termbase language that serves ``code`` for some concept (``serving_languages``, per concept)."""
        found: dict[str, None] = {}
        for concept in self.concepts:
            found.update(dict.fromkeys(serving_languages(concept.terms, code)))
        return [language for language in self.languages if language in found]

    def merge(self, other: Termbase, replace: bool = True) -> list[str]:
        """Add ``other``'s concepts; a concept with an id already here replaces it (or is skipped).

        Returns the ids that were replaced (or skipped).
        """
        self.digest = self.content_digest = None  # no longer what the file holds
        index = {c.id: i for i, c in enumerate(self.concepts)}
        clashes = []
        for concept in other.concepts:
            if concept.id in index:
                clashes.append(concept.id)
                if replace:
                    self.concepts[index[concept.id]] = concept
            else:
                index[concept.id] = len(self.concepts)
                self.concepts.append(concept)
        self.warnings.extend(other.warnings)
        return clashes


_NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")


def is_xml_id(value: str) -> bool:
    """True if ``value`` can be a conceptEntry's ``id`` (an XML NCName)."""
    return bool(_NCNAME.match(value)) and ":" not in value


def require_status(value: str, where: str | None, line: int | None) -> str:
    status = normalize_status(value)
    if status is None:
        raise WorkbenchError(
            f"unknown administrative status {value!r} (use one of: {', '.join(STATUSES)})", where, line
        )
    return status
