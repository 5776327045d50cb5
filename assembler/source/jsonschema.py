"""The JSON Schema of a record, for editors (``assemble schema``).

It follows the conventions editors and pydantic-made schemas share, so that the published
``cv.schema.json`` keeps its shape: records under ``$defs`` referenced by ``$ref``, a title
per field ("as_of" is "As Of", none beside a bare record reference), ``X | None`` as
``anyOf`` with ``null``, a ``Discriminator`` union as ``oneOf``, defaults shown (not those
made by a factory), and keys sorted except the fields, which keep the file's order.
``WithJsonSchema`` replaces what a type would say, and a type may give its own
(``__json_schema__``).
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from typing import Any

from assembler.source.fields import (
    BeforeValidator,
    Discriminator,
    FieldInfo,
    RecordType,
    StringConstraints,
    Tag,
    WithJsonSchema,
)

JsonSchema = dict[str, Any]
_SCALARS: dict[Any, JsonSchema] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    float: {"type": "number"},
    Decimal: {"anyOf": [{"type": "number"}, {"type": "string"}]},
}
_KEYWORDS = {
    "ge": "minimum",
    "le": "maximum",
    "gt": "exclusiveMinimum",
    "pattern": "pattern",
}
_LENGTHS = {"string": ("minLength",), "array": ("minItems",), "object": ("minProperties",)}


def json_schema(record: RecordType) -> JsonSchema:
    """The record's schema, with every record it holds under ``$defs``."""
    builder = _Builder()
    top = builder.record_body(record)
    if builder.definitions:
        top["$defs"] = dict(sorted(builder.definitions.items()))
    result: JsonSchema = _sorted(top)
    return result


class _Builder:
    def __init__(self) -> None:
        self.definitions: dict[str, JsonSchema] = {}

    def reference(self, record: RecordType) -> JsonSchema:
        name = record.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # taken before its fields, for records that recur
            self.definitions[name] = self.record_body(record)
        return {"$ref": f"#/$defs/{name}"}

    def record_body(self, record: RecordType) -> JsonSchema:
        config = record.model_config
        properties: JsonSchema = {}
        required: list[str] = []
        for name, info in record.resolve().items():
            key = info.alias or name
            properties[key] = self.field(name, info)
            if info.is_required():
                required.append(key)
        body: JsonSchema = {}
        if config.get("extra") == "forbid":
            body["additionalProperties"] = False
        documentation = record.documentation()
        if documentation:
            body["description"] = documentation
        body["properties"] = properties
        if required:
            body["required"] = required
        body["title"] = config.get("json_schema_extra", {}).get("title", record.__name__)
        body["type"] = "object"
        return body

    def field(self, name: str, info: FieldInfo) -> JsonSchema:
        schema = self.annotated(info.annotation, info.metadata)
        schema = _constrain(schema, info.constraints())
        if not _is_reference(schema):
            schema = {**schema, "title": name.title().replace("_", " ")}
        if info.default_factory is None and not info.is_required():
            schema["default"] = info.default
        if info.description:
            schema["description"] = info.description
        return schema

    def annotated(self, annotation: Any, metadata: tuple[Any, ...]) -> JsonSchema:
        own = next((m.schema for m in metadata if isinstance(m, WithJsonSchema)), None)
        if own is not None:
            return dict(own)
        if any(isinstance(m, Discriminator) for m in metadata):
            members = [self.type(member) for member in typing.get_args(annotation)]
            schema: JsonSchema = {"oneOf": members}
        else:
            schema = self.type(annotation)
        for item in metadata:
            if isinstance(item, StringConstraints):
                schema = _constrain(
                    schema, {"min_length": item.min_length, "pattern": item.pattern}
                )
            elif isinstance(item, FieldInfo):
                schema = _constrain(schema, item.constraints())
            elif not isinstance(item, Tag | Discriminator | BeforeValidator):
                raise TypeError(f"unsupported metadata {item!r}")
        return schema

    def type(self, annotation: Any) -> JsonSchema:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            return self.annotated(args[0], tuple(args[1:]))
        if origin in (typing.Union, types.UnionType):
            return self.union(args)
        if origin is typing.Literal:
            if len(args) == 1:
                return {"const": args[0], "type": "string"}
            return {"enum": list(args), "type": "string"}
        if origin is list:
            return {"items": self.type(args[0]), "type": "array"}
        if origin is dict:
            return self.mapping(args[0], args[1])
        if annotation is typing.Any:
            return {}
        if annotation in _SCALARS:
            return dict(_SCALARS[annotation])
        if isinstance(annotation, RecordType):
            return self.reference(annotation)
        own = getattr(annotation, "__json_schema__", None)
        if own is not None:
            custom: JsonSchema = own()
            return custom
        raise TypeError(f"no JSON schema for {annotation!r}")

    def union(self, args: tuple[Any, ...]) -> JsonSchema:
        members = [self.type(arg) for arg in args if arg is not type(None)]
        if len(members) < len(args):
            members.append({"type": "null"})
        return members[0] if len(members) == 1 else {"anyOf": _flattened(members)}

    def mapping(self, key: Any, value: Any) -> JsonSchema:
        schema: JsonSchema = {"additionalProperties": self.type(value) or True, "type": "object"}
        keys = {k: v for k, v in self.type(key).items() if k != "type"}
        if keys:
            schema["propertyNames"] = keys
        return schema


def _constrain(schema: JsonSchema, constraints: dict[str, Any]) -> JsonSchema:
    """The schema with the constraints as JSON Schema keywords (on a nullable schema: on
    its non-null member)."""
    given = {key: value for key, value in constraints.items() if value is not None}
    if not given:
        return schema
    members = schema.get("anyOf")
    if members and {"type": "null"} in members and set(schema) == {"anyOf"}:
        return {"anyOf": [m if m == {"type": "null"} else _constrain(m, given) for m in members]}
    result = dict(schema)
    for key, value in given.items():
        if key == "min_length":
            (keyword,) = _LENGTHS[schema.get("type", "string")]
            result[keyword] = value
        elif key in _KEYWORDS:
            result[_KEYWORDS[key]] = value
    return result


def _flattened(members: list[JsonSchema]) -> list[JsonSchema]:
    """Members that are only an ``anyOf`` spliced into the list."""
    flat: list[JsonSchema] = []
    for member in members:
        if set(member) == {"anyOf"}:
            flat.extend(member["anyOf"])
        else:
            flat.append(member)
    return flat


def _is_reference(schema: JsonSchema) -> bool:
    """A bare record reference, or one that may be null: its record has the title."""
    if "$ref" in schema:
        return True
    members = schema.get("anyOf", [])
    return (
        len(members) == 2
        and {"type": "null"} in members
        and any("$ref" in member for member in members)
    )


def _sorted(value: Any, parent: str = "") -> Any:
    """Keys sorted at every level except in ``properties`` and ``default`` values."""
    if isinstance(value, dict):
        keys = list(value) if parent in ("properties", "default") else sorted(value)
        return {key: _sorted(value[key], key) for key in keys}
    if isinstance(value, list):
        return [_sorted(item, parent) for item in value]
    return value
