"""The fonts a PDF's pages draw in without embedding them (PDF/UA-1 7.21.4.1): a reader
substitutes a font of its own, of other widths and perhaps without the
glyphs, for a font whose program is not in the file, so the text is not shown as it was laid
out. An officer's PDF made by a tool that leaves the standard fonts out (Helvetica, Arial) is
the usual cause; reportlab's default font was another (the stamps' first ``Tf``).

A font counts as used when the resources of a page, or of a form it draws (recursively), name
it (forms nested deeper than ``FORM_DEPTH`` are not read: a hostile file cannot exhaust the
stack); a Type 3 font is drawn by the file's own glyph procedures and needs no program.
"""

from __future__ import annotations

from pikepdf import Array, Dictionary, Name, Pdf, Stream

FONT_PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")
FORM_DEPTH = 32


def unembedded_fonts(pdf: Pdf) -> list[tuple[int, str]]:
    """(0-based page, font name) of each font a page uses without its program, each once per
    page, the names sorted. Resources and forms shared by pages are read once."""
    reader = _Reader()
    return [(n, name) for n, page in enumerate(pdf.pages)
            for name in sorted(reader.unembedded(page.obj.get("/Resources")))]


class _Reader:
    def __init__(self) -> None:
        self.known: dict[tuple[int, int], frozenset[str]] = {}
        """Indirect resources or forms read -> the unembedded fonts they use."""
        self.reading: set[tuple[int, int]] = set()
        """Forms being read (a form that draws itself is read once)."""

    def unembedded(self, resources: object, depth: int = 0) -> frozenset[str]:
        """The names of the unembedded fonts ``resources`` and the forms it names use."""
        if not isinstance(resources, Dictionary) or depth > FORM_DEPTH:
            return frozenset()
        key = resources.objgen
        if key in self.known:
            return self.known[key]
        names: set[str] = set()
        fonts = resources.get("/Font")
        if isinstance(fonts, Dictionary):
            names.update(_name(font) for font in fonts.values()
                         if isinstance(font, Dictionary) and not _embedded(font))
        xobjects = resources.get("/XObject")
        if isinstance(xobjects, Dictionary):
            for form in xobjects.values():
                names.update(self._form(form, depth + 1))
        found = frozenset(names)
        if key != (0, 0):
            self.known[key] = found
        return found

    def _form(self, form: object, depth: int) -> frozenset[str]:
        if not isinstance(form, Stream) or form.get("/Subtype") != Name.Form \
                or form.objgen in self.reading:
            return frozenset()
        if form.objgen in self.known:
            return self.known[form.objgen]
        self.reading.add(form.objgen)
        found = self.unembedded(form.get("/Resources"), depth)
        self.reading.discard(form.objgen)
        self.known[form.objgen] = found
        return found


def _embedded(font: Dictionary) -> bool:
    """Whether ``font``'s program is in the file (a Type 0 font's is its descendant's)."""
    subtype = font.get("/Subtype")
    if subtype == Name.Type3:
        return True
    if subtype == Name.Type0:
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, Array) or not len(descendants) \
                or not isinstance(descendants[0], Dictionary):
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, Dictionary) and any(key in descriptor for key in FONT_PROGRAMS)


def _name(font: Dictionary) -> str:
    """'Helvetica' of /Helvetica, 'Arial' of /ABCDEF+Arial (a subset's tag dropped)."""
    return str(font.get("/BaseFont", "an unnamed font")).lstrip("/").split("+")[-1]
