"""Language codes: one variety however it is written, and which text serves which catalogue."""

from __future__ import annotations

import pytest

from workbench.langs import likely_subtags, same_variety, serves, to_bcp47, to_gettext


@pytest.mark.parametrize("code, expected", [
    ("sr", ("sr", "Cyrl", "RS")), ("sr-Cyrl", ("sr", "Cyrl", "RS")), ("sr@latin", ("sr", "Latn", "RS")),
    ("sr-Latn-RS", ("sr", "Latn", "RS")), ("zh", ("zh", "Hans", "CN")), ("zh_TW", ("zh", "Hant", "TW")),
    ("zh-Hant", ("zh", "Hant", "TW")), ("pt_PT", ("pt", "Latn", "PT")), ("ar", ("ar", "Arab", "EG")),
])
def test_likely_subtags_fill_what_a_code_leaves_out_from_cldr(code, expected):
    assert likely_subtags(code) == expected


def test_the_same_variety_written_two_ways_is_one():
    assert same_variety("sr", "sr-Cyrl") and same_variety("zh_TW", "zh-Hant-TW") and same_variety("sr@latin", "sr-Latn")
    assert same_variety("fr", "fr-FR") and same_variety("pt_BR", "pt-BR")
    assert not same_variety("sr", "sr-Latn") and not same_variety("zh_CN", "zh_TW") and not same_variety("pt_BR", "pt_PT")
    assert not same_variety(None, "fr") and not same_variety("fr", "")


def test_text_serves_a_catalogue_of_its_language_and_script():
    """A bare language takes any region of its own script; another script never (Serbian Latin is no Serbian
    Cyrillic translation, Traditional Chinese no Simplified one)."""
    assert serves("fr-CA", "fr") and serves("sr-Cyrl-ME", "sr") and serves("sr-Latn-ME", "sr@latin")
    assert not serves("sr-Latn", "sr") and not serves("zh-TW", "zh") and not serves("zh-Hant", "zh_CN")
    assert not serves("fr-FR", "fr_CA")  # a region named is that region's


@pytest.mark.parametrize("tag, gettext", [
    ("zh-Hans", "zh_CN"), ("zh-Hant", "zh_TW"), ("zh-Hant-HK", "zh_HK"), ("zh-Hans-SG", "zh_SG"),
    ("sr-Latn", "sr@latin"), ("sr-Cyrl", "sr"), ("uz-Cyrl", "uz@cyrillic"), ("uz-Latn", "uz"),
    ("ca-valencia", "ca@valencia"), ("ca-ES-valencia", "ca_ES@valencia"), ("pt-BR", "pt_BR"), ("es-419", "es_419"),
])
def test_a_bcp47_tag_is_the_gettext_code_of_its_variety_and_back(tag, gettext):
    """A script that is the language's own is no modifier (sr-Cyrl made a second tree, locales/sr@cyrl, beside
    sr); Hong Kong's Traditional Chinese is not Taiwan's; a variant stays (ca-valencia was exported as ca)."""
    assert to_gettext(tag) == gettext
    assert same_variety(to_bcp47(gettext), tag)


def test_modifiers_that_are_bcp47_variants_are_kept_and_others_left_out():
    assert to_bcp47("be@tarask") == "be-tarask" and to_bcp47("ca@valencia") == "ca-valencia"
    assert to_bcp47("de_DE@euro") == "de-DE" and to_bcp47("sr_RS@latin") == "sr-Latn-RS"


def test_a_language_written_two_ways_in_the_configuration_is_one(tmp_path):
    from workbench.config import load_config

    (tmp_path / "pyproject.toml").write_text('[tool.workbench]\ntarget-languages = ["zh_TW", "zh-Hant", "fr", "fr"]\n',
                                             encoding="utf-8")
    assert load_config(tmp_path).target_languages == ["zh_TW", "fr"]


def test_a_script_modifier_chooses_the_cldr_locale_of_that_script():
    """sr@latin dates are written with Latin month names (a TM suggestion kept "29. avgusta" for September 12,
    and the numbers check wanted Cyrillic names, for want of them)."""
    from workbench.langs import locale_for

    assert locale_for("sr@latin").months["format"]["wide"][9] == "septembar"
    assert locale_for("sr").months["format"]["wide"][9] == "септембар"
    assert str(locale_for("de_DE@euro")) == "de_DE"


@pytest.mark.parametrize("code", ["fr@/../../../escape", "sr@", "sr@latin@cyrillic", "fr@..", "und", "x-klingon",
                                  "en-" + "a" * 300, ""])
def test_a_code_that_is_no_language_code_is_refused(code):
    """A code names a folder (locales/<code>/LC_MESSAGES): "fr@/../../x" passed as French with a modifier, and
    update wrote catalogues outside the project."""
    from workbench.errors import WorkbenchError
    from workbench.langs import validate_language

    with pytest.raises(WorkbenchError, match="invalid language code"):
        validate_language(code)


def test_update_refuses_a_language_that_would_write_outside_the_project(tmp_path, capsys):
    from workbench.cli import main

    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.workbench]\nsource-language = "en"\ntarget-languages = ["fr"]\n',
                                         encoding="utf-8")
    (root / "seeds" / "news.txt").write_text("The forum opened.\n", encoding="utf-8")
    assert main(["-C", str(root), "extract"]) == 0
    assert main(["-C", str(root), "update", "--lang", "fr@/../../../escape"]) == 2
    assert "invalid language code" in capsys.readouterr().err
    assert not (tmp_path / "escape").exists() and not list(tmp_path.rglob("*.po"))
    assert main(["-C", str(root), "update", "--lang", "sr@Latin"]) == 0  # a modifier's case is gettext's
    assert (root / "locales" / "sr@latin" / "LC_MESSAGES" / "news.po").is_file()


def test_a_posix_codeset_is_no_part_of_the_language():
    """Sphinx ships locale/zh_TW.Big5/LC_MESSAGES/sphinx.po (Language: zh_TW.Big5): Traditional Chinese of Taiwan."""
    from workbench.langs import validate_language

    assert validate_language("zh_TW.Big5") == "zh_TW" and validate_language("sr_RS.UTF-8@latin") == "sr_RS@latin"


def test_codes_other_tools_write_in_files_are_still_read():
    """A TMX from another tool may say zh-CHS (Microsoft's), EN-US, or add a private-use part."""
    from workbench.langs import validate_language

    assert [validate_language(code) for code in ("zh-CHS", "EN-US", "en-US-x-twain")] == ["zh", "en_US", "en_US"]


def test_text_direction_is_cldrs_and_left_to_right_for_a_code_it_does_not_know():
    from workbench.langs import text_direction

    assert [text_direction(code) for code in ("ar", "he", "fa_IR", "ur", "fr", "zh_CN", "sr@latin")] == [
        "rtl", "rtl", "rtl", "rtl", "ltr", "ltr", "ltr"]
    assert text_direction("qq") == "ltr"
