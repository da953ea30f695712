"""Code in the text: placeholders (printf, Python %-named, brace), HTML/XML tags, URLs, e-mails.

The entry's flags decide which placeholder syntaxes apply (``c-format``,
``python-format``, ``python-brace-format`` and their ``no-`` forms); without
flags, Python ``%(name)s`` always counts and printf and brace placeholders
count when the source has some. For plural entries a placeholder may be left
out of some forms (``msgstr[0]`` "Один файл"), as msgfmt allows, but not of
all of them, and none may be added.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex as re

from workbench.checks.base import ERROR, WARNING, Context, Entry, EntryCheck, Issue
from workbench.checks.registry import register
from workbench.checks.text import BRACE_FORMAT, EMAIL, PRINTF, PYTHON_FORMAT, TAG, URL
from workbench.plurals import PluralFormsError, parse_plural_forms
from workbench.readers.base import misnested


# the token lists are asked of one text several times in a row (the source for each comparison, by each plural
# form): kept for the last texts
@lru_cache(maxsize=4096)
def _printf_tokens(text: str) -> tuple[str, ...]:
    if "%" not in text:
        return ()
    text = PYTHON_FORMAT.sub(" ", text)
    return tuple(match.group(0) for match in PRINTF.finditer(text) if match.group("conv") != "%")


@lru_cache(maxsize=1024)
def _printf_key(token: str) -> str:
    """``%1$s`` and ``%s`` compare by conversion; ``%ld`` = ``%d`` for the check's purposes."""
    match = PRINTF.match(token)
    conv = match.group("conv") if match else token[-1]
    return {"i": "d", "u": "d"}.get(conv, conv)


@lru_cache(maxsize=4096)
def _python_tokens(text: str) -> tuple[str, ...]:
    if "%(" not in text:
        return ()
    return tuple(m.group(0) for m in PYTHON_FORMAT.finditer(text) if not m.group(0).endswith("%%"))


@lru_cache(maxsize=4096)
def _brace_tokens(text: str) -> tuple[str, ...]:
    if "{" not in text:
        return ()
    return tuple(m.group(0) for m in BRACE_FORMAT.finditer(text))


_PERCENT_OFF = re.compile(r"\d\s?%\s")  # "50% off": a percentage, so the source's % signs are no printf


def _formats(entry: Entry, source: str) -> dict[str, bool]:
    flags = set(entry.message.flags)
    printf = "c-format" in flags or "python-format" in flags or "objc-format" in flags or "php-format" in flags
    if "no-c-format" not in flags and "no-python-format" not in flags and not printf:
        printf = bool(_printf_tokens(source)) and not _PERCENT_OFF.search(source)
    brace = "python-brace-format" in flags or (
        "no-python-brace-format" not in flags and bool(_brace_tokens(source)))
    python = "no-python-format" not in flags
    return {"printf": printf, "python": python, "brace": brace}


_TRIGGERS = {"python": "%(", "brace": "{", "printf": "%"}


def _same(token: str) -> str:
    return token


