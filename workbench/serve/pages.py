"""The editor's HTML: the overview and the editor page, server-rendered.

Every text from a catalogue, the glossary or a finding goes through ``esc`` (``html.escape``,
quotes included), so a msgstr holding ``<script>`` shows as text; data for the page's script is
JSON inside a ``<script type="application/json">``, with ``<`` written as ``\\u003c`` so no text can
close that element. The page's own script is a file (``/static/editor.js``): the Content-Security-Policy
allows no inline script.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import quote, urlencode

from workbench import __version__
from workbench.checks.base import Finding
from workbench.po.catalog import Message
from workbench.review.diff import DELETE, INSERT
from workbench.review.model import Language
from workbench.serve.editing import status
from workbench.stats import CatalogueStats


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def json_data(data: object) -> str:
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


CSS = """
:root { --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --soft:#f6f8fa; --accent:#0b5cad;
  --ok:#1a7f37; --ok-bg:#dafbe1; --fuzzy:#9a6700; --fuzzy-bg:#fff8c5; --todo:#cf222e; --todo-bg:#ffebe9;
  --info:#0969da; --info-bg:#ddf4ff; --warn:#bc4c00; --warn-bg:#fff1e5; }
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); font:14px/1.5 system-ui,"Noto Sans","Liberation Sans","Noto Sans CJK SC",sans-serif; }
:lang(zh) { font-family:"Noto Sans CJK SC","Noto Sans SC","WenQuanYi Zen Hei",system-ui,sans-serif; }
a { color:var(--accent); text-decoration:none; } a:hover { text-decoration:underline; }
header.bar { display:flex; gap:18px; align-items:baseline; padding:10px 20px; background:var(--soft);
  border-bottom:1px solid var(--line); }
header.bar h1 { margin:0; font-size:18px; } header.bar .muted { color:var(--muted); }
main.overview { padding:16px 20px; }
table.grid { border-collapse:collapse; } table.grid th, table.grid td { border:1px solid var(--line);
  padding:6px 10px; text-align:left; vertical-align:top; } table.grid th { background:var(--soft); }
