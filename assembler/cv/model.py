"""The typed master CV: every section and field of DESIGN.md "The data file".

Values arrive as the text the user typed (see ``yaml_source``); the types here decide what each
field means. Unknown keys are errors, so a typo is never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from assembler.cv.dates import JSON_PATTERN, PartialDate, Span, parse_end, term_span
from assembler.cv.names import OwnNames, own_names, split_name
from assembler.source.fields import (
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
from assembler.source.record import Record

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


# The validators and discriminators below are named functions, not lambdas: the built
# validator refers to them by name when source.compiled keeps it between runs.
def _end_date(value: Any) -> PartialDate | None:
    return parse_end(value) if value is not None else None


EndDate = Annotated[
    PartialDate | None,
    BeforeValidator(_end_date),
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
# How degrees are written: what makes an education entry a doctorate, or school.
_DOCTORATE = re.compile(
    r"\bph\.?\s?d\b|doctor|\bdr\.|promotion|dphil|\bd\.?\s?sc\b|doktor", re.IGNORECASE
)
_SCHOOL = re.compile(
    r"abitur|matura|high school|a[- ]levels?|baccalaur[ée]at|secondary|gymnasium|school",
    re.IGNORECASE,
)
_HABILITATION = re.compile(r"habilitation|venia legendi", re.IGNORECASE)
EducationStage = Literal["school", "studies", "doctorate", "habilitation"]
# Filing statuses from weakest to strongest; a patent is as strong as its best filing.
FILING_STRENGTH = {"filed": 1, "pending": 1, "published": 2, "granted": 3}


def _lowercase(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _contract_end(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in ("permanent", "unbefristet"):
        return "permanent"
    return value


EXTRA_DESCRIPTION = (
    "Free fields for your own templates (`{{ e.extra.x }}`); the only place where unknown "
    "keys are allowed"
)
NOTE_DESCRIPTION = "A remark for yourself; the bundled templates do not print it"


class Model(Record):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Entry(Model):
    """An entry of a list section. ``id`` is derived from the content when left out."""

    id: Id | None = Field(
        default=None, description="Stable slug; derived from the content when omitted"
    )
    note: Text | None = Field(default=None, description=NOTE_DESCRIPTION)
    extra: dict[str, Any] = Field(default_factory=dict, description=EXTRA_DESCRIPTION)

    def span(self) -> Span | None:
        """The days this entry covers, for date windows; None when it has no date."""
        return None


class RangeEntry(Entry):
    start: PartialDate | None = Field(default=None, description="First month, day or year")
    end: EndDate = Field(default=None, description="Leave out or write `present` while ongoing")

    def span(self) -> Span | None:
        if self.start is not None:
            return Span(self.start, self.end)
        if self.end is not None:
            return Span(self.end, self.end)
        return None


class Link(Model):
    label: Text | None = Field(
        default=None, description='What the link is, e.g. "slides", "GitHub"'
    )
    url: Text = Field(description="The address")


class LocalizedText(Model):
    """The same text in several languages; a profile prints its own language's."""

    en: Text | None = None
    de: Text | None = None


def localized(value: str | LocalizedText | None, language: str) -> str:
    """Text in a profile's language, else in any language the CV has ("" when none)."""
    if value is None or isinstance(value, str):
        return value or ""
    own: str | None = getattr(value, language, None)
    return own or value.en or value.de or ""


def _localized_or_text(value: Any) -> str:
    return "localized" if isinstance(value, dict | LocalizedText) else "text"


LocalizedOrText = Annotated[
    Annotated[Text, Tag("text")] | Annotated[LocalizedText, Tag("localized")],
    Discriminator(_localized_or_text),
]


