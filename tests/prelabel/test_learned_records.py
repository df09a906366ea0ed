"""A token's records joined from its kind's and its word's (``EncodedFeaturizer._parts``),
through the model's table of known strings or its ``records``, against its own strings
encoded."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.learned.encoded import EncodedFeaturizer
from builder.prelabel.learned.features import Featurizer
from builder.prelabel.learned.native import RECORD

from .test_learned_encoded import CASING, WORDS, Every


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
