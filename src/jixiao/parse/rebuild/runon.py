"""Cells run together with no separator: cutting a token where one cell must end.

``产出指标数量指标足额保障率=100%`` is 一级指标, 二级指标, 三级指标 and 年度指标值;
``安装坡面水标尺10≥266米≥266米10`` is 三级指标, 分值, 年度指标值, 实际完成值, 得分.
A token is cut only at places no printed cell spans: after a known label (一级/二级
指标, a field label), before a comparison sign, and between a unit and the number of
the next cell. The pieces are marked ``glued``: the row builder may join them again
(cheaply) where one cell fits better, so a cut is a proposal, never a decision.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from jixiao.parse.layouts.grid import COLUMNS, EXPLAINED, FILL_WORDS
from jixiao.parse.rebuild.anchors import is_indicator_caption
from jixiao.parse.rebuild.tokens import UNIT_TAIL, Token
from jixiao.parse.rebuild.value_cuts import (
    NOTE_AFTER,
    TABLE_CAPTIONS,
    UNIT_STARTS,
    fine_cuts,
    twice,
)
from jixiao.parse.rebuild.vocab import (
    CORNER_WORDS,
    EXTRA_COLUMNS,
    FUND_LABEL_ENDS,
    LABEL_WORDS,
    LEVEL1_WORDS,
    LEVEL2_WORDS,
    SOURCE_CAPTIONS,
    fund_column,
    fund_row_label,
    goal_caption,
    header_field,
    is_level1,
    is_level2,
    is_other_label,
    is_spending_label,
    is_total,
    key_label,
    near_header,
    without_weight,
)
from jixiao.parse.titles import ATTACHMENT_HEAD, MAX_TITLE, MENTION, TITLE, find_title

__all__ = ["join_wrapped", "split_runon"]

_MAX_PIECES = 48
_PREFIX_LEVEL = re.compile(
    r"^(?:"
    + "|".join(sorted((w for w in LEVEL1_WORDS if len(w) >= 4), key=len, reverse=True))
    + r")(?:[（(]\d+分[)）])?"
)
_LEVEL2 = re.compile(r"^[^\d≥≤<>=＞＜]{2,8}?指标(?:[（(]\d+分[)）])?")
_PROSE = re.compile(r"[，。；;！？]|,(?!\d{3})")
"""Sentence punctuation: a narrative cell, never a run of short cells."""
_RUN_OF_CELLS = re.compile(
    r"[%％][\d\u4e00-\u9fff]|(\d+(?:\.\d+)?[\u4e00-\u9fff%％]{1,3})\1(?=\d|$|[^\d.])"
    r"|([\u4e00-\u9fff]{1,4})\2(?=\d)|[)）][=＝≥≤＞＜><]\d"
)
"""A percentage run into the next cell (``到位率100%100%库存…``), or a quantity or a
word printed twice (``损坏的音50件50件2020``, ``服装质量等合格合格2020``: a 年度指标值
and its 实际完成值, the numbers after them the 分值 and 得分), or a name's bracketed unit
before a sign and a number (``防火面积(万亩)=320万亩``: the name, then its value)."""
_CHANGE_END = re.compile(r"^[^\d]{4,24}?(?:长远|长期)$")
"""A name whose value (长远) ran into it (``对当地文物保护、文化传承影响长远``): its 、
lists the name's items, it is no sentence."""
_STAMP = re.compile(r"^\s*[（(][^)）]{0,6}[)）]$")
"""A bracketed stamp or unit after a label (``实施单位 (盖章)``): part of the label."""
_LABELS = re.compile("|".join(re.escape(w) for w in LABEL_WORDS) + r"|项目期(?=\s*\d)")
"""Every label; 项目期 (too short to cut at everywhere) only before the period's dates."""
_IN_PROSE = frozenset(")），,。；;")
"""Characters that never follow a caption: a label word before them is prose."""
_SENTENCE_AMOUNT = re.compile(r"\s*\d[\d.,]*[\u4e00-\u9fff%％]{0,2}(?:[。；;，]|,(?!\d))")
"""An amount that ends a clause (``合计22430200元。``): the label before it is prose."""
_COMPARISON = re.compile(r"不超过|不超出|不超|不高于|不低于|低于|高于")
_COMPARED = re.compile(r"(?:不超过|不超出|不超|不高于|不低于|低于|高于|控制在|小于|大于|等于)$")
"""A comparison's words before a label's (``不超年初预算``): the label is its object."""
_OF_WHICH_AFTER = re.compile(r"(?<=[\d%％。；;])其中|(?<=\d[人个户次件项名所家座台亩吨元])其中")
"""其中 after the amounts of a row (or the sentence ending it, or a quantity: ``≥174人
其中:受益少数民族人口数``): the label of the next row (its sources, its part) begins."""
_OF_WHICH_ROW = re.compile(r"^(其中\s*[:：]?[^\d]{1,24}?)([\d.,%％]+)$")
"""A source row's label and its amounts run together (``其中:中央、省补助资金194.9194.9``)."""
_TOTAL_NEXT = re.compile(r"\s*(?:[（(]分[)）])?\s*(?:[\d.%/／\-—–≥≤=]|$)")
"""A total's label is followed by its numbers (its unit, ``(分)``, may come between)."""
_NOTE = re.compile(r"[（(][^()（）]*[)）]")
_OF_WHICH = re.compile(r"其中\s*[:：]?\s*$|其中\s*[:：]?\s*(?=\S)")
_COLON = re.compile(r"\s*[:：]|\s*[（(](?:分|万元|元|[%％])[)）]")
"""What ends a label after its words: a colon, or the unit of its value in brackets
(``自评总分(分)``)."""
_FILL_NOTE = re.compile(rf"\s*[（(][^()（）]{{0,8}}?(?:{FILL_WORDS})[^()（）]{{0,8}}[)）]")
"""A template's instruction after a 一级/二级 label (``质量指标(必填)``): the label's."""
_VALUE_HEAD = re.compile(r"\d(?:[%％‰㎡㎥]|百分比|个百分点)")
"""A value whose end is certain (its unit is a sign or 百分比) before a title run into it."""
_TITLE_YEAR = re.compile(r"\s*[（(]\s*(?:19|20)\d{2}\s*年度?\s*[)）]")
_LONG = 24
"""A token this long with labels inside is a run of cells (a whole form without
separators), cut at every label before the finer cuts."""


