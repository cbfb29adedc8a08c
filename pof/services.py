"""Writes of the POF: the standard agenda of a session, programmatie requests pulled in as
sub-items, the requests' workflow and the forum's advice.

A POF session is a network meeting of the POF body; agenda items are network AgendaItems.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from network.meetings import mails as network_mails
from network.meetings import services as network_services
from network.models import AgendaItem, Body, IllegalTransition, Meeting

from .models import ProgrammatieRequest
from .selectors import is_pof_session
from .tasks import generate_agenda_pdf

K = AgendaItem.Kind
REQUEST_SUBJECT = "pof.programmatierequest"


@dataclass(frozen=True)
class StandardItem:
    kind: str
    title: str
    minutes: int


# The usual agenda of a POF session (DOMAIN.md), in order. Titles are translated when added.
STANDARD_AGENDA = [
    StandardItem(K.APPROVE_MINUTES, gettext_noop("Goedkeuring van het vorige verslag"), 5),
    StandardItem(K.GOOD_PRACTICE, gettext_noop("Goede praktijk van een leerwerkplek"), 20),
    StandardItem(K.LABOUR_MARKET, gettext_noop("VDAB over de regionale arbeidsmarkt"), 20),
    StandardItem(K.REQUEST_PROCEDURE, gettext_noop("Procedure voor de programmatieaanvragen"), 10),
    StandardItem(K.ALIGN_OFFER, gettext_noop("Afstemming van het duale aanbod"), 15),
    StandardItem(K.PROGRAMMATIE, gettext_noop("Programmatieaanvragen"), 0),
    StandardItem(K.NETWORKING, gettext_noop("Netwerkmoment"), 30),
    StandardItem(K.AOB, gettext_noop("Varia"), 5),
]
REQUEST_MINUTES = 10


def pof_body() -> Body:
    return Body.objects.get(kind=Body.Kind.POF, active=True)


def _require_session(meeting: Meeting) -> None:
    if not is_pof_session(meeting):
        raise ValidationError(_("Dit is geen zitting van het POF."))


@transaction.atomic
def fill_standard_agenda(*, session: Meeting, actor) -> list[AgendaItem]:
    """Add the standard items the session does not have yet (after what is there), then pull
    in the submitted programmatie requests. Running it twice adds nothing."""
    _require_session(session)
    Meeting.objects.select_for_update().get(pk=session.pk)
    present = set(session.agenda_items.filter(parent=None).values_list("kind", flat=True))
    last = session.agenda_items.filter(parent=None).aggregate(m=Max("position"))["m"] or 0
    added = []
    for offset, standard in enumerate(
        (s for s in STANDARD_AGENDA if s.kind not in present), start=1
    ):
        added.append(
            AgendaItem.objects.create(
                meeting=session,
                kind=standard.kind,
                title=_(standard.title),
                duration_minutes=standard.minutes,
                position=last + offset,
            )
        )
    pull_in_requests(session=session, actor=actor)
    return added


def requests_waiting(today: date | None = None):
    """Submitted requests that are on no agenda yet."""
    return ProgrammatieRequest.objects.filter(
        status=ProgrammatieRequest.Status.SUBMITTED, agenda_item__isnull=True
    ).select_related("provider", "site__postcode", "programme")


@transaction.atomic
def pull_in_requests(*, session: Meeting, actor) -> list[AgendaItem]:
    """One sub-item per submitted request under the session's "Programmatieaanvragen" item
    (created if missing); each request moves to "on agenda"."""
    _require_session(session)
    Meeting.objects.select_for_update().get(pk=session.pk)
    waiting = list(
        requests_waiting()
        .select_for_update(of=("self",))
        .order_by("provider__name", "programme__name", "pk")
    )
    if not waiting:
        return []
    parent = session.agenda_items.filter(parent=None, kind=K.PROGRAMMATIE).first()
    if parent is None:
        parent = network_services.add_agenda_item(
            meeting=session,
            actor=actor,
            title=_("Programmatieaanvragen"),
            kind=K.PROGRAMMATIE,
            duration_minutes=0,
        )
    last = parent.sub_items.aggregate(m=Max("position"))["m"] or 0
    items = []
    for offset, request in enumerate(waiting, start=1):
        item = AgendaItem.objects.create(
            meeting=session,
            parent=parent,
            position=last + offset,
            kind=K.PROGRAMMATIE_REQUEST,
            title=_("%(programme)s – %(provider)s (%(town)s)")
            % {
                "programme": request.programme.name,
                "provider": request.provider.name,
                "town": request.site.postcode.locality,
            },
            duration_minutes=REQUEST_MINUTES,
            subject_type=REQUEST_SUBJECT,
            subject_id=request.pk,
        )
        request.put_on_agenda(session=session, item=item)
        request.save()
        items.append(item)
    return items


# Programmatie requests


@transaction.atomic
def create_request(*, provider, site, programme, school_year, actor, **fields):
    partners = fields.pop("partner_companies", [])
    request = ProgrammatieRequest(
        provider=provider, site=site, programme=programme, school_year=school_year, **fields
    )
    request.full_clean()
    request.save()
    request.partner_companies.set(partners)
    return request


@transaction.atomic
def update_request(*, request: ProgrammatieRequest, actor, **fields):
    request = ProgrammatieRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ProgrammatieRequest.Status.DRAFT:
        raise IllegalTransition(_("Een ingediende aanvraag pas je niet meer aan."))
    partners = fields.pop("partner_companies", None)
    for name, value in fields.items():
        setattr(request, name, value)
    request.full_clean()
    request.save()
    if partners is not None:
        request.partner_companies.set(partners)
    return request


@transaction.atomic
def submit_request(*, request: ProgrammatieRequest, actor, today: date | None = None):
    request = ProgrammatieRequest.objects.select_for_update().get(pk=request.pk)
    request.submit(by=actor if getattr(actor, "is_authenticated", False) else None, today=today)
    request.save()
    return request


@transaction.atomic
def record_advice(*, request: ProgrammatieRequest, advice: str, motivation: str, actor):
    request = ProgrammatieRequest.objects.select_for_update().get(pk=request.pk)
    request.record_advice(advice=advice, motivation=motivation)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def forward_request(*, request: ProgrammatieRequest, actor):
    request = ProgrammatieRequest.objects.select_for_update().get(pk=request.pk)
    request.forward()
    request.save()
    return request


@transaction.atomic
def withdraw_request(*, request: ProgrammatieRequest, actor):
    request = ProgrammatieRequest.objects.select_for_update().get(pk=request.pk)
    request.withdraw()
    request.save()
    if request.agenda_item_id:
        network_services.delete_agenda_item(item=request.agenda_item, actor=actor)
    return request


# The agenda PDF: generated by a Celery task, stored per version, mailed with one click


@transaction.atomic
def request_agenda_pdf(*, session: Meeting, actor):
    """A new version of the agenda PDF, made by the worker once this transaction commits."""
    from .models import AgendaPdf

    _require_session(session)
    Meeting.objects.select_for_update().get(pk=session.pk)
    last = session.agenda_pdfs.aggregate(m=Max("version"))["m"] or 0
    pdf = AgendaPdf.objects.create(
        meeting=session,
        version=last + 1,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    generate_agenda_pdf.delay(pdf.pk)  # sent once this transaction commits (PortalTask)
    return pdf


@transaction.atomic
def mail_agenda(*, pdf, actor) -> int:
    """Mail a ready agenda PDF to every invitee of the session (once per version)."""
    import base64

    from steunpunt.core.outbox import Priority, enqueue_messages, templated_message

    from .models import AgendaPdf

    pdf = AgendaPdf.objects.select_for_update().select_related("meeting__body").get(pk=pdf.pk)
    if pdf.status != AgendaPdf.Status.READY:
        raise IllegalTransition(_("De agenda-PDF is nog niet klaar."))
    session = pdf.meeting
    with pdf.file.open("rb") as handle:
        content = base64.b64encode(handle.read()).decode("ascii")
    attachment = {
        "filename": f"agenda-{session.starts_at:%Y-%m-%d}-v{pdf.version}.pdf",
        "mimetype": "application/pdf",
        "content_base64": content,
    }
    messages = []
    for invitation in session.invitations.select_related("person"):
        messages.append(
            templated_message(
                "pof_agenda",
                email=invitation.email,
                name=str(invitation.person),
                attachments=[attachment],
                context={
                    "invitation": invitation,
                    "session": session,
                    "version": pdf.version,
                    "starts_at": timezone.localtime(session.starts_at),
                    "meeting_url": network_mails.meeting_url(session),
                },
            )
        )
    new = enqueue_messages(
        batch=f"pof.agenda:{session.pk}:v{pdf.version}", messages=messages, priority=Priority.BULK
    )
    pdf.mailed_at = timezone.now()
    pdf.save(update_fields=["mailed_at"])
    return new


@transaction.atomic
def add_request_attachment(*, request: ProgrammatieRequest, title: str, upload, actor):
    """Attach a document to a draft request; its type and size are checked on its content."""
    from network.meetings.documents import inspect_document

    from .models import RequestAttachment

    request = ProgrammatieRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ProgrammatieRequest.Status.DRAFT:
        raise IllegalTransition(_("Bij een ingediende aanvraag voeg je geen bijlagen meer toe."))
    extension, mimetype = inspect_document(upload)
    attachment = RequestAttachment(
        request=request,
        title=(title or "").strip() or upload.name[:200],
        extension=extension,
        mimetype=mimetype,
        size=upload.size,
    )
    attachment.file.save(f"{attachment.uuid}.{extension}", upload, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment
