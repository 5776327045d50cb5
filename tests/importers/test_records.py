"""The fields every importer produces, in the CV's own forms."""

from __future__ import annotations

import pytest

from assembler.importers.records import author_form, bare_doi, clean, initials


@pytest.mark.parametrize(
    ("given", "expected"),
    [("Klaus-Robert", "K-R"), ("Sebastian Maria", "S M"), ("A.-K.", "A-K"), ("", "")],
)
def test_initials(given: str, expected: str) -> None:
    assert initials(given) == expected


def test_author_form_is_family_then_initials() -> None:
    assert author_form("Müller", "Klaus\u2010Robert") == "Müller K-R"
    assert author_form("{van} Berg", "Anna") == "van Berg A"


def test_bare_doi_and_clean() -> None:
    assert bare_doi("https://doi.org/10.1000/X") == "10.1000/X"
    assert bare_doi("not-a-doi") is None
    assert clean("  {Deep}   Taylor\n") == "Deep Taylor"
