"""Factories of the matchmaking models (a valid row of each by default)."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from matchmaking.models import (
    Agreement,
    CandidateCompany,
    CandidateReferral,
    Learner,
    LearnerAccess,
    LearnerWish,
    Recognition,
    Workplace,
)
from steunpunt.core.enterprise_number import make_enterprise_number
from tests.factories import (
    CompanyFactory,
    PostcodeFactory,
    ProgrammeFactory,
    SchoolFactory,
    SiteFactory,
    UserFactory,
)


def years_ago(years: int, today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


class LearnerFactory(factory.django.DjangoModelFactory):
    """A 16-year-old at a school, with a parent's contact (required for minors)."""

    class Meta:
        model = Learner

    first_name = factory.Sequence(lambda n: f"Leerling{n}")
    last_name = factory.Sequence(lambda n: f"Familienaam{n}")
    birth_date = factory.LazyFunction(lambda: years_ago(16))
    email = factory.Sequence(lambda n: f"leerling{n}@voorbeeld.be")
    postcode = factory.SubFactory(PostcodeFactory)
    parent_name = "Ouder van de leerling"
    parent_email = factory.Sequence(lambda n: f"ouder{n}@voorbeeld.be")
    provider = factory.SubFactory(SchoolFactory)
    max_distance_km = 20
    consent_given_on = factory.LazyFunction(timezone.localdate)
    consent_given_by = Learner.ConsentBy.PARENT


class LearnerWishFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearnerWish

    learner = factory.SubFactory(LearnerFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    rank = 1


class LearnerAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearnerAccess

    learner = factory.SubFactory(LearnerFactory)
    user = factory.SubFactory(UserFactory)
    action = LearnerAccess.Action.VIEW


class CompanySiteFactory(SiteFactory):
    organisation = factory.SubFactory(CompanyFactory)
    street = factory.Sequence(lambda n: f"Industrielaan {n}")


class RecognitionFactory(factory.django.DjangoModelFactory):
    """A recognition that is recognised and valid from a year ago for three more years."""

    class Meta:
        model = Recognition

    site = factory.SubFactory(CompanySiteFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    status = Recognition.Status.RECOGNISED
    reference = factory.Sequence(lambda n: f"ERK-{n:06d}")
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3 * 365))


class WorkplaceFactory(factory.django.DjangoModelFactory):
    """An open workplace; its (site, programme) gets a valid recognition first."""

    class Meta:
        model = Workplace

    site = factory.SubFactory(CompanySiteFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    places = 2
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    hours_per_week = 24
    description = "Meewerken in het atelier."
    is_public = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        site, programme = kwargs["site"], kwargs["programme"]
        if not Recognition.objects.filter(
            site=site, programme=programme, status=Recognition.Status.RECOGNISED
        ).exists():
            RecognitionFactory(site=site, programme=programme)
        return super()._create(model_class, *args, **kwargs)


class CandidateCompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateCompany

    company_name = factory.Sequence(lambda n: f"Kandidaat {n} BV")
    enterprise_number = factory.Sequence(lambda n: make_enterprise_number(50_000_000 + n))
    postcode = factory.SubFactory(PostcodeFactory)
    sector = "Bouw"
    contact_first_name = "Jan"
    contact_last_name = factory.Sequence(lambda n: f"Zaakvoerder{n}")
    contact_email = factory.Sequence(lambda n: f"info{n}@kandidaat.be")
    consent_given_at = factory.LazyFunction(timezone.now)


class CandidateReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateReferral
        skip_postgeneration_save = True

    candidate = factory.SubFactory(CandidateCompanyFactory)

    @factory.post_generation
    def providers(self, create, extracted, **kwargs):
        if create:
            self.providers.set(extracted or [SchoolFactory()])


class AgreementFactory(factory.django.DjangoModelFactory):
    """A signed OAO of a learner at a workplace (the learner is in the agreement stage)."""

    class Meta:
        model = Agreement

    learner = factory.SubFactory(LearnerFactory, status=Learner.Status.AGREEMENT)
    workplace = factory.SubFactory(WorkplaceFactory)
    site = factory.SelfAttribute("workplace.site")
    programme = factory.SelfAttribute("workplace.programme")
    type = Agreement.Type.OAO
    start_date = factory.LazyFunction(timezone.localdate)
    hours_per_week = 28
