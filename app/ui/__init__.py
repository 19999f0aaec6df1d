"""The web UI under /ui/: server-rendered pages on the same services, session and roles as the
API; static files (htmx, Swagger UI) vendored from npm, nothing from a CDN."""

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from app.errors import AppError
from app.ui.session import LoginRequired
from app.ui.templating import HERE, render

SWAGGER = "/ui/static/vendor/swagger-ui"
HEADINGS = {403: "Not allowed", 404: "Not found", 409: "Conflict", 413: "Too large", 422: "Invalid input"}


def _routers() -> list:
    from app.ui import (
        routes_auth,
        routes_compare,
        routes_datasets,
        routes_evaluators,
        routes_experiments,
        routes_items,
        routes_prompts,
    )

    return [
        routes_auth.router, routes_datasets.router, routes_items.router,
        routes_experiments.router, routes_compare.router, routes_prompts.router,
        routes_evaluators.router,
    ]


def _install_page_errors(app: FastAPI) -> None:
    """Errors on /ui/ pages are pages (a redirect to log in, or a message); the API keeps JSON."""
    api_handler = app.exception_handlers[AppError]

    async def handler(request: Request, exc: AppError) -> Response:
        if isinstance(exc, LoginRequired):
            return RedirectResponse(exc.detail, status_code=303)
        if not request.url.path.startswith("/ui/"):
            return await api_handler(request, exc)
        viewer = getattr(request.state, "ui_viewer", None)
        message = exc.detail if isinstance(exc.detail, str) else "; ".join(
            str(e.get("msg") or e.get("message")) for e in exc.detail
        )
        return render(
            request, "error.html", viewer, status_code=exc.status_code,
            heading=HEADINGS.get(exc.status_code, "Error"), message=message,
        )

    app.add_exception_handler(AppError, handler)


def mount(app: FastAPI) -> None:
    """Add the UI's pages and static files, the `/` redirect and the Swagger UI at /docs."""
    app.mount("/ui/static", StaticFiles(directory=HERE / "static"), name="ui-static")
    for router in _routers():
        app.include_router(router, prefix="/ui", include_in_schema=False)
    _install_page_errors(app)

    @app.get("/", include_in_schema=False)
    async def home() -> RedirectResponse:
        return RedirectResponse("/ui/datasets/", status_code=303)

    @app.get("/ui/", include_in_schema=False)
    async def ui_home() -> RedirectResponse:
        return RedirectResponse("/ui/datasets/", status_code=303)

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="evalforge API",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
        )
