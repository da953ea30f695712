"""Plural forms: the one place that reads a ``Plural-Forms`` value and knows which ones a language may have.

The decision (see README, "Plural forms"): a new catalogue gets **GNU gettext's established form**
for its language, the one ``msginit`` writes and that Poedit, Lokalize and most existing
translations use (French ``nplurals=2; plural=(n > 1);``). Only for a language gettext has no
form for does workbench take CLDR's rule, as the pinned Babel renders it.

CLDR's rules moved away from gettext's for several languages: since CLDR 42 French, Spanish,
Italian, Portuguese and Catalan have a third form, ``many``, for exact millions (``un million
de fichiers``), and CLDR counts four forms for Russian, where the fourth (``other``) is only
reached by fractions. Catalogues written either way are correct, so the header check accepts
both the gettext form and the CLDR form of a language; and ``update`` never rewrites the
``Plural-Forms`` of an existing catalogue, since its msgstr[n] follow it.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable

from babel.messages.plurals import get_plural

from workbench.errors import WorkbenchError
from workbench.langs import locale_for, primary

# GNU gettext's forms: the table msginit uses (gettext-tools/src/plural-table.c, as msginit 0.21
# writes it; a test compares with msginit where it is installed), the manual's Thai and Arabic,
# and Catalan, which gettext lacks and whose established form is Spanish's.
GETTEXT_FORMS: dict[str, str] = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    "be": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "bg": "nplurals=2; plural=(n != 1);",
    "ca": "nplurals=2; plural=(n != 1);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "da": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "el": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "eo": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "et": "nplurals=2; plural=(n != 1);",
    "fi": "nplurals=2; plural=(n != 1);",
    "fo": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "he": "nplurals=2; plural=(n != 1);",
    "hr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "hu": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "nb": "nplurals=2; plural=(n != 1);",
    "nl": "nplurals=2; plural=(n != 1);",
    "nn": "nplurals=2; plural=(n != 1);",
    "no": "nplurals=2; plural=(n != 1);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "pt": "nplurals=2; plural=(n != 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "sr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "sv": "nplurals=2; plural=(n != 1);",
    "th": "nplurals=1; plural=0;",
    "tr": "nplurals=2; plural=(n != 1);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "vi": "nplurals=1; plural=0;",
}

# The numbers a rule is compared on: every n up to 1,000 (all the residues gettext's rules test),
# and round numbers up to CLDR's "many" of exact millions.
SAMPLE_NUMBERS: tuple[int, ...] = tuple(range(0, 1001)) + (1_100, 10_000, 100_000, 1_000_000, 2_000_000,
                                                          10_000_000, 1_000_001)

# CLDR's categories in the order gettext tools number them (Babel's to_gettext, Weblate, Pontoon).
_CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")
# What gettext reads as white space around the parts of the value.
_BLANKS = " \t\r\n\f\v"
# gettext's own limit on the expression it compiles (gettext.c2py refuses longer ones too).
_MAX_EXPRESSION = 1000


@dataclass(frozen=True)
class PluralForms:
    """A plural rule: how many forms, and which form a number takes."""

    nplurals: int
    expression: str
    # how the form is chosen when not by compiling ``expression`` (CLDR's rule: see cldr_plural_forms)
    evaluate: Callable[[int], int] | None = field(default=None, compare=False, repr=False)

    @property
    def header_value(self) -> str:
        return f"nplurals={self.nplurals}; plural={self.expression};"

    @cached_property
    def _function(self) -> Callable[[int], int]:
        return self.evaluate or gettext.c2py(self.expression)

    def index(self, n: int) -> int:
        return self._function(n)

    @cached_property
    def signature(self) -> tuple[int, tuple[int, ...]]:
        """What a rule means on the sample numbers: two rules with the same signature are the same rule."""
        return self.nplurals, tuple(self.index(n) for n in SAMPLE_NUMBERS)


class PluralFormsError(ValueError):
    """A Plural-Forms value that is not ``nplurals=N; plural=EXPRESSION;`` or that gettext cannot evaluate."""


@lru_cache(maxsize=1024)
def parse_plural_forms(value: str) -> PluralForms:
    """Read a header's Plural-Forms value, as gettext does; PluralFormsError says what is wrong.

    Written as a split on ';' and '=', not a regular expression: the value is user text, and a
    pattern with adjacent optional spaces backtracks for minutes on a long run of spaces. Kept per
    value: a tree of 1,000 catalogues has a few dozen distinct rules (and the rule's signature,
    computed once on it, is what the header check compares).
    """
    counted, separator, rest = value.partition(";")
    key, equals, number = counted.partition("=")
    number = number.strip(_BLANKS)  # str.strip() would also take \x1c-\x1f, which int() then refuses
    if not separator or not equals or key.strip(_BLANKS) != "nplurals" or not number.isascii() \
            or not number.isdigit():
        raise PluralFormsError("Plural-Forms is not of the form 'nplurals=N; plural=EXPRESSION;'")
    key, equals, expression = rest.partition("=")
    expression = expression.strip(_BLANKS)
    if expression.endswith(";"):
        expression = expression[:-1].rstrip(_BLANKS)
    if not equals or key.strip(_BLANKS) != "plural" or not expression or ";" in expression:
        raise PluralFormsError("Plural-Forms is not of the form 'nplurals=N; plural=EXPRESSION;'")
    nplurals = int(number)
    if not 1 <= nplurals <= 100:
        raise PluralFormsError(f"nplurals={nplurals} is out of range (1 to 100)")
    if len(expression) > _MAX_EXPRESSION:
        raise PluralFormsError(f"the plural expression is longer than {_MAX_EXPRESSION} characters")
    forms = PluralForms(nplurals, expression)
    try:
        forms.index(0)
    except (ValueError, SyntaxError, RecursionError, ArithmeticError):
        raise PluralFormsError(f"the plural expression {expression!r} is not a C expression of n that "
                               "gettext can evaluate") from None
    return forms


def _gettext_key(code: str) -> str | None:
    """The GETTEXT_FORMS key for a language code: the code itself (``pt_BR``), else its language."""
    for key in (code.replace("-", "_").split("@")[0], primary(code)):
        if key in GETTEXT_FORMS:
            return key
    return None


@lru_cache(maxsize=None)
def gettext_plural_forms(code: str) -> PluralForms | None:
    """GNU gettext's established form for a language, or None when gettext has none."""
    key = _gettext_key(code)
    return parse_plural_forms(GETTEXT_FORMS[key]) if key else None


