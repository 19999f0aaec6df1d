"""Page parameters and the {count, next, previous, results} envelope."""

from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel

T = TypeVar("T")

MAX_PAGE_SIZE = 500
# Bounded so (page - 1) * page_size always fits a 64-bit OFFSET: an unbounded page made the
# database driver overflow (a 500) instead of answering an empty page.
MAX_PAGE = 1_000_000_000


class PageParams(BaseModel):
    page: int = 1
    page_size: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def page_params(
    page: Annotated[
        int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1 (max 1,000,000,000)")
    ] = 1,
    page_size: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page (max 500)")
    ] = 50,
) -> PageParams:
    return PageParams(page=page, page_size=page_size)


PageDep = Annotated[PageParams, Depends(page_params)]


class Page(BaseModel, Generic[T]):
    count: int
    next: str | None
    previous: str | None
    results: list[T]


def build_page(request: Request, params: PageParams, count: int, results: list) -> dict:
    """The envelope with absolute next/previous links that keep every other query parameter."""
    nxt = prev = None
    if params.offset + len(results) < count:
        nxt = str(request.url.include_query_params(page=params.page + 1))
    if params.page > 1:
        prev = str(request.url.include_query_params(page=params.page - 1))
    return {"count": count, "next": nxt, "previous": prev, "results": results}
