"""The catalogue of finding codes (letter + 3 digits), their severity and message.

One catalogue for every layer: ``P`` parse, ``A`` arithmetic, ``R`` rules, ``Q`` target
quality, ``X`` cross-form (DESIGN §7). A code, once published, keeps its meaning.
Severity discipline: ``error`` only for what is certainly wrong (arithmetic beyond the
printed precision, a score above its weight or above what the rules allow, a grade the
total does not earn); heuristics are warnings, context is info.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Literal

from jixiao.model.finding import Finding, Location, Severity, Value

__all__ = [
    "AUDIT_FAMILIES",
    "CODES",
    "FAMILIES",
    "CodeInfo",
    "Family",
    "code_info",
    "family_of",
    "finding",
    "is_audit_code",
]


@dataclass(frozen=True)
class Family:
    """A family of codes: its letter, its Chinese name and the stage that raises its
    findings (``parse`` while reading a form, ``audit`` when reviewing it — a review
    recomputes every ``audit`` finding and keeps the ``parse`` ones)."""

    letter: str
    name: str
    stage: Literal["parse", "audit"]


FAMILIES: MappingProxyType[str, Family] = MappingProxyType(
    {
        f.letter: f
        for f in (
            Family("P", "解析", "parse"),
            Family("A", "算术核对", "audit"),
            Family("R", "评分规则", "audit"),
            Family("Q", "目标质量", "audit"),
            Family("X", "跨表核对", "audit"),
        )
    }
)
"""Each family by its letter, in catalogue order."""

AUDIT_FAMILIES = frozenset(f.letter for f in FAMILIES.values() if f.stage == "audit")
"""The families a review computes afresh (the others come from parsing)."""


@dataclass(frozen=True)
class CodeInfo:
    """A catalogue entry: ``template`` is formatted with the finding's values; ``rule``
    is one Chinese sentence saying what is checked (for the docs and the web);
    ``family`` is the letter of its :class:`Family` (set by the catalogue section the
    entry is listed in)."""

    code: str
    severity: Severity
    title: str
    template: str
    rule: str = ""
    family: str = ""


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_PARSE = (
    CodeInfo(
        "P001",
        _W,
        "未归位文本",
        "第 {line} 行的文字未能归入任何字段：{text}",
        "原文中有一行文字没有被任何字段取用，可能是漏读的内容。",
    ),
    CodeInfo(
        "P002",
        _E,
        "无法读取数字",
        "{field}「{text}」无法读成数字",
        "应为数字的单元格读不成数字。",
    ),
    CodeInfo("P003", _W, "缺少字段", "未找到{field}", "表中找不到某个应有的字段。"),
    CodeInfo(
        "P004",
        _I,
        "据表内算术选定读数",
        "{field}读作 {value}（{reason}）",
        "OCR 读数存疑时，按表内合计唯一能对上的读法选定。",
    ),
    CodeInfo(
        "P005",
        _I,
        "去除杂散字符",
        "{field}中的杂散字符「{text}」已去除",
        "单元格中的杂散字符（提取或识别造成）已去除。",
    ),
    CodeInfo(
        "P006",
        _I,
        "推定取值",
        "{field}推定为 {value}（{reason}）",
        "某个取值由上下文推定，而非直接读出。",
    ),
    CodeInfo(
        "P007",
        _W,
        "行不完整",
        "第 {line} 行的指标行缺少{missing}",
        "指标行缺少某些单元格。",
    ),
    CodeInfo("P008", _W, "表格结构异常", "{detail}", "表格的行列结构与版式不符。"),
    CodeInfo(
        "P009",
        _I,
        "数值少于列数",
        "{row}只印出 {count} 个数值（共 {columns} 列），按列序读入，其余各列视为空",
        "一行印出的数值少于列数，按列序读入。",
    ),
    CodeInfo(
        "P010",
        _W,
        "OCR 读数存疑",
        "第 {line} 行单元格「{text}」的文字识别置信度较低（{score}），请对照原件核对",
        "扫描件的文字识别置信度低，需对照原件。",
    ),
    CodeInfo(
        "P011",
        _W,
        "指标值无法识别",
        "{field}「{text}」无法识别为数量、等级、期限或定性表述",
        "年度指标值或实际完成值读不成数量、档次、期限或定性表述，得分无法复核。",
    ),
    CodeInfo(
        "P012",
        _W,
        "单元格无法唯一拆分",
        "「{label}」一行的文字无法唯一地拆分到各列，原样保留：{text}",
        "展平或连写的表格文字只在恰好一种拆分与表头、数值文法和表内算术相符时才拆入各列，"
        "否则原样保留。",
    ),
    CodeInfo(
        "P013",
        _E,
        "表单内容未能读出",
        "找到了{title}，但{missing}：{seen}",
        "找到表单标题却读不出任何指标行或金额时，不能当作读出了一张表。",
    ),
    CodeInfo(
        "P014",
        _W,
        "指标行拆分存疑",
        "按文字次序拆出的 {rows} 个指标行分值合计 {weights}，"
        "与总分值 {expected} 不符，拆分可能有误",
        "没有分隔符的指标行按表头、数值文法拆分后，用分值合计核对拆分。",
    ),
    CodeInfo(
        "P015",
        _W,
        "公式值为错误",
        "第 {line} 行单元格 {ref} 是公式且其值为错误 {error}，{reading}",
        "Excel 单元格是公式（如把目标值“=365(天)”当作公式输入）而其值为错误时，"
        "按输入的公式原文读取，不读错误值，需核对原意。",
    ),
    CodeInfo(
        "P016",
        _I,
        "繁体字转为简体",
        "原文为繁体字（{count} 个繁体字），已转换为简体后解析；原文行照原样保存",
        "以繁体字发布的表单（如镜像网站）先转换为简体再解析，原文行不变。",
    ),
    CodeInfo(
        "P017",
        _W,
        "表题之后文本已截断",
        "找到了{title}，但其后文本就结束了，没有表头、指标行或金额：{seen}",
        "文件中其他表单已读出，而最后一个表题之后只剩几行表头文字便结束（摘录或预览截断）时，"
        "这个表题不算读出的一张表，也不算读错。",
    ),
    CodeInfo(
        "P090",
        _W,
        "文件处理中止",
        "{reason}，本文件未导入",
        "读取、解析和复核一个文件的子进程超出内存或时间上限，或异常终止时，只有这个文件失败，"
        "其他文件照常导入；可调高 JIXIAO_WORKER_MEMORY_MB / JIXIAO_WORKER_SECONDS 后重新导入。",
    ),
)

_ARITHMETIC = (
    CodeInfo(
        "A001",
        _E,
        "得分合计与总分不符",
        "各项指标得分 {indicators} 加预算执行得分 {budget} 为 {computed}，"
        "与表中总分 {printed} 相差 {diff}",
        "各项指标得分与预算执行得分之和应等于总分（容许各项四舍五入的误差）。",
    ),
    CodeInfo(
        "A002",
        _E,
        "分值合计与总分值不符",
        "各项分值合计 {computed}{unread}，与{against} {printed} 相差 {diff}",
        "各项指标分值与预算执行分值之和应等于总分值（表中未印总分值时为满分 100）；"
        "有的指标未读出分值时，读出的分值合计不等于总分值也报此项（复核总分不完整，不作比较）。",
    ),
    CodeInfo(
        "A003",
        _E,
        "执行率与执行数/预算数不符",
        "{row}执行率 {printed}% 与执行数 {executed} / 预算数 {adjusted} = {computed}% 不符",
        "执行率应等于全年执行数 / 全年预算数（按印出的位数，容许四舍五入误差）。",
    ),
    CodeInfo(
        "A004",
        _E,
        "预算执行得分与执行率不符",
        "预算执行得分 {printed} 与执行率 {rate}% × 分值 {weight} = {computed} 不符",
        "预算执行得分应等于执行率 × 分值（执行率超过 100% 按 100% 计）。",
    ),
    CodeInfo(
        "A005",
        _E,
        "资金来源合计与年度资金总额不符",
        "{column}：当年财政拨款、上年结转资金、其他资金合计 {computed}，"
        "与年度资金总额 {printed} 相差 {diff}",
        "年度资金总额应等于当年财政拨款、上年结转资金与其他资金之和。",
    ),
    CodeInfo(
        "A006",
        _E,
        "得分超过分值",
        "{what}得分 {score} 超过分值 {weight}",
        "任何一项的得分都不能超过它的分值。",
    ),
    CodeInfo(
        "A007",
        _E,
        "数值为负",
        "{what}为负数 {value}",
        "金额、执行率、分值与得分都不能为负。",
    ),
    CodeInfo(
        "A008",
        _W,
        "全年预算数为 0",
        "全年预算数为 0（执行数 {executed}），无法计算预算执行率",
        "全年预算数为 0 时执行率无从计算，需说明。",
    ),
    CodeInfo(
        "A009",
        _E,
        "基本支出与项目支出合计与年度资金总额不符",
        "{column}：基本支出 {basic_spending} 加项目支出 {project_spending} 为 {computed}，"
        "与年度资金总额 {printed} 相差 {diff}",
        "部门整体支出按支出性质分，基本支出与项目支出之和应等于年度资金总额。",
    ),
    CodeInfo(
        "A010",
        _E,
        "年度主要任务金额合计不符",
        "{column}：各项任务合计 {computed}，与金额合计 {printed} 相差 {diff}",
        "部门整体支出绩效目标表中，各项年度主要任务的预算金额之和应等于金额合计。",
    ),
)

_RULES = (
    CodeInfo(
        "R001",
        _E,
        "自评得分高于按规则计算的得分",
        "自评得分 {reported} 高于按评分规则计算的 {computed}（{explanation}）",
        "定量指标未达到指标值却给分过高：按规则（实际值 / 指标值 × 分值）计算的得分低于自评得分"
        "（超出容许差额，且不是按表中印出的位数四舍五入所致）。",
    ),
    CodeInfo(
        "R002",
        _E,
        "定性指标得分高于所属档次",
        "实际完成值「{actual}」所属档次得分为 {band_low}–{band_high}，自评得分 {reported} 超出上限",
        "定性指标的得分不能高于实际完成情况所属档次的上限（如部分达成最多得分值的 80%）。",
    ),
    CodeInfo(
        "R003",
        _I,
        "定性指标得分低于所属档次",
        "实际完成值「{actual}」所属档次得分为 {band_low}–{band_high}，自评得分 {reported} 低于下限",
        "定性指标的得分低于所属档次的下限（单位从严扣分，仅供参考）。",
    ),
    CodeInfo(
        "R004",
        _E,
        "评分等级与总分不符",
        "总分 {total} 按{rule}应评为「{expected}」，表中等级为「{grade}」",
        "评分等级应与总分相符（如 优 ≥ 90、良 ≥ 80、中 ≥ 60、差 < 60）。",
    ),
    CodeInfo(
        "R005",
        _W,
        "扣分未说明原因",
        "得分 {score} 低于分值 {weight}，但未填写偏差原因分析及改进措施",
        "得分低于分值时应说明偏差原因及改进措施。",
    ),
    CodeInfo(
        "R006",
        _W,
        "有偏差说明却得满分",
        "偏差原因写有「{note}」，但得分 {score} 为满分",
        "偏差原因说明未完成或有差距的指标，却给了满分。",
    ),
    CodeInfo(
        "R007",
        _W,
        "缺少实际完成值",
        "指标「{indicator}」有分值 {weight}，但未填写实际完成值",
        "有分值的指标应填写实际完成值，否则得分无从核对。",
    ),
    CodeInfo(
        "R008",
        _I,
        "自评得分合计高于按规则计算的总分",
        "各项自评得分合计 {reported}，高于按{rule}计算的总分 {computed}（{grade}），相差 {diff}",
        "各项自评得分（含预算执行得分）之和高于按规则重新计算的总分，超过容许差额。",
    ),
    CodeInfo(
        "R009",
        _W,
        "程度词实际值却得满分",
        "实际完成值「{actual}」带程度词「{hedge}」（目标「{target}」），自评得分 {score} 为满分",
        "实际完成值写作“较及时”“基本完成”等，说明没有完全达到目标，却给了满分（规则集可设定"
        "这类表述计为部分达成，此时满分即为 R002 错误）。",
    ),
    CodeInfo(
        "R010",
        _W,
        "未能复核评分",
        "评分或审核时发生内部错误（{error}），本表单未复核评分与审核，已按原样保存",
        "评分或审核程序出错时，表单仍按解析结果入库，但没有复核得分与审核发现；"
        "请报告此问题，修复后用 jixiao rescore 补齐。",
    ),
)

_QUALITY = (
    CodeInfo(
        "Q001",
        _W,
        "指标值缺少数值",
        "指标值「{target}」没有可衡量的数值（{why}）",
        "“提升”“扩大”“较上年增长”等目标应给出具体数值，否则无法考核。",
    ),
    CodeInfo(
        "Q002",
        _W,
        "定量指标缺少单位",
        "指标值「{target}」有数值 {number} 但没有计量单位",
        "定量指标值应注明计量单位（人、件、%、万元……）。",
    ),
    CodeInfo(
        "Q003",
        _W,
        "分值为 0 的指标",
        "指标「{indicator}」的分值为 0",
        "分值为 0 的指标不参与评分，应删去或赋予分值。",
    ),
    CodeInfo(
        "Q004",
        _W,
        "缺少满意度指标",
        "表中没有满意度指标",
        "绩效指标一般应包含服务对象满意度指标。",
    ),
    CodeInfo(
        "Q005",
        _W,
        "一级指标分值偏离规则",
        "一级指标分值为 {weights}，{rule}原则上为 {expected}（{level1}相差较大）",
        "一级指标的分值合计与评分规则的默认分值相差较大（原则性要求，地方表常有偏离）。",
    ),
    CodeInfo(
        "Q006",
        _W,
        "指标值明显偏低",
        "实际完成 {actual}，是年度指标值 {target} 的 {ratio} 倍（规则集以 {limit} 倍为限），"
        "指标值可能定得过低",
        "同一计量单位的数量指标，实际完成值达到指标值的若干倍（规则集 target_low_ratio，"
        "默认 3 倍）时，指标值可能是为了容易完成而定低的。",
    ),
)

_CROSS_FORM = (
    CodeInfo(
        "X001",
        _W,
        "预算几乎未执行而产出全部达成",
        "预算执行率 {rate}%，但 {count} 项产出指标全部得满分",
        "预算执行率接近 0 而产出指标全部满分，完成情况与资金使用不相称。",
    ),
    CodeInfo(
        "X002",
        _W,
        "全年预算数与年初预算数相差较大",
        "全年预算数 {adjusted}{money} 比年初预算数 {initial}{money} {change} {ratio}%"
        "（超过规则集的 {limit}%），表中未见调整说明",
        "全年预算数与年初预算数相差超过规则集的比例（默认 20%），而总体目标完成情况和偏差原因"
        "中都没有说明调整原因。",
    ),
    CodeInfo(
        "X003",
        _W,
        "自评指标值与目标表不一致",
        "指标「{indicator}」自评表中指标值为「{target}」，目标表中为「{declared}」",
        "同一项目同一年度的自评表应沿用绩效目标表申报的指标值。",
    ),
    CodeInfo(
        "X004",
        _I,
        "同一项目跨年度变化",
        "{prev_year} 年自评 {prev_score} 分、执行率 {prev_rate}%；"
        "{year} 年自评 {score} 分、执行率 {rate}%",
        "同一单位同一项目在多个年度的自评得分与执行率，供比较。",
    ),
    CodeInfo(
        "X005",
        _W,
        "目标表指标未出现在自评表中",
        "目标表中的指标「{indicator}」（指标值「{declared}」）未出现在自评表中",
        "目标表申报的指标在同一项目同一年度的自评表中缺失。",
    ),
    CodeInfo(
        "X006",
        _W,
        "所列上年数与上年自评表不符",
        "表中所列{what} {stated}，与 {prev_year} 年自评表的 {actual} 不符（相差 {diff}）",
        "目标表或自我评价表所列同名项目上年的预算数、执行数，应与上年自评表一致。",
    ),
    CodeInfo(
        "X007",
        _W,
        "目标表指标值远低于上年实际",
        "{count} 项数量指标的指标值都不到 {prev_year} 年自评表实际完成值的 1/{limit}：{examples}",
        "同一项目的目标表中，能与上年自评表对照的数量指标值全都远低于上年的实际完成值"
        "（规则集 target_low_ratio，默认 3 倍），目标可能定得过低。",
    ),
)


def _catalogue(
    sections: dict[str, tuple[CodeInfo, ...]],
) -> MappingProxyType[str, CodeInfo]:
    """The entries by code, each given the family of its section; a code listed twice or
    a section of no family is a programming error, not a silent overwrite."""
    by_code: dict[str, CodeInfo] = {}
    for letter, entries in sections.items():
        if letter not in FAMILIES:
            raise ValueError(f"finding family {letter} is not declared")
        for entry in entries:
            if entry.code in by_code:
                raise ValueError(f"finding code {entry.code} is defined twice")
            by_code[entry.code] = replace(entry, family=letter)
    return MappingProxyType(by_code)


CODES: MappingProxyType[str, CodeInfo] = _catalogue(
    {"P": _PARSE, "A": _ARITHMETIC, "R": _RULES, "Q": _QUALITY, "X": _CROSS_FORM}
)


def code_info(code: str) -> CodeInfo:
    """The catalogue entry for ``code``; ``KeyError`` for an unknown code."""
    return CODES[code]


def family_of(code: str) -> Family:
    """The family of catalogue code ``code`` (``KeyError`` for an unknown code)."""
    return FAMILIES[CODES[code].family]


def is_audit_code(code: str) -> bool:
    """Whether findings of ``code`` are computed by a review (not read with the form). A
    code the catalogue does not know (a form written by another version or tool) is not:
    a review keeps such a finding as it was read instead of failing on it."""
    info = CODES.get(code)
    return info is not None and FAMILIES[info.family].stage == "audit"


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
