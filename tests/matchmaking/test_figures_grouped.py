"""The grouped matchmaking figures: every cell (province and subregion, all providers and each
provider type, in total and per programme and study domain) equals a count made here in Python
over a handful of rows, and each figure takes a fixed number of queries whatever the rows."""

import datetime
from collections import defaultdict
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from matchmaking.lists.selectors import training_days
from matchmaking.models import Agreement, CandidateCompany, Learner, Recognition, Workplace
from steunpunt.core.figure_groups import SCOPES, query_count
from steunpunt.core.figures import registry
from steunpunt.core.models import Organisation
from tests.factories import (
    CompanyFactory,
    OrganisationFactory,
    PostcodeFactory,
    ProgrammeFactory,
    StudyDomainFactory,
    SubregionFactory,
)
from tests.matchmaking.factories import (
    AgreementFactory,
    CandidateCompanyFactory,
    CompanySiteFactory,
    LearnerFactory,
    LearnerWishFactory,
    RecognitionFactory,
    WorkplaceFactory,
)
from tests.matchmaking.runs_factories import MatchingRunFactory, ProposalFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 16)  # a Monday


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def expected_cells(records, dims):
    """Reference cells, counted in Python: records are (identity, {dimension: key or set of keys});
    a record counts once in the province, once in its subregion and provider type (if it has
    one), in each combination of those, in total and once per key of each breakdown."""
    found = defaultdict(set)
    for identity, attrs in records:
        scopes = []
        for scope in SCOPES:
            options = [""]
            if scope in dims and attrs.get(scope):
                options.append(attrs[scope])
            scopes.append(options)
        breakdowns = [("total", "")]
        for dim in dims:
            if dim in SCOPES:
                continue
            keys = attrs.get(dim) or ()
            keys = {keys} if isinstance(keys, str) else set(keys)
            breakdowns.extend((dim, key) for key in keys)
        for subregion in scopes[0]:
            for provider_type in scopes[1]:
                for dimension, key in breakdowns:
                    found[(subregion, provider_type, dimension, key)].add(identity)
    return {cell: len(ids) for cell, ids in found.items()}


def actual_cells(name, day=DAY):
    return {cell[:4]: cell.value for cell in registry.cells(name, moment=day) if cell.value}


def shape_queries(name):
    grouping = registry.get(name).grouping
    if grouping.additive:
        return 1
    per_shape = 2 ** len(grouping.scopes) * (1 + len(grouping.breakdowns))
    assert query_count(grouping, "sqlite") == per_shape
    return query_count(grouping, connection.vendor)