@register
class Placeholders(EntryCheck):
    id = "placeholders"
    name = "Placeholders"
    description = ("Format placeholders of the source are kept in the translation: printf (%s, %d, %1$s), "
                   "Python named (%(name)s) and brace ({name}, {0}); none is added, unnumbered printf ones keep "
                   "their order.")
    severity = ERROR

    def check_entry(self, entry: Entry, context: Context):
        message = entry.message
        # every text at once, a line apart (no opening "%(" made of two texts' ends)
        texts = "\n".join((message.msgid, message.msgid_plural or "", *message.translations))
        if "%" not in texts and "{" not in texts:
            return  # no placeholder syntax anywhere: nothing to compare
        pairs = entry.pairs()
        formats = _formats(entry, message.msgid + "\n" + (message.msgid_plural or ""))
        kinds = [("python", _python_tokens, _same), ("brace", _brace_tokens, _same)]
        if formats["printf"]:
            kinds.append(("printf", _printf_tokens, _printf_key))
        for kind, extract, key in kinds:
            if kind == "brace" and not formats["brace"]:
                continue
            if kind == "python" and not formats["python"]:
                continue
            if _TRIGGERS[kind] not in texts:
                continue  # no text has this syntax's opening character
            if message.plural:
                yield from self._plural(kind, extract, key, message, pairs, entry.catalogue)
                continue
            for form, source, target in pairs:
                if extract(source) == extract(target):
                    continue  # the usual case: the same placeholders in the same order
                src, tgt = Counter(map(key, extract(source))), Counter(map(key, extract(target)))
                if kind != "printf" or any("$" in t for t in extract(source) + extract(target)):
                    src, tgt = Counter(set(src)), Counter(set(tgt))  # a named placeholder may be used twice
                tgt_tokens = extract(target)
                for token in src - tgt:
                    shown = next((t for t in extract(source) if key(t) == token), token)
                    yield Issue(f"placeholder {shown} of the source is missing", offending=shown, form=form)
                for token in tgt - src:
                    shown = next((t for t in tgt_tokens if key(t) == token), token)
                    start = target.find(shown)
                    yield Issue(f"placeholder {shown} is not in the source", offending=shown,
                                span=(start, start + len(shown)) if start >= 0 else None, form=form)
                if kind == "printf" and src == tgt and not any("$" in t for t in tgt_tokens):
                    if [key(t) for t in extract(source)] != [key(t) for t in tgt_tokens]:
                        yield Issue("unnumbered printf placeholders change order; number them (%1$s, %2$d)", form=form)

    def _plural(self, kind, extract, key, message, pairs, catalogue):
        source_keys = set(map(key, extract(message.msgid))) | set(map(key, extract(message.msgid_plural or "")))
        plural_tokens = {key(token): token for token in extract(message.msgid_plural or "")}
        # (forms that are not the header's, a count plural-forms reports, say nothing of which numbers they serve)
        often = (_often_forms(catalogue.nplurals, catalogue.plural_expr)
                 if len(message.msgstr_plural) == catalogue.nplurals else {})
        seen: set[str] = set()
        reported: set[str] = set()
        for form, source, target in pairs:
            tokens = extract(target)
            keys = set(map(key, tokens))
            seen |= keys
            for token in tokens:
                if key(token) not in source_keys:
                    start = target.find(token)
                    yield Issue(f"placeholder {token} is not in the source", offending=token,
                                span=(start, start + len(token)), form=form)
            # a form Plural-Forms uses for many numbers (Russian and Ukrainian msgstr[0]: 1, 21, 31, ...) shows the
            # number: it may not leave it out (msgfmt -c refuses it), where a form for one number only may ("один")
            if form in often:
                for token_key in sorted(set(plural_tokens) - keys):
                    reported.add(token_key)
                    yield Issue(f"placeholder {plural_tokens[token_key]} of the source is missing from this plural "
                                f"form, which Plural-Forms uses for n = {often[form]}, …", offending=plural_tokens[token_key],
                                form=form)
        if pairs:
            for token_key in sorted(set(plural_tokens) - seen - reported):
                yield Issue(f"placeholder {plural_tokens[token_key]} of the source is missing from every plural form",
                            offending=plural_tokens[token_key])


@lru_cache(maxsize=256)
def _often_forms(nplurals: int | None, expression: str | None) -> dict[int, str]:
    """The plural forms the catalogue's Plural-Forms uses for five numbers or more of 0 to 1000, each with the
    first three (``"1, 21, 31"``): as msgfmt -c counts them, a form used that often must hold every directive of
    msgid_plural. None of them when the header gives no formula that evaluates."""
    if not nplurals or not expression:
        return {}
    try:
        forms = parse_plural_forms(f"nplurals={nplurals}; plural={expression};")
        numbers: dict[int, list[int]] = {}
        for n in range(1001):
            numbers.setdefault(forms.index(n), []).append(n)
    except (PluralFormsError, ValueError, SyntaxError, RecursionError, ArithmeticError, TypeError):
        return {}
    return {form: ", ".join(map(str, found[:3])) for form, found in numbers.items() if len(found) >= 5}


