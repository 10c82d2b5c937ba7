"""The grid family: forms read from table cells (Excel, Word, HTML, PDF tables).

The family's modules are private (``_layout`` holds the layout); what other modules
share of it is imported from here."""

from jixiao.parse.layouts.grid._columns import (
    COLUMNS,
    EXPLAINED,
    STAND_INS,
    column_field,
    header_columns,
    year_caption,
)
from jixiao.parse.layouts.grid._header import KEYS, is_stamp, key_of
from jixiao.parse.layouts.grid._indicators import FILL_WORDS, without_fill_note
from jixiao.parse.layouts.grid._layout import LAYOUT
from jixiao.parse.layouts.grid._legacy import TARGET_GOALS
from jixiao.parse.layouts.grid._rows import grid_rows, norm
from jixiao.parse.layouts.grid._self import (
    FUND_COLUMNS,
    FUNDING,
    GOALS,
    extra_fund_label,
    fund_label,
    goal_word,
)
from jixiao.parse.layouts.grid._tasks import task_field

__all__ = [
    "COLUMNS",
    "EXPLAINED",
    "FILL_WORDS",
    "FUNDING",
    "FUND_COLUMNS",
    "GOALS",
    "KEYS",
    "LAYOUT",
    "STAND_INS",
    "TARGET_GOALS",
    "column_field",
    "extra_fund_label",
    "fund_label",
    "goal_word",
    "grid_rows",
    "header_columns",
    "is_stamp",
    "key_of",
    "norm",
    "task_field",
    "without_fill_note",
    "year_caption",
]
