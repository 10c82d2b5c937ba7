"""Which database is used, and the messages when one cannot be."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jixiao.store import StoreError, open_store, resolve_url
from jixiao.store.engine import create_store_engine, default_path


def test_option_beats_environment_beats_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("JIXIAO_DB", raising=False)
    assert default_path() == tmp_path / "data" / "jixiao" / "jixiao.db"
    assert resolve_url() == f"sqlite:///{tmp_path / 'data' / 'jixiao' / 'jixiao.db'}"
    monkeypatch.setenv("JIXIAO_DB", "sqlite:///env.db")
    assert resolve_url() == "sqlite:///env.db"
    assert resolve_url("sqlite:///opt.db") == "sqlite:///opt.db"


def test_home_default_without_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_path() == tmp_path / ".local" / "share" / "jixiao" / "jixiao.db"


def test_paths_and_short_postgres_urls(tmp_path: Path) -> None:
    assert resolve_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert resolve_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_default_file_and_folder_are_created(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "x"))
    monkeypatch.delenv("JIXIAO_DB", raising=False)
    with open_store() as store:
        assert store.forms() == []
    assert (tmp_path / "x" / "jixiao" / "jixiao.db").is_file()


def test_missing_psycopg_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"pip install 'jixiao\[postgres\]'"):
        create_store_engine("postgresql://u@127.0.0.1/db")


def test_unreachable_server_is_one_chinese_line() -> None:
    with pytest.raises(StoreError, match="无法打开数据库") as err:
        open_store("postgresql+psycopg://u:secret@127.0.0.1:1/db?connect_timeout=2")
    assert "secret" not in err.value.message
    assert "\n" not in err.value.message


def test_bad_url() -> None:
    with pytest.raises(StoreError, match="数据库地址无法识别"):
        open_store("nosuchdb+driver://x/y")
