"""Label Studio annotation results -> canonical label records, checked against the sentence.

The record has the prelabels shape (entities, claims, check_worthy, sentiment; offsets into the
sentence), so that export and evaluation treat human and heuristic labels alike. Every span is
checked: a region whose offsets leave the sentence, or whose text is not what the sentence
holds there, is an error naming the task; nothing is dropped or shifted silently.
"""

from __future__ import annotations

from typing import Any

from builder.errors import BuilderError
from builder.studio.label_config import (
    CHECK,
    CLAIM,
    NER,
    QUOTE,
    RELATION_CUE,
    RELATION_SOURCE,
    SENTIMENT,
)

E601_BAD_SPAN = "E601"


def _span(region: dict[str, Any], text: str, task: str) -> dict[str, int]:
    value = region["value"]
    start, end = value["start"], value["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise BuilderError(
            E601_BAD_SPAN,
            f"task {task}: region {region.get('id')} [{start}:{end}] is outside the sentence",
        )
    said = value.get("text")
    if said is not None and said != text[start:end]:
        raise BuilderError(
            E601_BAD_SPAN,
            f"task {task}: region {region.get('id')} [{start}:{end}] says {said!r} but the "
            f"sentence has {text[start:end]!r}",
        )
    return {"start": start, "end": end}


def to_record(result: list[dict[str, Any]], text: str, task: str) -> dict[str, Any]:
    """Canonical labels of one annotation (or prediction) ``result`` on sentence ``text``."""
    entities: list[dict[str, Any]] = []
    parts: dict[str, tuple[str, dict[str, int]]] = {}  # region id -> (CLAIM/SOURCE/CUE, span)
    quote: dict[str, str] = {}
    relations: list[tuple[str, str, str]] = []
    classes: dict[str, str | None] = {CHECK: None, SENTIMENT: None}
    for item in result:
        kind, control = item.get("type"), item.get("from_name")
        if kind == "relation":
            labels = item.get("labels") or [""]
            relations.append((item["from_id"], item["to_id"], labels[0]))
        elif kind == "labels" and control == NER:
            entities.append({**_span(item, text, task), "label": item["value"]["labels"][0]})
        elif kind == "labels" and control == CLAIM:
            parts[item["id"]] = (item["value"]["labels"][0], _span(item, text, task))
        elif kind == "choices" and control == QUOTE:
            quote[item["id"]] = item["value"]["choices"][0]
        elif kind == "choices" and control in classes:
            classes[control] = item["value"]["choices"][0]
    claims = []
    for rid, (label, span) in sorted(parts.items(), key=lambda kv: (kv[1][1]["start"], kv[0])):
        if label != "CLAIM":
            continue
        linked = {rel: parts[to] for frm, to, rel in relations if frm == rid and to in parts}
        # A relation drawn without its label still says something: type it by its target.
        for frm, to, rel in relations:
            if frm == rid and to in parts and not rel:
                linked[RELATION_SOURCE if parts[to][0] == "SOURCE" else RELATION_CUE] = parts[to]
        claims.append(
            {
                "claim": span,
                "source": linked[RELATION_SOURCE][1] if RELATION_SOURCE in linked else None,
                "cue": linked[RELATION_CUE][1] if RELATION_CUE in linked else None,
                "direct": quote.get(rid) == "direct",
            }
        )
    return {
        "entities": sorted(entities, key=lambda e: (e["start"], e["end"], e["label"])),
        "claims": claims,
        "check_worthy": classes[CHECK],
        "sentiment": classes[SENTIMENT],
    }
