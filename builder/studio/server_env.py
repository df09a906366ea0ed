"""What the local Label Studio server runs with: its executable and a clean environment.

Facts this relies on (Label Studio 1.23, see the project notes): settings are read from
``LABEL_STUDIO_<NAME>``, then ``HEARTEX_<NAME>``, then plain ``<NAME>``, so stray ``HOST``,
``PORT``, ``USERNAME``... in the environment leak in and are removed; without the
version-check and Sentry switches it calls out to the internet.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

from builder.errors import E701_NO_SERVER_PACKAGE, BuilderError, ExitCode

# Read by Label Studio under any of these prefixes; a user's shell may carry them.
_LEAKY = ("HOST", "PORT", "USERNAME", "PASSWORD", "DEBUG", "USER_TOKEN")
_OFFLINE = {
    "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
    "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
    "SENTRY_DSN": "",
    "FRONTEND_SENTRY_DSN": "",
    # Server-side validation of imported predictions stays off (the 1.23 default): `push`
    # validates every prediction against the labeling config and its text before anything is
    # sent (E721), with the same LabelInterface, while the server would parse the whole
    # labeling config again for each prediction (about 2 ms each: 20 s of a 10,000-task push).
    "fflag_feat_utc_210_prediction_validation_15082025": "false",
}


class ServerError(BuilderError):
    exit_code = ExitCode.UNREACHABLE


def label_studio() -> str:
    """The `label-studio` executable: beside this Python's, else on the PATH."""
    beside = Path(sys.executable).with_name("label-studio")
    # Checked before `up` writes anything: a file that cannot be run is no server, nor is the
    # script of this environment (it runs this Python) without the package it imports. Either
    # way a `label-studio` on the PATH (another environment's, run by its own Python) is.
    runnable = beside.is_file() and os.access(beside, os.X_OK)
    if runnable and importlib.util.find_spec("label_studio") is not None:
        return str(beside)
    found = _on_path(passing_over=beside)
    if not found:
        raise ServerError(
            E701_NO_SERVER_PACKAGE,
            "the Label Studio server is not installed: "
            "pip install 'news-dataset-builder[studio]' (or pass --url to use another server)",
        )
    return found


def _on_path(passing_over: Path) -> str | None:
    """The first runnable `label-studio` of the PATH that is not ``passing_over``."""
    for folder in os.get_exec_path():
        found = shutil.which("label-studio", path=folder)
        if found and not (passing_over.exists() and os.path.samefile(found, passing_over)):
            return found
    return None


def server_env(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the server: the caller's, minus what would leak into its settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LABEL_STUDIO_", "HEARTEX_", "DJANGO_"))
        and k not in _LEAKY
        and k.removeprefix("LABEL_STUDIO_") not in _LEAKY
    }
    env.update(_OFFLINE)
    env["LABEL_STUDIO_BASE_DATA_DIR"] = str(data_dir.resolve())
    env.update(extra or {})
    return env
