"""How each call to Label Studio is made: bounded in time, retried where that is safe, its
failures turned into errors a user can act on, the API token never in them.

- Timeouts: connecting takes at most ``connect`` seconds; an ordinary call waits ``read``
  seconds for the server, an export or an import (the server works before it answers)
  ``long`` seconds. A call also ends at that deadline however the server trickles its bytes.
  ``BUILDER_STUDIO_TIMEOUT`` and ``BUILDER_STUDIO_LONG_TIMEOUT`` set ``read`` and ``long``.
- Long waits say how long is left, through the caller's ``notice``.
- Retries: reads are repeated (twice) after a refused or dropped connection or a 5xx/429
  answer; never after a timeout (a stalled server stays stalled), never for writes (a
  replayed import duplicates tasks: the callers retry idempotently, see ``apply.py``).

No SDK here: ``client.py`` is the only module that imports it.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from builder.errors import (
    E710_UNREACHABLE,
    E711_UNAUTHORIZED,
    E713_SERVER_ERROR,
    E714_MALFORMED,
    E716_BAD_TIMEOUT,
    BuilderError,
    ExitCode,
    UsageError,
)
from builder.studio.secrets import redact

T = TypeVar("T")
RETRIES = 2  # of a read, after a transient failure
NOTICE_AFTER = 10.0  # seconds of waiting before the remaining time is shown
NOTICE_EVERY = 30.0
_BACKOFF = 0.5  # seconds before the first retry, doubled for the next


class Unreachable(BuilderError):
    """No answer: refused, dropped or timed out (exit 3)."""

    exit_code = ExitCode.UNREACHABLE

    def __init__(self, code: str, message: str, *, timed_out: bool = False) -> None:
        super().__init__(code, message)
        self.timed_out = timed_out


class ServerFailed(BuilderError):
    """The server answered with an error (5xx, 4xx) or something that is not the expected JSON."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(code, message)
        self.status = status


class Refused(ServerFailed):
    """The server refused our credentials (401, 403): like an unreachable server, nothing in
    the data can fix it, so it exits 3 too."""

    exit_code = ExitCode.UNREACHABLE


@dataclass(frozen=True)
class Timeouts:
    """Seconds: to connect, to wait for an ordinary answer, for an export or an import."""

    connect: float = 5.0
    read: float = 10.0
    long: float = 600.0

    @classmethod
    def from_env(cls) -> Timeouts:
        return cls(
            read=_seconds("BUILDER_STUDIO_TIMEOUT", cls.read),
            long=_seconds("BUILDER_STUDIO_LONG_TIMEOUT", cls.long),
        )

    def limit(self, long: bool) -> float:
        return self.long if long else self.read


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not 0 < value < 86_400:  # nan fails too
        raise UsageError(E716_BAD_TIMEOUT, f"{name}={raw!r} is not a number of seconds (0-86400)")
    return value


def _detail(body: Any) -> str:
    if isinstance(body, dict):
        for key in ("detail", "validation_errors", "message", "error"):
            if body.get(key):
                return redact(str(body[key]))[:500]
    return redact(str(body))[:500]


@contextlib.contextmanager
def translated(what: str, url: str) -> Iterator[None]:
    """Run SDK calls, turning transport and HTTP failures into actionable errors. An answer
    the SDK cannot even build its objects from (a list for an object...) is malformed too:
    only the SDK's own code runs in here."""
    import httpx
    import pydantic
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except httpx.TimeoutException as exc:
        raise Unreachable(
            E710_UNREACHABLE, f"{what}: {url} did not answer in time ({exc})", timed_out=True
        ) from None
    except httpx.TransportError as exc:
        raise Unreachable(
            E710_UNREACHABLE,
            f"{what}: cannot reach Label Studio at {url} ({redact(str(exc))}); is it running? "
            "(`builder studio status`)",
        ) from None
    except ApiError as exc:
        status = exc.status_code or 0
        if status in (401, 403):
            raise Refused(
                E711_UNAUTHORIZED,
                f"{what}: the server at {url} refused the API token (HTTP {status}: "
                f"{_detail(exc.body)}); check --token / LABEL_STUDIO_API_KEY",
                status,
            ) from None
        if 200 <= status < 300:  # the SDK could not parse a successful answer
            raise malformed(what, url, f"{_detail(exc.body)[:200]!r}", status) from None
        raise ServerFailed(
            E713_SERVER_ERROR, f"{what}: HTTP {status} from {url}: {_detail(exc.body)}", status
        ) from None
    except (json.JSONDecodeError, pydantic.ValidationError) as exc:
        raise malformed(what, url, str(exc)[:200]) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        raise ServerFailed(
            E714_MALFORMED,
            f"{what}: {url} answered with JSON of another shape (the SDK cannot read it: "
            f"{type(exc).__name__}); is this a Label Studio server?",
        ) from None


