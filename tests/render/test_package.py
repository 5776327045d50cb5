"""Office packages: reproducible zips, and zip bombs refused."""

from __future__ import annotations

import io
import zipfile

from assembler.render.package import MAX_ENTRIES, normalise_zip, too_large


def _zip(names: list[str], stamp: tuple[int, int, int, int, int, int]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), f"data of {name}")
    return buffer.getvalue()


def test_normalised_zips_do_not_depend_on_the_clock() -> None:
    early = _zip(["a.xml", "b.xml"], (2020, 1, 1, 0, 0, 0))
    late = _zip(["a.xml", "b.xml"], (2026, 11, 23, 12, 30, 0))
    assert early != late
    assert normalise_zip(early) == normalise_zip(late)
    names = zipfile.ZipFile(io.BytesIO(normalise_zip(early))).namelist()
    assert names == ["a.xml", "b.xml"]


def test_too_many_entries_is_too_large() -> None:
    small = zipfile.ZipFile(io.BytesIO(_zip(["a"], (2020, 1, 1, 0, 0, 0))))
    many = zipfile.ZipFile(
        io.BytesIO(_zip([str(i) for i in range(MAX_ENTRIES + 1)], (2020, 1, 1, 0, 0, 0)))
    )
    assert not too_large(small)
    assert too_large(many)
