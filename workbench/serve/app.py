"""``workbench serve``: the Starlette application over a project's catalogues.

Routes: ``/`` the overview, ``/edit/<language>/<article>`` the editor (``?n=`` the entry, and the
filters), ``/api/check`` one entry's checks as typed, ``/api/save`` one entry written. A catalogue is
looked up among the project's own (``Workspace.catalogue_path``); nothing from a request becomes a path.
"""

from __future__ import annotations

import asyncio
from importlib import resources

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from workbench.config import Config
from workbench.errors import WorkbenchError
from workbench.serve import editing, pages
from workbench.serve.security import Guard, GuardMiddleware


def create_app(config: Config, guard: Guard | None = None) -> Starlette:
    guard = guard or Guard()
    workspace = editing.Workspace(config)
    # the catalogues are files: one request at a time reads or writes them (and the checks' state)
    lock = asyncio.Lock()
    project = config.project_name  # the name the templates' headers carry

    async def overview(request: Request) -> Response:
        async with lock:
            return HTMLResponse(pages.overview(project, workspace.overview()))

    async def edit(request: Request) -> Response:
        language, article = request.path_params["language"], request.path_params["article"]
        async with lock:
            try:
                workspace.catalogue_path(language, article)
            except WorkbenchError as exc:
                return PlainTextResponse(str(exc), status_code=404)
            loaded = workspace.load(language, article)  # a file that does not read: 400, its file and line
            return HTMLResponse(_editor_page(workspace, loaded, request, project, guard))

    async def check(request: Request) -> Response:
        body = await _json(request)
        async with lock:
            loaded, message = _entry(workspace, body)
            forms = _forms(body, message)
            found, elapsed = workspace.timed_entry_findings(loaded, message, forms)
            return JSONResponse({"findings": [_finding(f) for f in found], "ms": round(elapsed, 1)})

    async def save(request: Request) -> Response:
        body = await _json(request)
        async with lock:
            loaded, message = _entry(workspace, body)
            result = workspace.save(loaded.language, loaded.article, message.key, _forms(body, message),
                                    bool(body.get("fuzzy")), str(body.get("base", "")))
            return JSONResponse({"status": result.status, "message": result.message, "theirs": result.theirs,
                                 "theirs_fuzzy": result.theirs_fuzzy, "base": result.base, "digest": result.digest},
                                status_code=409 if result.status == "conflict" else 200)

    async def script(request: Request) -> Response:
        text = resources.files("workbench").joinpath("data/serve/editor.js").read_text("utf-8")
        return Response(text, media_type="text/javascript; charset=utf-8")

    async def refused(request: Request, exc: Exception) -> Response:
        return PlainTextResponse(str(exc), status_code=400)

    app = Starlette(routes=[
        Route("/", overview),
        Route("/edit/{language}/{article:path}", edit),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/save", save, methods=["POST"]),
        Route("/static/editor.js", script),
    ], exception_handlers={WorkbenchError: refused, ValueError: refused})
    app.state.workspace = workspace
    app.add_middleware(GuardMiddleware, guard=guard)
    return app


async def _json(request: Request) -> dict:
    body = await request.json()
    if not isinstance(body, dict):
        raise ValueError("the request is not a JSON object")
    return body


def _entry(workspace: editing.Workspace, body: dict):
    loaded = workspace.load(str(body.get("language", "")), str(body.get("article", "")))
    key = (body.get("msgctxt"), str(body.get("msgid", "")))
    message = next((m for m in loaded.entries if m.key == key), None)
    if message is None:
        raise WorkbenchError("this entry is no longer in the catalogue; reload the page", loaded.path)
    return loaded, message


def _forms(body: dict, message) -> list[str]:
    forms = body.get("forms")
    if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms) \
            or len(forms) != len(message.translations):
        raise ValueError("forms must be a list of one text per msgstr")
    return forms


def _finding(finding) -> dict:
    return {"check": finding.check, "severity": finding.severity, "message": finding.message,
            "offending": finding.offending, "form": finding.form}


def _editor_page(workspace: editing.Workspace, loaded: editing.Loaded, request: Request, project: str,
                 guard: Guard) -> str:
    params = request.query_params
    filters = {"state": params.get("state", ""), "check": params.get("check", ""), "term": params.get("term", ""),
               "changed": params.get("changed", ""), "q": params.get("q", "")}
    relative = workspace.relative(loaded.path)
    by_key: dict = {}
    for finding in workspace.findings().get(relative, []):
        by_key.setdefault((finding.msgctxt, finding.msgid), []).append(finding)
    glossary = workspace.terminology
    source_language = workspace.config.source_language
    concepts_of = {}
    concept_labels: dict[str, str] = {}
    for message in loaded.entries:
        ids = []
        if glossary is not None:
            for hit in glossary.find(message.msgid, source_language):
                ids.append(hit.concept.id)
                concept_labels.setdefault(hit.concept.id, glossary.label(hit.concept, source_language))
        concepts_of[message.key] = ids
    shown = [(index, message, len(by_key.get(message.key, []))) for index, message in enumerate(loaded.entries)
             if editing.matches_filter(message, by_key.get(message.key, []), state=filters["state"],
                                       check=filters["check"], changed=bool(filters["changed"]),
                                       concept=filters["term"], query=filters["q"],
                                       terms=concepts_of[message.key])]
    try:
        number = int(params.get("n", ""))
    except ValueError:
        number = -1
    indices = [index for index, _, _ in shown]
    if number not in indices:
        number = indices[0] if indices else -1
    current = loaded.entries[number] if number >= 0 else None
    checks = sorted({f.check for fs in by_key.values() for f in fs})

    def url(n: int | None) -> str | None:
        return pages.edit_url(loaded.language, loaded.article, n=n, **filters) if n is not None else None

    def after(wanted) -> int | None:
        return next((i for i in range(number + 1, len(loaded.entries)) if wanted(loaded.entries[i])), None)

    position = indices.index(number) if number in indices else -1
    data = {"language": loaded.language, "article": loaded.article}
    kwargs = dict(terms=[], suggestions=[], others=[], findings=[], catalogue_findings=[], diff=[], labels=[""],
                  timing=0.0)
    if current is not None:
        found, elapsed = workspace.timed_entry_findings(loaded, current, list(current.translations))
        entry_ids = set(editing.entry_check_ids())
        data.update({
            "msgctxt": current.msgctxt, "msgid": current.msgid, "base": editing.Base.of(current).encode(),
            "digest": loaded.digest, "source": current.msgid, "source_plural": current.msgid_plural,
            "prev": url(indices[position - 1]) if position > 0 else None,
            "next": url(indices[position + 1]) if position + 1 < len(indices) else None,
            "next_todo": url(after(lambda m: editing.status(m) != "translated")),
            "next_failing": url(after(lambda m: bool(by_key.get(m.key)))),
        })
        kwargs.update(
            terms=workspace.terms(current, loaded.language), suggestions=workspace.suggestions(loaded, current),
            others=workspace.other_languages(loaded, current), findings=found,
            catalogue_findings=[f for f in by_key.get(current.key, []) if f.check not in entry_ids],
            diff=editing.source_diff(current), labels=editing.plural_labels(loaded.catalog, loaded.language, current),
            timing=elapsed)
    return pages.editor(project=project, language=loaded.language, article=loaded.article, csrf=guard.csrf,
                        entries=shown, total=len(loaded.entries), current=current, number=number, filters=filters,
                        checks=checks, concepts=sorted(concept_labels.items(), key=lambda item: item[1].lower()),
                        data=data, **kwargs)