def split_runon(token: Token, cells_kept: bool = False) -> list[Token]:
    """``token`` cut into the cells that ran together in it (itself when none did).

    ``cells_kept``: the flattening kept cell boundaries (pipes), so a long token is one
    cell's text and is not cut at the labels inside it."""
    token = _without_specks(token)
    if cells_kept:  # a cell is a cell: only labels run into it are cut off
        whole = len(token.text) < 4 or _whole_label(token.text)
        pieces = [token.text] if whole else _inline(token.text) or _peel(token.text)
        if len(pieces) > 1:  # a label and its name: another name's label may follow
            pieces = [*pieces[:-1], *_names_after(pieces[-1])]
        return _pieces(token, pieces if len(pieces) > 1 else [token.text])
    if _indicator_caption(token.text):
        return [token]  # 年度绩效指标完成情况: the indicator table's caption, whole
    if len(token.text) < _LONG and len(_peel(token.text)) < 2:
        return _split(token)  # short, and no caption runs into it
    out: list[Token] = []
    certain = {b for span in _repeated_notes(token.text) for b in span}
    at = 0
    for k, piece in enumerate(_cut_labels(token.text)):
        at = token.text.find(piece, at)
        glued = token.glued if k == 0 else at not in certain  # a repeated note's ends are sure
        out.extend(_split(replace(token, text=piece, glued=glued)))
        at += len(piece)
    return out


def _without_specks(token: Token) -> Token:
    """A star a scan read inside a label (``一*级项目名称``) dropped; a star between
    other words (``执行率*该指标分值``, ``530元/人*月``) multiplies and stays."""
    text = token.text
    for m in reversed(list(_STAR.finditer(text))):
        i = m.start()
        bare = text[:i] + text[i + 1 :]
        window = _LABELS.finditer(bare, max(0, i - 8), i + 12)
        if any(w.start() < i < w.end() for w in window):
            text = bare
    return token if text == token.text else replace(token, text=text)


_CODE_AFTER = re.compile(r"(?:编码|代码|编号)(?![:：]?\s*\d)")
_SOURCE = re.compile("|".join(SOURCE_CAPTIONS))
_AND_CODE = re.compile(r"及(?:部门|单位)?(?:预算)?(?:编码|代码)")
"""``及部门预算编码`` after a label: the label names the code printed with its value."""
_STAR = re.compile(r"(?<=[\u4e00-\u9fff])[*＊](?=[\u4e00-\u9fff])")


