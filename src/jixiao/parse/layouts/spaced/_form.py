"""One ``spaced`` form: header, funding rows, goals, table and totals."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jixiao.model import Finding, FundRow, Funds, Location, SelfEvaluation, Source, finding
from jixiao.parse.families import printed_level1_weights
from jixiao.parse.layouts.grid import FUND_COLUMNS, KEYS, extra_fund_label
from jixiao.parse.text import DASHES, join_cell, parse_number, parse_percent
from jixiao.parse.wording import wording
from jixiao.read import Document, Line

from ._goals import split_goals
from ._table import Table, Widths, parse_table, read_table

__all__ = ["FormContext", "FormStart", "finish_form", "start_form"]

_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年\s*度?\s*[)）]")
_TITLE_YEAR = re.compile(r"^((?:19|20)\d{2})年")
_UNIT_LABELS = tuple(
    sorted((label for label, key in KEYS.items() if key == "unit"), key=len, reverse=True)
)
"""实施单位, 预算单位, 项目单位 …: the label between 主管部门 and the unit's name."""
_DEPARTMENT_LABELS = tuple(
    sorted((label for label, key in KEYS.items() if key == "department"), key=len, reverse=True)
)
_UNIT = re.compile(r"[（(]\s*(万元|千元|元)\s*[)）]")
_SEAL_CAPTION = re.compile(
    rf"^(?:{'|'.join(map(re.escape, _DEPARTMENT_LABELS))})\s*[（(]\s*盖章\s*[)）]\s*[:：]?\s*"
    r"(?:(?:金额)?单位\s*[:：]\s*(?P<unit>万元|千元|元))?$"
)
"""A caption line above the header table: where the department's seal goes
(``主管部门(盖章):``), the money unit at its right (``单位:万元``). It names no
department: the 主管部门 cell comes below it."""
_FUND_COLUMNS = ("initial", "adjusted", "executed", "weight", "rate", "score")
_MONEY = ("initial", "adjusted", "executed")
_FUND_KEYS = (
    ("total", ("资金总额", "合计")),
    ("appropriation", ("财政拨款", "财政资金")),
    ("carryover", ("结转",)),
    ("other", ("其他资金", "其他")),
)
_REQUIRED = (
    ("project", "项目名称"),
    ("unit", "实施单位"),
    ("department", "主管部门"),
    ("money_unit", "金额单位"),
    ("year", "年度"),
)
_TOTAL_LABELS = ("总分", "合计得分", "总得分", "合计", "总计")
"""How the total row is labelled (总分 in Shanghai, 合计 or 总计 elsewhere)."""
_TOTAL = re.compile(rf"^(?:{'|'.join(_TOTAL_LABELS)})(?=[\s:：\d]|$)")
_GRADES = frozenset({"优", "良", "中", "差", "优秀", "良好", "合格", "不合格"})
_GOAL_LABELS = frozenset({"年度", "总体", "目标", "年度总体目标", "总体目标"})
_GOAL_CAPTIONS = frozenset(w for _, words in wording().goal_columns for w in words)
"""The captions of the two goal columns (预期目标, 实际完成情况 …), printed on lines of
their own when a Word table's text keeps one cell a line."""


@dataclass
class FormContext:
    """What a form parser needs from the whole document."""

    doc: Document
    page_starts: set[int]


@dataclass
class _State:
    ctx: FormContext
    lines: list[Line]
    pos: int = 0
    consumed: set[int] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)

    def loc(self, a: int, b: int | None = None, fld: str | None = None) -> Location:
        return Location(file=self.ctx.doc.name, lines=(a, b or a), field=fld)

    def find(self, pred: str, stop: tuple[str, ...] = (), inside: bool = False) -> int | None:
        """Index (from ``pos``) of the first line starting with ``pred`` (holding it,
        when ``inside``)."""
        for i in range(self.pos, len(self.lines)):
            text = self.lines[i].text.strip()
            if text.startswith(pred) or (inside and pred in text):
                return i
            if stop and text.startswith(stop):
                return None
        return None


def _text(lines: list[Line]) -> str:
    return " ".join(ln.text.strip() for ln in lines)


