"""Bulk import: files and folders → parsed, scored and audited in parallel → one
transaction per document → cross-form recheck; and re-scoring what is stored."""

from jixiao.importer.files import SUFFIXES, collect_files, content_hash
from jixiao.importer.pipeline import FileEvent, ImportReport, run_import
from jixiao.importer.recheck import Recheck, recheck_projects, rescore

__all__ = [
    "SUFFIXES",
    "FileEvent",
    "ImportReport",
    "Recheck",
    "collect_files",
    "content_hash",
    "recheck_projects",
    "rescore",
    "run_import",
]
