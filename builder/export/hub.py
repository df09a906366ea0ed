"""`--push-to-hub`: publish an exported version to the Hugging Face Hub.

What is uploaded is the version folder itself (parquet files, dataset card, manifest): the
same bytes that ``load_dataset`` reads locally, so the Hub copy cannot drift from the local
one. It goes to a branch named after the version, so that
``load_dataset(repo, config, revision="1.2.0")`` gives that version for good, whatever is pushed
later; the repository is created (private unless asked) when it does not exist.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from builder.errors import E507_HUB, BuilderError, ExitCode


class HubError(BuilderError):
    exit_code = ExitCode.UNREACHABLE


# The libraries a push talks through. Matched by the start of the top-level module name: the
# hub's HTTP client is "httpx2" in huggingface-hub 2 (its ConnectError is no OSError), and a
# next release may rename it again; a refused connection must still be E507, not E900.
_NETWORK = ("huggingface_hub", "httpx", "httpcore", "requests", "urllib3")


def _network_or_hub(exc: BaseException) -> bool:
    """``exc`` says the Hub could not be reached or refused the push: an OSError (a refused or
    dropped connection), or an error of the hub or its HTTP stack, by its class or a base's
    (the hub's HTTP errors derive from its client's)."""
    return isinstance(exc, OSError) or any(
        cls.__module__.split(".")[0].startswith(_NETWORK) for cls in type(exc).__mro__
    )


def check_repo_id(repo_id: str) -> None:
    """Refuse what the Hub cannot take as a repository id (ValueError, saying why), before
    anything is exported: ``NAME`` or ``NAMESPACE/NAME``, each of letters, digits, ``-``,
    ``_``, ``.``. The hub's own check, made by its client on the first call otherwise."""
    # Documented as huggingface_hub.utils.validate_repo_id; its stubs do not re-export it.
    from huggingface_hub.utils import validate_repo_id  # type: ignore[attr-defined]

    validate_repo_id(repo_id)  # HFValidationError, a ValueError


def push_to_hub(version_dir: Path, repo_id: str, *, private: bool = True, api: Any = None) -> str:
    """Upload ``version_dir`` (``<out>/<name>/<version>``) to ``repo_id`` on the branch named
    by the version; returns that revision. Token and endpoint: the usual ``HF_TOKEN`` and
    ``HF_ENDPOINT`` environment variables, or ``huggingface-cli login``."""
    revision = version_dir.name
    if not (version_dir / "README.md").is_file() or not (version_dir / "manifest.json").is_file():
        raise BuilderError(E507_HUB, f"{version_dir} is not an exported version folder")
    hub: Any  # huggingface_hub.HfApi, or a stand-in with its methods (tests)
    if api is None:
        from huggingface_hub import HfApi

        # Read now, not at import of huggingface_hub: the endpoint a caller set last counts.
        hub = HfApi(endpoint=os.environ.get("HF_ENDPOINT") or None)
    else:
        hub = api
    try:
        hub.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        hub.create_branch(repo_id, branch=revision, repo_type="dataset", exist_ok=True)
        hub.upload_folder(
            repo_id=repo_id,
            folder_path=version_dir,
            repo_type="dataset",
            revision=revision,
            commit_message=f"{version_dir.parent.name} {revision}",
        )
    except Exception as exc:
        if not _network_or_hub(exc):
            raise
        raise HubError(E507_HUB, f"cannot push {revision} to {repo_id}: {exc}") from exc
    return revision