class Person(Model):
    name: Text = Field(description="Full name as it heads the CV")
    honorific: Text | None = Field(default=None, description='For example "Dr." or "Prof. Dr."')
    name_variants: list[Text] = Field(
        default_factory=list,
        description='How the person appears in author lists, e.g. "Lapuschkin S", "Bach S"',
    )
    family_name: Text | None = Field(
        default=None, description="The family name, when it is not the last word of `name`"
    )
    given_names: Text | None = Field(
        default=None,
        description="The given names, when they are not the words before the family name",
    )
    birth_date: PartialDate | None = Field(
        default=None, description="Date of birth (printed only by profiles that ask for it)"
    )
    birth_place: Text | None = Field(default=None, description="Place of birth")
    nationality: LocalizedOrText | None = Field(
        default=None, description="As printed, or per language: {en: German, de: deutsch}"
    )
    orcid: Code | None = Field(default=None, description="ORCID iD, e.g. 0000-0002-1825-0097")
    identifiers: dict[Text, Code] = Field(
        default_factory=dict,
        description="Researcher identifiers by scheme: orcid, scopus, researcherid, "
        "era_commons, ...",
    )
    career_stage: Text | None = Field(
        default=None,
        description="The researcher's career stage as a funder asks for it (Horizon Europe: "
        "A to D; R1 to R4)",
    )
    email: Text | None = Field(default=None, description="E-mail address")
    phone: Code | None = Field(default=None, description="Telephone number, as printed")
    affiliation: Text | None = Field(default=None, description="Institution as it heads the CV")
    country: Text | None = Field(default=None, description="Country of the current institution")
    address: Text | None = Field(default=None, description="Postal address of the institution")
    links: list[Link] = Field(
        default_factory=list,
        description='Web pages; one labelled "website" or "homepage" is the personal website',
    )
    extra: dict[str, Any] = Field(default_factory=dict, description=EXTRA_DESCRIPTION)

    @property
    def name_parts(self) -> tuple[str, str]:
        """(family, given): ``family_name`` and ``given_names`` where the CV gives them, else
        read from ``name`` ("María García López" with family_name "García López": "María")."""
        family, given = split_name(self.name)
        if self.family_name:
            family = self.family_name
            given = " ".join(self.name.replace(self.family_name, " ").split())
        return family, self.given_names or given

    @property
    def author_variants(self) -> list[str]:
        """The forms to find the person by in author lists besides ``name``: the variants,
        and "Family, Given" when ``family_name`` says where a compound family name starts
        ("García López, María", so "García López M" is found)."""
        if not self.family_name:
            return list(self.name_variants)
        family, given = self.name_parts
        return [*self.name_variants, f"{family}, {given}" if given else family]

    @property
    def author_names(self) -> OwnNames:
        """The person's own names, to find them in author lists (bold, author_position)."""
        return own_names(self.name, self.author_variants)

    @property
    def orcid_id(self) -> str | None:
        """The ORCID iD, given as ``orcid`` or among ``identifiers``."""
        return self.orcid or self.identifiers.get("orcid") or None

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


Bio = LocalizedOrText


class Position(RangeEntry):
    organization: Text | None = Field(default=None, description="University, institute or company")
    unit: Text | None = Field(default=None, description="Faculty, department or group")
    role: Text | None = Field(default=None, description='The position held, e.g. "Postdoc"')
    location: Text | None = Field(
        default=None, description='City and country, e.g. "Berlin, Germany"'
    )
    contract_end: Annotated[
        PartialDate | Literal["permanent"] | None, BeforeValidator(_contract_end)
    ] = Field(
        default=None,
        description="When the contract of a current position ends, or `permanent` (DFG asks "
        "for it)",
    )
    description: Text | None = Field(default=None, description="What the position involved")

    @model_validator(mode="after")
    def _named(self) -> Position:
        if not (self.role or self.organization):
            raise ValueError("a position needs a `role` or an `organization`")
        return self


class Education(RangeEntry):
    degree: Text | None = Field(default=None, description='E.g. "PhD", "Master of Science"')
    field: Text | None = Field(default=None, description="Subject")
    institution: Text | None = Field(default=None, description="University or school")
    unit: Text | None = Field(default=None, description="Faculty or department")
    grade: Text | None = Field(default=None, description='The grade, e.g. "summa cum laude"')
    thesis: Text | None = Field(default=None, description="Title of the thesis")
    supervisor: Text | None = Field(default=None, description="Who supervised the thesis")
    location: Text | None = Field(
        default=None, description='City and country, e.g. "Berlin, Germany"'
    )
    awarded: PartialDate | None = Field(
        default=None, description="The day the degree was awarded (the PhD date funders ask for)"
    )
    level: EducationStage | None = Field(
        default=None,
        description="school, studies, doctorate or habilitation; read from `degree` when left out",
    )
    description: Text | None = Field(default=None, description="What the studies covered")

    @property
    def stage(self) -> EducationStage:
        """``level``, else what the degree's name says (Abitur: school; PhD: doctorate)."""
        if self.level is not None:
            return self.level
        text = f"{self.degree or ''} {self.institution or ''}"
        if _HABILITATION.search(text):
            return "habilitation"
        if _DOCTORATE.search(self.degree or ""):
            return "doctorate"
        if _SCHOOL.search(text):
            return "school"
        return "studies"

    @property
    def doctorate(self) -> bool:
        return self.stage == "doctorate"

    @model_validator(mode="after")
    def _named(self) -> Education:
        if not (self.degree or self.institution):
            raise ValueError("an education entry needs a `degree` or an `institution`")
        return self


class Budget(Model):
    amount: Amount
    currency: Text = "EUR"


