"""Where the bundled example, profiles and templates live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
EXAMPLE_CV = "cv.yaml"


def bundled_dir(name: str) -> Path:
    """``examples``, ``profiles`` or ``templates``: inside the installed package (wheel builds
    copy them there), else at the top of the source checkout."""
    packaged = _PACKAGE / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def example_cv() -> Path:
    return bundled_dir("examples") / EXAMPLE_CV
