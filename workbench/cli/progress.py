"""The one progress bar of the commands (rich): on a terminal's stderr, never in what a command prints.

A command that can run for seconds (check, update, build, fmt on folders, export, the imports)
wraps its work in ``progress_bar``, which yields the function to call as work is done. The bar is
drawn only when stderr is a terminal and the work is big enough to take a while; otherwise
nothing is drawn and the function does nothing, so a CI log, a pipe or ``--format json > FILE``
never holds a bar. It is transient: it disappears when the work is done.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator


PROGRESS_FILES = 50  # files or articles: below this a step is too quick for a bar
PROGRESS_UNITS = 50_000  # translation memory units written: about 1.5 s
PROGRESS_BYTES = 2 << 20  # a file read in one pass: a TMX of 2 MB takes about a second to read into a memory


def _nothing(amount: int = 1) -> None:
    pass


@contextmanager
def progress_bar(description: str, total: int | None, minimum: int = 1,
                 in_bytes: bool = False) -> Iterator[Callable[[int], None]]:
    """``advance(amount=1)`` for work of ``total`` units (None: unknown, the bar counts); ``in_bytes``: the
    units are bytes, shown as such (``12.1/48.3 MB``).

    No bar below ``minimum`` units or when stderr is not a terminal.
    """
    if not sys.stderr.isatty() or (total is not None and total < minimum):
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # what the command prints to a terminal goes above the bar (through the console); printed
    # to a pipe or a file, it is left alone
    redirect = sys.stdout.isatty()
    done = DownloadColumn() if in_bytes else MofNCompleteColumn()
    with Progress(TextColumn("{task.description}"), BarColumn(), done, TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True, redirect_stdout=redirect,
                  redirect_stderr=False) as bar:
        task = bar.add_task(description, total=total)

        def advance(amount: int = 1) -> None:
            bar.advance(task, amount)

        yield advance


def synced_memory(config, **options):
    """The project's translation memory brought up to date (``Memory.for_project``), with a bar while it
    looks at the project's files: the first time, it reads every catalogue."""
    from workbench.tm.memory import Memory
    from workbench.tm.sync import file_count

    with progress_bar("updating the translation memory", file_count(config), minimum=PROGRESS_FILES) as advance:
        return Memory.for_project(config, progress=advance, **options)
