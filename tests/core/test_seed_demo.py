"""seed_demo: fictional but plausible demo data, deterministic and idempotent."""

import re
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from steunpunt.accounts.models import User
from steunpunt.accounts.roles import Role
from steunpunt.core import demo
from steunpunt.core.demo import plan
from steunpunt.core.enterprise_number import is_valid_enterprise_number
from steunpunt.core.models import (
    Membership,
    Organisation,
    Person,
    Postcode,
    Programme,
    ProgrammeOffer,
    Site,
    Subregion,
    distance_km,
)
from tests.module_data import module_data

pytestmark = pytest.mark.django_db

K = Organisation.Kind
BELGIAN_PHONE = re.compile(r"^0\d{2,3}( \d{2}){3}$")  # 056 12 34 56, 0470 12 34 56


@pytest.fixture
def reference_data(db):
    call_command("load_reference_data", verbosity=0)


@pytest.fixture(scope="class")
def _small_once(django_db_setup, django_db_blocker):
    """The small scale, seeded once for the tests of TestSmallScale that read it (each test runs
    in its own savepoint, so a second run or the province top-up is undone after that test)."""
    with module_data(django_db_blocker):
        call_command("load_reference_data", verbosity=0)
        yield demo.seed("small")


@pytest.fixture
def small(_small_once, db):
    return _small_once


def demo_orgs():
    return Organisation.objects.filter(external_ref__startswith="demo-")


def demo_sites():
    return Site.objects.filter(external_ref__startswith="demo-").select_related(
        "postcode", "organisation"
    )


def test_same_seed_gives_same_data_and_another_seed_other_data(reference_data):
    plan_a = plan._Generator(plan._Reference(), 7).companies(20)
    plan_b = plan._Generator(plan._Reference(), 7).companies(20)
    plan_c = plan._Generator(plan._Reference(), 8).companies(20)
    assert [p.name for p in plan_a] == [p.name for p in plan_b]
    assert [p.sites[0].street for p in plan_a] == [p.sites[0].street for p in plan_b]
    assert [p.name for p in plan_a] != [p.name for p in plan_c]


def _sites_offering_within(code: str, postcode: str, km: float) -> list[Site]:
    centre = Postcode.objects.filter(code=postcode).order_by("-is_main_locality").first()
    sites = Site.objects.filter(
        external_ref__startswith="demo-", offers__programme__code=code
    ).select_related("postcode")
    return [
        site
        for site in sites
        if distance_km(
            centre.latitude, centre.longitude, site.postcode.latitude, site.postcode.longitude
        )
        <= km
    ]


