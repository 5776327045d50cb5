"""Fill a Word template: assemble's own small engine, in the manner of docxtpl.

docxtpl opened the template with python-docx twice, patched its XML with regular expressions,
parsed it with Jinja nine times, let a recovering XML parser "repair" the result and reopened
the output with python-docx to check it: slow (issue 13), and a broken tag silently lost
content (issue 12). This engine does each step once, and refuses instead of repairing:

1. ``word.package.read_package``: the zip, read once and checked (not a zip, zip bomb,
   macros…); the parts to fill are the body, headers, footers and notes.
2. ``word.compile.compile_template``: the gate (``word.gate``: the template's own text,
   paragraph by paragraph), the Jinja source (``word.source``: docxtpl's preprocessing on
   the XML tree), one Jinja parse, Python code. Cached by content (``word.cache``): a
   template that did not change is not read again, only its code is loaded.
3. Here: the names the template uses are checked against the context; each part is rendered
   in the bounded sandbox (``word.sandbox``); the result is checked by a strict parser
   (``word.check``); the core properties are written and the package zipped
   (``word.package``). python-docx is not imported.

Every error the template causes, at any step, is one ``ProblemsError`` naming the template,
the part, the paragraph as the user wrote it, the tag and the fix; exit code 1 and nothing
written. The data is only ever a value: it is escaped, and never read as template code.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import Template
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from assembler.problems import ProblemsError
from assembler.render.word.check import BrokenPart, check_part, fit_table_grids, renumber_pictures
from assembler.render.word.compile import CompiledPart, CompiledTemplate, compile_template
from assembler.render.word.package import (
    add_core_part,
    core_properties,
    package_members,
    read_package,
    write_package,
)
from assembler.render.word.sandbox import (
    RICH_FUNCTION,
    LimitError,
    PrintError,
    Sandbox,
    limit_joins,
    rich_printer,
)
from assembler.render.word.tags import Where, located

# What a template's code can raise, whatever the input: reported at the tag, never a traceback.
TEMPLATE_FAULTS = (
    TemplateError,
    ArithmeticError,
    LookupError,
    TypeError,
    ValueError,
    AttributeError,
    RecursionError,
    MemoryError,
)
STYLES = "word/styles.xml"
_GUARD_HINT = (
    "A value the data does not have prints as '' (an undated entry has year ''); "
    "guard it with {% if … %} before computing with it"
)


def check_names(template: Path, compiled: CompiledTemplate, context: dict[str, Any]) -> None:
    """Every name the template uses is in the context (or defined by the template)."""
    problems = []
    for part in compiled.parts:
        for name, line in part.names:
            if name not in context:
                problems.append(
                    located(
                        template,
                        part.where(line),
                        f"the template uses {name!r}, which is neither a section nor a "
                        "context variable",
                        "Known: " + ", ".join(sorted(context)),
                    )
                )
    if problems:
        raise ProblemsError(problems, str(template))


def _template_line(template: Template, trace: TracebackType | None) -> int | None:
    """The template line of the innermost frame of the template's code in the traceback."""
    line = None
    while trace is not None:
        if trace.tb_frame.f_globals.get("__jinja_template__") is template:
            line = template.get_corresponding_lineno(trace.tb_lineno)
        trace = trace.tb_next
    return line


def _fault_message(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, UndefinedError):
        return (
            f"the template asks for something the data does not have: {exc.message}",
            "Check the name in the manual's template reference; guard optional values with "
            "{% if … %}",
        )
    if isinstance(exc, SecurityError):
        return f"the template tried something unsafe: {exc}", "Templates lay out values only"
    if isinstance(exc, LimitError):
        return str(exc), "Templates lay out the data; loop over its lists, not over big ranges"
    if isinstance(exc, PrintError):
        return str(exc), ""
    if isinstance(exc, RecursionError):
        return "the template calls itself without end", "Remove the recursion"
    if isinstance(exc, TemplateError):
        return f"template error: {exc}", ""
    return f"the template failed: {type(exc).__name__}: {exc}", _GUARD_HINT


