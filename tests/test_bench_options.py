"""The benchmarks' options: a value that leaves nothing to measure is refused, naming the option.

`bench.segmentation --repeat 0` raised IndexError after scoring the dev sets; `bench.export_rows
--chunks 0` said every chunk was skipped, blaming `--skip`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


def _run(monkeypatch: pytest.MonkeyPatch, module: str, *args: str) -> SystemExit:
    import importlib

    main = importlib.import_module(module).main
    monkeypatch.setattr(sys, "argv", [module, *args])
    with pytest.raises(SystemExit) as exc:
        main()
    return exc.value


@pytest.mark.parametrize(
    ("module", "args", "said"),
    [
        ("bench.segmentation", ["--repeat", "0"], "argument --repeat: must be 1 or more, not 0"),
        ("bench.segmentation", ["--repeat", "x"], "argument --repeat: invalid int value: 'x'"),
        ("bench.export_rows", ["--chunks", "0"], "argument --chunks: must be 1 or more, not 0"),
        ("bench.export_rows", ["--skip", "-1"], "argument --skip: must be 0 or more, not -1"),
    ],
)
def test_a_count_that_leaves_nothing_to_measure_is_a_usage_error(
    built: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    module: str,
    args: list[str],
    said: str,
) -> None:
    inputs = [str(built)] if module == "bench.export_rows" else []
    assert _run(monkeypatch, module, *inputs, *args).code == 2
    assert said in capsys.readouterr().err


def test_export_rows_blames_skip_only_when_skip_took_every_chunk(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exc = _run(monkeypatch, "bench.export_rows", str(built), "--skip", "1")
    assert "1 chunks of 4096 sentences, all skipped (--skip 1)" in str(exc.code)
    for name in ("sentences.jsonl", "prelabels.jsonl"):
        (tmp_path / name).write_bytes(b"")
    exc = _run(monkeypatch, "bench.export_rows", str(tmp_path), "--skip", "0")
    assert exc.code == f"{tmp_path}: no sentence to time"
