"""The web application (FastAPI, server-rendered Chinese pages, JSON API).

``create_app(store)`` builds it; ``jixiao serve`` runs it with uvicorn.
"""

from jixiao.web.app import create_app

__all__ = ["create_app"]
