"""The kinds of form (DESIGN §3, §5): three project kinds and two department kinds."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from jixiao.model.base import Frozen
from jixiao.model.budget import BudgetFigures
from jixiao.model.department import DepartmentAmounts, DepartmentTask, Spending
from jixiao.model.finding import Finding
from jixiao.model.funds import FundRow, Funds
from jixiao.model.indicator import GradeBand, Indicator
from jixiao.model.keys import project_key
from jixiao.model.number import Number
from jixiao.model.source import Source

__all__ = [
    "DEPARTMENT_KINDS",
    "TARGET_AMOUNTS",
    "Declaration",
    "DepartmentSelfEvaluation",
    "DepartmentTargetDeclaration",
    "Form",
    "FormKind",
    "FundedEvaluation",
    "LegacyInfo",
    "LegacySelfEvaluation",
    "SelfEvaluation",
    "TargetDeclaration",
    "TargetMeta",
]

FormKind = Literal[
    "self_evaluation",
    "legacy_self_evaluation",
    "target_declaration",
    "department_self_evaluation",
    "department_target_declaration",
]

DEPARTMENT_KINDS: frozenset[str] = frozenset(
    {"department_self_evaluation", "department_target_declaration"}
)
"""The department-level kinds (部门整体支出): no project, the year's tasks instead."""


class _FormBase(Frozen):
    year: int | None = None
    project: str | None = None
    department: str | None = None
    unit: str | None = None
    money_unit: str | None = None
    indicators: tuple[Indicator, ...] = ()
    source: Source
    findings: tuple[Finding, ...] = ()

    @property
    def project_key(self) -> str | None:
        """The project's name as forms are matched ("the same project",
        :func:`~jixiao.model.keys.project_key`); ``None`` without a name."""
        return project_key(self.project)


class SelfEvaluation(_FormBase):
    """财政项目支出绩效自评表."""

    kind: Literal["self_evaluation"] = "self_evaluation"
    category: str | None = None
    """项目类型 / 项目分类 / 项目属性 / 项目类别, as printed."""
    funds: Funds = Funds()
    funds_extra: dict[str, FundRow] = {}
    """Funding rows the four of ``funds`` do not name (财政专户管理资金, 单位资金, 中央补助 …),
    by their printed label, in printed order."""
    goal_expected: str | None = None
    goal_actual: str | None = None
    total_weight: Number | None = None
    """The printed 总分 of the 分值 column (normally 100)."""
    total_score: Number | None = None
    grade: str | None = None

    @property
    def budget(self) -> BudgetFigures:
        """The 年度资金总额 row's figures."""
        return _fund_figures(self.funds)


class LegacyInfo(Frozen):
    """The header of a pre-2020 Shanghai 项目绩效自我评价."""

    budget: Number | None = None
    prior_year_budget: Number | None = None
    executed: Number | None = None
    rate: Number | None = None
    eval_date: str | None = None
    grade_stated: str | None = None
    recurring: bool | None = None
    division: str | None = None
    """具体实施处（科室）."""
    achievements: str | None = None
    problems: str | None = None
    improvements: str | None = None
    level1_weights: dict[str, Number] = {}
    """The weight printed beside each 一级指标 label, e.g. ``{"投入与管理": 36}``."""
    grade_rule: tuple[GradeBand, ...] = ()
    """The grade bands stated in the form's own 说明, highest first."""
    remarks: str | None = None
    """The 说明 text under the table."""


class LegacySelfEvaluation(_FormBase):
    """项目绩效自我评价 (pre-2020 Shanghai scorecard)."""

    kind: Literal["legacy_self_evaluation"] = "legacy_self_evaluation"
    goal_expected: str | None = None
    legacy: LegacyInfo = LegacyInfo()
    total_weight: Number | None = None
    total_score: Number | None = None
    grade: str | None = None

    @property
    def budget(self) -> BudgetFigures:
        """预算数, 执行数 and 执行率 of the header (no 年初预算数)."""
        return BudgetFigures(None, self.legacy.budget, self.legacy.executed, self.legacy.rate)


