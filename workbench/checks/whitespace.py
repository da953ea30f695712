"""Whitespace: leading and trailing whitespace as in the source, double spaces, repeated words."""

from __future__ import annotations

import regex as re

from workbench.checks.base import WARNING, Context, Entry, EntryCheck, Issue
from workbench.checks.registry import register
from workbench.checks.text import blank_code, script_of
from workbench.langs import primary


def _lead(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trail(text: str) -> str:
    return text[len(text.rstrip()):]


def _kind(space: str) -> str:
    return "newline" if "\n" in space else ("space" if space else "")


@register
class LeadingWhitespace(EntryCheck):
    id = "leading-whitespace"
    name = "Leading whitespace"
    description = "The translation starts with whitespace (a space, a newline) exactly when the source does."
    severity = WARNING

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            if not source[:1].isspace() and not target[:1].isspace():
                continue  # the usual case: neither starts with whitespace
            src, tgt = _kind(_lead(source)), _kind(_lead(target))
            if src != tgt:
                lead = _lead(target)
                yield Issue(f"leading whitespace differs: source {src or 'none'}, translation {tgt or 'none'}",
                            offending=lead or None, span=(0, len(lead)) if lead else None, form=form)


@register
class TrailingWhitespace(EntryCheck):
    id = "trailing-whitespace"
    name = "Trailing whitespace"
    description = "The translation ends with whitespace (a space, a newline) exactly when the source does."
    severity = WARNING

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            if not source[-1:].isspace() and not target[-1:].isspace():
                continue
            src, tgt = _kind(_trail(source)), _kind(_trail(target))
            if src != tgt:
                trail = _trail(target)
                yield Issue(f"trailing whitespace differs: source {src or 'none'}, translation {tgt or 'none'}",
                            offending=trail or None, span=(len(target) - len(trail), len(target)) if trail else None,
                            form=form)


_DOUBLE = re.compile(r"(?<=\S)[ \u00a0\u202f\u3000]{2,}(?=\S)")


@register
class DoubleSpace(EntryCheck):
    id = "double-space"
    name = "Double space"
    description = "Two or more spaces in a row inside the translation where the source has none."
    severity = WARNING

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            # no two spaces in a row can be there without two ASCII ones or one of the others _DOUBLE counts
            # (each tested with `in`: three scans cost less than one generator): the source need not be looked at
            if "  " not in target and (target.isascii() or not ("\u00a0" in target or "\u202f" in target
                                                                or "\u3000" in target)):
                continue
            if _DOUBLE.search(source):
                continue
            for match in _DOUBLE.finditer(target):
                yield Issue("double space", offending=match.group(0), span=match.span(), form=form)


# words a language legitimately doubles ("nous nous sommes", "что что-то" is a hyphen case)
_DOUBLED_OK = {
    "fr": {"nous", "vous"}, "en": {"that", "had", "is", "do"}, "de": {"die", "der", "das", "sie"},
    "es": {"que"}, "nl": {"die"}, "pt": {"que"}, "it": {"che"}, "ru": {"что", "так", "то"},
}
# possessive quantifiers: a gap character is no word character and a word starts with a letter, so giving back
# part of the word or of the gap can never let the rest match (not trying it: a few per cent faster)
_REPEATED = re.compile(r"(?<![\p{L}\p{N}'’-])(?P<word>[\p{L}][\p{L}\p{M}'’]*+)(?P<gap>[ \u00a0]++)(?P=word)(?![\p{L}\p{N}'’-])",
                       re.IGNORECASE)


@register
class RepeatedWord(EntryCheck):
    id = "repeated-word"
    name = "Repeated word"
    description = ("The same word twice in a row (\"the the\", \"в в\"), where the source has no such repetition. "
                   "Not in Chinese or Japanese, where doubling is grammar (看看, 常常).")
    severity = WARNING
    scripts = frozenset({"latin", "cyrillic", "greek"})

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            # code blanked with a mark, not spaces: "in <b>%(task)s</b> in" has markup between its two words
            plain = blank_code(target, fill="\x00")
            if not _REPEATED.search(plain):
                continue  # the usual case (one search, no list built): the source need not be scanned
            allowed = _DOUBLED_OK.get(primary(context.language), set())
            source_repeats = {m.group("word").lower() for m in _REPEATED.finditer(blank_code(source, fill="\x00"))}
            for match in _REPEATED.finditer(plain):
                word = match.group("word").lower()
                if word in allowed or word in source_repeats or (len(word) == 1 and script_of(context.language) == "latin"):
                    continue
                yield Issue(f"repeated word {match.group('word')!r}", offending=target[match.start():match.end()],
                            span=match.span(), form=form)
