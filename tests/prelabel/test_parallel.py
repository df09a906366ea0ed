"""Pre-labelling in worker processes gives what one process gives, document by document."""

from __future__ import annotations

import gc
import multiprocessing
import pickle
from collections.abc import Iterable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.errors import BuilderError, InputError
from builder.hooks import Hooks
from builder.jsonl import parse_object
from builder.model import Sentence
from builder.pipeline.prelabel import prelabel
from builder.prelabel import parallel
from builder.prelabel.io import read_sentences
from builder.prelabel.parallel import document_runs


def _sentences(doc_sizes: list[int]) -> list[Sentence]:
    out = []
    for d, size in enumerate(doc_sizes):
        for i in range(size):
            text = f"s{i}"
            out.append(Sentence(f"{d:04x}{i:012x}", f"doc{d % 3}", i, 0, len(text), text))
    return out


@given(st.lists(st.integers(1, 7), max_size=12), st.integers(1, 10))
def test_runs_hold_whole_documents_in_order(doc_sizes: list[int], size: int) -> None:
    sentences = _sentences(doc_sizes)
    runs = list(document_runs(sentences, size))
    assert [s for run in runs for doc in run for s in doc] == sentences
    for run in runs:
        for doc in run:  # a document is a run of one doc_id, never cut
            assert len({s.doc_id for s in doc}) == 1
        for before, after in pairwise(run):
            assert before[-1].doc_id != after[0].doc_id
        assert sum(map(len, run[:-1])) < size  # a run closes once it reaches the size
    for run in runs[:-1]:
        assert sum(map(len, run)) >= size


