"""What a cell token is, by its printed words: the vocabularies of the rebuilder.

The field labels, column headers and funding words are the ones the ``grid`` layout
reads (:mod:`jixiao.parse.layouts.grid`, its words from ``parse/wording.toml``);
this module adds the words that mark a row's role in running text: 一级 and 二级指标
labels, the total and grade, and the captions that end the indicator table.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from jixiao.parse.layouts.grid import (
    COLUMNS,
    EXPLAINED,
    FUND_COLUMNS,
    GOALS,
    STAND_INS,
    TARGET_GOALS,
    column_field,
    fund_label,
    goal_word,
    key_of,
    norm,
    without_fill_note,
    year_caption,
)
from jixiao.parse.layouts.spaced import LEVEL2
from jixiao.parse.rebuild.nearest import letters, nearest_field, reordered
from jixiao.parse.wording import wording

__all__ = [
    "CORNER_WORDS",
    "EXTRA_COLUMNS",
    "FUND_GROUPS",
    "FUND_LABEL_ENDS",
    "GRADES",
    "LABEL_WORDS",
    "LEVEL1_WORDS",
    "LEVEL2_WORDS",
    "OTHER_LABELS",
    "SOURCE_CAPTIONS",
    "SPENDING_LABELS",
    "TOTALS",
    "fund_column",
    "fund_row_label",
    "goal_caption",
    "header_field",
    "is_amount_label",
    "is_dash",
    "is_header_note",
    "is_level1",
    "is_level2",
    "is_noted_label",
    "is_number",
    "is_op",
    "is_other_label",
    "is_spending_label",
    "is_tail",
    "is_total",
    "key_label",
    "looks_like_value",
    "near_header",
    "printed_weight",
    "reordered_level",
    "without_weight",
    "year_caption",
]

LEVEL1_WORDS = (
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "效果指标",
    "成效指标",
    "影响力指标",
    "投入指标",
    "过程指标",
    "管理指标",
    "履职效能",
    "实施效果指标",
    "项目完成指标",
    "项目效益指标",
    "管理效率",
    "产出值",
    "效益值",
    "满意度值",
    "产出",
    "效益",
    "满意度",
    "成本",
    "决策",
    "过程",
)
"""一级指标 labels as printed (a weight in brackets may follow)."""
LEVEL2_WORDS = (
    *LEVEL2,
    "社会公众或服务对象满意度指标",
    "群众满意度指标",
    "满意度指标",
    "产出数量",
    "产出质量",
    "产出时效",
    "进度指标",
    "产出成本",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    "服务对象满意度",
    "社会公众或服务对象满意度",
    "数量值",
    "质量值",
    "时效值",
    "成本值",
    "经济效益值",
    "社会效益值",
    "生态效益值",
    "可持续影响值",
    "服务对象满意度值",
)
"""二级指标 labels a run of text may be cut at (the rule :func:`is_level2` knows more)."""
_LEVEL2_STEMS = (
    "数量",
    "质量",
    "时效",
    "进度",
    "成本",
    "效益",
    "影响",
    "满意",
    "效率",
    "效能",
    "管理",
)
TOTALS = frozenset({"总分", "合计", "总计", "合计得分", "总得分", "综合得分", "自评总分"})
SUBTOTALS = frozenset({"小计", "合计", "总计"})
"""Printed beside a funding row's label (``一般公共预算拨款 | 小计 | 250``): the row is the
sum of the rows under it (市本级, 中央补助 …), which are its parts, no sources of their own."""
GRADES = frozenset({"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较好", "一般"})
_TAILS = (
    "评价结论",
    "最近年度绩效评价情况",
    "存在问题",
    "主要问题",
    "改进措施",
    "整改措施",
    "项目负责人",
    "财务负责人",
    "单位负责人",
    "单位领导审签",
    "领导审签",
    "负责人签字",
    "填报人",
    "填表人",
    "审核人",
    "联系电话",
    "填报日期",
    "填表说明",
    "其他需要说明事项",
    "需要说明的其他问题",
    "审核意见",
    "财政部门审核意见",
    "主管部门审核意见",
    "填报说明",
    "备注",
    "说明",
    "附件",
    "注",
)
CORNER_WORDS = (
    "预算执行情况",
    "项目预算执行情况",
    "项目资金",
    "资金情况",
    "资金来源",
    "资金投入情况",
    "年度预算数",
    "投入目标",
    "财政资金安排和使用情况",
    "年度预算申请",
)
"""Captions over a funding table's row labels (a unit in brackets may follow)."""
SOURCE_CAPTIONS = ("中央补助", "地方资金")
"""The sources of a transfer's funds printed as captions of its funding rows (其中：中央补助
| 地方资金); in a sentence (其中中央补助442.43万元) the same words are no caption."""
FUND_LABEL_ENDS = ("资金", "拨款", "总额", "收入")
"""Words that end a funding row's label, wrapped onto a line of their own (上年结转 /
资金)."""
OTHER_LABELS = (
    "项目年度目标完成情况",
    "项目负责人及电话",
    "负责人及电话",
    "项目负责人",
    "单位负责人",
    "联系电话",
    "联系人",
    "部门联系人",
    "财政处室",
    "填报日期",
    "填报单位",
    "填报人",
    "单位名称",
    "预算功能科目",
    "资金性质",
    "项目性质",
    "支出分类",
    "归口科室",
    "项目理由",
    "资金用途",
    "组织实施单位",
    "监督管理单位",
    "其他依据",
    "一级项目名称",
    "项目支出明细",
    "自治区主管部门",
    "市县财政部门",
    "省级财政部门",
    "市级财政部门",
    "区级财政部门",
    "县级财政部门",
    "区县财政部门",
    "专项实施期",
    "项目实施期",
    "部门预算编码",
    "地方主管部门",
    "地方财政部门",
    "是否为专项资金",
    "项目申报的可行性",
    "项目立项情况",
    "预算编码",
    "单位编码",
    "部门编码",
    "预算单位编码",
    "预算功能科目",
    "项目实施内容及过程概述",
    "需要说明的其他问题",
    "其他需要说明事项",
    "部门(单位)职责",
    "部门职责",
    "单位职责",
    "项目性质",
    "补助项目/区域",
    "部门相应职能职责概述",
)
"""Captions of what the model does not hold: a value ends where one of them begins."""
_WEIGHTED = re.compile(r"^(?P<label>.+?)[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$")
_NUMBER = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})*(?:\.\d+)?%?$|^[-+]?\d+(?:\.\d+)?%?分?$")
_OPS = re.compile(
    r"^(?:[≥≤><=≧≦═]|>=|<=|大于等于|小于等于|不低于|不高于|不少于|不超过|大于|小于|等于)$"
)
_QUALITY = frozenset({"定性", "定量", "正向", "反向", "正向指标", "反向指标"})
_VALUE = re.compile(
    r"\d|^[≥≤<>=]|达成|完成|达到|及时|合格|有效|提升|提高|良好|明显|显著|按时|符合|增加|"
    r"改善|较好|满意|规范|健全|稳定|持续|降低|减少|^是$|^否$|^无$|零|^长远$|^长期$"
)


