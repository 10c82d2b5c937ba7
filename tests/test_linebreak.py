"""Chinese line breaking (禁则): the rules the PDF tables and the command line share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from jixiao.linebreak import NO_LINE_END, NO_LINE_START, break_lines


def test_a_comma_never_starts_a_line() -> None:
    # six cells a line: a naive cut would start the second line with ，
    lines = break_lines("保障系统，稳定运行", 8, cell_len)
    assert lines == ["保障系", "统，稳定", "运行"]
    assert all(not line.startswith("，") for line in lines)


def test_closing_quote_and_stop_stay_with_their_text() -> None:
    lines = break_lines("称为“满意度”。再说", 10, cell_len)
    assert lines == ["称为“满意", "度”。再说"]  # not 度 then ”。 starting a line


def test_opening_quote_never_ends_a_line() -> None:
    lines = break_lines("甲乙丙“丁戊”", 8, cell_len)
    assert lines == ["甲乙丙", "“丁戊”"]


def test_numbers_are_not_split() -> None:
    assert break_lines("区间12.00–15.00分", 12, cell_len) == ["区间", "12.00–15.00", "分"]
    assert break_lines("7,762,496.10", 6, cell_len) == ["7,762,", "496.10"]


def test_line_breaks_kept_and_spaces_dropped_at_a_break() -> None:
    assert break_lines("ab cd\n甲", 3, cell_len) == ["ab", "cd", "甲"]


_PHRASE = st.tuples(
    st.sampled_from(["", "“", "（", "《"]),
    st.text(alphabet="甲乙丙丁 ab12.5%", min_size=1, max_size=4),
    st.sampled_from(["", "，", "。", "”", "）", "》。", "、", "”；"]),
).map("".join)
_TEXT = st.lists(_PHRASE, max_size=12).map("".join)


@given(_TEXT, st.integers(min_value=12, max_value=30))
def test_lines_fit_keep_every_character_and_obey_the_rules(text: str, width: int) -> None:
    lines = break_lines(text, width, cell_len)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for i, line in enumerate(lines):
        assert cell_len(line) <= width
        if i and line and lines[i - 1]:
            assert line[0] not in NO_LINE_START or _forced(lines[i - 1], line)
        if i < len(lines) - 1 and line and lines[i + 1]:
            assert line[-1] not in NO_LINE_END or _forced(line, lines[i + 1])


def _forced(line: str, after: str) -> bool:
    """No break allowed by the rules anywhere in ``line`` up to the first character of
    the line ``after`` it: a run of marks wider than a line, which must break anyway."""
    text = line + after[0]
    return not any(
        text[i] not in NO_LINE_START and text[i - 1] not in NO_LINE_END for i in range(1, len(text))
    )
