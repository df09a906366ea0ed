"""The records of sentences.jsonl and prelabels.jsonl decoded and checked in one step, in C
(msgspec): the fast path of a reader of millions of them (the export).

The Structs say what ``schemas/sentences.schema.json`` and ``schemas/prelabels.schema.json``
say, as the hand-written checks read them (``prelabel.io.fits_schema``,
``prelabel.records.fits_schema``): no key missing, none other, integers written as integers,
the patterns anchored at the very end (``\\Z``: no trailing newline). A pair of records
decoded here costs some 6 µs; orjson and the checks in Python, some 15.

What they accept, the checks accept, with the same values (tests/prelabel/test_structs.py
compares them on generated records). What they refuse goes the usual way (orjson, the checks,
``first_error``), which words the error as every reader does; msgspec's own messages never
reach the user.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from builder.model import Sentence

# orjson reads a JSON integer above 2**64 - 1 as a float, which the checks refuse; msgspec
# bounds integers within int64 only: these refuse more (the checks take the rest).
_MAX = 2**63 - 1
Id = Annotated[str, Meta(pattern=r"\A[0-9a-f]{16}\Z")]
Count = Annotated[int, Meta(ge=0, le=_MAX)]
End = Annotated[int, Meta(ge=1, le=_MAX)]
NonEmpty = Annotated[str, Meta(min_length=1)]
Score = Annotated[float, Meta(ge=0, le=1)]  # an integer too (0 or 1), as the schema's number
# The schema's model_version pattern, `$` read as the end (tests check that they match).
VERSION = r"\Aheuristics-[0-9a-f]{12}(\+crf-[0-9a-f]{12})?(\+learned-[0-9a-f]{8})?\Z"
# The schema's enums (tests check that they match).
EntityLabel = Literal[
    "PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
]  # fmt: skip
WorthyLabel = Literal["no", "yes"]
SentimentLabel = Literal["negative", "neutral", "positive"]


# gc=False: decoded records hold no reference cycles; the collector need not track them.
class SentenceRecord(Struct, forbid_unknown_fields=True, gc=False):
    id: Id
    doc_id: NonEmpty
    index: Count
    start: Count
    end: End
    text: NonEmpty  # and trimmed, on one line: :func:`sentence` checks (a pattern costs more)

    def sentence(self) -> Sentence:
        return Sentence(self.id, self.doc_id, self.index, self.start, self.end, self.text)


class SpanRecord(Struct, forbid_unknown_fields=True, gc=False):
    start: Count
    end: End
    text: NonEmpty


class EntityRecord(Struct, forbid_unknown_fields=True, gc=False):
    start: Count
    end: End
    text: NonEmpty
    label: EntityLabel
    score: Score
    heuristics: list[str]


class ClaimRecord(Struct, forbid_unknown_fields=True, gc=False):
    claim: SpanRecord
    source: SpanRecord | None
    cue: SpanRecord | None
    direct: bool
    score: Score
    heuristics: list[str]


class WorthyRecord(Struct, forbid_unknown_fields=True, gc=False):
    label: WorthyLabel
    score: Score
    heuristics: list[str]


class SentimentRecord(Struct, forbid_unknown_fields=True, gc=False):
    label: SentimentLabel
    score: Score
    heuristics: list[str]


class ConflictsRecord(Struct, forbid_unknown_fields=True, gc=False):
    entities: Count
    claims: Count
    check_worthy: Count
    sentiment: Count


class PrelabelRecord(Struct, forbid_unknown_fields=True, gc=False):
    sentence_id: Id
    model_version: Annotated[str, Meta(pattern=VERSION)]
    entities: list[EntityRecord]
    claims: list[ClaimRecord]
    check_worthy: WorthyRecord
    sentiment: SentimentRecord
    conflicts: ConflictsRecord | UnsetType = UNSET


_SENTENCE = msgspec.json.Decoder(SentenceRecord)
_PRELABEL = msgspec.json.Decoder(PrelabelRecord)


def sentence(raw: bytes) -> SentenceRecord | None:
    """The sentence record on a line, if valid under the schema (its offsets against its
    text: the caller's to check); None if not (or not JSON)."""
    try:
        record = _SENTENCE.decode(raw)
    except msgspec.DecodeError:  # ValidationError included
        return None
    text = record.text
    # The schema's pattern: trimmed, on one line (its `.` does not match a newline).
    if text[0].isspace() or text[-1].isspace() or "\n" in text:
        return None
    return record


def prelabel(raw: bytes) -> PrelabelRecord | None:
    """The pre-label record on a line, if valid under the schema (its spans against the
    sentence: :func:`quotes`); None if not (or not JSON)."""
    try:
        return _PRELABEL.decode(raw)
    except msgspec.DecodeError:
        return None


def _inside(span: SpanRecord | EntityRecord, text: str) -> bool:
    """``start < end <= len(text)`` and ``text[start:end] == span.text``, without the slice:
    the span's text is not empty and its start not negative (the Struct says so)."""
    return span.end - span.start == len(span.text) and text.startswith(span.text, span.start)


def quotes(record: PrelabelRecord, text: str) -> bool:
    """Every span of ``record`` inside the sentence ``text`` and quoting it
    (``records.span_problem`` says which one does not)."""
    for entity in record.entities:
        if not _inside(entity, text):
            return False
    for claim in record.claims:
        if not _inside(claim.claim, text):
            return False
        if claim.source is not None and not _inside(claim.source, text):
            return False
        if claim.cue is not None and not _inside(claim.cue, text):
            return False
    return True
