"""Consistency of translations within a language and across languages.

* ``inconsistent-translation``: the same source (msgid and msgctxt) translated
  differently in different entries or catalogues of one language;
* ``inconsistent-source``: different sources sharing one translation (the
  reverse: one of them is probably mistranslated); sources differing only in
  case, punctuation or spacing are not "different";
* ``entry-missing`` (cross-language): a source entry that the same catalogue
  has in other languages is missing from this language's catalogue.
"""

from __future__ import annotations

import regex as re

from workbench.checks.base import INFO, WARNING, CatalogueCheck, CrossLanguageCheck, Entry, Issue
from workbench.checks.registry import register
from workbench.checks.text import normalise_space, script_of
from workbench.po.catalog import Message

_PUNCT = re.compile(r"[\p{P}\p{S}\s]+")
_PLURAL_S = re.compile(r"(?<=\w{3})(?:es|s)\b")


def _loose(text: str) -> str:
    """A source's identity for the reverse check: case, punctuation, spacing and plural -s do not count."""
    text = _PUNCT.sub(" ", text).strip().lower()
    return _PLURAL_S.sub("", text)


def _usable(entry: Entry) -> bool:
    return entry.has_translation and not entry.message.fuzzy and not entry.message.plural


@register
class InconsistentTranslation(CatalogueCheck):
    id = "inconsistent-translation"
    name = "Same source, different translations"
    description = "The same source text (and context) is translated differently in different entries or catalogues of one language."
    severity = WARNING

    def check_catalogues(self, catalogues, entries, context):
        groups: dict[tuple[str | None, str], dict[str, list[Entry]]] = {}
        for entry in entries:
            if not _usable(entry):
                continue
            key = (entry.message.msgctxt, normalise_space(entry.source))
            groups.setdefault(key, {}).setdefault(normalise_space(entry.target), []).append(entry)
        for (_, source), translations in groups.items():
            if len(translations) < 2:
                continue
            most = max(len(places) for places in translations.values())
            majority = [text for text, places in translations.items() if len(places) == most]
            reference = majority[0] if len(majority) == 1 else None  # a tie: every variant is reported
            for text, places in translations.items():
                if text == reference:
                    continue
                other_text = reference if reference is not None else next(t for t in translations if t != text)
                where = translations[other_text][0]
                for entry in places:
                    yield entry, entry.catalogue, Issue(
                        f"translated differently elsewhere: {other_text!r} ({where.catalogue.path}:{where.message.lineno})",
                        offending=entry.target, span=(0, len(entry.target)))


@register
class InconsistentSource(CatalogueCheck):
    id = "inconsistent-source"
    name = "Different sources, same translation"
    description = ("Different source texts share one translation in a language; sources that differ only in case, "
                   "punctuation or spacing do not count.")
    severity = WARNING

    def check_catalogues(self, catalogues, entries, context):
        by_target: dict[str, list[Entry]] = {}
        for entry in entries:
            if _usable(entry):
                by_target.setdefault(normalise_space(entry.target), []).append(entry)
        cjk = script_of(context.language) == "cjk"
        for target, group in by_target.items():
            if len(group) < 2:
                continue  # most translations are used once: no source to compare
            sources: dict[str, list[Entry]] = {}
            for entry in group:
                sources.setdefault(_loose(entry.source), []).append(entry)
            if len(sources) < 2:
                continue
            if len({_loose(s) for s in sources}) < 2:
                continue
            short = len(target) < (6 if cjk else 20) or len(target.split()) < (1 if cjk else 3)
            severity = INFO if short else None
            keys = sorted(sources, key=lambda k: (-len(sources[k]), k))
            for key in keys[1:]:
                for entry in sources[key]:
                    other = sources[keys[0]][0]
                    yield entry, entry.catalogue, Issue(
                        f"the same translation is used for a different source: {other.source!r} "
                        f"({other.catalogue.path}:{other.message.lineno})",
                        offending=entry.target, span=(0, len(entry.target)), severity=severity)


@register
class EntryMissing(CrossLanguageCheck):
    id = "entry-missing"
    name = "Entry missing in a language"
    description = ("A source entry that a catalogue has in other languages is absent from this language's catalogue "
                   "of the same name (catalogues out of step: run 'workbench update').")
    severity = WARNING

    def check_languages(self, catalogues, source_language, glossary):
        by_domain: dict[str, dict[str, list]] = {}
        for language, infos in catalogues.items():
            for info in infos:
                by_domain.setdefault(info.domain, {}).setdefault(language, []).append(info)
        for domain, languages in by_domain.items():
            if len(languages) < 2:
                continue
            keys: dict[str, set] = {}
            first_seen: dict[tuple, tuple] = {}
            for language, infos in languages.items():
                keys[language] = set()
                for info in infos:
                    for message in info.catalog.entries():
                        keys[language].add(message.key)
                        first_seen.setdefault(message.key, (language, info, message))
            union = set().union(*keys.values())
            for language, present in keys.items():
                info = languages[language][0]
                for key in sorted(union - present, key=lambda k: (k[0] or "", k[1])):
                    other_language, other_info, message = first_seen[key]
                    header = info.catalog.header
                    stand_in = Message(msgid=message.msgid, msgctxt=message.msgctxt,
                                       lineno=header.lineno if header is not None else 0)
                    entry = Entry(stand_in, info)
                    yield entry, info, Issue(
                        f"entry missing from this catalogue; {other_info.path}:{message.lineno} ({other_language}) has it")
