"""Bulk import: files and folders → parsed in parallel → one transaction per document."""

from jixiao.importer.files import SUFFIXES, collect_files, content_hash
from jixiao.importer.pipeline import FileEvent, ImportReport, run_import

__all__ = [
    "SUFFIXES",
    "FileEvent",
    "ImportReport",
    "collect_files",
    "content_hash",
    "run_import",
]
