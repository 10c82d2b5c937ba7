"""jixiao (绩效): read, score and audit fiscal project-expenditure performance forms.

The analyst's entry point is :func:`open_store` (``jixiao.open_store(url).forms(...)``);
it is imported lazily so that ``import jixiao`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jixiao.errors import JixiaoError

if TYPE_CHECKING:
    from jixiao.store import open_store

__version__ = "0.1.0"

__all__ = ["JixiaoError", "__version__", "open_store"]


def __getattr__(name: str) -> Any:
    if name == "open_store":
        from jixiao.store import open_store

        return open_store
    raise AttributeError(f"module 'jixiao' has no attribute {name!r}")
