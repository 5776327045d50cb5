"""Why each entry is in or out: the selection report of ``--explain``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from assembler.select.engine import SectionSelection, Selection
from assembler.select.required import Missing


def _section_lines(section: SectionSelection) -> list[str]:
    title = (
        section.name
        if section.source == section.name
        else f"{section.name} (from {section.source})"
    )
    lines = [f"## {title}: {section.kept_count} of {section.total} kept", ""]
    rules = []
    window = section.window.describe()
    if window:
        rules.append(f"window {window}")
    rule = section.rule
    if rule.where:
        rules.append("where " + ", ".join(rule.where))
    if rule.sort:
        rules.append("sort " + ", ".join(rule.sort))
    if rule.limit is not None:
        rules.append(f"limit {rule.limit}")
    if rule.order:
        rules.append("printed by " + ", ".join(rule.order))
    if rules:
        lines += ["Rules: " + "; ".join(rules) + ".", ""]
    if section.empty_keys:
        keys = ", ".join(section.empty_keys)
        lines += [f"No entry has a value for {keys}: it orders nothing here.", ""]
    decisions = section.decisions  # made when asked: once per section
    kept = [d for d in decisions if d.kept]
    dropped = [d for d in decisions if not d.kept]
    if kept and section.source != "bio":
        lines.append("Kept:")
        lines += [f"- {d.entry_id}" + (" (pinned)" if d.pinned else "") for d in kept]
        lines.append("")
    if dropped:
        lines.append("Dropped:")
        lines += [f"- {d.entry_id}: {d.drop}" for d in dropped]
        lines.append("")
    if section.undated:
        lines.append("Undated (kept by the date window): " + ", ".join(section.undated))
        lines.append("")
    return lines


def explain(
    selection: Selection, profile_name: str, as_of: date, missing: Sequence[Missing] = ()
) -> str:
    lines = [
        f"# Selection for profile {profile_name}",
        "",
        f"Reference date (as of): {as_of.isoformat()}",
        "",
    ]
    for section in selection.sections.values():
        lines += _section_lines(section)
    if missing:
        lines += ["## Required by this profile, missing from the CV", ""]
        lines += [f"- {item.describe()}" for item in missing]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
