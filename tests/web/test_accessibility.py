"""Accessibility basics on every page: Chinese <title>s, every field labelled, keyboard
focus visible, severity never told by colour alone."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jixiao.parse import parse_file
from jixiao.store import Store
from jixiao.web.fill_form import fields_from_form

STATIC = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "web" / "static"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_CJK = re.compile(r"[\u4e00-\u9fff]")


class _Fields(HTMLParser):
    """The form fields of a page and the ids that a <label for> names."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self._in_label = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "label":
            self._in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"] or "")
        elif tag in ("input", "select", "textarea"):
            if a.get("type") in ("hidden", "submit", "button", "reset"):
                return
            self.fields.append({**a, "_tag": tag, "_wrapped": "1" if self._in_label else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._in_label:
            self._in_label -= 1


def _unlabelled(html: str) -> list[str]:
    parser = _Fields()
    parser.feed(html)
    out = []
    for f in parser.fields:
        named = f.get("aria-label") or f.get("aria-labelledby") or f.get("title")
        if not (f["_wrapped"] or named or (f.get("id") and f["id"] in parser.label_for)):
            out.append(f"<{f['_tag']} name={f.get('name')!r} id={f.get('id')!r}>")
    return out


def _pages(store: Store) -> list[str]:
    ids = {s.form.kind: s.id for s in store.iter_stored()}
    return [
        "/",
        "/forms",
        "/findings",
        "/import",
        "/fill",
        "/fill/new",
        "/fill/new?kind=target_declaration",
        "/todo",
        "/progress",
        "/progress/due-dates",
        *(f"/forms/{i}" for i in ids.values()),
        f"/fill/new?from={ids['self_evaluation']}",
    ]


def test_every_page_has_a_chinese_title_and_labelled_fields(
    client: TestClient, store: Store
) -> None:
    for url in [*_pages(store), "/docs", "/no-such-page"]:
        html = client.get(url).text
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title and _CJK.search(title.group(1)), url
        assert _unlabelled(html) == [], url


def test_keyboard_focus_is_visible() -> None:
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    assert ":focus-visible" in css
    rule = css[css.index(":focus-visible") :].split("}")[0]
    assert "outline" in rule and "none" not in rule


_BADGE = re.compile(r'<span class="badge (error|warning|info)"[^>]*>([^<]*)</span>')
_WORD = {"error": "错误", "warning": "警告", "info": "提示"}


def _badges_say_their_severity(html: str) -> int:
    found = _BADGE.findall(html)
    for severity, text in found:
        assert _WORD[severity] in text, (severity, text)
    return len(found)


def test_severity_badges_carry_words_not_only_colour(
    client: TestClient, store: Store, empty_client: TestClient
) -> None:
    shown = 0
    for url in _pages(store):
        shown += _badges_say_their_severity(client.get(url).text)
    seed = EXAMPLES / "003_e808c967bf7c4d08.txt"
    preview = empty_client.post("/import", files=[("files", (seed.name, seed.read_bytes()))])
    shown += _badges_say_their_severity(preview.text)
    form = empty_client.get(preview.url.path + "/files/0/forms/1")
    shown += _badges_say_their_severity(form.text)
    assert shown > 10


@pytest.mark.parametrize("seed", ["000_52d2d39b8e94208b.txt", "004_30fc85b3e2ff877a.txt"])
def test_fill_preview_badges_carry_words(empty_client: TestClient, seed: str) -> None:
    form = parse_file(EXAMPLES / seed).forms[0]
    fields = {"kind": form.kind, **fields_from_form(form)}
    fields["indicators.0.actual"] = "1"  # far off its target: findings for both kinds
    fields["indicators.1.target"] = "提升"
    preview = empty_client.post("/fill/preview", data=fields)
    assert preview.status_code == 200
    assert _badges_say_their_severity(preview.text) > 0


def test_every_page_names_its_icon(client: TestClient) -> None:
    """Browsers ask for an icon; the page names one that exists (no 404 per page)."""
    html = client.get("/forms").text
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html)
    assert icon and client.get(icon.group(1)).status_code == 200
