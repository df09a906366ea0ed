"""The claim sequence model at work: one sentence's tokens in, claim votes out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from builder.model import ClaimVote, Span, Vote
from builder.prelabel.learned.claim_features import attributions, features, quoted, vote_parts
from builder.prelabel.learned.tagger import open_tagger
from builder.segment.tokenizer import split_tokens


class ClaimTagger:
    """A trained claim CRF (CRFsuite bytes) and the words it learned as cues.

    The model tags a sentence only where one of those words occurs (``claim_model.gate_words``:
    words mostly tagged as cues where they stand): a word the model never saw as a cue it
    hardly tags as one, and the gate spares the tagging of some two sentences in five of
    corpus/bbc. On PolNeAR the gate changes no figure (bench/learned_claims.py)."""

    def __init__(
        self, crf: bytes, name: str, cue_words: Iterable[str], native: bool = True
    ) -> None:
        self.name = name
        self.crf = open_tagger(crf, native)
        self.cue_words = frozenset(cue_words)
        self._labels = list(self.crf.labels)

    def votes(self, text: str, votes: Mapping[str, Sequence[Vote]]) -> list[ClaimVote]:
        """The claims the model tags in ``text`` that the heuristics' ``votes`` on it miss
        (no claim vote's cue or content overlaps their cue), each scored by the marginal
        probability of its cue's first tag; ``direct`` when the whole content stands inside
        quotation marks.

        Only what they miss: where a heuristic found a claim, its reading of it stood better
        on PolNeAR than the model's or a merge of the two (bench/learned_claims.py)."""
        spans, tokens = split_tokens(text)
        if self.cue_words.isdisjoint([t.lower() for t in tokens]):
            return []
        voted, names = vote_parts(spans, votes, self.name)
        crf = self.crf
        rows = [crf.records(row) for row in features(tokens, voted, names)]
        ids = crf.tag(rows)
        found = [
            claim
            for claim in attributions([self._labels[i] for i in ids])
            if not _heard(claim[0], spans, votes, self.name)
        ]
        if not found:
            return []
        firsts = [cue[0] for cue, _, _ in found]
        scores = crf.marginals([ids[i] for i in firsts], firsts)
        inside = quoted(tokens)

        def span(run: tuple[int, int]) -> Span:
            return Span(spans[run[0]][0], spans[run[1]][1])

        return [
            ClaimVote(
                span(content),
                None if source is None else span(source),
                span(cue),
                all(inside[content[0] : content[1] + 1]),
                round(score, 4),
                self.name,
            )
            for (cue, source, content), score in zip(found, scores, strict=True)
        ]


def _heard(
    cue: tuple[int, int],
    spans: Sequence[tuple[int, int]],
    votes: Mapping[str, Sequence[Vote]],
    skip: str,
) -> bool:
    """Whether some heuristic's claim vote (``skip``'s left out) has a cue or content that
    overlaps the cue of tokens ``cue``."""
    start, end = spans[cue[0]][0], spans[cue[1]][1]
    for name, vs in votes.items():
        if name == skip:
            continue
        for v in vs:
            if isinstance(v, ClaimVote) and any(
                part is not None and part.start < end and start < part.end
                for part in (v.cue, v.claim)
            ):
                return True
    return False
