"""Registered models endpoint (read-only: the registry is server configuration)."""

from typing import Any

from fastapi import APIRouter, Request

from app.auth.deps import ReaderDep
from app.models_registry import service
from app.models_registry.schemas import ModelRead
from app.pagination import Page, PageDep, build_page

router = APIRouter(prefix="/models", tags=["models"])


@router.get("/", response_model=Page[ModelRead])
async def list_items(request: Request, principal: ReaderDep, page: PageDep) -> Any:
    """List the registered model names (EVALFORGE_MODELS) a config may use as `model`."""
    count, rows = service.list_models(request.app.state.settings, page.offset, page.page_size)
    return build_page(request, page, count, rows)
