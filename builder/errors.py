"""Error types with stable codes, and the exit-code contract of the CLI.

Exit codes: 0 ok, 1 data error, 2 usage error, 3 Label Studio unreachable.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DATA = 1
    USAGE = 2
    UNREACHABLE = 3


class BuilderError(Exception):
    """An error a user can act on. ``code`` is stable (E1xx ingest, E2xx segment...)."""

    exit_code: ExitCode = ExitCode.DATA

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


class InputError(BuilderError):
    """Bad input data: names the file and, where there is one, the line."""

    def __init__(self, code: str, path: str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(code, f"{where}: {message}")
        self.path = path
        self.line = line
        self.detail = message


class UsageError(BuilderError):
    exit_code = ExitCode.USAGE


# Codes, kept in one place so that docs and tests can refer to them.
E101_UNREADABLE = "E101"  # file cannot be opened or read
E102_BINARY = "E102"  # file looks binary (NUL bytes)
E103_UNDECODABLE = "E103"  # not valid UTF-8
E104_EMPTY = "E104"  # nothing left after normalisation and boilerplate removal
E105_BAD_JSON = "E105"  # malformed JSONL line
E106_NO_TEXT = "E106"  # JSONL record without a string "text"
E107_DUPLICATE = "E107"  # exact duplicate of an earlier document (same content hash)
E108_UNSUPPORTED = "E108"  # file type not supported
E109_DUPLICATE_ID = "E109"  # two different documents with the same id
E110_NO_INPUT = "E110"  # no input files found
E111_BAD_PATTERNS = "E111"  # boilerplate pattern file invalid
E112_CANNOT_WRITE = "E112"  # an output path cannot be written
E113_NOTHING_INGESTED = "E113"  # every input was skipped: no document to write
E201_BAD_DOCUMENT = "E201"  # documents.jsonl record invalid
E202_BAD_RULES = "E202"  # segmentation rules file invalid
