"""The content-stream check's ASCII85 decoder gives what ``base64.a85decode`` gives."""

from __future__ import annotations

import base64
import random

import pytest

from jixiao.read._pdf_scan import _a85decode


def _either(data: bytes) -> bytes | str:
    try:
        return base64.a85decode(data, adobe=False)
    except ValueError:
        return "ValueError"


def _ours(data: bytes) -> bytes | str:
    try:
        return _a85decode(data)
    except ValueError:
        return "ValueError"


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 5, 7, 8, 63, 1000, 4097])
def test_random_data_round_trips(size: int) -> None:
    rng = random.Random(size)
    for _ in range(10):
        raw = rng.randbytes(size)
        encoded = base64.a85encode(raw, wrapcol=rng.choice([0, 75]))
        assert _a85decode(encoded) == raw


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"!",
        b"!!",
        b"u",
        b"uuuuu",
        b's8W-"',
        b"s8W-!",
        b"abc{",
        b"ab\x00c",
        b"z!!!!!",
        b"!!!z",
        b"y",
        b' 87cURD]i,"Ebo80 \n\t',
        b"~",
    ],
)
def test_odd_input_is_decoded_or_refused_alike(data: bytes) -> None:
    assert _ours(data) == _either(data)
