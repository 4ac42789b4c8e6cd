# SPDX-License-Identifier: GPL-2.0-or-later
# The part of a PDF 1.4 file every fixture generator here shares: numbered
# objects, the cross-reference table and the trailer (ISO 32000-1, 7.5).
# The generators (make-*.py) build the objects; this writes the file.


class PdfObjects:
    """A PDF's indirect objects, numbered from 1 in the order they are added."""

    def __init__(self):
        self.bodies = []

    def add(self, body):
        """Adds an object (None: to be set later) and returns its number."""
        self.bodies.append(body)
        return len(self.bodies)

    def set(self, number, body):
        self.bodies[number - 1] = body

    def serialise(self, catalog, info):
        """The whole file, with `catalog` as its Root and `info` as its Info."""
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.bodies, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.bodies) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
        out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" %
                (len(self.bodies) + 1, catalog, info, xref))
        return bytes(out)
