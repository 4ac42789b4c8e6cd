#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes metadata.pdf: a two-page PDF whose Info dictionary and XMP packet
# each hold some of the document's metadata, so a test can see that the
# extractor takes the Info dictionary first and fills its gaps from XMP.
# Plain PDF 1.4 syntax (ISO 32000-1) with the standard Helvetica font; run
# with python3 from this folder: ./make-metadata-pdf.py > metadata.pdf
import sys

from pdf_file import PdfObjects

PAGES = [
    "Annual review of the helpline. Volunteers answered callers every weekday.",
    "Second page: the volunteers' training programme and its certificates.",
]

# Info: a title and a creation date only (no Author, Subject, Keywords,
# ModDate), so everything else must come from XMP.
INFO = b"<< /Title (Helpline Annual Review) /CreationDate (D:20190312093000Z) >>"

# XMP: its own title and creation date (which must lose to Info's), and the
# fields Info lacks. ModifyDate in attribute form, the rest as elements;
# non-ASCII names in UTF-8, as XMP requires.
XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmp:ModifyDate="2019-04-02T11:00:00+02:00">
   <dc:title><rdf:Alt>
    <rdf:li xml:lang="fr-BE">Rapport annuel de la ligne d'écoute</rdf:li>
    <rdf:li xml:lang="x-default">XMP title that Info overrides</rdf:li>
   </rdf:Alt></dc:title>
   <dc:creator><rdf:Seq>
    <rdf:li>Anaïs Lefèvre</rdf:li>
    <rdf:li>Pieter Janssens</rdf:li>
   </rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">Figures on safeguarding calls answered by volunteers</rdf:li>
   </rdf:Alt></dc:description>
   <dc:subject><rdf:Bag>
    <rdf:li>grooming</rdf:li>
    <rdf:li>sextortion</rdf:li>
   </rdf:Bag></dc:subject>
   <xmp:CreateDate>2018-01-01T00:00:00Z</xmp:CreateDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>""".encode("utf-8")


def text_stream(line):
    escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /F1 11 Tf 56 760 Td ({escaped}) Tj ET".encode("latin-1")


def main():
    objects = PdfObjects()
    add = objects.add

    catalog = add(None)
    pages = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    metadata = add(b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(XMP) + XMP +
                   b"\nendstream")
    info = add(INFO)
    kids = []
    for line in PAGES:
        content = text_stream(line)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" %
                        (pages, font, stream)))
    objects.set(catalog, b"<< /Type /Catalog /Pages %d 0 R /Metadata %d 0 R >>" % (pages, metadata))
    objects.set(pages, b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) +
                b"] /Count %d >>" % len(kids))

    sys.stdout.buffer.write(objects.serialise(catalog, info))


if __name__ == "__main__":
    main()
