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
from typing import Any

import orjson

from builder.errors import E802_UNKNOWN_POLICY, UsageError
from builder.model import Sentence


class Policy(StrEnum):
    """How several annotations of a sentence resolve into gold (see above)."""

    latest = "latest"
    majority = "majority"
    ground_truth = "ground_truth"
    strict = "strict"
    adjudicated = "adjudicated"


POLICIES: tuple[Policy, ...] = tuple(Policy)
LAYERS = ("entities", "claims", "check_worthy", "sentiment")


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


def labels_of(record: dict[str, Any]) -> dict[str, Any]:
    return {layer: record.get(layer) for layer in LAYERS}


def _key(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _per_annotator(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each annotator's latest submitted (not cancelled) annotation, in a stable order."""
    latest: dict[str, dict[str, Any]] = {}
    for record in sorted(records, key=recency):
        if not record["was_cancelled"]:
            latest[str(record["annotator"])] = record
    return [latest[name] for name in sorted(latest)]


def current_votes(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each annotator's latest submitted annotation of one sentence, on the sentence's latest
    annotated text. Offsets hold for the text they were drawn on: annotations of an older text
    (annotated before the sentence changed) are left out; the export then checks that text
    against the sentence as it is now."""
    votes = _per_annotator(records)
    if not votes:
        return votes
    text = max(votes, key=recency).get("text")
    return [v for v in votes if v.get("text") == text]


def _majority(votes: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, str]:
    """Spans and claims: those more than half of the annotators drew (not drawing one is a
    vote against it). Classes: what more than half of the annotators who chose a class for
    that layer chose; leaving a choice empty is an abstention, not a vote (a layer nobody
    chose stays unlabelled)."""
    need = len(votes) // 2 + 1
    out: dict[str, Any] = {}
    for layer in ("entities", "claims"):
        items = {_key(item): item for vote in votes for item in vote[layer] or []}
        # One vote per annotator and item, even if an annotator drew the same span twice.
        counts = Counter(k for vote in votes for k in {_key(i) for i in vote[layer] or []})
        out[layer] = sorted(
            (items[k] for k, n in counts.items() if n >= need), key=lambda i: _key(i)
        )
    for layer in ("check_worthy", "sentiment"):
        chosen = Counter(v[layer] for v in votes if v[layer] is not None)
        if not chosen:
            out[layer] = None
            continue
        (top, n), *_ = chosen.most_common()
        if n < sum(chosen.values()) // 2 + 1:
            return None, f"no majority for {layer}: {dict(sorted(chosen.items()))}"
        out[layer] = top
    out["entities"].sort(key=lambda e: (e["start"], e["end"], e["label"]))
    out["claims"].sort(key=lambda c: (c["claim"]["start"], c["claim"]["end"]))
    return out, ""


def _same(a: Any, b: Any) -> bool:
    """Equal labels; spans and claims compared as sets (their order in a record follows
    region ids, which say nothing)."""
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(_key, a)) == sorted(map(_key, b))
    return _key(a) == _key(b)


def _agreed(votes: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, str]:
    first = labels_of(votes[0])
    for vote in votes[1:]:
        for layer in LAYERS:
            if not _same(first[layer], vote.get(layer)):
                return None, f"annotators disagree on {layer}"
    return first, ""


@dataclass
class Resolution:
    policy: Policy
    gold: dict[str, dict[str, Any]] = field(default_factory=dict)  # sentence id -> labels
    text: dict[str, str] = field(default_factory=dict)  # sentence id -> annotated text
    annotators_per_sentence: dict[str, int] = field(default_factory=dict)
    ambiguous: list[tuple[str, str]] = field(default_factory=list)  # (sentence id, why)
    skipped: list[str] = field(default_factory=list)  # only skipped/cancelled annotations
    annotators: set[str] = field(default_factory=set)

    def summary(self) -> dict[str, Any]:
        multi = sum(1 for n in self.annotators_per_sentence.values() if n > 1)
        return {
            "policy": self.policy.value,
            "gold_sentences": len(self.gold),
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
    records: Iterable[dict[str, Any]],
    policy: Policy | str = Policy.latest,
    adjudications: Iterable[dict[str, Any]] = (),
) -> Resolution:
    """Gold by ``policy``; a policy given by name is checked first (E802)."""
    policy = as_policy(policy)
    by_sentence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_sentence[record["sentence_id"]].append(record)
    reviewed: dict[str, dict[str, Any]] = {}
    for record in sorted(adjudications, key=recency):
        if not record["was_cancelled"]:
            reviewed[record["sentence_id"]] = record
    out = Resolution(policy)
    for sid in sorted(by_sentence):
        group = by_sentence[sid]
        votes = current_votes(group)
        out.annotators.update(str(v["annotator"]) for v in votes)
        if not votes:
            out.skipped.append(sid)
            continue
        text = str(votes[0]["text"])  # current_votes: all on the same text
        out.annotators_per_sentence[sid] = len(votes)
        chosen: dict[str, Any] | None
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
                if r["ground_truth"] and not r["was_cancelled"] and r.get("text") == text
            ]
            chosen = labels_of(max(flagged or votes, key=recency))
        elif policy is Policy.majority:
            chosen, why = _majority(votes)
        elif policy is Policy.adjudicated and sid in reviewed:
            chosen = labels_of(reviewed[sid])
            text = str(reviewed[sid]["text"])
        else:  # strict, or adjudicated without a review
            chosen, why = _agreed(votes)
        if chosen is None:
            out.ambiguous.append((sid, why))
            continue
        out.gold[sid] = chosen
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


def recency(record: dict[str, Any]) -> tuple[float, str, int]:
    """Latest update first by time, then by annotation id (never by string order)."""
    return (_instant(record["updated"]), str(record["updated"] or ""), int(record["annotation_id"]))
