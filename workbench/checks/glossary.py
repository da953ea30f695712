"""Glossary checks: the termbase's renderings are the ones used, everywhere.

* ``term-missing``: the source has a term, the translation none of its
  preferred or admitted renderings (inflected forms count: see ``glossary.terminology``);
* ``name-mismatch``: the same for names (part of speech properNoun): a person
  or place rendered otherwise than the glossary says, e.g. misspelt;
* ``dnt-altered``: a do-not-translate term is not in the translation verbatim;
* ``term-deprecated``: the translation uses a deprecated rendering;
* ``term-inconsistent``: one source term rendered with different (allowed)
  renderings in different entries or catalogues of the same language.
"""

from __future__ import annotations

from array import array

from rapidfuzz import fuzz

from workbench.checks.base import ERROR, WARNING, CatalogueCheck, Context, Entry, EntryCheck, Issue
from workbench.checks.registry import register
from workbench.glossary.matcher import tokens
from workbench.glossary.model import PREFERRED
from workbench.glossary.terminology import DNT, NAME, TERM, Terminology


def _near(target: str, wanted: str) -> tuple[int, int] | None:
    """Where in ``target`` something like ``wanted`` is (a misspelt name), if anywhere."""
    if not target or not wanted:
        return None
    best, best_span = 0.0, None
    size = len(wanted)
    for length in (size, size - 1, size + 1, size - 2, size + 2):
        if length < 2 or length > len(target):
            continue
        for start in range(0, len(target) - length + 1):
            score = fuzz.ratio(wanted, target[start:start + length]) - 15 * abs(length - size)
            if score > best:
                best, best_span = score, (start, start + length)
    return best_span if best >= 50 else None


