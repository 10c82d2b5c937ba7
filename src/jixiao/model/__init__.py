"""The data model: typed, immutable forms, rows, funds and findings (DESIGN §5)."""

from jixiao.model.budget import BudgetFigures
from jixiao.model.codes import (
    AUDIT_FAMILIES,
    CODES,
    CodeInfo,
    code_info,
    family_of,
    finding,
    is_audit_code,
)
from jixiao.model.department import DepartmentAmounts, DepartmentTask, Spending
from jixiao.model.finding import Finding, Location, Severity, severity_rank
from jixiao.model.forms import (
    DEPARTMENT_KINDS,
    TARGET_AMOUNTS,
    Declaration,
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    Form,
    FormKind,
    FundedEvaluation,
    LegacyInfo,
    LegacySelfEvaluation,
    SelfEvaluation,
    TargetDeclaration,
    TargetMeta,
)
from jixiao.model.funds import FundRow, Funds
from jixiao.model.indicator import GradeBand, Indicator
from jixiao.model.keys import project_key, text_key
from jixiao.model.leniency import reported_above
from jixiao.model.source import Source
from jixiao.model.table import Align, Cell, CellRole, FormulaCell, OcrDoubt, Table

__all__ = [
    "AUDIT_FAMILIES",
    "CODES",
    "DEPARTMENT_KINDS",
    "TARGET_AMOUNTS",
    "Align",
    "BudgetFigures",
    "Cell",
    "CellRole",
    "CodeInfo",
    "Declaration",
    "DepartmentAmounts",
    "DepartmentSelfEvaluation",
    "DepartmentTargetDeclaration",
    "DepartmentTask",
    "Finding",
    "Form",
    "FormKind",
    "FormulaCell",
    "FundRow",
    "FundedEvaluation",
    "Funds",
    "GradeBand",
    "Indicator",
    "LegacyInfo",
    "LegacySelfEvaluation",
    "Location",
    "OcrDoubt",
    "SelfEvaluation",
    "Severity",
    "Source",
    "Spending",
    "Table",
    "TargetDeclaration",
    "TargetMeta",
    "code_info",
    "family_of",
    "finding",
    "is_audit_code",
    "project_key",
    "reported_above",
    "severity_rank",
    "text_key",
]
