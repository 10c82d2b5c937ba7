"""The ``legacy_kv`` layout (项目绩效自我评价, seed 001): its tricky mechanisms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model import GradeBand, LegacySelfEvaluation
from jixiao.parse import detect, parse_document
from jixiao.parse.grade_rule import parse_grade_rule
from jixiao.parse.layouts.legacy_kv import LAYOUT
from jixiao.parse.reconcile import adds_up
from jixiao.read import Document, read_document
from support import SEEDS

SEED = next(s for s in SEEDS if s.name.startswith("001_"))

HEAD = """项目绩效自我评价\t\t\t
项目名称：\t测试专项\t预算单位：\t上海市测试中心
具体实施处（科室）：\t\t是否为经常性项目：\t否
当年预算数（元）：\t1,000.00\t上年预算金额（元）：\t0.00
预算执行数（元）：\t950.00\t预算执行率（%）：\t95.00%
项目年度总目标：\t第一段目标，\t\t
自评时间：\t2020-04-20\t\t
绩效等级：\t优秀\t\t
主要绩效：\t完成\t\t
主要问题：\t无\t\t
改进措施：\t\t\t

一级指标\t指标名称\t指标解释\t权重\t自评分\t备注
"""
RULE = "自评分合计90（含）-100分为优秀，75（含）-90分为良好，60（含）-75分为合格，0-60分为不合格。"
TAIL = f"""
说明：1、依据本项目进行绩效自评。
2、绩效等级说明：{RULE}
"""


def _parse(body: str, head: str = HEAD, tail: str = TAIL) -> LegacySelfEvaluation:
    doc = Document.from_text("t.txt", head + body + tail)
    forms = parse_document(doc).forms
    assert len(forms) == 1
    form = forms[0]
    assert isinstance(form, LegacySelfEvaluation)
    return form


def _codes(form: LegacySelfEvaluation) -> list[str]:
    return [f.code for f in form.findings]


def test_seed_forms_read_and_reconcile() -> None:
    result = parse_document(read_document(SEED))
    assert result.layout == "legacy_kv"
    assert len(result.forms) == 9
    for form in result.forms:
        assert isinstance(form, LegacySelfEvaluation)
        codes = {f.code for f in form.findings}
        assert not codes & {"P001", "P002", "P003", "P007", "P008"}
        assert adds_up(form)
        assert form.year == 2019
        assert form.money_unit == "元"
        assert len(form.legacy.grade_rule) == 4
        assert list(form.legacy.level1_weights) == [
            "投入与管理",
            "产出目标",
            "效果目标",
            "影响力目标",
        ]
        for level, weight in form.legacy.level1_weights.items():
            assert sum(r.weight or 0 for r in form.indicators if r.level1 == level) == weight


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_match_best_only_on_own_seed(seed: Path) -> None:
    doc = read_document(seed)
    score = LAYOUT.match(doc).score
    if seed == SEED:
        assert detect(doc)[0].layout == "legacy_kv"
        assert score >= 0.9
    else:
        assert score < 0.3


def test_header_values() -> None:
    form = _parse("投入与管理 (10分)\t资金\t解释\t10\t9\t\n合计\t\t\t10\t9\t\n")
    assert form.project == "测试专项"
    assert form.unit == "上海市测试中心"
    assert form.department is None
    assert form.legacy.recurring is False
    assert form.legacy.division is None
    assert form.legacy.budget == Decimal("1000.00")
    assert form.legacy.rate == Decimal("95.00")
    assert form.legacy.improvements is None
    assert form.grade == form.legacy.grade_stated == "优秀"
    assert form.year == 2019
    p006 = [f for f in form.findings if f.code == "P006"]
    assert p006 and p006[0].location.field == "year"


def test_long_header_value_continues_on_next_line() -> None:
    head = HEAD.replace("第一段目标，\t\t\n", "第一段目标，\t\t\n第二段目标。\n")
    form = _parse("投入与管理 (10分)\t资金\t解释\t10\t9\t\n合计\t\t\t10\t9\t\n", head=head)
    assert form.goal_expected == "第一段目标，第二段目标。"
    assert "P001" not in _codes(form)


def test_label_on_continuation_line_applies_from_continued_row() -> None:
    body = (
        "投入与管理 (4分)\t资金\t解释\t4\t4\t\n"
        "\t活动计划完\t\t2\t2\t\n"
        "\n"
        "产出目标 (5分)\t成率\t\t\t\n"
        "\t宣传\t3\t3\t\n"
        "合计\t\t\t9\t9\t\n"
    )
    form = _parse(body)
    rows = form.indicators
    assert [r.name for r in rows] == ["资金", "活动计划完成率", "宣传"]
    assert [r.level1 for r in rows] == ["投入与管理", "产出目标", "产出目标"]
    assert rows[1].lines == (len(HEAD.splitlines()) + 2, len(HEAD.splitlines()) + 4)
    assert "P004" not in _codes(form)


def test_label_printed_below_block_start_is_moved_by_weights() -> None:
    body = (
        "投入与管理 (4分)\t资金\t解释\t4\t4\t\n"
        "\t甲\t\t2\t2\t\n"
        "\t乙\t\t2\t1\t\n"
        "\n"
        "产出目标 (7分)\t丙\t\t3\t3\t\n"
        "合计\t\t\t11\t10\t\n"
    )
    form = _parse(body)
    assert [r.level1 for r in form.indicators] == ["投入与管理", "产出目标", "产出目标", "产出目标"]
    p004 = [f for f in form.findings if f.code == "P004"]
    assert [f.location.row for f in p004] == [1, 2]
    assert "P008" not in _codes(form) and adds_up(form)


def test_blank_line_before_label_alone_does_not_move_a_row() -> None:
    body = (
        "投入与管理 (6分)\t资金\t解释\t4\t4\t\n"
        "\t甲\t\t2\t2\t\n"
        "\n"
        "产出目标 (3分)\t丙\t\t3\t3\t\n"
        "合计\t\t\t9\t9\t\n"
    )
    form = _parse(body)
    assert [r.level1 for r in form.indicators] == ["投入与管理", "投入与管理", "产出目标"]
    assert "P004" not in _codes(form)


def test_weights_that_never_fit_are_reported_not_forced() -> None:
    body = "投入与管理 (5分)\t资金\t解释\t4\t4\t\n产出目标 (3分)\t丙\t\t3\t3\t\n合计\t\t\t7\t7\t\n"
    form = _parse(body)
    assert [r.level1 for r in form.indicators] == ["投入与管理", "产出目标"]
    assert "P008" in _codes(form)


def test_cells_placed_by_shape() -> None:
    body = (
        "投入与管理 (6分)\t项目管理\t是否为达到质量要求而采取了必需的\t4\t4\t\n"
        "\n"
        "\t\t措施。\t\t\t\n"
        "\t招聘会开展完成率\t2\t2\t\n"
        "\t效果目标 (7.5分)\t日常运作\t\t2.5\t2.5\n"
        "突发事件\t\t\t2.5\t1.5\t电梯维 保驻场人员\n"
        "\t来沪 工作期望\t\t2.5\t2\t\n"
        "合计\t\t\t13.5\t12\t\n"
    )
    form = _parse(body)
    rows = form.indicators
    assert rows[0].target == "是否为达到质量要求而采取了必需的措施。"
    assert (rows[1].name, rows[1].target, rows[1].weight) == ("招聘会开展完成率", None, Decimal(2))
    assert (rows[2].level1, rows[2].name, rows[2].score) == ("效果目标", "日常运作", Decimal("2.5"))
    assert (rows[3].name, rows[3].note) == ("突发事件", "电梯维保驻场人员")
    assert rows[4].name == "来沪工作期望"
    assert form.total_weight == Decimal("13.5")
    assert form.total_score == Decimal("12")


def test_remarks_in_p_tags_read_like_plain_lines() -> None:
    body = "投入与管理 (10分)\t资金\t解释\t10\t9\t\n合计\t\t\t10\t9\t\n"
    plain = _parse(body)
    tagged = _parse(
        body,
        tail=f"<p>说明：1、依据本项目进行绩效自评。</p> <p>2、绩效等级说明：{RULE}</p>\t\t\n",
    )
    assert plain.legacy.remarks == tagged.legacy.remarks
    assert plain.legacy.remarks is not None
    assert plain.legacy.remarks.startswith("1、依据")
    assert tagged.legacy.grade_rule == plain.legacy.grade_rule


def test_grade_rule_sentence() -> None:
    assert parse_grade_rule(RULE) == (
        GradeBand(grade="优秀", min_score=Decimal(90)),
        GradeBand(grade="良好", min_score=Decimal(75)),
        GradeBand(grade="合格", min_score=Decimal(60)),
        GradeBand(grade="不合格", min_score=Decimal(0)),
    )
    other = parse_grade_rule("总分90分（含）以上为优，80-90分为良，60分以下为差")
    assert [(b.grade, b.min_score) for b in other] == [
        ("优", Decimal(90)),
        ("良", Decimal(80)),
        ("差", Decimal(0)),
    ]
    assert parse_grade_rule("依据本项目应实现的绩效目标进行绩效自评。") == ()


def test_label_alone_on_its_line_starts_the_next_row() -> None:
    body = (
        "投入与管理 (4分)\t资金\t解释\t4\t4\t\n"
        "产出目标 (3分)\t\t\t\t\t\n"
        "\t丙\t\t3\t3\t\n"
        "合计\t\t\t7\t7\t\n"
    )
    form = _parse(body)
    assert [r.level1 for r in form.indicators] == ["投入与管理", "产出目标"]
    assert "P001" not in _codes(form)
