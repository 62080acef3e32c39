"""Text that Word, PowerPoint and PDF files can hold (XML 1.0 characters)."""

from __future__ import annotations

import re

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters an XML 1.0 document cannot contain, even escaped (tab, CR and LF are fine)."""
NO_CONTROL = "text without control characters (tab and new line are fine)"


def xml_invalid(text: str) -> str | None:
    """``None`` when every character of ``text`` fits in a document; else which one does not
    and where, e.g. ``control character U+000B at character 12``."""
    match = XML_INVALID.search(text)
    if match is None:
        return None
    return f"control character U+{ord(match.group()):04X} at character {match.start() + 1}"
