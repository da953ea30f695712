"""The ``workbench`` command line: a thin layer over library calls.

Each command lives in its own module here with ``register(subcommands)``
that adds its parser and sets ``func`` to a function ``(args) -> int``.
Exit codes: 0 ok, 1 findings (e.g. ``fmt --check``), 2 bad usage or bad input
(a file that cannot be read or written included), 3 an internal error (a bug:
CI must be able to tell it from findings).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import traceback

from workbench import __version__
from workbench.errors import WorkbenchError

COMMAND_MODULES = (
    "workbench.cli.project",  # extract, update, build, stats, compile, run
    "workbench.cli.fmt",
    "workbench.cli.glossary",
    "workbench.cli.check",
    "workbench.cli.export",
    "workbench.cli.importing",  # import xliff | tmx | docx
    "workbench.cli.approve",
    "workbench.cli.pretranslate",  # fill untranslated entries from the translation memory
    "workbench.cli.tm",  # tm import | export | search | status
    "workbench.cli.serve",  # the local editor
)

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exit code is 2 too; keep its text short
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="workbench",
        description="Translation and localisation workbench: articles to gettext catalogues, "
        "terminology, checks and bilingual exports.",
        epilog="Exit status: 0 ok, 1 findings, 2 bad usage or bad input (or a file that cannot be written), "
        "3 internal error (a bug; WORKBENCH_DEBUG=1 shows the traceback).",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("-C", "--project", metavar="DIR", help="project folder (default: nearest pyproject.toml upwards)")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subcommands)
    return parser


def main(argv: list[str] | None = None) -> int:
    # A run builds hundreds of thousands of long-lived objects (catalogues, entries, findings) and
    # frees few: with the default threshold (700) the cyclic collector rescans them again and again,
    # a second per 100,000 entries. Collect far less often, as mypy does.
    gc.set_threshold(200_000, 50, 100)
    try:
        return _run(argv)
    except WorkbenchError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("workbench: interrupted; files already written are complete, none is half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the disk, not the input or the code: full, read-only, permissions
        print(f"workbench: {_os_error(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - a bug: its own exit code, not 1 (findings)
        print(f"workbench: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("WORKBENCH_DEBUG", "").strip() not in ("", "0"):
            traceback.print_exc()
        else:
            print("workbench: this is a bug in workbench; please report it with the command you ran "
                  "(WORKBENCH_DEBUG=1 shows the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


def _run(argv: list[str] | None) -> int:
    parser = build_parser()  # imports every command: a broken module is an internal error too
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    return args.func(args)


def _os_error(exc: OSError) -> str:
    """``path: reason``, as the other errors read."""
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return reason
    where = f"{exc.filename} -> {exc.filename2}" if exc.filename2 is not None else f"{exc.filename}"
    return f"{where}: {reason}"
