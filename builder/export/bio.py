"""Character spans <-> token BIO tags, losing nothing silently.

A span aligns when it starts at a token start and ends at a token end. A span that does not
(it cuts a token, or starts or ends in white space) or that overlaps another one cannot be
written as BIO tags: it is returned as a ``Misaligned`` record naming the sentence, so that the
caller reports it (and fails the export for gold spans).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from builder.model import Token

EntitySpan = tuple[int, int, str]  # (start, end, label), offsets into the sentence text


@dataclass(frozen=True, slots=True)
class Misaligned:
    sentence_id: str
    start: int
    end: int
    label: str
    text: str
    reason: str  # "cuts a token" | "overlaps another span" | "outside the text"

    def __str__(self) -> str:
        return (
            f"sentence {self.sentence_id}: span [{self.start}:{self.end}] {self.label} "
            f"{self.text!r} {self.reason}"
        )


def align(
    sentence_id: str,
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
    spans: Sequence[EntitySpan],
) -> tuple[list[tuple[int, int, str]], list[Misaligned]]:
    """``(first token, last token, label)`` of each span that can be tagged, in span order,
    given the tokens' ``starts`` and ``ends``; and the spans that cannot."""
    n = len(starts)
    taken = bytearray(n)  # tokens already inside a span
    tagged: list[tuple[int, int, str]] = []
    problems: list[Misaligned] = []
    for start, end, label in sorted(spans):
        first = bisect_left(starts, start)
        last = bisect_left(ends, end)
        if not (0 <= start < end <= len(text)):
            reason = "outside the text"
        elif first >= n or starts[first] != start or last >= n or ends[last] != end:
            reason = "cuts a token"
        elif any(taken[first : last + 1]):
            reason = "overlaps another span"
        else:
            taken[first : last + 1] = b"\x01" * (last + 1 - first)
            tagged.append((first, last, label))
            continue
        problems.append(Misaligned(sentence_id, start, end, label, text[start:end], reason))
    return tagged, problems


def spans_to_bio(
    sentence_id: str,
    text: str,
    tokens: Sequence[Token] | Sequence[tuple[int, int]],
    spans: Sequence[EntitySpan],
) -> tuple[list[str], list[Misaligned]]:
    """BIO tags for ``tokens`` (Token records or ``(start, end)`` pairs), and the spans that
    could not be tagged."""
    pairs = [(t.start, t.end) if isinstance(t, Token) else t for t in tokens]
    tagged, problems = align(sentence_id, text, [s for s, _ in pairs], [e for _, e in pairs], spans)
    tags = ["O"] * len(pairs)
    for first, last, label in tagged:
        tags[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{label}"
    return tags, problems


def bio_to_spans(tokens: Sequence[Token], tags: Sequence[str]) -> list[EntitySpan]:
    """The spans of BIO ``tags`` (an I- without its B- starts a span, as conlleval does)."""
    spans: list[EntitySpan] = []
    current: list[int | str] | None = None  # [start, end, label]
    for tok, tag in zip(tokens, tags, strict=True):
        kind, _, label = tag.partition("-")
        if kind == "I" and current is not None and current[2] == label:
            current[1] = tok.end
            continue
        if current is not None:
            spans.append((int(current[0]), int(current[1]), str(current[2])))
            current = None
        if kind in ("B", "I"):
            current = [tok.start, tok.end, label]
    if current is not None:
        spans.append((int(current[0]), int(current[1]), str(current[2])))
    return spans
