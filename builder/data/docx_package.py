"""A Word package from a user, read part by part: zip limits first, then entity-safe XML.

The report checker and cleaner work on the raw parts (``word/document.xml``, ``docProps/*``)
so that a cleaned copy can keep every part it does not change byte for byte.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from builder.data.safezip import check_office_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
"""The document part of a Word package (as Word, LibreOffice and python-docx name it)."""
NS = {
    "w": W,
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "op": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
# no entities, no DTDs, no network: a user's XML cannot expand or fetch anything (DESIGN 7)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False)


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: ``w('p')``."""
    return f"{{{W}}}{name}"


def block_items(container: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs and tables of a body (or cell) in reading order, including those inside
    block-level content controls (``w:sdt``), which Word prints like any other."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from block_items(content)


def read_parts(path: Path) -> dict[str, bytes]:
    """Every part of the package, in zip order; ``ValueError`` saying what is wrong when the
    file is not a sane Office package."""
    if problem := check_office_zip(path):
        raise ValueError(problem)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    if DOCUMENT not in parts:
        raise ValueError(f"not a Word document (no {DOCUMENT})")
    return parts


def parse_part(name: str, data: bytes) -> etree._Element:
    """One XML part parsed without entities or a DTD; ``ValueError`` when it is not XML."""
    try:
        tree = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"{name} is not well-formed XML: {exc}") from None
    if getattr(tree.getroottree().docinfo, "doctype", ""):  # not in lxml-stubs
        raise ValueError(f"{name} declares a DOCTYPE, which Office files never do")
    return tree


def serialize(tree: etree._Element) -> bytes:
    """A part as Word writes it: UTF-8 with a standalone XML declaration."""
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
