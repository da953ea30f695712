"""The editor's web application through Starlette's test client: the guard on every request, the pages'
escaping and filters, and saving one entry (only it changes; a change on disk is a conflict)."""

from __future__ import annotations

import html
import json
import re
import warnings

import pytest

from serve_project import RU, SCRIPT_TEXT, ZH, git
from workbench.config import load_config
from workbench.po.catalog import Message
from workbench.po.reader import read_po
from workbench.po.writer import write_po
from workbench.serve.app import create_app
from workbench.serve.security import CSRF_HEADER, Guard

warnings.filterwarnings("ignore", message=".*httpx.*")
testclient = pytest.importorskip("starlette.testclient")

ARTICLE = "yangzhou-auto-forum-2023"


@pytest.fixture
def app(planted):
    guard = Guard()
    with testclient.TestClient(create_app(load_config(planted.root), guard), base_url="http://127.0.0.1:8470") as client:
        client.get(f"/?token={guard.token}")  # the cookie, as a browser keeps it
        yield planted, guard, client


def page_data(text: str) -> dict:
    return json.loads(html.unescape(re.search(r'id="entry-data">(.*?)</script>', text, re.S).group(1)))


def entry_page(client, language: str, **params) -> tuple[str, dict]:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    response = client.get(f"/edit/{language}/{ARTICLE}?{query}")
    assert response.status_code == 200, response.text
    return response.text, page_data(response.text)


def post(client, guard, path: str, data: dict, forms: list[str], fuzzy: bool = False, **extra):
    body = {"language": data["language"], "article": data["article"], "msgctxt": data["msgctxt"],
            "msgid": data["msgid"], "forms": forms, "fuzzy": fuzzy, "base": data["base"], **extra}
    return client.post(path, json=body, headers={CSRF_HEADER: guard.csrf})


# -- the guard ---------------------------------------------------------------------------------
def test_every_request_needs_the_token(planted):
    guard = Guard()
    client = testclient.TestClient(create_app(load_config(planted.root), guard), base_url="http://127.0.0.1:8470")
    for path in ("/", f"/edit/zh_CN/{ARTICLE}", "/static/editor.js"):
        assert client.get(path).status_code == 403
        assert client.get(path + ("&" if "?" in path else "?") + "token=wrong").status_code == 403
    assert client.post("/api/save", json={}, headers={CSRF_HEADER: guard.csrf}).status_code == 403
    assert client.get(f"/?token={guard.token}").status_code == 200
    assert client.get(f"/edit/zh_CN/{ARTICLE}").status_code == 200  # the cookie the first answer set


def test_a_foreign_host_is_refused_even_with_the_token(app):
    _, guard, client = app
    for host in ("evil.example", "evil.example:8470", "127.0.0.1.evil.example", ""):
        response = client.get(f"/?token={guard.token}", headers={"Host": host})
        assert response.status_code == 400, host
    assert client.get("/", headers={"Host": "localhost:8470"}).status_code == 200


def test_writes_need_the_csrf_secret_and_no_foreign_origin(app):
    planted, guard, client = app
    _, data = entry_page(client, "zh_CN", state="failing")
    body = {"language": "zh_CN", "article": ARTICLE, "msgctxt": None, "msgid": data["msgid"], "forms": ["x"],
            "fuzzy": False, "base": data["base"]}
    assert client.post("/api/save", json=body).status_code == 403
    assert client.post("/api/save", json=body, headers={CSRF_HEADER: "forged"}).status_code == 403
    assert client.post("/api/save", json=body, headers={CSRF_HEADER: guard.csrf,
                                                        "Origin": "http://evil.example"}).status_code == 403
    assert git(planted.root, "status", "--porcelain", "--", "locales") == ""


