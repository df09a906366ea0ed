"""The architecture, as tests: the layers below are its specification.

A module may import from its own layer or a lower one, never a higher one; nothing imports in
a circle, neither modules nor rooms (the top-level packages: ``gold`` and ``quality`` may not
import each other); every module stays under 300 lines. Imports are read from the source
(``tests/import_graph.py``): module-level, in functions, under ``TYPE_CHECKING`` and module
names in strings (the heuristic families that ``prelabel/registry.py`` imports by name).
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.import_graph import PACKAGE, ROOT, Graph, Import, build_graph, cycles

# Paths inside builder/, from the ground up: a folder ("metrics/") holds every module under
# it. A listed module need not exist; a module
# that exists must be listed, so that a new room takes a place in the design on purpose.
LAYERS: tuple[tuple[str, ...], ...] = (
    # 0 ground: the records, the errors, the label schema, files on disk, shared arithmetic
    (
        "__init__.py",
        "model/",
        "errors.py",
        "labels.py",
        "jsonl.py",
        "folders.py",
        "schemas.py",
        "datafiles.py",
        "metrics/",
        "minhash.py",
        "band_index.py",
        "memo.py",
        "workers/",
        "hooks.py",
        "signals.py",
    ),
    ("ingest/", "segment/"),  # 1: raw documents -> documents -> sentences
    ("prelabel/",),  # 2: the heuristics
    ("gold/", "quality/", "learn/"),  # 3: the human annotations and what they measure
    ("version/",),  # 4: released dataset versions on disk
    ("studio/", "export/"),  # 5: Label Studio sync, dataset export
    ("pipeline/",),  # 6: every stage, as a library
    ("engine/",),  # 7: where the stages' work runs: local processes or a Ray cluster
    ("cli/", "__main__.py"),  # 8: the commands
)
MAX_LINES = 300


def layer_of(graph: Graph, module: str) -> int | None:
    """The layer of the longest entry that holds the module's file, or None if unlisted."""
    path = graph.path(module).removeprefix(f"{PACKAGE}/")
    matches = [
        (len(entry), layer)
        for layer, entries in enumerate(LAYERS)
        for entry in entries
        if path == entry or (entry.endswith("/") and path.startswith(entry))
    ]
    return max(matches)[1] if matches else None


def room_of(module: str) -> str:
    """The top-level package or module of builder that holds the module."""
    return ".".join(module.split(".")[:2])


def test_every_module_has_a_layer() -> None:
    graph = build_graph()
    unlisted = [graph.path(m) for m in graph.modules if layer_of(graph, m) is None]
    if unlisted:
        pytest.fail(
            f"modules in no layer: {unlisted}. Place each in LAYERS at the top of "
            "tests/test_architecture.py (or its folder, for a new package): the layer says "
            "what it may import and what may import it.",
            pytrace=False,
        )


def test_no_import_from_a_lower_layer_to_a_higher_one() -> None:
    graph = build_graph()
    upward: list[str] = []
    for imp in graph.imports:
        low, high = layer_of(graph, imp.source), layer_of(graph, imp.target)
        if low is not None and high is not None and high > low:
            upward.append(f"  {graph.where(imp)}  (from layer {low} up to layer {high})")
    if upward:
        pytest.fail("imports upward:\n" + "\n".join(upward), pytrace=False)


def _describe(graph: Graph, path: tuple[str, ...], how: dict[str, dict[str, Import]]) -> str:
    steps = zip(path, (*path[1:], path[0]), strict=True)
    return "\n".join(f"    {graph.where(how[a][b])}" for a, b in steps)


def test_no_import_cycle_between_modules() -> None:
    graph = build_graph()
    edges = graph.edges()
    found = cycles(edges)
    report = [
        f"  {len(c.members)} modules import each other, among them:\n"
        f"{_describe(graph, c.path, edges)}\n"
        f"    (all of: {', '.join(graph.path(m) for m in c.members)})"
        for c in found
    ]
    if found:
        pytest.fail("import cycles:\n" + "\n".join(report), pytrace=False)


def test_no_import_cycle_between_rooms() -> None:
    graph = build_graph()
    # room -> room -> the first import that makes the edge
    rooms: dict[str, dict[str, Import]] = defaultdict(dict)
    for imp in graph.imports:
        a, b = room_of(imp.source), room_of(imp.target)
        if a != b:
            rooms[a].setdefault(b, imp)
    found = cycles(rooms)
    report = [
        f"  {' -> '.join((*c.path, c.path[0]))}:\n{_describe(graph, c.path, rooms)}" for c in found
    ]
    if found:
        pytest.fail("rooms that import each other:\n" + "\n".join(report), pytrace=False)


def test_every_module_is_under_300_lines() -> None:
    graph = build_graph()
    long: dict[str, int] = {}
    for module, path in graph.modules.items():
        lines = len(path.read_bytes().splitlines())
        if lines >= MAX_LINES:
            long[graph.path(module)] = lines
    message = f"modules of {MAX_LINES} lines or more (split them by theme): " + ", ".join(
        f"{path} ({n})" for path, n in sorted(long.items())
    )
    if long:
        pytest.fail(message, pytrace=False)


def test_no_compiled_module_shadows_its_source() -> None:
    """The compiled build (docs/compiled.md) compiles in place: made in the checkout, it
    leaves extension modules beside the sources, which Python imports first. The tests would
    then test the last build, not the code."""
    stale = sorted(str(path.relative_to(ROOT)) for path in (ROOT / PACKAGE).rglob("*.so"))
    assert not stale, (
        "compiled modules in the checkout (build with `python -m bench.compiled_build OUT`; "
        f"remove these): {', '.join(stale[:5])}"
    )
