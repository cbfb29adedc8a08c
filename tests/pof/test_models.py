"""Programmatie requests: the deadline, the workflow to an advice, and its invariants."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from network.models import IllegalTransition
from pof.models import ProgrammatieRequest, request_deadline
from tests.factories import SiteFactory
from tests.network.factories import AgendaItemFactory, ProgrammatieRequestFactory

pytestmark = pytest.mark.django_db

S = ProgrammatieRequest.Status


def test_the_deadline_is_30_november_of_the_year_before(settings):
    assert request_deadline("2027-2028") == date(2026, 11, 30)
    settings.POF_REQUEST_DEADLINE = "15-10"
    assert request_deadline("2027-2028") == date(2026, 10, 15)


@pytest.mark.parametrize("value", ["2027", "2027-2029", "27-28", ""])
def test_a_school_year_is_written_as_two_following_years(value):
    request = ProgrammatieRequestFactory.build(school_year=value)
    with pytest.raises(ValidationError) as error:
        request.full_clean(exclude=["provider", "site", "programme"])
    assert "2027-2028" in str(error.value)


def test_submitting_after_the_deadline_is_refused_with_the_date():
    request = ProgrammatieRequestFactory(school_year="2027-2028")
    with pytest.raises(IllegalTransition) as error:
        request.submit(by=None, today=date(2026, 12, 1))
    assert "30/11/2026" in str(error.value)
    assert request.status == S.DRAFT
    request.submit(by=None, today=date(2026, 11, 30))
    assert request.status == S.SUBMITTED and request.submitted_at


def test_from_submitted_to_forwarded():
    request = ProgrammatieRequestFactory(school_year="2027-2028")
    request.submit(by=None, today=date(2026, 10, 1))
    item = AgendaItemFactory()
    request.put_on_agenda(session=item.meeting, item=item)
    with pytest.raises(IllegalTransition, match="Motiveer"):
        request.record_advice(advice="positive", motivation=" ")
    request.record_advice(advice="conditional", motivation="Als er drie leerwerkplekken zijn.")
    request.forward()
    request.save()
    assert request.status == S.FORWARDED
    with pytest.raises(IllegalTransition, match="niet meer intrekken"):
        request.withdraw()


def test_advice_only_after_submitting():
    request = ProgrammatieRequestFactory()
    with pytest.raises(IllegalTransition):
        request.record_advice(advice="positive", motivation="Goed")


def test_the_database_refuses_an_advised_request_without_advice():
    request = ProgrammatieRequestFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammatieRequest.objects.filter(pk=request.pk).update(status=S.ADVISED)


def test_one_request_per_site_programme_and_year_unless_withdrawn():
    request = ProgrammatieRequestFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammatieRequestFactory(
            provider=request.provider, site=request.site, programme=request.programme
        )
    request.withdraw()
    request.save()
    ProgrammatieRequestFactory(
        provider=request.provider, site=request.site, programme=request.programme
    )


def test_the_site_belongs_to_the_provider():
    request = ProgrammatieRequestFactory()
    request.site = SiteFactory()
    with pytest.raises(ValidationError, match="hoort niet bij"):
        request.full_clean()
