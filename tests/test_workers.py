"""The worker pool of every stage: results in order, errors as themselves, never a hang."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator

import pytest

from builder.errors import E201_BAD_DOCUMENT, BuilderError, InputError
from builder.workers import Later, Pool, chunks


def _scaled(factor: int, items: list[int]) -> list[int]:
    return [factor * i for i in items]


def _bad_line(factor: int, items: list[int]) -> list[int]:
    raise InputError(E201_BAD_DOCUMENT, "documents.jsonl", "invalid document", items[0])


def _bug(factor: int, items: list[int]) -> list[int]:
    return [{"id": i}["text"] for i in items]


@pytest.fixture(scope="module")
def pool() -> Iterator[Pool[int]]:
    with Pool(3, workers=2) as two:
        yield two


def test_chunks_keep_every_item_in_order() -> None:
    assert list(chunks(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunks([], 3)) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_in_order_whatever_the_workers(pool: Pool[int], workers: int) -> None:
    with Pool(3, workers=1) as here:
        used = pool if workers == 2 else here
        got = [x for part in used.map(_scaled, chunks(range(1000), 7)) for x in part]
    assert got == [3 * i for i in range(1000)]


def test_an_input_error_in_a_worker_is_raised_here_as_itself(pool: Pool[int]) -> None:
    with pytest.raises(InputError) as exc:
        list(pool.map(_bad_line, chunks(range(40, 100), 10)))
    assert (exc.value.code, exc.value.path, exc.value.line) == ("E201", "documents.jsonl", 40)
    assert exc.value.detail == "invalid document"


def test_a_bug_in_a_worker_is_e509_naming_the_exception(pool: Pool[int]) -> None:
    with pytest.raises(BuilderError) as exc:
        list(pool.map(_bug, [[1]]))
    assert exc.value.code == "E509" and "KeyError: 'text'" in exc.value.message


def test_a_task_that_cannot_be_sent_fails_here_instead_of_waiting(pool: Pool[int]) -> None:
    with pytest.raises(Exception, match="pickle"):
        list(pool.map(lambda factor, items: items, [[1]]))


def test_a_map_left_unfinished_does_not_leak_into_the_next(pool: Pool[int]) -> None:
    first = pool.map(_scaled, chunks(range(100), 5))
    assert next(first) == [0, 3, 6, 9, 12]
    del first  # chunks still in flight: their results must not come out of the next map
    assert list(pool.map(_scaled, [[1], [2]])) == [[3], [6]]


def test_a_map_resumed_after_a_later_one_began_is_refused(pool: Pool[int]) -> None:
    first = pool.map(_scaled, chunks(range(100), 5))
    assert next(first) == [0, 3, 6, 9, 12]
    assert list(pool.map(_scaled, [[1], [2]])) == [[3], [6]]
    with pytest.raises(RuntimeError, match="resumed after a later map"):
        next(first)  # it would have given another chunk's results, or lost some
    assert list(pool.map(_scaled, [[4]])) == [[12]]


def _made_late(made: list[int]) -> int:
    made.append(len(made))
    return 5


@pytest.mark.parametrize("workers", [1, 2])
def test_a_later_set_up_is_made_once_the_pool_starts_and_reaches_every_worker(
    workers: int,
) -> None:
    made: list[int] = []
    # A module that does not exist is no error of the preload: only the set-up and the task's
    # own imports count.
    pool: Pool[int] = Pool(Later(lambda: _made_late(made), ("json", "no_such_module")), workers)
    assert made == []
    with pool:
        assert made == [0] and pool.setup == 5
        got = [x for part in pool.map(_scaled, chunks(range(50), 3)) for x in part]
    assert got == [5 * i for i in range(50)] and made == [0]


def _no_setup() -> int:
    raise InputError(E201_BAD_DOCUMENT, "documents.jsonl", "invalid document", 3)


def test_a_later_set_up_that_fails_stops_the_workers_and_is_raised_as_itself() -> None:
    pool: Pool[int] = Pool(Later(_no_setup, ("json",)), 2)
    with pytest.raises(InputError) as exc, pool:
        pass
    assert exc.value.code == "E201" and pool._pool == []


# ``share=True``: this process is one of the workers. The tasks below are slow in a worker
# only (their set-up is this process's id), so that the workers are full when the chunks come
# and this process takes some of them.


def _where(here: int, items: list[int]) -> list[tuple[bool, int]]:
    if os.getpid() != here:
        time.sleep(0.02)
    return [(os.getpid() == here, i) for i in items]


def _bad_lines(here: int, items: list[int]) -> list[int]:
    if os.getpid() != here:
        time.sleep(0.2)
    if items[0] in (1, 2):  # chunk 1 goes to the worker, chunk 2 is taken here (see below)
        raise InputError(E201_BAD_DOCUMENT, "documents.jsonl", "invalid document", items[0])
    return items


def _dies_in_a_worker(here: int, items: list[int]) -> list[int]:
    if os.getpid() != here:
        os._exit(1)
    return items


@pytest.mark.parametrize("workers", [2, 3])
def test_a_shared_pool_works_here_too_and_keeps_the_order(workers: int) -> None:
    before = set(multiprocessing.active_children())  # (the module's pool has two)
    with Pool(os.getpid(), workers, share=True) as pool:
        started = set(multiprocessing.active_children()) - before
        got = [x for part in pool.map(_where, chunks(range(600), 7)) for x in part]
    assert len(started) == workers - 1  # this process is the last one
    assert [i for _, i in got] == list(range(600))
    here = sum(1 for done_here, _ in got if done_here)
    assert 0 < here < 600  # both sides took chunks


def test_a_shared_pool_raises_the_first_chunks_error_wherever_it_was_taken() -> None:
    """Chunks 0 and 1 fill the one worker, chunk 2 is taken here and fails at once: the run
    still fails with chunk 1's error, as one process would."""
    with Pool(os.getpid(), 2, share=True) as pool:
        with pytest.raises(InputError) as exc:
            list(pool.map(_bad_lines, [[0], [1], [2], [3]]))
        assert exc.value.line == 1
        with pytest.raises(InputError) as exc:
            list(pool.map(_bad_lines, [[0], [4], [2], [3]]))
        assert exc.value.line == 2


