#!/usr/bin/python3
"""A PDF another program could have written, for signing tests: IN with an indirect
/AcroForm holding a text field (its widget on page 1), saved with object streams and a
cross-reference stream (PDF 1.5), as most producers do today.

    make_form_pdf.py IN OUT"""
import sys

import pikepdf

pdf = pikepdf.open(sys.argv[1])
page = pdf.pages[0]
field = pdf.make_indirect(pikepdf.Dictionary(
    Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx,
    T=pikepdf.String("name"), V=pikepdf.String("Nguyen Van A"), F=4,
    Rect=pikepdf.Array([100, 700, 300, 720]), P=page.obj))
page.obj.Annots = pdf.make_indirect(pikepdf.Array([field]))
pdf.Root.AcroForm = pdf.make_indirect(pikepdf.Dictionary(Fields=pikepdf.Array([field])))
pdf.save(sys.argv[2], object_stream_mode=pikepdf.ObjectStreamMode.generate)
