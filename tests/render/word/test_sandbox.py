"""The bounded sandbox: values are text, data cannot change, nothing runs for ever."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

from assembler.render.word.sandbox import (
    Budget,
    CountedLoop,
    LimitError,
    Limits,
    PrintError,
    Sandbox,
    finalize,
    limit_joins,
    rich_printer,
)
from assembler.shape.authors import Rich, Run


def render(text: str, **context: Any) -> str:
    environment = Sandbox()
    template = environment.from_string(text)
    limit_joins(template.root_render_func.__globals__)
    return template.render(context)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        ("{{ 7*7 }}", "{{ 7*7 }}"),
        ("R&D <b>", "R&amp;D &lt;b&gt;"),
        ("two\nlines", 'two</w:t><w:br/><w:t xml:space="preserve">lines'),
        ("a\tb", 'a</w:t><w:tab/><w:t xml:space="preserve">b'),
        ("a\r\nb", 'a</w:t><w:br/><w:t xml:space="preserve">b'),
        (None, ""),
        (3, "3"),
    ],
)
def test_values_are_printed_as_text(value: Any, printed: str) -> None:
    assert render("{{ v }}", v=value) == printed


def test_rich_text_and_control_characters_are_refused_when_printed() -> None:
    with pytest.raises(PrintError, match="printed without r"):
        finalize(Rich([Run("x")]))
    with pytest.raises(PrintError, match="control character U\\+0001"):
        render("{{ v }}", v="a\x01b")


def test_the_template_cannot_change_the_data_or_reach_python() -> None:
    items = [1, 2]
    with pytest.raises(SecurityError):
        render("{{ items.append(3) }}", items=items)
    assert items == [1, 2]
    with pytest.raises(SecurityError):
        render("{{ items.__class__ }}", items=items)
    with pytest.raises(TemplateSyntaxError, match="No filter named 'safe'"):
        render("{{ v|safe }}", v="<w:p/>")
    with pytest.raises(UndefinedError):
        render("{{ lipsum(5) }}")


def test_printing_a_function_is_refused_so_no_address_reaches_the_document() -> None:
    with pytest.raises(PrintError, match="a function or method is printed"):
        render("{{ e.items }}", e={"items": [1]})
    assert render("{{ e['items'] }}", e={"items": [1]}) == "[1]"


def test_a_missing_field_says_which_field_was_meant() -> None:
    @dataclass
    class View:
        description: str = "d"

    with pytest.raises(UndefinedError, match="no field 'titel' here; did you mean 'title'"):
        render("{{ e.titel }}", e={"title": "x", "year": 2020})
    with pytest.raises(UndefinedError, match="no field 'descriptoin' here; did you mean"):
        render("{{ p.descriptoin }}", p=View())
    with pytest.raises(UndefinedError, match="'nobody' is undefined"):
        render("{{ nobody }}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ range(10001)|length }}", "range of 10,001 numbers is too long"),
        ("{{ 'x' * 10**7 }}", "a text of 10,000,000 characters"),
        ("{{ [1] * 10**7 }}", "a text of 10,000,000 characters"),
        ("{{ 10 ** 100000 }}", "is too large a number"),
        ("{{ '%099999d' % 1 }}", "a format width of 99999"),
        ("{{ '{:>99999}'.format(1) }}", "a format width of 99999"),
        ("{{ 'x'.center(10**6) }}", "a width of 1,000,000"),
        ("{{ 'x'|center(10**6) }}", "a width of 1,000,000"),
        ("{{ 'x'|indent(10**6) }}", "a width of 1,000,000"),
        ("{{ [1]|batch(10**6, 0)|list }}", "a width of 1,000,000"),
        ("{{ ('x' * 4000000).replace('x', 'yy') }}", "a text of 8,000,000"),
        ("{{ ('x' * 4000000)|replace('x', 'yy') }}", "a text of 8,000,000"),
        ("{{ ['x' * 4000000, 'x' * 4000000]|join }}", "a text of 8,000,000"),
        ("{% set s = 'x' * 4000000 %}{{ s ~ s }}", "a text of 8,000,000"),
        ("{% set s = 'x' * 4000000 %}{{ s + s }}", "a text of 8,000,000"),
        (
            "{% set ns = namespace(s='x' * 4000000) %}{% set ns.s = ns.s ~ 'y' * 2000000 %}",
            "a text of 6,000,000",
        ),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "more than 40 deep"),
        ("{{ '{0:{1}}'.format(1, 10**8) }}", "a format width of 100,000,000"),
        ("{{ '%*d' % (10**8, 1) }}", "a format width of 100,000,000"),
        ("{{ '%*d'|format(10**8, 1) }}", "a format width of 100,000,000"),
    ],
)
def test_bounds(text: str, message: str) -> None:
    with pytest.raises(LimitError, match=message):
        render(text)


def test_small_things_stay_allowed() -> None:
    assert render("{{ range(3)|join(',') }} {{ 'x' * 3 }} {{ 2 ** 10 }}") == "0,1,2 xxx 1024"
    assert render("{{ '%5.1f' % 2.25 }}|{{ '{:,}'.format(1234567) }}") == "  2.2|1,234,567"


def test_loops_are_counted_against_one_budget() -> None:
    budget = Budget(Limits(loop_steps=5))
    assert list(CountedLoop(budget, range(3))) == [0, 1, 2]
    assert len(CountedLoop(budget, [1, 2])) == 2
    with pytest.raises(LimitError, match="more than 5 steps"):
        list(CountedLoop(budget, range(3)))


def test_the_clock_and_the_output_size_are_bounds() -> None:
    with pytest.raises(LimitError, match="ran for more than 0 seconds"):
        Budget(Limits(seconds=0)).tick()
    budget = Budget(Limits(output_chars=10))
    budget.output = 11
    with pytest.raises(LimitError, match="larger than 10 characters"):
        budget.tick()


def test_rich_runs_carry_the_run_properties_and_bold() -> None:
    runs = rich_printer([("<w:rPr><w:i/></w:rPr>", "<w:rPr><w:b/><w:i/></w:rPr>")])
    rich = Rich([Run("A & B, "), Run("Me", True), Run("")])
    assert str(runs(rich, 0)) == (
        '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">A &amp; B, </w:t></w:r>'
        '<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t xml:space="preserve">Me</w:t></w:r>'
    )
    assert str(runs(rich[1:], 0)) == (
        '<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t xml:space="preserve">Me</w:t></w:r>'
    )
    assert str(runs("plain <x>", 0)) == (
        '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">plain &lt;x&gt;</w:t></w:r>'
    )
    assert str(runs(None, 0)) == ""


def test_run_look_adds_italics_and_link_look_in_schema_order() -> None:
    from assembler.render.word.sandbox import run_look

    assert run_look("", italic=False, link=False) == ""
    assert run_look("", italic=True, link=False) == "<w:rPr><w:i/></w:rPr>"
    base = '<w:rPr><w:rFonts w:ascii="Arial"/><w:b/><w:sz w:val="20"/></w:rPr>'
    assert run_look(base, italic=True, link=True) == (
        '<w:rPr><w:rFonts w:ascii="Arial"/><w:b/><w:i/><w:color w:val="1F4E99"/>'
        '<w:sz w:val="20"/><w:u w:val="single"/></w:rPr>'
    )


def test_rich_runs_print_italics_and_links() -> None:
    from assembler.render.word.sandbox import rich_printer
    from assembler.shape.authors import Rich, Run

    printer = rich_printer([("", "<w:rPr><w:b/></w:rPr>")])
    xml = str(printer(Rich([Run("Venue", italic=True), Run("x", url='https://a.org/?q="1"')]), 0))
    assert '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Venue</w:t></w:r>' in xml
    link = ' HYPERLINK "https://a.org/?q=%221%22" '
    assert f'<w:instrText xml:space="preserve">{link}</w:instrText>' in xml
    assert xml.count('w:fldCharType="begin"') == 1 and xml.count('w:fldCharType="end"') == 1
