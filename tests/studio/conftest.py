"""A real Label Studio server for the session (started and stopped here) and helpers.

Every test works in a project of its own, so tests do not see each other's tasks.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.studio import server
from builder.studio.client import Studio, endpoint


@dataclass
class Server:
    state: Path
    url: str
    studio: Studio
    up_output: str  # what `builder studio up` printed

    @property
    def sdk(self) -> Any:
        return self.studio.sdk


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Started and stopped through the CLI, as a user would."""
    state = tmp_path_factory.mktemp("studio-state")
    started = CliRunner().invoke(app, ["studio", "up", "--state", str(state)])
    try:
        assert started.exit_code == 0, started.output
        running = server.running(state)
        assert running is not None
        yield Server(state, running.url, Studio(endpoint(None, None, state)), started.output)
    finally:
        stopped = CliRunner().invoke(app, ["studio", "down", "--state", str(state)])
        assert stopped.exit_code == 0, stopped.output
        assert server.running(state) is None


@pytest.fixture(scope="session")
def corpus(built: Path) -> Path:
    """sentences.jsonl + prelabels.jsonl of the sample corpus (53 sentences): the session's one
    build of the samples, read-only."""
    return built


@dataclass
class Project:
    live: Server
    title: str

    def cli(self, *args: str) -> Any:
        """Run a `builder studio` command against this project; returns the click result."""
        command, *rest = args
        return CliRunner().invoke(
            app,
            ["studio", command, *rest, "--state", str(self.live.state), "--project", self.title],
        )

    @property
    def id(self) -> int:
        found = self.live.studio.find_project(self.title)
        assert found is not None
        return int(found["id"])

    def tasks(self) -> list[dict[str, Any]]:
        return self.live.studio.export(self.id, all_tasks=True, predictions=True)

    def task_for(self, sentence_id: str) -> dict[str, Any]:
        (task,) = [t for t in self.tasks() if t["data"]["sentence_id"] == sentence_id]
        return task

    def annotate(self, task_id: int, result: list[dict[str, Any]], **fields: Any) -> Any:
        return self.live.sdk.annotations.create(id=task_id, result=result, **fields)


@pytest.fixture
def project(live: Server) -> Project:
    made = Project(live, f"test-{uuid.uuid4().hex[:10]}")
    result = made.cli("init")
    assert result.exit_code == 0, result.output
    return made
