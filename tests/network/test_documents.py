"""Meeting documents are judged by their content, never by their name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from network.meetings.documents import inspect_document


def upload(content: bytes, name="bestand.pdf"):
    return SimpleUploadedFile(name, content)


def office(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0....", "jpg"),
        (office({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}), "docx"),
        (office({"xl/workbook.xml": b"<x/>"}), "xlsx"),
        (office({"ppt/presentation.xml": b"<p/>"}), "pptx"),
        (office({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
    ],
)
def test_accepted_formats(content, expected):
    assert inspect_document(upload(content, name="wat-dan-ook.bin"))[0] == expected


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00 an executable",
        b"<html><script>alert(1)</script></html>",
        office({"word/document.xml": b"<w/>", "word/vbaProject.bin": b"macro"}),
        office({"random.txt": b"just a zip"}),
        b"PK\x03\x04 not really a zip",
    ],
)
def test_refused_content_whatever_the_name(content):
    with pytest.raises(ValidationError, match="Dit soort bestand"):
        inspect_document(upload(content, name="agenda.pdf"))


def test_too_large_and_empty(settings):
    settings.NETWORK_DOCUMENT_MAX_MB = 1
    with pytest.raises(ValidationError, match="hoogstens 1,0"):
        inspect_document(upload(b"%PDF-" + b"0" * (1024 * 1024)))
    with pytest.raises(ValidationError, match="leeg"):
        inspect_document(upload(b""))
