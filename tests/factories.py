"""Factories shared by every app's tests (app-specific ones live in tests/<app>/factories.py)."""

import factory
from django.contrib.auth import get_user_model

from steunpunt.core.enterprise_number import make_enterprise_number
from steunpunt.core.models import (
    Membership,
    Municipality,
    Organisation,
    Person,
    Postcode,
    Programme,
    ProgrammeOffer,
    Site,
    StudyDomain,
    Subregion,
)


class SubregionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subregion
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Subregio {n}")
    slug = factory.Sequence(lambda n: f"subregio-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("nis_code",)

    nis_code = factory.Sequence(lambda n: f"{39000 + n}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    arrondissement = "Kortrijk"
    arrondissement_nis = "34000"
    subregion = factory.SubFactory(SubregionFactory)
    latitude = 50.83
    longitude = 3.26


class PostcodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Postcode
        django_get_or_create = ("code", "locality")

    code = factory.Sequence(lambda n: f"{9100 + n % 800}")
    locality = factory.Sequence(lambda n: f"Plaats {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    subregion = factory.SelfAttribute("municipality.subregion")
    latitude = 50.83
    longitude = 3.26
    province = "West-Vlaanderen"


class StudyDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyDomain
        django_get_or_create = ("code",)

    code = 2
    name = "STEM"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T{n:04d}")
    name = factory.Sequence(lambda n: f"Testopleiding {n} duaal")
    grade = Programme.Grade.THIRD
    finality = Programme.Finality.LABOUR_MARKET
    study_domain = factory.SubFactory(StudyDomainFactory)
    education_form = Programme.EducationForm.BSO
    segment = Programme.Segment.SECONDARY


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.SCHOOL
    network = Organisation.Network.GO


class SchoolFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Technisch Instituut {n}")


class CompanyFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Bouwbedrijf {n} BV")
    kind = Organisation.Kind.COMPANY
    network = ""
    enterprise_number = factory.Sequence(lambda n: make_enterprise_number(40_000_000 + n))


class PartnerFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Partner {n} vzw")
    kind = Organisation.Kind.PARTNER
    network = ""


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(SchoolFactory)
    street = factory.Sequence(lambda n: f"Schoolstraat {n}")
    postcode = factory.SubFactory(PostcodeFactory)
    is_main = True


class ProgrammeOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeOffer

    programme = factory.SubFactory(ProgrammeFactory)
    site = factory.SubFactory(SiteFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"gebruiker{n}@voorbeeld.be")
    password = factory.django.Password("geheim-wachtwoord-123")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = factory.Sequence(lambda n: f"Familienaam{n}")
    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.be")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(SchoolFactory)
    function = "trajectbegeleider"
