"""Human annotations -> gold: one label set per sentence, by a declared resolution policy.

Input: the canonical records of ``builder studio pull`` snapshots (one per annotation). Skipped
(cancelled) annotations never become gold; when an annotator annotated a sentence twice, their
latest annotation counts. Then, per sentence:

- ``latest``: the most recently updated annotation;
- ``ground_truth``: the annotation flagged as ground truth in Label Studio (the latest flagged
  one, even if its annotator annotated again since), else the latest;
- ``majority``: each entity span and claim that more than half of the annotators drew, and per
  class layer what more than half of those who chose a class chose (an empty choice abstains);
  a class without a majority is disputed;
- ``strict``: a layer on which the annotators agree is gold, a layer on which they do not is
  disputed;
- ``adjudicated``: a reviewer's decision from the review project (``builder studio
  adjudicate``), else the annotators' agreement (as ``strict``).

Layers resolve on their own (``gold.layers``): a dispute on sentiment leaves the agreed
entities gold. A disputed layer is None in the labels and listed with its reason in
``Resolution.disputed``, never guessed; a sentence with at least one disputed layer is also
listed in ``ambiguous``, and one whose every layer is disputed has no gold at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import cached_property
from typing import Any, TypeVar

from builder.errors import E802_UNKNOWN_POLICY, UsageError
from builder.gold.layers import LAYERS, Settled, agreed, majority
from builder.model import Annotation, ResolvedGold, Sentence


class Policy(StrEnum):
    """How several annotations of a sentence resolve into gold (see above)."""

    latest = "latest"
    majority = "majority"
    ground_truth = "ground_truth"
    strict = "strict"
    adjudicated = "adjudicated"


POLICIES: tuple[Policy, ...] = tuple(Policy)

# A snapshot record, typed or as read: consumers still on dicts (``quality.evaluate``,
# ``quality.agreement``, ``learn.run``, ``studio.adjudicate``) pass what they read, and only
# the labels a policy looks at become typed (typing every whole record would cost more than
# resolving does: the prediction it was shown is typed too).
Record = TypeVar("Record", bound=Annotation | Mapping[str, Any])


def as_policy(name: str) -> Policy:
    """A policy given by name (a command-line option, a parameter file), checked where it
    enters, before any work: E802 names the choices. A ``Policy`` comes back as it is."""
    try:
        return Policy(name)
    except ValueError:
        raise UsageError(
            E802_UNKNOWN_POLICY,
            f"unknown resolution policy {name!r}; one of {', '.join(POLICIES)}",
        ) from None


def field_of(record: Annotation | Mapping[str, Any], name: str) -> Any:
    """A field of either shape: the record keys are the attribute names."""
    return getattr(record, name) if isinstance(record, Annotation) else record.get(name)


def labels_of(record: Annotation | Mapping[str, Any]) -> ResolvedGold:
    return record.labels if isinstance(record, Annotation) else ResolvedGold.from_dict(record)


def _per_annotator(records: Sequence[Record]) -> list[Record]:
    """Each annotator's latest submitted (not cancelled) annotation, in a stable order."""
    latest: dict[str, Record] = {}
    for record in sorted(records, key=recency):
        if not field_of(record, "was_cancelled"):
            latest[str(field_of(record, "annotator"))] = record
    return [latest[name] for name in sorted(latest)]


def current_votes(records: Sequence[Record]) -> list[Record]:
    """Each annotator's latest submitted annotation of one sentence, on the sentence's latest
    annotated text. Offsets hold for the text they were drawn on: annotations of an older text
    (annotated before the sentence changed) are left out; the export then checks that text
    against the sentence as it is now."""
    votes = _per_annotator(records)
    if not votes:
        return votes
    text = field_of(max(votes, key=recency), "text")
    return [v for v in votes if field_of(v, "text") == text]


