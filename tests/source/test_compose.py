"""Events -> data without recursion: depth limits, aliases, merge keys, locations."""

from __future__ import annotations

import pytest

from assembler.source.compose import MAX_DEPTH, Composer, TooBig, TooDeep


def compose(text: str):
    return Composer("t.yaml").run(text)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 50_000 + "]" * 50_000,  # segfaulted the C composer
        "{a: " * 50_000 + "}" * 50_000,
        "".join(f"{' ' * level}k{level}:\n" for level in range(500)) + " " * 500 + "x: 1\n",
        "".join(f"{'  ' * level}- \n" for level in range(500)),
    ],
)
def test_deep_nesting_stops_at_the_limit_with_its_line(text: str) -> None:
    with pytest.raises(TooDeep) as caught:
        compose(text)
    assert caught.value.line >= 1


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1
    composed = compose("[" * depth + "x" + "]" * depth)
    value = composed.data
    for _ in range(depth - 1):
        (value,) = value
    assert value == ["x"]


def test_deep_nesting_inside_a_refused_collection_is_stopped_too() -> None:
    with pytest.raises(TooDeep):
        compose("x: !foo " + "[" * 5000 + "]" * 5000)


def test_merge_keys_keep_the_mappings_own_keys_and_locations() -> None:
    text = "base: &b {org: HHI, city: Berlin}\nitem:\n  city: Dublin\n  <<: *b\n"
    composed = compose(text)
    assert composed.data["item"] == {"city": "Dublin", "org": "HHI"}
    assert composed.locations[("item", "city")] == (3, 3)
    assert composed.locations[("item", "org")] == (1, 11)


def test_merge_lists_and_inline_merges() -> None:
    text = "a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b, {w: 0}]\n  z: 3\nd:\n  <<: {v: 4}\n"
    data = compose(text).data
    assert data["c"] == {"z": "3", "x": "1", "y": "2", "w": "0"}
    assert data["d"] == {"v": "4"}


def test_merging_a_scalar_is_an_error() -> None:
    (problem,) = compose("c:\n  <<: 5\n").problems
    assert problem.message == "`<<` must refer to a mapping"


def test_aliases_give_the_value_and_its_locations_again() -> None:
    composed = compose("a:\n  b: &x\n    c: 1\n    d: [2, 3]\ne: *x\nf: [*x]\n")
    assert composed.data["e"] == composed.data["a"]["b"] == composed.data["f"][0]
    assert composed.locations[("e", "d", 1)] == composed.locations[("a", "b", "d", 1)]
    assert composed.locations[("f", 0, "c")] == (3, 5)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("x: *nope\n", "the alias *nope has no anchor &nope above it", 1),
        ("a: &a [1, *a]\n", "this alias refers to a node that contains it", 1),
        ("a: &a 1\nb: &a 2\n", "the anchor &a is defined twice", 2),
        ("? [a, b]\n: c\n", "a key must be plain text", 1),
        ("x: !foo [a, {b: 1}]\ny: 2\n", "the YAML tag '!foo' is not supported", 1),
    ],
)
def test_faults_are_located(text: str, message: str, line: int) -> None:
    (problem,) = compose(text).problems
    assert problem.message == message
    assert problem.line == line


def test_billion_laughs_counts_the_expansion() -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        levels.append(f"a{level}: &a{level} [{refs}]")
    with pytest.raises(TooBig) as caught:
        compose("\n".join(levels))
    assert caught.value.aliases


def test_tags_of_the_yaml_schema_are_kept_as_text() -> None:
    composed = compose("a: !!str null\nb: ! null\nc: ''\nd: ~\ne: !!int 012\n")
    assert composed.data == {"a": "null", "b": None, "c": "", "d": None, "e": "012"}
