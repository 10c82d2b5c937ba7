"""Finding the blocks of a form in a run of cell tokens and laying them out as rows.

The official tables have the same blocks everywhere, each opened by printed words:
the title, label/value pairs (项目名称 …), the funding table (a header of 年初预算数,
全年预算数 … then one row per 年度资金总额 / 财政拨款 / …), the goals (预期目标 /
实际完成情况 and their texts), the indicator table (a header of 一级指标 … then its
rows) and the total (总分 100 95 优). :func:`scan` walks the tokens once, recognises
each block by those words, and writes it in the official columns, so the ``grid``
layout reads it as it reads a spreadsheet. Tokens no block takes are kept out of the
table and reported as unplaced text (P001) at their lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial

from jixiao.model import Finding, Location, finding
from jixiao.model.finding import Value
from jixiao.model.labels import FUND_FIELD_LABELS, INDICATOR_FIELD_LABELS
from jixiao.parse.layouts.grid import EXPLAINED, STAND_INS, norm
from jixiao.parse.rebuild.amount_columns import amount_columns
from jixiao.parse.rebuild.anchors import (
    FUND_NOTE,
    UNIT_NOTE,
    anchor,
    decimal,
    ends_indicators,
    is_fund_caption,
    is_indicator_caption,
    is_year,
    row_label,
    split_goals,
    total_value,
)
from jixiao.parse.rebuild.column_runs import by_columns, interleaved
from jixiao.parse.rebuild.full_rows import full_rows, scattered_header
from jixiao.parse.rebuild.fund_formulas import budget_column, rate_confirms
from jixiao.parse.rebuild.fund_rows import (
    confirmed,
    place_amounts,
    total_cut,
    unprinted_column,
)
from jixiao.parse.rebuild.fund_totals import Listed, sources_off
from jixiao.parse.rebuild.grid_rows import grid_rows
from jixiao.parse.rebuild.indicator_rows import (
    CutRow,
    Reading,
    best_readings,
    unfilled_left_out,
    verdicts_in_one_column,
)
from jixiao.parse.rebuild.label_blocks import label_block
from jixiao.parse.rebuild.merged_labels import labels_at_top
from jixiao.parse.rebuild.number_runs import one_shape, shapes
from jixiao.parse.rebuild.row_check import Printed, doubtful, rows_fit
from jixiao.parse.rebuild.sections import by_sections
from jixiao.parse.rebuild.task_rows import task_block, task_header
from jixiao.parse.rebuild.tiers import TIER_COLUMNS, opens_weighted, set_aside, tiered_rows
from jixiao.parse.rebuild.ties import Settled, settle
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import (
    FUND_GROUPS,
    GRADES,
    SOURCE_CAPTIONS,
    SUBTOTALS,
    fund_column,
    fund_row_label,
    goal_caption,
    header_field,
    is_amount_label,
    is_dash,
    is_header_note,
    is_level1,
    is_level2,
    is_number,
    is_other_label,
    is_spending_label,
    is_tail,
    is_total,
    key_label,
    near_header,
    printed_weight,
    without_weight,
    year_caption,
)
from jixiao.parse.text import join_cell
from jixiao.parse.titles import bare_title, find_title
from jixiao.parse.unplaced import WEB_CHROME
from jixiao.parse.wording import wording

__all__ = ["OutRow", "ScannedForm", "scan", "to_findings"]

_CAPTION_RUN = 4
"""The header's second row opens the body within this many cells."""
_AMOUNT = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?(?=[^\d.,%％]|$)")
_MONEY_AFTER = re.compile(r"\s*(万元|千元|元)")
"""A money unit printed right after an amount (``20万元``)."""
_DIGITS = re.compile(r"[\d.,%％]+")
"""Amounts, one or several run together (``194.9194.9100%``)."""
_DATE = re.compile(r"(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}(?:\s*日)?")
_DATE_KEYS = frozenset({"start", "end"})
_NAMES = frozenset({"project", "department", "unit"})
"""Fields that hold a name: never an amount."""
_EXPECTED = "预期目标"
"""The column of the goal set, under whatever caption it was printed."""
_NAMED_AMOUNT = re.compile(
    r"^(?P<name>[^\d:：]{2,40}?(?:资金|经费|补助|任务|专项)[)）]?)"
    r"(?P<amount>\d[\d,]*(?:\.\d+)?)\s*(?:万元|万|元)?$"
)
"""A fund's name and its amount in one cell (``中央衔接推进乡村振兴补助资金(…)50``)."""
_ITEM = re.compile(
    r"^(?:[(（][一二三四五六七八九十]{1,3}[)）]|(?:\d{1,2}|[一二三四五六七八九十]{1,3})、)\S"
)
"""An item's number opening a line of a list: ``(一)``, ``1、``, ``二、``."""
_PLACEHOLDER = re.compile(r"^(?:指标|指标名称)\s*\d{1,2}\s*[:：]?$")
"""A template row's number with no name after it (``指标2``, ``指标2:``): an empty row."""
_TICKS = re.compile(r"^[□☐☑■√✓✔]+$")
"""A tick box printed apart: an option's mark, no part of a name."""
_LINE_BREAK = re.compile(r"[。；;]\s+(?=\S)")
"""A sentence's end and a line break inside one cell: where two texts were put in one."""
_Head = Callable[[int, list[tuple[str, Token]]], str | None]
"""The column a header cell names, given the header cells before it (``None``: ends)."""
_MAX_VALUE = 6
"""A label's value is at most this many tokens of running text."""
_MAX_NARRATIVE = 40
"""A narrative's (a goal's) words run on up to this many tokens to the label after it
(``总体目标 目标 1:… 目标 2:… … 一级指标``: a flat text spaces its numbered goals)."""
_NARRATIVES = frozenset({"goal", "goal_expected", "overview"})
_SELF_LABELLED = re.compile(r"^[\u4e00-\u9fff]{2,8}[:：]\s*\S")
"""A cell that is a caption and its value of its own (``评价方式:部门(单位)绩效自评``,
``报告日期:2017年7月``): never a name's value (a name label printed empty before it);
a narrative's sub-captions (``项目概况:…立项依据:…``) are its value's parts."""


@dataclass
class OutRow:
    """One rebuilt table row: cell texts by column (``""`` empty), and its tokens."""

    cells: list[str]
    tokens: list[Token]


@dataclass
class ScannedForm:
    rows: list[OutRow] = field(default_factory=list)
    findings: list[tuple[str, dict[str, Value], list[Token]]] = field(default_factory=list)
    """(code, values, tokens) of what the rebuilding itself found doubtful."""
    titled: bool = False
    unit_said: bool = False
    """A money unit printed after an amount has been laid out as the form's unit."""
    loose: list[list[Token]] = field(default_factory=list)
    """Text no block took, one list a line: never laid out in the table (where a layout
    could read it as a field), reported as unplaced text (P001) at its lines."""

    @property
    def body(self) -> bool:
        """Rows besides the title, the year and captions of what the model does not hold
        (单位名称, 填报日期: a document's name may print them before the form)."""
        return any(len(r.cells) > 1 and not is_other_label(r.cells[0]) for r in self.rows)


