"""Benchmark: what finding a glossary term as the head of a German compound changes on real catalogues.

The de catalogues of the Django, Wagtail and Sphinx wheels (``bench/precision/run.py`` downloads them
into bench/out/precision/tree) are checked with the glossary checks and a UI glossary of the renderings
those catalogues themselves use most (below: 40 concepts; three deprecated renderings, as a style guide
has them: Webseite for Website, Nutzer for Benutzer, Kennwort for Passwort), twice: with the heads of
compounds simplemma knows (``GermanNormaliser._heads``: Dateigröße holds Größe, Benutzerkonto holds Konto)
and without them (a known compound one word, as before). The harness is ``glossary_ab.py``: time
ratio, counts, and every finding that differs in bench/out/german-compounds.txt.

    .venv/bin/python bench/precision/run.py   # once, for the catalogues
    .venv/bin/python bench/german_compounds.py
"""

from __future__ import annotations

from contextlib import contextmanager

from glossary_ab import catalogues, compare, glossary_file

from workbench.glossary import normalise

# en, de: the rendering the catalogues use most for the English word (counted over the entries whose
# msgid has it); "|" separates admitted alternatives
GLOSSARY = """\
page,Seite
user,Benutzer|Nutzer [deprecated]
group,Gruppe
image,Bild
document,Dokument
site,Website|Webseite [deprecated]
password,Passwort|Kennwort [deprecated]
file,Datei
search,Suche
date,Datum
field,Feld
value,Wert
row,Zeile
column,Spalte
tag,Schlagwort
comment,Kommentar
task,Aufgabe
version,Version
permission,Berechtigung
time,Zeit
link,Link
list,Liste
model,Modell
error,Fehler
language,Sprache
status,Status
type,Typ
address,Adresse
account,Konto
draft,Entwurf
menu,Menü
collection,Sammlung
week,Woche
year,Jahr
month,Monat
width,Breite
name,Name
size,Größe
message,Nachricht
setting,Einstellung
"""


@contextmanager
def heads(on: bool):
    """Compounds' heads as they are, or none (a known compound one word, as before); a fresh normaliser
    either way (its keys are cached per instance)."""
    original = normalise.GermanNormaliser._heads
    if not on:
        normalise.GermanNormaliser._heads = lambda self, lemma: []
    normalise._german.cache_clear()
    try:
        yield
    finally:
        normalise.GermanNormaliser._heads = original
        normalise._german.cache_clear()


def main() -> None:
    compare("german-compounds", "compound heads", catalogues(("de",)),
            glossary_file("german", ["en", "de"], GLOSSARY), heads)


if __name__ == "__main__":
    main()
