"""The selection engine: profile rules -> chosen entries, and why each other entry was dropped.

A pure function of (CV, profile, as_of, period): no clock, no files. The order of the rules:
``exclude`` drops; ``pin`` keeps; an entry already shown by an earlier list drawn from the same
section is dropped (unless ``overlap: allowed``); date windows; ``where``; then ``sort`` and
``limit``, where pinned entries count toward the limit and are never cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from assembler.cv.dates import PartialDate, Span
from assembler.cv.model import CV, Entry, RangeEntry, entries
from assembler.cv.names import person_keys
from assembler.problems import Problem, ProblemsError
from assembler.profile.load import LoadedProfile
from assembler.profile.model import LIST_SECTIONS, TEXT_LIST_SECTIONS, SectionRule, parse_period
from assembler.select.fields import Context, field_value, holds, sort_entries


@dataclass(frozen=True)
class Decision:
    """What happened to one entry of a section: kept, or dropped by which rule."""

    entry_id: str
    kept: bool
    reason: str = ""
    rank: int | None = None


@dataclass
class SectionSelection:
    name: str
    source: str
    rule: SectionRule
    entries: list[Entry] = field(default_factory=list)
    total: int = 0
    decisions: list[Decision] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    window: tuple[date | None, date | None] = (None, None)
    texts: list[str] = field(default_factory=list)  # skills, languages

    @property
    def dropped(self) -> list[Decision]:
        return [d for d in self.decisions if not d.kept]

    @property
    def kept_count(self) -> int:
        if self.source == "bio":
            return self.total
        return len(self.texts) if self.source in TEXT_LIST_SECTIONS else len(self.entries)


@dataclass
class Selection:
    as_of: date
    period: tuple[PartialDate, PartialDate] | None
    sections: dict[str, SectionSelection] = field(default_factory=dict)
    bio: str | None = None


def _break_days(cv: CV, first: date, as_of: date) -> int:
    """Days of career breaks inside [first, as_of], by which a relative window widens."""
    days = 0
    for pause in cv.career_breaks:
        span = pause.span()
        start = max(span.first_day(), first)
        end = min(span.last_day(as_of), as_of)
        if end >= start:
            days += (end - start).days + 1
    return days


def window_of(
    rule: SectionRule, cv: CV, as_of: date, period: tuple[PartialDate, PartialDate] | None
) -> tuple[date | None, date | None]:
    """First and last day of a section's date window (None: open on that side)."""
    if period is None and rule.period:
        period = parse_period(rule.period)
    if period is not None:
        return period[0].first_day(), period[1].last_day()
    first = rule.since.first_day(as_of) if rule.since else None
    last = rule.until.last_day(as_of) if rule.until else None
    if first is not None and rule.extend_by_breaks and rule.since and not rule.since.absolute:
        first -= timedelta(days=_break_days(cv, first, as_of))
    return first, last


_STILL_RUNNING = Span(PartialDate(1), None)  # marker: no end date to place in a window


def _window_span(entry: Entry, window_on: str) -> Span | None:
    """The dates a window tests: the whole span, or only the start or the end."""
    span = entry.span()
    if window_on == "span" or span is None:
        return span
    if isinstance(entry, RangeEntry):
        if window_on == "start":
            return Span(entry.start, entry.start) if entry.start else None
        if entry.end is None:
            return _STILL_RUNNING if entry.start else None
        return Span(entry.end, entry.end)
    point = span.start if window_on == "start" else (span.end or span.start)
    return Span(point, point)


def _window_reason(
    rule: SectionRule,
    first: date | None,
    span_first: date,
    period: tuple[PartialDate, PartialDate] | None,
) -> str:
    if period is not None or rule.period:
        return "period"
    if first is not None and span_first < first:
        return "since"
    return "until"


def _select_entries(
    cv: CV,
    name: str,
    rule: SectionRule,
    context: Context,
    period: tuple[PartialDate, PartialDate] | None,
    shown: dict[str, dict[str, str]],
) -> SectionSelection:
    source = rule.from_ or name
    source_list = entries(cv, source)
    result = SectionSelection(name=name, source=source, rule=rule, total=len(source_list))
    first, last = window_of(rule, cv, context.as_of, period)
    result.window = (first, last)
    already = shown.setdefault(source, {})
    pinned = set(rule.pin)
    excluded = set(rule.exclude)
    candidates: list[Entry] = []
    drops: dict[str, str] = {}
    for entry in source_list:
        entry_id = entry.id or ""
        if entry_id in excluded:
            drops[entry_id] = "exclude"
            continue
        if entry_id in pinned:
            candidates.append(entry)
            continue
        if rule.overlap != "allowed" and entry_id in already:
            drops[entry_id] = f"already in {already[entry_id]}"
            continue
        span = _window_span(entry, rule.window_on)
        if span is _STILL_RUNNING:
            if first is not None or last is not None:
                drops[entry_id] = "still running (window on end)"
                continue
            span = entry.span()
        if span is None:
            if first is not None or last is not None:
                result.undated.append(entry_id)
        elif not span.overlaps(first, last, context.as_of):
            drops[entry_id] = _window_reason(rule, first, span.first_day(), period)
            continue
        failed = next(
            (
                key
                for key, condition in rule.where.items()
                if not holds(field_value(entry, key, context), condition)
            ),
            None,
        )
        if failed is not None:
            drops[entry_id] = f"where {failed}"
            continue
        candidates.append(entry)
    ordered = sort_entries(candidates, rule.sort, context) if rule.sort else candidates
    kept_ids: set[str] = set()
    ranks: dict[str, int] = {}
    slots = None if rule.limit is None else max(rule.limit - len(pinned & _ids(ordered)), 0)
    for rank, entry in enumerate(ordered, start=1):
        entry_id = entry.id or ""
        ranks[entry_id] = rank
        if entry_id in pinned:
            kept_ids.add(entry_id)
        elif slots is None or slots > 0:
            kept_ids.add(entry_id)
            if slots is not None:
                slots -= 1
        else:
            drops[entry_id] = f"limit (rank {rank})"
    result.entries = [entry for entry in ordered if (entry.id or "") in kept_ids]
    for entry in result.entries:
        already.setdefault(entry.id or "", name)
    for entry in source_list:
        entry_id = entry.id or ""
        if entry_id in kept_ids:
            reason = "pin" if entry_id in pinned else ""
            result.decisions.append(Decision(entry_id, True, reason, ranks.get(entry_id)))
        else:
            result.decisions.append(
                Decision(entry_id, False, drops.get(entry_id, ""), ranks.get(entry_id))
            )
    return result


