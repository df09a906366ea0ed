"""BIO <-> span round trips, with Unicode, quotes, hyphens and empty sentences."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from builder.export.bio import bio_to_spans, spans_to_bio
from builder.segment.tokenizer import tokenize
from tests.text_strategies import UNUSUAL

WORDS = st.sampled_from(
    [
        "Kyiv",
        "Zelenskiy",
        "Médecins",
        "Sans",
        "Frontières",
        "東京",
        "Russia's",
        "Ukraine-Russia",
        "“Peace”",
        "'quoted'",
        "U.S.",
        "1.5",
        "9,000",
        "—",
        "don't",
        "O'Brien",
        "e-mail",
        "naïve",
        *UNUSUAL,
    ]
)
TEXTS = st.lists(WORDS, max_size=12).map(" ".join)
LABELS = st.sampled_from(["PERSON", "GPE", "ORG"])


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.data())
def test_aligned_spans_round_trip(text: str, data: st.DataObject) -> None:
    tokens = list(tokenize(text))
    # Pick non-overlapping token ranges and turn them into character spans.
    spans = []
    i = 0
    while i < len(tokens):
        if data.draw(st.booleans()):
            j = data.draw(st.integers(i, min(len(tokens) - 1, i + 3)))
            spans.append((tokens[i].start, tokens[j].end, data.draw(LABELS)))
            i = j + 1
        i += 1
    tags, problems = spans_to_bio("s", text, tokens, spans)
    assert problems == []
    assert len(tags) == len(tokens)
    assert bio_to_spans(tokens, tags) == sorted(spans)
    for start, end, _ in bio_to_spans(tokens, tags):
        assert text[start:end] == text[start:end].strip()


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 80), st.integers(1, 20), LABELS)
def test_every_span_is_tagged_or_reported(text: str, start: int, length: int, label: str) -> None:
    assume(start < len(text))
    end = min(len(text), start + length)
    assume(start < end)
    tokens = list(tokenize(text))
    tags, problems = spans_to_bio("s", text, tokens, [(start, end, label)])
    tagged = bio_to_spans(tokens, tags)
    assert (tagged == [(start, end, label)]) != bool(problems), "exactly one of tagged or reported"
    for p in problems:
        assert p.text == text[p.start : p.end]
        assert "sentence s" in str(p)


def test_misalignment_reasons() -> None:
    text = "Ukraine-Russia talks"
    tokens = list(tokenize(text))
    tags, problems = spans_to_bio(
        "s1", text, tokens, [(0, 7, "GPE"), (0, 3, "GPE"), (2, 9, "ORG"), (15, 40, "X")]
    )
    assert tags == ["B-GPE", "O", "O", "O"]
    assert [(p.text, p.reason) for p in problems] == [
        ("Ukr", "cuts a token"),
        ("raine-R", "cuts a token"),
        ("talks", "outside the text"),
    ]
    _, overlap = spans_to_bio("s2", text, tokens, [(0, 14, "EVENT"), (8, 14, "GPE")])
    assert [p.reason for p in overlap] == ["overlaps another span"]


def test_empty_sentence() -> None:
    assert spans_to_bio("s", "", [], []) == ([], [])
    assert bio_to_spans([], []) == []
