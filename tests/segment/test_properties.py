"""Property tests: offsets are sacred, nothing is lost, ids are stable."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import Document
from builder.segment import Segmenter, segment_document

WORDS = st.sampled_from(
    [
        "the",
        "The",
        "Mr.",
        "U.S.",
        "Dr",
        "e.g.",
        "No.",
        "1.5",
        "9,000",
        "Kyiv",
        "i",
        "I",
        "A.",
        "co.",
        "Co.",
        "p.",
        "St.",
        "a.m.",
        "Yahoo!",
        "x@y.org",
        "https://a.b/c.d",
        "Zelenskiy",
        "café",
        "naïve",
        "東京",
        "Ωmega",
        "—",
        "-",
        "•",
        "1.",
        "2)",
        "a)",
        "(",
        ")",
        "[",
        "]",
        "'",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "...",
        "…",
        ". . .",
        "!",
        "?",
        "?!",
        ".",
        ",",
        ";",
        ":",
        ":)",
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "  ", "\t", "\u00a0"])
TEXTS = st.lists(st.tuples(WORDS, SEPARATORS), max_size=60).map(
    lambda parts: "".join(w + s for w, s in parts)
)
ALNUM = re.compile(r"[^\W_]")


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    prev_end = 0
    for start, end in spans:
        piece = text[start:end]
        assert prev_end <= start < end <= len(text)
        assert piece == piece.strip() and piece, "sentences are trimmed and non-empty"
        assert "\n" not in piece, "a line break always ends a sentence"
        assert ALNUM.search(piece), "a sentence has content"
        prev_end = end


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_spans_are_ordered_trimmed_and_exact(text: str) -> None:
    check_spans(text, list(Segmenter().spans(text)))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_no_content_is_lost_when_markers_are_kept(text: str) -> None:
    spans = list(Segmenter(keep_list_markers=True).spans(text))
    check_spans(text, spans)
    covered = bytearray(len(text))
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    lost = [m.group() for m in ALNUM.finditer(text) if not covered[m.start()]]
    assert not lost, f"characters outside every sentence: {lost}"


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_segmentation_is_deterministic(text: str) -> None:
    assert list(Segmenter().spans(text)) == list(Segmenter().spans(text))


PARAGRAPHS = st.lists(
    st.sampled_from(
        [
            "Talks resumed on Monday.",
            "The U.N. said 9,000 fled.",
            "Mr. Hale spoke. He left.",
            '"We won," she said.',
            "Prices rose 4.5% in May.",
            "Rain fell... then it stopped.",
        ]
    ),
    min_size=1,
    max_size=5,
).map(" ".join)


def _tail_ids(head: str, tail: str) -> list[tuple[str, str]]:
    """(text, id) of the sentences of ``tail`` in the document ``head`` + ``tail``."""
    doc = Document("d", "", f"{head}\n\n{tail}", "", "")
    return [(s.text, s.id) for s in segment_document(doc) if s.start > len(head)]


def _texts(paragraph: str) -> set[str]:
    return {s.text for s in segment_document(Document("d", "", paragraph, "", ""))}


@settings(max_examples=200, deadline=None)
@given(PARAGRAPHS, PARAGRAPHS, PARAGRAPHS)
def test_ids_survive_edits_elsewhere(first: str, edited: str, last: str) -> None:
    shared = _texts(last) & (_texts(first) | _texts(edited))
    if not shared:  # a repeated sentence's id counts its earlier occurrences, by design
        assert _tail_ids(first, last) == _tail_ids(edited, last)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_ids_are_unique_within_a_document(text: str) -> None:
    sents = list(segment_document(Document("doc", "", text, "", "")))
    assert len({s.id for s in sents}) == len(sents)
    assert [s.index for s in sents] == list(range(len(sents)))
    assert all(text[s.start : s.end] == s.text for s in sents)
