"""The compiled build (docs/compiled.md), made from a copy of the checkout: the package's wheel
built with the mypyc hook and installed, without its dependencies, into a folder of its own,
which ``PYTHONPATH`` puts before the checkout. The hook compiles in place, so the copy keeps
its extension modules out of the checkout (where they would shadow the sources being edited).

    python -m bench.compiled_build OUT      # OUT/site: PYTHONPATH=OUT/site builder ...

Used by ``bench.compiled_speed`` and ``tests/test_compiled.py``."""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# What the wheel is built from.
TREE = ("pyproject.toml", "README.md", "mypy.ini", "builder", "schemas")


def python(args: list[str], site: Path | None) -> tuple[list[str], dict[str, str]]:
    """`python ARGS` (the command, its environment) importing the package from the compiled
    ``site``, or (None) from the checkout's sources: the code the build compiled, whatever is
    installed."""
    env = {**os.environ, "PYTHONPATH": str(REPO if site is None else site)}
    # -P: the working folder is not put first on the path, where a checkout's sources would
    # come before the compiled ``site``.
    return [sys.executable, "-P", *args], env


def command(args: list[str], site: Path | None) -> tuple[list[str], dict[str, str]]:
    """`builder ARGS` run as :func:`python` runs code."""
    run = "import sys; from builder.cli import main; sys.argv[0] = 'builder'; main()"
    return python(["-c", run, *args], site)


def toolchain_missing() -> str | None:
    """Why this Python cannot compile an extension, or None: the compiler and headers
    setuptools will use are this Python's own. (Standard library only: `.ci/run` asks it
    before anything is installed.)"""
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler}): the compiled build cannot be made"
    if not Path(sysconfig.get_paths()["include"], "Python.h").exists():
        return "no Python.h for this Python (python3-dev): the compiled build cannot be made"
    return None


def missing() -> str | None:
    """Why the compiled build cannot be made here, or None."""
    if (why := toolchain_missing()) is not None:
        return why
    if importlib.util.find_spec("hatch_mypyc") is None:
        return "hatch-mypyc is not installed (pip install -e '.[test]')"
    return None


def build_compiled(root: Path) -> Path:
    """Build the compiled wheel under ``root`` and install it into ``root/site``: that folder.
    Raises ``RuntimeError`` with the build's output when the build fails."""
    tree, dist, site = root / "tree", root / "dist", root / "site"
    if root.exists() and any(root.iterdir()):
        raise RuntimeError(f"{root} is not empty: give a new folder")
    tree.mkdir(parents=True)
    for name in TREE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.so")
            )
        else:
            shutil.copy2(source, tree / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    env = {**os.environ, "HATCH_BUILD_HOOK_ENABLE_MYPYC": "true"}
    wheel = [*pip, "wheel", "--no-build-isolation", "--no-deps", "-w", str(dist), str(tree)]
    built = subprocess.run(wheel, env=env, capture_output=True, text=True)
    if built.returncode:
        raise RuntimeError(
            f"the compiled build failed:\n{built.stdout[-4000:]}{built.stderr[-4000:]}"
        )
    (whl,) = dist.glob("*.whl")
    install = [*pip, "install", "--no-deps", "--target", str(site), str(whl)]
    subprocess.run(install, check=True, capture_output=True)
    if not list((site / "builder" / "prelabel").glob("apply.*.so")):
        raise RuntimeError(f"{whl.name} holds no compiled module")
    return site


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out", type=Path, help="a new folder: the build's tree, wheel and site")
    args = ap.parse_args()
    if (why := missing()) is not None:
        sys.exit(why)
    try:
        print(build_compiled(args.out))
    except RuntimeError as exc:
        sys.exit(str(exc))


if __name__ == "__main__":
    main()
