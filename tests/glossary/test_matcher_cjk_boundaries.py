"""Short Chinese and Japanese terms are dropped where the text's words show they are part of another
word (glossary/cjkwords.py): 包 "package" is not in 包含 "contain", so a check asking whether the
translation has it hears no; a deprecated 车 is not in 自行车 "bicycle", so no false error."""

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
        ("package", {"en": ["package"], "zh_CN": ["包"]}),
        ("software-package", {"en": ["software package"], "zh_CN": ["软件包"]}),
        ("mayor", {"en": ["mayor"], "zh_CN": ["市长"], "ja": ["市長"]}),
        ("yangzhou", {"en": ["Yangzhou"], "zh_CN": ["扬州", Term("杨州", "deprecated")]}),
        ("expo", {"en": ["Eurasian Digital Economy Expo"], "zh_CN": ["欧亚数字经济博览会"]}),
        ("value", {"en": ["value"], "zh_CN": ["值"], "ja": ["値"]}),
        ("row", {"en": ["row"], "zh_CN": ["行"]}),
        ("page", {"en": ["page"], "zh_CN": ["页"]}),
        ("vehicle", {"en": ["motor vehicle"], "zh_CN": ["机动车", Term("车", "deprecated")]}),
        ("box", {"en": ["box"], "ja": ["ボックス", Term("箱", "deprecated")]}),
        ("key", {"en": ["key"], "ja": ["鍵", Term("キー", "deprecated")]}),
        ("cookie", {"en": ["cookie"], "ja": ["クッキー"]}),
        ("hakone", {"en": ["Hakone"], "ja": ["箱根"]}),
    ))


def found(matches):
    return [(m.text, m.concept.id) for m in matches]


# -- Chinese: jieba's words ---------------------------------------------------------------------------

def test_one_character_term_is_not_found_inside_a_verb(matcher):
    assert found(matcher.find("该文件包含三个模块。", "zh_CN", nested=True)) == []
    assert found(matcher.find("正在进行升级。", "zh_CN", nested=True)) == []  # 行 "row" in 进行 "carry out"


def test_one_character_term_is_found_where_it_is_a_word(matcher):
    assert found(matcher.find("请下载这个包。", "zh_CN")) == [("包", "package")]
    assert found(matcher.find("这个值太大了。", "zh_CN")) == [("值", "value")]  # no HMM gluing 值太大


def test_one_character_term_inside_a_noun_still_counts(matcher):
    """页码 "page number" has the page, 默认值 "default value" the value: nothing new to report there."""
    assert found(matcher.find("页码小于 1", "zh_CN")) == [("页", "page")]
    assert found(matcher.find("返回默认值", "zh_CN")) == [("值", "value")]


def test_inside_a_longer_glossary_term_it_counts_only_as_the_longer_concept(matcher):
    assert found(matcher.find("安装软件包。", "zh_CN", nested=True)) == [("软件包", "software-package")]


def test_two_character_approved_terms_match_as_before(matcher):
    assert found(matcher.find("扬州市市长出席。", "zh_CN")) == [("扬州", "yangzhou"), ("市长", "mayor")]


def test_the_glossarys_own_long_terms_are_words(matcher):
    """欧亚数字经济博览会 is one word for the segmenter because the glossary has it."""
    text = "2023扬州欧亚数字经济博览会开幕。"
    assert found(matcher.find(text, "zh_CN")) == [("扬州", "yangzhou"), ("欧亚数字经济博览会", "expo")]


def test_a_deprecated_short_term_counts_only_as_a_word(matcher):
    assert [(m.text, m.term.status) for m in matcher.find("车须在入口处登记。", "zh_CN")] == [("车", "deprecated")]
    assert "vehicle" not in {m.concept.id for m in matcher.find("东门可租用自行车。", "zh_CN", nested=True)}
    assert [(m.text, m.term.status) for m in matcher.find("杨州的发展", "zh_CN")] == [("杨州", "deprecated")]
    assert found(matcher.find("白杨州立公园", "zh_CN", nested=True)) == []  # 白杨 | 州立: no word 杨州


