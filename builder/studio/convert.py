"""Label Studio annotation results -> canonical label records, checked against the sentence.

The record has the prelabels shape (entities, claims, check_worthy, sentiment; offsets into the
sentence), so that export and evaluation treat human and heuristic labels alike. Every span is
checked: a region whose offsets leave the sentence, or whose text is not what the sentence
holds there, is an error naming the task; nothing is dropped or shifted silently.
"""

from __future__ import annotations

from typing import Any

from builder.errors import E601_BAD_SPAN, E714_MALFORMED, BuilderError
from builder.studio.label_config import (
    CHECK,
    CLAIM,
    NER,
    QUOTE,
    RELATION_CUE,
    RELATION_SOURCE,
    SENTIMENT,
)


def _value(region: dict[str, Any], task: str, *keys: str) -> dict[str, Any]:
    """The region's ``value``, holding ``keys``: a region of another shape (a server that
    answers otherwise, a prediction made under another config) is an error naming it."""
    value = region.get("value")
    if not isinstance(value, dict) or any(key not in value for key in keys):
        raise BuilderError(
            E714_MALFORMED,
            f"task {task}: region {region.get('id')} has no {'/'.join(keys)} in its value",
        )
    return value


def _span(region: dict[str, Any], text: str, task: str) -> dict[str, int]:
    value = _value(region, task, "start", "end")
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


def _one_label(region: dict[str, Any], task: str) -> str:
    labels = _value(region, task, "labels")["labels"] or []
    if not isinstance(labels, list) or len(labels) != 1:
        raise BuilderError(
            E601_BAD_SPAN,
            f"task {task}: region {region.get('id')} has {len(labels)} labels; one is expected",
        )
    return str(labels[0])


def _choice(region: dict[str, Any], task: str) -> str:
    choices = _value(region, task, "choices")["choices"]
    if not isinstance(choices, list) or not choices:
        raise BuilderError(E714_MALFORMED, f"task {task}: region {region.get('id')} chose nothing")
    return str(choices[0])


def _role(part: str) -> str:
    return RELATION_SOURCE if part == "SOURCE" else RELATION_CUE


def _claims(
    parts: dict[str, tuple[str, dict[str, int]]],
    relations: list[tuple[str, str]],
    quote: dict[str, str],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Claims with their linked source and cue, and the SOURCE/CUE regions linked to none.

    A relation links a CLAIM with a SOURCE or CUE whichever way it was drawn, and is typed by
    the region it reaches, not by its own label (annotators draw them both ways and often leave
    the label off). A part nobody linked joins the sentence's only claim when that claim lacks
    one; otherwise it is kept as ``unlinked`` instead of being dropped.
    """
    by_start = sorted(parts, key=lambda rid: (parts[rid][1]["start"], rid))
    claim_ids = [rid for rid in by_start if parts[rid][0] == "CLAIM"]
    linked: dict[str, dict[str, str]] = {rid: {} for rid in claim_ids}  # claim -> part -> rid
    used: set[str] = set()
    for a, b in relations:
        for claim, other in ((a, b), (b, a)):
            if claim in linked and other in parts and parts[other][0] != "CLAIM":
                role = _role(parts[other][0])
                if role not in linked[claim] and other not in used:
                    linked[claim][role] = other
                    used.add(other)
    loose = [rid for rid in by_start if parts[rid][0] != "CLAIM" and rid not in used]
    unlinked = []
    for rid in loose:
        role = _role(parts[rid][0])
        if len(claim_ids) == 1 and role not in linked[claim_ids[0]]:
            linked[claim_ids[0]][role] = rid
        else:
            unlinked.append({"label": parts[rid][0], **parts[rid][1]})
    claims = []
    for rid in claim_ids:
        roles = linked[rid]
        claims.append(
            {
                "claim": parts[rid][1],
                "source": parts[roles[RELATION_SOURCE]][1] if RELATION_SOURCE in roles else None,
                "cue": parts[roles[RELATION_CUE]][1] if RELATION_CUE in roles else None,
                # Unmarked stays unknown: it is not the same as an explicit "indirect".
                "direct": {"direct": True, "indirect": False}.get(quote.get(rid, "")),
            }
        )
    return claims, unlinked


def to_record(result: list[dict[str, Any]], text: str, task: str) -> dict[str, Any]:
    """Canonical labels of one annotation (or prediction) ``result`` on sentence ``text``.

    ``unlinked`` lists the SOURCE/CUE regions that belong to no claim (see :func:`_claims`).
    """
    entities: list[dict[str, Any]] = []
    parts: dict[str, tuple[str, dict[str, int]]] = {}  # region id -> (CLAIM/SOURCE/CUE, span)
    quote: dict[str, str] = {}
    relations: list[tuple[str, str]] = []
    classes: dict[str, str | None] = {CHECK: None, SENTIMENT: None}
    for item in result:
        if not isinstance(item, dict):
            raise BuilderError(E714_MALFORMED, f"task {task}: a region that is no object")
        kind, control = item.get("type"), item.get("from_name")
        if kind == "relation":
            if "from_id" not in item or "to_id" not in item:
                problem = f"task {task}: relation {item.get('id')} does not say what it links"
                raise BuilderError(E714_MALFORMED, problem)
            relations.append((str(item["from_id"]), str(item["to_id"])))
        elif kind == "labels" and control == NER:
            entities.append({**_span(item, text, task), "label": _one_label(item, task)})
        elif kind == "labels" and control == CLAIM:
            parts[str(item["id"])] = (_one_label(item, task), _span(item, text, task))
        elif kind == "choices" and control == QUOTE:
            quote[str(item.get("id"))] = _choice(item, task)
        elif kind == "choices" and control in classes:
            classes[control] = _choice(item, task)
    claims, unlinked = _claims(parts, relations, quote)
    return {
        "entities": sorted(entities, key=lambda e: (e["start"], e["end"], e["label"])),
        "claims": claims,
        "unlinked": unlinked,
        "check_worthy": classes[CHECK],
        "sentiment": classes[SENTIMENT],
    }