@register
class Tags(EntryCheck):
    id = "tags"
    name = "Tags"
    description = ("HTML/XML tags (and the <g1>…</g1> placeholders of inline markup) of the source are kept, none added, "
                   "and nested as in the source (<g1><g2>…</g1></g2> is an error; a pair moved out of or into another "
                   "element is a warning).")
    severity = ERROR

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            if "<" not in target and "<" not in source:
                continue  # the usual case: no tag on either side
            src_tags = _markup(source)
            if not src_tags and "<" not in target:
                continue
            src = Counter(_tag_key(m) for m in src_tags)
            tgt_matches = _markup(target)
            tgt = Counter(_tag_key(m) for m in tgt_matches)
            quoted = _typed_quotations(source, target)
            for key in sorted(src - tgt):
                if key[0] == "q" and quoted:  # a browser draws <q> as quote marks: typed ones show the same
                    yield Issue(f"tag {_show(key)} of the source is rendered as typed quote marks",
                                offending=_show(key), form=form, severity=WARNING)
                else:
                    yield Issue(f"tag {_show(key)} of the source is missing", offending=_show(key), form=form)
            added = tgt - src
            # balanced inline formatting a translation adds on purpose (French ordinals {}<sup>e</sup>)
            # publishes valid markup: worth a look, not an error
            on_purpose = (all(name in _INLINE for name, _ in added)
                          and all(added[(name, "open")] == added[(name, "close")] for name, _ in added))
            for key in sorted(added):
                match = next(m for m in tgt_matches if _tag_key(m) == key)
                yield Issue(f"tag {_show(key)} is not in the source" + (" (formatting added on purpose?)" if on_purpose else ""),
                            offending=match.group(0), span=match.span(), form=form,
                            severity=WARNING if on_purpose else None)
            if src == tgt and misnested([_tag_key(m) for m in src_tags]) is None:
                crossing = misnested([_tag_key(m) for m in tgt_matches])
                if crossing:  # <g1><g2>…</g1></g2>: the same tags, but no longer a tree
                    left_open, closing = crossing
                    match = next(m for m in tgt_matches if _tag_key(m) == (closing, "close"))
                    message = (f"tag </{closing}> closes before <{closing}> opens" if not left_open else
                               f"tags <{left_open}> and <{closing}> are not nested as in the source: "
                               f"</{closing}> closes while <{left_open}> is open")
                    yield Issue(message, offending=match.group(0), span=match.span(), form=form)
                else:
                    yield from _moved(src_tags, tgt_matches, form)


def _places(matches) -> tuple[Counter, dict[str, str]]:
    """Where each tag pair of a well-nested ``matches`` lies: (its element, the elements wrapping exactly
    the same text as it, the elements of the innermost pair around those) for each pair, and each element's
    parent (its first pair's; "" at the top) for a message. Pairs wrapping exactly the same text are one
    span: <b><i>x</i></b> and <i><b>x</b></i> look the same. Names opened as often as closed only (a void <br>,
    half a pair whose other half is in the next sentence, has no inside)."""
    keys = [_tag_key(m) for m in matches]
    counts = Counter(keys)
    paired = {name for name, kind in counts if kind == "open" and counts[(name, "open")] == counts[(name, "close")]}
    pairs: list[list] = []  # [name, parent's index or None, opening match, closing match]
    stack: list[int] = []
    for match, (name, kind) in zip(matches, keys):
        if name not in paired:
            continue
        if kind == "open":
            pairs.append([name, stack[-1] if stack else None, match, None])
            stack.append(len(pairs) - 1)
        elif kind == "close" and stack:
            pairs[stack.pop()][3] = match
    outer = list(range(len(pairs)))  # the outermost pair wrapping exactly the same text as each

    def exactly(parent: int, child: int) -> bool:
        text = pairs[child][2].string
        return (not text[pairs[parent][2].end():pairs[child][2].start()].strip()
                and not text[pairs[child][3].end():pairs[parent][3].start()].strip())

    for i, (_, parent, _, _) in enumerate(pairs):  # parents come before their children
        if parent is not None and exactly(parent, i):
            outer[i] = outer[parent]
    groups: dict[int, list[str]] = {}
    for i, (name, *_) in enumerate(pairs):
        groups.setdefault(outer[i], []).append(name)
    places: Counter = Counter()
    parents: dict[str, str] = {}
    for i, (name, parent, _, _) in enumerate(pairs):
        around = pairs[outer[i]][1]
        places[(name, tuple(sorted(groups[outer[i]])), tuple(sorted(groups[outer[around]])) if around is not None else ())] += 1
        parents.setdefault(name, pairs[parent][0] if parent is not None else "")
    return places, parents


