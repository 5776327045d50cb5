"""The profile file: which sections a document shows and the rules that choose their entries.

See DESIGN.md "The profile file". Like the CV, values arrive as typed text and unknown keys are
errors. Rules that need the CV to be checked (ids in ``pin``) are checked by the selection stage.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from assembler.cv.dates import PartialDate
from assembler.cv.model import Model
from assembler.source.fields import (
    BeforeValidator,
    ConfigDict,
    Field,
    PositiveInt,
    StringConstraints,
    field_validator,
    model_validator,
)
from assembler.source.record import Record

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Language = Literal["en", "de"]
LANGUAGES: tuple[str, ...] = ("en", "de")
DATE_KEYWORDS = ("year", "month", "day", "dd/mm/yyyy")
# A date pattern: these tokens, separators, and [optional parts]. See shape/dates.py.
# Each token with the precision it demands (0 year, 1 month, 2 day); longest first, so that
# the alternation matches "Month" before "Mon" and "MM" before "M".
DATE_TOKENS = {"YYYY": 0, "Month": 1, "Mon": 1, "MM": 1, "M": 1, "DD": 2, "D": 2}
DATE_TOKEN = re.compile("|".join(DATE_TOKENS))
_DATE_PATTERN = re.compile(rf"^(?:{DATE_TOKEN.pattern}|\[|\]|[^A-Za-z\[\]])+$")


def pattern_precision(date_format: str) -> int:
    """How exact a date must be for a pattern (0 year, 1 month, 2 day): its tokens outside
    [optional parts]. Keywords never demand more than a date has (0)."""
    if date_format in DATE_KEYWORDS:
        return 0
    required = re.sub(r"\[[^\]]*\]", "", date_format)
    return max(DATE_TOKENS[token] for token in DATE_TOKEN.findall(required))


def _date_format(value: Any) -> Any:
    """A keyword (year, month, day, dd/mm/yyyy) or a pattern such as ``MM/YYYY``."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text in DATE_KEYWORDS:  # lower case: the keywords; DD/MM/YYYY is a pattern
        return text
    if "YYYY" not in text or not _DATE_PATTERN.match(text) or text.count("[") != text.count("]"):
        raise ValueError(
            f"{text!r} is neither year, month, day or dd/mm/yyyy nor a date pattern; a "
            "pattern uses YYYY, MM or M, DD or D, Mon or Month, separators and [optional "
            "parts], e.g. MM/YYYY, [DD/]MM/YYYY or Mon YYYY"
        )
    return text


DateFormat = Annotated[str, BeforeValidator(_date_format)]

# Fields computed from any entry, usable in where and sort (see select/fields.py); an entry's
# own properties (an education's `stage`, a patent's `granted`) are usable too.
DERIVED_FIELDS = ("author_position", "ongoing", "year", "status", "significance")
# Further values a workbook column can show (see columns.py).
SHEET_DERIVED = ("dates", "citation", "duration_months", "status", "members", "role_label")

_RELATIVE = re.compile(r"^(\d+)\s*(year|years|month|months)$", re.IGNORECASE)


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Window(Model):
    """``since``/``until``: ``N years`` / ``N months`` before as_of, or an absolute date."""

    years: int = 0
    months: int = 0
    absolute: PartialDate | None = None

    @classmethod
    def parse(cls, value: Any) -> Window:
        if isinstance(value, Window):
            return value
        text = str(value).strip()
        match = _RELATIVE.match(text)
        # model_construct: the values are typed already, and validating them would build
        # this model's own validator on every start-up (the profile's includes it).
        if match:
            amount = int(match[1])
            if match[2].lower().startswith("year"):
                return cls.model_construct(years=amount)
            return cls.model_construct(months=amount)
        try:
            return cls.model_construct(absolute=PartialDate.parse(text))
        except ValueError:
            raise ValueError(
                f"{text!r} is neither a relative window like '5 years' or '18 months' nor a "
                "date like 2021 or 2021-07"
            ) from None

    def relative_start(self, as_of: date) -> date:
        months = as_of.year * 12 + as_of.month - 1 - self.years * 12 - self.months
        year, month = divmod(months, 12)
        month += 1
        day = as_of.day
        while True:
            try:
                return date(year, month, day)
            except ValueError:
                day -= 1  # 29 February five years back is 28 February

    def first_day(self, as_of: date) -> date:
        return self.absolute.first_day() if self.absolute else self.relative_start(as_of)

    def last_day(self, as_of: date) -> date:
        return self.absolute.last_day() if self.absolute else self.relative_start(as_of)

    def describe(self) -> str:
        if self.absolute:
            return str(self.absolute)
        if self.years:
            return f"{self.years} years"
        return f"{self.months} months"


