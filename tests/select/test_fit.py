"""What --fit may drop, and how each drop is recorded."""

from __future__ import annotations

from assembler.select.fit import drop_lowest, droppable
from tests.select.cases import PUBS, ids, reasons


def test_fit_drops_the_lowest_ranked_unpinned_entries(run_select) -> None:
    profile = "sections:\n  publications: {sort: -year, pin: [p2015]}\n"
    selection = run_select(PUBS, profile)
    section = selection.sections["publications"]
    assert [e.id for e in droppable(section)] == ["p2016", "p2020", "p2021", "p2022"]
    fitted = drop_lowest(selection, "publications", 2, page_limit=2)
    assert ids(fitted, "publications") == ["p2022", "p2021", "p2015"]
    assert reasons(fitted, "publications") == {
        "p2016": "fit (page limit 2)",
        "p2020": "fit (page limit 2)",
    }
    assert ids(selection, "publications") == ["p2022", "p2021", "p2020", "p2016", "p2015"]
