"""Server-rendered pages. Each route asks ``Backend`` for data, builds a view model and renders it.

Templates autoescape everything (Jinja2 ``autoescape=True``, never ``|safe``); pages work without JS.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path as FsPath
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Depends, FastAPI, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from wiretrace import __version__, service
from wiretrace.api import deps
from wiretrace.api.deps import Backend
from wiretrace.api.models import MAX_PAGE, AnalyzeRequest
from wiretrace.api.routes import NotFound, backend
from wiretrace.api.security import check_write_token, limit_analyse, require_read, writes_enabled
from wiretrace.output.segments import word_diff
from wiretrace.web.views import FLAG_NAMES, article_view, path_part, safe_href, snippet_parts

HERE = FsPath(__file__).parent
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,  # every value, in every template, whatever its file name
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(
    version=__version__,
    flag_names=FLAG_NAMES,
    path_part=path_part,
    safe_href=safe_href,
    snippet_parts=snippet_parts,
)
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
BackendDep = Annotated[Backend, Depends(backend)]
reads = [Depends(require_read)]


def mount_web(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    b: Backend = request.app.state.backend
    return templates.TemplateResponse(
        request, template, {"corpus": b.has_corpus, **context}, status_code=status
    )


def render_error(request: Request, status: int, code: str, message: str) -> Response:
    return render(request, "error.html", status, status_code=status, code=code, message=message)


@router.get("/")
async def analyse_page(request: Request) -> Response:
    return render(request, "analyse.html")


@router.post("/analyze", dependencies=[Depends(require_read), Depends(limit_analyse)])
async def analyse_form(
    request: Request,
    b: BackendDep,
    text: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    title: Annotated[str, Form(max_length=1000)] = "",
    outlet: Annotated[str, Form(max_length=300)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    upload: Annotated[UploadFile | None, File()] = None,
) -> Response:
    fields: dict[str, Any] = {
        "title": title or None,
        "outlet": outlet or None,
        "published": published or None,
    }
    if upload is not None and upload.filename:
        raw = (await upload.read()).decode("utf-8", errors="replace")
        is_html = (upload.filename or "").lower().endswith((".html", ".htm")) or raw.lstrip().startswith("<")
        fields["html" if is_html else "text"] = raw
    elif text.strip():
        fields["text"] = text
    elif url.strip():
        fields["url"] = url.strip()
    try:
        req = AnalyzeRequest(**fields)
    except ValidationError as exc:
        message = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        return render(request, "analyse.html", 422, error=message, form=fields)
    analysis = await b.analysis(lambda: b.analyse(req))
    passages = await b.read(lambda s: deps.source_passages(s, analysis)) if b.has_corpus else []
    view = article_view(analysis, passages, corpus=b.has_corpus)
    return render(request, "article.html", view=view, stored=False, story=None, can_delete=False)


@router.get("/articles/{article_id:path}", dependencies=reads)
async def article_page(
    article_id: Annotated[str, Path(max_length=300)], request: Request, b: BackendDep
) -> Response:
    found = await b.read(lambda s: deps.stored_view(s, article_id))
    if found is None:
        raise NotFound(f"no stored article {article_id!r}")
    analysis, passages, story = found
    view = article_view(analysis, passages, corpus=True)
    return render(
        request, "article.html", view=view, stored=True, story=story, can_delete=writes_enabled(request)
    )


@router.post("/articles/{article_id:path}/delete", dependencies=reads)
async def delete_form(
    article_id: Annotated[str, Path(max_length=300)],
    request: Request,
    b: BackendDep,
    token: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """The article page's delete button: the API token typed into the form, as for every write."""
    check_write_token(request, token)
    result = await b.analysis(lambda: b.delete([article_id]))
    if not result.deleted:
        raise NotFound(f"no stored article {article_id!r}")
    return render(
        request, "deleted.html", article_id=article_id, stories_removed=list(result.stories_removed)
    )


@router.get("/search", dependencies=reads)
async def search_page(
    request: Request,
    b: BackendDep,
    q: Annotated[str, Query(max_length=500)] = "",
    outlet: Annotated[str, Query(max_length=300)] = "",
    speaker: Annotated[str, Query(max_length=300)] = "",
    flag: Annotated[str, Query(max_length=40)] = "",
    since: Annotated[str, Query(max_length=40)] = "",
    until: Annotated[str, Query(max_length=40)] = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    # A form sends every field, empty ones as "": those mean "any", so they are read as strings here.
    limit = 20
    params = {"q": q, "outlet": outlet, "speaker": speaker, "flag": flag, "since": since, "until": until}
    try:
        dates = {k: dt.date.fromisoformat(v) if v else None for k, v in (("since", since), ("until", until))}
    except ValueError:
        return render(
            request,
            "search.html",
            422,
            hits=[],
            params=params,
            offset=0,
            next_offset=None,
            limit=limit,
            error="Dates are written YYYY-MM-DD.",
        )
    filters = {
        "outlet": outlet or None,
        "speaker": speaker or None,
        "flag": flag if flag in FLAG_NAMES else None,
        **dates,
    }
    hits = await b.read(lambda s: service.search(s, q, limit=limit + 1, offset=offset, **filters))
    items, next_offset = deps.page(hits, limit, offset)
    return render(
        request, "search.html", hits=items, params=params, offset=offset, next_offset=next_offset, limit=limit
    )


@router.get("/speakers/{name:path}", dependencies=reads)
async def speaker_page(
    name: Annotated[str, Path(min_length=1, max_length=300)],
    request: Request,
    b: BackendDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    limit = min(100, MAX_PAGE)
    rows = await b.read(lambda s: deps.speaker_quotes(s, name, None, None, limit + 1, offset))
    items, next_offset = deps.page(rows, limit, offset)
    return render(request, "speaker.html", name=name, quotes=items, offset=offset, next_offset=next_offset)


@router.get("/stories/{story_id:path}", dependencies=reads)
async def story_page(
    story_id: Annotated[str, Path(max_length=300)], request: Request, b: BackendDep
) -> Response:
    found = await b.read(lambda s: deps.story_view(s, story_id))
    if found is None:
        raise NotFound(f"no story {story_id!r}")
    story, groups = found
    return render(request, "story.html", story=story, groups=groups)


@router.get("/quotes/{group_id:path}", dependencies=reads)
async def quote_page(
    group_id: Annotated[str, Path(max_length=300)], request: Request, b: BackendDep
) -> Response:
    found = await b.read(lambda s: deps.quote_group_view(s, group_id))
    if found is None:
        raise NotFound(f"no quote group {group_id!r}")
    group, members = found
    first = next((m.text for m in members if m.text is not None), None)
    aligned = [
        (m, word_diff(m.text, first)[0] if m.text is not None and first is not None else None)
        for m in members
    ]
    return render(request, "quote.html", group=group, members=aligned)


@router.get("/favicon.ico")
async def favicon() -> Response:
    return Response(status_code=204)
