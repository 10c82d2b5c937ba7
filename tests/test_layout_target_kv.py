"""The ``target_kv`` layout: 绩效目标表 with a key/value header (seed 004)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model import TargetDeclaration
from jixiao.parse import detect, parse_document, parse_file
from jixiao.parse.layouts.target_kv import LAYOUT
from jixiao.parse.layouts.target_kv._cells import cell_text, is_target
from jixiao.parse.layouts.target_kv._pagebreak import level1_families, name_family
from jixiao.parse.layouts.target_kv._rows import classify, read_table
from jixiao.read import Document, read_document
from support import SEEDS

SEED = next(s for s in SEEDS if s.name.startswith("004_"))
OTHERS = [s for s in SEEDS if s != SEED]


def _doc(text: str) -> Document:
    return Document.from_text("t.txt", text.replace("⇥", "\t"))


def _cells(row: str) -> list[tuple[int, str]]:
    return [(i, c) for i, c in enumerate(row.split("⇥")) if c]


def _rows(text: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    table = read_table(list(_doc(text).lines), 3, "t.txt")
    return [(r.level1, r.level2, r.name, r.target) for r in table.indicators]


# --- layout detection -------------------------------------------------------------


def test_match_is_best_for_its_seed() -> None:
    matches = detect(read_document(SEED))
    assert matches[0].layout == "target_kv"
    assert matches[0].score >= 0.9


@pytest.mark.parametrize("seed", OTHERS, ids=[s.stem[:3] for s in OTHERS])
def test_match_is_low_on_other_seeds(seed: Path) -> None:
    assert LAYOUT.match(read_document(seed)).score < 0.3


# --- cell shapes --------------------------------------------------------------------


def test_superscript_becomes_a_superscript_digit() -> None:
    assert cell_text("=3600m <sup>2</sup>") == "=3600m²"


def test_angle_brackets_that_are_not_tags_are_kept() -> None:
    raw = "《办公厅印发<加快实施人才高峰工程行动方案>的通知》"
    assert cell_text(f"<b>{raw}</b>") == raw


@pytest.mark.parametrize("text", ["=100%", "≥85%", "=15名", "及时", "较去年减少", "三级", "合规"])
def test_targets(text: str) -> None:
    assert is_target(text, in_target_column=False)


@pytest.mark.parametrize("text", ["服务标准达标性", "有责投诉数", "岗位专业覆盖率", "资产管理情况"])
def test_names_are_not_targets(text: str) -> None:
    assert not is_target(text, in_target_column=True)


# --- row classification ---------------------------------------------------------------


def test_level2_label_shifted_into_level1_column() -> None:
    shape = classify(_cells("资产管理⇥固定资产管理情况⇥规范⇥"), 3, vocab=True)
    assert shape is not None
    assert (shape.level1, shape.level2, shape.name, shape.target) == (
        None,
        "资产管理",
        "固定资产管理情况",
        "规范",
    )


def test_name_shifted_into_level2_column_keeps_carried_level2() -> None:
    rows = _rows("产出目标⇥数量⇥航运专场招聘会⇥=2场\n⇥国际金融人才公共服务研讨座谈会议⇥=1场⇥")
    assert rows[1] == ("产出目标", "数量", "国际金融人才公共服务研讨座谈会议", "=1场")


def test_row_shifted_right_lacks_its_target() -> None:
    text = "产出目标⇥时效⇥及时性⇥及时\n⇥效果目标⇥社会效益⇥有责投诉数\n施工安全事故发生数⇥⇥⇥=0起"
    table = read_table(list(_doc(text).lines), 3, "t.txt")
    got = [(r.level1, r.level2, r.name, r.target) for r in table.indicators]
    assert got[1:] == [
        ("效果目标", "社会效益", "有责投诉数", None),
        ("效果目标", "社会效益", "施工安全事故发生数", "=0起"),
    ]
    assert [(f.code, f.location.lines) for f in table.findings] == [("P007", (2, 2))]


def test_level2_without_target_in_target_column() -> None:
    rows = _rows("产出目标⇥数量⇥a数量⇥=1套\n⇥⇥质量⇥服务标准达标性\n⇥维保工作验收通过率⇥⇥=100%")
    assert rows[1:] == [
        ("产出目标", "质量", "服务标准达标性", None),
        ("产出目标", "质量", "维保工作验收通过率", "=100%"),
    ]


def test_labels_carry_down_and_reset_with_a_new_level1() -> None:
    text = "投入与管理⇥投入管理⇥预算执行率⇥=100%\n⇥⇥资金到位及时性⇥及时\n产出目标⇥⇥x数量⇥=1套"
    rows = _rows(text)
    assert rows[1] == ("投入与管理", "投入管理", "资金到位及时性", "及时")
    assert rows[2] == ("产出目标", None, "x数量", "=1套")


def test_displaced_level2_label_applies_to_following_rows() -> None:
    text = (
        "效果目标⇥满意度⇥业务办理者满意度⇥≥85%\n"
        "长效管理⇥满意度⇥入驻单位（部门）满意度⇥≥85%\n"
        "⇥⇥长效管理机制健全性⇥健全\n"
        "⇥应急响应机制健全性⇥健全⇥"
    )
    table = read_table(list(_doc(text).lines), 3, "t.txt")
    got = [(r.level2, r.name) for r in table.indicators]
    assert got == [
        ("满意度", "业务办理者满意度"),
        ("满意度", "入驻单位（部门）满意度"),
        ("长效管理", "长效管理机制健全性"),
        ("长效管理", "应急响应机制健全性"),
    ]
    assert [(f.code, f.location.lines) for f in table.findings] == [("P006", (3, 3))]


def test_unknown_level1_family_is_taken_as_level1() -> None:
    rows = _rows("产出⇥数量⇥x数量⇥=1套\n经济⇥增收⇥y情况⇥增加")
    assert [r[0] for r in rows] == ["产出", "经济"]


def test_lone_untabbed_line_in_table_is_not_a_row() -> None:
    table = read_table(list(_doc("产出目标⇥数量⇥x数量⇥=1套\n注：以上为计划数").lines), 3, "t")
    assert len(table.indicators) == 1
    assert table.consumed == {1}


# --- whole forms --------------------------------------------------------------------

_FORM = """<b>财政项目支出绩效目标表</b>⇥⇥⇥
(2021年度)⇥⇥⇥
申报单位名称：某中心⇥⇥⇥
项目名称：⇥某专项⇥项目类别：⇥经常性专项业务费
是否含有政府购买服务：⇥是⇥绩效类型：⇥事业/专业类
项目概况：⇥第一段，⇥⇥
接续的第二段。⇥⇥
神秘键：⇥某值⇥⇥
本项目上年度市级财政资金使用情况⇥⇥⇥
项目总预算（万元）：⇥1,234.50⇥项目当年预算（万元）：⇥一百
## 2021年绩效目标
一级目标⇥二级目标⇥三级目标⇥指标目标值
产出目标⇥数量⇥x数量⇥=1套
"""


def _form() -> tuple[TargetDeclaration, list[str]]:
    result = parse_document(_doc(_FORM))
    form = result.forms[0]
    assert isinstance(form, TargetDeclaration)
    return form, [f.code for f in form.findings]


def test_header_fields() -> None:
    form, _ = _form()
    assert (form.year, form.unit, form.project) == (2021, "某中心", "某专项")
    assert form.money_unit == "万元"
    assert form.target_meta.gov_purchase is True
    assert form.target_meta.overview == "第一段，接续的第二段。"
    assert form.target_meta.total_budget == Decimal("1234.50")


def test_unreadable_amount_and_unknown_key_are_reported() -> None:
    form, codes = _form()
    assert form.target_meta.current_budget is None
    assert codes.count("P002") == 1
    unplaced = [f for f in form.findings if f.code == "P001"]
    assert [f.location.lines for f in unplaced] == [(8, 8)]


def test_seed_forms() -> None:
    forms = parse_file(SEED).forms
    assert len(forms) == 4
    assert all(isinstance(f, TargetDeclaration) for f in forms)
    assert not [f for form in forms for f in form.findings if f.code in {"P001", "P002"}]
    first = forms[0]
    assert isinstance(first, TargetDeclaration)
    assert first.target_meta.total_budget == Decimal("9900000")
    assert first.target_meta.start == "2020-01-01"
    assert first.target_meta.basis is not None
    assert "<加快实施人才高峰工程行动方案>" in first.target_meta.basis
    assert [len(f.indicators) for f in forms] == [43, 63, 52, 42]


# --- rows between a page break and the next label ------------------------------------


def _levels(text: str, level: str) -> tuple[list[str | None], list[tuple[str, tuple[int, int]]]]:
    table = read_table(list(_doc(text).lines), 3, "t.txt")
    got = [getattr(r, level) for r in table.indicators]
    return got, [(f.code, f.location.lines or (0, 0)) for f in table.findings]


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("信息化系统运维及时性", "时效"),
        ("培训活动开展及时率", "时效"),
        ("办事人员满意度", "满意度"),
        ("办公室档案归档数量", "数量"),
        ("施工安全事故发生数", "数量"),
        ("岗位专业覆盖率", "质量"),
        ("窗口服务标准达标性", "质量"),
        ("档案归档准确性", "质量"),
        ("设施设备运行稳定性", None),
        ("信息共享情况", None),
    ],
)
def test_name_family(name: str, family: str | None) -> None:
    assert name_family(name) == family


def test_level1_families_of_level2_labels() -> None:
    assert level1_families("长效管理") == {"影响力"}
    assert level1_families("时效指标") == {"产出"}
    assert level1_families("满意度") == {"效果", "满意度"}
    assert level1_families("其它") == frozenset()


def test_rows_before_a_page_break_go_under_the_next_label_when_their_names_say_so() -> None:
    text = (
        "产出目标⇥质量⇥a准确性⇥准确\n⇥⇥b合格率⇥=100%\n⇥⇥c及时性⇥及时\n⇥⇥d及时性⇥及时\n"
        "\n⇥时效⇥e及时性⇥及时"
    )
    level2, findings = _levels(text, "level2")
    assert level2 == ["质量", "质量", "时效", "时效", "时效"]
    assert findings == [("P006", (3, 4))]  # b合格率 is 质量: the rows above it stay


def test_a_row_of_unknown_category_stops_the_move_and_stays_flagged() -> None:
    text = "产出目标⇥质量⇥a准确性⇥准确\n⇥⇥b情况⇥好\n⇥⇥c及时性⇥及时\n\n⇥时效⇥d及时性⇥及时"
    level2, findings = _levels(text, "level2")
    assert level2 == ["质量", "质量", "时效", "时效"]
    assert findings == [("P006", (3, 3)), ("P008", (2, 5))]


def test_nothing_moves_when_the_last_row_is_not_of_the_new_category() -> None:
    text = "产出目标⇥质量⇥a准确性⇥准确\n⇥⇥b情况⇥好\n\n⇥时效⇥c及时性⇥及时"
    level2, findings = _levels(text, "level2")
    assert level2 == ["质量", "质量", "时效"]
    assert findings == [("P008", (2, 4))]


def test_level1_of_rows_before_a_page_break_follows_their_level2() -> None:
    text = (
        "效果目标⇥满意度⇥x满意度⇥≥85%\n"
        "长效管理⇥满意度⇥y满意度⇥≥85%\n"
        "⇥⇥z机制健全性⇥健全\n"
        "⇥w机制健全性⇥健全⇥\n"
        "\n"
        "影响力目标⇥人力资源⇥人员到位率⇥=100%"
    )
    level1, findings = _levels(text, "level1")
    assert level1 == ["效果目标", "效果目标", "影响力目标", "影响力目标", "影响力目标"]
    assert ("P006", (3, 4)) in findings


def test_rows_are_not_reassigned_without_a_page_break() -> None:
    text = "产出目标⇥质量⇥a准确性⇥准确\n⇥⇥b及时性⇥及时\n⇥时效⇥c及时性⇥及时"
    assert _levels(text, "level2") == (["质量", "质量", "时效"], [])


def test_page_break_at_a_printed_label_is_not_flagged() -> None:
    text = "产出目标⇥质量⇥a准确性⇥准确\n\n⇥时效⇥c及时性⇥及时\n效果目标⇥社会效益⇥x情况⇥增加"
    assert read_table(list(_doc(text).lines), 3, "t.txt").findings == []
