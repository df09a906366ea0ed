"""Inter-annotator agreement over the canonical annotation records of ``builder studio pull``.

Only sentences that two or more annotators labelled take part. Skipped (cancelled)
annotations never count, and an annotator who annotated a sentence twice counts with their
latest annotation (by ``updated``), as in ``builder.gold.resolve``.

- entities: pairwise F1 between the annotators of each sentence, micro over every pair and per
  label, with ``exact`` (same start, end and label) and ``overlap`` matching (same label and a
  shared character). Each span matches at most once and the number of matches is a maximum
  matching (see ``matching.py``), so F1 = 2 x matched / items does not depend on the order of
  the spans or on which annotator is taken as the reference;
- claims: ``claim`` (claim spans overlap and sources match: overlapping, or both absent),
  ``content`` (claim spans overlap, whatever the source) and ``cue`` (the cues that were
  marked, overlapping), as pairwise F1 in the same way;
- check_worthy and sentiment: percent agreement, Cohen's kappa and Krippendorff's alpha (see
  ``reliability.py``);
- ``disagreements``: the sentences where any layer differs, with what differs, for review.

F1 is ``None`` when neither annotator marked anything to compare. Every output is plain JSON
with floats rounded to 4 places.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

from builder.gold.resolve import current_votes
from builder.labels import LabelSchema, labels
from builder.metrics.matching import (
    LabelledSpan,
    Match,
    claim_key,
    count_labels,
    matched_per_label,
    max_matching,
    overlap,
    span_key,
)
from builder.metrics.reliability import label_agreement

Record = Mapping[str, Any]
CLASS_LAYERS = ("check_worthy", "sentiment")
LAYERS = ("entities", "claims", *CLASS_LAYERS)


def latest_annotations(records: Iterable[Record]) -> dict[str, list[dict[str, Any]]]:
    """Sentence id -> each annotator's latest submitted annotation (ordered by annotator);
    sentences with only skipped annotations are left out."""
    by_sentence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_sentence[str(record["sentence_id"])].append(dict(record))
    out = {}
    for sid in sorted(by_sentence):
        if votes := current_votes(by_sentence[sid]):
            out[sid] = votes
    return out


def _several(records: Iterable[Record]) -> dict[str, list[dict[str, Any]]]:
    return {sid: v for sid, v in latest_annotations(records).items() if len(v) >= 2}


def _f1(matched: int, items: int) -> dict[str, Any]:
    return {
        "f1": round(2 * matched / items, 4) if items else None,
        "matched": matched,
        "items": items,
    }


def entity_spans(record: Record) -> list[LabelledSpan]:
    return [(e["start"], e["end"], e["label"]) for e in record.get("entities") or ()]


def span_agreement(groups: Mapping[str, Sequence[Record]]) -> dict[str, Any]:
    """Entity agreement over sentence groups of two or more annotations (pairwise, micro)."""
    matched = {match: Counter[str]() for match in Match}
    items: Counter[str] = Counter()
    for votes in groups.values():
        for a, b in combinations(votes, 2):
            spans_a, spans_b = entity_spans(a), entity_spans(b)
            items += count_labels(spans_a) + count_labels(spans_b)
            for match in Match:
                matched[match] += matched_per_label(spans_a, spans_b, match)
    out: dict[str, Any] = {}
    for match, hits in matched.items():
        scores = {"micro": _f1(sum(hits.values()), sum(items.values()))}
        scores.update({label: _f1(hits[label], items[label]) for label in sorted(items)})
        out[match.value] = scores
    return out


def _same_source(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    sa, sb = span_key(a.get("source")), span_key(b.get("source"))
    return (sa is None and sb is None) or (sa is not None and sb is not None and overlap(sa, sb))


def _claim_overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    ca, cb = span_key(a["claim"]), span_key(b["claim"])
    return ca is not None and cb is not None and overlap(ca, cb)


_CLAIM_TESTS: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any]], bool]] = {
    "claim": lambda a, b: _claim_overlap(a, b) and _same_source(a, b),
    "content": _claim_overlap,
}


def claim_agreement(groups: Mapping[str, Sequence[Record]]) -> dict[str, Any]:
    """Claim agreement over sentence groups of two or more annotations (pairwise, micro)."""
    matched: Counter[str] = Counter()
    items: Counter[str] = Counter()
    for votes in groups.values():
        for a, b in combinations(votes, 2):
            ca, cb = list(a.get("claims") or ()), list(b.get("claims") or ())
            for name, fits in _CLAIM_TESTS.items():
                matched[name] += max_matching(ca, cb, fits)
                items[name] += len(ca) + len(cb)
            cues_a = [s for c in ca if (s := span_key(c.get("cue"))) is not None]
            cues_b = [s for c in cb if (s := span_key(c.get("cue"))) is not None]
            matched["cue"] += max_matching(cues_a, cues_b, overlap)
            items["cue"] += len(cues_a) + len(cues_b)
    return {name: _f1(matched[name], items[name]) for name in ("claim", "content", "cue")}


def class_ratings(groups: Mapping[str, Sequence[Record]], layer: str) -> dict[str, dict[str, Any]]:
    return {
        sid: {str(v["annotator"]): v.get(layer) for v in votes} for sid, votes in groups.items()
    }


def agreement(records: Iterable[Record], schema: LabelSchema | None = None) -> dict[str, Any]:
    """Agreement of every layer, over the sentences that two or more annotators labelled."""
    schema = schema or labels()
    groups = _several(records)
    classes = {
        "check_worthy": schema.check_worthy_classes,
        "sentiment": schema.sentiment_classes,
    }
    return {
        "sentences": len(groups),
        "annotators": len({str(v["annotator"]) for votes in groups.values() for v in votes}),
        "pairs": sum(len(v) * (len(v) - 1) // 2 for v in groups.values()),
        "entities": span_agreement(groups),
        "claims": claim_agreement(groups),
        **{
            layer: label_agreement(class_ratings(groups, layer), classes[layer])
            for layer in CLASS_LAYERS
        },
    }


# -- disagreements ---------------------------------------------------------------------------


def _entity_item(e: Mapping[str, Any]) -> tuple[Any, ...]:
    return (e["start"], e["end"], e["label"])


def _text(text: str, span: tuple[int, int] | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span[0], "end": span[1], "text": text[slice(*span)]}


def _render(layer: str, item: tuple[Any, ...], text: str) -> dict[str, Any]:
    if layer == "entities":
        start, end, label = item
        return {"start": start, "end": end, "label": label, "text": text[start:end]}
    claim, source, cue, direct = item
    return {
        "claim": _text(text, claim),
        "source": _text(text, source),
        "cue": _text(text, cue),
        "direct": direct,
    }


_ITEM: dict[str, Callable[[Mapping[str, Any]], tuple[Any, ...]]] = {
    "entities": _entity_item,
    "claims": claim_key,
}


def _order(item: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((-1, -1) if part is None else part for part in item)


def _differing_items(layer: str, votes: Sequence[Record], text: str) -> list[dict[str, Any]]:
    """The items (spans or claims) that not every annotator marked the same number of times,
    each with the annotators who marked it."""
    per_vote = [Counter(_ITEM[layer](i) for i in v.get(layer) or ()) for v in votes]
    everything = sorted(set().union(*per_vote), key=_order)
    out = []
    for item in everything:
        if len({counts[item] for counts in per_vote}) > 1:
            who = [
                str(v["annotator"])
                for v, c in zip(votes, per_vote, strict=True)
                for _ in range(c[item])
            ]
            out.append({**_render(layer, item, text), "annotators": who})
    return out


def disagreements(records: Iterable[Record]) -> list[dict[str, Any]]:
    """Sentences whose annotators differ on any layer, ordered by sentence id. ``differs``
    holds only the layers that differ: for entities and claims the items not marked alike by
    everyone (with who marked them), for classes each annotator's choice."""
    out = []
    for sid, votes in _several(records).items():
        text = str(votes[0].get("text") or "")
        differs: dict[str, Any] = {}
        for layer in ("entities", "claims"):
            if items := _differing_items(layer, votes, text):
                differs[layer] = items
        for layer in CLASS_LAYERS:
            if len({v.get(layer) for v in votes}) > 1:
                differs[layer] = {str(v["annotator"]): v.get(layer) for v in votes}
        if differs:
            out.append(
                {
                    "sentence_id": sid,
                    "doc_id": votes[0].get("doc_id"),
                    "text": text,
                    "annotators": [str(v["annotator"]) for v in votes],
                    "differs": differs,
                }
            )
    return out
