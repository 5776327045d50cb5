"""The manual's reference pages are generated from the code and committed: they must match
it, so the manual cannot drift. The guide pages must cover every rule and command."""

from __future__ import annotations

import re

import pytest

from assembler.manual import PAGES, REFERENCE
from assembler.profile.model import SectionRule
from tests.helpers import ROOT

DOCS = ROOT / "docs"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_reference_page_matches_the_code(name: str, update_goldens: bool) -> None:
    path = ROOT / REFERENCE / name
    text = PAGES[name]()
    if update_goldens:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, "run `uv run python -m assembler.manual`"


def test_every_section_rule_is_explained_with_an_example() -> None:
    guide = (DOCS / "profiles.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^### `([a-z_]+)`", guide, flags=re.MULTILINE))
    rules = {info.alias or name for name, info in SectionRule.model_fields.items()}
    assert sorted(rules - headings) == []
    for rule in rules:
        section = guide.split(f"### `{rule}`", 1)[1].split("\n### ", 1)[0]
        assert "```yaml" in section, f"{rule} has no example"


def test_every_field_of_the_cv_is_described() -> None:
    page = (ROOT / REFERENCE / "cv-fields.md").read_text(encoding="utf-8")
    empty = [line for line in page.splitlines() if line.startswith("| `") and line.endswith("|  |")]
    assert empty == []


def test_the_readme_points_at_nothing_outside_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "DESIGN.md" not in readme and "../shared" not in readme and "shared design" not in readme
    for target in re.findall(r"\]\(([^)#]+)", readme):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target
