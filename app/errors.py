"""AppError hierarchy and the handlers that turn errors into one JSON shape."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


class AppError(Exception):
    status_code = 400

    def __init__(self, detail: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail if detail is not None else self.__class__.__doc__
        self.headers = headers


class NotAuthenticated(AppError):
    """Authentication credentials were not provided or are invalid."""

    status_code = 401


class Forbidden(AppError):
    """You do not have permission to perform this action."""

    status_code = 403


class NotFound(AppError):
    """Not found."""

    status_code = 404


class Conflict(AppError):
    """Conflict."""

    status_code = 409


class TooLarge(AppError):
    """Request entity too large."""

    status_code = 413


class InvalidInput(AppError):
    """Invalid input. `detail` is a list of {loc|line, field, msg|message} entries."""

    status_code = 422

    def __init__(self, detail: Any = None, headers: dict[str, str] | None = None) -> None:
        if isinstance(detail, str):
            detail = [{"loc": ["body"], "msg": detail, "type": "value_error"}]
        super().__init__(detail, headers)


def field_error(field: str, message: str, loc_root: str = "body") -> InvalidInput:
    """A 422 naming one field, shaped like FastAPI's own validation errors."""
    return InvalidInput([{"loc": [loc_root, field], "msg": message, "type": "value_error"}])


def _jsonable_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for err in errors:
        clean = {k: v for k, v in err.items() if k in ("loc", "msg", "type")}
        if isinstance(err.get("input"), (str, int, float, bool, list, dict, type(None))):
            clean["input"] = err["input"]
        if "ctx" in err:
            clean["ctx"] = {k: str(v) for k, v in err["ctx"].items()}
        out.append(clean)
    return out


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _jsonable_errors(list(exc.errors()))}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