def _ids(items: list[Entry]) -> set[str]:
    return {entry.id or "" for entry in items}


def trim_words(text: str, max_words: int | None = None, max_chars: int | None = None) -> str:
    """Shorten at a word boundary and mark the cut with an ellipsis."""
    result = text
    if max_words is not None:
        words = result.split()
        if len(words) > max_words:
            result = " ".join(words[:max_words]).rstrip(",;:.") + " …"
    if max_chars is not None and len(result) > max_chars:
        room = max(max_chars - 2, 0)  # leave space for " …"
        cut = result[:room]
        if result[room : room + 1] not in (" ", "") and " " in cut:
            cut = cut[: cut.rfind(" ")]  # do not end inside a word
        result = cut.rstrip(",;:.") + " …"
    return result


def check_ids(cv: CV, loaded: LoadedProfile) -> list[Problem]:
    """``pin`` and ``exclude`` must name entries of the section they draw from."""
    problems = []
    for name, rule in loaded.profile.rules().items():
        source = rule.from_ or name
        if source not in LIST_SECTIONS:
            continue
        ids = {entry.id for entry in entries(cv, source)}
        for key in ("pin", "exclude"):
            for index, entry_id in enumerate(getattr(rule, key)):
                if entry_id not in ids:
                    file, line = loaded.locate(name, key, index)
                    problems.append(
                        Problem(
                            message=f"{key} names {entry_id!r}; no entry of {source} has it",
                            file=file,
                            line=line,
                            path=f"sections.{name}.{key}[{index}]",
                            hint="Run `assemble check` to see the ids of your entries",
                        )
                    )
    return problems


def select(
    cv: CV,
    loaded: LoadedProfile,
    as_of: date,
    period: tuple[PartialDate, PartialDate] | None = None,
) -> Selection:
    """Apply every section rule of the profile to the CV."""
    problems = check_ids(cv, loaded)
    if problems:
        raise ProblemsError(problems, str(loaded.path))
    context = Context(tuple(person_keys(cv.person.name, cv.person.name_variants)), as_of)
    selection = Selection(as_of=as_of, period=period)
    shown: dict[str, dict[str, str]] = {}
    for name, rule in loaded.profile.rules().items():
        source = rule.from_ or name
        if source == "bio":
            selection.bio = _bio_text(cv, loaded.profile.language)
            if selection.bio is not None:
                selection.bio = trim_words(selection.bio, rule.max_words, rule.max_chars)
            selection.sections[name] = SectionSelection(
                name=name, source=source, rule=rule, total=int(selection.bio is not None)
            )
        elif source in TEXT_LIST_SECTIONS:
            texts = list(getattr(cv, source))
            kept = texts if rule.limit is None else texts[: rule.limit]
            section = SectionSelection(
                name=name, source=source, rule=rule, total=len(texts), texts=kept
            )
            section.decisions = [
                Decision(t, i < len(kept), "" if i < len(kept) else f"limit (rank {i + 1})")
                for i, t in enumerate(texts)
            ]
            selection.sections[name] = section
        else:
            selection.sections[name] = _select_entries(cv, name, rule, context, period, shown)
    return selection


def _bio_text(cv: CV, language: str) -> str | None:
    bio = cv.bio
    if bio is None or isinstance(bio, str):
        return bio
    preferred = getattr(bio, language, None)
    return preferred or bio.en or bio.de


def droppable(section: SectionSelection) -> list[Entry]:
    """Entries ``--fit`` may remove, lowest-ranked first (pinned entries are never removed)."""
    pinned = set(section.rule.pin)
    return [entry for entry in reversed(section.entries) if entry.id not in pinned]


def drop_lowest(selection: Selection, name: str, count: int, reason: str) -> Selection:
    """A copy of the selection without the ``count`` lowest-ranked droppable entries of a
    section, each recorded as dropped for ``reason``."""
    section = selection.sections[name]
    removed = {entry.id for entry in droppable(section)[:count]}
    if not removed:
        return selection
    trimmed = replace(
        section,
        entries=[entry for entry in section.entries if entry.id not in removed],
        decisions=[
            Decision(d.entry_id, False, reason, d.rank) if d.entry_id in removed else d
            for d in section.decisions
        ],
    )
    return replace(selection, sections={**selection.sections, name: trimmed})
