"""The learned models as more named, versioned voters among the heuristics.

Each runs after the heuristics on each sentence (last in the set) and reads their votes from
``DocContext.votes``: they are features of the model. Their votes are stored with the others
(provenance: `heuristics report` and `eval` score them by their names, ``crf_entities`` and
``crf_claims``), and the pre-labels' ``model_version`` gains ``+crf-<first 12 hex digits of the
model file's SHA-256>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.model import Sentence, Vote
from builder.prelabel.learned.artefact import Artefact, read_artefact
from builder.prelabel.learned.claim_tagger import ClaimTagger
from builder.prelabel.learned.tagger import EntityTagger
from builder.prelabel.lf import DocContext, LabelingFunction

NAME = "crf_entities"
CLAIMS_NAME = "crf_claims"


@dataclass(frozen=True)
class ClaimsMember:
    lf: LabelingFunction
    use: str  # votes (its claims join the heuristics' at its prior), advisory (stored)
    tagger: ClaimTagger


@dataclass(frozen=True)
class LearnedVoter:
    lf: LabelingFunction
    use: str  # decides (its entities are the layer), votes (at its prior), advisory (stored)
    version: str  # "crf-" and 12 hex digits of the file's hash
    tagger: EntityTagger  # what ``lf`` calls (bench/learned_speed.py times it alone)
    claims: ClaimsMember | None = None  # the claim model, where the file holds one

    def members(self) -> list[tuple[LabelingFunction, str]]:
        """Each model's heuristic and use: the entity model's, then the claim model's."""
        out = [(self.lf, self.use)]
        if self.claims is not None:
            out.append((self.claims.lf, self.claims.use))
        return out


_LOADED: dict[str, LearnedVoter] = {}


def load_voter(path: Path) -> LearnedVoter:
    """The voter of the model in ``path`` (E206 when it is not one); a model already loaded
    in this process (the same bytes) is not loaded again."""
    artefact = read_artefact(path)
    digest = artefact.digest
    if digest not in _LOADED:
        _LOADED.clear()  # one model at a time: a process pre-labels with one
        _LOADED[digest] = voter_of(artefact)
    return _LOADED[digest]


def voter_of(artefact: Artefact) -> LearnedVoter:
    tagger = EntityTagger(artefact.crf, artefact.casing, NAME)

    def vote(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
        return tagger.votes(sentence.text, ctx.votes)

    header = artefact.header
    lf = LabelingFunction(
        NAME,
        1,
        "entities",
        vote,
        f"entity CRF trained by `builder learn` on {header.get('sentences', 0)} sentences",
        float(header.get("prior", 0.5)),
    )
    return LearnedVoter(
        lf, str(header["use"]), f"crf-{artefact.digest[:12]}", tagger, claims_member(artefact)
    )


def claims_member(artefact: Artefact) -> ClaimsMember | None:
    if not artefact.claims:
        return None
    header = artefact.header["claims"]
    tagger = ClaimTagger(artefact.claims, CLAIMS_NAME, header.get("cue_words", ()))
    return ClaimsMember(claims_lf(tagger, header), str(header["use"]), tagger)


def claims_lf(tagger: ClaimTagger, header: Mapping[str, object]) -> LabelingFunction:
    """The claim model as a named heuristic of the claims layer (it reads the others' votes)."""

    def vote(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
        return tagger.votes(sentence.text, ctx.votes)

    description = f"claim CRF trained by `builder learn` on {header.get('sentences', 0)} sentences"
    return LabelingFunction(
        CLAIMS_NAME, 1, "claims", vote, description, float(str(header.get("prior", 0.4)))
    )
