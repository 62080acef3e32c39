"""A Word part without its footers, as the pack converts it: the pack stamps its own running
``Page N``, so a part's own page numbers would only confuse the reader.

Done on the package, not by opening and saving the document again: every section's footer
references go from the document part, the footer relationships from its relationships, and
the footer parts (with their pictures) from the copy (:func:`builder.assemble.package_cut.
write_cut`); every other part is copied as it is.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from builder.assemble.package_cut import drop_relationships, rels_of, write_cut, xml_bytes
from builder.data.docx_package import DOCUMENT, PARSER, W


def drop_footers(docx: Path, out: Path) -> None:
    """Write ``docx`` to ``out`` without its footers (see the module doc)."""
    with zipfile.ZipFile(docx) as package:
        document = etree.fromstring(package.read(DOCUMENT), PARSER)
        for reference in list(document.iter(f"{{{W}}}footerReference")):
            reference.getparent().remove(reference)
        rels = drop_relationships(package.read(rels_of(DOCUMENT)),
                                  lambda rel: rel.get("Type") == RT.FOOTER)
        write_cut(package, {DOCUMENT: xml_bytes(document), rels_of(DOCUMENT): rels}, out)
