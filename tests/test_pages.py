"""Bundled documents rendered to PDF by LibreOffice: page limits.

Locally these tests skip when LibreOffice is missing; in CI (CI=true) they must run.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from assembler.build import BuildRequest, build
from assembler.pdf import find_soffice, page_count, to_pdf
from assembler.resources import example_cv

if find_soffice() is None:
    if os.environ.get("CI"):
        raise RuntimeError("LibreOffice is required in CI; .ci/run installs it")
    pytest.skip("LibreOffice is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docs")
    documents = {}
    for profile in ("eu-horizon", "full-cv"):
        result = build(
            BuildRequest(
                profile=profile, data=example_cv(), as_of=date(2026, 11, 21), out_dir=out, cwd=out
            )
        )
        (documents[profile],) = result.written
    converted = to_pdf(list(documents.values()), out / "pdf")
    return dict(zip(documents, converted, strict=True))


def test_eu_horizon_fits_two_pages(pdfs: dict[str, Path]) -> None:
    assert 1 <= page_count(pdfs["eu-horizon"]) <= 2


def test_full_cv_is_the_long_document(pdfs: dict[str, Path]) -> None:
    assert page_count(pdfs["full-cv"]) > 2 * page_count(pdfs["eu-horizon"])