@lru_cache(maxsize=1 << 16)
def _n(text: str) -> str:
    return norm(unicodedata.normalize("NFKC", text))


def printed_weight(text: str) -> str | None:
    """The weight a label or caption prints in brackets (``产出指标(50分)``,
    ``预算执行情况(万元)(20分)`` → ``50``, ``20``), as printed; ``None`` when none."""
    m = _WEIGHT_NOTE.search(text)
    return m.group(1) if m else None


_WEIGHT_NOTE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


@lru_cache(maxsize=1 << 16)
def without_weight(text: str) -> str:
    """``产出指标(50分)`` → ``产出指标`` (and ``服务对象满意度指标等`` → ``…指标``,
    ``数量指标 (必填)`` → ``数量指标``)."""
    label = _n(without_fill_note(text))
    m = _WEIGHTED.match(label)
    return (m.group("label") if m else label).removesuffix("等")


def is_level1(text: str) -> bool:
    return without_weight(text) in LEVEL1_WORDS


def is_noted_label(text: str) -> bool:
    """A 一级/二级 label with the template's 必填/选填 note (``数量指标 (必填)``): a label
    cell of the table, never an indicator's name."""
    return bool(text) and without_fill_note(text) != text and (is_level1(text) or is_level2(text))


def is_level2(text: str) -> bool:
    label = without_weight(text)
    if label in LEVEL2_WORDS:
        return True
    if not label or len(label) > 16 or label in LEVEL1_WORDS[:2]:
        return False
    if not (label.endswith("指标") or label.endswith("满意度")):
        return False
    stem = label.removesuffix("指标")
    return any(s in stem for s in _LEVEL2_STEMS) and "指" not in stem and "标" not in stem


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(_n(text)))


