"""Annotator pseudonyms: stable, salted, kept with their key in the state folder only."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from typer.testing import CliRunner

from builder.cli import app
from builder.studio.pseudonyms import FILE, key, pseudonym, pseudonymise
from builder.studio.pull import write_snapshot
from tests.studio.test_adjudicate import _annotation, _task


def test_a_pseudonym_is_stable_salted_and_maps_back_locally(tmp_path: Path) -> None:
    state = tmp_path / ".studio"
    first = pseudonymise({1: "a@example.com", 2: "b@example.com"}, state)
    again = pseudonymise({1: "a@example.com"}, state)
    assert first[1] == again[1] != first[2]
    assert first[1].startswith("annotator-") and "example" not in first[1]
    stored = json.loads((state / FILE).read_text())
    assert stat.S_IMODE((state / FILE).stat().st_mode) == 0o600
    assert key(state) == {first[1]: "a@example.com", first[2]: "b@example.com"}
    # Another state folder has another salt: the pseudonym says nothing without it.
    assert pseudonymise({1: "a@example.com"}, tmp_path / "other")[1] != first[1]
    assert pseudonym(stored["salt"], "a@example.com") == first[1]

    shown = CliRunner().invoke(app, ["studio", "annotators", "--state", str(state), first[2]])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == f"{first[2]}\tb@example.com\n"
    unknown = CliRunner().invoke(app, ["studio", "annotators", "--state", str(state), "x"])
    assert unknown.exit_code == 1 and "E741" in unknown.stderr


def test_snapshots_hold_pseudonyms_and_no_e_mail(tmp_path: Path) -> None:
    users = pseudonymise({1: "a@example.com", 2: "b@example.com"}, tmp_path / ".studio")
    one = _annotation(10, 1, "neutral", "2026-01-01T10:00:00Z")
    two = _annotation(11, 2, "negative", "2026-01-01T11:00:00Z")
    report = write_snapshot([_task(1, one, two)], users, tmp_path / "annotations")
    assert report.snapshot is not None
    written = "".join(p.read_text() for p in (tmp_path / "annotations").iterdir())
    assert "example.com" not in written
    records = [json.loads(line) for line in report.snapshot.read_text().splitlines()]
    assert sorted(r["annotator"] for r in records) == sorted(users.values())
