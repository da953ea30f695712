"""The JSON report: the stable contract of ``workbench check --format json``.

::

    {
      "version": 1,
      "tool": "workbench",
      "source_language": "en",
      "findings": [                        # active findings, sorted by file, line, check
        {"file": "locales/ru/article.po",  # as given on the command line (relative to the cwd)
         "line": 42,                       # line of the entry (its first line) in the file; 0 if unknown
         "language": "ru",                 # the catalogue's language (gettext code)
         "msgctxt": null,                  # null when the entry has none
         "msgid": "…",
         "check": "numbers",               # a check id: workbench check --list
         "severity": "error",              # error | warning | info
         "message": "…",
         "offending": "2023",              # the offending text, or null
         "span": [3, 7],                   # its offsets in "target" (or in msgid if "in_source"), or null
         "in_source": false,
         "plural_form": null,              # index of the msgstr[i] concerned, or null
         "target": "…"}                    # the translation (of that plural form)
      ],
      "suppressed": [ … same shape, plus "suppressed_by": "comment" | "config" | "absorbed",
                      and for an absorbed one "reason": the finding that absorbed it (checks.rootcause) … ],
      "summary": {"total": 3, "by_severity": {"error": 1, "warning": 2, "info": 0},
                  "by_check": {"numbers": {"error": 1, "warning": 0, "info": 0}, …},
                  "suppressed": 1, "suppressed_by_check": {"fuzzy": 1},
                  "files": 3, "entries": 45, "languages": ["fr", "ru", "zh_CN"]}
    }

Keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

import json

VERSION = 1
# one encoder for every finding's line: ``json.dumps`` with an option makes an encoder per call (a third of the
# time of 30,000 findings' lines)
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False)


def finding_json(finding) -> dict:
    data = finding.to_json()
    data["in_source"] = finding.in_source
    return data


def as_data(report) -> dict:
    return {
        "version": VERSION,
        "tool": "workbench",
        "source_language": report.source_language,
        "findings": [finding_json(f) for f in report.findings],
        "suppressed": [finding_json(f) for f in report.suppressed],
        "summary": report.summary(),
    }


def render(report, **_options) -> str:
    """Two-space indented, one finding per line.

    ``json.dumps(indent=2)`` would use the json module's pure-Python encoder:
    a second for 30,000 findings. A finding a line is as readable and as
    diffable, and its lines come from the C encoder. The lines are made one
    finding at a time (``pieces``: ``workbench check -o`` writes them as they
    come; a project's report is tens of MB, and its findings' dicts, their
    lines and copies of the text were each that again).
    """
    return "".join(pieces(report))


def pieces(report):
    """The report's text in pieces, a finding's line at a time (``render`` joins them)."""
    fields = [("version", VERSION), ("tool", "workbench"), ("source_language", report.source_language),
              ("findings", report.findings), ("suppressed", report.suppressed), ("summary", report.summary())]
    yield "{\n"
    for number, (key, value) in enumerate(fields):
        yield f"  {json.dumps(key)}: "
        if key in ("findings", "suppressed") and value:
            yield "[\n"
            for index, finding in enumerate(value):
                yield ("    " if index == 0 else ",\n    ") + _LINE_ENCODER.encode(finding_json(finding))
            yield "\n  ]"
        else:
            yield json.dumps([] if key in ("findings", "suppressed") else value, ensure_ascii=False,
                             indent=2).replace("\n", "\n  ")
        yield ",\n" if number < len(fields) - 1 else "\n"
    yield "}\n"
