"""The human report: errors first, then warnings, then info, each entry once with all its findings;
untranslated and fuzzy entries counted per file; a summary by check and severity at the end.

On a terminal the spans are highlighted in colour (rich); otherwise they are
wrapped in ``[[`` … ``]]`` so that the report reads the same in a CI log.
Only this report summarises: the JSON, SARIF and JUnit outputs list every finding.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from workbench.checks.base import SEVERITIES, SEVERITY_RANK

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_HEADING = {"error": "Errors", "warning": "Warnings", "info": "Info"}
# Work still to do rather than mistakes: one line per file, not one block per entry (a half-translated
# catalogue otherwise buries its few errors under hundreds of these).
SUMMARISED = ("untranslated", "fuzzy", "entry-missing")
_LINES_SHOWN = 8  # lines listed per file and check in that summary


def _mark(text: str, spans: list[tuple[int, int, str]], colour: bool) -> Text | str:
    spans = sorted({(s, e, sev) for s, e, sev in spans if 0 <= s < e <= len(text)})
    if colour:
        rich_text = Text(text)
        for start, end, severity in spans:
            rich_text.stylize(f"reverse {_STYLE[severity]}", start, end)
        return rich_text
    out, position = [], 0
    for start, end, _ in spans:
        if start < position:
            continue
        out.append(text[position:start])
        out.append("[[" + text[start:end] + "]]")
        position = end
    out.append(text[position:])
    return "".join(out)


def _visible(text: str) -> str:
    return text.replace("\n", "↵\n           ")


def _worst(group: list) -> int:
    """An entry's place: its most severe active finding (suppressed ones, shown on request, come last)."""
    return max((SEVERITY_RANK[f.severity] for f in group if not f.suppressed), default=-1)


def _print_entry(console, group: list, colour: bool) -> None:
    first = group[0]
    label = f"  {first.file}:{first.line}" + (f"  [{first.msgctxt}]" if first.msgctxt else "")
    console.print(Text(label, style="bold") if colour else label)
    if first.msgid:
        source_spans = [(*f.span, f.severity) for f in group if f.span and f.in_source]
        console.print("    source: ", _mark(_visible(first.source or first.msgid), source_spans, colour), sep="")
    targets: dict[int | None, str] = {}
    for finding in group:
        targets.setdefault(finding.form, finding.target)
    for form, target in targets.items():
        spans = [(*f.span, f.severity) for f in group if f.span and not f.in_source and f.form == form]
        name = "target" if form is None else f"msgstr[{form}]"
        if target or first.msgid:
            console.print(f"    {name}: ".ljust(12), _mark(_visible(target), spans, colour), sep="")
    for finding in sorted(group, key=lambda f: (f.suppressed, -SEVERITY_RANK[f.severity], f.form or 0, f.check)):
        severity = finding.severity.ljust(7)
        head = Text(f"    {severity} ", style=_STYLE[finding.severity]) if colour else f"    {severity} "
        suffix = ""
        if finding.suppressed:  # an absorbed finding says by what; the others by comment or config
            suffix = f"  ({finding.reason})" if finding.reason else f"  (suppressed by {finding.suppressed_by})"
        console.print(head, f"{finding.check}: {finding.message}{suffix}", sep="")
    console.print("")


def _entries_section(console, findings: list, colour: bool) -> None:
    by_entry: dict[tuple, list] = {}
    for finding in sorted(findings, key=lambda f: f.sort_key):
        by_entry.setdefault((finding.file, finding.line, finding.msgctxt, finding.msgid), []).append(finding)
    groups = sorted(by_entry.values(), key=lambda group: -_worst(group))  # stable: file and line order kept
    for rank in (2, 1, 0, -1):
        section = [group for group in groups if _worst(group) == rank]
        if not section:
            continue
        heading = _HEADING[SEVERITIES[2 - rank]] if rank >= 0 else "Suppressed"
        heading = f"{heading}: {len(section)} entr{'y' if len(section) == 1 else 'ies'}"
        console.print(Text(heading, style="bold underline") if colour else heading)
        console.print("")
        for group in section:
            _print_entry(console, group, colour)


