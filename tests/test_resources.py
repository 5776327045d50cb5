"""The bundled example, profiles and templates are found in a checkout."""

from __future__ import annotations

from assembler.resources import bundled_dir, example_cv


def test_bundled_folders_exist() -> None:
    for name in ("examples", "profiles", "templates"):
        assert bundled_dir(name).is_dir(), name
    assert example_cv().is_file()
