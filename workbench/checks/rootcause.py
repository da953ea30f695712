"""One finding per root cause: findings that only follow from another finding on the same entry are
absorbed by it.

* A translation left as the source (``same-as-source``) absorbs what the copy causes on that entry: a
  Latin word left in a CJK text per word (``latin-in-cjk``), the source's punctuation, the glossary term
  "missing". Fixing the copy fixes them all, and listing each word buried the one finding that matters.
* A link or markup element dropped from the translation is one finding: the missing ``<a>``, the missing
  ``</a>`` and the missing URL of its ``href`` (or of a Markdown ``[text](url)``) are one root cause,
  reported by the first of them (``tags``, then ``markdown``, then ``urls``, then ``emails``).

* A part of the source left out (``omission``) and what another check says about a piece of it (a
  number, a glossary term, a name): where the omission is that one piece, the specific finding speaks
  (``numbers``, ``term-missing`` say more about a number or a term) and absorbs the omission; where the
  omission is a whole sentence or clause, it speaks for the pieces inside it (one fix restores them all),
  unless a piece's finding is more severe (a missing number is an error), which then absorbs the omission.

Absorbed findings are never dropped: they move to ``Report.suppressed`` with ``suppressed_by =
"absorbed"`` and a ``reason`` naming what absorbed them (the JSON keeps every finding). A finding is
only absorbed by one at least as severe, so the run fails exactly as before.
"""

from __future__ import annotations

import regex as re

from workbench.checks.base import SEVERITY_RANK, Finding

ABSORBED = "absorbed"
# what a copy of the source causes besides being a copy
COPY_CONSEQUENCES = frozenset({"latin-in-cjk", "cjk-punctuation", "end-punctuation", "start-capital",
                               "fullwidth-punctuation", "term-missing"})
MARKUP_CHECKS = ("tags", "markdown", "urls", "emails")  # in the order in which they speak for a dropped element
# what an omission may contain: findings about one missing piece of the source (its span in the source)
PIECE_CHECKS = frozenset({"numbers", "term-missing", "name-mismatch"})
_NAMED = re.compile(r"^name '(.+?)' should be")  # name-mismatch's message: its span is in the target, its name here
_ELEMENT = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # Markdown link or image, title included
    r"|<(?P<tag>[A-Za-z][\w:-]*)\b[^>]*>.*?</(?P=tag)\s*>"  # an element with its content (<a href>…</a>, <g1>…</g1>)
    r"|<(?:https?|ftp|mailto):[^>\s]+>|<[^@<>\s]+@[^<>\s]+>",  # a Markdown autolink
    re.S)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][\w:-]*)")


def _entry(finding: Finding) -> tuple:
    return finding.file, finding.line, finding.msgctxt, finding.msgid, finding.form


def _element_of(finding: Finding, elements: list) -> int | None:
    """The one source element ``finding`` is about (its tag, its URL), or None if none or several."""
    if not finding.offending:
        return None
    if finding.check == "tags":
        name = _TAG_NAME.match(finding.offending)
        owners = [i for i, e in enumerate(elements) if name and e.group("tag") == name.group(1)]
    else:
        owners = [i for i, e in enumerate(elements) if finding.offending in e.group()]
    return owners[0] if len(owners) == 1 else None


def _absorb(finding: Finding, by: Finding, why: str) -> None:
    finding.suppressed, finding.suppressed_by = True, ABSORBED
    finding.reason = f"absorbed by {by.check} ({by.message}): {why}"


def _inside(piece: Finding, omission: Finding) -> bool:
    """Whether ``piece`` is about a part of the source that lies in the part ``omission`` names."""
    if piece.in_source and piece.span:
        return omission.span[0] <= piece.span[0] and piece.span[1] <= omission.span[1]
    named = _NAMED.match(piece.message)
    return bool(named and named.group(1) in (omission.offending or ""))


def _omission(findings: list[Finding]) -> list[Finding]:
    """An omission and the findings about pieces of the part it names: one root cause (see above)."""
    omission = next((f for f in findings if f.check == "omission" and not f.suppressed and f.span), None)
    if omission is None:
        return []
    pieces = [f for f in findings if f.check in PIECE_CHECKS and not f.suppressed and _inside(f, omission)]
    rank = SEVERITY_RANK[omission.severity]
    speakers = ([f for f in pieces if SEVERITY_RANK[f.severity] > rank]
                or [f for f in pieces if (f.offending if f.in_source else None) == omission.offending
                    and SEVERITY_RANK[f.severity] == rank])
    if speakers:
        _absorb(omission, speakers[0], f"the missing part is {speakers[0].offending!r}")
        return [omission]
    inside = [f for f in pieces if SEVERITY_RANK[f.severity] <= rank]
    for finding in inside:
        _absorb(finding, omission, f"{finding.offending!r} is in the missing part")
    return inside


def absorb(report) -> None:
    """Move the findings of ``report`` that follow from another one to ``report.suppressed``."""
    entries: dict[tuple, list[Finding]] = {}
    for finding in report.findings:
        entries.setdefault(_entry(finding), []).append(finding)
    absorbed: list[Finding] = []
    for findings in entries.values():
        copy = next((f for f in findings if f.check == "same-as-source"), None)
        if copy is not None:
            for finding in findings:
                if finding.check in COPY_CONSEQUENCES and SEVERITY_RANK[finding.severity] <= SEVERITY_RANK[copy.severity]:
                    _absorb(finding, copy, "the translation is a copy of the source")
                    absorbed.append(finding)
        absorbed += _omission(findings)
        markup = [f for f in findings if f.check in MARKUP_CHECKS and not f.suppressed]
        if len(markup) < 2:
            continue
        elements = list(_ELEMENT.finditer(markup[0].source or markup[0].msgid))
        by_element: dict[int, list[Finding]] = {}
        for finding in markup:
            index = _element_of(finding, elements)
            if index is not None:
                by_element.setdefault(index, []).append(finding)
        for index, group in by_element.items():
            group.sort(key=lambda f: (-SEVERITY_RANK[f.severity], MARKUP_CHECKS.index(f.check),
                                      f.offending.startswith("</"), f.offending))  # <a> speaks before </a>
            shown = elements[index].group()
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            for finding in group[1:]:
                _absorb(finding, group[0], f"the same dropped element {shown!r}")
                absorbed.append(finding)
    if absorbed:
        report.findings = [f for f in report.findings if not f.suppressed]
        report.suppressed = sorted(report.suppressed + absorbed, key=lambda f: f.sort_key)
