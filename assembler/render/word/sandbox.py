"""The Jinja environment a Word template runs in: sandboxed, escaped, strict, and bounded.

* ``ImmutableSandboxedEnvironment``: a template reaches no Python internals and cannot change
  the data (``publications.clear()`` is refused), so one document cannot alter the next.
* Autoescape, and no ``safe`` / ``urlize`` filters: every value is printed as text, never as
  XML; a CV value ``{{ 7*7 }}`` prints literally, since data is only ever a value.
* ``StrictUndefined`` with a better message: a typo (``p.jounal``) is an error naming the field
  and the closest one that exists, not an empty string.
* Printing (``finalize``): a rich value without ``{{r }}`` is an error (it would corrupt the
  document); a newline in a value becomes a line break, a tab a tab (what docxtpl did); a
  control character Word cannot store is an error naming the character.
* Bounds, so that no template runs for ever or fills the memory (issue 12): every ``for`` loop
  is counted (``LIMITS.loop_steps`` steps in all), ``range`` is at most ``LIMITS.range_length``
  long, a text at most ``LIMITS.text_chars`` characters (repetition ``*``, ``+``, ``~``, join,
  replace, namespaces and printing are checked before the text is made), padding and format
  widths at most ``LIMITS.width``, ``**`` results small, macro calls at most
  ``LIMITS.call_depth`` deep, the filled part at most ``LIMITS.output_chars`` characters, and a
  wall-clock limit of ``LIMITS.seconds`` checked at every loop step, call and printed piece.
  Each bound raises ``LimitError`` inside the template's code, so the error is reported at the
  tag that ran over. Jinja's own sandbox promises none of this; a memory bomb through some
  filter not listed here is still possible in principle.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, pass_environment
from jinja2.exceptions import TemplateRuntimeError
from jinja2.runtime import Context, Undefined, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from markupsafe import Markup, escape

from assembler.problems import closest
from assembler.shape.authors import Rich, Run

COUNTED = "_counted"
RICH_FUNCTION = "_rich_runs"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'
_PERCENT_WIDTH = re.compile(r"%[-+ #0]*(\d+)?(?:\.(\d+))?")
_FORMAT_WIDTH = re.compile(r"\{[^{}]*:[^{}\d]*(\d+)?(?:[,_])?(?:\.(\d+))?[^{}]*\}")
_NESTED_FORMAT = re.compile(r"\{[^{}]*:[^{}]*\{|%[-+ #0]*\*|%[-+ #0]*\d*\.\*")
_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
# Filters whose first argument is a width or count the result grows with.
_WIDTH_FILTERS = ("center", "indent", "wordwrap", "batch")
_WIDTH_KEYWORDS = ("width", "linecount")


@dataclass(frozen=True)
class Limits:
    loop_steps: int = 250_000
    range_length: int = 10_000
    text_chars: int = 5_000_000
    output_chars: int = 50_000_000
    width: int = 10_000
    power_bits: int = 100_000
    call_depth: int = 40
    seconds: float = 10.0


LIMITS = Limits()


class LimitError(TemplateRuntimeError):
    """The template ran over one of the bounds."""


class PrintError(TemplateRuntimeError):
    """A value the template prints cannot be written into a Word document as it is."""


class Budget:
    """What one rendering has used so far."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.steps = 0
        self.calls = 0
        self.depth = 0
        self.output = 0
        self.deadline = time.monotonic() + limits.seconds

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitError(f"the template ran for more than {self.limits.seconds:g} seconds")
        if self.output > self.limits.output_chars:
            raise LimitError(
                f"the filled document would be larger than {self.limits.output_chars:,} characters"
            )


def text_limit(length: int) -> None:
    if length > LIMITS.text_chars:
        raise LimitError(
            f"a text of {length:,} characters is too long (at most {LIMITS.text_chars:,})"
        )


def _width(value: Any, what: str) -> None:
    if isinstance(value, int) and value > LIMITS.width:
        raise LimitError(f"{what} {value:,} is too large (at most {LIMITS.width:,})")


