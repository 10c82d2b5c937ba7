"""Findings as the import graph and the syntax show them (issue 11, item 4): a finding's
family is catalogue data, never its code's first letter; findings are put on a form by
the parse stages and by :meth:`~jixiao.audit.Reviewed.published`, nowhere else."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from support import source_modules


def _trees() -> Iterator[tuple[str, ast.Module]]:
    for rel, _, tree in source_modules():
        if "/migrations/" not in rel:
            yield rel, tree


TREES = dict(_trees())


def _is_code(node: ast.expr) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "code") or (
        isinstance(node, ast.Name) and node.id == "code"
    )


def _letters(node: ast.expr) -> bool:
    """A one-letter string, or a tuple of them (``"P"``, ``("P", "X")``)."""
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    return all(isinstance(i, ast.Constant) and isinstance(i.value, str) for i in items) and all(
        len(i.value) == 1 for i in items if isinstance(i, ast.Constant)
    )


def family_by_letter(tree: ast.Module) -> list[int]:
    """The lines of ``tree`` that read a code's family off its first letter."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _is_code(node.value):
            index = node.slice
            first = isinstance(index, ast.Constant) and index.value == 0
            prefix = (
                isinstance(index, ast.Slice)
                and index.lower is None
                and isinstance(index.upper, ast.Constant)
                and index.upper.value == 1
            )
            if first or prefix:
                out.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "startswith"
            and _is_code(node.func.value)
            and node.args
            and _letters(node.args[0])
        ):
            out.append(node.lineno)
    return sorted(out)


def test_the_check_sees_a_family_read_off_the_first_letter() -> None:
    bad = ast.parse('a = f.code[0] in "ARQX"\nb = f.code[:1]\nc = x.code.startswith(("P", "X"))')
    good = ast.parse('a = family_of(f.code)\nb = f.code.startswith("A00")\nc = code[1:]')
    assert family_by_letter(bad) == [1, 2, 3] and family_by_letter(good) == []


def test_no_module_reads_a_family_off_a_code() -> None:
    wrong = [f"{rel}:{n}" for rel, tree in TREES.items() for n in family_by_letter(tree)]
    assert not wrong, f"use jixiao.model.family_of / is_audit_code: {wrong}"


FINDINGS_SET = {
    "audit/review.py": "the review: a form as read, and the form published with its report",
    "web/fill_form.py": "a draft typed into the 填报 form has no findings yet",
    "web/routes/findings.py": "the 审核发现 list shows only the findings a filter asks for",
    "service/checking.py": "a form whose review crashed is kept as read, with R010",
    "service/governance.py": "a corrected form is reviewed again from its parse findings, "
    "less those about the cell a person has now read",
}
"""Modules outside ``parse`` that set a form's findings, and why. The parse stages put
the parse findings on the forms they read; no other module may."""


def sets_findings(tree: ast.Module) -> bool:
    """Whether ``tree`` copies a model with new ``findings``."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "model_copy"
        ):
            for kw in node.keywords:
                if kw.arg == "update" and isinstance(kw.value, ast.Dict):
                    keys = [k.value for k in kw.value.keys if isinstance(k, ast.Constant)]
                    if "findings" in keys:
                        return True
    return False


def test_findings_are_set_on_a_form_in_the_known_places_only() -> None:
    setting = {rel for rel, tree in TREES.items() if sets_findings(tree)}
    outside = {rel for rel in setting if not rel.startswith("parse/")}
    assert outside == set(FINDINGS_SET), "a new place that merges findings into a form"
    assert sets_findings(ast.parse('f.model_copy(update={"findings": ()})'))