def render_part(
    path: Path, environment: Sandbox, part: CompiledPart, context: dict[str, Any]
) -> bytes:
    """One part filled and checked, or ``ProblemsError`` at the tag that failed."""
    render_globals = environment.make_globals({RICH_FUNCTION: rich_printer(list(part.runs))})
    template = Template.from_code(environment, part.code, render_globals)
    limit_joins(template.root_render_func.__globals__)
    budget = environment.start()
    pieces: list[str] = []
    try:
        for piece in template.root_render_func(template.new_context(context)):
            pieces.append(piece)
            budget.output += len(piece)
        budget.tick()
    except TEMPLATE_FAULTS as exc:
        line = _template_line(template, exc.__traceback__)
        if line is None and not isinstance(exc, (TemplateError, MemoryError, RecursionError)):
            raise  # not the template's doing: an internal error keeps its traceback
        message, hint = _fault_message(exc)
        raise ProblemsError([located(path, part.where(line), message, hint)], str(path)) from None
    xml = "".join(pieces)
    if part.label == "body":
        xml = renumber_pictures(xml)
    data = xml.encode("utf-8")
    if part.has_cell_tags:
        data = fit_table_grids(data)
    try:
        check_part(data)
    except BrokenPart as exc:
        problem = located(
            path,
            Where(part.label),
            f"the filled template is not a valid Word document: {exc}",
            "Check the tags around that text: keep one paragraph in each table cell outside "
            "its {%p %} blocks, and wrap a table whose rows may all be left out in "
            "{%p if … %} paragraphs",
        )
        raise ProblemsError([problem], str(path)) from None
    return data


_DEFAULT_RUN = re.compile(rb"<w:rPrDefault>\s*<w:rPr>(.*?)</w:rPr>", re.DOTALL)
_DEFAULT_RUN_EMPTY = re.compile(rb"<w:rPrDefault\s*/>|<w:rPrDefault>\s*</w:rPrDefault>")
_LANG = re.compile(rb"<w:lang\b[^>]*/>")
_STYLES_OPEN = re.compile(rb"<w:styles\b[^>]*>")


def with_language(styles: bytes, language: str) -> bytes:
    """The styles part with the document's text tagged ``language`` (``de-DE``): in the
    defaults every style inherits, and in each style that names a language of its own, so
    Word and LibreOffice spell-check and hyphenate the text as that language."""
    tag = f'<w:lang w:val="{language}" w:eastAsia="{language}" w:bidi="{language}"/>'.encode()
    styles = _LANG.sub(tag, styles)
    if _DEFAULT_RUN.search(styles):
        match = _DEFAULT_RUN.search(styles)
        assert match is not None
        if tag not in match[1]:
            inner = match[1] + tag  # w:lang comes late in a run's properties
            styles = styles[: match.start(1)] + inner + styles[match.end(1) :]
        return styles
    defaults = b"<w:rPrDefault><w:rPr>" + tag + b"</w:rPr></w:rPrDefault>"
    if _DEFAULT_RUN_EMPTY.search(styles):
        return _DEFAULT_RUN_EMPTY.sub(defaults, styles, count=1)
    if b"<w:docDefaults>" in styles:
        return styles.replace(b"<w:docDefaults>", b"<w:docDefaults>" + defaults, 1)
    opening = _STYLES_OPEN.search(styles)
    if opening is None:
        return styles
    block = b"<w:docDefaults>" + defaults + b"</w:docDefaults>"
    return styles[: opening.end()] + block + styles[opening.end() :]


def render_docx(
    path: Path,
    context: dict[str, Any],
    when: datetime,
    title: str,
    author: str,
    language: str = "en-GB",
) -> bytes:
    """Render one template to the bytes of a .docx, or raise ``ProblemsError``."""
    package = read_package(path)
    compiled = compile_template(package)
    check_names(path, compiled, context)
    environment = Sandbox()
    filled = {part.member: render_part(path, environment, part, context) for part in compiled.parts}
    if STYLES in package.names:
        filled[STYLES] = with_language(package.read(STYLES), language)
    original = package.read(package.core) if package.core else None
    core = core_properties(original, when, title, author)
    if package.core:
        filled[package.core] = core
    members = package_members(package, filled)
    if not package.core:
        add_core_part(package, members, core)
    return write_package(members)
