"""init --overlap / --overlap-share: the tasks want the annotators asked for, on a real server
(and the choice of tasks, offline)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.studio.overlap import Overlap, chosen
from tests.studio.conftest import Project
from tests.studio.test_roundtrip import _new_version, _ok, _sentences


def _overlaps(project: Project) -> dict[str, int]:
    tasks = project.live.studio.tasks_after(project.id, 0)
    return {t["data"]["sentence_id"]: t["overlap"] for t in tasks}


@pytest.mark.studio
def test_overlap_makes_every_task_want_that_many_annotators(project: Project, corpus: Path) -> None:
    _ok(project.cli("init", "--overlap", "2"))
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    overlaps = _overlaps(project)
    assert len(overlaps) == len(_sentences(corpus)) and set(overlaps.values()) == {2}
    assert project.live.studio.project(project.id)["maximum_annotations"] == 2
    # One annotation does not complete a task: a second annotator is served it.
    task = next(iter(project.tasks()))
    project.annotate(task["id"], [])
    assert project.live.sdk.tasks.get(id=str(task["id"])).is_labeled is False


@pytest.mark.studio
def test_overlap_share_chooses_tasks_by_sentence_id_and_pushes_keep_the_choice(
    project: Project, corpus: Path, tmp_path: Path
) -> None:
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    first, *_ = _sentences(corpus)
    annotated = project.task_for(first["id"])
    project.annotate(annotated["id"], [])  # human work: its overlap is left as it is
    said = _ok(project.cli("init", "--overlap", "3", "--overlap-share", "0.3"))
    expected = {s["id"]: 3 if chosen(s["id"], 0.3) else 1 for s in _sentences(corpus)}
    expected[first["id"]] = 1
    assert 0 < sum(v == 3 for v in expected.values()) < len(expected)
    assert _overlaps(project) == expected
    assert "annotated tasks left as they were" in said
    # The server never re-chooses: its cohort is all tasks, its default one annotator.
    found = project.live.studio.project(project.id)
    assert (found["maximum_annotations"], found["overlap_cohort_percentage"]) == (1, 100)
    # In the normal flow, one annotation completes an ordinary task but not a chosen one.
    tasks = {t["data"]["sentence_id"]: t["id"] for t in project.tasks()}
    double = next(sid for sid, n in expected.items() if n == 3)
    single = next(sid for sid, n in expected.items() if n == 1 and sid != first["id"])
    for sid in (double, single):
        project.annotate(tasks[sid], [])
    labelled = [project.live.sdk.tasks.get(id=str(tasks[s])).is_labeled for s in (double, single)]
    assert labelled == [False, True]
    # A push of a new heuristics version, and a push that re-creates deleted tasks, keep
    # the same choice.
    _ok(project.cli("push", str(_new_version(corpus, tmp_path))))
    assert _overlaps(project) == expected
    gone = [t for t in project.live.studio.tasks_after(project.id, 0) if t["overlap"] == 3][:2]
    for task in gone:
        project.live.studio.delete_task(task["id"])
    _ok(project.cli("push", str(tmp_path / "v2" / "prelabels.jsonl")))
    assert _overlaps(project) == expected


def test_the_choice_is_deterministic_and_close_to_the_share() -> None:
    ids = [f"{i:016x}" for i in range(20_000)]
    picked = [s for s in ids if chosen(s, 0.1)]
    assert picked == [s for s in ids if chosen(s, 0.1)]
    assert 0.09 < len(picked) / len(ids) < 0.11
    assert Overlap(2, 0.1).wants(picked[0]) == 2 and Overlap(2).wants(ids[0]) == 2
    assert Overlap(1, 0.1).wants(picked[0]) == 1


@given(st.text(min_size=1), st.floats(0.01, 1.0), st.floats(0.01, 1.0))
def test_a_larger_share_only_adds_tasks(sid: str, a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert not chosen(sid, low) or chosen(sid, high)


def test_an_overlap_share_outside_zero_to_one_is_refused_before_any_work(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from builder.cli import app

    nowhere = ["--url", "http://127.0.0.1:9", "--token", "never-used"]
    for share in ("0", "1.5"):
        args = ["studio", "init", "--overlap-share", share, "--state", str(tmp_path), *nowhere]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and "--overlap-share" in result.stderr, result.output
    assert not (tmp_path / "overlap.json").exists()
