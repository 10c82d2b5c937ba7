"""Pages and API endpoints: one module per page or resource, each with ``router``.

Every module here defining ``router = APIRouter()`` is included by
:func:`jixiao.web.app.create_app` in module-name order; nothing else to register.
"""
