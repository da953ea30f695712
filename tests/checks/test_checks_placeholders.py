"""Placeholders, tags, URLs, e-mails, plural forms, header."""

from __future__ import annotations

from workbench.checks.runner import run_checks
from workbench.plurals import default_plural_forms as plural_forms
from workbench.po.catalog import Catalog, Message


def report_for(language, messages, plural=None, extra_header=""):
    plural = plural if plural is not None else plural_forms(language)
    header = Message(msgid="", msgstr=f"Language: {language}\nContent-Type: text/plain; charset=UTF-8\n"
                                      + (f"Plural-Forms: {plural}\n" if plural else "") + extra_header)
    for index, message in enumerate(messages):
        message.lineno = 10 * (index + 1)
    return run_checks(Catalog(messages=[header] + messages, path=f"{language}.po"))


def found(report, check):
    return [f for f in report.findings if f.check == check]


def test_python_format():
    report = report_for("ru", [
        Message("Hello %(name)s", "Привет, %(имя)s", flags=["python-format"]),
        Message("Hello %(name)s and %(other)s", "Привет, %(other)s и %(name)s", flags=["python-format"]),
    ])
    issues = found(report, "placeholders")
    assert {f.msgid for f in issues} == {"Hello %(name)s"}
    assert len(issues) == 2  # missing %(name)s and unknown %(имя)s


def test_printf_order_and_positional():
    report = report_for("fr", [
        Message("%s of %d", "%d sur %s", flags=["c-format"]),
        Message("%1$s of %2$d", "%2$d sur %1$s", flags=["c-format"]),
        Message("50% off", "50 % de remise"),
    ])
    assert [f.msgid for f in found(report, "placeholders")] == ["%s of %d"]


def test_brace_format():
    report = report_for("zh_CN", [Message("{count} parks in {city}", "{city}有{count}个园区"),
                                  Message("{count} parks", "{数量}个园区")])
    assert [f.msgid for f in found(report, "placeholders")] == ["{count} parks", "{count} parks"]


def test_a_plural_form_for_one_number_may_omit_a_placeholder_but_none_may_add_one():
    """German msgstr[0] is for n = 1 only, Arabic's first three for 0, 1 and 2: "Ein Park" says the number."""
    report = report_for("de", [
        Message("%(count)d park", msgid_plural="%(count)d parks", msgstr_plural=["Ein Park", "%(count)d Parks"],
                flags=["python-format"]),
        Message("%(count)d road", msgid_plural="%(count)d roads", msgstr_plural=["%(n)d Straße", "%(count)d Straßen"],
                flags=["python-format"]),
    ])
    assert [f.msgid for f in found(report, "placeholders")] == ["%(count)d road"]
    arabic = report_for("ar", [
        Message("%d park", msgid_plural="%d parks", flags=["c-format"],
                msgstr_plural=["لا حدائق", "حديقة واحدة", "حديقتان", "%d حدائق", "%d حديقة", "%d حديقة"])])
    assert not found(arabic, "placeholders")


def test_a_plural_form_for_many_numbers_must_show_the_number():
    """Russian msgstr[0] is for 1, 21, 31, ...: "Один парк" for 21 parks is wrong, and msgfmt -c refuses it (41 such
    entries in Wagtail 6's ru and uk catalogues, every one also an error of msgfmt -c)."""
    report = report_for("ru", [
        Message("%(count)d park", msgid_plural="%(count)d parks", msgstr_plural=["Один парк", "%(count)d парка", "%(count)d парков"],
                flags=["python-format"]),
        Message("%d road", msgid_plural="%d roads", msgstr_plural=["%d дорога", "%d дороги", "дорог"], flags=["c-format"]),
    ])
    issues = found(report, "placeholders")
    assert [(f.msgid, f.form, f.severity) for f in issues] == [("%(count)d park", 0, "error"), ("%d road", 2, "error")]
    assert "which Plural-Forms uses for n = 1, 21, 31, …" in issues[0].message
    assert "n = 0, 5, 6, …" in issues[1].message
    # forms that are not the header's (six Arabic ones under a two-form rule: plural-forms' error) serve no
    # numbers the header could tell: msgfmt -c does not compare them either
    arabic_in_english = report_for("en", [Message("%d byte", msgid_plural="%d bytes", flags=["c-format"], msgstr_plural=[
        "%d بايت", "بايت واحد", "بايتان", "%d بايتات", "%d بايتًا", "%d بايت"])])
    assert not found(arabic_in_english, "placeholders") and found(arabic_in_english, "plural-forms")


