"""Shared helpers: CVs and profiles written inline, loaded through the real loaders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from assembler.profile.load import LoadedProfile, load_profile
from assembler.select.engine import Selection, select
from tests.helpers import AS_OF, make_cv


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite the reference files under tests/testdata (golden texts, generated "
        "manual pages) from the current output instead of comparing; review the diff.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def make_profile(tmp_path: Path) -> Callable[[str], LoadedProfile]:
    def load(text: str, name: str = "test") -> LoadedProfile:
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        return load_profile(str(path), cwd=tmp_path)

    return load


@pytest.fixture
def run_select(make_profile) -> Callable[..., Selection]:
    def run(cv_text: str, profile_text: str, as_of: date = AS_OF, period=None) -> Selection:
        return select(make_cv(cv_text), make_profile(profile_text), as_of, period)

    return run


@pytest.fixture(autouse=True, scope="session")
def template_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled templates go to a folder of the test session, never to the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("ASSEMBLE_CACHE_DIR", str(folder))
    yield folder
    patch.undo()
