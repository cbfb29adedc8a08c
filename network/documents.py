"""What a meeting document may be: decided by its content, never by its name or the browser.

PDF, the Office Open XML and OpenDocument formats (checked inside their zip), PNG and JPEG, up
to NETWORK_DOCUMENT_MAX_MB. Anything else (an executable renamed to .pdf, a macro-enabled
.docm, an HTML page) is refused with a Dutch message.
"""

import zipfile

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
        found = _office_type(upload)
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


def _office_type(upload) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if any(name.rsplit("/", 1)[-1] in MACRO_MEMBERS for name in names):
                return None
            for member, found in OOXML.items():
                if member in names:
                    return found
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in OPENDOCUMENT:
                    return OPENDOCUMENT[mimetype], mimetype
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None
