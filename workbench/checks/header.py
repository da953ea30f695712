"""Header validity: the PO header entry a compiler and a translation tool rely on."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from workbench.checks.base import ERROR, INFO, WARNING, CatalogueCheck, Issue
from workbench.checks.registry import register
from workbench.errors import WorkbenchError
from workbench.langs import locale_for
from workbench.layout import path_language
from workbench.plurals import (SAMPLE_NUMBERS, PluralFormsError, accepted_plural_forms, gettext_plural_forms,
                               is_accepted, parse_plural_forms)


@lru_cache(maxsize=1024)
def _plural_problem(value: str):
    """(problem, rule): what makes a Plural-Forms value unusable, or (None, the rule)."""
    try:
        forms = parse_plural_forms(value)
    except PluralFormsError as exc:
        return str(exc), None
    for n in SAMPLE_NUMBERS:  # each must pick one of the msgstr[]; gettext would read past them otherwise
        try:
            index = forms.index(n)
        except (ArithmeticError, RecursionError, ValueError):
            return f"the plural expression fails for n={n}", None
        if not 0 <= index < forms.nplurals:
            return f"the plural expression gives {index} for n={n}, outside 0..{forms.nplurals - 1}", None
    return None, forms


@register
class Header(CatalogueCheck):
    id = "header"
    name = "Header"
    description = ("The PO header exists and is sound: Language is a known language code, Content-Type declares "
                   "a charset, Plural-Forms is present when plural entries are, is well formed and stays in range "
                   "(a rule that is neither GNU gettext's established one nor CLDR's for the language is noted, not an error).")
    severity = ERROR

    # Judged file by file: a catalogue's tally is its findings, so only a catalogue that has some is read again.
    def tally(self, info, entries, context):
        return tuple((issue.message, issue.offending, issue.severity) for issue in self._issues(info))

    def view(self, statistics, tally, file_number, context):
        return () if tally else None

    def check_catalogue(self, info, entries, statistics, file_number, context, entry_of):
        for issue in self._issues(info):
            yield None, info, issue

    def _issues(self, info) -> Iterable[Issue]:
        catalog = info.catalog
        header = catalog.header
        if header is None:
            yield Issue("no header entry (msgid \"\")", severity=ERROR)
            return
        fields = catalog.header_fields()
        if not (fields.get("Language") or "").strip():
            # the run went on with a language from the path (or --lang): worth knowing, nothing broken
            where = "the path" if path_language(info.path) == info.language else "--lang"
            yield Issue(f"no Language in the header; checked as {info.language}, from {where}", severity=INFO)
        else:
            try:
                locale_for(fields["Language"].strip())
            except WorkbenchError:
                yield Issue(f"Language {fields['Language'].strip()!r} is not a CLDR language code",
                            severity=WARNING)
        content_type = fields.get("Content-Type")
        if content_type is None:
            yield Issue("no Content-Type field in the header", severity=WARNING)
        elif "charset=" not in content_type.lower():
            yield Issue("Content-Type declares no charset", severity=WARNING)
        elif "charset=charset" in content_type.lower():
            yield Issue("Content-Type still has the template's placeholder 'charset=CHARSET'", severity=ERROR)
        plurals = [m for m in catalog.entries() if m.plural]
        value = fields.get("Plural-Forms")
        if value is None or not value.strip():
            # msgfmt --check rejects the file only once a plural entry is translated; until then gettext
            # shows the msgids with n != 1 (Django's and Wagtail's English catalogues), nothing is broken yet
            if any(not m.fuzzy and any(m.msgstr_plural) for m in plurals):
                yield Issue("plural entries translated but no Plural-Forms in the header", severity=ERROR)
            elif plurals:
                yield Issue("plural entries but no Plural-Forms in the header; needed once they are translated",
                            severity=WARNING)
            return
        problem, forms = _plural_problem(value)
        if problem:
            yield Issue(problem, offending=value, severity=ERROR)
            return
        try:
            accepted = accepted_plural_forms(info.language)
        except WorkbenchError:  # a language unknown to CLDR: the Language finding above says so
            accepted = []
        if accepted and not is_accepted(forms, info.language):
            established = gettext_plural_forms(info.language)
            expected = established.header_value if established else accepted[0].header_value
            yield Issue(f"Plural-Forms is neither gettext's nor CLDR's rule for {info.language} "
                        f"(gettext tools write {expected!r})", offending=value, severity=INFO)
