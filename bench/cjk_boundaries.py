"""Benchmark: what the word boundaries of short Chinese and Japanese terms change on real catalogues.

The zh_Hans and ja catalogues of the Django, Wagtail and Sphinx wheels (``bench/precision/run.py``
downloads them into bench/out/precision/tree) are checked with the glossary checks and a UI glossary
of the renderings those catalogues themselves use most (below: 43 concepts, most of them one or two
characters: 值, 行, 列, 组, 页, 年; 値, 日, 削除, ページ), twice: with the boundaries of
``workbench.glossary.cjkwords`` and without them (its ``rule`` answering None: every term matched as
a substring, as before). The harness is ``glossary_ab.py``: time ratio, counts, and every finding that
differs in bench/out/cjk-boundaries.txt.

    .venv/bin/python bench/precision/run.py   # once, for the catalogues
    .venv/bin/python bench/cjk_boundaries.py
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from glossary_ab import catalogues, compare, glossary_file

from workbench.glossary import cjkwords

# en, zh_Hans, ja: each the rendering the catalogues use most for the English word (counted over the
# entries whose msgid has it); "|" separates admitted alternatives. Four deprecated renderings, as a
# style guide has them: ユーザ for ユーザー (the long vowel written out), 帐户 for 账户, and the short 图, 図
# for "image" (which also stand inside 视图 "view", 图标 "icon", 地図 "map", 意図 "intent").
GLOSSARY = """\
page,页面|页,ページ
user,用户,ユーザー|ユーザ [deprecated]
group,组,グループ
image,图片|图 [deprecated],画像|図 [deprecated]
document,文档,ドキュメント
site,站点,サイト
password,密码,パスワード
file,文件,ファイル
search,搜索,検索
delete,删除,削除
edit,编辑,編集
save,保存,保存
date,日期,日付
field,字段,フィールド
value,值,値
row,行,行
column,列,列
tag,标签,タグ
comment,评论,コメント
task,任务,タスク
version,版本,バージョン
permission,权限,権限
key,键,キー
time,时间,
link,链接,リンク
list,列表,リスト
form,表单,フォーム
model,模型,モデル
error,错误,エラー
language,语言,言語
status,状态,
type,类型,タイプ
address,地址,アドレス
account,账户|帐户 [deprecated],アカウント
draft,草稿,下書き
upload,上传,アップロード
menu,菜单,メニュー
collection,集合,コレクション
day,天,日
week,周,週
year,年,年
month,月,月
width,宽度,幅
"""


@contextmanager
def boundaries(on: bool):
    """``cjkwords.rule`` as it is, or answering None: every term matched as a substring, as before."""
    original = cjkwords.rule
    if not on:
        cjkwords.rule = lambda term, language: None
    try:
        yield
    finally:
        cjkwords.rule = original


def main() -> None:
    started = time.perf_counter()
    cjkwords._dictionary(use_cache=False)  # jieba's dictionary, read once per process: timed on its own
    loading = time.perf_counter() - started
    compare("cjk-boundaries", "boundaries", catalogues(("zh_Hans", "zh_CN", "ja")),
            glossary_file("cjk", ["en", "zh_CN", "ja"], GLOSSARY), boundaries,
            f"; jieba's dictionary read once per process: {loading:.2f} s")


if __name__ == "__main__":
    main()
