"""Push planning (pure): human work is never touched and applying a plan reaches a fixpoint."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.model import Sentence
from builder.studio.plan import Plan, Remote, plan
from builder.studio.server import server_env

WORDS = st.sampled_from(["The", "minister", "said", "prices", "rose", "sharply", "today", "."])


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Sentence], list[Remote], str]:
    """Local sentences and a server that holds some of them, old versions, edits, extras."""
    texts = draw(st.lists(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), max_size=12))
    sentences = [Sentence(f"s{i}", f"d{i % 3}", i, 0, len(t), t) for i, t in enumerate(texts) if t]
    remote: list[Remote] = []
    next_id = 1
    for sent in sentences:
        copies = draw(st.integers(0, 2))  # 0: new; 2: a duplicate already on the server
        for _ in range(copies):
            edited = draw(st.booleans())
            remote.append(
                Remote(
                    task_id=next_id,
                    sentence_id=sent.id,
                    doc_id=sent.doc_id,
                    index=sent.index,
                    text=sent.text + (" Indeed." if edited else ""),
                    human=draw(st.integers(0, 2)),
                    versions=frozenset(draw(st.sets(st.sampled_from(["v1", "v2"]), max_size=2))),
                    priority=draw(st.sampled_from([None, 0.2, 0.5, 0.505])),
                )
            )
            next_id += 1
    for extra in range(draw(st.integers(0, 3))):  # tasks whose sentences left the input
        remote.append(
            Remote(
                next_id,
                f"gone{extra}",
                "d0",
                99,
                "The minister said prices rose.",
                draw(st.integers(0, 1)),
                frozenset({"v1"}),
            )
        )
        next_id += 1
    return sentences, remote, draw(st.sampled_from(["v1", "v2"]))


def _priorities(sentences: list[Sentence]) -> dict[str, tuple[float, str]]:
    return {s.id: (0.5 if s.index % 2 else 0.2, "") for s in sentences}


def _apply(the_plan: Plan, remote: list[Remote], prune: bool) -> list[Remote]:
    """What the server holds after ``push.apply`` (simulated)."""
    extra = the_plan.stale + [t for t in the_plan.duplicates if not t.human] if prune else []
    dropped = {t.task_id for t in the_plan.obsolete + extra}
    # A renewed task comes back with the current prediction alone and the current priority.
    renewed = {
        task_id: 0.5 if s.index % 2 else 0.2
        for s, task_id in the_plan.update + the_plan.reprioritise
    }
    after = [
        dataclasses.replace(
            t,
            versions=frozenset({the_plan.model_version}) if t.task_id in renewed else t.versions,
            priority=renewed.get(t.task_id, t.priority),
        )
        for t in remote
        if t.task_id not in dropped
    ]
    next_id = max((t.task_id for t in remote), default=0) + 1
    for i, sent in enumerate(the_plan.create):
        after.append(
            Remote(
                next_id + i,
                sent.id,
                sent.doc_id,
                sent.index,
                sent.text,
                0,
                frozenset({the_plan.model_version}),
                0.5 if sent.index % 2 else 0.2,
            )
        )
    return after


@given(scenarios(), st.booleans())
def test_human_work_is_never_touched(scenario: tuple[list[Sentence], list[Remote], str], prune: bool) -> None:  # fmt: skip
    sentences, remote, version = scenario
    the_plan = plan(sentences, remote, version, priorities=_priorities(sentences))
    human = {t.task_id for t in remote if t.human}
    touched = {task_id for _, task_id in the_plan.update + the_plan.reprioritise}
    touched |= {t.task_id for t in the_plan.obsolete + the_plan.stale}
    touched |= {t.task_id for t in the_plan.duplicates if not t.human}
    assert not touched & human
    after = _apply(the_plan, remote, prune)
    assert {t.task_id for t in remote if t.human} <= {t.task_id for t in after}


@given(scenarios(), st.booleans())
def test_applying_a_plan_reaches_a_fixpoint(scenario: tuple[list[Sentence], list[Remote], str], prune: bool) -> None:  # fmt: skip
    sentences, remote, version = scenario
    first = plan(sentences, remote, version, priorities=_priorities(sentences))
    after = _apply(first, remote, prune)
    second = plan(sentences, after, version, priorities=_priorities(sentences))
    assert second.create == [] and second.update == [] and second.obsolete == []
    assert second.reprioritise == []
    assert {c.task_id for c in second.conflicts} == {c.task_id for c in first.conflicts}
    # Every sentence is held by exactly one task, unless a conflict holds it back.
    held_back = {c.sentence_id for c in first.conflicts}
    standing = {t.sentence_id for t in after}
    for sent in sentences:
        assert sent.id in standing or sent.id in held_back
    new_tasks = [t for t in after if t.task_id not in {r.task_id for r in remote}]
    assert len({t.sentence_id for t in new_tasks}) == len(new_tasks), "nothing created twice"


def test_plan_counts_every_case() -> None:
    sentences = [Sentence(f"s{i}", "d", i, 0, 4, "Text") for i in range(5)]
    remote = [
        Remote(1, "s0", "d", 0, "Text", 0, frozenset({"v2"})),  # current
        Remote(2, "s1", "d", 1, "Text", 1, frozenset({"v1"})),  # annotated
        Remote(3, "s2", "d", 2, "Text", 0, frozenset({"v1"})),  # old version: update
        Remote(4, "s3", "d", 3, "Old text", 0, frozenset({"v1"})),  # edited, untouched
        Remote(5, "gone", "d", 9, "Bye", 0, frozenset({"v1"})),  # stale
        Remote(6, "s0", "d", 0, "Text", 0, frozenset({"v1"})),  # duplicate on the server
    ]
    the_plan = plan(sentences, remote, "v2")
    assert the_plan.counts() == {
        "create": 2,
        "replace (untouched, text changed)": 1,
        "update": 1,
        "skip (current)": 1,
        "skip (human work)": 1,
        "conflict": 0,
        "stale": 1,
        "annotated, sentence gone": 0,
        "duplicate on server": 1,
        "re-prioritise (untouched)": 0,  # no priorities given: none compared
    }
    assert [s.id for s in the_plan.create] == ["s3", "s4"]
    assert the_plan.update[0][1] == 3


def test_an_annotated_sentence_rewritten_under_a_new_id_is_a_conflict() -> None:
    old = Remote(7, "old", "d", 2, "The minister said prices rose.", 1, frozenset({"v1"}))
    new = Sentence("new", "d", 2, 0, 31, "The minister said prices rose 5%.")
    unrelated = Sentence("other", "d", 3, 0, 17, "Rain is expected.")
    the_plan = plan([new, unrelated], [old], "v1")
    assert [(c.sentence_id, c.task_id) for c in the_plan.conflicts] == [("new", 7)]
    assert [s.id for s in the_plan.create] == ["other"]


def test_a_rewrite_can_be_pushed_on_request_and_the_annotated_task_stays() -> None:
    old = Remote(7, "old", "d", 2, "The minister said prices rose.", 1, frozenset({"v1"}))
    new = Sentence("new", "d", 2, 0, 31, "The minister said prices rose 5%.")
    the_plan = plan([new], [old], "v1", push_conflicts=True)
    assert [c.rewrite for c in the_plan.conflicts] == [True]
    assert [s.id for s in the_plan.create] == ["new"]
    assert the_plan.stale == [] and the_plan.orphaned == []


def test_an_annotated_task_whose_sentence_left_unrecognised_is_reported() -> None:
    annotated = Remote(7, "old", "d", 2, "Police said 3 died.", 1, frozenset({"v1"}))
    rewritten = Sentence(
        "new", "d", 2, 0, 48, "Three people were killed, officials told reporters."
    )
    the_plan = plan([rewritten], [annotated], "v1")
    assert [s.id for s in the_plan.create] == ["new"]
    assert the_plan.orphaned == [annotated]
    assert the_plan.counts()["annotated, sentence gone"] == 1


@given(scenarios())
def test_every_annotated_task_whose_sentence_left_is_accounted_for(
    scenario: tuple[list[Sentence], list[Remote], str],
) -> None:
    sentences, remote, version = scenario
    the_plan = plan(sentences, remote, version)
    local = {s.id for s in sentences}
    left = {t.task_id for t in remote if t.human and t.sentence_id not in local}
    duplicates = {t.task_id for t in the_plan.duplicates}
    reported = {c.task_id for c in the_plan.conflicts} | {t.task_id for t in the_plan.orphaned}
    assert left - duplicates <= reported


def test_server_environment_drops_settings_that_would_leak(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key, value in {
        "HOST": "0.0.0.0",
        "PORT": "80",
        "USERNAME": "me",
        "DEBUG": "1",
        "LABEL_STUDIO_PORT": "1",
        "LABEL_STUDIO_API_KEY": "secret",
        "HEARTEX_HOST": "x",
    }.items():
        monkeypatch.setenv(key, value)
    env = server_env(Path("/tmp/x"))
    for key in ("HOST", "PORT", "USERNAME", "DEBUG", "LABEL_STUDIO_PORT", "HEARTEX_HOST"):
        assert key not in env
    assert "LABEL_STUDIO_API_KEY" not in env, "the token is never handed to the server"
    assert env["LABEL_STUDIO_LATEST_VERSION_CHECK"] == "false" and env["SENTRY_DSN"] == ""
    assert env["LABEL_STUDIO_BASE_DATA_DIR"] == "/tmp/x"


def test_a_retry_backs_off_while_the_server_is_still_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recovering (asking what landed) while the server is still down costs one more back-off,
    not the push."""
    from builder.studio import apply as push
    from builder.studio.client import Unreachable

    monkeypatch.setattr("time.sleep", lambda s: None)
    calls: list[str] = []
    down_for = {"action": 1, "recover": 2}

    def step(name: str) -> None:
        calls.append(name)
        if down_for[name]:
            down_for[name] -= 1
            raise Unreachable("E710", "connection refused")

    outcome = push.Outcome()
    push._retrying(lambda: step("action"), lambda: step("recover"), outcome, 5, "importing")
    assert calls == ["action", "recover", "recover", "recover", "action"]
    assert outcome.retries == 3