@pytest.fixture
def world():
    """Two subregions, a postcode without one, two programmes in two study domains, a school and
    a Syntra centre, four companies, and learners at every stage of the funnel."""
    midden = SubregionFactory(name="Midden-West-Vlaanderen", slug="midden")
    zuid = SubregionFactory(name="Zuid-West-Vlaanderen", slug="zuid")
    roeselare = PostcodeFactory(code="8800", locality="Roeselare", municipality__subregion=midden)
    kortrijk = PostcodeFactory(code="8500", locality="Kortrijk", municipality__subregion=zuid)
    elsewhere = PostcodeFactory(code="9000", locality="Gent", subregion=None)
    stem = StudyDomainFactory(code=2, name="STEM")
    care = StudyDomainFactory(code=7, name="Zorg")
    electricity = ProgrammeFactory(code="E1", study_domain=stem)
    nursing = ProgrammeFactory(code="Z1", study_domain=care)
    school = OrganisationFactory(kind=Organisation.Kind.SCHOOL)
    syntra = OrganisationFactory(kind=Organisation.Kind.SYNTRA, network="")

    site_a = CompanySiteFactory(organisation=CompanyFactory(), postcode=roeselare)
    site_b = CompanySiteFactory(organisation=CompanyFactory(), postcode=kortrijk)
    site_c = CompanySiteFactory(organisation=CompanyFactory(), postcode=kortrijk)
    site_d = CompanySiteFactory(organisation=CompanyFactory(), postcode=elsewhere)
    valid = {"valid_from": DAY - timedelta(days=300), "valid_until": DAY + timedelta(days=300)}
    RecognitionFactory(site=site_a, programme=electricity, **valid)
    RecognitionFactory(site=site_a, programme=nursing, **valid)
    RecognitionFactory(site=site_b, programme=electricity, **valid)
    RecognitionFactory(site=site_c, programme=nursing, **valid)
    RecognitionFactory(site=site_d, programme=electricity, **valid)
    RecognitionFactory(  # lapsed before the day: does not count
        site=CompanySiteFactory(organisation=CompanyFactory(), postcode=kortrijk),
        programme=nursing,
        valid_from=DAY - timedelta(days=700),
        valid_until=DAY - timedelta(days=1),
    )

    def learner(provider, postcode, wishes, registered, **fields):
        person = LearnerFactory(provider=provider, postcode=postcode, **fields)
        for rank, programme in enumerate(wishes, start=1):
            LearnerWishFactory(learner=person, programme=programme, rank=rank)
        Learner.objects.filter(pk=person.pk).update(created_at=at(registered))
        return person

    def agreement(person, site, programme, start, end=None, registered=None, **fields):
        workplace = Workplace.objects.filter(site=site, programme=programme).first()
        workplace = workplace or WorkplaceFactory(site=site, programme=programme, places=3)
        contract = AgreementFactory(
            learner=person,
            workplace=workplace,
            start_date=start,
            end_date=end,
            status=Agreement.Status.ENDED if end else Agreement.Status.RUNNING,
            end_reason="Opleiding afgerond" if end else "",
            **fields,
        )
        Agreement.objects.filter(pk=contract.pk).update(created_at=at(registered or start))
        return contract

    l1 = learner(school, roeselare, [electricity], DAY - timedelta(days=60))
    l2 = learner(syntra, kortrijk, [nursing, electricity], DAY - timedelta(days=90))
    l3 = learner(school, kortrijk, [electricity], DAY - timedelta(days=40))
    l4 = learner(syntra, elsewhere, [nursing], DAY - timedelta(days=30))
    l5 = learner(school, roeselare, [nursing], DAY - timedelta(days=20))
    learner(school, kortrijk, [electricity], DAY + timedelta(days=2))  # registers later
    agreement(l1, site_a, electricity, DAY - timedelta(days=40), registered=DAY - timedelta(50))
    agreement(l2, site_a, nursing, DAY - timedelta(days=80), end=DAY - timedelta(days=10))
    agreement(l3, site_b, electricity, DAY - timedelta(days=5), registered=DAY - timedelta(30))
    agreement(l4, site_d, electricity, DAY + timedelta(days=5), registered=DAY + timedelta(1))
    Learner.objects.filter(pk__in=[l1.pk, l3.pk]).update(status=Learner.Status.RUNNING)
    Learner.objects.filter(pk=l2.pk).update(status=Learner.Status.SEARCHING)

    # Proposals: l5 got one before the day, l4 only after it.
    run = MatchingRunFactory()
    MatchingRunFactory._meta.model.objects.filter(pk=run.pk).update(
        created_at=at(DAY - timedelta(days=3))
    )
    later = MatchingRunFactory()
    MatchingRunFactory._meta.model.objects.filter(pk=later.pk).update(
        created_at=at(DAY + timedelta(days=1))
    )
    nursing_place = WorkplaceFactory(site=site_c, programme=nursing, places=2)
    ProposalFactory(run=run, learner=l5, workplace=nursing_place)
    ProposalFactory(run=later, learner=l4, workplace=nursing_place)

    CandidateCompanyFactory(postcode=roeselare).programmes.set([electricity, nursing])
    CandidateCompanyFactory(postcode=kortrijk).programmes.set([electricity])
    CandidateCompanyFactory(postcode=elsewhere)
    CandidateCompany.objects.update(created_at=at(DAY - timedelta(days=10)))
    late = CandidateCompanyFactory(postcode=kortrijk)
    CandidateCompany.objects.filter(pk=late.pk).update(created_at=at(DAY + timedelta(days=1)))
    return {"midden": midden, "zuid": zuid, "electricity": electricity, "nursing": nursing}


