"""``workbench serve``: the local editor (``workbench.serve``); this module only parses and starts it."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import project_config


def register(subcommands) -> None:
    parser = subcommands.add_parser(
        "serve", help="a local web editor over the catalogues, with the glossary, the memory and the checks",
        description="Start a local web editor on 127.0.0.1 and print its URL, which holds a random token "
                    "(as Jupyter does): only a browser given that URL can use it.")
    parser.add_argument("--port", type=int, default=8470, help="port (default 8470; 0: any free port)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; any other is reachable by others: a warning)")
    parser.add_argument("--open", action="store_true", help="open the URL in the default browser")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workbench.serve.server import serve

    config = project_config(args)
    return serve(config, args.host, args.port, open_browser=args.open, out=sys.stderr)