def _format_widths(template: str, pattern: re.Pattern[str], arguments: Any = ()) -> None:
    """Widths written in a format string, and, when the string takes its widths from the
    arguments (``{0:{1}}``, ``%*d``), every whole number among them."""
    for match in pattern.finditer(template):
        for number in match.groups():
            if number and int(number) > LIMITS.width:
                raise LimitError(f"a format width of {number} is too large")
    if _NESTED_FORMAT.search(template):
        values = arguments if isinstance(arguments, (tuple, list)) else [arguments]
        if isinstance(arguments, dict):
            values = list(arguments.values())
        for value in values:
            if not isinstance(value, bool):
                _width(value, "a format width of")


def text_xml(text: str) -> str:
    """A printed text as the inside of a w:t: escaped, line breaks and tabs as Word's."""
    if isinstance(text, Markup):
        xml = str(text)
    else:
        text_limit(len(text))
        bad = _ILLEGAL.search(text)
        if bad:
            raise PrintError(
                f"a value holds the control character U+{ord(bad.group()):04X}, which a Word "
                f"document cannot hold: {text[:60]!r}"
            )
        xml = str(escape(text))
    if "\r" in xml:
        xml = xml.replace("\r\n", "\n").replace("\r", "\n")
    return xml.replace("\n", _BREAK).replace("\t", _TAB)


def finalize(value: Any) -> Any:
    """Every ``{{ }}`` passes here before it is escaped and printed."""
    if value is None:
        return ""
    if isinstance(value, Undefined):
        return value  # printing it raises the undefined error
    if callable(value):
        raise PrintError(
            "a function or method is printed, not a value (a field name that is also a "
            "method, like items or keys, needs ['name'])"
        )
    if isinstance(value, Rich):
        raise PrintError(
            "rich text (runs, the person's name in bold) is printed without r: write "
            "{{r … }} alone in its text, or print the plain-text field"
        )
    if isinstance(value, str) and not isinstance(value, Markup):
        if "\n" in value or "\t" in value or "\r" in value:
            return Markup(text_xml(value))
        if _ILLEGAL.search(value) or len(value) > LIMITS.text_chars:
            text_xml(value)  # raises with the reason
    return value


# The order of a run's properties in WordprocessingML (Word refuses other orders).
_PROPERTY_ORDER: tuple[str, ...] = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)
_PROPERTY = re.compile(r"<w:(\w+)\b[^>]*?/>|<w:(\w+)\b[^>]*>.*?</w:\2>", re.DOTALL)
LINK_COLOUR = "1F4E99"


def run_look(properties: str, italic: bool, link: bool) -> str:
    """A run's properties (``<w:rPr>…</w:rPr>`` or "") with italics and a link's colour and
    underline added, in schema order."""
    if not italic and not link:
        return properties
    inner = properties.removeprefix("<w:rPr>").removesuffix("</w:rPr>")
    if properties.startswith("<w:rPr ") or properties == "<w:rPr/>":
        inner = ""
    children = {(match[1] or match[2]): match[0] for match in _PROPERTY.finditer(inner)}
    if italic:
        children["i"] = "<w:i/>"
    if link:
        children["color"] = f'<w:color w:val="{LINK_COLOUR}"/>'
        children["u"] = '<w:u w:val="single"/>'
    ordered = sorted(
        children.items(),
        key=lambda item: (
            _PROPERTY_ORDER.index(item[0]) if item[0] in _PROPERTY_ORDER else len(_PROPERTY_ORDER)
        ),
    )
    return "<w:rPr>" + "".join(xml for _, xml in ordered) + "</w:rPr>"