def agreement_records(predicate):
    rows = Agreement.objects.select_related(
        "site__postcode__subregion", "learner__provider", "programme__study_domain"
    )
    return [
        (
            agreement,
            {
                "subregion": getattr(agreement.site.postcode.subregion, "slug", None),
                "provider_type": agreement.learner.provider.kind,
                "programme": agreement.programme.code,
                "study_domain": str(agreement.programme.study_domain.code),
            },
        )
        for agreement in rows
        if predicate(agreement)
    ]


def running(agreement):
    return agreement.start_date <= DAY and (agreement.end_date is None or agreement.end_date >= DAY)


def test_agreements_running_and_total(world, django_assert_num_queries):
    with django_assert_num_queries(1):  # one grouped query over all paths
        running_cells = actual_cells("matchmaking.agreements_running")
    assert running_cells == expected_cells(agreement_records(running), AGREEMENT_DIMS)
    assert running_cells[("", "", "total", "")] == 2
    assert running_cells[("zuid", "", "total", "")] == 1
    assert running_cells[("", "", "programme", "E1")] == 2

    total = actual_cells("matchmaking.agreements_total")
    assert total == expected_cells(agreement_records(lambda a: a.start_date <= DAY), AGREEMENT_DIMS)
    assert total[("", "", "total", "")] == 3
    assert total[("midden", "syntra", "programme", "Z1")] == 1


AGREEMENT_DIMS = ("subregion", "provider_type", "programme", "study_domain")
SITE_DIMS = ("subregion", "programme", "study_domain")


def test_learners_in_dual_by_provider_type(world):
    records = [
        (a.learner_id, attrs) for a, attrs in agreement_records(running)
    ]  # a learner counts once
    cells = actual_cells("matchmaking.learners_in_dual")
    assert cells == expected_cells(records, AGREEMENT_DIMS)
    assert cells[("", "school", "total", "")] == 2
    assert ("", "syntra", "total", "") not in cells  # the Syntra learner's agreement ended


def recognition_records(day, predicate=lambda r: True, identity=lambda r: r.site.organisation_id):
    rows = Recognition.objects.select_related(
        "site__postcode__subregion", "programme__study_domain"
    )
    return [
        (
            identity(recognition),
            {
                "subregion": getattr(recognition.site.postcode.subregion, "slug", None),
                "programme": recognition.programme.code,
                "study_domain": str(recognition.programme.study_domain.code),
            },
        )
        for recognition in rows
        if recognition.is_valid_on(day) and predicate(recognition)
    ]


def test_recognised_companies_sites_and_activation(world, django_assert_num_queries):
    companies = actual_cells("matchmaking.recognised_companies")
    assert companies == expected_cells(recognition_records(DAY), SITE_DIMS)
    assert companies[("", "", "total", "")] == 4
    assert companies[("zuid", "", "total", "")] == 2

    sites = actual_cells("matchmaking.recognised_sites")
    assert sites == expected_cells(
        recognition_records(DAY, identity=lambda r: r.site_id), SITE_DIMS
    )

    active_organisations = {
        a.site.organisation_id for a in Agreement.objects.select_related("site") if running(a)
    }
    active = actual_cells("matchmaking.active_companies")
    assert active == expected_cells(
        recognition_records(DAY, lambda r: r.site.organisation_id in active_organisations),
        SITE_DIMS,
    )
    assert active[("", "", "total", "")] == 2

    # 6 grouped queries for each of the two figures (one each with GROUPING SETS on PostgreSQL).
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 12):
        rate = {c[:4]: c.value for c in registry.cells("matchmaking.activation_rate", moment=DAY)}
    assert rate[("", "", "total", "")] == 50  # 2 of 4 companies
    assert rate[("zuid", "", "total", "")] == 50  # B (running) of B and C
    assert rate[("midden", "", "programme", "Z1")] == 100
    assert rate[("", "", "programme", "Z1")] == 50  # A of A and C
    assert registry.get("matchmaking.activation_rate").kind == "percent"


