"""Tags in a paragraph's text: what is a tag, its anchor, and braces that do not close."""

from __future__ import annotations

from assembler.render.word.tags import Where, located, scan


def test_tags_kinds_and_anchors() -> None:
    tags, errors = scan("{{ a }} {%p for x in y %}{{r x.rich }}{#p note #}{%tr if z %}{#r c #}")
    assert errors == []
    assert [(t.kind, t.anchor, t.body) for t in tags] == [
        ("{{", "", " a "),
        ("{%", "p", " for x in y "),
        ("{{", "r", " x.rich "),
        ("{#", "p", " note "),
        ("{%", "tr", " if z "),
        ("{#", "", "r c "),  # {#r is a comment, as in docxtpl
    ]
    assert [t.word for t in tags] == ["", "for", "", "", "if", ""]


def test_a_tag_is_found_whole_when_a_string_in_it_holds_the_closer() -> None:
    (tag,), errors = scan('A {{ "}}" ~ x }} B')
    assert errors == []
    assert tag.text == '{{ "}}" ~ x }}'


def test_typographic_quotes_are_straightened_in_the_body_only() -> None:
    (tag,), _ = scan("{% if e.role == ‘lead’ %}")
    assert tag.body == " if e.role == 'lead' "
    assert tag.text == "{% if e.role == ‘lead’ %}"


def test_an_unclosed_tag_is_an_error_at_its_start() -> None:
    tags, (error,) = scan("X|{{ p.id }")
    assert tags == []
    assert error.start == 2
    assert error.message == "the tag '{{ p.id }' is not closed"
    assert "End it with '}}'" in error.hint


def test_a_closer_without_opener_is_an_error() -> None:
    _, (error,) = scan("x }} y")
    assert error.message == "'}}' closes no tag"


def test_docxtpl_escapes_are_text() -> None:
    assert scan("{_{ not a tag }_}") == ([], [])


def test_set_blocks() -> None:
    block, assignment = scan("{% set x %}{% set y = 1 %}")[0]
    assert block.opens_block_by_set and not assignment.opens_block_by_set


def test_where_shows_the_paragraph_and_the_tag_when_it_is_cut_off() -> None:
    long = "x" * 150 + " {{ e.title }}"
    where = Where("footer 2", 4, long, "{{ e.title }}")
    text = located("t.docx", where, "bad").message
    assert text.startswith("bad (near: 'xxx")
    assert text.endswith("…', footer 2 paragraph 4, tag '{{ e.title }}')")
    short = located("t.docx", Where("body", 1, "A {{ b }}", "{{ b }}"), "bad").message
    assert short == "bad (near: 'A {{ b }}', body paragraph 1)"
    assert located("t.docx", Where("body"), "bad").message == "bad (in the body)"