def _moved(source_matches, target_matches, form):
    """A warning for each pair that lies in another element than in the source (<g1>… <g2>…</g2></g1> made
    <g1>…</g1> <g2>…</g2>: a link no longer bold). The markup is valid, the formatting is not the source's;
    siblings in another order keep their parents, and stay silent (the target's word order may need it)."""
    (source, source_parent), (target, target_parent) = _places(source_matches), _places(target_matches)
    for name in sorted({name for name, _, _ in source - target}):
        parent, here = source_parent[name], target_parent.get(name, "")
        match = next(m for m in target_matches if _tag_key(m) == (name, "open"))
        if parent and parent != here:
            message = f"<{name}> is inside <{parent}> in the source, not here" + (f" (here inside <{here}>)" if here else "")
        elif here and here != parent:
            message = f"<{name}> is inside <{here}> here, not in the source"
        else:
            continue  # the same parent, another element wrapping exactly its text (<b><a>x</a></b>, <b><a>x</a> y</b>)
        yield Issue(message, offending=match.group(0), span=match.span(), form=form, severity=WARNING)


# current HTML elements: a name outside this list that the text never closes is not markup but a
# metavariable in angle brackets (Sphinx's "<<original entry>>", a usage line's "<command>"), which a
# translator rightly translates
_HTML_ELEMENTS = frozenset("""a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure
footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark
menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script
search section select slot small source span strong style sub summary sup table tbody td template textarea tfoot th
thead time title tr track u ul var video wbr nobr center font big tt strike""".split())
_INLINE_PLACEHOLDER = re.compile(r"[gx]\d+")
# inline formatting: changes how text looks, never where it links or what it runs
_INLINE = frozenset("abbr b bdi bdo big cite code dfn em i kbd mark nobr q s samp small span strong sub sup tt u var "
                    "wbr br".split())


def _markup(text: str) -> list:
    """The tags of ``text`` that are markup: every tag, except an opening tag of a name that is no HTML
    element (nor an inline placeholder, <g1>) and that the text never closes (``<command>``, ``<original entry>``)."""
    matches = list(TAG.finditer(text))
    closed = {m.group("name").lower() for m in matches if m.group(0).startswith("</")}
    return [m for m in matches
            if m.group(0).startswith("</") or m.group(0).endswith("/>") or m.group("name").lower() in closed
            or m.group("name").lower() in _HTML_ELEMENTS or _INLINE_PLACEHOLDER.fullmatch(m.group("name"))
            or ":" in m.group("name")]


_QUOTES = "\"'“”„«»‘’‚‹›「」『』"


def _typed_quotations(source: str, target: str) -> bool:
    """Whether every <q>…</q> of the source has its content, as written, between quote marks in the target
    (Django's 'Template: <q>%(name)s</q>' = 'Plantilla: "%(name)s"'); an escaped \\" is shown as typed, no quote."""
    inner = re.findall(r"<q\b[^>]*>([^<]+)</q>", source, re.I)
    return bool(inner) and all(re.search(f"(?<!\\\\)[{_QUOTES}]\\s?{re.escape(text)}\\s?[{_QUOTES}]", target)
                               for text in inner)


def _tag_key(match) -> tuple[str, str]:
    text = match.group(0)
    kind = "close" if text.startswith("</") else ("empty" if text.endswith("/>") else "open")
    return (match.group("name").lower(), kind)


def _show(key: tuple[str, str]) -> str:
    name, kind = key
    return f"</{name}>" if kind == "close" else (f"<{name}/>" if kind == "empty" else f"<{name}>")