def learner_records(predicate):
    learners = Learner.objects.select_related("postcode__subregion", "provider").prefetch_related(
        "wishes__programme__study_domain"
    )
    return [
        (
            learner.pk,
            {
                "subregion": getattr(learner.postcode.subregion, "slug", None),
                "provider_type": learner.provider.kind,
                "programme": {w.programme.code for w in learner.wishes.all()},
                "study_domain": {str(w.programme.study_domain.code) for w in learner.wishes.all()},
            },
        )
        for learner in learners
        if timezone.localdate(learner.created_at) <= DAY and predicate(learner)
    ]


def test_the_funnel(world):
    registered = actual_cells("matchmaking.learners_registered")
    assert registered == expected_cells(learner_records(lambda person: True), AGREEMENT_DIMS)
    assert registered[("", "", "total", "")] == 5
    assert registered[("", "", "programme", "E1")] == 3  # l1, l2 (second wish), l3
    assert registered[("zuid", "syntra", "study_domain", "7")] == 1

    proposed = actual_cells("matchmaking.learners_proposed")
    assert proposed == {
        ("", "", "total", ""): 1,
        ("midden", "", "total", ""): 1,
        ("", "school", "total", ""): 1,
        ("midden", "school", "total", ""): 1,
        **{(s, p, "programme", "Z1"): 1 for s in ("", "midden") for p in ("", "school")},
        **{(s, p, "study_domain", "7"): 1 for s in ("", "midden") for p in ("", "school")},
    }

    def agreement_by_day(person):
        return any(
            timezone.localdate(a.created_at) <= DAY
            for a in Agreement.objects.filter(learner=person)
        )

    with_agreement = actual_cells("matchmaking.learners_with_agreement")
    assert with_agreement == expected_cells(learner_records(agreement_by_day), AGREEMENT_DIMS)
    assert with_agreement[("", "", "total", "")] == 3  # l1, l2, l3 (l4's comes later)


def test_median_days_to_agreement(world):
    cells = actual_cells("matchmaking.days_to_agreement")
    # l1: 60 − 50 = 10 days, l2: registered 90 days before, agreement 80 before: 10, l3: 10.
    assert cells[("", "", "total", "")] == pytest.approx(10)
    Agreement.objects.filter(learner__postcode__code="8500", programme__code="E1").update(
        created_at=at(DAY - timedelta(days=4))  # l3: 36 days
    )
    cells = actual_cells("matchmaking.days_to_agreement")
    assert cells[("", "", "total", "")] == pytest.approx(10)  # median of 10, 10, 36
    assert cells[("zuid", "", "total", "")] == pytest.approx(23)  # median of 10 and 36
    assert cells[("", "", "programme", "E1")] == pytest.approx(10)  # l1, l2 (second wish), l3
    assert registry.get("matchmaking.days_to_agreement").kind == "days"


def test_learners_at_risk_use_the_risk_list_definition(world, settings):
    settings.MATCHMAKING_RISK_TRAINING_DAYS = 10
    Learner.objects.filter(status=Learner.Status.REGISTERED).update(
        programme_started_on=DAY - timedelta(days=14)  # 11 weekdays up to the Monday
    )
    Learner.objects.filter(status=Learner.Status.SEARCHING).update(
        programme_started_on=DAY - timedelta(days=7)  # 6 weekdays: not yet
    )
    assert training_days(DAY - timedelta(days=14), DAY) == 11
    risky = {
        person.pk
        for person in Learner.objects.all()
        if person.programme_started_on
        and training_days(person.programme_started_on, DAY) >= 10
        and not person.agreements.filter(status__in=["signed", "running"]).exists()
    }
    cells = actual_cells("matchmaking.learners_at_risk")
    assert cells == expected_cells(
        learner_records(lambda person: person.pk in risky), AGREEMENT_DIMS
    )
    # l5 only: l4 has a signed agreement that starts later, l2 started 6 training days ago and
    # the sixth learner registered after the day.
    assert cells[("", "", "total", "")] == 1


