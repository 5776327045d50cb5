"""``Record``: the base of the file models, validated by pydantic-core.

A record is built by its validator (``model_validate``, or calling the class with keyword
arguments), or from values that are known to be valid (``model_construct``,
``model_copy``). It keeps, like a pydantic model, the names of the fields its input gave
(``model_fields_set``), so that an inherited profile knows which keys a child file wrote.
"""

from __future__ import annotations

from typing import Any, ClassVar

from typing_extensions import Self, dataclass_transform

from assembler.source.compiled import validator
from assembler.source.fields import ConfigDict, Field, FieldInfo, RecordType


@dataclass_transform(kw_only_default=True, field_specifiers=(Field, FieldInfo))
class Record(metaclass=RecordType):
    # The slots pydantic-core fills when it builds an instance; a class attribute
    # ``model_config`` in a subclass body configures the record (see RecordType).
    __slots__ = (
        "__dict__",
        "__pydantic_extra__",
        "__pydantic_fields_set__",
        "__pydantic_private__",
    )
    model_config: ClassVar[ConfigDict] = {}
    __pydantic_fields_set__: set[str]

    def __init__(self, **data: Any) -> None:
        validator(type(self)).validate_python(data, self_instance=self)

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """A record from what a file holds; ``pydantic_core.ValidationError`` lists every
        problem."""
        result: Self = validator(cls).validate_python(data)
        return result

    @classmethod
    def model_construct(cls, **values: Any) -> Self:
        """A record from values that are valid already (not checked); the defaults fill the
        fields not given."""
        fields: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            if name in values:
                fields[name] = values[name]
            elif info.default_factory is not None:
                fields[name] = info.default_factory()
            elif not info.is_required():
                fields[name] = info.default
        return cls._made(fields, set(values))

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Self:
        """A shallow copy, with ``update``'s values (not checked) in place of its own."""
        fields = dict(self.__dict__)
        names = set(self.__pydantic_fields_set__)
        if update:
            fields.update(update)
            names.update(update)
        return self._made(fields, names)

    @classmethod
    def _made(cls, fields: dict[str, Any], names: set[str]) -> Self:
        made = cls.__new__(cls)
        object.__setattr__(made, "__dict__", fields)
        object.__setattr__(made, "__pydantic_fields_set__", names)
        object.__setattr__(made, "__pydantic_extra__", None)
        object.__setattr__(made, "__pydantic_private__", None)
        return made

    @property
    def model_fields_set(self) -> set[str]:
        """The names of the fields the input gave (not those left to their defaults)."""
        return self.__pydantic_fields_set__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # mutable, like a dict

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({values})"
