"""Running the editor: uvicorn on the address given, the URL with its token printed as Jupyter does."""

from __future__ import annotations

import socket
import threading
import webbrowser
from typing import TextIO

import uvicorn

from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.serve.app import create_app
from workbench.serve.security import LOCAL_HOSTS, Guard


def _names(host: str) -> tuple[str, ...]:
    """The names a browser elsewhere may put in the Host header for this address: the address itself, and for
    a wildcard (0.0.0.0, ::) the machine's name and addresses."""
    names = {host.strip("[]").lower()}
    if host.strip("[]") in ("0.0.0.0", "::"):
        name = socket.gethostname()
        names |= {name.lower(), socket.getfqdn().lower()}
        try:
            names |= set(socket.gethostbyname_ex(name)[2])
        except OSError:
            pass
    return tuple(sorted(names))


def serve(config: Config, host: str, port: int, open_browser: bool = False, out: TextIO | None = None,
          ready: threading.Event | None = None, guard: Guard | None = None) -> int:
    local = host.strip("[]") in LOCAL_HOSTS
    guard = guard or Guard(hosts=LOCAL_HOSTS if local else (*LOCAL_HOSTS, *_names(host)))
    if not local and out is not None:
        print(f"workbench: warning: serving on {host}, not only this machine: anyone who can reach it and "
              "has the URL can edit the catalogues", file=out)
    try:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        raise WorkbenchError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    port = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else (f"[{host}]" if ":" in host else host)
    url = f"http://{shown}:{port}/?token={guard.token}"
    if out is not None:
        print(f"workbench: the editor of {config.root} is at\n\n    {url}\n\nCtrl+C stops it.", file=out, flush=True)
    app = create_app(config, guard)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    if ready is not None:
        ready.url = url  # type: ignore[attr-defined]
        ready.server = server  # type: ignore[attr-defined]
        ready.set()
    try:
        server.run(sockets=[sock])
    finally:
        app.state.workspace.close()
        sock.close()
    return 0
