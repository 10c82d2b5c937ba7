"""The catalogue of finding codes as a document: rows for ``jixiao codes`` and the web,
and the Markdown of ``docs/audit-codes.md`` (a test keeps that file up to date)."""

from __future__ import annotations

from jixiao.model.codes import CODES, FAMILIES, CodeInfo
from jixiao.model.labels import SEVERITY_LABELS

__all__ = ["catalogue_markdown", "catalogue_rows"]


def catalogue_rows() -> list[dict[str, str]]:
    """One plain dict per code, in catalogue order."""
    return [
        {
            "code": c.code,
            "family": c.family,
            "family_name": FAMILIES[c.family].name,
            "severity": c.severity.value,
            "title": c.title,
            "rule": c.rule,
            "template": c.template,
        }
        for c in CODES.values()
    ]


_INTRO = """\
# 审核发现编号 / Finding codes

本文件由 `jixiao codes --format markdown` 生成，请勿手工编辑（测试会比对）。

每条审核发现有一个固定编号（字母 + 3 位数字）、级别、按模板生成的中文说明、位置（文件、
原文行、指标行、字段）以及涉及的数值。级别：**错误**只用于确定有误的情形（超出印刷精度的
算术不符、得分超过分值、得分高于规则允许、等级与总分不符）；经验性的检查为**警告**；
供参考的信息为**提示**。命令在有错误级发现时退出码为 1。

`jixiao audit FILE... --select R001,A --ignore Q` 可按编号或前缀筛选。
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(c: CodeInfo) -> str:
    cells = (c.code, SEVERITY_LABELS[c.severity], c.title, c.rule, f"`{c.template}`")
    return "| " + " | ".join(_cell(x) for x in cells) + " |"


def catalogue_markdown() -> str:
    """The whole catalogue as Markdown, one table per family."""
    parts = [_INTRO]
    for letter, family in FAMILIES.items():
        entries = [c for c in CODES.values() if c.family == letter]
        if not entries:
            continue
        parts.append(f"\n## {letter} {family.name}\n")
        parts.append("| 编号 | 级别 | 名称 | 检查内容 | 说明模板 |")
        parts.append("|---|---|---|---|---|")
        parts.extend(_row(c) for c in entries)
    return "\n".join(parts) + "\n"
