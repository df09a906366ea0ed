"""Human labels, frozen: an annotation snapshot record, and the gold resolved from them.

The disk shape is ``schemas/annotations.schema.json`` (``builder studio pull`` writes it,
``builder.gold.snapshots`` reads it); ``from_dict`` takes a record valid under it and
``to_dict`` gives it back exactly, absent keys absent again (``tests/test_record_types.py``).
Offsets are relative to the annotated sentence text. Re-exported by ``builder.model``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

# `studio pull` writes offsets only: ``text`` is None unless the record carries it (hand-made
# records may), and then it is what the sentence holds there (readers check).


def _with_text(out: dict[str, Any], text: str | None) -> dict[str, Any]:
    if text is not None:
        out["text"] = text
    return out


@dataclass(frozen=True, slots=True)
class AnnotatedSpan:
    start: int
    end: int
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _with_text({"start": self.start, "end": self.end}, self.text)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AnnotatedSpan:
        return cls(d["start"], d["end"], d.get("text"))


def _annotated_span(d: Mapping[str, Any] | None) -> AnnotatedSpan | None:
    return None if d is None else AnnotatedSpan.from_dict(d)


@dataclass(frozen=True, slots=True)
class AnnotatedEntity:
    start: int
    end: int
    label: str
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _with_text({"start": self.start, "end": self.end, "label": self.label}, self.text)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AnnotatedEntity:
        return cls(d["start"], d["end"], d["label"], d.get("text"))


@dataclass(frozen=True, slots=True)
class AnnotatedClaim:
    claim: AnnotatedSpan
    source: AnnotatedSpan | None
    cue: AnnotatedSpan | None
    direct: bool | None  # None: not marked direct or indirect

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim.to_dict(),
            "source": None if self.source is None else self.source.to_dict(),
            "cue": None if self.cue is None else self.cue.to_dict(),
            "direct": self.direct,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AnnotatedClaim:
        return cls(
            AnnotatedSpan.from_dict(d["claim"]),
            _annotated_span(d["source"]),
            _annotated_span(d["cue"]),
            d["direct"],
        )


@dataclass(frozen=True, slots=True)
class UnlinkedPart:
    """A SOURCE or CUE region linked to no claim (kept, never dropped)."""

    label: str
    start: int
    end: int
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _with_text({"label": self.label, "start": self.start, "end": self.end}, self.text)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> UnlinkedPart:
        return cls(d["label"], d["start"], d["end"], d.get("text"))


Entities = tuple[AnnotatedEntity, ...] | None  # None: the layer was not labelled
Claims = tuple[AnnotatedClaim, ...] | None


def _entities(items: Sequence[Mapping[str, Any]] | None) -> Entities:
    return None if items is None else tuple(map(AnnotatedEntity.from_dict, items))


def _claims(items: Sequence[Mapping[str, Any]] | None) -> Claims:
    return None if items is None else tuple(map(AnnotatedClaim.from_dict, items))


def _layers(
    entities: Entities, claims: Claims, check_worthy: str | None, sentiment: str | None
) -> dict[str, Any]:
    return {
        "entities": None if entities is None else [e.to_dict() for e in entities],
        "claims": None if claims is None else [c.to_dict() for c in claims],
        "check_worthy": check_worthy,
        "sentiment": sentiment,
    }


@dataclass(frozen=True, slots=True)
class ResolvedGold:
    """The labels of one sentence that a resolution policy settled on (``gold.resolve``);
    a layer is None when nobody labelled it."""

    entities: Entities
    claims: Claims
    check_worthy: str | None
    sentiment: str | None

    def to_dict(self) -> dict[str, Any]:
        return _layers(self.entities, self.claims, self.check_worthy, self.sentiment)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ResolvedGold:
        return cls(
            _entities(d["entities"]), _claims(d["claims"]), d["check_worthy"], d["sentiment"]
        )


@dataclass(frozen=True, slots=True)
class ShownLabels:
    """The labels of the prediction an annotation started from."""

    model_version: str | None
    entities: Entities
    claims: Claims
    check_worthy: str | None
    sentiment: str | None

    def to_dict(self) -> dict[str, Any]:
        layers = _layers(self.entities, self.claims, self.check_worthy, self.sentiment)
        return {"model_version": self.model_version, **layers}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ShownLabels:
        return cls(
            d["model_version"],
            _entities(d["entities"]),
            _claims(d["claims"]),
            d["check_worthy"],
            d["sentiment"],
        )


class Unrecorded(enum.Enum):
    """``shown`` of a record pulled before it was recorded: absent, which is not null (the
    annotation started from no prediction)."""

    UNRECORDED = "unrecorded"


UNRECORDED: Literal[Unrecorded.UNRECORDED] = Unrecorded.UNRECORDED


@dataclass(frozen=True, slots=True)
class Annotation:
    """One Label Studio annotation of one sentence, as ``builder studio pull`` writes it."""

    sentence_id: str
    doc_id: str | None
    text: str  # the sentence as it was annotated: offsets hold for it
    task_id: int
    annotation_id: int
    annotator: str | None
    created: str | None
    updated: str | None
    lead_time: float | None
    was_cancelled: bool
    ground_truth: bool
    entities: Entities
    claims: Claims
    check_worthy: str | None
    sentiment: str | None
    unlinked: tuple[UnlinkedPart, ...] | None = None  # None: pulled before it was recorded
    shown: ShownLabels | Literal[Unrecorded.UNRECORDED] | None = UNRECORDED

    @property
    def labels(self) -> ResolvedGold:
        """Its four layers, as gold when a policy takes this annotation."""
        return ResolvedGold(self.entities, self.claims, self.check_worthy, self.sentiment)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "sentence_id": self.sentence_id,
            "doc_id": self.doc_id,
            "text": self.text,
            "task_id": self.task_id,
            "annotation_id": self.annotation_id,
            "annotator": self.annotator,
            "created": self.created,
            "updated": self.updated,
            "lead_time": self.lead_time,
            "was_cancelled": self.was_cancelled,
            "ground_truth": self.ground_truth,
            **_layers(self.entities, self.claims, self.check_worthy, self.sentiment),
        }
        if self.unlinked is not None:
            out["unlinked"] = [u.to_dict() for u in self.unlinked]
        if not isinstance(self.shown, Unrecorded):
            out["shown"] = None if self.shown is None else self.shown.to_dict()
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Annotation:
        unlinked = d.get("unlinked")
        shown = d.get("shown")
        return cls(
            d["sentence_id"],
            d["doc_id"],
            d["text"],
            d["task_id"],
            d["annotation_id"],
            d["annotator"],
            d["created"],
            d["updated"],
            d["lead_time"],
            d["was_cancelled"],
            d["ground_truth"],
            _entities(d["entities"]),
            _claims(d["claims"]),
            d["check_worthy"],
            d["sentiment"],
            None if unlinked is None else tuple(map(UnlinkedPart.from_dict, unlinked)),
            UNRECORDED
            if "shown" not in d
            else (None if shown is None else ShownLabels.from_dict(shown)),
        )
