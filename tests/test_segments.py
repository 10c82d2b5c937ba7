"""Several forms in one text are split apart, also when different layouts read them
(``jixiao.parse.segments``; a spaced target declaration ends at another form's title)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.parse import parse_file
from jixiao.parse.segments import parts
from jixiao.read import Document
from support import comparable

WILD = Path(__file__).resolve().parent / "wild" / "inputs"


def _inputs(stems: tuple[str, ...]) -> list[Path]:
    return [next(WILD.glob(f"{stem}_*.txt")) for stem in stems]


@pytest.mark.parametrize(
    "stems",
    [
        ("40", "67"),  # a department self-evaluation (cells a line), then a spaced target table
        ("67", "40"),  # the target table's rows end at the other form's title
        ("89", "18"),  # a flat department target form, then a run-on self-evaluation
        ("67", "15"),  # a spaced target table, then a run-on self-evaluation
    ],
)
def test_forms_of_different_layouts_in_one_text_read_as_apart(
    stems: tuple[str, ...], tmp_path: Path
) -> None:
    paths = _inputs(stems)
    apart = [comparable(f) for p in paths for f in parse_file(p).forms]
    joined = tmp_path / "joined.txt"
    joined.write_text("\n".join(p.read_text(encoding="utf-8") for p in paths), encoding="utf-8")
    together = parse_file(joined).forms
    assert [comparable(f) for f in together] == apart
    assert [f.source.lines[0] for f in together] == sorted(f.source.lines[0] for f in together)


def test_a_title_repeated_over_each_page_does_not_cut() -> None:
    page = (
        "项目支出绩效自评表\n一级指标 二级指标 三级指标 分值 得分\n产出指标 数量指标 人数 10 10\n"
    )
    assert parts(Document.from_text("x.txt", page * 3)) == []


def test_a_heading_without_headers_belongs_to_the_part_after_it() -> None:
    text = (
        "某某项目绩效目标表.docx\n下载 举报\n"
        "项目支出绩效目标表\n一级指标 二级指标 三级指标 指标值\n"
        "部门整体支出绩效自评表\n年初预算数 全年执行数 执行率\n"
    )
    assert parts(Document.from_text("x.txt", text)) == [(1, 4), (5, 6)]
