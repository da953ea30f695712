r"""CSV/TSV termbases for spreadsheets: one row per concept, one column per language.

Header (first row; column order is free, names are case-sensitive)::

    id,subject,definition,note,en,zh_CN,ru,fr[,source,customerSubset,projectSubset][,definition@fr,note@fr,source@fr]

* ``id`` (required): the concept id, a letter first, no spaces (``mayor``, ``c012``).
  Left empty, one is made from the row's first term.
* ``subject``, ``definition``, ``note``: the concept's subject field, definition, note.
* a language column (at least one; gettext ``zh_CN`` or BCP 47 ``zh-CN``): the
  concept's terms in that language, separated by ``|``. Each term may carry
  attributes in square brackets, separated by ``;``::

      市长 | 市长先生 [deprecated; note=not in official titles]
      Yangzhou Economic Development Zone [admitted; shortForm]
      BYD [preferred; dnt; case-sensitive]

  - a status: ``preferred`` (the default for a term without one), ``admitted``,
    ``deprecated``, ``superseded``;
  - a term type: ``fullForm``, ``shortForm``, ``abbreviation``, ``acronym``,
    ``variant``, ``phrase``;
  - a part of speech: ``noun``, ``verb``, ``adjective``, ``adverb`` (``pos=other``);
  - the flags ``case-sensitive`` and ``dnt`` (do not translate);
  - ``note=...`` the usage note, and ``key=value`` for TBX-Basic's other term
    data categories (``grammaticalGender=feminine``, ``geographicalUsage=CA``,
    ``context=...``, ``source=...``).

  A ``\`` escapes ``|``, ``[``, ``]``, ``;`` and itself inside a cell.
* ``source``, ``customerSubset``, ``projectSubset``: concept-level administrative data.
* ``definition@L``, ``note@L``, ``source@L``: what TBX says at language level.

What the layout cannot hold, and ``write_csv`` reports when present: the
termbase's title and description, history (``transacGrp``), cross-references
and graphics (``ref``, ``xref``), data categories outside TBX-Basic, inline
markup in notes, and spaces around a term.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.safexml import XML_ILLEGAL
from workbench.fileio import atomic_write, read_bytes
from workbench.glossary.model import (
    CONCEPT_EXTRA, LANG_INFO, PARTS_OF_SPEECH, PREFERRED, STATUSES, TERM_EXTRA, TERM_TYPES, Concept,
    Term, Termbase, is_xml_id, normalize_pos, normalize_status, normalize_term_type,
)
from workbench.langs import to_gettext, validate_language

CONCEPT_COLUMNS = ("id", "subject", "definition", "note")
_CASE_WORDS = {"case-sensitive", "casesensitive", "case sensitive", "cs"}
_DNT_WORDS = {"dnt", "do-not-translate", "do not translate", "donottranslate"}
_SPECIAL = "\\|[];"


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def delimiter_for(path: str | Path) -> str:
    return "\t" if str(path).lower().endswith((".tsv", ".tab")) else ","


# -- writing -----------------------------------------------------------------

def format_term(term: Term) -> str:
    attributes = [] if term.status == PREFERRED else [term.status]
    if term.type:
        attributes.append(term.type if term.type in TERM_TYPES else f"type={_escape(term.type)}")
    if term.pos:
        attributes.append(term.pos if term.pos in PARTS_OF_SPEECH and term.pos != "other" else f"pos={_escape(term.pos)}")
    if term.case_sensitive:
        attributes.append("case-sensitive")
    if term.dnt:
        attributes.append("dnt")
    attributes += [f"{key}={_escape(value)}" for key, value in term.extra.items()]
    if term.note:
        attributes.append(f"note={_escape(term.note)}")
    text = _escape(term.text.strip())
    return f"{text} [{'; '.join(attributes)}]" if attributes else text


def csv_losses(termbase: Termbase) -> list[str]:
    """What of ``termbase`` a CSV cannot carry, one line each (empty: nothing is lost)."""
    losses = []
    if termbase.title or termbase.description:
        losses.append("the termbase title and description (a CSV has no header for them)")
    raw = sum(len(c.raw) + sum(map(len, c.lang_raw.values())) +
              sum(len(t.raw) for ts in c.terms.values() for t in ts) for c in termbase.concepts)
    if raw:
        losses.append(f"{raw} TBX element(s) outside the CSV layout (history, cross-references, "
                      "graphics, data categories outside TBX-Basic)")
    padded = [t.text for c in termbase.concepts for ts in c.terms.values() for t in ts if t.text != t.text.strip()]
    if padded:
        losses.append(f"spaces around {len(padded)} term(s): {', '.join(repr(p) for p in padded[:5])}")
    return losses


def write_csv(termbase: Termbase, delimiter: str = ",", languages: list[str] | None = None) -> tuple[str, list[str]]:
    """The termbase as CSV (or TSV with ``delimiter='\\t'``), and what it could not carry."""
    languages = languages or termbase.languages
    extras = [name for name in CONCEPT_EXTRA if any(name in c.extra for c in termbase.concepts)]
    lang_columns = [f"{name}@{lang}" for lang in languages for name in LANG_INFO
                    if any(name in c.lang_info.get(lang, {}) for c in termbase.concepts)]
    header = [*CONCEPT_COLUMNS, *languages, *extras, *lang_columns]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for concept in termbase.concepts:
        row = [concept.id, concept.subject, concept.definition, concept.note]
        row += [" | ".join(format_term(t) for t in concept.terms_in(lang)) for lang in languages]
        row += [concept.extra.get(name, "") for name in extras]
        for column in lang_columns:
            name, lang = column.split("@")
            row.append(concept.lang_info.get(lang, {}).get(name, ""))
        writer.writerow(row)
    return out.getvalue(), csv_losses(termbase)


def save_csv(termbase: Termbase, path: str | Path) -> list[str]:
    text, losses = write_csv(termbase, delimiter_for(path))
    atomic_write(path, text)
    return losses


# -- reading -----------------------------------------------------------------

def read_csv(path: str | Path) -> Termbase:
    path = Path(path)
    return csv_from_bytes(read_bytes(path), path)


def csv_from_bytes(raw: bytes, path: Path) -> Termbase:
    """A CSV/TSV file's content read from ``path``: UTF-8, delimiter by suffix (or sniffed)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise WorkbenchError("not UTF-8: save the spreadsheet as CSV with UTF-8 encoding", path, line) from None
    delimiter = delimiter_for(path)
    if delimiter == ",":
        first = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first.count)  # LibreOffice in some locales uses ";"
    termbase = parse_csv(text, str(path), delimiter)
    termbase.title = termbase.title or path.stem
    return termbase


