"""Text taken column by column: labels as a block then their values, and indicator tables
printed a column at a time, rebuilt only where exactly one alignment fits.

A generated table flattened column by column (on one line, as a PDF's text layer or a
preview site prints it) is read right or left unread: never another value.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file
from jixiao.parse.rebuild.label_blocks import label_block
from jixiao.parse.rebuild.tokens import Token

_LEVELS = (
    ("产出指标", ("数量指标", "质量指标", "时效指标")),
    ("效益指标", ("社会效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
_NAMES = (
    "培训班期数",
    "受训教师人数",
    "资金拨付及时率",
    "新建道路长度",
    "群众满意度",
    "改造农户数",
)
_VALUES = ("≥12期", "100%", "≤30天", "=50人", "明显改善", "≥90%", "3.5公里")
_HEADS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")


def _parse(text: str) -> SelfEvaluation:
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.txt"
        path.write_text(text, encoding="utf-8")
        (form,) = parse_file(path).forms
    assert isinstance(form, SelfEvaluation)
    return form


def _columns(rows: list[list[str]], interleave: bool) -> str:
    """``rows`` under ``_HEADS`` flattened column by column: the header then every column's
    cells, or each column's header before its cells."""
    columns = [[r[c] for r in rows] for c in range(len(_HEADS))]
    if interleave:
        return " ".join(f"{h} {' '.join(col)}" for h, col in zip(_HEADS, columns, strict=True))
    return " ".join(_HEADS) + " " + " ".join(c for col in columns for c in col)


def _form_text(rows: list[list[str]], interleave: bool, total: tuple[str, str]) -> str:
    head = "项目支出绩效自评表 (2023年度) 项目名称 乡村教师培训项目 主管部门 某县教育局"
    return f"{head} {_columns(rows, interleave)} 总分 {total[0]} {total[1]}"


_ROWS = [
    ["产出指标", "数量指标", "培训班期数", "≥12期", "12期", "40", "40"],
    ["产出指标", "质量指标", "资金拨付及时率", "100%", "100%", "30", "28"],
    ["效益指标", "社会效益指标", "受训教师人数", "=50人", "50人", "20", "20"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "10", "10"],
]


def _read(form: SelfEvaluation) -> list[list[str]]:
    texts = ("level1", "level2", "name", "target", "actual")
    return [
        [*(getattr(i, k) or "" for k in texts), str(i.weight), str(i.score)]
        for i in form.indicators
    ]


def test_a_table_printed_column_by_column_reads_its_rows() -> None:
    form = _parse(_form_text(_ROWS, False, ("100", "98")))
    assert _read(form) == _ROWS
    assert any(f.code == "P006" and "按列" in f.message for f in form.findings)


def test_each_columns_header_before_its_cells_reads_its_rows() -> None:
    form = _parse(_form_text(_ROWS, True, ("100", "98")))
    assert _read(form) == _ROWS


def test_columns_whose_weights_do_not_add_up_stay_text() -> None:
    form = _parse(_form_text(_ROWS, False, ("90", "98")))  # Σ分值 100, printed 90
    assert not any(i.target or i.weight for i in form.indicators)
    assert any(f.code == "P012" for f in form.findings)


def test_a_column_one_cell_short_stays_text() -> None:
    rows = [list(r) for r in _ROWS]
    text = _form_text(rows, False, ("100", "98")).replace(" 92%", "", 1)
    form = _parse(text)
    assert not any(i.target or i.actual for i in form.indicators)


def _lines_of(rows: list[list[str]], with_heads: bool) -> str:
    """The table printed a column a line (each column's cells on one line, spaces between),
    its header on the line before or each line headed by its column's word."""
    head = "项目支出绩效自评表\n项目名称 乡村教师培训项目\n主管部门 某县教育局\n"
    columns = [" ".join(r[c] for r in rows) for c in range(len(_HEADS))]
    if with_heads:
        body = "\n".join(f"{h} {col}" for h, col in zip(_HEADS, columns, strict=True))
    else:
        body = " ".join(_HEADS) + "\n" + "\n".join(columns)
    return f"{head}{body}\n总分 100 98\n"


@pytest.mark.parametrize("with_heads", [False, True])
def test_a_table_printed_a_column_a_line_is_not_read_as_spaced_rows(with_heads: bool) -> None:
    """Lines of bare figures (``40 30 20 10``) or headed by a column word (``分值 40 30 20
    10``) end in two numbers like a spaced indicator row; the spaced layout read them as
    rows, with 分值 as a name and targets run into one name."""
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.txt"
        path.write_text(_lines_of(_ROWS, with_heads), encoding="utf-8")
        result = parse_file(path)
    assert result.layout != "spaced"
    names = {r[2] for r in _ROWS}
    for form in result.forms:
        assert isinstance(form, SelfEvaluation)
        assert all(i.name in names for i in form.indicators if i.name)


