"""Workbook column values: typed for Excel, derived the same way as in documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from assembler.cv.dates import PartialDate
from assembler.cv.names import own_names
from assembler.select.fields import Context
from assembler.shape.columns import SheetContext, column_value
from assembler.shape.labels import words
from assembler.shape.style import Style
from tests.helpers import make_cv

CV = make_cv(
    "person: {name: Ada Example, name_variants: [Example A]}\n"
    "projects:\n"
    "  - {id: p, acronym: P, start: 2021-01, end: 2022-12, role: lead,\n"
    "     budget: {amount: 1200000.50, currency: EUR}}\n"
    "publications:\n"
    "  - {id: a, type: journal, title: T, year: 2024, authors: [Example A, Other B]}\n"
)
OWN = own_names("Ada Example", ["Example A"])
CONTEXT = SheetContext(
    Style("en", "month", words("en"), OWN),
    Context(OWN, date(2026, 11, 21)),
    {"p": ["Ada Example", "Bob Builder"]},
)


def test_fields_keep_their_types() -> None:
    project = CV.projects[0]
    assert column_value(project, "start", CONTEXT) == PartialDate(2021, 1)
    assert column_value(project, "budget.amount", CONTEXT) == Decimal("1200000.50")
    assert column_value(project, "duration_months", CONTEXT) == 24


def test_derived_columns() -> None:
    project, paper = CV.projects[0], CV.publications[0]
    assert column_value(project, "dates", CONTEXT) == "Jan 2021 – Dec 2022"
    assert column_value(project, "status", CONTEXT) == "ended"
    assert column_value(project, "role_label", CONTEXT) == "leading role"
    assert column_value(project, "members", CONTEXT) == "Ada Example; Bob Builder"
    assert column_value(paper, "authors", CONTEXT) == "Example A; Other B"
    assert column_value(paper, "author_position", CONTEXT) == "first"
    assert column_value(paper, "citation", CONTEXT) == "Example A, Other B (2024). T."


def test_status_column_is_taken_on_the_rules_day() -> None:
    # An annual report for 2022 made in 2026: the project was running when the year ended.
    report = SheetContext(CONTEXT.style, Context(OWN, date(2026, 11, 21), date(2022, 6, 30)), {})
    assert column_value(CV.projects[0], "status", report) == "running"


def test_dotted_columns_reach_into_extra() -> None:
    cv = make_cv(
        "person: {name: Ada Example}\n"
        "projects:\n  - {id: p, title: P, start: 2021, extra: {cost_centre: K-17}}\n"
    )
    assert column_value(cv.projects[0], "extra.cost_centre", CONTEXT) == "K-17"
    assert column_value(cv.projects[0], "extra.missing", CONTEXT) is None


def test_an_extra_mapping_is_one_line_of_text() -> None:
    cv = make_cv(
        "person: {name: Ada Example}\n"
        "projects:\n  - {id: p, title: P, start: 2021, extra: {unit: ML, codes: [A, B]}}\n"
    )
    assert column_value(cv.projects[0], "extra", CONTEXT) == "unit: ML; codes: A; B"


def test_a_patent_in_a_past_report_shows_the_filing_it_had_then() -> None:
    cv = make_cv(
        "person: {name: Ada Example}\npatents:\n  - {id: x, title: X, filings: [\n"
        "      {number: EP1, status: filed, date: 2020-03},\n"
        "      {number: EP1, status: granted, date: 2025-06}]}\n"
    )
    then = SheetContext(CONTEXT.style, Context(OWN, date(2026, 11, 21), date(2022, 12, 31)), {})
    assert column_value(cv.patents[0], "status", then) == "filed"
    assert column_value(cv.patents[0], "dates", then) == "Mar 2020"
    assert column_value(cv.patents[0], "dates", CONTEXT) == "Jun 2025"
