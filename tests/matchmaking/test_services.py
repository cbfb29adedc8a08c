"""Matchmaking services: validated writes with an actor, history and the learner access log."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matchmaking.candidates import services as candidate_services
from matchmaking.companies import services as company_services
from matchmaking.learners import services as learner_services
from matchmaking.models import (
    CandidateCompany,
    IllegalTransition,
    Learner,
    LearnerAccess,
    Recognition,
    Workplace,
)
from tests.factories import CompanyFactory, PostcodeFactory, ProgrammeFactory, SchoolFactory
from tests.matchmaking.factories import (
    CandidateCompanyFactory,
    CompanySiteFactory,
    LearnerFactory,
    RecognitionFactory,
    WorkplaceFactory,
    years_ago,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _learner_fields(**overrides):
    fields = {
        "first_name": "Lotte",
        "last_name": "Declercq",
        "birth_date": years_ago(16),
        "postcode": PostcodeFactory(code="8800", locality="Roeselare"),
        "provider": SchoolFactory(),
        "parent_name": "An Declercq",
        "parent_phone": "051 00 00 00",
        "max_distance_km": 20,
    }
    return {**fields, **overrides}


# Learners


def test_register_learner_keeps_wishes_in_order_and_logs_the_creation(coordinator):
    first, second = ProgrammeFactory(), ProgrammeFactory()
    learner = learner_services.register_learner(
        actor=coordinator, programmes=[second, first], **_learner_fields()
    )
    assert [(w.rank, w.programme) for w in learner.wishes.order_by("rank")] == [
        (1, second),
        (2, first),
    ]
    assert learner.history.get().history_user == coordinator
    access = learner.accesses.get()
    assert (access.user, access.action) == (coordinator, LearnerAccess.Action.CREATE)


def test_register_learner_refuses_a_minor_without_parents(coordinator):
    with pytest.raises(ValidationError) as error:
        learner_services.register_learner(
            actor=coordinator, **_learner_fields(parent_name="", parent_phone="")
        )
    assert "parent_name" in error.value.message_dict
    assert not Learner.objects.exists()


def test_register_learner_refuses_a_programme_twice(coordinator):
    programme = ProgrammeFactory()
    with pytest.raises(ValidationError, match="maar één keer"):
        learner_services.register_learner(
            actor=coordinator, programmes=[programme, programme], **_learner_fields()
        )
    assert not Learner.objects.exists()  # the whole registration is rolled back


def test_update_learner_records_history_and_access(coordinator):
    learner = LearnerFactory()
    programme = ProgrammeFactory()
    learner_services.update_learner(
        learner=learner, actor=coordinator, max_distance_km=35, programmes=[programme]
    )
    learner.refresh_from_db()
    assert learner.max_distance_km == 35
    assert list(learner.wished_programmes.all()) == [programme]
    assert learner.history.first().history_user == coordinator
    assert learner.accesses.get().what == "max_distance_km"


def test_update_learner_does_not_change_the_status(coordinator):
    learner = LearnerFactory()
    with pytest.raises(ValidationError, match="statuswijziging"):
        learner_services.update_learner(learner=learner, actor=coordinator, status="running")
    learner.refresh_from_db()
    assert learner.status == Learner.Status.REGISTERED


def test_move_learner_applies_the_workflow(coordinator):
    learner = LearnerFactory()
    learner = learner_services.move_learner(
        learner=learner, action="screen", actor=coordinator, readiness="arbeidsrijp"
    )
    assert (learner.status, learner.screened_by) == ("screened", coordinator)
    learner = learner_services.move_learner(
        learner=learner, action="start_search", actor=coordinator
    )
    learner.refresh_from_db()
    assert learner.status == Learner.Status.SEARCHING
    assert learner.history.first().history_change_reason == "Zoekt een werkplek"


def test_move_learner_refuses_illegal_steps_and_unknown_actions(coordinator):
    learner = LearnerFactory()
    with pytest.raises(IllegalTransition):
        learner_services.move_learner(learner=learner, action="sign_agreement", actor=coordinator)
    with pytest.raises(IllegalTransition, match="Onbekende"):
        learner_services.move_learner(learner=learner, action="delete", actor=coordinator)
    learner.refresh_from_db()
    assert learner.status == Learner.Status.REGISTERED
    assert not learner.accesses.exists()


def test_record_learner_access(school_contact):
    learner = LearnerFactory()
    learner_services.record_learner_access(
        learner=learner, user=school_contact, what="detailpagina"
    )
    access = learner.accesses.get()
    assert (access.user, access.action, access.what) == (school_contact, "view", "detailpagina")


# Recognitions and workplaces


def test_record_recognition_grants_the_requested_one(coordinator):
    requested = company_services.request_recognition(
        site=CompanySiteFactory(), programme=ProgrammeFactory(), actor=coordinator
    )
    granted = company_services.record_recognition(
        site=requested.site,
        programme=requested.programme,
        actor=coordinator,
        valid_from=TODAY,
        reference="ERK-2026-1",
    )
    assert granted.pk == requested.pk
    assert (granted.status, granted.reference) == ("recognised", "ERK-2026-1")


def test_request_recognition_refuses_a_school_site(coordinator):
    from tests.factories import SiteFactory

    with pytest.raises(ValidationError, match="onderneming kan erkend worden"):
        company_services.request_recognition(
            site=SiteFactory(), programme=ProgrammeFactory(), actor=coordinator
        )


def test_create_workplace_only_where_recognised(company_contact):
    site, programme = CompanySiteFactory(), ProgrammeFactory()
    with pytest.raises(ValidationError, match="geen geldige erkenning"):
        company_services.create_workplace(
            site=site, programme=programme, actor=company_contact, start_date=TODAY
        )
    RecognitionFactory(site=site, programme=programme)
    workplace = company_services.create_workplace(
        site=site, programme=programme, actor=company_contact, start_date=TODAY, places=3
    )
    assert (workplace.status, workplace.places) == ("open", 3)
    assert workplace.history.get().history_user == company_contact


def test_update_workplace_rechecks_the_recognition(coordinator):
    workplace = WorkplaceFactory()
    Recognition.objects.filter(site=workplace.site).update(valid_until=TODAY + timedelta(days=10))
    with pytest.raises(ValidationError, match="geen geldige erkenning"):
        company_services.update_workplace(
            workplace=workplace, actor=coordinator, start_date=TODAY + timedelta(days=60)
        )
    with pytest.raises(ValidationError, match="wijzig je hier niet"):
        company_services.update_workplace(workplace=workplace, actor=coordinator, status="closed")


def test_move_workplace(coordinator):
    workplace = company_services.move_workplace(
        workplace=WorkplaceFactory(), action="mark_full", actor=coordinator
    )
    assert Workplace.objects.get(pk=workplace.pk).status == "full"
    with pytest.raises(IllegalTransition, match="Onbekende"):
        company_services.move_workplace(workplace=workplace, action="delete", actor=coordinator)


def test_expired_recognitions_close_their_workplaces_once():
    lapsed = WorkplaceFactory(start_date=TODAY)
    Recognition.objects.filter(site=lapsed.site).update(valid_until=TODAY - timedelta(days=1))
    full = WorkplaceFactory(site=lapsed.site, programme=ProgrammeFactory(), status="full")
    Recognition.objects.filter(site=full.site, programme=full.programme).update(
        valid_until=TODAY - timedelta(days=1)
    )
    kept = WorkplaceFactory()
    assert company_services.close_workplaces_of_expired_recognitions() == 2
    assert company_services.close_workplaces_of_expired_recognitions() == 0  # idempotent
    statuses = dict(Workplace.objects.values_list("pk", "status"))
    assert statuses == {lapsed.pk: "closed", full.pk: "closed", kept.pk: "open"}
    assert set(Recognition.objects.values_list("status", flat=True)) == {"expired", "recognised"}


def test_withdrawing_a_recognition_closes_its_workplaces(coordinator):
    workplace = WorkplaceFactory()
    recognition = Recognition.objects.get(site=workplace.site)
    assert company_services.withdraw_recognition(recognition=recognition, actor=coordinator) == 1
    workplace.refresh_from_db()
    assert workplace.status == "closed"


def test_recognitions_expiring_within():
    soon = RecognitionFactory(valid_until=TODAY + timedelta(days=20))
    RecognitionFactory(valid_until=TODAY + timedelta(days=200))
    assert list(company_services.recognitions_expiring_within(days=30)) == [soon]
    assert list(company_services.recognitions_expiring_within(days=10)) == []


# Candidate companies


def _candidate_fields(**overrides):
    return {
        "company_name": "Schrijnwerkerij Vandamme",
        "enterprise_number": "0123.456.749",
        "postcode": PostcodeFactory(),
        "contact_first_name": "Piet",
        "contact_last_name": "Vandamme",
        "contact_email": "piet@vandamme.be",
        "consent_given_at": timezone.now(),
        **overrides,
    }


def test_register_candidate_company():
    programme = ProgrammeFactory()
    candidate = candidate_services.register_candidate_company(
        programmes=[programme], **_candidate_fields()
    )
    assert candidate.enterprise_number == "0123456749"
    assert list(candidate.programmes.all()) == [programme]
    assert candidate.status == CandidateCompany.Status.NEW


def test_register_candidate_company_needs_consent_and_a_real_number():
    with pytest.raises(ValidationError, match="Zonder toestemming"):
        candidate_services.register_candidate_company(**_candidate_fields(consent_given_at=None))
    with pytest.raises(ValidationError, match="controlecijfers"):
        candidate_services.register_candidate_company(
            **_candidate_fields(enterprise_number="0123456789")
        )
    assert not CandidateCompany.objects.exists()


def test_move_candidate(coordinator):
    candidate = CandidateCompanyFactory()
    candidate = candidate_services.move_candidate(
        candidate=candidate, action="not_pursue", actor=coordinator, reason="Geen mentor"
    )
    assert CandidateCompany.objects.get(pk=candidate.pk).status == "not_pursued"
    with pytest.raises(IllegalTransition, match="Alleen een nieuwe kandidaat"):
        candidate_services.move_candidate(
            candidate=candidate, action="mark_contacted", actor=coordinator
        )


def test_refer_candidate_records_the_hand_over(coordinator):
    candidate = CandidateCompanyFactory()
    schools = [SchoolFactory(), SchoolFactory()]
    referral = candidate_services.refer_candidate(
        candidate=candidate, providers=schools, actor=coordinator
    )
    assert set(referral.providers.all()) == set(schools)
    assert (referral.referred_by, referral.referred_on) == (coordinator, TODAY)


def test_refer_candidate_refusals(coordinator):
    candidate = CandidateCompanyFactory()
    with pytest.raises(ValidationError, match="minstens één"):
        candidate_services.refer_candidate(candidate=candidate, providers=[], actor=coordinator)
    with pytest.raises(ValidationError, match="Alleen opleidingsverstrekkers"):
        candidate_services.refer_candidate(
            candidate=candidate, providers=[CompanyFactory()], actor=coordinator
        )
    candidate.not_pursue(reason="Stopt ermee")
    candidate.save()
    with pytest.raises(IllegalTransition, match="al afgesloten"):
        candidate_services.refer_candidate(
            candidate=candidate, providers=[SchoolFactory()], actor=coordinator
        )
    assert not candidate.referrals.exists()


def test_refer_candidate_mails_the_active_contacts_through_the_outbox(coordinator):
    from steunpunt.core.models import OutboxMessage
    from tests.factories import MembershipFactory, PersonFactory

    school = SchoolFactory()
    MembershipFactory(organisation=school, person=PersonFactory(email="tb@school.be"))
    MembershipFactory(
        organisation=school, person=PersonFactory(email="weg@school.be"), ended_on=TODAY
    )
    MembershipFactory(organisation=school, person=PersonFactory(email=""))
    programme = ProgrammeFactory(name="Elektrische installaties duaal")
    candidate = CandidateCompanyFactory(company_name="Elektro Deprez", contact_phone="056 11 22 33")
    candidate.programmes.set([programme])

    referral = candidate_services.refer_candidate(
        candidate=candidate, providers=[school], actor=coordinator, note="Zoekt 2 leerlingen"
    )

    assert referral.mailed == 1
    mail = OutboxMessage.objects.get()
    assert mail.recipient_email == "tb@school.be"
    assert mail.batch == f"matchmaking-candidate-referral-{referral.pk}"
    assert mail.subject == "Een onderneming wil leerwerkplek worden: Elektro Deprez"
    for expected in ("Elektrische installaties duaal", "056 11 22 33", "Zoekt 2 leerlingen"):
        assert expected in mail.body_text
        assert expected in mail.body_html