def _header(st: _State) -> dict[str, object]:
    out: dict[str, object] = {}
    for i, ln in enumerate(st.lines[:6]):
        m = _YEAR.search(ln.text)
        if m:
            out["year"] = int(m.group(1))
            st.consumed.add(ln.number)
            st.pos = max(st.pos, i + 1)
            break
    title = _TITLE_YEAR.match(st.lines[0].text.strip())
    if "year" not in out and title:
        out["year"] = int(title.group(1))
    _seal_caption(st, out)
    name_at = st.find("项目名称", ("主管部门", "项目资金"))
    dept_at = st.find("主管部门", ("项目资金",))
    money_at = st.find("项目资金")
    if name_at is not None:
        stops = [i for i in (dept_at, money_at) if i is not None]
        end = stops[0] if stops else name_at + 1
        block = st.lines[name_at:end]
        name, department = _inline_department(_text(block).removeprefix("项目名称"))
        out["project"] = join_cell([name])
        if dept_at is None and department is not None:
            out["department"] = join_cell([department])
            unit_at = end if end < len(st.lines) and end != money_at else None
            unit = _unit_line(st.lines[unit_at].text) if unit_at is not None else None
            if unit_at is not None and unit is not None:
                out["unit"] = unit
                st.consumed.add(st.lines[unit_at].number)
        st.consumed.update(ln.number for ln in block)
    if dept_at is not None:
        end = money_at if money_at is not None else dept_at + 1
        block = st.lines[dept_at:end]
        text = _text(block)
        text = text.removeprefix(next((d for d in _DEPARTMENT_LABELS if text.startswith(d)), ""))
        label = next((u for u in _UNIT_LABELS if u in text), "实施单位")
        dept, _, unit = text.partition(label)
        out["department"] = join_cell([dept])
        out["unit"] = join_cell([_before_other_label(unit)])
        st.consumed.update(ln.number for ln in block)
    if money_at is not None:
        st.pos = money_at
        for ln in st.lines[money_at : money_at + 3]:
            m = _UNIT.search(ln.text)
            if m:
                out["money_unit"] = m.group(1)
                at = st.lines.index(ln)
                st.consumed.update(x.number for x in st.lines[money_at : at + 1])
                st.pos = at if "年初预算数" in ln.text else at + 1
                break
    return out


def _unit_line(text: str) -> str | None:
    """The unit of a line opening with its label (``项目实施单位 济南市历城区文化馆 项目负责人
    田延青 联系电话 …``), up to the next label of the row; ``None`` when it opens with none."""
    text = text.strip()
    label = next((u for u in _UNIT_LABELS if text.startswith(u)), None)
    if label is None:
        return None
    return join_cell([_before_other_label(text.removeprefix(label))])


def _before_other_label(text: str) -> str:
    """``文化馆 项目负责人 田延青 联系电话 88894492`` → ``文化馆``: a value ends at a
    word that is the label of a cell no field reads (项目负责人, 联系电话 …)."""
    # the reconstructor's vocabulary reads the layouts' wording: imported when first needed
    from jixiao.parse.rebuild.vocab import OTHER_LABELS

    words = text.split()
    end = next((i for i, w in enumerate(words) if w in OTHER_LABELS), len(words))
    return " ".join(words[:end])


def _seal_caption(st: _State, out: dict[str, object]) -> None:
    """Pass over a seal caption line (:data:`_SEAL_CAPTION`) before the header table,
    reading the money unit it prints."""
    for i in range(st.pos, min(st.pos + 2, len(st.lines))):
        m = _SEAL_CAPTION.match(st.lines[i].text.strip())
        if m is not None:
            if m["unit"]:
                out["money_unit"] = m["unit"]
            st.consumed.add(st.lines[i].number)
            st.pos = i + 1
            return


def _inline_department(text: str) -> tuple[str, str | None]:
    """``商品和服务支出 主管部门 济南市…局``: a project name followed on its line by the
    主管部门 cell, split at the label (a whole word); the department ``None`` when the
    line prints no such label."""
    words = text.split()
    at = next((i for i, w in enumerate(words) if i and w in _DEPARTMENT_LABELS), None)
    if at is None:
        return text, None
    return " ".join(words[:at]), " ".join(words[at + 1 :])


