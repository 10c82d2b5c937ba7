"""``jixiao rescore``: score and audit the stored forms again under a ruleset."""

from __future__ import annotations

from rich.console import Console

from jixiao.cli.options import DbOption, KindOpt, UnitOpt, YearOpt, check_kind
from jixiao.cli.progress import progress_bar
from jixiao.cli.score_cmd import RulesetOpt
from jixiao.service import chosen_ruleset, rescore
from jixiao.store import Filters, open_store

__all__ = ["rescore_cmd"]


def rescore_cmd(
    ruleset: RulesetOpt = None,
    db: DbOption = None,
    year: YearOpt = None,
    unit: UnitOpt = None,
    kind: KindOpt = None,
) -> None:
    """Exit 0 when done (whatever the findings), 2 on a bad ruleset or database."""
    check_kind(kind)
    chosen = chosen_ruleset(ruleset)
    filters = Filters.of(year=year, unit=unit, kind=kind)
    err = Console(stderr=True, highlight=False)
    with open_store(db) as store:
        with progress_bar(err) as progress:
            task = progress.add_task("重新评分", total=store.count_forms(filters))
            done = rescore(store, chosen, filters, lambda n: progress.advance(task, n))
        rows = store.forms(filters)
    name = f"规则集 {chosen.name} " if chosen else "按表单类型选定的规则集"
    counts = {k: sum(r[k] for r in rows) for k in ("errors", "warnings", "infos")}
    Console(highlight=False, markup=False, soft_wrap=True).print(
        f"已按{name}重新评分并审核 {done} 张表单；"
        f"审核发现 错误 {counts['errors']}、警告 {counts['warnings']}、提示 {counts['infos']}。"
    )
