"""Focused tests of the ``ocr_tabbed`` layout's repair mechanisms (seed 003)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model import SelfEvaluation
from jixiao.parse.layouts.ocr_tabbed import LAYOUT
from jixiao.parse.layouts.ocr_tabbed._funds import rate_matches, read_funds
from jixiao.parse.layouts.ocr_tabbed._header import read_header
from jixiao.parse.layouts.ocr_tabbed._levels import Label, assign, resolve, segment
from jixiao.parse.layouts.ocr_tabbed._notes import Notes
from jixiao.parse.layouts.ocr_tabbed._rows import scan_table
from jixiao.parse.layouts.ocr_tabbed._text import cell_marked, join_fragments, value_text
from jixiao.parse.reconcile import adds_up
from jixiao.parse.registry import detect, parse_document
from jixiao.read import Document
from support import SEEDS

OWN = "003"


def _doc(*lines: str) -> Document:
    return Document.from_text("t.txt", "\n".join(lines))


def _seed(stem: str) -> Document:
    path = next(p for p in SEEDS if p.stem.startswith(stem))
    return Document.from_text(path.name, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_match_is_best_only_for_own_seed(seed: Path) -> None:
    doc = Document.from_text(seed.name, seed.read_text(encoding="utf-8"))
    score = LAYOUT.match(doc).score
    if seed.stem.startswith(OWN):
        assert detect(doc)[0].layout == "ocr_tabbed"
        assert score >= 0.8
    else:
        assert score < 0.3


def test_duplicated_character_at_a_split_is_kept_once() -> None:
    joined = join_fragments(["人力资源和社会", "会保障局"])
    assert joined.text == "人力资源和社会保障局"
    assert joined.overlaps == ["会"]


def test_fragment_read_twice_is_kept_once() -> None:
    joined = join_fragments(["项目评审完", "项目评审完成及时率"])
    assert joined.text == "项目评审完成及时率"
    assert join_fragments(["区就业机村", "区就业机构满意度"]).text == "区就业机构满意度"


def test_stray_marks_and_junk_fragments_are_removed_and_listed() -> None:
    joined = join_fragments(["L技能竞赛", "Г", "上 上 上 上 一 上"])
    assert joined.text == "技能竞赛"
    assert "L" in " ".join(joined.stray)
    assert joined.junk == ["Г", "上 上 上 上 一 上"]
    assert value_text("· 较上届提升") == ("较上届提升", "·")
    assert value_text("≥10000.00 (份)")[0] == "≥10000.00(份)"


def test_rate_accepts_rounding_and_truncation() -> None:
    assert rate_matches(Decimal("808.43"), Decimal("810.00"), Decimal("99.80"))
    assert rate_matches(Decimal("155.52"), Decimal("159.50"), Decimal("97.50"))
    assert not rate_matches(Decimal("156.00"), Decimal("159.50"), Decimal("97.50"))
    assert not rate_matches(Decimal("1.00"), Decimal("0.00"), Decimal("0.00"))


def test_number_split_over_two_cells_is_joined_when_the_rate_says_so() -> None:
    doc = _doc(
        "\t\t年度资金总额:\t1,670.50\t1,670.50\t1,220.1\t6\t10.00\t73.04\t7.30",
        "\t\t年度资金总额:\t159.50\t159.50\t155.52\t2\t10.00\t97.50\t9.75",
    )
    notes = Notes("t.txt")
    first = read_funds(doc, 1, 1, notes).rows["total"]
    assert first.executed == Decimal("1220.16")
    assert first.weight == Decimal("10.00") and first.score == Decimal("7.30")
    second = read_funds(doc, 2, 2, notes).rows["total"]
    assert second.executed == Decimal("155.52")
    assert [f.code for f in notes.items] == ["P004", "P004"]


def test_dash_merged_with_number_and_junk_column() -> None:
    doc = _doc("\t\t其他资金\t0.00\t0.00\t0.00\t\t- 0.00\t\t-")
    row = read_funds(doc, 1, 1, Notes("t.txt")).rows["other"]
    assert (row.executed, row.weight, row.rate, row.score) == (Decimal("0.00"), None, 0, None)


def test_header_labels_residue_and_overlap() -> None:
    doc = _doc(
        "项目\t 名称\t\t\t老干\t部工作经费\t\t",
        "主管\t部门\t上海市人\t力资源和社会保\t:障局\t实施单位\t立\t上海市\t人力资源和社会\t会保障局",
    )
    notes = Notes("t.txt")
    head = read_header(doc, 1, 2, notes)
    assert head.project == "老干部工作经费"
    assert head.department == "上海市人力资源和社会保障局"
    assert head.unit == "上海市人力资源和社会保障局"
    assert {"立", ":"} <= {str(f.values["text"]) for f in notes.items}


def test_vertical_label_fragments_resolve_against_the_vocabulary() -> None:
    labels, junk = segment(
        [(1, "数量"), (2, "数里 指标"), (4, "质量"), (5, "指标"), (6, "1日7小"), (7, "社会 対益")],
        ("数量指标", "质量指标", "社会效益指标", "社会成本指标"),
    )
    assert [lab.text for lab in labels] == ["数量指标", "质量指标", "社会效益指标"]
    assert junk == ["日小"]
    assert resolve("指服对满度标", ("服务对象满意度指标", "满意度指标")) == ["服务对象满意度指标"]


def test_labels_cover_the_rows_they_are_centred_on() -> None:
    rows = [(n, n) for n in range(11, 25)]
    labels = [
        Label("数量指标", "", [14, 15]),
        Label("质量指标", "", [17, 18]),
        Label("时效指标", "", [20, 21]),
        Label("社会效益指标", "", [23, 24]),
    ]
    got = assign(rows, labels, (11, 24))
    assert got == [0] * 6 + [1] * 2 + [2] * 4 + [3] * 2


def _form(doc: Document, number: int) -> SelfEvaluation:
    form = parse_document(doc).forms[number - 1]
    assert isinstance(form, SelfEvaluation)
    return form


def test_seed_row_without_target_and_missing_project() -> None:
    doc = _seed(OWN)
    second = _form(doc, 2)
    row = next(r for r in second.indicators if r.name == "项目评审完成及时率")
    assert row.target is None
    assert any(f.code == "P007" and f.location.lines == (45, 45) for f in second.findings)
    ninth = _form(doc, 9)
    assert ninth.project is None
    assert any(f.code == "P003" and f.values.get("field") == "项目名称" for f in ninth.findings)


def test_seed_phantom_row_is_dropped_only_when_both_sums_agree() -> None:
    form = _form(_seed(OWN), 5)
    assert all(r.lines != (122, 122) for r in form.indicators)
    assert adds_up(form)
    assert any(f.code == "P004" and f.location.lines == (122, 122) for f in form.findings)


def test_seed_total_split_over_two_lines_and_score_below_its_row() -> None:
    form = _form(_seed(OWN), 29)
    assert (form.total_weight, form.total_score) == (Decimal("100.00"), Decimal("99.34"))
    last = form.indicators[-1]
    assert (last.weight, last.score) == (Decimal("10.00"), Decimal("10.00"))


def test_seed_merged_total_cell_and_partial_department() -> None:
    doc = _seed(OWN)
    third = _form(doc, 3)
    assert (third.total_weight, third.total_score) == (Decimal("100.00"), Decimal("99.98"))
    fourth = _form(doc, 4)
    assert fourth.department == "上海市人力资源和社会保障局"
    assert any(f.code == "P006" and f.location.field == "department" for f in fourth.findings)


def test_lone_bold_mark_at_the_start_of_a_fragment_is_stray() -> None:
    joined = join_fragments(["退休证送达经办", cell_marked("<b>小</b> 机构及时率")])
    assert joined.text == "退休证送达经办机构及时率"
    assert joined.stray == ["小"]
    assert cell_marked("<b></b> <b>外</b> 业高质量发展") == "<b>外</b> 业高质量发展"
    # a bold run of real text, or a bold character closing the cell, stays
    assert join_fragments([cell_marked("<b>资助数量</b>")]).text == "资助数量"
    assert join_fragments([cell_marked("会务人员 <b>被</b>")]).text == "会务人员被"


def test_kana_in_a_name_is_an_ocr_mark() -> None:
    joined = join_fragments(["海外工作站は", "述职达标率"])
    assert joined.text == "海外工作站述职达标率"
    assert joined.stray == ["は"]


def test_closing_bracket_that_ends_an_open_one_is_kept() -> None:
    assert join_fragments(["考核(考査", ")通过率"]).text == "考核(考査)通过率"
    assert join_fragments(["满意度", ")"]).text == "满意度"


def test_fragment_read_again_inside_the_previous_one_is_dropped() -> None:
    joined = join_fragments(["计学时数(含网络", "学时数(含网络"])
    assert joined.text == "计学时数(含网络"
    assert joined.overlaps == ["学时数(含网络"]


def test_line_above_a_row_keeps_its_cells_in_order() -> None:
    doc = _doc(
        "\t\t\t\t\t\t\t\t因克拉玛依市\t人社局",
        "\tx\t对口地区人力资源\t\t=100(%)\t100.00(%)\t10.00\t8.00\t安排,相关",
    )
    row = scan_table(doc, 1, 2, (6, 7)).rows[0]
    assert row.notes == ["因克拉玛依市", "人社局", "安排,相关"]


def test_target_fragment_between_rows_does_not_extend_a_finished_quantity() -> None:
    doc = _doc(
        "\t时效\t企业薪酬调查及时率\t≥90(%)\t100.00(%)\t10.00\t10.00",
        "\t指标\t\t每月中旬及",
        "\t\t统计月报报送及时率\t时报送局领\t达成指标\t0.00\t0.00",
    )
    rows = scan_table(doc, 1, 3, (5, 6)).rows
    assert rows[0].target == ["≥90(%)"]
    assert rows[1].target == ["每月中旬及", "时报送局领"]


def test_line_with_its_own_name_and_target_is_a_row_that_lost_its_numbers() -> None:
    doc = _doc(
        "产出\t指标\t人社任多\t\t落实到位\t\t\t",
        "指标\t\t\t\t及时协调完 成\t达成指标\t10.00\t10.00",
    )
    rows = scan_table(doc, 1, 2, (6, 7)).rows
    assert [(r.names, r.target, r.weight) for r in rows] == [
        (["人社任多"], ["落实到位"], None),
        ([], ["及时协调完 成"], "10.00"),
    ]
    # a line above a row without a target of its own is that row's top
    doc = _doc(
        "满意\t对象\t数字人社转型对人社服务质量影\t人社服务质\t\t",
        "度指\t满意\t\t\t达成指标\t10.00\t10.00",
    )
    rows = scan_table(doc, 1, 2, (5, 6)).rows
    assert [(r.names, r.target) for r in rows] == [
        (["数字人社转型对人社服务质量影"], ["人社服务质"])
    ]


def test_label_printed_whole_on_one_line_may_head_its_rows() -> None:
    # 数量指标 / 质量指标 / 时效 指标 written on the first row of each merged cell
    rows = [(n, n) for n in range(861, 874)]
    labels = [
        Label("数量指标", "数量指标", [861]),
        Label("质量指标", "质量指标", [867]),
        Label("时效指标", "时效指标", [871]),
    ]
    got = assign(rows, labels, (861, 873))
    assert got == [0] * 6 + [1] * 4 + [2] * 3
    # split over two lines, a label is only read as centred
    split = [Label("数量指标", "数量", [861]), Label("质量指标", "质量指标", [867])]
    assert assign(rows[:8], split, (861, 868))[:3] == [0, 0, 0]
    assert not split[0].whole


def test_wording_of_a_name_outweighs_a_small_centring_error() -> None:
    rows = [(731, 731), (732, 735), (736, 736), (737, 737)]
    labels = [
        Label("时效指标", "时效指标", [731, 732]),
        Label("社会效益指标", "社会效益指标", [737]),
    ]
    hints = [None, "时效指标", "时效指标", None]
    assert assign(rows, labels, (731, 737), hints=hints) == [0, 0, 0, 1]


def test_second_printing_of_the_project_name_without_ocr_extras_is_preferred() -> None:
    doc = _doc(
        "项目\t名称\t\t\t宣传\t专工作经费\t\t",
        "主管\t部门\t上海市人\t宣传工作经费  上海市人力资源和社会保障局  实施单位  "
        "上海市人力资源和社会保障局\t\t人力资源和社会\t会保障局",
    )
    notes = Notes("t.txt")
    head = read_header(doc, 1, 2, notes)
    assert head.project == "宣传工作经费"
    assert [f.code for f in notes.items if f.location.field == "project"] == ["P006"]
    assert not [f for f in notes.items if f.code == "P001"]


def test_note_cut_by_a_page_break_gets_its_end_back() -> None:
    doc = _doc(
        '\t\t制服购置及时率\t=100.00(%)\t0.00(%)\t4.00\t0.00\t原计划中的"制服购',
        "",
        '效益指标\t社会益标\t安全需求保障\t保障\t未达成\t5.00\t0.00\t置项目",无法执行。根据批复。',
        "\t\t长效管理制度健全\t健全\t达成指标\t15.00\t15.00\t已完成",
    )
    table = scan_table(doc, 1, 4, (5, 6))
    assert table.rows[0].notes[-1] == '置项目",无法执行。'
    assert table.rows[1].notes == ["根据批复。"]
    assert table.carried == [(3, 1, '置项目",无法执行。')]
    assert table.rows[2].notes == ["已完成"]


def test_an_amount_of_34_digits_is_p002_in_its_column() -> None:
    """Found by the fuzzer: a funding amount past parse_number's 30 digits was a
    ValueError; it is unreadable (P002) and the columns after it keep their places."""
    path = Path(__file__).parent / "fuzzing" / "reproducers" / "fuzz-ocr-tabbed-34-digit-amount.txt"
    result = parse_document(Document.from_text(path.name, path.read_text("utf-8")))
    unreadable = [f for form in result.forms for f in form.findings if f.code == "P002"]
    assert [dict(f.values)["text"] for f in unreadable] == ["9" * 34]
