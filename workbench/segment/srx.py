"""An SRX 2.0 segmentation engine.

SRX (Segmentation Rules eXchange, LISA OSCAR 2008) is the rules format the CAT
tools share.  A file holds named ``<languagerule>`` lists of ``<rule break="yes|no">``
each with a ``<beforebreak>`` and an ``<afterbreak>`` regular expression, and
``<maprules>`` whose ``<languagemap languagepattern=... languagerulename=...>``
entries say which lists apply to which language.  With ``cascade="yes"`` every
map whose pattern matches contributes its rules, in map order; otherwise only
the first matching map does.

At each position between two characters the first rule, in that order, whose
``beforebreak`` matches text ending at the position and whose ``afterbreak``
matches text starting there decides: break or no break.  No matching rule means
no break.  ``<formathandle>`` and ``segmentsubflows`` are read for
completeness; they concern formatting codes, which plain text does not have.

Speed: a rule is compiled as one zero-width pattern, ``(?<=before)(?=after)``
(``regex`` has variable-length lookbehind, so this is exactly the SRX
condition).  Only break rules can create a break, so scanning the text with
the break rules alone finds the candidate positions (each rule by the cheaper
of a forward scan or a backward search for its beforebreak), and only at
those are the rules consulted in order.  Runs of consecutive rules with the
same verdict are merged into one alternation, so a language's rules cost a
handful of pattern tests per candidate rather than one per rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex
from lxml import etree

from workbench import safexml
from workbench.errors import WorkbenchError
from workbench.segment.icu import FLAGS, translate

SRX_NS = "http://www.lisa.org/srx20"

# A pattern that refers to its own groups (backreferences, recursion) cannot
# share an alternation with others, whose groups would shift its numbering;
# and in a beforebreak it cannot run as a lookbehind, which regex matches right
# to left, reaching "\\1" before the group it names.
_BACKREFERENCE = regex.compile(r"\\[1-9]|\\g|\\k|\(\?P=|\(\?&|\(\?R|\(\?[+-]?\d")
# How far back a beforebreak with backreferences may start (it is matched
# forwards from each possible start, so it needs a bound).
BACKREFERENCE_REACH = 256


@dataclass(frozen=True)
class Rule:
    """One ``<rule>``: its verdict, its two patterns (ICU syntax) and where it was written."""

    is_break: bool
    before: str
    after: str
    line: int | None = None


@dataclass(frozen=True)
class LanguageMap:
    pattern: regex.Pattern
    rulename: str
    line: int | None = None


@dataclass
class SrxDocument:
    """The parsed content of an SRX 2.0 file."""

    languagerules: dict[str, list[Rule]]
    maps: list[LanguageMap]
    cascade: bool = False
    segmentsubflows: bool = True
    path: str | None = None

    def rules_for(self, language: str) -> list[Rule]:
        """The rules that apply to ``language`` (a BCP 47 tag), in SRX order."""
        rules: list[Rule] = []
        for lmap in self.maps:
            if lmap.pattern.fullmatch(language):
                rules.extend(self.languagerules[lmap.rulename])
                if not self.cascade:
                    break
        return rules


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(elem, name: str):
    return [child for child in elem if _local(child.tag) == name]


def _yes_no(elem, attr: str, default: bool, path) -> bool:
    value = elem.get(attr)
    if value is None:
        return default
    if value not in ("yes", "no"):
        raise WorkbenchError(f'<{_local(elem.tag)}> {attr}="{value}": expected "yes" or "no"', path, elem.sourceline)
    return value == "yes"


def parse_srx(source: str | Path | bytes, path: str | Path | None = None) -> SrxDocument:
    """Read an SRX 2.0 document from a file path (or bytes, naming ``path`` in errors).

    Anything wrong (not XML, not SRX 2.0, a bad attribute, an unknown rule
    name, a regular expression that cannot be compiled) raises a
    WorkbenchError naming the file and line.
    """
    if isinstance(source, bytes):
        data = source
    else:
        path = path or source
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise WorkbenchError(f"cannot read SRX file: {exc.strerror or exc}", path) from None
    root = safexml.parse(data, path)  # entities, DTDs and malformed XML are refused there

    if _local(root.tag) != "srx":
        message = f"not an SRX file: root element is <{_local(root.tag)}>, expected <srx>"
        raise WorkbenchError(message, path, root.sourceline)
    namespace = etree.QName(root.tag).namespace
    if root.get("version") != "2.0" or namespace != SRX_NS:
        raise WorkbenchError(
            f'not SRX 2.0 (version="{root.get("version")}", namespace {namespace or "none"}); '
            f'expected version="2.0" in namespace {SRX_NS}',
            path,
            root.sourceline,
        )

    headers = _children(root, "header")
    bodies = _children(root, "body")
    if len(headers) != 1 or len(bodies) != 1:
        raise WorkbenchError("<srx> needs exactly one <header> and one <body>", path, root.sourceline)
    header, body = headers[0], bodies[0]
    cascade = _yes_no(header, "cascade", False, path)
    subflows = _yes_no(header, "segmentsubflows", True, path)

    languagerules: dict[str, list[Rule]] = {}
    for container in _children(body, "languagerules"):
        for lrule in _children(container, "languagerule"):
            name = lrule.get("languagerulename")
            if not name:
                raise WorkbenchError("<languagerule> without languagerulename", path, lrule.sourceline)
            if name in languagerules:
                raise WorkbenchError(f"languagerule {name!r} is defined twice", path, lrule.sourceline)
            languagerules[name] = [_parse_rule(rule, path) for rule in _children(lrule, "rule")]

    maprules = _children(body, "maprules")
    if len(maprules) != 1:
        raise WorkbenchError("<body> needs exactly one <maprules>", path, body.sourceline)
    maps: list[LanguageMap] = []
    for lmap in _children(maprules[0], "languagemap"):
        pattern, name = lmap.get("languagepattern"), lmap.get("languagerulename")
        if pattern is None or name is None:
            raise WorkbenchError("<languagemap> needs languagepattern and languagerulename", path, lmap.sourceline)
        if name not in languagerules:
            raise WorkbenchError(f"<languagemap> refers to unknown languagerule {name!r}", path, lmap.sourceline)
        try:
            # Language tags are case-insensitive (BCP 47), so is the match.
            compiled = regex.compile(translate(pattern), FLAGS | regex.IGNORECASE)
        except regex.error as exc:
            raise WorkbenchError(f"bad languagepattern {pattern!r}: {exc}", path, lmap.sourceline) from None
        maps.append(LanguageMap(compiled, name, lmap.sourceline))

    return SrxDocument(languagerules, maps, cascade, subflows, str(path) if path else None)


def _parse_rule(elem, path) -> Rule:
    value = elem.get("break", "yes")
    if value not in ("yes", "no"):
        raise WorkbenchError(f'<rule break="{value}">: expected "yes" or "no"', path, elem.sourceline)
    patterns = {}
    for part in ("beforebreak", "afterbreak"):
        found = _children(elem, part)
        if len(found) > 1:
            raise WorkbenchError(f"<rule> has more than one <{part}>", path, found[1].sourceline)
        text = "".join(found[0].itertext()) if found else ""  # comments may split the text
        line = found[0].sourceline if found else elem.sourceline
        try:
            regex.compile(translate(text), FLAGS)
        except regex.error as exc:
            raise WorkbenchError(f"bad regular expression in <{part}> {text!r}: {exc}", path, line) from None
        patterns[part] = text
    rule = Rule(value == "yes", patterns["beforebreak"], patterns["afterbreak"], elem.sourceline)
    try:
        regex.compile(_condition(rule), FLAGS)  # as the engine will use it
    except regex.error as exc:
        raise WorkbenchError(f"rule cannot be used: {exc}", path, elem.sourceline) from None
    return rule


# A pattern that may run far through the text: a repeat bounded by 20 or more
# ("[^\n]{0,500}"), or an unbounded one over "." or a negated class other than
# a whitespace class ("[^()]*", but not "[^\S\n]+").
_LONG_RANGE = regex.compile(r"\{\d*,\s*(?:[2-9]\d|\d{3,})\}|(?:\.|\[\^(?!\\S)(?:\\.|[^\]])*\])[*+]")


def _before_first(rule: Rule) -> bool:
    """Whether testing ``rule`` should start with its beforebreak.

    Both halves of a rule are zero-width, so their order does not change the
    meaning, only the cost: the half tested first runs at every position, the
    other only where the first holds.  A half that may run far (a quotation
    opened up to 300 characters back) goes second if the other does not; else
    the afterbreak goes first unless it can match the empty string (empty,
    ``(?!...)``), which says little about a position.
    """
    if not rule.after:
        return True
    far_before, far_after = bool(_LONG_RANGE.search(rule.before)), bool(_LONG_RANGE.search(rule.after))
    if far_before != far_after:
        return far_after
    return bool(regex.compile(translate(rule.after), FLAGS).match(""))


def _condition(rule: Rule) -> str:
    """``rule`` as one zero-width pattern true exactly where it applies."""
    before = "(?<=" + translate(rule.before) + ")" if rule.before else ""
    after = "(?=" + translate(rule.after) + ")" if rule.after else ""
    return before + after if _before_first(rule) else after + before


def _alternation(conditions: list[str]) -> regex.Pattern:
    return regex.compile("|".join("(?:" + c + ")" for c in conditions) if conditions else "(?!)", FLAGS)


class _ForwardRule:
    """A rule whose beforebreak has backreferences, tested left to right.

    ``match(text, pos)`` and ``positions(text)`` mirror what the compiled
    zero-width patterns offer.  The beforebreak must match some
    ``text[start:pos]`` with ``pos - start <= BACKREFERENCE_REACH``.
    """

    def __init__(self, rule: Rule):
        self.before = regex.compile("(?:" + translate(rule.before) + ")", FLAGS)
        self.after = regex.compile("(?=" + translate(rule.after) + ")" if rule.after else "", FLAGS)

    def match(self, text: str, pos: int) -> bool:
        if not self.after.match(text, pos):
            return False
        starts = range(pos, max(0, pos - BACKREFERENCE_REACH) - 1, -1)
        return any(self.before.fullmatch(text, start, pos) for start in starts)

    def positions(self, text: str):
        return (m.start() for m in self.after.finditer(text, 1) if self.match(text, m.start()))


def _scanner(rule: Rule, condition: str):
    """A function giving the positions in a text where ``rule`` matches."""
    if _BACKREFERENCE.search(rule.before):
        return _ForwardRule(rule).positions
    if rule.before and _before_first(rule):
        # Searching backwards for the beforebreak itself (regex's REVERSE
        # mode, every end position: overlapped) lets regex skip ahead to the
        # characters it needs; a lookbehind is tried position by position,
        # several times slower for a rule like "[。！？]+" + closers.
        before = regex.compile(translate(rule.before), FLAGS | regex.REVERSE)
        after = regex.compile("(?=" + translate(rule.after) + ")", FLAGS) if rule.after else None
        return lambda text: (
            m.end() for m in before.finditer(text, overlapped=True) if after is None or after.match(text, m.end())
        )
    pattern = regex.compile(condition, FLAGS)
    return lambda text: (m.start() for m in pattern.finditer(text, 1))


@dataclass
class CompiledRules:
    """The rules of one language, ready to find break positions."""

    rules: list[Rule]

    def __post_init__(self) -> None:
        conditions = [_condition(rule) for rule in self.rules]

        # Candidates: every position where some break rule matches.  Each rule
        # is scanned on its own: regex is several times faster on single
        # patterns than on one alternation of them all.
        self._scanners = [_scanner(r, c) for r, c in zip(self.rules, conditions) if r.is_break]

        # Decisions: runs of same-verdict rules merged into one alternation;
        # a rule with backreferences stands alone.  Trailing no-break runs can
        # never decide anything at a candidate, so they are dropped.
        runs: list[tuple[bool, list]] = []
        for rule, cond in zip(self.rules, conditions):
            if _BACKREFERENCE.search(rule.before):
                runs.append((rule.is_break, _ForwardRule(rule)))
            elif _BACKREFERENCE.search(cond):
                runs.append((rule.is_break, _alternation([cond])))
            elif runs and runs[-1][0] == rule.is_break and isinstance(runs[-1][1], list):
                runs[-1][1].append(cond)
            else:
                runs.append((rule.is_break, [cond]))
        while runs and not runs[-1][0]:
            runs.pop()
        self._groups = [(verdict, _alternation(m) if isinstance(m, list) else m) for verdict, m in runs]

    def breaks(self, text: str) -> list[int]:
        """Sorted positions 0 < p < len(text) where the rules put a break."""
        candidates: set[int] = set()
        for scanner in self._scanners:
            candidates.update(scanner(text))
        last = len(self._groups) - 1
        result = []
        for pos in sorted(candidates):
            if not 0 < pos < len(text):
                continue
            for index, (verdict, pattern) in enumerate(self._groups):
                # Reaching the last group means the candidate's break rule is in it.
                if index == last or pattern.match(text, pos):
                    if verdict:
                        result.append(pos)
                    break
        return result