def test_tags_urls_emails():
    report = report_for("fr", [
        Message('Read <a href="https://x.org/en/">the guide</a>.', 'Lisez <a href="https://x.org/fr/">le guide</a>.'),
        Message("Read <b>this</b>.", "Lisez ceci."),
        Message("See https://www.yangzhou.gov.cn/auto.", "Voir https://yangzhou.gov.cn/auto."),
        Message("Write to press@example.org.", "Écrivez à presse@example.org."),
    ])
    # one dropped element is one finding: its closing tag's is kept in suppressed, absorbed
    assert [f.msgid for f in found(report, "tags")] == ["Read <b>this</b>."]
    assert [(f.check, f.suppressed_by) for f in report.suppressed] == [("tags", "absorbed")]
    assert [f.msgid for f in found(report, "urls")] == ["See https://www.yangzhou.gov.cn/auto."]
    assert [f.msgid for f in found(report, "emails")] == ["Write to press@example.org."]


def test_plural_count_against_the_files_own_header():
    django_style = "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || (n%100>=11 && n%100<=14)? 2 : 3);"
    four = Message("%d park", msgid_plural="%d parks", msgstr_plural=["%d парк", "%d парка", "%d парков", "%d парка"])
    three = Message("%d road", msgid_plural="%d roads", msgstr_plural=["%d дорога", "%d дороги", "%d дорог"])
    report = report_for("ru", [four, three], plural=django_style)
    assert [f.msgid for f in found(report, "plural-forms")] == ["%d road"]
    # Django's four-form Russian rule is CLDR's (the fourth form is for fractions): no header finding
    assert found(report, "header") == []


def test_an_untranslated_plural_entry_with_too_few_forms_is_a_warning():
    # Django 5.2.19's kn catalogues: nplurals=2, one empty msgstr[0]; msgfmt --check skips the entry
    empty = Message("%d park", msgid_plural="%d parks", msgstr_plural=[""])
    filled = Message("%d road", msgid_plural="%d roads", msgstr_plural=["%d ರಸ್ತೆ"])
    report = report_for("kn", [empty, filled], plural="nplurals=2; plural=(n > 1);")
    assert [(f.msgid, f.severity) for f in found(report, "plural-forms")] == [("%d park", "warning"), ("%d road", "error")]


def test_header_problems():
    report = report_for("ru", [Message("%d park", msgid_plural="%d parks", msgstr_plural=["a", "b", "c"])], plural="")
    assert any("no Plural-Forms" in f.message and f.severity == "error" for f in found(report, "header"))
    # no plural entry translated yet (Django's English djangojs.po): msgfmt --check accepts it, a warning
    report = report_for("en", [Message("%d park", msgid_plural="%d parks", msgstr_plural=["", ""])], plural="")
    assert [(f.severity, "no Plural-Forms" in f.message) for f in found(report, "header")] == [("warning", True)]
    report = report_for("ru", [], plural="nplurals=2; plural=n>1 ? 2 : 0;")
    assert any("outside" in f.message for f in found(report, "header"))
    report = report_for("ru", [], plural="nplurals=three")
    assert any("not of the form" in f.message for f in found(report, "header"))


def test_untranslated_and_fuzzy():
    fuzzy = Message("Open", "Открыть")
    fuzzy.fuzzy = True
    report = report_for("ru", [Message("Close", ""), fuzzy,
                               Message("%d park", msgid_plural="%d parks", msgstr_plural=["%d парк", "", "%d парков"])])
    assert [f.msgid for f in found(report, "untranslated")] == ["Close", "%d park"]
    assert [f.msgid for f in found(report, "fuzzy")] == ["Open"]
    assert {f.check for f in report.findings if f.msgid == "Open"} == {"fuzzy"}  # a draft is not checked further


def test_tags_swapped_nesting_is_an_error():
    report = report_for("de", [
        Message("Read <g1><g2>the guide</g2></g1> now.", "Lies <g1><g2>die Anleitung</g1></g2> jetzt."),
        Message("Read <g1><g2>this</g2></g1>.", "<g2><g1>Das</g1></g2> lesen."),  # reordered, still a tree
        Message("First <g1>part.", "Erster <g1>Teil."),  # half a pair: its other half is the next sentence's
    ])
    [finding] = found(report, "tags")
    assert finding.msgid == "Read <g1><g2>the guide</g2></g1> now."
    assert finding.severity == "error" and finding.offending == "</g1>"
    assert "not nested as in the source" in finding.message


