"""Rendered files -> PDFs, page ranges, stamps, bookmarks and the public and exempt packs."""
