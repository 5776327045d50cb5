"""How the file models (the CV, the profile) declare their fields: ``Field``, constraints,
validators, and the metaclass that collects a record's fields from its annotations.

Declaring costs nothing at import: a class statement stores its annotations as text and its
``Field(...)`` values as they are. What the annotations mean is worked out only when a
record's validator is built (``source.coreschema``, kept between runs by
``source.compiled``) or when its fields' types are asked for (the manual, error hints).
pydantic itself, which built 34 model classes and a hundred of its own on every start-up, is
not imported on a run; its validation engine, pydantic-core, is.

The names follow pydantic's (``Field``, ``model_fields``, ``field_validator``) and so do the
rules: fields in base-class order, a field's default from the class that declares it, names
starting with ``_`` and ``ClassVar`` annotations are not fields.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from copy import copy
from typing import Any, Literal, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
ConfigDict = dict[str, Any]


class _Missing:
    """No default: the field is required."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FieldInfo:
    """A field's declaration: its default, alias and description, and constraints on its
    value. ``Field(ge=0)`` inside ``Annotated`` is a constraint only."""

    __slots__ = (
        "_annotation",
        "_metadata",
        "alias",
        "allow_inf_nan",
        "default",
        "default_factory",
        "description",
        "ge",
        "gt",
        "le",
        "min_length",
        "owner",
    )

    def __init__(
        self,
        default: Any = MISSING,
        default_factory: Callable[[], Any] | None = None,
        alias: str | None = None,
        description: str | None = None,
        ge: Any = None,
        le: Any = None,
        gt: Any = None,
        min_length: int | None = None,
        allow_inf_nan: bool | None = None,
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.alias = alias
        self.description = description
        self.ge = ge
        self.le = le
        self.gt = gt
        self.min_length = min_length
        self.allow_inf_nan = allow_inf_nan
        self.owner: RecordType | None = None  # the record whose field this is
        self._annotation: Any = None
        self._metadata: tuple[Any, ...] = ()

    @property
    def annotation(self) -> Any:
        """The field's type, without a top-level ``Annotated`` (resolved when first asked
        for: evaluating every annotation of the CV's records takes 6 ms)."""
        if self.owner is not None:
            self.owner.resolve()
        return self._annotation

    @property
    def metadata(self) -> tuple[Any, ...]:
        """The metadata of the type's top-level ``Annotated``."""
        if self.owner is not None:
            self.owner.resolve()
        return self._metadata

    def is_required(self) -> bool:
        return self.default is MISSING and self.default_factory is None

    def constraints(self) -> dict[str, Any]:
        """The constraints set on this declaration, by pydantic-core's names for them."""
        names = ("ge", "le", "gt", "min_length", "allow_inf_nan")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}

    def __repr__(self) -> str:
        shown = {"default": self.default, "alias": self.alias, **self.constraints()}
        return "Field(" + ", ".join(f"{k}={v!r}" for k, v in shown.items() if v) + ")"


def Field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | None = None,
    alias: str | None = None,
    description: str | None = None,
    ge: Any = None,
    le: Any = None,
    gt: Any = None,
    min_length: int | None = None,
    allow_inf_nan: bool | None = None,
) -> Any:
    """A field's default, alias, description or constraints (see ``FieldInfo``). Every
    argument is named: type checkers see a default only when it is named."""
    return FieldInfo(
        default, default_factory, alias, description, ge, le, gt, min_length, allow_inf_nan
    )


class StringConstraints:
    """Inside ``Annotated[str, ...]``: whitespace stripped, a minimum length, a pattern."""

    __slots__ = ("min_length", "pattern", "strip_whitespace")

    def __init__(
        self,
        *,
        strip_whitespace: bool | None = None,
        min_length: int | None = None,
        pattern: str | None = None,
    ) -> None:
        self.strip_whitespace = strip_whitespace
        self.min_length = min_length
        self.pattern = pattern


