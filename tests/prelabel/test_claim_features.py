"""The claim model's tokens, tags and votes: offsets hold for any text, tags and their runs
agree, and the tagger adds only the claims the heuristics miss."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.learn.claim_model import train_claims
from builder.learn.sequence import Example
from builder.model import ClaimVote, Sentence, Span, Vote
from builder.prelabel.learned.claim_features import (
    attributions,
    part_tags,
    quoted,
    runs,
    vote_parts,
)
from builder.prelabel.learned.claim_tagger import ClaimTagger
from builder.segment.tokenizer import split_tokens
from tests.text_strategies import UNUSUAL, sentences_of

WORDS = ("Ms", "Okafor", "said", "reckoned", "the", "plan", "would", "fail", ",", ".", '"',
         "“", "”", "according", "to", "officials", *UNUSUAL)  # fmt: skip
TEXTS = sentences_of(*WORDS, max_size=24) | st.text(max_size=80)
TAGS = st.sampled_from(["O", "B-CUE", "I-CUE", "B-SRC", "I-SRC", "B-CON", "I-CON"])


def _vote(text: str, cue: str) -> dict[str, Span]:
    at = text.index(cue)
    return {"source": Span(0, 9), "cue": Span(at, at + len(cue)), "claim": Span(at + len(cue) + 1, len(text) - 1)}  # fmt: skip


@cache
def trained() -> tuple[bytes, list[str]]:
    """A model that learned "reckoned" as a cue from a human, and "said" from the silver: its
    bytes and gate words."""
    examples = []
    for n in range(40):
        cue = ("said", "reckoned")[n % 2]
        text = f"Ms Okafor {cue} the plan would fail."
        at = text.index(cue)
        claim = {
            "claim": {"start": at + len(cue) + 1, "end": len(text) - 1},
            "source": {"start": 0, "end": 9},
            "cue": {"start": at, "end": at + len(cue)},
        }
        sentence = Sentence(f"{n:04x}", f"d{n}", 0, 0, len(text), text)
        examples.append(Example(sentence, {}, [claim], [claim] if n % 2 else None))
    crf, _, words = train_claims(examples, 30)
    return crf, words


@cache
def tagger() -> ClaimTagger:
    crf, words = trained()
    return ClaimTagger(crf, "crf_claims", words)


@settings(deadline=None, max_examples=150)
@given(TEXTS)
def test_the_votes_hold_their_text_on_token_boundaries(text: str) -> None:
    spans, _ = split_tokens(text)
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    for vote in tagger().votes(text, {}):
        for part in (vote.claim, vote.source, vote.cue):
            if part is None:
                continue
            assert 0 <= part.start < part.end <= len(text)
            assert part.start in starts and part.end in ends
            assert text[part.start : part.end] == text[part.start : part.end].strip()


def test_the_model_tags_what_it_learned_and_leaves_a_heard_claim_alone() -> None:
    text = "Ms Okafor reckoned the plan would fail."
    (vote,) = tagger().votes(text, {})
    assert vote.cue is not None and text[vote.cue.start : vote.cue.end] == "reckoned"
    assert vote.source is not None and text[vote.source.start : vote.source.end] == "Ms Okafor"
    assert text[vote.claim.start : vote.claim.end] == "the plan would fail"
    heard = _vote(text, "reckoned")
    votes: dict[str, list[Vote]] = {
        "rule": [ClaimVote(heard["claim"], heard["source"], heard["cue"], False, 1.0, "rule")]
    }
    assert tagger().votes(text, votes) == []  # the heuristic's claim stands alone
    assert tagger().votes("The weather was mild.", {}) == []  # no word it tags as a cue


@given(st.lists(TAGS, max_size=30))
def test_runs_and_tags_agree(tags: list[str]) -> None:
    """A run is a B (or an I not continuing one) and the I's after it; the tags made from the
    runs' offsets give the runs back, the spans' offsets being the tokens'."""
    spans = [(2 * i, 2 * i + 1) for i in range(len(tags))]
    parts = []
    for label, part in (("CON", "claim"), ("SRC", "source"), ("CUE", "cue")):
        for first, last in runs(tags, label):
            assert all(t[2:] == label for t in tags[first : last + 1])
            assert tags[first] == f"B-{label}" or first == 0 or tags[first - 1][2:] != label
            parts.append((part, spans[first][0], spans[last][1]))
    again = part_tags(spans, parts)
    for label in ("CON", "SRC", "CUE"):
        assert runs(again, label) == runs(tags, label)
    for cue, source, content in attributions(tags):
        assert cue in runs(tags, "CUE") and content in runs(tags, "CON")
        assert source is None or source in runs(tags, "SRC")


