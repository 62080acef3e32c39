"""An Office package copied with some of its parts rewritten and only the parts its
relationships still reach: the common step of cutting a deck or a Word paper into parts
(:mod:`builder.assemble.slide_parts`, :mod:`builder.assemble.word_parts`).

The copy leaves out the extended properties (``docProps/app.xml``, which count or list the
whole document's slides, pages and words), so that a part's bytes depend only on its own
content (the PDF cache then reconverts only a changed part); members keep the package's dates
and order, so the same package gives the same parts.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from builder.data.docx_package import PARSER

TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
APP_PROPERTIES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                  "extended-properties")
CONTENT_TYPES = "[Content_Types].xml"
COMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".xlsx")
"""Members stored as they are: deflating them again gains nothing and costs the time."""


def write_cut(package: zipfile.ZipFile, changed: dict[str, bytes], out: Path) -> None:
    """Write ``package`` to ``out`` with the parts ``changed`` (name -> bytes) rewritten and
    only the parts reachable through (the rewritten) relationships."""
    changed = {**changed, rels_of(""): drop_relationships(
        changed.get(rels_of("")) or package.read(rels_of("")),
        lambda rel: rel.get("Type") == APP_PROPERTIES)}
    reachable = _reachable(package, changed)
    changed[CONTENT_TYPES] = _drop_overrides(package.read(CONTENT_TYPES), reachable)
    with zipfile.ZipFile(out, "w") as target:
        for info in package.infolist():
            name = info.filename
            if name in reachable or name == CONTENT_TYPES or (
                    name.endswith(".rels") and _owner(name) in reachable):
                data = changed[name] if name in changed else package.read(info)
                copy = zipfile.ZipInfo(name, info.date_time)  # writestr alters the one given
                copy.create_system, copy.external_attr = info.create_system, info.external_attr
                copy.compress_type = zipfile.ZIP_STORED if name.lower().endswith(
                    COMPRESSED) else zipfile.ZIP_DEFLATED
                target.writestr(copy, data, compresslevel=1)


def rels_of(part: str) -> str:
    """The relationships part of ``part`` ("" for the package)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def xml_bytes(root: etree._Element) -> bytes:
    """An XML part as Office writes it (declaration, UTF-8, standalone)."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def drop_relationships(xml: bytes, drop: Callable[[etree._Element], bool]) -> bytes:
    """A relationships part without the relationships ``drop`` picks."""
    root = etree.fromstring(xml, PARSER)
    for rel in list(root):
        if drop(rel):
            root.remove(rel)
    return xml_bytes(root)


def target_of(part: str, target: str) -> str:
    """The part name a relationship of ``part`` targets."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def _owner(rels: str) -> str:
    """The part a relationships part belongs to ("" for the package's own)."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels")).lstrip("/")


def _reachable(package: zipfile.ZipFile, changed: dict[str, bytes]) -> set[str]:
    """Every part reachable from the package's relationships, and "" for the package itself
    (``changed`` read instead of the package's own bytes)."""
    names = set(package.namelist())
    seen = {""}
    todo = [""]
    while todo:
        part = todo.pop()
        rels = rels_of(part)
        if rels not in names:
            continue
        xml = changed[rels] if rels in changed else package.read(rels)
        for rel in etree.fromstring(xml, PARSER):
            if rel.get("TargetMode") == "External":
                continue
            name = target_of(part, rel.get("Target", ""))
            if name not in seen and name in names:
                seen.add(name)
                todo.append(name)
    return seen


def _drop_overrides(xml: bytes, kept: set[str]) -> bytes:
    """The content types without the overrides of parts left out."""
    root = etree.fromstring(xml, PARSER)
    for override in root.findall(f"{{{TYPES}}}Override"):
        if override.get("PartName", "").lstrip("/") not in kept:
            root.remove(override)
    return xml_bytes(root)