class BeforeValidator:
    """Inside ``Annotated``: a function that turns what the file holds into what the type
    takes (a shorthand into its long form) before the type validates it."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func


class Tag:
    """Inside ``Annotated``: the name of one member of a union with a ``Discriminator``."""

    __slots__ = ("tag",)

    def __init__(self, tag: str) -> None:
        self.tag = tag


class Discriminator:
    """Inside ``Annotated[A | B, ...]``: a function naming the ``Tag`` of the member a value
    is validated as, so that errors speak of that member only."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], str]) -> None:
        self.func = func


class WithJsonSchema:
    """Inside ``Annotated``: the JSON Schema that editors are given for the type."""

    __slots__ = ("schema",)

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema


PositiveInt = typing.Annotated[int, FieldInfo(gt=0)]


def field_validator(*names: str) -> Callable[[F], F]:
    """Mark a classmethod ``(cls, value) -> value`` to check the named fields' values after
    their types did; it raises ``ValueError`` with the message the user reads."""

    def mark(method: F) -> F:
        function: Any = getattr(method, "__func__", method)
        function.__validates__ = names
        return method

    return mark


def model_validator(*, mode: Literal["after"]) -> Callable[[F], F]:
    """Mark a method ``(self) -> self`` to check a whole record after its fields."""

    def mark(function: F) -> F:
        marked: Any = function
        marked.__model_validator__ = mode
        return function

    return mark


def field_validators(record: type) -> list[tuple[str, tuple[str, ...]]]:
    """(attribute name, field names) of every field validator of a record and its bases."""
    found: dict[str, tuple[str, ...]] = {}
    for klass in reversed(record.__mro__):
        for name, value in vars(klass).items():
            names = getattr(getattr(value, "__func__", value), "__validates__", None)
            if names is not None:
                found[name] = names
    return list(found.items())


def model_validators(record: type) -> list[Callable[[Any], Any]]:
    """The whole-record validators of a record and its bases, bases' first."""
    found: dict[str, Callable[[Any], Any]] = {}
    for klass in reversed(record.__mro__):
        for name, value in vars(klass).items():
            if getattr(value, "__model_validator__", None) is not None:
                found[name] = value
    return list(found.values())


def _is_class_var(annotation: Any) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return typing.get_origin(annotation) is typing.ClassVar


class RecordType(type):
    """The metaclass of records: ``model_fields`` and ``model_config``, worked out once per
    class when first asked for."""

    @property
    def model_fields(cls) -> dict[str, FieldInfo]:
        """Field name -> declaration, in declaration order (bases' fields first)."""
        cached: dict[str, FieldInfo] | None = cls.__dict__.get("_record_fields")
        if cached is not None:
            return cached
        owners: dict[str, type] = {}
        for klass in reversed(cls.__mro__):
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                if name.startswith("_") or _is_class_var(annotation):
                    continue
                owners[name] = klass
        fields = {}
        for name, owner in owners.items():
            value = vars(owner).get(name, MISSING)
            # A copy of the declaration: each record keeps its own (with its own owner).
            info = copy(value) if isinstance(value, FieldInfo) else FieldInfo(value)
            info.owner = cls
            fields[name] = info
        type.__setattr__(cls, "_record_fields", fields)
        return fields

    @property
    def model_config(cls) -> ConfigDict:
        """The configuration of the class and its bases, the class's own keys winning."""
        merged: ConfigDict = {}
        for klass in reversed(cls.__mro__):
            merged.update(vars(klass).get("model_config", {}))
        return merged

    def resolve(cls) -> dict[str, FieldInfo]:
        """The fields with their annotations resolved to types, once per class."""
        fields = cls.model_fields
        if cls.__dict__.get("_record_resolved"):
            return fields
        hints = typing.get_type_hints(cls, include_extras=True)
        for name, info in fields.items():
            annotation = hints[name]
            metadata: tuple[Any, ...] = ()
            if typing.get_origin(annotation) is typing.Annotated:
                annotation, *rest = typing.get_args(annotation)
                metadata = tuple(rest)
            info._annotation = annotation
            info._metadata = metadata
            info.owner = None
        type.__setattr__(cls, "_record_resolved", True)
        return fields

    def documentation(cls) -> str | None:
        """The class's own docstring, cleaned (None when it has none of its own)."""
        own = cls.__dict__.get("__doc__")
        return inspect.cleandoc(own) if own else None