def test_priorities_that_moved_are_rewritten_on_untouched_tasks_only() -> None:
    sentences = [Sentence(f"s{i}", "d", i, 0, 4, "Text") for i in range(4)]
    remote = [
        Remote(1, "s0", "d", 0, "Text", 0, frozenset({"v2"}), 0.3),  # moved: rewritten
        Remote(2, "s1", "d", 1, "Text", 1, frozenset({"v2"}), 0.3),  # annotated: never
        Remote(3, "s2", "d", 2, "Text", 0, frozenset({"v1"}), 0.595),  # within tolerance
        Remote(4, "s3", "d", 3, "Text", 0, frozenset({"v1"}), None),  # pushed without one
    ]
    wanted = {s.id: (0.6, "why") for s in sentences}
    the_plan = plan(sentences, remote, "v2", priorities=wanted)
    assert [task for _, task in the_plan.reprioritise] == [1]
    assert [task for _, task in the_plan.update] == [3, 4], "renewed with their new priority"


def test_an_untouched_task_with_older_predictions_is_renewed_an_annotated_one_never() -> None:
    sentences = [Sentence(f"s{i}", "d", i, 0, 4, "Text") for i in range(3)]
    remote = [
        Remote(1, "s0", "d", 0, "Text", 0, frozenset({"v1", "v2"})),  # two tabs: renewed
        Remote(2, "s1", "d", 1, "Text", 1, frozenset({"v1", "v2"})),  # annotated: kept as is
        Remote(3, "s2", "d", 2, "Text", 0, frozenset()),  # no prediction at all: renewed
    ]
    the_plan = plan(sentences, remote, "v2")
    assert [task for _, task in the_plan.update] == [1, 3]
    assert the_plan.skip_human == 1 and the_plan.skip_current == 0


