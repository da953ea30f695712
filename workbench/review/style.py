"""The review pages' stylesheet, inlined into every page so each file stands alone.

Status colours are the same everywhere (pages, matrix, legend): green for
translated, amber for fuzzy, red for untranslated; findings by severity.
The ``@media print`` part turns a page into a reviewer's printout: no
backgrounds but the status stripes, rows never split across pages, the
table header repeated on every page, approved renderings written out after
each source term (a hover does not print), and a sign-off line.
"""

CSS = r"""
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b5cad;
  --ok: #1a7f37; --ok-bg: #dafbe1; --fuzzy: #9a6700; --fuzzy-bg: #fff8c5;
  --todo: #cf222e; --todo-bg: #ffebe9; --info: #0969da; --info-bg: #ddf4ff;
  --warn: #bc4c00; --warn-bg: #fff1e5;
}
* { box-sizing: border-box; }
html { color: var(--ink); background: #fff; }
body {
  margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Liberation Sans",
  "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
}
:lang(zh), :lang(ja), :lang(ko) {
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC",
  system-ui, sans-serif; line-height: 1.75;
}
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: 0.86em/1.4 ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", monospace; }

.masthead { padding: 20px 28px 14px; border-bottom: 1px solid var(--line); background: var(--soft); }
.crumbs { margin: 0 0 4px; font-size: 12px; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.masthead h1 { margin: 0 0 2px; font-size: 22px; font-weight: 650; }
.pairline { margin: 0 0 10px; font-size: 15px; color: var(--muted); }
.pairline b { color: var(--ink); font-weight: 600; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0 0 12px; font-size: 13px; color: var(--muted); }
.meta div { display: flex; gap: 6px; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.summary { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 18px; }
.bar { display: flex; width: 260px; height: 10px; border-radius: 5px; overflow: hidden; background: var(--line); }
.bar span { display: block; height: 100%; }
.bar .translated { background: var(--ok); }
.bar .fuzzy { background: #d4a72c; }
.bar .untranslated { background: var(--todo); }
.counts { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; font-size: 13px; }
.counts li { padding: 1px 9px; border-radius: 10px; border: 1px solid var(--line); background: #fff; }
.counts .n { font-weight: 650; font-variant-numeric: tabular-nums; }
.counts .translated { border-color: #4ac26b; }
.counts .fuzzy { border-color: #d4a72c; }
.counts .untranslated { border-color: #ff8182; }
.counts .findings { border-color: #8c959f; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 10px 0 0; padding: 0; list-style: none;
  font-size: 12px; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 4px; height: 14px; border-radius: 2px; }
.swatch.translated { background: var(--ok); } .swatch.fuzzy { background: #d4a72c; }
.swatch.untranslated { background: var(--todo); }
.notice { margin: 12px 0 0; padding: 8px 12px; border-left: 4px solid var(--warn); background: var(--warn-bg);
  font-size: 13px; }
.notice ul { margin: 4px 0 0; padding-left: 18px; }

main { padding: 0 28px 40px; }
table.bitext { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 16px; }
.bitext thead th {
  position: sticky; top: 0; z-index: 1; padding: 8px 12px; text-align: start; font-size: 12px;
  font-weight: 650; letter-spacing: .04em; text-transform: uppercase; color: var(--muted);
  background: #fff; border-bottom: 2px solid var(--ink);
}
.bitext thead th .code { text-transform: none; font-weight: 500; color: var(--muted); }
.bitext col.sid { width: 4.2em; } .bitext col.notes { width: 17em; }
.bitext tbody.para { border-top: 1px solid #afb8c1; }
.bitext tbody.para + tbody.para { border-top-width: 6px; border-top-color: var(--soft); }
.bitext td { padding: 8px 12px; vertical-align: top; border-bottom: 1px solid #eaeef2; overflow-wrap: anywhere; }
.bitext tr.seg:hover td { background: #fbfcfd; }
.bitext tr.seg:target td { background: var(--info-bg); }
td.sid { font: 12px/1.9 ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); white-space: nowrap; }
td.sid a { color: inherit; }
td.src { color: #24292f; }
td.tgt { border-left: 4px solid var(--ok); }
td.tgt.fuzzy { border-left-color: #d4a72c; background: var(--fuzzy-bg); }
td.tgt.untranslated { border-left-color: var(--todo);
  background: repeating-linear-gradient(135deg, #fff 0 7px, #fff4f3 7px 14px); }
tr.seg:hover td.tgt.fuzzy { background: #fff3b0; }
.placeholder { color: var(--todo); font-style: italic; font-size: 13px; }
.tm-suggestion { margin: 4px 0 0; font-size: 13px; color: #57606a; }
.tm-score, .tm-origin { font-size: 12px; }
td h2, td h3, td h4, td h5, td h6 { margin: 0; font-size: 17px; font-weight: 650; line-height: 1.4; }
td h3 { font-size: 16px; } td h4, td h5, td h6 { font-size: 15px; }

.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 11.5px; font-weight: 600;
  line-height: 18px; letter-spacing: .02em; }
.badge.translated { color: var(--ok); background: var(--ok-bg); }
.badge.fuzzy { color: var(--fuzzy); background: var(--fuzzy-bg); border: 1px solid #e7c651; }
.badge.untranslated { color: var(--todo); background: var(--todo-bg); }
.po-line { margin-left: 6px; font-size: 11.5px; color: var(--muted); white-space: nowrap; }
ul.findings { margin: 6px 0 0; padding: 0; list-style: none; font-size: 12.5px; line-height: 1.45; }
ul.findings li { margin: 0 0 4px; padding: 2px 0 2px 8px; border-left: 3px solid var(--info); }
ul.findings li.error { border-left-color: var(--todo); }
ul.findings li.warning { border-left-color: #d4a72c; }
ul.findings .check { display: block; font: 600 10.5px/1.5 ui-monospace, "DejaVu Sans Mono", monospace;
  color: var(--muted); text-transform: none; }
.tgt ul.findings { margin-top: 8px; }

mark.term { background: var(--info-bg); color: inherit; border-bottom: 1px dotted var(--info); padding: 0 1px;
  border-radius: 2px; cursor: help; }
mark.term.missing { background: var(--warn-bg); border-bottom: 2px dashed var(--warn); }
mark.term.deviant { background: var(--todo-bg); border-bottom: 2px solid var(--todo); }
.flagged, span.flag { text-decoration: underline wavy var(--todo); text-decoration-skip-ink: none;
  text-underline-offset: 3px; cursor: help; }
.flagged.warning, span.flag.warning { text-decoration-color: #d4a72c; }
.flagged.info, span.flag.info { text-decoration-color: var(--info); }

/* the page with every language: narrower cells, status shown on the cell itself */
body.multi main { overflow-x: auto; }
body.multi table.bitext { min-width: 960px; }
body.multi td { font-size: 14px; }
.cell-status { display: block; margin-top: 4px; }

/* the index and the matrix */
table.grid { border-collapse: collapse; margin-top: 16px; font-size: 14px; }
.grid th, .grid td { padding: 7px 12px; border-bottom: 1px solid #eaeef2; text-align: start; vertical-align: top; }
.grid thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  border-bottom: 2px solid var(--ink); }
.grid .bar { width: 140px; margin-top: 6px; height: 6px; }
.grid .num { font-variant-numeric: tabular-nums; color: var(--muted); font-size: 12.5px; }
.matrix th.concept { min-width: 15em; }
.matrix th.concept .cid { display: block; font: 11px ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); }
.matrix th.concept .subject { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
.matrix td { min-width: 11em; }
.matrix ul { margin: 0; padding: 0; list-style: none; }
.matrix li { margin: 0 0 3px; }
.rendering { display: inline-block; padding: 1px 8px; border-radius: 4px; border: 1px solid transparent; }
.rendering.preferred { background: var(--ok-bg); border-color: #aceebb; }
.rendering.admitted { background: #f0f7f2; border-color: #c9e7d1; }
.rendering.deviation { background: var(--todo-bg); border-color: #ffcecb; color: #82071e; font-weight: 600; }
.rendering.absent { background: var(--warn-bg); border-color: #ffd8b5; color: var(--warn); font-style: italic; }
.rendering .count { margin-left: 6px; font-size: 11.5px; color: var(--muted); font-variant-numeric: tabular-nums; }
.occurrences { display: block; margin: 1px 0 0 9px; font: 11px ui-monospace, "DejaVu Sans Mono", monospace; }
.occurrences a { margin-right: 5px; }
.empty-cell { color: #8c959f; font-size: 12.5px; }
.matrix td.deviates { background: #fffbf7; }
.matrix td.inconsistent { outline: 2px dashed #d4a72c; outline-offset: -3px; }
.legend-inconsistent { padding: 0 6px; outline: 2px dashed #d4a72c; outline-offset: -1px; }

/* the filter bar, placeholders as chips, the diff of an edited source */
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 12px 0 0; font-size: 13px; }
.filters[hidden] { display: none; }
.filters-label { color: var(--muted); margin-right: 2px; }
.filters button { font: inherit; font-size: 12.5px; padding: 2px 10px; border-radius: 12px; cursor: pointer;
  border: 1px solid #afb8c1; background: #fff; color: var(--ink); }
.filters button .n { font-weight: 650; font-variant-numeric: tabular-nums; }
.filters button[aria-pressed="true"] { background: var(--ink); border-color: var(--ink); color: #fff; }
.filters button:disabled { cursor: default; color: #8c959f; border-color: var(--line); }
.filters button.reset { border-style: dashed; }
.filters .shown { color: var(--muted); margin-left: 6px; }
.unit-note, .selection { margin: 6px 0 0; font-size: 12px; color: var(--muted); }
.selection { font-size: 13px; color: var(--ink); }
tr.seg[hidden], tbody.para[hidden] { display: none; }
.chip { display: inline-block; padding: 0 4px; margin: 0 1px; border-radius: 4px; border: 1px solid #c8d1da;
  background: #eef1f4; color: #57606a; font-size: 0.8em; line-height: 1.5; font-weight: 500;
  vertical-align: 1px; white-space: nowrap; }
.diff { margin-top: 6px; padding: 4px 8px; border-left: 3px solid #d4a72c; background: #fffdf0;
  font-size: 13px; line-height: 1.6; }
.diff-label { display: block; font-size: 11px; font-weight: 600; color: var(--fuzzy); letter-spacing: .02em; }
.diff del { color: #82071e; background: #ffebe9; text-decoration: line-through; }
.diff ins { color: #116329; background: #dafbe1; text-decoration: none; border-bottom: 1px solid #4ac26b; }

.print-only { display: none; }
footer { padding: 12px 28px 24px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); }

@media print {
  @page { size: A4; margin: 13mm 11mm 15mm; }
  html, body { background: #fff; }
  body { font-size: 9.5pt; line-height: 1.45; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .masthead { padding: 0 0 6pt; background: none; border-bottom: 1.5pt solid #000; }
  .masthead h1 { font-size: 15pt; }
  .legend, .screen-only, .filters { display: none; }
  .print-only { display: block; }
  main { padding: 0; }
  a { color: inherit; }
  table.bitext { margin-top: 8pt; }
  .bitext thead { display: table-header-group; }
  .bitext thead th { position: static; font-size: 7.5pt; padding: 3pt 5pt; border-bottom: 1pt solid #000; }
  .bitext td { padding: 4pt 5pt; border-bottom: 0.5pt solid #bbb; }
  .bitext tbody.para + tbody.para { border-top: 1pt solid #888; }
  tr.seg, .grid tr { break-inside: avoid; page-break-inside: avoid; }
  td.tgt.fuzzy, td.tgt.untranslated, tr.seg:hover td { background: none; }
  .bitext col.notes { width: 14em; } .bitext col.sid { width: 3.2em; }
  mark.term { background: none; border-bottom: 0.8pt dotted #000; }
  mark.term.missing, mark.term.deviant { border-bottom: 1.2pt solid #000; }
  td.src mark.term[data-approved]::after { content: " [" attr(data-approved) "]"; font-size: 7pt; color: #444; }
  .signoff { margin-top: 14pt; font-size: 9pt; }
  .signoff span { display: inline-block; min-width: 15em; margin-right: 2em; border-bottom: 0.6pt solid #000; }
  footer { border-top: 0.5pt solid #888; padding: 4pt 0 0; font-size: 7.5pt; }
}
@media print {
  /* every language side by side needs the width of a landscape page */
  @page wide { size: A4 landscape; margin: 11mm 10mm 13mm; }
  body.multi, body.matrix-page { page: wide; font-size: 8.5pt; }
  body.multi table.bitext { min-width: 0; }
  body.multi td { font-size: 8.5pt; }
  body.multi main { overflow: visible; }
}
"""