WindowValue = Annotated[Window, BeforeValidator(Window.parse)]


class Operators(Model):
    not_: Any = Field(default=None, alias="not")
    contains: Text | None = None
    min: Text | None = None
    max: Text | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _condition(value: Any) -> Any:
    if isinstance(value, dict):
        return Operators.model_validate(value)
    if value is None:
        raise ValueError("a condition needs a value, a list of values or an operator map")
    return value


Condition = Annotated[str | list[str] | Operators, BeforeValidator(_condition)]


class AuthorsRule(Model):
    max: PositiveInt | None = None
    highlight: bool = True


class SectionRule(Model):
    from_: Text | None = Field(default=None, alias="from")
    since: WindowValue | None = None
    until: WindowValue | None = None
    period: Text | None = None
    where: dict[str, Condition] = Field(default_factory=dict)
    sort: Annotated[list[Text], BeforeValidator(_as_list)] = Field(default_factory=list)
    limit: Annotated[int, Field(ge=0)] | None = None
    pin: Annotated[list[Text], BeforeValidator(_as_list)] = Field(default_factory=list)
    exclude: Annotated[list[Text], BeforeValidator(_as_list)] = Field(default_factory=list)
    authors: AuthorsRule | None = None
    max_words: PositiveInt | None = None
    max_chars: PositiveInt | None = None
    overlap: Literal["allowed", "forbidden"] = "forbidden"
    extend_by_breaks: bool = False
    window_on: Literal["span", "start", "end", "events"] = "span"
    order: Annotated[list[Text], BeforeValidator(_as_list)] = Field(default_factory=list)
    date_format: DateFormat | None = None
    label: Text | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @field_validator("period")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        if value is not None:
            parse_period(value)
        return value

    @model_validator(mode="after")
    def _pins(self) -> SectionRule:
        both = sorted(set(self.pin) & set(self.exclude))
        if both:
            raise ValueError(f"{', '.join(both)} is both pinned and excluded; keep one rule")
        return self


