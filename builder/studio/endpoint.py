"""Where to connect to Label Studio, and with which token."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from builder.errors import E710_UNREACHABLE, E715_NO_ENDPOINT, UsageError
from builder.studio import server
from builder.studio.calls import Unreachable
from builder.studio.secrets import remember


@dataclass(frozen=True)
class Endpoint:
    url: str
    token: str


def endpoint(url: str | None, token: str | None, state: Path) -> Endpoint:
    """Where to connect: options, then LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY, then the local
    server started by ``builder studio up`` (whose token never leaves ``state``)."""
    url = url or os.environ.get("LABEL_STUDIO_URL")
    token = token or os.environ.get("LABEL_STUDIO_API_KEY")
    if url is None:
        local = server.running(state)
        if local is None:
            raise Unreachable(
                E710_UNREACHABLE,
                f"no Label Studio server: start one with `builder studio up` (state in {state}) "
                "or pass --url / set LABEL_STUDIO_URL",
            )
        url = local.url
        if token is None:
            creds = server.credentials(state)
            token = creds.token if creds else None
    if not token:
        raise UsageError(
            E715_NO_ENDPOINT, f"no API token for {url}: pass --token or set LABEL_STUDIO_API_KEY"
        )
    remember(token)
    return Endpoint(url.rstrip("/"), token)