def _split(cell: str, separator: str) -> list[str]:
    """Split on unescaped ``separator`` outside brackets; escapes stay for the next step."""
    parts, current, depth, i = [], [], 0, 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            current.append(cell[i : i + 2])
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        if ch == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


_TERM = re.compile(r"^(?P<text>(?:\\.|[^\\\[])*?)\s*(?:\[(?P<attrs>(?:\\.|[^\\\]])*)\])?\s*$", re.S)


def parse_term(spec: str, path: str | None = None, line: int | None = None) -> Term:
    match = _TERM.match(spec)
    if not match:
        raise WorkbenchError(f"cannot read term {spec.strip()!r}: text [attributes] expected "
                             "(escape a literal [ ] | ; with \\)", path, line)
    term = Term(text=_unescape(match.group("text")).strip(), status=PREFERRED, path=path, line=line)
    for attribute in _split(match.group("attrs") or "", ";"):
        attribute = attribute.strip()
        if not attribute:
            continue
        key, equals, value = attribute.partition("=")
        key, value = key.strip(), _unescape(value.strip())
        word = key.lower()
        if not equals and normalize_status(key) in STATUSES:
            term.status = normalize_status(key)
        elif not equals and normalize_term_type(key) in TERM_TYPES:
            term.type = normalize_term_type(key)
        elif not equals and word in ("noun", "verb", "adjective", "adverb"):
            term.pos = word
        elif not equals and word in _CASE_WORDS:
            term.case_sensitive = True
        elif not equals and word in _DNT_WORDS:
            term.dnt = True
        elif word == "status" and equals:
            status = normalize_status(value)
            if status is None:
                raise WorkbenchError(f"unknown status {value!r} (use one of: {', '.join(STATUSES)})", path, line)
            term.status = status
        elif word == "type" and equals:
            term.type = normalize_term_type(value)
        elif word == "pos" and equals:
            term.pos = normalize_pos(value)
        elif word in ("note", "usage", "usagenote") and equals:
            term.note = value
        elif word == "gender" and equals:
            term.extra["grammaticalGender"] = value
        elif key in TERM_EXTRA and equals:
            term.extra[key] = value
        else:
            raise WorkbenchError(
                f"unknown term attribute {attribute!r}: use a status ({', '.join(STATUSES)}), a type "
                f"({', '.join(TERM_TYPES)}), a part of speech, case-sensitive, dnt, note=... or "
                f"{'/'.join(TERM_EXTRA)}=...", path, line)
    return term


