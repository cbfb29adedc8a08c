import pytest

from matchmaking.models import Agreement, Workplace
from matchmaking.runs.capacity import open_workplaces_with_free_places, with_free_places
from tests.matchmaking import factories as mf

pytestmark = pytest.mark.django_db


def test_free_places_count_only_current_agreements():
    workplace = mf.WorkplaceFactory(places=3)
    mf.AgreementFactory(workplace=workplace, site=workplace.site, programme=workplace.programme)
    ended = mf.AgreementFactory(
        workplace=workplace, site=workplace.site, programme=workplace.programme
    )
    Agreement.objects.filter(pk=ended.pk).update(
        status=Agreement.Status.ENDED, end_reason="stopgezet", end_date=ended.start_date
    )
    row = with_free_places().get(pk=workplace.pk)
    assert (row.taken, row.free) == (1, 2)


def test_a_full_or_closed_workplace_is_not_open():
    full = mf.WorkplaceFactory(places=1)
    mf.AgreementFactory(workplace=full, site=full.site, programme=full.programme)
    closed = mf.WorkplaceFactory(places=2)
    Workplace.objects.filter(pk=closed.pk).update(status=Workplace.Status.CLOSED)
    free = mf.WorkplaceFactory(places=2)
    assert list(open_workplaces_with_free_places().values_list("pk", flat=True)) == [free.pk]
