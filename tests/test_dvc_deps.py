"""Every DVC stage depends on the code it runs, derived from the code (no `dvc` run here).

A stage's ``cmd`` runs a ``builder`` command; ``builder/cli/__init__.py`` says which module
holds it. The stage reads every module that module imports at run time (transitively, with
their parent packages), the data files in those modules' package folders, and ``schemas/``
when it reaches ``builder/schemas.py``. ``dvc.yaml`` must list each of them, or a folder that
holds it: otherwise a change there leaves a stale output that ``dvc repro`` calls up to date.
"""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.import_graph import PACKAGE, ROOT, Graph, build_graph

CLI = "builder.cli"
LAZY = "builder.cli.lazy"
SCHEMAS = "schemas"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    return data


def substitute(text: str, params: dict[str, Any]) -> str:
    """DVC's ``${a.b}`` templating, from params.yaml."""

    def value(match: re.Match[str]) -> str:
        found: Any = params
        for key in match.group(1).strip().split("."):
            found = found[key]
        return str(found)

    return re.sub(r"\$\{([^}]+)\}", value, text)


def command_name(cmd: str) -> str | None:
    """The builder subcommand a stage's command runs: ``builder NAME`` or
    ``python -m builder.cli NAME``; None when it runs no builder command."""
    words = shlex.split(cmd)
    for i, word in enumerate(words[:-1]):
        if Path(word).name == "builder" or (
            word in ("builder", CLI) and i > 0 and words[i - 1] == "-m"
        ):
            return words[i + 1]
    return None


def registered_commands(graph: Graph) -> dict[str, str]:
    """Command name -> the module that holds it, from the root group's table in cli/lazy.py
    (``COMMANDS``: name -> module under builder.cli, imported when the command runs)."""
    tree = ast.parse(graph.modules[LAZY].read_bytes())
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "COMMANDS"
            and node.value is not None
        ):
            table = ast.literal_eval(node.value)
            return {name: f"{CLI}.{module}" for name, (module, _) in table.items()}
    raise AssertionError(f"{LAZY} holds no COMMANDS table")


def data_files(folder: Path) -> set[Path]:
    """The files of a package folder that are not Python modules, with those in data
    subfolders (ones that are no package)."""
    found: set[Path] = set()
    for path in folder.iterdir():
        if path.name.startswith(".") or path.name == "__pycache__":
            continue
        if path.is_dir():
            if not (path / "__init__.py").exists():
                found |= data_files(path)
        elif path.suffix not in (".py", ".pyc"):
            found.add(path)
    return found


def reads(graph: Graph, command: str) -> set[str]:
    """Every file a command reads (its modules and their data), relative to the repo root.

    ``builder/cli/__init__.py`` runs (it is the parent package of every command), but its own
    imports are not followed: it imports every command to assemble the argument parser and
    runs only the one asked for."""
    modules = graph.closure(command, opaque=[CLI])
    files = {graph.modules[m] for m in modules}
    for folder in {path.parent for path in files}:
        files |= data_files(folder)
    # schema_dir() computes the file names at run time: the whole folder is read.
    if "builder.schemas" in modules:
        files |= {p for p in (ROOT / SCHEMAS).rglob("*") if p.is_file()}
    return {p.relative_to(ROOT).as_posix() for p in files}


def covered(path: str, deps: list[str]) -> bool:
    return any(path == dep or path.startswith(dep + "/") for dep in deps)


def compact(missing: set[str], needed: set[str]) -> list[str]:
    """The shortest deps for ``missing``: the largest folder whose every file is needed,
    else the file itself."""
    lines: set[str] = set()
    for path in missing:
        best = path
        folder = (ROOT / path).parent
        while folder != ROOT:
            inside = {
                p.relative_to(ROOT).as_posix()
                for p in folder.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
            }
            if not inside <= needed:
                break
            best = folder.relative_to(ROOT).as_posix()
            folder = folder.parent
        lines.add(best)
    return sorted(lines, key=lambda line: (line.count("/"), line))


DVC = load("dvc.yaml")
STAGES = sorted(DVC["stages"])


def stage_reads(stage: str) -> tuple[Graph, dict[str, str], list[str], list[str], set[str]]:
    """A stage's graph, commands, declared deps, the builder commands it runs and every file
    they read (skips a stage that runs no builder command)."""
    graph = build_graph()
    commands = registered_commands(graph)
    params = load("params.yaml")
    spec = DVC["stages"][stage]
    deps = [substitute(d, params).removeprefix("./").rstrip("/") for d in spec.get("deps", [])]
    cmds = [spec["cmd"]] if isinstance(spec["cmd"], str) else spec["cmd"]
    words = (command_name(substitute(cmd, params)) for cmd in cmds)
    names = [n for n in words if n is not None and n in commands]
    if not names:
        pytest.skip(f"stage {stage} runs no builder command")
    needed: set[str] = set()
    for name in names:
        needed |= reads(graph, commands[name])
    return graph, commands, deps, names, needed


def test_every_stage_that_runs_a_command_is_checked() -> None:
    commands = registered_commands(build_graph())
    for stage in STAGES:
        cmd = DVC["stages"][stage]["cmd"]
        for line in [cmd] if isinstance(cmd, str) else cmd:
            name = command_name(line)
            assert name is None or name in commands, (
                f"stage {stage} runs `builder {name}`, which builder/cli/__init__.py does not "
                f"register (registered: {sorted(commands)})"
            )


@pytest.mark.parametrize("stage", STAGES)
def test_stage_depends_on_the_code_it_runs(stage: str) -> None:
    graph, commands, deps, names, needed = stage_reads(stage)
    missing = {path for path in needed if not covered(path, deps)}
    if missing:
        lines = "\n".join(f"      - {dep}" for dep in compact(missing, needed))
        pytest.fail(
            f"stage {stage} runs `builder {' / '.join(names)}` "
            f"({', '.join(graph.path(commands[n]) for n in names)}), which reads files "
            f"that dvc.yaml does not list ({len(missing)}): {sorted(missing)}.\n"
            f"Add under stages.{stage}.deps:\n{lines}",
            pytrace=False,
        )


@pytest.mark.parametrize("stage", STAGES)
def test_stage_depends_on_no_code_it_does_not_run(stage: str) -> None:
    """A code dep that holds no file the command reads re-runs the stage for nothing."""
    _, _, deps, _, needed = stage_reads(stage)
    code = [d for d in deps if d.split("/")[0] in (PACKAGE, SCHEMAS)]
    idle = [d for d in code if not any(covered(path, [d]) for path in needed)]
    assert idle == [], f"stage {stage} depends on code its command never runs: {idle}"
