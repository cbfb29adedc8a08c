"""Access matrix: network and POF (admin only so far; the staff and public pages arrive
with their own part of the issue). Coordinators and the POF secretariat manage both apps in the
admin; everyone else gets a 403 there."""

from tests.access.rules import Rule  # noqa: F401

RULES: dict[str, Rule] = {}


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
