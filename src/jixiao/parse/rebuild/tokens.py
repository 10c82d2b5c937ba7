"""Cell tokens: the cells of a flattened table, in reading order, with their lines.

Each line is cut into cells by what the flattening left: pipes (``| a | b |``, ``||``
for an empty cell, a row split over several lines), a trailing pipe (``项目名称 |``: one
cell a line, a lone ``|`` for an empty cell), tabs, or whitespace (a whole form on one
line). Where a line keeps a table row (pipes on both sides, or tabs), its tokens carry
the row's number, so a row boundary is known rather than guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from jixiao.parse.text import strip_tags
from jixiao.parse.titles import find_title
from jixiao.parse.unplaced import TABLE_NUMBER
from jixiao.read import Document

__all__ = ["MAX_TOKENS", "UNIT_TAIL", "Token", "flattening", "tokenize"]

MAX_TOKENS = 20_000
"""At most this many tokens are read from one document (a bound on hostile input)."""

_WS = re.compile(r"\s+")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
"""A markdown table's separator row (``|---|---|``)."""
_LEADERS = re.compile(r"^[.…·。]{2,}|[.…·]{2,}$")
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[{_TONES}])[a-zü{_TONES}]{{1,7}}\)")
"""A mirror site's pinyin after a character (``項(xiàng)目``): noise, not text."""
_MOJIBAKE = re.compile(r"[?？�]{3,}")
"""Runs of question marks where a page's encoding lost its spacing characters."""
_PAGE_NUMBER = re.compile(
    r"(?:^|(?<=\s))(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)(?=\s|$)"
)
"""A page number printed inside running text (``— 2 —``, ``第 3 页 共 12 页``)."""
_NUMBERING = re.compile(r"^(?:指标|目标|任务)\s*\d{1,2}$")
"""A template's numbering of a row (``指标1``): printed in the cell before its name
(``指标1  按月发放员工工资``), never a cell of its own in spaced text."""
_PLAIN = re.compile(r"^(?!(?:指标|目标|任务)\s*\d)[\u4e00-\u9fff]\S*$")
"""Text that opens with a Chinese character (a name, not a number, a sign or the next
row's numbering)."""
_NAME_VALUE = re.compile(r"[\u4e00-\u9fff][\d≥≤=]|[%％]\d")
_NAME_SPACE_VALUE = re.compile(r"[\u4e00-\u9fff]\s+[\d≥≤=]|[%％]\s+\d")
_PERCENT_RUN = re.compile(r"[%％]\d")
_PAGE_MARK = re.compile(r"^([1-9]\d?)、")
_PAGE = 150
"""A page of a preview is at least this long and ends anywhere; an enumerated item is
shorter or ends its sentence."""
_PROSE_MARK = re.compile(r"[，,、；;。]")
_BRACKET_WRAP = re.compile(r"[（(][^()（）\s]{1,8}(?:[ \u3000]+[^()（）\s]{1,12}){1,3}[)）]")
"""A bracket wrapped inside its cell (``得分 (20 分*执行率)``, ``(20 分)``, ``执行率(全年
执行数/全年 预算数)``): opened in one space-separated part and closed in one of the next
three, one note, not several cells."""
_YEAR_WRAP = re.compile(r"([（(])[ \u3000]*((?:19|20)\d{2})[ \u3000]*(年度?)[ \u3000]*([)）])")
"""A year cell printed with spaces inside its brackets (``( 2021 年度)``, a Word form's
centred year dumped to text): one cell, the form's year."""
_SENTENCE = re.compile(r"[。！？!?]")
"""A sentence's end: a line of prose (a site's notice), no row of a table."""
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
UNIT_TAIL = re.compile(
    r"^(?:[（(]\s*(?:万元|千元|元|盖章|%|％|\d+(?:\.\d+)?\s*分|[A-Z][A-Z/+×*-]{0,4})\s*[)）])+$"
)
"""Bracketed units, stamps or weights that belong to the cell before them
(``项目资金 (万元)``, ``执行率 (B/A)``, ``预算执行情况 (万元)(20分)``)."""


