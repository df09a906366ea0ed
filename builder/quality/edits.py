"""What annotators did to the pre-labels they were shown.

Every annotator's latest submitted annotation of a sentence is compared with the prediction
it started from (pulled with it as ``shown``; the current pre-label record stands in only for
records pulled before that was kept). Each pre-labelled entity span gets exactly one outcome,
the first that applies:

- ``accepted``: the annotation has the same span with the same label (kept unchanged);
- ``relabelled``: the same boundaries with another label;
- ``boundary_edited``: an overlapping span with the same label and other boundaries;
- ``changed``: only overlapping spans with another label and other boundaries;
- ``deleted``: no span of the annotation overlaps it;

so the rates add up to 1; they are also given per heuristic, over the shown spans it voted
for (a span several heuristics voted for counts for each). ``added`` counts the human spans
that overlap no pre-label (what the heuristics missed).

Claims: ``accepted`` (same claim, source and cue spans and quote type), ``edited`` (an
overlapping claim span, something else differs), ``deleted``; each human claim answers one
pre-labelled claim at most. Sentence classes: the share of pre-labels ``kept``, over the
annotations that chose a class for that layer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.metrics.matching import ClaimKey, LabelledSpan, claim_key, overlap
from builder.quality.agreement import latest_annotations

ENTITY_OUTCOMES = ("accepted", "relabelled", "boundary_edited", "changed", "deleted")
CLAIM_OUTCOMES = ("accepted", "edited", "deleted")
CLASS_LAYERS = ("check_worthy", "sentiment")


def entity_outcome(pre: LabelledSpan, human: Sequence[LabelledSpan]) -> str:
    start, end, label = pre
    touching = [h for h in human if overlap((start, end), (h[0], h[1]))]
    if pre in touching:
        return "accepted"
    if any((h[0], h[1]) == (start, end) for h in touching):
        return "relabelled"
    if any(h[2] == label for h in touching):
        return "boundary_edited"
    return "changed" if touching else "deleted"


def claim_pairs(pre: Sequence[ClaimKey], human: Sequence[ClaimKey]) -> list[int | None]:
    """For each pre-labelled claim, the index of the human claim that answers it (None: none).
    Each human claim answers one pre-label at most: exact copies first, then, in order, the
    first unused human claim whose content overlaps."""
    unused = list(range(len(human)))
    pairs: list[int | None] = [None] * len(pre)
    for i, c in enumerate(pre):
        j = next((j for j in unused if human[j] == c), None)
        if j is not None:
            unused.remove(j)
            pairs[i] = j
    for i, c in enumerate(pre):
        if pairs[i] is not None:
            continue
        content = c[0]
        if content is None:
            continue
        j = next((j for j in unused if (h := human[j][0]) and overlap(content, h)), None)
        if j is not None:
            unused.remove(j)
            pairs[i] = j
    return pairs


def claim_outcomes(pre: Sequence[ClaimKey], human: Sequence[ClaimKey]) -> list[str]:
    """One outcome per pre-labelled claim (``claim_pairs`` pairs them with human claims)."""
    return [
        "deleted" if j is None else "accepted" if human[j] == c else "edited"
        for c, j in zip(pre, claim_pairs(pre, human), strict=True)
    ]


def _rates(counts: Counter[str], outcomes: Sequence[str]) -> dict[str, Any]:
    total = sum(counts[o] for o in outcomes)
    return {
        "prelabels": total,
        **{o: round(counts[o] / total, 4) if total else None for o in outcomes},
        "counts": {o: counts[o] for o in outcomes},
    }


def _kept(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    per_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pre, human in pairs:
        per_class[pre][0] += pre == human
        per_class[pre][1] += 1
    kept, n = sum(k for k, _ in per_class.values()), sum(m for _, m in per_class.values())
    return {
        "n": n,
        "kept": round(kept / n, 4) if n else None,
        "per_class": {
            c: {"n": m, "kept": round(k / m, 4)} for c, (k, m) in sorted(per_class.items())
        },
    }


@dataclass(frozen=True)
class Shown:
    """What one annotator was shown for one sentence, in the shape the outcomes compare."""

    spans: list[LabelledSpan]
    voters: list[list[str]]  # per span, the heuristics that voted for it (empty: not known)
    claims: list[ClaimKey]
    classes: dict[str, str | None]
    model_version: str | None = None


def _class(value: Any) -> str | None:
    """A class as a pre-label record holds it (``{"label": ...}``) or as an annotation does."""
    if isinstance(value, Mapping):
        value = value.get("label")
    return None if value is None else str(value)


def from_labels(labels: Mapping[str, Any], voters: list[list[str]] | None = None) -> Shown:
    spans = [(e["start"], e["end"], e["label"]) for e in labels.get("entities") or ()]
    return Shown(
        spans,
        voters
        if voters is not None
        else [list(e.get("heuristics") or ()) for e in labels.get("entities") or ()],
        [claim_key(c) for c in labels.get("claims") or ()],
        {layer: _class(labels.get(layer)) for layer in CLASS_LAYERS},
        None if labels.get("model_version") is None else str(labels["model_version"]),
    )


def shown_to(
    vote: Mapping[str, Any], prelabel: Mapping[str, Any] | None
) -> tuple[Shown | None, str]:
    """What ``vote``'s annotator was shown, and where that is known from:

    - ``shown_prediction``: the prediction the annotation started from, pulled with it (its
      heuristics are those of ``prelabel`` when that record is of the same model version);
    - ``prelabels_file``: the record has no ``shown`` (pulled before it was recorded): the
      current pre-label of the sentence stands in for it;
    - ``nothing_shown``: the annotation did not start from a prediction, or no pre-label
      exists: nothing to compare.
    """
    if "shown" in vote:
        seen = vote["shown"]
        if seen is None:
            return None, "nothing_shown"
        voters: list[list[str]]
        if prelabel is None or prelabel.get("model_version") != seen.get("model_version"):
            voters = [[] for _ in seen.get("entities") or ()]
        else:  # the same version predicts the same spans: take their provenance
            by_span = {
                (e["start"], e["end"], e["label"]): list(e.get("heuristics") or ())
                for e in prelabel["entities"]
            }
            voters = [
                by_span.get((e["start"], e["end"], e["label"]), [])
                for e in seen.get("entities") or ()
            ]
        return from_labels(seen, voters), "shown_prediction"
    if prelabel is None:
        return None, "nothing_shown"
    return from_labels(prelabel), "prelabels_file"


def prelabel_edits(
    prelabels: Iterable[Mapping[str, Any]], annotations: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """Acceptance, deletion, boundary-edit and relabel rates of the pre-labels each annotator
    was shown (overall and per pre-labelled entity type), claim outcomes and kept classes,
    over every annotator's latest annotation (see :func:`shown_to` for what "shown" is)."""
    return edits_of({str(p["sentence_id"]): p for p in prelabels}, latest_annotations(annotations))


