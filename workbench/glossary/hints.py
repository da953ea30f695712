"""Glossary hints for translators: ``#. Glossary: Mayor → 市长`` on the PO entries that need them.

Extracted comments (``#.``) are what Poedit, Lokalize and Weblate show beside
the source text, and msgmerge keeps them with the entry, so that is where the
approved renderings go. The lines this module owns all start with
``Glossary: ``; ``apply_hints`` replaces exactly those and leaves every other
comment alone, so running it twice, or with an unchanged glossary, changes
nothing.
"""

from __future__ import annotations

from workbench.glossary.terminology import Hit, Terminology
from workbench.glossary.model import ADMITTED, DEPRECATED, PREFERRED, SUPERSEDED, Concept, Term
from workbench.po.catalog import Catalog, Message

HINT_PREFIX = "Glossary: "


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _terms(concept: Concept, language: str, status: str) -> list[Term]:
    return [t for t in concept.terms_for(language) if t.status == status]


def format_hint(match: Hit, target_language: str) -> str | None:
    """One hint line for a source match, or None when the glossary has nothing for that language."""
    concept = match.concept
    preferred = _terms(concept, target_language, PREFERRED)
    admitted = _terms(concept, target_language, ADMITTED)
    main = preferred or admitted[:1]
    also = [t for t in admitted if t not in main]
    rejected = [(status, _terms(concept, target_language, status)) for status in (DEPRECATED, SUPERSEDED)]
    if not main:
        if concept.dnt or match.term.dnt:
            main = [match.term]
        elif not any(terms for _, terms in rejected):
            return None  # nothing to say: validate reports the missing language
    rendering = " / ".join(t.text for t in main) if main else "?"
    parts = [f"{HINT_PREFIX}{_one_line(match.term.text)} → {rendering}"]
    if also:
        parts.append(f"(also {', '.join(t.text for t in also)})")
    rejected_text = "; ".join(f"not {', '.join(t.text for t in terms)}: {status}" for status, terms in rejected if terms)
    if rejected_text:
        parts.append(f"({rejected_text})")
    if concept.dnt or any(t.dnt for t in main):
        parts.append("(do not translate)")
    if main and main[0].note:
        parts.append(f"— {_one_line(main[0].note)}")
    return " ".join(parts)


def glossary_hints(terminology: Terminology, source_text: str, source_lang: str, target_lang: str) -> list[str]:
    """Hint lines for the glossary terms in ``source_text``, in order of first occurrence, one per concept."""
    if not source_text:
        return []
    hints: list[str] = []
    seen: set[str] = set()
    for match in terminology.find(source_text, source_lang):
        if match.concept.id in seen:
            continue
        seen.add(match.concept.id)
        hint = format_hint(match, target_lang)
        if hint and hint not in hints:
            hints.append(hint)
    return hints


def is_hint(comment: str) -> bool:
    return comment.lstrip().startswith(HINT_PREFIX.rstrip())


def apply_hints(message: Message, hints: list[str]) -> bool:
    """Replace the entry's ``Glossary:`` extracted comments with ``hints`` (after the others); True if changed."""
    comments = [c for c in message.extracted_comments if not is_hint(c)] + list(hints)
    if comments == message.extracted_comments:
        return False
    message.extracted_comments = comments
    return True


def hint_catalog(catalog: Catalog, terminology: Terminology, source_lang: str, target_lang: str) -> int:
    """Refresh the hints of every active entry of a catalogue; the number of entries changed."""
    changed = 0
    for message in catalog.entries():
        source = message.msgid if message.msgid_plural is None else f"{message.msgid}\n{message.msgid_plural}"
        changed += apply_hints(message, glossary_hints(terminology, source, source_lang, target_lang))
    return changed
