"""One fuzz case run and judged.

A file case goes through the front door every command uses (``jixiao.service``): read
and parse the file, score and audit its forms together, write them in the interchange
format. A value case goes through the value grammar. The only allowed outcomes are
``ok`` (forms and findings, or a value read) and ``refused`` (a
:class:`~jixiao.errors.JixiaoError`: the documented unreadable-file, no-layout and usage
errors, each one Chinese line). Any other exception is a ``crash``; a case that takes
more than :data:`CASE_SECONDS` is a ``hang``.
"""

from __future__ import annotations

import signal
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from jixiao.errors import JixiaoError
from jixiao.model.jsonio import dumps
from jixiao.model.value_grammar import is_vague, parse_value, states_ratio
from jixiao.service import read_file, review_forms

__all__ = ["CASE_SECONDS", "SUFFIX", "Hang", "Outcome", "judge", "run_file", "run_value"]

CASE_SECONDS = 5.0
"""Seconds of CPU a case may take; more is a hang. CPU, not wall-clock time: on a
machine shared by many processes a case's wall time says more about the others (a
2-second case took 13 s of wall time at a load of 12 on two cores); on an idle machine
the two are the same."""

SUFFIX = {"text": ".txt", "xlsx": ".xlsx", "docx": ".docx", "html": ".html", "pdf": ".pdf"}


class Hang(BaseException):
    """Raised in a case past its time (a BaseException: no ``except Exception`` in
    the code under test swallows it)."""


@dataclass(frozen=True)
class Outcome:
    status: str
    """``ok``, ``refused``, ``crash`` or ``hang``."""
    signature: str = ""
    """For a crash: the exception type and the innermost jixiao frame."""
    detail: str = ""
    """The refusal's message, or the crash's traceback."""
    seconds: float = 0.0
    """CPU seconds it took."""

    @property
    def allowed(self) -> bool:
        return self.status in ("ok", "refused")


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"超过 {seconds:g} 秒 CPU 时间")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _signature(err: BaseException) -> str:
    """``Type at path:function:line`` of the innermost frame in jixiao's source."""
    frames = traceback.extract_tb(err.__traceback__)
    ours = [f for f in frames if "/jixiao/" in f.filename and "/fuzzing/" not in f.filename]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    if where is None:
        return type(err).__name__
    path = where.filename.split("/jixiao/", 1)[-1]
    return f"{type(err).__name__} at {path}:{where.name}:{where.lineno}"


def judge(action: Callable[[], object], seconds: float = CASE_SECONDS) -> Outcome:
    """Run ``action`` under the time limit and classify how it ended."""
    start = time.process_time()
    try:
        with _time_limit(seconds):
            action()
    except JixiaoError as err:
        return Outcome("refused", detail=err.message, seconds=time.process_time() - start)
    except Hang as err:
        took = time.process_time() - start
        return Outcome("hang", _signature(err), traceback.format_exc(), took)
    except (Exception, SystemExit) as err:
        took = time.process_time() - start
        return Outcome("crash", _signature(err), traceback.format_exc(), took)
    return Outcome("ok", seconds=time.process_time() - start)


def _exercise(path: Path) -> None:
    result = read_file(path)
    review_forms(result.forms)
    dumps(result.forms)


def run_file(kind: str, data: bytes, folder: Path, seconds: float = CASE_SECONDS) -> Outcome:
    """A file case: ``data`` written as ``case.<suffix>`` in ``folder``, then read,
    parsed, scored, audited and encoded."""
    path = folder / f"case{SUFFIX[kind]}"
    path.write_bytes(data)
    return judge(lambda: _exercise(path), seconds)


def _value(text: str) -> None:
    parsed = parse_value(text)
    if parsed is not None:
        is_vague(parsed)
        states_ratio(parsed)


def run_value(text: str, seconds: float = CASE_SECONDS) -> Outcome:
    """A value-grammar case."""
    return judge(lambda: _value(text), seconds)
