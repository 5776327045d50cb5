"""The bundled example, profiles and templates are found in a checkout; cache files are
written whole and trusted only when intact."""

from __future__ import annotations

from pathlib import Path

from assembler.resources import bundled_dir, example_cv, read_cache_entry, write_cache_entry


def test_bundled_folders_exist() -> None:
    for name in ("examples", "profiles", "templates"):
        assert bundled_dir(name).is_dir(), name
    assert example_cv().is_file()


def test_cache_entry_round_trip_and_stale_entries_go(tmp_path: Path) -> None:
    old = tmp_path / "cache" / "thing-old.bin"
    new = tmp_path / "cache" / "thing-new.bin"
    write_cache_entry(old, b"kind\x00", b"first", "thing-")
    write_cache_entry(new, b"kind\x00", b"second", "thing-")
    assert read_cache_entry(new, b"kind\x00") == b"second"
    assert not old.exists()
    assert [p.name for p in new.parent.iterdir()] == ["thing-new.bin"]  # no temporary left


def test_cache_entry_of_another_kind_or_damaged_is_not_trusted(tmp_path: Path) -> None:
    entry = tmp_path / "e.bin"
    write_cache_entry(entry, b"kind\x00", b"payload", "e-")
    assert read_cache_entry(entry, b"other\x00") is None
    data = bytearray(entry.read_bytes())
    data[-1] ^= 1
    entry.write_bytes(bytes(data))
    assert read_cache_entry(entry, b"kind\x00") is None
    assert read_cache_entry(tmp_path / "missing.bin", b"kind\x00") is None


def test_cache_entry_in_an_unwritable_place_is_silently_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    write_cache_entry(blocker / "e.bin", b"kind\x00", b"payload", "e-")
    assert blocker.read_text() == "not a folder"
