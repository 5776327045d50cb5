"""The validator built from declarations checks what pydantic checked, and reports it with
the same error types and locations (which source.validation turns into messages)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest
from pydantic_core import SchemaValidator, ValidationError

from assembler.cv.dates import PartialDate
from assembler.source.coreschema import record_schema
from assembler.source.fields import (
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PositiveInt,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)
from assembler.source.record import Record

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Name(Record):
    model_config = ConfigDict(extra="forbid")

    family: Text


def _kind(value: Any) -> str:
    return "name" if isinstance(value, dict) else "text"


class Sample(Record):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    title: Text
    kind: Annotated[Literal["a", "b"] | None, BeforeValidator(str.lower)] = None
    count: Annotated[int, Field(ge=0, le=10)] = 0
    size: PositiveInt | None = None
    when: PartialDate | Literal["never"] | None = None
    author: Annotated[
        Annotated[Text, Tag("text")] | Annotated[Name, Tag("name")], Discriminator(_kind)
    ] = "nobody"
    source: str | None = Field(default=None, alias="from")
    items: list[str] = Field(default_factory=list, min_length=0)

    @field_validator("title")
    @classmethod
    def _no_question(cls, value: str) -> str:
        if value.endswith("?"):
            raise ValueError("no questions")
        return value

    @model_validator(mode="after")
    def _pair(self) -> Sample:
        if self.count and self.size is None:
            raise ValueError("a count needs a size")
        return self


def _validate(data: dict[str, Any]) -> Sample:
    result: Sample = SchemaValidator(record_schema(Sample)).validate_python(data)
    return result


def _errors(data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(ValidationError) as raised:
        _validate(data)
    return [(e["type"], e["loc"]) for e in raised.value.errors()]


def test_values_are_stripped_converted_and_defaulted() -> None:
    sample = _validate({"title": "  T ", "kind": "A", "when": "2021-04", "author": {"family": "X"}})
    assert (sample.title, sample.kind, sample.when) == ("T", "a", PartialDate(2021, 4))
    assert isinstance(sample.author, Name) and sample.author.family == "X"
    assert sample.author == Name(family="X")
    assert sample.count == 0 and sample.items == []
    assert sample.model_fields_set == {"title", "kind", "when", "author"}


def test_an_alias_and_the_attribute_name_are_both_accepted() -> None:
    assert _validate({"title": "T", "from": "x"}).source == "x"
    assert _validate({"title": "T", "source": "y"}).source == "y"


def test_each_kind_of_problem_keeps_its_type_and_location() -> None:
    errors = _errors(
        {
            "title": "",
            "kind": "c",
            "count": 11,
            "size": 0,
            "when": "soon",
            "author": {"given": "x"},
            "typo": 1,
        }
    )
    assert errors == [
        ("string_too_short", ("title",)),
        ("literal_error", ("kind",)),
        ("less_than_equal", ("count",)),
        ("greater_than", ("size",)),
        ("value_error", ("when", "function-plain[parse()]")),
        ("literal_error", ("when", "literal['never']")),
        ("missing", ("author", "name", "family")),
        ("extra_forbidden", ("author", "name", "given")),
        ("extra_forbidden", ("typo",)),
    ]


def test_field_validators_run_after_the_type_and_record_validators_after_the_fields() -> None:
    assert _errors({"title": " why? "}) == [("value_error", ("title",))]
    assert _errors({"title": "T", "count": 3}) == [("value_error", ())]
    assert _validate({"title": "T", "count": 3, "size": 2}).count == 3


def test_defaults_are_not_validated_and_factories_make_fresh_values() -> None:
    first, second = _validate({"title": "T"}), _validate({"title": "U"})
    assert first.author == "nobody"
    assert first.items is not second.items


def test_an_unknown_marker_is_a_programming_error() -> None:
    class Odd(Record):
        value: Annotated[int, "a note"] = 0

    with pytest.raises(TypeError, match="unsupported metadata"):
        record_schema(Odd)