@dataclass(frozen=True, slots=True)
class Token:
    """One cell's text (``""`` for a cell printed empty) and where it came from."""

    text: str
    line: int
    row: int | None = None
    """The printed row, when the flattening keeps rows (pipes or tabs); else ``None``."""
    glued: bool = False
    """Split out of a run-on cell: no separator stood before it in the text."""
    caption: bool = False
    """A caption printed down a merged cell a character or two a line (年度 / 总体 /
    目标): a label by its layout, whatever its words."""
    spaced: bool = False
    """Printed apart from its neighbours in a whole form dumped on one line, where a
    space is what separates cells (``flat``): one cell, never numbers run together."""
    whole: bool = False
    """Its row prints every cell it has, empty ones too: only the cells merged over it
    from the rows above are missing (a Word table's row, ended by a line of bars)."""
    closed: bool = False
    """The last cell of a piped line that ends with a bar (``… | 10 | 无 |``): the line
    may be a whole table row (:func:`~.grid_rows.grid_rows` checks that it is)."""
    cut: bool = False
    """The last cell of an excerpt cut off in the middle of it: the text's last line is
    piped like the lines before it, which end with a bar, but ends without one
    (``资金使用单位 | 市农``). What is printed of the cell is not its value."""

    @property
    def empty(self) -> bool:
        return not self.text