def _cut_labels(text: str) -> list[str]:
    """``text`` cut before and after every label the vocabulary knows."""
    cuts = {0, len(text)}
    after_project = False
    notes = _bracketed(text)
    repeated = _repeated_notes(text)
    for a, b in repeated:
        cuts.update((a, b))
    last_end = -1  # where the last label cut ended
    passed = 0  # where a label read again after a project's name ended
    for m in _LABELS.finditer(text):
        start, end = m.start(), m.end()
        if start < passed:
            continue
        before = text[start - 1] if start else ""
        closing = is_indicator_caption(m.group(0)) and (
            end == len(text) or _LABELS.match(text, end) is not None
        )
        if (before in "(（,，" and before and not closing) or text[end : end + 1] in _IN_PROSE:
            continue  # a label named inside brackets or by a comma is part of a sentence
            # (the indicator table's caption before its headers opens the table)
        if before and before in "*＊":
            start -= 1  # 浮梁县林业局*联系人: the star marks the label as required
        if _mid_clause(text, start, end) and not _level_label(m.group(0)):
            continue  # …做到科学管理,让项目资金在地区…: a label's words inside a clause
        if any(a < start < b for a, b in notes):
            continue  # 绩效指标(权重分值90分,其中…): a bracketed note names labels in prose
        if any(a < start < b for a, b in repeated):
            continue  # …=116人该指标值数据合理保障…: a note's words, printed on every row
        label = m.group(0)
        if text.startswith("指标", end) and is_level2(label + "指标"):
            end += 2  # 产出数量指标: the level's whole name, not 产出数量 and a name 指标…
            label += "指标"
        coded = _AND_CODE.match(text, end)
        if coded is not None:  # 主管部门(单位)名称及部门预算编码: one label, naming its code too
            end = passed = coded.end()
            label = text[start:end]
        code = _CODE_AFTER.match(text, end)
        if code is not None:  # 主管部门编码: the label of a code, not 主管部门 and a value 编码
            cuts.update((start, code.end()))
            continue
        if _SENTENCE_AMOUNT.match(text, end):
            continue  # …测算。合计22430200元。: a sum stated in a sentence
        if _COMPARED.search(text, 0, start):
            continue  # 不超年初预算: what a value is compared with, no caption
        if is_total(label) and not _TOTAL_NEXT.match(text, end) and not _LABELS.match(text, end):
            continue  # 两项合计建成…: a total's label is followed by its numbers
        if _name_end(label, before, text[end : end + 1]):
            continue  # 管理制度严格执行率100%: a column's word ending a name before its value
        if start != last_end and _in_sentence(text, start, end, label):
            if before.isdigit() or before in "%％":
                cuts.add(start)  # the sentence begins after the amounts
            continue  # 执行率*该指标分值,最高不得超过分值上限。: words of a sentence
        if after_project and _name_takes_xiangmu(text, start, label):
            start += 2  # …示范推广项目实施单位: the project's name ends in 项目
            longer = _LABELS.match(text, start)  # …项目主管部门及代码: the label read again
            if longer is not None and longer.end() > end:
                end, label, passed = longer.end(), longer.group(0), longer.end()
        after_project = key_label(label) == "project"
        lead = _OF_WHICH.search(text, 0, start)  # 其中：本年财政拨款 is one label
        if lead is not None and lead.end() == start:
            start = lead.start()
        start = _caption_start(text, max(start - _CAPTION_HEAD, last_end, 0), start, end)
        colon = _COLON.match(text, end)  # 年度资金总额：20 — the colon ends the label
        if colon is None and (is_level1(label) or is_level2(label)):
            colon = _FILL_NOTE.match(text, end)  # 数量指标(必填硬性指标): the template's note
        last_end = colon.end() if colon else end
        cuts.update((start, last_end))
    cuts.update(m.start() for m in _OF_WHICH_AFTER.finditer(text))
    for m in _SOURCE.finditer(text):  # …林业局中央补助年度金额: a source's caption before a label
        if _LABELS.match(text, m.end()) is not None:
            cuts.update((m.start(), m.end()))
    for t in TITLE.finditer(text):  # a title's wording is never cut, its end always
        if MENTION.match(text, t.end()):
            continue  # 是否完成绩效目标申报表中申报的数量: a form named in a sentence
        tail = t.end() + text.startswith("表", t.end())  # 部门整体绩效自评|表: the 表 is its own
        year = _TITLE_YEAR.match(text, tail)
        end = year.end() if year else tail
        cuts = {c for c in cuts if not t.start() <= c < end} | {0, end}  # a text may open with it
        first = max(c for c in cuts if c <= t.start())
        opening = max(text.rfind(c, first, t.start()) for c in ":：")
        if opening >= first:  # …具体内容如下:项目支出绩效自评表: the title begins after the colon
            first = opening + 1
            cuts.add(first)
        heading = list(ATTACHMENT_HEAD.finditer(text, first, t.start()))
        if heading:  # …进行安排,附件2中央…绩效目标表: the attachment's heading opens the title
            first = heading[-1].start()
            cuts.add(first)
        values = list(_VALUE_HEAD.finditer(text, first, t.start()))
        if values:  # =99百分比省级部门预算项目支出绩效目标表: a value ends there
            cuts.add(values[-1].end())
    points = sorted(cuts)
    return _scrambled_joined(
        [text[a:b] for a, b in itertools.pairwise(points) if text[a:b].strip()]
    )


