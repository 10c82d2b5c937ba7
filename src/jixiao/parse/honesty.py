"""Honest outcomes: a form whose title was found but nothing under it was read is an
error, and a refusal says what it saw.

A reader that finds a title and then none of the indicator rows or amounts has not
read a form: returning it as "1 张表" with empty fields and exit 0 would tell a user
the file was read. :func:`empty_form_finding` is the P013 error of such a form,
naming what was found; :func:`what_was_seen` describes a document no layout read (a
title at line N, a table of K columns) for the refusal message.
"""

from __future__ import annotations

import re

from jixiao.model import Finding, Form, Location, finding
from jixiao.model.labels import KIND_LABELS
from jixiao.parse.rebuild.vocab import LEVEL1_WORDS
from jixiao.parse.titles import find_title
from jixiao.read import Document
from jixiao.read.document import Line

__all__ = ["COLUMN_WORDS", "blank_forms", "empty_form_finding", "has_content", "what_was_seen"]

_NAMED = (("project", "项目名称"), ("department", "主管部门"), ("unit", "单位"))
_MAX_SEEN = 3
_MIN_PIPED = 3


def _has_amounts(form: Form) -> bool:
    data = form.model_dump(mode="python", include={"funds", "target_meta", "legacy", "amounts"})
    stack: list[object] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif item is not None and not isinstance(item, str | bool):
            return True
    return False


def has_content(form: Form) -> bool:
    """Whether an indicator row or an amount of ``form`` was read."""
    return bool(form.indicators) or _has_amounts(form)


COLUMN_WORDS = re.compile(
    r"一级指标|二级指标|三级指标|指标名称|评价指标|评价内容|分值|权重|得分|自评分|年度指标值"
    r"|年初目标值|目标值|指标值|实际完成值|全年实际值|完成值|年初预算数|全年预算数|全年执行数"
    r"|年度资金总额|预算数|执行数|执行率"
)
"""Column headers and amount captions: the words that say what a form's cells hold."""
_FIGURE = re.compile(r"\d+(?:\.\d+)?%?")
_LONG_LINE = 200


def empty_form_finding(
    form: Form, lines: tuple[Line, ...] = (), *, cut_off: bool = False
) -> Finding | None:
    """A P013 error when neither an indicator row nor an amount of ``form`` was read
    (unless the layout gave one), saying what ``lines`` (the text from its title to the
    next form's) hold. With ``cut_off`` (``form`` is the text's last, another form of it
    was read) and no column header or 一级指标 label in ``lines``, the text merely ends
    after the title (an excerpt or a preview cut off): a P017 warning instead."""
    if has_content(form) or any(f.code == "P013" for f in form.findings):
        return None
    start, end = form.source.lines
    named = [
        f"{label}「{getattr(form, key)}」" for key, label in _NAMED if getattr(form, key, None)
    ]
    parts = ["读出" + "、".join(named)] if named else []
    if lines:
        parts += _what_the_form_holds(lines, form)
    seen = "；".join(parts) or "其余文字见同一表的其他解析发现"
    title = f"第 {start} 行起的{KIND_LABELS.get(form.kind, '表单')}"
    loc = Location(file=form.source.file, lines=(start, end))
    if cut_off and not _holds_a_table(lines):
        return finding("P017", loc, title=title, seen=seen)
    return finding("P013", loc, title=title, missing="未读出任何指标行和金额", seen=seen)


def _holds_a_table(lines: tuple[Line, ...]) -> bool:
    """Whether ``lines`` print a column header or a 一级指标 label."""
    return any(COLUMN_WORDS.search(ln.text) or _LEVEL_WORDS.search(ln.text) for ln in lines)


def _first_words(pattern: re.Pattern[str], text: str) -> list[str]:
    return list(dict.fromkeys(pattern.findall(text)))


def _what_the_form_holds(lines: tuple[Line, ...], form: Form) -> list[str]:
    """The lines of an empty form as a reader sees them: their shape (bars, long runs of
    text), the column headers and 一级指标 labels printed, how many figures, and why
    the cells were not told apart."""
    text = "".join(ln.text for ln in lines)
    piped = [ln for ln in lines if ln.text.count("|") >= 2]
    filled = sum(1 for ln in lines if not ln.blank)
    longest = max((len(ln.text) for ln in lines), default=0)
    first, last = lines[0].number, lines[-1].number
    where = f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
    if len(piped) >= _MIN_PIPED:
        width = max(len(ln.text.strip().strip("|").split("|")) for ln in piped)
        shape = f"有 {len(piped)} 行竖线分隔的表格文字（最多 {width} 格一行）"
    elif longest >= _LONG_LINE:
        shape = f"有 {filled} 行文字，最长一行 {longest} 字（整表连写）"
    else:
        shape = f"有 {filled} 行文字"
    held = [where + shape]
    headers = _first_words(COLUMN_WORDS, text)
    held.append(
        f"表头词「{'、'.join(headers[:_MAX_HEADERS])}」"
        if headers
        else "没有「一级指标」「三级指标」「年度资金总额」一类表头"
    )
    levels = _first_words(_LEVEL_WORDS, text)
    if levels:
        held.append(f"一级指标「{'、'.join(levels[:_MAX_WORDS])}」")
    figures = len(_FIGURE.findall(_NOT_FILLED.sub(" ", text)))
    held.append(f"{figures} 个数" if figures else "没有一个数（表未填写）")
    if figures and any(f.code == "P012" for f in form.findings):
        held.append("各格的文字无法唯一地拆分到这些列（见 P012）")
    elif headers and figures:
        held.append("没有一行能按这些表头拆成指标行或金额")
    return held


