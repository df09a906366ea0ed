"""The README documents every error code the code can raise."""

from __future__ import annotations

import re

from tests.conftest import REPO


def test_every_error_code_is_in_the_readme_table() -> None:
    code = re.compile(r'^E\d{3}_\w+ = "(E\d{3})"', re.MULTILINE)
    defined = set(code.findall((REPO / "builder" / "errors.py").read_text()))
    elsewhere = [
        path.relative_to(REPO).as_posix()
        for path in (REPO / "builder").rglob("*.py")
        if path.name != "errors.py" and re.search(r'= "E\d{3}"', path.read_text())
    ]
    assert elsewhere == [], "error codes are defined in errors.py only"
    documented = set(re.findall(r"^\| (E\d{3}) \|", (REPO / "README.md").read_text(), re.MULTILINE))
    assert len(defined) > 40
    assert defined - documented == set(), "codes missing from the README table"
    assert documented - defined == set(), "README documents codes that no longer exist"


def test_the_opening_paragraph_describes_the_label_studio_loop_as_it_is() -> None:
    # Issue 15: it once called Label Studio correction "Next" and said builder/studio/ only
    # held the labeling config, tasks and conversions, when push, pull and review exist.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    opening = readme.split("\n\n")[1]
    assert "Next" not in opening and "already exist" not in opening
    assert "Label Studio" in opening and "pull the corrections back as gold" in opening
    for command in ("builder studio push", "builder studio pull", "builder studio adjudicate"):
        assert f"`{command}" in readme, command
