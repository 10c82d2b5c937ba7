"""The CJK font of rendered PDFs and the fonts named in rendered DOCX files.

By default a PDF uses reportlab's built-in CID font ``STSong-Light`` (华文宋体, the
Adobe-GB1 宋体 every PDF reader carries): the 宋体 of the official tables, and no font
file needed at all. A TrueType font is embedded instead when asked for — ``--font`` a
``.ttf``/``.ttc`` file, ``--font embed`` for the first CJK TrueType font installed
(Debian ``fonts-wqy-microhei``, 宋体 on Windows), or ``$JIXIAO_FONT`` naming a file —
so the PDF looks the same on a machine whose reader has no Chinese fonts. Fonts are never
downloaded at run time.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from jixiao.errors import JixiaoError

__all__ = [
    "BUILTIN_FONT",
    "DOCX_EAST_ASIA_FONT",
    "DOCX_LATIN_FONT",
    "EMBED_FONT",
    "FONT_ENV",
    "FontNotFoundError",
    "find_cjk_font",
    "pdf_font_name",
]

BUILTIN_FONT = "STSong-Light"
"""reportlab's built-in CID font (宋体, Adobe-GB1): the default, no font file needed."""
EMBED_FONT = "embed"
"""The font choice meaning "embed the first CJK TrueType font installed"."""

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
        f"（apt-get install fonts-wqy-microhei），或用环境变量 {FONT_ENV} 指定 .ttf/.ttc 字体文件，"
        f"或不指定字体而用内置宋体 {BUILTIN_FONT}"
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


@cache
def _builtin() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(BUILTIN_FONT))
    return BUILTIN_FONT


def pdf_font_name(font: str | None = None) -> str:
    """Register the PDF's CJK font with reportlab (once) and return its name.

    ``font`` is :data:`BUILTIN_FONT`, :data:`EMBED_FONT` (``$JIXIAO_FONT`` or the first
    CJK TrueType font installed) or the path of a ``.ttf``/``.ttc`` file; ``None`` is
    ``$JIXIAO_FONT`` when set, else the built-in font. Raises
    :class:`FontNotFoundError` for a file that is missing or unreadable."""
    if font is None:
        font = EMBED_FONT if os.environ.get(FONT_ENV, "").strip() else BUILTIN_FONT
    if font == BUILTIN_FONT:
        return _builtin()
    if font == EMBED_FONT:
        return _register(str(find_cjk_font()))
    path = Path(font).expanduser()
    if not path.is_file() or path.suffix.lower() not in {".ttf", ".ttc"}:
        raise FontNotFoundError(
            f"字体文件不存在或不是 .ttf/.ttc：{font}（或用 {BUILTIN_FONT}、{EMBED_FONT}）"
        )
    return _register(str(path))
