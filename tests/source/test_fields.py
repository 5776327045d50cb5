"""Field declarations: which attributes are fields, in which order, with which defaults,
types and validators; nothing is evaluated before it is asked for."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from assembler.source.fields import (
    MISSING,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    field_validators,
    model_validator,
    model_validators,
)
from assembler.source.record import Record

Short = Annotated[str, StringConstraints(min_length=1)]


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


class Base(Record):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str | None = None
    tags: list[str] = Field(default_factory=list, description="Keywords")
    _private: int = 0
    counter: ClassVar[int] = 0

    @field_validator("id")
    @classmethod
    def _id(cls, value: str | None) -> str | None:
        return value

    @model_validator(mode="after")
    def _whole(self) -> Base:
        return self


class Child(Base):
    model_config = ConfigDict(populate_by_name=True)

    title: Short = Field(description="The title")
    kind: Annotated[str | None, BeforeValidator(_lower)] = None
    id: str | None = Field(default="fixed")  # redeclared: keeps its place, takes this default
    source: str = Field(default="", alias="from")

    @model_validator(mode="after")
    def _own(self) -> Child:
        return self


def test_fields_come_in_base_order_and_skip_private_and_class_variables() -> None:
    assert list(Child.model_fields) == ["id", "tags", "title", "kind", "source"]
    assert list(Base.model_fields) == ["id", "tags"]


def test_defaults_come_from_the_class_that_declares_the_field() -> None:
    fields = Child.model_fields
    assert fields["id"].default == "fixed"
    assert Base.model_fields["id"].default is None
    assert fields["title"].is_required() and fields["title"].default is MISSING
    assert fields["tags"].default_factory is list and not fields["tags"].is_required()
    assert fields["source"].alias == "from"
    assert fields["tags"].description == "Keywords"


def test_types_are_resolved_only_when_asked_for() -> None:
    class Late(Record):
        when: Later | None = None

    assert list(Late.model_fields) == ["when"]  # names need no evaluation
    assert not Late.__dict__.get("_record_resolved")
    info = Late.model_fields["when"]
    assert info.annotation == (Later | None)
    assert Late.__dict__.get("_record_resolved")


class Later(Record):
    """Declared after the record that refers to it."""


def test_a_top_level_annotated_is_split_into_type_and_metadata() -> None:
    kind = Child.model_fields["kind"]
    assert kind.annotation == (str | None)
    assert [type(item) for item in kind.metadata] == [BeforeValidator]
    title = Child.model_fields["title"]
    assert title.annotation is str
    assert isinstance(title.metadata[0], StringConstraints)


def test_configuration_merges_along_the_bases() -> None:
    assert Child.model_config == {
        "extra": "forbid",
        "str_strip_whitespace": True,
        "populate_by_name": True,
    }


def test_validators_are_inherited() -> None:
    assert field_validators(Child) == [("_id", ("id",))]
    assert [check.__name__ for check in model_validators(Child)] == ["_whole", "_own"]


def test_a_constraint_field_reports_its_constraints() -> None:
    assert Field(ge=0, le=10).constraints() == {"ge": 0, "le": 10}
    assert Field(description="no constraint").constraints() == {}


def test_documentation_is_the_class_own_docstring() -> None:
    assert Later.documentation() == "Declared after the record that refers to it."
    assert Child.documentation() is None  # not inherited from Record
