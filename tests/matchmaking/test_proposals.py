"""Accepting proposals (one, in bulk, the last place) and the workflow up to an agreement:
every step legal or refused, recorded, and mailed to the right people."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matchmaking.models import (
    Agreement,
    FixedMatch,
    IllegalTransition,
    Learner,
    MatchExclusion,
    Proposal,
    ProposalTransition,
    Workplace,
)
from matchmaking.runs import services as runs_services
from matchmaking.runs.capacity import with_free_places
from steunpunt.core.models import OutboxMessage
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory
from tests.matchmaking.factories import WorkplaceFactory
from tests.matchmaking.runs_factories import (
    MatchingRunFactory,
    ProposalFactory,
    accepted_proposal,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _contact(organisation, email, **fields):
    person = PersonFactory(email=email, first_name="Contact", last_name=email.split("@")[0])
    return MembershipFactory(person=person, organisation=organisation, **fields)


@pytest.fixture
def people():
    """A school with two contacts (one without e-mail, one who left), a company with one."""
    school = SchoolFactory(name="VTI Roeselare")
    workplace = WorkplaceFactory(places=1)
    company = workplace.site.organisation
    _contact(school, "trajectbegeleider@vti.be")
    _contact(school, "directie@vti.be")
    MembershipFactory(organisation=school, person=PersonFactory(email=""))
    _contact(school, "vertrokken@vti.be", ended_on=TODAY - timedelta(days=3))
    _contact(school, "vertrekt@vti.be", ended_on=TODAY + timedelta(days=30))
    _contact(company, "mentor@elektro.be")
    _contact(SchoolFactory(), "andere@school.be")
    return {"school": school, "workplace": workplace, "company": company}


def _open(workplace, provider=None, run=None):
    from tests.matchmaking.runs_factories import searching_learner

    extra = {"provider": provider} if provider else {}
    learner = searching_learner(
        workplace.site.postcode,
        [workplace.programme],
        first_name="Lies",
        last_name="Vermeulen",
        **extra,
    )
    return ProposalFactory(workplace=workplace, learner=learner, run=run or MatchingRunFactory())


# Accepting


def test_accepting_moves_the_learner_and_holds_the_place(people, coordinator):
    proposal = _open(people["workplace"], people["school"])
    FixedMatch.objects.create(learner=proposal.learner, workplace=people["workplace"])

    runs_services.accept_proposal(proposal=proposal, actor=coordinator)

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PROPOSED
    assert Learner.objects.get(pk=proposal.learner_id).status == Learner.Status.PROPOSED
    assert with_free_places().get(pk=people["workplace"].pk).free == 0
    assert not FixedMatch.objects.exists()  # used up
    [step] = ProposalTransition.objects.filter(proposal=proposal)
    assert (step.from_status, step.to_status, step.by) == ("open", "proposed", coordinator)


def test_the_contacts_of_the_school_and_the_company_get_one_mail_each(
    people, coordinator, django_capture_on_commit_callbacks
):
    proposal = _open(people["workplace"], people["school"])
    with django_capture_on_commit_callbacks(execute=False):
        runs_services.accept_proposal(proposal=proposal, actor=coordinator)

    rows = {row.recipient_email: row for row in OutboxMessage.objects.all()}
    assert set(rows) == {
        "trajectbegeleider@vti.be",
        "directie@vti.be",
        "vertrekt@vti.be",  # still a contact until the end of next month
        "mentor@elektro.be",
    }
    school_mail = rows["trajectbegeleider@vti.be"]
    assert school_mail.subject == "Voorstel voor Lies V.: Voorgesteld"
    assert "Het voorstel voor Lies V. bij" in school_mail.body_text
    assert "Vermeulen" not in school_mail.body_text + school_mail.body_html + school_mail.subject
    assert f"/matchmaking/voorstellen/{proposal.uuid}/" in school_mail.body_text
    company_mail = rows["mentor@elektro.be"]
    assert "/matchmaking/voorstellen/" not in company_mail.body_text
    assert "Meld je aan in het portaal" in company_mail.body_text


def test_a_dry_run_proposal_cannot_be_accepted(people, coordinator):
    proposal = _open(people["workplace"], run=MatchingRunFactory(dry_run=True))
    with pytest.raises(IllegalTransition, match="Dit is een voorbeeld"):
        runs_services.accept_proposal(proposal=proposal, actor=coordinator)
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.OPEN
    assert Learner.objects.get(pk=proposal.learner_id).status == Learner.Status.SEARCHING
    assert not OutboxMessage.objects.exists()


def test_the_last_place_goes_once(people, coordinator):
    first = _open(people["workplace"])
    second = _open(people["workplace"])
    runs_services.accept_proposal(proposal=first, actor=coordinator)
    with pytest.raises(IllegalTransition, match="Deze werkplek heeft geen vrije plaats meer"):
        runs_services.accept_proposal(proposal=second, actor=coordinator)
    assert Proposal.objects.get(pk=second.pk).status == Proposal.Status.OPEN
    assert Learner.objects.get(pk=second.learner_id).status == Learner.Status.SEARCHING


def test_a_learner_who_stopped_searching_is_refused(people, coordinator):
    proposal = _open(people["workplace"])
    Learner.objects.filter(pk=proposal.learner_id).update(status=Learner.Status.SCREENED)
    with pytest.raises(IllegalTransition, match="Alleen een jongere die zoekt"):
        runs_services.accept_proposal(proposal=proposal, actor=coordinator)
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.OPEN


def test_bulk_accept_reports_per_proposal(coordinator):
    run = MatchingRunFactory()
    small = WorkplaceFactory(places=1)
    roomy = WorkplaceFactory(places=2)
    first, second = _open(small, run=run), _open(small, run=run)
    third = _open(roomy, run=run)

    outcomes = runs_services.accept_proposals(proposals=[first, second, third], actor=coordinator)

    assert [(o.proposal.pk, o.ok) for o in outcomes] == [
        (first.pk, True),
        (second.pk, False),
        (third.pk, True),
    ]
    assert "geen vrije plaats meer" in outcomes[1].message
    statuses = dict(Proposal.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "proposed", second.pk: "open", third.pk: "proposed"}


def test_a_closed_workplace_takes_no_proposal(people, coordinator):
    proposal = _open(people["workplace"])
    Workplace.objects.filter(pk=people["workplace"].pk).update(status=Workplace.Status.CLOSED)
    with pytest.raises(IllegalTransition, match="geen vrije plaats meer"):
        runs_services.accept_proposal(proposal=proposal, actor=coordinator)


# The workflow


def _move(proposal, action, actor, **params):
    return runs_services.move_proposal(proposal=proposal, action=action, actor=actor, **params)


def test_the_whole_way_to_a_running_and_ended_agreement(people, coordinator):
    proposal = accepted_proposal(provider=people["school"], workplace=people["workplace"])
    day = TODAY + timedelta(days=4)

    _move(proposal, "plan_introduction", coordinator, on=day, note="Bij de mentor")
    assert Learner.objects.get(pk=proposal.learner_id).status == Learner.Status.INTRODUCTION
    _move(proposal, "plan_introduction", coordinator, on=day + timedelta(days=1))  # moved
    _move(proposal, "start_trial", coordinator)
    assert Learner.objects.get(pk=proposal.learner_id).status == Learner.Status.INTRODUCTION
    assert with_free_places().get(pk=people["workplace"].pk).free == 0  # the trial holds it

    proposal = _move(
        proposal, "sign", coordinator, agreement_type="oao", start_date=TODAY, hours_per_week=28
    )
    agreement = Agreement.objects.get()
    assert proposal.agreement == agreement
    assert (agreement.type, agreement.hours_per_week, agreement.workplace) == (
        "oao",
        28,
        people["workplace"],
    )
    assert Learner.objects.get(pk=proposal.learner_id).status == Learner.Status.AGREEMENT
    assert with_free_places().get(pk=people["workplace"].pk).taken == 1  # not counted twice

    _move(proposal, "start_running", coordinator)
    assert Agreement.objects.get().status == Agreement.Status.RUNNING
    assert Learner.objects.get(pk=proposal.learner_id).status == Learner.Status.RUNNING

    proposal = _move(proposal, "end", coordinator, reason="Diploma behaald")
    assert proposal.status == Proposal.Status.ENDED
    assert Agreement.objects.get().end_reason == "Diploma behaald"
    assert Learner.objects.get(pk=proposal.learner_id).status == Learner.Status.ENDED

    steps = list(proposal.transitions.values_list("from_status", "to_status", "note"))
    assert steps == [
        ("proposed", "introduction", "Bij de mentor"),
        ("introduction", "introduction", ""),
        ("introduction", "trial", ""),
        ("trial", "agreement", ""),
        ("agreement", "running", ""),
        ("running", "ended", "Diploma behaald"),
    ]
    assert proposal.introduction_on == day + timedelta(days=1)


def test_every_step_mails_the_contacts(people, coordinator, django_capture_on_commit_callbacks):
    proposal = accepted_proposal(provider=people["school"], workplace=people["workplace"])
    _move(proposal, "plan_introduction", coordinator, on=date_in(3))
    _move(proposal, "start_trial", coordinator)
    assert OutboxMessage.objects.count() == 2 * 4
    intro = OutboxMessage.objects.filter(subject__endswith="Kennismaking gepland").first()
    assert f"gepland op {date_in(3):%d/%m/%Y}" in intro.body_text


def date_in(days):
    return TODAY + timedelta(days=days)


def test_declining_sends_the_learner_back_and_may_exclude_the_company(people, coordinator):
    proposal = accepted_proposal(provider=people["school"], workplace=people["workplace"])
    _move(proposal, "plan_introduction", coordinator, on=date_in(2))

    proposal = _move(
        proposal, "decline", coordinator, reason="Klikte niet met de mentor", exclude_company=True
    )

    assert proposal.status == Proposal.Status.DECLINED
    assert Learner.objects.get(pk=proposal.learner_id).status == Learner.Status.SEARCHING
    exclusion = MatchExclusion.objects.get()
    assert (exclusion.company, exclusion.reason) == (people["company"], "Klikte niet met de mentor")
    assert with_free_places().get(pk=people["workplace"].pk).free == 1  # the place is free again


def test_declining_without_exclusion_keeps_the_company(people, coordinator):
    proposal = accepted_proposal(workplace=people["workplace"])
    _move(proposal, "decline", coordinator, reason="Verhuisd")
    assert not MatchExclusion.objects.exists()


@pytest.mark.parametrize(
    ("status", "action", "params", "message"),
    [
        ("proposed", "start_trial", {}, "Een proefperiode volgt op de kennismaking"),
        ("proposed", "sign", {}, "Een overeenkomst volgt op de kennismaking"),
        ("proposed", "start_running", {}, "Alleen een ondertekende overeenkomst"),
        ("proposed", "end", {"reason": "x"}, "Alleen een overeenkomst die ondertekend"),
        ("proposed", "plan_introduction", {}, "Kies de datum van de kennismaking"),
        ("proposed", "decline", {"reason": "  "}, "Geef de reden waarom het afsprong"),
        ("declined", "plan_introduction", {"on": TODAY}, "Een kennismaking plan je na"),
        ("declined", "decline", {"reason": "x"}, "Afspringen kan tussen"),
        ("open", "plan_introduction", {"on": TODAY}, "Een kennismaking plan je na"),
        ("proposed", "fly", {}, "Onbekende stap"),
    ],
)
def test_illegal_steps_are_refused_and_change_nothing(
    people, coordinator, status, action, params, message
):
    proposal = accepted_proposal(workplace=people["workplace"])
    fields = {"status": status}
    if status == "declined":
        fields["end_reason"] = "Verhuisd"
    Proposal.objects.filter(pk=proposal.pk).update(**fields)

    with pytest.raises(IllegalTransition, match=message):
        _move(proposal, action, coordinator, **params)

    assert Proposal.objects.get(pk=proposal.pk).status == status
    assert not ProposalTransition.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_wrong_agreement_is_refused_and_nothing_changes(people, coordinator):
    proposal = accepted_proposal(workplace=people["workplace"])
    _move(proposal, "plan_introduction", coordinator, on=date_in(1))
    with pytest.raises(ValidationError, match="minstens 20 uur"):
        _move(
            proposal, "sign", coordinator, agreement_type="oao", start_date=TODAY, hours_per_week=12
        )
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.INTRODUCTION
    assert Learner.objects.get(pk=proposal.learner_id).status == Learner.Status.INTRODUCTION
    assert not Agreement.objects.exists()


def test_an_exclusion_is_refused_twice_and_needs_a_reason(people, coordinator):
    proposal = accepted_proposal(workplace=people["workplace"])
    learner, company = proposal.learner, people["company"]
    with pytest.raises(ValidationError):
        runs_services.exclude_company(
            learner=learner, company=company, reason=" ", actor=coordinator
        )
    runs_services.exclude_company(learner=learner, company=company, reason="Nee", actor=coordinator)
    with pytest.raises(ValidationError, match="al uitgesloten"):
        runs_services.exclude_company(
            learner=learner, company=company, reason="Nee", actor=coordinator
        )
    with pytest.raises(ValidationError, match="Kies een onderneming"):
        runs_services.exclude_company(
            learner=learner, company=people["school"], reason="Nee", actor=coordinator
        )
