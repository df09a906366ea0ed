"""The learned entity model as one more named, versioned voter among the heuristics.

It runs after the heuristics on each sentence (last in the set) and reads their votes from
``DocContext.votes``: they are features of the model. Its votes are stored with the others
(provenance: `heuristics report` and `eval` score it by its name, ``crf_entities``), and the
pre-labels' ``model_version`` gains ``+crf-<first 12 hex digits of the model file's SHA-256>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.model import Sentence, Vote
from builder.prelabel.learned.artefact import Artefact, read_artefact
from builder.prelabel.learned.tagger import EntityTagger
from builder.prelabel.lf import DocContext, LabelingFunction

NAME = "crf_entities"


@dataclass(frozen=True)
class LearnedVoter:
    lf: LabelingFunction
    use: str  # decides (its entities are the layer), votes (at its prior), advisory (stored)
    version: str  # "crf-" and 12 hex digits of the file's hash
    tagger: EntityTagger  # what ``lf`` calls (bench/learned_speed.py times it alone)


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
    return LearnedVoter(lf, str(header["use"]), f"crf-{artefact.digest[:12]}", tagger)
