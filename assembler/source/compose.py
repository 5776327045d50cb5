"""YAML parser events -> plain data with locations, without recursion.

PyYAML's composers (the C one and the Python one) build the node tree recursively: a file
nested some thousands of levels deep (``[[[[…]]]]``, 100 KB) overflows the C stack and kills
the interpreter with a segmentation fault, and converting a tree 500 levels deep recursively
raises RecursionError. The parser underneath keeps explicit stacks, so this module reads its
*events* and builds the data with a stack of its own, refusing anything nested deeper than
``MAX_DEPTH`` at the line where it happens. Reading events also skips the node objects
(two marks each) that made composing the slowest part of loading a large CV.

Values stay the text that was typed: plain scalars become ``str`` (``None`` for an empty value,
``null`` or ``~``); the model decides the types later. Along the way it records the line and
column of every key and list item, rejects duplicate keys and unsupported tags, and caps alias
expansion (billion laughs).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from assembler.problems import Problem

PathKey = tuple[str | int, ...]

MAX_DEPTH = 100
MAX_NODES = 1_000_000
MAX_ALIAS_NODES = 100_000

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STD_TAG = "tag:yaml.org,2002:"
_STR = _STD_TAG + "str"
_MERGE = _STD_TAG + "merge"
_ALLOWED_TAGS = {
    _STD_TAG + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "timestamp",
        "map",
        "seq",
        "merge",
        "binary",
        "value",
        "omap",
        "set",
    )
}
# C0 controls except tab and newline, DEL, C1 controls, and the XML-illegal non-characters.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_DIRTY_RE = re.compile("[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SPACE_LIKE = {"\x0b": " ", "\x0c": " "}
CONTROL_WARNING = "control characters (from PDF extraction?) were removed"
CONTROL_HINT = "Delete them from the file to silence this warning"

try:  # the C parser is ~10x faster; the pure-Python one gives the same events and marks
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def format_path(path: PathKey) -> str:
    """``('publications', 12, 'year')`` -> ``publications[12].year``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def clean_text(text: str) -> tuple[str, bool]:
    """NFC-normalise and drop control characters. Returns the text and whether it changed."""
    if _DIRTY_RE.search(text) is None and (
        text.isascii() or unicodedata.is_normalized("NFC", text)
    ):
        return text, False
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, replacement in _SPACE_LIKE.items():
        cleaned = cleaned.replace(char, replacement)
    cleaned = _CONTROL_RE.sub("", cleaned)
    cleaned = unicodedata.normalize("NFC", cleaned)
    return cleaned, cleaned != text


