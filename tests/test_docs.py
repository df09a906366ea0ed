"""The README documents every error code the code can raise."""

from __future__ import annotations

import re

from tests.conftest import REPO


def test_every_error_code_is_in_the_readme_table() -> None:
    defined = set()
    for path in (REPO / "builder").rglob("*.py"):
        defined |= set(re.findall(r'^E\d{3}_\w+ = "(E\d{3})"', path.read_text(), re.MULTILINE))
    documented = set(re.findall(r"^\| (E\d{3}) \|", (REPO / "README.md").read_text(), re.MULTILINE))
    assert len(defined) > 40
    assert defined - documented == set(), "codes missing from the README table"
    assert documented - defined == set(), "README documents codes that no longer exist"
