"""Rebuilding a form's table from text, whatever way the table was flattened.

Text copied out of web pages and document-sharing previews keeps the cells of the
published table but not its grid: pipe rows (``| 项目名称 | 委托业务项目 |``), one cell
a line (``项目名称 |``), the whole form on one line with single spaces, or cells run
together with no separator at all. :func:`rebuild` turns any of these into the
:class:`~jixiao.model.table.Table` the ``grid`` layout reads: it splits the text into
cell tokens (:mod:`.tokens`, :mod:`.runon`), finds the blocks of the form by their
printed labels (a vocabulary, :mod:`.vocab`), and lays each block out in the official
columns (:mod:`.blocks`), using the form's own arithmetic where the text alone is
ambiguous (:mod:`.indicator_rows`, :mod:`.fund_rows`).
"""

from jixiao.parse.rebuild.document import Rebuilt, rebuild

__all__ = ["Rebuilt", "rebuild"]
