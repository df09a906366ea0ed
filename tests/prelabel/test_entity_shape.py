"""The tenth session's entity pass (issue 14): the sentiment scorer's tokens told by the entity
tokenizer's loop (``shared_tokens.py``), a chunk's cut read from ``findall``, the gazetteer's
hits as tuples, and DATE's patterns narrowed to the branches a sentence's words allow
(``numeric_dates.py``). Each against the way before, kept here."""

from __future__ import annotations

import re
from dataclasses import fields

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import EntityVote
from builder.prelabel import shared_tokens
from builder.prelabel.entities import chunk_tokens, gazetteer, numeric
from builder.prelabel.entities.entity_votes import FIELDS, entity_vote
from builder.prelabel.entities.lexicon import NUMBERS, words
from builder.prelabel.entities.numeric_dates import date_branches, narrowed
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.sentiment.scorer import analyse
from builder.prelabel.sentiment.words import TOKEN_RE
from tests.prelabel.test_numeric_gates import _GATED, _reference_find
from tests.text_strategies import UNUSUAL

# Chunks of every kind the two tokenizers cut differently: clitics, abbreviations, quotes,
# figures, a chunk with no scorer token ("-", "5"), letters the scorer does not take.
_PIECES = [
    *("said", "Said", "it's", "don't", "O'Brien", "rock'n'roll", "John’s", "U.S.", "e.g."),
    *('"', "“", "”", "«", "(", ")", ",", ";", ":", "-", "5", "1,200", "$5bn", "'", "’"),
    *("x", "İ", "café", "\u212a", "a1b", "_", "—", "...", "war", "peace", "Monday", "may"),
    *UNUSUAL,
]
_SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "  ", "\t"])
texts = st.lists(st.tuples(st.sampled_from(_PIECES), _SEPARATORS), max_size=14).map(
    lambda drawn: "".join(w + sep for w, sep in drawn).strip()
)


@settings(max_examples=400)
@given(texts, texts)
def test_scorer_tokens_told_by_the_entity_loop(text: str, other: str) -> None:
    chunk_tokens.columns(text)
    assert shared_tokens.sentiment_tokens(text) == TOKEN_RE.findall(text)
    # another text than the loop's last: scanned
    assert shared_tokens.sentiment_tokens(text + " x") == TOKEN_RE.findall(text + " x")
    chunk_tokens.columns(other)
    assert shared_tokens.sentiment_tokens(text) == TOKEN_RE.findall(text)


def test_the_scorer_reads_the_told_tokens() -> None:
    text = 'Critics said the "peace plan" was a failure, and (it\'s true) 5 people died.'
    alone = analyse.__wrapped__(text)
    chunk_tokens.columns(text)
    assert shared_tokens.sentiment_tokens(text) == TOKEN_RE.findall(text)
    assert analyse.__wrapped__(text) == alone


def _cut_before(chunk: str) -> tuple[tuple[int, int, str, bool], ...]:
    """``chunk_tokens._cut`` before this pass: a match object a token."""
    return tuple(
        (m.start(), m.end(), m.group(), chunk_tokens.is_cap(m.group()))
        for m in chunk_tokens._TOKEN.finditer(chunk)
    )


@settings(max_examples=400)
@given(texts)
def test_a_cut_from_findall_is_the_cut_from_finditer(text: str) -> None:
    for chunk in text.split():
        assert chunk_tokens._cut(chunk) == _cut_before(chunk)


