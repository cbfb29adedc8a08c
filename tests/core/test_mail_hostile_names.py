"""Hostile names over the mails the portal sends (issue 13): each mail-producing flow, fed names
such as `De Smet, Jan`, `O'Brien & Zonen <BV>`, a 200-character name and one with a line break,
is delivered through the REAL SMTP path (Django's SMTP backend and the outbox dispatch, the one
way the portal sends mail) to one in-process sink. For every message: it arrives exactly once, the
`To` header parses back to the right address, the subject has no HTML entity and no line break,
and the text body greets the person once.

Parametrised per flow and name, so a failure names the flow.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from steunpunt.core import outbox
from tests.plugins.services import SmtpSink, free_port

pytestmark = pytest.mark.django_db

NAMES = {
    "comma": "De Smet, Jan",
    "specials": "O'Brien & Zonen <BV>",
    "accents-quotes": 'Zoë "Zee" Ünal',
    "at": "a@b",
    "long": "L" * 200,
    "newline": "Jan\nDe Smet",
}
ENTITIES = re.compile(r"&(?:amp|lt|gt|quot|#x?[0-9a-fA-F]+);")
GREETING = re.compile(r"^(?:Beste|Dag|Hallo)\b", re.MULTILINE)


@dataclass
class Expect:
    email: str
    greets: bool = True  # the text body starts with a greeting (the login code has none)
    attachments: tuple[str, ...] = ()  # the MIME types of the files that must travel along


@pytest.fixture(scope="module")
def sink_server():
    """One SMTP sink for the whole module (starting one per test costs a second each)."""
    sink = SmtpSink(host="127.0.0.1", port=free_port())
    controller = Controller(sink, hostname=sink.host, port=sink.port, ready_timeout=10)
    controller.start()
    yield sink
    controller.stop()


@pytest.fixture
def sink(sink_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink_server.host
    settings.EMAIL_PORT = sink_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.OUTBOX_RATE_PER_MINUTE = 0
    settings.INBOX_RATE_LIMIT = "1000/m"
    with sink_server._condition:
        sink_server.messages.clear()
        sink_server.envelopes.clear()
    return sink_server


def fit(name: str, length: int) -> str:
    return name[:length]


# --- The flows: each takes a name, triggers the mail(s), returns what must arrive ------------


def inbox_acknowledgement(name, client):
    from steunpunt.inbox import services
    from steunpunt.inbox.models import Question

    services.submit_question(
        audience=Question.Audience.PARENT,
        text="Kan mijn dochter duaal leren als kapper?",
        email="ouder@voorbeeld.test",
        name=fit(name, Question._meta.get_field("name").max_length),
        consent=True,
    )
    return [Expect("ouder@voorbeeld.test")]


def inbox_answer(name, client):
    from steunpunt.accounts.roles import Role
    from steunpunt.accounts.services import create_portal_user
    from steunpunt.inbox import services
    from tests.inbox.factories import QuestionFactory

    coordinator = create_portal_user(
        email="k@steunpunt.test", role=Role.COORDINATOR, first_name=name[:80], last_name="C"
    )
    question = QuestionFactory(name=name[:120], email="ouder@voorbeeld.test")
    greeting, signature = services.answer_draft(question=question, actor=coordinator).split(
        "\n\n\n\n"
    )
    body = f"{greeting}\n\nJa, dat kan.\n\n{signature}"
    services.send_answer(question=question, body=body, actor=coordinator)
    return [Expect("ouder@voorbeeld.test")]


def event_title(name):
    """The hostile name in the title too: a line break in it once made icalendar refuse the
    calendar file attached to the confirmation (network/meetings/ics.py now keeps titles on one
    line)."""
    return f"Netwerkdag {name}"[:200]


def event_confirmation(name, client):
    from network.events import services as event_services
    from tests.network.factories import EventFactory

    event = EventFactory(capacity=None, title=event_title(name))
    event_services.register(
        event=event,
        data=event_services.RegistrationData(
            name=name[:160], email="gast@voorbeeld.test", organisation=name[:160]
        ),
        consent=True,
    )
    return [Expect("gast@voorbeeld.test")]


def event_waitlist_and_promotion(name, client):
    from network.events import services as event_services
    from tests.network.factories import EventFactory

    event = EventFactory(capacity=1, title=event_title(name))
    first = event_services.register(
        event=event,
        data=event_services.RegistrationData(name="Eerste", email="eerst@voorbeeld.test"),
        consent=True,
    )
    event_services.register(
        event=event,
        data=event_services.RegistrationData(name=name[:160], email="gast@voorbeeld.test"),
        consent=True,
    )
    event_services.cancel(registration=first)
    # eerst: confirmation; gast: waiting list, then the place that came free.
    return [Expect("eerst@voorbeeld.test"), Expect("gast@voorbeeld.test")] + [
        Expect("gast@voorbeeld.test")
    ]


def _meeting(name):
    from network.meetings import services
    from tests.network.factories import BodyFactory, DelegateFactory, MandateFactory, MeetingFactory

    body = BodyFactory(name=f"Lerend netwerk {name}"[:160])
    mandate = MandateFactory(body=body, organisation__name=f"{name} BV"[:200])
    DelegateFactory(
        mandate=mandate,
        person__first_name=name[:80],
        person__last_name=name[:80],
        person__email="delegee@voorbeeld.test",
    )
    meeting = MeetingFactory(body=body, title=f"Overleg {name}"[:200])
    services.ensure_invitations(meeting=meeting, actor=None)
    services.send_invitations(meeting=meeting, actor=None)
    return meeting


def meeting_invitation(name, client):
    _meeting(name)
    return [Expect("delegee@voorbeeld.test")]


def meeting_update_and_cancellation(name, client):
    from network.meetings import services

    meeting = _meeting(name)
    services.update_meeting(
        meeting=meeting, actor=None, starts_at=meeting.starts_at + timedelta(days=1)
    )
    services.move_meeting(meeting=meeting, action="cancel", actor=None)
    return [Expect("delegee@voorbeeld.test")] * 3


def meeting_reminder(name, client):
    from network.meetings import services

    meeting = _meeting(name)
    services.remind(meeting=meeting, actor=None)
    return [Expect("delegee@voorbeeld.test")] * 2


def meeting_substitute(name, client):
    from network.meetings import services
    from network.models import Invitation

    meeting = _meeting(name)
    services.answer_invitation(
        invitation=meeting.invitations.get(),
        response=Invitation.Response.SUBSTITUTE,
        substitute_name=name[:160],
        substitute_email="vervanger@voorbeeld.test",
    )
    return [Expect("delegee@voorbeeld.test"), Expect("vervanger@voorbeeld.test")]


def meeting_minutes(name, client):
    from network.meetings import services
    from network.models import Meeting

    meeting = _meeting(name)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.HELD, starts_at=timezone.now() - timedelta(days=1)
    )
    meeting.refresh_from_db()
    services.save_minutes(meeting=meeting, text=f"Verslag met {name}", actor=None)
    services.publish_minutes(meeting=meeting, actor=None)
    return [Expect("delegee@voorbeeld.test")] * 2


def candidate_company(name, client):
    from matchmaking.public import services as public_services
    from steunpunt.accounts.roles import Role
    from steunpunt.accounts.services import create_portal_user
    from tests.factories import PostcodeFactory

    create_portal_user(
        email="coordinator@steunpunt.test", role=Role.COORDINATOR, first_name="K", last_name="C"
    )
    public_services.submit_candidate_company(
        company_name=name[:200],
        postcode=PostcodeFactory(),
        contact_first_name=name[:80],
        contact_last_name=name[:80],
        contact_email="bedrijf@voorbeeld.test",
        consent=True,
    )
    return [Expect("bedrijf@voorbeeld.test"), Expect("coordinator@steunpunt.test")]


def login_code(name, client):
    from steunpunt.accounts.roles import Role
    from steunpunt.accounts.services import create_portal_user

    create_portal_user(
        email="school@voorbeeld.test", role=Role.SCHOOL_CONTACT, first_name=name[:80]
    )
    response = client.post(
        reverse("account_request_login_code"), {"email": "school@voorbeeld.test"}
    )
    assert response.status_code == 302
    return [Expect("school@voorbeeld.test", greets=False)]


def password_reset(name, client):
    """allauth's password-reset mail, requested through the real form (an outbox row too)."""
    from steunpunt.accounts.roles import Role
    from steunpunt.accounts.services import create_portal_user

    create_portal_user(
        email="school@voorbeeld.test", role=Role.SCHOOL_CONTACT, first_name=name[:80]
    )
    response = client.post(reverse("account_reset_password"), {"email": "school@voorbeeld.test"})
    assert response.status_code == 302
    return [Expect("school@voorbeeld.test")]


