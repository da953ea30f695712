"""Interleaved bilingual Markdown and plain text, paragraph by paragraph; and the export entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.export import FORMATS, REVIEW
from workbench.review import export_review


def export(config, formats) -> dict[str, Path]:
    out = config.root / "out"
    return {p.relative_to(out).as_posix(): p for p in export_review(config, formats, out)}


def test_txt_interleaves_source_and_target_paragraph_by_paragraph(review_project):
    text = export(review_project, ["txt"])["txt/forum.zh_CN.txt"].read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "forum — en → zh-CN"
    assert ("Catalogue, as workbench stats counts it: 7 entries, 4 translated, 1 fuzzy, 2 untranslated; "
            "63 source words, 38 translated. This file: 7 segments, 4 findings") in lines
    blocks = text.split("\n\n")[1:]
    assert [b.splitlines()[0] for b in blocks if b.strip()] == ["¶1 (heading)", "¶2", "¶3", "¶4"]
    second = blocks[1].splitlines()
    assert second[1].split(None, 1) == ["en", "The 2023 Auto Industry Forum took place on August 29. "
                                        "Mayor Pan Guoqiang attended the opening ceremony and delivered a speech."]
    # Chinese sentences follow each other without a space, as build writes them
    assert second[2].split(None, 1) == ["zh-CN", "2023汽车产业论坛于8月28日举行。市长潘国强出席开幕式并致辞。"]
    assert any("numbers" in line and "28" in line for line in second[3:])
    third = blocks[2].splitlines()
    assert third[2].split(None, 1)[1] == "他表示，汽车工业是全市的支柱产业。 [3.2 fuzzy: 市委将持续优化营商环境。] [3.3 untranslated]"


def test_md_is_markdown_with_headings_and_marks(review_project):
    text = export(review_project, ["md"])["md/forum.ru.md"].read_text(encoding="utf-8")
    assert text.startswith("# forum — en → ru\n")
    assert "## **en** Yangzhou Auto Industry Forum\n\n## **ru** Форум автомобильной промышленности Янчжоу\n" in text
    assert ("**ru** Форум автомобильной промышленности 2023 прошёл 29 августа. "
            "[2.2 fuzzy: Мэр Пань Гоцян присутствовал на церемонии открытия и выступил с речью.]") in text
    assert "**ru** [4.1 untranslated]" in text
    # paragraphs are kept apart and in order
    order = [text.index(f"<!-- paragraph {n}:") for n in (1, 2, 3, 4)]
    assert order == sorted(order)


def test_md_escapes_markup_in_translations(review_project):
    from review_project import fill

    fill(review_project, {"zh_CN": {"Yangzhou welcomes investors from home and abroad.": ("扬州*欢迎* <b>投资者</b>", False)}})
    text = export(review_project, ["md"])["md/forum.zh_CN.md"].read_text(encoding="utf-8")
    assert r"扬州\*欢迎\* \<b\>投资者\</b\>" in text


def test_rtl_and_all_formats_together(review_project):
    files = export(review_project, [f.name for f in FORMATS.values() if f.family == REVIEW])
    assert sorted(files) == sorted(
        ["html/index.html", "html/matrix.html", "html/forum.all.html"]
        + [f"{kind}/forum.{lang}.{kind}" for kind in ("html", "docx", "md", "txt") for lang in ("zh_CN", "ru", "ar")]
    )
    arabic = files["txt/forum.ar.txt"].read_text(encoding="utf-8")
    assert "تم توقيع عدة اتفاقيات تعاون خلال الحفل." in arabic


def test_text_exports_are_deterministic(review_project, tmp_path):
    from review_project import make_project

    first = export(review_project, ["md", "txt"])
    stamps = {name: path.stat().st_mtime_ns for name, path in first.items()}
    assert {n: p.stat().st_mtime_ns for n, p in export(review_project, ["md", "txt"]).items()} == stamps
    for name, path in export(make_project(tmp_path / "elsewhere"), ["md", "txt"]).items():
        assert path.read_bytes() == first[name].read_bytes(), name


def test_unknown_format_and_no_languages(review_project):
    with pytest.raises(WorkbenchError, match="unknown review format"):
        export_review(review_project, ["pdf"], review_project.root / "out")
    review_project.target_languages = []
    with pytest.raises(WorkbenchError, match="no target languages"):
        export_review(review_project, ["txt"], review_project.root / "out")


def test_a_language_without_a_catalogue_yet_is_all_untranslated(review_project):
    from workbench.layout import catalogue_path

    catalogue_path(review_project, "forum", "ar").unlink()
    files = export(review_project, ["txt", "html"])
    text = files["txt/forum.ar.txt"].read_text(encoding="utf-8")
    assert "Catalogue: (none yet)" in text and "No catalogue yet: every segment is untranslated. This file: 7 segments, 0 findings" in text
    assert "(none yet)" in files["html/forum.ar.html"].read_text(encoding="utf-8")
