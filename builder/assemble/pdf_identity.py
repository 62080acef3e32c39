"""Make a PDF LibreOffice wrote reproducible: its dates from the document, its /ID from content.

LibreOffice stamps the export time as ``/CreationDate`` and a random file identifier as
``/ID``; everything else it writes is the same for the same document. Both are rewritten in
place with strings of the same length, so no object moves and the cross-reference table stays
right: the dates become the document's own creation date (builder dates every document from
its meeting), and both halves of ``/ID`` (and LibreOffice's ``/DocChecksum``, which covers the
old date) the MD5 of the file with them blanked out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

# D:YYYYMMDDHHmmSS followed by an optional time zone (Z, Z', +HH'mm' ...)
_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{14})([Z+\-][0-9']*)?\)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
# LibreOffice's own trailer entry: a checksum of the file as it first wrote it
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)()")


def fix_identity(path: Path, created: dt.datetime) -> None:
    """Rewrite ``path``'s document dates to ``created`` (naive UTC) and its /ID from content."""
    data = path.read_bytes()
    blank = _identified(_fixed_dates(data, created), b"0")
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode("ascii")
    fixed = _identified(blank, digest)
    if fixed != data:
        path.write_bytes(fixed)


def _fixed_dates(data: bytes, created: dt.datetime) -> bytes:
    stamp = created.strftime("%Y%m%d%H%M%S").encode("ascii")

    def utc(match: re.Match[bytes]) -> bytes:
        zone = match.group(3) or b""
        # the same length as before, meaning UTC: Z, Z' or +00'00'
        zone = zone if zone.startswith(b"Z") else re.sub(rb"\d", b"0", zone)
        return b"/" + match.group(1) + b"(D:" + stamp + zone + b")"

    return _DATE.sub(utc, data)


def _identified(data: bytes, fill: bytes) -> bytes:
    for pattern in (_ID, _CHECKSUM):
        data = pattern.sub(lambda m: _same_length_id(m, fill), data)
    return data


def _same_length_id(match: re.Match[bytes], fill: bytes) -> bytes:
    """``match`` (a whole /ID or /DocChecksum entry) with each group replaced by ``fill``
    repeated or cut to the group's own length (an empty group stays empty)."""
    whole = match.group(0)
    for half in (1, 2):
        if match.start(half) == match.end(half):
            continue
        start, end = match.start(half) - match.start(0), match.end(half) - match.start(0)
        size = end - start
        whole = whole[:start] + (fill * size)[:size] + whole[end:]
    return whole
