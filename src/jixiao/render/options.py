"""Options for drawing the official tables: the variations found in published forms."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jixiao.errors import UsageError

__all__ = [
    "MoneyUnit",
    "PageSize",
    "RenderOptions",
    "Wording",
    "convert_amount",
    "format_number",
]

MoneyUnit = Literal["元", "万元"]
Wording = Literal["当年", "本年"]
PageSize = Literal["A4", "A3"]

_FACTOR_EXP: dict[str, int] = {"元": 0, "万元": 4}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to draw an official table.

    ``money_unit`` ``None`` keeps each form's own unit; ``元``/``万元`` converts the
    amounts exactly (万元 = 元 / 10000) and relabels the headers. ``thousands`` ``None``
    prints amounts as the published layout of each kind does (自评表 without
    separators, 自我评价 and 目标表 with); ``True``/``False`` forces it. ``narrow``
    halves the wide columns so long cells wrap onto several lines (a style used to
    make test corpora). ``font`` is the PDF's font (:func:`jixiao.render.fonts.pdf_font_name`):
    ``None`` the built-in 宋体 (or ``$JIXIAO_FONT``), ``embed`` or a TrueType file.
    ``signature`` ends each table with the signature block published forms carry
    (:mod:`jixiao.render.signature`); the web page drawing a form for review leaves it off.
    """

    money_unit: MoneyUnit | None = None
    wording: Wording = "当年"
    page: PageSize = "A4"
    landscape: bool = False
    narrow: bool = False
    thousands: bool | None = None
    font: str | None = None
    signature: bool = True

    def __post_init__(self) -> None:
        if self.money_unit not in (None, "元", "万元"):
            raise UsageError(f"金额单位只能是“元”或“万元”，不能是“{self.money_unit}”。")
        if self.wording not in ("当年", "本年"):
            raise UsageError(f"拨款措辞只能是“当年”或“本年”，不能是“{self.wording}”。")
        if self.page not in ("A4", "A3"):
            raise UsageError(f"纸张只能是 A4 或 A3，不能是“{self.page}”。")


def convert_amount(value: Decimal, from_unit: str | None, to_unit: str | None) -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit``, exactly.

    Unknown units leave the value alone. The result keeps at least two decimals (or
    the value's own, if it had fewer and nothing is lost) and no trailing zeros beyond.
    """
    if from_unit == to_unit or from_unit not in _FACTOR_EXP or to_unit not in _FACTOR_EXP:
        return value
    shift = _FACTOR_EXP[from_unit] - _FACTOR_EXP[to_unit]
    out = value.scaleb(shift)
    exp = value.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    return _trim(out, max(2, places) if places else 0)


def _trim(value: Decimal, min_places: int) -> Decimal:
    """Drop trailing fractional zeros, keeping at least ``min_places`` decimals."""
    if not value.is_finite():
        return value
    normal = value.normalize()
    nexp = normal.as_tuple().exponent
    assert isinstance(nexp, int)
    places = max(min_places, -nexp, 0)
    return value.quantize(Decimal(1).scaleb(-places))


def format_number(value: Decimal | None, *, thousands: bool = False) -> str:
    """A number as printed: the Decimal's own digits, optionally with separators."""
    if value is None:
        return ""
    if not value.is_finite():
        return str(value)
    return format(value, ",f" if thousands else "f")
