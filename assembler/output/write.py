"""Writing outputs: all files or none.

Every file is first written to a temporary name in the target folder (same file system, so the
final rename is atomic); only when all of them are written are they renamed into place. A failed
run therefore never leaves half a document or replaces a good one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from assembler.problems import AssembleError


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none of them."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            temp = Path(temp_name)
            temps.append((temp, target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        for temp, target in temps:
            try:
                os.replace(temp, target)
            except PermissionError:
                raise AssembleError(
                    f"cannot replace {target}: it is locked. Close it (is it open in Word or "
                    "Excel?) and run again; the previous file was left untouched."
                ) from None
    except OSError as exc:
        raise AssembleError(
            f"cannot write {exc.filename or 'the output'}: {exc.strerror}"
        ) from None
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
