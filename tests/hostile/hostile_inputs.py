"""Hostile and broken inputs, made small at test time (no big file is committed).

Each :class:`Case` writes one file (or special file) into a folder and says what the
reader must answer: a :class:`~jixiao.errors.ReadError` whose message holds ``says``
(exit code 2 in the CLI). ``heavy`` cases take a second or more to make or to refuse.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl

__all__ = ["CASES", "Case", "make"]

_MIB = 1 << 20
_SHEET = "xl/worksheets/sheet1.xml"
_BODY = "word/document.xml"


@dataclass(frozen=True)
class Case:
    """One hostile input: its file name, how to make it, and a fragment of the refusal."""

    name: str
    make: Callable[[Path], None]
    says: str
    heavy: bool = False


def make(case: Case, folder: Path) -> Path:
    """Write ``case``'s input into ``folder``; its path."""
    path = folder / case.name
    case.make(path)
    return path


# office files -------------------------------------------------------------------------


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "项目支出绩效自评表"
    sheet["A2"] = "项目名称"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx() -> bytes:
    word = docx.Document()
    word.add_paragraph("项目支出绩效自评表")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _rezip(
    data: bytes, change: dict[str, Callable[[bytes], bytes]], add: dict[str, bytes] | None = None
) -> bytes:
    """``data`` (a zip) with members rewritten by ``change`` and members ``add`` added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            body = old.read(info.filename)
            if info.filename in change:
                body = change[info.filename](body)
            new.writestr(info.filename, body, zipfile.ZIP_DEFLATED)
        for name, body in (add or {}).items():
            new.writestr(name, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _after_sheet_data(xml: bytes, extra: bytes) -> bytes:
    return xml.replace(b"</sheetData>", b"</sheetData>" + extra, 1)


def _merge_bomb(path: Path) -> None:
    merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    path.write_bytes(_rezip(_xlsx(), {_SHEET: lambda x: _after_sheet_data(x, merge)}))


def _far_cell(path: Path) -> None:
    row = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path.write_bytes(
        _rezip(_xlsx(), {_SHEET: lambda x: x.replace(b"</sheetData>", row + b"</sheetData>")})
    )


def _million_rows(path: Path) -> None:
    """A sheet of 1,000,000 rows, written as a stream (some 40 MB of XML, 1 MB zipped)."""
    source = _xlsx()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            body = old.read(info.filename)
            if info.filename != _SHEET:
                new.writestr(info.filename, body, zipfile.ZIP_DEFLATED)
                continue
            head, _, tail = body.partition(b"<sheetData>")
            tail = tail.partition(b"</sheetData>")[2]
            with new.open(zipfile.ZipInfo(_SHEET), "w", force_zip64=True) as stream:
                stream.write(head + b"<sheetData>")
                for start in range(1, 1_000_001, 10_000):
                    stream.write(
                        b"".join(
                            b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r)
                            for r in range(start, start + 10_000)
                        )
                    )
                stream.write(b"</sheetData>" + tail)


def _bomb_member(inflated: int) -> Callable[[Path], None]:
    """An xlsx whose sheet inflates to ``inflated`` bytes of blanks (a zip bomb)."""

    def write(path: Path) -> None:
        source = _xlsx()
        with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(path, "w") as new:
            for info in old.infolist():
                if info.filename != _SHEET:
                    new.writestr(info.filename, old.read(info.filename), zipfile.ZIP_DEFLATED)
                    continue
                member = zipfile.ZipInfo(_SHEET)
                member.compress_type = zipfile.ZIP_DEFLATED
                with new.open(member, "w", force_zip64=True) as stream:
                    blank = b" " * _MIB
                    for _ in range(inflated // _MIB):
                        stream.write(blank)

    return write


def _lying_header(path: Path) -> None:
    """A zip bomb whose directory claims the sheet inflates to 1,000 bytes."""
    _bomb_member(80 * _MIB)(path)
    data = bytearray(path.read_bytes())
    _patch_sizes(data, _SHEET.encode(), 1_000)
    path.write_bytes(bytes(data))


def _patch_sizes(data: bytearray, member: bytes, size: int) -> None:
    """Set ``member``'s uncompressed size in its central directory record (and in its
    zip64 extra field, where the real one is)."""
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len, extra_len = struct.unpack_from("<HH", data, at + 28)
        name = bytes(data[at + 46 : at + 46 + name_len])
        if name == member:
            struct.pack_into("<I", data, at + 24, size)
            extra = at + 46 + name_len
            end = extra + extra_len
            while extra + 4 <= end:
                tag, length = struct.unpack_from("<HH", data, extra)
                if tag == 1 and length >= 8:  # zip64: the uncompressed size comes first
                    struct.pack_into("<Q", data, extra + 4, size)
                    struct.pack_into("<I", data, at + 24, size)
                extra += 4 + length
            return
        at = data.find(b"PK\x01\x02", at + 4)


def _damaged_lzma(path: Path) -> None:
    """Members packed with LZMA, the sheet's stream damaged (an lzma error, not zlib's)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_xlsx())) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename), zipfile.ZIP_LZMA)
    data = bytearray(out.getvalue())
    at = data.find(_SHEET.encode()) + len(_SHEET) + 40
    data[at : at + 20] = bytes(20)
    path.write_bytes(bytes(data))


