"""Office files are zip packages; these helpers make them reproducible and safe to open."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime, timezone

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 200 * 1024 * 1024


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) as a naive UTC time, if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).replace(tzinfo=None)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times and attributes (the writers stamp the clock)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            target.writestr(fixed, source.read(info.filename))
    return target_buffer.getvalue()


def too_large(archive: zipfile.ZipFile) -> bool:
    """A template that unpacks to more than we would ever need is refused (zip bombs)."""
    infos = archive.infolist()
    return len(infos) > MAX_ENTRIES or sum(info.file_size for info in infos) > MAX_UNCOMPRESSED