def test_a_worker_of_a_shared_pool_that_dies_is_e509() -> None:
    with Pool(os.getpid(), 2, share=True) as pool, pytest.raises(BuilderError) as exc:
        list(pool.map(_dies_in_a_worker, chunks(range(100), 5)))
    assert exc.value.code == "E509"


def _bug_in_chunk_2(here: int, items: list[int]) -> list[int]:
    if os.getpid() != here:
        time.sleep(0.2)
    if items[0] == 2:  # taken here: the worker has chunks 0 and 1
        raise ValueError("a bug in chunk 2")
    return items


def test_a_bug_in_a_chunk_taken_here_is_e509_as_from_a_worker() -> None:
    """The same input fails the same way whichever process took the chunk."""
    with Pool(os.getpid(), 2, share=True) as pool, pytest.raises(BuilderError) as exc:
        list(pool.map(_bug_in_chunk_2, [[0], [1], [2], [3]]))
    assert exc.value.code == "E509" and "ValueError: a bug in chunk 2" in exc.value.message


def _bad_first_then_a_death(factor: int, items: list[int]) -> list[int]:
    if items[0] == 0:  # slow, then an input error
        time.sleep(0.5)
        raise InputError(E201_BAD_DOCUMENT, "documents.jsonl", "invalid document", 1)
    if items[0] == 1:  # the other worker dies at once
        os._exit(1)
    time.sleep(0.5)
    return items


@pytest.mark.parametrize("share", [False, True])
def test_a_later_chunks_dead_worker_does_not_hide_an_earlier_chunks_error(share: bool) -> None:
    """Chunk 1's worker is gone long before chunk 0's answer comes: chunk 0's error is still
    the one raised, as when every answer was awaited in turn."""
    workers = 3 if share else 2  # two workers either way
    with Pool(1, workers, share=share) as pool, pytest.raises(InputError) as exc:
        list(pool.map(_bad_first_then_a_death, [[i] for i in range(8)]))
    assert exc.value.line == 1
