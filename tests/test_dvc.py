"""The DVC pipeline, with real `dvc repro` in a temporary git repository."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from datasets import load_dataset

from tests.conftest import REPO
from tests.quality.helpers import record, snapshot

pytestmark = pytest.mark.slow

COPY = ("builder", "schemas", "samples", "annotations", "dvc.yaml", "params.yaml")


def run(cmd: list[str], cwd: Path) -> str:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, f"{cmd}: {result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("dvc") is None:
        pytest.fail("dvc is a test dependency: pip install -e '.[test]'")
    root = tmp_path_factory.mktemp("dvcrepo")
    for name in COPY:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(
                src, root / name, ignore=shutil.ignore_patterns("__pycache__", "_schemas")
            )
        else:
            shutil.copy(src, root / name)
    run(["git", "init", "-q"], root)
    run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A"], root)
    run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init"], root)
    run(["dvc", "init", "-q"], root)
    run(["dvc", "config", "core.analytics", "false"], root)
    run(["dvc", "repro"], root)
    return root


def stages_run(output: str) -> list[str]:
    return [line.split("'")[1] for line in output.splitlines() if line.startswith("Running stage")]


def test_repro_builds_a_dataset_that_load_dataset_reads(repo: Path) -> None:
    ds = load_dataset(str(repo / "data" / "datasets" / "news" / "0.1.0"), "ner")
    assert ds["train"].num_rows > 0


def test_second_repro_does_nothing(repo: Path) -> None:
    assert stages_run(run(["dvc", "repro"], repo)) == []


def test_metrics_show_prints_the_declared_metrics(repo: Path) -> None:
    out = run(["dvc", "metrics", "show", "--json"], repo)
    (workspace,) = json.loads(out).values()  # keyed "" (or "workspace" in older DVC)
    shown = workspace["data"]
    assert set(shown) == {"data/metrics/export.json", "data/metrics/eval.json"}
    export = shown["data/metrics/export.json"]["data"]
    manifest = json.loads(
        (repo / "data" / "datasets" / "news" / "0.1.0" / "manifest.json").read_text()
    )
    # The numbers of the version just built, as DVC reads them from the declared file.
    assert export["version"] == "0.1.0"
    assert export["rows"] == manifest["rows"] and sum(export["rows"]["ner"].values()) > 0
    counted = {  # DVC leaves out the splits without any label (empty objects)
        config: {split: labels for split, labels in splits.items() if labels}
        for config, splits in manifest["label_counts"].items()
    }
    assert export["label_counts"] == counted
    evaluated = shown["data/metrics/eval.json"]["data"]
    assert evaluated["policy"] == "latest"
    assert evaluated["summary"]["model_version"].startswith("heuristics-")


def test_plots_show_renders_the_label_distribution(repo: Path) -> None:
    out = run(["dvc", "plots", "show", "--json"], repo)
    assert "labels.json" in out
    records = json.loads((repo / "data" / "metrics" / "labels.json").read_text())
    assert {"config", "split", "label", "count"} <= set(records[0])


def test_split_param_change_reruns_only_export(repo: Path) -> None:
    params = repo / "params.yaml"
    params.write_text(params.read_text().replace("salt: v1", "salt: v2"))
    try:
        assert stages_run(run(["dvc", "repro"], repo)) == ["export"]
    finally:
        params.write_text(params.read_text().replace("salt: v2", "salt: v1"))
        run(["dvc", "repro"], repo)


def test_learn_param_change_retrains_the_model_and_relabels(repo: Path) -> None:
    """The learn stage has its own params; the model it writes is what prelabel reads (its
    hash in every pre-label's model_version)."""
    model = repo / "data" / "model.crf"
    before = model.read_bytes()
    params = repo / "params.yaml"
    params.write_text(params.read_text().replace("iterations: 40", "iterations: 5"))
    try:
        assert stages_run(run(["dvc", "repro"], repo)) == ["learn", "prelabel", "eval", "export"]
        assert model.read_bytes() != before
        digest = hashlib.sha256(model.read_bytes()).hexdigest()[:12]
        first = json.loads((repo / "data" / "prelabels.jsonl").read_text().splitlines()[0])
        assert first["model_version"].endswith(f"+crf-{digest}")
    finally:
        params.write_text(params.read_text().replace("iterations: 5", "iterations: 40"))
        run(["dvc", "repro"], repo)
    assert model.read_bytes() == before  # seeded: the same corpus, the same bytes


def _same_files(a: Path, b: Path) -> None:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_a_new_annotation_snapshot_reruns_eval_and_export_and_becomes_gold(repo: Path) -> None:
    first = json.loads((repo / "data" / "sentences.jsonl").read_text().splitlines()[0])
    word = first["text"].split()[0]
    labels = [(0, len(word), "ORG")]
    one = record(
        "a@example.com",
        labels,
        sid=first["id"],
        text=first["text"],
        check_worthy="no",
        sentiment="neutral",
    )
    project = repo / "annotations" / "news-dataset-builder"
    snapshot(repo / "annotations", [one], project.name)
    try:
        # the learned model trains on the new gold too: a new model, new pre-label versions
        assert stages_run(run(["dvc", "repro"], repo)) == ["learn", "prelabel", "eval", "export"]
        version = repo / "data" / "datasets" / "news" / "0.1.0"
        manifest = json.loads((version / "manifest.json").read_text())
        assert manifest["sources"]["gold"] == 1 and manifest["gold"]["exported"] == 1
        assert "## Heuristic quality" in (version / "README.md").read_text()
        metrics = json.loads(run(["dvc", "metrics", "show", "--json"], repo))
        assert "eval.json" in json.dumps(metrics)
        # `builder build` with the same annotations gives the same bytes.
        run(
            [
                "builder",
                "build",
                "samples/corpus",
                "-o",
                "direct-gold",
                "--annotations",
                "annotations",
                "--model",
                "data/model.crf",
            ],
            repo,
        )
        _same_files(version, repo / "direct-gold" / "datasets" / "news" / "0.1.0")
    finally:
        shutil.rmtree(project)
        run(["dvc", "repro"], repo)


def test_builder_build_gives_the_same_dataset_as_dvc(repo: Path) -> None:
    run(["builder", "build", "samples/corpus", "-o", "direct", "--model", "data/model.crf"], repo)
    _same_files(
        repo / "data" / "datasets" / "news" / "0.1.0",
        repo / "direct" / "datasets" / "news" / "0.1.0",
    )
