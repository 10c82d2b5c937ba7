"""Scoring (DESIGN §6): pure functions, form + ruleset → computed scores with Chinese
explanations. Rulesets are TOML data files, validated on load."""

from jixiao.score.form import score_form
from jixiao.score.loading import (
    RulesetError,
    bundled_rulesets,
    load_ruleset,
    ruleset_for,
)
from jixiao.score.result import BudgetScore, FormScore, RowScore, ScoreMethod
from jixiao.score.row import score_row
from jixiao.score.ruleset import Ruleset

__all__ = [
    "BudgetScore",
    "FormScore",
    "RowScore",
    "Ruleset",
    "RulesetError",
    "ScoreMethod",
    "bundled_rulesets",
    "load_ruleset",
    "ruleset_for",
    "score_form",
    "score_row",
]
