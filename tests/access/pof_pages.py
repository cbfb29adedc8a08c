"""Access matrix: the POF pages.

Programmatie requests: school contacts for their own providers (another school's request is a
404), the staff (coordinators, the POF secretariat) for all; company and partner contacts get
a 403. The secretariat's pages and the session pages: staff only. Actions are POST only.
"""

from tests.access.rules import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Rule


def _draft(cast):
    from tests.network.factories import ProgrammatieRequestFactory

    return {"uuid": ProgrammatieRequestFactory(provider=cast["school"]).uuid}


def _submitted(cast):
    from tests.network.factories import ProgrammatieRequestFactory

    request = ProgrammatieRequestFactory(provider=cast["school"])
    request.status = request.Status.SUBMITTED
    request.save()
    return request


def _advised(cast):
    from pof import services

    request = services.record_advice(
        request=_submitted(cast), advice="positive", motivation="Past in het aanbod.", actor=None
    )
    return {"uuid": request.uuid}


def _session(cast):
    from network.models import Body
    from tests.network.factories import MeetingFactory

    return {"uuid": MeetingFactory(body=Body.objects.get(slug="pof")).uuid}


def _ready_pdf(cast):
    from django.core.files.base import ContentFile

    from network.models import Body
    from pof.models import AgendaPdf
    from tests.network.factories import MeetingFactory

    pdf = AgendaPdf(meeting=MeetingFactory(body=Body.objects.get(slug="pof")), version=1)
    pdf.status = AgendaPdf.Status.READY
    pdf.file.save("agenda-v1.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    pdf.save()
    return {"pk": pdf.pk}


def _attachment(cast):
    from django.core.files.base import ContentFile

    from pof.models import RequestAttachment
    from tests.network.factories import ProgrammatieRequestFactory

    attachment = RequestAttachment(
        request=ProgrammatieRequestFactory(provider=cast["school"]),
        title="Brief VDAB",
        extension="pdf",
        mimetype="application/pdf",
        size=9,
    )
    attachment.file.save("brief.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    attachment.save()
    return {"uuid": attachment.uuid}


REQUESTERS = {
    "anonymous": LOGIN,
    "coordinator": OK,
    "pof_secretary": OK,
    "school_contact": OK,
    "outsider": OK,
}
OWN_REQUEST = {**REQUESTERS, "outsider": NOT_FOUND}
REQUEST_ACTION = {  # POST only; the role is checked first
    **{role: NOT_ALLOWED for role in REQUESTERS},
    "anonymous": LOGIN,
}
STAFF = {"anonymous": LOGIN, "coordinator": OK, "pof_secretary": OK}
STAFF_ACTION = {"anonymous": LOGIN, "coordinator": NOT_ALLOWED, "pof_secretary": NOT_ALLOWED}

RULES: dict[str, Rule] = {
    "pof:request_list": Rule(FORBIDDEN, per_role=REQUESTERS),
    "pof:request_create": Rule(FORBIDDEN, per_role=REQUESTERS),
    "pof:request_edit": Rule(FORBIDDEN, kwargs=_draft, per_role=OWN_REQUEST),
    "pof:request_submit": Rule(FORBIDDEN, kwargs=_draft, per_role=REQUEST_ACTION),
    "pof:request_withdraw": Rule(FORBIDDEN, kwargs=_draft, per_role=REQUEST_ACTION),
    "pof:attachment_add": Rule(FORBIDDEN, kwargs=_draft, per_role=REQUEST_ACTION),
    "pof:attachment_download": Rule(FORBIDDEN, kwargs=_attachment, per_role=OWN_REQUEST),
    "pof:staff_request_list": Rule(FORBIDDEN, per_role=STAFF),
    "pof:staff_request_export": Rule(FORBIDDEN, per_role=STAFF),
    "pof:staff_request_detail": Rule(
        FORBIDDEN, kwargs=lambda cast: {"uuid": _submitted(cast).uuid}, per_role=STAFF
    ),
    "pof:request_advice_letter": Rule(FORBIDDEN, kwargs=_advised, per_role=STAFF),
    "pof:session_standard_agenda": Rule(FORBIDDEN, kwargs=_session, per_role=STAFF_ACTION),
    "pof:session_pdfs": Rule(FORBIDDEN, kwargs=_session, per_role=STAFF),
    "pof:agenda_pdf_download": Rule(FORBIDDEN, kwargs=_ready_pdf, per_role=STAFF),
}


# Events staff (coordinators and the POF secretariat)


def _event(cast):
    from tests.network.factories import EventFactory

    return {"slug": EventFactory().slug}


RULES.update(
    {
        "events:staff_list": Rule(FORBIDDEN, per_role=STAFF),
        "events:staff_registrations": Rule(FORBIDDEN, kwargs=_event, per_role=STAFF),
        "events:staff_export": Rule(FORBIDDEN, kwargs=_event, per_role=STAFF),
    }
)


# Good practices (public; an unpublished one is a 404 for everyone)


def _practice(cast):
    from tests.network.factories import GoodPracticeFactory

    return {"slug": GoodPracticeFactory(is_published=True).slug}


RULES.update(
    {
        "practices:list": Rule(OK),
        "practices:detail": Rule(OK, kwargs=_practice),
    }
)
