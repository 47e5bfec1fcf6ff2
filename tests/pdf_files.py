"""Small PDF files made byte by byte for the reader's tests (no PDF library writes them, so each is exactly what its
name says): text pages, an image-only ("scanned") page, an encrypted file."""

from __future__ import annotations

import io
import zlib


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF of the given objects (object 1 is the catalog), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra,
                                                                                   xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(pages: list[str]) -> bytes:
    """One page per string, the string written in Helvetica (ASCII only)."""
    count = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, text in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(_stream(b"BT /F1 12 Tf 72 760 Td (%s) Tj ET" % text.encode("ascii")))
    return _pdf(objects)


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages that are only an image (a grey 8x8 picture stretched over the page), as a scanner makes them."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages))
    image = _stream(zlib.compress(bytes(range(64))), b"/Type /XObject /Subtype /Image /Width 8 /Height 8 "
                                                      b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode ")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages), image]
    for i in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(_stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"))
    return _pdf(objects)


def encrypted_pdf() -> bytes:
    """A text PDF under the standard security handler whose user password is not empty (it needs a password)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               _stream(b"\x8a\x13\x07\x99\x42\x10\xfe\x01"),
               b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -44 >>"]
    return _pdf(objects, b"/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")


def single_page_pdf(compressed_content: bytes, fonts: bool = False) -> bytes:
    """One page whose content stream is ``compressed_content`` (Flate), with Helvetica as /F1 when ``fonts``."""
    resources = b"/Resources << /Font << /F1 3 0 R >> >> " if fonts else b""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + resources + b"/Contents 5 0 R >>",
               _stream(compressed_content, b"/Filter /FlateDecode ")]
    return _pdf(objects)


def mixed_pdf(pages: list[str | None]) -> bytes:
    """A text page (Helvetica, ASCII) for each string and an image-only ("scanned") page for each None."""
    count = len(pages)
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(count))
    image = _stream(zlib.compress(bytes(range(64))), b"/Type /XObject /Subtype /Image /Width 8 /Height 8 "
                                                      b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode ")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", image]
    for i, text in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> "
                       b"/XObject << /Im1 4 0 R >> >> /Contents %d 0 R >>" % (6 + 2 * i))
        content = (b"q 595 0 0 842 0 0 cm /Im1 Do Q BT /F1 12 Tf 280 40 Td (%d) Tj ET" % (i + 1) if text is None
                   else b"BT /F1 12 Tf 72 760 Td (%s) Tj ET" % text.encode("ascii"))
        objects.append(_stream(content))
    return _pdf(objects)


def permissions_pdf() -> bytes:
    """An encrypted file whose permissions forbid everything (/P 0, RC4 128-bit, revision 3), as a PDF tool makes
    with an owner password only: pdfminer can't open it (its permission bits don't fit its unsigned field)."""
    return encrypted_pdf().replace(b"/V 1 /R 2", b"/V 2 /R 3 /Length 128").replace(b"/P -44", b"/P 0")