_NOT_FILLED = re.compile(
    r"(?:19|20)\d{2}|第\s*\d{1,3}\s*页|共\s*\d{1,3}\s*页|附[件表]?\s*\d{1,2}"
    r"|(?<![\d.])\d{1,2}\s*[、.．](?!\d)"
)
"""Digits a blank form prints: a year (适用2017年), a page's or an attachment's number
(附1), an item's (1、 2.)."""


def blank_forms(doc: Document, forms: list[Form]) -> str | None:
    """What a document of blank forms holds (``None`` when it is not one): forms found
    by their titles, none with a name, an amount or an indicator row read, and no
    figure from the first one on but years and the numbers of items and pages (a
    template as published, ``项目名称：_____``, ``新增项目□``, ``1、 2、 3、``)."""
    if not forms or any(has_content(f) or _named(f) for f in forms):
        return None
    first = forms[0]
    text = " ".join(ln.text for ln in doc.lines[first.source.lines[0] - 1 :])
    if any(ch.isdigit() for ch in _NOT_FILLED.sub(" ", text)):
        return None
    kinds = "、".join(dict.fromkeys(KIND_LABELS.get(f.kind, "表单") for f in forms))
    where = f"第 {first.source.lines[0]} 行起有 {len(forms)} 张{kinds}"
    return f"{where}，但表中没有填写任何名称、金额或指标，也没有一个数（空白表样）"


def _named(form: Form) -> bool:
    return any(getattr(form, key, None) for key, _ in _NAMED)


_LEVEL_WORDS = re.compile("|".join(w for w in LEVEL1_WORDS if w.endswith("指标")))
_MAX_WORDS = 4
_MAX_HEADERS = 8


def _indicator_words(doc: Document) -> list[str]:
    """Where the text prints 一级指标 labels (产出指标, 效益指标 …): indicator rows of a
    form whose title and header are not in the text (a page cut out of a longer one)."""
    found: dict[str, int] = {}
    for line in doc.lines[:5000]:
        for word in _LEVEL_WORDS.findall(line.text):
            found.setdefault(word, line.number)
    if not found:
        return []
    first = min(found.values())
    words = "、".join(list(found)[:_MAX_WORDS])
    rows = f"第 {first} 行起有指标行的文字（一级指标「{words}」）"
    return [f"{rows}，但没有表单标题（无法判断是哪种表）"]


def what_was_seen(doc: Document) -> str:
    """What a document holds that looks like a form: titles with their lines, tables
    with their sizes (or the lines of a table flattened with bars), and what stopped a
    reading: headers without a title, or a table without the headers that say what its
    columns hold (empty when nothing looks like a form)."""
    parts: list[str] = []
    titles = 0
    for line in doc.lines:
        found = find_title(line.text) if len(line.text) <= 200 else None
        if found is not None:
            titles += 1
            if titles <= _MAX_SEEN:
                parts.append(f"第 {line.number} 行有标题「{found.title}」")
    if titles > _MAX_SEEN:
        parts.append(f"共 {titles} 处标题")
    for table in doc.tables[:_MAX_SEEN]:
        parts.append(f"第 {table.first_line} 行起有 {table.n_rows} 行 {table.n_cols} 列的表格")
    if len(doc.tables) > _MAX_SEEN:
        parts.append(f"共 {len(doc.tables)} 个表格")
    piped = [ln for ln in doc.lines if ln.text.count("|") >= 2]
    if not doc.tables and len(piped) >= _MIN_PIPED:
        width = max(len(ln.text.strip().strip("|").split("|")) for ln in piped)
        first, last = piped[0].number, piped[-1].number
        parts.append(
            f"第 {first}–{last} 行有 {len(piped)} 行竖线分隔的表格文字（最多 {width} 格一行）"
        )
    headers = _first_words(COLUMN_WORDS, "".join(ln.text for ln in doc.lines[:5000]))
    if not titles and not headers:
        parts += _indicator_words(doc)
    if headers and not titles:
        parts.append(f"表头词「{'、'.join(headers)}」，但没有表单标题（无法判断是哪种表）")
    elif parts and not headers:
        parts.append("没有「一级指标」「三级指标」「年度资金总额」一类表头（无法判断各列是什么）")
    return "；".join(parts)
