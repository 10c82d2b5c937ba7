"""``spaced``: 财政项目支出绩效自评表 as text extracted from a PDF, cells separated by spaces.

One printed table line per text line, its cells separated by spaces; long cells
wrap onto the following lines, level labels are printed vertically one or two
characters a line or horizontally in odd places, and rows continue across page
breaks. Seeds 000 (上海市人才服务中心, 2024, 万元) and 002 (松江区人社局, 2023, 元).

The work is split over private modules: ``_form`` (header, funds, goals,
totals), ``_goals`` (预期目标 vs 实际完成情况), ``_table`` and
``_labels`` (the indicator table and its level labels), ``_rows`` and
``_cells`` (which wrapped fragment belongs to which row and cell).
"""

from __future__ import annotations

import re
import statistics
from typing import ClassVar

from jixiao.parse.base import Layout, LayoutResult, Match
from jixiao.parse.memo import nonblank_lines, per_document
from jixiao.read import Document, Line

from ._form import FormContext, finish_form, start_form
from ._table import HEADER_TOKENS, Widths
from ._text import tokens

__all__ = ["LAYOUT", "SpacedLayout", "SpacedText"]

_TITLE = "项目支出绩效自评表"
_DEFAULT_NOTE_WIDTH = 18


_TITLE_PREFIX = re.compile(r"^(?:(?:19|20)\d{2}年度?)?[\u4e00-\u9fff]{0,12}$")
"""Before the title: a year and a place or level (``2024年度湖南省省级``, ``财政``)."""


def _is_title(line: Line) -> bool:
    text = line.text.strip()
    return text.endswith(_TITLE) and bool(_TITLE_PREFIX.match(text[: -len(_TITLE)]))


@per_document
def _titles(doc: Document) -> tuple[int, ...]:
    """Where in ``doc.lines`` the form titles stand (detection and parsing ask)."""
    return tuple(i for i, ln in enumerate(doc.lines) if _is_title(ln))


_PAGE_INDENT = re.compile(r"^ \S")


def _foreign_columns(line: Line) -> list[str]:
    """The cells of an indicator header line (一级指标 … 三级指标 …) that name a column
    this layout does not read (指标解释, 指标性质 …): such a table is left to the
    layouts that read columns by their headers."""
    if "一级指标" not in line.text or "三级指标" not in line.text:  # before tokenising
        return []
    toks = tokens(line.text)
    if "一级指标" not in toks or "三级指标" not in toks:
        return []
    return [t for t in toks if t not in HEADER_TOKENS]


_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _ends_in_scores(text: str) -> bool:
    """An indicator row's line: text, then two plain numbers (分值 得分), perhaps one
    word after them (read from the line's words, not by searching it)."""
    words = text.rsplit(maxsplit=3)  # the last three words (and the rest, if any)
    figure = _FIGURE.fullmatch
    if len(words) >= 3 and figure(words[-1]) and figure(words[-2]):
        return True
    return len(words) >= 4 and bool(figure(words[-2]) and figure(words[-3]))


def _printed_crosswise(line: Line) -> bool:
    """A line that may hold one column's (or one field's) cells rather than one row's: a
    column word followed by cells that are none (``分值 30 30 30 10``, ``三级指标 养护里程
    验收合格率 …``), or three or more bare figures alone (``30 30 25 10``). A spaced row
    wrapped apart from its name can leave its figures alone on a line too, so such lines
    refuse the layout only where they outnumber its rows."""
    toks = tokens(line.text)
    if len(toks) < 3:
        return False
    if toks[0] in HEADER_TOKENS:
        return not any(t in HEADER_TOKENS for t in toks[1:])
    return bool(_FIGURE.fullmatch(toks[0])) and all(_FIGURE.fullmatch(t) for t in toks[1:])


