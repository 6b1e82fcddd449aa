"""Documents are PDF or Word, at most 4 MB, checked by content (seed 002_d614cd7cf29eebab.txt:
"Deze moeten van het type word- of pdf-formaat zijn. Ze mogen max. 4 MB groot zijn.")."""

import pytest

from portal.uploads.checks import UploadRefused, check, clean_name
from tests import files


def test_pdf_and_docx_are_accepted_by_content():
    assert check("bewijs.pdf", files.pdf()) == "application/pdf"
    assert check("bewijs.docx", files.docx()).endswith("wordprocessingml.document")


def test_a_renamed_executable_is_refused_whatever_its_name():
    for name in ("bewijs.pdf", "bewijs.docx", "bewijs.doc"):
        with pytest.raises(UploadRefused, match="geen echt PDF- of Word-document"):
            check(name, files.EXE)


def test_more_than_4_mb_is_refused_with_the_size():
    with pytest.raises(UploadRefused, match="hoogstens 4 MB"):
        check("groot.pdf", files.pdf(5 * 1024 * 1024))
    assert check("net.pdf", files.pdf(4 * 1024 * 1024)) == "application/pdf"


def test_other_extensions_are_refused():
    with pytest.raises(UploadRefused, match="PDF- of Word-bestand"):
        check("foto.jpg", files.pdf())


def test_a_docx_with_macros_is_refused():
    with pytest.raises(UploadRefused, match="macro"):
        check("bewijs.docx", files.docx(macro=True))


def test_a_truncated_pdf_is_refused():
    with pytest.raises(UploadRefused, match="onvolledig"):
        check("half.pdf", files.pdf()[:60])


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Œuvre.pdf", "Œuvre.pdf"),
        ("法律.pdf", "法律.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\els\\attest, café (1).docx", "attest, café (1).docx"),
        ("a\x00b\nc.pdf", "abc.pdf"),
        ("", "document"),
    ],
)
def test_any_file_name_is_kept_readable_and_safe(name, expected):
    assert clean_name(name) == expected


def test_long_names_are_capped_with_their_extension():
    name = clean_name("x" * 300 + ".pdf")
    assert len(name) == 200 and name.endswith(".pdf")
