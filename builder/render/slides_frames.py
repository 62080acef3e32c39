"""Names and alt text of graphic frames (tables and charts)."""

from __future__ import annotations

from typing import Any


def describe(frame: Any, kind: str, alt_text: str) -> None:
    """Name the frame and set its alt text (``descr`` on ``p:cNvPr``), read by screen readers
    and by PowerPoint's accessibility checker."""
    c_nv_pr = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0]
    c_nv_pr.set("name", f"{kind} {frame.shape_id}")
    c_nv_pr.set("descr", alt_text)
