"""Benchmark: what the word boundaries of short Chinese and Japanese terms change on real catalogues.

The zh_Hans and ja catalogues of the Django, Wagtail and Sphinx wheels (``bench/precision/run.py``
downloads them into bench/out/precision/tree) are checked with the glossary checks and a UI glossary
of the renderings those catalogues themselves use most (below: 43 concepts, most of them one or two
characters: 值, 行, 列, 组, 页, 年; 値, 日, 削除, ページ), twice: with the boundaries of
``workbench.glossary.cjkwords`` and without them (its ``rule`` answering None: every term matched as
a substring, as before). Prints the finding counts by check and language, and writes every finding
that differs, with its entry's source and translation, to bench/out/cjk-boundaries.txt for reading.

    .venv/bin/python bench/precision/run.py   # once, for the catalogues
    .venv/bin/python bench/cjk_boundaries.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.checks.runner import run_checks  # noqa: E402
from workbench.glossary import cjkwords  # noqa: E402
from workbench.glossary.terminology import Terminology  # noqa: E402

TREE = ROOT / "bench" / "out" / "precision" / "tree"
OUT = ROOT / "bench" / "out"
CHECKS = ["term-missing", "term-deprecated", "name-mismatch", "term-inconsistent"]

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


def glossary_file() -> Path:
    path = OUT / "cjk-glossary.csv"
    rows = ["id,en,zh_CN,ja"] + [f"t{n:02d},{line}" for n, line in enumerate(GLOSSARY.splitlines(), 1)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def catalogues() -> list[Path]:
    found = []
    for language in ("zh_Hans", "zh_CN", "ja"):
        found += sorted(TREE.glob(f"*/**/locale/{language}/LC_MESSAGES/*.po"))
    return found


def run(files: list[Path], glossary: Path, boundaries: bool):
    original = cjkwords.rule
    if not boundaries:
        cjkwords.rule = lambda term, language: None
    try:
        terminology = Terminology.load(glossary, use_cache=False)  # a fresh matcher: its index reads ``rule``
        started = time.perf_counter()
        report = run_checks(files, termbase=terminology, only=CHECKS)
        return report, time.perf_counter() - started
    finally:
        cjkwords.rule = original


def key(finding) -> tuple:
    return (finding.file, finding.msgid, finding.check, finding.message)


def main() -> None:
    files = catalogues()
    if not files:
        sys.exit("no catalogues: run bench/precision/run.py first")
    glossary = glossary_file()
    started = time.perf_counter()
    cjkwords._dictionary(use_cache=False)  # jieba's dictionary, read once per process: timed on its own
    loading = time.perf_counter() - started
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(3):
        for boundaries in (False, True):
            report, elapsed = run(files, glossary, boundaries)
            times[boundaries].append(elapsed)
            if boundaries:
                after = report
            else:
                before = report
    before_time, after_time = (statistics.median(times[b]) for b in (False, True))
    print(f"{len(files)} catalogues, {after.entries} entries; glossary checks (median of 3) {before_time:.2f} s "
          f"without boundaries, {after_time:.2f} s with: ratio {after_time / before_time:.2f}; "
          f"jieba's dictionary read once per process: {loading:.2f} s")
    for name, report in (("without", before), ("with", after)):
        counts = Counter((f.language, f.check) for f in report.findings)
        print(f"  {name:8}", ", ".join(f"{lang} {check} {n}" for (lang, check), n in sorted(counts.items())))
    old, new = {key(f): f for f in before.findings}, {key(f): f for f in after.findings}
    lines = []
    for title, keys, source in (("gone", old.keys() - new.keys(), old), ("new", new.keys() - old.keys(), new)):
        for k in sorted(keys):
            f = source[k]
            lines.append(f"{title}\t{f.language}\t{f.check}\t{f.file}:{f.line}\n  {f.message}\n"
                         f"  msgid:  {f.msgid}\n  msgstr: {f.target}\n")
    (OUT / "cjk-boundaries.txt").write_text("\n".join(lines), encoding="utf-8")
    print(f"  {len(old.keys() - new.keys())} findings gone, {len(new.keys() - old.keys())} new: "
          f"bench/out/cjk-boundaries.txt")


if __name__ == "__main__":
    main()
