"""The selection engine: profile rules -> chosen entries, and why each other entry was dropped.

A pure function of (CV, profile, as_of, period): no clock, no files. The rules themselves are
in ``select.rules``; this module runs them over each section of the profile in order, so a
list drawn later from the same section sees what earlier lists already show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from assembler.cv.model import CV, Entry, localized
from assembler.cv.sections import ENTRY_SECTIONS, SECTIONS
from assembler.problems import Problem, ProblemsError
from assembler.profile.load import LoadedProfile
from assembler.profile.model import SectionRule
from assembler.select.fields import Context
from assembler.select.rules import (
    Drop,
    already_shown,
    excluded,
    fails_where,
    rank_and_limit,
    window_drop,
)
from assembler.select.windows import Period, Placement, Window, place, window_of


@dataclass(frozen=True, slots=True)  # one per entry and list: hundreds of thousands in groups
class Decision:
    """What happened to one entry of a section: kept (perhaps pinned), or dropped and why."""

    entry_id: str
    drop: Drop | None = None
    pinned: bool = False
    rank: int | None = None

    @property
    def kept(self) -> bool:
        return self.drop is None


@dataclass
class SectionSelection:
    """One list of the profile: the entries it shows, in print order, and what is needed to
    say why every other entry is not shown. Decisions are made when asked (``--explain``,
    ``--fit``) from compact records: a group's annual report draws eight lists from
    100,000 publications, most of them outside its year, and one object per entry and list
    cost a tenth of the run's time and memory."""

    name: str
    source: str
    rule: SectionRule
    entries: list[Entry] = field(default_factory=list)
    total: int = 0
    undated: list[str] = field(default_factory=list)
    window: Window = field(default_factory=lambda: Window(None, None, False))
    texts: list[str] = field(default_factory=list)  # skills, languages, the bio
    empty_keys: list[str] = field(default_factory=list)  # sort keys without any value
    pool: list[Entry] = field(default_factory=list)  # the source section, in CV order
    # Where the window puts each entry of the pool, by id(entry); shared between lists.
    placements: Mapping[int, Placement] = field(default_factory=dict)
    drops: dict[str, Drop] = field(default_factory=dict)  # every drop but the window's
    ranks: dict[str, int] = field(default_factory=dict)
    fixed: list[Decision] | None = None  # texts: the few decisions, made up front

    @property
    def decisions(self) -> list[Decision]:
        """Every entry of the source section in CV order: kept, or dropped and why."""
        if self.fixed is not None:
            return self.fixed
        kept = {entry.id for entry in self.entries}
        pinned = set(self.rule.pin)
        decisions = []
        for entry in self.pool:
            entry_id = entry.id or ""
            rank = self.ranks.get(entry_id)
            drop = self.drops.get(entry_id)
            if drop is None and entry_id not in kept:
                drop = window_drop(self.placements[id(entry)])
            decisions.append(Decision(entry_id, drop, entry_id in pinned, rank))
        return decisions

    @property
    def dropped(self) -> list[Decision]:
        return [d for d in self.decisions if not d.kept]

    @property
    def kept_count(self) -> int:
        kind = SECTIONS[self.source].kind
        return len(self.entries) if kind == "entries" else len(self.texts)


@dataclass
class Selection:
    """Every list of the profile, and the context its rules saw: the person's names and the
    day statuses are taken on (shaping and workbooks print what the rules tested)."""

    as_of: date
    period: Period | None
    context: Context
    sections: dict[str, SectionSelection] = field(default_factory=dict)


Placements = dict[tuple[Window, str], dict[int, Placement]]


def _select_entries(
    cv: CV,
    name: str,
    rule: SectionRule,
    context: Context,
    period: Period | None,
    shown: dict[str, dict[str, str]],
    placements: Placements,
) -> SectionSelection:
    source = rule.from_ or name
    source_list = SECTIONS[source].entries(cv)
    window = window_of(rule, cv, context.as_of, period)
    already = shown.setdefault(source, {})
    pinned = set(rule.pin)
    # Where each entry falls is the same for every list with this window (the annual
    # report draws eight lists from the publications): placed once per select().
    placed = placements.setdefault((window, rule.window_on), {})
    result = SectionSelection(
        name, source, rule, total=len(source_list), window=window, pool=source_list
    )
    result.placements = placed
    candidates: list[Entry] = []
    drops = result.drops
    for entry in source_list:
        entry_id = entry.id or ""
        placement = placed.get(id(entry))
        if placement is None:
            placement = placed[id(entry)] = place(entry, window, rule.window_on, context.as_of)
        drop = excluded(entry, rule)
        if drop is None and entry_id not in pinned:
            drop = already_shown(entry, rule, already)
            if drop is None and window_drop(placement) is not None:
                continue  # recorded by its placement (see SectionSelection.decisions)
            drop = drop or fails_where(entry, rule, context)
        if drop is not None:
            drops[entry_id] = drop
            continue
        if placement == "undated":
            result.undated.append(entry_id)
        candidates.append(entry)
    ranked = rank_and_limit(candidates, rule, context)
    drops.update(ranked.cut)
    result.entries = ranked.kept
    result.empty_keys = ranked.empty_keys
    result.ranks = ranked.ranks
    for entry in ranked.kept:
        already.setdefault(entry.id or "", name)
    return result


def check_ids(cv: CV, loaded: LoadedProfile) -> list[Problem]:
    """``pin`` and ``exclude`` must name entries of the section they draw from."""
    problems = []
    for name, rule in loaded.profile.rules().items():
        source = rule.from_ or name
        if source not in ENTRY_SECTIONS:
            continue
        ids = {entry.id for entry in SECTIONS[source].entries(cv)}
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


def _select_texts(cv: CV, name: str, rule: SectionRule, language: str) -> SectionSelection:
    """The bio (in the profile's language) or a list of strings (skills, languages)."""
    source = rule.from_ or name
    if source == "bio":
        bio = localized(cv.bio, language)
        texts = [bio] if bio else []
        return SectionSelection(name, source, rule, total=len(texts), texts=texts)
    texts = SECTIONS[source].texts(cv)
    kept = texts if rule.limit is None else texts[: rule.limit]
    section = SectionSelection(name, source, rule, total=len(texts), texts=kept)
    section.fixed = [
        Decision(text, None if rank <= len(kept) else Drop("limit", rank=rank), rank=rank)
        for rank, text in enumerate(texts, start=1)
    ]
    return section


def select(cv: CV, loaded: LoadedProfile, as_of: date, period: Period | None = None) -> Selection:
    """Apply every section rule of the profile to the CV."""
    problems = check_ids(cv, loaded)
    if problems:
        raise ProblemsError(problems, str(loaded.path))
    # A report says what was running at the end of its period, not on the day it is made.
    status_on = min(period[1].last_day(), as_of) if period is not None else None
    context = Context(cv.person.author_names, as_of, status_on)
    selection = Selection(as_of=as_of, period=period, context=context)
    shown: dict[str, dict[str, str]] = {}
    placements: Placements = {}  # keyed by id(entry): valid while cv holds the entries
    for name, rule in loaded.profile.rules().items():
        source = rule.from_ or name
        if SECTIONS[source].kind == "entries":
            selection.sections[name] = _select_entries(
                cv, name, rule, context, period, shown, placements
            )
        else:
            selection.sections[name] = _select_texts(cv, name, rule, loaded.profile.language)
    return selection