def _caption_start(text: str, first: int, start: int, end: int) -> int:
    """Where the caption holding the label at ``start:end`` begins: earlier where the
    words between a sentence's end and the label make with it a caption the vocabulary
    knows (``…做好服务。年度`` + ``绩效指标``: 年度绩效指标), so they end no sentence."""
    for i in range(first, start):
        whole = text[i:end]
        if (
            text[i - 1 : i] in _SENTENCE_ENDS
            and _HAN.fullmatch(text, i, start)
            and (whole in TABLE_CAPTIONS or is_indicator_caption(whole) or _whole_label(whole))
        ):
            return i
    return start


_CAPTION_HEAD = 4
"""The most words before a label that may begin its caption."""
_SENTENCE_ENDS = frozenset("。；;")


def _repeated_notes(text: str) -> list[tuple[int, int]]:
    """The spans of a note printed the same on every row (``…=116人该指标值数据合理保障
    退休职工人数(人)=81人该指标值数据合理…``): words pointing at a label (该指标值) at
    least :data:`_NOTE_ROWS` times, as far as every one of them reads the same. None
    where the notes differ right after the label."""
    starts = [m.start() for m in _POINTING.finditer(text)]
    if len(starts) < _NOTE_ROWS:
        return []
    tails = [text[a:b] for a, b in itertools.pairwise([*starts, len(text)])]
    low, high = min(tails), max(tails)  # the sorted ends share what all of them share
    common = next((i for i, (a, b) in enumerate(zip(low, high, strict=False)) if a != b), len(low))
    label = _LABELS.match(text, starts[0] + 1)
    if label is None or common <= label.end() - starts[0]:
        return []
    return [(a, a + common) for a in starts]


_POINTING = re.compile(r"[该此](?=" + _LABELS.pattern + ")")
"""A word pointing at a label (``该指标值``): the label is the object of a note."""
_NOTE_ROWS = 3


def _name_takes_xiangmu(text: str, start: int, label: str) -> bool:
    """Whether the 项目 opening ``label`` (项目实施单位, 项目主管部门) at ``start`` ends the
    project's name before it instead: where the label reads without it too, unless the
    name would then end in 项目项目 (…项目项目实施单位) or name a fee (经费, 事业费: a
    fee's name takes no 项目 after it, ``…公用经费项目主管部门``)."""
    if not label.startswith("项目") or not _whole_label(label[2:]):
        return False
    return not text.endswith(("项目", "费"), 0, start)


def _scrambled_joined(pieces: list[str]) -> list[str]:
    """A few characters no label takes joined to the column header after them where the
    two are one header a scan scrambled (``际实`` + ``完成值``: 实际完成值)."""
    out: list[str] = []
    for piece in pieces:
        prev = out[-1] if out else ""
        if (
            0 < len(prev) <= _SCRAMBLED
            and _HAN.fullmatch(prev) is not None
            and not _is_label(prev)
            and header_field(piece) is not None
            and near_header(prev + piece) is not None
        ):
            out[-1] = prev + piece
        else:
            out.append(piece)
    return out


_SCRAMBLED = 3
"""At most this many characters of a header are left before its known part."""


