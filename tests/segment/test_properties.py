"""Property tests: offsets are sacred, nothing is lost, ids are stable."""

from __future__ import annotations

import re

from hypothesis import event, given, settings, target
from hypothesis import strategies as st

from builder.model import Document
from builder.segment import Segmenter, segment_document
from tests.text_strategies import ASTRAL, COMBINING, UNUSUAL, long_lists

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
        *UNUSUAL,
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "  ", "\t", "\u00a0"])
TEXTS = st.lists(st.tuples(WORDS, SEPARATORS), max_size=60).map(
    lambda parts: "".join(w + s for w, s in parts)
)
# Hundreds to thousands of characters: longer than any window or look-behind of the segmenter.
LONG_TEXTS = long_lists(st.tuples(WORDS, SEPARATORS).map("".join))
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
    check_nothing_lost(text, spans)


def check_nothing_lost(text: str, spans: list[tuple[int, int]]) -> None:
    covered = bytearray(len(text))
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    lost = [m.group() for m in ALNUM.finditer(text) if not covered[m.start()]]
    assert not lost, f"characters outside every sentence: {lost}"


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_segmentation_is_deterministic(text: str) -> None:
    assert list(Segmenter().spans(text)) == list(Segmenter().spans(text))


HEAD = [
    "Talks resumed on Monday.",
    "The U.N. said 9,000 fled.",
    "Mr. Hale spoke. He left.",
    '"We won," she said.',
    "Prices rose 4.5% in May.",
    "Rain fell... then it stopped.",
    f"The {ASTRAL[1]} came at 9.40 a.m. and left.",
]
# Sentences of the tail, none of which is a sentence of the head: a repeated sentence's id
# counts its earlier occurrences (by design), so a tail sharing one would be another test.
TAIL = [
    f"Crews reached {ASTRAL[4]} Bay at noon.",
    f"The mayor {ASTRAL[2]} waved. Nobody answered.",
    "Rates fell 0.25% in June.",
    f'"Not now," said {COMBINING[1]}.',
    "Ferries resumed at 6 a.m. on Friday.",
    f"東京 reopened its port {ASTRAL[3]}.",
]
TAILS = st.lists(st.sampled_from(TAIL), min_size=1, max_size=5).map(" ".join)


@st.composite
def edited_heads(draw: st.DrawFn) -> tuple[str, str]:
    """A head paragraph and the same paragraph with one sentence inserted, deleted or replaced
    by another."""
    first = draw(st.lists(st.sampled_from(HEAD), min_size=1, max_size=5))
    edited = list(first)
    at = draw(st.integers(0, len(first) - 1))
    edit = draw(st.sampled_from(["insert", "delete", "replace"]))
    if edit == "insert" or (edit == "delete" and len(first) == 1):
        edited.insert(draw(st.integers(0, len(first))), draw(st.sampled_from(HEAD)))
    elif edit == "delete":
        del edited[at]
    else:
        edited[at] = draw(st.sampled_from([h for h in HEAD if h != first[at]]))
    return " ".join(first), " ".join(edited)


def _tail_ids(head: str, tail: str) -> list[tuple[str, str]]:
    """(text, id) of the sentences of ``tail`` in the document ``head`` + ``tail``."""
    doc = Document("d", "", f"{head}\n\n{tail}", "", "")
    return [(s.text, s.id) for s in segment_document(doc) if s.start > len(head)]


def _texts(paragraph: str) -> set[str]:
    return {s.text for s in segment_document(Document("d", "", paragraph, "", ""))}


def test_head_and_tail_sentences_are_apart() -> None:
    heads = set().union(*(_texts(h) for h in HEAD))
    assert heads.isdisjoint(set().union(*(_texts(t) for t in TAIL)))


@settings(max_examples=200, deadline=None)
@given(edited_heads(), TAILS)
def test_ids_survive_edits_elsewhere(heads: tuple[str, str], last: str) -> None:
    first, edited = heads
    shared = _texts(last) & (_texts(first) | _texts(edited))
    event("ids compared" if not shared else "skipped: a sentence repeated")
    event("the head was edited" if first != edited else "the head is unchanged")
    if not shared:  # a repeated sentence's id counts its earlier occurrences, by design
        assert _tail_ids(first, last) == _tail_ids(edited, last)


@settings(max_examples=60, deadline=None)
@given(LONG_TEXTS)
def test_long_texts_keep_every_invariant(text: str) -> None:
    target(float(len(text)), label="characters")
    spans = list(Segmenter(keep_list_markers=True).spans(text))
    check_spans(text, spans)
    check_nothing_lost(text, spans)
    sents = list(segment_document(Document("doc", "", text, "", "")))
    assert all(text[s.start : s.end] == s.text for s in sents)
    assert len({s.id for s in sents}) == len(sents)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_ids_are_unique_within_a_document(text: str) -> None:
    sents = list(segment_document(Document("doc", "", text, "", "")))
    assert len({s.id for s in sents}) == len(sents)
    assert [s.index for s in sents] == list(range(len(sents)))
    assert all(text[s.start : s.end] == s.text for s in sents)
