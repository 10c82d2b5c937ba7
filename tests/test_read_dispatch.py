"""read_any: an image-only PDF goes to OCR instead of failing as "no text layer"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from jixiao.read import Document
from jixiao.read import files as files_module


def test_scanned_pdf_is_handed_to_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (400, 300), "white").save(scan)
    seen: list[Path] = []

    def fake_ocr(path: Path) -> Document:
        seen.append(path)
        return Document.from_text(path.name, "")

    import jixiao.read.ocr as ocr

    monkeypatch.setattr(ocr, "read_scanned_pdf", fake_ocr)
    doc = files_module.read_any(scan)
    assert seen == [scan]
    assert doc.name == "scan.pdf"