# The filter bar's behaviour: a pressed button shows only the rows whose data-filters name it (any pressed
# button); "show all" releases them; a link ending in #only=fuzzy,findings opens the page with those pressed. Plain DOM, no library; it un-hides the bar, so without scripts the
# page shows every row and no buttons. It holds no "<" or "&", so it needs no escaping in the page.
SCRIPT = r"""
(function () {
  var bar = document.querySelector(".filters");
  if (!bar) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-filters]"));
  var bodies = Array.prototype.slice.call(document.querySelectorAll("tbody.para"));
  var buttons = Array.prototype.slice.call(bar.querySelectorAll("button[data-filter]"));
  var shown = bar.querySelector(".shown");
  function apply() {
    var pressed = buttons.filter(function (b) { return b.getAttribute("aria-pressed") === "true"; })
      .map(function (b) { return b.getAttribute("data-filter"); });
    var count = 0;
    rows.forEach(function (row) {
      var has = row.getAttribute("data-filters").split(" ");
      var show = pressed.length === 0 || pressed.some(function (f) { return has.indexOf(f) !== -1; });
      row.hidden = !show;
      if (show) { count += 1; }
    });
    bodies.forEach(function (body) { body.hidden = !body.querySelector("tr[data-filters]:not([hidden])"); });
    shown.textContent = count + " of " + rows.length + " segments shown";
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") === "true";
      button.setAttribute("aria-pressed", on ? "false" : "true");
      apply();
    });
  });
  bar.querySelector("button.reset").addEventListener("click", function () {
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    apply();
  });
  // a link may ask for a selection: page.html#only=fuzzy,findings
  var asked = /^#only=([a-z,]+)$/.exec(location.hash);
  if (asked) {
    buttons.forEach(function (b) {
      if (asked[1].split(",").indexOf(b.getAttribute("data-filter")) !== -1) { b.setAttribute("aria-pressed", "true"); }
    });
  }
  bar.hidden = false;
  apply();
})();
"""
