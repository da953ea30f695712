"""``glossary validate``: the termbase's own consistency, each problem with file and line.

Checks: a term under two concepts, a concept missing a project language (or
having only deprecated terms in it), a term both approved and deprecated in
one concept, the same term twice in one concept, empty and whitespace-padded
terms, duplicate concepts (same id, or the very same terms), ids that cannot
be XML ids.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from workbench.glossary.model import Concept, Term, Termbase, is_xml_id


@dataclass(frozen=True)
class Problem:
    code: str  # stable identifier, e.g. "term-in-two-concepts"
    message: str
    path: str | None = None
    line: int | None = None
    concept: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.path and self.line else f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


def term_key(text: str) -> str:
    """How two spellings are told apart: Unicode-normalised, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _where(item: Term | Concept) -> dict:
    return {"path": item.path, "line": item.line}


def validate_termbase(termbase: Termbase, languages: list[str] | None = None) -> list[Problem]:
    """Every problem found; ``languages`` are the project's (each concept must have a term in each)."""
    problems: list[Problem] = []
    problems += _check_ids(termbase)
    owners: dict[tuple[str, str], list[tuple[Concept, Term]]] = {}
    served = list(languages or [])
    for concept in termbase.concepts:
        for language, terms in concept.terms.items():
            problems += _check_concept_language(concept, language, terms)
            for term in terms:
                if term.text.strip():
                    owners.setdefault((language, term_key(term.text)), []).append((concept, term))
        problems += _check_languages(concept, served)
    for (language, _), found in owners.items():
        first_concept, first_term = found[0]
        for concept, term in found[1:]:
            if concept is first_concept:
                continue  # reported as a duplicate within the concept
            if term.case_sensitive and first_term.case_sensitive and term.text != first_term.text:
                continue  # "Pan" and "PAN", both case-sensitive, are different terms
            problems.append(Problem(
                "term-in-two-concepts",
                f"{language} term {term.text!r} is in concept {concept.id!r} and also in {first_concept.id!r} "
                f"(line {first_term.line}); a term names one concept",
                concept=concept.id, **_where(term)))
    return sorted(problems, key=lambda p: (p.path or "", p.line or 0, p.code, p.message))


def _check_ids(termbase: Termbase) -> list[Problem]:
    problems = []
    seen: dict[str, Concept] = {}
    contents: dict[frozenset, Concept] = {}
    for concept in termbase.concepts:
        if not is_xml_id(concept.id):
            problems.append(Problem("bad-id", f"concept id {concept.id!r} cannot be an XML id "
                                    "(a letter first; letters, digits, '.', '-', '_')", concept=concept.id,
                                    **_where(concept)))
        if concept.id in seen:
            first = seen[concept.id]
            problems.append(Problem("duplicate-concept", f"concept id {concept.id!r} used twice "
                                    f"(first at {first.path}:{first.line})", concept=concept.id, **_where(concept)))
        seen.setdefault(concept.id, concept)
        content = frozenset((lang, t.text if t.case_sensitive else term_key(t.text))
                            for lang, ts in concept.terms.items() for t in ts)
        if content and content in contents and contents[content].id != concept.id:
            problems.append(Problem("duplicate-concept", f"concept {concept.id!r} has the very same terms as "
                                    f"{contents[content].id!r}: merge them", concept=concept.id, **_where(concept)))
        contents.setdefault(content, concept)
    return problems


def _check_concept_language(concept: Concept, language: str, terms: list[Term]) -> list[Problem]:
    problems = []
    seen: dict[str, Term] = {}
    for term in terms:
        if not term.text.strip():
            problems.append(Problem("empty-term", f"empty {language} term in concept {concept.id!r}",
                                    concept=concept.id, **_where(term)))
            continue
        if term.text != term.text.strip():
            problems.append(Problem("whitespace", f"{language} term {term.text!r} has spaces around it",
                                    concept=concept.id, **_where(term)))
        elif " ".join(term.text.split()) != term.text:
            problems.append(Problem("whitespace", f"{language} term {term.text!r} has doubled spaces, tabs or "
                                    "line breaks inside", concept=concept.id, **_where(term)))
        key = term_key(term.text)
        other = seen.get(key)
        if other is None:
            seen[key] = term
        elif other.approved != term.approved:
            good, bad = (other, term) if other.approved else (term, other)
            problems.append(Problem("preferred-and-deprecated",
                                    f"{language} term {term.text!r} in concept {concept.id!r} is both {good.status} "
                                    f"and {bad.status}", concept=concept.id, **_where(term)))
        else:
            problems.append(Problem("duplicate-term", f"{language} term {term.text!r} is listed twice in concept "
                                    f"{concept.id!r}", concept=concept.id, **_where(term)))
    return problems


def _check_languages(concept: Concept, served: list[str]) -> list[Problem]:
    """``served``: the project's languages; each must be served by the concept (``Concept.terms_for``)."""
    problems = []
    if concept.dnt:
        return problems  # a do-not-translate term is written the same everywhere
    for language in served:
        terms = concept.terms_for(language)
        if not terms:
            problems.append(Problem("missing-language", f"concept {concept.id!r} has no {language} term",
                                    concept=concept.id, **_where(concept)))
        elif not any(t.approved for t in terms):
            problems.append(Problem("missing-language", f"concept {concept.id!r} has only deprecated or superseded "
                                    f"{language} terms: add the approved one", concept=concept.id, **_where(concept)))
    return problems
