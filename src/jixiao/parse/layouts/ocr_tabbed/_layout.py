"""财政项目支出绩效自评表 extracted by OCR or a layout tool into damaged tab-separated cells.

The table is the 2020-framework self-evaluation (年度资金总额 rows, 年度总体目标, the
一级/二级/三级 indicator table, 总分, 评分等级), but the extraction splits words and
numbers across cells (``体检工作⇥完成率``, ``1,220.1⇥6``), repeats a character at a
split (``社会⇥会保障局``), scatters marks and HTML tags, prints vertical labels as
fragments over several lines and scrambles the two-column narrative. Each part is read
by shape and arithmetic in the ``_ocr_tabbed_*`` helpers; every repair and every loss
becomes a finding.

Across the forms of one document the department, unit, money unit and year are the
same: where a form prints them only in part (``上海市人``, ``资金 元)``), the reading of
the other forms that the printed part agrees with is used, and reported (P006).
"""

from __future__ import annotations

import re
from collections import Counter

from jixiao.parse.base import Layout, LayoutResult, Match
from jixiao.parse.layouts.ocr_tabbed._blocks import compact, find_blocks
from jixiao.parse.layouts.ocr_tabbed._form import Draft, read_form
from jixiao.parse.layouts.ocr_tabbed._header import is_org
from jixiao.parse.layouts.ocr_tabbed._levels import score
from jixiao.parse.memo import nonblank_lines
from jixiao.read import Document

__all__ = ["LAYOUT", "OcrTabbedLayout"]

_YEAR = re.compile(r"[(（]?((?:19|20)\d{2})\s*年度[)）]?")


class OcrTabbedLayout(Layout):
    name = "ocr_tabbed"
    title = "制表符分隔的 OCR/版面提取表格"

    def match(self, doc: Document) -> Match:
        text_lines = nonblank_lines(doc)
        if not text_lines:
            return self._match(0.0, "空文件")
        tabbed = [ln for ln in text_lines if "\t" in ln.text]
        funds = [ln for ln in tabbed if "额" in ln.text and "年度资金总额" in compact(ln.text)]
        if not funds or len(tabbed) * 3 < len(text_lines):
            return self._match(0.0, f"制表符分隔的「年度资金总额」行 {len(funds)} 处")
        heads = sum(1 for ln in tabbed if "值" in ln.text and "实际完成值" in compact(ln.text))
        split = sum(
            1
            for ln in tabbed
            if "执" in ln.text and any(compact(c) == "全年执行" for c in ln.cells)
        )
        score = 0.5 + 0.1 * (heads > 0) + 0.35 * min(1.0, split / len(funds))
        reason = (
            f"制表符分隔的「年度资金总额」行 {len(funds)} 处，"
            f"表头「全年执行数」被拆成两格 {split} 处（OCR 痕迹）"
        )
        return self._match(score, reason)

    def parse(self, doc: Document) -> LayoutResult:
        drafts = [read_form(doc, block) for block in find_blocks(doc)]
        _year(doc, drafts)
        for fld in ("department", "unit"):
            _org_consensus(drafts, fld)
        _money_unit(drafts)
        result = LayoutResult()
        for d in drafts:
            result.forms.append(d.form())
            result.consumed |= d.consumed
        return result


def _year(doc: Document, drafts: list[Draft]) -> None:
    found = [
        (ln.number, m.group(1))
        for ln in doc.lines
        if "年" in ln.text and len(text := compact(ln.text)) <= 12 and (m := _YEAR.search(text))
    ]
    for d in drafts:
        own = [y for n, y in found if d.block.start <= n <= d.block.end]
        if own:
            d.data["year"] = int(own[0])
        elif found:
            line, year = found[0]
            d.data["year"] = int(year)
            d.notes.add(
                "P006",
                (d.block.start, d.block.end),
                "year",
                field="年度",
                value=year,
                reason=f"本表未印年度，取自同一文件第 {line} 行的「({year}年度)」",
            )
        else:
            d.notes.add("P003", (d.block.start, d.block.end), "year", field="年度")


def _org_consensus(drafts: list[Draft], fld: str) -> None:
    label = {"department": "主管部门", "unit": "实施单位"}[fld]
    whole = Counter(
        v for d in drafts if is_org(v := getattr(d.header, fld)) and fld not in d.header.partial
    )
    common = whole.most_common(1)[0][0] if whole else None
    for d in drafts:
        value: str | None = getattr(d.header, fld)
        line = d.header.lines.get(fld, d.block.header[0])
        if value is None:
            d.notes.add("P003", d.block.header, fld, field=label)
        elif common and value != common and _agrees(value, d.header.partial.get(fld), common):
            shown = "、".join(d.header.partial.get(fld) or [value])
            d.notes.add(
                "P006",
                line,
                fld,
                field=label,
                value=common,
                reason=f"本表印出「{shown}」，与同一文件其他表的{label}相合",
            )
            value = common
        d.data[fld] = value


def _agrees(value: str, fragments: list[str] | None, common: str) -> bool:
    """A partial or misread name agrees with ``common``: it starts the same way and
    reads mostly like it."""
    first = (fragments or [value])[0]
    if len(first) >= 3 and common.startswith(first):
        return True
    return value[:3] == common[:3] and score(value, common) >= 0.6


def _money_unit(drafts: list[Draft]) -> None:
    explicit = Counter(
        "万元" if "万" in d.unit_text else "元"
        for d in drafts
        if "万" in d.unit_text or "(元)" in d.unit_text.replace(" ", "")
    )
    common = explicit.most_common(1)[0][0] if explicit else None
    for d in drafts:
        text = d.unit_text.replace(" ", "")
        if "万" in text:
            d.data["money_unit"] = "万元"
            continue
        line = d.block.funds_header or d.block.funds[0]
        if common is None:
            d.notes.add("P003", line, "money_unit", field="金额单位")
            continue
        printed = "只印出「元)」，「万」字未识出" if "元" in text else "未印出金额单位"
        d.notes.add(
            "P006",
            line,
            "money_unit",
            field="金额单位",
            value=common,
            reason=f"本表{printed}，取同一文件其他表的「{common}」",
        )
        d.data["money_unit"] = common


LAYOUT = OcrTabbedLayout()
