import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.merge import merge
from workbench.po.catalog import Catalog, Message


def header(language="fr", plural="nplurals=2; plural=(n > 1);"):
    return Message(
        msgid="",
        msgstr=f"Content-Type: text/plain; charset=UTF-8\nLanguage: {language}\nPlural-Forms: {plural}\n",
    )


def template(*msgids):
    return Catalog(messages=[Message(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")] + [Message(msgid=m, references=[f"a.txt:{i}"]) for i, m in enumerate(msgids, 1)])


def catalogue(*pairs, obsolete=()):
    messages = [header()] + [Message(msgid=m, msgstr=s) for m, s in pairs]
    messages += [Message(msgid=m, msgstr=s, obsolete=True) for m, s in obsolete]
    return Catalog(messages=messages)


def test_unchanged_sentences_keep_their_translation_and_comments():
    old = catalogue(("The cat sat.", "Le chat était assis."))
    old.messages[1].translator_comments = ["checked by the editor"]
    result = merge(template("The cat sat."), old)
    entry = result.find("The cat sat.")
    assert entry.msgstr == "Le chat était assis."
    assert entry.translator_comments == ["checked by the editor"]
    assert not entry.fuzzy and entry.references == ["a.txt:1"]


def test_changed_sentence_becomes_fuzzy_with_the_previous_source():
    old = catalogue(("The cat sat on the mat.", "Le chat était assis sur le tapis."))
    result = merge(template("The cat sat on the red mat."), old)
    entry = result.find("The cat sat on the red mat.")
    assert entry.fuzzy
    assert entry.msgstr == "Le chat était assis sur le tapis."
    assert entry.previous_msgid == "The cat sat on the mat."
    assert not list(result.obsolete_entries())  # its translation lives on in the fuzzy entry


def test_unrelated_new_sentence_is_empty_and_vanished_one_obsolete():
    old = catalogue(("Gone sentence about budgets.", "Phrase disparue."), ("Untranslated gone.", ""))
    result = merge(template("Completely different words here."), old)
    assert result.find("Completely different words here.").msgstr == ""
    gone = list(result.obsolete_entries())
    assert [(m.msgid, m.msgstr) for m in gone] == [("Gone sentence about budgets.", "Phrase disparue.")]


def test_obsolete_exact_match_is_revived():
    old = catalogue(obsolete=[("Back again.", "De retour.")])
    result = merge(template("Back again."), old)
    assert result.find("Back again.").msgstr == "De retour."
    assert not list(result.obsolete_entries())


def test_header_gets_template_creation_date_and_keeps_translator_fields():
    old = catalogue()
    old.set_header_field("Last-Translator", "Anne <anne@example.org>")
    tpl = template("A.")
    tpl.set_header_field("POT-Creation-Date", "2026-01-02 03:04+0000")
    result = merge(tpl, old)
    assert result.header_field("POT-Creation-Date") == "2026-01-02 03:04+0000"
    assert result.header_field("Last-Translator") == "Anne <anne@example.org>"


def test_plural_entries_get_the_languages_number_of_forms():
    tpl = Catalog(messages=[Message(msgid="", msgstr="")] + [Message(msgid="one file", msgid_plural="%d files")])
    old = Catalog(messages=[header("ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")])
    result = merge(tpl, old)
    assert result.find("one file").msgstr_plural == ["", "", ""]


sentences = st.lists(
    st.text(alphabet="abcdefghij klmnop", min_size=3, max_size=30).map(str.strip).filter(bool),
    min_size=1,
    max_size=12,
    unique=True,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(old_ids=sentences, data=st.data())
def test_random_edits_never_lose_a_translation(old_ids, data):
    translations = {m: f"T[{m}]" for m in old_ids if data.draw(st.booleans())}
    old = catalogue(*[(m, translations.get(m, "")) for m in old_ids])
    # a later source: some sentences kept, some edited, some dropped, some new
    new_ids = []
    for msgid in old_ids:
        action = data.draw(st.sampled_from(["keep", "edit", "drop"]))
        if action == "keep":
            new_ids.append(msgid)
        elif action == "edit":
            new_ids.append(msgid + data.draw(st.sampled_from([" x", "y", " and more"])))
    new_ids += data.draw(sentences)
    new_ids = list(dict.fromkeys(new_ids))
    result = merge(template(*new_ids), old)
    for _ in range(2):  # and again, as a second update would
        surviving = {t for m in result.messages if not m.is_header for t in m.translations if t}
        assert set(translations.values()) <= surviving
        assert [m.msgid for m in result.entries()] == new_ids
        result = merge(template(*new_ids), result)


@pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU msgmerge not installed")
def test_agrees_with_gnu_msgmerge_previous(tmp_path):
    from workbench.po.reader import parse_po
    from workbench.po.writer import format_po

    old_text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
        "# reviewed\n#: a.txt:1\nmsgid \"The cat sat on the mat.\"\nmsgstr \"Le chat était sur le tapis.\"\n\n"
        "#: a.txt:2\nmsgid \"Gone entirely from the source.\"\nmsgstr \"Parti.\"\n\n"
        "#: a.txt:3\nmsgid \"Untranslated and gone.\"\nmsgstr \"\"\n\n"
        "#: a.txt:4\nmsgid \"Kept as it was.\"\nmsgstr \"Gardé tel quel.\"\n\n"
        "#~ msgid \"Old obsolete.\"\n#~ msgstr \"Vieux.\"\n"
    )
    pot_text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#: a.txt:1\nmsgid \"The cat sat on the big mat.\"\nmsgstr \"\"\n\n"
        "#: a.txt:2\nmsgid \"Kept as it was.\"\nmsgstr \"\"\n\n"
        "#: a.txt:5\nmsgid \"Old obsolete.\"\nmsgstr \"\"\n\n"
        "#: a.txt:6\nmsgid \"A brand new sentence nobody translated.\"\nmsgstr \"\"\n"
    )
    (tmp_path / "old.po").write_text(old_text, encoding="utf-8")
    (tmp_path / "new.pot").write_text(pot_text, encoding="utf-8")
    gnu = subprocess.run(
        ["msgmerge", "--previous", "--quiet", "-o", "-", str(tmp_path / "old.po"), str(tmp_path / "new.pot")],
        capture_output=True, text=True, check=True,
    ).stdout
    ours = format_po(merge(parse_po(pot_text), parse_po(old_text)))

    def summary(text):
        return [(m.msgid, m.msgstr, m.fuzzy, m.previous_msgid, m.obsolete, m.translator_comments, m.references)
                for m in parse_po(text).messages if not m.is_header]

    # Same entries, translations, fuzzy states, previous msgids, obsolete set and comments.
    # The one known difference is the header: msgmerge copies the template's header fields
    # order; we keep the translator's header and only set POT-Creation-Date (absent here).
    assert summary(ours) == summary(gnu)


@pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU msgmerge not installed")
def test_random_edits_of_the_seed_article_merge_as_msgmerge_does(tmp_path):
    """Sentences of the real French catalogue dropped, edited (word deleted, repeated, swapped,
    replaced) or added at random: the same entries, translations, fuzzy states, previous
    msgids and obsolete entries as ``msgmerge --previous``."""
    import random
    from pathlib import Path

    from workbench.po.reader import parse_po, read_po
    from workbench.po.writer import format_po

    repo = Path(__file__).resolve().parent.parent
    old = read_po(repo / "locales" / "fr" / "LC_MESSAGES" / "yangzhou-auto-forum-2023.po")
    pot = read_po(repo / "locales" / "yangzhou-auto-forum-2023.pot")
    (tmp_path / "old.po").write_text(format_po(old), encoding="utf-8")
    rnd = random.Random(2023)
    for _ in range(12):
        new = Catalog(messages=[pot.header])
        for message in pot.entries():
            roll = rnd.random()
            if roll < 0.15:
                continue
            words = message.msgid.split()
            if roll < 0.45:
                i = rnd.randrange(len(words))
                edit = rnd.choice(["delete", "repeat", "swap", "replace"])
                if edit == "delete" and len(words) > 3:
                    del words[i]
                elif edit == "repeat":
                    words.insert(i, words[i])
                elif edit == "swap" and i + 1 < len(words):
                    words[i], words[i + 1] = words[i + 1], words[i]
                else:
                    words[i] = "changed"
            new.messages.append(Message(msgid=" ".join(words), references=list(message.references)))
        new.messages.append(Message(msgid="A totally new sentence about the forum."))
        (tmp_path / "new.pot").write_text(format_po(new), encoding="utf-8")
        gnu = subprocess.run(["msgmerge", "--previous", "--quiet", "-o", "-", str(tmp_path / "old.po"), str(tmp_path / "new.pot")],
                             capture_output=True, text=True, check=True).stdout

        def summary(catalogue):
            return [(m.msgid, m.msgstr, m.fuzzy, m.previous_msgid, m.obsolete) for m in catalogue.messages if not m.is_header]

        assert summary(merge(new, old)) == summary(parse_po(gnu))


def test_fuzzy_source_prefers_the_same_context_then_the_earlier_entry():
    from workbench.merge import SimilarSources

    other = Message(msgid="Open the file now", msgstr="Ouvrir", msgctxt="menu")
    same = Message(msgid="Open the file now", msgstr="Ouvrez", msgctxt="dialog")
    later = Message(msgid="Open the file now", msgstr="Ouvre", msgctxt="dialog")
    similar = SimilarSources([other, same, later])
    assert similar.closest("Open the file now!", "dialog") is same
    assert similar.closest("Open the file now!", "toolbar") is other
    assert similar.closest("Something else entirely", "dialog") is None


def test_fuzzy_search_scales_with_shared_words_not_catalogue_size():
    """A changed sentence among 20,000 unrelated entries finds its old self."""
    from workbench.merge import SimilarSources

    filler = [Message(msgid=f"Entry number {n} about topic {n * 7 % 101}", msgstr=f"E{n}") for n in range(20_000)]
    target = Message(msgid="The Yangzhou forum discussed cross-border e-commerce.", msgstr="Le forum…")
    similar = SimilarSources(filler[:10_000] + [target] + filler[10_000:])
    assert similar.closest("The Yangzhou forum discussed cross-border trade.") is target
    assert similar.closest("Save") is None