def _fund_key(label: str) -> str | None:
    for key, words in _FUND_KEYS:
        if any(w in label for w in words):
            return key
    return None


@lru_cache(maxsize=4096)
def _is_value(tok: str) -> bool:
    """An amount, a rate or a placeholder (remembered: most cells of the funding rows
    are not, and saying so raises)."""
    if tok in DASHES:
        return True
    try:
        parse_percent(tok)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=256)
def _column_order(header: str, next_line: str) -> tuple[str, ...]:
    """The funding columns in the order the header prints them (执行率 before 分值 on
    some provinces' forms; a column such as 全年预算数 left out on others); the usual
    order when the header does not name all six, unless it is whole on its line: every
    word of it a column, the line after it a funding row (remembered: the forms of a
    document print the same header)."""
    # the reconstructor's vocabulary reads the layouts' wording: imported when first needed
    from jixiao.parse.rebuild.vocab import EXTRA_COLUMNS

    found: list[str] = []
    whole = True
    for tok in header.split():
        if any(tok.startswith(w) for w in EXTRA_COLUMNS):
            continue
        name = next((n for n, words in FUND_COLUMNS if any(w in tok for w in words)), None)
        if name is None or name in found:
            whole = False
        else:
            found.append(name)
    if sorted(found) == sorted(_FUND_COLUMNS):
        return tuple(found)
    row = next_line.split()
    if whole and len(found) >= 3 and row and _fund_key(row[0]) == "total":
        return tuple(found)
    return _FUND_COLUMNS


def _amounts(parts: list[str]) -> list[str]:
    """A funding row's cells from its first amount: the amounts (and ``-`` placeholders)
    up to a cell that is none, which opens an explanation column (得分计算方法: ``执行率*
    该指标分值，…``) that reads no field; every cell when the first is not an amount."""
    end = next((i for i, t in enumerate(parts) if not _is_value(t)), len(parts))
    return parts[:end] if end else parts


def _fund_row(
    st: _State, label: str, values: list[str], lines: list[int], order: tuple[str, ...]
) -> FundRow | None:
    key = _fund_key(label)
    path = f"funds.{key}" if key is not None else f"funds_extra.{extra_fund_label(label) or label}"
    found: dict[str, Decimal | None] = {}
    for col, tok in zip(order, values, strict=False):
        try:
            found[col] = parse_percent(tok) if col == "rate" else parse_number(tok)
        except ValueError:
            fld = f"{path}.{col}"
            loc = st.loc(lines[0], lines[-1], fld)
            st.findings.append(finding("P002", loc, field=fld, text=tok))
            found[col] = None
    if len(values) < len(order) and not _adds_up(found):
        found = _placed_by_arithmetic(values, order, key == "total", lines[0])
    if len(values) < len(order):
        where = st.loc(lines[0], lines[-1], path)
        row_name = f"资金行「{label}」"
        st.findings.append(
            finding("P009", where, row=row_name, count=len(values), columns=len(order))
        )
    if len(values) > len(order):
        extra = " ".join(values[len(order) :])
        detail = f"资金行「{label}」多出的数值「{extra}」未归入任何列"
        st.findings.append(finding("P008", st.loc(lines[0], lines[-1]), detail=detail))
    return FundRow(**found)


def _adds_up(found: dict[str, Decimal | None]) -> bool:
    """The amounts read in column order agree with the row's own arithmetic: a 执行率 is
    执行数 / 预算数 (to a point), a 分值 is at most 100 and a 得分 at most its 分值."""
    rate, executed = found.get("rate"), found.get("executed")
    budget = found.get("adjusted") or found.get("initial")
    if (
        rate is not None
        and budget
        and executed is not None
        and abs(executed / budget * 100 - rate) >= 1
    ):
        return False
    weight, score = found.get("weight"), found.get("score")
    if weight is not None and not 0 < weight <= 100:
        return False
    return not (weight is not None and score is not None and score > weight)


