"""/media/: only the files anyone may see, never an upload that belongs to someone.

Every stored file is either public or private, by the folder its `upload_to` puts it in:

public (shown on public pages through `<field>.url`):
  campaigns/previews/   Material.preview_image (kit page, campaign page)
  quiz/                 QuizQuestion.image (the class quiz)

private (each has its own download view that checks who asks):
  campaigns/materials/  MaterialFile.file: kit.file_download (drafts only for coordinators)
  campaigns/kits/       KitArchive.file: kit.kit_zip (drafts only for coordinators)
  campaigns/folders/    ParentFolder.pdf: folders.folder_download (the school, coordinators)
  campaigns/folder-logos/  ParentFolder.logo: only read into the folder PDF, never served
  network/documents/    MeetingDocument.file: network.document_download
  pof/requests/         RequestAttachment.file: pof.attachment_download
  pof/agendas/          AgendaPdf.file: pof.agenda_pdf_download

A new folder is private until it is added to PUBLIC_MEDIA_PREFIXES
(tests/core/test_media_serving.py fails for a file field it does not know).

The view only serves when MEDIA_SERVE_PUBLIC is on (default: DEBUG); in production the web
server may serve the public folders itself, and nothing else under MEDIA_ROOT.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

PUBLIC_MEDIA_PREFIXES = ("campaigns/previews/", "quiz/")


def public_media_name(path: str) -> str | None:
    """The storage name of `path` when it is a plain path in a public folder, else None.

    Refuses anything that could step out of the folder or be read two ways: empty, `.` or
    `..` components, backslashes, NUL bytes, a leading slash.
    """
    if not path or "\\" in path or "\x00" in path:
        return None
    if any(part in ("", ".", "..") for part in path.split("/")):
        return None
    if not path.startswith(PUBLIC_MEDIA_PREFIXES):
        return None
    return path


@require_safe
def public_media(request, path):
    """A public file from the media storage; 404 for anything else, whoever asks."""
    if not settings.MEDIA_SERVE_PUBLIC:
        raise Http404
    name = public_media_name(path)
    if name is None:
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation) as error:  # missing, a folder, outside the root
        raise Http404 from error
    content_type, _encoding = mimetypes.guess_type(name)
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    # An upload is never a page: no scripts, no forms, even if a browser were to render it.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
