"""A department's evaluation sheet (``tests/wild`` 142, 寿县): 序号 | 一级指标 | 二级指标 |
三级指标 | 指标分值 | 指标解释 | 评分标准 | 自评得分, each tier's weight in its label, pipe
rows broken where a cell wrapped — read by its weights (:mod:`jixiao.parse.rebuild.tiers`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import DepartmentSelfEvaluation
from jixiao.parse import parse_file
from jixiao.parse.rebuild.tiers import set_aside
from jixiao.parse.rebuild.tokens import Token

_SHEET = """2024年度部门整体支出绩效评价自评表
序号 | 一级 指标 |
二级 指标 |
三级 指标 |
指标分值 | 指标解释 | 指标说明及评分标准 | 自评得分 |
1 | 决策 (10分) |
目标设定 (6分) | 绩效目标 合理性 | 4 | 目标是否符合部门职责。 | 符合职责(4分) | 4 |
2 | 绩效指标 明确性 | 2 | 指标是否细化、量化。 | 细化量化(2分) | 1 |
3 | 预算配置 (4分) | 预算编制 科学性 | 4 | 预算编制是否依据充分。 | 依据充分(4分) |
4 |
4 | 过程 (20分) |
资金管理 (20分) | 预算执行率 | 10 | 预算执行数占预算数的比例。 |
"""


def test_a_sheet_with_a_sequence_and_explanations_is_read_by_its_weights(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sheet.txt"
    path.write_text(_SHEET, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, DepartmentSelfEvaluation)
    rows = [(i.level1, i.level2, i.name, i.weight, i.score) for i in form.indicators]
    assert rows == [
        ("决策", "目标设定", "绩效目标合理性", Decimal(4), Decimal(4)),
        ("决策", "目标设定", "绩效指标明确性", Decimal(2), Decimal(1)),
        ("决策", "预算配置", "预算编制科学性", Decimal(4), Decimal(4)),
    ]  # 过程's block is cut off before its 得分: its rows are left as text
    assert not [f for f in form.findings if f.severity == "error"]


def test_the_sequence_is_set_aside_only_where_the_row_before_closed() -> None:
    columns = ["seq", "level1", "level2", "name", "weight", "target", "extra", "score"]
    texts = ["1", "决策(10分)", "目标设定(6分)", "合理性", "4", "解释", "标准", "4", "2"]
    kept, aside = set_aside([Token(t, 1) for t in texts], columns)
    assert [t.text for t in kept] == ["决策(10分)", "目标设定(6分)", "合理性", "4", "4"]
    assert [t.text for t in aside] == ["解释", "标准"]
    tiered = ["level1", "weight", "level2", "weight", "name", "weight", "score"]
    kept, aside = set_aside([Token(t, 1) for t in texts], tiered)  # no columns between
    assert aside == [] and [t.text for t in kept] == texts
