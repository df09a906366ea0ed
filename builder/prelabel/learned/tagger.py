"""The entity sequence model at work: one sentence's tokens in, entity votes out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from builder.model import EntityVote, Vote
from builder.prelabel.learned.features import Featurizer, entities_of, vote_features
from builder.segment.tokenizer import split_tokens


class EntityTagger:
    """A trained CRF (CRFsuite bytes) and the casing table its features read."""

    def __init__(self, crf: bytes, casing: Mapping[str, str], name: str) -> None:
        import pycrfsuite

        self.name = name
        self.featurizer = Featurizer(casing)
        self._crf = crf  # CRFsuite reads the model from this buffer: it must stay alive
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(crf)

    def votes(self, text: str, votes: Mapping[str, Sequence[Vote]]) -> list[EntityVote]:
        """The entities the model tags in ``text``, given the heuristics' ``votes`` on it;
        each scored by the marginal probability of its first tag."""
        spans, tokens = split_tokens(text)
        if not tokens:
            return []
        rows, masked = vote_features(spans, votes)
        tagger = self._tagger
        tags = tagger.tag(self.featurizer.sentence(tokens, rows, masked))
        found = entities_of(tags, spans)
        if not found:
            return []
        first = {s: i for i, (s, _) in enumerate(spans)}
        return [
            EntityVote(
                start,
                end,
                label,
                round(tagger.marginal(tags[first[start]], first[start]), 4),
                self.name,
            )
            for start, end, label in found
        ]
