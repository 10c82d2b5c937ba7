"""The kinds of a page's characters, looked up through a bounded shared memo."""

from __future__ import annotations

import pytest

from jixiao.read import _pdf_chars
from jixiao.read._pdf_chars import _kind, _kinds

_TEXT = "项目 名称\r\n\x00\ufffeA1，\u3000\t\x07"
_EXPECTED = {
    "项": 2,
    "目": 2,
    "名": 2,
    "称": 2,
    "A": 2,
    "1": 2,
    "，": 2,
    " ": 1,
    "\u3000": 1,
    "\t": 1,
    "\r": 0,
    "\n": 0,
    "\x00": 0,
    "\ufffe": 0,
    "\x07": 0,
}


@pytest.mark.parametrize("room", [0, 3, 1 << 16], ids=["full", "filling", "roomy"])
def test_every_character_of_a_page_has_its_kind_however_full_the_memo(
    monkeypatch: pytest.MonkeyPatch, room: int
) -> None:
    monkeypatch.setattr(_pdf_chars, "_KINDS", {})
    monkeypatch.setattr(_pdf_chars, "_KNOWN_KINDS", room)
    for _ in range(2):  # the second page finds them in the memo, if it had room
        kinds = _kinds(_TEXT)
        assert {ch: kinds[ch] for ch in _TEXT} == _EXPECTED
        assert all(_kind(ch) == kind for ch, kind in _EXPECTED.items())
    assert len(_pdf_chars._KINDS) == min(room, len(_EXPECTED))