# --- Organisations and their contacts: the same hostile name for the person and the school or
# company (`O'Brien & Zonen <BV>` as a school's name), so both reach subjects, bodies and PDFs.


def _contact(organisation, name, email):
    from tests.factories import MembershipFactory, PersonFactory

    person = PersonFactory(first_name=name[:80], last_name=name[:80], email=email)
    return MembershipFactory(organisation=organisation, person=person)


def _school(name, email="school@voorbeeld.test"):
    from tests.factories import SchoolFactory, SiteFactory

    school = SchoolFactory(name=name[:200])
    SiteFactory(organisation=school)
    _contact(school, name, email)
    return school


def pof_agenda(name, client):
    """The agenda PDF (really rendered: the hostile school and invitee are in it) mailed to the
    invitees, the PDF base64 in the outbox row."""
    from network.models import Body
    from pof import agenda_pdf, services
    from tests.network.factories import (
        InvitationFactory,
        MeetingFactory,
        ProgrammatieRequestFactory,
    )

    session = MeetingFactory(body=Body.objects.get(slug="pof"), title=f"POF {name}"[:200])
    school = _school(name, email="aanvrager@voorbeeld.test")
    request = ProgrammatieRequestFactory(
        provider=school, site=school.sites.get(), school_year="2027-2028"
    )
    services.submit_request(request=request, actor=None, today=date(2026, 11, 1))
    services.fill_standard_agenda(session=session, actor=None)
    InvitationFactory(
        meeting=session,
        person__first_name=name[:80],
        person__last_name=name[:80],
        organisation=school,
        email="lid@voorbeeld.test",
    )
    pdf = services.request_agenda_pdf(session=session, actor=None)
    agenda_pdf.build_agenda_pdf(pdf_id=pdf.pk)  # what the queued task does (then finds it ready)
    assert services.mail_agenda(pdf=pdf, actor=None) == 1
    return [Expect("lid@voorbeeld.test", attachments=("application/pdf",))]


