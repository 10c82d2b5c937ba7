"""The fuzzing harness (issue 15): mutated real inputs against jixiao's readers, parsers,
scoring, audit and value grammar, with one oracle — a case ends in forms and findings or
in a :class:`~jixiao.errors.JixiaoError` (the documented "unreadable file" / usage
errors); any other exception is a crash, a case over :data:`~fuzzing.oracle.CASE_SECONDS`
is a hang.

- :mod:`fuzzing.choices`: where the mutations' decisions come from — a seeded PRNG for
  the long run (every case replayable from its number), Hypothesis for the tests
  (decisions that shrink).
- :mod:`fuzzing.seeds`: the seed corpus — the samples (``examples/``), the provinces',
  department and wild test inputs, and forms rendered by jixiao as xlsx, docx and pdf.
- :mod:`fuzzing.mutate`: byte flips, truncation, splicing, tokens, line edits, zip
  members mutated inside a valid container, XML/HTML attribute values.
- :mod:`fuzzing.oracle`: one case run, classified.
- :mod:`fuzzing.runner`: the long run across processes (``python fuzz/run.py``), with a
  watchdog and a reproducer for every crash or hang.

Test support, not part of jixiao. Import it as ``fuzzing`` (the tests folder is on the
path of the tests; ``fuzz/run.py`` puts it there).
"""
