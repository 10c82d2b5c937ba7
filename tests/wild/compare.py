"""Field-by-field comparison of parsed forms with the hand transcriptions in ``truth/``.

Every field the transcription holds is one of ``right``, ``missing`` (the parser gave
null or nothing) or ``wrong`` (the parser gave another non-null value). A transcribed
null counts only when the parser put a value there (then it is ``wrong``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import cache
from typing import Any, Literal

__all__ = ["Field", "Status", "compare_form", "equal", "norm", "pair_forms"]

Status = Literal["right", "missing", "wrong"]

# Keys the parser adds that a person does not read off the form.
_SKIP = frozenset({"source", "findings", "lines", "parsed_target", "parsed_actual", "score_detail"})
# Keys whose text names a row or a form (for pairing).
_ROW_NAME = ("name", "level2", "level1", "target")

_PUNCT = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "：": ":",
        "，": ",",
        "；": ";",
        "。": ".",
        "、": ",",
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "—": "-",
        "－": "-",
        "–": "-",
        "～": "~",
        "≥": ">=",
        "≤": "<=",
        "≧": ">=",
        "≦": "<=",
        "═": "=",
        "％": "%",
    }
)
_SPACE = re.compile(r"\s+")
_SIGN_WORDS = {"大于等于": ">=", "小于等于": "<=", "等于": "=", "大于": ">", "小于": "<"}
_SIGN_WORD = re.compile(r"^(?:大于等于|小于等于|等于|大于|小于)(?=\d)")
"""A target's leading sign printed as a word (大于等于1次) is the sign (>=1次)."""
_NUMBER = re.compile(r"[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[-+]?\.\d+")


@dataclass(frozen=True)
class Field:
    """One compared field of one form."""

    path: str
    status: Status
    truth: Any
    parsed: Any
    unpaired: bool = False
    """The row holding the field was not read at all: no parsed row paired it."""


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    """Traditional characters as simplified: jixiao reads mirror-site text as simplified,
    whichever way a transcription was written."""
    return str(_converter().convert(text)) if text.isascii() is False else text


def norm(value: Any) -> str | Decimal | None:
    """A value as compared: ``None``, a ``Decimal`` for a plain number, else normalised text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = _simplified(unicodedata.normalize("NFKC", str(value)))
    text = _SIGN_WORD.sub(lambda m: _SIGN_WORDS[m.group(0)], _SPACE.sub("", text).translate(_PUNCT))
    if _NUMBER.fullmatch(text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return text
    return text or None


def equal(truth: Any, parsed: Any) -> bool:
    a, b = norm(truth), norm(parsed)
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    return str(a) == str(b)


def similarity(a: Any, b: Any) -> float:
    sa, sb = norm(a), norm(b)
    if sa is None or sb is None:
        return 0.0
    return SequenceMatcher(None, str(sa), str(sb)).ratio()


def _row_similarity(truth: dict[str, Any], parsed: dict[str, Any]) -> float:
    for key in _ROW_NAME:
        if truth.get(key) is not None:
            return similarity(truth[key], parsed.get(key))
    return 0.0


def pair_rows(truth: list[Any], parsed: list[Any]) -> list[tuple[Any, Any | None]]:
    """Truth rows in order, each with its best-named unused parsed row (or ``None``).

    Ties go to the row nearest the truth row's position; a row no name resembles falls
    back to the parsed row at the same position when that one is still free and its name
    is not another truth row's (a row read out of place is never counted as a wrong one)."""
    used: set[int] = set()
    pairs: list[tuple[Any, Any | None]] = []
    named = _named_elsewhere(truth, parsed)
    likeness = {j: _row_similarity(truth[i], parsed[j]) for j, i in named.items()}
    for i, row in enumerate(truth):
        best, best_score = None, 0.0
        for j, cand in enumerate(parsed):
            if j in used:
                continue
            if isinstance(row, dict) and isinstance(cand, dict):
                if _row_similarity(row, cand) < likeness.get(j, 0.0):
                    continue  # a row named more like another truth row is that row's
                score = _row_similarity(row, cand) - abs(i - j) * 1e-4
            else:
                score = (1.0 if equal(row, cand) else 0.0) - abs(i - j) * 1e-4
            if best is None or score > best_score:
                best, best_score = j, score
        free = i < len(parsed) and i not in used and named.get(i, i) == i
        if best_score < 0.5 and free:
            best = i
        if best is not None and (best_score >= 0.5 or (best == i and free)):
            used.add(best)
            pairs.append((row, parsed[best]))
        else:
            pairs.append((row, None))
    return pairs


def _named_elsewhere(truth: list[Any], parsed: list[Any]) -> dict[int, int]:
    """Parsed row → the truth row whose name it resembles best (at least half), for the
    rows that have one: such a row is that truth row's, never another's by position."""
    out: dict[int, int] = {}
    for j, cand in enumerate(parsed):
        scores = [
            (_row_similarity(row, cand), i)
            for i, row in enumerate(truth)
            if isinstance(row, dict) and isinstance(cand, dict)
        ]
        if scores and max(scores)[0] >= 0.5:
            out[j] = max(scores)[1]
    return out


def _form_similarity(truth: dict[str, Any], parsed: dict[str, Any]) -> float:
    return similarity(truth.get("project"), parsed.get("project")) + 0.5 * similarity(
        truth.get("department"), parsed.get("department")
    )


def pair_forms(
    truth: list[dict[str, Any]], parsed: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """In order when the counts agree, else by project and department name."""
    if len(truth) == len(parsed):
        return list(zip(truth, parsed, strict=True))
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for form in truth:
        scored = [(_form_similarity(form, p), j) for j, p in enumerate(parsed) if j not in used]
        if scored and max(scored)[0] > 0.3:
            j = max(scored)[1]
            used.add(j)
            pairs.append((form, parsed[j]))
        else:
            pairs.append((form, None))
    return pairs


def _scalar(path: str, truth: Any, parsed: Any) -> list[Field]:
    if truth is None:
        if norm(parsed) is None:
            return []
        return [Field(path, "wrong", truth, parsed)]
    if norm(parsed) is None or isinstance(parsed, dict | list):
        return [Field(path, "missing", truth, parsed)]
    return [Field(path, "right" if equal(truth, parsed) else "wrong", truth, parsed)]


def compare_value(path: str, truth: Any, parsed: Any) -> list[Field]:
    """Every field of ``truth`` under ``path`` against ``parsed`` (anything, or ``None``)."""
    if isinstance(truth, dict):
        sub = parsed if isinstance(parsed, dict) else {}
        out: list[Field] = []
        for key, value in truth.items():
            if key not in _SKIP:
                out += compare_value(f"{path}.{key}" if path else key, value, sub.get(key))
        return out
    if isinstance(truth, list):
        rows = parsed if isinstance(parsed, list) else []
        out = []
        for i, (row, match) in enumerate(pair_rows(truth, rows)):
            fields = compare_value(f"{path}.{i}", row, match)
            out += [replace(f, unpaired=True) for f in fields] if match is None else fields
        return out
    return _scalar(path, truth, parsed)


def compare_form(truth: dict[str, Any], parsed: dict[str, Any] | None) -> list[Field]:
    return compare_value("", truth, parsed or {})