class TargetMeta(Frozen):
    """The header of a 绩效目标表."""

    category: str | None = None
    start: str | None = None
    end: str | None = None
    gov_purchase: bool | None = None
    perf_type: str | None = None
    overview: str | None = None
    basis: str | None = None
    necessity: str | None = None
    measures: str | None = None
    plan: str | None = None
    goal: str | None = None
    total_budget: Number | None = None
    """项目总预算 (over the project's whole span)."""
    current_budget: Number | None = None
    """The year's budget: 项目当年预算, or the 年度资金总额 of a 项目资金 block."""
    appropriation: Number | None = None
    """当年(本年)财政拨款, the first source of ``current_budget``."""
    carryover: Number | None = None
    """上年结转资金."""
    other: Number | None = None
    """其他资金."""
    prior_budget: Number | None = None
    prior_executed: Number | None = None


TARGET_AMOUNTS: tuple[str, ...] = (
    "total_budget",
    "current_budget",
    "appropriation",
    "carryover",
    "other",
    "prior_budget",
    "prior_executed",
)
"""The amounts of :class:`TargetMeta` (in the form's ``money_unit``), in printed order."""


class TargetDeclaration(_FormBase):
    """财政项目支出绩效目标表."""

    kind: Literal["target_declaration"] = "target_declaration"
    target_meta: TargetMeta = TargetMeta()
    long_term_indicators: tuple[Indicator, ...] = ()
    """The 中长期目标 block, when printed; ``indicators`` is the annual (scored) block."""

    @property
    def budget(self) -> BudgetFigures:
        """The year's budget (``current_budget``, else ``total_budget``) alone."""
        meta = self.target_meta
        year = meta.current_budget if meta.current_budget is not None else meta.total_budget
        return BudgetFigures(adjusted=year)


class DepartmentSelfEvaluation(_FormBase):
    """部门整体支出绩效自评表. ``department`` is 部门（单位）名称; ``project`` is None."""

    kind: Literal["department_self_evaluation"] = "department_self_evaluation"
    funds: Funds = Funds()
    """年度资金总额 and its sources (按收入性质分)."""
    funds_extra: dict[str, FundRow] = {}
    """Funding rows ``funds`` and ``spending`` do not name (一般公共预算, 政府性基金拨款,
    人员经费, 公用经费 …), by their printed label, in printed order."""
    spending: Spending = Spending()
    """基本支出 / 项目支出 (按支出性质分)."""
    tasks: tuple[DepartmentTask, ...] = ()
    goal_expected: str | None = None
    goal_actual: str | None = None
    total_weight: Number | None = None
    total_score: Number | None = None
    grade: str | None = None

    @property
    def budget(self) -> BudgetFigures:
        """The 年度资金总额 row's figures."""
        return _fund_figures(self.funds)


class DepartmentTargetDeclaration(_FormBase):
    """部门整体支出绩效目标表 (申报表). ``department`` is 部门（单位）名称."""

    kind: Literal["department_target_declaration"] = "department_target_declaration"
    tasks: tuple[DepartmentTask, ...] = ()
    amounts: DepartmentAmounts = DepartmentAmounts()
    """金额合计: 总额 / 财政拨款 / 其他资金."""
    spending: Spending = Spending()
    """基本支出 / 项目支出 of the year's budget (``initial``), where printed."""
    goal: str | None = None
    """年度总体目标."""

    @property
    def budget(self) -> BudgetFigures:
        """The 金额合计's 总额 alone, as the year's budget."""
        return BudgetFigures(adjusted=self.amounts.total)


def _fund_figures(funds: Funds) -> BudgetFigures:
    total = funds.total
    return BudgetFigures(total.initial, total.adjusted, total.executed, total.rate)


Form = Annotated[
    SelfEvaluation
    | LegacySelfEvaluation
    | TargetDeclaration
    | DepartmentSelfEvaluation
    | DepartmentTargetDeclaration,
    Field(discriminator="kind"),
]
"""Any form; the ``kind`` field says which."""

Declaration = TargetDeclaration | DepartmentTargetDeclaration
"""The declarations (目标表): targets only, never scored. Usable with ``isinstance``."""

FundedEvaluation = SelfEvaluation | DepartmentSelfEvaluation
"""The self-evaluations with a funding block (项目 and 部门整体 自评表), scored alike:
the 年度资金总额 row's 执行率 and the indicators. Usable with ``isinstance``."""
