"""Checking files: read → parse → score → audit, the one pipeline every shell runs.

:func:`read_file` reads and parses a file; :func:`review_forms` scores and audits forms
(cross-form checks see them together); :func:`check` does both for files given by the
user (``jixiao.check("自评表.pdf")``); :func:`check_file` does both for one file and
never raises. The import (:func:`check_files`) and the web upload preview
(:func:`check_upload`) run it in a child process with a memory and a time limit
(:mod:`jixiao.service.isolation`): a child that dies is a failed file with a P090
finding, not a failed import. A scoring or audit crash does not lose the file there:
its forms come back unscored, each with an R010 finding. :func:`check_forms` is the
web's view of reviewed forms (findings worst first).
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from jixiao.audit import Reviewed, review
from jixiao.audit.locate import form_location
from jixiao.audit.registry import all_checks
from jixiao.errors import JixiaoError
from jixiao.model import Finding, Form, Location, Severity, finding
from jixiao.parse import ParseResult, parse_file
from jixiao.parse.registry import all_layouts
from jixiao.read.limits import ReadLimits, current_limits, use_limits
from jixiao.score import FormScore, Ruleset, bundled_rulesets, ruleset_for, score_form
from jixiao.service.isolation import Died, WorkerLimits, map_isolated, run_isolated
from jixiao.store import Filters, form_matches

__all__ = [
    "Checked",
    "ParseResult",
    "Parsed",
    "Reviewed",
    "Scored",
    "check",
    "check_file",
    "check_files",
    "check_forms",
    "check_upload",
    "died_failure",
    "iter_checked",
    "read_file",
    "review_forms",
    "score_forms",
    "warm_up",
]


def read_file(path: str | Path) -> ParseResult:
    """Read and parse one file: its document, layout and forms with their parse
    findings. Raises :class:`~jixiao.errors.JixiaoError` when it cannot be read."""
    return parse_file(path)


def review_forms(
    forms: Sequence[Form],
    ruleset: Ruleset | None = None,
    *,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
) -> list[Reviewed]:
    """Score ``forms`` under ``ruleset`` (``None``: the one made for each form's kind)
    and audit them together; ``select`` / ``ignore`` keep or drop findings by code
    prefix (an unknown code is a :class:`~jixiao.errors.UsageError`)."""
    return review(forms, ruleset, select=select, ignore=ignore)


@dataclass(frozen=True)
class Scored:
    """A form, the ruleset it was scored under and its computed score (no audit)."""

    form: Form
    ruleset: Ruleset
    score: FormScore


def score_forms(forms: Iterable[Form], ruleset: Ruleset | None = None) -> list[Scored]:
    """Score ``forms`` without auditing them, each under ``ruleset`` (``None``: the one
    made for its kind)."""
    out = []
    for form in forms:
        rules = ruleset_for(form, ruleset)
        out.append(Scored(form, rules, score_form(form, rules)))
    return out


def check(
    paths: str | Path | Iterable[str | Path], ruleset: Ruleset | None = None
) -> list[Reviewed]:
    """Read, score and audit files, each file's forms reviewed together; every form
    with its findings and its computed score, in file order. Raises
    :class:`~jixiao.errors.JixiaoError` for a file that cannot be read."""
    return list(iter_checked(paths, ruleset))


def iter_checked(
    paths: str | Path | Iterable[str | Path],
    ruleset: Ruleset | None = None,
    filters: Filters | None = None,
) -> Iterator[Reviewed]:
    """:func:`check`, one file at a time; only the forms that pass ``filters`` (as the
    store's queries decide for stored forms: :func:`~jixiao.store.filters.form_matches`)."""
    for path in [paths] if isinstance(paths, (str, Path)) else paths:
        for item in review_forms(read_file(path).forms, ruleset):
            if filters is None or form_matches(item.published(), filters, item.score):
                yield item


@dataclass(frozen=True)
class Parsed:
    """What a worker sends back: the forms (with their parse and audit findings), their
    scores (``None`` when scoring crashed), the document's lines and how the file was
    read; or why not (``error``; ``failure``: the P090 finding of a child process that
    died reading it)."""

    path: str
    forms: tuple[Form, ...] = ()
    scores: tuple[FormScore | None, ...] = ()
    lines: tuple[str, ...] = ()
    layout: str | None = None
    format: str = "text"
    encoding: str | None = None
    name: str = ""
    error: str | None = None
    failure: Finding | None = None


def check_file(path: str, ruleset: Ruleset | None = None) -> Parsed:
    """Read one file and review its forms (scored under ``ruleset``, else the one made
    for each form's kind); never raises (the reason of a failure is in ``error``)."""
    try:
        result = read_file(path)
    except JixiaoError as err:
        return Parsed(path, error=err.message)
    except MemoryError:  # not a bug of the parser: the process's limit (isolation)
        raise
    except Exception as err:  # a parser bug must not stop the other files
        return Parsed(path, error=_internal("解析", err))
    forms: tuple[Form, ...]
    scores: tuple[FormScore | None, ...]
    try:
        reviewed = review_forms(result.forms, ruleset)
        forms = tuple(r.published() for r in reviewed)
        scores = tuple(r.score for r in reviewed)
    except MemoryError:
        raise
    except Exception as err:  # a scoring or audit bug: store the forms as parsed
        forms, scores = _unscored(result.forms, err), (None,) * len(result.forms)
    doc = result.document
    return Parsed(
        path,
        forms=forms,
        scores=scores,
        lines=tuple(line.text for line in doc.lines),
        layout=result.layout,
        format=doc.format,
        encoding=doc.encoding,
        name=doc.name or Path(path).name,
    )


def check_files(
    paths: Sequence[str],
    ruleset: Ruleset | None = None,
    *,
    jobs: int = 1,
    limits: WorkerLimits | None = None,
) -> Generator[Parsed, None, None]:
    """:func:`check_file` of each path, each in a child process under ``limits``
    (default: :meth:`WorkerLimits.from_env`), ``jobs`` at a time, in the order given;
    a child that dies gives its file's failure (a P090 finding)."""
    if not paths:
        return
    warm_up()
    reading = current_limits()
    outcomes = map_isolated(_check_one, [(p, ruleset, reading) for p in paths], jobs, limits)
    for path, outcome in zip(paths, outcomes, strict=True):
        yield _died(path, outcome) if isinstance(outcome, Died) else outcome


def warm_up() -> None:
    """Load what checking a file needs (every layout and audit check, the bundled
    rulesets, the readers of office files, PDF and HTML) in this process: the children
    forked from it then start ready instead of each loading it again. Trusted code
    only: no file is read here."""
    all_layouts()
    all_checks()
    bundled_rulesets()
    for module in _WARM_MODULES:
        importlib.import_module(module)


_WARM_MODULES = (
    "jixiao.read.xlsx",
    "jixiao.read.docx",
    "jixiao.read.pdf",
    "jixiao.read.html",
    "docx",  # what the readers import when first used
    "PIL.Image",
    "encodings.gb18030",
)


def _check_one(job: tuple[str, Ruleset | None, ReadLimits]) -> Parsed:
    """In the child: :func:`check_file` under the reader limits of the caller (a fork
    server's child would otherwise have those of the server's start)."""
    path, ruleset, reading = job
    with use_limits(reading):
        return check_file(path, ruleset)


def died_failure(path: str, death: Died) -> Finding:
    """The P090 finding of a file whose child process died."""
    return finding("P090", Location(file=path), reason=death.why)


def _died(path: str, death: Died) -> Parsed:
    """The failure of a file whose child process died: its reason and P090 finding."""
    failure = died_failure(path, death)
    return Parsed(path, error=failure.message, failure=failure)


def _unscored(forms: tuple[Form, ...] | list[Form], err: Exception) -> tuple[Form, ...]:
    """The forms as parsed, each with an R010 finding naming the error."""
    error = f"{type(err).__name__}: {err}"
    return tuple(
        form.model_copy(
            update={"findings": (*form.findings, finding("R010", form_location(form), error=error))}
        )
        for form in forms
    )


def _internal(stage: str, err: Exception) -> str:
    return f"{stage}时发生内部错误：{type(err).__name__}: {err}"


@dataclass(frozen=True)
class Checked:
    """A form with its computed score and all its findings (errors first)."""

    form: Form
    score: FormScore
    findings: tuple[Finding, ...]

    def count(self, severity: str) -> int:
        """How many findings of ``severity`` (``error`` / ``warning`` / ``info``)."""
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def infos(self) -> int:
        return self.count(Severity.INFO)


def check_forms(forms: Sequence[Form], ruleset: Ruleset | None = None) -> list[Checked]:
    """Score and audit forms that are not stored (the upload preview, 填报): each with
    its findings worst first (cross-form checks see them together)."""
    out = []
    for reviewed in review_forms(forms, ruleset):
        findings = sorted(reviewed.report.findings, key=lambda f: f.severity.rank)
        out.append(Checked(reviewed.published(), reviewed.score, tuple(findings)))
    return out


def check_upload(path: str | Path) -> tuple[Parsed, list[Checked]]:
    """An uploaded file as the 导入 preview shows it: :func:`check_file` (what the import
    will store, read in a child process as the import reads it) and its forms as
    :func:`check_forms` sees them (none when it failed)."""
    warm_up()
    outcome = run_isolated(_check_one, (str(path), None, current_limits()))
    parsed = _died(str(path), outcome) if isinstance(outcome, Died) else outcome
    return parsed, [] if parsed.error is not None else check_forms(parsed.forms)