def campaign_mailing(name, client):
    from campaigns.mailings import services as mailings_services
    from tests.campaigns.factories import CampaignFactory, ParticipationFactory
    from tests.campaigns.mailing_factories import MailingFactory

    campaign = CampaignFactory(name=f"Campagne {name}"[:120])
    ParticipationFactory(campaign=campaign, school=_school(name))
    mailing = MailingFactory(campaign=campaign, subject=f"Nieuws voor {name}"[:200])
    mailings_services.send_mailing(mailing=mailing, actor=None)
    return [Expect("school@voorbeeld.test")]


def campaign_reminder(name, client):
    from campaigns.calendar import reminders
    from tests.campaigns.factories import (
        CampaignFactory,
        CampaignMomentFactory,
        ParticipationFactory,
    )

    # The campaign's name is the calendar's name (X-WR-CALNAME) in the attached .ics.
    campaign = CampaignFactory(name=f"Campagne {name}"[:120])
    ParticipationFactory(campaign=campaign, school=_school(name))
    moment = CampaignMomentFactory(campaign=campaign, title=f"Quizweek {name}"[:150])
    assert reminders.queue_moment_reminders(moment_id=moment.pk) == 1
    return [Expect("school@voorbeeld.test", attachments=("text/calendar",))]


def campaign_order_steps(name, client):
    """Submitted, approved, shipped, delivered; a second order refused."""
    from campaigns.orders import services
    from tests.campaigns.factories import CampaignFactory, PhysicalMaterialFactory

    campaign = CampaignFactory()
    poster = PhysicalMaterialFactory(campaign=campaign)
    school = _school(name)

    def place(quantity):
        return services.place_order(
            campaign=campaign,
            school=school,
            site=school.sites.get(),
            quantities={poster.pk: quantity},
            remarks=f"Voor {name}",
        )

    order = place(2)
    for step in (services.approve_order, services.ship_order, services.deliver_order):
        order = step(order=order, actor=None)
    services.refuse_order(order=place(1), reason=f"Niet voor {name}", actor=None)
    return [Expect("school@voorbeeld.test")] * 6


