"""The agenda PDF of a POF session and the advice letter of a programmatie request.

The annex of each request shows key figures for its subregion and programme, asked from the
core's figure registry: pof never imports matchmaking, and a figure no app provides is left
out instead of failing the PDF. Next to them: the values frozen at the last final measurement
moment for the same programme and subregion (asked from the core's frozen-figures port, which
the dashboard provides; see pof.selectors.frozen_figures_for_requests), with the change since
the final moment before.

`build_agenda_pdf(pdf_id=...)` is the work of the task pof.tasks.generate_agenda_pdf: it renders
and stores one queued version (services → tasks → this module, one way).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Meeting
from steunpunt.core.figures import registry
from steunpunt.core.pdf import render_pdf

from . import selectors
from .models import AgendaPdf, ProgrammatieRequest

# The figures of a request's annex, in order: (registry name, label).
ANNEX_FIGURES = [
    ("matchmaking.recognised_sites", _("Erkende vestigingen voor deze opleiding")),
    ("matchmaking.open_workplaces", _("Open leerwerkplekken")),
    ("matchmaking.agreements_running", _("Lopende overeenkomsten")),
    ("matchmaking.learners_searching", _("Lerenden die een werkplek zoeken")),
]


@dataclass(frozen=True)
class AnnexFigure:
    label: str
    value: int | float | None


def annex_figures(request: ProgrammatieRequest) -> list[AnnexFigure]:
    subregion = request.site.postcode.subregion
    known = set(registry.names())
    figures = []
    for name, label in ANNEX_FIGURES:
        if name not in known:
            continue
        allowed = registry.get(name).filters
        filters = {"programme": request.programme}
        if "subregion" in allowed and subregion is not None:
            filters["subregion"] = subregion
        figures.append(AnnexFigure(str(label), registry.value(name, **filters)))
    return figures


def agenda_context(session: Meeting, *, version: int) -> dict:
    requests = list(selectors.requests_of_session(session))
    frozen = selectors.frozen_figures_for_requests(requests)
    invitations = session.invitations.select_related("person", "organisation").order_by(
        "organisation__name", "person__last_name"
    )
    return {
        "session": session,
        "version": version,
        "starts_at": timezone.localtime(session.starts_at),
        "ends_at": timezone.localtime(session.computed_end()),
        "schedule": [s for s in session.schedule() if not s.item.internal],
        "invitations": invitations,
        "annexes": [
            (request, annex_figures(request), frozen.for_request(*selectors.annex_key(request)))
            for request in requests
        ],
        "frozen_moment": frozen.moment,
        "frozen_previous": frozen.previous,
        "generated_at": timezone.localtime(),
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
    }


def render_agenda_pdf(session: Meeting, *, version: int) -> bytes:
    return render_pdf("pdf/pof/agenda.html", agenda_context(session, version=version))


def render_advice_letter(request: ProgrammatieRequest) -> bytes:
    return render_pdf(
        "pdf/pof/advice_letter.html",
        {
            "request": request,
            "today": timezone.localdate(),
            "PORTAL_NAME": settings.PORTAL_NAME,
            "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
        },
    )


def build_agenda_pdf(*, pdf_id: int) -> bool:
    """Render and store one version; a ready version is not rendered again (idempotent)."""
    with transaction.atomic():
        pdf = AgendaPdf.objects.select_for_update().select_related("meeting__body").get(pk=pdf_id)
        if pdf.status == AgendaPdf.Status.READY:
            return False
        content = render_agenda_pdf(pdf.meeting, version=pdf.version)
        pdf.file.save(f"agenda-v{pdf.version}.pdf", ContentFile(content), save=False)
        pdf.status = AgendaPdf.Status.READY
        pdf.error = ""
        pdf.finished_at = timezone.now()
        pdf.save()
    return True


def record_agenda_pdf_failure(*, pdf_id: int, error: str) -> None:
    """The version failed for good: the secretariat sees the error on the session's page."""
    AgendaPdf.objects.filter(pk=pdf_id).exclude(status=AgendaPdf.Status.READY).update(
        status=AgendaPdf.Status.FAILED, error=error[:5000]
    )