def _field_run(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def hyperlink(url: str, runs: str) -> str:
    """Runs that open ``url`` when clicked: a HYPERLINK field, which Word and LibreOffice
    (and its PDFs) follow without a relationship part for each link."""
    target = text_xml(url.replace('"', "%22"))
    return (
        _field_run("begin")
        + f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "{target}" </w:instrText></w:r>'
        + _field_run("separate")
        + runs
        + _field_run("end")
    )


def rich_printer(runs: list[tuple[str, str]]) -> Callable[[Any, int], Markup]:
    """The function ``{{r x }}`` calls in one part: ``x``'s runs as Word runs, each with the
    properties of the run the tag stood in (and bold, italic or a link where the rich text
    says so)."""

    def rich_runs(value: Any, index: int) -> Markup:
        plain, bold = runs[index]
        if value is None:
            return Markup("")
        pieces = value if _is_runs(value) else [_Plain(value)]
        xml = []
        for run in pieces:
            if not run.text:
                continue
            url = getattr(run, "url", None)
            properties = run_look(
                bold if run.bold else plain, bool(getattr(run, "italic", False)), bool(url)
            )
            text = f'<w:r>{properties}<w:t xml:space="preserve">{text_xml(run.text)}</w:t></w:r>'
            xml.append(hyperlink(url, text) if url else text)
        return Markup("".join(xml))

    return rich_runs


def _is_runs(value: Any) -> bool:
    """Rich text, or a slice of it (``authors_rich[:3]`` is a plain list of runs)."""
    if isinstance(value, Rich):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(r, Run) for r in value)


class _Plain:
    """A value that is not rich text printed with ``{{r }}``: one run of its text."""

    bold = False
    italic = False
    url = None

    def __init__(self, value: Any) -> None:
        self.text = value if isinstance(value, str) else str(value)


class FieldUndefined(StrictUndefined):
    """Strict, and says which field was meant."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        name, owner = self._undefined_name, self._undefined_obj
        if self._undefined_hint or not isinstance(name, str) or owner is None:
            return str(super()._undefined_message)
        if isinstance(owner, dict):
            known = [key for key in owner if isinstance(key, str)]
        elif hasattr(owner, "__dataclass_fields__"):
            known = list(owner.__dataclass_fields__)
        else:
            return str(super()._undefined_message)
        close = closest(name, known)
        guess = f"; did you mean {close!r}?" if close else ""
        return f"there is no field {name!r} here{guess}"


class CountedLoop:
    """A ``for`` loop's iterable, counted against the budget (see ``word.compile``)."""

    def __init__(self, budget: Budget, iterable: Iterable[Any]) -> None:
        self.budget, self.iterable = budget, iterable

    def __len__(self) -> int:
        if not isinstance(self.iterable, Sized):
            raise TypeError("no length")
        return len(self.iterable)

    def __iter__(self) -> Iterator[Any]:
        budget = self.budget
        limit = budget.limits.loop_steps
        for item in self.iterable:
            budget.steps += 1
            if budget.steps > limit:
                raise LimitError(f"the template's loops ran more than {limit:,} steps")
            if not budget.steps & 255:
                budget.tick()
            yield item


class LimitedNamespace(Namespace):
    def __setitem__(self, name: str, value: Any) -> None:
        if isinstance(value, (str, list, tuple)):
            text_limit(len(value))
        super().__setitem__(name, value)


def _limited_join(join: Callable[[Iterable[Any]], str]) -> Callable[[Iterable[Any]], str]:
    def joined(pieces: Iterable[Any]) -> str:
        pieces = list(pieces)
        text_limit(sum(len(piece) for piece in pieces if isinstance(piece, str)))
        return join(pieces)

    return joined


def limit_joins(render_globals: dict[str, Any]) -> None:
    """``~`` compiles to ``markup_join``/``str_join`` looked up in the template's module."""
    render_globals["markup_join"] = _limited_join(markup_join)
    render_globals["str_join"] = _limited_join(str_join)


class Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, limits: Limits = LIMITS) -> None:
        super().__init__(
            autoescape=True,
            undefined=FieldUndefined,
            finalize=finalize,
            keep_trailing_newline=True,
            optimized=False,  # nothing is computed at compile time, outside the bounds
        )
        self.limits = limits
        self.budget = Budget(limits)
        self.globals["range"] = self.bounded_range
        self.globals["namespace"] = LimitedNamespace
        self.globals[RICH_FUNCTION] = rich_printer([])  # each part gets its own
        self.globals.pop("lipsum", None)
        for name in ("safe", "urlize"):
            self.filters.pop(name, None)
        self.filters[COUNTED] = pass_environment(_counted)
        self._guard_filters()

    def start(self) -> Budget:
        """A fresh budget for one rendering."""
        self.budget = Budget(self.limits)
        return self.budget

    def bounded_range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > self.limits.range_length:
            raise LimitError(
                f"range of {len(numbers):,} numbers is too long (at most "
                f"{self.limits.range_length:,})"
            )
        return numbers

    def _guard_filters(self) -> None:
        filters = self.filters

        def guarded(name: str, check: Callable[..., None]) -> None:
            original = filters[name]

            def wrapper(*args: Any, **kwargs: Any) -> Any:
                check(*args, **kwargs)
                return original(*args, **kwargs)

            for attribute in ("jinja_pass_arg",):
                if hasattr(original, attribute):
                    setattr(wrapper, attribute, getattr(original, attribute))
            filters[name] = wrapper

        def widths(*args: Any, **kwargs: Any) -> None:
            given = [*args[1:2], *(kwargs.get(key) for key in _WIDTH_KEYWORDS)]
            for value in given:
                if not isinstance(value, bool):
                    _width(value, "a width of")

        for name in _WIDTH_FILTERS:
            guarded(name, _skip_environment(widths, name))
        guarded(
            "format",
            lambda value, *a, **k: _format_widths(str(value), _PERCENT_WIDTH, [*a, *k.values()]),
        )
        guarded("join", _skip_environment(_join_check, "join"))
        guarded("replace", _skip_environment(_replace_check, "replace"))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
                    text_limit(len(sequence) * count)
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                text_limit(len(left) + len(right))
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and abs(left).bit_length() * right > self.limits.power_bits:
                raise LimitError(f"{left} ** {right} is too large a number")
        elif operator == "%" and isinstance(left, str):
            _format_widths(left, _PERCENT_WIDTH, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = self.budget
        budget.calls += 1
        if not budget.calls & 63:
            budget.tick()
        _check_method(obj, args, kwargs)
        if budget.depth >= self.limits.call_depth:
            raise LimitError(f"macros call each other more than {self.limits.call_depth} deep")
        budget.depth += 1
        try:
            return super().call(context, obj, *args, **kwargs)
        finally:
            budget.depth -= 1


def _counted(environment: Sandbox, iterable: Any) -> Any:
    if isinstance(iterable, StrictUndefined):
        return iterable
    return CountedLoop(environment.budget, iterable)


def _skip_environment(check: Callable[..., None], name: str) -> Callable[..., None]:
    """Filters that take the environment or context first get it before the value."""
    from jinja2.filters import FILTERS

    passes = getattr(FILTERS[name], "jinja_pass_arg", None)

    def checked(*args: Any, **kwargs: Any) -> None:
        check(*(args[1:] if passes else args), **kwargs)

    return checked


def _join_check(value: Any, separator: Any = "", *_: Any, **__: Any) -> None:
    if isinstance(value, (list, tuple)):
        sizes = sum(len(item) for item in value if isinstance(item, str))
        text_limit(sizes + len(str(separator)) * len(value))


def _replace_check(value: Any, old: Any = "", new: Any = "", *_: Any, **__: Any) -> None:
    if isinstance(value, str) and isinstance(old, str) and isinstance(new, str):
        count = value.count(old)
        text_limit(len(value) + count * max(len(new) - len(old), 0))


def _check_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Padding, format and replace methods of str, checked before they run."""
    target = getattr(obj, "__wrapped__", obj)
    owner = getattr(target, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(target, "__name__", "")
    if name in _PADDING_METHODS:
        for value in [*args, *kwargs.values()]:
            _width(value, "a width of")
    elif name in ("format", "format_map"):
        _format_widths(owner, _FORMAT_WIDTH, [*args, *kwargs.values()])
    elif name == "replace" and len(args) >= 2:
        _replace_check(owner, args[0], args[1])
    elif name == "join" and args and isinstance(args[0], (list, tuple)):
        _join_check(args[0], owner)
