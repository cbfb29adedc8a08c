"""The staff pages of the matching: start (a preview first), progress, proposals, accepting,
the proposal page and its steps, the weights and exclusions. Refusals and query counts."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import (
    Learner,
    LearnerAccess,
    MatchExclusion,
    MatchingRun,
    MatchingWeights,
    Proposal,
    UnmatchedLearner,
)
from tests.factories import ProgrammeFactory
from tests.matchmaking.factories import WorkplaceFactory
from tests.matchmaking.runs_factories import (
    BRUGGE,
    IZEGEM,
    ROESELARE,
    MatchingRunFactory,
    ProposalFactory,
    accepted_proposal,
    postcode,
    searching_learner,
    subregion,
    workplace_at,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def midden():
    region = subregion("Midden-West-Vlaanderen")
    return {
        "region": region,
        "roeselare": postcode(ROESELARE, region),
        "izegem": postcode(IZEGEM, region),
        "brugge": postcode(BRUGGE, subregion("Noord-West-Vlaanderen")),
        "elektro": ProgrammeFactory(name="Elektrische installaties"),
        "kapper": ProgrammeFactory(name="Kapper-stylist"),
    }


def _page(response):
    return response.content.decode()


def test_the_run_list_explains_and_has_an_empty_state(client, coordinator):
    client.force_login(coordinator)
    html = _page(client.get(reverse("matchmaking:run_list")))
    assert "Er is nog geen matching gestart" in html
    assert "Begin met een voorbeeld" in html
    assert reverse("matchmaking:weights") in html
    assert "0 vastgezette matches" in html and "0 uitsluitingen" in html


def test_the_run_list_paginates_with_a_fixed_number_of_queries(
    client, coordinator, midden, django_assert_max_num_queries
):
    for _ in range(30):
        MatchingRunFactory(subregion=midden["region"], created_by=coordinator, proposals_count=4)
    client.force_login(coordinator)
    # session, user, roles, the count, the page of runs with subregion and creator, subregions,
    # the fixed matches and exclusions counted
    with django_assert_max_num_queries(10):
        response = client.get(reverse("matchmaking:run_list"))
    html = _page(response)
    assert html.count("Midden-West-Vlaanderen</td>") == 25
    assert "Pagina 1 van 2" in html


def test_preview_then_real_run_then_accept(
    client, coordinator, midden, django_capture_on_commit_callbacks
):
    """The journey: a preview, 'Nu echt uitvoeren', the proposals accepted in bulk."""
    lies = searching_learner(
        midden["roeselare"], [midden["elektro"]], first_name="Lies", last_name="Vermeulen"
    )
    searching_learner(
        midden["roeselare"],
        [midden["kapper"]],
        first_name="Tom",
        last_name="Claeys",
        max_distance_km=25,
    )
    workplace_at(midden["izegem"], midden["elektro"], places=2)
    workplace_at(midden["brugge"], midden["kapper"])
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matchmaking:run_start"), {"subregion": midden["region"].pk, "dry_run": "on"}
        )
    preview = MatchingRun.objects.get()
    assert response["Location"] == preview.get_absolute_url()
    response = client.get(response["Location"])
    assert preview.dry_run and preview.status == MatchingRun.Status.DONE
    html = _page(response)
    assert "Voorbeeldmatching: Midden-West-Vlaanderen" in html
    assert "De voorbeeldmatching is gestart." in html
    assert "Lies Vermeulen" in html
    assert "1e keuze, 7 km, erkend tot" in html
    assert "Tom Claeys" in html
    assert (
        "geen erkende plaats voor Kapper-stylist binnen 25 km; dichtstbijzijnde 30 km in Brugge"
        in html
    )
    assert "Nu echt uitvoeren" in html
    assert 'name="proposals"' not in html  # nothing to accept in a preview

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matchmaking:run_start"), {"subregion": midden["region"].pk})
    real = MatchingRun.objects.exclude(pk=preview.pk).get()
    response = client.get(real.get_absolute_url())
    assert not real.dry_run
    html = _page(response)
    assert "Matching: Midden-West-Vlaanderen" in html
    assert 'name="proposals"' in html
    proposal = real.proposals.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matchmaking:run_accept", kwargs={"uuid": real.uuid}),
            {"proposals": [str(proposal.uuid)]},
            follow=True,
        )
    assert "1 voorstel aanvaard" in _page(response)
    assert Learner.objects.get(pk=lies.pk).status == Learner.Status.PROPOSED


def test_a_bad_scope_is_refused_in_dutch(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("matchmaking:run_start"), {"subregion": "999999"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in _page(response)
    assert not MatchingRun.objects.exists()


def test_a_running_run_shows_its_progress_and_a_refresh_link(client, coordinator):
    run = MatchingRunFactory(
        status=MatchingRun.Status.RUNNING,
        progress=40,
        step="De beste combinatie berekenen",
        finished_at=None,
    )
    client.force_login(coordinator)
    html = _page(client.get(run.get_absolute_url()))
    assert 'value="40"' in html
    assert "Bezig: De beste combinatie berekenen" in html
    assert f'href="{run.get_absolute_url()}">Vernieuwen' in html
    assert "js/matching-run" in html
    assert reverse("matchmaking:run_progress", kwargs={"uuid": run.uuid}) in html

    data = json.loads(
        client.get(reverse("matchmaking:run_progress", kwargs={"uuid": run.uuid})).content
    )
    assert data == {
        "status": "running",
        "status_label": "Bezig",
        "progress": 40,
        "step": "De beste combinatie berekenen",
        "finished": False,
        "error": "",
    }


def test_a_failed_run_shows_its_error(client, coordinator):
    run = MatchingRunFactory(
        status=MatchingRun.Status.FAILED, error="RuntimeError: kapot", attempts=4
    )
    client.force_login(coordinator)
    html = _page(client.get(run.get_absolute_url()))
    assert "Deze matching is mislukt" in html
    assert "Na 4 pogingen gaven we het op" in html
    assert "RuntimeError: kapot" in html
    data = json.loads(
        client.get(reverse("matchmaking:run_progress", kwargs={"uuid": run.uuid})).content
    )
    assert data["finished"] and data["error"] == "RuntimeError: kapot"


def test_the_run_page_has_a_fixed_number_of_queries(
    client, coordinator, django_assert_max_num_queries
):
    run = MatchingRunFactory()
    for _ in range(12):
        ProposalFactory(run=run)
    for proposal in run.proposals.all()[:5]:
        UnmatchedLearner.objects.create(run=run, learner=proposal.learner, reason="geen plaats")
    client.force_login(coordinator)
    # session, user, roles, the run, proposals: count + page, unmatched: count + page
    with django_assert_max_num_queries(9):
        response = client.get(run.get_absolute_url())
    html = _page(response)
    assert html.count('name="proposals"') == 12
    assert html.count("geen plaats") == 5


def test_bulk_accept_reports_each_refusal(client, coordinator, django_capture_on_commit_callbacks):
    run = MatchingRunFactory()
    last = WorkplaceFactory(places=1)
    first = ProposalFactory(run=run, workplace=last)
    second = ProposalFactory(run=run, workplace=last)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matchmaking:run_accept", kwargs={"uuid": run.uuid}),
            {"proposals": [str(first.uuid), str(second.uuid), "geen-uuid"]},
            follow=True,
        )
    html = _page(response)
    assert "1 voorstel aanvaard" in html
    assert (
        f"Niet aanvaard voor {second.learner.full_name}: Deze werkplek heeft geen vrije plaats meer"
        in html
    )


def test_accepting_nothing_says_so(client, coordinator):
    run = MatchingRunFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("matchmaking:run_accept", kwargs={"uuid": run.uuid}), follow=True
    )
    assert "Kies minstens één voorstel om te aanvaarden." in _page(response)


def test_a_proposal_of_another_run_is_not_accepted_through_this_one(client, coordinator):
    run = MatchingRunFactory()
    other = ProposalFactory()
    client.force_login(coordinator)
    client.post(
        reverse("matchmaking:run_accept", kwargs={"uuid": run.uuid}), {"only": str(other.uuid)}
    )
    assert Proposal.objects.get(pk=other.pk).status == Proposal.Status.OPEN


def test_only_coordinators_accept(client, school_contact):
    proposal = ProposalFactory()
    client.force_login(school_contact)
    response = client.post(
        reverse("matchmaking:run_accept", kwargs={"uuid": proposal.run.uuid}),
        {"only": str(proposal.uuid)},
    )
    assert response.status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.OPEN


# The proposal page


def test_the_coordinator_sees_the_history_and_the_next_steps(client, coordinator):
    proposal = accepted_proposal()
    proposal.transitions.create(from_status="open", to_status="proposed", by=coordinator)
    client.force_login(coordinator)
    html = _page(client.get(proposal.get_absolute_url()))
    assert "Nog niet aanvaard → <strong>Voorgesteld</strong>" in html
    assert "Kennismaking plannen" in html
    assert "Afgesprongen" in html
    assert "Proefperiode starten" not in html  # not from "proposed"
    assert "Niet meer bij dit bedrijf" in html


def test_the_school_reads_its_learners_proposal_without_forms(client, school_contact, school):
    proposal = accepted_proposal(provider=school)
    client.force_login(school_contact)
    html = _page(client.get(proposal.get_absolute_url()))
    access = LearnerAccess.objects.get(learner=proposal.learner)  # the view is logged
    assert (access.user, access.action, access.what) == (school_contact, "view", "voorstel")
    assert proposal.learner.full_name in html
    assert proposal.explanation in html
    assert "Het Steunpunt volgt dit voorstel op" in html
    assert "Kennismaking plannen" not in html
    assert reverse("matchmaking:proposal_move", kwargs={"uuid": proposal.uuid}) not in html
    assert "exclusion" not in html and "uitsluiten/" not in html


def test_the_school_does_not_see_open_proposals_or_other_schools(
    client, school_contact, school, outsider
):
    open_one = ProposalFactory(
        learner=searching_learner(postcode(ROESELARE, subregion("X")), [], provider=school)
    )
    client.force_login(school_contact)
    assert client.get(open_one.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(accepted_proposal(provider=school).get_absolute_url()).status_code == 404


def test_a_step_through_the_page(client, coordinator, django_capture_on_commit_callbacks):
    proposal = accepted_proposal()
    client.force_login(coordinator)
    day = TODAY + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matchmaking:proposal_move", kwargs={"uuid": proposal.uuid}),
            {"action": "plan_introduction", "plan_introduction-on": day.isoformat()},
            follow=True,
        )
    assert "De stap is bewaard." in _page(response)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.introduction_on) == ("introduction", day)


def test_a_bad_step_keeps_the_input_and_says_why(client, coordinator):
    proposal = accepted_proposal()
    proposal.plan_introduction(on=TODAY)
    proposal.save()
    Learner.objects.filter(pk=proposal.learner_id).update(status=Learner.Status.INTRODUCTION)
    client.force_login(coordinator)
    response = client.post(
        reverse("matchmaking:proposal_move", kwargs={"uuid": proposal.uuid}),
        {
            "action": "sign",
            "sign-agreement_type": "oao",
            "sign-start_date": TODAY.isoformat(),
            "sign-hours_per_week": "12",
            "sign-note": "Getekend op kantoor",
        },
    )
    assert response.status_code == 400
    html = _page(response)
    assert "Een OAO is minstens 20 uur per week; kies een SAO." in html
    assert "Getekend op kantoor" in html
    assert Proposal.objects.get(pk=proposal.pk).status == "introduction"


def test_a_step_that_no_longer_fits_is_refused(client, coordinator):
    proposal = accepted_proposal()
    client.force_login(coordinator)
    response = client.post(
        reverse("matchmaking:proposal_move", kwargs={"uuid": proposal.uuid}),
        {"action": "start_running"},
        follow=True,
    )
    assert "Deze stap kan niet (meer) vanuit de huidige status." in _page(response)
    assert Proposal.objects.get(pk=proposal.pk).status == "proposed"


# Weights and exclusions


def test_the_weights_page_explains_each_weight(client, coordinator):
    client.force_login(coordinator)
    html = _page(client.get(reverse("matchmaking:weights")))
    assert "Hoe zwaar de reisafstand weegt" in html
    assert "de eerste keuze gaat voor" in html
    assert "vroegtijdige schoolverlaters" in html
    assert "Elk gewicht is een getal van 0 tot 1000" in html


def test_weights_out_of_range_are_refused_and_kept(client, coordinator):
    client.force_login(coordinator)
    data = {
        "distance": "1001",
        "preference": "-1",
        "waiting": "1",
        "priority": "2",
        "track_record": "1",
    }
    response = client.post(reverse("matchmaking:weights"), data)
    assert response.status_code == 400
    html = _page(response)
    assert "Een gewicht is hoogstens 1000." in html
    assert "Een gewicht is minstens 0." in html
    assert 'value="1001"' in html
    assert MatchingWeights.current().distance == 4.0


def test_all_weights_zero_is_refused(client, coordinator):
    client.force_login(coordinator)
    zero = dict.fromkeys(["distance", "preference", "waiting", "priority", "track_record"], "0")
    response = client.post(reverse("matchmaking:weights"), zero)
    assert response.status_code == 400
    assert "Minstens één gewicht is groter dan 0" in _page(response)


def test_weights_are_saved(client, coordinator):
    client.force_login(coordinator)
    data = {
        "distance": "8",
        "preference": "2.5",
        "waiting": "0",
        "priority": "3",
        "track_record": "1",
    }
    response = client.post(reverse("matchmaking:weights"), data, follow=True)
    assert "De gewichten zijn bewaard." in _page(response)
    weights = MatchingWeights.current()
    assert (weights.distance, weights.preference, weights.updated_by) == (8, 2.5, coordinator)


def test_an_exclusion_from_the_proposal_page(client, coordinator):
    proposal = accepted_proposal()
    company = proposal.workplace.site.organisation
    client.force_login(coordinator)
    response = client.post(
        reverse("matchmaking:exclusion_add", kwargs={"uuid": proposal.learner.uuid}),
        {"company": company.pk, "reason": "Te ver met de bus", "next": proposal.get_absolute_url()},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == proposal.get_absolute_url()
    assert f"{company} wordt niet meer voorgesteld aan {proposal.learner.full_name}." in _page(
        response
    )
    exclusion = MatchExclusion.objects.get()
    assert (exclusion.company, exclusion.reason, exclusion.created_by) == (
        company,
        "Te ver met de bus",
        coordinator,
    )


def test_an_exclusion_without_reason_keeps_the_input(client, coordinator):
    proposal = accepted_proposal()
    client.force_login(coordinator)
    response = client.post(
        reverse("matchmaking:exclusion_add", kwargs={"uuid": proposal.learner.uuid}),
        {
            "company": proposal.workplace.site.organisation_id,
            "reason": "",
            "next": "https://elders.example/",
        },
    )
    assert response.status_code == 400
    html = _page(response)
    assert "Dit veld is verplicht." in html
    assert "elders.example" not in html  # an outside "next" is dropped
    assert not MatchExclusion.objects.exists()


def test_the_proposal_page_has_a_fixed_number_of_queries(
    client, coordinator, django_assert_max_num_queries
):
    proposal = accepted_proposal()
    for _ in range(8):
        proposal.transitions.create(from_status="proposed", to_status="proposed", by=coordinator)
    client.force_login(coordinator)
    # session, user, roles, the proposal with run/learner/workplace/agreement, the access log,
    # the history with its users
    with django_assert_max_num_queries(8):
        response = client.get(proposal.get_absolute_url())
    assert _page(response).count("→ <strong>Voorgesteld</strong>") == 8
