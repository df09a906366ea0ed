"""Tagging a chunk at once (export/tagging.py) against the row builder's way, row by row:
the same tags, kept spans and reported ones, whatever the spans (aligned, cutting a token,
outside the text, overlapping, given twice, of a label the schema lacks)."""

from __future__ import annotations

from operator import sub
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.export.bio import EntitySpan, align
from builder.export.names import Encoder
from builder.export.tagging import tag_rows
from builder.export.tokens import batch_tokens
from builder.labels import labels
from builder.segment.tokenizer import token_ends
from tests.export.test_tokens import TEXTS

ENC = Encoder(labels())
LABELS = st.sampled_from(["PERSON", "GPE", "ORG", "DATE"])


def row_by_row(texts: list[str], entities: list[list[EntitySpan]]) -> Any:
    """What ``records.Columns`` did a row at a time before the chunk was tagged at once."""
    tags: list[int] = []
    kept: list[tuple[int, int, int]] = []
    counts: list[int] = []
    problems: list[Any] = []
    for r, (text, given_spans) in enumerate(zip(texts, entities, strict=True)):
        ends, tokens = token_ends(text)
        row_tags = [ENC.bio["O"]] * len(tokens)
        spans = sorted(set(given_spans))
        tagged, wrong = align(f"s{r}", text, list(map(sub, ends, map(len, tokens))), ends, spans)
        for first, last, label in tagged:
            row_tags[first] = ENC.bio[f"B-{label}"]
            row_tags[first + 1 : last + 1] = [ENC.bio[f"I-{label}"]] * (last - first)
        bad = {(m.start, m.end, m.label) for m in wrong}
        spans = [s for s in spans if s not in bad]
        kept += [(s, e, ENC.entity[label]) for s, e, label in spans]
        counts.append(len(spans))
        tags += row_tags
        if wrong:
            problems.append((r, wrong))
    return tags, kept, counts, problems


def at_once(texts: list[str], entities: list[list[EntitySpan]]) -> Any:
    got = tag_rows([f"s{r}" for r in range(len(texts))], texts, entities, batch_tokens(texts), ENC)
    kept = list(zip(got.starts.tolist(), got.ends.tolist(), got.labels.tolist(), strict=True))
    return got.tags.tolist(), kept, got.counts.tolist(), got.problems


@st.composite
def rows(draw: st.DrawFn) -> tuple[list[str], list[list[EntitySpan]]]:
    texts = draw(st.lists(TEXTS, max_size=8))
    entities: list[list[EntitySpan]] = []
    for text in texts:
        ends, tokens = token_ends(text)
        spans: list[EntitySpan] = []
        for _ in range(draw(st.integers(0, 4))):
            if draw(st.integers(0, 3)) > 0 and tokens:  # mostly token ranges, as pre-labels are
                first = draw(st.integers(0, len(tokens) - 1))
                last = draw(st.integers(first, min(first + 3, len(tokens) - 1)))
                span = (ends[first] - len(tokens[first]), ends[last], draw(LABELS))
            else:
                start = draw(st.integers(-2, len(text) + 2))
                span = (start, draw(st.integers(start - 1, len(text) + 3)), draw(LABELS))
            spans += [span] * draw(st.integers(1, 2))
        entities.append(spans)
    return texts, entities


@settings(max_examples=800, deadline=None)
@given(rows())
def test_a_chunk_is_tagged_as_row_by_row(drawn: tuple[list[str], list[list[EntitySpan]]]) -> None:
    texts, entities = drawn
    assert at_once(texts, entities) == row_by_row(texts, entities)
    # Offsets: what is kept quotes a token range of its text
    _, kept, counts, _ = at_once(texts, entities)
    assert sum(counts) == len(kept)


def test_a_kept_span_of_a_label_the_schema_lacks_raises_as_it_did() -> None:
    texts, entities = ["Kyiv is far"], [[(0, 4, "NOPE")]]
    with pytest.raises(KeyError):
        row_by_row(texts, entities)
    with pytest.raises(KeyError):
        at_once(texts, entities)
    cut = [[(0, 3, "NOPE")]]  # cuts a token: reported, its label never looked up
    assert at_once(texts, cut) == row_by_row(texts, cut)