def _placed_by_arithmetic(
    values: list[str], order: tuple[str, ...], total_row: bool, line: int
) -> dict[str, Decimal | None]:
    """A funding row printing fewer amounts than columns whose column-order reading the
    arithmetic refutes (``880 880 880 10 10``: 执行率 10 % of 880 spent of 880): the one
    placing the arithmetic leaves (分值 10, 得分 10, the 执行率 cell empty), else only the
    money amounts in column order, the rest unread rather than guessed."""
    # the reconstructor's vocabulary reads the layouts' wording: imported when first needed
    from jixiao.parse.rebuild.fund_rows import place_amounts
    from jixiao.parse.rebuild.tokens import Token

    tokens = [Token(v, line) for v in values]
    placed = place_amounts(tokens, list(order), total_row, explicit=False)
    out: dict[str, Decimal | None] = {}
    if placed is None:
        placed = {c: t for c, t in zip(order, tokens, strict=False) if c in _MONEY}
    for col, tok in placed.items():
        try:
            out[col] = parse_percent(tok.text) if col == "rate" else parse_number(tok.text)
        except ValueError:
            out[col] = None
    return out


def _funds(st: _State, end: int) -> tuple[Funds, dict[str, FundRow]]:
    """The four standard funding rows, and the rows of other sources by their printed
    labels (财政专户管理资金, 单位资金: ``funds_extra``)."""
    head = st.find("年初预算数", inside=True)
    rows: dict[str, FundRow] = {}
    extra: dict[str, FundRow] = {}
    if head is None or head >= end:
        st.findings.append(finding("P003", st.loc(st.lines[0].number), field="项目资金"))
        return Funds(), extra
    st.consumed.add(st.lines[head].number)
    after = st.lines[head + 1].text if head + 1 < end else ""
    order = _column_order(st.lines[head].text, after)
    label: list[str] = []
    label_lines: list[int] = []
    for ln in st.lines[head + 1 : end]:
        parts = ln.text.split()
        k = next((i for i, t in enumerate(parts) if _is_value(t)), len(parts))
        label += parts[:k]
        label_lines.append(ln.number)
        if k == len(parts):
            continue
        text = join_cell(label) or ""
        key = _fund_key(text)
        other = extra_fund_label(text) if key is None else None
        if (key is not None and key not in rows) or (other is not None and other not in extra):
            row = _fund_row(st, text, _amounts(parts[k:]), label_lines, order)
            if row is not None:
                if key is not None:
                    rows[key] = row
                else:
                    extra[other or text] = row
                st.consumed.update(label_lines)
        label, label_lines = [], []
    if "total" not in rows:
        st.findings.append(finding("P003", st.loc(st.lines[head].number), field="年度资金总额"))
    return Funds(**rows), extra


def _goals(st: _State, start: int, end: int) -> tuple[str | None, str | None]:
    body: list[Line] = []
    for ln in st.lines[start:end]:
        text = ln.text.strip()
        if text in _GOAL_LABELS or _is_goal_caption(text) or _is_goal_header(text):
            st.consumed.add(ln.number)
        else:
            body.append(ln)
    expected, actual = split_goals(body)
    st.consumed.update(ln.number for ln in body)
    return join_cell(expected), join_cell(actual)


def _is_goal_caption(text: str) -> bool:
    """A line that is one goal column's caption and nothing else (``实际完成情况``)."""
    return re.sub(r"[\s:：]", "", text) in _GOAL_CAPTIONS


def _is_goal_header(text: str) -> bool:
    """The captions above the goals: 预期目标 (or 年度目标) and 实际完成情况."""
    return ("预期目标" in text or "年度目标" in text) and "实际完成" in text


def _table_start(st: _State, begin: int) -> int:
    for i in range(begin, len(st.lines)):
        text = st.lines[i].text.strip()
        words = text.split()
        if (
            text.startswith(("一级", "三级指标"))
            or (len(words) > 1 and "指标" in words[0] and words[1].startswith("一级"))
            or _TOTAL.match(text)
            or text in ("绩", "绩效指标")
        ):
            return i
    return len(st.lines)