def edits_of(
    current: Mapping[str, Mapping[str, Any]], latest: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, Any]:
    """:func:`prelabel_edits` from the pre-labels by sentence id and each sentence's latest
    annotations (``agreement.latest_annotations``)."""
    entities: Counter[str] = Counter()
    per_label: dict[str, Counter[str]] = defaultdict(Counter)
    per_heuristic: dict[str, Counter[str]] = defaultdict(Counter)
    claims: Counter[str] = Counter()
    against: Counter[str] = Counter()
    added = claims_added = unattributed = 0
    classes: dict[str, list[tuple[str, str]]] = {layer: [] for layer in CLASS_LAYERS}
    for sid, votes in latest.items():
        for vote in votes:
            pre, source = shown_to(vote, current.get(sid))
            against[source] += 1
            if pre is None:
                continue
            human = [(e["start"], e["end"], e["label"]) for e in vote.get("entities") or ()]
            for span, names in zip(pre.spans, pre.voters, strict=True):
                outcome = entity_outcome(span, human)
                entities[outcome] += 1
                per_label[span[2]][outcome] += 1
                unattributed += not names
                for name in names:  # the heuristics that voted for the shown span
                    per_heuristic[name][outcome] += 1
            added += sum(
                not any(overlap((h[0], h[1]), (p[0], p[1])) for p in pre.spans) for h in human
            )
            human_claims = [claim_key(c) for c in vote.get("claims") or ()]
            claims.update(claim_outcomes(pre.claims, human_claims))
            claims_added += sum(
                not any(h[0] and p[0] and overlap(h[0], p[0]) for p in pre.claims)
                for h in human_claims
            )
            for layer in CLASS_LAYERS:
                shown_class = pre.classes[layer]
                if vote.get(layer) is not None and shown_class is not None:
                    classes[layer].append((shown_class, str(vote[layer])))
    return {
        "annotations": against["shown_prediction"] + against["prelabels_file"],
        "annotations_without_prelabels": against["nothing_shown"],
        "compared_against": {k: against[k] for k in ("shown_prediction", "prelabels_file")},
        "entities": {
            **_rates(entities, ENTITY_OUTCOMES),
            "added": added,
            "per_label": {
                label: _rates(per_label[label], ENTITY_OUTCOMES) for label in sorted(per_label)
            },
            "per_heuristic": {
                name: _rates(per_heuristic[name], ENTITY_OUTCOMES) for name in sorted(per_heuristic)
            },
            "spans_of_unknown_heuristics": unattributed,
        },
        "claims": {**_rates(claims, CLAIM_OUTCOMES), "added": claims_added},
        **{layer: _kept(pairs) for layer, pairs in classes.items()},
    }
