"""Language codes: one variety however it is written, and which text serves which catalogue."""

from __future__ import annotations

import pytest

from workbench.langs import likely_subtags, same_variety, serves


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