def test_an_export_without_predictions_reads_the_version_recorded_in_the_task_data() -> None:
    def exported(tid: int, predictions: list[int], **data: object) -> Remote:
        fields = {"text": "Text", "sentence_id": f"s{tid}", "doc_id": "d", "index": tid}
        task = {"id": tid, "predictions": predictions, "data": {**fields, **data}}
        found = Remote.from_export(task)
        assert found is not None
        return found

    remote = [
        exported(0, [11], model_version="v2"),  # current: left alone
        exported(1, [12], model_version="v1"),  # older version: renewed
        exported(2, [13]),  # pushed before versions were recorded: renewed once
        exported(3, [14, 15], model_version="v2"),  # a second prediction arrived: renewed
        exported(4, [], model_version="v2"),  # its prediction was deleted: renewed
    ]
    sentences = [Sentence(f"s{i}", "d", i, 0, 4, "Text") for i in range(5)]
    the_plan = plan(sentences, remote, "v2")
    assert [task for _, task in the_plan.update] == [1, 2, 3, 4]
    assert the_plan.skip_current == 1
    full = Remote.from_export(
        {
            "id": 9,
            "data": {"text": "T", "sentence_id": "s", "model_version": "v1"},
            "predictions": [{"model_version": "v2"}],
        }
    )
    assert full is not None and full.current_as == "v2", "a full export says it itself"
