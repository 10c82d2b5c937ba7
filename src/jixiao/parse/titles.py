"""Form titles as they are printed, and the kind of form each names.

A title may stand anywhere in a line (``部门预算项目支出绩效自评表(2023年度) |``,
``| 雨露计划绩效目标申报表 |``, ``标 题: | …申报表 |``, after other text) and comes in
many wordings: 项目支出绩效自评表, 项目自评表, 绩效目标自评表, 转移支付项目绩效自评表,
项目支出绩效目标申报表 / 目标表 / 目标批复表 / 审批表, 绩效评价指标表, with a category
suffix (``（基础设施建设类）``). Each wording is one entry of :data:`TITLE_WORDS`; the
first entry found in a text decides the kind (department-level wordings come before
the project ones, since their titles contain the project words).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "ATTACHMENT_HEAD",
    "MAX_TITLE",
    "MENTION",
    "TITLE",
    "TITLE_WORDS",
    "TitleMatch",
    "bare_title",
    "find_title",
    "year_in",
]

TITLE_WORDS: tuple[tuple[str, str], ...] = (
    (r"部门[(（]?单位[)）]?整体(?:支出)?绩效自评", "department_self_evaluation"),
    (r"部门整体(?:支出)?绩效自评", "department_self_evaluation"),
    (r"整体(?:支出)?绩效自评表", "department_self_evaluation"),
    (r"部门整体(?:支出)?绩效评价(?:自评|得分|评分)?表", "department_self_evaluation"),
    (r"部门[(（]?单位[)）]?整体(?:支出)?绩效目标", "department_target_declaration"),
    (r"部门整体(?:支出)?绩效目标", "department_target_declaration"),
    (r"整体(?:支出)?绩效目标(?:申报|批复|审批|公开)?表", "department_target_declaration"),
    (r"绩效自我评价(?:表)?", "legacy_self_evaluation"),
    (r"绩效目标自评表", "self_evaluation"),
    (r"绩效自评表", "self_evaluation"),
    (r"绩效自评报告表", "self_evaluation"),
    (r"项目自评表", "self_evaluation"),
    (r"绩效评价指标表", "self_evaluation"),
    (r"绩效评价自评表", "self_evaluation"),
    (r"资金绩效评价表", "self_evaluation"),
    (r"绩效目标(?:申报|批复|审批|审核|公开)?表", "target_declaration"),
    (r"项目(?:支出)?目标(?:申报|批复|审批)表", "target_declaration"),
    (r"绩效项目(?:申报|批复|审批)表", "target_declaration"),
)
"""A printed title wording (a regular expression on text without spaces) → the kind."""

_PATTERNS = tuple((re.compile(p), kind) for p, kind in TITLE_WORDS)
TITLE = re.compile("|".join(f"(?:{p})" for p, _ in TITLE_WORDS))
"""Any title wording (for finding titles inside running text)."""
_SPACES = re.compile(r"[\s\u3000]+")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NOT_TITLE = re.compile(r"[。；;]|关于|通知|办法|报告|如下|详见|见附|填报|填写")
"""Words of a sentence that mentions a form rather than heading it."""
MENTION = re.compile(r"的|中(?:申报|填报|所|的|列|明确|确定|设定)|公示|如下")
"""What follows a form's name in a sentence about it (``…申报表中申报的数量``, a notice's
``…申报表公示如下``)."""
ATTACHMENT_HEAD = re.compile(r"附件\s*\d{1,2}?(?=(?:19|20)\d{2}\s*年|[^\d\s.．、:：])")
"""An attachment's heading run into its title (``附件2中央…绩效目标表``, ``附件22023年…表``:
附件 2, then the year), not the list of attachments (``附件:1.…``)."""
_TITLE_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年度?")
_TITLE_YEAR_AFTER = re.compile(r"[(（]\s*(?:19|20)\d{2}\s*年度?\s*[)）]$")
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*")
MAX_TITLE = 60
"""A title cell is short; longer text only mentions a form."""


@dataclass(frozen=True, slots=True)
class TitleMatch:
    kind: str
    title: str
    """The title as printed (spaces removed), from the start of its wording's phrase."""
    year: int | None


@lru_cache(maxsize=8192)
def find_title(text: str) -> TitleMatch | None:
    """The form title in ``text`` (a cell or a short line), or ``None`` (remembered:
    the layouts and the segmenter ask of the same lines).

    ``text`` must be short and read as a heading, not as a sentence that mentions a form
    (``关于报送项目支出绩效自评表的通知`` is no title)."""
    if "表" not in text and "评" not in text:
        return None  # every title holds 表 or 评价 (no other character normalizes to them)
    squashed = _SPACES.sub("", unicodedata.normalize("NFKC", text)).strip("|")
    if not squashed or len(squashed) > MAX_TITLE or not ("表" in squashed or "评价" in squashed):
        return None
    for pattern, kind in _PATTERNS:
        m = pattern.search(squashed)
        if m is None:
            continue
        head, tail = squashed[: m.start()], squashed[m.end() :]
        if _NOT_TITLE.search(head) or _NOT_TITLE.search(tail) or MENTION.match(tail):
            return None
        start = max(head.rfind(c) for c in ":：|") + 1
        return TitleMatch(kind, squashed[start:], year_in(squashed))
    return None


def year_in(text: str) -> int | None:
    """The year a title or a ``（2023年度）`` cell names."""
    m = _YEAR.search(unicodedata.normalize("NFKC", text))
    return int(m.group(1)) if m else None


def bare_title(title: str) -> str:
    """The words that name a form in ``title``, without what numbers and dates it: an
    attachment's heading or a list item's number before them, a year before or after
    (a notice lists ``2.2025年…绩效目标表`` and prints ``附件2…绩效目标表(2025年度)``)."""
    words = _LIST_NUMBER.sub("", title)
    heading = ATTACHMENT_HEAD.match(words)
    words = words[heading.end() :] if heading else words
    return _TITLE_YEAR_AFTER.sub("", _TITLE_YEAR.sub("", words))