@lru_cache(maxsize=None)
def cldr_plural_forms(code: str) -> PluralForms:
    """CLDR's plural rule for a language, numbered as gettext tools number CLDR's categories.

    Evaluated from CLDR's own rule, not from a C rendering: Babel's renders some rules with CLDR's
    exponent operand ``e``, which gettext does not know."""
    locale = locale_for(code)
    rule = locale.plural_form
    tags = [tag for tag in _CLDR_ORDER if tag in rule.tags or tag == "other"]
    return PluralForms(len(tags), get_plural(locale).plural_expr, lambda n: tags.index(rule(n)))


def default_plural_forms(code: str) -> str:
    """The Plural-Forms value workbench writes into a new catalogue for ``code``."""
    established = gettext_plural_forms(code)
    if established is not None:
        return established.header_value
    plural = get_plural(locale_for(code))  # WorkbenchError for a language CLDR does not know
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def accepted_plural_forms(code: str) -> list[PluralForms]:
    """The rules a catalogue in ``code`` may carry: gettext's established one and CLDR's."""
    accepted = []
    established = gettext_plural_forms(code)
    if established is not None:
        accepted.append(established)
    try:
        accepted.append(cldr_plural_forms(code))
    except WorkbenchError:  # a language CLDR does not know: gettext's form alone, if any
        pass
    return accepted


def is_accepted(forms: PluralForms, code: str) -> bool:
    """True when ``forms`` means what gettext's or CLDR's rule for ``code`` means, however it is written."""
    try:
        signature = forms.signature
    except (ArithmeticError, RecursionError, ValueError):
        return False
    return any(signature == accepted.signature for accepted in accepted_plural_forms(code))


def form_labels(forms: PluralForms, code: str, limit: int = 4) -> list[str]:
    """A label per form of ``forms`` for a translator: its CLDR category and example numbers
    (``one: 1, 21, 31``), as Poedit and Weblate name the msgstr[n] boxes; the category is CLDR's
    for the form's first example, ``form N`` where there is no number or CLDR does not know the language."""
    try:
        category = locale_for(code).plural_form
    except WorkbenchError:
        category = None
    examples: list[list[int]] = [[] for _ in range(forms.nplurals)]
    for n in range(0, 1001):
        index = forms.index(n)
        if 0 <= index < forms.nplurals and len(examples[index]) < limit:
            examples[index].append(n)
    labels = []
    for index, numbers in enumerate(examples):
        name = category(numbers[0]) if (category and numbers) else f"form {index}"
        labels.append(f"{name}: {', '.join(map(str, numbers))}…" if numbers else name)
    return labels
