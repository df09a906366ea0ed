"""Stored votes: what the heuristics said comes back exactly, the same bytes every time, and
`eval`, `learn` and `heuristics report` give the same output with or without them (only
faster), re-running the heuristics when the votes are missing or stale."""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from builder.cli import app
from builder.errors import InputError
from builder.jsonl import read_records, write_records
from builder.learn.run import learn_checked
from builder.model import ClaimVote, EntityVote, LabelVote, Sentence, Span, Vote
from builder.pipeline.prelabel import prelabel
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.io import read_sentences
from builder.prelabel.lf import DocContext, LabelingFunction
from builder.prelabel.registry import registry
from builder.prelabel.stored import check_header, sentence_votes, stored_labelled
from builder.prelabel.vote_writer import VoteWriter
from builder.prelabel.votes import (
    SentenceDigest,
    read_header,
    read_votes,
    votes_at,
    votes_by_id,
    votes_path,
)
from builder.quality.evaluate import evaluate_checked
from tests.learn.test_learn import CUES, _corpus
from tests.prelabel.vote_rows_reference import unit_rows, vote_rows
from tests.quality.helpers import record, snapshot

runner = CliRunner()

# -- round trip ------------------------------------------------------------------------------

NAMES = ("ents", "claims", "classes")
offsets = st.integers(0, 10_000)
scores = st.floats(0, 1, allow_nan=False)
words = st.text(max_size=12)
spans = st.builds(Span, offsets, offsets)
votes = st.one_of(
    st.builds(EntityVote, offsets, offsets, words, scores, words),
    st.builds(ClaimVote, spans, st.none() | spans, st.none() | spans, st.booleans(), scores, words),
    st.builds(LabelVote, words, scores, words),
)
# Per sentence: a list of votes (possibly none: an abstention) per heuristic.
sentence_votes_st = st.fixed_dictionaries({name: st.lists(votes, max_size=4) for name in NAMES})


def _sentence(i: int, text: str = "") -> Sentence:
    text = text or f"Sentence number {i}."
    return Sentence(f"{i:016x}", f"doc{i // 3}", i % 3, 0, len(text), text)


def _write(path: Path, items: Sequence[Labelled], batch: int = 7) -> None:
    with VoteWriter(path, "heuristics-test", NAMES, batch=batch) as writer:
        for item in items:
            writer.add(item)