def _tokens(text: str) -> list[Token]:
    return [Token(t, 1) for t in text.split()]


def test_a_block_of_labels_then_a_block_of_values_pairs_them() -> None:
    tokens = _tokens("部门(单位)名称 填报人 广水市人民政府办公室 ××× 年度资金总额")
    found = label_block(tokens, 0, lambda k: k == 4)
    assert found is not None
    pairs, end = found
    assert [(a.text, b.text) for a, b in pairs] == [
        ("部门(单位)名称", "广水市人民政府办公室"),
        ("填报人", "×××"),
    ]
    assert end == 4


def test_labels_and_values_that_do_not_pair_one_to_one_are_left_alone() -> None:
    never = lambda k: False  # noqa: E731
    assert label_block(_tokens("主管部门 实施单位 某局"), 0, never) is None  # 2 labels, 1 value
    assert label_block(_tokens("主管部门 实施单位 某局 某中心 某所"), 0, never) is None
    assert label_block(_tokens("项目名称 项目总投资 某项目 某项目"), 0, never) is None  # no amount
    assert label_block(_tokens("主管部门 某局 实施单位 某中心"), 0, never) is None  # a row


@st.composite
def _table(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(2, 6))
    cuts = sorted(draw(st.lists(st.integers(1, 99), min_size=n - 1, max_size=n - 1, unique=True)))
    weights = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    names = draw(st.lists(st.sampled_from(_NAMES), min_size=n, max_size=n, unique=True))
    rows: list[list[str]] = []
    for i, (w, name) in enumerate(zip(weights, names, strict=True)):
        level1, level2s = _LEVELS[min(i * len(_LEVELS) // n, len(_LEVELS) - 1)]
        target = draw(st.sampled_from(_VALUES))
        actual = draw(st.sampled_from(_VALUES))
        score = w if draw(st.booleans()) else draw(st.integers(0, w))
        rows.append([level1, draw(st.sampled_from(level2s)), name, target, actual, str(w)])
        rows[-1].append(str(score))
    total_score = sum(int(r[6]) for r in rows)
    printed_weight = draw(st.sampled_from(("100", "100", "90")))  # 90: the sum disagrees
    interleave = draw(st.booleans())
    dropped = draw(st.integers(0, 3)) == 0  # one cell in four tables dropped
    drop = draw(st.integers(0, n * len(_HEADS) - 1)) if dropped else -1
    if drop >= 0:
        columns = [[r[c] for r in rows] for c in range(len(_HEADS))]
        columns[drop // n][drop % n] = ""
    text = _form_text(rows, interleave, (printed_weight, str(total_score)))
    if drop >= 0:
        text = _form_text(
            [[columns[c][r] for c in range(len(_HEADS))] for r in range(n)],
            interleave,
            (printed_weight, str(total_score)),
        ).replace("  ", " ")
    return {"text": text, "rows": rows}


@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_table())
def test_a_generated_table_flattened_by_columns_is_never_read_wrong(case: dict[str, Any]) -> None:
    form = _parse(case["text"])
    printed = {r[2]: r for r in case["rows"]}
    for row in form.indicators:
        assert row.name in printed, (row.name, case["text"])
        want = printed[row.name]
        read = [row.level1, row.level2, row.name, row.target, row.actual, row.weight, row.score]
        for got, expected in zip(read, want, strict=True):
            if got is None:
                continue
            same = Decimal(expected) == got if isinstance(got, Decimal) else got == expected
            assert same, (row.name, got, expected, case["text"])


def _funds_text(amounts: str) -> str:
    """A funding table taken column by column: its row label, then its header (a note
    wrapped in brackets, ``(20 分*执行率)``), then the row's amounts."""
    return (
        "项目支出绩效自评表 (2023年度) 项目名称 乡村教师培训项目 主管部门 某县教育局 "
        "年度财政 资金总额 项目实施单位 某县教师进修学校 "
        f"预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率) {amounts} "
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "产出指标 数量指标 培训班期数 ≥12期 12期 80 80 总分 100 100"
    )


def test_a_funding_row_labelled_before_its_header_reads_its_amounts() -> None:
    total = _parse(_funds_text("285.84 257.26 90% 18")).funds.total
    assert total is not None
    assert (total.adjusted, total.executed) == (Decimal("285.84"), Decimal("257.26"))
    assert (total.rate, total.score) == (Decimal("90"), Decimal("18"))


def test_amounts_of_two_rows_after_the_header_stay_text() -> None:
    form = _parse(_funds_text("285.84 257.26 90% 18 257.26 — 90% —"))  # which row is whose?
    total = form.funds.total
    assert total is None or (total.adjusted, total.executed, total.rate) == (None, None, None)
    assert any(f.code == "P012" and "285.84" in f.message for f in form.findings)