def test_candidate_companies_by_subregion_and_programme(world):
    records = [
        (
            candidate.pk,
            {
                "subregion": getattr(candidate.postcode.subregion, "slug", None),
                "programme": {p.code for p in candidate.programmes.all()},
                "study_domain": {str(p.study_domain.code) for p in candidate.programmes.all()},
            },
        )
        for candidate in CandidateCompany.objects.all()
        if timezone.localdate(candidate.created_at) <= DAY
    ]
    cells = actual_cells("matchmaking.candidate_companies")
    assert cells == expected_cells(records, SITE_DIMS)
    assert cells[("", "", "total", "")] == 3  # counted once, whatever its programmes
    assert cells[("zuid", "", "programme", "E1")] == 1


def test_open_workplaces_are_the_finders_rows(world):
    from matchmaking.public.selectors import public_workplaces

    free = set(public_workplaces(DAY).values_list("pk", flat=True))
    records = [
        (
            workplace.pk,
            {
                "subregion": getattr(workplace.site.postcode.subregion, "slug", None),
                "programme": workplace.programme.code,
                "study_domain": str(workplace.programme.study_domain.code),
            },
        )
        for workplace in Workplace.objects.select_related("site__postcode__subregion", "programme")
        if workplace.pk in free
    ]
    cells = actual_cells("matchmaking.open_workplaces")
    assert records and cells == expected_cells(records, SITE_DIMS)
    assert registry.value("matchmaking.open_workplaces") == cells[("", "", "total", "")]


@pytest.mark.parametrize(
    "name",
    [
        "matchmaking.learners_in_dual",
        "matchmaking.agreements_total",
        "matchmaking.agreements_running",
        "matchmaking.recognised_companies",
        "matchmaking.recognised_sites",
        "matchmaking.active_companies",
        "matchmaking.candidate_companies",
        "matchmaking.learners_registered",
        "matchmaking.learners_proposed",
        "matchmaking.learners_with_agreement",
        "matchmaking.days_to_agreement",
        "matchmaking.learners_at_risk",
        "matchmaking.open_workplaces",
    ],
)
def test_query_count_does_not_grow_with_the_rows(name, world, django_assert_max_num_queries):
    figure = registry.get(name)
    assert str(figure.label) and str(figure.description) and figure.kind in {"count", "days"}
    # Additive: 1 query; distinct counts and medians: one per scope shape and breakdown,
    # at most 4 shapes × (total, programme, study domain) = 12.
    expected = shape_queries(name)
    assert expected <= 12
    with django_assert_max_num_queries(expected):
        registry.cells(name, moment=DAY)
    for _ in range(3):
        AgreementFactory(start_date=DAY - timedelta(days=1))
        CandidateCompanyFactory()
    with django_assert_max_num_queries(expected):
        registry.cells(name, moment=DAY)


def test_company_recognised_stays_out_of_snapshots():
    assert registry.get("matchmaking.company_recognised").in_snapshot is False


@pytest.mark.parametrize(
    "name",
    [
        "matchmaking.agreements_total",
        "matchmaking.active_companies",
        "matchmaking.learners_registered",
        "matchmaking.learners_with_agreement",
        "matchmaking.days_to_agreement",
    ],
)
def test_grouped_figures_also_give_one_value(name, world):
    """The POF annex asks registry.value(name, subregion=..., programme=...): it equals the
    cell of the snapshot."""
    found = actual_cells(name)
    assert registry.value(name, moment=DAY) == pytest.approx(found[("", "", "total", "")])
    zuid, electricity = world["zuid"], world["electricity"]
    assert registry.value(name, subregion=zuid, moment=DAY) == pytest.approx(
        found.get(("zuid", "", "total", ""), 0)
    )
    assert registry.value(name, programme=electricity, moment=DAY) == pytest.approx(
        found.get(("", "", "programme", "E1"), 0)
    )