_DASHES = re.compile(r"[-—–－―]{1,4}|[/／\\]")
"""An empty cell's mark: a slash, or one to four dashes of any kind (``——``, ``-—``)."""


FUND_GROUPS = ("预算安排", "拨付情况", "结余情况", "执行情况", "预算执行", "资金结构")
"""Captions over several columns of a funding table's header (预算安排 over 年初 /
调整 / 小计): no column of their own."""
_FORMULA = re.compile(r"[①-⑳\s=+×*÷]*[①-⑳=][①-⑳\s=+\-/×*÷]*")
"""A column's formula or number printed in its header (④ = ①+② +③, ⑥=⑤/④): circled
numbers and operators (a lone dash or slash is an empty cell, not a formula)."""


_BRACKETED = re.compile(r"[（(][^()（）]{1,16}[)）]")
"""A header cell's note printed apart in brackets (``得分 (20分*执行率)``)."""


def is_header_note(text: str) -> bool:
    """A header's words that name no column: a group caption, a formula or a bracketed
    note."""
    return (
        _n(text) in FUND_GROUPS
        or _FORMULA.fullmatch(text) is not None
        or _BRACKETED.fullmatch(text) is not None
    )


def is_dash(text: str) -> bool:
    return _DASHES.fullmatch(_n(text)) is not None


def is_op(text: str) -> bool:
    label = _n(text)
    return bool(_OPS.match(label)) or label in _QUALITY


def looks_like_value(text: str) -> bool:
    """A target or actual rather than a name: a number, a sign, or a verdict word."""
    return bool(_VALUE.search(_n(text)))


def is_amount_label(text: str) -> bool:
    """A label whose value is an amount (年度资金总额, 项目当年预算 …)."""
    return (
        fund_row_label(text) is not None
        or is_spending_label(text)
        or key_label(text) in _AMOUNT_KEYS
    )


_AMOUNT_KEYS = frozenset(
    {"budget", "prior_year_budget", "executed", "total_budget", "current_budget"}
    | {"prior_budget", "prior_executed"}
)


def is_other_label(text: str) -> bool:
    """A label of something no field holds: the vocabulary's, or a field's label naming
    its code (主管部门编码, 项目代码)."""
    label = _n(text).rstrip(":：")
    if label in OTHER_LABELS:
        return True
    code = _CODE.search(label)
    return code is not None and key_label(label[: code.start()]) is not None


_CODE = re.compile(r"(?:编码|代码|编号)$")


SPENDING_LABELS = ("基本支出", "项目支出")
"""A department's budget by nature of spending: labels of amounts."""


def is_spending_label(text: str) -> bool:
    """基本支出 / 项目支出 (``其中：基本支出``) printed as the label of an amount."""
    return _n(text).removeprefix("其中").lstrip(":：") in SPENDING_LABELS


def is_total(text: str) -> bool:
    """总分, 合计 …, with the unit of its points (``自评总分(分)``), its full points
    (``总分(100分)``) or without."""
    return _n(text).removesuffix("(分)") in TOTALS or without_weight(text) in TOTALS


def is_tail(text: str) -> bool:
    """A caption printed after the indicator table (评价结论, 项目负责人 …)."""
    label = _n(text)
    return any(label == t or (label.startswith(t) and len(label) <= len(t) + 12) for t in _TAILS)


def key_label(text: str) -> str | None:
    """The header field a label cell names (项目名称 → ``project``), else ``None``."""
    label = _n(text)
    for stamp in ("(盖章)", "盖章"):
        label = label.removesuffix(stamp)
    found = key_of(label) if 1 < len(label) <= 24 else None
    return found[0] if found else None


@lru_cache(maxsize=1 << 16)
def header_field(text: str) -> str | None:
    """The indicator column a header cell names (三级指标 → ``name``), else ``None``."""
    return column_field(_n(text)) if text else None


