"""The advisory model tagging a document's sentences in one batch (``EntityTagger.votes_many``,
``Prelabeler.label_document``) against tagging each sentence alone (``EntityTagger.votes``),
and a token's records joined from its kind's and its word's against its own strings encoded."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import EntityVote, Sentence, Vote
from builder.prelabel import apply
from builder.prelabel.apply import Prelabeler
from builder.prelabel.learned.encoded import EncodedFeaturizer
from builder.prelabel.learned.features import Featurizer
from builder.prelabel.learned.native import RECORD
from builder.prelabel.learned.tagger import EntityTagger
from builder.prelabel.learned.voter import LearnedVoter
from builder.prelabel.lf import DocContext, LabelingFunction

from .test_learned_encoded import CASING, CORPUS, MODEL, WORDS, Every, heuristic_votes

texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=16).map(" ".join)


@st.composite
def documents(draw: st.DrawFn) -> list[tuple[str, dict[str, Sequence[Vote]]]]:
    """Sentences (empty ones among them) and entity votes on any spans of each."""
    sentences = draw(st.lists(texts | st.sampled_from(CORPUS), max_size=8))
    return [(text, draw(heuristic_votes(text))) for text in sentences]


@pytest.mark.parametrize("native", [True, False])
@settings(max_examples=60, deadline=None)
@given(document=documents())
def test_a_batch_votes_as_each_sentence_alone(
    native: bool, document: list[tuple[str, dict[str, Sequence[Vote]]]]
) -> None:
    alone = EntityTagger(MODEL, CASING, "crf", native)
    expected = [alone.votes(text, votes) for text, votes in document]
    batched = EntityTagger(MODEL, CASING, "crf", native)
    for _ in range(2):  # cold caches, then warm
        assert batched.votes_many(document) == expected
    assert alone.votes_many(document[::-1]) == expected[::-1]  # the caches filled otherwise


def capitals(sentence: Sentence, ctx: DocContext) -> list[Vote]:
    """An entity heuristic: every word that starts with a capital, an organisation."""
    out: list[Vote] = []
    at = 0
    for word in sentence.text.split(" "):
        if word[:1].isupper():
            out.append(EntityVote(at, at + len(word), "ORG", 0.6, "capitals"))
        at += len(word) + 1
    return out


def advisory_labeler() -> tuple[Prelabeler, EntityTagger]:
    tagger = EntityTagger(MODEL, CASING, "crf_entities")

    def vote(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
        return tagger.votes(sentence.text, ctx.votes)

    lf = LabelingFunction("crf_entities", 1, "entities", vote, "the model", 0.5)
    heuristic = LabelingFunction("capitals", 1, "entities", capitals, "capitals", 0.6)
    voter = LearnedVoter(lf, "advisory", "crf-000000000000", tagger)
    return Prelabeler([heuristic], voter), EntityTagger(MODEL, CASING, "crf_entities")


def document_of(texts: Iterable[str]) -> list[Sentence]:
    return [Sentence(f"{i:016x}", "doc", i, 0, len(t), t) for i, t in enumerate(texts)]


@pytest.mark.parametrize("cap", [1, 3, 128])
def test_a_document_longer_than_a_batch(cap: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sentence, in order, with the model's votes stored last (what it votes alone on
    the heuristics' votes) and the same pre-label as without the model, whether the document
    is tagged in one batch or in several (``ADVISED_SENTENCES``, and ``ADVISED_CHARS`` by the
    long sentence)."""
    monkeypatch.setattr(apply, "ADVISED_SENTENCES", cap)
    labeler, alone = advisory_labeler()
    long = " ".join(CORPUS * 200)  # over ADVISED_CHARS alone
    sentences = document_of([*CORPUS, long, *CORPUS, ""])
    without = Prelabeler(labeler.lfs[:1])
    expected = list(without.label_document(sentences))
    labelled = list(labeler.label_document(sentences))
    assert [item.sentence for item in labelled] == sentences
    for item, plain in zip(labelled, expected, strict=True):
        *heuristics, last = item.votes
        assert heuristics == ["capitals"] and last == "crf_entities"
        assert item.votes["crf_entities"] == alone.votes(item.sentence.text, plain.votes)
        assert item.prediction == {**plain.prediction, "model_version": labeler.model_version}
    assert any(item.votes["crf_entities"] for item in labelled)  # not vacuous


class Known:
    """Records of a model that knows some strings only (``NativeTagger``'s contract: an unknown
    string has no records, one with a NUL is read up to it)."""

    def __init__(self, strings: Iterable[str]) -> None:
        self.known = {s: RECORD.pack(i, 1.0) for i, s in enumerate(sorted(set(strings)))}
        self.names = {record: s for s, record in self.known.items()}

    def records(self, attributes: Iterable[str]) -> bytes:
        return b"".join([self.known.get(a.partition("\0")[0], b"") for a in attributes])

    def decode(self, rows: Sequence[bytes]) -> list[list[str]]:
        return [[self.names[row[i : i + 16]] for i in range(0, len(row), 16)] for row in rows]


tokens = st.lists(
    st.sampled_from(WORDS)
    | st.text(min_size=1, max_size=5)
    | st.from_regex(r"[A-Za-z0-9]{1,6}", fullmatch=True),
    max_size=12,
)


@settings(max_examples=200)
@given(tokens, st.data())
def test_a_tokens_records_are_those_of_its_strings(tokens: list[str], data: st.DataObject) -> None:
    """Through the model's table of known strings (looked up one by one) or its ``records``,
    cold or cached: the plain path's strings that the model knows, in their order."""
    masked = data.draw(st.lists(st.booleans(), min_size=len(tokens), max_size=len(tokens)))
    expected = Featurizer(CASING).sentence(tokens, [[] for _ in tokens], masked)
    strings = [s for row in expected for s in row]
    model = Known(data.draw(st.lists(st.sampled_from(strings), unique=True)) if strings else [])
    known = [[s for s in row if s.partition("\0")[0] in model.known] for row in expected]
    votes = [b""] * len(tokens)
    for table in (model.known, None):
        featurizer = EncodedFeaturizer(CASING, model.records, table)
        for _ in range(2):
            rows = model.decode(featurizer.sentence(tokens, votes, masked))
            assert rows == [[s.partition("\0")[0] for s in row] for row in known]
    every = Every()
    assert (
        every.decode(EncodedFeaturizer(CASING, every.records).sentence(tokens, votes, masked))
        == expected
    )
