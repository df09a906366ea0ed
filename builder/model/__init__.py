"""Frozen records passed between stages.

Every offset is a Python string index into the normalised document text that
ingest stores; ``text[start:end] == span_text`` holds for every span anywhere.
The label records (a pre-label, an annotation, resolved gold) live in ``model/prelabel.py``
and ``model/annotation.py``; they are re-exported here, so ``from builder.model import
Annotation`` is the way to name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from builder.model.annotation import (
        UNRECORDED,
        AnnotatedClaim,
        AnnotatedEntity,
        AnnotatedSpan,
        Annotation,
        ResolvedGold,
        ShownLabels,
        UnlinkedPart,
        Unrecorded,
    )
    from builder.model.prelabel import (
        Conflicts,
        Prelabel,
        ScoredClaim,
        ScoredClass,
        ScoredEntity,
        TextSpan,
    )

# The label records, imported when first named (``from builder.model import Annotation``):
# `builder prelabel` and `builder segment` name none of them, and their 13 dataclasses took
# some 47 M instructions of every start-up to make (issue 14).
_LATER = dict.fromkeys(
    ("UNRECORDED", "AnnotatedClaim", "AnnotatedEntity", "AnnotatedSpan", "Annotation"),
    "builder.model.annotation",
)
_LATER.update(
    dict.fromkeys(
        ("ResolvedGold", "ShownLabels", "UnlinkedPart", "Unrecorded"), "builder.model.annotation"
    )
)
_LATER.update(
    dict.fromkeys(
        ("Conflicts", "Prelabel", "ScoredClaim", "ScoredClass", "ScoredEntity", "TextSpan"),
        "builder.model.prelabel",
    )
)


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The names read later too, as ``dir`` and completion would list them if imported."""
    return sorted({*globals(), *_LATER})


__all__ = [
    "UNRECORDED",
    "AnnotatedClaim",
    "AnnotatedEntity",
    "AnnotatedSpan",
    "Annotation",
    "ClaimVote",
    "Conflicts",
    "Document",
    "EntityVote",
    "LabelVote",
    "Prelabel",
    "Removal",
    "ResolvedGold",
    "ScoredClaim",
    "ScoredClass",
    "ScoredEntity",
    "Sentence",
    "ShownLabels",
    "Span",
    "TextSpan",
    "Token",
    "UnlinkedPart",
    "Unrecorded",
    "Vote",
]


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the source that ingest removed (boilerplate, duplicate line...).

    ``line`` is the 1-based line of the source file it came from; ``at`` is the
    offset in the stored text where it used to sit, so nothing is lost silently.
    """

    rule: str
    text: str
    line: int
    at: int

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "text": self.text, "line": self.line, "at": self.at}


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    sha: str
    text: str
    source: str
    format: str
    meta: dict[str, Any] = field(default_factory=dict)
    removed: tuple[Removal, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_sha": self.sha,
            "text": self.text,
            "source": self.source,
            "format": self.format,
            "meta": self.meta,
            "removed": [r.to_dict() for r in self.removed],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=d["id"],
            sha=d["doc_sha"],
            text=d["text"],
            source=d.get("source", ""),
            format=d.get("format", ""),
            meta=d.get("meta") or {},
            removed=tuple(Removal(**r) for r in d.get("removed", ())),
        )


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into some text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    doc_id: str
    index: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(d["id"], d["doc_id"], d["index"], d["start"], d["end"], d["text"])


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


# -- pre-labels ------------------------------------------------------------------------------
# Votes are what one labeling function says about one sentence. Offsets are relative to the
# sentence text: ``sentence.text[start:end]`` is the voted span.


@dataclass(frozen=True, slots=True)
class EntityVote:
    start: int
    end: int
    label: str  # one of labels.entity_types
    score: float  # the function's confidence in (0, 1]
    lf: str  # name of the labeling function that voted


@dataclass(frozen=True, slots=True)
class ClaimVote:
    claim: Span
    source: Span | None
    cue: Span | None
    direct: bool  # quoted word for word
    score: float
    lf: str


@dataclass(frozen=True, slots=True)
class LabelVote:
    """A sentence-level class vote (check-worthiness or sentiment)."""

    label: str
    score: float
    lf: str


Vote = EntityVote | ClaimVote | LabelVote
