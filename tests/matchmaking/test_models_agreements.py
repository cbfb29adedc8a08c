"""The agreement register: OAO from 20 hours a week, SAO below; one current agreement per
learner; the workplace must be the agreement's site and programme."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from matchmaking.models import Agreement, IllegalTransition
from tests.factories import ProgrammeFactory, SiteFactory
from tests.matchmaking.factories import AgreementFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db


def _violates(pattern, change):
    with pytest.raises(IntegrityError, match=pattern), transaction.atomic():
        change()


def test_hours_fit_the_type():
    agreement = AgreementFactory()
    agreement.hours_per_week = 16
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict["hours_per_week"] == [
        "Een OAO is minstens 20 uur per week; kies een SAO."
    ]
    agreement.type = Agreement.Type.SAO
    agreement.full_clean()
    agreement.hours_per_week = 24
    with pytest.raises(ValidationError, match="Een SAO is minder dan 20 uur"):
        agreement.full_clean()


def test_agreement_constraints_hold_in_the_database():
    agreement = AgreementFactory()
    rows = Agreement.objects.filter(pk=agreement.pk)
    _violates("matchmaking_agreement_oao_from_20_hours", lambda: rows.update(hours_per_week=10))
    _violates("matchmaking_agreement_sao_below_20_hours", lambda: rows.update(type="sao"))
    _violates(
        "matchmaking_agreement_end_after_start",
        lambda: rows.update(end_date=agreement.start_date - timedelta(days=1)),
    )
    _violates("matchmaking_agreement_ended_has_reason", lambda: rows.update(status="ended"))
    _violates(
        "matchmaking_agreement_one_current_per_learner|matchmaking_agreement.learner_id",
        lambda: AgreementFactory(learner=agreement.learner),
    )


def test_the_workplace_belongs_to_the_site_and_programme():
    agreement = AgreementFactory()
    agreement.programme = ProgrammeFactory()
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict["workplace"] == [
        "De werkplek hoort niet bij deze vestigingsplaats en opleiding."
    ]


def test_an_agreement_is_with_a_company_site():
    workplace = WorkplaceFactory()
    agreement = AgreementFactory.build(
        learner=AgreementFactory().learner,
        workplace=None,
        site=SiteFactory(),
        programme=workplace.programme,
    )
    with pytest.raises(ValidationError, match="vestigingsplaats van een onderneming"):
        agreement.full_clean()


def test_agreement_transitions():
    agreement = AgreementFactory()
    with pytest.raises(IllegalTransition, match="Geef de reden"):
        agreement.end(reason="")
    agreement.start()
    with pytest.raises(IllegalTransition, match="Alleen een ondertekende"):
        agreement.start()
    agreement.end(reason="Kwalificatie behaald")
    agreement.save()
    assert agreement.status == "ended"
    with pytest.raises(IllegalTransition, match="al beëindigd"):
        agreement.end(reason="Nog eens")
