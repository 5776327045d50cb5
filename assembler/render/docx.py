"""Fill a Word template with docxtpl, safely.

docxtpl's defaults are unsafe for user data: without autoescaping "R&D" loses its "&", an
unsandboxed Jinja lets a template run Python, and a missing variable prints as nothing. Here the
environment is sandboxed, autoescaped and strict; the template is checked before rendering (its
syntax and every variable it names) and problems are reported with the text of the paragraph
around them, not XML line numbers. Data is only ever a value in the context, never template code.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from assembler.problems import Problem, ProblemsError
from assembler.render.package import normalise_zip, too_large
from assembler.shape.authors import Rich

# What python-docx raises for a package it cannot read.
_BROKEN_PACKAGE = (
    PackageNotFoundError,
    KeyError,
    ValueError,
    etree.XMLSyntaxError,
    zipfile.BadZipFile,
)
_TAG = re.compile(r"<[^>]+>")
_MACRO_TYPES = ("macroEnabled", "vbaProject")


def make_environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        finalize=lambda value: "" if value is None else value,
        keep_trailing_newline=True,
    )


def to_docx_values(value: Any, template: DocxTemplate) -> Any:
    """Replace neutral ``Rich`` values by docxtpl RichText, everywhere in the context."""
    if isinstance(value, Rich):
        rich = RichText()
        for run in value:
            url = template.build_url_id(run.url) if run.url else None
            style = "Hyperlink" if url else None
            rich.add(run.text, bold=run.bold, italic=run.italic, url_id=url, style=style)
        return rich
    if isinstance(value, dict):
        return {key: to_docx_values(item, template) for key, item in value.items()}
    if isinstance(value, list):
        return [to_docx_values(item, template) for item in value]
    return value


def set_language(document: docx.document.Document, language: str) -> None:
    """Tag the document's text with its language (``de-DE``, ``en-GB``), so Word and
    LibreOffice spell-check and hyphenate it as that language."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)
    for element in styles.iter(qn("w:lang")):  # styles that name another language
        if element is not lang:
            element.set(qn("w:val"), language)


def _problem(template: Path, message: str, near: str = "", hint: str = "") -> Problem:
    if near:
        message = f"{message} (near: {near!r})"
    return Problem(message=message, file=str(template), hint=hint)


def check_package(template: Path) -> None:
    """Refuse what is not a plain .docx before docxtpl touches it (macros, zip bombs)."""
    if template.suffix.lower() in (".docm", ".dotm", ".dotx"):
        raise ProblemsError(
            [
                _problem(
                    template,
                    f"{template.suffix} templates are not supported",
                    hint="Save the template as a Word document (.docx) without macros",
                )
            ],
            str(template),
        )
    try:
        with zipfile.ZipFile(template) as archive:
            if too_large(archive):
                raise ProblemsError(
                    [_problem(template, "the template is too large when unpacked (a zip bomb?)")],
                    str(template),
                )
            content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        raise ProblemsError(
            [
                _problem(
                    template,
                    "not a Word .docx file",
                    hint="Open it in Word or LibreOffice and save as .docx",
                )
            ],
            str(template),
        ) from None
    if any(marker in content_types for marker in _MACRO_TYPES):
        raise ProblemsError(
            [
                _problem(
                    template,
                    "the template contains macros",
                    hint="Save it as a .docx without macros",
                )
            ],
            str(template),
        )


def _template_lines(template: DocxTemplate) -> list[str]:
    """The template's XML as docxtpl renders it: one paragraph per line."""
    xml = template.patch_xml(template.get_xml())
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).splitlines()


def _paragraph_text(line: str) -> str:
    return " ".join(_TAG.sub("", line).split())[:120]


def check_template(
    template: DocxTemplate, path: Path, context: dict[str, Any], env: SandboxedEnvironment
) -> None:
    """Syntax and names, before any rendering, reported at the paragraph that holds them."""
    lines = _template_lines(template)
    source = "\n".join(lines)
    try:
        parsed = env.parse(source)
    except TemplateSyntaxError as exc:
        index = max((exc.lineno or 1) - 1, 0)
        near = _paragraph_text(lines[index]) if index < len(lines) else ""
        raise ProblemsError(
            [
                _problem(
                    path,
                    f"template syntax error: {exc.message}",
                    near,
                    "docxtpl tags are {{ value }}, {%p for x in list %}…{%p endfor %}, "
                    "{{r rich_value }}",
                )
            ],
            str(path),
        ) from None
    names = meta.find_undeclared_variables(parsed) - set(context) - set(env.globals)
    problems = []
    for name in sorted(names):
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        near = next(
            (_paragraph_text(line) for line in lines if pattern.search(_TAG.sub("", line))), ""
        )
        problems.append(
            _problem(
                path,
                f"the template uses {name!r}, which is neither a section nor a context variable",
                near,
                "Known: " + ", ".join(sorted(context)),
            )
        )
    if problems:
        raise ProblemsError(problems, str(path))


def set_properties(
    document: docx.document.Document, when: datetime, title: str, author: str
) -> None:
    """Fixed metadata, so the same inputs give the same bytes."""
    props = document.core_properties
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.last_modified_by = "assemble"
    props.author = author
    props.title = title


def render_docx(
    path: Path,
    context: dict[str, Any],
    when: datetime,
    title: str,
    author: str,
    language: str = "en-GB",
) -> bytes:
    """Render one template to the bytes of a .docx, or raise ``ProblemsError``."""
    check_package(path)
    env = make_environment()
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except _BROKEN_PACKAGE as exc:
        raise ProblemsError(
            [_problem(path, f"cannot open the template: {exc}")], str(path)
        ) from None
    check_template(template, path, context, env)
    values = to_docx_values(context, template)
    try:
        template.render(values, jinja_env=env, autoescape=True)
    except UndefinedError as exc:
        raise ProblemsError(
            [
                _problem(
                    path, f"the template asks for something the data does not have: {exc.message}"
                )
            ],
            str(path),
        ) from None
    except SecurityError as exc:
        raise ProblemsError(
            [_problem(path, f"the template tried something unsafe: {exc}")], str(path)
        ) from None
    except TemplateError as exc:
        near = " ".join(getattr(exc, "docx_context", []) or [])
        raise ProblemsError(
            [_problem(path, f"template error: {exc}", " ".join(near.split()))], str(path)
        ) from None
    set_properties(template.docx, when, title, author)
    set_language(template.docx, language)
    buffer = io.BytesIO()
    template.save(buffer)
    data = normalise_zip(buffer.getvalue())
    _reopen(data, path)
    return data


def _reopen(data: bytes, path: Path) -> None:
    """A rendered template that Word could not open is a template error, not an output."""
    try:
        docx.Document(io.BytesIO(data))
    except _BROKEN_PACKAGE as exc:
        raise ProblemsError(
            [
                _problem(
                    path,
                    f"the filled template is not a valid Word document ({exc})",
                    hint="Check that {%p %} and {%tr %} tags stand alone in their "
                    "paragraph or table row",
                )
            ],
            str(path),
        ) from None
