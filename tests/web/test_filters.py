"""The Jinja filters every page shares (jixiao.web.deps)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from jixiao.store import Store
from jixiao.web.deps import date_cn


def test_timestamps_are_shown_in_beijing_time() -> None:
    assert date_cn(datetime(2024, 3, 5, 18, 30, tzinfo=UTC), with_time=True) == "2024年3月6日 02:30"
    assert (
        date_cn(datetime(2024, 3, 5, 18, 30), with_time=True) == "2024年3月6日 02:30"
    )  # naive = UTC
    assert date_cn(datetime(2024, 3, 5, 18, 30, tzinfo=UTC)) == "2024年3月6日"
    assert date_cn(date(2024, 3, 5)) == "2024年3月5日"
    assert date_cn(None) == "—"


@given(st.datetimes(timezones=st.just(UTC), min_value=datetime(2000, 1, 1)))
def test_any_instant_is_the_same_instant_in_beijing(value: datetime) -> None:
    local = value.astimezone(timezone(timedelta(hours=8)))
    assert date_cn(value, with_time=True) == (
        f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
    )


def test_import_time_on_the_detail_page_is_beijing_time(client: TestClient, store: Store) -> None:
    stored = next(iter(store.iter_stored()))
    shown = stored.imported_at.astimezone(timezone(timedelta(hours=8)))
    page = client.get(f"/forms/{stored.id}").text
    assert f"{shown.day}日 {shown:%H:%M}" in page
    assert "北京时间" in page


def test_rulesets_are_named_in_chinese(client: TestClient, store: Store) -> None:
    from jixiao.web.deps import ruleset_label

    assert ruleset_label("mof2020") == "财政部 2020 年项目支出绩效自评规则（mof2020）"
    assert ruleset_label("my-rules") == "my-rules"
    assert ruleset_label(None) == "—"
    legacy = next(s for s in store.iter_stored() if s.form.kind == "legacy_self_evaluation")
    assert "上海市项目绩效自我评价（2020 年以前）" in client.get(f"/forms/{legacy.id}").text
