"""Is this file a PDF or Word document of at most 4 MB (seed 002_d614cd7cf29eebab.txt)? Checked in
order: extension, then content (libmagic), then structure. Pure apart from libmagic."""

import io
import unicodedata
import zipfile
from pathlib import PurePath

import magic

MAX_BYTES = 4 * 1024 * 1024
ALLOWED = {
    ".pdf": {"application/pdf"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".doc": {"application/msword", "application/x-ole-storage", "application/CDFV2"},
}
MACROS = "Word-bestanden met macro's aanvaarden we niet. Sla het op als .docx zonder macro's of als PDF."
# A .doc is an OLE compound file; Word keeps macros in a `Macros` storage (with a `VBA` storage),
# other Office programs in `_VBA_PROJECT_CUR`. Names compare case-insensitively in OLE.
OLE_MACRO_NAMES = {"MACROS", "_VBA_PROJECT_CUR", "VBA"}
# A docx is a zip; refuse one that would unpack to more than this, or holds too many entries.
MAX_UNPACKED = 50 * 1024 * 1024
MAX_ENTRIES = 1000


class UploadRefused(ValueError):
    """Carries the Dutch message shown next to the upload field."""


def clean_name(name: str) -> str:
    """Keep the user's own name, accents included: NFC, no path, no control characters, capped."""
    name = unicodedata.normalize("NFC", PurePath((name or "").replace("\\", "/")).name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 200 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else name[:200]
    return name if name.strip(". ") else "document"  # "..", "...": no name of a file at all


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        raise UploadRefused(f"Het bestand is {megabytes} MB groot. Een document mag hoogstens 4 MB groot zijn.")
    if size == 0:
        raise UploadRefused("Het bestand is leeg.")


def check(name: str, content: bytes) -> str:
    """Return the MIME type of an acceptable document, or raise UploadRefused."""
    check_size(len(content))
    extension = PurePath(name.lower()).suffix
    if extension not in ALLOWED:
        raise UploadRefused("Kies een PDF- of Word-bestand (.pdf, .docx of .doc).")
    detected = magic.from_buffer(content[:65536], mime=True)
    if detected not in ALLOWED[extension]:
        raise UploadRefused(
            "Dit bestand is geen echt PDF- of Word-document, ook al eindigt de naam op "
            f"{extension}. Kies een PDF- of Word-bestand."
        )
    if extension == ".docx":
        _check_docx(content)
    if extension == ".doc":
        _check_doc(content)
    if extension == ".pdf" and b"%%EOF" not in content[-2048:]:
        raise UploadRefused("Dit PDF-bestand is onvolledig of beschadigd. Sla het opnieuw op en probeer nog eens.")
    return detected


def _check_docx(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if len(entries) > MAX_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNPACKED:
                raise UploadRefused("Dit Word-bestand is te groot om te openen.")
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise UploadRefused("Dit Word-bestand is beschadigd. Sla het opnieuw op en probeer nog eens.")
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise UploadRefused(MACROS)
            # A .docm renamed to .docx: the main part declares itself macro-enabled, with or
            # without its vbaProject part. Read as bytes, capped: no XML parser on uploaded input.
            with archive.open("[Content_Types].xml") as types:
                declared = types.read(1024 * 1024).lower()
            if b"macroenabled" in declared or b"vbaproject" in declared:
                raise UploadRefused(MACROS)
    except zipfile.BadZipFile:
        raise UploadRefused("Dit Word-bestand is beschadigd. Sla het opnieuw op en probeer nog eens.")


def _check_doc(content: bytes) -> None:
    """Refuse a legacy Word file that holds macros, without a dependency to read OLE files.

    An OLE file's directory is a run of 128-byte entries in sectors of 512 or 4096 bytes that
    follow a 512-byte header, so every entry starts at a multiple of 128: each such place is read
    as an entry (a UTF-16LE name with its length and a storage or stream type) and its name
    compared with the names of the macro storages.
    """
    for offset in range(512, len(content) - 127, 128):
        if _ole_entry_name(content[offset:offset + 128]) in OLE_MACRO_NAMES:
            raise UploadRefused(MACROS)


def _ole_entry_name(entry: bytes) -> str | None:
    """The upper-cased name of a storage (1) or stream (2) directory entry, or None."""
    length, kind = int.from_bytes(entry[64:66], "little"), entry[66]
    if kind not in (1, 2) or not 2 <= length <= 64 or length % 2:
        return None
    try:
        name = entry[:length].decode("utf-16-le")
    except UnicodeDecodeError:
        return None
    return name[:-1].upper() if name.endswith("\0") else None