def test_tags_on_the_placeholders_an_html_article_produces():
    """Swapped nesting of an HTML article's <g1><g2>…</g2></g1> is an error, as the build refuses it; two sibling
    elements in the target's word order (<g3>…</g3> <g4>…</g4> -> <g4>…</g4> <g3>…</g3>) are silent."""
    from workbench.readers import html
    from workbench.readers.base import Paragraph
    page = '<p>Click <a href="/save"><strong>Save</strong> now</a>, <em>then</em> <b>quit</b>.</p>'
    [source] = [part.text for part in html.read(page, "a.html").parts if isinstance(part, Paragraph)]
    assert source == "Click <g1><g2>Save</g2> now</g1>, <g3>then</g3> <g4>quit</g4>."
    swapped = "Klicken Sie <g1><g2>jetzt auf Speichern</g1></g2>, <g3>dann</g3> <g4>beenden</g4>."
    reordered = "Klicken Sie <g1><g2>Speichern</g2> jetzt</g1>, <g4>beenden</g4> Sie <g3>dann</g3>."
    report = report_for("de", [Message(source, swapped, msgctxt="swapped"), Message(source, reordered, msgctxt="reordered")])
    assert [(f.msgctxt, f.severity, f.offending) for f in found(report, "tags")] == [("swapped", "error", "</g1>")]
    assert html.markup_problems(source, swapped) and not html.markup_problems(source, reordered)


def test_tags_a_pair_moved_out_of_or_into_another_element_is_a_warning_naming_the_parent():
    """Valid markup, other formatting: a link no longer bold. Siblings in another order, and two pairs wrapping
    exactly the same words nested the other way round (<b><i>x</i></b>, <i><b>x</b></i>), stay silent."""
    source = "Exports will <g1>double by <g2>next year</g2></g1>, he said."
    report = report_for("ru", [
        Message(source, "Экспорт <g1>удвоится</g1> <g2>к следующему году</g2>, сказал он.", msgctxt="out"),
        Message("Read <g1>this</g1> and <g2>that</g2>.", "Прочтите <g1>это и <g2>то</g2></g1>.", msgctxt="in"),
        Message("Read <b>this <a href='/x'>guide</a></b> now.", "Прочтите <b>это</b> <a href='/x'>руководство</a>.",
                msgctxt="html"),
        Message("Read <g1>this</g1> and <g2>that</g2>.", "Прочтите <g2>то</g2> и <g1>это</g1>.", msgctxt="siblings"),
        Message("Read <g1><g2>this</g2></g1>.", "Прочтите <g2><g1>это</g1></g2>.", msgctxt="same words"),
    ])
    assert [(f.msgctxt, f.severity, f.offending, f.message) for f in found(report, "tags")] == [
        ("out", "warning", "<g2>", "<g2> is inside <g1> in the source, not here"),
        ("in", "warning", "<g2>", "<g2> is inside <g1> here, not in the source"),
        ("html", "warning", "<a href='/x'>", "<a> is inside <b> in the source, not here")]


# -- false alarms seen on real catalogues (bench/precision) ---------------------------------------------
def test_a_metavariable_in_angle_brackets_is_not_markup():
    # Sphinx 9.0.4, sphinx/locale/{de,ru}/LC_MESSAGES/sphinx.po (BSD-2-Clause); Sphinx's own usage line
    report = report_for("de", [
        Message("<<original entry>>", "<<ursprüngliche Eintrag>>"),
        Message("(The <<original entry>> is located in %s, line %d.)", "(Der <<ursprüngliche Eintrag>> steht in %s, Zeile %d.)"),
        Message("<command>", "<Befehl>"),
    ])
    assert found(report, "tags") == []


def test_a_real_tag_that_is_dropped_is_still_an_error():
    # Wagtail 8.0.1, wagtail/admin/locale/pt_BR/LC_MESSAGES/django.po (BSD-3-Clause)
    report = report_for("pt_BR", [Message("Requested by <b>%(modified_by)s</b>", "Requerido por %(modified_by)s")])
    assert [(f.offending, f.severity) for f in found(report, "tags")] == [("<b>", "error")]
    assert [(f.offending, f.suppressed_by) for f in report.suppressed] == [("</b>", "absorbed")]


