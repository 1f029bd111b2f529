#!/usr/bin/env python3
"""Lay out a plain-text report as an office would print it, as a flat OpenDocument file
for LibreOffice to turn into PDF: A4, justified paragraphs indented by two characters,
numbered headings (一、 （一）) flush and bold, the first line as a centred title, a running
header and a `- N -` page number in the footer.

Usage: text_to_fodt.py REPORT.txt OUT.fodt [REPEAT]   (REPEAT copies of the text, for size)
"""
import re
import sys
from xml.sax.saxutils import escape

HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"
   xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="Noto Serif CJK SC" style:font-name-asian="Noto Serif CJK SC"
    fo:font-size="16pt" style:font-size-asian="16pt"/>
  </style:default-style>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:text-indent="32pt" fo:line-height="28pt"/>
  </style:style>
  <style:style style:name="Heading" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start" fo:line-height="28pt" fo:margin-top="6pt"/>
   <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-bottom="16pt"/>
   <style:text-properties fo:font-size="22pt" style:font-size-asian="22pt"/>
  </style:style>
  <style:style style:name="Furniture" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A4">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
    fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="1cm" fo:margin-bottom="0.5cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="1cm" fo:margin-top="0.5cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4">
   <style:header><text:p text:style-name="Furniture">法治政府建设情况报告（公开版）</text:p></style:header>
   <style:footer><text:p text:style-name="Furniture">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
{body}
 </office:text></office:body>
</office:document>
"""


def main():
    source, out = sys.argv[1], sys.argv[2]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(source, encoding="utf-8-sig") as f:
        lines = [line.strip() for line in f if line.strip()]
    body = []
    for copy in range(repeat):
        for i, line in enumerate(lines):
            if i == 0 and copy == 0 and len(line) <= 40 and not line.endswith("。"):
                style = "Title"
            elif HEADING.match(line) and len(line) <= 40:
                style = "Heading"
            else:
                style = "Body"
            body.append(f'  <text:p text:style-name="{style}">{escape(line)}</text:p>')
    with open(out, "w", encoding="utf-8") as f:
        f.write(TEMPLATE.replace("{body}", "\n".join(body)))


if __name__ == "__main__":
    main()
