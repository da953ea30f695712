"""The human report: grouped by file and entry, source and target shown, offending spans marked.

On a terminal the spans are highlighted in colour (rich); otherwise they are
wrapped in ``[[`` … ``]]`` so that the report reads the same in a CI log.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


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


def render(report, colour: bool = False, width: int | None = None, verbose: bool = False, **_options) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=colour, no_color=not colour, width=width or 100,
                      highlight=False, soft_wrap=True, emoji=False, markup=False)
    findings = report.findings + (report.suppressed if verbose else [])
    by_entry: dict[tuple, list] = {}
    for finding in sorted(findings, key=lambda f: f.sort_key):
        by_entry.setdefault((finding.file, finding.line, finding.msgctxt, finding.msgid), []).append(finding)
    current_file = None
    for (file, line, msgctxt, msgid), group in by_entry.items():
        if file != current_file:
            current_file = file
            console.print(Text(file, style="bold underline") if colour else file)
        label = f"  {file}:{line}" + (f"  [{msgctxt}]" if msgctxt else "")
        console.print(Text(label, style="bold") if colour else label)
        first = group[0]
        if msgid:
            source_spans = [(*f.span, f.severity) for f in group if f.span and f.in_source]
            console.print("    source: ", _mark(_visible(first.source or msgid), source_spans, colour), sep="")
        targets: dict[int | None, str] = {}
        for finding in group:
            targets.setdefault(finding.form, finding.target)
        for form, target in targets.items():
            spans = [(*f.span, f.severity) for f in group if f.span and not f.in_source and f.form == form]
            name = "target" if form is None else f"msgstr[{form}]"
            if target or msgid:
                console.print(f"    {name}: ".ljust(12), _mark(_visible(target), spans, colour), sep="")
        for finding in group:
            severity = finding.severity.ljust(7)
            head = Text(f"    {severity} ", style=_STYLE[finding.severity]) if colour else f"    {severity} "
            suffix = f"  (suppressed by {finding.suppressed_by})" if finding.suppressed else ""
            console.print(head, f"{finding.check}: {finding.message}{suffix}", sep="")
        console.print("")
    summary = report.summary()
    counts = summary["by_severity"]
    line = (f"{summary['files']} file(s), {summary['entries']} entries, languages: {', '.join(summary['languages']) or '-'}; "
            f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info; "
            f"{summary['suppressed']} suppressed")
    if summary["suppressed_by_check"]:
        line += " (" + ", ".join(f"{k}: {v}" for k, v in summary["suppressed_by_check"].items()) + ")"
    if summary["by_check"]:
        line += "\nby check: " + ", ".join(
            f"{check} {sum(c.values())}" for check, c in summary["by_check"].items())
    console.print(line)
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