def _many_members(path: Path) -> None:
    extra = {f"xl/media/image{i}.bin": b"x" for i in range(2_100)}
    path.write_bytes(_rezip(_xlsx(), {}, extra))


_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>"
)


def _billion_laughs_docx(path: Path) -> None:
    def body(xml: bytes) -> bytes:
        start = xml.index(b"<w:document")
        return _LAUGHS.replace(b"lolz", b"w:document") + xml[start:].replace(
            b"<w:body>", b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", 1
        )

    path.write_bytes(_rezip(_docx(), {_BODY: body}))


def _billion_laughs_xlsx(path: Path) -> None:
    strings = _LAUGHS.replace(b"lolz", b"sst") + (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&lol9;</t></si></sst>"
    )
    path.write_bytes(_rezip(_xlsx(), {}, {"xl/sharedStrings2.xml": strings}))


def _external_entity_docx(path: Path) -> None:
    def body(xml: bytes) -> bytes:
        start = xml.index(b"<w:document")
        doctype = (
            b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        )
        return doctype + xml[start:].replace(
            b"<w:body>", b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>", 1
        )

    path.write_bytes(_rezip(_docx(), {_BODY: body}))


def _many_elements_docx(path: Path) -> None:
    paragraphs = b"<w:p/>" * 1_100_000
    path.write_bytes(
        _rezip(_docx(), {_BODY: lambda x: x.replace(b"<w:body>", b"<w:body>" + paragraphs, 1)})
    )


def _wide_docx_grid(path: Path) -> None:
    grid = b"<w:tblGrid>" + b'<w:gridCol w:w="10"/>' * 5_000 + b"</w:tblGrid>"
    table = grid + b"<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"
    body = b"<w:tbl>" + table + b"</w:tbl>"
    path.write_bytes(
        _rezip(_docx(), {_BODY: lambda x: x.replace(b"<w:body>", b"<w:body>" + body, 1)})
    )


# html and text ----------------------------------------------------------------------------


def _span_bomb(path: Path) -> None:
    row = '<tr><td rowspan="1000" colspan="1000">项目</td></tr>'
    path.write_text("<html><body><table>" + row * 1_000 + "</table></body></html>")


def _cell_flood(path: Path) -> None:
    path.write_text("<html><body><table><tr>" + "<td>" * 800_000 + "</table></body></html>")


