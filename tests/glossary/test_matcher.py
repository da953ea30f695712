"""The matcher: positions, word boundaries, CJK, case rules, English and Russian inflection,
nesting and overlaps, and the seed glossary against the seed translations."""

from pathlib import Path

import pytest

from workbench.glossary import TermMatcher, read_tbx
from workbench.glossary.model import Concept, Term, Termbase


def make(*concepts):
    termbase = Termbase()
    for concept_id, terms in concepts:
        concept = Concept(concept_id)
        for language, items in terms.items():
            for item in items:
                concept.add(language, item if isinstance(item, Term) else Term(item, status="preferred"))
        termbase.concepts.append(concept)
    return TermMatcher(termbase)


@pytest.fixture(scope="module")
def matcher():
    return make(
        ("mayor", {"en": ["Mayor"], "zh_CN": ["市长"], "ru": ["мэр"], "fr": ["maire"]}),
        ("mpc", {"en": ["Municipal Party Committee"], "zh_CN": ["市委"], "ru": ["горком КПК"]}),
        ("deputy", {"en": ["Deputy Secretary of the Municipal Party Committee"], "zh_CN": ["市委副书记"],
                    "ru": ["заместитель секретаря горкома КПК"]}),
        ("yangzhou", {"en": [Term("Yangzhou", "preferred", case_sensitive=True)],
                      "zh_CN": ["扬州", Term("杨州", "deprecated")], "ru": ["Янчжоу"]}),
        ("zone", {"ru": ["экономическая зона"], "fr": ["zone de développement économique"]}),
        ("pan", {"en": [Term("Pan", "preferred", case_sensitive=True)]}),
        ("edz", {"en": [Term("EDZ", "preferred", type="abbreviation", case_sensitive=True)]}),
        ("econdev", {"en": ["economic development"]}),
        ("devzone", {"en": ["development zone"]}),
        ("industry", {"en": ["industry"], "fr": ["industrie automobile"]}),
        ("parks", {"ru": ["промышленные парки"]}),
    )


REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_matcher():
    return TermMatcher(read_tbx(REPO / "glossary" / "yangzhou-auto-forum.tbx"))


@pytest.fixture(scope="module")
def seed_translations():
    """[{"en": source, "zh_CN": ..., "ru": ..., "fr": ...}] from the project's catalogues."""
    from workbench.po.reader import read_po

    rows: dict[str, dict[str, str]] = {}
    for language in ("zh_CN", "ru", "fr"):
        for message in read_po(REPO / "locales" / language / "LC_MESSAGES" / "yangzhou-auto-forum-2023.po").entries():
            rows.setdefault(message.msgid, {"en": message.msgid})[language] = message.msgstr
    return list(rows.values())


def found(matches):
    return [(m.text, m.concept.id) for m in matches]


def test_positions_are_offsets_in_the_text(matcher):
    text = "Yesterday the Mayor spoke."
    [match] = matcher.find(text, "en")
    assert (match.start, match.end, match.text) == (14, 19, "Mayor") and text[match.start:match.end] == "Mayor"
    assert match.term.text == "Mayor" and match.language == "en"


def test_english_plural_and_possessive(matcher):
    assert found(matcher.find("Two mayors met in Yangzhou's centre; the mayor's office.", "en")) == [
        ("mayors", "mayor"), ("Yangzhou's", "yangzhou"), ("mayor's", "mayor")]
    assert found(matcher.find("industries", "en")) == [("industries", "industry")]


def test_word_boundaries_in_alphabetic_scripts(matcher):
    assert matcher.find("Mayoral Yangzhouese panel", "en") == []


def test_no_boundaries_in_chinese(matcher):
    text = "扬州市市长潘国强出席。杨州"
    assert found(matcher.find(text, "zh_CN")) == [("扬州", "yangzhou"), ("市长", "mayor"), ("杨州", "yangzhou")]
    assert matcher.find(text, "zh_CN")[2].term.status == "deprecated"


def test_case_rules_per_term(matcher):
    assert found(matcher.find("Pan noted; a pan; PAN", "en")) == [("Pan", "pan")]
    assert found(matcher.find("the EDZs and the edz", "en")) == [("EDZs", "edz")]
    assert found(matcher.find("MAYOR and mayor", "en")) == [("MAYOR", "mayor"), ("mayor", "mayor")]


