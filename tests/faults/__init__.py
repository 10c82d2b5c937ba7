"""The fault-injection harness: plant one anomaly at a time in real forms and measure
the audit's recall (``tests/test_audit_recall.py``, ``benchmarks/audit_recall.py``).

Test support, not part of jixiao: it edits forms only to check the audit finds what was
planted. Import it as ``faults`` (the tests folder is on the path of the tests; the
benchmark puts it there).
"""