def _prose(text: str) -> bool:
    """A narrative cell: sentence punctuation, or an enumeration comma (、) in text that
    is no run of cells (``5000吨稻谷、500吨成品粮储备到位率100%100%`` is one)."""
    if _PROSE.search(text):
        return True
    if "、" not in text or _RUN_OF_CELLS.search(text) is not None:
        return False
    return _CHANGE_END.search(text) is None


def _mid_clause(text: str, start: int, end: int) -> bool:
    """A label's words between two words of a clause: a comma shortly before them with
    no sentence end between, and words (no label, number or bracket) after them."""
    if not (
        _HAN.fullmatch(text[start - 1 : start] or "-")
        and _HAN.fullmatch(text[end : end + 1] or "-")
    ):
        return False
    if _LABELS.match(text, end) is not None:
        return False
    head = text[max(0, start - _NEAR) : start]
    comma = max(head.rfind(","), head.rfind("，"))  # 、 lists a value's items, no clause
    return comma >= 0 and not any(c in head[comma:] for c in "。；;：:")


def _level_label(label: str) -> bool:
    """A 二级 label's whole name (社会效益指标): a cell of its own even after a clause."""
    return len(label) > _LEVEL_WORD and label.endswith("指标") and is_level2(label)


_LEVEL_WORD = 4


def _in_sentence(text: str, start: int, end: int, label: str) -> bool:
    """A column header's word (执行率, 分值, 完成值) inside a sentence: the text around
    it up to a full stop close after has clause punctuation (``执行率*该指标分值,最高
    不得超过分值上限。``, a 得分计算方法 cell). A field's label may open a sentence; a
    column's word never does. (Not asked of a label right after another: captions
    printed side by side, 预期目标实际完成情况邀请…。, are a header run.)"""
    if fund_column(label) is None and header_field(label) is None:
        return False
    if key_label(label) is not None or fund_row_label(label) is not None:
        return False
    stop = text.find("。", end, end + _SENTENCE)
    return stop >= 0 and _CLAUSE.search(text, max(0, start - _NEAR), stop) is not None


_CLAUSE = re.compile(r"[,，;；、]")
_SENTENCE = 40
_NEAR = 12


def _name_end(label: str, before: str, after: str) -> bool:
    """A column header's word (执行率, 得分) run between a word and a number: the end of
    an indicator's name, not a header (a header stands before other headers or rows)."""
    return (
        _HAN.fullmatch(before or "-") is not None
        and after[:1].isdigit()
        and fund_column(label) is not None
        and key_label(label) is None
        and fund_row_label(label) is None
    )


def _bracketed(text: str) -> list[tuple[int, int]]:
    """The spans of the bracketed notes in ``text`` that hold sentence punctuation."""
    return [m.span() for m in _NOTE.finditer(text) if _PROSE.search(m.group(0))]


def _split(token: Token) -> list[Token]:
    text = token.text
    row = _OF_WHICH_ROW.match(text)
    if row is not None:
        return _pieces(token, [row.group(1), row.group(2)])
    if _prose(text):
        ends = _sentence_ends(text)
        return _pieces(token, ends) if len(ends) > 1 else [token]
    if len(text) < 4 or _whole_label(text):
        doubled = twice(text)
        return _pieces(token, doubled) if len(doubled) > 1 else [token]
    out = fine_cuts(_header_run(text) or _peel(text))
    if len(out) <= 1 or len(out) > _MAX_PIECES:
        return [token]
    return _pieces(token, out)


_NAME_THEN_RUN = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,30}?)(?P<run>\d[\d.]{2,})"
    rf"(?=[\u4e00-\u9fff])(?![{UNIT_STARTS}])"
)
"""A short name, numbers and then a sentence run together (``辖区居民满意度109095按B/A
*该指标分值记分,…``): an indicator's name and its numbers before a scoring rule."""
_NUMBER_AFTER_SENTENCE = re.compile(r"(?<=[。；;])(?=\d+(?:\.\d+)?[%％]?$)")
"""A number after a sentence's end, ending the text (``…按B/A*该指标分值记分。12.5``):
the next cell (a score after its scoring rule)."""