class Project(RangeEntry):
    acronym: Text | None = Field(default=None, description="The project's short name")
    title: Text | None = Field(default=None, description="The project's title")
    role: Annotated[ProjectRole | None, BeforeValidator(_lowercase)] = Field(
        default=None, description="lead, coordinator or participant"
    )
    funder: Text | None = Field(default=None, description='The funding body, e.g. "DFG", "EU"')
    programme: Text | None = Field(default=None, description='E.g. "Horizon Europe", "ERC StG"')
    grant_id: Code | None = Field(default=None, description="The funder's grant number")
    budget: Budget | None = Field(default=None, description="Your share or the whole grant")
    application: Literal["submitted"] | None = Field(
        default=None,
        description="`submitted` for a grant application under review (not yet a project)",
    )
    partners: list[Text] = Field(default_factory=list, description="Partner institutions")
    description: Text | None = Field(default=None, description="What the project does")

    @model_validator(mode="after")
    def _named(self) -> Project:
        if not (self.acronym or self.title):
            raise ValueError("a project needs an `acronym` or a `title`")
        return self


class AuthorName(Model):
    family: Text = Field(description="Family name")
    given: Text | None = Field(default=None, description="Given names or initials")


def _author_kind(value: Any) -> str:
    return "name" if isinstance(value, dict | AuthorName) else "text"


Author = Annotated[
    Annotated[Text, Tag("text")] | Annotated[AuthorName, Tag("name")],
    Discriminator(_author_kind),
]


class Citations(Model):
    count: Count
    source: Text | None = None
    as_of: PartialDate | None = None


def _citations_kind(value: Any) -> str:
    return "detail" if isinstance(value, dict | Citations) else "count"


CitationCount = Annotated[
    Annotated[Count, Tag("count")] | Annotated[Citations, Tag("detail")],
    Discriminator(_citations_kind),
]


class Publication(Entry):
    type: Annotated[PublicationType | None, BeforeValidator(_lowercase)] = Field(
        default=None,
        description="journal, conference, workshop, book, chapter, preprint, thesis, software, "
        "dataset or other",
    )
    authors: list[Author] = Field(
        default_factory=list,
        description='The authors as printed ("Müller K-R") or as {family, given}',
    )
    editors: list[Author] = Field(
        default_factory=list, description="The editors (of a book, or of the book a chapter is in)"
    )
    year: PartialDate | None = Field(default=None, description="Year (or YYYY-MM / YYYY-MM-DD)")
    title: Text = Field(description="The title")
    venue: Text | None = Field(
        default=None, description="Journal, proceedings, book or server it appeared in"
    )
    volume: Code | None = Field(default=None, description="Volume")
    issue: Code | None = Field(default=None, description="Issue or number")
    pages: Code | None = Field(default=None, description='Pages ("211–222") or article number')
    publisher: Text | None = Field(default=None, description="Publisher")
    doi: Text | None = Field(
        default=None, description="DOI (10.xxxx/...), with or without https://doi.org/"
    )
    url: Text | None = Field(default=None, description="Where to read it, when it has no DOI")
    links: list[Link] = Field(
        default_factory=list, description="Further links (code, slides, data)"
    )
    note: Text | None = Field(
        default=None, description='Printed after the reference, e.g. "Accepted at NeurIPS 2025"'
    )
    citations: CitationCount | None = Field(
        default=None, description="A count, or {count, source, as_of}"
    )
    selected: bool = Field(
        default=False, description="Your own mark: show it first where a profile ranks outputs"
    )
    open_access: bool | None = Field(default=None, description="Freely readable")
    significance: Text | None = Field(
        default=None,
        description="A short note on its significance (ERC, MSCA, Horizon Europe ask for one)",
    )
    contribution: Text | None = Field(default=None, description="Your own role in it")
    tags: list[Text] = Field(default_factory=list, description="Your own keywords")
    abstract: Text | None = Field(default=None, description="Imported from OpenAlex and the like")

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
    def edited(self) -> bool:
        """An edited volume: editors but no authors (printed under its own heading)."""
        return not self.authors and bool(self.editors)

    @property
    def citation_count(self) -> int | None:
        if self.citations is None:
            return None
        return self.citations if isinstance(self.citations, int) else self.citations.count


class Talk(Entry):
    title: Text = Field(description="The talk's title")
    date: PartialDate | None = Field(default=None, description="When it was given")
    event: Text | None = Field(default=None, description="Conference, workshop or institution")
    location: Text | None = Field(default=None, description="City and country")
    kind: Annotated[TalkKind | None, BeforeValidator(_lowercase)] = Field(
        default=None, description="keynote, invited, contributed, lecture, panel or other"
    )
    note: Text | None = Field(default=None, description="Printed after the talk, e.g. a session")
    url: Text | None = Field(default=None, description="Slides or recording")

    def span(self) -> Span | None:
        return Span(self.date, self.date) if self.date else None