def test_formatting_added_on_purpose_is_a_warning_and_a_link_added_an_error():
    # Django 5.2.19, django/contrib/humanize/locale/fr/LC_MESSAGES/django.po (BSD-3-Clause): French ordinals
    report = report_for("fr", [
        Message("{}th", "{}<sup>e</sup>", msgctxt="ordinal 0"),
        Message("Read the guide.", 'Lisez le <a href="https://evil.example">guide</a>.'),
    ])
    assert {(f.msgid, f.offending, f.severity) for f in found(report, "tags")} == {
        ("{}th", "<sup>", "warning"), ("{}th", "</sup>", "warning"),
        ("Read the guide.", '<a href="https://evil.example">', "error"), ("Read the guide.", "</a>", "error")}


def test_a_url_or_address_ends_where_cjk_text_begins():
    report = report_for("zh_CN", [
        Message("Sign up [here](https://example.org/fair).", "请在[这里](https://example.org/fair)报名。"),
        Message("Write to fair@example.org to take part.", "请至fair@example.org联系报名。"),
    ])
    assert found(report, "urls") == found(report, "emails") == found(report, "brackets") == []


def test_another_page_of_the_same_site_is_a_warning():
    # Sphinx 9.0.4, sphinx/locale/pt_BR/LC_MESSAGES/sphinx.po (BSD-2-Clause): a link to the translated docs
    report = report_for("pt_BR", [
        Message('Created using <a href="https://www.sphinx-doc.org/">Sphinx</a> %(sphinx_version)s.',
                'Criada usando <a href="https://www.sphinx-doc.org/pt_BR/master">Sphinx</a> %(sphinx_version)s.'),
        Message("See https://docs.example.org/guide", "Voir https://autre.example.com/guide"),
    ])
    assert [(f.msgid[:7], f.severity) for f in found(report, "urls")] == [("Created", "warning"), ("See htt", "error")]


def test_an_example_url_with_a_slot_rendered_otherwise_is_a_warning():
    # Wagtail 8.0.1, wagtail/locale/ca/LC_MESSAGES/django.po (BSD-3-Clause): the slug's help text
    source = "The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/"
    report = report_for("ca", [
        Message(source, "El nom de la pàgina que apareixerà en la URL. Per exemple: http://domini.com/blog/[nom]/"),
        Message(source, "El nom de la pàgina que apareixerà en la URL."),
    ])
    # localised, it is a warning; dropped, the reader loses the example: still an error
    assert [(f.line, f.severity) for f in found(report, "urls")] == [(10, "warning"), (20, "error")]


def test_q_rendered_as_typed_quote_marks_is_a_warning():
    # Django 5.2.19, contrib/admindocs ca/ar_DZ django.po (BSD-3-Clause)
    report = report_for("ca", [
        Message("Search path for template <q>%(name)s</q>:", 'Camí de cerca per la plantilla "%(name)s":'),
        Message("Template: <q>%(name)s</q>", "Plantilla: %(name)s"),
        Message("Template: <q>%(name)s</q>", 'Plantilla: \\"%(name)s\\"'),
    ])
    # quote marks show what <q> shows; without them, or escaped (the backslash is shown), the quotation is lost
    assert [(f.line, f.severity) for f in found(report, "tags")] == [(10, "warning"), (20, "error"), (30, "error")]


def test_a_character_reference_typed_into_a_translation_is_a_warning():
    """An HTML article's &mdash; is — in its msgid: a translator who types &mdash; or &nbsp; gets it on the page as
    typed. A reference the source writes too (a template's &nbsp;) is fine; so are AT&T and &notice;."""
    report = report_for("fr", [
        Message("The council votes — on the budget.", "Les élus votent &mdash; le budget&nbsp;!"),
        Message("Price:&nbsp;%s", "Prix&nbsp;: %s", flags=["c-format"]),
        Message("AT&T and others", "AT&T et &notice; autres"),
    ])
    issues = found(report, "character-reference")
    assert [(f.msgid, f.offending) for f in issues] == [("The council votes — on the budget.", "&mdash;"),
                                                      ("The council votes — on the budget.", "&nbsp;")]
    assert "write '—' itself" in issues[0].message and issues[0].severity == "warning"
