"""Keeping the API token out of every message: what a server echoes is shown redacted.

A proxy or a misconfigured server may echo the request's headers in its error body, and error
messages quote that body: the token would reach the terminal and the logs. ``redact`` removes
the tokens this process knows (the one in use, LABEL_STUDIO_API_KEY) and anything that looks
like an ``Authorization`` header value, a ``Token``/``Bearer`` credential or a JWT. The
client redacts what it builds; the command line redacts every message it prints, last.
"""

from __future__ import annotations

import os
import re

MASK = "[redacted]"
_KNOWN: set[str] = set()
# A header written as text or as JSON/Python (quoted key, quoted value).
_HEADER = re.compile(
    r"""(?ix)
    (["']?(?:proxy-)?authorization["']?\s*[:=]\s*)   # the name and its separator
    (?:"[^"]*"|'[^']*'|[^\r\n,;}]*)                  # the value, quoted or to the end
    """
)
# A credential after its scheme: long enough not to be a word ("Token expired").
_SCHEME = re.compile(r"(?i)\b(token|bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{16,}")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
SHORTEST = 6  # shorter "tokens" would redact ordinary words


def remember(token: str | None) -> None:
    """A token this process uses: never shown, wherever it appears."""
    if token and len(token) >= SHORTEST:
        _KNOWN.add(token)


def redact(text: str) -> str:
    """``text`` with every known token and every credential-looking value masked."""
    known = set(_KNOWN)
    env = os.environ.get("LABEL_STUDIO_API_KEY")
    if env and len(env) >= SHORTEST:
        known.add(env)
    for secret in sorted(known, key=len, reverse=True):  # a token inside a longer one: last
        text = text.replace(secret, MASK)
    text = _HEADER.sub(lambda m: m.group(1) + MASK, text)
    text = _SCHEME.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
    return _JWT.sub(MASK, text)
