"""The typed master CV: every section and field of DESIGN.md "The data file".

Values arrive as the text the user typed (see ``yaml_source``); the types here decide what each
field means. Unknown keys are errors, so a typo is never silently dropped.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from assembler.cv.dates import JSON_PATTERN, PartialDate, Span, parse_end, term_span

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Numbers a spreadsheet can hold exactly (Excel keeps 15 significant digits): beyond that a
# value is a typo, and 1e400 used to validate and leave its cell silently empty.
MAX_COUNT = 10**9
MAX_AMOUNT = Decimal(10**15)
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Amount = Annotated[
    Decimal,
    Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False),
    WithJsonSchema({"type": ["number", "string"], "minimum": 0, "maximum": 10**15}),
]
# Identifiers people often type unquoted (grant ids, volumes, page ranges): editors see numbers.
Code = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    WithJsonSchema({"type": ["string", "number"]}),
]
Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"),
    WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"}),
]
EndDate = Annotated[
    PartialDate | None,
    BeforeValidator(lambda value: parse_end(value) if value is not None else None),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": JSON_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"const": "present"},
            ],
            "description": "YYYY, YYYY-MM, YYYY-MM-DD, or present (ongoing)",
        }
    ),
]

PublicationType = Literal[
    "journal",
    "conference",
    "workshop",
    "book",
    "chapter",
    "preprint",
    "thesis",
    "software",
    "dataset",
    "other",
]
ProjectRole = Literal["lead", "coordinator", "participant"]
TalkKind = Literal["keynote", "invited", "contributed", "lecture", "panel", "other"]

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _lowercase(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Entry(Model):
    """An entry of a list section. ``id`` is derived from the content when left out."""

    id: Id | None = Field(None, description="Stable slug; derived from the content when omitted")

    def span(self) -> Span | None:
        """The days this entry covers, for date windows; None when it has no date."""
        return None


class RangeEntry(Entry):
    start: PartialDate | None = None
    end: EndDate = Field(None, description="Leave out or write `present` while ongoing")

    def span(self) -> Span | None:
        if self.start is not None:
            return Span(self.start, self.end)
        if self.end is not None:
            return Span(self.end, self.end)
        return None


class Link(Model):
    label: Text | None = None
    url: Text


class Person(Model):
    name: Text = Field(description="Full name as it heads the CV")
    honorific: Text | None = Field(None, description='For example "Dr." or "Prof. Dr."')
    name_variants: list[Text] = Field(
        default_factory=list,
        description='How the person appears in author lists, e.g. "Lapuschkin S", "Bach S"',
    )
    birth_date: PartialDate | None = None
    birth_place: Text | None = None
    nationality: Text | None = None
    orcid: Code | None = None
    email: Text | None = None
    phone: Code | None = None
    affiliation: Text | None = None
    address: Text | None = None
    links: list[Link] = Field(default_factory=list)

    @field_validator("orcid")
    @classmethod
    def _orcid(cls, value: str | None) -> str | None:
        if value is None:
            return None
        match = _ORCID.match(value)
        if not match:
            raise ValueError("an ORCID iD looks like 0000-0002-1825-0097")
        digits = match[1].replace("-", "")
        total = 0
        for char in digits[:-1]:
            total = (total + int(char)) * 2
        check = (12 - total % 11) % 11
        if digits[-1] != ("X" if check == 10 else str(check)):
            raise ValueError("this ORCID iD has a wrong check digit; copy it again from orcid.org")
        return match[1]

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise ValueError("not an e-mail address")
        return value

    @property
    def full_name(self) -> str:
        return f"{self.honorific} {self.name}" if self.honorific else self.name


class LocalizedText(Model):
    en: Text | None = None
    de: Text | None = None


Bio = Annotated[
    Annotated[Text, Tag("text")] | Annotated[LocalizedText, Tag("localized")],
    Discriminator(lambda value: "localized" if isinstance(value, dict | LocalizedText) else "text"),
]


class Position(RangeEntry):
    organization: Text | None = None
    unit: Text | None = None
    role: Text | None = None
    location: Text | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Position:
        if not (self.role or self.organization):
            raise ValueError("a position needs a `role` or an `organization`")
        return self


class Education(RangeEntry):
    degree: Text | None = None
    field: Text | None = None
    institution: Text | None = None
    grade: Text | None = None
    thesis: Text | None = None
    supervisor: Text | None = None
    location: Text | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Education:
        if not (self.degree or self.institution):
            raise ValueError("an education entry needs a `degree` or an `institution`")
        return self


class Budget(Model):
    amount: Amount
    currency: Text = "EUR"


class Project(RangeEntry):
    acronym: Text | None = None
    title: Text | None = None
    role: Annotated[ProjectRole | None, BeforeValidator(_lowercase)] = Field(
        None, description="lead, coordinator or participant"
    )
    funder: Text | None = None
    programme: Text | None = None
    grant_id: Code | None = None
    budget: Budget | None = None
    partners: list[Text] = Field(default_factory=list)
    description: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Project:
        if not (self.acronym or self.title):
            raise ValueError("a project needs an `acronym` or a `title`")
        return self


class AuthorName(Model):
    family: Text
    given: Text | None = None


Author = Annotated[
    Annotated[Text, Tag("text")] | Annotated[AuthorName, Tag("name")],
    Discriminator(lambda value: "name" if isinstance(value, dict | AuthorName) else "text"),
]


class Citations(Model):
    count: Count
    source: Text | None = None
    as_of: PartialDate | None = None


CitationCount = Annotated[
    Annotated[Count, Tag("count")] | Annotated[Citations, Tag("detail")],
    Discriminator(lambda value: "detail" if isinstance(value, dict | Citations) else "count"),
]


class Publication(Entry):
    type: Annotated[PublicationType | None, BeforeValidator(_lowercase)] = None
    authors: list[Author] = Field(default_factory=list)
    editors: list[Author] = Field(default_factory=list)
    year: PartialDate | None = Field(None, description="Year (or YYYY-MM / YYYY-MM-DD)")
    title: Text
    venue: Text | None = None
    volume: Code | None = None
    issue: Code | None = None
    pages: Code | None = None
    publisher: Text | None = None
    doi: Text | None = None
    url: Text | None = None
    links: list[Link] = Field(default_factory=list)
    note: Text | None = None
    citations: CitationCount | None = None
    selected: bool = False
    open_access: bool | None = None
    significance: Text | None = None
    contribution: Text | None = None
    tags: list[Text] = Field(default_factory=list)
    abstract: Text | None = Field(None, description="Imported from OpenAlex and the like")

    @field_validator("doi")
    @classmethod
    def _doi(cls, value: str | None) -> str | None:
        if value is None:
            return None
        bare = _DOI_PREFIX.sub("", value.strip())
        if not _DOI.match(bare):
            raise ValueError("a DOI looks like 10.1038/s42256-023-00711-8")
        return bare

    def span(self) -> Span | None:
        return Span(self.year, self.year) if self.year else None

    @property
    def citation_count(self) -> int | None:
        if self.citations is None:
            return None
        return self.citations if isinstance(self.citations, int) else self.citations.count


class Talk(Entry):
    title: Text
    date: PartialDate | None = None
    event: Text | None = None
    location: Text | None = None
    kind: Annotated[TalkKind | None, BeforeValidator(_lowercase)] = None
    note: Text | None = None
    url: Text | None = None

    def span(self) -> Span | None:
        return Span(self.date, self.date) if self.date else None


class Teaching(RangeEntry):
    term: Code | None = Field(None, description='As printed, e.g. "WS 24/25" or "SS 13"')
    course: Text
    institution: Text | None = None
    role: Text | None = None
    description: Text | None = None

    def span(self) -> Span | None:
        explicit = super().span()
        if explicit is not None or self.term is None:
            return explicit
        return term_span(self.term)


class Award(Entry):
    name: Text
    year: PartialDate | None = None
    description: Text | None = None

    def span(self) -> Span | None:
        return Span(self.year, self.year) if self.year else None


class Filing(Model):
    number: Code | None = None
    status: Text | None = None
    date: PartialDate | None = None


class Patent(Entry):
    title: Text
    year: PartialDate | None = None
    filings: list[Filing] = Field(default_factory=list)

    def span(self) -> Span | None:
        dates = [filing.date for filing in self.filings if filing.date]
        if self.year:
            dates.append(self.year)
        if not dates:
            return None
        dates.sort(key=PartialDate.sort_key)
        return Span(dates[0], dates[-1])


class Service(RangeEntry):
    role: Text | None = None
    organization: Text | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Service:
        if not (self.role or self.organization):
            raise ValueError("a service entry needs a `role` or an `organization`")
        return self


class Supervisee(RangeEntry):
    name: Text
    level: Text | None = Field(None, description="PhD, Master, Bachelor, PostDoc, ...")
    role: Text | None = None


def _supervision_shorthand(value: Any) -> Any:
    if isinstance(value, str):
        return {"summary": value}
    if isinstance(value, list):
        return {"people": value}
    return value


class Supervision(Model):
    summary: Text | None = None
    people: list[Supervisee] = Field(default_factory=list)


class Metric(Entry):
    source: Text
    as_of: PartialDate | None = None
    since: PartialDate | None = Field(None, description="Counts since this year (e.g. 2020)")
    publications: Count | None = None
    citations: Count | None = None
    h_index: Count | None = None
    i10_index: Count | None = None

    def span(self) -> Span | None:
        return Span(self.as_of, self.as_of) if self.as_of else None


class CareerBreak(RangeEntry):
    start: PartialDate
    reason: Text | None = None

    def span(self) -> Span:
        return Span(self.start, self.end)


class CV(Model):
    """One person's master CV."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"title": "assemble master CV"},
    )

    person: Person
    bio: Bio | None = None
    positions: list[Position] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    publications: list[Publication] = Field(default_factory=list)
    talks: list[Talk] = Field(default_factory=list)
    teaching: list[Teaching] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    patents: list[Patent] = Field(default_factory=list)
    service: list[Service] = Field(default_factory=list)
    supervision: Annotated[Supervision | None, BeforeValidator(_supervision_shorthand)] = Field(
        None,
        description="A summary text, a list of people, or {summary, people}",
    )
    metrics: list[Metric] = Field(default_factory=list)
    career_breaks: list[CareerBreak] = Field(default_factory=list)
    skills: list[Text] = Field(default_factory=list)
    languages: list[Text] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    """The CV's JSON Schema, with the shorthand forms the validators accept spelled out."""
    schema = CV.model_json_schema()
    schema["properties"]["supervision"] = {
        "description": "A summary text, a list of people, or {summary, people}",
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"$ref": "#/$defs/Supervisee"}},
            {"$ref": "#/$defs/Supervision"},
            {"type": "null"},
        ],
    }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