def test_the_terminology_service_answers_with_the_same_rule(matcher):
    glossary = Terminology(matcher.termbase)
    package = glossary.renderings(glossary.concept("package"), "zh_CN")
    assert glossary.contains("该文件包含三个模块。", "zh_CN", package) is None
    assert glossary.contains("请下载这个包。", "zh_CN", package) is not None
    assert not [hit for hit in glossary.find("东门可租用自行车。", "zh_CN") if hit.term.rejected]


# -- Japanese: only rejected terms, by script runs and the glossary's terms ------------------------------

def test_approved_japanese_terms_match_inside_compounds_as_before(matcher):
    """Compounds are written solid (整数値 "integer value"), and without a dictionary 価値 "worth"
    cannot be told from them: an approved term is found in both."""
    assert found(matcher.find("整数値を入力してください。", "ja")) == [("値", "value")]
    assert found(matcher.find("副市長が出席した。", "ja")) == [("市長", "mayor")]


def test_deprecated_kanji_term_counts_only_as_its_whole_run(matcher):
    assert [(m.text, m.term.status) for m in matcher.find("箱を選択してください。", "ja")] == [("箱", "deprecated")]
    assert found(matcher.find("事務所は箱根にあります。", "ja")) == [("箱根", "hakone")]


def test_deprecated_kanji_term_counts_where_the_run_splits_into_glossary_terms(matcher):
    assert [(m.text, m.term.status) for m in matcher.find("箱鍵", "ja")] == [
        ("箱", "deprecated"), ("鍵", "preferred")]


def test_deprecated_katakana_term_counts_only_as_its_whole_run(matcher):
    assert [(m.text, m.term.status) for m in matcher.find("キーを押す", "ja")] == [("キー", "deprecated")]
    assert [(m.text, m.term.status) for m in matcher.find("キー・ボックス", "ja")] == [
        ("キー", "deprecated"), ("ボックス", "preferred")]
    assert found(matcher.find("スキーマを読む", "ja", nested=True)) == []  # ス|キー|マ: schema


def test_a_huge_run_of_kanji_is_an_answer_not_a_recursion_error(matcher):
    """Hostile input: a run of thousands of glossary terms is not split term by term (no compound of
    terms is that long), so the deprecated 箱 at its start is not counted, and nothing overflows."""
    text = "箱" + "鍵" * 5000
    assert [m.text for m in matcher.find(text, "ja") if m.term.rejected] == []
    assert [(m.text, m.term.status) for m in matcher.find("箱鍵鍵", "ja")][:1] == [("箱", "deprecated")]


# -- the segmenter: loaded only when needed, quiet, private ------------------------------------------

def test_segmenter_is_loaded_only_for_a_short_chinese_term(tmp_path):
    """Matching English, or Chinese without a short term's characters, never imports jieba (a second of
    start-up); a short Chinese term does, silently, and writes nothing outside workbench's cache folder."""
    script = (
        "import sys\n"
        "from workbench.glossary import TermMatcher\n"
        "from workbench.glossary.model import Concept, Term, Termbase\n"
        "tb = Termbase(digest='0' * 40); c = Concept('c'); c.add('en', Term('mayor', 'preferred'))\n"
        "c.add('zh_CN', Term('包', 'preferred')); tb.concepts.append(c)\n"
        "d = Concept('d'); d.add('zh_CN', Term('欧亚数字经济博览会', 'preferred')); tb.concepts.append(d)\n"
        "m = TermMatcher(tb)\n"
        "m.find('the mayor', 'en'); m.find('欧亚数字经济博览会', 'zh_CN')\n"
        "print('jieba' in sys.modules)\n"
        "print([x.text for x in m.find('这个包', 'zh_CN')])\n"
        "print('jieba' in sys.modules)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path / "tmp"),
           "WORKBENCH_CACHE_DIR": str(tmp_path / "cache")}
    (tmp_path / "tmp").mkdir()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["False", "['包']", "True"]
    assert result.stderr == ""  # jieba's "Building prefix dict ..." log lines silenced
    assert list((tmp_path / "tmp").iterdir()) == []  # not jieba's default cache in the temp folder
    assert list((tmp_path / "cache" / "jieba").iterdir())  # workbench's own cache folder instead
