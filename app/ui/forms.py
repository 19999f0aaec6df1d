"""What the pages share: reading form fields, turning errors into messages, pager links."""

import json
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from pydantic import ValidationError

from app.errors import AppError, field_error

PAGE_SIZE = 50


def messages(exc: AppError | ValidationError) -> list[str]:
    """Readable lines for an error: '<field>: <message>' (or 'line N, <field>: ...')."""
    if isinstance(exc, ValidationError):
        entries = [{"loc": e["loc"], "msg": e["msg"]} for e in exc.errors(include_url=False)]
    elif isinstance(exc.detail, list):
        entries = exc.detail
    else:
        return [str(exc.detail)]
    out = []
    for e in entries:
        where = ".".join(str(p) for p in e.get("loc", []) if p not in ("body", "query", "path"))
        if "line" in e:
            where = f"line {e['line']}" + (f", {e.get('field')}" if e.get("field") else "")
        text = e.get("msg") or e.get("message") or ""
        out.append(f"{where}: {text}" if where else text)
    return out


def json_field(raw: str | None, field: str, default: Any = None) -> Any:
    """A textarea holding JSON; plain text that is not JSON is taken as a string."""
    if raw is None or not raw.strip():
        return default
    try:
        return json.loads(raw)
    except ValueError:
        if raw.lstrip()[:1] in "{[":
            raise field_error(field, "not valid JSON") from None
        return raw


def tag_list(raw: str | None) -> list[str]:
    return [t.strip() for t in (raw or "").split(",") if t.strip()]


@dataclass(frozen=True)
class Pager:
    page: int
    count: int
    prev_url: str | None
    next_url: str | None

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


def pager(request: Request, page: int, count: int, size: int = PAGE_SIZE) -> Pager:
    """Previous/next links that keep the other query parameters (search, tags, filters)."""
    prev_url = with_query(request, page=page - 1) if page > 1 else None
    next_url = with_query(request, page=page + 1) if page * size < count else None
    return Pager(page, count, prev_url, next_url)


def with_query(request: Request, **params: Any) -> str:
    """This page's path and query with `params` changed (a relative link)."""
    url = request.url.include_query_params(**params)
    return f"{url.path}?{url.query}"
