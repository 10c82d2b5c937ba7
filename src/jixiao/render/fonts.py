"""The CJK font embedded in rendered PDFs and named in rendered DOCX files.

A PDF must look the same on every machine, so its font is embedded. jixiao uses a
TrueType font installed from a package registry (Debian ``fonts-wqy-microhei``), never
one downloaded at run time. A user may point ``JIXIAO_FONT`` at their own ``.ttf`` or
``.ttc`` (e.g. 宋体) instead.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from jixiao.errors import JixiaoError

__all__ = [
    "DOCX_EAST_ASIA_FONT",
    "DOCX_LATIN_FONT",
    "FONT_ENV",
    "FontNotFoundError",
    "find_cjk_font",
    "pdf_font_name",
]

FONT_ENV = "JIXIAO_FONT"
"""Environment variable naming a user's own TrueType font file (.ttf/.ttc)."""

DOCX_EAST_ASIA_FONT = "宋体"
"""The East Asian font a Word document names (Word cannot embed it on save here)."""
DOCX_LATIN_FONT = "Times New Roman"

_FONT_DIRS = (
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/wqy-microhei",
    "/usr/share/fonts/truetype",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
)
# Preferred files, best first: all hold the common CJK ideographs as TrueType outlines
# (reportlab embeds TrueType only, not CFF-based OpenType such as Noto CJK .otf).
_FONT_FILES = (
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "simsun.ttc",
    "SimSun.ttf",
    "simhei.ttf",
    "msyh.ttc",
)


class FontNotFoundError(JixiaoError):
    """No CJK TrueType font could be found to embed in a PDF."""


def find_cjk_font() -> Path:
    """The font file to embed: ``$JIXIAO_FONT`` if set, else the first known CJK font.

    Raises :class:`FontNotFoundError` when there is none.
    """
    own = os.environ.get(FONT_ENV, "").strip()
    if own:
        path = Path(own).expanduser()
        if not path.is_file() or path.suffix.lower() not in {".ttf", ".ttc"}:
            raise FontNotFoundError(
                f"环境变量 {FONT_ENV} 指向的字体文件不存在或不是 .ttf/.ttc：{own}"
            )
        return path
    for name in _FONT_FILES:
        for folder in _FONT_DIRS:
            base = Path(folder).expanduser()
            direct = base / name
            if direct.is_file():
                return direct
    for folder in _FONT_DIRS[:2]:
        base = Path(folder).expanduser()
        if base.is_dir():
            for name in _FONT_FILES:
                found = next(iter(sorted(base.rglob(name))), None)
                if found is not None:
                    return found
    raise FontNotFoundError(
        "找不到可嵌入 PDF 的中文 TrueType 字体：请安装 Debian 软件包 fonts-wqy-microhei"
        f"（apt-get install fonts-wqy-microhei），或用环境变量 {FONT_ENV} 指定 .ttf/.ttc 字体文件"
    )


@cache
def _register(path: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = "JixiaoCJK-" + Path(path).stem
    try:
        font = (
            TTFont(name, path, subfontIndex=0)
            if path.lower().endswith(".ttc")
            else TTFont(name, path)
        )
    except (TTFError, OSError) as err:
        raise FontNotFoundError(f"无法读取字体文件 {path}：{err}") from err
    pdfmetrics.registerFont(font)
    return name


def pdf_font_name() -> str:
    """Register the CJK font with reportlab (once per file) and return its name."""
    return _register(str(find_cjk_font()))
