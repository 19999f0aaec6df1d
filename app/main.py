"""create_app(): routers, middleware, error handlers, lifespan."""

import logging
import threading
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute

from app import llm, ui
from app.auth import service as auth_service
from app.auth.router import router as auth_router
from app.config import Settings, get_settings
from app.db import make_engine, make_sessionmaker
from app.errors import install_error_handlers
from app.experiments import output_limit
from app.experiments.agent_http import configure as configure_agents
from app.experiments.targets import close_http_client
from app.limits import BodyLimitMiddleware
from app.queue import make_queue

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"


def _routers() -> list[APIRouter]:
    from app.datasets.router import router as datasets_router
    from app.evaluators.router import router as evaluators_router
    from app.experiments.router import router as experiments_router
    from app.models_registry.router import router as models_router
    from app.prompts.router import router as prompts_router
    from app.runs.router import router as runs_router

    return [
        auth_router, datasets_router, runs_router, prompts_router, evaluators_router,
        experiments_router, models_router,
    ]


def _operation_id(route: APIRoute) -> str:
    """`<tag>-<function>`, which a generated SDK turns into a method (`datasets_create`).
    A collection's own listing is `<tag>-list` whatever its function is called: routers name
    it `list_items` to dodge the builtin, and `prompts-list-items` read as a list of items."""
    tag = route.tags[0] if route.tags else "api"
    name = route.name
    if name == "list_items" and route.path.rstrip("/").endswith(f"/{tag}"):
        name = "list"
    return f"{tag}-{name}".replace("_", "-")


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings: Settings = app.state.settings
    engine = make_engine(settings.database_url)
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    async with app.state.sessionmaker() as db:
        if await auth_service.bootstrap_admin(
            db, settings.admin_email, settings.admin_password, settings.org
        ):
            log.info("created bootstrap admin %s in organization %s", settings.admin_email, settings.org)
    llm.configure(settings)
    configure_agents(settings)
    output_limit.configure(settings)
    queue = make_queue(settings)
    app.state.queue = queue
    await queue.start({"settings": settings, "sessionmaker": app.state.sessionmaker, "queue": queue})
    # Import litellm (seconds of CPU) now, off the event loop: this process makes model calls
    # (in-process queue) and checks models at experiment create and start (preflight) in
    # every shape. A daemon thread: a shutdown never waits for an import still under way.
    threading.Thread(target=llm.warm_up, name="litellm-warm-up", daemon=True).start()
    try:
        yield
    finally:
        await queue.close()
        await close_http_client()
        await llm.aclose()
        await engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="evalforge",
        version="0.1.0",
        description="Evaluation platform for LLM prompts and agents: datasets, experiments, "
        "evaluators and side-by-side comparison.",
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        docs_url=None,  # served by app.ui from vendored assets, not a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    install_error_handlers(app)
    # Every request body is counted as it streams, and JSON bodies refuse NaN/Infinity.
    app.add_middleware(BodyLimitMiddleware, settings=settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )

    @app.get("/healthz", tags=["health"], operation_id="health-check")
    async def healthz() -> dict[str, str]:
        """Liveness probe; needs no credentials."""
        return {"status": "ok"}

    for router in _routers():
        _summaries_from_docstrings(router)
        app.include_router(router, prefix=API_PREFIX)
    ui.mount(app)
    return app


def _summaries_from_docstrings(router: APIRouter) -> None:
    """Each route's one-line docstring is its OpenAPI summary (FastAPI would use the name)."""
    for route in router.routes:
        if isinstance(route, APIRoute) and not route.summary and route.description:
            route.summary = route.description.strip().splitlines()[0]
