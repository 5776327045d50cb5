"""Rewriting the CV file: only what the merge changes, in the file's own layout."""

from __future__ import annotations

from assembler.importers.merge import plan_merge
from assembler.importers.records import Incoming
from assembler.importers.yaml_edit import RoundTrip, guess_indent

CV = """\
# my CV
person:
  name: Ada Example   # that's me
publications:
  - id: a
    title: 'Kept as written'
    year: 2020
"""


def test_indentation_is_read_from_the_file() -> None:
    assert guess_indent(CV) == (2, 2)
    assert guess_indent("a:\n    b: 1\nc:\n    - 1\n") == (4, 4)
    assert guess_indent("") == (2, 2)


def test_an_untouched_file_is_written_back_as_it_was() -> None:
    assert RoundTrip(CV).dump() == CV


def test_a_new_entry_goes_below_the_others_and_comments_stay() -> None:
    document = RoundTrip(CV)
    plan = plan_merge(
        document.plain_publications(),
        [Incoming({"type": "journal", "title": "New", "year": "2024"}, "x.bib:1")],
    )
    document.apply(plan)
    text = document.dump()
    assert text.startswith(CV)
    assert "# that's me" in text and "'Kept as written'" in text
    assert 'title: "New"' in text.split("Kept as written")[1]