def _sentence_ends(text: str) -> list[str]:
    """A sentence cut from the name and numbers before it, the number after it, and a
    note run on after a value; the words of the sentence are never cut."""
    note = NOTE_AFTER.search(text)  # ≥95%注:各地请根据…: a note under the table
    if note is not None:
        return [*_sentence_ends(text[: note.start()]), text[note.start() :]]
    pieces = _NUMBER_AFTER_SENTENCE.split(text)
    head = _NAME_THEN_RUN.match(pieces[0])
    if head is not None:
        pieces[:1] = [head.group("name"), head.group("run"), pieces[0][head.end() :]]
    return [p for p in pieces if p]


def _pieces(token: Token, texts: list[str]) -> list[Token]:
    return [
        replace(token, text=p, glued=token.glued if i == 0 else True) for i, p in enumerate(texts)
    ]


def _whole_label(text: str) -> bool:
    """A caption the vocabulary knows as a whole (年度总体目标完成情况): never cut. A
    comparison's words make a value of a column's word (``支出不超年初预算``)."""
    if _COMPARISON.search(text):
        return False
    return any(f(text) is not None for f in (key_label, goal_caption, header_field, fund_column))


def _indicator_caption(text: str) -> bool:
    """``text`` is the indicator table's caption and nothing more (``年度绩效指标完成情况``,
    ``绩效指标(90分)``): a bracketed weight or unit may follow it, no other cell."""
    rest = text[len(_BRACKET.split(text, maxsplit=1)[0]) :]
    return is_indicator_caption(text) and (not rest or UNIT_TAIL.fullmatch(rest) is not None)


_BRACKET = re.compile(r"[(（]")


def _names_after(value: str) -> list[str]:
    """A name cut off where the label of another name runs on after it (项目主管部门
    ``青山区教育局项目执行单位化工区学校``: the department, 项目执行单位, the unit); the
    value whole when no such label stands inside it with words on both sides."""
    for m in _LABELS.finditer(value):
        label = m.group(0)
        if m.start() >= 2 and len(value) - m.end() >= 2 and key_label(label) in _NAMES:
            return [value[: m.start()], label, value[m.end() :]]
    return [value]


_NAMES = frozenset({"project", "department", "unit"})
"""The fields a form's name labels (项目名称, 主管部门, 实施单位) hold."""


def _peel(text: str) -> list[str]:
    """Known labels cut off the front of ``text``, then the rest."""
    out: list[str] = []
    rest = text
    for _ in range(4):
        lead = _PREFIX_LEVEL.match(rest)
        m = (lead.group(0) if lead else None) or _level2(rest) or _label(rest)
        after = rest[len(m) :] if m else ""
        if m is None or m == rest or len(after) < 2 or _STAMP.match(after) or after[0] in "、,，/":
            break  # 预算部门、单位名称: one caption naming two things
        if _CODE_AFTER.match(after):
            break  # 主管部门编码: one label, the code's
        out.append(m)
        rest = rest[len(m) :]
    return [*out, rest] if rest else out


def _header_run(text: str) -> list[str] | None:
    """A run of column headers (``指标名称指标值``) cut into them; a short head before
    them (``类型``, the end of a header wrapped from the line before) is a piece of its
    own. ``None`` unless at least two headers cover the rest."""
    for head in range(4):
        if head and not _HAN.fullmatch(text[:head]):
            break
        words = _headers(text[head:])
        if words is not None and len(words) >= 2:
            return ([text[:head]] if head else []) + words
    return None


def _headers(text: str) -> list[str] | None:
    """``text`` as column headers one after another (the longest first), else ``None``."""
    out: list[str] = []
    while text:
        sizes = range(min(len(text), 10), 1, -1)
        size = next((n for n in sizes if _header_word(text[:n])), 0)
        if not size and out:  # a header a scan scrambled (际实完成值), after a whole one
            size = next((n for n in sizes if near_header(text[:n]) is not None), 0)
        if not size:
            return None
        out.append(text[:size])
        text = text[size:]
    return out


def _header_word(text: str) -> bool:
    """A column's header: a field's (目标值), or one explaining the indicator (指标说明,
    评分标准) that no field holds but a header run prints between the others."""
    return header_field(text) is not None or text in EXPLAINED or text in EXTRA_COLUMNS


_INLINE = re.compile(r"^(?P<label>[^:：]{2,16})[:：]\s*(?P<value>\S.*)$")


def _inline(text: str) -> list[str] | None:
    """A label and its value in one cell (``年度资金总额:50万``) as two, else ``None``."""
    m = _INLINE.match(text)
    if m is None:
        return None
    label = m.group("label").strip()
    if key_label(label) is None and fund_row_label(label) is None and not is_spending_label(label):
        return None
    return [label, m.group("value")]


