"""Markdown: a translated segment of a Markdown article keeps its links, code spans and emphasis.

An entry is Markdown when one of its references (``#: seeds/guide.md:12``) names a ``.md`` or
``.markdown`` file: that is what ``extract`` writes, and the references are part of the entry,
so the check stays an entry check (the cache keys entries by every field, references included).
The catalogue's name is not consulted: a catalogue of other origin has no such references.

The judgement is the build's own (``workbench.readers.markdown.markup_differences``): what it
reports would make ``build`` publish the source instead of the translation, so it is an error
here, told to the translator before the build. Away from the document the link reference
definitions are unknown; the source's own ``[text][ref]`` labels stand in for them
(``segment_references``). A link left without text (``[](url)``) builds, but shows nothing to
click: a warning.
"""

from __future__ import annotations

from workbench.checks.base import ERROR, WARNING, Context, Entry, EntryCheck, Issue
from workbench.checks.registry import register
from workbench.readers.markdown import EXTENSIONS, empty_links, markup_differences, segment_references


def _file(reference: str) -> str:
    """The file a ``#:`` reference names (``seeds/guide.md:12`` -> ``seeds/guide.md``)."""
    path, _, line = reference.rpartition(":")
    return path if line.isdigit() else reference


def is_markdown(entry: Entry) -> bool:
    """Extracted from a Markdown file: a reference to a ``.md`` or ``.markdown`` file."""
    return any(_file(reference).lower().endswith(EXTENSIONS) for reference in entry.message.references)


@register
class Markdown(EntryCheck):
    id = "markdown"
    name = "Markdown syntax"
    description = ("In entries extracted from Markdown (a #: reference to a .md file): link and image targets "
                   "([text](url), [text][ref]), code spans verbatim, emphasis runs (* ** ~~) and raw tags as in "
                   "the source, the build's own test (a segment failing it is built from the source); a link "
                   "left without text: warning.")
    severity = ERROR

    def check_entry(self, entry: Entry, context: Context):
        if not is_markdown(entry):
            return
        for form, source, target in entry.pairs():
            env = segment_references(source)
            for problem in markup_differences(source, target, env):
                # what is missing is shown where the source has it, what is added where the translation does
                text = source if problem.missing else target
                at = text.find(problem.what) if problem.what else -1
                yield Issue(str(problem), offending=problem.what or None, form=form, in_source=problem.missing,
                            span=(at, at + len(problem.what)) if at >= 0 else None)
            already = empty_links(source, env)
            for href in empty_links(target, env):
                if href in already:
                    continue
                yield Issue(f"the link to {href} has no text", offending=href, severity=WARNING, form=form)
