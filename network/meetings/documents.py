"""What a meeting document may be: decided by its content, never by its name or the browser.

PDF, the Office Open XML and OpenDocument formats (checked inside their zip), PNG and JPEG, up
to NETWORK_DOCUMENT_MAX_MB. Anything else (an executable renamed to .pdf, a macro-enabled
.docm, an HTML page) is refused with a Dutch message.

The zip check is bounded whatever the upload claims: it reads only the central directory and at
most MIMETYPE_READ_LIMIT bytes of one entry, refuses an archive whose declared uncompressed size
or compression ratio is out of proportion (a zip bomb), and answers an archive that is
encrypted, uses a compression method other than stored/deflate, or has corrupt data with a
Dutch form error instead of an exception.
"""

import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Office formats: a member of the zip that only that format has, and the extension it gets.
_OOXML = "application/vnd.openxmlformats-officedocument."
OOXML = {
    "word/document.xml": ("docx", _OOXML + "wordprocessingml.document"),
    "xl/workbook.xml": ("xlsx", _OOXML + "spreadsheetml.sheet"),
    "ppt/presentation.xml": ("pptx", _OOXML + "presentationml.presentation"),
}
OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
MACRO_MEMBERS = ("vbaProject.bin",)
# The OpenDocument `mimetype` entry is one short line; nothing longer is ever read of it.
MIMETYPE_READ_LIMIT = 256
# An archive may declare at most this many uncompressed bytes in all (real Office and
# OpenDocument files stay far below it) ...
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
# ... and no entry larger than 1 MiB may inflate more than this many times (text-heavy XML
# compresses up to ~30x; a bomb of zeros ~1000x).
MAX_COMPRESSION_RATIO = 200
RATIO_APPLIES_ABOVE = 1024 * 1024
MAX_MEMBERS = 10_000
SUPPORTED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class _DamagedArchive(Exception):
    """The zip cannot be checked safely: refused with a Dutch message."""


def max_bytes() -> int:
    return settings.NETWORK_DOCUMENT_MAX_MB * 1024 * 1024


def inspect_document(upload) -> tuple[str, str]:
    """(extension, mimetype) of an acceptable document; a Dutch ValidationError otherwise."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("Het bestand is %(size)s groot. Het mag hoogstens %(max)s zijn.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes())},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg", "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            found = _office_type(upload)
        except _DamagedArchive:
            raise ValidationError(
                _(
                    "Dit bestand is beschadigd, versleuteld of ongewoon sterk samengeperst, "
                    "en kan daarom niet gecontroleerd worden. Sla het opnieuw op (zonder "
                    "wachtwoord) en probeer nog eens, of kies een PDF."
                ),
                code="damaged",
            ) from None
        finally:
            upload.seek(0)
        if found:
            return found
    raise ValidationError(
        _(
            "Dit soort bestand kan je niet opladen. Kies een PDF, een Word-, Excel- of "
            "PowerPoint-bestand (zonder macro's), een OpenDocument-bestand, PNG of JPEG."
        ),
        code="type",
    )


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse what cannot be read safely, before a single byte is inflated."""
    if len(infos) > MAX_MEMBERS:
        raise _DamagedArchive("too many members")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _DamagedArchive("encrypted member")
        if info.compress_type not in SUPPORTED_COMPRESSION:
            raise _DamagedArchive("unsupported compression")
        total += info.file_size
        if info.file_size > RATIO_APPLIES_ABOVE and (
            info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        ):
            raise _DamagedArchive("compression ratio")
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _DamagedArchive("declared size")


def _read_start(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most `limit` inflated bytes of one member, whatever its header declares."""
    with archive.open(name) as member:
        return member.read(limit)


def _office_type(upload) -> tuple[str, str] | None:
    """The Office/OpenDocument type of a zip upload; None for any other zip."""
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            _check_members(infos)
            names = {info.filename for info in infos}
            if any(name.rsplit("/", 1)[-1] in MACRO_MEMBERS for name in names):
                return None
            for member, found in OOXML.items():
                if member in names:
                    return found
            if "mimetype" in names:
                mimetype = _read_start(archive, "mimetype", MIMETYPE_READ_LIMIT)
                mimetype = mimetype.decode("ascii", "replace").strip()
                if mimetype in OPENDOCUMENT:
                    return OPENDOCUMENT[mimetype], mimetype
    except zipfile.BadZipFile as exc:
        # Not a zip after all (a broken central directory), or a member's data is corrupt.
        if "CRC" in str(exc) or "Bad magic number" in str(exc):
            raise _DamagedArchive(str(exc)) from exc
        return None
    except (
        NotImplementedError,  # a compression method zipfile cannot read
        RuntimeError,  # an encrypted member
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        KeyError,
        OverflowError,
    ) as exc:
        raise _DamagedArchive(f"{type(exc).__name__}: {exc}") from exc
    return None