def _whole_words(target: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` widened to the words it cuts (a Chinese character is a word of its own): the name as written
    with what is joined to it, "Tadžikistana", not the "Tadžikistan" in it, which would read as if the right
    rendering were reported wrong."""
    start, end = span
    for word_start, word_end, _ in tokens(target):
        if word_start < end and start < word_end:
            start, end = min(start, word_start), max(end, word_end)
    return start, end


class _GlossaryEntryCheck(EntryCheck):
    needs_glossary = True
    concept_kind = TERM  # the concepts the check is about: TERM, NAME or DNT (``Terminology.kind``)
    needs_renderings = True  # check_hit reports nothing for a concept without renderings (its first test)

    def __init__(self) -> None:
        self._concepts: dict[tuple[int, str], tuple] = {}

    def kind_and_renderings(self, glossary: Terminology, concept, language: str) -> tuple[str, list]:
        """(kind, renderings in ``language``) of a concept: the same for each of its thousands of occurrences,
        so asked of the glossary once (a check instance serves one run)."""
        key = (id(concept), language)
        known = self._concepts.get(key)
        if known is None or known[0] is not concept:  # (the concept itself is kept: its id stays its own)
            known = self._concepts[key] = (concept, glossary.kind(concept), glossary.renderings(concept, language))
        return known[1], known[2]

    def check_entry(self, entry: Entry, context: Context):
        glossary = context.glossary
        if self.needs_renderings and not glossary.serves(context.language):
            return  # no term serves the language, so no concept has renderings in it
        reported: set[tuple] = set()
        for form, source, target in entry.pairs():
            for hit in glossary.find(source, context.source_language):
                kind, renderings = self.kind_and_renderings(glossary, hit.concept, context.language)
                if kind != self.concept_kind:
                    continue
                for issue in self.check_hit(glossary, hit, renderings, source, target, context, form):
                    key = (hit.concept.id, issue.message, target)
                    if key not in reported:  # plural forms alike: once
                        reported.add(key)
                        yield issue

    def check_hit(self, glossary, hit, renderings, source, target, context, form):  # pragma: no cover
        return ()


@register
class TermMissing(_GlossaryEntryCheck):
    id = "term-missing"
    name = "Glossary term missing"
    description = ("The source contains a glossary term but the translation has none of its preferred or admitted "
                   "renderings (inflected forms allowed).")
    severity = WARNING
    concept_kind = TERM

    def check_hit(self, glossary, hit, renderings, source, target, context, form):
        if not renderings or glossary.contains(target, context.language, renderings):
            return
        shown = ", ".join(t.text for t in renderings[:4])
        yield Issue(f"glossary term {hit.term.text!r} ({hit.concept.id}): the translation has none of: {shown}",
                    offending=source[hit.start:hit.end], span=(hit.start, hit.end), in_source=True, form=form)


@register
class NameMismatch(_GlossaryEntryCheck):
    id = "name-mismatch"
    name = "Name rendered differently"
    description = ("A person or place name of the glossary (part of speech properNoun) is not rendered as the "
                   "glossary says: misspelt, transliterated otherwise, or left out.")
    severity = ERROR
    concept_kind = NAME

    def check_hit(self, glossary, hit, renderings, source, target, context, form):
        if not renderings or glossary.contains(target, context.language, renderings):
            return
        preferred = glossary.preferred(hit.concept, context.language)
        # a deprecated rendering is term-deprecated's finding; do not report it twice
        for other in glossary.find(target, context.language):
            if other.concept is hit.concept and other.term.rejected:
                return
        span = _near(target, preferred.text)
        if span:
            span = _whole_words(target, span)
        offending = target[span[0]:span[1]] if span else None
        where = f", found {offending!r}" if offending else ""
        yield Issue(f"name {hit.term.text!r} should be rendered {preferred.text!r}{where}",
                    offending=offending, span=span, form=form)


@register
class DntAltered(_GlossaryEntryCheck):
    id = "dnt-altered"
    name = "Do-not-translate term altered"
    description = "A do-not-translate term of the glossary is not in the translation exactly as in the source."
    severity = ERROR
    concept_kind = DNT
    needs_renderings = False  # the term as written in the source will do

    def check_hit(self, glossary, hit, renderings, source, target, context, form):
        written = source[hit.start:hit.end]
        allowed = {written, hit.term.text} | {t.text for t in renderings}
        if any(text in target for text in allowed):
            return
        span = _near(target, written)
        yield Issue(f"do-not-translate term {written!r} is not in the translation as it is",
                    offending=target[span[0]:span[1]] if span else None, span=span, form=form)


@register
class TermDeprecated(EntryCheck):
    id = "term-deprecated"
    name = "Deprecated term used"
    description = "The translation uses a rendering the glossary marks deprecated (or superseded)."
    severity = ERROR
    needs_glossary = True

    def check_entry(self, entry: Entry, context: Context):
        glossary = context.glossary
        if not glossary.has_rejected(context.language):
            return  # the language has no deprecated term to find (e.g. Chinese, English in the bench's glossary)
        for form, source, target in entry.pairs():
            if not any(hit.term.rejected for hit in glossary.find(target, context.language, longest=False)):
                continue  # no deprecated term anywhere, so none among the longest occurrences either
            for hit in glossary.find(target, context.language):
                if not hit.term.rejected:
                    continue
                renderings = glossary.renderings(hit.concept, context.language)
                better = ", ".join(repr(t.text) for t in renderings[:3]) or "another term"
                yield Issue(f"deprecated term {target[hit.start:hit.end]!r} ({hit.concept.id}); use {better}",
                            offending=target[hit.start:hit.end], span=(hit.start, hit.end), form=form)


@register
class TermInconsistent(CatalogueCheck):
    id = "term-inconsistent"
    name = "Term rendered inconsistently"
    description = ("One source term of the glossary is rendered with different renderings in different entries "
                   "or catalogues of the same language (each allowed, but not interchangeably).")
    severity = WARNING
    needs_glossary = True

    def summarise(self, entry, context):
        """(concept id, source term as written in lower case, rendering used, form, start, end) of each source
        term whose concept the translation renders (its first allowed rendering there); None for an entry
        without a (confirmed) translation."""
        if entry.message.fuzzy or not entry.has_translation:
            return None
        glossary: Terminology = context.glossary
        if not glossary.serves(context.language):
            return ()  # no term serves the language: find finds no rendering in the translation
        used_terms = []
        for form, source, target in entry.pairs():
            source_hits = glossary.find(source, context.source_language)
            target_hits = glossary.find(target, context.language) if source_hits else []
            for hit in source_hits:
                first = next((t for t in target_hits if t.concept is hit.concept and not t.term.rejected), None)
                if first is not None:
                    used_terms.append((hit.concept.id, source[hit.start:hit.end].lower(), first.term.text, form,
                                       first.start, first.end))
        return tuple(used_terms)

    # Judged file by file: a catalogue's tally is how often it renders each source term each way; the language's
    # statistics add them up, and a catalogue is read again only when a term it renders has several renderings.
    # The tally is packed: (concept id, source term, rendering, ...) in the order the catalogue first uses each, and
    # the entries of each as 64-bit integers. A language's tallies are held together, and a tuple a rendering (with
    # strings of each file's own) was most of a judging piece's memory: 42 MB of 2,000 French catalogues' tallies,
    # 4 MB packed with the strings shared (``summary.shared_strings``).
    def tally(self, info, entries, context):
        usage: dict[tuple[str, str, str], int] = {}
        for entry in entries:
            for concept_id, source_term, text, *_ in self._used(entry, context):
                key = (concept_id, source_term, text)
                usage[key] = usage.get(key, 0) + 1
        return tuple(field for key in usage for field in key), array("q", usage.values()).tobytes()

    @staticmethod
    def _renderings(tally):
        """(concept id, source term, rendering, entries) of each rendering a tally counts."""
        texts, counts = tally
        return zip(texts[0::3], texts[1::3], texts[2::3], array("q", counts))

    def combine(self, tallies, files, context):
        """(concept id, source term) -> rendering -> entries, each in the order the language first uses it (the
        reference is the first of the most used), and the reference of each term with several renderings."""
        usage: dict[tuple[str, str], dict[str, int]] = {}
        for tally in tallies:
            for concept_id, source_term, text, count in self._renderings(tally):
                known = usage.setdefault((concept_id, source_term), {})
                known[text] = known.get(text, 0) + count
        glossary: Terminology = context.glossary
        references = {}
        for (concept_id, source_term), renderings in usage.items():
            if len(renderings) >= 2:
                statuses = {t.text: t.status for t in glossary.terms(glossary.concept(concept_id), context.language)}
                reference = max(renderings, key=lambda text: (renderings[text], statuses.get(text) == PREFERRED))
                references[(concept_id, source_term)] = (reference, renderings[reference])
        return references

    def view(self, references, tally, file_number, context):
        """The references of the terms the catalogue renders otherwise too: only a catalogue that has a finding
        has a view."""
        rendered_otherwise: dict[tuple[str, str], bool] = {}  # each term, in the order the catalogue first uses it
        for concept_id, source_term, text, _ in self._renderings(tally):
            key = (concept_id, source_term)
            rendered_otherwise[key] = rendered_otherwise.get(key, False) or (
                key in references and text != references[key][0])
        return tuple((key, references[key]) for key, otherwise in rendered_otherwise.items() if otherwise) or None

    def check_catalogue(self, info, entries, references, file_number, context, entry_of):
        for entry in entries:
            for concept_id, source_term, text, form, start, end in self._used(entry, context):
                reference, count = references.get((concept_id, source_term), (text, 0))
                if text == reference:
                    continue
                yield entry, info, Issue(
                    f"{source_term!r} is rendered {text!r} here but {reference!r} in "
                    f"{count} other entr{'y' if count == 1 else 'ies'}",
                    offending=text, span=(start, end), form=form)

    def _used(self, entry, context) -> tuple:
        facts = self.facts(entry, context)
        if facts is None:  # not stored by the per-file stage (a check added to the run): worked out now
            facts = self.summarise(entry, context) or ()
        return facts
