"""The review page in a real browser: headless Chromium parses it, we read its DOM, and keep a screenshot.

Needs Debian's ``chromium`` (``apt-get install -y chromium fonts-noto-cjk``;
the fonts so that the screenshot shows Chinese rather than boxes). The
screenshot and a PDF printout (the print stylesheet) land in
``artifacts/review-<article>-<lang>.png`` / ``.pdf`` for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from workbench.articles import find_sources, load_article
from workbench.layout import catalogue_path
from workbench.po.reader import read_po
from workbench.review import export_review

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--mute-audio",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="headless browser test needs /usr/bin/chromium (apt-get install -y chromium)"
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"  # fresh profile: no state from any other run
    profile.mkdir(exist_ok=True)
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args]
    result = subprocess.run(command, capture_output=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    return result


@pytest.fixture
def zh_page(review_project):
    paths = export_review(review_project, ["html"], review_project.root / "out")
    page = next(p for p in paths if p.name == "forum.zh_CN.html")
    return review_project, page


def test_every_segment_is_in_the_browsers_dom_and_aligned(zh_page, tmp_path):
    config, page = zh_page
    result = chromium(tmp_path, "--dump-dom", page.resolve().as_uri())
    dom = lxml.html.fromstring(result.stdout.decode("utf-8"))
    article = load_article(find_sources(config)[0], config)
    entries = {m.msgid: m for m in read_po(catalogue_path(config, "forum", "zh_CN")).entries()}
    rows = dom.xpath("//table[contains(@class,'bitext')]/tbody/tr[@data-segment]")
    expected = [(f"{p.number}.{s.index}", s.msgid) for p in article.paragraphs for s in p.segments]
    assert [row.get("data-segment") for row in rows] == [sid for sid, _ in expected]
    for row, (sid, msgid) in zip(rows, expected):
        cells = row.xpath("td")
        assert len(cells) == 4, sid
        assert cells[1].text_content() == msgid
        assert cells[1].get("lang") == "en" and cells[2].get("lang") == "zh-CN"
        if entries[msgid].msgstr:
            assert cells[2].text_content() == entries[msgid].msgstr
        # each row's source and target sit in the same table row, paragraph by paragraph
        assert row.getparent().get("id") == f"p{sid.split('.')[0]}"
    text = dom.text_content()
    for chinese in ("扬州汽车产业论坛", "市长潘国强出席开幕式并致辞。", "汽车工业"):
        assert chinese in text
    assert dom.xpath("//td[contains(@class,'tgt')]//mark[contains(@class,'deviant')]")


def test_screenshot_and_printout(zh_page, tmp_path):
    _, page = zh_page
    ARTIFACTS.mkdir(exist_ok=True)
    shot = tmp_path / "review.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1400,2000", page.resolve().as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a page, not a blank
    shutil.copyfile(shot, ARTIFACTS / "review-forum-zh_CN.png")
    pdf = tmp_path / "review.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.resolve().as_uri())
    assert pdf.read_bytes()[:5] == b"%PDF-"
    shutil.copyfile(pdf, ARTIFACTS / "review-forum-zh_CN.pdf")