def flattening(doc: Document) -> str:
    """How the document's table was flattened: ``pipe``, ``cellline``, ``tabbed``,
    ``flat`` (long lines of space-separated cells hold most of the text) or ``lines``."""
    lines = [t for t in (ln.text.strip() for ln in doc.lines) if t]
    if not lines:
        return "lines"
    if _paragraphs(doc):
        return "cellline"
    n = len(lines)
    if any("|" in t for t in lines):
        pipes = list(zip(lines, (t.count("|") for t in lines), strict=True))
        piped = sum(1 for t, p in pipes if p >= 3 or (p == 2 and t[0] == "|"))
        if piped >= max(3, n // 5) or _piped_run(pipes):
            return "pipe"
        trailing = sum(1 for t, p in pipes if p <= 2 and t[-1] == "|")
        if trailing >= max(5, n // 3):
            return "cellline"
    if sum(1 for t in lines if "\t" in t) >= max(5, n // 3):
        return "tabbed"
    # a long line of cells (its spaces counted only when it is long enough)
    long = sum(len(t) for t in lines if len(t) >= _FLAT_LENGTH and t.count(" ") >= _FLAT_SPACES)
    if not long:  # no long line of cells: decided before the other lines are read
        return "lines"
    rest = sum(len(t) for t in lines if t.count(" ") < _FLAT_SPACES and not _SENTENCE.search(t))
    if long >= rest:  # a site's notices before the form are sentences: no cells
        return "flat"
    return "lines"


def _piped_run(pipes: list[tuple[str, int]]) -> bool:
    """A table's piped rows joined into one or a few long lines (``| 项目名称 | … | |
    主管部门 | … |``): bars between cells all along, holding most of the text."""
    text = sum(len(t) for t, _ in pipes)
    piped = sum(len(t) for t, p in pipes if p >= _RUN_BARS and len(t) < p * _CELL_LENGTH)
    return piped * 2 > text


_RUN_BARS = 20
_CELL_LENGTH = 40
"""A cell between bars is at most this long on average in a piped line."""


def tokenize(doc: Document) -> list[Token]:
    """The cell tokens of ``doc`` in reading order (at most :data:`MAX_TOKENS`).

    Pipes always separate cells (an empty cell between two pipes is kept as an empty
    token; a lone ``|`` is one empty cell), but the lines of piped text do not keep
    the table's rows: copied pages break them anywhere, so no row is assumed there."""
    out: list[Token] = []
    row = 0
    if _paragraphs(doc):
        return _paragraph_cells(doc)
    between = _bars_between(doc)
    ends: list[tuple[int, int]] | None = [] if _has_row_ends(doc) else None
    bars = 0  # lone bars since the last cell, where bars stand between cells
    closing = False  # a cell stands before those bars: the first of them closes it
    lone = [ln.number for ln in doc.lines if ln.text.strip() == "|"] if between else []
    for number, text in _continued(_lines(doc)):
        if _RULE.match(text):
            continue
        if between and ends is not None and _BAR_RUN.match(text):
            out.extend(Token("", number) for _ in range(bars - closing))
            bars, closing = 0, False  # a row's bars end it: the next bar opens a cell
        if ends is not None and _BAR_RUN.match(text):
            ends.append((len(out), len(text)))  # the empty grid cells after a row's last
            continue
        if between and text == "|":
            bars += 1
            continue
        if between and closing and not bars and "|" not in text and lone[0] < number < lone[-1]:
            out[-1] = replace(out[-1], text=out[-1].text + _squash(text))  # 偏差大或 / 原因分析
            continue  # no bar between two lines: one cell printed over both
        if between:  # one bar closes the cell before it, each further one is an empty cell
            out.extend(Token("", number) for _ in range(bars - closing))
            bars, closing = 0, True
        if "|" in text:
            cells = [cell for c in _pipe_cells(text) for cell in _pipe_cell(c, number)]
            if cells and text.endswith("|"):
                cells[-1] = replace(cells[-1], closed=True)
            out.extend(cells)
        elif "\t" in text:
            row += 1
            out.extend(Token(_squash(c), number, row) for c in text.split("\t") if c.strip())
        elif between and lone[0] < number < lone[-1]:
            out.append(Token(_one_cell(text), number))  # between bars a line is one cell
        else:
            out.extend(_spaced(text, number))
        if len(out) >= MAX_TOKENS:
            break
    out = out[:MAX_TOKENS]
    if out and _cut_off(doc):
        out[-1] = replace(out[-1], cut=True)
    return _rows_by_ends(out, ends) if ends else out


def _cut_off(doc: Document) -> bool:
    """Whether the text's last line is a piped line cut off inside its last cell: the
    piped lines before it end with a bar (at least four of every five, and five or
    more), it does not."""
    lines = [t for t in (strip_tags(ln.text).strip() for ln in doc.lines) if t]
    if not lines or "|" not in lines[-1] or lines[-1].endswith("|"):
        return False
    piped = [t for t in lines[:-1] if "|" in t]
    closed = sum(1 for t in piped if t.endswith("|"))
    return closed >= _MIN_CLOSED and closed * 5 >= len(piped) * 4


_MIN_CLOSED = 5


def _lines(doc: Document) -> list[tuple[int, str]]:
    """The text lines of ``doc`` (number, text), blank ones left out; a preview's pages
    joined into one line without their marks (a page ends at a fixed length, anywhere:
    ``…申报的数量12.51`` + ``3、2.512.5`` is 12.5 | 12.5 | 12.5)."""
    marked = _page_marks(doc)
    out: list[tuple[int, str]] = []
    paged = False  # the last line kept is a page
    for line in doc.lines:
        text = strip_tags(line.text).strip()
        if line.number in marked:
            text = _PAGE_MARK.sub("", text, count=1)
            if paged:
                out[-1] = (out[-1][0], out[-1][1] + text)
                continue
        if text and not TABLE_NUMBER.match(text):
            out.append((line.number, text))
            paged = line.number in marked
    return out


_UNFINISHED = re.compile(r"[;；,，、]$")
"""A line that ends inside a sentence (``…的规定;``)."""


def _continued(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A cell printed over two lines, one a line with a bar at its end: a line with no
    bar that ends inside a sentence goes on in the next line's cell (``①…的规定;`` /
    ``②…手续。 |``), not a cell of its own."""
    out: list[tuple[int, str]] = []
    held: tuple[int, str] | None = None
    for number, text in lines:
        if held is not None:
            if text.endswith("|") and not text.startswith("|"):
                number, text = held[0], held[1] + text
            else:
                out.append(held)
            held = None
        if "|" not in text and _UNFINISHED.search(text):
            held = (number, text)
            continue
        out.append((number, text))
    if held is not None:
        out.append(held)
    return out


_MIN_CELLS = 5
_MIN_PARAGRAPHS = 20
_MIN_EMPTY = 3


def _paragraphs(doc: Document) -> bool:
    """One cell a paragraph (a Word table's text as a web page or a preview gives it):
    nearly every paragraph followed by an empty line, cells printed empty as paragraphs
    of a space or two, and no bars between the cells."""
    lines = doc.lines
    most = len(lines) // 10  # more paragraphs than this not followed by an empty line: no
    shown = alone = empty = bars = 0
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        shown += 1
        if i + 1 < len(lines) and lines[i + 1].text:
            alone += 1
            if alone > most:
                return False
        empty += not text.strip()
        bars += "|" in text
    if shown < _MIN_PARAGRAPHS or alone > 0.1 * shown:
        return False
    return empty >= _MIN_EMPTY and bars * 5 < shown


def _paragraph_cells(doc: Document) -> list[Token]:
    """The cells of text printed one cell a paragraph: each paragraph one cell, kept
    whole (a space inside it is no boundary), a paragraph of spaces an empty cell."""
    out: list[Token] = []
    for line in doc.lines[: MAX_TOKENS * 2]:
        if not line.text:
            continue
        text = strip_tags(line.text)
        if "|" in text:
            out.extend(Token(_squash(c), line.number) for c in _pipe_cells(text.strip()))
        else:
            out.append(Token(_squash(text), line.number))
    return out[:MAX_TOKENS]


_BAR_RUN = re.compile(r"^\|{3,}$")
"""A line of bars only (``|||||||``): the empty grid cells that end a table row."""
_MIN_ROW_ENDS = 5


def _has_row_ends(doc: Document) -> bool:
    """Whether lines of bars only (``||||||||||||``) stand among the cells of text
    printed one cell a line, as a Word table's paragraphs come out of a web page."""
    if flattening(doc) != "cellline":
        return False
    texts = (ln.text.strip() for ln in doc.lines)
    return sum(1 for t in texts if _BAR_RUN.match(t)) >= _MIN_ROW_ENDS


def _rows_by_ends(tokens: list[Token], ends: list[tuple[int, int]]) -> list[Token]:
    """``tokens`` with the rows that lines of bars end: each such line prints the empty
    grid cells after its row's last cell, so a row's cells and its bars add up to the
    table's width (项目名称 | 委托业务项目 | and 12 bars, 主管部门 | … | and 10). The
    cells since the last such line are a row where they do (the commonest sum, found
    at least :data:`_MIN_ROW_ENDS` times); where they do not, several rows ran on
    without a bar line between them, and no row is assumed."""
    spans = []
    start = 0
    for end, bars in ends:
        spans.append((start, end, end - start + bars))
        start = end
    widths = Counter(w for s, e, w in spans if e > s)
    if not widths:
        return tokens
    width, seen = widths.most_common(1)[0]
    if seen < _MIN_ROW_ENDS:
        return tokens
    out = list(tokens)
    for row, (s, e, w) in enumerate(spans, 1):
        if w == width:
            out[s:e] = [replace(t, row=row, whole=True) for t in tokens[s:e]]
    return out


def _bars_between(doc: Document) -> bool:
    """Whether lone ``|`` lines stand between cells printed one a line without bars
    (``序号`` / ``|`` / ``一级指标`` / ``|`` …): then a single bar is a separator, not an
    empty cell. Most text lines have no bar and nearly every one is followed by a bar,
    counted from the cell before the first lone bar to the last one (the page's lines
    around the table, a heading or a note after it, are no cells of it)."""
    texts = [t for t in (ln.text.strip() for ln in doc.lines) if t]
    lone = [i for i, t in enumerate(texts) if t == "|"]
    if lone:
        texts = texts[max(lone[0] - 1, 0) : lone[-1] + 1]
    cells = [i for i, t in enumerate(texts) if "|" not in t]
    if len(cells) < _MIN_CELLS or len(cells) * 2 < len(texts) - texts.count("|"):
        return False
    followed = sum(1 for i in cells if i + 1 < len(texts) and texts[i + 1] == "|")
    return followed >= 0.9 * len(cells)


def _page_marks(doc: Document) -> set[int]:
    """The lines a document-sharing preview opens with its page's number (``1、`` …,
    ``2、`` …, in order, each page but the last a long run of text cut anywhere): their
    marks are no text of the form. An enumeration (``1、完善基础设施。`` then ``2、…``)
    has short items, or items that end their sentences."""
    marked: list[tuple[int, str]] = []  # (line number, text) of the pages so far
    for line in doc.lines:
        text = line.text.strip()
        m = _PAGE_MARK.match(text)
        if m is not None and int(m.group(1)) == len(marked) + 1:
            marked.append((line.number, text))
    if len(marked) < 2 or any(len(t) < _PAGE or t[-1] in "。；;." for _, t in marked[:-1]):
        return set()
    return {n for n, _ in marked}


def _pipe_cells(text: str) -> list[str]:
    if text == "|":
        return [""]
    cells = text.split("|")
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|"):
        cells = cells[:-1]
    return cells


def _pipe_cell(text: str, number: int) -> list[Token]:
    """The tokens of the text between two bars: one cell, or, where it is a whole run
    of space-separated cells (a form dumped on one line after a few stray bars, ``… 浏览量:1
    | | | 绩效目标申报表 (2022年度) 项目名称 …``), the cells of that run."""
    if _flat_run(text):
        return _spaced(text.strip(), number)
    return [Token(_squash(text), number)]


def _flat_run(text: str) -> bool:
    """``text`` is long and holds many spaces: cells separated by single spaces, not
    one cell (the test :func:`flattening` applies to a line)."""
    return len(text) >= _FLAT_LENGTH and len(_WS.findall(text.strip())) >= _FLAT_SPACES


_FLAT_LENGTH = 48
_FLAT_SPACES = 24


def _spaced(text: str, number: int) -> list[Token]:
    """Whitespace-separated cells; a bracketed unit stays with the cell before it.

    In a run-on line (long, with few spaces) a space between two Chinese characters is
    a wrapped label (``年度 总体 目标``), not a cell boundary, and goes — unless the
    line is a table row kept whole (:func:`_cells`)."""
    text = _PAGE_NUMBER.sub(" ", text)
    run_on = len(_WS.findall(text)) * 20 <= len(text) or _glued(text)
    if len(text) >= 60 and run_on and not _cells(text):
        text = _CJK_SPACE.sub("", text)
    text = _LETTER_SPACED.sub(_closed_up, text)
    text = _BRACKET_WRAP.sub(_unwrapped, _YEAR_WRAP.sub(r"\1\2\3\4", text))
    out: list[Token] = []
    for part in _WS.split(text):
        part = _squash(part)
        if not part:
            continue
        if out and UNIT_TAIL.match(part):
            last = out[-1]
            out[-1] = Token(last.text + part, number)
            continue
        if out and _NUMBERING.match(out[-1].text) and _PLAIN.match(part):
            out[-1] = Token(f"{out[-1].text} {part}", number)  # 指标1 and the name it numbers
            continue
        out.append(Token(part, number))
    return _captions_closed_up(_titles_with_their_year(out))


def _unwrapped(m: re.Match[str]) -> str:
    return _WS.sub("", m.group(0))


_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def _titles_with_their_year(tokens: list[Token]) -> list[Token]:
    """A title whose year a space set apart (``2020 年市级服务贸易发展资金项目自评表``):
    one token, the year in it, where the two are a form's title together."""
    out: list[Token] = []
    for token in tokens:
        last = out[-1] if out else None
        if last is not None and _YEAR.match(last.text) and token.text.startswith("年"):
            joined = last.text + token.text
            if find_title(joined) is not None:
                out[-1] = Token(joined, last.line)
                continue
        out.append(token)
    return out


_SHORT_WORD = re.compile(r"^[\u4e00-\u9fff]{1,4}$")
_CAPTION_PARTS = (5, 4, 3, 2)
_LONG_CAPTION = 4
"""A caption of this many words of one or two characters the vocabulary knows is one
even where a word inside it is a label alone (``指标``)."""


def _captions_closed_up(tokens: list[Token]) -> list[Token]:
    """A caption wrapped in its merged cell a word a line (``年度 绩效 目标``), printed as
    short words apart: one token where together they are a caption the vocabulary knows
    and none of them is one alone (not cells of a word each: ``优 良``, ``是 否``)."""
    from jixiao.parse.rebuild.anchors import anchor  # the vocabulary reads tokens

    out: list[Token] = []
    i = 0
    while i < len(tokens):
        for k in _CAPTION_PARTS:
            parts = tokens[i : i + k]
            if len(parts) < k or not all(_SHORT_WORD.match(t.text) for t in parts):
                continue
            word = Token("".join(t.text for t in parts), parts[0].line)
            stacked = k >= _LONG_CAPTION and all(len(t.text) <= 2 for t in parts)
            ends = (parts[0], parts[-1]) if stacked else parts  # 年度 绩效 指标 完成 情况
            if anchor(word) and not any(anchor(t) for t in ends):
                out.append(word)
                i += k
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


_LETTER_SPACED = re.compile(r"(?<!\S)[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff]){2,}(?!\S)")
"""A caption printed with a space between its characters (``绩 效 指 标``, ``总 体 目
标``): one word, not a cell a character (:func:`_closed_up`)."""


def _closed_up(m: re.Match[str]) -> str:
    """A letter-spaced run closed up where it is a caption the vocabulary knows (not
    cells of one character each: ``优 良 中 差``, ``是 否``)."""
    from jixiao.parse.rebuild.anchors import anchor  # the vocabulary reads tokens

    word = _WS.sub("", m.group(0))
    return word if anchor(Token(word, 0)) else m.group(0)


_CELL_END = re.compile(r"[\u4e00-\u9fff）)][ \u3000]+[-+]?\d[\d,]*(?:\.\d+)?%?$")
"""A line ending in an amount printed apart (``… 地情、市志编纂与年鉴出版经费 49.8``)."""


def _cells(text: str) -> bool:
    """A table row kept on its line: sentences (or names) printed apart, each a cell of
    at least a few characters, the last an amount, or two of them whole sentences
    (``指标1:…覆盖率 实施乡镇社区基层医疗机构37个。 本年度已完成…实施。``, after the
    row's 二级 label). Its spaces are cell boundaries."""
    parts = text.split()
    if len(parts) >= 3 and _LEVEL_WORD.match(parts[0]):
        parts = parts[1:]  # the row's 二级 label, a short word before its cells
    long = len(parts) >= 3 and all(len(p) >= 6 for p in parts[:-1])
    if long and _CELL_END.search(text) is not None:
        return any(_PROSE_MARK.search(p) for p in parts[:-1])
    return long and len(parts[-1]) >= 6 and sum(1 for p in parts if _SENTENCE_END.search(p)) >= 2


_SENTENCE_END = re.compile(r"[。；;]$")
"""A cell that is a whole sentence."""
_LEVEL_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}指标$")
"""A 一级 or 二级 label (``数量指标``)."""


def _glued(text: str) -> bool:
    """Values run into the names before them (``真实率100%100%``) and none printed apart:
    the spaces of this line are wraps inside cells, not cell boundaries."""
    glued = len(_NAME_VALUE.findall(text))
    return (
        glued >= 4 and not _NAME_SPACE_VALUE.search(text) and _PERCENT_RUN.search(text) is not None
    )


def _one_cell(text: str) -> str:
    """A line that is one cell, as a PDF's text spaced it (``7 岁以下儿童健康管理率``,
    ``2279.048 万元``, ``总体 目标``): an amount and its unit closed up, and a short
    cell's words (a caption's) too; a longer one keeps its spaces."""
    text = _UNIT_SPACE.sub(r"\1", _squash(text))
    return _CJK_SPACE.sub("", text) if len(text) <= _SHORT_CELL else text


_UNIT_SPACE = re.compile(r"(?<=\d)\s+(万元|千元|亿元|元|%|％)")
_SHORT_CELL = 8


def _squash(text: str) -> str:
    """Spaces squashed; dot leaders (``……``, ``.....``) and pinyin glosses are page
    noise and go."""
    text = _MOJIBAKE.sub("", _PINYIN.sub("", _WS.sub(" ", text))).strip()
    return _LEADERS.sub("", text).strip()