def test_no_path_from_a_request_reaches_the_file_system(app):
    planted, guard, client = app
    (planted.root / "secret.po").write_text('msgid "x"\nmsgstr "secret"\n', encoding="utf-8")
    for path in (f"/edit/zh_CN/../../secret", "/edit/zh_CN/..%2F..%2Fsecret", "/edit/..%2F..%2F/secret",
                 "/edit/zh_CN/%2Fetc%2Fpasswd", f"/edit/de/{ARTICLE}"):
        response = client.get(path)
        assert response.status_code in (404, 400), path
        assert "secret" not in response.text.replace("/secret", "")
    body = {"language": "zh_CN/../..", "article": "secret", "msgctxt": None, "msgid": "x", "forms": ["y"],
            "fuzzy": False, "base": ""}
    assert client.post("/api/save", json=body, headers={CSRF_HEADER: guard.csrf}).status_code == 400
    assert "secret" in (planted.root / "secret.po").read_text(encoding="utf-8")


# -- the pages ---------------------------------------------------------------------------------
def test_a_script_in_a_msgstr_is_escaped_everywhere(app):
    planted, _, client = app
    number = [m.msgid for m in read_po(planted.root / RU).entries()].index(planted.script)
    for language in ("ru", "zh_CN"):  # its own textarea; the other languages' panel
        text, _ = entry_page(client, language, n=number)
        assert SCRIPT_TEXT not in text
        assert html.escape(SCRIPT_TEXT) in text
        assert text.count("<script") == 2  # the page's data (JSON) and its script file, nothing else


def test_overview_shows_stats_and_findings(app):
    _, _, client = app
    text = client.get("/").text
    assert "14 translated · 1 fuzzy · 0 untranslated of 15" in text  # ru: the planted fuzzy entry
    assert re.search(r'href="/edit/zh_CN/yangzhou-auto-forum-2023">100% translated.*?1 finding<', text, re.S)


def test_filters(app):
    planted, _, client = app
    text, data = entry_page(client, "zh_CN", state="failing")
    assert data["msgid"] == planted.mistake and "1 of 15 entries" in text
    assert "term-deprecated" in text and "杨州" in text
    text, data = entry_page(client, "ru", state="fuzzy")
    assert data["msgid"] == planted.fuzzy and "1 of 15 entries" in text
    text, _ = entry_page(client, "zh_CN", check="term-deprecated")
    assert "1 of 15 entries" in text
    text, _ = entry_page(client, "zh_CN", q="tajik")
    assert "1 of 15 entries" in text
    text, _ = entry_page(client, "zh_CN", q="塔吉克斯坦")  # the target side
    assert "1 of 15 entries" in text
    text, _ = entry_page(client, "zh_CN", state="untranslated")
    assert "0 of 15 entries" in text and "No entry matches" in text


def test_terms_memory_other_languages_and_notes_beside_the_entry(app):
    planted, _, client = app
    text, _ = entry_page(client, "zh_CN", state="failing")
    assert 'data-insert="扬州"' in text and "deprecated: <s>杨州</s>" in text
    assert '<mark class="term" data-term="2"' in text  # Yangzhou, the second term of the source
    assert re.search(r'class="pct">\d+%', text)  # the follow-up article's similar sentence
    assert "Пань Гоцян" in text  # the ru translation
    assert "#. paragraph" in text


def test_text_carries_its_bcp47_language_and_direction(app):
    """lang="zh-CN" (a gettext code is no HTML language: CSS :lang(zh) missed it), and dir for each language's
    text: an Arabic or Hebrew translation is edited right to left."""
    from workbench.serve.pages import text_attributes

    _, _, client = app
    text, _ = entry_page(client, "zh_CN")
    assert '<textarea class="target" lang="zh-CN" dir="ltr"' in text and 'lang="zh_CN"' not in text
    assert text_attributes("ar") == 'lang="ar" dir="rtl"' and text_attributes("sr@latin") == 'lang="sr-Latn" dir="ltr"'


