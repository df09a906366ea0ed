"""What an annotator sees: a pre-labelled task in Label Studio's labeling view, in a real
(headless) browser, shows every region, relation and choice of its prediction.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them) and `selenium` (the
`test` extra). Without them the test skips, except under CI, where it fails: a CI that lost
its browser must not stay green. On a failure the screenshot and the page source are saved
under ``BUILDER_TEST_ARTEFACTS`` (else the test's tmp folder), named in the message.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder.labels import labels
from builder.studio.label_config import label_config
from builder.studio.project import vocabulary
from tests.studio.browser import LabelingView, browser_or_skip, evidence
from tests.studio.conftest import Project, Server


@pytest.fixture(scope="module")
def view() -> Iterator[LabelingView]:
    opened = LabelingView(*browser_or_skip())
    try:
        yield opened
    finally:
        opened.close()


@pytest.mark.parametrize("ci", ["", "true"])
def test_without_a_browser_it_skips_except_under_ci(
    ci: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises((pytest.fail.Exception, pytest.skip.Exception)) as stopped:
        browser_or_skip()
    assert isinstance(stopped.value, pytest.fail.Exception) == bool(ci)
    assert "apt-get install chromium chromium-driver" in str(stopped.value)


def _richest(tasks: list[dict[str, Any]]) -> dict[str, Any]:
    """The task whose prediction has the most parts, among those that have every kind."""

    def kinds(task: dict[str, Any]) -> set[str]:
        return {str(r.get("from_name") or r["type"]) for r in task["predictions"][0]["result"]}

    every = {"ner", "claim", "relation", "quote", "check_worthy", "sentiment"}
    full = [t for t in tasks if t["predictions"] and every <= kinds(t)]
    assert full, "the sample corpus has a sentence with entities, claims and relations"
    return max(full, key=lambda t: (len(t["predictions"][0]["result"]), -int(t["id"])))


def _relations(seen: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(from region id, to region id, label) of every relation the page lists."""
    by_index = {r["index"]: rid for rid, r in seen["regions"].items() if "index" in r}
    assert len(seen["relations"]) == len(seen["arrows"]), seen
    return sorted(
        (by_index.get(pair[0], f"#{pair[0]}"), by_index.get(pair[-1], f"#{pair[-1]}"), label)
        for pair, label in zip(seen["relations"], seen["arrows"], strict=True)
    )


def _artefacts(tmp_path: Path) -> Path:
    return Path(os.environ.get("BUILDER_TEST_ARTEFACTS") or tmp_path) / "browser"


@pytest.mark.studio
@pytest.mark.browser
def test_a_prelabelled_task_shows_every_predicted_region_relation_and_choice(
    view: LabelingView, live: Server, project: Project, corpus: Path, tmp_path: Path
) -> None:
    pushed = project.cli("push", str(corpus / "prelabels.jsonl"))
    assert pushed.exit_code == 0, pushed.output
    task = _richest(project.tasks())
    result = task["predictions"][0]["result"]
    spans = {
        r["id"]: (r["value"]["labels"][0], r["value"]["start"], r["value"]["end"])
        for r in result
        if r["type"] == "labels"
    }
    texts = sorted(
        (r["value"]["labels"][0], r["value"]["text"]) for r in result if r["type"] == "labels"
    )
    relations = sorted(
        (r["from_id"], r["to_id"], ",".join(r["labels"])) for r in result if r["type"] == "relation"
    )
    choices = [r for r in result if r["type"] == "choices"]
    offered: dict[str, set[str]] = {}
    for control, value in vocabulary(label_config(labels())):
        offered.setdefault(control, set()).add(value)
    creds = json.loads((live.state / "credentials.json").read_text(encoding="utf-8"))

    with evidence(view, _artefacts(tmp_path), f"task-{task['id']}"):
        view.log_in(live.url, creds["email"], creds["password"])
        view.open_task(live.url, project.id, int(task["id"]), len(spans))
        seen = view.read()
        drawn = {
            rid: (r.get("label"), r.get("start"), r.get("end"))
            for rid, r in seen["regions"].items()
        }
        assert drawn == spans, "each predicted span highlighted with its label, at its offsets"
        listed = sorted((item["label"], item["text"]) for item in seen["outliner"])
        assert listed == texts, "the region list holds every predicted span"
        for choice in choices:
            control, wanted = choice["from_name"], choice["value"]["choices"]
            if "start" in choice["value"]:  # per region (direct/indirect): shown when selected
                view.select_region(seen["regions"][choice["id"]]["index"])
            got = view.shown_choices(offered[control])
            where = f" of region {choice['id']}" if "start" in choice["value"] else ""
            assert got == wanted, f"{control}{where}: {got} shown, {wanted} predicted"
        view.show_relations(len(relations))
        assert _relations(view.read()) == relations, "every predicted relation, with its label"
