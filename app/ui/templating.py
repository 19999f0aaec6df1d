"""The Jinja2 environment (autoescape on everywhere) and the page renderer."""

import math
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import ChainableUndefined, Environment, FileSystemLoader
from starlette.responses import HTMLResponse

from app.ui.diff import as_text, word_diff
from app.ui.session import Viewer

HERE = Path(__file__).parent


def _num(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return f"{value:.{digits}f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    return str(value)


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.3f}"


def _money(value: float | None) -> str:
    return "–" if value is None else f"${value:.4f}"


env = Environment(
    # Chainable: documents from the services may lack keys other issues add (read defensively).
    loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=ChainableUndefined,
    trim_blocks=True, lstrip_blocks=True,
)
env.filters.update(text=as_text, diff=word_diff, num=_num, signed=_signed, money=_money)
templates = Jinja2Templates(env=env)


def render(
    request: Request, name: str, viewer: Viewer | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A full page (or an htmx fragment) with the header's user, organization and CSRF token."""
    context.setdefault("errors", [])
    context.setdefault("title", "")
    return templates.TemplateResponse(
        request, name, {"viewer": viewer, **context}, status_code=status_code
    )