def test_russian_inflected_forms(matcher):
    pytest.importorskip("pymorphy3", reason="Russian lemmatisation needs pymorphy3")
    text = "Развитие экономической зоны, встреча с мэром; заместителя секретаря горкома КПК; четырёх промышленных парков"
    assert found(matcher.find(text, "ru")) == [
        ("экономической зоны", "zone"), ("мэром", "mayor"), ("заместителя секретаря горкома КПК", "deputy"),
        ("промышленных парков", "parks")]


def test_french_articles_and_plurals(matcher):
    assert found(matcher.find("les maires de l’industrie automobile", "fr")) == [
        ("maires", "mayor"), ("industrie automobile", "industry")]
    assert found(matcher.find("la zone de développement économique", "fr")) == [
        ("zone de développement économique", "zone")]


def test_longest_match_wins_and_nested_ones_on_request(matcher):
    text = "Deputy Secretary of the Municipal Party Committee and Mayor"
    assert found(matcher.find(text, "en")) == [
        ("Deputy Secretary of the Municipal Party Committee", "deputy"), ("Mayor", "mayor")]
    every = matcher.find(text, "en", nested=True)
    assert [(m.text, m.longest) for m in every] == [
        ("Deputy Secretary of the Municipal Party Committee", True), ("Municipal Party Committee", False),
        ("Mayor", True)]
    zh = matcher.find("市委副书记、市长", "zh_CN")
    assert found(zh) == [("市委副书记", "deputy"), ("市长", "mayor")]


def test_crossing_matches_are_both_kept_and_flagged(matcher):
    matches = matcher.find("the economic development zone", "en")
    assert [(m.text, m.overlapping) for m in matches] == [
        ("economic development", True), ("development zone", True)]


def test_all_languages_at_once(matcher):
    matches = matcher.find("Mayor 市长 мэр", None)
    assert sorted((m.text, m.language) for m in matches) == [("Mayor", "en"), ("мэр", "ru"), ("市长", "zh_CN")]


def test_language_fallback_and_unknown_language(matcher):
    assert found(matcher.find("市长", "zh")) == [("市长", "mayor")]
    assert matcher.find("Mayor", "de") == []


def test_same_span_same_concept_reports_the_exact_term():
    m = make(("c", {"en": [Term("mayor", "deprecated"), Term("Mayor", "preferred")]}))
    [match] = m.find("Mayor", "en")
    assert match.term.status == "preferred"


def test_result_does_not_depend_on_glossary_size():
    small = make(("mayor", {"en": ["Mayor"]}))
    big = make(("mayor", {"en": ["Mayor"]}), *[(f"x{i}", {"en": [f"filler term number{i}"]}) for i in range(3000)])
    text = "the Mayor and the filler term number17"
    assert found(small.find(text, "en")) == [("Mayor", "mayor")]
    assert found(big.find(text, "en")) == [("Mayor", "mayor"), ("filler term number17", "x17")]


def test_seed_glossary_agrees_with_the_seed_translations(seed_matcher, seed_translations):
    """Every source term's concept has an approved rendering, and no deprecated one, in each translation."""
    pytest.importorskip("pymorphy3", reason="Russian lemmatisation needs pymorphy3")
    problems = []
    for segment in seed_translations:
        for source in seed_matcher.find(segment["en"], "en"):
            for language in ("zh_CN", "ru", "fr"):
                here = [m for m in seed_matcher.find(segment[language], language) if m.concept is source.concept]
                if not any(m.term.approved for m in here):
                    problems.append((segment["en"][:40], source.text, language))
        for language in ("zh_CN", "ru", "fr"):
            problems += [(m.text, language) for m in seed_matcher.find(segment[language], language) if m.term.rejected]
    assert problems == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = ["Mayor", "mayors", "Yangzhou's", "Municipal", "Party", "Committee", "Deputy", "Secretary", "of", "the",
          "economic", "development", "zone", "Pan", "pan", "市长", "扬州", "杨州", ",", ".", "—", " "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=25), st.sampled_from([" ", "", "\n"]))
def test_matches_are_exact_spans_and_never_nested(matcher, words, joiner):
    text = joiner.join(words)
    for language in ("en", "zh_CN"):
        matches = matcher.find(text, language)
        for m in matches:
            assert text[m.start:m.end] == m.text and m.text.strip() == m.text and m.longest
        spans = {(m.start, m.end) for m in matches}
        for s1, e1 in spans:
            assert not any((s2, e2) != (s1, e1) and s2 <= s1 and e1 <= e2 for s2, e2 in spans)


def test_any_language_lookup_reports_a_shared_spelling_once(seed_matcher):
    """"Yangzhou" is the en and the fr term: one occurrence, not one per language."""
    matches = seed_matcher.find("Yangzhou's mayors", None)
    assert [(m.start, m.end) for m in matches] == [(0, 10), (11, 17)]


