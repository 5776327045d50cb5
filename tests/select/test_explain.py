"""The selection report: kept and total, and the rule behind every drop."""

from __future__ import annotations

from assembler.select.explain import explain
from tests.helpers import AS_OF
from tests.select.cases import PUBS, TALKS


def test_report_lists_rules_kept_and_dropped_with_reasons(run_select) -> None:
    profile = "sections:\n  publications: {sort: -year, limit: 2, pin: [p2015]}\n"
    report = explain(run_select(PUBS, profile), "demo", AS_OF)
    assert report.splitlines()[:12] == [
        "# Selection for profile demo",
        "",
        "Reference date (as of): 2026-11-21",
        "",
        "## publications: 2 of 5 kept",
        "",
        "Rules: sort -year; limit 2.",
        "",
        "Kept:",
        "- p2015 (pinned)",
        "- p2022",
        "",
    ]
    assert "- p2021: limit (rank 2)" in report


def test_report_names_windows_and_undated_entries(run_select) -> None:
    report = explain(run_select(TALKS, "sections:\n  talks: {since: 5 years}\n"), "d", AS_OF)
    assert "Rules: window since 2021-11-21." in report
    assert "- t2019: since" in report
    assert "Undated (kept by the date window): tnone" in report
