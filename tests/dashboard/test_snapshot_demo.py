"""A snapshot of the `province` demo data: the frozen values (province, one subregion, one provider
type, one programme) equal the same figures counted here in Python from the rows.

The demo data is seeded once for the module, inside a transaction that is rolled back at the end,
so the other test modules never see it.
"""

from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from dashboard import services, snapshots
from dashboard.models import FigureValue
from matchmaking.models import Agreement, CandidateCompany, Recognition
from steunpunt.core.models import Organisation, ProgrammeOffer, Subregion

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def snapshot(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_reference_data", verbosity=0)
            call_command("seed_demo", scale="province", force=True, verbosity=0)
            if connection.vendor == "postgresql":
                # A live database has statistics (autovacuum); rows seeded inside this
                # transaction have none until analysed, and the planner would guess.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            day = timezone.localdate()
            moment = services.create_moment(name="Demo provincie", date=day, actor=None)
            written = snapshots.compute_snapshot(moment=moment, actor=None)
            yield {"moment": moment, "day": day, "written": written}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def frozen(snapshot, figure, subregion="", provider_type="", dimension="total", key=""):
    return (
        snapshot["moment"]
        .values.get(
            figure=figure,
            subregion=subregion,
            provider_type=provider_type,
            dimension=dimension,
            key=key,
            source=FigureValue.Source.COMPUTED,
        )
        .value
    )


def running_agreements(day):
    rows = Agreement.objects.values_list(
        "learner_id",
        "learner__provider__kind",
        "site__postcode__subregion__slug",
        "programme__code",
        "start_date",
        "end_date",
    )
    return [row for row in rows if row[4] <= day and (row[5] is None or row[5] >= day)]


def test_the_snapshot_holds_every_figure_split(snapshot):
    assert snapshot["written"] == snapshot["moment"].values.count() > 100
    figures = set(snapshot["moment"].values.values_list("figure", flat=True))
    assert {
        "matchmaking.learners_in_dual",
        "matchmaking.agreements_total",
        "matchmaking.activation_rate",
        "core.providers_with_offer",
    } <= figures
    assert "matchmaking.company_recognised" not in figures


def test_agreements_running_province_subregion_and_programme(snapshot):
    running = running_agreements(snapshot["day"])
    assert len(running) > 50  # the demo's agreements, not an empty province
    assert frozen(snapshot, "matchmaking.agreements_running") == len(running)

    by_subregion = Counter(row[2] for row in running if row[2])
    slug, count = by_subregion.most_common(1)[0]
    assert frozen(snapshot, "matchmaking.agreements_running", subregion=slug) == count
    label = (
        snapshot["moment"]
        .values.filter(subregion=slug)
        .values_list("subregion_label", flat=True)[0]
    )
    assert label == Subregion.objects.get(slug=slug).name

    by_programme = Counter(row[3] for row in running)
    code, count = by_programme.most_common(1)[0]
    assert (
        frozen(snapshot, "matchmaking.agreements_running", dimension="programme", key=code) == count
    )


def test_learners_in_dual_by_provider_type(snapshot):
    learners = defaultdict(set)
    for learner, kind, *_rest in running_agreements(snapshot["day"]):
        learners[kind].add(learner)
    assert learners  # the demo has learners at more than one kind of provider
    for kind, ids in learners.items():
        assert frozen(snapshot, "matchmaking.learners_in_dual", provider_type=kind) == len(ids)
    everyone = set().union(*learners.values())
    assert frozen(snapshot, "matchmaking.learners_in_dual") == len(everyone)


def test_recognised_companies_and_activation_rate(snapshot):
    day = snapshot["day"]
    valid = [
        recognition
        for recognition in Recognition.objects.select_related("site__postcode__subregion")
        if recognition.is_valid_on(day)
    ]
    companies = {r.site.organisation_id for r in valid}
    assert frozen(snapshot, "matchmaking.recognised_companies") == len(companies)
    active_ids = {
        org
        for org, start, end in Agreement.objects.values_list(
            "site__organisation_id", "start_date", "end_date"
        )
        if start <= day and (end is None or end >= day)
    }
    active = companies & active_ids
    assert frozen(snapshot, "matchmaking.active_companies") == len(active)
    rate = frozen(snapshot, "matchmaking.activation_rate")
    assert float(rate) == pytest.approx(100 * len(active) / len(companies), abs=0.01)

    in_subregion = defaultdict(set)
    for r in valid:
        if r.site.postcode.subregion_id:
            in_subregion[r.site.postcode.subregion.slug].add(r.site.organisation_id)
    slug = max(in_subregion, key=lambda s: len(in_subregion[s]))
    assert frozen(snapshot, "matchmaking.recognised_companies", subregion=slug) == len(
        in_subregion[slug]
    )


def test_offer_and_candidates(snapshot):
    providers = {
        org
        for org, kind in ProgrammeOffer.objects.filter(active=True).values_list(
            "site__organisation_id", "site__organisation__kind"
        )
        if kind in Organisation.PROVIDER_KINDS
    }
    assert frozen(snapshot, "core.providers_with_offer") == len(providers)
    candidates = [
        c
        for c in CandidateCompany.objects.all()
        if timezone.localdate(c.created_at) <= snapshot["day"]
    ]
    if candidates:
        assert frozen(snapshot, "matchmaking.candidate_companies") == len(candidates)
    else:
        assert (
            not snapshot["moment"]
            .values.filter(figure="matchmaking.candidate_companies", value__gt=0)
            .exists()
        )
