"""Access matrix: network and POF.

The personal answer link works for anyone who holds it (no login). A meeting page and its
documents: staff, the invitees and the body's current delegates; everyone else a 404 (here the
partner contact is a delegate of the meeting's body, the others are not). Coordinators and the
POF secretariat manage both apps in the admin; everyone else gets a 403 there.
"""

from tests.access.rules import LOGIN, NOT_FOUND, OK, Rule, public

MEMBERS = {"anonymous": LOGIN, "coordinator": OK, "pof_secretary": OK, "partner_contact": OK}


def _meeting(cast):
    from steunpunt.core.models import Person
    from tests.network.factories import DelegateFactory, MeetingFactory

    person = Person.objects.get(user=cast["partner_contact"])
    delegate = DelegateFactory(person=person, mandate__organisation=cast["partner_org"])
    return MeetingFactory(body=delegate.mandate.body)


def _rsvp(cast):
    from tests.network.factories import InvitationFactory

    return {"token": InvitationFactory().token}


def _document(cast):
    from network.models import MeetingDocument

    meeting = _meeting(cast)
    document = MeetingDocument(
        meeting=meeting, title="Agenda", extension="pdf", mimetype="application/pdf", size=9
    )
    from django.core.files.base import ContentFile

    document.file.save("agenda.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    document.save()
    return {"uuid": document.uuid}


RULES: dict[str, Rule] = {
    "network:rsvp": public(kwargs=_rsvp),
    "network:meeting_detail": Rule(
        NOT_FOUND, kwargs=lambda cast: {"uuid": _meeting(cast).uuid}, per_role=MEMBERS
    ),
    "network:document_download": Rule(NOT_FOUND, kwargs=_document, per_role=MEMBERS),
}


def admin_objects(cast):
    from pof.models import AgendaPdf, RequestAttachment
    from tests.network.factories import (
        ActionFactory,
        AgendaItemFactory,
        AttendanceFactory,
        DelegateFactory,
        EventRegistrationFactory,
        GoodPracticeFactory,
        InvitationFactory,
        MinutesFactory,
        ProgrammatieRequestFactory,
    )

    delegate = DelegateFactory()
    item = AgendaItemFactory(meeting__body=delegate.mandate.body)
    InvitationFactory(meeting=item.meeting, person=delegate.person)
    AttendanceFactory(meeting=item.meeting, person=delegate.person)
    ActionFactory(meeting=item.meeting)
    MinutesFactory()
    EventRegistrationFactory()
    GoodPracticeFactory()
    request = ProgrammatieRequestFactory(provider=cast["school"])
    RequestAttachment.objects.create(
        request=request, title="Brief VDAB", file="pof/brief.pdf", extension="pdf",
        mimetype="application/pdf", size=10,
    )  # fmt: skip
    AgendaPdf.objects.create(meeting=item.meeting, version=1)


def _event(cast):
    from tests.network.factories import EventFactory

    return {"slug": EventFactory().slug}


def _registration(cast):
    from tests.network.factories import EventRegistrationFactory

    return {"token": EventRegistrationFactory().token}


RULES.update(
    {
        "events:list": public(),
        "events:feed": public(),
        "events:detail": public(kwargs=_event),
        "events:cancel": public(kwargs=_registration),
    }
)
