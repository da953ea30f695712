"""Consistency of translations within a language and across languages.

* ``inconsistent-translation``: the same source translated differently in different entries or
  catalogues of one language;
* ``inconsistent-source``: different sources sharing one translation (the reverse: one of them is
  probably mistranslated);
* ``entry-missing`` (cross-language): a source entry that the same catalogue has in other languages is
  missing from this language's catalogue.

What counts as "the same" and "different". Texts are compared with case, punctuation, spacing and
articles set aside (``Juillet`` in a calendar and ``juillet`` in a date, ``le mot de passe`` and ``mot
de passe``, ``Add locale`` and ``Add a locale`` are the same); sources also with plural -s, possessives
and word order set aside (``Change my password`` and ``Password change`` may share パスワードの変更).
Spelling is not set aside: ``Dateigrösse`` and ``Dateigröße`` differ (``lower``, not ``casefold``, which
reads ß as ss). The same source in another context is another source: a different msgctxt, or a
different translator note (the ``#.`` comments, workbench's own position and glossary notes aside), as
``Date from`` in a form and in a date-range filter noted as such.
"""

from __future__ import annotations

import hashlib
import struct
from datetime import datetime, timezone
from functools import lru_cache

import regex as re

from workbench.checks.base import INFO, WARNING, CatalogueCheck, CrossLanguageCheck, Entry, Issue
from workbench.checks.registry import register
from workbench.checks.text import normalise_space, script_of
from workbench.langs import primary
from workbench.po.catalog import Message

_PUNCT = re.compile(r"[\p{P}\p{S}\s]+")
# the ASCII characters _PUNCT matches, each made a space: what ``_words`` splits an ASCII text at, in C
_ASCII_PUNCT = {code: " " for code in range(128) if _PUNCT.match(chr(code))}
_PLURAL_S = re.compile(r"(?<=\w{3})(?:es|s)\b")
_ABBREVIATION_DOT = re.compile(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w\.\w)\.")
# Words that come and go with the phrasing, not with the meaning: articles (and English possessives,
# "Change my password"). Only languages whose articles are separate words.
_ARTICLES = {
    "en": "a an the",
    "fr": "le la les l un une des du",
    "de": "der die das den dem des ein eine einen einem einer eines",
    "es": "el la los las lo un una unos unas",
    "it": "il lo la i gli le l un uno una",
    "pt": "o a os as um uma uns umas",
    "ca": "el la els les l un una",
    "nl": "de het een",
}
_ARTICLES = {code: frozenset(words.split()) for code, words in _ARTICLES.items()}
_POSSESSIVES = frozenset("my your our their its his her".split())
# workbench's own notes: where the sentence stood in the article, the glossary's hints; not a context
_GENERATED_NOTE = re.compile(r"^(?:paragraph \d+, sentence \d+.*|Glossary: .*)$")


def _words(text: str, language: str) -> list[str]:
    """The words of ``text``, lower-cased, without punctuation and articles."""
    # the apostrophes ' and ’ are punctuation (\p{P}): split there too. A run of separators made one space or
    # several, the same words: an ASCII text (most sources, two in five of Django's translations) is translated
    # in C, several times faster than the regex
    spaced = text.translate(_ASCII_PUNCT) if text.isascii() else _PUNCT.sub(" ", text)
    words = spaced.lower().split()
    skipped = _articles(language)
    return [word for word in words if word not in skipped] if skipped else words


@lru_cache(maxsize=None)  # a few languages a run
def _articles(language: str) -> frozenset[str]:
    return _ARTICLES.get(primary(language), frozenset())


def _same_translation(text: str, language: str) -> str:
    """A translation's identity: case, punctuation, spacing and articles do not count."""
    return " ".join(_words(text, language)) or normalise_space(text)


def _loose(text: str, language: str = "en") -> str:
    """A source's identity for the reverse check: besides those, plural -s, possessives, word order and the
    dots of an abbreviation (a.m., AM)."""
    text = _ABBREVIATION_DOT.sub("", text)
    kept = [_PLURAL_S.sub("", word) for word in _words(text, language) if word not in _POSSESSIVES]
    return " ".join(sorted(kept)) or normalise_space(text)


