"""The zip check of an uploaded document is bounded and never raises: a zip bomb, an encrypted
or corrupt archive or an unusual compression method gets a Dutch form error, not a 500, and
checking a 1 GiB-inflating entry costs a fresh process no memory worth speaking of."""

import io
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from network.meetings import documents
from network.meetings.documents import inspect_document
from tests.network.factories import ProgrammatieRequestFactory

ODT = b"application/vnd.oasis.opendocument.text"
GIB = 1024 * 1024 * 1024
REPO = Path(__file__).resolve().parents[2]


def upload(content: bytes, name="document.odt"):
    return SimpleUploadedFile(name, content)


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def patch_headers(data: bytes, *, flag_bits=None, method=None) -> bytes:
    """Rewrite the general-purpose flags or the compression method in the local and central
    headers of every member (what a hostile or broken tool produces)."""
    data = bytearray(data)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if flag_bits is not None:
                struct.pack_into("<H", data, start + flag_at, flag_bits)
            if method is not None:
                struct.pack_into("<H", data, start + method_at, method)
            start += 4
    return bytes(data)


def corrupt_deflate() -> bytes:
    """A valid zip whose deflate stream for `mimetype` is garbage."""
    data = bytearray(zip_of({"mimetype": ODT * 40}))
    body = data.find(b"PK\x03\x04") + 30 + len("mimetype")  # after the local header
    data[body : body + 20] = b"\xff" * 20
    return bytes(data)


def write_bomb(path: Path, size: int = GIB) -> None:
    """An OpenDocument-looking zip whose `mimetype` entry inflates to `size` bytes (~1 MB on
    disk), written in blocks so making it costs no memory either."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("mimetype")
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = size
        with archive.open(info, "w", force_zip64=True) as member:
            block = ODT + b"\0" * (1024 * 1024 - len(ODT))
            member.write(block)
            zeros = b"\0" * (1024 * 1024)
            for _ in range(size // len(zeros) - 1):
                member.write(zeros)
        archive.writestr("content.xml", b"<office:document-content/>")


def test_an_opendocument_reads_only_the_start_of_its_mimetype(monkeypatch):
    """The `mimetype` entry is read with a bound: a long entry is never read whole."""
    read = []
    original = documents._read_start

    def spy(archive, name, limit):
        data = original(archive, name, limit)
        read.append((limit, len(data)))
        return data

    monkeypatch.setattr(documents, "_read_start", spy)
    content = zip_of({"mimetype": ODT + b"\n" + b"x" * 100_000})
    with pytest.raises(ValidationError):
        inspect_document(upload(content))
    assert read == [(documents.MIMETYPE_READ_LIMIT, documents.MIMETYPE_READ_LIMIT)]


def test_a_declared_zip_bomb_is_refused_before_inflating(tmp_path):
    path = tmp_path / "bom.odt"
    write_bomb(path, size=64 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        inspect_document(upload(path.read_bytes()))
    assert refused.value.code == "damaged"
    assert "beschadigd, versleuteld of ongewoon sterk samengeperst" in str(refused.value)


@pytest.mark.parametrize(
    ("label", "content"),
    [
        ("encrypted", patch_headers(zip_of({"mimetype": ODT}), flag_bits=0x1)),
        ("bzip2", zip_of({"mimetype": ODT}, compression=zipfile.ZIP_BZIP2)),
        ("unknown method 99", patch_headers(zip_of({"mimetype": ODT}), method=99)),
        ("corrupt deflate data", corrupt_deflate()),
    ],
)
def test_an_archive_that_cannot_be_checked_gets_a_dutch_error(label, content):
    with pytest.raises(ValidationError) as refused:
        inspect_document(upload(content))
    assert refused.value.code == "damaged", label


def test_a_real_opendocument_and_a_crc_error(tmp_path):
    assert inspect_document(upload(zip_of({"mimetype": ODT})))[0] == "odt"
    data = bytearray(zip_of({"mimetype": ODT}, compression=zipfile.ZIP_STORED))
    data[data.find(ODT)] ^= 0x01  # one flipped bit in the stored bytes: a CRC mismatch
    with pytest.raises(ValidationError) as refused:
        inspect_document(upload(bytes(data)))
    assert refused.value.code == "damaged"


@pytest.mark.django_db
def test_a_broken_zip_attached_to_a_pof_request_is_a_form_error(client, school_contact, school):
    """The school contact sees the Dutch message on the page, not a server error."""
    client.force_login(school_contact)
    request = ProgrammatieRequestFactory(provider=school, site=school.sites.first())
    broken = patch_headers(zip_of({"mimetype": ODT}), flag_bits=0x1)
    url = reverse("pof:attachment_add", args=[request.uuid])
    response = client.post(
        url, {"title": "Plan", "file": SimpleUploadedFile("plan.odt", broken)}, follow=True
    )
    assert response.status_code == 200
    assert "ongewoon sterk samengeperst" in response.content.decode()
    assert not request.attachments.exists()


CHILD = r"""
import os, resource, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunpunt.settings")
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from network.meetings.documents import inspect_document

data = open(sys.argv[1], "rb").read()
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    inspect_document(SimpleUploadedFile("bom.odt", data))
    outcome = "accepted"
except ValidationError as error:
    outcome = error.code
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(outcome, start, peak)
"""


def test_a_gib_zip_bomb_costs_a_fresh_process_under_50_mb(tmp_path):
    """In a fresh interpreter (a reused test worker's earlier peak would hide the cost): the
    peak resident size after checking a 1 GiB-inflating upload stays < 50 MB above the start."""
    path = tmp_path / "bom.odt"
    write_bomb(path)
    assert path.stat().st_size < 2 * 1024 * 1024
    env = {**os.environ, "TESTING": "1", "PYTHONPATH": str(REPO)}
    env.pop("DATABASE_URL", None)  # the check needs no database
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outcome, start_kb, peak_kb = done.stdout.split()
    grown_mb = (int(peak_kb) - int(start_kb)) / 1024
    print(f"zip bomb check: {outcome}, peak grew {grown_mb:.1f} MB")
    assert outcome == "damaged"
    assert grown_mb < 50
