"""Every command starts light: the dataset stack loads only for the commands that need it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from builder.ingest import build_document
from builder.ingest.readers import InputFormat, RawDoc
from builder.jsonl import dumps

HEAVY = ("datasets", "pyarrow", "datasketch", "label_studio_sdk", "ray")


def test_importing_the_cli_does_not_load_the_dataset_stack() -> None:
    code = f"import sys, builder.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "", f"loaded at start-up: {loaded.stdout.strip()}"


def test_a_command_imports_its_own_stage_only() -> None:
    """`builder segment` does not pay for the heuristics, the export or Label Studio."""
    code = (
        "import sys; from builder.cli import app; from builder.cli.lazy import load;"
        "load('segment');"
        "print(' '.join(m for m in ('builder.prelabel.apply', 'builder.export.build',"
        " 'builder.studio.server', 'builder.pipeline.build') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "", f"loaded for segment: {loaded.stdout.strip()}"


def test_segment_on_good_documents_loads_no_error_explainer_nor_worker_code(tmp_path: Path) -> None:
    """jsonschema only explains a bad record and multiprocessing only starts workers: a run of
    `builder segment --workers 1` on good documents needs neither (a tenth of its start-up)."""
    raw = RawDoc("d1", "A first sentence. A second one.", "t.txt", InputFormat.text)
    docs = tmp_path / "documents.jsonl"
    docs.write_bytes(dumps(build_document(raw).to_dict()))
    out = tmp_path / "sentences.jsonl"
    code = (
        "import sys; from builder.cli import app\n"
        f"try: app(['segment', {str(docs)!r}, '-o', {str(out)!r}, '--workers', '1'])\n"
        "except SystemExit as exc: assert not exc.code, exc.code\n"
        "print(' '.join(m for m in ('jsonschema', 'multiprocessing') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "", f"loaded for segment: {loaded.stdout.strip()}"
    assert len(out.read_bytes().splitlines()) == 2
