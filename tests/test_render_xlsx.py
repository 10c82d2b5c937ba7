"""The official tables written to xlsx: merges, borders, widths, numbers, print setup."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model import Table
from jixiao.model.jsonio import loads
from jixiao.render import RenderOptions, official_table
from jixiao.render.xlsx import add_official_sheet, sheet_name, write_xlsx
from support import EXAMPLES, GOLDEN, run_cli

SEED_000 = EXAMPLES / "000_52d2d39b8e94208b.txt"


def _forms(prefix: str) -> list:  # type: ignore[type-arg]
    out = []
    for path in sorted(GOLDEN.glob(f"{prefix}*/[0-9][0-9].json")):
        out.extend(loads(path.read_text(encoding="utf-8")))
    return out


def _shown(value: object, fmt: str) -> str:
    """A cell value as Excel shows it under the simple formats the writer uses."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        places = len(fmt.partition(".")[2])
        return format(Decimal(str(value)), f"{',' if ',' in fmt else ''}.{places}f")
    return str(value)


def _check_sheet(ws: Worksheet, table: Table) -> None:
    merged = {str(r) for r in ws.merged_cells.ranges}
    for cell in table.cells:
        xl = ws.cell(row=cell.row + 1, column=cell.col + 1)
        assert _shown(xl.value, xl.number_format) == cell.text, (cell, xl.value)
        if cell.rowspan > 1 or cell.colspan > 1:
            first = xl.coordinate
            last = ws.cell(row=cell.last_row + 1, column=cell.last_col + 1).coordinate
            assert f"{first}:{last}" in merged


Loaded = tuple[openpyxl.Workbook, list]  # type: ignore[type-arg]


@pytest.fixture(scope="module")
def workbook_000(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    forms = _forms("000")[:4]
    path = write_xlsx(forms, tmp_path_factory.mktemp("x") / "out.xlsx")
    return openpyxl.load_workbook(path), forms


def test_one_sheet_per_form_named_after_the_project(workbook_000: Loaded) -> None:
    wb, forms = workbook_000
    assert len(wb.sheetnames) == len(forms)
    assert wb.sheetnames[0] == forms[0].project[:31]
    assert len(set(wb.sheetnames)) == len(forms)


def test_every_cell_text_and_merge_is_written(workbook_000: Loaded) -> None:
    wb, forms = workbook_000
    for ws, form in zip(wb.worksheets, forms, strict=True):
        _check_sheet(ws, official_table(form))


def test_styles_widths_numbers_and_print_setup(workbook_000: Loaded) -> None:
    wb, forms = workbook_000
    ws = wb.worksheets[0]
    table = official_table(forms[0])
    for i, width in enumerate(table.col_widths):
        assert ws.column_dimensions[chr(ord("A") + i)].width == pytest.approx(width)
    assert ws["A1"].value == "财政项目支出绩效自评表" and ws["A1"].font.b
    assert ws["A1"].border.left.style is None  # the title has no grid lines
    assert ws["A1"].alignment.horizontal == "center"
    # a funds amount: a number with the printed format, bordered
    assert ws["D6"].value == pytest.approx(21.96) and ws["D6"].number_format == "0.00"
    assert ws["D6"].border.top.style == "thin"
    # inside the merged 产出指标 label, borders too (so Excel draws the whole frame)
    assert "A13:A20" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A20"].border.bottom.style == "thin"
    # a target that starts with "=" is text, never a formula
    assert ws["E13"].value == "=365(天)" and ws["E13"].data_type == "s"
    assert ws["C13"].alignment.wrap_text
    assert ws.print_title_rows == "$12:$12"
    setup = ws.sheet_properties.pageSetUpPr
    assert ws.page_setup.fitToWidth == 1 and setup is not None and setup.fitToPage
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    # row heights grow with wrapped text: the goal texts row is the tallest
    heights = {r: ws.row_dimensions[r].height for r in range(3, table.n_rows + 1)}
    assert max(heights, key=lambda r: heights[r] or 0) == 11


def test_legacy_and_target_sheets(tmp_path: Path) -> None:
    forms = _forms("001")[:1] + _forms("004")[:1]
    path = write_xlsx(forms, tmp_path / "o.xlsx", RenderOptions(page="A3", landscape=True))
    wb = openpyxl.load_workbook(path)
    for ws, form in zip(wb.worksheets, forms, strict=True):
        _check_sheet(ws, official_table(form, RenderOptions(page="A3", landscape=True)))
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A3
        assert ws.page_setup.orientation == "landscape"
    legacy = wb.worksheets[0]
    assert legacy["B4"].value == 1245505 and legacy["B4"].number_format == "#,##0.00"
    last = legacy.max_row
    assert str(legacy.cell(row=last - 1, column=1).value).startswith("说明：")
    assert str(legacy.cell(row=last, column=1).value).startswith("填报人：")
    assert legacy.cell(row=last, column=1).border.left.style is None


def test_add_official_sheet_to_an_existing_workbook() -> None:
    wb = openpyxl.Workbook()
    wb.worksheets[0].title = "汇总"
    form = _forms("000")[0]
    ws = add_official_sheet(wb, form, RenderOptions())
    again = add_official_sheet(wb, form)
    assert wb.sheetnames == ["汇总", form.project, f"{form.project}(2)"]
    assert ws["A1"].value == again["A1"].value == "财政项目支出绩效自评表"


def test_sheet_names_are_valid_truncated_and_unique() -> None:
    wb = openpyxl.Workbook()
    long = "上海市人才服务中心/长三角地区人才交流洽谈会暨高校毕业生择业招聘会专项经费[2024]"
    first = sheet_name(wb, long)
    assert len(first) == 31 and "/" not in first and "[" not in first
    wb.create_sheet(first)
    second = sheet_name(wb, long)
    assert len(second) <= 31 and second.endswith("(2)") and second != first
    assert sheet_name(wb, None) == "表"


def test_unwritable_path_is_a_chinese_error(tmp_path: Path) -> None:
    from jixiao.render.xlsx import XlsxWriteError

    with pytest.raises(XlsxWriteError, match="无法写入"):
        write_xlsx(_forms("000")[:1], tmp_path / "missing" / "o.xlsx")


def test_cli_render_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "官方.xlsx"
    code, stdout, _ = run_cli(
        ["render", str(SEED_000), "--to", "xlsx", "-o", str(out), "--money-unit", "元",
         "--wording", "本年", "--narrow"],
        capsys,
    )  # fmt: skip
    assert code == 0 and "已写出 12 张表" in stdout
    ws = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    assert ws["A5"].value == "项目资金（元）"
    assert ws["C7"].value == "其中：本年财政拨款"
    assert ws["D6"].value == 219600


def test_cli_render_rejects_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.xlsx"
    code, _, err = run_cli(
        ["render", str(SEED_000), "-o", str(out), "--money-unit", "美元"], capsys
    )
    assert code == 2 and "错误：" in err and "美元" in err
    assert not out.exists()
    code, _, err = run_cli(["render", str(SEED_000), "-o", str(out), "--page", "B5"], capsys)
    assert code == 2 and "A4" in err