@dataclass(frozen=True)
class Resolution:
    policy: Policy
    labels: dict[str, ResolvedGold] = field(default_factory=dict)  # sentence id -> labels
    text: dict[str, str] = field(default_factory=dict)  # sentence id -> annotated text
    annotators_per_sentence: dict[str, int] = field(default_factory=dict)
    # (sentence id, why) of every sentence with a disputed layer; the layers in ``disputed``
    ambiguous: list[tuple[str, str]] = field(default_factory=list)
    disputed: dict[str, dict[str, str]] = field(default_factory=dict)  # sid -> layer -> why
    skipped: list[str] = field(default_factory=list)  # only skipped/cancelled annotations
    annotators: set[str] = field(default_factory=set)

    @cached_property
    def gold(self) -> dict[str, dict[str, Any]]:
        """``labels`` as records (``ResolvedGold.to_dict``), for the consumers still on dicts:
        ``quality.evaluate`` (and the scorecard it passes them to), ``learn.run``."""
        return {sid: labels.to_dict() for sid, labels in self.labels.items()}

    def summary(self) -> dict[str, Any]:
        multi = sum(1 for n in self.annotators_per_sentence.values() if n > 1)
        return {
            "policy": self.policy.value,
            "gold_sentences": len(self.labels),
            "ambiguous": len(self.ambiguous),
            "disputed_layers": {
                layer: n
                for layer in LAYERS
                if (n := sum(layer in d for d in self.disputed.values()))
            },
            "skipped": len(self.skipped),
            "annotators": len(self.annotators),
            "sentences_with_several_annotators": multi,
        }


def applies(annotated_text: Mapping[str, str], sentence: Sentence) -> bool:
    """Whether a human label of ``sentence`` holds for it as it is now: offsets hold only for
    the text they were drawn on, so a sentence whose text changed since it was annotated
    counts as unannotated (the one place that decides it: export, eval and learn ask here)."""
    return annotated_text.get(sentence.id) == sentence.text


def resolve(
    records: Iterable[Annotation | Mapping[str, Any]],
    policy: Policy | str = Policy.latest,
    adjudications: Iterable[Annotation | Mapping[str, Any]] = (),
) -> Resolution:
    """Gold per sentence by ``policy``, from checked records (``gold.snapshots``), typed or
    as read; a policy given by name is checked first (E802)."""
    policy = as_policy(policy)
    by_sentence: dict[str, list[Annotation | Mapping[str, Any]]] = defaultdict(list)
    for record in records:
        by_sentence[field_of(record, "sentence_id")].append(record)
    reviewed: dict[str, Annotation | Mapping[str, Any]] = {}
    for record in sorted(adjudications, key=recency):
        if not field_of(record, "was_cancelled"):
            reviewed[field_of(record, "sentence_id")] = record
    out = Resolution(policy)
    for sid in sorted(by_sentence):
        group = by_sentence[sid]
        votes = current_votes(group)
        out.annotators.update(str(field_of(v, "annotator")) for v in votes)
        if not votes:
            out.skipped.append(sid)
            continue
        text = str(field_of(votes[0], "text"))  # current_votes: all on the same text
        out.annotators_per_sentence[sid] = len(votes)
        settled: Settled
        if policy is Policy.latest:
            settled = Settled(labels_of(max(votes, key=recency)))
        elif policy is Policy.ground_truth:
            # A flag stands even if its annotator annotated again since (a manager marked
            # that annotation, not the annotator's latest); only a flag on the text as it
            # is now counts.
            flagged = [
                r
                for r in group
                if field_of(r, "ground_truth")
                and not field_of(r, "was_cancelled")
                and field_of(r, "text") == text
            ]
            settled = Settled(labels_of(max(flagged or votes, key=recency)))
        elif policy is Policy.majority:
            settled = majority([labels_of(v) for v in votes])
        elif policy is Policy.adjudicated and sid in reviewed:
            settled = Settled(labels_of(reviewed[sid]))
            text = str(field_of(reviewed[sid], "text"))
        else:  # strict, or adjudicated without a review
            settled = agreed([labels_of(v) for v in votes])
        if settled.disputed:
            out.ambiguous.append((sid, settled.why()))
            out.disputed[sid] = settled.disputed
        if not settled.any:
            continue
        out.labels[sid] = settled.labels
        out.text[sid] = text
    return out


def _instant(stamp: Any) -> float:
    """A server timestamp as seconds. Compared as strings, "10:00:00Z" (no fraction: Python's
    isoformat leaves it out when it is zero) would sort after "10:00:00.5Z"."""
    if not stamp:
        return float("-inf")
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return float("-inf")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def recency(record: Annotation | Mapping[str, Any]) -> tuple[float, str, int]:
    """Latest update first by time, then by annotation id (never by string order)."""
    updated = field_of(record, "updated")
    return (_instant(updated), str(updated or ""), int(field_of(record, "annotation_id")))
