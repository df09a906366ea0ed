"""`builder export --push-to-hub` when the Hub cannot be reached: E507, exit 3, the version kept."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from builder.errors import BuilderError
from builder.export.hub import check_repo_id, push_to_hub
from tests.export.helpers import export_cli


def _closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (bound, then let go)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_a_refused_connection_is_e507_with_the_version_kept(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real client, online, against a closed local port. tests/conftest.py sets
    HF_HUB_OFFLINE, under which the hub raises its own offline error before connecting: unset
    here (and in the hub's constants, read when it was imported), so that the push meets what
    a user's does, the HTTP client's connection error (no OSError in huggingface-hub 2)."""
    import huggingface_hub.constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("HF_TOKEN", "hf_test")
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    result = export_cli(built, tmp_path, "--silver", "--push-to-hub", "me/news")
    assert result.exit_code == 3, result.output
    assert "E507" in result.stderr and "me/news" in result.stderr
    assert "E900" not in result.stderr and "offline mode" not in result.stderr
    assert (tmp_path / "news" / "0.1.0" / "README.md").exists()


class _Unreachable:
    """A hub whose every call fails with ``error``."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def create_repo(self, *args: object, **kwargs: object) -> None:
        raise self.error


def _error_of(module: str) -> Exception:
    cls: type[Exception] = type("ConnectError", (Exception,), {"__module__": module})
    return cls("[Errno 111] Connection refused")


@pytest.mark.parametrize(
    "module", ["httpx", "httpx2", "httpx2._exceptions", "httpcore2", "huggingface_hub.errors"]
)
def test_an_error_of_the_hub_or_its_http_client_is_e507(
    built: Path, tmp_path: Path, module: str
) -> None:
    assert export_cli(built, tmp_path, "--silver").exit_code == 0
    version = tmp_path / "news" / "0.1.0"
    with pytest.raises(BuilderError) as raised:
        push_to_hub(version, "me/news", api=_Unreachable(_error_of(module)))
    assert raised.value.code == "E507" and raised.value.exit_code == 3
    # A subclass defined elsewhere of the client's error: by its base
    derived = type("Refused", (type(_error_of(module)),), {"__module__": "elsewhere"})
    with pytest.raises(BuilderError, match="E507"):
        push_to_hub(version, "me/news", api=_Unreachable(derived("refused")))


def test_a_bug_elsewhere_stays_a_bug(built: Path, tmp_path: Path) -> None:
    """Not every failure of a push is the Hub's: one of another module is not made E507."""
    assert export_cli(built, tmp_path, "--silver").exit_code == 0
    with pytest.raises(KeyError):
        push_to_hub(tmp_path / "news" / "0.1.0", "me/news", api=_Unreachable(KeyError("x")))


@pytest.mark.parametrize("repo_id", ["not a/valid repo id", "me/news/extra", "me/news.git", ""])
def test_a_repo_id_the_hub_cannot_take_is_refused_before_the_export(
    built: Path, tmp_path: Path, repo_id: str
) -> None:
    """A usage error (exit 2) while the options are read, saying why: not E507 (exit 3) once
    the version is written."""
    out = tmp_path / "datasets"
    result = export_cli(built, out, "--silver", "--push-to-hub", repo_id)
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--push-to-hub'" in result.stderr, result.stderr
    assert f"'{repo_id}'" in result.stderr and "E507" not in result.stderr
    assert not out.exists()


def test_a_valid_repo_id_passes_the_check() -> None:
    for repo_id in ("news", "me/news", "Org-1/news_v2.0"):
        check_repo_id(repo_id)
