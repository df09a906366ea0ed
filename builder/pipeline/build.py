"""`build`: every stage in a row, raw files -> a dataset version."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from builder.hooks import SILENT, Hooks
from builder.pipeline.evaluate import evaluate
from builder.pipeline.export import export
from builder.pipeline.ingest import Ingested, ingest
from builder.pipeline.prelabel import Prelabelled, prelabel
from builder.pipeline.segment import segment

if TYPE_CHECKING:
    from builder.export.params import ExportParams


@dataclass(frozen=True)
class Built:
    ingested: Ingested
    sentences: int
    prelabelled: Prelabelled
    quality: Path | None  # the eval report, when there were annotations
    dataset: Path | None  # the new version folder; None: nothing changed since the latest


def build(
    inputs: Sequence[Path],
    output: Path,
    params: ExportParams,
    *,
    patterns: Path | None = None,
    strict: bool = False,
    workers: int = 0,
    hooks: Hooks = SILENT,
    model: Path | None = None,
) -> Built:
    """Every stage: raw files -> OUT/documents.jsonl, sentences.jsonl, prelabels.jsonl
    (metrics/eval.json when ``params.annotations`` is given) -> OUT/datasets/NAME/VERSION/.
    Building again from the same inputs is not an error: the latest version is current.
    ``model``: a learned entity model (`builder learn --model-out`) voting after the
    heuristics, as in the DVC pipeline."""
    from builder.errors import E505_NOTHING_CHANGED, BuilderError

    docs = output / "documents.jsonl"
    ingested = ingest(
        inputs,
        docs,
        patterns=patterns,
        strict=strict,
        hooks=hooks,
        report=output / "skipped.jsonl",
        workers=workers,
    )
    hooks.info(
        f"ingest   {ingested.documents} documents, {len(ingested.skipped)} skipped -> {docs}"
    )
    sents = output / "sentences.jsonl"
    n_sents = segment(docs, sents, workers=workers, hooks=hooks)
    hooks.info(f"segment  {n_sents} sentences -> {sents}")
    prelabels = output / "prelabels.jsonl"
    labelled = prelabel(sents, prelabels, workers=workers, hooks=hooks, model=model)
    hooks.info(f"prelabel {labelled.sentences} sentences ({labelled.model_version}) -> {prelabels}")
    quality = None
    if params.annotations is not None:
        quality = output / "metrics" / "eval.json"
        _, votes = evaluate(
            sents, prelabels, params.annotations, quality, policy=params.policy, model=model
        )
        if not votes.fresh:
            hooks.warn(f"stored votes not used, the heuristics were re-run: {votes.reason}")
        hooks.info(f"eval     heuristics against human labels -> {quality}")
        params = replace(params, quality=quality)
    try:
        dataset: Path | None = export(sents, prelabels, output / "datasets", params, hooks).path
    except BuilderError as exc:
        if exc.code != E505_NOTHING_CHANGED or params.version is not None:
            raise
        hooks.info(f"export   unchanged: {exc.message}")
        dataset = None
    else:
        hooks.info(f"export   {dataset}")
    return Built(ingested, n_sents, labelled, quality, dataset)
