"""Drawing ruled tables with CJK text as page images, for the OCR tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

ROWS: list[list[str | None]] = [
    ["一级指标", "二级指标", "三级指标", "分值", "得分"],
    ["产出指标", "数量指标", "配套电信网络服务天数", "6", "5.98"],
    [None, "质量指标", "系统可用率≥99%", "10.00", "9.5"],
    [None, "时效指标", "按时完成", "8", "8"],
]
"""Row 1..3 of column 0 are one merged cell (its internal rules are not drawn)."""

XS = (200, 600, 1000, 1700, 2000, 2300)
YS = (300, 420, 540, 660, 780)


def draw_table(
    dpi: int = 300,
    angle: float = 0.0,
    rows: Sequence[Sequence[str | None]] = ROWS,
    title: str | None = "2024年度财政项目支出绩效自评表",
    with_text: bool = True,
) -> Image.Image:
    """A 300-dpi-designed table scaled to ``dpi``, optionally turned by ``angle``."""
    s = dpi / 300
    image = Image.new("L", (int(2480 * s), int(1100 * s)), 255)
    draw = ImageDraw.Draw(image)
    xs = [int(v * s) for v in XS]
    ys = [int(v * s) for v in YS]
    width = max(1, int(3 * s))
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=width)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=width)
    for y in ys[2:4]:  # merge column 0 of rows 1..3
        draw.line([(xs[0] + width, y), (xs[1] - width, y)], fill=255, width=width + 2)
    if with_text and FONT.exists():
        font = ImageFont.truetype(str(FONT), int(42 * s))
        if title:
            draw.text((int(250 * s), int(150 * s)), title, font=font, fill=0)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    draw.text((xs[c] + int(15 * s), ys[r] + int(35 * s)), text, font=font, fill=0)
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return image