def test_command_refuses_without_debug(reference_data, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", scale="small", stdout=StringIO())
    assert not demo_orgs().exists()
    assert not User.objects.filter(email="school@steunpunt.test").exists()


def test_command_with_force_seeds_and_prints_logins(reference_data, settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("seed_demo", scale="small", force=True, stdout=out)
    output = out.getvalue()
    assert demo_orgs().filter(kind=K.COMPANY).count() == 150
    assert "ondernemingen: 150 (150)" in output
    assert demo.DEMO_PASSWORD in output
    assert "school@steunpunt.test" in output


def test_command_requires_reference_data(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="load_reference_data"):
        call_command("seed_demo", scale="small", stdout=StringIO())
    assert not demo_orgs().exists()


class TestSmallScale:
    """The tests that read the small scale: it is seeded once for all of them."""

    def test_small_scale_has_the_expected_size_and_mix(self, small):
        totals = demo.demo_totals()
        assert totals["providers"] == 12
        assert 18 <= totals["provider_sites"] <= 24
        assert totals["companies"] == 150
        assert 180 <= totals["company_sites"] <= 240
        # Each provider site offers a few programmes; every organisation has contacts.
        assert 2 * totals["provider_sites"] <= totals["offers"] <= 10 * totals["provider_sites"]
        assert totals["persons"] >= 3 * totals["providers"] + totals["companies"]
        # The created counts match what is there (nothing existed before).
        for key in ("providers", "provider_sites", "companies", "company_sites", "offers"):
            assert small[key] == totals[key]

        kinds = set(demo_orgs().values_list("kind", flat=True))
        assert kinds == {K.SCHOOL, K.BUSO_SCHOOL, K.CLW, K.SYNTRA, K.ADULT_EDUCATION, K.COMPANY}
        schools = demo_orgs().filter(kind=K.SCHOOL)
        assert schools.count() >= 6
        assert not schools.filter(network="").exists()
        assert not demo_orgs().filter(kind=K.COMPANY).exclude(network="").exists()
        # Every demo organisation has one primary contact and says its data are fictional.
        for organisation in demo_orgs():
            assert organisation.memberships.filter(is_primary_contact=True).count() == 1
            assert "Fictieve demo-gegevens" in organisation.description

    def test_second_run_creates_nothing(self, small):
        before = demo.demo_totals()
        users_before = User.objects.count()

        again = demo.seed("small")

        created = {key: value for key, value in again.items() if key != "seconds"}
        assert set(created.values()) == {0}, created
        assert demo.demo_totals() == before
        assert User.objects.count() == users_before

    def test_sites_are_west_flemish_and_cover_all_subregions(self, small):
        sites = list(demo_sites())
        assert sites
        for site in sites:
            assert site.postcode.subregion_id is not None, site
            assert site.postcode.municipality_id is not None, site
            assert site.postcode.province == "West-Vlaanderen"
            assert re.match(r"^[A-Z][\w\-' ]+ \d+$", site.street), site.street
        all_subregions = set(Subregion.objects.values_list("pk", flat=True))
        assert len(all_subregions) == 5
        assert {s.postcode.subregion_id for s in sites} == all_subregions
        provider_sites = [s for s in sites if s.organisation.is_provider]
        assert {s.postcode.subregion_id for s in provider_sites} == all_subregions
        # One main site per organisation.
        for organisation in demo_orgs():
            assert organisation.sites.filter(is_main=True).count() == 1

    def test_company_enterprise_numbers_are_valid_and_unique(self, small):
        numbers = list(
            demo_orgs().filter(kind=K.COMPANY).values_list("enterprise_number", flat=True)
        )
        assert len(numbers) == 150
        assert all(is_valid_enterprise_number(number) for number in numbers)
        assert len(set(numbers)) == len(numbers)

    def test_contacts_use_reserved_domains_and_belgian_phone_numbers(self, small):
        persons = Person.objects.filter(external_ref__startswith="demo-")
        assert persons.count() > 150
        for person in persons:
            assert person.email.endswith(".test"), person.email
            if person.phone:
                assert BELGIAN_PHONE.match(person.phone), person.phone
        functions = set(
            Membership.objects.filter(person__in=persons).values_list("function", flat=True)
        )
        assert {
            "coördinator duaal leren",
            "trajectbegeleider",
            "directeur",
            "zaakvoerder",
            "mentor",
        } <= functions
        for organisation in demo_orgs():
            assert organisation.email.endswith(".test")

    def test_offers_match_the_kind_of_provider(self, small):
        offers = ProgrammeOffer.objects.filter(
            site__external_ref__startswith="demo-"
        ).select_related("programme", "site__organisation")
        segments_by_kind = {}
        for offer in offers:
            segments_by_kind.setdefault(offer.site.organisation.kind, set()).add(
                offer.programme.segment
            )
        S = Programme.Segment
        assert segments_by_kind[K.BUSO_SCHOOL] == {S.BUSO}
        assert all(
            offer.programme.education_form == Programme.EducationForm.BUSO_OV3
            for offer in offers
            if offer.site.organisation.kind == K.BUSO_SCHOOL
        )
        assert segments_by_kind[K.SCHOOL] <= {S.SECONDARY, S.PREPARATORY, S.SEVENTH_YEAR}
        assert S.SECONDARY in segments_by_kind[K.SCHOOL]
        assert segments_by_kind[K.CLW] <= {S.SECONDARY, S.PREPARATORY}
        assert segments_by_kind[K.SYNTRA] == {S.SECONDARY}
        assert K.COMPANY not in segments_by_kind
        # Every provider site offers something.
        for site in demo_sites().filter(organisation__kind__in=Organisation.PROVIDER_KINDS):
            assert site.offers.exists(), site

    def test_electrical_installations_offered_near_kortrijk_and_roeselare(self, small):
        programme = Programme.objects.get(code="1096")
        assert programme.name == "Elektrische installaties duaal"
        assert _sites_offering_within("1096", "8500", 15)
        assert _sites_offering_within("1096", "8800", 15)
        subregions = set(
            ProgrammeOffer.objects.filter(
                programme=programme, site__external_ref__startswith="demo-"
            ).values_list("site__postcode__subregion", flat=True)
        )
        assert len(subregions) >= 3

    def test_demo_logins_exist_with_their_roles(self, small):
        expected = {
            "school@steunpunt.test": (Role.SCHOOL_CONTACT, Organisation.PROVIDER_KINDS),
            "bedrijf@steunpunt.test": (Role.COMPANY_CONTACT, (K.COMPANY,)),
            "partner@steunpunt.test": (Role.PARTNER_CONTACT, (K.PARTNER,)),
            "pof@steunpunt.test": (Role.POF_SECRETARIAT, (K.PARTNER,)),
        }
        for email, (role, kinds) in expected.items():
            user = User.objects.get(email=email)
            assert user.has_role(role), email
            assert not user.has_role(Role.COORDINATOR), email
            assert user.check_password(demo.DEMO_PASSWORD)
            memberships = Membership.objects.filter(person__user=user)
            assert memberships.exists(), email
            assert all(m.organisation.kind in kinds for m in memberships), email
        assert User.objects.get(email="pof@steunpunt.test").is_staff
        assert not User.objects.get(email="school@steunpunt.test").is_staff
        partner = Membership.objects.get(person__user__email="partner@steunpunt.test").organisation
        assert partner.external_ref == "ref-vdab"
        school = Membership.objects.get(person__user__email="school@steunpunt.test").organisation
        assert school.external_ref == "demo-school-0001"

    def test_province_tops_up_small_to_the_larger_target(self, small, capsys):
        names_before = dict(demo_orgs().values_list("external_ref", "name"))
        streets_before = dict(demo_sites().values_list("external_ref", "street"))

        started = time.monotonic()
        created = demo.seed("province")
        elapsed = time.monotonic() - started

        totals = demo.demo_totals()
        assert 55 <= totals["providers"] <= 65
        assert 90 <= totals["provider_sites"] <= 110
        assert totals["companies"] == 2_100
        assert 2_850 <= totals["company_sites"] <= 3_150
        assert created["providers"] == totals["providers"] - 12
        assert created["companies"] == 2_100 - 150
        # The small scale's rows are the first rows of the province scale: nothing changed.
        assert {
            ref: name
            for ref, name in demo_orgs().values_list("external_ref", "name")
            if ref in names_before
        } == names_before
        assert {
            ref: street
            for ref, street in demo_sites().values_list("external_ref", "street")
            if ref in streets_before
        } == streets_before
        numbers = list(
            demo_orgs().filter(kind=K.COMPANY).values_list("enterprise_number", flat=True)
        )
        assert len(set(numbers)) == 2_100
        assert all(is_valid_enterprise_number(number) for number in numbers)
        with capsys.disabled():
            print(f"\n[seed_demo] province top-up after small: {elapsed:.1f} s, {totals}")
