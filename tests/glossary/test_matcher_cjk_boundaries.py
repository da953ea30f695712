"""Short Chinese and Japanese terms count only where they are words (glossary/cjkwords.py):
包 "package" is not in 包含 "contain", and a check asking whether the translation has it hears no."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.glossary import TermMatcher
from workbench.glossary.model import Concept, Term, Termbase
from workbench.glossary.terminology import Terminology

REPO = Path(__file__).resolve().parents[2]


def termbase(*concepts) -> Termbase:
    tb = Termbase()
    for concept_id, terms in concepts:
        concept = Concept(concept_id)
        for language, items in terms.items():
            for item in items:
                concept.add(language, item if isinstance(item, Term) else Term(item, status="preferred"))
        tb.concepts.append(concept)
    return tb


@pytest.fixture(scope="module")
def matcher():
    return TermMatcher(termbase(
        ("package", {"en": ["package"], "zh_CN": ["包"], "ja": ["パッケージ"]}),
        ("software-package", {"en": ["software package"], "zh_CN": ["软件包"]}),
        ("mayor", {"en": ["mayor"], "zh_CN": ["市长"], "ja": ["市長"]}),
        ("yangzhou", {"en": ["Yangzhou"], "zh_CN": ["扬州", Term("杨州", "deprecated")], "ja": ["揚州"]}),
        ("expo", {"en": ["Eurasian Digital Economy Expo"], "zh_CN": ["欧亚数字经济博览会"]}),
        ("value", {"en": ["value"], "zh_CN": ["值"], "ja": ["値"]}),
        ("yokohama", {"en": ["Yokohama"], "ja": ["横浜"]}),
        ("page", {"en": ["page"], "ja": ["ページ"]}),
        ("delete", {"en": ["delete"], "ja": ["削除"]}),
    ))


def found(matches):
    return [(m.text, m.concept.id) for m in matches]


# -- Chinese: jieba's words ---------------------------------------------------------------------------

def test_one_character_term_is_not_found_inside_a_longer_word(matcher):
    assert found(matcher.find("该文件包含三个模块。", "zh_CN", nested=True)) == []


def test_one_character_term_is_found_where_it_is_a_word(matcher):
    assert found(matcher.find("请下载这个包。", "zh_CN")) == [("包", "package")]
    assert found(matcher.find("这个值太大了。", "zh_CN")) == [("值", "value")]


def test_inside_a_longer_glossary_term_it_counts_only_as_the_longer_concept(matcher):
    assert found(matcher.find("安装软件包。", "zh_CN", nested=True)) == [("软件包", "software-package")]


def test_two_character_term_counts_inside_a_word_but_not_across_two(matcher):
    assert found(matcher.find("扬州市市长出席。", "zh_CN")) == [("扬州", "yangzhou"), ("市长", "mayor")]
    # 城市 | 长期: the characters of 市长 stand in a row, across two words
    assert found(matcher.find("这座城市长期以来重视发展。", "zh_CN")) == []


def test_the_glossarys_own_long_terms_are_words(matcher):
    """欧亚数字经济博览会 is one word for the segmenter because the glossary has it, so 扬州 before it
    is a word of its own and still found."""
    text = "2023扬州欧亚数字经济博览会开幕。"
    assert found(matcher.find(text, "zh_CN")) == [("扬州", "yangzhou"), ("欧亚数字经济博览会", "expo")]


def test_a_deprecated_short_term_inside_another_word_is_not_a_hit(matcher):
    glossary = Terminology(termbase(("yangzhou", {"zh_CN": ["扬州", Term("杨州", "deprecated")]})))
    assert [h.term.text for h in glossary.find("杨州的发展", "zh_CN")] == ["杨州"]
    # no word 杨州 in 白杨州立 ... only the characters: jieba cuts 白杨 | 州立
    assert glossary.find("白杨州立公园", "zh_CN") == []


def test_the_terminology_service_answers_contains_with_the_same_rule(matcher):
    glossary = Terminology(matcher.termbase)
    package = glossary.renderings(glossary.concept("package"), "zh_CN")
    assert glossary.contains("该文件包含三个模块。", "zh_CN", package) is None
    assert glossary.contains("请下载这个包。", "zh_CN", package) is not None


def test_long_chinese_terms_match_as_before(matcher):
    assert found(matcher.find("2023扬州欧亚数字经济博览会", "zh")) == [("扬州", "yangzhou"),
                                                                   ("欧亚数字经济博览会", "expo")]


# -- Japanese: script changes and the glossary's terms -----------------------------------------------

def test_kanji_term_inside_a_longer_kanji_word_is_not_found(matcher):
    assert found(matcher.find("価値を確認します。", "ja", nested=True)) == []  # 価値 "worth", not 値


def test_kana_next_to_a_kanji_term_is_a_word_boundary(matcher):
    assert found(matcher.find("値を入力して削除します。", "ja")) == [("値", "value"), ("削除", "delete")]


def test_kanji_compound_counts_where_it_splits_into_glossary_terms(matcher):
    assert found(matcher.find("横浜市長が挨拶しました。", "ja")) == [("横浜", "yokohama"), ("市長", "mayor")]
    # 東京 is no term here: 東京市長 is one word as far as the glossary knows
    assert found(matcher.find("東京市長が挨拶しました。", "ja")) == []


def test_katakana_term_must_be_its_whole_katakana_run(matcher):
    assert found(matcher.find("ホームページを開く", "ja")) == []
    assert found(matcher.find("ページを開く", "ja")) == [("ページ", "page")]
    assert found(matcher.find("パッケージ・ページ", "ja")) == [("パッケージ", "package"), ("ページ", "page")]


def test_japanese_is_not_segmented_with_the_chinese_dictionary(matcher):
    """ja has no segmenter: 市長 inside 副市長 (副 no term) is part of a longer word."""
    assert found(matcher.find("副市長が出席した。", "ja", nested=True)) == []


# -- the segmenter: loaded only when needed, quiet, private ------------------------------------------

def test_segmenter_is_loaded_only_for_a_short_chinese_term(tmp_path):
    """Matching English, or Chinese with long terms only, never imports jieba (a second of start-up);
    a short Chinese term does, silently, and writes nothing outside workbench's cache folder."""
    script = (
        "import sys\n"
        "from workbench.glossary import TermMatcher\n"
        "from workbench.glossary.model import Concept, Term, Termbase\n"
        "tb = Termbase(digest='0' * 40); c = Concept('c'); c.add('en', Term('mayor', 'preferred'))\n"
        "c.add('zh_CN', Term('市长', 'preferred')); tb.concepts.append(c)\n"
        "d = Concept('d'); d.add('zh_CN', Term('欧亚数字经济博览会', 'preferred')); tb.concepts.append(d)\n"
        "m = TermMatcher(tb)\n"
        "m.find('the mayor', 'en'); m.find('欧亚数字经济博览会', 'zh_CN')\n"
        "print('jieba' in sys.modules)\n"
        "print([x.text for x in m.find('市长出席', 'zh_CN')])\n"
        "print('jieba' in sys.modules)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path / "tmp"),
           "WORKBENCH_CACHE_DIR": str(tmp_path / "cache")}
    (tmp_path / "tmp").mkdir()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["False", "['市长']", "True"]
    assert result.stderr == ""  # jieba's "Building prefix dict ..." log lines silenced
    assert list((tmp_path / "tmp").iterdir()) == []  # not jieba's default cache in the temp folder
    assert list((tmp_path / "cache" / "jieba").iterdir())  # workbench's own cache folder instead
