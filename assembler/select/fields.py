"""Field values, ``where`` conditions and ``sort`` keys of entries: pure functions.

Profile values arrive as text ("true", "2020", "lead"); each comparison interprets the condition
in the type of the entry's value, so ``selected: true``, ``year: {min: 2020}`` and
``date: 2024`` all mean what a reader expects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from assembler.cv.dates import PartialDate
from assembler.cv.model import Entry, Publication
from assembler.cv.names import OwnNames, display_name
from assembler.cv.status import is_ongoing, status
from assembler.profile.model import Operators

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


@dataclass(frozen=True)
class Context:
    """What derived fields need besides the entry: the person's names and the date.

    ``status_on`` is the day statuses are taken on: the as-of date, or the end of the
    reported period (an annual report says what was running at the end of its year)."""

    own: OwnNames
    as_of: date
    status_on: date | None = None

    @property
    def status_date(self) -> date:
        return self.status_on or self.as_of


def author_position(entry: Entry, context: Context) -> str | None:
    names = getattr(entry, "authors", None) or getattr(entry, "editors", None) or []
    positions = context.own.positions(names)
    if not positions:
        return None
    if len(names) == 1:
        return "sole"
    if positions[0] == 0:
        return "first"
    if positions[-1] == len(names) - 1:
        return "last"
    return "middle"


def main_date(entry: Entry) -> PartialDate | None:
    span = entry.span()
    return span.start if span else None


def lookup(item: Any, name: str) -> Any:
    """A field of an entry or the person; ``a.b`` goes into a nested record or ``extra``."""
    head, _, tail = name.partition(".")
    value = getattr(item, head, None)
    if tail:
        if isinstance(value, dict):
            return value.get(tail)
        return getattr(value, tail, None) if value is not None else None
    return value


def field_value(entry: Entry, name: str, context: Context) -> Any:
    """The value a rule sees: model fields and properties (``stage``, ``doctorate``,
    ``granted``, ``edited``), ``a.b`` for a nested record or ``extra``, plus
    ``author_position``, ``ongoing``, ``year``, ``status``."""
    if name == "author_position":
        return author_position(entry, context)
    if name == "ongoing":
        return is_ongoing(entry)
    if name == "year":
        when = main_date(entry)
        return when.year if when else None
    if name == "status":
        return status(entry, context.status_date)
    if name in ("citations", "citation_count") and isinstance(entry, Publication):
        return entry.citation_count
    value = lookup(entry, name)
    if name in ("authors", "editors") and isinstance(value, list):
        return [display_name(author) for author in value]
    return value


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(str(text).strip())
    except InvalidOperation:
        return None


def _coerce(value: Any, condition: Any) -> Any:
    """The condition in the type of the entry's value, or None when it cannot be one."""
    text = str(condition).strip()
    if isinstance(value, bool):
        lowered = text.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else None
    if isinstance(value, int | float | Decimal):
        return _number(text)
    if isinstance(value, PartialDate):
        try:
            return PartialDate.parse(text)
        except ValueError:
            return None
    return text.casefold()


def _equals(value: Any, condition: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, list):
        return any(_equals(item, condition) for item in value)
    wanted = _coerce(value, condition)
    if wanted is None:
        return False
    if isinstance(value, PartialDate):
        # `date: 2024` holds for any day of 2024: compare at the coarser precision.
        return str(value).startswith(str(wanted)) or str(wanted).startswith(str(value))
    if isinstance(value, str):
        return bool(value.casefold() == wanted)
    return bool(value == wanted)


def _compare(value: Any, bound: str, minimum: bool) -> bool:
    if value is None:
        return False
    if isinstance(value, list):
        return False
    wanted = _coerce(value, bound)
    if wanted is None:
        return False
    if isinstance(value, PartialDate):
        assert isinstance(wanted, PartialDate)
        if minimum:
            return value.last_day() >= wanted.first_day()
        return value.first_day() <= wanted.last_day()
    if isinstance(value, bool):
        value = int(value)
        wanted = int(wanted)
    if isinstance(value, str):
        value = value.casefold()
    return bool(value >= wanted if minimum else value <= wanted)


def _contains(value: Any, text: str) -> bool:
    if value is None:
        return False
    if isinstance(value, list):
        return any(_contains(item, text) for item in value)
    return text.casefold() in str(value).casefold()


def holds(value: Any, condition: Any) -> bool:
    """Does a field value satisfy one ``where`` condition?"""
    if isinstance(condition, Operators):
        checks = []
        if "not_" in condition.model_fields_set:
            excluded = condition.not_
            options = excluded if isinstance(excluded, list) else [excluded]
            checks.append(not any(_equals(value, option) for option in options))
        if condition.contains is not None:
            checks.append(_contains(value, condition.contains))
        if condition.min is not None:
            checks.append(_compare(value, condition.min, minimum=True))
        if condition.max is not None:
            checks.append(_compare(value, condition.max, minimum=False))
        return all(checks)
    if isinstance(condition, list):
        return any(_equals(value, option) for option in condition)
    return _equals(value, condition)


def sort_value(value: Any) -> tuple[int, Any] | None:
    """A comparable key for one value; None for a missing value (it sorts last)."""
    if value is None or value == []:
        return None
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, int | float | Decimal):
        return (0, value)
    if isinstance(value, PartialDate):
        return (1, value.sort_key())
    if isinstance(value, list):
        return (2, str(value[0]).casefold())
    return (2, str(value).casefold())
