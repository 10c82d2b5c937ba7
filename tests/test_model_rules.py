"""The rules on the model (issue 11, item 3): the project key, budget figures, "reported
above computed", severity rank and field labels — each decided once, in ``jixiao.model``
(or on the score result), and used by every shell.

The last tests read the source (``ast``) and fail when a shell decides one of these rules
again on its own.
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal

import pytest

from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    LegacySelfEvaluation,
    SelfEvaluation,
    Severity,
    Source,
    TargetDeclaration,
    project_key,
    reported_above,
    severity_rank,
    text_key,
)
from jixiao.model.department import DepartmentAmounts
from jixiao.model.forms import LegacyInfo, TargetMeta
from jixiao.model.funds import FundRow, Funds
from jixiao.model.labels import FIELD_LABELS, INDICATOR_FIELD_LABELS, field_label
from jixiao.score.result import BudgetScore, FormScore, RowScore
from support import SRC, source_modules

_SOURCE = Source(file="x.txt", lines=(1, 2))
D = Decimal


def test_text_key_folds_width_spaces_and_punctuation() -> None:
    assert text_key("≥90（%）") == text_key("≥90%") == ">=90%"
    assert text_key(" 人才 服务，中心 ") == "人才服务中心"
    assert text_key(None) == ""
    assert project_key("") is None
    assert project_key("ＡＢ 项目") == "AB项目"


def test_form_project_key_is_the_key_of_its_project() -> None:
    form = SelfEvaluation(project="某某 项目（一期）", source=_SOURCE)
    assert form.project_key == text_key("某某项目(一期)")
    assert SelfEvaluation(source=_SOURCE).project_key is None
    assert "project_key" not in form.model_dump()  # a property, not data


def test_budget_figures_of_every_kind() -> None:
    row = FundRow(initial=D(10), adjusted=D(12), executed=D(9), rate=D(75))
    figures = (D(10), D(12), D(9), D(75))
    assert SelfEvaluation(funds=Funds(total=row), source=_SOURCE).budget == figures
    assert DepartmentSelfEvaluation(funds=Funds(total=row), source=_SOURCE).budget == figures
    legacy = LegacyInfo(budget=D(5), executed=D(4), rate=D(80))
    assert LegacySelfEvaluation(legacy=legacy, source=_SOURCE).budget == (
        None,
        D(5),
        D(4),
        D(80),
    )
    both = TargetMeta(total_budget=D(30), current_budget=D(8))
    assert TargetDeclaration(target_meta=both, source=_SOURCE).budget.adjusted == D(8)
    whole = TargetMeta(total_budget=D(30))
    assert TargetDeclaration(target_meta=whole, source=_SOURCE).budget == (None, D(30), None, None)
    amounts = DepartmentAmounts(total=D(7))
    dept = DepartmentTargetDeclaration(amounts=amounts, source=_SOURCE)
    assert dept.budget.adjusted == D(7) and dept.budget.executed is None


@pytest.mark.parametrize(
    ("reported", "computed", "expected"),
    [(D(90), D("89.5"), True), (D(90), D(90), False), (D(80), D(90), False), (None, D(1), None)],
)
def test_reported_above(reported: Decimal | None, computed: Decimal, expected: bool | None) -> None:
    assert reported_above(reported, computed) is expected
    score = FormScore(ruleset="r", total=computed, reported_total=reported, explanation="")
    assert score.reported_above is expected


def test_row_and_budget_scores_above_what_the_rules_allow() -> None:
    def row(**kw: Decimal) -> RowScore:
        return RowScore(position=0, method="positive", explanation="", **kw)

    assert row(reported=D(10), computed=D(9)).reported_above
    assert not row(reported=D(9), computed=D(9)).reported_above
    band = {"band_low": D(6), "band_high": D(8), "computed": D(5)}
    assert not row(reported=D(7), **band).reported_above  # inside the band
    assert row(reported=D(9), **band).reported_above
    assert not row(computed=D(9)).reported_above
    budget = BudgetScore(computed=D(8), reported=D(10), explanation="")
    assert budget.reported_above
    assert not BudgetScore(computed=D(8), explanation="").reported_above


def test_severity_rank_lists_errors_first() -> None:
    assert sorted(Severity, key=lambda s: s.rank, reverse=True) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]
    assert [severity_rank(s) for s in ("error", "warning", "info")] == [0, 1, 2]
    assert severity_rank("unknown") > severity_rank("info")


def test_field_labels() -> None:
    assert FIELD_LABELS["unit"] == "实施单位"
    assert field_label("unit") == "实施单位"
    assert field_label("indicators.3.score") == "第 4 项指标·得分"
    assert field_label("indicators.12.target") == "第 13 项指标·年度指标值"
    assert field_label("funds.total.rate") == "项目资金·年度资金总额·执行率"
    assert field_label("funds.total.adjusted") == "项目资金·年度资金总额·全年预算数"
    assert field_label("tasks.0.name") == "第 1 项任务·任务名称"
    assert field_label("spending.basic.executed") == "按支出性质分·基本支出·全年执行数"
    assert field_label("no.such.path") == "no.such.path"


# -- each rule in one place: the shells do not decide them again ---------------------------

_LABEL_OWNERS = ("model/", "parse/", "read/")
"""Where a field's caption may be written out: the labels themselves, and the readers
and parsers, which look for the captions printed on a form."""
_CAPTIONS = {
    *(FIELD_LABELS[k] for k in ("project", "department", "unit", "money_unit")),
    *(INDICATOR_FIELD_LABELS[k] for k in ("level1", "level2", "name", "target", "actual")),
    INDICATOR_FIELD_LABELS["note"],
}


def _modules() -> list[tuple[str, ast.Module]]:
    return [(rel, tree) for rel, _, tree in source_modules()]


def test_field_captions_are_written_only_in_the_labels() -> None:
    found = [
        f"{name}:{node.lineno} {node.value}"
        for name, tree in _modules()
        if not name.startswith(_LABEL_OWNERS)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in _CAPTIONS
    ]
    assert found == [], "use jixiao.model.labels.FIELD_LABELS / INDICATOR_FIELD_LABELS"


def test_templates_take_field_captions_from_the_labels() -> None:
    """A page's column header or field caption is ``{{ FIELD_LABELS.unit }}``, not a copy
    (prose such as 按主管部门 may name a field)."""
    words = "|".join(map(re.escape, _CAPTIONS))
    caption = re.compile(r'[>"](' + words + r')(?=[<"\n])')
    found = [
        f"{path.name}:{n} {match.group(1)}"
        for path in sorted((SRC / "web" / "templates").rglob("*.html"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in caption.finditer(line)
    ]
    assert found == [], "use FIELD_LABELS / INDICATOR_FIELD_LABELS (template globals)"


def _severity_table(node: ast.AST) -> bool:
    """A dict literal that orders severities: ``{"error": 0, …}`` or ``{Severity.ERROR: 0}``."""
    if not isinstance(node, ast.Dict) or not node.keys:
        return False
    names = {"error", "warning", "info", "ERROR", "WARNING", "INFO"}
    keys = [
        k.value if isinstance(k, ast.Constant) else k.attr if isinstance(k, ast.Attribute) else None
        for k in node.keys
    ]
    numbers = all(isinstance(v, ast.Constant) and isinstance(v.value, int) for v in node.values)
    return numbers and set(keys) <= names


def _ranks_severities(node: ast.AST) -> bool:
    """A comprehension numbering the severities: ``{s: i for i, s in enumerate(Severity)}``."""
    if not isinstance(node, ast.DictComp | ast.ListComp):
        return False
    return any("Severity" in _names(g.iter) for g in node.generators)


def test_severity_order_is_decided_once() -> None:
    found = [
        f"{name}:{node.lineno}"
        for name, tree in _modules()
        if name != "model/finding.py"
        for node in ast.walk(tree)
        if _severity_table(node) or _ranks_severities(node)
    ]
    found += [
        path.name
        for path in sorted((SRC / "web" / "templates").rglob("*.html"))
        if re.search(r"""["']error["'],\s*["']warning["']""", path.read_text(encoding="utf-8"))
    ]
    assert found == [], "use Severity.rank / severity_rank (SEVERITIES in templates)"


