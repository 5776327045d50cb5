"""The YAML reader keeps values as typed and reports faults at their line."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from assembler.problems import ProblemsError
from assembler.source.reader import MAX_FILE_BYTES, clean_text, load_yaml, parse_yaml


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("grant_id: 0123", "0123"),  # octal in YAML 1.1: 83
        ("nationality: NO", "NO"),  # Norway, not False
        ("version: 1.10", "1.10"),  # not the float 1.1
        ("time: 12:30", "12:30"),  # sexagesimal 750
        ("flag: on", "on"),  # not True
        ("date: 2021-04-15", "2021-04-15"),  # not a datetime.date
        ("when: 2021-04-15T10:00:00+02:00", "2021-04-15T10:00:00+02:00"),  # no tz shift
        ("value: 1e3", "1e3"),
        ("value: .inf", ".inf"),
        ("value: 'null'", "null"),  # quoted null is text
    ],
)
def test_scalars_stay_as_written(source: str, expected: str) -> None:
    document = parse_yaml(source, "t.yaml")
    assert list(document.data.values()) == [expected]


@pytest.mark.parametrize("source", ["key:", "key: ~", "key: null", "key: Null"])
def test_empty_and_null_are_none(source: str) -> None:
    assert parse_yaml(source, "t.yaml").data == {"key": None}


def test_duplicate_key_names_both_lines() -> None:
    source = "person:\n  name: A\ntitle: x\nother: 1\ntitle: y\n"
    with pytest.raises(ProblemsError) as caught:
        parse_yaml(source, "cv.yaml")
    (problem,) = caught.value.problems
    assert problem.line == 5
    assert "duplicate key 'title' (lines 3 and 5)" in problem.message
    assert "cv.yaml:5:1: error: title: duplicate key" in caught.value.format_message()


def test_duplicate_keys_in_nested_entries_are_all_reported() -> None:
    source = "a:\n  - x: 1\n    x: 2\n  - y: 1\n    y: 2\n"
    with pytest.raises(ProblemsError) as caught:
        parse_yaml(source, "cv.yaml")
    assert [p.path for p in caught.value.problems] == ["a[0].x", "a[1].y"]


def test_locations_of_keys_and_items() -> None:
    document = parse_yaml("person:\n  name: A\nlist:\n  - one\n  - two\n", "t.yaml")
    assert document.locate(("person", "name")) == (2, 3)
    assert document.locate(("list", 1)) == (5, 5)
    assert document.locate(("person", "missing")) == (1, 1)


def test_syntax_error_is_located() -> None:
    with pytest.raises(ProblemsError) as caught:
        parse_yaml("person:\n  name: [unclosed\nother: 1\n", "bad.yaml")
    (problem,) = caught.value.problems
    assert problem.file == "bad.yaml"
    assert problem.line is not None
    assert problem.message.startswith("YAML syntax error")


def test_alias_bomb_is_stopped() -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        levels.append(f"a{level}: &a{level} [{refs}]")
    with pytest.raises(ProblemsError) as caught:
        parse_yaml("\n".join(levels), "bomb.yaml")
    assert "aliases expand to too many values" in caught.value.problems[0].message


def test_small_aliases_and_merge_keys_work() -> None:
    source = "base: &b {org: HHI, city: Berlin}\nitem:\n  <<: *b\n  city: Dublin\n"
    assert parse_yaml(source, "t.yaml").data["item"] == {"org": "HHI", "city": "Dublin"}


def test_python_tags_are_refused() -> None:
    source = "x: !!python/object/apply:os.system ['echo hi']\n"
    with pytest.raises(ProblemsError) as caught:
        parse_yaml(source, "t.yaml")
    assert "not supported" in caught.value.problems[0].message


def test_file_size_cap(tmp_path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x: " + b"a" * (MAX_FILE_BYTES + 1))
    with pytest.raises(ProblemsError) as caught:
        load_yaml(big)
    assert "larger than" in caught.value.problems[0].message


def test_missing_and_non_utf8_files(tmp_path) -> None:
    with pytest.raises(ProblemsError, match="file not found"):
        load_yaml(tmp_path / "nope.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("a: 1\nname: M\xfcller\n".encode("latin-1"))
    with pytest.raises(ProblemsError) as caught:
        load_yaml(latin)
    assert caught.value.problems[0].line == 2
    assert "not UTF-8" in caught.value.problems[0].message


def test_control_characters_are_cleaned_with_a_warning() -> None:
    document = parse_yaml('title: "Smith\\fand\\x0bWesson\\x00\\x1b\\a"\n', "t.yaml")
    assert document.data["title"] == "Smith and Wesson"
    (warning,) = document.warnings
    assert warning.severity == "warning"
    assert warning.path == "title"
    assert warning.line == 1


def test_clean_text_normalises_to_nfc_and_keeps_tabs_and_newlines() -> None:
    decomposed = "Mu\u0308ller\tA\r\nB"
    assert clean_text(decomposed) == ("Müller\tA\nB", True)
    assert clean_text("plain") == ("plain", False)


def test_several_documents_are_refused() -> None:
    with pytest.raises(ProblemsError, match="several YAML documents"):
        parse_yaml("a: 1\n---\nb: 2\n", "t.yaml")


def test_raw_control_characters_are_removed_with_a_warning_naming_their_line() -> None:
    text = "person:\n  name: A\ntitle: 'Smith\x0cand\x0bWesson\x00\x1b'\nvenue: ok\nnote: a\x07b\n"
    document = parse_yaml(text, "cv.yaml")
    assert document.data["title"] == "Smith and Wesson"
    assert document.data["note"] == "ab"
    assert [(w.line, w.path, w.severity) for w in document.warnings] == [
        (3, "title", "warning"),
        (5, "note", "warning"),
    ]
    assert document.warnings[0].format().startswith("cv.yaml:3:14: warning: title: control")


def test_raw_and_escaped_control_characters_give_the_same_text() -> None:
    raw = parse_yaml("t: 'Smith\x0cand\x0bWesson\x00\x1b\x07'\n", "t.yaml").data
    escaped = parse_yaml('t: "Smith\\fand\\x0bWesson\\x00\\x1b\\a"\n', "t.yaml").data
    assert raw == escaped == {"t": "Smith and Wesson"}


def test_line_separators_do_not_shift_the_lines() -> None:
    with pytest.raises(ProblemsError) as caught:
        parse_yaml("a: x\u2028y\x85z\nb: 1\nc: [unclosed\n", "t.yaml")
    assert caught.value.problems[-1].line == 4  # the end of the file, as the editor counts


def test_many_dirty_lines_give_a_bounded_number_of_warnings() -> None:
    text = "".join(f"k{index}: a\x00b\n" for index in range(100))
    warnings = parse_yaml(text, "t.yaml").warnings
    assert len(warnings) == 21
    assert warnings[-1].message == "… and on 80 more lines"


def test_deep_nesting_is_a_located_error() -> None:
    with pytest.raises(ProblemsError) as caught:
        parse_yaml("a:\n  b: " + "[" * 50_000 + "]" * 50_000 + "\n", "deep.yaml")
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "nested more than 100 levels deep" in problem.message


def test_devices_pipes_and_folders_are_refused_before_reading(tmp_path) -> None:
    with pytest.raises(ProblemsError, match="not a regular file"):
        load_yaml(Path("/dev/zero"))
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ProblemsError, match="not a regular file"):
        load_yaml(fifo)
    with pytest.raises(ProblemsError, match="is a folder"):
        load_yaml(tmp_path)


def test_random_yaml_like_text_gives_data_or_located_problems() -> None:
    """Whatever the text, the reader returns data or raises ProblemsError, nothing else."""
    generator = random.Random(20261123)
    alphabet = [*list("[]{}:,-?&*!|>'\"%@`# \n\n  \t\\ab1.~"), "\x00", "\x0c", "é", "\u2028"]
    for _ in range(2000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 60)))
        try:
            parse_yaml(text, "fuzz.yaml")
        except ProblemsError as exc:
            assert all(problem.file == "fuzz.yaml" for problem in exc.problems)