def _by_concept(source: str, context) -> str:
    """``source`` with each glossary term replaced by its concept: two sources that differ only by synonyms of
    one concept ("growth triangle" / "Yangtze River Delta") say the same, and one translation fits both."""
    glossary = context.glossary
    if glossary is None:
        return source
    hits = glossary.find(source, context.source_language)
    if not hits:
        return source
    parts, at = [], 0
    for hit in hits:  # in text order, overlaps resolved to the longest
        parts += [source[at:hit.start], f" glossary{hit.concept.id} "]
        at = hit.end
    return "".join(parts) + source[at:]


def _note(message: Message) -> str:
    """What the entry's translator notes (``#.``) say about its context, workbench's own notes aside."""
    if not message.extracted_comments:
        return ""  # most entries have no note
    return " ".join(normalise_space(line) for line in message.extracted_comments
                    if not _GENERATED_NOTE.match(line.strip())).lower()


def _digest(text: str) -> bytes:
    """What two texts are compared by when only equality matters: 12 bytes kept instead of the text."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).digest()


@lru_cache(maxsize=4096)  # a source recurs in its catalogue's other languages
def _source_digest(source: str) -> bytes:
    return _digest(source)


def _usable(entry: Entry) -> bool:
    return entry.has_translation and not entry.message.fuzzy and not entry.message.plural


_NUMBER = struct.Struct("<I")  # an entry's number in its catalogue, in a packed tally
_ITEM = struct.Struct("<I12s12s")  # an entry in a packed tally: its number and the two halves of its facts


def _packed(entries: list[Entry], facts_of) -> bytes:
    """A catalogue's tally: each entry's number and 24-byte facts end to end, for the entries that have some
    (``facts_of(entry)``). 28 bytes an entry, where a tuple of the two took about 150: a language's tallies are
    all held while it is judged."""
    return b"".join(_NUMBER.pack(number) + facts for number, facts in enumerate(map(facts_of, entries))
                    if facts is not None)


def _keys_with_several(tallies: list[bytes]) -> set[bytes]:
    """The first halves of the entries' facts (a source's digest; a translation's) that come with more than one
    second half (translations; sources) in the language: each first half is held with one second half until then,
    and forgotten after (most come with one)."""
    first: dict[bytes, bytes] = {}
    several: set[bytes] = set()
    for tally in tallies:
        for _, key, value in _tally_entries(tally):
            if first.setdefault(key, value) != value:
                several.add(key)
    return several


def _tally_entries(tally: bytes):
    """(entry number, first half of its facts, second half) of each entry of a ``_packed`` tally (unpacked in C: a
    language's tallies are read twice each time it is judged); ValueError for bytes of another length."""
    if len(tally) % _ITEM.size:
        raise ValueError("not a packed tally")
    return _ITEM.iter_unpack(tally)


@register
class InconsistentTranslation(CatalogueCheck):
    id = "inconsistent-translation"
    name = "Same source, different translations"
    description = "The same source text (and context) is translated differently in different entries or catalogues of one language."
    severity = WARNING

    def summarise(self, entry, context):
        """The digests of (context, translator notes, source) and of the translation's identity, end to end
        (12 bytes each): they are only compared."""
        if not _usable(entry):
            return None
        key = "\0".join((entry.message.msgctxt or "\1", _note(entry.message), normalise_space(entry.source)))
        return _digest(key) + _digest(_same_translation(entry.target, context.language))  # one object: 57 bytes

    # Judged file by file: a catalogue's tally is each usable entry's number and digests; the statistics are the
    # sources translated more than one way, with the first place of each translation. A catalogue is read again
    # when one of its sources has such a group and the group (or a file it names) changed.
    def tally(self, info, entries, context):
        return _packed(entries, lambda entry: self.facts(entry, context))

    def combine(self, tallies, files, context):
        """source digest -> (the reference translation, None on a tie; translation digest -> (file number, entry
        number) of its first entry), for the sources translated more than one way; and ``files``. (The sources
        translated one way, most of them, are told apart first with a translation each, then forgotten.)"""
        several_ways = _keys_with_several(tallies)
        groups: dict[bytes, dict[bytes, list[int]]] = {}
        for file_number, tally in enumerate(tallies):
            for number, key, text in _tally_entries(tally):
                if key not in several_ways:
                    continue
                translations = groups.setdefault(key, {})
                place = translations.get(text)
                if place is None:
                    translations[text] = [1, file_number, number]
                else:
                    place[0] += 1
        several = {}
        for key, translations in groups.items():
            if len(translations) < 2:
                continue
            most = max(count for count, _, _ in translations.values())
            majority = [text for text, (count, _, _) in translations.items() if count == most]
            several[key] = (majority[0] if len(majority) == 1 else None,  # a tie: every variant is reported
                            {text: (file_number, number) for text, (_, file_number, number) in translations.items()})
        return several, files

    def view(self, statistics, tally, file_number, context):
        """Each (source, translation) of the catalogue that is not its source's reference, with the place its
        finding names: only a catalogue that has a finding has a view."""
        several, files = statistics
        found = {}
        for _, key, text in _tally_entries(tally):
            if key in several and (key, text) not in found:
                other = self._other(several[key], text)
                if other is not None:
                    found[(key, text)] = (files[other[0]], other[1])
        return tuple(found.items()) or None

    @staticmethod
    def _other(group, text: bytes) -> tuple[int, int] | None:
        """Where the translation ``text`` of a source translated several ways is told to look (the first entry of
        the reference, or on a tie of another variant), None when ``text`` is the reference."""
        reference, translations = group
        if text == reference:
            return None
        return translations[reference if reference is not None else next(t for t in translations if t != text)]

    def check_catalogue(self, info, entries, statistics, file_number, context, entry_of):
        several, _ = statistics
        for entry in entries:
            facts = self.facts(entry, context)
            if facts is None or facts[:12] not in several:
                continue
            other = self._other(several[facts[:12]], facts[12:])
            if other is None:
                continue
            where = entry_of(*other)
            yield entry, info, Issue(
                f"translated differently elsewhere: {where.target!r} ({where.catalogue.path}:{where.message.lineno})",
                offending=entry.target, span=(0, len(entry.target)))


@register
class InconsistentSource(CatalogueCheck):
    id = "inconsistent-source"
    name = "Different sources, same translation"
    description = ("Different source texts share one translation in a language; sources that differ only in case, "
                   "punctuation, spacing, articles, possessives, plural -s, word order or synonyms of one glossary "
                   "concept (growth triangle / Yangtze River Delta) do not count; where one "
                   "source's words are all in the other, or the translation is short, it is info.")
    severity = WARNING

    def summarise(self, entry, context):
        """The digests of the translation (spacing normalised) and of the source, end to end (12 bytes each): they
        are only compared. Exactly the same text: "Mar" (Tuesday) and "mar" (March) are two abbreviations."""
        if not _usable(entry):
            return None
        return _digest(normalise_space(entry.target)) + _source_digest(entry.source)

    # Judged file by file: a catalogue's tally is each usable entry's number and digests; the statistics are the
    # translations shared by entries of different sources. Only the catalogues holding one are read again, with
    # the entries of the group in other catalogues (a source's identity, its words with glossary terms read as
    # their concepts, is worked out for those only: a few in a thousand entries).
    def tally(self, info, entries, context):
        return _packed(entries, lambda entry: self.facts(entry, context))

    def combine(self, tallies, files, context):
        """translation digest -> [(file number, entry number)] of the entries sharing it, in the run's order, for
        the translations shared by two sources at least; ``files``; and the source keys worked out so far."""
        shared_by_sources = _keys_with_several(tallies)
        shared: dict[bytes, list[tuple[int, int]]] = {}
        for file_number, tally in enumerate(tallies):
            for number, target, _ in _tally_entries(tally):
                if target in shared_by_sources:
                    shared.setdefault(target, []).append((file_number, number))
        return shared, files, {}

    def view(self, statistics, tally, file_number, context):
        shared, files, _ = statistics
        targets = dict.fromkeys(target for _, target, _ in _tally_entries(tally) if target in shared)
        return tuple((target, tuple((files[at], number) for at, number in shared[target])) for target in targets) or None

    def check_catalogue(self, info, entries, statistics, file_number, context, entry_of):
        shared, _, source_keys = statistics
        targets = dict.fromkeys(facts[:12] for facts in (self.facts(entry, context) for entry in entries) if facts)
        cjk = script_of(context.language) == "cjk"
        for target_digest in targets:
            members = shared.get(target_digest)
            if members is None:
                continue
            group = [entries[number] if at == file_number else entry_of(at, number) for at, number in members]
            sources: dict[str, list[tuple[int, Entry]]] = {}
            for place, entry in zip(members, group):
                key = source_keys.get(place)
                if key is None:
                    # glossary terms read as their concepts
                    key = source_keys[place] = _loose(_by_concept(entry.source, context), context.source_language)
                sources.setdefault(key, []).append((place[0], entry))
            if len(sources) < 2:
                continue
            target = group[0].target
            short = len(target) < (6 if cjk else 20) or len(target.split()) < (1 if cjk else 3)
            severity = INFO if short else None
            keys = sorted(sources, key=lambda k: (-len(sources[k]), k))
            other = sources[keys[0]][0][1]
            for key in keys[1:]:
                # one source's words all in the other ("Search %s" / "Search within %s", "Add to collection" /
                # "Add images to collection"): the translation leaves the rest out on purpose more often than not
                words, others = set(key.split()), set(keys[0].split())
                narrower = words <= others or others <= words
                for at, entry in sources[key]:
                    if at != file_number:
                        continue
                    yield entry, info, Issue(
                        f"the same translation is used for a different source: {other.source!r} "
                        f"({other.catalogue.path}:{other.message.lineno})",
                        offending=entry.target, span=(0, len(entry.target)),
                        severity=INFO if narrower else severity)


def _template_date(catalog) -> datetime | None:
    """The POT-Creation-Date a catalogue was last updated from, if it reads."""
    value = (catalog.header_field("POT-Creation-Date") or "").strip()
    for layout in ("%Y-%m-%d %H:%M%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M"):
        try:
            made = datetime.strptime(value, layout)
        except ValueError:
            continue
        return made if made.tzinfo else made.replace(tzinfo=timezone.utc)
    return None


def _as_new(other: datetime | None, mine: datetime | None) -> bool:
    """Whether a catalogue made at ``other`` may tell one made at ``mine`` what it lacks (unknown dates: yes)."""
    return other is None or mine is None or other >= mine


@register
class EntryMissing(CrossLanguageCheck):
    id = "entry-missing"
    name = "Entry missing in a language"
    description = ("A source entry that the same catalogue (same domain) has in other languages is absent from this "
                   "language's (catalogues out of step: run 'workbench update'). Only catalogues made from a "
                   "template at least as new (POT-Creation-Date) count: an older one may hold what the source "
                   "has since dropped.")
    severity = WARNING
    by_domain = True

    def check_languages(self, catalogues, source_language, glossary):
        by_domain: dict[str, dict[str, list]] = {}
        for language, infos in catalogues.items():
            for info in infos:
                by_domain.setdefault(info.domain, {}).setdefault(language, []).append(info)
        for domain, languages in by_domain.items():
            if len(languages) < 2:
                continue
            keys: dict[str, set] = {}
            made: dict[str, datetime | None] = {}
            for language, infos in languages.items():
                keys[language] = set()
                made[language] = _template_date(infos[0].catalog)
                for info in infos:
                    for message in info.catalog.entries():
                        keys[language].add(message.key)
            for language, present in keys.items():
                info = languages[language][0]
                newer = [other for other in languages if other != language and _as_new(made[other], made[language])]
                first_seen: dict[tuple, tuple] = {}
                for other in newer:
                    for other_info in languages[other]:
                        for message in other_info.catalog.entries():
                            if message.key not in present:
                                first_seen.setdefault(message.key, (other, other_info, message))
                for key in sorted(first_seen, key=lambda k: (k[0] or "", k[1])):
                    other_language, other_info, message = first_seen[key]
                    header = info.catalog.header
                    stand_in = Message(msgid=message.msgid, msgctxt=message.msgctxt,
                                       lineno=header.lineno if header is not None else 0)
                    entry = Entry(stand_in, info)
                    yield entry, info, Issue(
                        f"entry missing from this catalogue; {other_info.path}:{message.lineno} ({other_language}) has it")