def test_a_fuzzy_entrys_previous_source_as_a_word_diff(app):
    planted, _, client = app
    catalog = read_po(planted.root / RU)
    entry = next(m for m in catalog.entries() if m.msgid == planted.fuzzy)
    entry.previous_msgid = entry.msgid.replace("four parks", "three parks")
    write_po(catalog, planted.root / RU)
    text, _ = entry_page(client, "ru", state="fuzzy")
    assert "<del>three</del><ins>four</ins>" in text


def test_plural_forms_named_by_cldr(app):
    planted, _, client = app
    catalog = read_po(planted.root / RU)
    catalog.messages.append(Message(msgid="%d park", msgid_plural="%d parks", msgstr_plural=["", "", ""]))
    write_po(catalog, planted.root / RU)
    text, _ = entry_page(client, "ru", state="untranslated")
    assert [label for label in re.findall(r"translation · ([^<]+)<", text)] == [
        "one: 1, 21, 31, 41…", "few: 2, 3, 4, 22…", "many: 0, 5, 6, 7…"]


# -- checking and saving -------------------------------------------------------------------------
def test_the_entry_checks_follow_the_typed_text(app):
    planted, guard, client = app
    _, data = entry_page(client, "zh_CN", state="failing")
    current = next(m for m in read_po(planted.root / ZH).entries() if m.msgid == planted.mistake).msgstr
    answer = post(client, guard, "/api/check", data, [current]).json()
    assert [f["check"] for f in answer["findings"]] == ["term-deprecated"]
    answer = post(client, guard, "/api/check", data, [current.replace("杨州", "扬州")]).json()
    assert answer["findings"] == []
    assert git(planted.root, "status", "--porcelain", "--", "locales") == ""  # checking writes nothing


def test_saving_changes_that_entry_alone(app):
    planted, guard, client = app
    before = (planted.root / ZH).read_bytes()
    _, data = entry_page(client, "zh_CN", state="failing")
    current = next(m for m in read_po(planted.root / ZH).entries() if m.msgid == planted.mistake).msgstr
    fixed = current.replace("杨州", "扬州")
    answer = post(client, guard, "/api/save", data, [fixed]).json()
    assert answer["status"] == "saved"
    after = (planted.root / ZH).read_bytes()
    assert after == before.replace(current.encode(), fixed.encode())
    assert git(planted.root, "status", "--porcelain", "--", "locales").split() == ["M", ZH]
    assert post(client, guard, "/api/save", dict(data, base=answer["base"]), [fixed]).json()["status"] == "unchanged"


def test_an_edit_of_another_entry_on_disk_is_kept(app):
    planted, guard, client = app
    _, data = entry_page(client, "zh_CN", state="failing")
    catalog = read_po(planted.root / ZH)
    other = list(catalog.entries())[0]
    other.msgstr = "另一个条目在磁盘上改了。"
    write_po(catalog, planted.root / ZH)
    answer = post(client, guard, "/api/save", data, ["新译文。"]).json()
    assert answer["status"] == "saved"
    entries = {m.msgid: m.msgstr for m in read_po(planted.root / ZH).entries()}
    assert entries[other.msgid] == "另一个条目在磁盘上改了。" and entries[planted.mistake] == "新译文。"


def test_a_change_of_the_same_entry_on_disk_is_a_conflict(app):
    planted, guard, client = app
    _, data = entry_page(client, "zh_CN", state="failing")
    catalog = read_po(planted.root / ZH)
    entry = next(m for m in catalog.entries() if m.msgid == planted.mistake)
    entry.msgstr = "磁盘上的译文。"
    write_po(catalog, planted.root / ZH)
    disk = (planted.root / ZH).read_bytes()
    response = post(client, guard, "/api/save", data, ["浏览器的译文。"])
    assert response.status_code == 409
    assert response.json()["theirs"] == ["磁盘上的译文。"]
    assert (planted.root / ZH).read_bytes() == disk  # nothing written
    # keeping mine is a second, deliberate save on the disk's base
    response = post(client, guard, "/api/save", dict(data, base=response.json()["base"]), ["浏览器的译文。"])
    assert response.json()["status"] == "saved"
    assert next(m for m in read_po(planted.root / ZH).entries() if m.msgid == planted.mistake).msgstr == "浏览器的译文。"


