"""`manage.py demo_moments` (make run): a final moment at the start of the school year and a
provisional one today, computed from the data; never when a moment exists already."""

from datetime import date
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from dashboard import services
from dashboard.models import FigureValue, MeasurementMoment
from steunpunt.core.figure_groups import school_year_start
from tests.factories import ProgrammeOfferFactory

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 23)


def test_two_computed_moments_of_which_the_first_is_final(monkeypatch):
    from dashboard.management.commands import demo_moments

    monkeypatch.setattr(demo_moments, "timezone", SimpleNamespace(localdate=lambda: DAY))
    ProgrammeOfferFactory()
    out = StringIO()
    call_command("demo_moments", stdout=out)
    start, today = MeasurementMoment.objects.order_by("date")
    assert (start.date, start.name, start.is_final) == (
        school_year_start(date(2026, 11, 23)),
        "Start schooljaar 2026–2027",
        True,
    )
    assert (today.date, today.name, today.is_final) == (
        date(2026, 11, 23),
        "23 november 2026",
        False,
    )
    for moment in (start, today):
        assert (
            FigureValue.objects.get(
                moment=moment,
                figure="core.providers_with_offer",
                subregion="",
                provider_type="",
                dimension="total",
            ).value
            == 1
        )
    assert "Start schooljaar 2026–2027" in out.getvalue()


def test_nothing_changes_when_a_moment_exists():
    services.create_moment(name="20 april 2025", date=date(2025, 4, 20), actor=None)
    out = StringIO()
    call_command("demo_moments", stdout=out)
    assert MeasurementMoment.objects.count() == 1
    assert "er verandert niets" in out.getvalue()