def test_quotation_marks_open_and_close() -> None:
    tokens = ["He", "said", "“", "no", "”", "and", '"', "yes", '"', "."]
    assert quoted(tokens) == [False, False, False, True, False, False, False, True, False, False]


@settings(deadline=None)
@given(TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_a_vote_marks_the_tokens_it_overlaps(text: str, start: int, width: int) -> None:
    spans, _ = split_tokens(text)
    start = min(start, len(text))
    end = min(start + width, len(text))
    if start >= end:
        return
    span = Span(start, end)
    votes: dict[str, list[Vote]] = {"rule": [ClaimVote(span, None, span, False, 1.0, "rule")]}
    voted, names = vote_parts(spans, votes, "crf_claims")
    for i, (s, e) in enumerate(spans):
        inside = s < end and start < e
        assert (voted[i] != "O") == inside
        assert (names[i] == ["lf=rule"]) == inside
    assert vote_parts(spans, votes, "rule") == (["O"] * len(spans), [[] for _ in spans])


@settings(deadline=None, max_examples=150)
@given(TEXTS, st.lists(TAGS, max_size=40), st.lists(st.sampled_from(["lf=a", "lf=b"]), max_size=3))
def test_the_encoded_rows_are_the_feature_strings_records(
    text: str, voted: list[str], names: list[str]
) -> None:
    """The tagger's rows (``ClaimEncoder``) are the records of training's feature strings,
    string for string and in order, with either tagger (C API or python-crfsuite's)."""
    from builder.prelabel.learned.claim_features import features
    from builder.prelabel.learned.claim_tagger import ClaimEncoder
    from builder.prelabel.learned.tagger import PythonTagger

    _, tokens = split_tokens(text)
    tags = (voted + ["O"] * len(tokens))[: len(tokens)]
    lfs = [names if i % 2 else [] for i in range(len(tokens))]
    for crf in (tagger().crf, PythonTagger(trained()[0])):
        encoder = ClaimEncoder(crf.records)
        want = [crf.records(row) for row in features(tokens, tags, lfs)]
        assert encoder.rows(tokens, tags, lfs) == want
        assert encoder.rows(tokens, tags, lfs) == want  # from its caches


RANGES = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12).map(
    lambda pairs: [(s, s + w) for s, w in pairs]
)


@given(RANGES, st.integers(0, 80), st.integers(1, 20))
def test_a_heard_range_is_found_by_search_as_by_a_scan(
    ranges: list[tuple[int, int]], start: int, width: int
) -> None:
    from builder.prelabel.learned.claim_tagger import _Heard

    end = start + width
    scan = any(s < e and s < end and start < e for s, e in ranges)
    assert _Heard(ranges).covers(start, end) == scan


@given(st.lists(TAGS, max_size=40))
def test_each_cue_takes_the_nearest_source_and_content(tags: list[str]) -> None:
    def scan(found: list[tuple[int, int]], cue: tuple[int, int]) -> tuple[int, int] | None:
        gap = [(max(r[0] - cue[1], cue[0] - r[1], 0), r[0]) for r in found]
        return min(zip(gap, found, strict=True), default=(None, None))[1]

    got = attributions(tags)
    want = []
    for cue in runs(tags, "CUE"):
        content = scan(runs(tags, "CON"), cue)
        if content is not None:
            want.append((cue, scan(runs(tags, "SRC"), cue), content))
    assert got == want


def _part_tags_by_writing(
    spans: list[tuple[int, int]], parts: list[tuple[str, int, int]]
) -> list[str]:
    """``part_tags`` as it was first written: every part applied in order, over its tokens."""
    tags = ["O"] * len(spans)
    for name, label in (("claim", "CON"), ("source", "SRC"), ("cue", "CUE")):
        for part, start, end in parts:
            if part == name and start < end:
                covered = [i for i, (s, e) in enumerate(spans) if s < end and start < e]
                for n, i in enumerate(covered):
                    tags[i] = ("B-" if n == 0 else "I-") + label
    return tags


PART_LISTS = st.lists(
    st.tuples(st.sampled_from(["claim", "source", "cue"]), st.integers(0, 70), st.integers(0, 30)),
    max_size=10,
).map(lambda drawn: [(p, s, s + w) for p, s, w in drawn])


@given(TEXTS, PART_LISTS)
def test_parts_tag_each_token_once_as_writing_them_in_order_would(
    text: str, parts: list[tuple[str, int, int]]
) -> None:
    spans, _ = split_tokens(text)
    assert part_tags(spans, parts) == _part_tags_by_writing(spans, parts)
