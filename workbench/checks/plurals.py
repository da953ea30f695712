"""Plural forms: each plural entry has as many msgstr[i] as the file's own ``Plural-Forms`` says.

The count comes from the catalogue's header, not from a built-in table: a file
may legitimately use another formula than CLDR's (Django's Russian catalogues
have four forms). A missing or broken header is the ``header`` check's.
"""

from __future__ import annotations

from workbench.checks.base import ERROR, WARNING, Context, Entry, EntryCheck, Issue
from workbench.checks.registry import register


@register
class PluralForms(EntryCheck):
    id = "plural-forms"
    name = "Plural forms count"
    description = "A plural entry has exactly nplurals translations (msgstr[0] … msgstr[nplurals-1]), per the file's Plural-Forms header."
    severity = ERROR
    skip_untranslated = False
    skip_fuzzy = False

    def check_entry(self, entry: Entry, context: Context):
        message = entry.message
        expected = entry.catalogue.nplurals
        if not message.plural or expected is None:
            return
        count = len(message.msgstr_plural)
        if count == 0 and message.msgstr:
            yield Issue(f"plural entry has a plain msgstr; the header's Plural-Forms asks for {expected} forms")
        elif count != expected:
            # msgfmt leaves out an entry whose every msgstr is empty (its --check too): nothing breaks until a
            # translator fills it in, and an editor then offers the header's number of forms
            untranslated = not any(message.msgstr_plural)
            yield Issue(f"{count} plural form{'s' if count != 1 else ''}, the header's Plural-Forms says nplurals={expected}"
                        + (" (not translated yet)" if untranslated else ""),
                        offending=f"msgstr[{count - 1}]" if count else None, severity=WARNING if untranslated else None)
