"""Reading text files: encoding detection in :mod:`jixiao.read.text`.

Covers every supported encoding on a real seed, UTF-16 without a BOM, GB18030 text
with ASCII symbols, unreadable bytes and missing files, plus round-trip properties.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jixiao.errors import DecodeError, ReadError
from jixiao.read import decode_text, read_document, read_text
from support import SEEDS

SEED = next(s for s in SEEDS if s.name.startswith("004_"))
SEED_TEXT = SEED.read_text(encoding="utf-8")

Encoder = Callable[[str], bytes]

ENCODERS: dict[str, Encoder] = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "utf-16-be": lambda t: t.encode("utf-16-be"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
}
WITH_BOM_OR_UTF8 = ("utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom")
UTF16_NO_BOM = ("utf-16-le", "utf-16-be")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --- a seed file in every encoding -------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"])
def test_seed_with_bom_or_utf8(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(ENCODERS[encoding](SEED_TEXT))
    text, _ = read_text(path)
    assert text == SEED_TEXT


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_seed_in_chinese_national_encodings(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(ENCODERS[encoding](SEED_TEXT))
    assert read_text(path) == (SEED_TEXT, "gb18030")


@pytest.mark.parametrize("encoding", UTF16_NO_BOM)
def test_utf16_without_bom_ascii_heavy_seed(encoding: str) -> None:
    # seed 000 has many spaces and digits, so half its UTF-16 code units hold a NUL
    seed = next(s for s in SEEDS if s.name.startswith("000_"))
    original = seed.read_text(encoding="utf-8")
    assert decode_text(ENCODERS[encoding](original)) == (original, encoding)


@pytest.mark.parametrize("encoding", UTF16_NO_BOM)
def test_utf16_without_bom_chinese_heavy_seed(encoding: str) -> None:
    assert decode_text(ENCODERS[encoding](SEED_TEXT)) == (SEED_TEXT, encoding)


def test_read_document_keeps_lines_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes(SEED_TEXT.encode("gb18030"))
    doc = read_document(path)
    assert doc.name == "gb.txt"
    assert doc.encoding == "gb18030"
    assert [ln.text for ln in doc.lines] == SEED_TEXT.splitlines()


# --- errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"abc\xff\xffdef",  # neither UTF-8 nor GB18030 (0xFF is no GB18030 lead byte)
        b"\x81\x30\x81\x30" * 20,  # GB18030 for U+0080 control characters: implausible
        codecs.BOM_UTF16_LE + "中文".encode("utf-16-le") + b"\x00",  # truncated UTF-16
        codecs.BOM_UTF8 + b"\xe4\xb8",  # truncated UTF-8 after a BOM
        b"a\x00b",  # NULs but no UTF-16 pattern
    ],
    ids=["bad-bytes", "implausible-gb18030", "odd-utf16", "cut-utf8-bom", "stray-nul"],
)
def test_undecodable_bytes_raise_decode_error_in_chinese(data: bytes) -> None:
    with pytest.raises(DecodeError) as info:
        decode_text(data, "坏文件.txt")
    assert "坏文件.txt" in str(info.value)
    assert "编码" in str(info.value)


def test_decode_error_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"abc\xff\xffdef")
    with pytest.raises(ReadError, match=r"bad\.txt"):
        read_document(path)


def test_missing_file_raises_read_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(ReadError) as info:
        read_text(path)
    assert not isinstance(info.value, DecodeError)
    assert "找不到文件" in str(info.value)
    assert "nope.txt" in str(info.value)


def test_directory_raises_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read_text(tmp_path)
    assert CHINESE.search(str(info.value))


# --- properties ---------------------------------------------------------------------

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)  # all in GBK
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
MIXED = st.text(alphabet=st.one_of(CJK, ASCII, st.sampled_from("\t\n")), max_size=200)


@given(text=MIXED, encoding=st.sampled_from(WITH_BOM_OR_UTF8))
def test_round_trip_utf8_and_bom(text: str, encoding: str) -> None:
    assert decode_text(ENCODERS[encoding](text))[0] == text


_NOT_SK = st.characters(min_codepoint=0x20, max_codepoint=0x7E).filter(lambda c: c not in "^`")


@given(
    text=st.text(alphabet=st.one_of(CJK, _NOT_SK, st.sampled_from("\t\n")), max_size=200),
    encoding=st.sampled_from(["gb18030", "gbk"]),
)
def test_round_trip_gb18030(text: str, encoding: str) -> None:
    data = ENCODERS[encoding](text)
    # Bytes valid in both encodings are read as UTF-8 (e.g. GBK 隆 = C2 A1 = UTF-8 ¡):
    # inherent to the choice, and vanishingly rare in whole files.
    assume(not _is_utf8(data) or text.isascii())
    assert decode_text(data)[0] == text


def test_gb18030_with_caret_and_backtick() -> None:
    text = "指标^2`说明`"
    assert decode_text(text.encode("gb18030")) == (text, "gb18030")


@given(
    ascii_part=st.text(alphabet=ASCII, min_size=2, max_size=100),
    cjk_part=st.text(alphabet=CJK.filter(lambda c: ord(c) % 256 != 0), max_size=40),
    encoding=st.sampled_from(UTF16_NO_BOM),
)
def test_round_trip_utf16_without_bom_when_mostly_ascii(
    ascii_part: str, cjk_part: str, encoding: str
) -> None:
    assume(len(cjk_part) <= len(ascii_part))
    text = ascii_part + cjk_part
    assert decode_text(ENCODERS[encoding](text)) == (text, encoding)


def test_a_nul_character_in_utf16_text_is_dropped() -> None:
    """PostgreSQL cannot store a NUL; nothing prints one, so the text goes on without it."""
    for encoding in ("utf-16", "utf-32"):
        text, _ = decode_text("项目\x00名称\t教育\x00\n".encode(encoding), "nul.txt")
        assert "\x00" not in text and "项目名称\t教育" in text
