"""Annotator pseudonyms: e-mail addresses never leave Label Studio.

``builder studio pull`` writes every annotator as a pseudonym, ``annotator-`` and 12 hex
digits of an HMAC-SHA256 of the e-mail under a salt of this state folder, so snapshots, the
`eval` report, the dataset card and manifest name nobody, and the same person keeps the same
pseudonym pull after pull. The salt and the key back (pseudonym -> e-mail) stay in
``<state>/pseudonyms.json`` (mode 600, next to the server's credentials, never committed);
``builder studio annotators`` prints the key. Without the salt nobody can test a guessed
e-mail against a pseudonym; whoever shares snapshots shares no salt. Pulls into the same
annotations folder must use the same state folder (or a copy of this file), or the same
annotator gets two pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from builder.studio.server_state import read_state, write_state

FILE = "pseudonyms.json"
PREFIX = "annotator-"


def _path(state: Path) -> Path:
    return state / FILE


def _load(state: Path) -> tuple[str, dict[str, str]]:
    path = _path(state)
    if not path.exists():
        return secrets.token_hex(32), {}
    data = read_state(path, ("salt", "annotators"))
    return str(data["salt"]), {str(k): str(v) for k, v in dict(data["annotators"]).items()}


def pseudonym(salt: str, who: str) -> str:
    """The pseudonym of ``who`` (an e-mail or a user name) under ``salt``."""
    digest = hmac.new(bytes.fromhex(salt), who.encode(), hashlib.sha256).hexdigest()
    return PREFIX + digest[:12]


def pseudonymise(users: dict[int, str], state: Path) -> dict[int, str]:
    """User id -> pseudonym; the salt is made on first use and the key back kept up to date
    in the state folder."""
    salt, key = _load(state)
    out = {uid: pseudonym(salt, who) for uid, who in users.items()}
    known = {**key, **{out[uid]: who for uid, who in users.items()}}
    if known != key or not _path(state).exists():
        state.mkdir(parents=True, exist_ok=True)
        write_state(_path(state), {"salt": salt, "annotators": known}, private=True)
    return out


def key(state: Path) -> dict[str, str]:
    """Pseudonym -> e-mail, as far as pulls with this state folder have seen them."""
    return dict(sorted(_load(state)[1].items())) if _path(state).exists() else {}