def _grade(text: str) -> str | None:
    """``评分等级 优`` → ``优``; ``None`` when the text is no grade line."""
    for word in ("评分等级", "评价等级", "绩效等级", "等级"):
        if word in text:
            return text.split(word, 1)[1].strip(" ：:") or None
    return None


def _totals(st: _State, at: int | None, out: dict[str, object]) -> None:
    if at is None:
        st.findings.append(finding("P003", st.loc(st.lines[-1].number), field="总分"))
        return
    ln = st.lines[at]
    parts = _TOTAL.sub("", ln.text.strip()).strip(" ：:").split()
    st.consumed.add(ln.number)
    for key, tok in zip(("total_weight", "total_score"), parts, strict=False):
        try:
            out[key] = parse_number(tok)
        except ValueError:
            st.findings.append(finding("P002", st.loc(ln.number, fld=key), field=key, text=tok))
    if len(parts) < 2:
        st.findings.append(finding("P003", st.loc(ln.number, fld="total_score"), field="总分"))
    rest = " ".join(parts[2:])
    if rest:
        out["grade"] = _grade(rest) or (rest if rest in _GRADES else None)
        if out["grade"] is None:
            detail = f"总分行多出的文字「{rest}」未归入任何字段"
            st.findings.append(finding("P008", st.loc(ln.number), detail=detail))
    for nxt in st.lines[at + 1 : at + 3]:
        grade = _grade(nxt.text.strip())
        if grade is not None or nxt.text.strip() in ("评分等级", "评价等级"):
            out["grade"] = grade
            st.consumed.add(nxt.number)
            break


@dataclass
class FormStart:
    """A form read up to its indicator rows, which need the document's column widths
    (:class:`~._table.Table`); :func:`finish_form` reads the rest."""

    st: _State
    data: dict[str, object]
    table: Table
    total_at: int | None


def start_form(ctx: FormContext, lines: list[Line]) -> FormStart:
    """Read one form's header, funds and goals from its non-blank lines (title first)
    and find its table."""
    st = _State(ctx, lines)
    st.consumed.add(lines[0].number)
    data: dict[str, object] = _header(st)
    goal_at = next(
        (i for i in range(st.pos, len(lines)) if _is_goal_header(lines[i].text)),
        st.find("预期目标"),
    )
    table_at = _table_start(st, goal_at + 1 if goal_at is not None else st.pos)
    goal_head = goal_at if goal_at is not None else table_at
    while goal_head > st.pos and lines[goal_head - 1].text.strip() in _GOAL_LABELS:
        goal_head -= 1
    data["funds"], data["funds_extra"] = _funds(st, goal_head)
    if goal_at is not None:
        data["goal_expected"], data["goal_actual"] = _goals(st, goal_head, table_at)
    total_at = next(
        (i for i in range(table_at, len(lines)) if _TOTAL.match(lines[i].text.strip())), None
    )
    table_end = total_at if total_at is not None else len(lines)
    return FormStart(st, data, read_table(lines[table_at:table_end], ctx.page_starts), total_at)


def finish_form(start: FormStart, widths: Widths) -> tuple[SelfEvaluation, set[int]]:
    """The form, its indicator rows read with the document's column ``widths``."""
    st, data, lines = start.st, start.data, start.st.lines
    printed = printed_level1_weights(ln.text for ln in lines)
    table = parse_table(st.ctx.doc.name, start.table, widths, printed)
    st.consumed |= table.consumed
    _totals(st, start.total_at, data)
    for key, zh in _REQUIRED:
        if not data.get(key):
            loc = st.loc(lines[0].number, lines[-1].number, key)
            st.findings.append(finding("P003", loc, field=zh))
    found = sorted([*st.findings, *table.findings], key=lambda f: (f.location.lines or (0, 0))[0])
    form = SelfEvaluation.model_validate(
        {
            **data,
            "source": Source(file=st.ctx.doc.name, lines=(lines[0].number, lines[-1].number)),
            "indicators": tuple(table.indicators),
            "findings": tuple(found),
        }
    )
    return form, st.consumed