def matchmaking_proposal_steps(name, client):
    """Accepted, introduction planned, trial started: each step to the school's and the
    company's contacts; the learner (first name and initial) in the subject."""
    from matchmaking.models import Workplace
    from matchmaking.runs import services as runs_services
    from tests.matchmaking.factories import WorkplaceFactory
    from tests.matchmaking.runs_factories import ProposalFactory, searching_learner

    school = _school(name)
    workplace = WorkplaceFactory(places=1, site__organisation__name=name[:200])
    _contact(workplace.site.organisation, name, "mentor@voorbeeld.test")
    learner = searching_learner(
        workplace.site.postcode,
        [workplace.programme],
        provider=school,
        first_name=name[:80],
        last_name=name[:80],
    )
    proposal = ProposalFactory(workplace=workplace, learner=learner)
    assert Workplace.objects.get(pk=workplace.pk).status == Workplace.Status.OPEN
    proposal = runs_services.accept_proposal(proposal=proposal, actor=None)
    on = timezone.localdate() + timedelta(days=3)
    proposal = runs_services.move_proposal(
        proposal=proposal, action="plan_introduction", actor=None, on=on, note=f"Bij {name}"
    )
    runs_services.move_proposal(proposal=proposal, action="start_trial", actor=None)
    return [Expect("school@voorbeeld.test"), Expect("mentor@voorbeeld.test")] * 3


def candidate_referral(name, client):
    """A candidate company handed over to a provider: its contacts get the candidate."""
    from matchmaking.candidates import services as candidate_services
    from tests.factories import UserFactory
    from tests.matchmaking.factories import CandidateCompanyFactory

    candidate = CandidateCompanyFactory(
        company_name=name[:200], contact_first_name=name[:80], contact_last_name=name[:80]
    )
    referral = candidate_services.refer_candidate(
        candidate=candidate, providers=[_school(name)], actor=UserFactory(), note=f"Bel {name}"
    )
    assert referral.mailed == 1
    return [Expect("school@voorbeeld.test")]


def recognitions_expiring(name, client):
    """The nightly warning to the coordinators, listing a company with the hostile name."""
    from matchmaking.companies.recognition_watch import warn_expiring_recognitions
    from steunpunt.accounts.roles import Role
    from steunpunt.accounts.services import create_portal_user
    from tests.matchmaking.factories import RecognitionFactory

    create_portal_user(
        email="coordinator@steunpunt.test",
        role=Role.COORDINATOR,
        first_name=name[:80],
        last_name=name[:80],
    )
    RecognitionFactory(
        site__organisation__name=name[:200],
        valid_until=timezone.localdate() + timedelta(days=10),
    )
    assert warn_expiring_recognitions() == 1
    return [Expect("coordinator@steunpunt.test")]


FLOWS = [
    inbox_acknowledgement,
    inbox_answer,
    event_confirmation,
    event_waitlist_and_promotion,
    meeting_invitation,
    meeting_update_and_cancellation,
    meeting_reminder,
    meeting_substitute,
    meeting_minutes,
    candidate_company,
    login_code,
    password_reset,
    pof_agenda,
    campaign_mailing,
    campaign_reminder,
    campaign_order_steps,
    matchmaking_proposal_steps,
    candidate_referral,
    recognitions_expiring,
]


