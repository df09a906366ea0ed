"""The README's two commands are the product's front door: they must work as written."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import orjson

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quickstart(name: str) -> str:
    m = re.search(rf"<!-- quickstart:{name} -->\n```bash\n(.+?)\n```", README)
    assert m, f"README has no quickstart:{name} block"
    return m.group(1)


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert "quickstart:test" in ci
    assert "pytest" in quickstart("test")
    # The browser test's chromium is installed before the suite runs (selenium: the test extra).
    install = ci.index("apt-get install -y -q chromium chromium-driver")
    assert ci.index("apt-get update") < install < ci.index('bash -c "$cmd"')


def test_readme_build_command_works_on_the_shipped_samples(tmp_path: Path) -> None:
    # The install steps ran already (this suite runs inside that install); run the rest.
    steps = [s.strip() for s in quickstart("build").split("&&")]
    job = [s for s in steps if s.startswith("builder ")]
    assert job == ["builder build samples/corpus -o out/sample"]
    shutil.copytree(REPO / "samples", tmp_path / "samples")
    builder = shutil.which("builder")
    assert builder, "the console script is installed"
    result = subprocess.run(job[0], shell=True, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out" / "sample"
    docs = [orjson.loads(x) for x in (out / "documents.jsonl").read_bytes().splitlines()]
    sents = [orjson.loads(x) for x in (out / "sentences.jsonl").read_bytes().splitlines()]
    assert {d["format"] for d in docs} == {"text", "markdown", "html", "jsonl"}
    assert len(sents) > 40
    assert "segment" in result.stderr
    card = out / "datasets" / "news" / "0.1.0" / "README.md"
    assert card.read_text().startswith("---\n")
