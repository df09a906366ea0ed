"""Several annotators' labels of one sentence, settled layer by layer.

A sentence has four layers (entities, claims, check-worthiness, sentiment). Each one is
settled on its own: annotators who disagree on the sentiment of a sentence may still agree on
its entities, and those entities are gold. A layer that does not settle is left out (None in
the labels, its reason in ``Settled.disputed``); it is never guessed.

- :func:`agreed` (``strict``): a layer settles when every annotator labelled it the same way
  (spans and claims compared as multisets);
- :func:`majority`: spans and claims that more than half of the annotators drew always settle
  (not drawing one is a vote against it); a class layer settles on what more than half of
  those who chose a class chose (an empty choice abstains).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import orjson

from builder.model import AnnotatedClaim, AnnotatedEntity, ResolvedGold

LAYERS = ("entities", "claims", "check_worthy", "sentiment")
CLASS_LAYERS = ("check_worthy", "sentiment")


@dataclass(frozen=True)
class Settled:
    """The labels of the layers that settled (the others None) and why the others did not."""

    labels: ResolvedGold
    disputed: dict[str, str] = field(default_factory=dict)  # layer -> why, in LAYERS order

    @property
    def any(self) -> bool:
        """Whether at least one layer settled (else the sentence has no gold at all)."""
        return len(self.disputed) < len(LAYERS)

    def why(self) -> str:
        return "; ".join(self.disputed.values())


def _key(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


Item = TypeVar("Item", AnnotatedEntity, AnnotatedClaim)


def _drawn_by_most(layers: list[tuple[Item, ...] | None], need: int) -> list[Item]:
    """The items at least ``need`` annotators drew (one vote per annotator and item, even if
    an annotator drew the same span twice), ordered by their record form."""
    counts = Counter(item for items in layers for item in set(items or ()))
    drawn = (item for item, n in counts.items() if n >= need)
    return sorted(drawn, key=lambda i: _key(i.to_dict()))


def _without(labels: ResolvedGold, disputed: dict[str, str]) -> Settled:
    ordered = {layer: disputed[layer] for layer in LAYERS if layer in disputed}
    return Settled(replace(labels, **dict.fromkeys(ordered)), ordered)


def majority(votes: Sequence[ResolvedGold]) -> Settled:
    need = len(votes) // 2 + 1
    entities = _drawn_by_most([v.entities for v in votes], need)
    claims = _drawn_by_most([v.claims for v in votes], need)
    classes: dict[str, str | None] = {}
    disputed: dict[str, str] = {}
    for layer in CLASS_LAYERS:
        chosen = Counter(c for v in votes if (c := getattr(v, layer)) is not None)
        top, n = chosen.most_common(1)[0] if chosen else (None, 0)
        if chosen and n < sum(chosen.values()) // 2 + 1:
            disputed[layer] = f"no majority for {layer}: {dict(sorted(chosen.items()))}"
        classes[layer] = top
    labels = ResolvedGold(
        tuple(sorted(entities, key=lambda e: (e.start, e.end, e.label))),
        tuple(sorted(claims, key=lambda c: (c.claim.start, c.claim.end))),
        classes["check_worthy"],
        classes["sentiment"],
    )
    return _without(labels, disputed)


def _same(a: Any, b: Any) -> bool:
    """Equal labels; spans and claims compared as multisets (their order in a record follows
    region ids, which say nothing)."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return Counter(a) == Counter(b)
    return bool(a == b)


def agreed(votes: Sequence[ResolvedGold]) -> Settled:
    """Every layer on which all annotators agree; every layer on which they do not is listed
    (not only the first: a reviewer sees them all)."""
    first = votes[0]
    disputed = {
        layer: f"annotators disagree on {layer}"
        for layer in LAYERS
        if not all(_same(getattr(first, layer), getattr(v, layer)) for v in votes[1:])
    }
    return _without(first, disputed)