class Teaching(RangeEntry):
    term: Code | None = Field(default=None, description='As printed, e.g. "WS 24/25" or "SS 13"')
    course: Text = Field(description="The course")
    institution: Text | None = Field(default=None, description="Where it was taught")
    role: Text | None = Field(
        default=None, description='Your role, e.g. "lecturer", "teaching assistant"'
    )
    description: Text | None = Field(default=None, description="What it covered")

    def span(self) -> Span | None:
        explicit = super().span()
        if explicit is not None or self.term is None:
            return explicit
        return term_span(self.term)


class Award(Entry):
    name: Text = Field(description="The award's name")
    year: PartialDate | None = Field(default=None, description="When it was awarded")
    description: Text | None = Field(default=None, description="What it was for")

    def span(self) -> Span | None:
        return Span(self.year, self.year) if self.year else None


class Filing(Model):
    number: Code | None = Field(
        default=None, description="The publication or patent number, as printed"
    )
    status: Annotated[Text | None, BeforeValidator(_lowercase)] = Field(
        default=None, description="filed, pending, published or granted"
    )
    date: PartialDate | None = Field(default=None, description="The date of that status")


class Patent(Entry):
    title: Text = Field(description="The invention's title")
    year: PartialDate | None = Field(default=None, description="The year of the first filing")
    filings: list[Filing] = Field(
        default_factory=list,
        description="Each filing: number, status (filed, pending, published, granted) and its date",
    )

    @property
    def granted(self) -> bool:
        return any(filing.status == "granted" for filing in self.filings)

    def strongest_filing(self, as_of: dt.date | None = None) -> Filing | None:
        """The filing that shows what the patent has reached (granted over published over
        filed; the later one at equal strength); with ``as_of``, by that day. Its status is
        the patent's status, and its date the one printed."""
        known = [
            f
            for f in self.filings
            if f.status in FILING_STRENGTH
            and (as_of is None or f.date is None or f.date.first_day() <= as_of)
        ]
        if not known:
            return None
        return max(
            known,
            key=lambda f: (FILING_STRENGTH[f.status or ""], f.date.sort_key() if f.date else ()),
        )

    def span(self) -> Span | None:
        dates = [filing.date for filing in self.filings if filing.date]
        if self.year:
            dates.append(self.year)
        if not dates:
            return None
        dates.sort(key=PartialDate.sort_key)
        return Span(dates[0], dates[-1])


class Service(RangeEntry):
    role: Text | None = Field(
        default=None, description='Your role, e.g. "programme committee member"'
    )
    organization: Text | None = Field(
        default=None, description="The conference, journal, committee or institution"
    )
    description: Text | None = Field(default=None, description="What it involved")

    @model_validator(mode="after")
    def _named(self) -> Service:
        if not (self.role or self.organization):
            raise ValueError("a service entry needs a `role` or an `organization`")
        return self


class Supervisee(RangeEntry):
    name: Text = Field(description="The person supervised")
    level: Text | None = Field(default=None, description="PhD, Master, Bachelor, PostDoc, ...")
    role: Text | None = Field(default=None, description='Your role, e.g. "main supervisor"')


def _supervision_shorthand(value: Any) -> Any:
    if isinstance(value, str):
        return {"summary": value}
    if isinstance(value, list):
        return {"people": value}
    return value


class Supervision(Model):
    summary: Text | None = Field(
        default=None, description="A summary of your supervision, printed as written"
    )
    people: list[Supervisee] = Field(default_factory=list, description="The people you supervised")


class Metric(Entry):
    source: Text = Field(description='Where the counts come from, e.g. "Google Scholar"')
    as_of: PartialDate | None = Field(default=None, description="When they were read")
    since: PartialDate | None = Field(
        default=None, description="Counts since this year (e.g. 2020)"
    )
    publications: Count | None = Field(default=None, description="Number of publications")
    citations: Count | None = Field(default=None, description="Number of citations")
    h_index: Count | None = Field(default=None, description="h-index")
    i10_index: Count | None = Field(default=None, description="i10-index")

    def span(self) -> Span | None:
        return Span(self.as_of, self.as_of) if self.as_of else None


class CareerBreak(RangeEntry):
    start: PartialDate = Field(description="First day (or month) of the break")
    reason: Text | None = Field(
        default=None,
        description="Parental leave, illness, care, ... (printed where the profile shows breaks)",
    )

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
        default=None,
        description="A summary text, a list of people, or {summary, people}",
    )
    metrics: list[Metric] = Field(default_factory=list)
    career_breaks: list[CareerBreak] = Field(default_factory=list)
    skills: list[Text] = Field(default_factory=list)
    languages: list[Text] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    """The CV's JSON Schema, with the shorthand forms the validators accept spelled out."""
    from assembler.source.jsonschema import json_schema as record_json_schema

    schema = record_json_schema(CV)
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
