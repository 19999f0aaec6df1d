"""The web UI under /ui/ (issue 9 fills this)."""

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse


def mount(app: FastAPI) -> None:
    """Add the UI's pages and static files, the `/` redirect and the Swagger UI at /docs."""

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="evalforge API")
