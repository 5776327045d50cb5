"""The rules that drop an entry, one function each, and the typed reason they give.

Each rule looks at one entry and returns ``None`` (the rule keeps it) or a ``Drop``. The
engine applies them in this order: ``exclude``; ``pin`` (a pinned entry skips the rest);
already shown by an earlier list drawn from the same section; the date window; ``where``.
``sort`` and ``limit`` then rank what is left (``rank_and_limit``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from assembler.cv.model import Entry
from assembler.profile.model import SectionRule
from assembler.select.fields import Context, field_value, holds
from assembler.select.sorting import sort_entries
from assembler.select.windows import Placement

DropRule = Literal[
    "exclude", "already", "period", "since", "until", "still-running", "where", "limit", "fit"
]


@dataclass(frozen=True, slots=True)  # hundreds of thousands in a group's selection
class Drop:
    """Why an entry is not shown: the rule, its detail (the field of a ``where``, the list
    that already shows the entry, the page limit of ``--fit``) and the entry's rank after
    sorting, when it got that far."""

    rule: DropRule
    detail: str = ""
    rank: int | None = None

    def __str__(self) -> str:
        if self.rule == "already":
            return f"already in {self.detail}"
        if self.rule == "still-running":
            return "still running (window on end)"
        if self.rule == "where":
            return f"where {self.detail}"
        if self.rule == "limit":
            return f"limit (rank {self.rank})"
        if self.rule == "fit":
            return f"fit (page limit {self.detail})"
        return self.rule


# One shared (immutable) drop per window reason: most entries of a group's annual report
# are outside its year, in eight lists.
_WINDOW_DROPS: dict[Placement, Drop] = {
    reason: Drop(reason) for reason in ("period", "since", "until", "still-running")
}


def excluded(entry: Entry, rule: SectionRule) -> Drop | None:
    return Drop("exclude") if entry.id in rule.exclude else None


def already_shown(entry: Entry, rule: SectionRule, shown: Mapping[str, str]) -> Drop | None:
    """An entry shown by an earlier list drawn from the same section (DFG lists A and B)."""
    if rule.overlap == "allowed" or entry.id not in shown:
        return None
    return Drop("already", shown[entry.id or ""])


def window_drop(placement: Placement) -> Drop | None:
    """The date window's rule, given where ``select.windows.place`` put the entry (the
    engine places each entry once for all lists that share a window)."""
    if placement == "inside" or placement == "undated":
        return None
    return _WINDOW_DROPS[placement]


def fails_where(entry: Entry, rule: SectionRule, context: Context) -> Drop | None:
    for name, condition in rule.where.items():
        if not holds(field_value(entry, name, context), condition):
            return Drop("where", name)
    return None


@dataclass(frozen=True)
class Ranked:
    """The entries a section shows, in print order, the rank of every candidate, and the
    sort or order keys that no candidate had a value for."""

    kept: list[Entry]
    ranks: dict[str, int]
    cut: dict[str, Drop]
    empty_keys: list[str]


def rank_and_limit(candidates: list[Entry], rule: SectionRule, context: Context) -> Ranked:
    """Sort the candidates and keep the first ``limit``; pinned entries count toward the
    limit and are never cut. ``order`` then says how the kept entries are printed."""
    ranking = sort_entries(candidates, rule.sort, context)
    ordered = ranking.entries
    pinned = set(rule.pin)
    pinned_here = sum(1 for entry in ordered if entry.id in pinned)
    slots = None if rule.limit is None else max(rule.limit - pinned_here, 0)
    kept: list[Entry] = []
    ranks: dict[str, int] = {}
    cut: dict[str, Drop] = {}
    for rank, entry in enumerate(ordered, start=1):
        entry_id = entry.id or ""
        ranks[entry_id] = rank
        if entry_id in pinned or slots is None:
            kept.append(entry)
        elif slots > 0:
            kept.append(entry)
            slots -= 1
        else:
            cut[entry_id] = Drop("limit", rank=rank)
    empty = list(ranking.empty_keys)
    if rule.order:
        printed = sort_entries(kept, rule.order, context)
        kept = printed.entries
        empty += [key for key in printed.empty_keys if key not in empty]
    return Ranked(kept, ranks, cut, empty)
