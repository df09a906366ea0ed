"""Readers for gold files, all turned into one shape: ``GoldDoc``.

Formats: ``builder`` (our own: hand-made gold and, later, human corrections), and the public
development sets' formats: ``conll`` (entities), ``polnear`` (attributions), ``claimbuster``
(check-worthiness) and ``newsmtsc`` (sentiment). Offsets are document offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from builder.errors import E302_BAD_GOLD, E303_UNKNOWN_GOLD_FORMAT, InputError, UsageError
from builder.jsonl import read_numbered


class GoldFormat(StrEnum):
    """The gold file formats ``read_gold`` reads (``builder heuristics report --format``)."""

    builder = "builder"
    conll = "conll"
    polnear = "polnear"
    claimbuster = "claimbuster"
    newsmtsc = "newsmtsc"


FORMATS: tuple[GoldFormat, ...] = tuple(GoldFormat)

# Our entity types -> the coarse CoNLL types; types not listed are not scored on CoNLL.
CONLL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    cue: Spans
    source: Spans
    content: Spans


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    whole: bool = False  # the text is one sentence: score it without segmenting
    entities: tuple[tuple[int, int, str], ...] | None = None
    attributions: tuple[GoldAttribution, ...] | None = None
    check_worthy: str | None = None
    sentiment: str | None = None


def as_gold_format(name: str) -> GoldFormat:
    """A format given by name, checked where it enters: E303 names the choices."""
    try:
        return GoldFormat(name)
    except ValueError:
        raise UsageError(
            E303_UNKNOWN_GOLD_FORMAT,
            f"unknown gold file format {name!r}; one of {', '.join(FORMATS)}",
        ) from None


def read_gold(path: Path, fmt: GoldFormat | str, limit: int | None = None) -> Iterator[GoldDoc]:
    """The gold documents of ``path`` (the first ``limit``); a format given by name is checked
    when called, before the file is opened (E303)."""
    return _read_gold(path, as_gold_format(fmt), limit)


def _read_gold(path: Path, fmt: GoldFormat, limit: int | None) -> Iterator[GoldDoc]:
    reader = {
        GoldFormat.builder: _builder,
        GoldFormat.conll: _conll,
        GoldFormat.polnear: _polnear,
        GoldFormat.claimbuster: _claimbuster,
        GoldFormat.newsmtsc: _newsmtsc,
    }[fmt]
    n = 0
    for lineno, record in read_numbered(path):
        if limit is not None and n >= limit:
            return
        try:
            doc = reader(record, lineno)
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(E302_BAD_GOLD, str(path), f"not {fmt} gold: {exc!r}", lineno) from exc
        if doc is not None:
            n += 1
            yield doc


def _spans(part: dict[str, Any] | None) -> Spans:
    return tuple((int(s), int(e)) for s, e in (part or {}).get("spans", ()))


def _builder(r: dict[str, Any], lineno: int) -> GoldDoc:
    claims = r.get("claims")
    return GoldDoc(
        id=str(r.get("id", lineno)),
        text=r["text"],
        whole=bool(r.get("whole", True)),
        entities=tuple((e["start"], e["end"], e["label"]) for e in r["entities"])
        if "entities" in r
        else None,
        attributions=tuple(
            GoldAttribution(
                cue=((c["cue"]["start"], c["cue"]["end"]),) if c.get("cue") else (),
                source=((c["source"]["start"], c["source"]["end"]),) if c.get("source") else (),
                content=((c["claim"]["start"], c["claim"]["end"]),),
            )
            for c in claims
        )
        if claims is not None
        else None,
        check_worthy=r.get("check_worthy"),
        sentiment=r.get("sentiment"),
    )


def _conll(r: dict[str, Any], lineno: int) -> GoldDoc:
    ents = tuple((e["start"], e["end"], e["type"]) for e in r["entities"])
    return GoldDoc(id=r["doc_id"], text=r["text"], entities=ents)


def _polnear(r: dict[str, Any], lineno: int) -> GoldDoc:
    atts = tuple(
        GoldAttribution(_spans(a.get("cue")), _spans(a.get("source")), _spans(a.get("content")))
        for a in r["attributions"]
    )
    return GoldDoc(id=r["doc_id"], text=r["text"], attributions=atts)


def _claimbuster(r: dict[str, Any], lineno: int) -> GoldDoc:
    label = "yes" if r["label"] == "CFS" else "no"
    return GoldDoc(id=str(r["sentence_id"]), text=r["text"], whole=True, check_worthy=label)


def _newsmtsc(r: dict[str, Any], lineno: int) -> GoldDoc | None:
    """Sentence label from target polarities (1-7): all agree -> that label, mixed -> skipped."""
    labels = {
        "negative" if t["polarity"] < 4 else "positive" if t["polarity"] > 4 else "neutral"
        for t in r["targets"]
    }
    if len(labels) != 1:
        return None
    return GoldDoc(
        id=r["primary_gid"], text=r["sentence_normalized"], whole=True, sentiment=labels.pop()
    )
