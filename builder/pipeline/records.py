"""The stages over records: typed records in, typed records out, nothing read or written.

The unit another engine maps over batches, and what the file stages stream through.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from builder.errors import InputError
from builder.hooks import SILENT, Hooks
from builder.ingest import Rules
from builder.ingest import ingest as ingest_inputs
from builder.model import Document, Sentence
from builder.prelabel.apply import Labelled, Prelabeler
from builder.segment.pipeline import segment_records


def documents(
    inputs: Sequence[Path],
    rules: Rules | None = None,
    *,
    strict: bool = False,
    skipped: list[InputError] | None = None,
    hooks: Hooks = SILENT,
) -> Iterator[Document]:
    """Cleaned documents from files and folders, in input order. A bad input stops the run
    under ``strict``; otherwise it is warned about, appended to ``skipped`` and left out."""
    for item in hooks.progress(ingest_inputs(inputs, rules), "ingest"):
        if isinstance(item, InputError):
            if skipped is not None:
                skipped.append(item)
            if strict:
                raise item
            hooks.warn(str(item))
        else:
            yield item


def sentences(
    docs: Iterable[Document],
    *,
    workers: int = 1,
    keep_list_markers: bool = False,
    rules: Path | None = None,
) -> Iterator[Sentence]:
    """The sentences of ``docs``, in document order, with exact offsets and stable ids."""
    for record in segment_records(
        docs, workers=workers, keep_list_markers=keep_list_markers, rules_path=rules
    ):
        yield Sentence.from_dict(record)


def prelabelled(
    sents: Iterable[Sentence], prelabeler: Prelabeler | None = None
) -> Iterator[Labelled]:
    """Every sentence with each heuristic's votes and the aggregated prediction. Sentences
    must come grouped by document, as ``sentences`` yields them."""
    return (prelabeler or Prelabeler()).label(sents)