@settings(max_examples=60, deadline=None)
@given(st.lists(sentence_votes_st, max_size=12), st.integers(1, 9))
def test_votes_come_back_exactly_as_the_heuristics_gave_them(
    per_sentence: list[dict[str, Sequence[Vote]]], batch: int
) -> None:
    items = [Labelled(_sentence(i), v, {}) for i, v in enumerate(per_sentence)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.votes.parquet"
        _write(path, items, batch)  # small batches: several row groups
        header = read_header(path)
        assert header is not None
        assert (header.model_version, header.heuristics) == ("heuristics-test", NAMES)
        assert header.sentences == len(items)
        back = votes_by_id(path, header, [i.sentence for i in items])
        assert back == {i.sentence.id: i.votes for i in items}
        assert all(list(b) == list(NAMES) for b in back.values()), "the order of the set"
        # A subset, by position, the sentences nobody voted on included.
        some = list(range(0, len(items), 2))
        assert list(votes_at(path, header, some)) == [items[i].votes for i in some]
        _write(Path(tmp) / "again.parquet", items, batch)
        assert (Path(tmp) / "again.parquet").read_bytes() == path.read_bytes()
        # Runs of sentences as worker processes send them: the same file.
        with VoteWriter(Path(tmp) / "units.parquet", "heuristics-test", NAMES, batch) as writer:
            for k in range(0, len(items), 3):
                unit = items[k : k + 3]
                encoded = (SentenceDigest.encoded(i.sentence.id, i.sentence.text) for i in unit)
                writer.add_unit(b"".join(encoded), unit_rows([vote_rows(i, NAMES) for i in unit]))
        assert (Path(tmp) / "units.parquet").read_bytes() == path.read_bytes()


def test_an_abstention_is_an_empty_list_and_a_silent_sentence_has_no_rows(
    tmp_path: Path,
) -> None:
    quiet: dict[str, Sequence[Vote]] = {name: [] for name in NAMES}
    loud: dict[str, Sequence[Vote]] = {**quiet, "classes": [LabelVote("yes", 0.5, "classes")]}
    items = [Labelled(_sentence(i), v, {}) for i, v in enumerate([quiet, loud, quiet])]
    path = tmp_path / "p.votes.parquet"
    _write(path, items)
    header = read_header(path)
    assert header is not None
    assert [(pos, sid) for pos, sid, _ in read_votes(path, header)] == [(1, items[1].sentence.id)]
    assert list(votes_at(path, header)) == [quiet, loud, quiet]


def test_the_same_votes_give_the_same_bytes(built: Path, tmp_path: Path) -> None:
    """`builder build` wrote the votes beside the pre-labels; writing them again gives the
    same bytes, and so does a whole new build."""
    stored = built / "prelabels.votes.parquet"
    assert votes_path(built / "prelabels.jsonl") == stored
    done = prelabel(built / "sentences.jsonl", tmp_path / "prelabels.jsonl")
    n, version = done.sentences, done.model_version
    again = tmp_path / "prelabels.votes.parquet"
    assert again.read_bytes() == stored.read_bytes()
    assert (tmp_path / "prelabels.jsonl").read_bytes() == (built / "prelabels.jsonl").read_bytes()
    header = read_header(again)
    assert header is not None and (header.sentences, header.model_version) == (n, version)
    assert header.heuristics == tuple(lf.name for lf in registry())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prelabels.jsonl", again.name]


def test_an_interrupted_run_keeps_the_previous_votes(tmp_path: Path) -> None:
    path = tmp_path / "p.votes.parquet"
    _write(path, [Labelled(_sentence(0), {n: [] for n in NAMES}, {})])
    before = path.read_bytes()

    def interrupted() -> None:
        with VoteWriter(path, "v", NAMES) as writer:
            writer.add(Labelled(_sentence(1), {n: [] for n in NAMES}, {}))
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    bad = tmp_path / "bad" / "s.jsonl"
    bad.parent.mkdir()
    bad.write_text('{"id": "a", "doc_id": "d", "index": 0, "start": 0, "end": 3, "text": "ab"}\n')
    result = runner.invoke(app, ["prelabel", str(bad), "-o", str(bad.with_name("p.jsonl"))])
    assert result.exit_code == 1 and "E203" in result.stderr
    assert [p.name for p in bad.parent.iterdir()] == ["s.jsonl"]


def test_a_damaged_file_is_stale_or_an_error(tmp_path: Path) -> None:
    path = tmp_path / "p.votes.parquet"
    path.write_bytes(b"not parquet")
    assert read_header(path) is None
    header, check = check_header(path, "v", NAMES)
    assert header is None and "is not a votes file" in check.reason
    _write(path, [Labelled(_sentence(0), {"ents": [LabelVote("x", 1.0, "ents")]}, {})])
    header = read_header(path)
    assert header is not None
    renamed = type(header)(header.model_version, ("other",), header.sentences, header.digest)
    with pytest.raises(InputError, match="E205"):
        list(read_votes(path, renamed))


def test_damage_inside_the_rows_is_an_error_wherever_it_falls(built: Path, tmp_path: Path) -> None:
    """Page checksums: 64 damaged bytes at any place between the first page and the footer of
    the samples' votes give E205, never votes decoded from garbage (without checksums 11 of
    761 places decoded silently) nor an internal error (damaged dictionary indices raised an
    IndexError)."""
    import pyarrow.parquet as pq

    path = built / "prelabels.votes.parquet"
    header = read_header(path)
    assert header is not None
    meta = pq.ParquetFile(path).metadata
    good = path.read_bytes()
    rows_end = len(good) - meta.serialized_size - 8  # the footer, its length and the magic
    damaged = tmp_path / "damaged.parquet"
    silent, errors = [], []
    for at in range(4, rows_end - 64, 8):  # after the leading magic
        damaged.write_bytes(good[:at] + b"\xff" * 64 + good[at + 64 :])
        try:
            list(read_votes(damaged, header))
            silent.append(at)
        except InputError as exc:
            errors.append(str(exc))
    assert not silent, f"damage at bytes {silent} read without an error"
    assert errors and all("E205" in e for e in errors)


# -- fresh or stale --------------------------------------------------------------------------


def names_of(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    words = sentence.text.split()
    at = sentence.text.index(words[0])
    return [EntityVote(at, at + len(words[0]), "PERSON", 0.8, "first_word")]


def mood(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return [LabelVote("negative", 0.9, "mood")] if "storm" in sentence.text else []


def _explode(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    raise AssertionError("the heuristics ran although fresh votes were stored")


FIRST_WORD = LabelingFunction("first_word", 1, "entities", names_of, "first word", 0.6)
MOOD = LabelingFunction("mood", 1, "sentiment", mood, "storms are sad", 0.7)


def _explosive(lfs: Sequence[LabelingFunction]) -> Prelabeler:
    """The same set (names, versions: the same ``model_version``) that must not run."""
    return Prelabeler([dataclasses.replace(lf, fn=_explode) for lf in lfs])


def _prelabel(folder: Path, sentences: Sequence[Sentence], prelabeler: Prelabeler) -> Path:
    write_records(folder / "sentences.jsonl", (s.to_dict() for s in sentences))
    prelabels = folder / "prelabels.jsonl"
    with VoteWriter.beside(prelabels, prelabeler) as votes:
        write_records(prelabels, (i.prediction for i in votes.tee(prelabeler.label(sentences))))
    return prelabels


def _plain(item: Labelled) -> tuple[Sentence, dict[str, list[Vote]], dict[str, Any]]:
    """An item with its votes as lists (heuristics abstain with [] or (), stored votes with
    the shared ())."""
    return item.sentence, {k: list(v) for k, v in item.votes.items()}, item.prediction


def _storms(n: int) -> list[Sentence]:
    out = []
    for i in range(n):
        text = f"Anna{i} watched the {'storm' if i % 3 else 'sea'} from district {i}."
        out.append(Sentence(f"{i:016x}", f"doc{i // 4}", i % 4, 0, len(text), text))
    return out


def test_fresh_votes_replace_the_heuristics_and_stale_ones_do_not(tmp_path: Path) -> None:
    sentences = _storms(12)
    prelabels = _prelabel(tmp_path, sentences, Prelabeler([FIRST_WORD, MOOD]))
    shown = {p["sentence_id"]: p for p in read_records(prelabels)}
    items, check = stored_labelled(prelabels, sentences, _explosive([FIRST_WORD, MOOD]))
    assert check.fresh and items is not None
    rerun = list(Prelabeler([FIRST_WORD, MOOD]).label(sentences))
    assert [_plain(i) for i in items] == [_plain(i) for i in rerun]
    wanted = {sentences[1].id, sentences[7].id}
    some, _ = stored_labelled(prelabels, sentences, _explosive([FIRST_WORD, MOOD]), wanted)
    assert some is not None and [i.sentence.id for i in some] == [
        s.id for s in sentences if s.id in wanted
    ]

    # Stale: another set of heuristics (or another order), other sentences, no file.
    for lfs in ([FIRST_WORD], [MOOD, FIRST_WORD]):
        items, check = stored_labelled(prelabels, sentences, Prelabeler(lfs))
        assert items is None and not check.fresh and "holds the votes of" in check.reason
    edited = [*sentences[:-1], _sentence(99, sentences[-1].text.replace("storm", "storm!"))]
    items, check = stored_labelled(prelabels, edited, Prelabeler([FIRST_WORD, MOOD]))
    assert items is None and "other sentences (12 then, 12 now)" in check.reason
    items, check = stored_labelled(prelabels, sentences[:5], Prelabeler([FIRST_WORD, MOOD]))
    assert items is None and "(12 then, 5 now)" in check.reason
    items, check = stored_labelled(tmp_path / "x.jsonl", sentences, Prelabeler([FIRST_WORD]))
    assert items is None and "does not exist" in check.reason

    # A stored pre-label of the same version is the prediction (read, not aggregated again);
    # one of another version (re-scored by `builder learn`, say) is not the heuristics' own.
    version = rerun[0].prediction["model_version"]
    for stamp, expected in ((version, []), ("learned", rerun[0].prediction["entities"])):
        write_records(
            prelabels, [{**p, "model_version": stamp, "entities": []} for p in shown.values()]
        )
        items, check = stored_labelled(prelabels, sentences, Prelabeler([FIRST_WORD, MOOD]))
        assert check.fresh and items is not None
        assert items[0].prediction["entities"] == expected


def test_sentence_votes_read_when_fresh_else_run(tmp_path: Path) -> None:
    sentences = _storms(9)
    prelabels = _prelabel(tmp_path, sentences, Prelabeler([FIRST_WORD, MOOD]))
    path = votes_path(prelabels)
    stored, check = sentence_votes(path, lambda: sentences, _explosive([FIRST_WORD, MOOD]))
    assert check.fresh
    expected = [i.votes for i in Prelabeler([FIRST_WORD, MOOD]).label(sentences)]
    assert [{k: list(v) for k, v in s.items()} for s in stored] == expected
    ran, check = sentence_votes(path, lambda: sentences, Prelabeler([MOOD]))
    assert not check.fresh and len(list(ran)) == 9


# -- the commands: the same output either way ------------------------------------------------


def _annotated(folder: Path, n: int) -> list[dict[str, Any]]:
    """An annotator who corrected the pre-labels of the first ``n`` sentences a little: every
    third loses its first entity, every fourth gets the other sentiment."""
    sentences = list(read_records(folder / "sentences.jsonl"))[:n]
    shown = list(read_records(folder / "prelabels.jsonl"))[:n]
    out = []
    for i, (sent, pre) in enumerate(zip(sentences, shown, strict=True)):
        entities = [(e["start"], e["end"], e["label"]) for e in pre["entities"]]
        sentiment = pre["sentiment"]["label"]
        if i % 4 == 0:
            sentiment = "negative" if sentiment != "negative" else "positive"
        out.append(
            record(
                "a@example.com",
                entities[1:] if i % 3 == 0 else entities,
                sid=sent["id"],
                text=sent["text"],
                # As pulled: the claim parts without the heuristics' scores.
                claims=[
                    {k: c[k] for k in ("claim", "source", "cue", "direct")} for c in pre["claims"]
                ],
                check_worthy=pre["check_worthy"]["label"],
                sentiment=sentiment,
            )
        )
    return out


def _eval(folder: Path, out: Path) -> Any:
    return runner.invoke(
        app,
        [
            "eval",
            str(folder / "sentences.jsonl"),
            "--prelabels",
            str(folder / "prelabels.jsonl"),
            "--annotations",
            str(folder / "annotations"),
            "-o",
            str(out),
        ],
    )


def test_eval_gives_the_same_bytes_with_and_without_stored_votes(
    built: Path, tmp_path: Path
) -> None:
    for name in ("sentences.jsonl", "prelabels.jsonl", "prelabels.votes.parquet"):
        shutil.copy(built / name, tmp_path / name)
    snapshot(tmp_path / "annotations", _annotated(tmp_path, 30))
    _, check = evaluate_checked(
        tmp_path / "sentences.jsonl", tmp_path / "prelabels.jsonl", tmp_path / "annotations"
    )
    assert check.fresh, check.reason
    stored = _eval(tmp_path, tmp_path / "stored.json")
    assert stored.exit_code == 0, stored.output
    assert "re-run" not in stored.stderr
    report = json.loads((tmp_path / "stored.json").read_text())
    assert report["summary"]["sentences"] == 30
    assert report["scorecard"]["shown"]["same_as_rerun"] == 1.0

    votes = tmp_path / "prelabels.votes.parquet"
    votes.rename(tmp_path / "aside.parquet")
    rerun = _eval(tmp_path, tmp_path / "rerun.json")
    assert rerun.exit_code == 0, rerun.output
    assert "heuristics were re-run" in rerun.stderr and "does not exist" in rerun.stderr
    assert (tmp_path / "rerun.json").read_bytes() == (tmp_path / "stored.json").read_bytes()

    # Stale votes (another set of heuristics wrote them): re-run, the same bytes again.
    with VoteWriter(votes, "heuristics-old", ["x"]) as writer:
        writer.add(Labelled(_sentence(0), {"x": []}, {}))
    stale = _eval(tmp_path, tmp_path / "stale.json")
    assert stale.exit_code == 0 and "heuristics-old" in stale.stderr
    assert (tmp_path / "stale.json").read_bytes() == (tmp_path / "stored.json").read_bytes()


def test_eval_reads_the_votes_instead_of_running_the_heuristics(tmp_path: Path) -> None:
    sentences = _storms(16)
    prelabels = _prelabel(tmp_path, sentences, Prelabeler([FIRST_WORD, MOOD]))
    records = [
        record("a@example.com", [(0, 5, "PERSON")], sid=s.id, text=s.text, sentiment="negative")
        for s in sentences[::2]
    ]
    snapshot(tmp_path / "annotations", records)
    args = (tmp_path / "sentences.jsonl", prelabels, tmp_path / "annotations", "latest")
    fast, check = evaluate_checked(*args, _explosive([FIRST_WORD, MOOD]))
    assert check.fresh
    slow, check = evaluate_checked(*args, Prelabeler([FIRST_WORD, MOOD]))
    assert check.fresh
    votes_path(prelabels).unlink()
    slow, check = evaluate_checked(*args, Prelabeler([FIRST_WORD, MOOD]))
    assert not check.fresh and slow == fast
    assert fast["summary"]["sentences"] == 8
    with pytest.raises(AssertionError, match="heuristics ran"):
        evaluate_checked(*args, _explosive([FIRST_WORD, MOOD]))


def _learn_both(tmp_path: Path, lfs: Sequence[LabelingFunction]) -> dict[str, Any]:
    sentences_path, annotations = _corpus(tmp_path, lambda word, _: CUES[word], entities=[])
    sentences = list(read_sentences(sentences_path))
    prelabels = _prelabel(tmp_path, sentences, Prelabeler(lfs))
    fast, check = learn_checked(
        sentences_path, annotations, tmp_path / "fast.jsonl", lfs=_explosive(lfs).lfs,
        prelabels=prelabels,
    )  # fmt: skip
    assert check.fresh, check.reason
    slow, check = learn_checked(sentences_path, annotations, tmp_path / "slow.jsonl", lfs=lfs)
    assert not check.fresh and check.reason == "no pre-labels given"
    assert orjson.dumps(fast) == orjson.dumps(slow)
    assert (tmp_path / "fast.jsonl").read_bytes() == (tmp_path / "slow.jsonl").read_bytes()
    return fast


def test_learn_gives_the_same_output_with_and_without_stored_votes(tmp_path: Path) -> None:
    report = _learn_both(tmp_path, registry())
    assert report["classifiers"]["sentiment"]["used"], "a classifier replaced a layer"


COUNCIL = (4, 11)  # "council" in every sentence of the learn corpus


def _council(label: str, name: str) -> Any:
    def fn(sentence: Sentence, ctx: DocContext) -> list[EntityVote]:
        return [EntityVote(*COUNCIL, label, 1.0, name)]

    return fn


def test_learned_weights_give_the_same_output_with_and_without_stored_votes(
    tmp_path: Path,
) -> None:
    loud = LabelingFunction("loud", 1, "entities", _council("GPE", "loud"), "", 0.9)
    quiet = LabelingFunction("quiet", 1, "entities", _council("ORG", "quiet"), "", 0.5)
    organisation = [{"start": COUNCIL[0], "end": COUNCIL[1], "label": "ORG"}]
    sentences_path, annotations = _corpus(
        tmp_path, lambda word, _: CUES[word], entities=organisation
    )
    sentences = list(read_sentences(sentences_path))
    prelabels = _prelabel(tmp_path, sentences, Prelabeler([loud, quiet]))
    explosive = _explosive([loud, quiet]).lfs
    fast, check = learn_checked(
        sentences_path, annotations, tmp_path / "f.jsonl", lfs=explosive, prelabels=prelabels
    )
    assert check.fresh and fast["weights"]["used"]
    slow, _ = learn_checked(sentences_path, annotations, tmp_path / "s.jsonl", lfs=[loud, quiet])
    assert fast == slow
    assert (tmp_path / "f.jsonl").read_bytes() == (tmp_path / "s.jsonl").read_bytes()


def test_learn_cli_reads_the_votes_beside_the_sentences(tmp_path: Path) -> None:
    sentences, annotations = _corpus(tmp_path, lambda word, _: CUES[word])
    args = ["learn", str(sentences), "--annotations", str(annotations)]
    alone = runner.invoke(app, [*args, "-o", str(tmp_path / "a.jsonl")])
    assert alone.exit_code == 0 and "re-run" not in alone.stderr  # nothing stored: as before
    assert prelabel(sentences, tmp_path / "prelabels.jsonl").sentences == 160
    beside = runner.invoke(app, [*args, "-o", str(tmp_path / "b.jsonl")])
    assert beside.exit_code == 0 and "re-run" not in beside.stderr, beside.output
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    (tmp_path / "other.jsonl").write_text("")
    other = runner.invoke(
        app, [*args, "-o", str(tmp_path / "c.jsonl"), "--prelabels", str(tmp_path / "other.jsonl")]
    )
    assert other.exit_code == 0 and "heuristics were re-run" in other.stderr
    assert (tmp_path / "c.jsonl").read_bytes() == (tmp_path / "a.jsonl").read_bytes()


def test_heuristics_report_reads_the_votes_beside_the_sentences(
    built: Path, tmp_path: Path
) -> None:
    def report(*extra: str) -> tuple[Any, dict[str, Any]]:
        out = tmp_path / "report.json"
        args = ["heuristics", "report", "--sentences", str(built / "sentences.jsonl")]
        result = runner.invoke(app, [*args, "--json", str(out), *extra])
        assert result.exit_code == 0, result.output
        return result, json.loads(out.read_text())

    stored, from_votes = report()
    assert "re-run" not in stored.stderr
    missing, rerun = report("--votes", str(tmp_path / "none.parquet"))
    assert "heuristics were re-run" in missing.stderr
    assert from_votes == rerun
    assert from_votes["summary"]["cap_run"]["votes"] > 0
    _, explicit = report("--votes", str(built / "prelabels.votes.parquet"))
    assert explicit == from_votes
