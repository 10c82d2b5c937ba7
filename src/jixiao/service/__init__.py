"""The front door of jixiao: what the CLI, the web and a Python user call.

Checking files (read → parse → score → audit), importing them into a store, re-scoring
and rechecking what is stored, loading a stored form with its score and findings, and
the original lines of a stored form. The ruleset is decided here once
(:mod:`jixiao.service.rulesets`): the user's choice, else the one made for a form's kind;
for a stored form, the ruleset stored with it.
"""

from jixiao.audit.catalogue import catalogue_markdown, catalogue_rows
from jixiao.parse.text import parse_number, parse_percent
from jixiao.service.checking import (
    Checked,
    Parsed,
    ParseResult,
    Reviewed,
    Scored,
    check,
    check_file,
    check_forms,
    check_upload,
    iter_checked,
    read_file,
    review_forms,
    score_forms,
)
from jixiao.service.excerpts import SourceExcerpt, source_excerpt
from jixiao.service.files import SUFFIXES, collect_files, content_hash
from jixiao.service.forms import form_excerpt, load_form, reviewed
from jixiao.service.importing import FileEvent, ImportReport, run_import
from jixiao.service.leniency import is_lenient, row_excess
from jixiao.service.publishing import (
    Bundle,
    DepartmentForms,
    Download,
    OfficialFile,
    department_forms,
    official_download,
)
from jixiao.service.recheck import Recheck, delete_document, recheck_projects, rescore
from jixiao.service.rulesets import StoredRulesets, chosen_ruleset, keep_ruleset, load_ruleset
from jixiao.service.statistics import Dashboard, dashboard_figures
from jixiao.store import Filters, Store, StoredForm, open_store

__all__ = [
    "SUFFIXES",
    "Bundle",
    "Checked",
    "Dashboard",
    "DepartmentForms",
    "Download",
    "FileEvent",
    "Filters",
    "ImportReport",
    "OfficialFile",
    "ParseResult",
    "Parsed",
    "Recheck",
    "Reviewed",
    "Scored",
    "SourceExcerpt",
    "Store",
    "StoredForm",
    "StoredRulesets",
    "catalogue_markdown",
    "catalogue_rows",
    "check",
    "check_file",
    "check_forms",
    "check_upload",
    "chosen_ruleset",
    "collect_files",
    "content_hash",
    "dashboard_figures",
    "delete_document",
    "department_forms",
    "form_excerpt",
    "is_lenient",
    "iter_checked",
    "keep_ruleset",
    "load_form",
    "load_ruleset",
    "official_download",
    "open_store",
    "parse_number",
    "parse_percent",
    "read_file",
    "recheck_projects",
    "rescore",
    "review_forms",
    "reviewed",
    "row_excess",
    "run_import",
    "score_forms",
    "source_excerpt",
]