def _sparse(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("wb") as out:
            out.truncate(size)  # sparse: nothing is written to the disk

    return write


def _newlines(path: Path) -> None:
    path.write_bytes(b"\n" * (4 * _MIB))


def _one_line(path: Path) -> None:
    path.write_bytes(b"1234567890.12\t" * 200_000)


def _form_feeds(path: Path) -> None:
    path.write_bytes("项目\f".encode() * 300_000)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link_to(target: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.symlink_to(target)

    return write


def _folder(path: Path) -> None:
    path.mkdir()


def _bad_utf16(path: Path) -> None:
    path.write_bytes(b"\xff\xfe" + "项目".encode("utf-16-le") + b"\x00\xd8\x41")


def _binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


# images and pdf -------------------------------------------------------------------------


def _png_header(width: int, height: int) -> Callable[[Path], None]:
    """A PNG that declares ``width`` × ``height`` pixels and holds almost none."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    def write(path: Path) -> None:
        header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
        idat = zlib.compress(b"\x00" * 1024)
        path.write_bytes(
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", idat)
            + chunk(b"IEND", b"")
        )

    return write


def _pdf(
    pages: int, size: tuple[float, float], draw: Callable[[object], None]
) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        from reportlab.pdfgen import canvas

        paper = canvas.Canvas(str(path), pagesize=size)
        for _ in range(pages):
            draw(paper)
            paper.showPage()
        paper.save()

    return write


def _form_bomb(path: Path) -> None:
    """One page drawing a form of 1,000 lines a thousand times: 1 KB per object, a
    million objects to visit."""
    from reportlab.pdfgen import canvas

    paper = canvas.Canvas(str(path), pagesize=(595, 842))
    paper.beginForm("lines")
    for i in range(1_000):
        paper.line(20, 20 + i * 0.5, 500, 20 + i * 0.5)
    paper.endForm()
    paper.drawString(72, 800, "form")
    for _ in range(1_000):
        paper.doForm("lines")
    paper.showPage()
    paper.save()


def _content_bomb(path: Path) -> None:
    """A one-page PDF whose content stream inflates to 80 MiB of drawn lines."""
    packer = zlib.compressobj(9)
    line = b"0 0 m 100 100 l S\n" * 4096
    body = b"".join(packer.compress(line) for _ in range(80 * _MIB // len(line)))
    body += packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(body), body),
    ]
    out = b"%PDF-1.4\n" + b"".join(
        b"%d 0 obj\n%s\nendobj\n" % (i, obj) for i, obj in enumerate(objects, start=1)
    )
    path.write_bytes(out + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _box(paper: object) -> None:
    paper.rect(36, 36, 100, 100)  # type: ignore[attr-defined]


def _words(paper: object) -> None:
    paper.drawString(72, 72, "page")  # type: ignore[attr-defined]


CASES: tuple[Case, ...] = (
    Case("zip_bomb.xlsx", _bomb_member(80 * _MIB), "超过读取上限", heavy=True),
    Case("lying_header.xlsx", _lying_header, "已损坏", heavy=True),
    Case("merge_bomb.xlsx", _merge_bomb, "超过读取上限"),
    Case("far_cell.xlsx", _far_cell, "超过读取上限"),
    Case("million_rows.xlsx", _million_rows, "表格行数", heavy=True),
    Case("damaged_lzma.xlsx", _damaged_lzma, "已损坏"),
    Case("many_members.xlsx", _many_members, "压缩包成员数"),
    Case("laughs.xlsx", _billion_laughs_xlsx, "实体声明"),
    Case("laughs.docx", _billion_laughs_docx, "实体声明"),
    Case("xxe.docx", _external_entity_docx, "实体声明"),
    Case("elements.docx", _many_elements_docx, "超过读取上限", heavy=True),
    Case("wide_grid.docx", _wide_docx_grid, "表格列数"),
    Case("span_bomb.html", _span_bomb, "超过读取上限"),
    Case("cell_flood.html", _cell_flood, "HTML 标签数"),
    Case("huge.txt", _sparse(200 * _MIB), "超过读取上限"),
    Case("newlines.txt", _newlines, "行数"),
    Case("form_feeds.txt", _form_feeds, "行数"),
    Case("one_line.txt", _one_line, "一行的字符数"),
    Case("x.txt", _fifo, "命名管道"),
    Case("zero.txt", _link_to("/dev/zero"), "字符设备"),
    Case("folder.txt", _folder, "文件夹"),
    Case("bad_utf16.txt", _bad_utf16, "无法解码"),
    Case("binary.txt", _binary, "编码"),
    Case("bomb.png", _png_header(20_000, 20_000), "像素数"),
    Case("big.png", _png_header(6_000, 6_000), "像素数"),
    Case("huge_page.pdf", _pdf(1, (200 * 72, 200 * 72), _box), "像素数"),
    Case("scans.pdf", _pdf(300, (595, 842), _box), "需文字识别的页数", heavy=True),
    Case("form_bomb.pdf", _form_bomb, "按内容估算的对象数"),
    Case("content_bomb.pdf", _content_bomb, "解压后大小", heavy=True),
    Case("pages.pdf", _pdf(1_001, (595, 842), _words), "页数", heavy=True),
)