@lru_cache(maxsize=1 << 12)
def near_header(text: str) -> tuple[str, str] | None:
    """The indicator column a header cell a scan damaged names (``年成值全完值`` →
    ``actual``) and the word it is read as, where it names none exactly and is no other
    label (:func:`~jixiao.parse.rebuild.nearest.nearest_field`); else ``None``."""
    label = _n(text)
    if not label or header_field(label) is not None or label in LABEL_WORDS:
        return None
    if label in STAND_INS or label in EXPLAINED or key_label(label) or is_level1(label):
        return None
    return nearest_field(label, COLUMNS)


@lru_cache(maxsize=1 << 12)
def reordered_level(text: str) -> str | None:
    """The 一级 or 二级指标 label whose characters ``text`` prints in another order (``出标产指``
    → 产出指标), where it is no label itself; else ``None``."""
    word = reordered(text, _LEVELS_BY_LETTERS)
    if word is None or is_level1(text) or is_level2(text) or _n(text) in LABEL_WORDS:
        return None
    return word


def _by_letters(words: tuple[str, ...]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for word in words:
        index.setdefault(letters(word), set()).add(word)
    return {k: frozenset(v) for k, v in index.items()}


_LEVELS_BY_LETTERS = _by_letters((*LEVEL1_WORDS, *LEVEL2_WORDS))


def fund_column(text: str) -> str | None:
    """The funding column a header cell names (全年预算数 → ``adjusted``), else ``None``."""
    label = _n(text)
    if not label or len(label) > 16:
        return None
    bare = _EXPLAINED.sub("", label)  # 得分(20分*执行率) is the 得分 column
    for candidate in dict.fromkeys((bare, label)):
        for name, words in FUND_COLUMNS:
            if any(w in candidate for w in words):
                return name
    return None


_EXPLAINED = re.compile(r"[（(][^（()）]*[)）]$")
"""The explanation after a column's name: ``(20分*执行率)``, ``(B/A)``, ``(A)``."""


def fund_row_label(text: str) -> str | None:
    """The funding row a label names (年度资金总额 → ``total``), else ``None``."""
    label = _n(text)
    if not label or len(label) > 16 or is_number(label):
        return None
    if label in ("总额", "合计", "资金总额"):
        return "total"
    return fund_label(label)


def goal_caption(text: str) -> str | None:
    """The goal column a caption names (预期目标 → ``goal_expected``; a number and the
    points printed after it say nothing: ``年度目标1:(80分)``), else ``None``."""
    label = goal_word(_n(text))[0]
    for name, words in (*GOALS, *TARGET_GOALS):
        if label in words:
            return name
    return None


def _label_words() -> tuple[str, ...]:
    from jixiao.parse.layouts.grid import COLUMNS, KEYS

    words: set[str] = {k for k in KEYS if len(k) >= 4}
    words |= {w for _, ws in COLUMNS for w in ws if len(w) >= 3}
    words |= {w for _, ws in FUND_COLUMNS for w in ws if len(w) >= 3}
    words |= {w for _, ws in (*GOALS, *TARGET_GOALS) for w in ws if len(w) >= 4}
    words |= {w for w in LEVEL1_WORDS if len(w) >= 4} | set(LEVEL2_WORDS)
    words |= {"年度资金总额", "上年结转资金", "其他资金", "年度总体目标", "分值", "得分", "权重"}
    words |= set(TOTALS) | {"本年财政拨款", "当年财政拨款", "财政拨款", "绩效指标"}
    words |= set(OTHER_LABELS) | set(CORNER_WORDS) | set(EXTRA_COLUMNS)
    # a department's budget total run onto the line of its name (…办事处区级支出预算总量3724.39)
    words |= {w for w in dict(wording().department_budget)["total"] if len(w) >= 5}
    return tuple(sorted(words, key=len, reverse=True))


EXTRA_COLUMNS = ("得分计算方法", "评分标准", "评分细则", "计分方法", "评分方法")
"""Column captions of what the model does not hold, kept whole (得分计算方法 is no 得分)."""


LABEL_WORDS = _label_words()
"""Every printed label a long run of text is cut at, longest first."""
