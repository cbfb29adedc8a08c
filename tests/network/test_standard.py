import pytest

from network.meetings.standard import ensure_standard_bodies
from network.models import Body

pytestmark = pytest.mark.django_db


def test_missing_standard_bodies_come_back_once():
    Body.objects.filter(slug="pof").delete()
    assert ensure_standard_bodies() == 1
    assert Body.objects.get(slug="pof").kind == Body.Kind.POF
    assert ensure_standard_bodies() == 0
