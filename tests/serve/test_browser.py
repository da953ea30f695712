"""The editor in a real browser: Debian's chromium driven by Playwright, against ``workbench serve``
running on a free port over a git-tracked copy of the seed project with planted problems.

Screenshots of the overview and of the editor in zh_CN and ru land in ``artifacts/serve-*.png``.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import httpx
import pytest

from serve_project import RU, SCRIPT_TEXT, ZH, git
from workbench.config import load_config
from workbench.po.reader import read_po
from workbench.po.writer import write_po

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="the editor's browser tests need Debian's chromium at /usr/bin/chromium "
                                       "(apt-get install -y chromium fonts-noto-cjk)")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency (requirements.lock)")


@pytest.fixture
def server(planted):
    from workbench.serve.server import serve

    ready = threading.Event()
    thread = threading.Thread(target=serve, args=(load_config(planted.root), "127.0.0.1", 0),
                              kwargs={"ready": ready}, daemon=True)
    thread.start()
    assert ready.wait(30)
    yield planted, ready.url
    ready.server.should_exit = True
    thread.join(10)


@pytest.fixture
def browser():
    with playwright_api.sync_playwright() as p:
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=args)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def base(url: str) -> str:
    return url.split("/?", 1)[0]


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"serve-{name}.png"))


def test_fix_a_planted_mistake_by_inserting_the_approved_term(server, page):
    planted, url = server
    page.goto(url)
    assert page.locator("table.grid a.open").count() == 6
    shot(page, "overview")
    page.click("a[href='/edit/zh_CN/yangzhou-auto-forum-2023']")
    page.select_option("#f-state", "failing")
    page.click("form.filters button[type=submit]")
    assert page.locator("nav.entries li").count() == 1  # the planted mistake is the one failing entry
    assert page.locator("#source").inner_text() == planted.mistake
    assert "杨州" in page.locator("#findings").inner_text()  # the deprecated name is named
    assert "杨州" in page.locator(".term-card .rejected").first.inner_text()
    shot(page, "editor-zh_CN")
    # select the deprecated name in the translation and insert the approved one with its shortcut
    target = page.locator("textarea.target")
    text = target.input_value()
    start = text.index("杨州")
    target.evaluate(f"t => {{ t.focus(); t.setSelectionRange({start}, {start + 2}); }}")
    number = page.locator(".term-card:has(button[data-insert='扬州'])").get_attribute("data-term")
    page.keyboard.press(f"Alt+{number}")
    assert target.input_value() == text.replace("杨州", "扬州")
    # the finding goes away before saving
    page.wait_for_function("() => document.querySelector('#findings')?.textContent === 'no findings'")
    assert git(planted.root, "diff") == ""
    page.keyboard.press("Control+s")
    page.wait_for_function("() => document.querySelector('#state')?.textContent === 'saved'")
    diff = git(planted.root, "diff", "-U0")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [f'-msgstr "{text}"', f'+msgstr "{text.replace("杨州", "扬州")}"']  # that entry alone
    assert sum(line.startswith("@@") for line in diff.splitlines()) == 1  # one hunk


def test_a_fuzzy_entry_accepted_by_the_keyboard(server, page):
    planted, url = server
    page.goto(url)
    page.goto(base(url) + "/edit/ru/yangzhou-auto-forum-2023?state=fuzzy")
    assert page.locator("#source").inner_text() == planted.fuzzy
    assert page.locator("#fuzzy").is_checked()
    shot(page, "editor-ru")
    page.locator("textarea.target").focus()
    page.keyboard.press("Control+Enter")  # accept: saved not fuzzy, then the next entry of the filter (none)
    page.wait_for_function("() => document.querySelector('#status')?.textContent === 'translated'")
    entry = next(m for m in read_po(planted.root / RU).entries() if m.msgid == planted.fuzzy)
    assert not entry.fuzzy and entry.msgstr
    assert any(c.startswith("wb-approved") for c in entry.translator_comments)


def test_moving_through_the_entries_by_keyboard(server, page):
    planted, url = server
    page.goto(url)
    page.goto(base(url) + "/edit/ru/yangzhou-auto-forum-2023?n=0")
    page.locator("textarea.target").focus()
    page.keyboard.press("Control+ArrowDown")
    page.wait_for_url("**/edit/ru/yangzhou-auto-forum-2023?n=1")
    page.keyboard.press("Control+Shift+ArrowDown")  # the next entry to do: the planted fuzzy one
    page.wait_for_function("() => document.querySelector('#status')?.textContent === 'fuzzy'")
    # the status is in the page before its script (at the end of the body) has run: a key pressed
    # meanwhile reaches no handler
    page.wait_for_load_state()
    assert page.locator("#source").inner_text() == planted.fuzzy
    fuzzy_url = page.url
    page.keyboard.press("Control+ArrowUp")
    page.wait_for_url(lambda address: address != fuzzy_url)
    page.wait_for_load_state()
    page.keyboard.press("Control+b")  # copy the source: an edit, not saved yet ...
    source = page.locator("#source").inner_text()
    assert page.locator("textarea.target").input_value() == source
    assert git(planted.root, "diff") == ""
    page.keyboard.press("Control+ArrowDown")  # ... until the translator moves on
    page.wait_for_url(fuzzy_url)
    assert source in [m.msgstr for m in read_po(planted.root / RU).entries()]


def test_a_conflicting_edit_on_disk_is_shown_not_overwritten(server, page):
    planted, url = server
    page.goto(url)
    page.goto(base(url) + "/edit/zh_CN/yangzhou-auto-forum-2023?state=failing")
    catalog = read_po(planted.root / ZH)
    entry = next(m for m in catalog.entries() if m.msgid == planted.mistake)
    entry.msgstr = "磁盘上的另一个译文。"  # as a git pull or Poedit would have it
    write_po(catalog, planted.root / ZH)
    page.locator("textarea.target").fill("浏览器里的译文。")
    page.keyboard.press("Control+s")
    conflict = page.locator("#conflict")
    conflict.wait_for(state="visible")
    assert "磁盘上的另一个译文。" in conflict.inner_text()
    assert next(m for m in read_po(planted.root / ZH).entries() if m.msgid == planted.mistake).msgstr == "磁盘上的另一个译文。"


def test_requests_without_the_token_or_with_a_foreign_host_are_refused(server):
    _, url = server
    root = base(url)
    assert httpx.get(root + "/").status_code == 403
    assert httpx.get(url, headers={"Host": "evil.example:80"}).status_code == 400
    assert httpx.get(url).status_code == 200


def test_a_script_in_a_msgstr_stays_text(server, page):
    planted, url = server
    page.goto(url)
    catalog = read_po(planted.root / RU)
    number = [m.msgid for m in catalog.entries()].index(planted.script)
    page.goto(base(url) + f"/edit/ru/yangzhou-auto-forum-2023?n={number}")
    assert page.locator("textarea.target").input_value() == SCRIPT_TEXT
    assert page.evaluate("() => window.pwned") is None
    page.goto(base(url) + f"/edit/zh_CN/yangzhou-auto-forum-2023?n={number}")  # shown under "other languages"
    assert SCRIPT_TEXT in page.locator("aside.side").inner_text()
    assert page.evaluate("() => window.pwned") is None
