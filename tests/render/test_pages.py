"""Documents rendered to PDF by LibreOffice: page limits, --pdf, --check-pages and --fit.

Locally these tests skip when LibreOffice is missing; in CI (CI=true) they must run.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler.build import BuildRequest, build
from assembler.cli.main import main
from assembler.render.pdf import find_soffice, page_count, to_pdf
from assembler.resources import example_cv

if find_soffice() is None:
    if os.environ.get("CI"):
        raise RuntimeError("LibreOffice is required in CI; .ci/run installs it")
    pytest.skip("LibreOffice is not installed", allow_module_level=True)

LIMITS = {
    "eu-horizon": 2,
    "erc": 4,
    "dfg": 4,
    "dfg-en": 4,
    "msca": 5,
    "eu-horizon-part-a": 1,
    "full-cv": None,
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docs")
    documents = {}
    for profile in LIMITS:
        result = build(
            BuildRequest(
                profile=profile, data=example_cv(), as_of=date(2026, 11, 21), out_dir=out, cwd=out
            )
        )
        (documents[profile],) = result.written
    converted = to_pdf(list(documents.values()), out / "pdf")  # one LibreOffice start
    return dict(zip(documents, converted, strict=True))


@pytest.mark.parametrize("profile", [name for name, limit in LIMITS.items() if limit])
def test_each_preset_fits_its_page_limit(pdfs: dict[str, Path], profile: str) -> None:
    assert 1 <= page_count(pdfs[profile]) <= LIMITS[profile]


def test_full_cv_is_the_long_document(pdfs: dict[str, Path]) -> None:
    assert page_count(pdfs["full-cv"]) > 2 * page_count(pdfs["eu-horizon"])


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "one-page.yaml").write_text(
        "extends: eu-horizon\nname: one-page\npage_limit: 1\n"
        "fit_order: [talks, publications, awards]\n",
        encoding="utf-8",
    )
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(main, [*args, "--data", str(example_cv()), "--as-of", "2026-11-21"])


def test_pdf_writes_documents_and_pdfs(workdir: Path) -> None:
    result = invoke("--profile", "eu-horizon", "--pdf")
    assert result.exit_code == 0, result.output
    assert "wrote output/sebastian-lapuschkin-eu-horizon-cv.docx (2 pages)" in result.stdout
    pdf = workdir / "output" / "sebastian-lapuschkin-eu-horizon-cv.pdf"
    assert page_count(pdf) == 2


def test_over_the_limit_exits_1_naming_pages_and_longest_sections(workdir: Path) -> None:
    result = invoke("--profile", "one-page", "--check-pages")
    assert result.exit_code == 1
    assert "sebastian-lapuschkin-eu-horizon-cv.docx: 2 pages, limit 1." in result.stderr
    assert "Longest sections: Publications" in result.stderr
    assert not (workdir / "output").exists()


def test_fit_drops_lowest_ranked_entries_in_fit_order(workdir: Path) -> None:
    result = invoke("--profile", "one-page", "--check-pages", "--fit", "--explain")
    assert result.exit_code == 0, result.output
    assert "(1 page)" in result.stdout
    report = (workdir / "output" / "one-page.selection.md").read_text(encoding="utf-8")
    dropped = [line for line in report.splitlines() if line.endswith("fit (page limit 1)")]
    assert dropped
    talks = report.split("## talks")[1]
    assert talks.count("fit (page limit 1)") == 5  # the first section in fit_order is emptied
    assert not (workdir / "output" / "sebastian-lapuschkin-eu-horizon-cv.pdf").exists()


CSV_UTF8 = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def test_libreoffice_reads_the_workbooks(tmp_path: Path) -> None:
    requests = [
        BuildRequest(
            profile=name,
            data=example_cv(),
            as_of=date(2026, 11, 21),
            out_dir=tmp_path,
            cwd=tmp_path,
            period="2024",
        )
        for name in ("admin-projects", "annual-report")
    ]
    workbooks = [
        path for request in requests for path in build(request).written if path.suffix == ".xlsx"
    ]
    assert len(workbooks) == 2
    csvs = to_pdf(workbooks, tmp_path / "csv", target=CSV_UTF8)
    projects = csvs[0].read_text(encoding="utf-8")
    assert '"Acronym","Title","Funder"' in projects
    # Dates come out as the cells show them: real dates formatted YYYY-MM.
    assert (
        '"DAKI-FWS","Data- and AI-supported Early Warning System",,,,2021-12,2024-11,36,'
        in projects
    )
    summary = csvs[1].read_text(encoding="utf-8")  # the first sheet: the summary
    assert summary.splitlines()[0] == '"Section","Entries"'
    pdf = to_pdf([workbooks[1]], tmp_path / "pdf")[0]
    assert page_count(pdf) >= 2  # every sheet, the chart included, is printable


def test_pdfs_are_byte_identical_with_source_date_epoch(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert invoke("--profile", "eu-horizon", "--pdf").exit_code == 0
    name = "sebastian-lapuschkin-eu-horizon-cv.pdf"
    first = (workdir / "output" / name).read_bytes()
    assert invoke("--profile", "eu-horizon", "--pdf", "--out", "again").exit_code == 0
    again = (workdir / "again" / name).read_bytes()
    assert again == first
    assert b"/CreationDate(D:20231114221320" in first  # the epoch, in UTC
    assert page_count(workdir / "again" / name) == 2  # still a readable PDF