def _level2(text: str) -> str | None:
    m = _LEVEL2.match(text)
    return m.group(0) if m and is_level2(m.group(0)) else None


def _label(text: str) -> str | None:
    """A caption at the start of ``text`` (项目名称委托业务项目 → 项目名称)."""
    for size in range(2, min(len(text) - 1, 10) + 1):
        head = text[:size]
        if key_label(head) is not None or is_other_label(head) or head in TABLE_CAPTIONS:
            return head
    return None


_HAN = re.compile(r"[\u4e00-\u9fff]+")
_WORDS = re.compile(r"[\u4e00-\u9fff]+(?:[(（][\u4e00-\u9fff]+[)）])?")
"""Chinese words, with a bracketed qualifier (``部门(单位)``): the first part of a label."""
_WRAP = 8
"""A wrapped label's parts are short."""


def join_wrapped(tokens: list[Token], cells_kept: bool = False) -> list[Token]:
    """Labels wrapped over two cells (``年初`` / ``预算数``, ``经济效益`` / ``指标``) joined
    again: two short neighbours that are a label together, the first one none alone.
    Where cells are not kept (one cell a line is no cell boundary), a caption printed
    down a merged cell is joined too (:func:`_stacked`)."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        a = tokens[i]
        b = tokens[i + 1] if i + 1 < len(tokens) else None
        stacked = 0 if cells_kept else _stacked(tokens, i)
        if stacked:
            text = "".join(t.text for t in tokens[i : i + stacked])
            out.append(replace(a, text=text, caption=True))
            i += stacked
            continue
        if out and a.glued and a.text in _SIGN_ALONE:  # 服务对象满意度|%: the name's unit
            out[-1] = replace(out[-1], text=out[-1].text + a.text)
            i += 1
            continue
        weight = _LONE_WEIGHT.fullmatch(a.text.strip())
        if out and weight and (is_level1(out[-1].text) or is_level2(out[-1].text)):
            # 产出指标 / (50): the label's weight, wrapped (or its bracket lost: 30分))
            out[-1] = replace(out[-1], text=f"{out[-1].text}({weight.group('w')})")
            i += 1
            continue
        if out and UNIT_TAIL.match(a.text) and (a.glued or a.line != out[-1].line):
            out[-1] = replace(out[-1], text=out[-1].text + a.text)
            i += 1
            continue
        c = tokens[i + 2] if i + 2 < len(tokens) else None
        if b is not None and c is not None and _wrapped_thrice(a.text, b.text, c.text):
            out.append(replace(a, text=a.text + b.text + c.text))
            i += 3
            continue
        if b is not None and _wrapped_title(a.text, b.text):
            out.append(replace(a, text=a.text + b.text))
            i += 2
            continue
        tail = without_weight(b.text) if b is not None else ""  # 产出 / 指标(60分)
        if (
            b is not None
            and 0 < len(a.text) <= _WRAP
            and _WORDS.fullmatch(_AMONG.sub("", a.text)) is not None
            and _HAN.fullmatch(tail) is not None
            and 0 < len(tail) <= _WRAP
            and (not _is_label(a.text) or tail == "指标" or _continued(a.text, b.text))
            and _joins(a.text, b.text)
        ):
            out.append(replace(a, text=a.text + b.text))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


_LONE_WEIGHT = re.compile(r"(?=.*[()（）])[（(]?\s*(?P<w>\d+(?:\.\d+)?\s*分?)\s*[)）]?")
"""A weight in brackets alone in a cell (``(50)``, ``(30分)``; one bracket lost: ``30分)``)."""
_SIGN_ALONE = frozenset({"%", "％", "‰"})
"""A unit sign cut off alone: no cell of its own, the end of the text before it."""
_STACK = 2
"""The characters a line of a caption printed down a merged cell."""
_MIN_STACK = 3
"""At least this many such lines make a stacked caption."""


def _stacked(tokens: list[Token], i: int) -> int:
    """How many tokens from ``i`` are a caption printed down a merged cell (年度 / 总体 /
    目标 / 完成 / 情况): each alone on its line, the lines consecutive, each one or two
    Chinese characters and no column's word; ``0`` when they are not."""

    def alone(k: int) -> bool:
        t = tokens[k]
        before = k == 0 or tokens[k - 1].line != t.line
        after = k + 1 == len(tokens) or tokens[k + 1].line != t.line
        short = len(t.text) <= _STACK and _HAN.fullmatch(t.text) is not None
        return before and after and short and not _column_word(t.text)

    j = i
    while j < len(tokens) and alone(j) and (j == i or tokens[j].line == tokens[j - 1].line + 1):
        if j + 1 < len(tokens) and _opens_table(tokens[j].text + tokens[j + 1].text):
            break  # 一级 / 指标: the header of the table beside the caption
        j += 1
    return j - i if j - i >= _MIN_STACK else 0


