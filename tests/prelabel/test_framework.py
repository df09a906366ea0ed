"""The pre-label machinery with synthetic labeling functions: aggregation, context, scoring."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import ClaimVote, EntityVote, LabelVote, Sentence, Span, Vote
from builder.prelabel.aggregate import aggregate_class
from builder.prelabel.apply import Prelabeler
from builder.prelabel.entity_choice import aggregate_entities
from builder.prelabel.lf import DocContext, LabelingFunction, set_version
from builder.quality.devsets import read_gold
from builder.quality.heuristics import evaluate, summarize
from builder.schemas import first_error

CAPS = re.compile(r"\b[A-Z][a-z]+\b")


def caps_person(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return [
        EntityVote(m.start(), m.end(), "PERSON", 0.9, "caps_person")
        for m in CAPS.finditer(sentence.text)
    ]


def seen_before(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    """Votes for every surface form the document context already knows."""
    return [
        EntityVote(m.start(), m.end(), label, 1.0, "seen_before")
        for surface, label in ctx.entities.items()
        for m in re.finditer(re.escape(surface), sentence.text)
    ]


def said(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    i = sentence.text.find(" said")
    if i < 0:
        return []
    return [
        ClaimVote(
            Span(i + 6, len(sentence.text)), Span(0, i), Span(i + 1, i + 5), False, 0.8, "said"
        )
    ]


def grim(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return [LabelVote("negative", 1.0, "grim")] if "killed" in sentence.text else []


LFS = [
    LabelingFunction("caps_person", 1, "entities", caps_person, "capitalised words", 0.6),
    LabelingFunction("seen_before", 1, "entities", seen_before, "known names", 0.9),
    LabelingFunction("said", 1, "claims", said, "X said Y", 0.7),
    LabelingFunction("grim", 1, "sentiment", grim, "killed is negative", 0.8),
]


def sent(text: str, index: int = 0, doc: str = "d") -> Sentence:
    return Sentence(f"{index:016x}", doc, index, 0, len(text), text)


def test_prediction_records_match_the_schema_and_keep_provenance() -> None:
    (item,) = Prelabeler(LFS).label([sent("Anna said the bridge was killed")])
    record = item.prediction
    assert first_error("prelabels", record) is None
    assert [e["text"] for e in record["entities"]] == ["Anna"]
    assert record["entities"][0]["heuristics"] == ["caps_person"]
    claim = record["claims"][0]
    assert (claim["source"]["text"], claim["cue"]["text"], claim["claim"]["text"]) == (
        "Anna",
        "said",
        "the bridge was killed",
    )
    assert record["sentiment"] == {"label": "negative", "score": 0.8, "heuristics": ["grim"]}
    assert record["check_worthy"]["label"] == "no"
    assert record["model_version"] == set_version(LFS)


def test_document_context_carries_entities_to_later_sentences_only() -> None:
    sentences = [
        sent("Then Kyiv spoke.", 0),
        sent("later kyiv and Kyiv.", 1),
        sent("Kyiv.", 0, doc="other"),
    ]
    items = list(Prelabeler(LFS).label(sentences))
    second = [v for v in items[1].votes["seen_before"] if isinstance(v, EntityVote)]
    assert [(v.start, v.end) for v in second] == [(15, 19)]
    assert items[2].votes["seen_before"] == [], "context never leaks across documents"


def test_model_version_changes_with_any_lf_version() -> None:
    bumped = [*LFS[:-1], LabelingFunction("grim", 2, "sentiment", grim, "killed is negative", 0.8)]
    assert set_version(bumped) != set_version(LFS)
    assert re.fullmatch(r"heuristics-[0-9a-f]{12}", set_version(LFS))


def test_model_version_does_not_depend_on_where_the_data_files_sit(tmp_path: Path) -> None:
    # A repo file and a virtualenv lexicon sorted by full path swapped order between checkouts
    # and gave the same code two versions; the version must follow names and contents only.
    for place, (first, second) in {"a": ("zeta", "alpha"), "b": ("alpha", "zeta")}.items():
        for folder, name, body in ((first, "rules.yaml", b"r"), (second, "lexicon.txt", b"l")):
            (tmp_path / place / folder).mkdir(parents=True)
            (tmp_path / place / folder / name).write_bytes(body)
    places = {p: tuple(sorted((tmp_path / p).rglob("*.*"))) for p in ("a", "b")}
    by_path = {p: [f.name for f in files] for p, files in places.items()}
    assert by_path["a"] != by_path["b"], "the full paths sort the same names differently"
    lfs = {
        p: LabelingFunction("grim", 1, "sentiment", grim, "killed is negative", 0.8, files)
        for p, files in places.items()
    }
    assert set_version([*LFS[:-1], lfs["a"]]) == set_version([*LFS[:-1], lfs["b"]])


VOTES = st.lists(
    st.builds(
        lambda s, n, label, score, lf: EntityVote(s, s + n, label, score, lf),
        st.integers(0, 40),
        st.integers(1, 12),
        st.sampled_from(["PERSON", "ORG", "GPE"]),
        st.floats(0.05, 1.0),
        st.sampled_from(["a", "b", "c"]),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(VOTES)
def test_aggregated_entities_never_overlap_and_come_from_votes(votes: list[EntityVote]) -> None:
    priors = {"a": 0.9, "b": 0.5, "c": 0.2}
    result = aggregate_entities(votes, priors)
    assert result == aggregate_entities(list(reversed(votes)), priors), (
        "order of votes is irrelevant"
    )
    voted = {(v.start, v.end, v.label) for v in votes}
    for prev, cur in itertools.pairwise(result):
        assert prev.end <= cur.start
    for e in result:
        assert (e.start, e.end, e.label) in voted
        assert 0 < e.score <= 1
        assert set(e.heuristics) <= {"a", "b", "c"}


def test_agreeing_votes_outweigh_a_single_stronger_one() -> None:
    votes = [
        EntityVote(0, 5, "ORG", 0.6, "a"),
        EntityVote(0, 5, "ORG", 0.6, "b"),
        EntityVote(0, 5, "GPE", 0.7, "c"),
    ]
    (ent,) = aggregate_entities(votes, {"a": 0.7, "b": 0.7, "c": 0.7})
    assert ent.label == "ORG"
    assert ent.heuristics == ("a", "b")


def test_class_aggregation_falls_back_to_the_default() -> None:
    assert (
        aggregate_class([], {}, ("negative", "neutral", "positive"), "neutral").label == "neutral"
    )
    votes = [LabelVote("positive", 0.9, "x"), LabelVote("negative", 0.3, "y")]
    pred = aggregate_class(votes, {}, ("negative", "neutral", "positive"), "neutral")
    # share 0.45 / 0.60 = 0.75, times the chance its one voter is right (0.5 x 0.9)
    assert (pred.label, pred.score, pred.heuristics) == ("positive", 0.3375, ("x",))


@pytest.fixture
def tiny_gold(tmp_path: Path) -> Path:
    """Hand-made gold: 3 sentences, 4 gold entities, 2 gold claims, sentiment labels."""
    rows = [
        {
            "id": "g1",
            "text": "Anna met Bob in Rome",
            "entities": [
                {"start": 0, "end": 4, "label": "PERSON"},
                {"start": 9, "end": 12, "label": "PERSON"},
                {"start": 16, "end": 20, "label": "GPE"},
            ],
            "claims": [],
            "sentiment": "neutral",
        },
        {
            "id": "g2",
            "text": "Carl said two were killed",
            "entities": [{"start": 0, "end": 4, "label": "PERSON"}],
            "claims": [
                {
                    "claim": {"start": 10, "end": 25},
                    "source": {"start": 0, "end": 4},
                    "cue": {"start": 5, "end": 9},
                }
            ],
            "sentiment": "negative",
        },
        {
            "id": "g3",
            "text": "police said nothing",
            "entities": [],
            "claims": [
                {"claim": {"start": 12, "end": 19}, "source": None, "cue": {"start": 7, "end": 11}}
            ],
            "sentiment": "positive",
        },
    ]
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return path


def test_report_scores_a_tiny_gold_file_exactly(tiny_gold: Path) -> None:
    scores = evaluate(read_gold(tiny_gold, "builder"), Prelabeler(LFS))
    ents = scores["entities"]["exact"]
    # predicted PERSON: Anna, Bob, Rome (wrong label), Carl -> 3 of 4 right; gold has 4 (3 PERSON + 1 GPE)
    assert ents["micro"] == {
        "precision": 0.75,
        "recall": 0.75,
        "f1": 0.75,
        "tp": 3,
        "n_pred": 4,
        "n_gold": 4,
    }
    assert ents["GPE"]["recall"] == 0.0
    assert scores["entities"]["per_lf"]["caps_person"]["tp"] == 3
    claims = scores["claims"]
    assert claims["cue"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "tp": 2,
        "n_pred": 2,
        "n_gold": 2,
    }
    # sources: predicted "Carl" (right) and "police" (gold has none): P 1/2, R 1/1
    assert (
        claims["source"]["tp"] == 1
        and claims["source"]["n_pred"] == 2
        and claims["source"]["n_gold"] == 1
    )
    assert claims["content"]["tp"] == 2
    senti = scores["sentiment"]
    assert senti["accuracy"] == round(2 / 3, 4)
    assert senti["per_class"]["negative"]["f1"] == 1.0
    # neutral F1 2/3 (g1 right, g3 wrongly neutral), negative 1, positive 0
    assert senti["macro_f1"] == round((2 / 3 + 1 + 0) / 3, 4)


def test_summary_counts_coverage_overlaps_and_conflicts() -> None:
    sentences = [
        sent("Anna said so", 0),
        sent("Anna said so again. Anna", 1),
        sent("nothing here", 2),
    ]
    summary = summarize(Prelabeler(LFS).label(sentences), [lf.name for lf in LFS])
    assert summary["caps_person"]["coverage"] == round(2 / 3, 4)
    assert summary["seen_before"]["votes"] == 2
    assert summary["seen_before"]["overlaps"] == 1.0
    assert summary["seen_before"]["conflicts"] == 0.0
    assert summary["grim"]["coverage"] == 0.0
