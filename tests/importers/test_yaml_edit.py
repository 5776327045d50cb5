"""Rewriting the CV file: only what the import adds changes, in the file's own layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.importers.yaml_edit import CvEditor, checked
from assembler.problems import AssembleError

CV = """\
# my CV
person:
  name: Ada Example   # that's me
publications:
  - id: a
    title: 'Kept as written'
    year: 2020
"""

FOUR_SPACES_CRLF = (
    "person:\r\n"
    "    name: 'Ada Example'\r\n"
    "publications:\r\n"
    "    -   id: 'a'\r\n"
    "        title: 'First'\r\n"
    "        authors:\r\n"
    "            - 'Example A'\r\n"
    "\r\n"
    "    -   id: 'b'\r\n"
    "        title: 'Second'\r\n"
    "        year: '2021'\r\n"
    "# trailing comment\r\n"
)


def test_an_untouched_file_is_written_back_byte_for_byte() -> None:
    assert CvEditor(CV).text() == CV
    assert CvEditor(FOUR_SPACES_CRLF).text() == FOUR_SPACES_CRLF


def test_a_new_entry_goes_below_the_others_in_the_files_style() -> None:
    editor = CvEditor(CV)
    editor.add_entry("publications", {"id": "new", "title": "New: a study", "year": "2024"})
    text = editor.text()
    # Most values of this file are plain: so are the new ones, unless YAML would misread them.
    assert text == CV + '  - id: new\n    title: "New: a study"\n    year: 2024\n'
    checked(text, Path("cv.yaml"))


def test_four_spaces_crlf_and_blank_lines_between_entries_are_kept() -> None:
    editor = CvEditor(FOUR_SPACES_CRLF)
    editor.add_entry(
        "publications", {"id": "c", "title": "Third", "authors": ["Example A", "Other B"]}
    )
    editor.update_entry(editor.items("publications")[0], {"year": "2020", "doi": "10.1/x"})
    text = editor.text()
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    assert text == (
        "person:\r\n"
        "    name: 'Ada Example'\r\n"
        "publications:\r\n"
        "    -   id: 'a'\r\n"
        "        year: '2020'\r\n"
        "        title: 'First'\r\n"
        "        authors:\r\n"
        "            - 'Example A'\r\n"
        "        doi: '10.1/x'\r\n"
        "\r\n"
        "    -   id: 'b'\r\n"
        "        title: 'Second'\r\n"
        "        year: '2021'\r\n"
        "\r\n"
        "    -   id: 'c'\r\n"
        "        title: 'Third'\r\n"
        "        authors:\r\n"
        "            - 'Example A'\r\n"
        "            - 'Other B'\r\n"
        "# trailing comment\r\n"
    )


def test_fields_are_inserted_in_schema_order() -> None:
    editor = CvEditor(CV)
    editor.update_entry(editor.items("publications")[0], {"type": "journal", "doi": "10.1/a"})
    assert editor.text() == CV.replace("  - id: a\n", "  - id: a\n    type: journal\n").replace(
        "    year: 2020\n", "    year: 2020\n    doi: 10.1/a\n"
    )


def test_an_empty_value_is_replaced_and_a_refreshed_count_too() -> None:
    text = (
        "person: {name: Ada}\n"
        "publications:\n"
        '  - {id: a, title: "T", doi: ""}\n'
        "  - id: b\n"
        "    title: U\n"
        "    doi:\n"
        "    citations: {count: 3, source: openalex}  # refreshed by imports\n"
    )
    editor = CvEditor(text)
    first, second = editor.items("publications")
    editor.update_entry(first, {"doi": "10.1/a", "year": "2020"})
    editor.update_entry(second, {"doi": "10.1/b", "citations": {"count": 5, "source": "x"}})
    assert editor.text() == (
        "person: {name: Ada}\n"
        "publications:\n"
        '  - {id: a, title: "T", doi: "10.1/a", year: "2020"}\n'
        "  - id: b\n"
        "    title: U\n"
        "    doi: 10.1/b\n"
        '    citations: {"count": 5, "source": "x"}  # refreshed by imports\n'
    )


def test_an_update_to_an_anchored_entry_stays_in_that_entry() -> None:
    text = (
        "person:\n"
        "  name: Ada\n"
        "publications:\n"
        "  - &base\n"
        "    id: a\n"
        "    title: Shared title\n"
        "    venue: Venue\n"
        "  - <<: *base\n"
        "    id: b\n"
        "    year: 2021\n"
    )
    editor = CvEditor(text)
    editor.update_entry(editor.items("publications")[0], {"doi": "10.1000/a"})
    result = editor.text()
    assert result == (
        "person:\n"
        "  name: Ada\n"
        "publications:\n"
        "  - &base\n"
        "    id: a\n"
        "    title: Shared title\n"
        "    venue: Venue\n"
        "    doi: 10.1000/a\n"
        "  - title: Shared title\n"
        "    venue: Venue\n"
        "    id: b\n"
        "    year: 2021\n"
    )
    (note,) = editor.notes
    assert "&base" in note and "line 8" in note and "this entry only" in note
    loaded = checked(result, Path("cv.yaml"))
    assert [p.doi for p in loaded.cv.publications] == ["10.1000/a", None]


def test_new_entries_into_an_empty_or_missing_section() -> None:
    for text in ("person:\n  name: Ada\npublications: []\n", "person:\n  name: Ada\n"):
        editor = CvEditor(text)
        editor.add_entry("publications", {"id": "x", "title": "X"})
        editor.add_entry("publications", {"id": "y", "title": "Y"})
        result = editor.text()
        assert result.startswith("person:\n  name: Ada\npublications:\n  - id: x\n")
        assert [p.id for p in checked(result, Path("cv.yaml")).cv.publications] == ["x", "y"]


def test_a_file_without_a_final_newline() -> None:
    editor = CvEditor("person:\n  name: Ada\npublications:\n  - id: a\n    title: A")
    editor.add_entry("publications", {"id": "b", "title": "B"})
    assert editor.text().endswith("    title: A\n  - id: b\n    title: B")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain words", "plain words"),
        ("Colon: inside", '"Colon: inside"'),
        ("yes", '"yes"'),
        ("- dash first", '"- dash first"'),
        ("# hash", '"# hash"'),
        ("Ünïcödé", "Ünïcödé"),
    ],
)
def test_plain_files_get_plain_values_unless_yaml_would_misread_them(
    value: str, expected: str
) -> None:
    editor = CvEditor("person:\n  name: Ada\npublications:\n  - id: a\n    title: A\n")
    editor.add_entry("publications", {"title": value})
    assert editor.text().endswith(f"  - title: {expected}\n")


def test_a_result_that_would_not_load_is_refused() -> None:
    with pytest.raises(AssembleError, match="nothing was written"):
        checked("person:\n  name: Ada\npublications:\n  - id: a\n", Path("cv.yaml"))


@pytest.mark.parametrize(
    "text",
    [
        "person:\n  name: Ada\npublications:\n- id: a\n  title: A\n  authors:\n  - Ada A\nskills: [x]\n",
        "---\nperson:\n  name: Ada\npublications:\n  - id: a\n    title: A\n...\n",
        "\ufeffperson:\n  name: Ada\npublications:\n  - id: a\n    title: >-\n      A long\n"
        "      folded title\n\n# talks next\ntalks: []\n",
        "person:\n  name: Ada\npublications:\n  - id: a\n    title: A  # mine\n  # end of list\n",
        "person: {name: Ada}\npublications: [{id: a, title: A}]\n",
    ],
    ids=["indentless-lists", "document-markers", "bom-and-folded-title", "comments", "flow"],
)
def test_unusual_layouts_take_new_facts_and_keep_the_rest(text: str) -> None:
    editor = CvEditor(text)
    editor.update_entry(editor.items("publications")[0], {"type": "journal", "doi": "10.1000/x"})
    editor.add_entry("publications", {"id": "new", "title": "New: yes", "year": "2024"})
    result = editor.text()
    publications = checked(result, Path("cv.yaml")).cv.publications
    assert [(p.id, p.type, p.doi) for p in publications] == [
        ("a", "journal", "10.1000/x"),
        ("new", None, None),
    ]
    if "[{" not in text:  # a one-line flow list changes on its line
        kept = [line for line in text.splitlines() if line not in result.splitlines()]
        assert kept == []  # no line of the file was changed or lost
