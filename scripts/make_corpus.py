"""Generate the test corpus: every seed form as PDF (two styles), DOCX, XLSX and scans.

Usage::

    python scripts/make_corpus.py OUT_DIR [--forms N] [--dpi 300 --dpi 150] [--no-scans]

For each form (taken round-robin over ``examples/*.txt`` so that a few forms cover
every seed) it writes, under ``OUT_DIR``:

- ``fNNN.plain.pdf`` — the published grid;
- ``fNNN.narrow.pdf`` — narrow columns (long names and notes wrap), 本年 wording, so
  the indicator table usually breaks across pages with its header repeated;
- ``fNNN.docx`` and ``fNNN.xlsx`` — the published grid;
- ``fNNN.<style>.<dpi>dpi.pN.png`` — each PDF page rasterised (a clean "scan").

``truth.json`` holds the forms in the interchange format, in corpus order (form
``fNNN`` is item ``NNN``); ``manifest.json`` lists each form's seed and files. Nothing
is committed: regenerate it whenever needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jixiao.model.jsonio import dumps
from jixiao.parse import parse_file
from jixiao.render.docx import write_docx
from jixiao.render.options import RenderOptions
from jixiao.render.pdf import write_pdf
from jixiao.render.xlsx import write_xlsx

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STYLES: dict[str, RenderOptions] = {
    "plain": RenderOptions(),
    "narrow": RenderOptions(narrow=True, wording="本年"),
}
DPIS = (300, 150)


PROVENANCE = frozenset({"source", "findings", "lines", "page", "pages"})
"""Keys that say where a value was read, not what it is: left out of comparisons."""


def comparable(data: Any) -> Any:
    """Interchange data without provenance and findings, for comparing with the truth."""
    if isinstance(data, dict):
        return {k: comparable(v) for k, v in data.items() if k not in PROVENANCE}
    if isinstance(data, list):
        return [comparable(v) for v in data]
    return data


def differences(truth: Any, got: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """Every field (dotted path) where ``got`` differs from ``truth``."""
    if isinstance(truth, dict) and isinstance(got, dict):
        out = []
        for key in list(truth) + [k for k in got if k not in truth]:
            out.extend(differences(truth.get(key), got.get(key), f"{path}.{key}"))
        return out
    if isinstance(truth, list) and isinstance(got, list) and len(truth) == len(got):
        return [
            d
            for i, (a, b) in enumerate(zip(truth, got, strict=True))
            for d in differences(a, b, f"{path}[{i}]")
        ]
    return [] if truth == got else [(path, truth, got)]


def seed_forms(examples: Path = EXAMPLES) -> list[tuple[str, int, Any]]:
    """``(seed file, index in it, form)`` of every seed form, round-robin over seeds."""
    per_seed = [
        [(path.name, i, form) for i, form in enumerate(parse_file(path).forms)]
        for path in sorted(examples.glob("*.txt"))
    ]
    out: list[tuple[str, int, Any]] = []
    for k in range(max((len(s) for s in per_seed), default=0)):
        out.extend(s[k] for s in per_seed if k < len(s))
    return out


def rasterise(pdf: Path, dpi: int, stem: str) -> list[Path]:
    """Each page of ``pdf`` as a greyscale PNG at ``dpi``, named ``stem.pN.png``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    paths = []
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72).to_pil().convert("L")
            path = pdf.with_name(f"{stem}.p{i + 1}.png")
            image.save(path, dpi=(dpi, dpi))
            paths.append(path)
    finally:
        doc.close()
    return paths


def make_corpus(
    out: Path,
    n_forms: int | None = None,
    dpis: Sequence[int] = DPIS,
    scans: bool = True,
    examples: Path = EXAMPLES,
) -> dict[str, Any]:
    """Write the corpus into ``out``; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    forms = seed_forms(examples)[:n_forms]
    entries = []
    for k, (seed, index, form) in enumerate(forms):
        fid = f"f{k:03d}"
        files: dict[str, Any] = {}
        for style, options in STYLES.items():
            pdf = out / f"{fid}.{style}.pdf"
            write_pdf([form], pdf, options)
            files[f"pdf_{style}"] = pdf.name
            if scans:
                for dpi in dpis:
                    pages = rasterise(pdf, dpi, f"{fid}.{style}.{dpi}dpi")
                    files[f"scan_{style}_{dpi}"] = [p.name for p in pages]
        write_docx([form], out / f"{fid}.docx", STYLES["plain"])
        write_xlsx([form], out / f"{fid}.xlsx", STYLES["plain"])
        files["docx"], files["xlsx"] = f"{fid}.docx", f"{fid}.xlsx"
        entries.append({"id": fid, "seed": seed, "index": index, "kind": form.kind, "files": files})
    (out / "truth.json").write_text(dumps([f for _, _, f in forms]) + "\n", encoding="utf-8")
    manifest = {"version": 1, "dpis": list(dpis), "forms": entries}
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成测试语料：PDF、DOCX、XLSX 与扫描图像，附真值")
    parser.add_argument("out", type=Path, help="输出目录")
    parser.add_argument("--forms", type=int, default=None, help="只取前 N 张表（默认全部）")
    parser.add_argument("--dpi", type=int, action="append", help="扫描分辨率（可重复）")
    parser.add_argument("--no-scans", action="store_true", help="不生成扫描图像")
    args = parser.parse_args(argv)
    manifest = make_corpus(args.out, args.forms, tuple(args.dpi or DPIS), not args.no_scans)
    print(f"{len(manifest['forms'])} 张表已写入 {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
