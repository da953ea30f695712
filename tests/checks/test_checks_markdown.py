"""The `markdown` check: planted Markdown mistakes in zh_CN, ru, de and fr, each found on its entry with
its id, and clean counterparts that give no finding at all; the check speaks only for entries extracted
from Markdown, and judges as `build` does."""

from __future__ import annotations

import pytest

from workbench.checks.runner import run_checks
from workbench.readers import markdown

LINK = "Read the [installation guide](https://example.org/install) first."
SPACED = "Open the [settings page](https://example.org/settings) to change it."
STRONG = "This step is **required** for every user."
CODE = "Run `pip install workbench` in a terminal."
REFLINK = "Questions are answered in [the FAQ][faq]."
EMPTY = "Report bugs on [the tracker](https://example.org/issues)."

# language -> source -> (clean translation, planted translation, severity of the planted mistake)
CASES = {
    "zh_CN": {
        LINK: ("请先阅读[安装指南](https://example.org/install)。", "请先阅读[安装指南]。", "error"),
        SPACED: ("打开[设置页面](https://example.org/settings)进行更改。", "打开[设置页面] (https://example.org/settings)进行更改。", "error"),
        STRONG: ("每个用户都**必须**完成这一步。", "每个用户都**必须完成这一步。", "error"),
        CODE: ("在终端中运行 `pip install workbench`。", "在终端中运行 `pip 安装 workbench`。", "error"),
        REFLINK: ("问题的答案见[常见问题][faq]。", "问题的答案见[常见问题][常见问题]。", "error"),
        EMPTY: ("请在[问题跟踪器](https://example.org/issues)上报告错误。", "请在[](https://example.org/issues)问题跟踪器上报告错误。", "warning"),
    },
    "ru": {
        LINK: ("Сначала прочтите [руководство по установке](https://example.org/install).",
               "Сначала прочтите [руководство по установке]().", "error"),
        SPACED: ("Откройте [страницу настроек](https://example.org/settings), чтобы изменить это.",
                 "Откройте [страницу настроек] (https://example.org/settings), чтобы изменить это.", "error"),
        STRONG: ("Этот шаг **обязателен** для каждого пользователя.", "Этот шаг **обязателен* для каждого пользователя.", "error"),
        CODE: ("Выполните `pip install workbench` в терминале.", "Выполните pip install workbench в терминале.", "error"),
        REFLINK: ("Ответы на вопросы — в [FAQ][faq].", "Ответы на вопросы — в [ЧаВо].", "error"),
        EMPTY: ("Сообщайте об ошибках в [трекере](https://example.org/issues).",
                "Сообщайте об ошибках в трекере [](https://example.org/issues).", "warning"),
    },
    "de": {
        LINK: ("Lesen Sie zuerst die [Installationsanleitung](https://example.org/install).",
               "Lesen Sie zuerst die [Installationsanleitung](https://example.org/installation).", "error"),
        SPACED: ("Öffnen Sie die [Einstellungsseite](https://example.org/settings), um es zu ändern.",
                 "Öffnen Sie die [Einstellungsseite] (https://example.org/settings), um es zu ändern.", "error"),
        STRONG: ("Dieser Schritt ist für alle Benutzer **erforderlich**.", "Dieser Schritt ist für alle Benutzer **erforderlich.", "error"),
        CODE: ("Führen Sie `pip install workbench` in einem Terminal aus.", "Führen Sie `pip install Workbench` in einem Terminal aus.", "error"),
        REFLINK: ("Fragen beantworten die [häufigen Fragen][faq].", "Fragen beantworten die [häufigen Fragen][FAQ-Seite].", "error"),
        EMPTY: ("Melden Sie Fehler im [Tracker](https://example.org/issues).",
                "Melden Sie Fehler im Tracker[](https://example.org/issues).", "warning"),
    },
    "fr": {
        LINK: ("Lisez d’abord le [guide d’installation](https://example.org/install).",
               "Lisez d’abord le guide d’installation.", "error"),
        SPACED: ("Ouvrez la [page des réglages](https://example.org/settings) pour le modifier.",
                 "Ouvrez la [page des réglages] (https://example.org/settings) pour le modifier.", "error"),
        STRONG: ("Cette étape est **obligatoire** pour chaque utilisateur.", "Cette étape est *obligatoire** pour chaque utilisateur.", "error"),
        CODE: ("Exécutez `pip install workbench` dans un terminal.", "Exécutez `pip installer workbench` dans un terminal.", "error"),
        REFLINK: ("Les réponses sont dans [la FAQ][faq].", "Les réponses sont dans [la FAQ](faq).", "error"),
        EMPTY: ("Signalez les bogues sur [le suivi](https://example.org/issues).",
                "Signalez les bogues sur le suivi [](https://example.org/issues).", "warning"),
    },
}
PLANTED = [(language, source, planted, severity)
           for language, cases in CASES.items() for source, (_, planted, severity) in cases.items()]


