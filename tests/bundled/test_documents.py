"""The bundled profiles on the example CV: the text of each document against its reference
(tests/testdata/golden/<profile>.txt), and the rules checked on what was chosen.

After an intended change, regenerate the references with
    uv run pytest tests/bundled --update-goldens
and review the diff.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest

from assembler.build import BuildRequest, build
from assembler.resources import example_cv
from tests.helpers import TESTDATA

GOLDEN = TESTDATA / "golden"
AS_OF = date(2026, 11, 21)
PROFILES = ("eu-horizon", "full-cv", "erc", "dfg", "dfg-en", "msca", "eu-horizon-part-a")


def document_text(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [paragraph.text for paragraph in document.paragraphs]
    lines += ["--- footer ---", *(p.text for p in document.sections[0].footer.paragraphs)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    out = tmp_path_factory.mktemp("out")
    results = {}
    for profile in PROFILES:
        result = build(
            BuildRequest(profile=profile, data=example_cv(), as_of=AS_OF, out_dir=out, cwd=out)
        )
        (document,) = result.written
        results[profile] = (result, document)
    return results


@pytest.mark.parametrize("profile", PROFILES)
def test_document_text_matches_reference(built, profile: str, update_goldens: bool) -> None:
    _, document = built[profile]
    text = document_text(document)
    reference = GOLDEN / f"{profile}.txt"
    if update_goldens:
        reference.write_text(text, encoding="utf-8")
    assert text == reference.read_text(encoding="utf-8")


def test_eu_horizon_follows_its_rules(built) -> None:
    result, path = built["eu-horizon"]
    sections = result.selection.sections
    publications = sections["publications"].entries
    assert len(publications) == 10
    assert all(p.year.year >= 2016 for p in publications)
    assert all(
        p.type in ("journal", "conference", "workshop", "book", "chapter") for p in publications
    )
    flags = [p.selected for p in publications]
    assert flags == sorted(flags, reverse=True)  # the person's distinctions first
    assert all(p.selected for p in publications[:6])
    assert [p.acronym for p in sections["projects"].entries] == [
        "xJuRAG",
        "EPIBMI",
        "ACHILLES",
        "TEMA",
        "iToBoS",
    ]
    assert all(p.end is None or p.end.year >= 2016 for p in sections["positions"].entries)
    assert len(sections["talks"].entries) == 5
    bio = next(line for line in document_text(path).splitlines() if line.startswith("Sebastian"))
    assert len(bio.split()) <= 121 and bio.endswith("…")


def test_name_is_bold_in_every_eu_horizon_citation(built) -> None:
    _, path = built["eu-horizon"]
    document = docx.Document(str(path))
    numbered = [p for p in document.paragraphs if p.style.name == "CV Numbered"]
    assert len(numbered) == 10
    for paragraph in numbered:
        bold = [run.text for run in paragraph.runs if run.bold]
        assert bold and all(text in ("Lapuschkin S", "Bach S") for text in bold), paragraph.text


def test_full_cv_holds_every_entry(built) -> None:
    result, _ = built["full-cv"]
    sections = result.selection.sections
    publication_lists = (
        "journal_articles",
        "conference_papers",
        "workshop_papers",
        "books",
        "book_chapters",
        "preprints",
        "other_outputs",
    )
    assert sum(len(sections[name].entries) for name in publication_lists) == 96
    assert len(sections["talks"].entries) + len(sections["lectures"].entries) == 33
    for name in (
        "positions",
        "education",
        "service",
        "projects",
        "teaching",
        "awards",
        "patents",
        "metrics",
    ):
        assert not sections[name].dropped, name


def test_dfg_lists_a_and_b_are_exclusive_and_capped(built) -> None:
    result, _ = built["dfg"]
    sections = result.selection.sections
    list_a = {entry.id for entry in sections["results_a"].entries}
    list_b = {entry.id for entry in sections["results_b"].entries}
    assert len(list_a) == 10
    assert not list_a & list_b
    assert len(list_b) + len(sections["patents"].entries) <= 10
    assert {entry.type for entry in sections["results_b"].entries} <= {
        "preprint",
        "software",
        "dataset",
        "other",
    }


def test_dfg_reads_in_german(built) -> None:
    _, path = built["dfg"]
    text = document_text(path)
    for expected in (
        "Qualifikation und beruflicher Werdegang",
        "seit Jan. 2021",
        "Okt. 2014 – Dez. 2018",
        "Geboren 16. Dez. 1986, Würzburg",
        "Liste A: begutachtete Publikationen",
        "Auszeichnungen",
    ):
        assert expected in text
    assert not re.search(r"\bpresent\b", text)  # "heute" / "seit" instead
    assert "h-index" not in text  # DFG CVs carry no metrics


def test_msca_dates_are_day_month_year(built) -> None:
    _, path = built["msca"]
    text = document_text(path)
    assert "01/2021 – present\tHead of Explainable Artificial Intelligence" in text


def test_part_a_has_five_outputs_and_leading_projects_first(built) -> None:
    result, _ = built["eu-horizon-part-a"]
    sections = result.selection.sections
    assert len(sections["publications"].entries) == 5
    roles = [project.role for project in sections["projects"].entries]
    assert len(roles) == 5 and roles == sorted(roles, key=lambda r: r != "lead")


def test_erc_shows_at_most_ten_outputs_selected_first(built) -> None:
    result, _ = built["erc"]
    outputs = result.selection.sections["publications"].entries
    assert len(outputs) == 10
    assert [p.selected for p in outputs] == sorted((p.selected for p in outputs), reverse=True)


@pytest.mark.parametrize("profile", PROFILES)
def test_every_bundled_profile_works_on_a_cv_with_only_a_name(tmp_path: Path, profile: str) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text("person: {name: Minimal Person}\n", encoding="utf-8")
    result = build(
        BuildRequest(profile=profile, data=cv, as_of=AS_OF, out_dir=tmp_path / "out", cwd=tmp_path)
    )
    (path,) = [p for p in result.written if p.suffix == ".docx"]
    text = [p.text for p in docx.Document(str(path)).paragraphs]
    assert text[0] in ("Minimal Person", "Annual report 2025")
    assert "" not in text  # no empty contact line, no heading over an empty section
    assert not any(heading in text for heading in ("Publications", "Positions", "Profile"))
