"""`assemble enrich --openalex` on recorded responses: no network in tests."""

from __future__ import annotations

import json
import urllib.error
from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler.cli.main import main
from assembler.cv.load import load_cv
from assembler.importers import enrich as enrich_module
from assembler.importers.enrich import enrich, lookup_urls
from tests.helpers import TESTDATA

RECORDED = TESTDATA / "openalex"
WORK = TESTDATA / "import" / "openalex-work.json"
CV = """\
person: {name: Ann-Kathrin Dombrowski, name_variants: [Dombrowski A-K]}
publications:
  - id: robust
    title: Towards robust explanations for deep neural networks
    year: 2021
    authors: [Dombrowski A-K]
  - id: other
    title: Something OpenAlex does not know
    year: 2020
"""


def recorded(url: str):
    if "title.search:Towards" in url:
        return json.loads((RECORDED / "title-search.json").read_text("utf-8"))
    if url.endswith("doi:10.1016/j.patcog.2021.108194"):
        return json.loads(WORK.read_text("utf-8"))
    return {"meta": {"count": 0}, "results": []}


def test_lookup_by_doi_else_by_title() -> None:
    assert lookup_urls({"doi": "10.1/x y"}) == ["https://api.openalex.org/works/doi:10.1/x%20y"]
    (url,) = lookup_urls({"title": "A: title, with punctuation"})
    assert url.startswith("https://api.openalex.org/works?filter=title.search:A%20%20title")


def test_enrich_fills_doi_and_citations_then_changes_nothing(tmp_path: Path) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text(CV, encoding="utf-8")
    first = enrich(cv, fetch=recorded)
    assert [item.action for item in first.plan.items] == ["update"]
    entry = load_cv(cv).cv.publications[0]
    assert entry.doi == "10.1016/j.patcog.2021.108194"
    assert entry.citation_count == 43
    content = cv.read_bytes()
    second = enrich(cv, fetch=recorded)  # now by DOI; same answer
    assert not second.plan.changes_anything
    assert cv.read_bytes() == content


def test_offline_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text(CV, encoding="utf-8")

    def offline(*args, **kwargs):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(enrich_module.urllib.request, "urlopen", offline)
    result = CliRunner().invoke(main, ["enrich", "--openalex", "--data", str(cv)])
    assert result.exit_code == 1
    assert "cannot reach https://api.openalex.org (Name or service not known)" in result.stderr
    assert "nothing was changed" in result.stderr
    assert cv.read_text(encoding="utf-8") == CV