@pytest.mark.parametrize("workers", [2, 3])  # this process and one worker, or two
def test_workers_write_the_bytes_of_one_process(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    sentences = built / "sentences.jsonl"
    documents = {s.doc_id for s in read_sentences(sentences)}
    assert len(documents) >= 4, "too few documents to cut into several units of work"
    monkeypatch.setattr(parallel, "CHUNK", 8)  # many small units, out to both workers
    one = prelabel(sentences, tmp_path / "one.jsonl", disable=["cw_question"])
    two = prelabel(sentences, tmp_path / "two.jsonl", disable=["cw_question"], workers=workers)
    assert one == two
    for name in ("{}.jsonl", "{}.votes.parquet"):
        first = (tmp_path / name.format("one")).read_bytes()
        assert first and first == (tmp_path / name.format("two")).read_bytes()


def test_one_process_parses_each_line_once(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Labelled here, the lines are read as the reader reads them, and grouped by the parsed
    sentences' ``doc_id``: no second parse of each line for its document (``_doc_of``, which
    worker processes need), and the same bytes as with workers (the test above)."""
    parsed: list[int] = []

    def counted(path: Path | str, lineno: int, raw: bytes) -> dict[str, Any]:
        parsed.append(lineno)
        return parse_object(path, lineno, raw)

    def refused(line: tuple[int, bytes]) -> object:
        raise AssertionError("a line parsed for its document")

    monkeypatch.setattr(parallel, "parse_object", counted)
    monkeypatch.setattr(parallel, "_doc_of", refused)
    monkeypatch.setattr(parallel, "CHUNK", 8)
    done = prelabel(built / "sentences.jsonl", tmp_path / "one.jsonl", workers=1)
    assert sorted(parsed) == parsed and len(set(parsed)) == len(parsed) == done.sentences


@pytest.mark.parametrize(
    "bad",
    [
        b"{not json\n",  # the reader's E105
        b'{"id": "00000000000000ff", "doc_id": "d", "index": 0, "start": 0, "end": 2}\n',  # E203
        b"[1, 2]\n",  # E105: not an object
    ],
)
def test_workers_report_the_first_bad_line_as_one_process_does(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: bytes
) -> None:
    """The workers parse and check the lines: the error of the first bad one, file and line,
    as the reader of one process gives it, whatever comes after it (a later bad line)."""
    lines = (built / "sentences.jsonl").read_bytes().splitlines(keepends=True)
    assert len(lines) > 40
    sentences = tmp_path / "sentences.jsonl"
    sentences.write_bytes(b"".join([*lines[:30], bad, *lines[30:35], b"{later\n", *lines[35:]]))
    monkeypatch.setattr(parallel, "CHUNK", 8)
    errors = []
    for workers in (1, 2, 3):
        with pytest.raises(InputError) as caught:
            prelabel(sentences, tmp_path / f"{workers}.jsonl", workers=workers)
        errors.append((caught.value.code, str(caught.value), caught.value.line))
    assert errors[0] == errors[1] == errors[2]
    assert errors[0][2] == 31 and f"{sentences}:31: " in errors[0][1]
    assert not list(tmp_path.glob("[123].*"))


T = TypeVar("T")


def _watching(seen: list[int]) -> Hooks:
    """Hooks whose progress notes the frozen objects while the run reads its lines."""

    def progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
        for item in items:
            seen.append(gc.get_freeze_count())
            yield item

    return Hooks(progress=progress)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_gives_back_what_it_froze(built: Path, tmp_path: Path, workers: int) -> None:
    """The labeler's tables leave the cyclic collector for the run (``gc.freeze``), and come
    back at its end, on success and on a bad line alike: a process that outlives the run
    (a library caller's, this test's) keeps no cycle frozen for good. With workers too, whose
    pool starts before this process makes its labeler."""
    gc.unfreeze()
    seen: list[int] = []
    ok = tmp_path / "ok.jsonl"
    prelabel(built / "sentences.jsonl", ok, workers=workers, hooks=_watching(seen))
    assert seen and min(seen) > 0  # frozen while it ran
    assert gc.get_freeze_count() == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes((built / "sentences.jsonl").read_bytes() + b"{not json\n")
    with pytest.raises(InputError):
        prelabel(bad, tmp_path / "bad.out.jsonl", workers=workers)
    assert gc.get_freeze_count() == 0
    assert not multiprocessing.active_children()


@pytest.mark.parametrize(
    ("disable", "model", "code"),
    [
        (["nope"], None, "E204"),
        ([], "not-a-model", "E206"),
        (["nope"], "not-a-model", "E206"),  # the model is checked first, as before workers
    ],
)
def test_a_bad_set_up_fails_alike_with_workers(
    built: Path, tmp_path: Path, disable: list[str], model: str | None, code: str
) -> None:
    """The workers start before this process makes its labeler (``pool.Later``): an unknown
    heuristic or a file that is no model is refused as with one process, the same error,
    nothing written, no worker left running."""
    path = None
    if model is not None:
        path = tmp_path / "model.crf"
        path.write_bytes(b"no model at all\n")
    errors = []
    for workers in (1, 2):
        out = tmp_path / f"{workers}.jsonl"
        with pytest.raises(BuilderError) as caught:
            prelabel(built / "sentences.jsonl", out, disable=disable, workers=workers, model=path)
        errors.append((caught.value.code, str(caught.value), caught.value.exit_code))
        assert not list(tmp_path.glob(f"{workers}.*"))
        assert not multiprocessing.active_children()
    assert errors[0] == errors[1]
    assert errors[0][0] == code


def test_a_callers_own_freeze_is_left_alone(built: Path, tmp_path: Path) -> None:
    """A caller that froze objects of its own keeps them frozen: the run neither freezes more
    nor gives back theirs (``gc.unfreeze`` would)."""
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        seen: list[int] = []
        prelabel(built / "sentences.jsonl", tmp_path / "ok.jsonl", hooks=_watching(seen))
        # (frozen objects freed by their reference counts leave it: it may drop, not grow or empty)
        assert seen and max(seen) <= before
        assert 0 < gc.get_freeze_count() <= before
    finally:
        gc.unfreeze()


def test_a_labeler_travels_as_its_recipe_and_is_built_where_it_is_used(tmp_path: Path) -> None:
    """Unpickled (a worker's set-up, an engine's task), it reads nothing yet: an engine's
    worker first moves to the driver's folder, where a relative model path means what it
    meant there; a bad model is then the task's own error (E206), not a failed unpickling."""
    made = parallel.Made(None, ((), Path("no-such.crf")))
    sent = pickle.loads(pickle.dumps(made))
    assert sent.recipe == made.recipe
    with pytest.raises(InputError) as exc:
        sent.labeler  # noqa: B018 (built here, on first use)
    assert exc.value.code == "E206"
