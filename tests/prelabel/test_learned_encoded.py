"""The learned tagger's fast path (``learned/encoded.py``, ``learned/native.py``) against the
plain one it replaces: the same feature strings in the same order (as records), and so the same
entity votes, tags and marginals from a real CRFsuite model, whatever the tokens, votes and
cache state, through CRFsuite's C API or python-crfsuite's tagger."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.learn.sequence import Example, train
from builder.model import EntityVote, LabelVote, Sentence, Vote
from builder.prelabel.learned import encoded
from builder.prelabel.learned.casing import casing_table
from builder.prelabel.learned.encoded import EncodedFeaturizer
from builder.prelabel.learned.features import (
    Featurizer,
    LabelTable,
    entities_of,
    entity_runs,
    label_runs,
    vote_features,
)
from builder.prelabel.learned.native import RECORD
from builder.prelabel.learned.tagger import EntityTagger
from builder.segment.tokenizer import split_tokens

WORDS: tuple[str, ...] = (
    "Zorbex",
    "Quillon",
    "said",
    "shares",
    "of",
    "the",
    "The",
    "rose",
    "3%",
    "U.S.",
    "1996",
)
WORDS += ("Zürich", "on", "Tuesday", "BBC", "n't", "O'Brien", "-", ",", ".", '"', "x" * 70)
CORPUS = [
    "Shares of Zorbex rose 3% on Tuesday.",
    "Quillon said on Monday it would cut 200 jobs.",
    "The board of Zorbex met in London.",
    "Investors sold Quillon after the results.",
    "The BBC said the U.S. market fell.",
]
CASING = casing_table(CORPUS * 3)
LABELS = ("ORG", "GPE", "PERSON", "DATE")


class Every:
    """Records for every string (an id each, as python-crfsuite's stand-in gives them), and
    the strings back from records."""

    def __init__(self) -> None:
        self.strings: list[bytes] = []

    def records(self, attributes: Iterable[str]) -> bytes:
        out = b""
        for attribute in attributes:
            self.strings.append(attribute.encode())
            out += RECORD.pack(len(self.strings) - 1, 1.0)
        return out

    def decode(self, rows: Sequence[bytes]) -> list[list[str]]:
        return [[self.strings[a].decode() for a, _ in RECORD.iter_unpack(row)] for row in rows]


vote_rows = st.lists(
    st.tuples(st.sampled_from(("loud", "gaz")), st.sampled_from(LABELS), st.booleans()),
    max_size=2,
)


@given(st.lists(st.sampled_from(WORDS) | st.text(min_size=1, max_size=5), max_size=14), st.data())
def test_the_rows_are_the_plain_rows_encoded(tokens: list[str], data: st.DataObject) -> None:
    masked = data.draw(st.lists(st.booleans(), min_size=len(tokens), max_size=len(tokens)))
    votes = [data.draw(vote_rows) for _ in tokens]
    every = Every()
    featurizer = EncodedFeaturizer(CASING, every.records)
    plain: list[list[str]] = []
    fast: list[bytes] = []
    for row in votes:
        plain.append([s for name, label, first in row for s in _strings(name, label, first)])
        fast.append(featurizer.records(plain[-1]))
    expected = Featurizer(CASING).sentence(tokens, plain, masked)
    assert every.decode(featurizer.sentence(tokens, fast, masked)) == expected
    assert every.decode(featurizer.sentence(tokens, fast, masked)) == expected  # from caches


def _strings(name: str, label: str, first: bool) -> list[str]:
    begin = [f"v=B-{label}", f"lf={name}:{label}"]
    return begin if first else [f"v=I-{label}", f"lf={name}:{label}"]


TEXT = 'Shares of Zorbex rose 3% on Tuesday, the BBC said: "Quillon sold."'


@st.composite
def heuristic_votes(draw: st.DrawFn, text: str = TEXT) -> dict[str, Sequence[Vote]]:
    """Entity votes on token-aligned spans or not, and a vote of another layer."""
    votes: dict[str, Sequence[Vote]] = {"mood": [LabelVote("negative", 0.6, "mood")]}
    for name in draw(st.lists(st.sampled_from(("loud", "gaz", "ctx")), unique=True)):
        spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 12)), max_size=3))
        votes[name] = [
            EntityVote(s, min(len(text), s + k), draw(st.sampled_from(LABELS)), 0.9, name)
            for s, k in spans
        ]
    return votes


@given(heuristic_votes())
def test_the_vote_features_are_the_plain_ones_encoded(votes: dict[str, Sequence[Vote]]) -> None:
    spans, tokens = split_tokens(TEXT)
    rows, masked = vote_features(spans, votes)
    every = Every()
    ends = [e for _, e in spans]
    fast_rows, fast_masked = EncodedFeaturizer(CASING, every.records).vote_rows(ends, tokens, votes)
    assert (every.decode(fast_rows), fast_masked) == (rows, masked)


@given(heuristic_votes())
def test_a_vote_marks_the_tokens_it_spans_exactly(votes: dict[str, Sequence[Vote]]) -> None:
    """A vote counts when a token starts where it starts and one ends where it ends; it marks
    the tokens from the one to the other."""
    spans, _ = split_tokens(TEXT)
    expected = [False] * len(spans)
    for vs in votes.values():
        for v in vs:
            if isinstance(v, EntityVote):
                first = [i for i, (s, _) in enumerate(spans) if s == v.start]
                last = [i for i, (_, e) in enumerate(spans) if e == v.end]
                if first and last:
                    expected[first[0]] = True
                    expected[first[0] + 1 : last[0] + 1] = [True] * (last[0] - first[0])
    assert vote_features(spans, votes)[1] == expected


def reference_runs(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``entity_runs`` as it was written first: a walk over every tag."""
    out: list[tuple[int, int, str]] = []
    open_at, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if open_at >= 0 and (tag == "O" or tag.startswith("B-") or tag[2:] != label):
            out.append((open_at, i - 1, label))
            open_at = -1
        if tag != "O" and open_at < 0:
            open_at, label = i, tag[2:]
    return out


TAGS = ("O", "B-ORG", "I-ORG", "B-GPE", "I-GPE", "I-DATE", "X")


@given(st.lists(st.sampled_from(TAGS), max_size=16), st.permutations(TAGS))
def test_the_runs_of_tag_ids_are_the_runs_of_the_tags(tags: list[str], order: list[str]) -> None:
    """Whatever ids the model gives its labels (``O`` among them or not)."""
    expected = reference_runs(tags)
    assert entity_runs(tags) == expected
    ids = [order.index(t) for t in tags]
    assert label_runs(ids, LabelTable.of(order)) == expected
    without_o = [t for t in order if t != "O"]
    if "O" not in tags:
        assert label_runs([without_o.index(t) for t in tags], LabelTable.of(without_o)) == expected


def train_model(iterations: int = 15) -> bytes:
    examples = []
    for i, text in enumerate(CORPUS * 4):
        name = next((n for n in ("Zorbex", "Quillon", "BBC") if n in text), "")
        entity = {"start": text.find(name), "end": text.find(name) + len(name), "label": "ORG"}
        start = text.find("Tuesday")
        date = [{"start": start, "end": start + 7, "label": "DATE"}] if start >= 0 else []
        sentence = Sentence(f"{i:016x}", f"doc{i}", 0, 0, len(text), text)
        votes: dict[str, Sequence[Vote]] = {"gaz": [EntityVote(0, 6, "ORG", 0.9, "gaz")]}
        examples.append(Example(sentence, votes if i % 3 else {}, [entity, *date]))
    return train(examples, CASING, iterations=iterations)[0]


MODEL = train_model()


def plain_votes(crf: bytes, text: str, votes: Mapping[str, Sequence[Vote]]) -> list[EntityVote]:
    """The tagger as it was: str features from ``Featurizer``, offsets back to token indices."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(crf)
    spans, tokens = split_tokens(text)
    if not tokens:
        return []
    rows, masked = vote_features(spans, votes)
    tags = tagger.tag(Featurizer(CASING).sentence(tokens, rows, masked))
    first = {s: i for i, (s, _) in enumerate(spans)}
    return [
        EntityVote(s, e, label, round(tagger.marginal(tags[first[s]], first[s]), 4), "crf")
        for s, e, label in entities_of(tags, spans)
    ]


texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=20).map(" ".join)


@pytest.mark.parametrize("native", [True, False])
@settings(max_examples=60, deadline=None)
@given(text=texts | st.sampled_from(CORPUS), votes=heuristic_votes())
def test_the_tagger_votes_as_the_plain_path(
    native: bool, text: str, votes: dict[str, Sequence[Vote]]
) -> None:
    tagger = EntityTagger(MODEL, CASING, "crf", native)
    for _ in range(2):  # cold caches, then warm
        assert tagger.votes(text, votes) == plain_votes(MODEL, text, votes)


@pytest.mark.parametrize("text", CORPUS)
def test_a_full_token_cache_changes_nothing(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoded, "_CACHE_MAX", 0)  # every token encoded again, none kept
    tagger = EntityTagger(MODEL, CASING, "crf")
    assert tagger.votes(text, {}) == plain_votes(MODEL, text, {})
    assert tagger.featurizer.lists("Zorbex", False) == tagger.featurizer.lists("Zorbex", False)
    assert not tagger.featurizer._plain and not tagger.featurizer._masked


def test_the_model_finds_what_it_was_taught() -> None:
    """The comparison above is not vacuous: the model tags entities, with marginals."""
    found = EntityTagger(MODEL, CASING, "crf").votes(CORPUS[0], {})
    assert [(CORPUS[0][v.start : v.end], v.label) for v in found] == [
        ("Zorbex", "ORG"),
        ("Tuesday", "DATE"),
    ]
    assert all(0 < v.score <= 1 for v in found)
