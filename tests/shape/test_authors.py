"""Author lists: shortened without hiding the person, who is bold."""

from __future__ import annotations

import pytest

from assembler.cv.names import own_names
from assembler.shape.authors import authors_rich, shorten_authors
from assembler.shape.labels import words
from assembler.shape.style import Style

OWN = own_names("Sebastian Lapuschkin", ["Lapuschkin S", "Bach S"])
STYLE = Style("en", "month", words("en"), OWN)
NAMES = ["A A", "B B", "C C", "D D", "Lapuschkin S", "F F", "G G"]


@pytest.mark.parametrize(
    ("names", "limit", "expected"),
    [
        (NAMES, None, NAMES),
        (NAMES, 7, NAMES),
        (NAMES, 6, ["A A", "B B", "C C", "D D", "Lapuschkin S", "F F", "et al."]),
        (NAMES, 3, ["A A", "B B", "…", "Lapuschkin S", "et al."]),
        (NAMES, 1, ["…", "Lapuschkin S", "et al."]),
        (["A A", "B B", "C C", "Bach S"], 2, ["A A", "…", "Bach S"]),
        (["Bach S", "B B", "C C"], 1, ["Bach S", "et al."]),
        (["X X", "Y Y", "Z Z"], 2, ["X X", "Y Y", "et al."]),
    ],
)
def test_shorten_authors_never_hides_the_person(names, limit, expected) -> None:
    assert shorten_authors(names, OWN, limit, "et al.") == expected


def test_authors_rich_bolds_only_the_person() -> None:
    rich = authors_rich(["A A", "…", "Bach S", "et al."], STYLE, highlight=True)
    assert str(rich) == "A A … Bach S et al."
    assert [run.text for run in rich if run.bold] == ["Bach S"]
    assert not any(run.bold for run in authors_rich(["Bach S"], STYLE, highlight=False))