# The outbox priority each flow's mails get (issue 14): what someone waits for now first,
# rounds to many (mailings, invitation and reminder rounds) last.
T, N, B = (
    outbox.OutboxMessage.Priority.TRANSACTIONAL,
    outbox.OutboxMessage.Priority.NORMAL,
    outbox.OutboxMessage.Priority.BULK,
)
PRIORITIES = {
    "inbox_acknowledgement": {T},
    "inbox_answer": {N},
    "event_confirmation": {T},
    "event_waitlist_and_promotion": {T},
    "meeting_invitation": {B},
    "meeting_update_and_cancellation": {B},
    "meeting_reminder": {B},
    "meeting_substitute": {B, N},  # the invitation round, then the substitute's own mail
    "meeting_minutes": {B},
    "candidate_company": {T, N},  # the company's acknowledgement, the coordinators' notice
    "login_code": {T},
    "password_reset": {T},
    "pof_agenda": {B},
    "campaign_mailing": {B},
    "campaign_reminder": {B},
    "campaign_order_steps": {T, N},  # the order confirmed at once, later steps notified
    "matchmaking_proposal_steps": {N},
    "candidate_referral": {N},
    "recognitions_expiring": {N},
}


@pytest.mark.parametrize("name", list(NAMES.values()), ids=list(NAMES))
@pytest.mark.parametrize("flow", FLOWS, ids=[f.__name__ for f in FLOWS])
def test_every_mail_arrives_once_correctly_addressed(
    flow, name, sink, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        expected = flow(name, client)
    outbox.dispatch(limit=1000)  # whatever the eager run left (nothing, normally)

    failed = list(
        outbox.OutboxMessage.objects.exclude(status="sent").values_list("status", "last_error")
    )
    assert failed == [], f"{flow.__name__}: outbox rows not sent"
    priorities = set(outbox.OutboxMessage.objects.values_list("priority", flat=True))
    assert priorities == PRIORITIES[flow.__name__], flow.__name__
    received = sorted(
        ([(a.addr_spec, m) for m in sink.messages for a in m["To"].addresses]),
        key=lambda pair: pair[0],
    )
    assert sorted(e.email for e in expected) == [email for email, _m in received], flow.__name__
    message_ids = [str(m["Message-ID"]) for m in sink.messages]
    assert len(set(message_ids)) == len(message_ids), "a message arrived twice"
    greets = {e.email: e.greets for e in expected}
    for email, message in received:
        subject = str(message["Subject"])
        assert not ENTITIES.search(subject), f"{flow.__name__}: {subject!r}"
        assert "\n" not in subject and "\r" not in subject
        [to] = message["To"].addresses
        assert to.addr_spec == email
        assert "\n" not in to.display_name and "&amp;" not in to.display_name
        body = message.get_body(preferencelist=("plain",)).get_content()
        assert not ENTITIES.search(body), f"{flow.__name__}: HTML entity in the text body"
        if greets[email]:
            assert len(GREETING.findall(body)) == 1, f"{flow.__name__}: {body[:300]!r}"
        for part in message.iter_attachments():
            check_attachment(flow.__name__, part)
    for expect in expected:
        if expect.attachments:
            assert any(
                set(expect.attachments) <= {p.get_content_type() for p in m.iter_attachments()}
                for email, m in received
                if email == expect.email
            ), f"{flow.__name__}: no {expect.attachments} for {expect.email}"


def check_attachment(flow_name, part):
    """A file that travelled along (base64 in the outbox row for a PDF) arrives whole."""
    content = part.get_content()
    if part.get_content_type() == "application/pdf":
        assert content.startswith(b"%PDF") and content.rstrip().endswith(b"%%EOF"), flow_name
    elif part.get_content_type() == "text/calendar":
        calendar = Calendar.from_ical(content)
        assert calendar.walk("VEVENT"), flow_name
        for event in calendar.walk("VEVENT"):
            assert "\n" not in str(event["summary"]), f"{flow_name}: {event['summary']!r}"