# -- the tolerance the checks rely on (once a separate regex finder's) ------------------------------------

def test_yo_is_read_as_ye_both_ways():
    m = make(("green", {"ru": ["зелёная политика"]}), ("hedgehog", {"ru": ["еж"]}))
    assert found(m.find("о зеленой политике", "ru")) == [("зеленой политике", "green")]
    assert found(m.find("Ёж", "ru")) == [("Ёж", "hedgehog")]


def test_apostrophes_hyphens_and_spaces_are_interchangeable():
    m = make(("xian", {"en": ["Xi'an"]}), ("gov", {"en": ["People’s Government"]}),
             ("cb", {"en": ["cross-border port"]}), ("vm", {"fr": ["vice-maire"]}))
    assert found(m.find("Xi’an, Xiʼan and Xi'an", "en")) == [("Xi’an", "xian"), ("Xiʼan", "xian"), ("Xi'an", "xian")]
    assert found(m.find("the Peopleʼs Government", "en")) == [("Peopleʼs Government", "gov")]
    assert found(m.find("a cross border port; cross\u2011border ports", "en")) == [
        ("cross border port", "cb"), ("cross\u2011border ports", "cb")]
    assert found(m.find("le vice maire", "fr")) == [("vice maire", "vm")]


def test_french_glue_words_come_and_go_between_the_words():
    m = make(("auto", {"fr": ["industrie automobile"]}), ("parts", {"fr": ["automobiles et pièces automobiles"]}),
             ("h2", {"fr": ["batterie à hydrogène"]}))
    assert found(m.find("l’industrie de l’automobile", "fr")) == [("industrie de l’automobile", "auto")]
    assert found(m.find("d’automobiles et de pièces automobiles", "fr")) == [
        ("automobiles et de pièces automobiles", "parts")]
    assert found(m.find("des batteries au hydrogène, une batterie hydrogène", "fr")) == [
        ("batteries au hydrogène", "h2"), ("batterie hydrogène", "h2")]


def test_french_en_and_et_at_a_term_edge_belong_to_it():
    m = make(("online", {"fr": ["en ligne"]}))
    assert found(m.find("une ligne droite", "fr")) == []
    [match] = m.find("achat en ligne", "fr")
    assert match.text == "en ligne"


def test_french_plural_and_feminine_endings():
    m = make(("pres", {"fr": ["vice-président"]}), ("eco", {"fr": ["zone économique"]}))
    assert found(m.find("la vice-présidente et les vice-présidents", "fr")) == [
        ("vice-présidente", "pres"), ("vice-présidents", "pres")]
    assert found(m.find("des zones économiques", "fr")) == [("zones économiques", "eco")]


def test_light_endings_in_other_languages():
    m = make(("bank", {"de": ["Bank"], "es": ["ciudad"], "uk": ["місто"], "ko": ["서울"]}))
    assert found(m.find("die Banken", "de")) == [("Banken", "bank")]
    assert found(m.find("las ciudades", "es")) == [("ciudades", "bank")]
    assert found(m.find("за містом", "uk")) == [("містом", "bank")]
    assert found(m.find("서울시는", "ko")) == [("서울", "bank")]  # Korean particles attach to the word


def test_a_concept_without_the_regional_code_serves_it_with_its_language():
    m = make(("a", {"zh_CN": ["市长"]}), ("b", {"zh": ["扬州"]}))
    assert found(m.find("扬州市长", "zh_CN")) == [("扬州", "b"), ("市长", "a")]


def test_occurrences_give_every_term_nested_and_crossing():
    m = make(("c", {"en": [Term("mayor", "deprecated"), Term("Mayor", "preferred")]}),
             ("econdev", {"en": ["economic development"]}), ("devzone", {"en": ["development zone"]}),
             ("zone", {"en": ["zone"]}))
    assert [(s, e, c.id, t.text) for s, e, c, t in m.occurrences("Mayor of the economic development zone", "en")] == [
        (0, 5, "c", "mayor"), (0, 5, "c", "Mayor"), (13, 33, "econdev", "economic development"),
        (22, 38, "devzone", "development zone"), (34, 38, "zone", "zone")]


