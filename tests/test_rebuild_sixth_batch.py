"""Habits of the sixth batch of unseen self-evaluations (``tests/wild`` 126–135), each
modelled on the real document named in its test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.support import self_evaluations

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file

_WILD = Path(__file__).parent / "wild" / "inputs"


def _forms(tmp_path: Path, text: str) -> list[SelfEvaluation]:
    return self_evaluations(tmp_path, text)


_TRANSFER = """就业补助资金绩效自评表 | |||||||
(2024年度) | |||||||
转移(项目)名称 | 就业补助资金 | ||||||
中央主管部门 | 人力资源社会保障部 | ||||||
地方主管部门 | 某省人力资源和社会保障厅 | 资金使用单位 | 某区人力资源和社会保障局 | ||||
资金投入情况 (万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||
年度资金总额: | 808.1 | 692.98 | 86% | ||||
其中:中央财政资金 | 808.1 | 692.98 | 86% | ||||
其他资金 | |||||||
"""
"""The head of a 转移支付 self-evaluation as 田家庵 129 (淮南, 安徽) and 旺苍 131 (四川)
print it: 资金使用单位 is the unit that spent the money, 转移(项目)名称 (without 支付)
the project, 地方主管部门 no field of the model."""


def test_a_transfer_forms_head_is_read_by_its_labels(tmp_path: Path) -> None:
    (form,) = _forms(tmp_path, _TRANSFER)
    assert form.project == "就业补助资金"
    assert form.department == "人力资源社会保障部"
    assert form.unit == "某区人力资源和社会保障局"
    assert (form.funds.total.adjusted, form.funds.total.executed) == (
        Decimal("808.1"),
        Decimal("692.98"),
    )


def test_an_excerpt_cut_inside_its_last_cell_leaves_the_cell_unread(tmp_path: Path) -> None:
    """宣城 130 ends ``资金使用单位 | 市农`` (the excerpt stops inside the cell, the lines
    before it, the page's own details among them, end with a bar): ``市农`` is not the
    unit, it stays in a P001."""
    page = (
        "发布机构 | 某市农业农村局 | 发文日期 | 2025-04-15 |\n发布文号 | 无 | 关键词 | 部门项目 |\n"
    )
    head = _TRANSFER[: _TRANSFER.index("资金使用单位")]
    text = page + head + "资金使用单位 | 某区人力\n"
    path = tmp_path / "cut.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.unit is None
    assert any(f.code == "P001" and "某区人力" in (f.message or "") for f in form.findings)
    path.write_text(text.replace("某区人力\n", "某区人力 |\n"), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.unit == "某区人力"  # a closed last line is a whole cell


def test_a_name_is_never_an_amount(tmp_path: Path) -> None:
    """普陀 133 (上海) is a PDF's text taken column by column: ``… 事业管理中心 实施单位
    9,034 …`` prints the unit before its label and an amount after it."""
    forms = parse_file(_WILD / "133_shanghai_self_flat.txt").forms
    assert forms
    assert all(f.unit != "9,034" for f in forms)
    assert any(f.code == "P001" and "9,034" in (f.message or "") for f in forms[0].findings)


def test_a_cost_label_does_not_run_down_over_benefit_rows() -> None:
    """阆中 126 (四川) lost its 一级 cells; ``成本指标`` is printed alone (a 二级 row with
    no name), then the 经济效益 / 社会效益 / 生态效益 rows: 成本指标 is not their 一级."""
    (form,) = parse_file(_WILD / "126_sichuan_self_runon.txt").forms
    benefit = [r for r in form.indicators if (r.level2 or "").endswith("效益指标")]
    assert len(benefit) == 3
    assert all(r.level1 is None for r in benefit)
    assert any(f.code == "P008" and "成本指标" in (f.message or "") for f in form.findings)
    satisfied = [r for r in form.indicators if r.level2 == "服务对象满意度指标"]
    assert [r.level1 for r in satisfied] == ["满意度指标"]


def test_a_spaced_row_of_sentences_keeps_its_spaces_as_cell_boundaries() -> None:
    """旺苍 131 (四川) prints a row a line, its cells whole sentences apart: ``数量指标
    指标1:…覆盖率 实施乡镇社区基层医疗机构37个。 本年度已完成…实施。``. The line is long
    with few spaces, like a run-on line whose spaces are wraps, but its cells are
    sentences: the space after ``覆盖率`` ends the name."""
    from jixiao.parse.rebuild.tokens import tokenize
    from jixiao.read.document import Document, Line

    row = (
        "数量指标  指标1:政府办基层医疗卫生机构实施国家基本药物制度覆盖率 "
        "实施乡镇社区基层医疗机构37个。 本年度已完成37个基层医疗机构基药补助制度实施。"
    )
    cells = [t.text for t in tokenize(Document("row.txt", (Line(1, row),)))]
    assert cells == [
        "数量指标",
        "指标1:政府办基层医疗卫生机构实施国家基本药物制度覆盖率",
        "实施乡镇社区基层医疗机构37个。",
        "本年度已完成37个基层医疗机构基药补助制度实施。",
    ]
    wrapped = "年度 总体 目标 完成本年度全部工作任务并按期支付项目资金以保障正常运转和满意度提升"
    first = next(t.text for t in tokenize(Document("w.txt", (Line(1, wrapped),))))
    assert first != "年度"  # a run-on line's wrapped caption: its spaces go


def test_a_transfers_goal_block_is_read_under_its_two_columns(tmp_path: Path) -> None:
    """The transfer template (田家庵 129, 朝天 134, 阆中 126, 旺苍 131) captions its goal
    row ``总体目标完成情况`` over two columns ``总体目标`` | ``全年实际完成情况``: the
    first column is the goal set, the second what was done."""
    text = _TRANSFER + (
        "总体目标完成情况 | 总体目标 | 全年实际完成情况 | |||||\n"
        "落实就业创业扶持政策,增强公共就业服务能力。 | "
        "各项就业指标按要求完成,补贴发放规范。 | ||||||\n"
    )
    (form,) = _forms(tmp_path, text)
    assert form.goal_expected == "落实就业创业扶持政策,增强公共就业服务能力。"
    assert form.goal_actual == "各项就业指标按要求完成,补贴发放规范。"
