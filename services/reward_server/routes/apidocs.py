"""Swagger UI (``/docs``) and ReDoc (``/redoc``) from local assets, so the docs work offline.

FastAPI's defaults load both from a CDN. The JavaScript and CSS come from the pinned PyPI package ``fastapi-offline``
(MIT; it bundles swagger-ui, Apache-2.0, and redoc, MIT); only its static folder is used, served at /docs-assets.
"""

from __future__ import annotations

import importlib.resources
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"
OAUTH2_REDIRECT = "/docs/oauth2-redirect"

router = APIRouter(include_in_schema=False)


def _page(request: Request, kind: str) -> dict[str, Any]:
    """What both pages share: the spec's URL (under any root path) and a title."""
    root = request.scope.get("root_path", "")
    return {"openapi_url": f"{root}{request.app.openapi_url}", "title": f"{request.app.title} - {kind}"}


def _asset(request: Request, name: str) -> str:
    return f"{request.scope.get('root_path', '')}{ASSETS}/{name}"


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        **_page(request, "Swagger UI"),
        oauth2_redirect_url=OAUTH2_REDIRECT,
        swagger_js_url=_asset(request, "swagger-ui-bundle.js"),
        swagger_css_url=_asset(request, "swagger-ui.css"),
        swagger_favicon_url=_asset(request, "favicon.png"),
        swagger_ui_parameters={"validatorUrl": None},  # its default badge is fetched from validator.swagger.io
    )


@router.get(OAUTH2_REDIRECT)
async def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(
        **_page(request, "ReDoc"),
        redoc_js_url=_asset(request, "redoc.standalone.js"),
        redoc_favicon_url=_asset(request, "favicon.png"),
        with_google_fonts=False,
    )


def add_docs(app: FastAPI) -> None:
    """Mount the assets and the two pages (create the app with ``docs_url=None, redoc_url=None``)."""
    static = importlib.resources.files("fastapi_offline") / "static"
    app.mount(ASSETS, StaticFiles(directory=str(static)), name="docs-assets")
    app.include_router(router)