def page_starts(doc: Document) -> set[int]:
    """Lines that begin a printed page.

    Two habits of PDF extractors: a run of two or more blank lines where lines are
    otherwise separated by at most one, or a single leading space on the first line
    of each page (seen on the form titles, which always start a page).
    """
    out: set[int] = set()
    titles = [doc.lines[i] for i in _titles(doc)]
    spaced_titles = [ln for ln in titles if _PAGE_INDENT.match(ln.text)]
    if titles and len(spaced_titles) >= max(1, (len(titles) - 1) // 2):
        out.update(ln.number for ln in doc.lines if _PAGE_INDENT.match(ln.text))
    runs: list[tuple[int, int]] = []
    blank = 0
    for ln in doc.lines:
        if not ln.text.strip():  # ``ln.blank``, without a property call a line
            blank += 1
            continue
        runs.append((ln.number, blank))
        blank = 0
    long_runs = [n for n, b in runs if b >= 2]
    if runs and len(long_runs) <= len(runs) / 10:
        out.update(long_runs)
    return out


def _document_widths(own: list[tuple[int | None, int | None]]) -> Widths:
    """Typical note and name column widths over the document's forms."""
    notes = [n for n, _ in own if n is not None]
    names = [m for _, m in own if m is not None]
    note = int(statistics.median(notes)) if notes else _DEFAULT_NOTE_WIDTH
    name = int(statistics.median(names)) if names else None
    return Widths(note=note, name=name)


class SpacedText(Layout):
    """What the layouts of space-separated text share: they refuse tabbed text."""

    def _text_lines(self, doc: Document) -> tuple[list[Line], Match | None]:
        """The non-blank lines, and the refusal when there are none or they are tabbed."""
        lines = list(nonblank_lines(doc))
        if not lines:
            return lines, self._match(0.0, "空文件")
        tabbed = sum(1 for ln in lines if "\t" in ln.text)
        if tabbed > len(lines) / 10:
            return lines, self._match(0.05, f"{tabbed} 行含制表符，不是空格分隔的版式")
        return lines, None


class SpacedLayout(SpacedText):
    name: ClassVar[str] = "spaced"
    title: ClassVar[str] = "空格分隔的逐行表格（PDF 文字提取）"

    def match(self, doc: Document) -> Match:
        lines, refused = self._text_lines(doc)
        if refused is not None:
            return refused
        titles = len(_titles(doc))  # a title is never a blank line
        across = [_printed_crosswise(ln) for ln in lines]
        crosswise = sum(across)
        rows = sum(
            1 for ln, a in zip(lines, across, strict=True) if not a and _ends_in_scores(ln.text)
        )
        if not titles:
            return self._match(0.1 if rows else 0.0, "未找到“项目支出绩效自评表”标题")
        foreign = next((t for ln in lines for t in _foreign_columns(ln)), None)
        if foreign is not None:
            why = f"{titles} 个自评表标题，但指标表头有本版式不读的列「{foreign}」"
            return self._match(0.2, why)
        if crosswise >= 2 and crosswise > rows:
            why = f"{titles} 个自评表标题，但 {crosswise} 行各是一列的格（表按列印出），多于指标行"
            return self._match(0.2, why)
        if rows < 3 * titles:
            why = f"{titles} 个自评表标题，但以“分值 得分”结尾的指标行只有 {rows} 行"
            return self._match(0.35, why)
        why = f"{titles} 个自评表标题，{rows} 行以空格分隔、以分值和得分结尾的指标行"
        return self._match(0.9, why)

    def parse(self, doc: Document) -> LayoutResult:
        result = LayoutResult()
        starts = list(_titles(doc))
        if not starts:
            return result
        bounds = list(zip(starts, [*starts[1:], len(doc.lines)], strict=True))
        blocks = [[ln for ln in doc.lines[a:b] if ln.text.strip()] for a, b in bounds]
        ctx = FormContext(doc, page_starts(doc))
        started = [start_form(ctx, block) for block in blocks]
        widths = _document_widths([s.table.own() for s in started])
        for start in started:
            form, consumed = finish_form(start, widths)
            result.forms.append(form)
            result.consumed |= consumed
        return result


LAYOUT = SpacedLayout()
