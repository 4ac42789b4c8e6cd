#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes japanese.pdf: a one-page PDF whose Japanese text is shown through a
# CID-keyed font (Adobe-Japan1, encoding UniJIS-UCS2-H, not embedded), the way
# real Japanese PDFs are (e.g. Debian's developers-reference.ja.pdf). Poppler
# needs poppler-data's CMaps to turn those codes back into text: without
# them it reports "Missing language pack for 'Adobe-Japan1' mapping" and the
# Japanese text is lost. Plain PDF 1.4 syntax (ISO 32000-1, 9.7); our own
# text, no third-party content. Run with python3 from this folder:
#   ./make-japanese-pdf.py > japanese.pdf
import sys

from pdf_file import PdfObjects

LINES = [
    "日本語の文書です。",
    "人身取引の被害者を支援する。",
]


def text_stream():
    parts = [b"BT /F1 14 Tf 56 760 Td 18 TL"]
    for line in LINES:
        parts.append(b"<" + line.encode("utf-16-be").hex().upper().encode() + b"> Tj T*")
    parts.append(b"ET")
    return b" ".join(parts)


def main():
    objects = PdfObjects()
    add = objects.add

    catalog = add(None)
    pages = add(None)
    descriptor = add(b"<< /Type /FontDescriptor /FontName /Ryumin-Light /Flags 6 "
                     b"/FontBBox [-170 -331 1024 903] /ItalicAngle 0 /Ascent 723 "
                     b"/Descent -241 /CapHeight 709 /StemV 69 >>")
    cid_font = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Ryumin-Light "
                   b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> "
                   b"/FontDescriptor %d 0 R /DW 1000 >>" % descriptor)
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /Ryumin-Light-UniJIS-UCS2-H "
               b"/Encoding /UniJIS-UCS2-H /DescendantFonts [%d 0 R] >>" % cid_font)
    info = add(b"<< /Title (Japanese text in a CID-keyed font) >>")
    content = text_stream()
    stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    page = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
               b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" %
               (pages, font, stream))
    objects.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    objects.set(pages, b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)

    sys.stdout.buffer.write(objects.serialise(catalog, info))


if __name__ == "__main__":
    main()
