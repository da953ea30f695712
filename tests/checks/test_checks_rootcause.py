"""Root causes: what a copied translation or a dropped element causes is absorbed, never what stands alone."""

from workbench.checks.base import Finding
from workbench.checks.rootcause import absorb
from workbench.checks.runner import Report


def finding(check, severity, offending, msgid, line=5):
    return Finding("de.po", line, "de", None, msgid, check, severity, f"{check} {offending}", offending=offending,
                   source=msgid)


def test_a_dropped_link_is_one_finding_other_problems_stay():
    msgid = 'Read <a href="https://a.example/x">this</a> and <a href="https://b.example">that</a>, see https://c.example.'
    report = Report(findings=[finding("tags", "error", "</a>", msgid), finding("urls", "error", "https://a.example/x", msgid),
                              finding("urls", "error", "https://c.example", msgid)])
    absorb(report)
    # two <a> elements: a missing </a> cannot be told to be either's, so nothing is merged on a guess
    assert [f.check for f in report.findings] == ["tags", "urls", "urls"]
    msgid = "See the [guide](https://a.example/guide) and write to <me@a.example>."
    report = Report(findings=[finding("urls", "error", "https://a.example/guide", msgid),
                              finding("emails", "error", "me@a.example", msgid)])
    absorb(report)
    assert len(report.findings) == 2  # two elements dropped: two root causes


def test_a_copy_absorbs_warnings_never_an_error():
    msgid = "Call Pan Guoqiang."
    report = Report(findings=[finding("same-as-source", "warning", msgid, msgid),
                              finding("latin-in-cjk", "warning", "Call", msgid),
                              finding("name-mismatch", "error", "Pan Guoqiang", msgid)])
    absorb(report)
    assert [f.check for f in report.findings] == ["same-as-source", "name-mismatch"]
    assert report.suppressed[0].suppressed_by == "absorbed" and report.suppressed[0].check == "latin-in-cjk"
