"""Factories for the network and POF models."""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from network.models import (
    Action,
    AgendaItem,
    Attendance,
    Body,
    Delegate,
    Event,
    EventRegistration,
    GoodPractice,
    Invitation,
    Mandate,
    Meeting,
    Minutes,
)
from pof.models import ProgrammatieRequest
from tests.factories import (
    CompanyFactory,
    OrganisationFactory,
    PartnerFactory,
    PersonFactory,
    ProgrammeFactory,
    SchoolFactory,
    SiteFactory,
)


def at(days: int, hour: int = 14) -> datetime:
    """A moment `days` from today at `hour` o'clock, Brussels time."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Lerend netwerk {n}")
    slug = factory.Sequence(lambda n: f"lerend-netwerk-{n}")
    kind = Body.Kind.LEARNING_NETWORK


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    body = factory.SubFactory(BodyFactory)
    organisation = factory.SubFactory(PartnerFactory)


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    mandate = factory.SubFactory(MandateFactory)
    person = factory.SubFactory(PersonFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Vergadering {n}")
    starts_at = factory.LazyFunction(lambda: at(14))
    location = "Provinciehuis Boeverbos, Brugge"
    status = Meeting.Status.PLANNED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Agendapunt {n}")
    position = factory.Sequence(lambda n: n)
    duration_minutes = 15


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.LazyAttribute(lambda o: o.person.email or "lid@example.be")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = Attendance.Status.PRESENT


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.HELD)
    text = "## Verwelkoming\n\nDe voorzitter opent de vergadering."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Actie {n}")
    owner = factory.SubFactory(PersonFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.INFO_SESSION
    title = factory.Sequence(lambda n: f"Infosessie duaal leren {n}")
    slug = factory.Sequence(lambda n: f"infosessie-{n}")
    summary = "Wat is duaal leren en hoe word je leerwerkplek?"
    starts_at = factory.LazyFunction(lambda: at(21, 19))
    ends_at = factory.LazyFunction(lambda: at(21, 21))
    location = "Provinciaal Hof, Markt 3, Brugge"
    capacity = 40
    is_published = True


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRegistration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.be")
    consent_given_at = factory.LazyFunction(timezone.now)
    status = EventRegistration.Status.CONFIRMED


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice

    slug = factory.Sequence(lambda n: f"goede-praktijk-{n}")
    title = factory.Sequence(lambda n: f"Een mentor per leerling {n}")
    company_name = "Bouwbedrijf Vanhoutte BV"
    company = factory.SubFactory(CompanyFactory)
    summary = "Elke leerling krijgt een vaste mentor en een peter op de werf."
    what_worked = "Wekelijks kort overleg tussen mentor en trajectbegeleider."


class ProgrammatieRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammatieRequest

    provider = factory.SubFactory(SchoolFactory)
    site = factory.SubFactory(SiteFactory, organisation=factory.SelfAttribute("..provider"))
    programme = factory.SubFactory(ProgrammeFactory)
    school_year = factory.LazyFunction(
        lambda: f"{timezone.localdate().year + 1}-{timezone.localdate().year + 2}"
    )
    expected_learners = 8
    rationale = "Bouwbedrijven in de regio zoeken dringend vakmensen (VDAB-knelpuntberoep)."
