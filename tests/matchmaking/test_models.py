"""Matchmaking models: database constraints, status transitions (legal and refused) and the
Dutch validation messages."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from matchmaking.models import (
    CandidateCompany,
    IllegalTransition,
    Learner,
    LearnerWish,
    Recognition,
    Workplace,
    age_on,
)
from tests.factories import CompanyFactory, PartnerFactory, ProgrammeFactory, SiteFactory
from tests.matchmaking.factories import (
    CandidateCompanyFactory,
    CompanySiteFactory,
    LearnerFactory,
    LearnerWishFactory,
    RecognitionFactory,
    WorkplaceFactory,
    years_ago,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _violates(name, create, *, columns=""):
    """PostgreSQL names the constraint; SQLite names the columns of a unique one."""
    pattern = f"{name}|{columns}" if columns else name
    with pytest.raises(IntegrityError, match=pattern), transaction.atomic():
        create()


def _messages(error: ValidationError, field: str) -> list[str]:
    return error.value.message_dict[field]


# Learners: validation


def test_age_counts_birthdays():
    birth = TODAY.replace(year=TODAY.year - 18) + timedelta(days=1)
    assert age_on(birth, TODAY) == 17
    assert age_on(birth - timedelta(days=1), TODAY) == 18


def test_a_minor_needs_a_parents_contact():
    learner = LearnerFactory.build(
        provider=LearnerFactory().provider,
        postcode=LearnerFactory().postcode,
        parent_name="",
        parent_email="",
        parent_phone="",
    )
    with pytest.raises(ValidationError) as error:
        learner.full_clean()
    assert _messages(error, "parent_name") == [
        "Voor een minderjarige is de naam van een ouder of voogd verplicht."
    ]
    assert "e-mailadres of telefoon van een ouder" in _messages(error, "parent_email")[0]


def test_an_adult_needs_no_parents_contact():
    existing = LearnerFactory()
    learner = LearnerFactory.build(
        provider=existing.provider,
        postcode=existing.postcode,
        birth_date=years_ago(19),
        parent_name="",
        parent_email="",
    )
    learner.full_clean()  # no error


def test_the_provider_is_a_school_and_the_site_is_its_own():
    existing = LearnerFactory()
    learner = LearnerFactory.build(
        provider=CompanyFactory(), postcode=existing.postcode, provider_site=SiteFactory()
    )
    with pytest.raises(ValidationError) as error:
        learner.full_clean()
    assert _messages(error, "provider") == [
        "Kies een school of centrum, geen onderneming of partner."
    ]
    assert _messages(error, "provider_site") == [
        "Deze vestigingsplaats hoort niet bij de gekozen opleidingsverstrekker."
    ]


def test_a_birth_date_in_the_future_is_refused():
    existing = LearnerFactory()
    learner = LearnerFactory.build(
        provider=existing.provider,
        postcode=existing.postcode,
        birth_date=TODAY + timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        learner.full_clean()
    assert _messages(error, "birth_date") == ["Een geboortedatum ligt niet in de toekomst."]


# Learners: constraints


def test_learner_constraints_hold_in_the_database():
    learner = LearnerFactory()
    _violates(
        "matchmaking_learner_ended_has_reason",
        lambda: Learner.objects.filter(pk=learner.pk).update(status="ended", end_reason=""),
    )
    _violates(
        "matchmaking_learner_referred_has_target_and_reason",
        lambda: Learner.objects.filter(pk=learner.pk).update(
            status="referred", referral_reason="Past beter"
        ),
    )
    _violates(
        "matchmaking_learner_distance_positive",
        lambda: Learner.objects.filter(pk=learner.pk).update(max_distance_km=0),
    )
    _violates(
        "matchmaking_learner_consent_has_giver",
        lambda: Learner.objects.filter(pk=learner.pk).update(consent_given_by=""),
    )


def test_a_wish_is_unique_per_programme_and_per_rank():
    wish = LearnerWishFactory()
    _violates(
        "matchmaking_wish_programme_once",
        lambda: LearnerWish.objects.create(learner=wish.learner, programme=wish.programme, rank=2),
        columns="matchmaking_learnerwish.learner_id, matchmaking_learnerwish.programme_id",
    )
    _violates(
        "matchmaking_wish_rank_once",
        lambda: LearnerWish.objects.create(
            learner=wish.learner, programme=ProgrammeFactory(), rank=1
        ),
        columns="matchmaking_learnerwish.learner_id, matchmaking_learnerwish.rank",
    )
    _violates(
        "matchmaking_wish_rank_positive",
        lambda: LearnerWish.objects.create(
            learner=wish.learner, programme=ProgrammeFactory(), rank=0
        ),
    )


# Learners: transitions


def test_the_whole_learner_journey(coordinator):
    learner = LearnerFactory()
    learner.screen(readiness=Learner.Readiness.WORK_READY, by=coordinator)
    assert (learner.status, learner.screened_by, learner.screened_on) == (
        "screened",
        coordinator,
        TODAY,
    )
    for step, status in [
        (learner.start_search, "searching"),
        (learner.propose, "proposed"),
        (learner.plan_introduction, "introduction"),
        (learner.sign_agreement, "agreement"),
        (learner.start_running, "running"),
    ]:
        step()
        assert learner.status == status
    learner.end(reason="Kwalificatie behaald")
    assert (learner.status, learner.end_reason, learner.ended_on) == (
        "ended",
        "Kwalificatie behaald",
        TODAY,
    )
    learner.save()  # the row satisfies the constraints


def test_a_proposal_that_falls_through_sends_the_learner_back_to_searching():
    learner = LearnerFactory(status=Learner.Status.PROPOSED, readiness="arbeidsbereid")
    learner.start_search()
    assert learner.status == Learner.Status.SEARCHING


@pytest.mark.parametrize(
    ("status", "step", "message"),
    [
        ("registered", "propose", "Alleen een jongere die zoekt, krijgt een voorstel."),
        ("searching", "plan_introduction", "Een kennismaking volgt op een voorstel."),
        ("proposed", "sign_agreement", "Een overeenkomst volgt op een kennismaking."),
        ("introduction", "start_running", "Alleen een jongere met een overeenkomst kan starten"),
        ("running", "start_search", "Alleen een gescreende jongere"),
    ],
)
def test_skipping_a_step_is_refused(status, step, message):
    learner = LearnerFactory(status=status, readiness="arbeidsrijp")
    with pytest.raises(IllegalTransition, match=message):
        getattr(learner, step)()
    assert learner.status == status


def test_searching_needs_readiness_and_consent():
    learner = LearnerFactory(status="screened", readiness=Learner.Readiness.NOT_READY)
    with pytest.raises(IllegalTransition, match="arbeidsrijpe of arbeidsbereide"):
        learner.start_search()
    learner = LearnerFactory(
        status="screened", readiness="arbeidsrijp", consent_given_on=None, consent_given_by=""
    )
    with pytest.raises(IllegalTransition, match="Zonder toestemming"):
        learner.start_search()
    assert learner.status == "screened"


def test_screening_needs_a_result(coordinator):
    learner = LearnerFactory()
    with pytest.raises(IllegalTransition, match="Kies het resultaat"):
        learner.screen(readiness=Learner.Readiness.NOT_SCREENED, by=coordinator)


def test_ending_and_referring_need_a_reason_and_an_open_file():
    learner = LearnerFactory(status="searching")
    with pytest.raises(IllegalTransition, match="reden van de beëindiging"):
        learner.end(reason="  ")
    with pytest.raises(IllegalTransition, match="partnerorganisatie of een traject"):
        learner.refer(reason="Welzijn eerst")
    with pytest.raises(IllegalTransition, match="alleen naar een partnerorganisatie"):
        learner.refer(reason="Welzijn eerst", to=CompanyFactory())
    partner = PartnerFactory()
    learner.refer(reason="Welzijn eerst", to=partner)
    learner.save()
    assert (learner.status, learner.referred_to) == ("referred", partner)
    with pytest.raises(IllegalTransition, match="al beëindigd of doorverwezen"):
        learner.end(reason="Toch gestopt")


def test_a_learner_can_be_referred_to_a_pathway():
    learner = LearnerFactory(status="registered")
    learner.refer(reason="Eerst aanloopfase", pathway=Learner.Pathway.AANLOOPFASE)
    learner.save()
    assert learner.status == "referred"


def test_every_change_of_a_learner_is_in_the_history():
    learner = LearnerFactory()
    learner.notes = "Belde op maandag"
    learner.save()
    assert learner.history.count() == 2
    assert learner.history.first().notes == "Belde op maandag"


# Recognitions


def test_only_a_company_site_can_be_recognised():
    recognition = Recognition(site=SiteFactory(), programme=ProgrammeFactory())
    with pytest.raises(ValidationError) as error:
        recognition.full_clean()
    assert _messages(error, "site") == [
        "Alleen een vestigingsplaats van een onderneming kan erkend worden."
    ]


def test_recognition_dates_are_checked():
    recognition = RecognitionFactory.build(
        site=CompanySiteFactory(),
        programme=ProgrammeFactory(),
        valid_until=TODAY - timedelta(days=400),
    )
    with pytest.raises(ValidationError) as error:
        recognition.full_clean()
    assert _messages(error, "valid_until") == ["De einddatum ligt na de begindatum."]


def test_recognition_constraints_hold_in_the_database():
    recognition = RecognitionFactory()
    _violates(
        "matchmaking_recognition_one_active_per_site_programme",
        lambda: Recognition.objects.create(site=recognition.site, programme=recognition.programme),
        columns="matchmaking_recognition.site_id, matchmaking_recognition.programme_id",
    )
    _violates(
        "matchmaking_recognition_reference_unique",
        lambda: RecognitionFactory(reference=recognition.reference),
        columns="matchmaking_recognition.reference",
    )
    _violates(
        "matchmaking_recognition_until_after_from",
        lambda: Recognition.objects.filter(pk=recognition.pk).update(
            valid_until=TODAY - timedelta(days=800)
        ),
    )
    _violates(
        "matchmaking_recognition_recognised_has_start",
        lambda: Recognition.objects.filter(pk=recognition.pk).update(valid_from=None),
    )


def test_an_expired_recognition_does_not_block_a_new_request():
    recognition = RecognitionFactory(status=Recognition.Status.EXPIRED)
    again = Recognition.objects.create(site=recognition.site, programme=recognition.programme)
    assert again.status == Recognition.Status.REQUESTED


def test_recognition_transitions():
    recognition = RecognitionFactory(status="requested", valid_from=None, valid_until=None)
    with pytest.raises(IllegalTransition, match="Alleen een toegekende erkenning kan verlopen"):
        recognition.expire()
    with pytest.raises(IllegalTransition, match="einddatum ligt na de begindatum"):
        recognition.recognise(valid_from=TODAY, valid_until=TODAY - timedelta(days=1))
    recognition.recognise(valid_from=TODAY, reference="ERK-1")
    assert recognition.is_valid_on(TODAY + timedelta(days=5000))  # no end date
    assert not recognition.is_valid_on(TODAY - timedelta(days=1))
    with pytest.raises(IllegalTransition, match="Alleen een aangevraagde erkenning"):
        recognition.recognise(valid_from=TODAY)
    recognition.expire()
    with pytest.raises(IllegalTransition, match="niet meer intrekken"):
        recognition.withdraw()


def test_valid_on_and_expiring_within():
    soon = RecognitionFactory(valid_until=TODAY + timedelta(days=10))
    later = RecognitionFactory(valid_until=TODAY + timedelta(days=100))
    RecognitionFactory(valid_until=TODAY - timedelta(days=1))  # already lapsed
    RecognitionFactory(status="withdrawn")
    assert list(Recognition.objects.expiring_within(30)) == [soon]
    assert set(Recognition.objects.valid_on(TODAY)) == {soon, later}


# Workplaces


def test_a_workplace_needs_a_valid_recognition():
    workplace = Workplace(
        site=CompanySiteFactory(),
        programme=ProgrammeFactory(),
        start_date=TODAY + timedelta(days=10),
    )
    with pytest.raises(ValidationError, match="geen geldige erkenning voor deze opleiding"):
        workplace.full_clean()
    RecognitionFactory(
        site=workplace.site, programme=workplace.programme, valid_until=TODAY + timedelta(days=5)
    )
    with pytest.raises(ValidationError) as error:  # valid today, not on the start date
        workplace.full_clean()
    start = (TODAY + timedelta(days=10)).strftime("%d/%m/%Y")
    assert error.value.messages == [
        f"Deze vestigingsplaats heeft op {start} geen geldige erkenning voor deze opleiding."
    ]
    workplace.start_date = TODAY + timedelta(days=5)
    workplace.full_clean()


def test_a_requested_recognition_is_not_enough():
    recognition = RecognitionFactory(status="requested", valid_from=None, valid_until=None)
    workplace = Workplace(site=recognition.site, programme=recognition.programme, start_date=TODAY)
    with pytest.raises(ValidationError, match="geen geldige erkenning"):
        workplace.full_clean()


def test_workplace_constraints_hold_in_the_database():
    workplace = WorkplaceFactory()
    _violates(
        "matchmaking_workplace_places",
        lambda: Workplace.objects.filter(pk=workplace.pk).update(places=0),
    )
    _violates(
        "matchmaking_workplace_hours_per_week",
        lambda: Workplace.objects.filter(pk=workplace.pk).update(hours_per_week=41),
    )


def test_workplace_transitions():
    workplace = WorkplaceFactory()
    with pytest.raises(IllegalTransition, match="al open"):
        workplace.reopen()
    workplace.mark_full()
    with pytest.raises(IllegalTransition, match="Alleen een open werkplek"):
        workplace.mark_full()
    workplace.reopen()
    workplace.close()
    with pytest.raises(IllegalTransition, match="al gesloten"):
        workplace.close()
    Recognition.objects.filter(site=workplace.site).update(status="withdrawn")
    with pytest.raises(ValidationError, match="geen geldige erkenning"):
        workplace.reopen()
    assert workplace.status == Workplace.Status.CLOSED


# Candidate companies


def test_the_enterprise_number_is_validated_and_normalised():
    candidate = CandidateCompanyFactory.build(postcode=CandidateCompanyFactory().postcode)
    candidate.enterprise_number = "BE 0123.456.789"
    with pytest.raises(ValidationError) as error:
        candidate.full_clean()
    assert _messages(error, "enterprise_number") == [
        "Dit ondernemingsnummer bestaat niet: de controlecijfers kloppen niet."
    ]
    candidate.enterprise_number = "BE 0123.456.749"
    candidate.full_clean()
    assert candidate.enterprise_number == "0123456749"
    assert candidate.enterprise_number_display == "0123.456.749"


def test_candidate_pipeline():
    candidate = CandidateCompanyFactory()
    with pytest.raises(IllegalTransition, match="Eerst wordt de erkenning aangevraagd"):
        candidate.mark_recognised()
    candidate.mark_contacted()
    with pytest.raises(IllegalTransition, match="Alleen een nieuwe kandidaat"):
        candidate.mark_contacted()
    candidate.request_recognition()
    candidate.mark_recognised()
    assert candidate.status == CandidateCompany.Status.RECOGNISED
    with pytest.raises(IllegalTransition, match="al afgesloten"):
        candidate.not_pursue(reason="Geen interesse meer")


def test_not_pursuing_needs_a_reason():
    candidate = CandidateCompanyFactory()
    with pytest.raises(IllegalTransition, match="Geef de reden"):
        candidate.not_pursue(reason="")
    _violates(
        "matchmaking_candidate_not_pursued_has_reason",
        lambda: CandidateCompany.objects.filter(pk=candidate.pk).update(status="not_pursued"),
    )
    candidate.not_pursue(reason="Geen mentor beschikbaar")
    candidate.save()
    assert candidate.history.count() == 2
