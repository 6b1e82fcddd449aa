"""Small real documents for upload tests, built in memory."""

import io
import struct
import zipfile

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 400


def pdf(size: int | None = None) -> bytes:
    """A valid PDF; padded with a comment to `size` bytes when asked."""
    if size is None or size <= len(PDF):
        return PDF
    padding = size - len(PDF) - 1
    return PDF[:-7] + b"%" + b"x" * padding + b"\n" + b"%%EOF\n"


def docx(macro: bool = False, macro_enabled_type: bool = False) -> bytes:
    """A docx; `macro` adds a vbaProject.bin part, `macro_enabled_type` declares the main part as
    a macro-enabled document (what Word writes for .docm) without such a part."""
    main = ("application/vnd.ms-word.document.macroEnabled.main+xml" if macro_enabled_type
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Bewijs van kwalificatie</w:t></w:r></w:p></w:body></w:document>",
        )
        if macro:
            archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    return buffer.getvalue()


def _ole_entry(name: str, kind: int, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF) -> bytes:
    """One 128-byte directory entry of an OLE (compound) file: name in UTF-16LE, type, tree links."""
    raw = (name + "\0").encode("utf-16-le")
    return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, right, child) + b"\0" * 36
            + struct.pack("<IQ", 0xFFFFFFFE, 0))


def doc(macro: bool = False) -> bytes:
    """A minimal legacy Word (.doc) compound file: a WordDocument stream, and with `macro` a
    `Macros` storage holding a `VBA` storage, as Word saves a document with macros."""
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<I", 0) + b"\xff" * 4 * 108)
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE).ljust(512, b"\xff")
    entries = [_ole_entry("Root Entry", 5, child=1),
               _ole_entry("WordDocument", 2, right=2 if macro else 0xFFFFFFFF)]
    if macro:
        entries += [_ole_entry("Macros", 1, child=3), _ole_entry("VBA", 1)]
    directory = b"".join(entries).ljust(512, b"\0")
    return header + fat + directory


HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def zip_bomb(unpacked: int = 0, entries: int = 0) -> bytes:
    """A docx-looking zip that unpacks to `unpacked` bytes of zeros (a few KB packed), or holds
    `entries` extra small entries: refused from the zip's directory, without unpacking."""
    buffer = io.BytesIO(docx())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        if unpacked:
            with archive.open("word/media/zeros.bin", "w", force_zip64=True) as handle:
                block = b"\0" * (1024 * 1024)
                for _ in range(unpacked // len(block)):
                    handle.write(block)
        for n in range(entries):
            archive.writestr(f"word/x{n}.xml", b"<x/>")
    return buffer.getvalue()
