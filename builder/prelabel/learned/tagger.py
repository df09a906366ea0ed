"""The entity sequence model at work: one sentence's tokens in, entity votes out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from builder.model import EntityVote, Vote
from builder.prelabel.learned.encoded import EncodedFeaturizer, vote_rows
from builder.prelabel.learned.features import entity_runs
from builder.segment.tokenizer import split_tokens


class EntityTagger:
    """A trained CRF (CRFsuite bytes) and the casing table its features read."""

    def __init__(self, crf: bytes, casing: Mapping[str, str], name: str) -> None:
        import pycrfsuite

        self.name = name
        # The training path's features (``Featurizer``), encoded once per token: see encoded.py.
        self.featurizer = EncodedFeaturizer(casing)
        self._crf = crf  # CRFsuite reads the model from this buffer: it must stay alive
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(crf)

    def votes(self, text: str, votes: Mapping[str, Sequence[Vote]]) -> list[EntityVote]:
        """The entities the model tags in ``text``, given the heuristics' ``votes`` on it;
        each scored by the marginal probability of its first tag."""
        spans, rows = self.features(text, votes)
        return self.tagged(spans, rows) if rows else []

    def features(
        self, text: str, votes: Mapping[str, Sequence[Vote]]
    ) -> tuple[list[tuple[int, int]], list[list[bytes]]]:
        """The tokens' offsets and their feature rows (the Python half of the work)."""
        spans, tokens = split_tokens(text)
        rows, masked = vote_rows(spans, votes)
        return spans, self.featurizer.sentence(tokens, rows, masked)

    def tagged(self, spans: Sequence[tuple[int, int]], rows: list[list[bytes]]) -> list[EntityVote]:
        """CRFsuite's half: the tags of the rows, and the marginals of the entities' first tags
        (a forward-backward pass, run by the first of them only: a sentence without an entity
        spares it)."""
        tagger = self._tagger
        tags = tagger.tag(rows)
        marginal, name = tagger.marginal, self.name
        return [
            EntityVote(spans[i][0], spans[j][1], label, round(marginal(tags[i], i), 4), name)
            for i, j, label in entity_runs(tags)
        ]
