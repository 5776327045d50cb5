"""The JSON Schema editors get from the declarations (the CV's own is checked against the
published examples/cv.schema.json in tests/bundled)."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from assembler.source.fields import (
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
)
from assembler.source.jsonschema import json_schema
from assembler.source.record import Record

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Code = Annotated[str, WithJsonSchema({"type": ["string", "number"]})]


class Budget(Record):
    amount: Annotated[int, Field(ge=0)]
    currency: Text = "EUR"


def _kind(value: Any) -> str:
    return "detail" if isinstance(value, dict) else "text"


class Grant(Record):
    """A grant, as editors see it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"title": "a grant"})

    grant_id: Code = Field(description="The number")
    budget: Budget | None = None
    role: Literal["lead", "partner"] | None = None
    stage: Literal["submitted"] = "submitted"
    partners: list[Text] = Field(default_factory=list)
    identifiers: dict[Text, Code] = Field(default_factory=dict)
    extra: dict[str, Any] = Field(default_factory=dict)
    funding: Annotated[
        Annotated[Text, Tag("text")] | Annotated[Budget, Tag("detail")], Discriminator(_kind)
    ] = Field(default="", description="Text or a budget")
    source: Text | None = Field(default=None, alias="from")


def test_a_record_schema_follows_the_editor_conventions() -> None:
    assert json_schema(Grant) == {
        "$defs": {
            "Budget": {
                "properties": {
                    "amount": {"minimum": 0, "title": "Amount", "type": "integer"},
                    "currency": {
                        "default": "EUR",
                        "minLength": 1,
                        "title": "Currency",
                        "type": "string",
                    },
                },
                "required": ["amount"],
                "title": "Budget",
                "type": "object",
            }
        },
        "additionalProperties": False,
        "description": "A grant, as editors see it.",
        "properties": {
            "grant_id": {
                "description": "The number",
                "title": "Grant Id",
                "type": ["string", "number"],
            },
            "budget": {"anyOf": [{"$ref": "#/$defs/Budget"}, {"type": "null"}], "default": None},
            "role": {
                "anyOf": [{"enum": ["lead", "partner"], "type": "string"}, {"type": "null"}],
                "default": None,
                "title": "Role",
            },
            "stage": {
                "const": "submitted",
                "default": "submitted",
                "title": "Stage",
                "type": "string",
            },
            "partners": {
                "items": {"minLength": 1, "type": "string"},
                "title": "Partners",
                "type": "array",
            },
            "identifiers": {
                "additionalProperties": {"type": ["string", "number"]},
                "propertyNames": {"minLength": 1},
                "title": "Identifiers",
                "type": "object",
            },
            "extra": {"additionalProperties": True, "title": "Extra", "type": "object"},
            "funding": {
                "default": "",
                "description": "Text or a budget",
                "oneOf": [{"minLength": 1, "type": "string"}, {"$ref": "#/$defs/Budget"}],
                "title": "Funding",
            },
            "from": {
                "anyOf": [{"minLength": 1, "type": "string"}, {"type": "null"}],
                "default": None,
                "title": "Source",
            },
        },
        "required": ["grant_id"],
        "title": "a grant",
        "type": "object",
    }


def test_keys_are_sorted_except_the_fields() -> None:
    schema = json_schema(Grant)
    assert list(schema) == sorted(schema)
    fields = Grant.model_fields.items()
    assert list(schema["properties"]) == [info.alias or name for name, info in fields]
    assert list(schema["properties"]["budget"]) == ["anyOf", "default"]
    assert json.loads(json.dumps(schema)) == schema
