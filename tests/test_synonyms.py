"""The synonym index answers as the plain scan over the table it indexes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jixiao.parse.layouts.grid._tasks import TASK_COLUMNS
from jixiao.parse.synonyms import SynonymIndex
from jixiao.parse.wording import Synonyms, wording

_TABLES: tuple[Synonyms, ...] = (wording().indicator_columns, TASK_COLUMNS)


def _scan(table: Synonyms, label: str) -> str | None:
    """The definition: first field with the exact word, then first with word + bracket."""
    for name, words in table:
        if label in words:
            return name
    for name, words in table:
        if any(label.startswith(w) and label[len(w) : len(w) + 1] in ("（", "(") for w in words):
            return name
    return None


def _labels(table: Synonyms) -> st.SearchStrategy[str]:
    words = sorted({w for _, ws in table for w in ws})
    part = st.one_of(st.sampled_from(words), st.sampled_from(["（", "(", "）", "万元", "年", ""]))
    return st.lists(part, min_size=1, max_size=4).map("".join)


@given(st.data())
def test_index_matches_the_scan(data: st.DataObject) -> None:
    table = data.draw(st.sampled_from(_TABLES))
    label = data.draw(_labels(table))
    assert SynonymIndex(table).field(label) == _scan(table, label)


def test_exact_word_beats_an_earlier_prefix() -> None:
    table: Synonyms = (("a", ("指标",)), ("b", ("指标（值）",)), ("c", ("指标（值",)))
    index = SynonymIndex(table)
    assert index.field("指标（值）") == "b"
    assert index.field("指标（值）（万元）") == "a"  # earlier field wins among prefixes
    assert index.field("指标值（万元）") is None
    assert index.field("指标") == "a"


def test_every_word_of_the_wording_names_its_field() -> None:
    for table in _TABLES:
        index = SynonymIndex(table)
        for name, words in table:
            for word in words:
                assert index.field(word) == name
                assert index.field(word + "（万元）") == _scan(table, word + "（万元）")