class _Scanner:
    def __init__(self, tokens: list[Token], explicit: bool) -> None:
        self.t = tokens
        self.explicit = explicit
        self.forms: list[ScannedForm] = [ScannedForm()]
        self.i = 0
        self.fund_weight: Decimal | None = None
        self.fund_score: Decimal | None = None
        self.fund_columns: list[str] = []
        """The columns of the funding table read last (its header's)."""
        self.notes: list[Token] = []
        """The notes of the last header read (:meth:`_header`)."""
        self.headless_tried = False
        """Indicator rows without a header have been tried once (:meth:`_headless`)."""

    @property
    def form(self) -> ScannedForm:
        return self.forms[-1]

    def emit(self, cells: list[str], tokens: list[Token]) -> None:
        if tokens:
            self.form.rows.append(OutRow(cells, tokens))

    def run(self) -> list[ScannedForm]:
        while self.i < len(self.t):
            if not self.t[self.i].text:  # padding between blocks (``|||``) opens none
                self.i += 1
                continue
            start = self.i
            for step in (
                self._title,
                self._funds,
                self._amount_columns,
                self._goals,
                self._indicators,
                self._tasks,
                self._total,
                self._label_block,
                self._pair,
                self._note,
            ):
                if step():
                    break
            if self.i == start:
                self._loose()
        return _without_empty([f for f in self.forms if f.rows or f.loose])

    # -- blocks -------------------------------------------------------------------

    def _title(self) -> bool:
        token = self.t[self.i]
        found = find_title(token.text) if token.text else None
        if found is None:
            return False
        if self._listed(found.title):
            self.i += 1  # 附件：1.…表 / 2.…表: the list names a form printed further on
            self._stray(token)
            return True
        if self.form.body and self._page_header(found.title):
            self.i += 1  # the form's title repeated at the top of its next page
            self._stray(token)
            return True
        if self.form.body:
            self.forms.append(ScannedForm())
            self.fund_columns = []
        elif self.form.titled:  # a title with nothing under it: a caption, not a form
            self.form.loose += [r.tokens for r in self.form.rows]
            self.form.rows.clear()
        self.form.titled = True
        self.emit([found.title], [token])
        self.i += 1
        nxt = self._peek()
        if nxt is not None and found.year is None and is_year(nxt.text):
            self.emit([nxt.text], [nxt])
            self.i += 1
        return True

    def _listed(self, title: str) -> bool:
        """The current token an item of a numbered list of attachments (``附件：1.…表``,
        then ``2.…表`` on the next line) naming a form whose title is printed again
        further on: there the form begins, not here."""
        k = self.i
        if not _LIST_ITEM.match(self.t[k].text):
            return False
        while not _ATTACHMENTS.match(self._line_text(k)):
            j = self._previous_item(k)
            if j >= 0 and self.t[j].line == self.t[k].line and _ATTACHED.search(self.t[j].text):
                break  # …保障财政资金安全高效,附件: | 1.…分配表: the list opens a run-on line
            k = j
            if k < 0:
                return False
            line = self._line_text(k)
            if not (_LIST_ITEM.match(line) or _ATTACHMENTS.match(line)):
                return False
        named = bare_title(title)
        later = (find_title(t.text) for t in self.t[self.i + 1 :] if t.text)
        return any(f is not None and bare_title(f.title) == named for f in later)

    def _line_text(self, k: int) -> str:
        """The text of token ``k``'s line from that token on."""
        line = self.t[k].line
        return "".join(t.text for t in self.t[k:] if t.line == line)

    def _previous_item(self, k: int) -> int:
        """The token before token ``k`` where run-on text holds the list on one line
        (``附件:1.…分配表`` | ``2.…绩效目标表``), else the first of the line before."""
        j = k - 1
        while j >= 0 and not self.t[j].text:
            j -= 1
        if j >= 0 and self.t[j].line == self.t[k].line:
            return j
        return self._previous_line(k)

    def _previous_line(self, k: int) -> int:
        """The first token of the line before token ``k``'s (skipping empty cells), or -1."""
        line = self.t[k].line
        j = k - 1
        while j >= 0 and (self.t[j].line == line or not self.t[j].text):
            j -= 1
        if j < 0:
            return -1
        while j > 0 and self.t[j - 1].line == self.t[j].line:
            j -= 1
        return j

    def _page_header(self, title: str) -> bool:
        """The current form's own title again, followed by no label that opens a form
        (项目名称, 主管部门, 填报单位 …, after a year or a money unit): the header of its
        next page, where its later blocks go on, not a form of its own."""
        if not self.form.rows or self.form.rows[0].cells[0] != title:
            return False
        k = self._skip_empty(self.i + 1)
        while k < len(self.t) and (is_year(self.t[k].text) or UNIT_NOTE.search(self.t[k].text)):
            k = self._skip_empty(k + 1)
        if k >= len(self.t):
            return True
        text = self.t[k].text
        for piece in (text, *_peel_label(text)):
            if key_label(piece) in _OPENING or is_other_label(piece):
                return False
        return True

    def _funds(self) -> bool:
        corners, heads, j = self._header(2, is_fund_caption, self._fund_head)
        if len(heads) < 3:
            return False
        captions = [t.text for _, t in heads]
        budget = budget_column(heads, self.notes)
        if budget is not None:  # 小计 ④ where 支出实现率 ⑥=⑤/④: the 全年预算数
            heads[budget] = ("adjusted", heads[budget][1])
            captions[budget] = _BUDGET_CAPTION
        columns = [c for c, _ in heads]
        self.fund_columns = columns
        corner = join_cell(c.text for c in corners) or "项目资金"
        corner = _unit_to_corner(captions, columns, corner)
        # 预算执行情况(万元)(20分) with no 分值 column: the caption prints the weight
        weight = printed_weight(corner) if "weight" not in columns else None
        more = ["分值"] if weight is not None else []
        header = len(self.form.rows)
        self.emit(
            [corner, *captions, *more],
            [*corners, *(t for _, t in heads), *self.notes],
        )
        self.i = j
        known: list[OutRow] = []
        extra: list[OutRow] = []
        bound: dict[str, Decimal] = {}
        before = self._label_before()
        inferred: str | None = None  # a column the header left out (unprinted_column)
        unit = corner if _UNITS.search(corner) else self._printed_unit()
        while self.i < len(self.t):
            k = self._skip_empty(self.i)  # the empty cells that end the row before
            if k >= len(self.t):
                break
            label = self.t[k]
            if before is not None and not known and is_number(label.text):
                label, k = self.form.rows.pop(before).tokens[0], k - 1  # printed before
            if is_header_note(label.text) and label.text not in FUND_GROUPS:
                self.form.rows[-1].tokens.append(label)  # ①…… : a row printed empty
                self.i = k + 1
                continue
            row = fund_row_label(label.text)
            if row is None and not self._extra_fund_label(k):
                break
            self.i = k + 1
            values = [_in_unit(v, unit) for v in self._amounts(len(columns))]
            placed = place_amounts(values, columns, row == "total", self.explicit, bound)
            gap = None
            if placed is None and inferred is None and not (self.explicit or more):
                gap = unprinted_column(values, columns)
            if gap is not None:
                wider = [*columns[: gap[0]], gap[1], *columns[gap[0] :]]
                placed = place_amounts(values, wider, row == "total", self.explicit, bound)
                if placed is not None:
                    inferred = gap[1]
                    self.form.rows[header].cells.insert(1 + gap[0], FUND_FIELD_LABELS[inferred])
                    for done in known + extra:
                        done.cells.insert(1 + gap[0], "")
                    columns[:] = wider
            left_out: list[Token] = []
            if placed is not None and inferred is not None:
                placed, left_out = confirmed(placed, inferred)
            cells = [row_label(label.text, row)] + [""] * (len(columns) + len(more))
            if placed is None or left_out:  # the amounts stay in the finding, never in a column
                kept = values if placed is None else left_out
                text = " ".join(v.text for v in kept if v.text)
                self.form.findings.append(
                    ("P012", {"label": label.text, "text": text}, [label, *kept])
                )
            for col, token in (placed or {}).items():
                cells[1 + columns.index(col)] = token.text
            if row == "total" and weight is not None:
                cells[-1] = weight
                self.fund_weight = decimal(weight)
            if row == "total" and placed is not None:
                bound = {c: v for c, t in placed.items() if (v := decimal(t.text)) is not None}
                if "weight" in placed:
                    self.fund_weight = decimal(placed["weight"].text)
                if "score" in placed:
                    self.fund_score = decimal(placed["score"].text)
            (known if row is not None else extra).append(OutRow(cells, [label, *values]))
        if budget is not None:
            self._budget_named(heads[budget][1], 1 + budget, columns, known + extra, header)
        self.form.rows.extend(known + extra)
        return True

    def _budget_named(
        self, caption: Token, at: int, columns: list[str], rows: list[OutRow], header: int
    ) -> None:
        """The column the header's formulas name the budget (:func:`budget_column`)
        kept so where its amounts confirm the 执行率 beside them (said with P006), else
        read under its printed caption again (a column of no field)."""

        def cell(row: OutRow, column: str) -> str:
            return row.cells[1 + columns.index(column)] if column in columns else ""

        checks = [rate_confirms(r.cells[at], cell(r, "executed"), cell(r, "rate")) for r in rows]
        if True in checks and False not in checks:
            reason = "表头的公式中，执行率一列是执行数一列除以该列，各行金额相符"
            values: dict[str, Value] = {
                "field": f"资金表「{caption.text}」列",
                "value": _BUDGET_CAPTION,
                "reason": reason,
            }
            self.form.findings.append(("P006", values, [caption]))
        else:
            self.form.rows[header].cells[at] = caption.text

    def _printed_unit(self) -> str:
        """The money unit the form's cells so far print (``项目资金(万元)`` apart from the
        funding header, a PDF's text taking the label column first), where they print
        one; else ``""``."""
        units = {m[0] or m[1] for r in self.form.rows for c in r.cells for m in _UNITS.findall(c)}
        return units.pop() if len(units) == 1 else ""

    def _label_before(self) -> int | None:
        """The row of the 年度资金总额 label printed alone before the funding header
        (text taken column by column: the label column, then the header, then the
        amounts): the label of amounts that follow the header directly; else ``None``."""
        rows = self.form.rows[:-1]  # the header just emitted aside
        lone = [
            n
            for n, r in enumerate(rows)
            if len(r.cells) == 1 and fund_row_label(r.cells[0]) == "total"
        ]
        if len(lone) != 1:
            return None
        after = rows[lone[0] + 1 :]  # no funding row read between it and the header
        return None if any(fund_row_label(r.cells[0]) is not None for r in after) else lone[0]

    def _amounts(self, width: int) -> list[Token]:
        """The cells after a funding row's label, up to the next label or block."""
        out: list[Token] = []
        while self.i < len(self.t) and not (self.explicit and len(out) >= width):
            token = self.t[self.i]
            if fund_row_label(token.text) is not None or anchor(token):
                break
            if is_header_note(token.text) and not is_dash(token.text):
                break  # ①……: the numbering of the next row
            if token.text and self._extra_fund_label(self.i) and not is_dash(token.text):
                break
            out.append(token)
            self.i += 1
        return out

    def _extra_fund_label(self, k: int) -> bool:
        """A row label the vocabulary does not know (单位资金), inside the funding table:
        short text followed by amounts (an amount may print its unit: ``2530.32万``)."""
        token = self.t[k]
        nxt = self.t[k + 1] if k + 1 < len(self.t) else None
        longest = 24 if token.text.startswith("其中") else 12  # 其中:中央、省、市补助资金
        return (
            bool(token.text)
            and len(token.text) <= longest
            and not is_number(token.text)
            and _IN_WAN.match(token.text) is None  # 125.25万: an amount with its unit
            and not anchor(token)
            and nxt is not None
            and (
                _DIGITS.fullmatch(nxt.text) is not None
                or _IN_WAN.match(nxt.text) is not None  # 地方资金 | 2530.32万
                or is_dash(nxt.text)
                or not nxt.text
            )
        )

    def _goals(self) -> bool:
        j = self.i
        corner: list[Token] = []
        caps: list[tuple[str, Token]] = []
        split = self._goal_over_columns(j)
        if split is not None:
            k, m = split  # 总体目标完成情况 | 总体目标 | 全年实际完成情况
            corner = [replace(self.t[j], caption=True)]
            caps = [
                ("goal_expected", replace(self.t[k], text=_EXPECTED)),
                ("goal_actual", self.t[m]),
            ]
            j = m + 1
        elif (key_label(self.t[j].text) == "goal" or self.t[j].caption) and j + 1 < len(self.t):
            corner = [self.t[j]]
            j = self._skip_empty(j + 1)
        j = self._skip_empty(j)
        while j < len(self.t) and len(caps) < 2:
            if not self.t[j].text:
                j += 1
                continue
            cap = goal_caption(self.t[j].text)
            if cap is None or any(c == cap for c, _ in caps):
                break
            caps.append((cap, self.t[j]))
            j += 1
        if not caps:
            return False
        k = self._skip_empty(j)
        after = goal_caption(self.t[k].text) if len(caps) == 2 and k < len(self.t) else None
        if after is not None and not corner and after == caps[0][0] != caps[1][0]:
            # 年度总体目标完成情况 | 预期目标 | 实际完成情况: the block's label, then its columns
            corner = [replace(caps[0][1], caption=True)]
            caps = [caps[1], (after, self.t[k])]
            j = k + 1
        start, said, self.i = self.i, len(self.form.findings), j
        groups = self._goal_texts(len(caps), [t for _, t in caps])
        if not any(groups) and any(printed_weight(t.text) for _, t in caps):
            self.i = start  # 年度绩效目标(90分) over 一级指标: the points of the indicators
            del self.form.findings[said:]
            return False
        groups += [[] for _ in range(len(caps) - len(groups))]  # left out (P012): empty,
        # so that a text under a caption after them stays under its own caption
        while True:  # captions and texts interleaved: 实施期目标, its text, 年度目标, …
            k = self._skip_empty(self.i)
            cap = goal_caption(self.t[k].text) if k < len(self.t) else None
            if cap is None or any(c == cap for c, _ in caps):
                break
            caps.append((cap, self.t[k]))
            self.i = k + 1
            groups += self._goal_texts(1)
        # a stacked caption (年度/总体/目标/完成/情况) names the block, no column of it
        head = [c.text if not c.caption else "" for c in corner] or [""]
        self.emit([*head, *(t.text for _, t in caps)], [*corner, *(t for _, t in caps)])
        groups = [_without_stray_numbers(g) for g in groups]
        cells = [""] + [join_cell(t.text for t in g) or "" for g in groups]
        self.emit(cells, [t for g in groups for t in g])
        return True

    def _ends_goal(self, token: Token) -> bool:
        """``token`` (the current one) ends a goal's running text: a label, or the
        header of the task table after it (部门职能 年度目标任务 支出项目名称 预算金额)."""
        return anchor(token) or task_header(self.t, self.i)

    def _texts_until_anchor(self) -> list[Token]:
        """The tokens with text from the current one up to the next label."""
        out: list[Token] = []
        for token in self.t[self.i :]:
            if anchor(token):
                break
            if token.text:
                out.append(token)
        return out

    def _goal_over_columns(self, j: int) -> tuple[int, int] | None:
        """The block of a transfer's self-evaluation: ``总体目标完成情况`` captions the
        row, over its two columns ``总体目标`` (what was set) and ``全年实际完成情况``
        (what was done); the tokens of the two column captions, else ``None``."""
        if goal_caption(self.t[j].text) != "goal_actual":
            return None
        k = self._skip_empty(j + 1)
        m = self._skip_empty(k + 1)
        if m >= len(self.t) or key_label(self.t[k].text) != "goal":
            return None
        return (k, m) if goal_caption(self.t[m].text) == "goal_actual" else None

    def _goal_texts(self, parts: int, captions: list[Token] | None = None) -> list[list[Token]]:
        """The texts under ``parts`` goal captions: the next cells, or the running text
        up to the next label cut at sentence ends (kept whole with P012, and under no
        caption, when it cannot be cut)."""
        if not self.explicit:
            run = self._until(self._ends_goal)
            cut = split_goals(run, parts, captions)
            if cut is None:
                text = join_cell(t.text for t in run) or ""
                self.form.findings.append(("P012", {"label": "年度总体目标", "text": text}, run))
                return []
            return cut
        groups: list[list[Token]] = []
        k = self._skip_empty(self.i)
        if parts > 1 and k < len(self.t) and key_label(self.t[k].text) == "goal":
            self.i = k + 1  # 总体目标 | …: the row's label, before the texts under the captions
        texts = self._texts_until_anchor()
        split = _enumerated_cells(texts, parts)
        if split is not None:  # 目标1 / 目标2 / 目标3 under each caption, cell after cell
            self.i = self.t.index(texts[-1], self.i) + 1
            return split
        while self.i < len(self.t) and len(groups) < parts:
            token = self.t[self.i]
            if anchor(token):
                break
            self.i += 1
            if token.text:
                groups.append([token])
        if len(groups) == 1 and parts == 2:  # both texts in one cell, a line apart
            ends = [m.end() for m in _LINE_BREAK.finditer(groups[0][0].text)]
            if len(ends) == 1:
                text = groups[0][0].text
                first, second = text[: ends[0]].rstrip(), text[ends[0] :]
                return [[replace(groups[0][0], text=first)], [replace(groups[0][0], text=second)]]
        return groups

    def _indicators(self) -> bool:
        corner, heads, j = self._header(1, is_indicator_caption, self._indicator_head)
        heads = _explained_beside_target(_two_level(_stand_ins_aside(_graded(heads))))
        columns = [c for c, _ in heads]
        if "name" not in columns or len(columns) < 3:
            return self._column_headers() or self._headless() or self._scattered()
        if _tiered(heads) or self._weighted_labels(j, columns):
            return self._tiers(corner, heads, j)
        self.i = j
        offset = len(corner)
        heads = self._read_as_printed(heads)
        self.emit(
            [*(c.text for c in corner), *(self._caption(t.text) for _, t in heads)],
            [*corner, *(t for _, t in heads), *self.notes],
        )
        body = self._until(ends_indicators)
        body = self._year_captions(body)
        cut = bool(body) and body[-1].cut
        left_out: Token | None = None
        if cut:  # 医疗救助合规率 | 100… the excerpt ends inside the cell
            self.form.loose.append(body[-1:])  # what it printed of the cell is no value
            body, left_out = body[:-1], replace(body[-1], text="")
        if not self.explicit:  # 指标2 指标1: a template's empty rows, only their numbers left
            blank = [t for t in body if _PLACEHOLDER.fullmatch(t.text)]
            body = [t for t in body if not _PLACEHOLDER.fullmatch(t.text)]
            if blank:
                self.form.loose.append(blank)
            body = unfilled_left_out(body)  # 指标1:指标2: run together, a 二级 label over them
        if _labels_after_names(columns):
            self._doubt(body)  # two header rows run together: which column is which is unsaid
            return True
        if not self.explicit and any(_LONG_TERM.search(t.text) for _, t in heads):
            self._doubt(body)  # the 中长期 and annual blocks side by side, empty cells
            return True  # dropped: which cells are the annual block's is not printed
        printed = replace(self._printed(corner), cut=cut)
        settled = _rows_of(body, columns, printed, self.explicit)
        if left_out is not None and self.explicit and not settled.rows:  # …覆盖率 | ≧: the cut
            padded = [*body, left_out]  # cell an empty one, the rows' cells keep their columns
            again = _rows_of(padded, columns, printed, self.explicit)
            if again.rows:
                body, settled = padded, again
        if not settled.rows and body:
            rows = by_columns(body, columns, printed)  # the body printed column by column
            if rows is None:  # each 一级 section on its own, else the rows printing every cell
                read = partial(_settled, explicit=self.explicit)
                sections = by_sections(body, columns, printed, read)
                if sections is None:
                    return self._full_rows(offset, columns, body, printed)
                settled = sections
            else:
                self._by_columns_said(body)
                settled = Settled(rows)
        self._lay_out(offset, columns, settled)
        return True

    def _year_captions(self, body: list[Token]) -> list[Token]:
        """``body`` without the header's second row that opens it, captions of the value
        column with their years (``2021年实际实现值 | 预期2022年实现值``): a header row is
        never an indicator row. A caption the vocabulary does not know printed before
        them (``指标标准或依据``, the end of the first header row) goes with them, left
        unplaced; a 一级/二级 label or a number ends the run."""
        ends = [k for k, t in enumerate(body[:_CAPTION_RUN]) if year_caption(t.text)]
        if not ends:
            return body
        head = body[: ends[-1] + 1]
        if any(is_level1(t.text) or is_level2(t.text) or is_number(t.text) for t in head):
            return body
        self.form.rows[-1].tokens.extend(t for t in head if year_caption(t.text))
        others = [t for t in head if t.text and not year_caption(t.text)]
        if others:
            self.form.loose.append(others)
        return body[len(head) :]

    def _full_rows(
        self, offset: int, columns: list[str], body: list[Token], printed: Printed
    ) -> bool:
        """The rows of a scrambled ``body`` that print every cell (:func:`full_rows`),
        the rest kept whole in findings; the whole body so where there are none (never
        in fields)."""
        found = full_rows(body, columns, printed, anchor)
        if found is None:
            self._doubt(body)
            return True
        rows, left = found
        self._lay_out(offset, columns, Settled(rows, doubtful=left))
        return True

    def _scattered(self) -> bool:
        """A header whose captions a PDF printed among the cells of the first rows
        (:func:`scattered_header`): the rows that print every cell, the rest kept whole
        in findings."""
        found = scattered_header(self.t, self.i, ends_indicators)
        if found is None:
            return False
        start, self.i = self.i, self.i + len(found.body)
        full = full_rows(found.body, found.columns, self._printed([]), anchor)
        if full is None:
            self.i = start
            return False
        rows, left = full
        self.emit([t.text for t in found.heads], found.heads)
        heads = set(map(id, found.heads))
        left = [run for run in ([t for t in r if id(t) not in heads] for r in left) if run]
        self._lay_out(0, found.columns, Settled(rows, doubtful=left))
        return True

    def _tiers(self, corner: list[Token], heads: list[tuple[str, Token]], j: int) -> bool:
        """The old scoring sheet (:mod:`.tiers`): its rows read by the weights of its
        tiers, under the columns of its labels, names, 分值 and 得分 (a sheet with no
        分值 column prints the weights in its labels: the column read from them)."""
        self.i = j
        printed = {c: t for c, t in reversed(heads)}  # a column's first header cell
        kept = [(c, printed[c]) for c in TIER_COLUMNS if c in printed]
        columns, texts = [c for c, _ in kept], [t.text for _, t in kept]
        inside = "weight" not in printed
        if inside:
            at = columns.index("score")
            columns.insert(at, "weight")
            texts.insert(at, "分值")
        self.emit(texts, [*corner, *(t for _, t in heads), *self.notes])
        body = self._until(ends_indicators)
        labelled, aside = set_aside(body, [c for c, _ in heads])
        reading = tiered_rows(labelled, inside)
        if reading is None:
            self._doubt(body)
            return True
        rows, stray = reading
        self._lay_out(0, columns, Settled(rows, [*aside, *stray]))
        return True

    def _caption(self, text: str) -> str:
        """A header cell as the grid is to read it: a column of the 中长期 block printed
        beside the annual one names no column of the form (the annual one is read),
        where the cells are kept apart; it is written with its mark first, (长期)二级指标,
        which names no column and says what it is (else which cells are the annual ones
        is a guess: the header stays as printed)."""
        m = _LONG_TERM.search(text) if self.explicit else None
        if m is None or m.start() == 0:
            return text
        return m.group(0).strip() + text[: m.start()].strip()

    def _weighted_labels(self, j: int, columns: list[str]) -> bool:
        """The old scoring sheet printing each tier's weight in its label (``决策(20分)``
        then ``项目立项(8分)``), its indicators' 分值 and 得分 after them, or (no 分值
        column) its indicators' weights in their names too. (The standard table may
        weigh its 一级 labels, 产出指标(50分), but not its 二级 ones.)"""
        k = self._skip_empty(j)
        if "seq" in columns and k < len(self.t) and self.t[k].text == "1":
            k = self._skip_empty(k + 1)  # the first row's 序号
        if k >= len(self.t) or "score" not in columns:
            return False
        if "weight" not in columns:
            return opens_weighted(self.t[k : k + 4], inside=True)
        second = self._skip_empty(k + 1)
        return second < len(self.t) and all(
            printed_weight(self.t[m].text) is not None for m in (k, second)
        )

    def _column_headers(self) -> bool:
        """An indicator table printed a column at a time, each column's header before its
        cells (:func:`interleaved`)."""
        if header_field(self.t[self.i].text) is None:
            return False
        end = self.i
        while end < len(self.t) and not ends_indicators(self.t[end]):
            end += 1
        start, self.i = self.i, end
        printed = self._printed([])
        found = interleaved(self.t, start, ends_indicators, printed)
        if found is None:
            self.i = start
            return False
        columns, heads, rows, self.i = found
        self.emit([t.text for t in heads], heads)
        self._by_columns_said(self.t[start : self.i])
        self._lay_out(0, columns, Settled(rows))
        return True

    def _by_columns_said(self, tokens: list[Token]) -> None:
        reason = "文字按列印出（一列的各格之后才是下一列），各列格数相同、分值合计等相符"
        values: dict[str, Value] = {"field": "指标表", "value": "按列读出", "reason": reason}
        self.form.findings.append(("P006", values, tokens[:1]))

    def _headless(self) -> bool:
        """Indicator rows with neither the form's title nor a header before them (a page
        cut out of a longer text: a 一级 label, then a 二级 label, opening a form that
        has read nothing else), read under the standard columns where the sums confirm
        them (the standard 10 points of the 预算执行率 row, not in the text, aside) and
        said in a finding; else left to be reported as text (the refusal names them)."""
        if self.form.titled or self.form.rows or self.headless_tried:
            return False
        k = self._skip_empty(self.i + 1)
        if not (is_level1(self.t[self.i].text) and k < len(self.t) and is_level2(self.t[k].text)):
            return False
        self.headless_tried = True
        start = self.i
        body = self._until(ends_indicators)
        printed = self._printed([])
        printed = replace(printed, fund_weight=printed.fund_weight or _BUDGET_POINTS)
        settled = _settled_headless(body, printed, self.explicit)
        if not settled.rows:
            self.i = start
            return False
        self.emit(list(_HEADLESS.values()), [body[0]])
        self.form.findings.append(("P003", {"field": _HEADLESS_NOTE}, [body[0]]))
        self._lay_out(0, list(_HEADLESS), settled)
        return True

    def _lay_out(self, offset: int, columns: list[str], settled: Settled) -> None:
        """The settled indicator rows in the header's columns (``offset`` corner cells
        before them); the cells whose reading is not certain, and stray text, kept in
        findings."""
        rows = _nested(verdicts_in_one_column(labels_at_top(settled.rows)))
        stray = settled.stray
        for tokens in settled.doubtful:
            self._doubt(tokens)
        for row in rows:
            cells = [""] * (offset + len(columns))
            unsure = [] if self.explicit else doubtful(row, columns)
            for col, toks in row.cells.items():
                text = join_cell(t.text for t in toks) or ""
                if col in unsure:  # left out, kept whole in the finding
                    self._unsure(row, col, toks, text, columns)
                    continue
                cells[offset + columns.index(col)] = text
            self.emit(cells, row.tokens)
        for token in stray:
            self._stray(token)
        self._columns = (offset, columns)

    def _unsure(
        self, row: CutRow, column: str, tokens: list[Token], text: str, columns: list[str]
    ) -> None:
        """A cell whose reading is not certain, kept in a finding: a run of numbers
        (``12.512.5``) whole, once for the cells it was cut into."""
        run = next((r for r in row.runs if column in r.columns), None)
        if run is not None:
            if column != next(c for c in run.columns if c in doubtful(row, columns)):
                return
            tokens, text = [run.token], run.token.text
        label = join_cell(t.text for t in row.cells.get("name", ())) or "绩效指标"
        self.form.findings.append(("P012", {"label": label, "text": text}, tokens))

    def _tasks(self) -> bool:
        """A department's 年度主要任务 table, one row a line (spaced text only)."""
        if self.explicit or not self.t[self.i].text:
            return False
        block = task_block(self.t, self.i, anchor)
        if block is None:
            return False
        self.emit([t.text for t in block.header], block.header)
        for row in block.rows:
            self.emit([t.text for t in row], row)
        if block.text:  # kept whole, in the finding (never in fields)
            text = " ".join(t.text for t in block.text)
            self.form.findings.append(("P012", {"label": "年度主要任务", "text": text}, block.text))
        self.i = block.end
        return True

    def _total(self) -> bool:
        token = self.t[self.i]
        if not is_total(token.text) or self._in_funds():
            return False
        self.i += 1
        values = self._until(lambda t: anchor(t) or (bool(t.text) and not total_value(t.text)))
        values = [v for v in values if v.text][:4]  # the empty cells before them aside
        offset, columns = getattr(self, "_columns", (1, ["weight", "score"]))
        cells = [""] * (offset + max(len(columns), 2))
        cells[0] = token.text
        numbers = [v for v in values if is_number(v.text)]
        if len(numbers) == 1:
            numbers = total_cut(numbers[0])
        grade = next((v for v in values if v.text in GRADES), None)
        printed = [c for c in ("weight", "score") if c in columns]  # 总分 99.6 under 得分 only
        for col, v in zip(printed, numbers, strict=False):
            cells[offset + columns.index(col)] = v.text
        self.emit(cells, [token, *values])
        if grade is not None:
            self.form.rows[-1].tokens.remove(grade)
            self.emit(["评分等级", grade.text], [grade])
        return True

    def _amount_columns(self) -> bool:
        """A declaration's amounts as columns over a 合计 row (:mod:`.amount_columns`):
        each caption a row of its own with the amount under it, as the grid reads it."""
        found = amount_columns(self.t, self.i)
        if found is None:
            return False
        pairs, self.i = found
        total = self.t[self.i - len(pairs) - 1]
        for n, (caption, value) in enumerate(pairs):
            self.emit([caption.text, value.text], [caption, value, *([total] if n == 0 else [])])
        return True

    def _in_funds(self) -> bool:
        """The last row is a funding table's caption (项目资金（万元）) or one of its rows,
        in text that keeps its cells apart: a 合计 there is the funds' total (年度资金总额),
        not the form's 总分 (in text dumped on one line its amount may be cut anywhere)."""
        if not self.explicit or not self.form.rows:
            return False
        label = self.form.rows[-1].cells[0]
        return is_fund_caption(label) or fund_row_label(label) is not None

    def _note(self) -> bool:
        """A year (``（2023年度）``) or a money unit (``单位：万元``) printed on its own:
        a row of its own, as the grid reads it."""
        token = self.t[self.i]
        text = token.text
        if not (
            is_year(text) or UNIT_NOTE.search(text) or (is_fund_caption(text) and "元" in text)
        ):
            return False
        self.i += 1
        self.emit([token.text], [token])
        return True

    def _pair(self) -> bool:
        token = self.t[self.i]
        text = token.text
        if (
            key_label(text) is None
            and fund_row_label(text) is None
            and not is_tail(text)
            and not is_other_label(text)
            and not is_spending_label(text)
        ):
            return False
        self.i += 1
        values: list[Token] = []
        row = fund_row_label(text)
        named = key_label(text) in _NAMES
        if row is not None:
            token = replace(token, text=row_label(text, row))  # 合计 is 年度资金总额
            nxt = self._peek()
            if self.explicit and nxt is not None and nxt.text in SUBTOTALS:
                self.i += 1  # 一般公共预算拨款 | 小计 | 250: the row is its parts' sum
        if self.explicit:
            nxt = self._peek()
            if (
                nxt is not None
                and not (named and (_SELF_LABELLED.match(nxt.text) or _label_alone(nxt.text)))
                and (not (anchor(nxt) and nxt.text) or self._titled_name(text, nxt))
            ):
                values.append(nxt)
                self.i += 1
        else:
            most = _MAX_NARRATIVE if key_label(text) in _NARRATIVES else _MAX_VALUE
            while self.i < len(self.t) and len(values) < most and not self._label_at(self.i):
                if self._item_at(self.i) or (named and _SELF_LABELLED.match(self.t[self.i].text)):
                    break
                if values and self.t[self.i].cut:
                    break  # …恢复资金 | 中央主: the excerpt ends in the next label, not the value
                if values and _TICKS.match(self.t[self.i].text) and key_label(text) != "category":
                    break  # a tick box after a name: another row's options ran in
                values.append(self.t[self.i])
                self.i += 1
            if len(values) > _MAX_VALUE and not self._ends(self.i):
                self.i -= len(values) - _MAX_VALUE  # no label ends the text: where it ends
                values = values[:_MAX_VALUE]  # is not known, the value's first cells only
        if is_tail(text) and key_label(text) is None and not is_other_label(text):
            self.form.loose.append([token, *values])  # a caption no field holds (最近年度…)
        elif values and row not in (None, "total") and self._columns_unsaid():
            # 其他资金:585.62 after a table of 年初预算数, 全年预算数, 全年执行数: which
            # column the amount stands in is not printed; it stays in the finding
            self.emit([token.text], [token])
            text = " ".join(v.text for v in values if v.text)
            self.form.findings.append(("P012", {"label": token.text, "text": text}, values))
        elif values:
            self._value(token, values, join_cell(v.text for v in values) or "")
        else:
            self.emit([token.text], [token])
        if row == "total" and text in SUBTOTALS and self.explicit and self._in_funds():
            self._sources(token, values[0] if values else None)
        return True

    def _titled_name(self, label: str, value: Token) -> bool:
        """A project named like a form (``项目名称 | 2020年省级…补助经费支出绩效自评表``,
        the page's heading pasted into the cell) under the form's own title: the name,
        not the title of another form."""
        return (
            key_label(label) == "project"
            and self.form.titled
            and find_title(value.text) is not None
            and key_label(value.text) is None
        )

    def _columns_unsaid(self) -> bool:
        """A funding table of several money columns has been read in this form, so a
        funding row's lone amount outside it stands in no printed column."""
        return sum(1 for c in self.fund_columns if c in ("initial", "adjusted", "executed")) > 1

    def _sources(self, label: Token, total: Token | None) -> None:
        """The funding rows listed under the funds' 合计, one label and its amount a
        row (一般公共预算拨款 | 小计 | 250, 市本级 | 250, 其他资金 | ): the rows the
        vocabulary knows are read as their fields, the others are text of their own;
        where the sources printed do not add up to the total, a finding says so."""
        listed: list[Listed] = []
        while True:
            k = self._skip_empty(self.i)
            if k >= len(self.t):
                break
            row = fund_row_label(self.t[k].text)
            if row == "total" or (row is None and not self._extra_fund_label(k)):
                break
            head = self.t[k]
            j = k + 1
            subtotal = j < len(self.t) and self.t[j].text in SUBTOTALS
            j += subtotal
            amount = self.t[j] if j < len(self.t) and is_number(self.t[j].text) else None
            self.i = j + (amount is not None)
            tokens = [head, *([amount] if amount is not None else [])]
            if row is None:
                self.form.loose.append(tokens)  # 市本级 250: no field holds it
            else:
                self.emit([row_label(head.text, row), amount.text if amount else ""], tokens)
            listed.append(Listed(head.text, amount.text if amount else None, subtotal))
        off = sources_off(total.text if total else None, listed)
        if off is not None:
            printed, computed = off
            detail = f"资金合计 {printed} 与其下所列各项资金之和 {computed} 不符，各项按原样读入"
            self.form.findings.append(("P008", {"detail": detail}, [label]))

    def _label_block(self) -> bool:
        """Labels printed one after another, then their values in the same order (text
        taken column by column, :func:`label_block`): each label with its value."""
        found = label_block(self.t, self.i, self._label_at)
        if found is None:
            return False
        pairs, self.i = found
        for label, value in pairs:
            self._value(label, [value], value.text)
        return True

    def _item_at(self, k: int) -> bool:
        """Token ``k`` opens its line with an item's number (``1、一般公共预算``,
        ``(二)自有资金小计``): a line of its own in a list, never the rest of the value
        on the line above (``(一)财政拨款小计 6.30``)."""
        token = self.t[k]
        return k > 0 and self.t[k - 1].line != token.line and bool(_ITEM.match(token.text))

    def _ends(self, k: int) -> bool:
        """A value running on ends at token ``k``: the text's end, a label, an item."""
        return k >= len(self.t) or self._label_at(k) or self._item_at(k)

    def _label_at(self, k: int) -> bool:
        """Token ``k`` opens a block or is a label of its own (其中：财政资金 after
        当年年度预算 65) or the task table's header: a value running on stops there."""
        text = self.t[k].text
        return (
            anchor(self.t[k])
            or fund_row_label(text) is not None
            or text in SOURCE_CAPTIONS
            or task_header(self.t, k)
        )

    def _value(self, label: Token, tokens: list[Token], value: str) -> None:
        """A label and its value; a money unit printed at the value's end (``…人民政府
        金额单位:万元``) is a note of its own; an amount's or a date's label takes the
        amount or date only (the words run on after it are text of their own); a dash
        (``/``) is an empty cell; a name printed twice is the values of two cells side
        by side, the label's the first."""
        if is_dash(value):
            value = ""
        if tokens and (tokens[-1].cut or (key_label(label.text) in _NAMES and is_number(value))):
            # 资金使用单位 | 市农 cut off by the excerpt's end, 实施单位 9,034 (a PDF's
            # columns: the amount of another cell): no name of the label's
            self.emit([label.text], [label])
            self.form.loose.append(tokens)
            return
        amount = _AMOUNT.match(value) if is_amount_label(label.text) else None
        first = tokens[0].text if tokens else ""
        cells = is_amount_label(label.text) and len(tokens) > 1
        if amount is not None and cells and is_number(first) and amount.end() > len(first):
            amount = None  # 6.30 | 1、一般公共预算: no amount runs on into the next cell
        if amount is None and cells and (is_number(first) or is_dash(first)):
            # 基本支出 7242318 74.8%, 财政拨款 —— ——: the amount is the first cell
            self.emit([label.text, "" if is_dash(first) else first], [label, tokens[0]])
            self.form.loose.append(tokens[1:])
            return
        if amount is None and key_label(label.text) in _DATE_KEYS:
            amount = _DATE.match(value)
        if amount is not None and amount.end() < len(value):
            self.emit([label.text, amount.group(0)], [label, *tokens[:1]])
            rest = value[amount.end() :]
            unit = _MONEY_AFTER.match(rest)
            if unit is not None:  # 项目总投资20万元: the form's money unit, said once
                if not self.form.unit_said:
                    self.emit([f"单位：{unit.group(1)}"], tokens[-1:])
                    self.form.unit_said = True
                rest = rest[unit.end() :]
            if rest.strip():
                self.form.loose.append([replace(tokens[-1], text=rest)])
            return
        texts = {t.text for t in tokens}
        if len(tokens) > 1 and len(texts) == 1:  # one name printed twice: two cells' values
            self.emit([label.text, tokens[0].text], [label, tokens[0]])
            self.form.loose.append(tokens[1:])
            return
        named = _NAMED_AMOUNT.match(value) if is_amount_label(label.text) else None
        if named is not None:  # 中央…补助资金(少数民族发展任务)50: the fund's name, its amount
            self.emit([label.text, named.group("amount")], [label, *tokens])
            self.form.loose.append([replace(tokens[0], text=named.group("name"))])
            return
        if is_amount_label(label.text) and value and amount is None and not is_dash(value):
            self.emit([label.text], [label])  # no amount: the text stays in the finding
            self.form.findings.append(("P012", {"label": label.text, "text": value}, tokens))
            return
        unit = UNIT_NOTE.search(value)
        if unit is not None and unit.start() > 0:
            self.emit([label.text, value[: unit.start()]], [label, *tokens])
            self.emit([unit.group(0)], tokens[-1:])
            return
        self.emit([label.text, value], [label, *tokens])

    def _loose(self) -> None:
        token = self.t[self.i]
        self.i += 1
        if token.text:
            self._stray(token)

    def _stray(self, token: Token) -> None:
        """Text no block takes, kept with the other such text of its line."""
        loose = self.form.loose
        if loose and loose[-1][-1].line == token.line:
            loose[-1].append(token)
        else:
            loose.append([token])

    # -- helpers ------------------------------------------------------------------

    def _header(
        self, corners: int, is_corner: Callable[[str], bool], head: _Head
    ) -> tuple[list[Token], list[tuple[str, Token]], int]:
        """A header run at the current token: up to ``corners`` caption cells, then the
        cells ``head`` names a column for (empty cells between them skipped, and the
        notes of a header — a caption over several columns, a column's formula — kept
        in :attr:`notes` for the header row)."""
        j = self.i
        found: list[Token] = []
        while j < len(self.t) and len(found) < corners and is_corner(self.t[j].text):
            found.append(self.t[j])
            j = self._skip_empty(j + 1)
        heads: list[tuple[str, Token]] = []
        self.notes = []
        while j < len(self.t):
            if not self.t[j].text:
                j += 1
                continue
            if is_header_note(self.t[j].text):
                self.notes.append(self.t[j])
                j += 1
                continue
            col = head(j, heads)
            if col is None:
                break
            heads.append((col, self.t[j]))
            j += 1
        return found, heads, j

    def _fund_head(self, j: int, heads: list[tuple[str, Token]]) -> str | None:
        text = self.t[j].text
        col = fund_column(text)
        if col is None and heads and text in FUND_NOTE:
            col = "note"
        if heads and (col is None or any(c == col for c, _ in heads)):
            # header cells of no known column (历年结余结转, 得分计算方法) between known
            # ones or just before the first row
            return f"extra{j}" if self._before_first_row(j) else None
        return col

    def _before_first_row(self, j: int) -> bool:
        """Tokens ``j``… are a few short header words and then a funding row's label or
        a known funding column (a header's notes passed over)."""
        words = [t.text for t in self.t[j : j + 12] if t.text and not is_header_note(t.text)]
        for k, text in enumerate(words[:4]):
            if fund_row_label(text) is not None or (k and fund_column(text) is not None):
                return k > 0
            if len(text) > 10 or is_number(text):
                return False
        return False

    def _indicator_head(self, j: int, heads: list[tuple[str, Token]]) -> str | None:
        text = self.t[j].text
        if self.explicit and heads and _LONG_TERM.search(text):
            return f"extra{j}"  # 三级指标(长期) beside 三级指标(年度): the annual one is read
        col = header_field(_ANNUAL.sub("", text) if self.explicit else text)
        near = near_header(text) if col is None and heads else None
        if near is not None and not any(c == near[0] for c, _ in heads):
            return near[0]  # 年成值全完值: a caption a scan scrambled (see _read_as_printed)
        stand_in = STAND_INS.get(norm(self.t[j].text)) if heads else None
        if col is None and stand_in is not None and stand_in not in dict(heads):
            return stand_in  # 绩效指标 beside 指标类型: the name (see _stand_ins_aside)
        if col is None and heads and heads[-1][0].startswith("extra") and _grade_caption(j, self.t):
            return f"extra{j}"  # 优 / 良 / 中 / 差 under 绩效标准: a column each
        if col == "op" and any(c == "op" for c, _ in heads) and "sign" not in dict(heads):
            return "sign"  # 指标方向 (=) beside 指标性质 (正向): the sign, as the grid reads it
        if heads and (col is None or any(c == col for c, _ in heads)):
            return f"extra{j}" if self._extra_column(j) else None
        return col

    def _read_as_printed(self, heads: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
        """Header cells read by their nearest vocabulary word (:func:`near_header`) laid
        out as that word, so the table is read by the column it names, and said (P006)."""
        out: list[tuple[str, Token]] = []
        for col, token in heads:
            near = near_header(token.text) if header_field(token.text) is None else None
            if near is not None and near[0] == col:
                reason = "表头文字与该列名只差字序或个别字，按识别错误读"
                values: dict[str, Value] = {"field": f"表头「{token.text}」", "value": near[1]}
                self.form.findings.append(("P006", {**values, "reason": reason}, [token]))
                token = replace(token, text=near[1])
            out.append((col, token))
        return out

    def _extra_column(self, j: int) -> bool:
        """A header cell the vocabulary does not know (绩效标准, 评分标准): short text
        followed by another header cell or by the first 一级指标 of the body."""
        text = self.t[j].text
        short = _SIZE_NOTE.sub("", text)  # 评分细则(150字内): the note sets no length
        if len(short) > 10 or is_number(text) or is_level1(text) or is_level2(text):
            return False
        if header_field(text) is not None:
            return True  # a second column of a kind (指标解释 beside 绩效目标值)
        k = self._skip_empty(j + 1)
        return k < len(self.t) and (
            header_field(self.t[k].text) is not None
            or is_level1(self.t[k].text)
            or _grade_caption(k, self.t)
        )

    def _printed(self, corner: list[Token]) -> Printed:
        """The 总分值 and 总分 printed after the indicator rows (``总分 100 95 …``), and
        the budget's own 分值 and 得分 (where no budget row printed it, the 总分值 less
        the weight the indicator table's caption prints: ``绩效指标(90分)``)."""
        fund = Printed(fund_weight=self.fund_weight, fund_score=self.fund_score)
        j = self.i
        if j >= len(self.t) or not is_total(self.t[j].text):
            return fund
        numbers: list[Decimal | None] = []
        for token in self.t[j + 1 : j + 8]:
            if token.text and not total_value(token.text):
                break
            if is_number(token.text):
                numbers += [decimal(t.text) for t in total_cut(token)]
        weight, score = [*numbers, None, None][:2]
        caption = printed_weight(corner[0].text) if corner else None
        if caption is not None and weight is not None and fund.fund_weight is None:
            fund = replace(fund, fund_weight=weight - Decimal(caption))
        return replace(fund, total_weight=weight, total_score=score)

    def _doubt(self, tokens: list[Token]) -> None:
        """Indicator text that could not be cut into cells for certain: kept whole in a
        finding (never in fields)."""
        text = " ".join(t.text for t in tokens if t.text)
        self.form.findings.append(("P012", {"label": "绩效指标", "text": text}, tokens))

    def _skip_empty(self, j: int) -> int:
        while j < len(self.t) and not self.t[j].text:
            j += 1
        return j

    def _peek(self) -> Token | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def _until(self, stop: Callable[[Token], bool]) -> list[Token]:
        out: list[Token] = []
        while self.i < len(self.t) and not stop(self.t[self.i]):
            out.append(self.t[self.i])
            self.i += 1
        return out


def _label_alone(text: str) -> bool:
    """A cell holding only a label of another kind, never a name's value: a funding
    row's (``年度资金总额``, ``其中：财政资金``) or the money unit's (``金额单位:万元``)."""
    if UNIT_NOTE.match(text):
        return True
    label = _ROW_LEAD.sub("", text).rstrip(":： ")
    return label in _FUND_ROW_WORDS


_ROW_LEAD = re.compile(r"^其中\s*[:：]?")
_FUND_ROW_WORDS = frozenset(w for _, words in wording().fund_rows for w in words)
"""The funding rows' labels as printed whole (年度资金总额, 财政拨款, 其他资金 …)."""


def _without_stray_numbers(group: list[Token]) -> list[Token]:
    """A goal's text without the numbers printed apart before it (``10 45.17%
    已完成援滇人员相关经费支付。``: amounts of the funds table a PDF's text put between the
    captions and the text): no goal opens with a number cell of its own (a numbering,
    ``1``, ``2.``, may)."""
    k = 0
    while k < len(group) - 1 and is_number(group[k].text) and not group[k + 1].glued:
        if _NUMBERING.fullmatch(group[k].text):
            break
        k += 1
    return group[k:]


_NUMBERING = re.compile(r"\d[.、．]?")


_HEADLESS = INDICATOR_FIELD_LABELS
"""The columns of the standard 项目支出绩效自评表's indicator table (财预〔2020〕10号),
read where the text prints none (its rows are kept only where the sums confirm them)."""
_HEADLESS_NOTE = (
    "表单标题与指标表头（摘录：指标行按自评表的标准列读出，分值之和已与合计核对，请核对各列）"
)
_BUDGET_POINTS = Decimal(10)
"""The 预算执行率 row's points in the standard self-evaluation."""
_BUDGET_CAPTION = "全年预算数"
"""The caption a funding column the header's formulas name the budget is read under."""
_OPENING = frozenset({"project", "department", "unit", "division"})
"""The labels a form opens with, after its title: a second form of the same title."""


def _peel_label(text: str) -> list[str]:
    """The heads of ``text`` a label may be run into (``项目名称委托业务项目``)."""
    return [text[:n] for n in range(2, min(len(text), 12))]


_RANK = (
    "seq",
    "level1",
    "level2",
    "name",
    "op",
    "sign",
    "target",
    "unit",
    "actual",
    "weight",
    "score",
)


_SIZE_NOTE = re.compile(r"[(（]\s*(?:限)?\d+字(?:以内|内)?\s*[)）]$")
"""A header's note on the length of its cells (``(150字内)``, ``（限200字）``)."""


_UNIT_AFTER = re.compile(r"[（(]\s*(?:万元|千元|元)\s*[)）]$")
"""A money unit in brackets closing a caption (``得分(万元)``)."""
_POINTS_OR_RATE = frozenset({"weight", "score", "rate"})


def _unit_to_corner(captions: list[str], columns: list[str], corner: str) -> str:
    """``corner`` with the money unit printed after a points or rate column's caption
    (``项目资金`` over two lines, its ``(万元)`` read after the header row's last cell,
    ``得分(万元)``): the unit is the table's, taken off that caption (``captions`` is
    changed); the corner as it was where it prints a unit of its own or none is found."""
    if _UNIT_AFTER.search(corner):
        return corner
    for k, (caption, column) in enumerate(zip(captions, columns, strict=True)):
        m = _UNIT_AFTER.search(caption)
        if m is not None and column in _POINTS_OR_RATE and m.start() > 0:
            captions[k] = caption[: m.start()]
            return corner + m.group(0)
    return corner


_UNITS = re.compile(r"[（(]\s*(万元|千元|元)\s*[)）]|单位\s*[:：]\s*(万元|千元|元)")
"""A money unit as a caption or note prints it."""
_IN_WAN = re.compile(r"^(?P<amount>[-+]?[\d,]+(?:\.\d+)?)\s*万元?$")
"""An amount written with its unit (``150万``, ``125.25万元``)."""


def _in_unit(token: Token, caption: str) -> Token:
    """An amount of a 万元 table written with its unit (``150万``) is the number; in a
    table of another unit, or with no unit printed, the cell stays as printed."""
    m = _IN_WAN.match(token.text)
    if m is None or "万元" not in caption:
        return token
    return replace(token, text=m.group("amount"))


_LONG_MARK = r"[（(]\s*(?:中长期|长期|中期)\s*[)）]"
_LONG_TERM = re.compile(rf"{_LONG_MARK}$|^{_LONG_MARK}")
"""A column of the 中长期 block printed beside the annual one (二级指标(长期), or as the
rebuilt table writes it, (长期)二级指标)."""
_ANNUAL = re.compile(r"[（(]\s*(?:年度|当年|本年)\s*[)）]$")
"""A column of the annual block printed beside the 中长期 one (三级指标(年度))."""


def _tiered(heads: list[tuple[str, Token]]) -> bool:
    """The old scoring sheet's header: a 分值 printed after the 一级 or 二级 label's
    column as well as after the indicator's (一级指标 | 分值 | 二级指标 | 分值 | …)."""
    fields = [header_field(t.text) for _, t in heads]
    weights = [k for k, f in enumerate(fields) if f == "weight"]
    labels = {k for k, (c, _) in enumerate(heads) if c in ("level1", "level2")}
    return len(weights) >= 2 and any(k - 1 in labels for k in weights) and "score" in fields


def _labels_after_names(columns: list[str]) -> bool:
    """A 一级/二级指标 column after the names (指标名称 … 一级指标 二级指标 三级指标): the
    rows of a two-row header run together, never one printed row (the labels lead)."""
    levels = [k for k, c in enumerate(columns) if c in ("level1", "level2")]
    return bool(levels) and "name" in columns and columns.index("name") < min(levels)


def _two_level(heads: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    """A two-row header flattened into one run: 年度指标值 over 指标性质 / 指标值 /
    度量单位, the cells of the two rows one after the other. The spanning 年度指标值 is
    dropped and the columns are put in the order the official table prints them."""
    fields = [header_field(t.text) or c for c, t in heads]
    targets = [
        k for k, f in enumerate(fields) if f == "target" and norm(heads[k][1].text) not in EXPLAINED
    ]
    if len(targets) < 2 or not {"op", "unit"} & set(fields):
        return heads  # 指标值 beside 指标解释 (a text column the vocabulary files under targets)
    parent = targets[0]
    kept = [(f, t) for k, (f, (_, t)) in enumerate(zip(fields, heads, strict=True)) if k != parent]
    order = {f: i for i, f in enumerate(_RANK)}
    return sorted(kept, key=lambda h: order.get(h[0], len(_RANK)))


_GRADES = ("优", "良", "中", "差")
"""The grades a 绩效标准 caption prints one column each for, in this order."""


def _grade_caption(j: int, tokens: list[Token]) -> bool:
    """Token ``j`` is one of a run of the grades 优 / 良 / 中 / 差 printed in order."""
    texts = [t.text for t in tokens if t.text]
    at = sum(1 for t in tokens[:j] if t.text)
    text = tokens[j].text
    if text not in _GRADES:
        return False
    start = at - _GRADES.index(text)
    return start >= 0 and tuple(texts[start : start + len(_GRADES)]) == _GRADES


def _graded(heads: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    """A caption over the grade columns (绩效标准 over 优 / 良 / 中 / 差) is no column of
    its own: the grades are."""
    return [
        h
        for k, h in enumerate(heads)
        if not (
            h[0].startswith("extra")
            and k + 1 < len(heads)
            and heads[k + 1][1].text == _GRADES[0]
            and h[1].text not in _GRADES
        )
    ]


def _stand_ins_aside(heads: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    """A caption standing in for a column (绩效指标 as the name, 绩效目标 as the target)
    gives way where the header also prints the column itself: the caption is then an
    extra column, the printed one takes the field."""
    out = list(heads)
    for k, (col, token) in enumerate(heads):
        if STAND_INS.get(norm(token.text)) != col:
            continue
        later = [m for m in range(k + 1, len(heads)) if header_field(heads[m][1].text) == col]
        if later:
            out[k], out[later[0]] = (f"extra{k}", token), (col, heads[later[0]][1])
    return out


def _explained_beside_target(heads: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    """指标解释 before a real target column (绩效目标值): the second is the target, the
    first an explanation (``explain``: a text cell nearly always filled, which the grid
    leaves aside as it reads such a header)."""
    fields = [header_field(t.text) for _, t in heads]
    first = next((k for k, (c, _) in enumerate(heads) if c == "target"), None)
    if first is None or norm(heads[first][1].text) not in EXPLAINED:
        return heads
    later = [k for k in range(first + 1, len(heads)) if fields[k] == "target"]
    if not later:
        return heads
    out = list(heads)
    second = later[0]
    out[first], out[second] = ("explain", heads[first][1]), ("target", heads[second][1])
    return out


def _settled(body: list[Token], columns: list[str], printed: Printed, explicit: bool) -> Settled:
    """The rows of an indicator table's ``body``. Where numbers run together are cut
    into different columns in different rows (``12.512.512.5`` three cells, ``151515``
    two), the table is read again with every run in one shape, and taken only when
    exactly one shape fits the form's arithmetic."""

    def read(shape: tuple[str, ...] | None, readings: list[Reading] | None = None) -> Settled:
        if readings is None:
            readings = best_readings(body, columns, explicit, shape=shape)
        strict = partial(best_readings, body, columns, explicit, False, shape)
        return settle(readings, columns, printed, explicit, strict)

    readings = best_readings(body, columns, explicit)
    found = shapes(readings)
    if len(found) < 2:
        return read(None, readings)
    fits = [s for s in (read(shape) for shape in sorted(found)) if s.rows]
    if not fits:  # runs of another width in some rows (≤441010 beside 55): one shape still
        mixed = read(None, readings)
        return mixed if mixed.rows and one_shape(mixed.rows, columns) else Settled()
    return fits[0] if len(fits) == 1 else Settled()


def _rows_of(body: list[Token], columns: list[str], printed: Printed, explicit: bool) -> Settled:
    """The rows of an indicator table's ``body``: by its grid where the grid holds, else
    by the readings of its cells."""
    return _by_grid(body, columns, printed) or _settled(body, columns, printed, explicit)


def _by_grid(body: list[Token], columns: list[str], printed: Printed) -> Settled | None:
    """The rows of a table whose text ends each row (:func:`grid_rows`), where the
    form's arithmetic (or the grid itself) confirms its named rows."""
    grid = grid_rows(body, columns)
    if grid is None:
        return None
    rows, stray = grid
    named = [r for r in rows if "name" in r.cells]
    return Settled(rows, stray) if rows_fit(named, columns, printed) else None


_HEADLESS_READINGS = (
    tuple(_HEADLESS),
    ("level1", "level2", "name", "target", "weight", "score"),
    ("level1", "level2", "name", "target", "weight"),
)
"""The columns a headless excerpt's rows may print (empty cells dropped by the flattening
or not), in the standard table's order."""


def _settled_headless(body: list[Token], printed: Printed, explicit: bool) -> Settled:
    """The rows of indicator text printed without its header, under each set of the
    standard columns it may print: taken only where the readings that the form's
    arithmetic confirms all put the same text in the same columns."""
    fits = [
        s
        for cols in _HEADLESS_READINGS
        if (s := _settled(body, list(cols), printed, explicit)).rows
    ]
    if not fits:
        return Settled()
    cells = {tuple(tuple((c, _cell(r, c)) for c in r.cells) for r in s.rows) for s in fits}
    return fits[0] if len(cells) == 1 else Settled()


def _cell(row: CutRow, column: str) -> str:
    return join_cell(t.text for t in row.cells.get(column, ())) or ""


def _nested(rows: list[CutRow]) -> list[CutRow]:
    """Under a 一级 label whose 二级 are 一级 words (实施效果指标 › 产出指标, the
    中央预算内投资 tables), a 一级 word printed later with no 二级 beside it is one more
    二级 under the same label (its merged 一级 cell printed once, at the top)."""
    out: list[CutRow] = []
    nesting = False
    for row in rows:
        level1 = join_cell(t.text for t in row.cells.get("level1", ())) or ""
        level2 = join_cell(t.text for t in row.cells.get("level2", ())) or ""
        if level1 and level2:  # 成本指标, 满意度指标 are 二级 words of their own
            nesting = without_weight(level2) in ("产出指标", "效益指标")
        elif level1 and nesting and is_level1(level1):
            cells = {("level2" if c == "level1" else c): ts for c, ts in row.cells.items()}
            row = replace(row, cells=cells)
        out.append(row)
    return out


_LIST_ITEM = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*\S")
"""An item of a numbered list (``2.绩效目标表(福彩公益金)``)."""
_ATTACHMENTS = re.compile(r"^\s*附件\s*[:：]?\s*\d{1,2}\s*[.．、]\s*\S")
"""The first item of a list of attachments (``附件：1.资金分配表``)."""
_ATTACHED = re.compile(r"附件\s*[:：]\s*$")
"""The word that opens a list of attachments, ending the sentence before it."""


def _enumerated_cells(texts: list[Token], parts: int) -> list[list[Token]] | None:
    """``texts`` as the paragraphs of ``parts`` cells, one cell's after the other's,
    where each cell numbers its paragraphs alike (``目标1:…`` / ``目标2…`` under both
    预期目标 and 实际完成情况); ``None`` where they are not so numbered."""
    if parts < 2 or len(texts) <= parts or len(texts) % parts:
        return None
    size = len(texts) // parts
    cells = [texts[n * size : (n + 1) * size] for n in range(parts)]
    numbers = [[_ENUMERATED.match(t.text) for t in cell] for cell in cells]
    first = list(range(1, size + 1))
    if all(
        all(numbers_) and [int(m.group(1)) for m in numbers_ if m] == first for numbers_ in numbers
    ):
        return cells
    return None


_ENUMERATED = re.compile(r"^\s*(?:目标|任务)?\s*[(（]?(\d{1,2})(?:[)）.、．:：]|(?=\D))")
"""A paragraph numbered as an item of its cell (``目标1:``, ``2、``, ``(3)``)."""


def _without_empty(forms: list[ScannedForm]) -> list[ScannedForm]:
    """A title with nothing under it before the next title (a document name, a page
    header, the caption of a list) is no form: its text goes to the next form as
    unplaced text (P001), so a title alone never becomes an empty form."""
    out: list[ScannedForm] = []
    carried: list[list[Token]] = []
    for i, form in enumerate(forms):
        if not form.body and i + 1 < len(forms):
            carried += [r.tokens for r in form.rows] + form.loose
            continue
        form.loose = carried + form.loose
        carried = []
        out.append(form)
    return out


def scan(tokens: list[Token], explicit: bool) -> list[ScannedForm]:
    """The forms in ``tokens``, each as rows in the official columns."""
    return _Scanner(tokens, explicit).run()


def to_findings(form: ScannedForm, file: str) -> list[Finding]:
    """What rebuilding found doubtful, and the text it placed nowhere (P001)."""
    out: list[Finding] = []
    for tokens in form.loose:
        text = " ".join(t.text for t in tokens if t.text)
        if WEB_CHROME.match(text):
            continue  # the page's footer, no text of the form
        loc = Location(file=file, lines=(tokens[0].line, tokens[-1].line))
        out.append(finding("P001", loc, line=tokens[0].line, text=text))
    for code, values, tokens in form.findings:
        lines = [t.line for t in tokens] or [1]
        loc = Location(file=file, lines=(min(lines), max(lines)))
        out.append(finding(code, loc, **values))
    return out
