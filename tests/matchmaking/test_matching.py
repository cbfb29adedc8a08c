"""build_problem: the rows that go into the engine, and those that stay out (and why)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matchmaking import engine
from matchmaking.models import (
    Agreement,
    FixedMatch,
    Learner,
    MatchExclusion,
    MatchingWeights,
    Recognition,
    Workplace,
)
from matchmaking.runs import matching
from tests.factories import ProgrammeFactory
from tests.matchmaking.factories import AgreementFactory, CompanySiteFactory
from tests.matchmaking.runs_factories import (
    BRUGGE,
    IZEGEM,
    KORTRIJK,
    ROESELARE,
    postcode,
    searching_learner,
    subregion,
    workplace_at,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def world():
    midden = subregion("Midden-West-Vlaanderen")
    zuid = subregion("Zuid-West-Vlaanderen")
    noord = subregion("Noord-West-Vlaanderen")
    return {
        "midden": midden,
        "zuid": zuid,
        "noord": noord,
        "roeselare": postcode(ROESELARE, midden),
        "izegem": postcode(IZEGEM, midden),
        "kortrijk": postcode(KORTRIJK, zuid),
        "brugge": postcode(BRUGGE, noord),
        "elektro": ProgrammeFactory(name="Elektrische installaties"),
        "kapper": ProgrammeFactory(name="Kapper-stylist"),
    }


def test_a_searching_learner_becomes_an_engine_learner(world):
    learner = searching_learner(
        world["roeselare"],
        [world["kapper"], world["elektro"]],
        max_distance_km=25,
        okan=True,
        wished_start_date=TODAY + timedelta(days=10),
    )
    Learner.objects.filter(pk=learner.pk).update(
        status_changed_at=timezone.now() - timedelta(days=12, hours=1)
    )

    built = matching.build_problem(world["midden"])

    [item] = built.problem.learners
    assert item.id == learner.pk
    assert (item.lat, item.lon) == (50.9469, 3.1227)
    assert item.programmes == [str(world["kapper"].pk), str(world["elektro"].pk)]
    assert item.max_km == 25
    assert item.start == TODAY + timedelta(days=10)
    assert item.waiting_days == 12
    assert item.priority is True
    assert built.problem.programme_name(str(world["kapper"].pk)) == "Kapper-stylist"


def test_a_learner_without_flags_has_no_priority_and_starts_today(world):
    searching_learner(
        world["roeselare"], [world["elektro"]], adult=True, wished_start_date=TODAY - timedelta(5)
    )
    [item] = matching.build_problem(world["midden"]).problem.learners
    assert item.priority is False
    assert item.start == TODAY


def test_only_searching_learners_of_the_subregion(world):
    inside = searching_learner(world["izegem"], [world["elektro"]])
    searching_learner(world["kortrijk"], [world["elektro"]])  # another subregion
    proposed = searching_learner(world["roeselare"], [world["elektro"]])
    Learner.objects.filter(pk=proposed.pk).update(status=Learner.Status.PROPOSED)

    assert [x.id for x in matching.build_problem(world["midden"]).problem.learners] == [inside.pk]
    assert len(matching.build_problem(None).problem.learners) == 2  # the province


def test_a_learner_without_coordinates_is_reported_not_solved(world):
    world["izegem"].latitude = None
    world["izegem"].save()
    learner = searching_learner(world["izegem"], [world["elektro"]])
    built = matching.build_problem(world["midden"])
    assert built.problem.learners == []
    assert "geen coördinaten voor postcode 8870 Izegem" in built.skipped[learner.pk]


def test_open_recognised_places_with_free_capacity(world):
    searching_learner(world["roeselare"], [world["elektro"]])
    good = workplace_at(world["izegem"], world["elektro"], places=3)
    AgreementFactory(workplace=good, site=good.site, programme=good.programme)

    full = workplace_at(world["izegem"], world["elektro"], places=1)
    AgreementFactory(workplace=full, site=full.site, programme=full.programme)
    closed = workplace_at(world["izegem"], world["elektro"])
    Workplace.objects.filter(pk=closed.pk).update(status=Workplace.Status.CLOSED)
    expired = workplace_at(world["izegem"], world["elektro"])
    Recognition.objects.filter(site=expired.site).update(valid_until=TODAY - timedelta(days=1))
    workplace_at(world["izegem"], world["kapper"])  # nobody wants it

    built = matching.build_problem(world["midden"])

    by_id = {place.id: place for place in built.problem.places}
    assert set(by_id) == {good.pk, expired.pk}
    place = by_id[good.pk]
    assert (place.capacity, place.free) == (3, 2)
    assert place.programme == str(world["elektro"].pk)
    assert place.company_id == good.site.organisation_id
    assert place.town == "Izegem"
    recognition = Recognition.objects.get(site=good.site)
    assert place.recognised_until == recognition.valid_until
    assert by_id[expired.pk].recognised_until is None  # the engine reports it as not recognised


def test_places_across_the_border_of_the_subregion_count(world):
    searching_learner(world["izegem"], [world["elektro"]], max_distance_km=20)
    kortrijk = workplace_at(world["kortrijk"], world["elektro"])  # Zuid-West, 11 km away
    brugge = workplace_at(world["brugge"], world["elektro"])  # 33 km: out of reach

    problem = matching.build_problem(world["midden"]).problem
    assert sorted(place.id for place in problem.places) == sorted([kortrijk.pk, brugge.pk])
    [proposal] = engine.solve(problem).proposals
    assert proposal.place_id == kortrijk.pk


def test_a_future_start_of_a_place_is_kept(world):
    searching_learner(world["roeselare"], [world["elektro"]])
    later = workplace_at(world["izegem"], world["elektro"], start_date=TODAY + timedelta(days=9))
    now = workplace_at(world["izegem"], world["elektro"], start_date=TODAY - timedelta(days=9))
    starts = {p.id: p.start for p in matching.build_problem(world["midden"]).problem.places}
    assert starts == {later.pk: TODAY + timedelta(days=9), now.pk: None}


def _agreement(site, programme, *, days, status):
    start = TODAY - timedelta(days=400)
    agreement = AgreementFactory(workplace=None, site=site, programme=programme, start_date=start)
    fields = {"status": status}
    if status == Agreement.Status.ENDED:
        fields.update(end_date=start + timedelta(days=days), end_reason="Gestopt")
    Agreement.objects.filter(pk=agreement.pk).update(**fields)


def test_track_record_is_the_smoothed_share_of_agreements_that_lasted(world):
    searching_learner(world["roeselare"], [world["elektro"]])
    proven = workplace_at(world["izegem"], world["elektro"])
    site = proven.site
    other_site = CompanySiteFactory(organisation=site.organisation, postcode=world["izegem"])
    _agreement(site, world["elektro"], days=200, status=Agreement.Status.ENDED)  # lasted
    _agreement(other_site, world["kapper"], days=20, status=Agreement.Status.ENDED)  # did not
    _agreement(site, world["elektro"], days=0, status=Agreement.Status.RUNNING)  # 400 days on
    newcomer = workplace_at(world["izegem"], world["elektro"])

    records = {p.id: p.track_record for p in matching.build_problem(world["midden"]).problem.places}
    assert records[proven.pk] == pytest.approx((2 + 1) / (3 + 2))
    assert records[newcomer.pk] == 0.5


def test_exclusions_fixed_matches_and_weights_are_passed_on(world, coordinator):
    learner = searching_learner(world["roeselare"], [world["elektro"]])
    other = searching_learner(world["roeselare"], [world["elektro"]])
    workplace = workplace_at(world["izegem"], world["elektro"])
    excluded = workplace_at(world["izegem"], world["elektro"])
    MatchExclusion.objects.create(
        learner=learner, company=excluded.site.organisation, reason="Ging niet", created_by=None
    )
    FixedMatch.objects.create(learner=learner, workplace=workplace)
    FixedMatch.objects.create(learner=other, workplace=excluded)
    weights = MatchingWeights.current()
    weights.distance = 9
    weights.save()

    problem = matching.build_problem(world["midden"]).problem

    assert problem.excluded == {(learner.pk, excluded.site.organisation_id)}
    assert sorted(problem.fixed) == sorted([(learner.pk, workplace.pk), (other.pk, excluded.pk)])
    assert problem.weights.distance == 9
    assert (
        matching.build_problem(
            world["midden"], weights={**weights.as_dict(), "distance": 2}
        ).problem.weights.distance
        == 2
    )


def test_a_fixed_match_to_a_place_that_is_no_longer_free_is_dropped(world):
    learner = searching_learner(world["roeselare"], [world["elektro"]])
    full = workplace_at(world["izegem"], world["elektro"], places=1)
    AgreementFactory(workplace=full, site=full.site, programme=full.programme)
    FixedMatch.objects.create(learner=learner, workplace=full)
    assert matching.build_problem(world["midden"]).problem.fixed == []


def test_the_number_of_queries_does_not_grow_with_the_data(world, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            learner = searching_learner(world["roeselare"], [world["elektro"], world["kapper"]])
            place = workplace_at(world["izegem"], world["elektro"])
            AgreementFactory(
                workplace=None,
                site=place.site,
                programme=place.programme,
                learner__status="agreement",
            )
            MatchExclusion.objects.create(
                learner=learner, company=place.site.organisation, reason="Ging niet"
            )
            FixedMatch.objects.create(
                learner=learner, workplace=workplace_at(world["izegem"], world["kapper"])
            )

    add(2)
    MatchingWeights.current()
    # weights, learners, their wishes, places, recognitions, agreements, exclusions, fixed
    with django_assert_num_queries(8):
        small = matching.build_problem(world["midden"])
    add(6)
    with django_assert_num_queries(8):
        large = matching.build_problem(world["midden"])
    assert (len(small.problem.learners), len(large.problem.learners)) == (2, 8)
    assert len(large.problem.places) == 16