def _names(node: ast.AST) -> set[str]:
    return {
        n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else ""
        for n in ast.walk(node)
    } | {
        str(n.value)
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


_REPORTED = {"reported", "reported_total", "total_score"}
_COMPUTED = {"computed", "computed_total", "total", "band_high"}


def test_reported_above_computed_is_decided_once() -> None:
    """No ``reported > computed`` outside :mod:`jixiao.model.leniency` (and the store's
    SQL version of the same rule, :func:`jixiao.store.filters.reported_above`)."""
    found = []
    for name, tree in _modules():
        if name in ("model/leniency.py", "store/filters.py") or name.startswith("parse/"):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Compare) or len(node.ops) != 1:
                continue
            if not isinstance(node.ops[0], ast.Gt | ast.Lt):
                continue
            left, right = _names(node.left), _names(node.comparators[0])
            if isinstance(node.ops[0], ast.Lt):
                left, right = right, left
            if left & _REPORTED and right & _COMPUTED:
                found.append(f"{name}:{node.lineno}")
    compared = re.compile(r"(reported|total_score)\w*\s*>")
    found += [
        f"{path.name}:{n}"
        for path in sorted((SRC / "web" / "templates").rglob("*.html"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if compared.search(line)
    ]
    assert found == [], "use jixiao.model.reported_above (or a score's reported_above)"


def test_every_field_path_a_golden_finding_names_has_a_chinese_label() -> None:
    """The field paths the parser and the audit point at (as the goldens hold them) all
    read as captions: no dotted path, no English key left for a reader."""
    import json
    import re

    from support import GOLDEN

    paths: set[str] = set()
    for file in GOLDEN.glob("*/*.findings.json"):
        for item in json.loads(file.read_text(encoding="utf-8"))["findings"]:
            field = (item.get("location") or {}).get("field")
            if field:
                paths.add(field)
    assert any("." in p for p in paths)
    for path in paths:
        assert not re.search(r"[A-Za-z.]", field_label(path)), (path, field_label(path))
