"""The pre-label record, frozen: one line of prelabels.jsonl (``Prelabeler.aggregate``).

The disk shape is ``schemas/prelabels.schema.json``; ``from_dict`` takes a record valid under
it and ``to_dict`` gives it back exactly (``tests/test_record_types.py``). Offsets are
relative to the sentence text. Re-exported by ``builder.model``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TextSpan:
    """``sentence.text[start:end] == text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TextSpan:
        return cls(d["start"], d["end"], d["text"])


def _text_span(d: Mapping[str, Any] | None) -> TextSpan | None:
    return None if d is None else TextSpan.from_dict(d)


@dataclass(frozen=True, slots=True)
class ScoredEntity:
    start: int
    end: int
    text: str
    label: str
    score: float
    heuristics: tuple[str, ...]  # the labeling functions that voted for it

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "score": self.score,
            "heuristics": list(self.heuristics),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ScoredEntity:
        return cls(d["start"], d["end"], d["text"], d["label"], d["score"], tuple(d["heuristics"]))


@dataclass(frozen=True, slots=True)
class ScoredClaim:
    claim: TextSpan
    source: TextSpan | None
    cue: TextSpan | None
    direct: bool
    score: float
    heuristics: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim.to_dict(),
            "source": None if self.source is None else self.source.to_dict(),
            "cue": None if self.cue is None else self.cue.to_dict(),
            "direct": self.direct,
            "score": self.score,
            "heuristics": list(self.heuristics),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ScoredClaim:
        return cls(
            TextSpan.from_dict(d["claim"]),
            _text_span(d["source"]),
            _text_span(d["cue"]),
            d["direct"],
            d["score"],
            tuple(d["heuristics"]),
        )


@dataclass(frozen=True, slots=True)
class ScoredClass:
    """A sentence-level class (check-worthiness or sentiment) and its support."""

    label: str
    score: float
    heuristics: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "score": self.score, "heuristics": list(self.heuristics)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ScoredClass:
        return cls(d["label"], d["score"], tuple(d["heuristics"]))


@dataclass(frozen=True, slots=True)
class Conflicts:
    """Votes the aggregation overruled, per layer (annotation priority reads them)."""

    entities: int
    claims: int
    check_worthy: int
    sentiment: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": self.entities,
            "claims": self.claims,
            "check_worthy": self.check_worthy,
            "sentiment": self.sentiment,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Conflicts:
        return cls(d["entities"], d["claims"], d["check_worthy"], d["sentiment"])


@dataclass(frozen=True, slots=True)
class Prelabel:
    """One line of prelabels.jsonl (``Prelabeler.aggregate``)."""

    sentence_id: str
    model_version: str
    entities: tuple[ScoredEntity, ...]
    claims: tuple[ScoredClaim, ...]
    check_worthy: ScoredClass
    sentiment: ScoredClass
    conflicts: Conflicts | None = None  # None: a record written before they were counted

    def to_dict(self) -> dict[str, Any]:
        out = {
            "sentence_id": self.sentence_id,
            "model_version": self.model_version,
            "entities": [e.to_dict() for e in self.entities],
            "claims": [c.to_dict() for c in self.claims],
            "check_worthy": self.check_worthy.to_dict(),
            "sentiment": self.sentiment.to_dict(),
        }
        if self.conflicts is not None:
            out["conflicts"] = self.conflicts.to_dict()
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Prelabel:
        conflicts = d.get("conflicts")
        return cls(
            d["sentence_id"],
            d["model_version"],
            tuple(map(ScoredEntity.from_dict, d["entities"])),
            tuple(map(ScoredClaim.from_dict, d["claims"])),
            ScoredClass.from_dict(d["check_worthy"]),
            ScoredClass.from_dict(d["sentiment"]),
            None if conflicts is None else Conflicts.from_dict(conflicts),
        )
