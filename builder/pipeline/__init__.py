"""The pipeline as a library: every stage of `builder`, callable without the command line.

One module per stage (``ingest``, ``segment``, ``prelabel``, ``evaluate``, ``export``) and
``build`` for all of them in a row. A stage comes twice: over records (``documents``,
``sentences``, ``prelabelled``: typed records in, typed records out, nothing read or written)
and over files (``ingest``, ``segment``, ``prelabel``, ``evaluate``, ``export``, ``build``:
JSONL in, JSONL out, each file written atomically). The command line, a notebook, a test
or another engine calls the same functions; the command line only parses options, calls one
of them and prints.

What a caller sees of a run comes through ``Hooks``: a progress wrapper for long iterations,
warnings (skipped inputs, dropped spans) and one line per finished step. The defaults are
silent. Errors are raised as ``BuilderError``s with their codes, never printed here.

Import the function from its stage's module (``from builder.pipeline.segment import
segment``): this package imports none of them, so that a command, and the DVC stage that
runs it, depends on the code of its own stage only.
"""
