"""The comparison view: baseline beside each candidate, item by item, with word diffs."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.db import SessionDep
from app.errors import InvalidInput
from app.experiments import compare as compare_service
from app.ui import compare_view
from app.ui.experiment_view import parse_ids
from app.ui.forms import PAGE_SIZE, pager, with_query
from app.ui.session import ViewerDep
from app.ui.templating import render

router = APIRouter()


@router.get("/compare/")
async def compare(
    request: Request, viewer: ViewerDep, db: SessionDep,
    experiment_ids: Annotated[list[str], Query(max_length=20)],
    show: Annotated[str, Query(pattern="^(all|regressions|improvements|errors)$")] = "all",
    q: Annotated[str, Query(max_length=200)] = "",
    sort: Annotated[str, Query(pattern="^(item|delta|-delta)$")] = "item",
    score: Annotated[str, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    """Compare experiments; the URL holds every filter so a link can be shared."""
    ids = parse_ids(experiment_ids)
    if len(ids) < 2:
        raise InvalidInput("Pick at least two experiments to compare.")
    doc = await compare_service.compare(db, viewer.org, ids, loc_root="query")
    if score and score not in doc["summary"]["score_names"]:
        score = ""
    rows, names = compare_view.build_rows(doc, score or None)
    kept = compare_view.select(rows, show, q, sort)
    pages = pager(request, page, len(kept))
    shown = kept[pages.offset:pages.offset + PAGE_SIZE]
    joined = ",".join(str(i) for i in ids)
    return render(
        request, "compare.html", viewer, title="Comparison", doc=doc, rows=shown, pages=pages,
        tallies=compare_view.tallies(rows), kept=len(kept), names=names, ids=joined,
        baseline_id=str(ids[0]), filters={"show": show, "q": q, "sort": sort, "score": score},
        link=lambda **kw: with_query(request, page=1, **kw),
    )