def malformed(what: str, url: str, detail: str, status: int | None = None) -> ServerFailed:
    return ServerFailed(
        E714_MALFORMED,
        f"{what}: {url} answered with malformed JSON: {redact(detail)}; is this a Label Studio "
        "server?",
        status,
    )


def _transient(exc: BuilderError) -> bool:
    if isinstance(exc, Unreachable):
        return not exc.timed_out
    return isinstance(exc, ServerFailed) and (exc.status or 0) in (429, *range(500, 600))


class Caller:
    """Makes the calls of one connection: in a helper thread, so that a deadline holds
    whatever the server does, while this one waits and tells how long is left."""

    def __init__(self, url: str, timeouts: Timeouts, notice: Callable[[str], None]) -> None:
        self.url = url
        self.timeouts = timeouts
        self.notice = notice

    def options(self, long: bool) -> dict[str, Any]:
        """The SDK's request options: our timeouts, its own retries off (ours are here)."""
        import httpx

        limit = self.timeouts.limit(long)
        return {"timeout": httpx.Timeout(limit, connect=self.timeouts.connect), "max_retries": 0}

    def __call__(
        self, what: str, fn: Callable[[dict[str, Any]], T], *, long: bool = False, read: bool
    ) -> T:
        """``fn(request_options)``, retried when ``read`` (idempotent) and the failure is
        transient."""
        attempts = 1 + (RETRIES if read else 0)
        for attempt in range(attempts):
            try:
                with translated(what, self.url):
                    return self._waited(what, fn, long)
            except (Unreachable, ServerFailed) as exc:
                if attempt + 1 == attempts or not _transient(exc):
                    raise
            time.sleep(_BACKOFF * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _waited(self, what: str, fn: Callable[[dict[str, Any]], T], long: bool) -> T:
        limit = self.timeouts.limit(long)
        deadline = time.monotonic() + self.timeouts.connect + limit
        options = self.options(long)
        done = threading.Event()
        box: dict[str, Any] = {}

        def run() -> None:
            try:
                box["value"] = fn(options)
            except BaseException as exc:  # handed to the waiting thread, raised there
                box["error"] = exc
            finally:
                done.set()

        # A daemon: a call abandoned at its deadline does not keep the process alive.
        threading.Thread(target=run, name=f"studio: {what}", daemon=True).start()
        started, shown = time.monotonic(), 0.0
        while not done.wait(min(1.0, max(0.0, deadline - time.monotonic()))):
            now = time.monotonic()
            if now >= deadline:
                raise Unreachable(
                    E710_UNREACHABLE,
                    f"{what}: {self.url} did not answer within {limit:.0f} s (set "
                    "BUILDER_STUDIO_TIMEOUT / BUILDER_STUDIO_LONG_TIMEOUT to wait longer)",
                    timed_out=True,
                )
            if now - started >= NOTICE_AFTER and now - shown >= NOTICE_EVERY:
                shown = now
                self.notice(
                    f"{what}: waiting for {self.url}, {now - started:.0f} s so far, giving up "
                    f"in {deadline - now:.0f} s"
                )
        if "error" in box:
            raise box["error"]
        value: T = box["value"]
        return value
