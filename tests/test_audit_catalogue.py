"""The catalogue of finding codes: well-formed entries, and docs/audit-codes.md in step."""

from __future__ import annotations

import re
import string

import pytest

from jixiao.audit.catalogue import catalogue_markdown, catalogue_rows
from jixiao.model import CODES, Severity, finding
from jixiao.model.codes import FAMILIES
from support import ROOT, run_cli

DOC = ROOT / "docs" / "audit-codes.md"


def test_docs_audit_codes_is_the_generated_catalogue(update_golden: bool) -> None:
    if update_golden:
        DOC.write_text(catalogue_markdown(), encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/audit-codes.md is stale: run `jixiao codes --format markdown > docs/audit-codes.md`"
    )


def test_every_entry_is_well_formed() -> None:
    for code, info in CODES.items():
        assert re.fullmatch(r"[PARQX]\d{3}", code) and info.code == code
        assert info.family in FAMILIES
        assert info.title and info.rule, code
        fields = [f for _, f, _, _ in string.Formatter().parse(info.template) if f]
        made = finding(code, **{f: "x" for f in fields})
        assert "{" not in made.message and made.severity is info.severity


def test_errors_only_for_certain_problems() -> None:
    """Target quality is advice; cross-form checks are heuristics: never errors."""
    for info in CODES.values():
        if info.family in "QX":
            assert info.severity is not Severity.ERROR, info.code


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_codes_command_lists_the_catalogue(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["codes", "--format", fmt], capsys)
    assert code == 0
    for info in CODES.values():
        assert info.code in out
    if fmt == "markdown":
        assert out == catalogue_markdown()


def test_rows_cover_the_catalogue_in_order() -> None:
    assert [r["code"] for r in catalogue_rows()] == list(CODES)


def test_a_code_defined_twice_is_refused() -> None:
    from dataclasses import replace

    from jixiao.model.codes import _PARSE, _catalogue

    assert len(_catalogue({"P": _PARSE})) == len(_PARSE)
    twice = replace(_PARSE[-1], code=_PARSE[0].code)
    with pytest.raises(ValueError, match=_PARSE[0].code):
        _catalogue({"P": (*_PARSE, twice)})


def test_the_family_is_the_catalogue_section_not_the_first_letter() -> None:
    from dataclasses import replace

    from jixiao.model.codes import _PARSE, _catalogue

    moved = _catalogue({"X": (replace(_PARSE[0], code="Z901"),)})
    assert moved["Z901"].family == "X"
    with pytest.raises(ValueError, match="Z"):
        _catalogue({"Z": (replace(_PARSE[0], code="Z901"),)})


def test_the_stage_of_each_family_decides_what_a_review_recomputes() -> None:
    from jixiao.model import AUDIT_FAMILIES, family_of, is_audit_code

    assert {"A", "R", "Q", "X"} == AUDIT_FAMILIES
    assert family_of("P001").stage == "parse" and not is_audit_code("P001")
    assert all(is_audit_code(c) == (CODES[c].family in AUDIT_FAMILIES) for c in CODES)