def test_german_declension_feminine_titles_compounds_and_place_adjectives():
    m = make(("terminal", {"de": ["Terminal"]}), ("pres", {"de": ["Präsident"]}),
             ("amb", {"de": ["deutscher Botschafter"]}))
    berlin = Concept("berlin", subject="places")
    berlin.add("de", Term("Berlin", status="preferred"))
    munich = Concept("munich", subject="places")
    munich.add("de", Term("München", status="preferred"))
    m.termbase.concepts += [berlin, munich]
    assert found(m.find("alle Terminalausgaben", "de")) == [("Terminalausgaben", "terminal")]
    assert found(m.find("Die Präsidentin und die Präsidentinnen", "de")) == [
        ("Präsidentin", "pres"), ("Präsidentinnen", "pres")]
    assert found(m.find("die Rede des deutschen Botschafters", "de")) == [("deutschen Botschafters", "amb")]
    assert found(m.find("Deutscher Botschafter", "de")) == [("Deutscher Botschafter", "amb")]
    assert found(m.find("der Berliner Senat, Münchner Bier", "de")) == [("Berliner", "berlin"), ("Münchner", "munich")]


def test_german_words_that_only_share_a_stem_are_not_the_term():
    m = make(("work", {"de": ["Arbeit"]}), ("term", {"de": ["Term"]}), ("exit", {"de": ["Ausgabe"]}),
             ("berlin", {"de": ["Berlin"]}))  # not a name concept: no adjective
    assert found(m.find("die Arbeiter", "de")) == []  # -er makes a place adjective of a name only
    assert found(m.find("ein Termin", "de")) == []  # -in makes a feminine of a person noun only
    assert found(m.find("die Ausgabestelle", "de")) == []  # Ausgabe only modifies a compound the dictionary knows
    assert found(m.find("der Berliner", "de")) == []


def test_a_german_term_is_found_as_the_head_of_a_compound_known_or_not():
    """A German compound is a kind of its last part: a Softwarepaket is a Paket, a Dateigröße a Größe (and no
    Datei). The first part of a compound the dictionary knows is not the term; of one it does not know, it is."""
    m = make(("package", {"de": ["Paket"]}), ("size", {"de": ["Größe"]}), ("file", {"de": ["Datei"]}),
             ("fair", {"de": ["Ausstellung", Term("Messe", "deprecated")]}), ("password", {"de": ["Passwort"]}),
             ("view", {"de": ["Sicht"]}), ("software", {"de": ["Softwarepaket"]}))
    assert found(m.find("mit einem Softwarepaket, Garantiepaket und Servicepaketen", "de")) == [
        ("Softwarepaket", "software"),  # the longer term wins, as everywhere
        ("Garantiepaket", "package"), ("Servicepaketen", "package")]
    assert found(m.find("die Dateigrößen der Softwarepakete", "de")) == [
        ("Dateigrößen", "size"), ("Softwarepakete", "software")]  # no Datei
    without = make(("package", {"de": ["Paket"]}))
    assert found(without.find("mit einem Softwarepaket", "de")) == [("Softwarepaket", "package")]
    [fair] = m.find("auf der Automesse", "de")  # the deprecated word, as the compound's head
    assert (fair.text, fair.term.status) == ("Automesse", "deprecated")
    # a known compound as a term is still found where it modifies an unknown one
    assert found(m.find("Ungültiges Passwortformat", "de")) == [("Passwortformat", "password")]
    # a verb's noun (Übersicht from übersehen) and a capitalised verb (Speichern) have no head
    assert found(m.find("Übersicht, Speichern", "de")) == []


def test_dictionary_lemmas_in_spanish_italian_portuguese_polish_ukrainian():
    m = make(("amb", {"es": ["embajador alemán"], "it": ["ambasciatore"], "pt": ["embaixador"],
                      "pl": ["ambasador"], "uk": ["президент"]}))
    assert found(m.find("los embajadores alemanes", "es")) == [("embajadores alemanes", "amb")]
    assert found(m.find("gli ambasciatori", "it")) == [("ambasciatori", "amb")]
    assert found(m.find("os embaixadores", "pt")) == [("embaixadores", "amb")]
    assert found(m.find("do ambasadora", "pl")) == [("ambasadora", "amb")]
    assert found(m.find("президентка і президента", "uk")) == [("президентка", "amb"), ("президента", "amb")]
    assert found(m.find("la embajada", "es")) == []


