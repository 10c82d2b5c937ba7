"""The catalogue of finding codes (letter + 3 digits), their severity and message.

One catalogue for every layer: ``P`` parse, ``A`` arithmetic, ``R`` rules, ``Q`` target
quality, ``X`` cross-form (DESIGN §7). A code, once published, keeps its meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from jixiao.model.finding import Finding, Location, Severity, Value

__all__ = ["CODES", "CodeInfo", "code_info", "finding"]


@dataclass(frozen=True)
class CodeInfo:
    """A catalogue entry: ``template`` is formatted with the finding's values."""

    code: str
    severity: Severity
    title: str
    template: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_ENTRIES = (
    CodeInfo("P001", _W, "未归位文本", "第 {line} 行的文字未能归入任何字段：{text}"),
    CodeInfo("P002", _E, "无法读取数字", "{field}「{text}」无法读成数字"),
    CodeInfo("P003", _W, "缺少字段", "未找到{field}"),
    CodeInfo("P004", _I, "据表内算术选定读数", "{field}读作 {value}（{reason}）"),
    CodeInfo("P005", _I, "去除杂散字符", "{field}中的杂散字符「{text}」已去除"),
    CodeInfo("P006", _I, "推定取值", "{field}推定为 {value}（{reason}）"),
    CodeInfo("P007", _W, "行不完整", "第 {line} 行的指标行缺少{missing}"),
    CodeInfo("P008", _W, "表格结构异常", "{detail}"),
    CodeInfo(
        "P009",
        _I,
        "数值少于列数",
        "{row}只印出 {count} 个数值（共 {columns} 列），按列序读入，其余各列视为空",
    ),
    CodeInfo(
        "P010",
        _W,
        "OCR 读数存疑",
        "第 {line} 行单元格「{text}」的文字识别置信度较低（{score}），请对照原件核对",
    ),
    CodeInfo(
        "A001",
        _E,
        "得分合计与总分不符",
        "各项指标得分 {indicators} 加预算执行得分 {budget} 为 {computed}，"
        "与表中总分 {printed} 相差 {diff}",
    ),
    CodeInfo(
        "A002",
        _E,
        "分值合计与总分值不符",
        "各项分值合计 {computed}，与表中总分值 {printed} 相差 {diff}",
    ),
)

CODES: MappingProxyType[str, CodeInfo] = MappingProxyType({e.code: e for e in _ENTRIES})


def code_info(code: str) -> CodeInfo:
    """The catalogue entry for ``code``; ``KeyError`` for an unknown code."""
    return CODES[code]


def finding(code: str, location: Location | None = None, **values: Value) -> Finding:
    """Make a :class:`Finding` of ``code``, its message rendered from the template."""
    info = CODES[code]
    shown = {k: ("—" if v is None else v) for k, v in values.items()}
    return Finding(
        code=code,
        severity=info.severity,
        message=info.template.format(**shown),
        location=location or Location(),
        values=dict(values),
    )
