"""A small store for the download tests: forms of one department in two years, and of a
department whose name contains the first one's (which a department download must leave
out)."""

from __future__ import annotations

from pathlib import Path

from jixiao.parse import parse_file
from jixiao.store import DocumentInfo, Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DEPARTMENT = "上海市人力资源和社会保障局"
WIDER = "上海市人力资源和社会保障局直属机构"


def fill_store(store: Store) -> dict[str, list[int]]:
    """Save four forms (two of DEPARTMENT in 2024, one in 2023, one of WIDER in 2024);
    the ids of each group: ``2024``, ``2023``, ``wider``."""
    forms = list(parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms)[:4]
    assert {f.department for f in forms} == {DEPARTMENT}
    groups = {
        "2024": forms[:2],
        "2023": [forms[2].model_copy(update={"year": 2023})],
        "wider": [forms[3].model_copy(update={"department": WIDER})],
    }
    ids: dict[str, list[int]] = {}
    for n, (name, group) in enumerate(groups.items()):
        store.save_forms(group, DocumentInfo(file_name=f"{name}.txt", content_hash=f"{n}" * 64))
        ids[name] = [r["id"] for r in store.forms(file=f"{name}.txt")]
    return ids