def test_serbian_croatian_bosnian_endings_in_latin_and_cyrillic_script():
    """Latin-script Serbian had no endings to drop: "Tadžikistana" was not the term "Tadžikistan"."""
    m = make(("tj", {"sr@latin": ["Tadžikistan"], "bs": ["Tadžikistan"]}),
             ("ind", {"sr@latin": ["automobilska industrija"], "sr": ["аутомобилска индустрија"],
                      "hr": ["automobilska industrija"]}),
             ("yz", {"sr@latin": ["Jangdžou"], "sr": ["Јангџоу"]}))
    assert found(m.find("Došao je iz Tadžikistana, sa Tadžikistanom", "sr@latin")) == [
        ("Tadžikistana", "tj"), ("Tadžikistanom", "tj")]
    assert found(m.find("iz Tadžikistana", "bs")) == [("Tadžikistana", "tj")]
    # the locative of an adjective (-oj, -ој), in both scripts and in Croatian
    assert found(m.find("u automobilskoj industriji", "sr@latin")) == [("automobilskoj industriji", "ind")]
    assert found(m.find("у аутомобилској индустрији", "sr")) == [("аутомобилској индустрији", "ind")]
    assert found(m.find("u automobilskoj industriji", "hr")) == [("automobilskoj industriji", "ind")]
    # a name ending in a vowel takes its ending after the vowel
    assert found(m.find("iz Jangdžoua, u Jangdžouu", "sr@latin")) == [("Jangdžoua", "yz"), ("Jangdžouu", "yz")]
    assert found(m.find("из Јангџоуа", "sr")) == [("Јангџоуа", "yz")]
    assert found(m.find("Tadžik, industrijalac", "sr@latin")) == []


def test_arabic_proclitics_before_a_term():
    """و ف ب ك ل and the article ال are written joined to the next word: وليانغتشو is "and Yangzhou"."""
    m = make(("yz", {"ar": ["يانغتشو"]}), ("pan", {"ar": ["بان قوه تشيانغ"]}), ("cn", {"ar": ["الصين"]}))
    assert found(m.find("جاء من طاجيكستان وليانغتشو.", "ar")) == [("وليانغتشو", "yz")]
    assert found(m.find("التقى ببان قوه تشيانغ.", "ar")) == [("ببان قوه تشيانغ", "pan")]
    assert found(m.find("فبالصين وللصين", "ar")) == [("فبالصين", "cn"), ("وللصين", "cn")]  # li- + al-: lil-
    assert found(m.find("سيانغتشو بان قوه وتشيانغ", "ar")) == []  # not any letter; only before the first word


def test_hebrew_proclitics_and_the_geresh_written_as_an_apostrophe():
    m = make(("yz", {"he": ["יאנגג׳ואו"]}), ("gov", {"he": ["הממשלה"]}))
    assert found(m.find("הוא ביקר ביאנגג׳ואו ומיאנגג׳ואו", "he")) == [("ביאנגג׳ואו", "yz"), ("ומיאנגג׳ואו", "yz")]
    assert found(m.find("הוא ביקר ביאנגג'ואו", "he")) == [("ביאנגג'ואו", "yz")]  # ' typed for ׳
    assert found(m.find("בממשלה ושהממשלה", "he")) == [("בממשלה", "gov"), ("ושהממשלה", "gov")]  # ה after ב dropped
    assert found(m.find("קיאנגג׳ואו", "he")) == []


def test_a_case_sensitive_term_in_a_script_without_capitals_takes_proclitics():
    m = make(("yz", {"he": [Term("יאנגג׳ואו", "preferred", case_sensitive=True)],
                     "ar": [Term("يانغتشو", "preferred", case_sensitive=True)]}))
    assert found(m.find("ביאנגג׳ואו", "he")) == [("ביאנגג׳ואו", "yz")]
    assert found(m.find("وليانغتشو", "ar")) == [("وليانغتشو", "yz")]


def test_turkish_suffixes_after_a_term():
    """The last word of a Turkish term takes plural, possessive and case suffixes, in vowel harmony."""
    m = make(("ind", {"tr": ["otomotiv sanayii"]}), ("min", {"tr": ["bakanlık"]}), ("mayor", {"tr": ["bakan"]}))
    assert found(m.find("Otomotiv sanayiinin büyümesi", "tr")) == [("Otomotiv sanayiinin", "ind")]
    assert found(m.find("otomotiv sanayiine, otomotiv sanayiinde", "tr")) == [
        ("otomotiv sanayiine", "ind"), ("otomotiv sanayiinde", "ind")]
    assert found(m.find("bakanlığı, bakanlıkta, bakanlıklar", "tr")) == [
        ("bakanlığı", "min"), ("bakanlıkta", "min"), ("bakanlıklar", "min")]
    assert found(m.find("bakanın, bakanları", "tr")) == [("bakanın", "mayor"), ("bakanları", "mayor")]
    assert found(m.find("baka, bakanlik, otomotivin sanayii", "tr")) == []