class TooDeep(Exception):
    """Nesting beyond ``MAX_DEPTH``: raised at once, the rest of the file is not read."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.line, self.column = line, column


class TooBig(Exception):
    """Too many values, or too many reached through aliases."""

    def __init__(self, line: int, aliases: bool) -> None:
        super().__init__(line, aliases)
        self.line, self.aliases = line, aliases


class SeveralDocuments(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


@dataclass
class Composed:
    """What one document holds: the data, where each piece is, and what was wrong."""

    data: Any = None
    locations: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Anchor:
    value: Any
    path: PathKey
    where: tuple[int, int]  # the anchored node's own line and column
    log: tuple[int, int]  # its descendants' slice of the location log
    size: int  # values inside, aliases expanded


@dataclass(slots=True)
class _Frame:
    """An open sequence or mapping."""

    path: PathKey
    value: Any  # list or dict
    is_list: bool
    where: tuple[int, int]
    anchor: str | None
    log_start: int
    nodes_start: int
    merge_target: _Frame | None = None  # a `<<` value: merged into this mapping when done
    quiet: bool = False  # keys of a merge source never override the mapping's own locations
    key: Any = None  # mapping: the pending key, _SKIP (drop the value) or _MERGE_KEY
    has_key: bool = False
    merges: list[dict[str, Any]] | None = None


_RECURSIVE = "Remove the recursive alias"
_SKIP = object()
_MERGE_KEY = object()
_KEY = object()


def _at(mark: Any) -> tuple[int, int]:
    """A parser mark as 1-based line and column."""
    return mark.line + 1, mark.column + 1


class Composer:
    """Builds the data of one document from parser events (see the module docstring)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.result = Composed()
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Anchor | None] = {}  # None: a refused value, aliases give None
        self.open_anchors: set[str] = set()
        self.log: list[PathKey] = []  # location keys in insertion order, for anchors
        self.locations = self.result.locations
        self.nodes = 0
        self.alias_nodes = 0
        self.skip = 0  # > 0 while inside a refused collection
        self.documents = 0

    def run(self, text: str) -> Composed:
        loader = _Loader(text)
        try:
            get = loader.get_event
            while True:
                event = get()
                kind = event.__class__
                if self.skip:
                    self.skipping(event)
                elif kind is yaml.ScalarEvent:
                    self.scalar(event)
                elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    self.start(event)
                elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                    self.end()
                elif kind is yaml.AliasEvent:
                    self.alias(event)
                elif kind is yaml.DocumentStartEvent:
                    self.documents += 1
                    if self.documents > 1:
                        raise SeveralDocuments(_at(event.start_mark)[0])
                elif kind is yaml.StreamEndEvent:
                    return self.result
        finally:
            loader.dispose()

    # -- bookkeeping ------------------------------------------------------------------------

    def error(self, where: tuple[int, int], message: str, path: PathKey, hint: str = "") -> None:
        self.result.problems.append(
            Problem(
                message=message,
                file=self.file,
                line=where[0],
                column=where[1],
                path=format_path(path),
                hint=hint,
            )
        )

    def locate(self, path: PathKey, where: tuple[int, int], override: bool = False) -> None:
        locations = self.result.locations
        if path not in locations:
            self.log.append(path)
            locations[path] = where
        elif override:
            locations[path] = where

    def count(self, amount: int, where: tuple[int, int], via_alias: bool) -> None:
        self.nodes += amount
        if via_alias:
            self.alias_nodes += amount
        if self.nodes > MAX_NODES or self.alias_nodes > MAX_ALIAS_NODES:
            raise TooBig(where[0], self.alias_nodes > MAX_ALIAS_NODES)

    def skipping(self, event: yaml.Event) -> None:
        """Inside a refused collection: only keep count of the nesting (and its anchors)."""
        if isinstance(event, yaml.CollectionStartEvent):
            self.skip += 1
            if len(self.stack) + self.skip > MAX_DEPTH:
                raise TooDeep(*_at(event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            self.skip -= 1
        if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent) and event.anchor:
            self.anchors[event.anchor] = None

    # -- where a value goes -----------------------------------------------------------------

    def slot(self) -> tuple[PathKey, object | None]:
        """The path of the next value, and whether it is a key, a skipped or a merged value."""
        if not self.stack:
            return (), None
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            if frame.merge_target is not None:  # `<<: [*a, *b]`: each item is merged
                return frame.path, None
            return (*frame.path, len(frame.value)), None
        if not frame.has_key:
            return frame.path, _KEY
        if frame.key is _SKIP or frame.key is _MERGE_KEY:
            return frame.path, frame.key
        return (*frame.path, frame.key), None

    def deliver(self, value: Any, path: PathKey, where: tuple[int, int]) -> None:
        """A finished value lands in its parent (or becomes the document)."""
        self.locate(path, where)
        if not self.stack:
            self.result.data = value
            return
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            if frame.merge_target is not None:
                self.merge_source(frame.merge_target, value, where)
            else:
                frame.value.append(value)
            return
        key = frame.key
        frame.key, frame.has_key = None, False
        if key is _MERGE_KEY:
            self.merge_source(frame, value, where)
        elif key is not _SKIP:
            frame.value[key] = value

    def merge_source(self, frame: _Frame, value: Any, where: tuple[int, int]) -> None:
        if isinstance(value, dict):
            frame.merges = [*(frame.merges or ()), value]
        else:
            self.error(where, "`<<` must refer to a mapping", frame.path)

    # -- events -----------------------------------------------------------------------------

    def scalar(self, event: yaml.ScalarEvent) -> None:
        """A scalar. The common cases (a plain key, an untagged value of a key, an item of a
        list) are handled inline: they are most of a CV's events, and reading a large CV is
        mostly this method."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise TooBig(_at(event.start_mark)[0], False)
        stack = self.stack
        if stack and event.tag is None and event.anchor is None:
            frame = stack[-1]
            if frame.is_list:
                if frame.merge_target is None:
                    where = _at(event.start_mark)
                    path = (*frame.path, len(frame.value))
                    locations = self.locations
                    if path not in locations:
                        self.log.append(path)
                        locations[path] = where
                    frame.value.append(self.value_of(event, path, where))
                    return
            elif not frame.has_key:
                if not self.plain_key(frame, event):
                    self.key(event, _at(event.start_mark))
                return
            elif frame.key.__class__ is str:
                key = frame.key
                frame.value[key] = self.value_of(event, (*frame.path, key), None)
                frame.key, frame.has_key = None, False
                return
        self.any_scalar(event, _at(event.start_mark))

    def plain_key(self, frame: _Frame, event: yaml.ScalarEvent) -> bool:
        """A new plain ASCII key of an ordinary mapping; False for anything else."""
        name = event.value
        if event.style or frame.quiet or name == "<<" or name in frame.value:
            return False
        if not name.isascii():
            return False
        frame.has_key = True
        frame.key = name
        child = (*frame.path, name)
        locations = self.locations
        if child not in locations:
            self.log.append(child)
        locations[child] = _at(event.start_mark)
        return True

    def value_of(
        self, event: yaml.ScalarEvent, path: PathKey, where: tuple[int, int] | None
    ) -> Any:
        """An untagged scalar's value (raw control characters are gone by now: only escapes
        in double quotes or text outside ASCII can need cleaning)."""
        value = event.value
        style = event.style
        if not style:
            if value in NULLS:
                return None
            if value.isascii():
                return value
        elif style != '"' and value.isascii():
            return value
        return self.text(value, path, where or _at(event.start_mark))

    def any_scalar(self, event: yaml.ScalarEvent, where: tuple[int, int]) -> None:
        path, role = self.slot()
        if role is _KEY:
            self.key(event, where)
            return
        value: str | None
        if event.tag is not None and event.tag != "!" and event.tag not in _ALLOWED_TAGS:
            self.refuse_tag(event.tag, where, path)
            value = None
        elif not event.style and event.value in NULLS and event.tag != _STR:
            value = None  # the C parser says '' for plain where the Python one says None
        else:
            value = self.text(event.value, path, where)
        if event.anchor is not None:
            self.remember(event.anchor, _Anchor(value, path, where, (0, 0), 1))
        self.deliver(value, path, where)

    def text(self, value: str, path: PathKey, where: tuple[int, int]) -> str:
        text, changed = clean_text(value)
        if changed and text != unicodedata.normalize("NFC", value):
            self.result.warnings.append(
                Problem(
                    message=CONTROL_WARNING,
                    file=self.file,
                    line=where[0],
                    column=where[1],
                    path=format_path(path),
                    severity="warning",
                    hint=CONTROL_HINT,
                )
            )
        return text

    def remember(self, name: str, anchor: _Anchor | None) -> None:
        if name in self.anchors and anchor is not None:
            self.error(
                anchor.where,
                f"the anchor &{name} is defined twice",
                anchor.path,
                "Give each anchor its own name",
            )
        self.anchors[name] = anchor

    def refuse_tag(self, tag: str, where: tuple[int, int], path: PathKey) -> None:
        self.error(
            where,
            f"the YAML tag {tag!r} is not supported",
            path,
            "Remove the tag; values are plain text, lists and mappings",
        )

    def key(self, event: yaml.ScalarEvent, where: tuple[int, int]) -> None:
        frame = self.stack[-1]
        frame.has_key = True
        if event.tag == _MERGE or (not event.style and event.tag is None and event.value == "<<"):
            frame.key = _MERGE_KEY
            return
        name = event.value
        if event.style or not name.isascii():
            name, _ = clean_text(name)
        child: PathKey = (*frame.path, name)
        if name in frame.value:  # a value is stored before the next key comes
            first = self.locations.get(child, where)[0]
            self.error(
                where,
                f"duplicate key {name!r} (lines {first} and {where[0]}); "
                "YAML would silently keep only the last one",
                child,
                "Remove or rename one of them",
            )
            frame.key = _SKIP
            return
        frame.key = name
        self.locate(child, where, override=not frame.quiet)

    def bad_key(self, where: tuple[int, int]) -> None:
        frame = self.stack[-1]
        self.error(
            where, "a key must be plain text", frame.path, "Write `name: value` with a text name"
        )
        frame.has_key, frame.key = True, _SKIP

    def start(self, event: yaml.CollectionStartEvent) -> None:
        where = _at(event.start_mark)
        path, role = self.slot()
        self.count(1, where, False)
        if len(self.stack) >= MAX_DEPTH:
            raise TooDeep(*where)
        refused = event.tag not in (None, "!") and event.tag not in _ALLOWED_TAGS
        if role is _KEY or role is _SKIP or refused:
            if role is _KEY:
                self.bad_key(where)
            elif role is _SKIP:
                self.deliver(None, path, where)
            else:
                self.refuse_tag(event.tag or "", where, path)
                self.deliver(None, path, where)
            if event.anchor is not None:
                self.anchors[event.anchor] = None
            self.skip = 1
            return
        self.open(event, path, where, role)

    def open(
        self, event: yaml.CollectionStartEvent, path: PathKey, where: tuple[int, int], role: object
    ) -> None:
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        value: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
        is_list = isinstance(value, list)
        frame = _Frame(path, value, is_list, where, event.anchor, len(self.log), self.nodes)
        parent = self.stack[-1] if self.stack else None
        if role is _MERGE_KEY:
            frame.quiet = True
            if isinstance(value, list):  # `<<: [*a, *b]`: its items are merged one by one
                frame.merge_target = parent
        elif parent is not None and (parent.quiet or parent.merge_target is not None):
            frame.quiet = True
        self.locate(path, where)
        self.stack.append(frame)

    def end(self) -> None:
        frame = self.stack.pop()
        value = frame.value
        if isinstance(value, dict):
            for merged in frame.merges or ():
                for name, item in merged.items():
                    value.setdefault(name, item)
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
            size = self.nodes - frame.nodes_start
            log = (frame.log_start, len(self.log))
            self.remember(frame.anchor, _Anchor(value, frame.path, frame.where, log, size))
        if frame.merge_target is not None:  # the end of `<<: [*a, *b]`
            frame.merge_target.key, frame.merge_target.has_key = None, False
            return
        self.deliver(value, frame.path, frame.where)

    def alias(self, event: yaml.AliasEvent) -> None:
        where = _at(event.start_mark)
        path, role = self.slot()
        name = event.anchor or ""
        if role is _KEY:
            self.bad_key(where)
            return
        if name in self.open_anchors:
            self.error(where, "this alias refers to a node that contains it", path, _RECURSIVE)
            self.deliver(None, path, where)
            return
        if name not in self.anchors:
            self.error(where, f"the alias *{name} has no anchor &{name} above it", path)
            self.deliver(None, path, where)
            return
        anchor = self.anchors[name]
        if anchor is None:
            self.deliver(None, path, where)
            return
        self.count(anchor.size, where, True)
        if role is not _SKIP:
            self.copy_locations(anchor, path)
        self.deliver(anchor.value, path, anchor.where)

    def copy_locations(self, anchor: _Anchor, path: PathKey) -> None:
        """The anchored value's locations, again under the alias's path."""
        locations = self.result.locations
        cut = len(anchor.path)
        for original in self.log[anchor.log[0] : anchor.log[1]]:
            if original[:cut] == anchor.path and len(original) > cut:
                self.locate((*path, *original[cut:]), locations[original])
