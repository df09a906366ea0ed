"""The import parser the architecture and DVC tests rely on, on a small package in tmp_path."""

from __future__ import annotations

from pathlib import Path

from tests.import_graph import Import, build_graph, cycles

FILES = {
    "builder/__init__.py": '"""Root."""\n',
    "builder/model.py": "import os\n",
    "builder/room/__init__.py": "from .core import thing\n",
    "builder/room/core.py": (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from builder import model\n"
        "from . import plug\n"
        "from ..model import os\n"
        "if TYPE_CHECKING:\n"
        "    from builder.cli.run import Thing\n"
        "PLUGINS = ('builder.room.plug', 'builder.room.gone', 'builder.cli.run:main', 'builder')\n"
        "def thing() -> None:\n"
        "    import builder.room.late as late\n"
    ),
    "builder/room/plug.py": "from builder.room.core import thing\nfrom builder.workers import pool\n",
    "builder/room/late.py": "",
    "builder/room/data.yaml": "",
    "builder/cli/__init__.py": "",
    "builder/cli/run.py": "import json\n",
}


def make(root: Path) -> None:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_every_kind_of_import_is_seen(tmp_path: Path) -> None:
    make(tmp_path)
    graph = build_graph(tmp_path)
    core = "builder.room.core"
    assert [(i.target, i.line, i.kind) for i in graph.imports if i.source == core] == [
        ("builder.model", 3, "module"),  # `from builder import model`: the submodule
        ("builder.room.plug", 4, "module"),  # relative, a submodule
        ("builder.model", 5, "module"),  # relative two levels up, an attribute
        ("builder.cli.run", 7, "type"),
        ("builder.room.plug", 8, "name"),  # the missing module and the word are left out
        ("builder.cli.run", 8, "name"),
        ("builder.room.late", 10, "lazy"),
    ]
    # A package's relative import starts from the package itself; a module that does not
    # exist yet counts as its existing parent.
    assert graph.edges()["builder.room"] == {
        "builder.room.core": Import("builder.room", "builder.room.core", 1, "module")
    }
    assert set(graph.edges()["builder.room.plug"]) == {"builder.room.core", "builder"}


def test_the_closure_follows_run_time_imports_and_parents(tmp_path: Path) -> None:
    make(tmp_path)
    graph = build_graph(tmp_path)
    # late -> its parent room -> core -> everything core imports at run time (not under
    # TYPE_CHECKING, but by name) -> the parents of those.
    assert graph.closure("builder.room.late") == set(graph.modules)
    # An opaque module is in the closure; what it imports is not.
    assert graph.closure("builder.room.plug", opaque=["builder.room.core"]) == {
        "builder",
        "builder.room",
        "builder.room.core",
        "builder.room.plug",
    }


def test_cycles_are_reported_once_per_component_shortest_first() -> None:
    edges = {"a": ["b"], "b": ["c", "a"], "c": ["a"], "d": ["d"], "e": ["a"]}
    found = cycles(edges)
    assert [(c.path, c.members) for c in found] == [
        (("a", "b"), ("a", "b", "c")),
        (("d",), ("d",)),
    ]
    assert cycles({"a": ["b"], "b": []}) == []
