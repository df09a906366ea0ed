"""What Label Studio answers, checked at the edge: every task against
``schemas/studio_task.schema.json``, every project, user and page for the fields we read.

The SDK builds its objects without checking them (a project without an id is a project whose
id is None), so nothing it returns is trusted: each answer becomes plain JSON here and is
checked before anything reads it. A wrong shape is E714, naming the task, the annotation and
the region, or the project or user.

The task check is written out by hand: fastjsonschema takes some 300 µs a task on this schema
(its conditionals), which a pull of 10,000 tasks would feel; this takes a few µs a region.
``tests/adversarial/test_server_answers.py`` checks that both answer alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from builder.errors import E714_MALFORMED
from builder.schemas import validator
from builder.studio.calls import Caller, ServerFailed

SCHEMA = "studio_task"
MAX_PAGES = 10_000  # of a list: a server that always has one more page is not followed forever
_ID = (int, str)
_LAYERS = ("annotations", "drafts", "predictions")


def wrong_shape(what: str, url: str, problem: str) -> ServerFailed:
    return ServerFailed(
        E714_MALFORMED, f"{what}: {url} answered with JSON of another shape: {problem}"
    )


def plain(value: Any) -> Any:
    """An SDK object as the JSON it was built from (fields it lacked: None)."""
    dump = getattr(value, "model_dump", None)
    return dump(warnings=False) if callable(dump) else value


def obj(value: Any, what: str, url: str, name: str = "the answer") -> dict[str, Any]:
    """``value`` as a JSON object, or E714."""
    value = plain(value)
    if not isinstance(value, dict):
        raise wrong_shape(what, url, f"{name} is {type(value).__name__}, not an object")
    return value


def items(value: Any, what: str, url: str) -> list[Any]:
    """The items of a page, or E714."""
    if not isinstance(value, list):
        raise wrong_shape(what, url, f"the list is {type(value).__name__}, not a list")
    return value


def field(
    record: dict[str, Any], key: str, kind: type | tuple[type, ...], what: str, url: str, name: str
) -> Any:
    """``record[key]`` of type ``kind`` (a bool is no int), or E714 naming ``name``."""
    value = record.get(key)
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if type(value) not in kinds:
        raise wrong_shape(what, url, f"{name} has no {key} (got {value!r:.60})")
    return value


def read_pages(
    call: Caller,
    what: str,
    fetch: Callable[[int, dict[str, Any]], Any],
    last: Callable[[list[Any], dict[str, Any], int], bool],
) -> list[dict[str, Any]]:
    """Every item of a list the server gives page by page, each a JSON object. ``fetch(n,
    request_options)`` asks for page n (an SDK pager); ``last(items, page, count)`` says
    whether it was the last one. Past the last page Label Studio answers 404."""
    found: list[dict[str, Any]] = []
    for number in range(1, MAX_PAGES + 1):
        try:
            page = call(what, lambda o, n=number: fetch(n, o), read=True)  # type: ignore[misc]
        except ServerFailed as exc:
            if exc.status == 404 and number > 1:
                break
            raise
        got = items(plain(page.items), what, call.url)
        found += [
            obj(item, what, call.url, f"item #{len(found) + i}") for i, item in enumerate(got)
        ]
        if not got or last(got, obj(page.response, what, call.url, "the page"), len(found)):
            break
    return found


# Tasks --------------------------------------------------------------------------------------


def _int(value: Any) -> bool:
    return type(value) is int


def _optional(region: dict[str, Any], key: str, kinds: tuple[type, ...]) -> bool:
    return key not in region or type(region[key]) in kinds


def _region(region: Any) -> bool:
    if type(region) is not dict:
        return False
    if not (
        _optional(region, "id", _ID)
        and _optional(region, "type", (str,))
        and _optional(region, "from_name", (str,))
    ):
        return False
    kind, value = region.get("type"), region.get("value")
    if kind == "labels":
        return (
            type(value) is dict
            and _int(value.get("start", ""))
            and _int(value.get("end", ""))
            and _optional(value, "text", (str,))
            and type(value.get("labels")) is list
            and all(type(v) is str for v in value["labels"])
        )
    if kind == "choices":
        choices = value.get("choices") if type(value) is dict else None
        return type(choices) is list and len(choices) > 0 and all(type(c) is str for c in choices)
    if kind == "relation":
        return (
            type(region.get("from_id")) in _ID
            and type(region.get("to_id")) in _ID
            and _optional(region, "labels", (list,))
        )
    return True


def _result(value: Any) -> bool:
    return value is None or (type(value) is list and all(map(_region, value)))


_NONE = type(None)


def _annotation(ann: Any) -> bool:
    if type(ann) is not dict or not _int(ann.get("id")):
        return False
    who = ann.get("completed_by")
    return (
        (type(who) in (int, _NONE) or (type(who) is dict and _int(who.get("id"))))
        and _result(ann.get("result"))
        and _optional(ann, "was_cancelled", (bool, _NONE))
        and _optional(ann, "ground_truth", (bool, _NONE))
        and _optional(ann, "created_at", (str, _NONE))
        and _optional(ann, "updated_at", (str, _NONE))
        and _optional(ann, "lead_time", (int, float, _NONE))
    )


def _draft(draft: Any) -> bool:
    return type(draft) is dict and _result(draft.get("result"))


def _prediction(pred: Any) -> bool:
    return _int(pred) or (type(pred) is dict and _optional(pred, "model_version", (str, _NONE)))


def _draft_or_id(value: Any) -> bool:
    """A draft, or its id: an export of annotated tasks lists drafts by id only (seen on
    Label Studio 1.23); only their count matters here."""
    return _int(value) or _draft(value)


_ITEM = {"annotations": _annotation, "drafts": _draft_or_id, "predictions": _prediction}


def fits_task(task: Any) -> bool:
    """``task`` is valid under ``schemas/studio_task.schema.json``, integers written as
    integers."""
    if type(task) is not dict or not _int(task.get("id")):
        return False
    if not _optional(task, "data", (dict, _NONE)):
        return False
    for layer in _LAYERS:
        listed = task.get(layer)
        if listed is not None and (type(listed) is not list or not all(map(_ITEM[layer], listed))):
            return False
    return True


def task_problem(task: Any) -> str | None:
    """None for a task that fits the schema, else the first violation, naming the task, the
    annotation (draft, prediction) and the region."""
    if fits_task(task):
        return None
    error = next(iter(validator(SCHEMA).iter_errors(task)), None)
    tid = task.get("id") if isinstance(task, dict) else None
    if error is None:
        return f"task {tid}: offsets and ids must be whole numbers"
    place, rest = _place(task, list(error.absolute_path))
    where = "/".join(map(str, rest)) or "it"
    return f"{place}: {where}: {error.message[:200]}"


def _place(task: Any, path: Sequence[Any]) -> tuple[str, Sequence[Any]]:
    """The task, annotation and region a schema path leads to, in words; the rest of it."""
    if not isinstance(task, dict):
        return "a task", path
    words = [f"task {task.get('id')!r}"]
    node: Any = task
    i = 0
    while i + 1 < len(path) and isinstance(path[i + 1], int):
        key, index = path[i], path[i + 1]
        if key in _LAYERS:
            node = task[key][index]
            name = key[:-1]
        elif key == "result":
            node = node["result"][index]
            name = "region"
        else:
            break
        ident = node.get("id") if isinstance(node, dict) else None
        words.append(f"{name} {ident!r}" if ident is not None else f"{name} #{index}")
        i += 2
    return ", ".join(words), path[i:]
