"""A Word template, compiled once: gate, Jinja source, one parse, Python code; cached.

For each part a template fills (body, headers, footers, notes): parse it strictly, run the
gate (``word.gate``), build the Jinja source (``word.source``), parse it with Jinja
once, refuse what the sandbox must not run (include/import/extends, autoescape switches),
wrap every ``for`` loop's iterable in the counting filter (``word.sandbox.CountedLoop``),
note the names the template uses that it does not define, and compile to a code object.

The result (``CompiledTemplate``) holds, per part, the code, the map from Jinja's line numbers
to the tags and paragraphs they came from, and the run properties of its ``{{r }}`` tags. It is
kept in the cache (``word.cache``), so the next run with the same template does none of
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
from assembler.render.word import cache as template_cache
from assembler.render.word.package import Package
from assembler.render.word.sandbox import COUNTED, Sandbox
from assembler.render.word.tags import Where, located

if TYPE_CHECKING:
    from assembler.render.word.source import PartSource

SYNTAX_HINT = (
    "Tags are {{ value }}, {% if … %}…{% endif %}, {%p for x in list %}…{%p endfor %} "
    "(each {%p %} alone in its paragraph) and {{r rich_value }}"
)
_FORBIDDEN: dict[type[nodes.Node], str] = {
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


def _walk(
    template: Path, source: PartSource, tree: nodes.Template, environment: Sandbox
) -> tuple[tuple[str, int], ...]:
    """One pass over the parsed template: refuse what the sandbox must not run, count every
    loop (its iterable goes through the counting filter), and note the names it uses that it
    does not define, with the line of their first use."""
    problems = []
    loops = []
    names: dict[str, int] = {}
    for node in tree.find_all(nodes.Node):
        if isinstance(node, nodes.For):
            loops.append(node)
        elif isinstance(node, nodes.Name) and node.ctx == "load":
            names.setdefault(node.name, node.lineno)
        elif type(node) in _FORBIDDEN:
            where = _where(source, node.lineno)
            problems.append(located(template, where, _FORBIDDEN[type(node)], "Remove it"))
    if problems:
        raise ProblemsError(problems, str(template))
    undeclared = meta.find_undeclared_variables(tree) - set(environment.globals)
    for loop in loops:
        loop.iter = nodes.Filter(loop.iter, COUNTED, [], [], None, None, lineno=loop.lineno)
    tree.set_environment(environment)
    return tuple(sorted((name, line) for name, line in names.items() if name in undeclared))


def compile_part(template: Path, source: PartSource, environment: Sandbox) -> CompiledPart:
    """One part's source compiled, or ``ProblemsError`` located at the tag."""
    try:
        tree = environment.parse(source.source)
        names = _walk(template, source, tree, environment)
        code = environment.compile(tree, filename=f"<{source.member}>")
    except TemplateSyntaxError as exc:
        problem = located(
            template,
            _where(source, exc.lineno),
            f"template syntax error: {exc.message}",
            SYNTAX_HINT,
        )
        raise ProblemsError([problem], str(template)) from None
    except (SyntaxError, RecursionError, MemoryError):
        # Python's own limits on the generated code: 20 nested loops, nesting depth.
        problem = located(
            template,
            Where(source.label),
            "the template nests its blocks or brackets too deeply to be compiled",
            "Nest fewer than 20 loops, and blocks and brackets less deeply",
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
    from assembler.render.word.gate import PartError, gate, parse_part
    from assembler.render.word.source import build_source

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
            parts.append(compile_part(template, build_source(part, placed), environment))
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
