"""The local side of a push: sentences, their context and pre-labels, read and checked.

Everything here is decided before the server is asked for anything but the project: the
pre-labels match the sentences, use one heuristics version, and every prediction fits the
labeling config and its sentence (so a push never uploads a prediction Label Studio would
silently drop).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.errors import (
    E203_BAD_SENTENCE,
    E720_BAD_PRELABELS,
    E721_INVALID_PREDICTION,
    E722_CONFIG_MISMATCH,
    BuilderError,
    InputError,
)
from builder.jsonl import read_numbered
from builder.labels import LabelSchema
from builder.model import Sentence
from builder.prelabel.io import SeenIds, checked_sentence
from builder.prelabel.records import OneVersion, schema_problem, span_problem
from builder.studio.label_config import label_config
from builder.studio.plan import Remote
from builder.studio.priority import priorities
from builder.studio.tasks import prediction


@dataclass
class Local:
    """Sentences in input order, their read-only context and their pre-labels."""

    sentences: list[Sentence]
    context: dict[str, tuple[str, str]]
    prelabels: dict[str, dict[str, Any]]
    model_version: str
    # id -> (0..1, why), filled by `prioritise`; empty: tasks are created without one
    priority: dict[str, tuple[float, str]] = field(default_factory=dict)


def read_local(sentences_path: Path, prelabels_path: Path) -> Local:
    """Both files, every record checked as every reader checks them
    (``builder.prelabel.records``): each sentence once, each pre-label record valid for its
    sentence, one heuristics version, a record for every sentence. The files need not be in
    the same order."""
    sentences = []
    seen = SeenIds()
    for lineno, record in read_numbered(sentences_path):
        sent = checked_sentence(str(sentences_path), lineno, record)
        if (wrong := seen.problem(sent.id, lineno)) is not None:
            raise InputError(E203_BAD_SENTENCE, str(sentences_path), wrong, lineno)
        sentences.append(sent)
    by_id = {s.id: s for s in sentences}
    prelabels: dict[str, dict[str, Any]] = {}
    labelled, versions = SeenIds(), OneVersion()
    for lineno, record in read_numbered(prelabels_path):
        wrong = schema_problem(record)
        if wrong is None:
            sid = record["sentence_id"]
            found = by_id.get(sid)
            if found is None:
                wrong = f"pre-labels for sentence {sid!r}, which is not in {sentences_path}"
            else:
                wrong = (
                    span_problem(record, found.text)
                    or labelled.problem(sid, lineno)
                    or versions.problem(record["model_version"])
                )
        if wrong is not None:
            raise InputError(E720_BAD_PRELABELS, str(prelabels_path), wrong, lineno)
        prelabels[record["sentence_id"]] = record
    missing = [s.id for s in sentences if s.id not in prelabels]
    if missing:
        raise InputError(
            E720_BAD_PRELABELS,
            str(prelabels_path),
            f"{len(missing)} sentences have no pre-labels (first: {missing[0]}); "
            "run `builder prelabel` on the same sentences.jsonl",
        )
    context: dict[str, tuple[str, str]] = {}
    for i, sent in enumerate(sentences):
        prev = sentences[i - 1] if i else None
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        context[sent.id] = (
            prev.text if prev and prev.doc_id == sent.doc_id else "",
            nxt.text if nxt and nxt.doc_id == sent.doc_id else "",
        )
    return Local(sentences, context, prelabels, versions.first or "")


def prioritise(local: Local, remote: Sequence[Remote]) -> None:
    """Every sentence's priority, knowing what the server holds annotated already (a
    near-duplicate of an annotated sentence teaches little). Computed once the project is
    read, before planning: a few seconds for 10,000 sentences."""
    annotated = [task.text for task in remote if task.human]
    local.priority = priorities(local.sentences, local.prelabels, annotated)


def predictions(local: Local, config: str, subset: Sequence[Sentence]) -> dict[str, dict[str, Any]]:
    """Predictions for ``subset``, each validated against the labeling config and its text."""
    from label_studio_sdk.label_interface import LabelInterface

    interface = LabelInterface(config)
    out: dict[str, dict[str, Any]] = {}
    for sent in subset:
        pred = prediction(local.prelabels[sent.id], sent.text)
        for item in pred["result"]:
            value = item.get("value", {})
            if "start" in value and not (
                0 <= value["start"] < value["end"] <= len(sent.text)
                and value["text"] == sent.text[value["start"] : value["end"]]
            ):
                raise BuilderError(
                    E721_INVALID_PREDICTION,
                    f"sentence {sent.id}: region {item.get('id')} [{value['start']}:"
                    f"{value['end']}] does not fit the sentence text",
                )
        errors = interface.validate_prediction(pred, return_errors=True)
        if errors is not True and errors:
            raise BuilderError(
                E721_INVALID_PREDICTION,
                f"sentence {sent.id}: the prediction does not fit the labeling config: {errors}",
            )
        out[sent.id] = pred
    return out


def check_config(project: dict[str, Any], schema: LabelSchema) -> None:
    if (project.get("label_config") or "").strip() != label_config(schema).strip():
        raise BuilderError(
            E722_CONFIG_MISMATCH,
            f"project {project['id']} ({project['title']!r}) has a labeling config that differs "
            "from schemas/labels.yaml: run `builder studio init` first",
        )
