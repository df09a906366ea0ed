"""Human annotations -> gold: one label set per sentence, by a declared resolution policy.

Input: the canonical records of ``builder studio pull`` snapshots (one per annotation). Skipped
(cancelled) annotations never become gold; when an annotator annotated a sentence twice, their
latest annotation counts. Then, per sentence:

- ``latest``: the most recently updated annotation;
- ``ground_truth``: the annotation flagged as ground truth in Label Studio (the latest flagged
  one, even if its annotator annotated again since), else the latest;
- ``majority``: each entity span and claim that more than half of the annotators drew, and per
  class layer what more than half of those who chose a class chose (an empty choice abstains);
  a class without a majority makes the sentence ambiguous;
- ``strict``: the annotators agree on every layer, else the sentence is ambiguous;
- ``adjudicated``: a reviewer's decision from the review project (``builder studio
  adjudicate``), else the annotators' agreement (as ``strict``).

Ambiguous sentences are listed, never guessed, and stay out of the gold.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import cached_property
from typing import Any, TypeVar

import orjson

from builder.errors import E802_UNKNOWN_POLICY, UsageError
from builder.model import AnnotatedClaim, AnnotatedEntity, Annotation, ResolvedGold, Sentence


class Policy(StrEnum):
    """How several annotations of a sentence resolve into gold (see above)."""

    latest = "latest"
    majority = "majority"
    ground_truth = "ground_truth"
    strict = "strict"
    adjudicated = "adjudicated"


POLICIES: tuple[Policy, ...] = tuple(Policy)
LAYERS = ("entities", "claims", "check_worthy", "sentiment")

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


def _key(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


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


Item = TypeVar("Item", AnnotatedEntity, AnnotatedClaim)


def _drawn_by_most(layers: list[tuple[Item, ...] | None], need: int) -> list[Item]:
    """The items at least ``need`` annotators drew (one vote per annotator and item, even if
    an annotator drew the same span twice), ordered by their record form."""
    counts = Counter(item for items in layers for item in set(items or ()))
    drawn = (item for item, n in counts.items() if n >= need)
    return sorted(drawn, key=lambda i: _key(i.to_dict()))


def _majority(votes: list[ResolvedGold]) -> tuple[ResolvedGold | None, str]:
    """Spans and claims: those more than half of the annotators drew (not drawing one is a
    vote against it). Classes: what more than half of the annotators who chose a class for
    that layer chose; leaving a choice empty is an abstention, not a vote (a layer nobody
    chose stays unlabelled)."""
    need = len(votes) // 2 + 1
    entities = _drawn_by_most([v.entities for v in votes], need)
    claims = _drawn_by_most([v.claims for v in votes], need)
    classes: dict[str, str | None] = {}
    for layer in ("check_worthy", "sentiment"):
        chosen = Counter(c for v in votes if (c := getattr(v, layer)) is not None)
        if not chosen:
            classes[layer] = None
            continue
        (top, n), *_ = chosen.most_common()
        if n < sum(chosen.values()) // 2 + 1:
            return None, f"no majority for {layer}: {dict(sorted(chosen.items()))}"
        classes[layer] = top
    return ResolvedGold(
        tuple(sorted(entities, key=lambda e: (e.start, e.end, e.label))),
        tuple(sorted(claims, key=lambda c: (c.claim.start, c.claim.end))),
        classes["check_worthy"],
        classes["sentiment"],
    ), ""


def _same(a: Any, b: Any) -> bool:
    """Equal labels; spans and claims compared as multisets (their order in a record follows
    region ids, which say nothing)."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return Counter(a) == Counter(b)
    return bool(a == b)


def _agreed(votes: list[ResolvedGold]) -> tuple[ResolvedGold | None, str]:
    first = votes[0]
    for vote in votes[1:]:
        for layer in LAYERS:
            if not _same(getattr(first, layer), getattr(vote, layer)):
                return None, f"annotators disagree on {layer}"
    return first, ""


@dataclass(frozen=True)
class Resolution:
    policy: Policy
    labels: dict[str, ResolvedGold] = field(default_factory=dict)  # sentence id -> labels
    text: dict[str, str] = field(default_factory=dict)  # sentence id -> annotated text
    annotators_per_sentence: dict[str, int] = field(default_factory=dict)
    ambiguous: list[tuple[str, str]] = field(default_factory=list)  # (sentence id, why)
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
        chosen: ResolvedGold | None
        why = ""
        if policy is Policy.latest:
            chosen = labels_of(max(votes, key=recency))
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
            chosen = labels_of(max(flagged or votes, key=recency))
        elif policy is Policy.majority:
            chosen, why = _majority([labels_of(v) for v in votes])
        elif policy is Policy.adjudicated and sid in reviewed:
            chosen = labels_of(reviewed[sid])
            text = str(field_of(reviewed[sid], "text"))
        else:  # strict, or adjudicated without a review
            chosen, why = _agreed([labels_of(v) for v in votes])
        if chosen is None:
            out.ambiguous.append((sid, why))
            continue
        out.labels[sid] = chosen
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
