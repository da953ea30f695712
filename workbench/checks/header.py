"""Header validity: the PO header entry a compiler and a translation tool rely on."""

from __future__ import annotations

import gettext
import re

from workbench.checks.base import ERROR, INFO, WARNING, CatalogueCheck, Issue
from workbench.checks.registry import register
from workbench.errors import WorkbenchError
from workbench.langs import locale_for
from babel.messages.plurals import get_plural

_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


def _plural_problem(value: str) -> tuple[str | None, int | None]:
    match = _PLURAL_FORMS.match(value)
    if not match:
        return "Plural-Forms is not of the form 'nplurals=N; plural=EXPRESSION;'", None
    nplurals, expression = int(match.group(1)), match.group(2)
    if nplurals < 1:
        return "nplurals must be at least 1", nplurals
    try:
        function = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        return f"the plural expression {expression!r} is not a valid C expression of n", nplurals
    for n in list(range(0, 1001)) + [10_000, 100_000, 1_000_000]:
        try:
            index = function(n)
        except (ZeroDivisionError, ArithmeticError):
            return f"the plural expression fails for n={n}", nplurals
        if not 0 <= index < nplurals:
            return f"the plural expression gives {index} for n={n}, outside 0..{nplurals - 1}", nplurals
    return None, nplurals


@register
class Header(CatalogueCheck):
    id = "header"
    name = "Header"
    description = ("The PO header exists and is sound: Language is a known language code, Content-Type declares "
                   "a charset, Plural-Forms is present when plural entries are, is well formed and stays in range "
                   "(a different count from CLDR's is noted, not an error).")
    severity = ERROR

    def check_catalogues(self, catalogues, entries, context):
        for info in catalogues:
            catalog = info.catalog
            header = catalog.header
            if header is None:
                yield None, info, Issue("no header entry (msgid \"\")", severity=ERROR)
                continue
            fields = catalog.header_fields()
            if not (fields.get("Language") or "").strip():
                yield None, info, Issue("no Language field in the header", severity=WARNING)
            else:
                try:
                    locale_for(fields["Language"].strip())
                except WorkbenchError:
                    yield None, info, Issue(f"Language {fields['Language'].strip()!r} is not a CLDR language code",
                                            severity=WARNING)
            content_type = fields.get("Content-Type")
            if content_type is None:
                yield None, info, Issue("no Content-Type field in the header", severity=WARNING)
            elif "charset=" not in content_type.lower():
                yield None, info, Issue("Content-Type declares no charset", severity=WARNING)
            elif "charset=charset" in content_type.lower():
                yield None, info, Issue("Content-Type still has the template's placeholder 'charset=CHARSET'",
                                        severity=ERROR)
            plural_entries = any(m.plural for m in catalog.entries())
            value = fields.get("Plural-Forms")
            if value is None or not value.strip():
                if plural_entries:
                    yield None, info, Issue("plural entries but no Plural-Forms in the header", severity=ERROR)
                continue
            problem, nplurals = _plural_problem(value)
            if problem:
                yield None, info, Issue(problem, offending=value, severity=ERROR)
                continue
            try:
                cldr = get_plural(locale_for(info.language)).num_plurals
            except (WorkbenchError, Exception):  # noqa: BLE001 - language unknown to CLDR
                cldr = None
            if cldr is not None and nplurals != cldr:
                yield None, info, Issue(f"Plural-Forms has nplurals={nplurals}; CLDR has {cldr} forms for "
                                        f"{info.language}", offending=value, severity=INFO)
