"""Make ZIP-based office files (ODT, DOCX) byte-for-byte reproducible.

odfpy and python-docx stamp every archive member with the current local time,
so two renders of the same document differ.  Rewriting the archive with a fixed
timestamp, in the original member order, fixes that without touching content;
ODF's rule that ``mimetype`` comes first and is stored uncompressed is kept.
"""

from __future__ import annotations

import io
import zipfile

_EPOCH = (1980, 1, 1, 0, 0, 0)


def normalize(data: bytes) -> bytes:
    """Return ``data`` re-zipped with fixed timestamps and permissions."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            stored = info.filename == "mimetype"
            fixed.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