.bar-out { width:140px; height:8px; background:var(--todo-bg); border-radius:4px; overflow:hidden; display:flex; }
.bar-ok { background:var(--ok); } .bar-fz { background:#d4a72c; }
.nums { color:var(--muted); font-size:12px; }
.badge { display:inline-block; padding:0 6px; border-radius:9px; font-size:12px; }
.b-translated { background:var(--ok-bg); color:var(--ok); } .b-fuzzy { background:var(--fuzzy-bg); color:var(--fuzzy); }
.b-untranslated { background:var(--todo-bg); color:var(--todo); }
.b-error { background:var(--todo-bg); color:var(--todo); } .b-warning { background:var(--warn-bg); color:var(--warn); }
.b-info { background:var(--info-bg); color:var(--info); }
.layout { display:grid; grid-template-columns: 300px minmax(0,1fr) 330px; height: calc(100vh - 47px); }
.layout > * { overflow:auto; }
nav.entries { border-right:1px solid var(--line); }
form.filters { padding:8px 10px; border-bottom:1px solid var(--line); display:grid; gap:4px; background:var(--soft); }
form.filters label { font-size:12px; color:var(--muted); } form.filters select, form.filters input[type=search] { width:100%; }
nav.entries ol { list-style:none; margin:0; padding:0; }
nav.entries li { position:relative; }
nav.entries li .badge { position:absolute; right:6px; top:6px; }
nav.entries li a { display:block; padding:5px 34px 5px 10px; border-bottom:1px solid var(--line); color:var(--ink);
  border-left:4px solid transparent; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
nav.entries li a.s-translated { border-left-color:var(--ok); } nav.entries li a.s-fuzzy { border-left-color:#d4a72c; }
nav.entries li a.s-untranslated { border-left-color:var(--todo); }
nav.entries li a.current { background:var(--info-bg); font-weight:600; }
nav.entries .count { padding:6px 10px; color:var(--muted); font-size:12px; }
section.entry { padding:14px 20px; }
.label { font-size:12px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); margin:12px 0 4px; }
.source { font-size:16px; padding:10px 12px; background:var(--soft); border:1px solid var(--line); border-radius:6px;
  white-space:pre-wrap; }
mark.term { background:#ddf4ff; border-bottom:2px solid var(--info); padding:0 1px; }
mark.term::after { content:attr(data-term); font-size:10px; vertical-align:super; color:var(--info); margin-left:1px; }
.diff del { background:var(--todo-bg); color:var(--todo); } .diff ins { background:var(--ok-bg); color:var(--ok); text-decoration:none; }
textarea { width:100%; min-height:90px; font-family:inherit; font-size:16px; line-height:1.5; padding:8px 10px; border:1px solid #8c959f; border-radius:6px; }
textarea:focus { outline:2px solid var(--accent); }
.buttons { display:flex; gap:8px; flex-wrap:wrap; margin:8px 0; align-items:center; }
button { font:inherit; padding:4px 10px; border:1px solid var(--line); border-radius:6px; background:#fff; cursor:pointer; }
button.primary { background:var(--accent); color:#fff; border-color:var(--accent); }
button.primary kbd { background:transparent; color:#fff; border-color:#ffffff99; }
kbd { font-size:11px; border:1px solid var(--line); border-radius:3px; padding:0 3px; background:var(--soft); }
ul.findings { list-style:none; padding:0; margin:0; } ul.findings li { padding:4px 0; border-bottom:1px dotted var(--line); }
ul.findings li.none { color:var(--ok); }
#state { color:var(--muted); } #state.saved { color:var(--ok); } #state.error { color:var(--todo); }
.conflict { border:2px solid var(--todo); background:var(--todo-bg); border-radius:6px; padding:8px 12px; margin:10px 0; }
aside.side { border-left:1px solid var(--line); padding:10px 14px; background:#fcfcfd; }
aside.side h2 { font-size:13px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); margin:14px 0 6px; }
.term-card { border:1px solid var(--line); border-radius:6px; padding:6px 8px; margin-bottom:6px; background:#fff; }
.term-card .rejected { color:var(--todo); font-size:12px; } .term-card .rejected s { color:var(--todo); }
button.insert { margin:2px 4px 2px 0; }
.tm { border:1px solid var(--line); border-radius:6px; padding:6px 8px; margin-bottom:6px; background:#fff; cursor:pointer; }
.tm .pct { font-weight:700; color:var(--ok); margin-right:6px; } .tm .from { color:var(--muted); font-size:12px; }
.other { margin-bottom:6px; } .note { color:var(--muted); white-space:pre-wrap; font-size:13px; }
.keys { font-size:12px; color:var(--muted); line-height:1.9; }
"""


def page(title: str, body: str, csrf: str = "", script: bool = False) -> str:
    head = (f'<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="workbench {esc(__version__)}">'
            f'<meta name="csrf" content="{esc(csrf)}"><title>{esc(title)}</title><style>{CSS}</style>')
    tail = '<script src="/static/editor.js"></script>' if script else ""
    return f'<!DOCTYPE html>\n<html lang="en"><head>{head}</head><body>{body}{tail}</body></html>\n'


def edit_url(language: str, article: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in ("", None, False)})
    return f"/edit/{quote(language)}/{quote(article)}" + (f"?{query}" if query else "")


def progress_bar(stats: CatalogueStats) -> str:
    total = stats.total.segments or 1
    ok, fz = 100 * stats.translated.segments / total, 100 * stats.fuzzy.segments / total
    return (f'<div class="bar-out" title="{stats.percent:.0f}% translated"><div class="bar-ok" style="width:{ok:.1f}%">'
            f'</div><div class="bar-fz" style="width:{fz:.1f}%"></div></div>')


def overview(project: str, rows: list[tuple[CatalogueStats, int | str]]) -> str:
    articles = sorted({s.article for s, _ in rows})
    languages = list(dict.fromkeys(s.language for s, _ in rows))
    cells = {(s.article, s.language): (s, n) for s, n in rows}
    head = "".join(f"<th lang=\"{esc(Language(lang).tag)}\">{esc(lang)}</th>" for lang in languages)
    body = []
    for article in articles:
        tds = []
        for language in languages:
            if (article, language) not in cells:
                tds.append("<td></td>")
                continue
            s, count = cells[(article, language)]
            if isinstance(count, str):  # the catalogue does not read: the error, and no link
                tds.append(f'<td><span class="badge b-error">does not read</span><div class="nums">{esc(count)}</div></td>')
                continue
            findings = (f'<span class="badge b-warning">{count} finding{"s" if count != 1 else ""}</span>'
                        if count else '<span class="badge b-translated">no findings</span>')
            tds.append(
                f'<td><a class="open" href="{esc(edit_url(language, article))}">{s.percent:.0f}% translated</a>'
                f'{progress_bar(s)}<div class="nums">{s.translated.segments} translated · {s.fuzzy.segments} fuzzy · '
                f'{s.untranslated.segments} untranslated of {s.total.segments} · {s.translated.words}/'
                f'{s.total.words} words</div>{findings}</td>')
        body.append(f"<tr><th>{esc(article)}</th>{''.join(tds)}</tr>")
    table = (f'<table class="grid"><thead><tr><th>article</th>{head}</tr></thead><tbody>{"".join(body)}'
             f"</tbody></table>")
    return page(f"{project} — workbench", f'<header class="bar"><h1>{esc(project)}</h1>'
                f'<span class="muted">catalogues: progress and findings of the last check</span></header>'
                f'<main class="overview">{table}</main>')


def highlighted(text: str, terms: list[dict]) -> str:
    """The source with each glossary term marked (numbered as its insert shortcut)."""
    spans = sorted((start, end, number) for number, term in enumerate(terms, 1) for start, end in term["spans"])
    out, at = [], 0
    for start, end, number in spans:
        if start < at:
            continue
        out.append(esc(text[at:start]))
        out.append(f'<mark class="term" data-term="{number}" title="glossary term {number}">{esc(text[start:end])}</mark>')
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def diff_html(pieces: list[tuple[str, str]]) -> str:
    tags = {DELETE: "del", INSERT: "ins"}
    return "".join(f"<{tags[op]}>{esc(text)}</{tags[op]}>" if op in tags else esc(text) for op, text in pieces)


def findings_html(findings: list[Finding]) -> str:
    if not findings:
        return '<li class="none">no findings</li>'
    return "".join(f'<li><span class="badge b-{esc(f.severity)}">{esc(f.severity)}</span> <code>{esc(f.check)}</code> '
                   f"{esc(f.message)}</li>" for f in findings)


def editor(*, project: str, language: str, article: str, csrf: str, entries: list[tuple[int, Message, int]],
           total: int, current: Message | None, number: int, filters: dict, checks: list[str], concepts: list[tuple[str, str]],
           data: dict, terms: list[dict], suggestions: list[dict], others: list[tuple[str, str, str]],
           findings: list[Finding], catalogue_findings: list[Finding], diff: list[tuple[str, str]],
           labels: list[str], timing: float) -> str:
    items = []
    for index, message, count in entries:
        badge = f' <span class="badge b-warning">{count}</span>' if count else ""
        cls = f"s-{status(message)}" + (" current" if index == number else "")
        items.append(f'<li><a class="{cls}" data-n="{index}" href="{esc(edit_url(language, article, n=index, **filters))}">'
                     f"{index + 1}. {esc(message.msgid[:80])}</a>{badge}</li>")

    def option(value: str, label: str, chosen: str) -> str:
        return f'<option value="{esc(value)}"{" selected" if value == chosen else ""}>{esc(label)}</option>'

    states = "".join(option(v, l, filters.get("state", "")) for v, l in (
        ("", "all entries"), ("todo", "to do: untranslated, fuzzy or failing"), ("untranslated", "untranslated"),
        ("fuzzy", "fuzzy"), ("failing", "with findings")))
    check_options = option("", "any check", "") + "".join(option(c, c, filters.get("check", "")) for c in checks)
    concept_options = option("", "any term", "") + "".join(option(c, label, filters.get("term", ""))
                                                         for c, label in concepts)
    form = (f'<form class="filters" method="get" action="{esc(edit_url(language, article))}">'
            f'<label>show <select name="state" id="f-state">{states}</select></label>'
            f'<label>findings of check <select name="check">{check_options}</select></label>'
            f'<label>containing the term <select name="term">{concept_options}</select></label>'
            f'<label><input type="checkbox" name="changed" value="1"{" checked" if filters.get("changed") else ""}>'
            f' changed source (previous msgid)</label>'
            f'<label>text, either side <input type="search" name="q" value="{esc(filters.get("q", ""))}"></label>'
            f'<button type="submit">filter</button></form>')
    nav = (f'<nav class="entries">{form}<div class="count">{len(entries)} of {total} entries</div>'
           f'<ol>{"".join(items)}</ol></nav>')

    if current is None:
        main = '<section class="entry"><p>No entry matches these filters.</p></section>'
        side = '<aside class="side"></aside>'
    else:
        main = _entry_pane(current, language, data, terms, findings, catalogue_findings, diff, labels, timing)
        side = _side(terms, suggestions, others, current, language)
    header = (f'<header class="bar"><h1><a href="/">{esc(project)}</a></h1><span>{esc(article)}</span>'
              f'<span {text_attributes(language)}><b>{esc(language)}</b></span>'
              f'<span class="muted">Ctrl+↓/↑ next/previous · Ctrl+Shift+↓ next to do · Ctrl+Alt+↓ next failing · '
              f'Ctrl+Enter accept · Ctrl+S save · Ctrl+B copy source · Ctrl+U fuzzy · Alt+1…9 insert term</span></header>')
    body = (header + f'<div class="layout">{nav}{main}{side}</div>'
            f'<script type="application/json" id="entry-data">{json_data(data)}</script>')
    return page(f"{article} [{language}] — workbench", body, csrf, script=True)


def text_attributes(language: str) -> str:
    """``lang`` (BCP 47: ``zh-CN``, ``sr-Latn``; a gettext code is no HTML language) and ``dir`` of an element
    holding text in ``language``: an Arabic or Hebrew translation is edited and shown right to left."""
    code = Language(language)
    return f'lang="{esc(code.tag)}" dir="{code.direction}"'


def _entry_pane(message: Message, language: str, data: dict, terms: list[dict], findings: list[Finding],
                catalogue_findings: list[Finding], diff: list[tuple[str, str]], labels: list[str], timing: float) -> str:
    parts = [f'<section class="entry" id="entry">'
             f'<div class="label">source · line {message.lineno}'
             + (f" · context <code>{esc(message.msgctxt)}</code>" if message.msgctxt is not None else "")
             + f' · <span class="badge b-{status(message)}" id="status">{status(message)}</span></div>']
    parts.append(f'<div class="source" lang="en" id="source">{highlighted(message.msgid, terms)}</div>')
    if message.msgid_plural is not None:
        parts.append(f'<div class="label">plural source</div><div class="source" lang="en">{esc(message.msgid_plural)}</div>')
    if diff:
        parts.append(f'<div class="label">source changed since the translation (previous → now)</div>'
                     f'<div class="source diff" id="diff">{diff_html(diff)}</div>')
    for index, text in enumerate(message.translations):
        label = f" · {esc(labels[index])}" if labels[index] else ""
        parts.append(f'<div class="label">translation{label}</div>'
                     f'<textarea class="target" {text_attributes(language)} data-form="{index}" spellcheck="true"'
                     f'{" autofocus" if index == 0 else ""}>{esc(text)}</textarea>')
    parts.append('<div class="buttons"><button class="primary" id="accept" type="button">accept <kbd>Ctrl+Enter</kbd>'
                 '</button><button id="save" type="button">save <kbd>Ctrl+S</kbd></button>'
                 '<button id="copy-source" type="button">copy source <kbd>Ctrl+B</kbd></button>'
                 f'<label><input type="checkbox" id="fuzzy"{" checked" if message.fuzzy else ""}> fuzzy '
                 '<kbd>Ctrl+U</kbd></label><span id="state"></span></div>')
    parts.append('<div class="conflict" id="conflict" hidden></div>')
    parts.append(f'<div class="label">checks of this entry <span id="timing" class="nums">{timing:.0f} ms</span></div>'
                 f'<ul class="findings" id="findings">{findings_html(findings)}</ul>')
    if catalogue_findings:
        parts.append('<div class="label">from the last full check (the whole language)</div>'
                     f'<ul class="findings">{findings_html(catalogue_findings)}</ul>')
    parts.append("</section>")
    return "".join(parts)


def _side(terms: list[dict], suggestions: list[dict], others: list[tuple[str, str, str]], message: Message,
          language: str) -> str:
    parts = ['<aside class="side"><h2>glossary</h2>']
    if not terms:
        parts.append('<p class="note">no glossary term in this sentence</p>')
    for number, term in enumerate(terms, 1):
        buttons = "".join(f'<button class="insert" type="button" data-insert="{esc(text)}" {text_attributes(language)}'
                          f' title="insert (Alt+{number})">{esc(text)}</button>' for text in term["renderings"])
        rejected = (f'<div class="rejected">deprecated: {", ".join(f"<s>{esc(t)}</s>" for t in term["rejected"])}'
                    f"</div>") if term["rejected"] else ""
        missing = "" if term["renderings"] else '<div class="note">no approved rendering for this language</div>'
        parts.append(f'<div class="term-card" data-term="{number}"><b>{number}. {esc(term["source"])}</b> '
                     f'<span class="badge b-info">{esc(term["kind"])}</span><div>{buttons}</div>{missing}{rejected}'
                     + (f'<div class="note">{esc(term["note"])}</div>' if term["note"] else "") + "</div>")
    parts.append("<h2>translation memory</h2>")
    if not suggestions:
        parts.append('<p class="note">no match at or above the threshold</p>')
    for item in suggestions:
        parts.append(f'<div class="tm" data-insert="{esc(item["suggestion"])}" title="click to use">'
                     f'<span class="pct">{item["score"]}%</span><span {text_attributes(language)}>{esc(item["suggestion"])}</span>'
                     f'<div class="from">{esc(item["source"])} — {esc(item["origin"])}</div></div>')
    parts.append("<h2>other languages</h2>")
    for other, state, text in others:
        parts.append(f'<div class="other"><span class="badge b-{esc(state)}">{esc(other)}</span> '
                     f'<span {text_attributes(other)}>{esc(text) or "<i>untranslated</i>"}</span></div>')
    notes = [*message.extracted_comments, *message.translator_comments]
    if notes or message.references:
        parts.append("<h2>notes and comments</h2>")
        for note in message.extracted_comments:
            parts.append(f'<div class="note">#. {esc(note)}</div>')
        for note in message.translator_comments:
            parts.append(f'<div class="note"># {esc(note)}</div>')
        if message.references:
            parts.append(f'<div class="note">#: {esc(" ".join(message.references))}</div>')
    parts.append("</aside>")
    return "".join(parts)