def _work_to_do(console, findings: list) -> None:
    """Untranslated and fuzzy entries: how many per file, and where the first ones are."""
    per_file: dict[str, dict[str, list[int]]] = {}
    for finding in sorted(findings, key=lambda f: f.sort_key):
        per_file.setdefault(finding.file, {}).setdefault(finding.check, []).append(finding.line)
    if not per_file:
        return
    console.print("Untranslated, fuzzy and missing entries, per file (--format json lists each one):")
    for file, checks in per_file.items():
        parts = []
        for check in SUMMARISED:
            lines = checks.get(check)
            if lines and len(set(lines)) == 1 and len(lines) > 1:  # entry-missing: all on the header's line
                parts.append(f"{len(lines)} {check}")
            elif lines:
                shown = ", ".join(map(str, lines[:_LINES_SHOWN])) + (", …" if len(lines) > _LINES_SHOWN else "")
                parts.append(f"{len(lines)} {check} (line{'s' if len(lines) > 1 else ''} {shown})")
        console.print(f"  {file}: " + "; ".join(parts))
    console.print("")


def _noisiest(by_check: dict[str, dict[str, int]], total: int) -> list[tuple[str, int]]:
    """The fewest checks (three at most) that produced at least half of the ``total`` warnings and info,
    largest first; none if it takes more."""
    ranked = sorted(((check, counts["warning"] + counts["info"]) for check, counts in by_check.items()),
                    key=lambda c: (-c[1], c[0]))
    chosen, covered = [], 0
    for check, count in ranked[:3]:
        if covered * 2 >= total:
            break
        chosen.append((check, count))
        covered += count
    return chosen if covered * 2 >= total else []


def _summary(console, report) -> None:
    summary = report.summary()
    counts = summary["by_severity"]
    console.print("Summary")
    line = (f"  {summary['files']} file(s), {summary['entries']} entries, languages: "
            f"{', '.join(summary['languages']) or '-'}; {counts['error']} error(s), {counts['warning']} warning(s), "
            f"{counts['info']} info; {summary['suppressed']} suppressed")
    if summary["suppressed_by_check"]:
        line += " (" + ", ".join(f"{k}: {v}" for k, v in summary["suppressed_by_check"].items()) + ")"
    console.print(line)
    by_check = summary["by_check"]
    if not by_check:
        return
    rows = sorted(by_check.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    width = max(26, *(len(check) + 2 for check in by_check))
    console.print("  " + "check".ljust(width) + "".join(s.rjust(9) for s in SEVERITIES))
    for check, row in rows:
        console.print("  " + check.ljust(width) + "".join(str(row[s]).rjust(9) for s in SEVERITIES))
    noise = counts["warning"] + counts["info"]
    noisiest = _noisiest(by_check, noise)
    if noisiest and len(noisiest) < len(by_check):
        named = ", ".join(f"{check} {count} ({100 * count // noise} %)" for check, count in noisiest)
        console.print(f"  most of the {noise} warnings and info come from: {named}; "
                      f"--skip {','.join(check for check, _ in noisiest)} leaves them out")


def render(report, colour: bool = False, width: int | None = None, verbose: bool = False, **_options) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=colour, no_color=not colour, width=width or 100,
                      highlight=False, soft_wrap=True, emoji=False, markup=False)
    findings = report.findings + (report.suppressed if verbose else [])
    summarised = [f for f in findings if f.check in SUMMARISED and not f.suppressed]
    _entries_section(console, [f for f in findings if f.check not in SUMMARISED or f.suppressed], colour)
    _work_to_do(console, summarised)
    _summary(console, report)
    return buffer.getvalue()


def render_list(checks) -> str:
    """``workbench check --list``: every check with its id, severity, scope and languages."""
    lines = []
    family = None
    for cls in checks:
        if cls.family != family:
            family = cls.family
            lines.append(f"{family}:")
        lines.append(f"  {cls.id:<26} {cls.severity:<8} {cls.scope:<15} {cls.applies_text()}")
        lines.append(f"      {cls.name}: {cls.description}")
    return "\n".join(lines) + "\n"
