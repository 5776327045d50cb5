"""CSL-JSON as Zotero, Mendeley, citeproc input and doi.org content negotiation write it."""

from __future__ import annotations

import pytest

from assembler.importers.csl import parse_csl, read_date
from assembler.problems import ProblemsError
from tests.importers import corpus


@pytest.mark.parametrize("file", corpus.files("csl/"))
def test_every_fixture_gives_the_facts_of_the_manifest(file: str) -> None:
    records = parse_csl(corpus.path(file).read_text("utf-8"), file)
    assert corpus.check(file, records) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"date-parts": [["2021", 3, 15]]}, ("2021-03-15", None)),
        ({"date-parts": [[2020, 9], [2021, 3]]}, ("2020-09", "dated 2020-09/2021-03")),
        ({"raw": "2019-05"}, ("2019-05", None)),
        ({"literal": "in press"}, (None, "in press")),
        ("2023-05-17", ("2023-05-17", None)),
        (None, (None, None)),
    ],
)
def test_every_date_form(value: object, expected: tuple) -> None:
    assert read_date(value) == expected


def test_a_date_only_in_words_is_reported() -> None:
    file = "csl/citeproc-input-dates.json"
    records = parse_csl(corpus.path(file).read_text("utf-8"), file)
    (inpress,) = [record for record in records if record.key == "inpress2024"]
    assert inpress.problems == ["no publication date ('in press' kept in the note)"]


def test_not_csl_is_a_located_error() -> None:
    with pytest.raises(ProblemsError, match="not CSL-JSON"):
        parse_csl('{"hello": 1}', "x.json")
