"""The graph of imports between builder's own modules, read from the source with ``ast``.

Nothing is imported: the graph is what the code says, including what runs only sometimes.
Four kinds of import are seen, because each is a dependency of the importing module:

- ``module``: at module level (also inside ``try``, class bodies, plain ``if``);
- ``lazy``: inside a function, loaded when it runs (heavy dependencies, command bodies);
- ``type``: under ``if TYPE_CHECKING:``, for annotations only: never run, but still a
  dependency of the design (a lower layer that names a higher one's types knows about it);
- ``name``: a module named in a string (``"builder.prelabel.claims.lfs"``, or
  ``"module:attr"``), which code loads with ``importlib.import_module`` or hands to a worker.

``from X import Y`` is an import of the module ``X.Y`` when that module exists, of ``X``
otherwise. Relative imports are resolved against the importing module's package.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "builder"

Kind = Literal["module", "lazy", "type", "name"]


@dataclass(frozen=True, slots=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module, dotted (an existing module of the package)
    line: int
    kind: Kind


@dataclass(frozen=True, slots=True)
class Graph:
    root: Path  # the folder that holds the package
    modules: Mapping[str, Path]  # dotted name -> its file (a package -> its __init__.py)
    imports: tuple[Import, ...]  # sorted by source, line

    def path(self, module: str) -> str:
        """The module's file relative to the root, as written in dvc.yaml and in messages."""
        return self.modules[module].relative_to(self.root).as_posix()

    def where(self, imp: Import) -> str:
        """``file:line imports target`` for failure messages."""
        verb = {
            "module": "imports",
            "lazy": "imports (in a function)",
            "type": "imports (under TYPE_CHECKING)",
            "name": "names (in a string)",
        }[imp.kind]
        return f"{self.path(imp.source)}:{imp.line} {verb} {imp.target}"

    def edges(self, *, runtime: bool = False) -> dict[str, dict[str, Import]]:
        """source -> target -> the first import of target in source (lowest line).

        ``runtime`` leaves out the ``TYPE_CHECKING`` imports, which never run."""
        out: dict[str, dict[str, Import]] = {m: {} for m in self.modules}
        for imp in self.imports:
            if runtime and imp.kind == "type":
                continue
            out[imp.source].setdefault(imp.target, imp)
        return out

    def parents(self, module: str) -> Iterator[str]:
        """The packages that Python imports before ``module``, outermost first."""
        parts = module.split(".")
        for i in range(1, len(parts)):
            name = ".".join(parts[:i])
            if name in self.modules:
                yield name

    def closure(self, start: str, *, opaque: Iterable[str] = ()) -> set[str]:
        """Every module that runs when ``start`` is imported and its functions are called:
        run-time imports, followed transitively, plus the parent packages of each module.
        ``opaque`` modules are in the closure but their own imports are not followed."""
        edges = self.edges(runtime=True)
        stop = set(opaque)
        seen: set[str] = set()
        todo = [start]
        while todo:
            module = todo.pop()
            if module in seen:
                continue
            seen.add(module)
            todo.extend(self.parents(module))
            if module not in stop:
                todo.extend(edges[module])
        return seen


def module_name(root: Path, path: Path) -> str | None:
    """The dotted name of a ``.py`` file under ``root``, or None for a file Python cannot
    import by name (``my-script.py``)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) if all(p.isidentifier() for p in parts) else None


def find_modules(root: Path, package: str = PACKAGE) -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        name = module_name(root, path)
        if name is not None:
            modules[name] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, known: Mapping[str, Path]) -> None:
        self.module = module
        # The package relative imports start from: a package's own name for its __init__.py.
        self.package = module if is_package else module.rpartition(".")[0]
        self.known = known
        self.functions = 0  # nesting depth of function bodies
        self.type_only = 0  # nesting depth of `if TYPE_CHECKING:` bodies
        self.found: list[Import] = []

    def _add(self, name: str, line: int, *, by_name: bool = False) -> None:
        if name != PACKAGE and not name.startswith(PACKAGE + "."):
            return  # a third-party or standard module
        # A module that does not exist (yet): the import still loads its existing parents.
        while name not in self.known and "." in name:
            name = name.rpartition(".")[0]
        if name == self.module or name not in self.known:
            return
        kind: Kind = "module"
        if self.type_only:
            kind = "type"
        elif by_name:
            kind = "name"
        elif self.functions:
            kind = "lazy"
        self.found.append(Import(self.module, name, line, kind))

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self.functions += 1
        self.generic_visit(node)
        self.functions -= 1

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function
    visit_Lambda = _function

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        self.type_only += 1
        for stmt in node.body:
            self.visit(stmt)
        self.type_only -= 1
        for stmt in node.orelse:
            self.visit(stmt)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            anchor = self.package.split(".")
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            self._add(sub if sub in self.known else base, node.lineno)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            name = node.value.partition(":")[0]
            # "builder" alone is a word (the program's name), never a module loaded by name.
            if name.startswith(PACKAGE + ".") and name in self.known:
                self._add(name, node.lineno, by_name=True)


def imports_of(module: str, path: Path, known: Mapping[str, Path]) -> list[Import]:
    collector = _Collector(module, path.name == "__init__.py", known)
    collector.visit(ast.parse(path.read_bytes(), filename=str(path)))
    return list(dict.fromkeys(collector.found))  # `from x import a, b` is one import of x


@functools.cache
def build_graph(root: Path = ROOT, package: str = PACKAGE) -> Graph:
    modules = find_modules(root, package)
    found = [imp for name, path in modules.items() for imp in imports_of(name, path, modules)]
    return Graph(root, modules, tuple(sorted(found, key=lambda i: (i.source, i.line))))


@dataclass(frozen=True, slots=True)
class Cycle:
    path: tuple[str, ...]  # a shortest cycle, from the smallest name; path[-1] -> path[0]
    members: tuple[str, ...]  # its whole strongly connected component, sorted


def cycles(edges: Mapping[str, Iterable[str]]) -> list[Cycle]:
    """One shortest cycle per strongly connected component of the graph (Tarjan); none when
    the graph is acyclic."""
    graph = {node: sorted(set(targets)) for node, targets in edges.items()}
    for targets in list(graph.values()):
        for target in targets:
            graph.setdefault(target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while not component or component[-1] != node:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            components.append(component)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    found = []
    for component in components:
        if len(component) > 1 or component[0] in graph[component[0]]:
            path = _shortest_cycle(graph, min(component), set(component))
            found.append(Cycle(tuple(path), tuple(sorted(component))))
    return sorted(found, key=lambda c: c.path)


def _shortest_cycle(graph: Mapping[str, list[str]], start: str, within: set[str]) -> list[str]:
    """Breadth first from ``start`` back to itself, inside one strongly connected component."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for target in graph[node]:
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return path[::-1]
                if target in within and target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"{start} is in no cycle")  # unreachable for a component's node
