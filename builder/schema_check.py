"""A JSON Schema compiled to one Python function: "is this record valid?", fast.

``jsonschema`` interprets a schema keyword by keyword through its reference resolver: about a
millisecond per annotation record, 20 seconds for a snapshot of 20,000, when nearly every
record read is valid. So the question asked of every record is answered by Python source
generated once per schema (nested ``if``s, no call per keyword); ``jsonschema`` stays the
reference and explains a record this function refuses (``schemas.first_error``).

Supported: type, required, properties, additionalProperties (true/false), items (one schema),
minimum, maximum, minLength, pattern, enum (of strings), oneOf, anyOf and $ref (to
``#/$defs/``, its siblings applying too, as in draft 2020-12); annotations ($schema, $id,
title, description...) are ignored. A schema using anything else is refused when compiled,
never half-checked. The function is never more lenient than jsonschema: a value of a
subclass of a JSON type (an OrderedDict...) fails its type test here and jsonschema decides.
``tests/test_schema_check.py`` holds the two to the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

_IGNORED = frozenset(
    {"$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"}
    | {"format"}  # an annotation only: jsonschema asserts formats only when asked to
)
_KNOWN = frozenset(
    {"type", "required", "properties", "additionalProperties", "items", "minimum", "maximum"}
    | {"minLength", "pattern", "enum", "oneOf", "anyOf", "$ref"}
)
# JSON types as the exact Python types orjson decodes to.
_PYTHON: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
    "integer": (int,),
    "number": (int, float),
}


class Unsupported(ValueError):
    """The schema uses a keyword this compiler does not implement."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Writer:
    """Source lines of one function per ``$defs`` entry or alternative, plus the top one."""

    def __init__(self, defs: Mapping[str, Any]) -> None:
        self.defs = defs
        self.names: dict[str, str] = {}  # $defs name -> function name
        self.consts: dict[str, Any] = {"is_number": _is_number}
        self.functions: list[list[str]] = []
        self.fresh = 0

    def name(self, prefix: str) -> str:
        self.fresh += 1
        return f"{prefix}{self.fresh}"

    def const(self, value: Any) -> str:
        name = self.name("c")
        self.consts[name] = value
        return name

    def function(self, part: Mapping[str, Any]) -> str:
        name = self.name("f")
        body: list[str] = []
        self.emit(part, "v", body, "    ")
        self.functions.append([f"def {name}(v):", *body, "    return True"])
        return name

    def ref(self, target: str) -> str:
        key = target.removeprefix("#/$defs/")
        if key == target or key not in self.defs:
            raise Unsupported(f"$ref {target!r}: only #/$defs/<name> is supported")
        if key not in self.names:
            self.names[key] = self.name("d")  # reserved first: a recursive $ref finds it
            body: list[str] = []
            self.emit(self.defs[key], "v", body, "    ")
            self.functions.append([f"def {self.names[key]}(v):", *body, "    return True"])
        return self.names[key]

    def emit(self, part: Mapping[str, Any], v: str, out: list[str], pad: str) -> None:
        """Lines that ``return False`` when ``v`` breaks ``part`` (else fall through)."""
        unknown = set(part) - _KNOWN - _IGNORED
        if unknown:
            raise Unsupported(f"keywords {sorted(unknown)} are not supported")
        kinds = _kinds(part.get("type"))
        if kinds is not None:
            test = f"type({v}) in {self.const(frozenset(kinds))}" if kinds else "False"
            if len(kinds) == 1:
                test = f"type({v}) is {self.const(next(iter(kinds)))}"
            if int in kinds and float not in kinds:  # 1.0 is an integer to JSON Schema
                test = f"{test} or (type({v}) is float and {v}.is_integer())"
            out.append(f"{pad}if not ({test}): return False")
        if "enum" in part:
            if not all(isinstance(x, str) for x in part["enum"]):
                raise Unsupported("enum of anything but strings")
            allowed = self.const(frozenset(part["enum"]))
            out.append(f"{pad}if not (isinstance({v}, str) and {v} in {allowed}): return False")
        if "minimum" in part or "maximum" in part:
            low, high = self.const(part.get("minimum")), self.const(part.get("maximum"))
            inner = pad  # the type test above let numbers only through: no second test
            if kinds is None or not kinds <= {int, float}:
                out.append(f"{pad}if is_number({v}):")
                inner = pad + "    "
            if "minimum" in part:
                out.append(f"{inner}if {v} < {low}: return False")
            if "maximum" in part:
                out.append(f"{inner}if {v} > {high}: return False")
        if "minLength" in part or "pattern" in part:
            inner = pad
            if kinds != {str}:
                out.append(f"{pad}if isinstance({v}, str):")
                inner = pad + "    "
            if "minLength" in part:
                out.append(f"{inner}if len({v}) < {int(part['minLength'])}: return False")
            if "pattern" in part:
                search = self.const(re.compile(part["pattern"]).search)
                out.append(f"{inner}if {search}({v}) is None: return False")
        self.emit_object(part, v, out, pad, exact=kinds == {dict})
        if "items" in part:
            item = self.name("x")
            inner = pad if kinds == {list} else pad + "    "
            if kinds != {list}:
                out.append(f"{pad}if isinstance({v}, list):")
            out.append(f"{inner}for {item} in {v}:")
            self.emit(part["items"], item, out, inner + "    ")
        for word in ("oneOf", "anyOf"):
            if word in part:
                options = ", ".join(self.function(p) for p in part[word])
                hits = f"sum(1 for o in ({options},) if o({v}))"
                test = f"{hits} != 1" if word == "oneOf" else f"{hits} == 0"
                out.append(f"{pad}if {test}: return False")
        if "$ref" in part:
            out.append(f"{pad}if not {self.ref(part['$ref'])}({v}): return False")

    def emit_object(
        self, part: Mapping[str, Any], v: str, out: list[str], pad: str, exact: bool
    ) -> None:
        props: Mapping[str, Any] = part.get("properties", {})
        required = part.get("required", ())
        extra = part.get("additionalProperties", True)
        if not isinstance(extra, bool):
            raise Unsupported("additionalProperties as a schema")
        if not (props or required or not extra):
            return
        inner = pad if exact else pad + "    "  # exact: the type test above made it a dict
        if not exact:
            out.append(f"{pad}if isinstance({v}, dict):")
        keys = self.name("k")
        out.append(f"{inner}{keys} = {v}.keys()")
        if required:
            out.append(f"{inner}if not {keys} >= {self.const(frozenset(required))}: return False")
        if not extra:
            out.append(f"{inner}if not {keys} <= {self.const(frozenset(props))}: return False")
        for key, sub in props.items():
            item = self.name("x")
            if key in required:  # known to be there: no membership test
                body = [f"{inner}{item} = {v}[{key!r}]"]
                self.emit(sub, item, body, inner)
            else:
                body = [f"{inner}if {key!r} in {keys}:", f"{inner}    {item} = {v}[{key!r}]"]
                self.emit(sub, item, body, inner + "    ")
            if len(body) > 2 or (key in required and len(body) > 1):
                out.extend(body)


def _kinds(declared: str | list[str] | None) -> set[type] | None:
    if declared is None:
        return None
    names = [declared] if isinstance(declared, str) else list(declared)
    if not set(names) <= _PYTHON.keys():
        raise Unsupported(f"type {declared!r}")
    return {t for n in names for t in _PYTHON[n]}


def compile_schema(schema: Mapping[str, Any]) -> Check:
    """The function that says whether a value is valid under ``schema``."""
    writer = _Writer(schema.get("$defs", {}))
    top = writer.function(schema)
    source = "\n\n".join("\n".join(lines) for lines in writer.functions)
    namespace = dict(writer.consts)
    exec(compile(source, f"<schema {schema.get('$id', '')}>", "exec"), namespace)
    check: Check = namespace[top]
    return check
