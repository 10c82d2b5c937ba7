"""The wrong values the wild corpus had left (126, 131, 133): each mechanism that
leaves a value out (or reads it right) instead of a guess, on the real document's text
with its values changed."""

from __future__ import annotations

from pathlib import Path

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file
from jixiao.parse.rebuild.indicator_rows import number_cuts

_WILD = Path(__file__).parent / "wild" / "inputs"


def _form(tmp_path: Path, name: str, *changes: tuple[str, str]) -> SelfEvaluation:
    text = (_WILD / name).read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    forms = parse_file(path).forms
    assert isinstance(forms[0], SelfEvaluation)
    return forms[0]


def test_a_row_read_apart_from_the_others_runs_is_left_out(tmp_path: Path) -> None:
    """阆中 126: every row is a name and two equal numbers run together
    (``建设符合验收要求3030``) but the first, ``建设普通省道二级公路18.6公里3030``:
    18.6公里 | 3030, or a name ending in 18.6公里 and 30 | 30? It is left out (P012)."""
    form = _form(
        tmp_path,
        "126_sichuan_self_runon.txt",
        ("32.1公里2020", "18.6公里3030"),
        ("建设符合验收要求2020", "建设符合验收要求3030"),
    )
    rows = {i.name: i for i in form.indicators}
    assert (rows["建设符合验收要求"].target, rows["建设符合验收要求"].actual) == ("30", "30")
    assert all(i.target != "18.6公里" and i.actual != "3030" for i in form.indicators)
    assert any(f.code == "P012" and "18.6公里" in (f.message or "") for f in form.findings)


def test_a_two_digit_number_is_never_cut() -> None:
    assert number_cuts("37个") == []
    assert number_cuts("46") == []
    assert ("10", "10个") in number_cuts("1010个")


def test_the_templates_numbering_is_no_value(tmp_path: Path) -> None:
    """旺苍 131 ends in the middle of a row (``指标2:村卫生``): the numbering opens the
    next row's name, it is not the 全年完成值 of the row before it."""
    form = _form(
        tmp_path, "131_sichuan_self_spaced.txt", ("37个基层医疗机构 100%", "46个基层医疗机构 98%")
    )
    row = form.indicators[2]
    assert row.name == "指标1:基层医疗卫生机构实施基本药物制度补助。"
    assert (row.target, row.actual) == ("46个基层医疗机构", "98%")


def test_a_goal_left_out_keeps_its_captions_place(tmp_path: Path) -> None:
    """普陀 133: ``预期目标 年度 总体 目标 86.19% 实际完成情况 已完成…。``: the texts
    under 预期目标 are left out; what follows 实际完成情况 is the actual, never the goal."""
    form = _form(
        tmp_path, "133_shanghai_self_flat.txt", ("已完成普陀体育中心", "已完成某区体育中心")
    )
    assert form.goal_expected is None
    assert form.goal_actual == "已完成某区体育中心与委托运营方费用结算。"


def test_numbers_printed_apart_before_a_goal_are_not_its_text(tmp_path: Path) -> None:
    """普陀 133 flattened otherwise: ``预期目标 年度 总体 目标 实际完成情况 10 45.17%
    已完成援滇人员相关经费支付。``: 10 and 45.17% (the funds table's) are no part of it."""
    text = (_WILD / "133_shanghai_self_flat.txt").read_text(encoding="utf-8")
    old = "9,034 预期目标 年度 总体 目标 10 45.17% 实际完成情况 "
    assert old in text
    path = tmp_path / "133.txt"
    path.write_text(text.replace(old, "预期目标 年度 总体 目标 实际完成情况 10 45.17% "), "utf-8")
    form = parse_file(path).forms[1]
    assert isinstance(form, SelfEvaluation)
    assert form.goal_actual == "已完成援滇人员相关经费支付。"
