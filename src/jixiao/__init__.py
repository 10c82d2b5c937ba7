"""jixiao (绩效): read, score and audit fiscal project-expenditure performance forms.

The front door (:mod:`jixiao.service`, see ``docs/api.md``)::

    import jixiao

    for item in jixiao.check("自评表.pdf"):  # read, parse, score and audit
        print(item.form.project, item.score.total, len(item.report.findings))

    with jixiao.open_store("jixiao.db") as store:  # the analyst's entry point
        jixiao.run_import(store, jixiao.collect_files(["表单/"]))
        rows = store.forms(year=2024)

The names are imported lazily so that ``import jixiao`` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from jixiao.errors import JixiaoError

if TYPE_CHECKING:
    from jixiao.service import (
        check,
        collect_files,
        delete_document,
        load_form,
        load_ruleset,
        open_store,
        read_file,
        rescore,
        review_forms,
        run_import,
    )

__version__ = "0.1.0"

_LAZY = {
    "check": "jixiao.service",
    "collect_files": "jixiao.service",
    "delete_document": "jixiao.service",
    "load_form": "jixiao.service",
    "load_ruleset": "jixiao.service",
    "open_store": "jixiao.service",
    "read_file": "jixiao.service",
    "rescore": "jixiao.service",
    "review_forms": "jixiao.service",
    "run_import": "jixiao.service",
}

__all__ = [
    "JixiaoError",
    "__version__",
    "check",
    "collect_files",
    "delete_document",
    "load_form",
    "load_ruleset",
    "open_store",
    "read_file",
    "rescore",
    "review_forms",
    "run_import",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'jixiao' has no attribute {name!r}")
