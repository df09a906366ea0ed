"""Label Studio tasks and predictions from sentences and pre-labels (pure functions).

One task per sentence, keyed by ``sentence_id`` in the task data; the previous and next
sentences ride along as read-only context. Region ids are stable (e0, c0, s0, k0...) so that a
prediction always serialises the same way.
"""

from __future__ import annotations

from typing import Any

from builder.model import Sentence
from builder.studio.label_config import (
    CHECK,
    CLAIM,
    NER,
    QUOTE,
    RELATION_CUE,
    RELATION_SOURCE,
    SENTIMENT,
    TEXT,
)


def task_data(
    sentence: Sentence,
    prev: str,
    next_: str,
    priority: tuple[float, str] | None = None,
    model_version: str | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": sentence.text,
        "prev": prev,
        "next": next_,
        "sentence_id": sentence.id,
        "doc_id": sentence.doc_id,
        "index": sentence.index,
    }
    if model_version is not None:
        # The version of the prediction imported with the task: a push reads it from an export
        # without predictions, a fraction of the cost of one with them.
        data["model_version"] = model_version
    if priority is not None:  # data fields, so the Data Manager can sort and filter by them
        data["priority"], data["priority_why"] = priority
    return data


def _region(
    rid: str, control: str, span: dict[str, Any], label: str, text: str, score: float | None
) -> dict[str, Any]:
    start, end = span["start"], span["end"]
    region: dict[str, Any] = {
        "id": rid,
        "from_name": control,
        "to_name": TEXT,
        "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }
    if score is not None:
        region["score"] = score
    return region


def _relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {
        "type": "relation",
        "from_id": from_id,
        "to_id": to_id,
        "direction": "right",
        "labels": [label],
    }


def _choice(rid: str, control: str, label: str, score: float | None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": rid,
        "from_name": control,
        "to_name": TEXT,
        "type": "choices",
        "value": {"choices": [label]},
    }
    if score is not None:
        item["score"] = score
    return item


def prediction(record: dict[str, Any], text: str) -> dict[str, Any]:
    """A Label Studio prediction from a prelabels.jsonl record (offsets into ``text``)."""
    result: list[dict[str, Any]] = []
    scores: list[float] = []
    for i, ent in enumerate(record["entities"]):
        result.append(_region(f"e{i}", NER, ent, ent["label"], text, ent["score"]))
        scores.append(ent["score"])
    for i, claim in enumerate(record["claims"]):
        cid = f"c{i}"
        result.append(_region(cid, CLAIM, claim["claim"], "CLAIM", text, claim["score"]))
        quote = "direct" if claim["direct"] else "indirect"
        per_region = _choice(cid, QUOTE, quote, None)
        per_region["value"] = {**_span_value(claim["claim"], text), "choices": [quote]}
        result.append(per_region)
        for part, prefix, label, relation in (
            ("source", "s", "SOURCE", RELATION_SOURCE),
            ("cue", "k", "CUE", RELATION_CUE),
        ):
            if claim[part] is not None:
                result.append(_region(f"{prefix}{i}", CLAIM, claim[part], label, text, None))
                result.append(_relation(cid, f"{prefix}{i}", relation))
        scores.append(claim["score"])
    for rid, control in (("cw", CHECK), ("se", SENTIMENT)):
        layer = record[control]
        result.append(_choice(rid, control, layer["label"], layer["score"]))
        scores.append(layer["score"])
    overall = round(sum(scores) / len(scores), 4) if scores else 0.0
    return {"model_version": record["model_version"], "score": overall, "result": result}


def _span_value(span: dict[str, Any], text: str) -> dict[str, Any]:
    return {"start": span["start"], "end": span["end"], "text": text[span["start"] : span["end"]]}
