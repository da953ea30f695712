"""Completeness: untranslated, fuzzy, target identical to the source."""

from __future__ import annotations

import regex as re

from workbench.checks.base import INFO, WARNING, Context, Entry, EntryCheck, Issue
from workbench.checks.registry import register
from workbench.checks.text import blank_code, has_letters, script_of
from workbench.glossary.terminology import TERM


@register
class Untranslated(EntryCheck):
    id = "untranslated"
    name = "Untranslated"
    description = "The entry (or one of its plural forms) has no translation."
    severity = WARNING
    skip_untranslated = False
    skip_fuzzy = False

    def check_entry(self, entry: Entry, context: Context):
        if not entry.has_translation:  # (no text in any msgstr, computed once per entry)
            yield Issue("not translated")
        elif entry.message.plural:
            for index, text in enumerate(entry.message.translations):
                if not text:
                    yield Issue(f"plural form {index} is empty", form=index)


@register
class Fuzzy(EntryCheck):
    id = "fuzzy"
    name = "Fuzzy"
    description = "The translation is marked fuzzy: a draft that gettext will not use until a translator confirms it."
    severity = WARNING
    skip_fuzzy = False

    def check_entry(self, entry: Entry, context: Context):
        if entry.message.fuzzy:
            previous = entry.message.previous_msgid
            detail = f" (source was: {previous!r})" if previous and previous != entry.message.msgid else ""
            yield Issue("marked fuzzy: needs review" + detail)


# acronyms and units (GB, IPv6, AM), abbreviations (a.m., etc.): the same in most languages
_CODEISH = re.compile(r"(?<![\p{L}\p{N}])(?:[\p{Lu}\d][\p{Lu}\p{N}]*[\p{Lu}\d](?:v\d+)?|\p{Lu}?[\p{Ll}]{0,2}[\p{Lu}\d]\p{L}*\d+|"
                      r"(?:\p{L}\.){1,3}|[A-Z][a-z]?\p{Lu}\w*)(?![\p{L}\p{N}])")
_NAME_RUN = re.compile(r"\b\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*)+")
_LETTERS = re.compile(r"\p{L}+")


@register
class SameAsSource(EntryCheck):
    id = "same-as-source"
    name = "Same as source"
    description = ("The translation is identical to the source text. Names and do-not-translate terms of the "
                   "glossary, and texts without words (numbers, URLs, placeholders), are excepted.")
    severity = WARNING

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            if source != target:
                # equal words are equal texts once spaces are normalised; texts whose first or last
                # non-space characters differ cannot have equal words, and need not be split
                src, tgt = source.strip(), target.strip()
                if src[:1] != tgt[:1] or src[-1:] != tgt[-1:] or src.split() != tgt.split():
                    continue
            rest = blank_code(source)
            if context.glossary is not None:
                for hit in context.glossary.find(rest, context.source_language):
                    concept = hit.concept
                    if context.glossary.kind(concept) != TERM:
                        rest = rest[: hit.start] + " " * (hit.end - hit.start) + rest[hit.end:]
            rest = _CODEISH.sub(" ", rest)
            if not has_letters(rest):
                continue
            # a run of capitalised words in a Latin-script language reads as a name ("Pan Guoqiang")
            if script_of(context.language) != "cjk" and not _NAME_RUN.sub("", rest).strip(" ,;:.()-"):
                continue
            word_count = len(_LETTERS.findall(rest))
            same_script = script_of(context.language) == script_of(context.source_language)
            severity = INFO if (same_script and word_count <= 2) else None
            yield Issue("translation is the same as the source", offending=target, span=(0, len(target)),
                        severity=severity, form=form)
