"""Recognising the person in author lists, whatever form the names take."""

from __future__ import annotations

import pytest

from assembler.cv.model import AuthorName
from assembler.cv.names import display_name, own_names, split_name


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("Müller K-R", "Müller", "K-R"),
        ("Yolcu G Ü", "Yolcu", "G Ü"),
        ("Raberger AM", "Raberger", "AM"),
        ("de Lange T", "de Lange", "T"),
        ("Lapuschkin, Sebastian", "Lapuschkin", "Sebastian"),
        ("Sebastian Lapuschkin", "Lapuschkin", "Sebastian"),
        ("Sebastian Ma", "Ma", "Sebastian"),
        ("Ma J", "Ma", "J"),
        ("Anna van der Berg", "van der Berg", "Anna"),
        ("Plato", "Plato", ""),
    ],
)
def test_split_name(name: str, family: str, given: str) -> None:
    assert split_name(name) == (family, given)


def test_both_surnames_are_the_same_person() -> None:
    own = own_names("Sebastian Lapuschkin", ["Lapuschkin S", "Bach S"])
    assert own.matches("Bach S")
    assert own.matches("**Lapuschkin S**".replace("**", ""))
    assert own.matches("Lapuschkin, S.")
    assert own.matches(AuthorName(family="Bach", given="Sebastian"))
    assert not own.matches("Bach F")
    assert not own.matches("Samek W")


def test_accents_and_case_do_not_matter() -> None:
    own = own_names("Klaus-Robert Müller", ["Müller K-R"])
    assert own.matches("Muller K-R")
    assert own.matches("MÜLLER K")


def test_display_name_of_structured_author() -> None:
    assert display_name(AuthorName(family="Müller", given="Klaus Robert")) == "Müller K R"
    assert display_name("Samek W") == "Samek W"
