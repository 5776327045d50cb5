"""The pydantic-core schema of a record: what its validator is built from.

Each declaration maps to the schema pydantic would make of it, so that validation errors keep
their types, locations and messages (``source.validation`` turns them into the user's): a
``Field`` default wraps the field's schema, ``X | None`` is nullable, a field validator runs
after its field's type, a model validator after the whole record, and ``Annotated`` metadata
applies in order. The schema depends on code only; ``source.compiled`` keeps the validator
built from it between runs.
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from typing import Any

from pydantic_core import CoreConfig, CoreSchema, core_schema

from assembler.source.fields import (
    BeforeValidator,
    Discriminator,
    FieldInfo,
    RecordType,
    StringConstraints,
    Tag,
    WithJsonSchema,
    field_validators,
    model_validators,
)

_SCALARS: dict[Any, Any] = {
    str: core_schema.str_schema,
    int: core_schema.int_schema,
    bool: core_schema.bool_schema,
    Decimal: core_schema.decimal_schema,
    float: core_schema.float_schema,
}


def record_schema(record: RecordType) -> CoreSchema:
    """The schema of a record class (its nested records inlined)."""
    return _Builder().record(record)


class _Builder:
    def __init__(self) -> None:
        self.records: dict[type, CoreSchema] = {}

    def record(self, record: RecordType) -> CoreSchema:
        built = self.records.get(record)
        if built is not None:
            return built
        config = record.model_config
        fields: dict[str, core_schema.ModelField] = {}
        checks = field_validators(record)
        for name, info in record.resolve().items():
            schema = self.annotated(info.annotation, info.metadata)
            schema = _constrain(schema, info.constraints())
            for attribute, names in checks:
                if name in names:
                    schema = core_schema.no_info_after_validator_function(
                        getattr(record, attribute), schema
                    )
            if info.default_factory is not None:
                schema = core_schema.with_default_schema(
                    schema, default_factory=info.default_factory
                )
            elif not info.is_required():
                schema = core_schema.with_default_schema(schema, default=info.default)
            fields[name] = core_schema.model_field(
                schema, validation_alias=info.alias, serialization_alias=info.alias
            )
        core_config = CoreConfig(title=record.__name__)
        if config.get("extra") == "forbid":
            core_config["extra_fields_behavior"] = "forbid"
        if config.get("str_strip_whitespace"):
            core_config["str_strip_whitespace"] = True
        if config.get("populate_by_name"):
            core_config["validate_by_name"] = True
            core_config["validate_by_alias"] = True
        schema = core_schema.model_schema(
            record,
            core_schema.model_fields_schema(fields, model_name=record.__name__),
            custom_init=False,
            root_model=False,
            config=core_config,
        )
        for check in model_validators(record):
            schema = core_schema.no_info_after_validator_function(check, schema)
        self.records[record] = schema
        return schema

    def annotated(self, annotation: Any, metadata: tuple[Any, ...]) -> CoreSchema:
        """The schema of ``Annotated[annotation, *metadata]``."""
        discriminator = next((m for m in metadata if isinstance(m, Discriminator)), None)
        if discriminator is not None:
            schema = self.tagged(annotation, discriminator)
        else:
            schema = self.type(annotation)
        for item in metadata:
            if isinstance(item, StringConstraints):
                schema = _constrain(
                    schema,
                    {
                        "strip_whitespace": item.strip_whitespace,
                        "min_length": item.min_length,
                        "pattern": item.pattern,
                    },
                )
            elif isinstance(item, FieldInfo):
                schema = _constrain(schema, item.constraints())
            elif isinstance(item, BeforeValidator):
                schema = core_schema.no_info_before_validator_function(item.func, schema)
            elif not isinstance(item, Tag | Discriminator | WithJsonSchema):
                raise TypeError(f"unsupported metadata {item!r}")
        return schema

    def tagged(self, annotation: Any, discriminator: Discriminator) -> CoreSchema:
        choices: dict[Any, CoreSchema] = {}
        for member in typing.get_args(annotation):
            inner, *metadata = typing.get_args(member)
            tag = next(m.tag for m in metadata if isinstance(m, Tag))
            choices[tag] = self.annotated(inner, tuple(metadata))
        return core_schema.tagged_union_schema(choices, discriminator.func)

    def type(self, annotation: Any) -> CoreSchema:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            return self.annotated(args[0], tuple(args[1:]))
        if origin in (typing.Union, types.UnionType):
            members = [arg for arg in args if arg is not type(None)]
            if len(members) == 1:
                inner = self.type(members[0])
            else:
                inner = core_schema.union_schema([self.type(arg) for arg in members])
            return core_schema.nullable_schema(inner) if len(members) < len(args) else inner
        if origin is typing.Literal:
            return core_schema.literal_schema(list(args))
        if origin is list:
            return core_schema.list_schema(self.type(args[0]))
        if origin is dict:
            return core_schema.dict_schema(self.type(args[0]), self.type(args[1]))
        if annotation is typing.Any:
            return core_schema.any_schema()
        if annotation in _SCALARS:
            scalar: CoreSchema = _SCALARS[annotation]()
            return scalar
        if isinstance(annotation, RecordType):
            return self.record(annotation)
        own = getattr(annotation, "__core_schema__", None)
        if own is not None:
            custom: CoreSchema = own()
            return custom
        raise TypeError(f"no schema for {annotation!r}")


def _constrain(schema: CoreSchema, constraints: dict[str, Any]) -> CoreSchema:
    """The schema with the constraints set (on a nullable schema: on its inner schema)."""
    given = {key: value for key, value in constraints.items() if value is not None}
    if not given:
        return schema
    if schema["type"] == "nullable":
        return core_schema.nullable_schema(_constrain(schema["schema"], given))
    return typing.cast(CoreSchema, {**schema, **given})