def _url_key(url: str) -> str:
    """A URL without its language part (/en/ → /fr/ is a localisation, not a mistake)."""
    url = url.rstrip("/")
    url = re.sub(r"(?<=/)[a-z]{2}(?:[-_][a-zA-Z]{2,4})?(?=/|$)", "*", url)
    return re.sub(r"([?&](?:lang|hl|locale)=)[\w-]+", r"\1*", url)


# a slot the reader fills in (http://domain.com/blog/[my-slug]/): the URL shows a pattern, it is no link
_URL_SLOT = re.compile(r"/\[[^\]/]+\]")


def _site(url: str) -> str:
    """Scheme-less host of a URL: ``www.sphinx-doc.org``."""
    return re.sub(r"^(?:[a-z]+://)?", "", url.lower()).split("/", 1)[0]


@register
class URLs(EntryCheck):
    id = "urls"
    name = "URLs"
    description = "Every URL of the source is in the translation (a changed language segment such as /en/ → /fr/ is allowed)."
    severity = ERROR

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            if "://" not in source and "www." not in source.casefold():
                continue  # no URL can begin in the source (its case-insensitive "www." folds to "www.")
            wanted = [m.group(0) for m in URL.finditer(source)]
            if not wanted:
                continue
            found = [m.group(0) for m in URL.finditer(target)]
            present = {_url_key(url) for url in found}
            for url in wanted:
                if _url_key(url) in present:
                    continue
                # the same site, another page: a link to the translated documentation, an example URL
                # in the translator's words (/blog/[my-slug]/ -> /work/[my-work]/): a person decides
                elsewhere = next((other for other in found if _site(other) == _site(url)), None)
                if elsewhere:
                    yield Issue(f"URL {url} of the source points elsewhere on the same site: {elsewhere}",
                                offending=url, form=form, severity=WARNING)
                elif found and _URL_SLOT.search(url):  # translators localise an example (domini.com/blog/[nom]/)
                    yield Issue(f"example URL {url} of the source is rendered as {found[0]}",
                                offending=url, form=form, severity=WARNING)
                else:
                    yield Issue(f"URL {url} of the source is missing or altered", offending=url, form=form)


@register
class Emails(EntryCheck):
    id = "emails"
    name = "E-mail addresses"
    description = "Every e-mail address of the source is in the translation, unchanged."
    severity = ERROR

    def check_entry(self, entry: Entry, context: Context):
        for form, source, target in entry.pairs():
            if "@" not in source:
                continue  # no address in the source, nothing to miss
            present = {m.group(0).lower() for m in EMAIL.finditer(target)}
            for match in EMAIL.finditer(source):
                if match.group(0).lower() not in present:
                    yield Issue(f"e-mail address {match.group(0)} of the source is missing or altered",
                                offending=match.group(0), form=form, severity=WARNING if present else None)


# a complete character reference: numeric, or a name HTML defines (with its semicolon)
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _character_references(text: str) -> list[re.Match]:
    from html.entities import html5

    return [m for m in _CHARACTER_REFERENCE.finditer(text) if m.group()[1] == "#" or m.group()[1:] in html5]


@register
class CharacterReferences(EntryCheck):
    id = "character-reference"
    name = "Character reference typed"
    description = ("The translation holds a character reference the source does not (&mdash;, &nbsp;, &#8212;): a "
                   "catalogue's text is characters (an HTML article's &mdash; is — in its msgid), so readers would "
                   "see the reference as typed; write the character itself.")
    severity = WARNING

    def check_entry(self, entry: Entry, context: Context):
        import html

        for form, source, target in entry.pairs():
            if "&" not in target:
                continue
            found = _character_references(target)
            if not found:
                continue
            written = Counter(m.group() for m in _character_references(source))
            for match in found:
                if written[match.group()] > 0:
                    written[match.group()] -= 1  # the source writes it so too (a template's &nbsp;)
                    continue
                yield Issue(f"character reference {match.group()} is not in the source: readers see it as typed; "
                            f"write {html.unescape(match.group())!r} itself", offending=match.group(),
                            span=match.span(), form=form)