def _find_before(text: str) -> list[tuple[int, int, str]]:
    """The gazetteer's hits found the slow way: every key of its table looked for in the
    lower-cased text (``str.find``, overlaps too), kept on word boundaries in a known form,
    then the leftmost-longest, as ``find`` chose them before this pass."""
    low = gazetteer._lower(text)
    hits: list[tuple[int, int, str]] = []
    for key, (length, label, forms) in gazetteer._automaton().items():
        start = low.find(key)
        while start >= 0:
            end = start + length
            alone = (start == 0 or not text[start - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            )
            if alone and text[start:end] in forms:
                hits.append((start, end, label))
            start = low.find(key, start + 1)
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    out: list[tuple[int, int, str]] = []
    for hit in hits:
        if not out or hit[0] >= out[-1][1]:
            out.append(hit)
    return out


_PLACES = st.sampled_from(
    [
        *("New York", "York", "New York City", "Bosnia and Herzegovina", "Bosnia", "Paris"),
        *("PARIS", "paris", "Ukrainian", "World Cup", "Kremlin", "Guinea-Bissau", "Guinea"),
        *("St", "İ"),
    ]
)
_GAZ_TEXTS = st.lists(st.tuples(_PLACES | st.sampled_from(_PIECES), _SEPARATORS), max_size=10)


@settings(max_examples=150, deadline=None)
@given(_GAZ_TEXTS.map(lambda drawn: "".join(w + sep for w, sep in drawn)))
def test_gazetteer_spans_are_the_hits_before(text: str) -> None:
    assert gazetteer.spans(text) == _find_before(text)
    assert [(h.start, h.end, h.label) for h in gazetteer.find(text)] == _find_before(text)


_DATES = [
    *(w for key in ("months", "weekdays", "date_words") for w in words(NUMBERS, key)),
    *(w for key in ("date_units", "date_modifiers", "number_words") for w in words(NUMBERS, key)),
    *("ago", "earlier", "later", "the", "in", "In", "of", "a", "an", "A", "may", "May", "Last"),
    *("1990s", "2014", "1996-08-30", "3", "22nd", "77-year-old", "years", "x1,5", "days"),
]
_DATE_TEXTS = st.lists(st.tuples(st.sampled_from(_DATES), _SEPARATORS), max_size=10).map(
    lambda drawn: "".join(w + sep for w, sep in drawn)
)


@settings(max_examples=500)
@given(_DATE_TEXTS | _GATED)
def test_narrowed_dates_find_what_the_whole_patterns_find(text: str) -> None:
    assert numeric.find(text) == _reference_find(text)


@settings(max_examples=300)
@given(_DATE_TEXTS)
def test_a_branch_whose_words_are_missing_has_no_match(text: str) -> None:
    """What the narrowing rests on: each branch matches only where its words are."""
    present = lower_words(text)
    for branches in date_branches():
        for source, *_, needs in branches:
            if any(present.isdisjoint(need) for need in needs):
                assert re.search(source, text) is None, source


def test_every_set_of_needs_has_its_pattern() -> None:
    """The whole pattern where every need is met; none where no branch is left."""
    whole = {("DATE", k): p for k, (p, _) in enumerate(numeric._patterns()["DATE"])}
    for key, narrow in narrowed().items():
        variant = narrow.variants[(True,) * len(narrow.kinds)]
        assert variant is not None and variant[0].pattern == whole[key].pattern
    assert len(narrowed()["DATE", 0].variants) == 2  # the months, or not
    assert narrowed()["DATE", 1].variants[(False,) * 4] is None


@given(
    st.integers(0, 500),
    st.integers(0, 500),
    st.sampled_from(["ORG", "PERSON", "GPE"]),
    st.floats(0, 1),
    st.text(max_size=12),
)
def test_an_entity_vote_made_from_its_slots_is_the_record(
    start: int, end: int, label: str, score: float, lf: str
) -> None:
    made = entity_vote(start, end, label, score, lf)
    record = EntityVote(start, end, label, score, lf)
    assert made == record and hash(made) == hash(record) and repr(made) == repr(record)
    assert type(made) is EntityVote


def test_the_vote_record_has_the_fields_the_maker_sets() -> None:
    """A new field or a ``__post_init__`` would be skipped by ``entity_vote``: change both."""
    assert tuple(f.name for f in fields(EntityVote)) == FIELDS
    assert not hasattr(EntityVote, "__post_init__")