def _columns(header: list[str], path: str | None) -> dict[str, tuple[str, str | None]]:
    """Column name -> (kind, language) where kind is a concept field, "terms", an extra or a LANG_INFO name."""
    columns: dict[str, tuple[str, str | None]] = {}
    for name in header:
        name = name.strip()
        if name in columns:
            raise WorkbenchError(f"column {name!r} appears twice in the header", path, 1)
        if name in CONCEPT_COLUMNS or name in CONCEPT_EXTRA:
            columns[name] = (name, None)
        elif "@" in name and name.split("@", 1)[0] in LANG_INFO:
            field_name, language = name.split("@", 1)
            columns[name] = (field_name, validate_language(language, path, 1))
        elif not name:
            raise WorkbenchError("a column has no name in the header", path, 1)
        else:
            columns[name] = ("terms", validate_language(name, path, 1))
    if "id" not in columns:
        raise WorkbenchError(
            "missing column 'id': the header must be id,subject,definition,note,<language>,... "
            "(see glossary/README.md)", path, 1)
    if not any(kind == "terms" for kind, _ in columns.values()):
        raise WorkbenchError("no language column: name one column per language (en, zh_CN, ...)", path, 1)
    return columns


def parse_csv(text: str, path: str | None = None, delimiter: str = ",") -> Termbase:
    illegal = XML_ILLEGAL.search(text)
    if illegal:  # a control character from a spreadsheet: the glossary is saved as TBX, and XML cannot hold it
        raise WorkbenchError(f"character U+{ord(illegal.group()):04X} cannot be kept in a termbase (TBX is XML, "
                             "which cannot hold it); remove it", path, text.count("\n", 0, illegal.start()) + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise WorkbenchError("empty file: a header row is needed", path, 1) from None
    except csv.Error as exc:
        raise WorkbenchError(f"malformed CSV: {exc}", path, 1) from None
    columns = _columns(header, path)
    names = [name.strip() for name in header]
    languages = [lang for kind, lang in columns.values() if kind == "terms"]
    termbase = Termbase(source_language=languages[0], paths=[path] if path else [])
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise WorkbenchError(f"malformed CSV: {exc}", path, reader.line_num) from None
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            raise WorkbenchError(f"row has {len(row)} cells but the header names {len(names)} columns",
                                 path, start)
        row += [""] * (len(names) - len(row))
        termbase.concepts.append(_concept(dict(zip(names, row)), columns, path, start))
    return termbase


def _concept(cells: dict[str, str], columns, path: str | None, line: int) -> Concept:
    concept = Concept(id=cells["id"].strip(), subject=cells.get("subject", "").strip(),
                      definition=cells.get("definition", "").strip(), note=cells.get("note", "").strip(),
                      path=path, line=line)
    for name, (kind, language) in columns.items():
        value = cells[name]
        if kind == "terms":
            for spec in _split(value, "|") if value.strip() else []:
                concept.add(to_gettext(language), parse_term(spec, path, line))
        elif kind in CONCEPT_EXTRA and value.strip():
            concept.extra[kind] = value.strip()
        elif kind in LANG_INFO and language and value.strip():
            concept.lang_info.setdefault(language, {})[kind] = value.strip()
    if not concept.id:
        first = next((t.text for ts in concept.terms.values() for t in ts), "")
        if not first:
            raise WorkbenchError("row has neither an id nor a term", path, line)
        concept.id = "c" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:8]
    elif not is_xml_id(concept.id):
        raise WorkbenchError(f"id {concept.id!r} is not usable: a letter first, then letters, digits, . - _",
                             path, line)
    return concept