def _column_word(text: str) -> bool:
    """A column's header by itself (权重, 得分): a cell of a header row, no caption's part."""
    return header_field(text) is not None or fund_column(text) is not None


def _opens_table(text: str) -> bool:
    return header_field(text) is not None or is_level1(text) or is_level2(text)


def _wrapped_thrice(a: str, b: str, c: str) -> bool:
    """A column header wrapped over three cells (``偏差原因`` / ``分析及`` / ``改进措施``):
    together exactly a header word, the middle part no label of its own, the first two
    parts none together."""
    parts = (a, b, c)
    if not all(0 < len(p) <= _WRAP and _HAN.fullmatch(p) for p in parts):
        return False
    return a + b + c in _HEADER_WORDS and not _is_label(b) and a + b not in _HEADER_WORDS


_HEADER_WORDS = frozenset(w for _, words in COLUMNS for w in words)
"""Every word of the indicator table's header, as the vocabulary prints it."""


def _wrapped_title(a: str, b: str) -> bool:
    """A title broken over two cells (``部门`` / ``整体支出绩效目标表``): together they
    name a form that ``b`` alone does not (``公文时效`` / ``绩效目标申报表`` are a caption
    and a title of their own)."""
    if not a or not b or len(a) > _WRAP or len(a) + len(b) > MAX_TITLE:
        return False
    if _HAN.fullmatch(a) is None or find_title(a) is not None:
        return False
    whole, alone = find_title(a + b), find_title(b)
    return whole is not None and (alone is None or alone.kind != whole.kind)


def _joins(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one label: a caption the vocabulary names exactly
    (年初 + 预算数, 年度 + 指标值, 项目预算 + 执行情况(10分)), or a label when ``b``
    alone is none (经济效益 + 指标); never where ``b`` alone names what the whole would
    (指标说明 | 指标分值: two headers, not one)."""
    whole = a + b
    exact = without_weight(whole) in (*LEVEL1_WORDS, *LEVEL2_WORDS, *CORNER_WORDS)
    if exact or (b == "指标" and is_indicator_caption(whole)):  # 绩效 + 指标
        return True
    if _whole_label(whole):  # 指标说明 + 指标分值: a word of its own before a whole header
        return len(a) < _WORD or _label_of(b) is None or _label_of(b) != _label_of(whole)
    if fund_row_label(whole) is not None:  # 上年 + 结转资金, not 养殖场建设 + 年度资金总额
        return fund_row_label(b) is None
    # 部门相应职能职 / 责概述: a caption no field holds, wrapped, is one label too
    return (b == "指标" or not _is_label(b)) and (_is_label(whole) or is_other_label(whole))


def _continued(a: str, b: str) -> bool:
    """A field label wrapped with the rest of its wording (``主管部门`` / ``及编码``,
    ``上年结转`` / ``资金``): the two are the same field's or funding row's label
    together, and ``b`` alone is no label."""
    field = key_label(a)
    if field is not None:
        return key_label(a + b) == field and not _is_label(b)
    row = fund_row_label(a)
    return row is not None and b in FUND_LABEL_ENDS and fund_row_label(a + b) == row


_AMONG = re.compile(r"^其中[:：]")
"""``其中:`` before a funding row's label (其中:当年财政 / 拨款): no part of the words."""


_WORD = 4
"""A caption part this long is a word of its own (指标说明), not a qualifier (年度, 全年)."""


def _label_of(text: str) -> str | None:
    """What the vocabulary names ``text`` (the first of key, goal, header, fund column)."""
    return next(
        (n for f in (key_label, goal_caption, header_field, fund_column) if (n := f(text))), None
    )


def _is_label(text: str) -> bool:
    return (
        _whole_label(text) or fund_row_label(text) is not None or is_level1(text) or is_level2(text)
    )
