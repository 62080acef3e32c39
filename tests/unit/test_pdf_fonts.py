"""A page uses a font without embedding it when its resources, or those of a form it draws,
name a font whose program is not in the file: PDF/UA asks for every font's program, so a
reader shows the text as it was laid out. Small PDFs made with pikepdf in the test."""

from __future__ import annotations

from pikepdf import Array, Dictionary, Name, Pdf, Stream

from builder.inspection.pdf_fonts import unembedded_fonts


def font(pdf: Pdf, name: str, embedded: bool) -> Dictionary:
    descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/" + name))
    if embedded:
        descriptor.FontFile2 = Stream(pdf, b"glyphs")
    return pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.TrueType,
                                        BaseFont=Name("/" + name), FontDescriptor=descriptor))


def composite(pdf: Pdf, name: str, embedded: bool) -> Dictionary:
    descendant = font(pdf, name, embedded)
    descendant.Subtype = Name.CIDFontType2
    return pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type0,
                                        BaseFont=Name("/" + name),
                                        DescendantFonts=Array([descendant])))


def form(pdf: Pdf, fonts: Dictionary, xobjects: dict[str, Stream] | None = None) -> Stream:
    made = Stream(pdf, b"BT ET", Type=Name.XObject, Subtype=Name.Form,
                  BBox=Array([0, 0, 10, 10]))
    made.Resources = Dictionary(Font=fonts, XObject=Dictionary(xobjects or {}))
    return pdf.make_indirect(made)


def pages(pdf: Pdf, *resources: Dictionary) -> Pdf:
    for found in resources:
        pdf.add_blank_page(page_size=(200, 200))
        pdf.pages[-1].obj.Resources = found
    return pdf


class DescribeUnembeddedFonts:
    def it_names_each_font_without_its_program_on_its_page(self) -> None:
        pdf = Pdf.new()
        pages(pdf, Dictionary(Font=Dictionary(F1=font(pdf, "ABCDEF+Carlito", True),
                                              F2=font(pdf, "Helvetica", False))),
              Dictionary(Font=Dictionary(F1=font(pdf, "QWERTY+Arial", False),
                                         F2=font(pdf, "Helvetica-Bold", False))))

        assert unembedded_fonts(pdf) == [(0, "Helvetica"), (1, "Arial"), (1, "Helvetica-Bold")]

    def it_reads_a_composite_font_by_its_descendant(self) -> None:
        pdf = Pdf.new()
        pages(pdf, Dictionary(Font=Dictionary(F1=composite(pdf, "Embedded", True),
                                              F2=composite(pdf, "Missing", False))))

        assert unembedded_fonts(pdf) == [(0, "Missing")]

    def it_needs_no_program_for_a_type3_font(self) -> None:
        pdf = Pdf.new()
        drawn = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type3,
                                             CharProcs=Dictionary()))
        pages(pdf, Dictionary(Font=Dictionary(T1=drawn)))

        assert unembedded_fonts(pdf) == []

    def it_looks_into_the_forms_a_page_draws_on_every_page_sharing_them(self) -> None:
        pdf = Pdf.new()
        inner = form(pdf, Dictionary(F1=font(pdf, "Helvetica", False)))
        stamp = form(pdf, Dictionary(F1=font(pdf, "Carlito", True)), {"/Inner": inner})
        stamp.Resources.XObject.Self = stamp  # a form that draws itself is read once
        shared = pdf.make_indirect(Dictionary(XObject=Dictionary(Stamp=stamp)))
        pages(pdf, shared, shared, Dictionary())

        assert unembedded_fonts(pdf) == [(0, "Helvetica"), (1, "Helvetica")]

    def it_reads_a_hostile_nesting_of_forms_without_exhausting_the_stack(self) -> None:
        pdf = Pdf.new()
        deepest = form(pdf, Dictionary(F1=font(pdf, "Helvetica", False)))
        shallow = form(pdf, Dictionary(F1=font(pdf, "Arial", False)))
        for _ in range(5000):
            deepest = form(pdf, Dictionary(), {"/Inner": deepest})
        broken = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type0,
                                              BaseFont=Name.Broken, DescendantFonts=Dictionary()))
        pages(pdf, Dictionary(Font=Dictionary(F1=broken),
                              XObject=Dictionary(Deep=deepest, Shallow=shallow)))

        assert unembedded_fonts(pdf) == [(0, "Arial"), (0, "Broken")]
