"""Error types with stable codes, and the exit-code contract of the CLI.

Exit codes: 0 ok, 1 data error, 2 usage error, 3 Label Studio unreachable, refusing our token
or unable to start.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any


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

    def __reduce__(self) -> tuple[Any, ...]:
        # Its arguments are not its ``args``: it travels (from another engine's workers: the
        # inputs ingest skipped) as its class, args and attributes.
        return (_rebuilt, (type(self), self.args, dict(vars(self))))


def _rebuilt(kind: type[BuilderError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


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


# Every code, kept in this one place so that docs and tests can refer to them (a test checks
# that no other module defines one and that the README table lists exactly these).
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
# an output path exists and is not a regular file (a FIFO, a device, a folder, a link to one)
E114_NOT_A_FILE = "E114"
E115_BAD_ID = "E115"  # a JSONL record whose "id" is not a string or an integer
E201_BAD_DOCUMENT = "E201"  # documents.jsonl record invalid
E202_BAD_RULES = "E202"  # segmentation rules file invalid
E203_BAD_SENTENCE = "E203"  # invalid record in sentences.jsonl (names the line)
E204_UNKNOWN_HEURISTIC = "E204"  # prelabel --disable names a heuristic that does not exist
# prelabels.votes.parquet has a valid header but damaged rows (delete it: prelabel writes it)
E205_BAD_VOTES = "E205"
# a --model file that `builder learn --model-out` did not write (or damaged since)
E206_BAD_MODEL = "E206"
E301_BAD_LABELS = "E301"  # invalid label schema (schemas/labels.yaml)
E302_BAD_GOLD = "E302"  # a gold file is not in the format given
# unknown gold file format (builder, conll, polnear, claimbuster, newsmtsc)
E303_UNKNOWN_GOLD_FORMAT = "E303"
# invalid heuristic data file (a word list holding a non-word, e.g. unquoted no)
E401_BAD_DATA_FILE = "E401"
E501_VERSION_EXISTS = "E501"  # the dataset version exists already (versions are immutable)
E502_MISALIGNED = "E502"  # too many entity spans do not align to tokens
E503_UNJOINED = "E503"  # prelabels.jsonl does not match sentences.jsonl
E504_NO_GOLD = "E504"  # no gold (no annotations given, or none resolved) and --silver not asked
E505_NOTHING_CHANGED = "E505"  # nothing changed since the latest version: no new version
E506_BAD_VERSION = "E506"  # a version that does not exist, or is not X.Y.Z
# --push-to-hub failed: the Hub unreachable or refusing (exit 3; the local version is kept)
E507_HUB = "E507"
E508_BAD_QUALITY = "E508"  # --quality is not a builder eval report
# a worker process (export, segment) died (killed, out of memory) or failed; nothing is written
E509_WORKER_DIED = "E509"
# a dataset name that is not one safe folder name (letters, digits, ".", "_", "-"; not . or ..)
E510_BAD_NAME = "E510"
E511_NO_DATASET = "E511"  # `builder versions` of a folder that holds no dataset version
# a dataset version's manifest.json or one of its parquet files is damaged or missing (names
# the file; versions are immutable: restore the folder from a copy)
E512_DAMAGED_VERSION = "E512"
# --engine ray: ray is not installed (pip install '.[ray]'), or no Ray cluster answers at
# --address / RAY_ADDRESS (exit 3)
E520_RAY = "E520"
# an annotation region leaves its sentence or quotes other text (listed under E730)
E601_BAD_SPAN = "E601"
# the Label Studio server package is not installed (pip install '.[studio]')
E701_NO_SERVER_PACKAGE = "E701"
E702_START_FAILED = "E702"  # the local server did not start (see .studio/server.log)
# a state file of the local server (.studio/server.json, credentials.json) is damaged
E703_BAD_STATE = "E703"
# the port the local server is to use (remembered from the last `up`, or --port) is taken
E704_PORT_BUSY = "E704"
# Label Studio unreachable: no local server, connection refused, timeout (exit 3)
E710_UNREACHABLE = "E710"
E711_UNAUTHORIZED = "E711"  # the server refused the API token (exit 3)
E712_NO_PROJECT = "E712"  # no project with that title (or several)
E713_SERVER_ERROR = "E713"  # the server answered with an error
E714_MALFORMED = "E714"  # the server answered with something that is not the expected JSON
E715_NO_ENDPOINT = "E715"  # no API token for the given URL
# BUILDER_STUDIO_TIMEOUT / BUILDER_STUDIO_LONG_TIMEOUT is not a number of seconds
E716_BAD_TIMEOUT = "E716"
# prelabels.jsonl does not match sentences.jsonl, or mixes heuristics versions
E720_BAD_PRELABELS = "E720"
# a prediction does not fit the labeling config or its sentence (names the sentence)
E721_INVALID_PREDICTION = "E721"
# the project's labeling config differs from the label schema: run builder studio init
E722_CONFIG_MISMATCH = "E722"
E723_GAVE_UP = "E723"  # an import still failed after every retry
E724_ORPHANS = "E724"  # the new label schema would orphan annotations (names labels and counts)
# pulled spans do not match their sentence text, or a pulled record does not fit
# schemas/annotations.schema.json (names the tasks; nothing written)
E730_BAD_SPANS = "E730"
# studio adjudicate finds no pulled snapshot: run builder studio pull first
E740_NO_SNAPSHOT = "E740"
# studio annotators: no pseudonym key in the state folder, or a pseudonym it does not know
E741_UNKNOWN_PSEUDONYM = "E741"
# an annotations folder holds a broken snapshot pointer or record (names the file and line)
E801_BAD_ANNOTATIONS = "E801"
# unknown resolution policy (latest, majority, ground_truth, strict, adjudicated)
E802_UNKNOWN_POLICY = "E802"
# `builder learn` asked for nothing (neither -o nor --model-out), or -o without --annotations
E803_NOTHING_TO_LEARN = "E803"
# a bug: an exception nothing else turned into a coded error (exit 1, with the version)
E900_INTERNAL = "E900"