def _catalogue(tmp_path, kind: str, language: str, reference: str = "seeds/guide.md") -> None:
    lines = ['msgid ""', 'msgstr ""', f'"Language: {language}\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for line, (source, (clean, planted, _)) in enumerate(CASES[language].items(), start=1):
        if reference:
            lines.append(f"#: {reference}:{line}")
        lines += [f'msgid "{source}"', f'msgstr "{clean if kind == "clean" else planted}"', ""]
    path = tmp_path / kind / language / "LC_MESSAGES" / "guide.po"
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("markdown")
    for language in CASES:
        for kind in ("clean", "planted"):
            _catalogue(tmp_path, kind, language)
    return {kind: run_checks([str(tmp_path / kind)], termbase=None) for kind in ("clean", "planted")}


@pytest.mark.parametrize("language,source,planted,severity", PLANTED,
                         ids=[f"{p[0]}-{i}" for i, p in enumerate(PLANTED)])
def test_planted_markdown_mistake_found(reports, language, source, planted, severity):
    on_entry = [f for f in reports["planted"].findings if f.language == language and f.msgid == source]
    markdown_findings = [f for f in on_entry if f.check == "markdown"]
    assert markdown_findings and {f.severity for f in markdown_findings} == {severity}, \
        (planted, [(f.check, f.severity, f.message) for f in on_entry])


def test_errors_are_what_the_build_refuses():
    """An error here is a segment the build would publish as the source; the warning one builds."""
    for language, source, planted, severity in PLANTED:
        refused = markdown.markup_problems(source, planted, markdown.segment_references(source))
        assert bool(refused) == (severity == "error"), (language, planted, refused)


def test_clean_counterparts_give_no_finding(reports):
    assert [(f.language, f.check, f.msgid, f.message) for f in reports["clean"].findings] == []


def test_only_entries_extracted_from_markdown(tmp_path):
    """The same broken translations in a catalogue whose references name a .txt or .rst file: not Markdown."""
    for number, reference in enumerate(("seeds/guide.txt", "docs/usage.rst", "")):
        folder = tmp_path / str(number)
        _catalogue(folder, "planted", "fr", reference)
        report = run_checks([str(folder)], termbase=None)
        assert [f for f in report.findings if f.check == "markdown"] == []


def test_a_dropped_link_is_one_finding(reports):
    """The link's URL missing is the markdown finding's root cause too: `urls` is absorbed by it."""
    on_entry = [f for f in reports["planted"].findings if f.language == "fr" and f.msgid == LINK]
    assert [f.check for f in on_entry] == ["markdown"]
    assert any(f.check == "urls" and f.suppressed_by == "absorbed" for f in reports["planted"].suppressed
               if f.language == "fr" and f.msgid == LINK)


def test_references_stand_in_for_the_documents_definitions():
    env = markdown.segment_references("See [the FAQ][faq], [Usage][] and [not a reference].")
    assert sorted(env["references"]) == ["FAQ", "USAGE"]
    assert markdown.markup_problems("See [Usage][].", "Voir [Utilisation][].", markdown.segment_references("See [Usage][].")) \
        == ["link to [Usage] is missing"]


def test_emphasis_around_cjk_quotes_does_not_close():
    """CommonMark's flanking rules: '**' after a closing quote and before a CJK letter closes nothing, so
    `**“必须”**完成` renders the asterisks; moving the quotes outside the run fixes it."""
    source = "This step is **required**."
    assert markdown.markup_problems(source, "这一步**“必须”**完成。") == ["strong emphasis **…** is missing"]
    assert markdown.markup_problems(source, "这一步“**必须**”完成。") == []
