"""seed_demo gains learners, recognitions, workplaces and agreements; repeatable."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from matchmaking.demo.seed import ANCHOR_PROGRAMME, ANCHOR_RADIUS_KM
from matchmaking.models import Agreement, Learner, Recognition, Workplace
from matchmaking.runs.capacity import open_workplaces_with_free_places
from steunpunt.core.models import Postcode, distance_km
from tests.module_data import module_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """The small scale, seeded once for the module (each test runs in its own savepoint)."""
    with module_data(django_db_blocker), override_settings(DEBUG=True):
        call_command("load_reference_data", verbosity=0)
        out = StringIO()
        call_command("seed_demo", scale="small", stdout=out)
        yield out.getvalue()


@pytest.fixture
def seeded(_seeded_once, db, settings):
    settings.DEBUG = True
    return _seeded_once


def test_the_small_scale_has_every_kind_of_matchmaking_row(seeded):
    assert "jongeren: 60" in seeded
    assert Learner.objects.count() == 60
    assert Recognition.objects.count() > 100  # nearly every demo company's main site
    assert Workplace.objects.filter(status=Workplace.Status.OPEN, is_public=True).count() >= 10
    statuses = set(Learner.objects.values_list("status", flat=True))
    assert {Learner.Status.SEARCHING, Learner.Status.RUNNING} <= statuses
    assert Agreement.objects.filter(status=Agreement.Status.RUNNING).count() >= 10
    # Every learner has wishes in order, starting at 1.
    for learner in Learner.objects.prefetch_related("wishes"):
        assert [w.rank for w in learner.wishes.all()] == list(range(1, learner.wishes.count() + 1))
        assert learner.wishes.count() >= 1


def test_every_demo_row_passes_its_own_validation(seeded):
    for row in [*Learner.objects.all(), *Workplace.objects.all(), *Agreement.objects.all()]:
        row.full_clean()


def test_agreements_are_at_sites_recognised_for_their_programme(seeded):
    today = timezone.localdate()
    for agreement in Agreement.objects.all():
        assert (
            Recognition.objects.valid_on(today)
            .filter(site=agreement.site, programme=agreement.programme)
            .exists()
        )
        assert agreement.learner.status in (Learner.Status.AGREEMENT, Learner.Status.RUNNING)


def test_roeselare_has_an_open_electrical_installations_place_within_20_km(seeded):
    roeselare = Postcode.objects.filter(code="8800", is_main_locality=True).first()
    near = [
        w
        for w in open_workplaces_with_free_places().filter(
            programme__code=ANCHOR_PROGRAMME, is_public=True
        )
        if distance_km(
            roeselare.latitude,
            roeselare.longitude,
            w.site.postcode.latitude,
            w.site.postcode.longitude,
        )
        <= ANCHOR_RADIUS_KM
    ]
    assert near


def test_a_second_run_adds_nothing(seeded):
    counts = (Learner.objects.count(), Recognition.objects.count(), Workplace.objects.count())
    out = StringIO()
    call_command("seed_demo", scale="small", stdout=out)
    assert "jongeren: 0" in out.getvalue()
    assert (
        Learner.objects.count(),
        Recognition.objects.count(),
        Workplace.objects.count(),
    ) == counts
