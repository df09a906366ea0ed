"""Tables from the data packages, kept on disk between runs: the same tables as built afresh,
and a cache that is broken or cannot be written changes nothing but the time."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.prelabel.entities import gazetteer, lexicon
from builder.prelabel.package_cache import cache_dir, cached_table

CALLS: list[int] = []


def _count() -> list[int]:
    CALLS.append(1)
    return [1, 2, 3]


def test_a_kept_table_is_read_back_instead_of_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUILDER_CACHE_DIR", str(tmp_path))
    before = len(CALLS)
    assert cached_table("count", ("orjson",), _count) == [1, 2, 3]
    assert cached_table("count", ("orjson",), _count) == [1, 2, 3]
    assert len(CALLS) == before + 1
    assert [p.name.startswith("count-") for p in tmp_path.iterdir()] == [True]


def test_the_package_tables_are_those_built_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUILDER_CACHE_DIR", str(tmp_path))
    for _ in range(2):  # written, then read back
        assert gazetteer.read_tables() == gazetteer._package_tables()
        kept = cached_table("first_names", ("gender-guesser",), lexicon._package_first_names)
        assert kept == lexicon._package_first_names()


def test_a_broken_or_unwritable_cache_is_passed_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUILDER_CACHE_DIR", str(tmp_path))
    cached_table("count", ("orjson",), _count)
    (kept,) = tmp_path.iterdir()
    kept.write_bytes(b'{"half a')
    assert cached_table("count", ("orjson",), _count) == [1, 2, 3]
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BUILDER_CACHE_DIR", str(blocker / "cache"))
    assert cached_table("count", ("orjson",), _count) == [1, 2, 3]
    monkeypatch.setenv("BUILDER_CACHE_DIR", "off")
    assert cache_dir() is None
    assert cached_table("count", ("orjson",), _count) == [1, 2, 3]