def test_accepting_a_fuzzy_entry(app):
    planted, guard, client = app
    catalog = read_po(planted.root / RU)
    entry = next(m for m in catalog.entries() if m.msgid == planted.fuzzy)
    entry.previous_msgid = "an older source"
    write_po(catalog, planted.root / RU)
    _, data = entry_page(client, "ru", state="fuzzy")
    assert post(client, guard, "/api/save", data, [entry.msgstr], fuzzy=False).json()["status"] == "saved"
    accepted = next(m for m in read_po(planted.root / RU).entries() if m.msgid == planted.fuzzy)
    assert not accepted.fuzzy and accepted.previous_msgid is None and accepted.msgstr == entry.msgstr
    assert [c.split()[0] for c in accepted.translator_comments] == ["wb-approved"]


def test_the_command_is_registered():
    from workbench.cli import build_parser

    args = build_parser().parse_args(["serve", "--port", "0", "--host", "0.0.0.0"])
    assert (args.port, args.host, args.open) == (0, "0.0.0.0", False)


def test_a_catalogue_that_does_not_read_is_named_not_a_crash(app):
    planted, _, client = app
    with open(planted.root / RU, "a", encoding="utf-8") as po:
        po.write('\nmsgid "broken\n')
    text = client.get("/").text
    assert "does not read" in text and "yangzhou-auto-forum-2023.po:" in text
    assert '<a class="open" href="/edit/zh_CN/yangzhou-auto-forum-2023">' in text  # the others still open
    response = client.get(f"/edit/ru/{ARTICLE}")
    assert response.status_code == 400 and "yangzhou-auto-forum-2023.po:" in response.text


def test_a_malformed_write_is_a_clear_400(app):
    planted, guard, client = app
    _, data = entry_page(client, "zh_CN", state="failing")
    headers = {CSRF_HEADER: guard.csrf}
    assert client.post("/api/check", content=b"{not json", headers=headers).status_code == 400
    assert client.post("/api/check", json=["a list"], headers=headers).status_code == 400
    for forms in ([], ["a", "b"], [1], "text"):
        response = post(client, guard, "/api/save", data, forms)
        assert response.status_code == 400 and "forms" in response.text, forms
    response = post(client, guard, "/api/save", dict(data, msgid="no such source"), ["x"])
    assert response.status_code == 400 and "no longer in the catalogue" in response.text
    assert git(planted.root, "status", "--porcelain", "--", "locales") == ""


def test_the_overview_uses_what_workbench_check_kept(planted, monkeypatch):
    """After ``workbench check``, the overview's first request judges the project from the summaries the check
    kept of each file, instead of checking every entry again; with the same findings."""
    import workbench.checks.runner as runner
    from workbench.checks.runner import run_checks
    from workbench.config import load_config
    from workbench.glossary.terminology import Terminology
    from workbench.layout import find_catalogues
    from workbench.serve.editing import Workspace

    config = load_config(planted.root)
    paths = [path for _, _, path in find_catalogues(config)]
    checked = run_checks(paths, Terminology.for_project(config), config.source_language, config, cache=True,
                         base=config.root)  # what ``workbench check`` does in the project
    read = []
    summarise = runner._summarise
    monkeypatch.setattr(runner, "_summarise", lambda item, *args, **kwargs: read.append(item) or
                        summarise(item, *args, **kwargs))
    found = Workspace(config).findings()
    assert read == []  # no catalogue read and checked again
    assert sorted((f.file, f.check, f.msgid) for f in checked.findings) == sorted(
        (f.file, f.check, f.msgid) for findings in found.values() for f in findings)
    assert "locales/zh_CN/LC_MESSAGES/yangzhou-auto-forum-2023.po" in found  # named from the project's root
