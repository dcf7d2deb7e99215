"""JSON Schemas shipped with conflictkg, and a checker for the part of JSON Schema they use.

The schemas are standard JSON Schema (draft 2020-12) so that any validator reads them; the
checker here covers the keywords they use (``type``, ``required``, ``properties``,
``additionalProperties``, ``items``, ``minItems``, ``maxItems``, ``minLength``, ``minimum``,
``pattern``, ``const``, ``enum``, local ``$ref``), so that no dependency is needed. A schema
using any other keyword is refused rather than half-checked.

Errors name where they are, as a path into the document: ``documents[0].events[2].date``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent
ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description"}
_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def load_schema(name: str) -> dict:
    """A schema shipped in this folder, by file name (``gold.schema.json``)."""
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _is_type(value, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind in ("object", "array", "string") or kind in _TYPES:
        return isinstance(value, _TYPES[kind]) and not (kind != "boolean" and isinstance(value, bool))
    raise ValueError(f"schema: unknown type {kind!r}")


def _describe(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def _child(path: str, key) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


class _Checker:
    def __init__(self, root: dict):
        self.root = root
        self.errors: list[str] = []

    def resolve(self, ref: str) -> dict:
        if not ref.startswith("#/"):
            raise ValueError(f"schema: only local references are supported, not {ref!r}")
        node = self.root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def fail(self, path: str, message: str) -> None:
        self.errors.append(f"{path or '(the document)'}: {message}")

    def check(self, value, schema: dict, path: str) -> None:  # noqa: C901 (one branch per keyword)
        unknown = set(schema) - ANNOTATIONS - set(_KEYWORDS)
        if unknown:
            raise ValueError(f"schema: unsupported keyword(s) {', '.join(sorted(unknown))}")
        if "$ref" in schema:
            self.check(value, self.resolve(schema["$ref"]), path)
        if "type" in schema:
            kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_is_type(value, kind) for kind in kinds):
                self.fail(path, f"expected {' or '.join(kinds)}, got {_describe(value)}")
                return
        if "const" in schema and value != schema["const"]:
            self.fail(path, f"expected {_describe(schema['const'])}, got {_describe(value)}")
        if "enum" in schema and value not in schema["enum"]:
            self.fail(path, f"expected one of {', '.join(map(_describe, schema['enum']))}, got {_describe(value)}")
        if isinstance(value, str):
            if len(value) < schema.get("minLength", 0):
                self.fail(path, "must not be empty" if schema["minLength"] == 1 else "too short")
            if "pattern" in schema and not re.search(schema["pattern"], value):
                self.fail(path, f"{_describe(value)} does not match {schema['pattern']}")
        if _is_type(value, "number") and "minimum" in schema and value < schema["minimum"]:
            self.fail(path, f"must be at least {schema['minimum']}, got {value}")
        if isinstance(value, list):
            self.check_array(value, schema, path)
        if isinstance(value, dict):
            self.check_object(value, schema, path)

    def check_array(self, value: list, schema: dict, path: str) -> None:
        if len(value) < schema.get("minItems", 0):
            self.fail(path, f"expected at least {schema['minItems']} item(s), got {len(value)}")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            self.fail(path, f"expected at most {schema['maxItems']} item(s), got {len(value)}")
        if "items" in schema:
            for index, item in enumerate(value):
                self.check(item, schema["items"], _child(path, index))

    def check_object(self, value: dict, schema: dict, path: str) -> None:
        for name in schema.get("required", []):
            if name not in value:
                self.fail(path, f"missing {name!r}")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                self.check(item, properties[name], _child(path, name))
            elif extra is False:
                self.fail(_child(path, name), "not allowed here")
            elif isinstance(extra, dict):
                self.check(item, extra, _child(path, name))


_KEYWORDS = ("$ref", "type", "const", "enum", "minLength", "pattern", "minimum", "minItems",
             "maxItems", "items", "required", "properties", "additionalProperties")


def schema_errors(document, schema: dict) -> list[str]:
    """Every way ``document`` breaks ``schema``, one line each with its path; [] when valid."""
    checker = _Checker(schema)
    checker.check(document, schema, "")
    return checker.errors
