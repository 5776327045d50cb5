"""A Word template, compiled once: gate, Jinja source, one parse, Python code; cached.

For each part a template fills (body, headers, footers, notes): parse it strictly, run the
gate (``template_gate``), build the Jinja source (``template_source``), parse it with Jinja
once, refuse what the sandbox must not run (include/import/extends, autoescape switches),
wrap every ``for`` loop's iterable in the counting filter (``template_sandbox.CountedLoop``),
note the names the template uses that it does not define, and compile to a code object.

The result (``CompiledTemplate``) holds, per part, the code, the map from Jinja's line numbers
to the tags and paragraphs they came from, and the run properties of its ``{{r }}`` tags. It is
kept in the cache (``template_cache``), so the next run with the same template does none of
this: it loads the code and renders. Only this step reads the XML with lxml; a run that finds
its template in the cache does not import it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

from jinja2 import meta, nodes
from jinja2.exceptions import TemplateSyntaxError

from assembler.problems import Problem, ProblemsError
from assembler.render import template_cache
from assembler.render.docx_package import Package
from assembler.render.template_sandbox import COUNTED, Sandbox
from assembler.render.template_tags import Where, located

if TYPE_CHECKING:
    from assembler.render.template_source import PartSource

SYNTAX_HINT = (
    "Tags are {{ value }}, {% if … %}…{% endif %}, {%p for x in list %}…{%p endfor %} "
    "(each {%p %} alone in its paragraph) and {{r rich_value }}"
)
_FORBIDDEN = {
    nodes.Include: "a template cannot include, import or extend other files",
    nodes.Import: "a template cannot include, import or extend other files",
    nodes.FromImport: "a template cannot include, import or extend other files",
    nodes.Extends: "a template cannot include, import or extend other files",
    nodes.Block: "template inheritance ({% block %}) is not supported",
    nodes.EvalContextModifier: "autoescaping cannot be switched off",
}


@dataclass(frozen=True)
class CompiledPart:
    member: str
    label: str
    code: CodeType
    lines: tuple[int, ...]  # the Jinja line of each tag, ascending
    places: tuple[tuple[int, str, str], ...]  # per tag: paragraph number, its text, the tag
    runs: tuple[tuple[str, str], ...]  # run properties of each {{r }} tag: plain, bold
    has_cell_tags: bool
    names: tuple[tuple[str, int], ...]  # names used and not defined, with their first line

    def where(self, line: int | None) -> Where:
        """The tag and paragraph that Jinja's line number points into."""
        return where_at(self.label, self.lines, self.places, line)


@dataclass(frozen=True)
class CompiledTemplate:
    parts: tuple[CompiledPart, ...]


def where_at(
    label: str,
    lines: tuple[int, ...] | list[int],
    places: tuple[tuple[int, str, str], ...] | list[tuple[int, str, str]],
    line: int | None,
) -> Where:
    """The last tag starting at or before the line (every tag starts a line)."""
    index = bisect.bisect_right(lines, line) - 1 if line is not None else -1
    if index < 0:
        return Where(label)
    paragraph, text, tag = places[index]
    return Where(label, paragraph, text, tag)


def _where(source: PartSource, line: int | None) -> Where:
    lines = [entry[0] for entry in source.tags]
    return where_at(source.label, lines, [entry[1:] for entry in source.tags], line)


def _forbidden(template: Path, source: PartSource, tree: nodes.Template) -> list[Problem]:
    problems = []
    for node_type, message in _FORBIDDEN.items():
        for node in tree.find_all(node_type):
            problems.append(located(template, _where(source, node.lineno), message, "Remove it"))
    return problems


def _count_loops(tree: nodes.Template) -> None:
    """Every ``for`` iterates through the counting filter."""
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Filter(loop.iter, COUNTED, [], [], None, None, lineno=loop.lineno)


def _names(tree: nodes.Template, environment: Sandbox) -> tuple[tuple[str, int], ...]:
    undeclared = meta.find_undeclared_variables(tree) - set(environment.globals)
    first: dict[str, int] = {}
    for node in tree.find_all(nodes.Name):
        if node.name in undeclared and node.ctx == "load":
            first.setdefault(node.name, node.lineno)
    return tuple(sorted(first.items()))


def compile_part(template: Path, source: PartSource, environment: Sandbox) -> CompiledPart:
    """One part's source compiled, or ``ProblemsError`` located at the tag."""
    try:
        tree = environment.parse(source.source)
        problems = _forbidden(template, source, tree)
        if problems:
            raise ProblemsError(problems, str(template))
        _count_loops(tree)
        tree.set_environment(environment)
        names = _names(tree, environment)
        code = environment.compile(tree, filename=f"<{source.member}>")
    except TemplateSyntaxError as exc:
        problem = located(
            template,
            _where(source, exc.lineno),
            f"template syntax error: {exc.message}",
            SYNTAX_HINT,
        )
        raise ProblemsError([problem], str(template)) from None
    return CompiledPart(
        source.member,
        source.label,
        code,
        tuple(entry[0] for entry in source.tags),
        tuple(entry[1:] for entry in source.tags),
        tuple(source.runs),
        source.has_cell_tags,
        names,
    )


def build(package: Package) -> CompiledTemplate:
    """Check and compile every part; all problems of all parts at once."""
    # lxml and the gate are needed only here, when a template is not in the cache.
    from assembler.render.template_gate import PartError, gate, parse_part
    from assembler.render.template_source import build_source

    template = package.path
    package.verify()
    environment = Sandbox()
    problems: list[Problem] = []
    parts = []
    for member, label in package.parts:
        data = package.read(member)
        try:
            part = parse_part(member, label, data)
        except PartError as exc:
            problems.append(located(template, Where(label), str(exc), "Save it again in Word"))
            continue
        placed, refused = gate(template, part)
        if refused:
            problems += refused
            continue
        try:
            parts.append(compile_part(template, build_source(part, placed, data), environment))
        except ProblemsError as exc:
            problems += exc.problems
    if problems:
        raise ProblemsError(problems, str(template))
    return CompiledTemplate(tuple(parts))


def _payload(compiled: CompiledTemplate) -> tuple[Any, ...]:
    return tuple(
        (p.member, p.label, p.code, p.lines, p.places, p.runs, p.has_cell_tags, p.names)
        for p in compiled.parts
    )


def _from_payload(payload: Any) -> CompiledTemplate | None:
    try:
        parts = tuple(CompiledPart(*entry) for entry in payload)
    except TypeError:
        return None
    if not all(isinstance(part.code, CodeType) for part in parts):
        return None
    return CompiledTemplate(parts)


def compile_template(package: Package) -> CompiledTemplate:
    """The compiled template, from the cache when this template was compiled before."""
    key = template_cache.template_key(package.data)
    cached = template_cache.load(package.path, key)
    if cached is not None:
        compiled = _from_payload(cached)
        if compiled is not None:
            return compiled
    compiled = build(package)
    template_cache.store(package.path, key, _payload(compiled))
    return compiled