def _section_shorthand(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() == "all":
        return {}
    return value


SectionValue = Annotated[SectionRule, BeforeValidator(_section_shorthand)]


class DocumentSpec(Model):
    template: Text
    output: Text


class Requirement(Model):
    """A fact the funder requires: a field (``doi|url``: either), for the entries that match
    ``where``, shown as ``[label]`` when the CV lacks it."""

    field: Text
    where: dict[str, Condition] = Field(default_factory=dict)
    label: Text | None = None

    @property
    def alternatives(self) -> list[str]:
        return [name.strip() for name in self.field.split("|") if name.strip()]


def _requirement(value: Any) -> Any:
    return {"field": value} if isinstance(value, str) else value


RequirementValue = Annotated[Requirement, BeforeValidator(_requirement)]


def _labels(value: Any) -> Any:
    """Labels for every language, or per language under ``en:``/``de:``."""
    if not isinstance(value, dict):
        return value
    for key, item in value.items():
        if key in LANGUAGES and not isinstance(item, dict):
            raise ValueError(f"labels.{key} holds the labels of that language: a mapping")
        if key not in LANGUAGES and isinstance(item, dict):
            languages = ", ".join(LANGUAGES)
            raise ValueError(f"labels.{key}: a label is text (languages are {languages})")
    return value


_SHEET_NAME_FORBIDDEN = set("[]:*?/\\")


class SheetSpec(Model):
    """One worksheet: the entries of a profile section, a count by one field, or a summary."""

    name: Text
    section: Text | None = None
    columns: dict[Text, Text] = Field(default_factory=dict)
    count_by: Text | None = None
    chart: Literal["bar", "column", "pie"] | None = None
    summary: bool = False

    @field_validator("name")
    @classmethod
    def _excel_name(cls, value: str) -> str:
        bad = sorted(set(value) & _SHEET_NAME_FORBIDDEN)
        if bad:
            raise ValueError(f"Excel sheet names cannot contain {' '.join(bad)}")
        if len(value) > 31:
            raise ValueError(f"Excel sheet names have at most 31 characters ({len(value)} here)")
        return value

    @model_validator(mode="after")
    def _kind(self) -> SheetSpec:
        if self.summary:
            if self.section or self.columns or self.count_by:
                raise ValueError("a summary sheet takes no section, columns or count_by")
            return self
        if not self.section:
            raise ValueError("a sheet needs `section:` (or `summary: true`)")
        if self.count_by and self.columns:
            raise ValueError("a sheet has either `columns` or `count_by`, not both")
        if not self.count_by and not self.columns:
            raise ValueError("a sheet needs `columns: {Header: field, ...}`")
        if self.chart and not self.count_by:
            raise ValueError("`chart` draws the counts of a `count_by` sheet")
        return self


class WorkbookSpec(Model):
    output: Text
    template: Text | None = None
    sheets: list[SheetSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_names(self) -> WorkbookSpec:
        names = [sheet.name.casefold() for sheet in self.sheets]
        if len(names) != len(set(names)):
            raise ValueError("two sheets of one workbook have the same name")
        return self


class Profile(Model):
    name: Text | None = None
    description: Text | None = None
    extends: Text | None = None
    language: Language = "en"
    page_limit: PositiveInt | None = None
    fit_order: list[Text] = Field(default_factory=list)
    documents: list[DocumentSpec] = Field(default_factory=list)
    workbooks: list[WorkbookSpec] = Field(default_factory=list)
    period: Text | None = Field(
        default=None,
        description="Default for --period: YEAR, FROM..TO, or last_year (before as_of)",
    )
    date_format: DateFormat = "month"
    labels: Annotated[dict[str, Text | dict[str, Text]], BeforeValidator(_labels)] = Field(
        default_factory=dict
    )
    required: dict[Text, list[RequirementValue]] = Field(
        default_factory=dict,
        description="Facts the funder requires, per section (or `person`)",
    )
    sections: dict[str, SectionValue | None] = Field(default_factory=dict)

    @field_validator("period")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        if value is not None and value != "last_year":
            parse_period(value)
        return value

    def rules(self) -> dict[str, SectionRule]:
        """The sections to show, in profile order (``null`` removes an inherited section)."""
        return {name: rule for name, rule in self.sections.items() if rule is not None}

    def labels_in(self, language: str) -> dict[str, str]:
        """The profile's own labels for one language: those for every language, then the
        language's own."""
        flat = {key: value for key, value in self.labels.items() if isinstance(value, str)}
        own = self.labels.get(language)
        if isinstance(own, dict):
            flat.update(own)
        return flat


def parse_period(text: str) -> tuple[PartialDate, PartialDate]:
    """``2024`` or ``2020..2024`` (or months/days) -> (first, last) partial dates."""
    first, sep, last = str(text).partition("..")
    try:
        start = PartialDate.parse(first.strip())
        end = PartialDate.parse(last.strip()) if sep else start
    except ValueError as exc:
        raise ValueError(f"period {text!r}: {exc}; write YEAR or FROM..TO") from None
    if end.last_day() < start.first_day():
        raise ValueError(f"period {text!r} ends before it starts")
    return start, end


def names_field(fields: list[str], name: str) -> bool:
    """Whether a ``where``, ``sort`` or column name is one of ``fields`` or one of the user's
    own ``extra.<name>`` fields (any name: extra is free-form)."""
    return name in fields or (name.startswith("extra.") and len(name) > len("extra."))


def entry_fields(section_model: type[Model]) -> list[str]:
    """The fields a ``where``, ``sort`` or workbook column may name for one section: the
    model's fields and public properties, and the derived fields every entry has."""
    fields = list(section_model.model_fields)
    properties = [
        name
        for klass in section_model.__mro__
        if klass not in Record.__mro__  # the base's own (model_fields_set) are no entry's
        for name, value in vars(klass).items()
        if isinstance(value, property) and not name.startswith("_")
    ]
    return list(dict.fromkeys([*fields, *properties, *DERIVED_FIELDS]))
