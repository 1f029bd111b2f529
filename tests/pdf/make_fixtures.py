#!/usr/bin/env python3
"""Write the small PDFs the tests read (run from this folder; needs LibreOffice and qpdf for
the laid-out and encrypted ones):

- paged.pdf: fixtures/paged.txt laid out as an office prints it (text_to_fodt.py, repeated
  to run over three pages: running header, `- N -` page numbers), Chinese fonts with ToUnicode;
- encrypted.pdf: paged.pdf with an owner password;
- scanned.pdf: one page that is an image and nothing else, as a scanner makes;
- garbled.pdf: Chinese text in a font that maps its glyphs to no Unicode (a composite
  Identity-H font without ToUnicode), as some old exports do.
"""
import os
import subprocess
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")


def pdf(objects):
    """A PDF of `objects` (the bodies of objects 1..n; 1 is the catalog)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(dictionary, data, compress=True):
    if compress:
        data = zlib.compress(data)
        dictionary += b" /Filter /FlateDecode"
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def scanned():
    pixels = bytes((x * 16 + y * 8) % 256 for y in range(32) for x in range(32))
    content = b"q 595 0 0 842 0 0 cm /Scan Do Q"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /Scan 5 0 R >> >> >>",
        stream(b"", content),
        stream(b"/Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray"
               b" /BitsPerComponent 8", pixels),
    ])


def garbled():
    # Two-byte codes that are glyph ids of a font nobody can map back to text.
    codes = "".join(f"{0x0400 + i * 7:04X}" for i in range(40))
    content = (f"BT /F1 16 Tf 72 760 Td <{codes}> Tj 0 -24 Td <{codes}> Tj ET").encode()
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"", content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859]"
        b" /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>",
    ])


def main():
    with open(os.path.join(FIXTURES, "scanned.pdf"), "wb") as f:
        f.write(scanned())
    with open(os.path.join(FIXTURES, "garbled.pdf"), "wb") as f:
        f.write(garbled())
    fodt = os.path.join(FIXTURES, "paged.fodt")
    subprocess.run(["python3", os.path.join(HERE, "text_to_fodt.py"),
                    os.path.join(FIXTURES, "paged.txt"), fodt, "3"], check=True)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", FIXTURES, fodt],
                   check=True, stdout=subprocess.DEVNULL)
    os.remove(fodt)
    subprocess.run(["qpdf", "--encrypt", "", "owner", "256", "--",
                    os.path.join(FIXTURES, "paged.pdf"), os.path.join(FIXTURES, "encrypted.pdf")],
                   check=True)


if __name__ == "__main__":
    main()
